"""Routing of a layered layout: layer heights, tracks in the gaps, lanes for loops.

Horizontal runs sit on tracks in the gap below their layer; a node's edges to the next
layer share one bus. Loops back leave below their source, rise in a lane right of every
box on the way and enter their target from above; shorter loops take inner lanes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Protocol

from prdkit.diagrams.graph import Edge, Graph, Node
from prdkit.diagrams.placed import GAP_X, LABEL_SPACE, MARGIN, Box, Label, Placed, Route
from prdkit.diagrams.ranges import RangeMax
from prdkit.diagrams.ranks import Item

__all__ = ["Layered", "route"]


class Layered(Protocol):
    """A graph ranked, ordered and placed across (the state `layout` hands over)."""

    graph: Graph
    nodes: list[Node]
    index: dict[str, int]  # node id → position in `nodes`
    edges: list[Edge]
    sizes: list[tuple[float, float, tuple[str, ...], tuple[str, ...]]]
    labels: list[tuple[tuple[str, ...], float, float]]
    back: set[int]  # edges that loop back
    items: list[Item]
    rows: list[list[int]]  # item ids, layer by layer, in order
    chains: dict[int, list[int]]  # forward edge → its items from source to target


TRACK = 7.0  # between horizontal runs in one gap
GAP_MIN = 22.0  # height of a gap between layers
EDGE_MARGIN = 7.0  # between a gap's edge and its first or last track


def route(lay: Layered) -> Placed:
    """Heights, tracks and lanes for a placed `lay`, and every edge routed on them."""
    depth = len(lay.rows)
    heights = [
        max(lay.sizes[lay.items[i].index][1] for i in row if lay.items[i].index >= 0)
        if any(lay.items[i].index >= 0 for i in row)
        else 0.0
        for row in lay.rows
    ]
    # Tracks: horizontal runs in gap g (below layer g; g = -1 above the first layer).
    # Tracks: horizontal runs in gap g (below layer g; g = -1 above the first layer).
    # From the top of a gap: loops leaving (inner lanes first, so loops nest without
    # crossing), buses from a node to its successors (sharing tracks where they do not
    # meet), loops arriving (outer lanes first).
    buses: dict[int, list[tuple[float, float, object]]] = {g: [] for g in range(-1, depth)}
    for item_id, item in enumerate(lay.items):
        targets = [lay.items[b].x for b, _ in item.down]
        if any(t != item.x for t in targets):
            span = (min([*targets, item.x]), max([*targets, item.x]))
            buses[item.layer].append((*span, ("bus", item_id)))
    lanes = _lanes(lay)
    leaving: dict[int, list[object]] = {g: [] for g in range(-1, depth)}
    arriving: dict[int, list[object]] = {g: [] for g in range(-1, depth)}
    for k in sorted(lanes, key=lambda k: (lanes[k][0], k)):
        e = lay.edges[k]
        leaving[lay.items[lay.index[e.source]].layer].append(("out", k))
        arriving[lay.items[lay.index[e.target]].layer - 1].insert(0, ("in", k))
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
    for item in lay.items:
        if item.labels:
            stacked = sum(lay.labels[k][2] for k in item.labels) + 2 * len(item.labels)
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

    boxes: list[Box | None] = [None] * len(lay.nodes)
    for item in lay.items:
        if item.index >= 0:
            w, h, lines, notes = lay.sizes[item.index]
            top = tops[item.layer] + (heights[item.layer] - h) / 2
            node = lay.nodes[item.index]
            boxes[item.index] = Box(node, item.x - w / 2, top, w, h, lines, notes, item.layer)
    routes = _routes(lay, boxes, tops, heights, track_y, lanes)
    width = max(
        [b.x + b.width for b in boxes if b]
        + [it.x + it.right for it in lay.items]
        + [lane_x + extra for lane_x, extra in lanes.values()]
    )
    return Placed(lay.graph.kind, tuple(b for b in boxes if b), routes, width + MARGIN, height)


def _lanes(lay: Layered) -> dict[int, tuple[float, float]]:
    """Each loop's lane x (right of every box on the way) and the room its label takes."""
    lanes: dict[int, tuple[float, float]] = {}
    spans = []
    for k in sorted(lay.back):
        e = lay.edges[k]
        s, t = lay.items[lay.index[e.source]], lay.items[lay.index[e.target]]
        # Shorter loops inside longer ones; of equal ones, the one from further right.
        spans.append((s.layer - t.layer, -s.x, s.layer, k, t.layer))
    # A loop's target is an ancestor of its source (or the source itself): `low` <= `high`.
    # How far right the items of each run of layers reach, and the lanes placed over them.
    depth = max((it.layer for it in lay.items), default=-1) + 1
    reach, taken = RangeMax(depth), RangeMax(depth)
    for it in lay.items:
        reach.raise_to(it.layer, it.layer, it.x + it.right)
    for *_, high, k, low in sorted(spans):
        base = reach.top(low, high)
        x = (0.0 if base == reach.floor else base) + GAP_X / 2 + TRACK
        # Right of every lane placed before over any of the same layers.
        x = max(x, taken.top(low, high))
        room = TRACK + (lay.labels[k][1] + 2 * LABEL_SPACE if lay.labels[k][0] else 0.0)
        taken.raise_to(low, high, x + room)
        lanes[k] = (x, room)
    return lanes


def _routes(
    lay: Layered,
    boxes: list[Box | None],
    tops: list[float],
    heights: list[float],
    track_y: Callable[[object], float],
    lanes: dict[int, tuple[float, float]],
) -> tuple[Route, ...]:
    arrow = True
    routes = []
    above: dict[int, float] = {}  # item → y of the next label placed above it
    for k, e in enumerate(lay.edges):
        text = lay.labels[k]
        if k in lanes:
            s, t = boxes[lay.index[e.source]], boxes[lay.index[e.target]]
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
        chain = lay.chains[k]
        points = []
        for a, b in itertools.pairwise(chain):
            ia, ib = lay.items[a], lay.items[b]
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
            y = above.get(first, tops[lay.items[first].layer] - LABEL_SPACE)
            above[first] = y - text[2] - 2
            x = lay.items[first].x + LABEL_SPACE
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
