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

import itertools

from prdkit.diagrams import ranks
from prdkit.diagrams.graph import Graph
from prdkit.diagrams.placed import GAP_X, LABEL_SPACE, MARGIN, Placed, label_of, size
from prdkit.diagrams.ranks import Item
from prdkit.diagrams.routing import route

__all__ = ["layout"]

WAYPOINT = 6.0  # width a long edge takes in a layer it crosses
SWEEPS = 8


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

    # ---- the layered graph -------------------------------------------------------------

    def _build(self) -> None:
        pairs = [(self.index[e.source], self.index[e.target]) for e in self.edges]
        back, order = ranks.back_edges(len(self.nodes), pairs)
        self.back = back
        layer = ranks.longest_path(len(self.nodes), pairs, back)
        self.items: list[Item] = []
        for v, _node in enumerate(self.nodes):
            w = self.sizes[v][0]
            self.items.append(Item(v, layer[v], w, w / 2, w / 2))
        self.chains: dict[int, list[int]] = {}  # forward edge → items from source to target
        for k, e in enumerate(self.edges):
            if k in back:
                continue
            s, t = self.index[e.source], self.index[e.target]
            chain = [s]
            for lay in range(layer[s] + 1, layer[t]):
                self.items.append(Item(-1, lay, WAYPOINT, WAYPOINT / 2, WAYPOINT / 2))
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
            total += ranks.inversions([b for _, b in pairs])
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
        xs = ranks.isotonic([d - o for d, o in zip(desired, offsets, strict=True)], weights)
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
        return route(self)
