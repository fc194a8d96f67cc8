"""Layered (Sugiyama-style) layout of a graph, top to bottom, with loops routed aside.

Stages: break cycles (depth-first from the reading order: an edge to a node still being
visited is a loop back), assign layers (longest path), add a waypoint per layer a long edge
crosses, order each layer by barycentre sweeps keeping the order with fewest crossings,
place x by least-squares alignment to neighbours under spacing constraints (pool adjacent
violators: exact and linear), then route edges orthogonally on tracks in the gaps between
layers. Loops leave below their source, rise in a lane right of every box they pass and
enter their target from above. Everything is ordered by reading order, so the same graph
gives the same coordinates.

Our own code rather than grandalf (the one pure-Python Sugiyama on PyPI): it is GPL/EPL
licensed, marked alpha, breaks cycles without regard to reading order, and has neither
edge labels nor orthogonal routing, which a flow chart needs; the stages here are short.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

from prdkit.diagrams.graph import Graph
from prdkit.diagrams.placed import Box, Label, Placed, Route, label_of, size

__all__ = ["layout"]

GAP_X = 22.0  # between neighbouring boxes
WAYPOINT = 6.0  # width a long edge takes in a layer it crosses
TRACK = 7.0  # between horizontal edge segments in one gap
GAP_MIN = 22.0  # height of a gap between layers
EDGE_MARGIN = 7.0
LABEL_SPACE = 3.0  # between a line and its label
MARGIN = 6.0  # around the whole picture
SWEEPS = 8


@dataclass(slots=True)
class _Item:
    """A node or a long edge's waypoint in one layer."""

    index: int  # node index, or -1 for a waypoint
    layer: int
    width: float
    left: float = 0.0  # extent left of x
    right: float = 0.0  # extent right of x (grows for a label beside the incoming line)
    x: float = 0.0
    up: list[tuple[int, float]] = field(default_factory=list)  # (item id, weight)
    down: list[tuple[int, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # edges whose label sits above this item


def layout(graph: Graph, max_width: float | None = None) -> Placed:
    """`graph` laid out top to bottom; nodes with the same id after the first are dropped.

    A tree wider than `max_width` becomes an indented outline.
    """
    from prdkit.diagrams.tree import forest, tree_layout

    if graph.kind == "tree" and forest(graph):
        return tree_layout(graph, max_width)
    return _Layered(graph).placed()


class _Layered:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.nodes = []
        self.index: dict[str, int] = {}
        for node in graph.nodes:
            if node.id not in self.index:
                self.index[node.id] = len(self.nodes)
                self.nodes.append(node)
        self.edges = [e for e in graph.edges if e.source in self.index and e.target in self.index]
        self.sizes = [size(n) for n in self.nodes]
        self.labels = [label_of(e.label) for e in self.edges]

    # ---- cycles and layers -------------------------------------------------------------

    def _back_edges(self) -> tuple[set[int], list[int]]:
        """Edges closing a cycle, and the depth-first visiting order of the nodes."""
        n = len(self.nodes)
        out: list[list[int]] = [[] for _ in range(n)]
        indegree = [0] * n
        for k, e in enumerate(self.edges):
            out[self.index[e.source]].append(k)
            indegree[self.index[e.target]] += 1
        state = [0] * n  # 0 unseen, 1 on the stack, 2 done
        back: set[int] = set()
        order: list[int] = []
        starts = [v for v in range(n) if indegree[v] == 0] + list(range(n))
        for start in starts:
            if state[start]:
                continue
            state[start] = 1
            order.append(start)
            stack = [(start, 0)]
            while stack:
                v, i = stack[-1]
                if i == len(out[v]):
                    state[v] = 2
                    stack.pop()
                    continue
                stack[-1] = (v, i + 1)
                k = out[v][i]
                t = self.index[self.edges[k].target]
                if state[t] == 1:
                    back.add(k)
                elif state[t] == 0:
                    state[t] = 1
                    order.append(t)
                    stack.append((t, 0))
        return back, order

    def _layers(self, back: set[int]) -> list[int]:
        n = len(self.nodes)
        succ: list[list[int]] = [[] for _ in range(n)]
        indegree = [0] * n
        for k, e in enumerate(self.edges):
            if k not in back:
                succ[self.index[e.source]].append(self.index[e.target])
                indegree[self.index[e.target]] += 1
        layer = [0] * n
        ready = [v for v in range(n) if indegree[v] == 0]
        heapq.heapify(ready)
        while ready:
            v = heapq.heappop(ready)
            for t in succ[v]:
                layer[t] = max(layer[t], layer[v] + 1)
                indegree[t] -= 1
                if indegree[t] == 0:
                    heapq.heappush(ready, t)
        return layer

    # ---- the layered graph -------------------------------------------------------------

    def _build(self) -> None:
        back, order = self._back_edges()
        self.back = back
        layer = self._layers(back)
        self.items: list[_Item] = []
        for v, _node in enumerate(self.nodes):
            w = self.sizes[v][0]
            self.items.append(_Item(v, layer[v], w, w / 2, w / 2))
        self.chains: dict[int, list[int]] = {}  # forward edge → items from source to target
        for k, e in enumerate(self.edges):
            if k in back:
                continue
            s, t = self.index[e.source], self.index[e.target]
            chain = [s]
            for lay in range(layer[s] + 1, layer[t]):
                self.items.append(_Item(-1, lay, WAYPOINT, WAYPOINT / 2, WAYPOINT / 2))
                chain.append(len(self.items) - 1)
            chain.append(t)
            self.chains[k] = chain
            for a, b in itertools.pairwise(chain):
                weight = 1.0 + 3.0 * (self.items[a].index < 0) + 3.0 * (self.items[b].index < 0)
                self.items[a].down.append((b, weight))
                self.items[b].up.append((a, weight))
            if self.labels[k][0]:
                self.items[chain[1]].labels.append(k)
        for item in self.items:  # a label beside the incoming line widens its item's right
            if item.labels:
                wide = max(self.labels[k][1] for k in item.labels)
                item.right = max(item.right, LABEL_SPACE + wide + 2)
        depth = max((it.layer for it in self.items), default=-1) + 1
        self.rows: list[list[int]] = [[] for _ in range(depth)]
        # First order: depth-first discovery, waypoints just after their source's subtree.
        rank = {v: r for r, v in enumerate(order)}
        keys: dict[int, float] = {}
        for item_id, item in enumerate(self.items):
            if item.index >= 0:
                keys[item_id] = rank[item.index]
        for chain in self.chains.values():
            for item_id in chain[1:-1]:
                keys[item_id] = keys[chain[0]] + 0.5
        for item_id in sorted(range(len(self.items)), key=lambda i: (keys[i], i)):
            self.rows[self.items[item_id].layer].append(item_id)

    # ---- ordering ----------------------------------------------------------------------

    def _crossings(self, rows: list[list[int]]) -> int:
        pos = {}
        for row in rows:
            for p, item_id in enumerate(row):
                pos[item_id] = p
        total = 0
        for row in rows[:-1]:
            pairs = sorted((pos[a], pos[b]) for a in row for b, _ in self.items[a].down)
            total += _inversions([b for _, b in pairs])
        return total

    def _order(self) -> None:
        best, best_count = [row[:] for row in self.rows], self._crossings(self.rows)
        rows = [row[:] for row in self.rows]
        for sweep in range(SWEEPS):
            downward = sweep % 2 == 0
            span = range(1, len(rows)) if downward else range(len(rows) - 2, -1, -1)
            for lay in span:
                near = rows[lay - 1] if downward else rows[lay + 1]
                pos = {item_id: p for p, item_id in enumerate(near)}
                keyed = []
                for p, item_id in enumerate(rows[lay]):
                    links = self.items[item_id].up if downward else self.items[item_id].down
                    # Nothing to align with: it stays where it is.
                    key = sum(pos[o] for o, _ in links) / len(links) if links else p
                    keyed.append((key, p, item_id))
                rows[lay] = [item_id for _, _, item_id in sorted(keyed)]
            count = self._crossings(rows)
            if count < best_count:
                best, best_count = [row[:] for row in rows], count
        self.rows = best

    # ---- x -----------------------------------------------------------------------------

    def _place_row(self, row: list[int], neighbours: str) -> None:
        desired, weights = [], []
        for item_id in row:
            item = self.items[item_id]
            links = getattr(item, neighbours) if neighbours != "both" else item.up + item.down
            total = sum(wt for _, wt in links)
            if total:
                desired.append(sum(self.items[o].x * wt for o, wt in links) / total)
                weights.append(total)
            else:
                desired.append(item.x)
                weights.append(0.01)
        offsets = [0.0]
        for a, b in itertools.pairwise(row):
            gap = self.items[a].right + self.items[b].left + GAP_X
            offsets.append(offsets[-1] + gap)
        xs = _isotonic([d - o for d, o in zip(desired, offsets, strict=True)], weights)
        for item_id, x, o in zip(row, xs, offsets, strict=True):
            self.items[item_id].x = x + o

    def _x(self) -> None:
        for row in self.rows:
            x = 0.0
            for item_id in row:
                item = self.items[item_id]
                x += item.left
                item.x = x
                x += item.right + GAP_X
        for sweep in range(6):
            if sweep % 2 == 0:
                for row in self.rows[1:]:
                    self._place_row(row, "up")
            else:
                for row in reversed(self.rows[:-1]):
                    self._place_row(row, "down")
        for row in self.rows:
            self._place_row(row, "both")
        self._straighten()
        low = min((it.x - it.left for it in self.items), default=0.0)
        for item in self.items:
            item.x += MARGIN - low

    def _straighten(self) -> None:
        # Least squares leaves near-vertical lines a hair off: snap them where room allows.
        for row in self.rows[1:]:
            for p, item_id in enumerate(row):
                item = self.items[item_id]
                for other, _ in item.up:
                    x = self.items[other].x
                    if x == item.x or abs(x - item.x) >= 1.0:
                        continue
                    if p > 0:
                        before = self.items[row[p - 1]]
                        if before.x + before.right + GAP_X > x - item.left:
                            continue
                    if p + 1 < len(row):
                        after = self.items[row[p + 1]]
                        if x + item.right + GAP_X > after.x - after.left:
                            continue
                    item.x = x
                    break

    # ---- y and routes ------------------------------------------------------------------

    def placed(self) -> Placed:
        """The finished layout."""
        if not self.nodes:
            return Placed(self.graph.kind, (), (), 0.0, 0.0)
        self._build()
        self._order()
        self._x()
        depth = len(self.rows)
        heights = [
            max(self.sizes[self.items[i].index][1] for i in row if self.items[i].index >= 0)
            if any(self.items[i].index >= 0 for i in row)
            else 0.0
            for row in self.rows
        ]
        # Tracks: horizontal runs in gap g (below layer g; g = -1 above the first layer).
        # Tracks: horizontal runs in gap g (below layer g; g = -1 above the first layer).
        # From the top of a gap: loops leaving (inner lanes first, so loops nest without
        # crossing), buses from a node to its successors (sharing tracks where they do not
        # meet), loops arriving (outer lanes first).
        buses: dict[int, list[tuple[float, float, object]]] = {g: [] for g in range(-1, depth)}
        for item_id, item in enumerate(self.items):
            targets = [self.items[b].x for b, _ in item.down]
            if any(t != item.x for t in targets):
                span = (min([*targets, item.x]), max([*targets, item.x]))
                buses[item.layer].append((*span, ("bus", item_id)))
        lanes = self._lanes()
        leaving: dict[int, list[object]] = {g: [] for g in range(-1, depth)}
        arriving: dict[int, list[object]] = {g: [] for g in range(-1, depth)}
        for k in sorted(lanes, key=lambda k: (lanes[k][0], k)):
            e = self.edges[k]
            leaving[self.items[self.index[e.source]].layer].append(("out", k))
            arriving[self.items[self.index[e.target]].layer - 1].insert(0, ("in", k))
        tracks: dict[object, tuple[int, int]] = {}  # user → (gap, track number)
        counts: dict[int, int] = {}
        for g, spans in buses.items():
            for n, key in enumerate(leaving[g]):
                tracks[key] = (g, n)
            first = len(leaving[g])
            ends: list[float] = []
            for lo, hi, key in sorted(spans, key=lambda u: (u[0], u[1], str(u[2]))):
                for n, end in enumerate(ends):
                    if end < lo - GAP_X:  # runs end to end would read as one line
                        ends[n] = hi
                        break
                else:
                    n = len(ends)
                    ends.append(hi)
                tracks[key] = (g, first + n)
            first += len(ends)
            for n, key in enumerate(arriving[g]):
                tracks[key] = (g, first + n)
            counts[g] = first + len(arriving[g])
        label_zone = [0.0] * depth
        for item in self.items:
            if item.labels:
                stacked = sum(self.labels[k][2] for k in item.labels) + 2 * len(item.labels)
                label_zone[item.layer] = max(label_zone[item.layer], stacked)

        def gap_height(g: int) -> float:
            below = label_zone[g + 1] + LABEL_SPACE if g + 1 < depth and label_zone[g + 1] else 0
            if g in (-1, depth - 1) and not counts[g]:
                return 0.0
            need = 2 * EDGE_MARGIN + counts[g] * TRACK + below
            return max(GAP_MIN if 0 <= g < depth - 1 else need, need)

        tops, gaps = [], {}
        y = MARGIN
        gaps[-1] = y
        y += gap_height(-1)
        for g in range(depth):
            tops.append(y)
            y += heights[g]
            gaps[g] = y
            y += gap_height(g)
        height = y + MARGIN

        def track_y(key: object) -> float:
            g, n = tracks[key]
            return gaps[g] + EDGE_MARGIN + n * TRACK

        boxes: list[Box | None] = [None] * len(self.nodes)
        for item in self.items:
            if item.index >= 0:
                w, h, lines, notes = self.sizes[item.index]
                top = tops[item.layer] + (heights[item.layer] - h) / 2
                node = self.nodes[item.index]
                boxes[item.index] = Box(node, item.x - w / 2, top, w, h, lines, notes, item.layer)
        routes = self._routes(boxes, tops, heights, track_y, lanes)
        width = max(
            [b.x + b.width for b in boxes if b]
            + [it.x + it.right for it in self.items]
            + [lane_x + extra for lane_x, extra in lanes.values()]
        )
        return Placed(self.graph.kind, tuple(b for b in boxes if b), routes, width + MARGIN, height)

    def _lanes(self) -> dict[int, tuple[float, float]]:
        """Each loop's lane x (right of every box on the way) and the room its label takes."""
        lanes: dict[int, tuple[float, float]] = {}
        spans = []
        for k in sorted(self.back):
            e = self.edges[k]
            s, t = self.items[self.index[e.source]], self.items[self.index[e.target]]
            # Shorter loops inside longer ones; of equal ones, the one from further right.
            spans.append((s.layer - t.layer, -s.x, s.layer, k, t.layer))
        placed: list[tuple[int, int, float, float]] = []  # (low, high layer, x, room)
        for *_, high, k, low in sorted(spans):
            base = max(
                (it.x + it.right for it in self.items if low <= it.layer <= high), default=0.0
            )
            x = base + GAP_X / 2 + TRACK
            for lo2, hi2, x2, room in placed:
                if lo2 <= high and low <= hi2:
                    x = max(x, x2 + room)
            room = TRACK + (self.labels[k][1] + 2 * LABEL_SPACE if self.labels[k][0] else 0.0)
            placed.append((low, high, x, room))
            lanes[k] = (x, room)
        return lanes

    def _routes(self, boxes, tops, heights, track_y, lanes) -> tuple[Route, ...]:  # type: ignore[no-untyped-def]
        arrow = True
        routes = []
        above: dict[int, float] = {}  # item → y of the next label placed above it
        for k, e in enumerate(self.edges):
            text = self.labels[k]
            if k in lanes:
                s, t = boxes[self.index[e.source]], boxes[self.index[e.target]]
                lane_x, _ = lanes[k]
                out_y, in_y = track_y(("out", k)), track_y(("in", k))
                sx, tx = s.center[0], t.center[0]
                points = [
                    (sx, s.y + s.height),
                    (sx, out_y),
                    (lane_x, out_y),
                    (lane_x, in_y),
                    (tx, in_y),
                    (tx, t.y),
                ]
                label = None
                if text[0]:
                    mid = (s.layer + t.layer) // 2
                    y = tops[mid] + (heights[mid] - text[2]) / 2
                    label = Label(text[0], lane_x + LABEL_SPACE, y, text[1], text[2])
                routes.append(Route(e, _simplify(points), label, back=True, arrow=arrow))
                continue
            chain = self.chains[k]
            points = []
            for a, b in itertools.pairwise(chain):
                ia, ib = self.items[a], self.items[b]
                if ia.index >= 0:
                    box = boxes[ia.index]
                    points.append((ia.x, box.y + box.height))
                else:
                    points.append((ia.x, tops[ia.layer] + heights[ia.layer]))
                if ia.x != ib.x:
                    y = track_y(("bus", a))
                    points += [(ia.x, y), (ib.x, y)]
                if ib.index >= 0:
                    points.append((ib.x, boxes[ib.index].y))
                else:
                    points.append((ib.x, tops[ib.layer]))
            label = None
            if text[0]:
                first = chain[1]
                y = above.get(first, tops[self.items[first].layer] - LABEL_SPACE)
                above[first] = y - text[2] - 2
                x = self.items[first].x + LABEL_SPACE
                label = Label(text[0], x, y - text[2], text[1], text[2])
            routes.append(Route(e, _simplify(points), label, arrow=arrow))
        return tuple(routes)


def _simplify(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[tuple[float, float]] = []
    for p in points:
        p = (round(p[0], 2), round(p[1], 2))
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _inversions(values: list[int]) -> int:
    """Pairs out of order in `values` (a Fenwick tree: n log n)."""
    if len(values) < 2:
        return 0
    size = max(values) + 2
    tree = [0] * (size + 1)
    count = 0
    for seen, v in enumerate(values):
        i, not_greater = v + 1, 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        count += seen - not_greater
        i = v + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to `values` in weighted least squares (PAV)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, wt in zip(values, weights, strict=True):
        blocks.append([v, wt, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out.extend([mean] * int(count))
    return out
