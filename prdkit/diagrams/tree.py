"""Tree layout for hierarchies (功能结构图): parents centred over their children, and the
last level listed downwards under its parent, so a product with many features stays as
wide as its surfaces rather than as wide as its features."""

from __future__ import annotations

from prdkit.diagrams.graph import Graph
from prdkit.diagrams.placed import Box, Placed, Route, size

__all__ = ["forest", "tree_layout"]

GAP_X = 16.0  # between sibling subtrees
GAP_Y = 26.0  # between levels
INDENT = 14.0  # a listed child's left edge, right of its parent's left edge
LIST_GAP = 6.0  # between listed children
MARGIN = 6.0
ROW_LIMIT = 4  # a root with more childless children lists them instead of a row
MAX_DEPTH = 40
WRAP = 7.0  # em per line of a node's text


def forest(graph: Graph) -> bool:
    """True when every node has at most one parent, no edge is labelled and nothing loops."""
    ids = {n.id for n in graph.nodes}
    if len(ids) != len(graph.nodes):
        return False
    parent: dict[str, str] = {}
    for e in graph.edges:
        if e.label.strip() or e.target in parent or e.source not in ids or e.target not in ids:
            return False
        parent[e.target] = e.source
    for node in graph.nodes:  # walking up from every node reaches a root within the depth
        seen, at = 0, node.id
        while at in parent:
            at, seen = parent[at], seen + 1
            if seen > MAX_DEPTH:
                return False
    return True


class _Tree:
    def __init__(
        self,
        graph: Graph,
        *,
        outline: bool = False,
        sizes: dict[str, tuple[float, float, tuple[str, ...], tuple[str, ...]]] | None = None,
    ) -> None:
        self.graph = graph
        self.outline = outline
        self.nodes = {n.id: n for n in graph.nodes}
        self.children: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
        self.edge = {}
        for e in graph.edges:
            self.children[e.source].append(e.target)
            self.edge[e.target] = e
        self.roots = [n.id for n in graph.nodes if n.id not in self.edge]
        # Narrower than a flow's boxes: a row of siblings must fit across the page.
        # The outline's sizes are the row's: each node is measured once for both.
        self.sizes = sizes if sizes is not None else {n.id: size(n, WRAP) for n in graph.nodes}
        # Whether a node lists its children, asked once per child and edge: known once.
        self._listing: dict[str, bool] = {}
        self.depth: dict[str, int] = {}
        for root in self.roots:
            self._depths(root, 0)
        rows = max(self.depth.values(), default=0) + 1
        self.row_height = [0.0] * rows
        for node_id, d in self.depth.items():
            if not self._listed(node_id):
                self.row_height[d] = max(self.row_height[d], self.sizes[node_id][1])
        self.row_top = [MARGIN]
        for h in self.row_height[:-1]:
            self.row_top.append(self.row_top[-1] + h + GAP_Y)
        self.x: dict[str, float] = {}  # left edge
        self.y: dict[str, float] = {}
        self.widths: dict[str, float] = {}

    def _depths(self, node_id: str, d: int) -> None:
        stack = [(node_id, d)]
        while stack:
            at, d = stack.pop()
            self.depth[at] = d
            stack.extend((c, d + 1) for c in self.children[at])

    def _lists(self, node_id: str) -> bool:
        """True when `node_id`'s children are listed under it rather than set in a row."""
        known = self._listing.get(node_id)
        if known is None:
            known = self._listing[node_id] = self._decide(node_id)
        return known

    def _decide(self, node_id: str) -> bool:
        kids = self.children[node_id]
        if self.outline or not kids:
            return bool(kids)
        if any(self.children[c] for c in kids):
            return False
        return node_id in self.edge or len(kids) > ROW_LIMIT

    def _listed(self, node_id: str) -> bool:
        return node_id in self.edge and self._lists(self.edge[node_id].source)

    def _width(self, node_id: str) -> float:
        known = self.widths.get(node_id)
        if known is None:
            known = self.widths[node_id] = self._measure(node_id)
        return known

    def _measure(self, node_id: str) -> float:
        own = self.sizes[node_id][0]
        kids = self.children[node_id]
        if not kids:
            return own
        if self._lists(node_id):
            return max(own, INDENT + max(self.sizes[c][0] for c in kids))
        row = sum(self._width(c) for c in kids) + GAP_X * (len(kids) - 1)
        return max(own, row)

    def _place(self, node_id: str, left: float) -> None:
        w, h = self.sizes[node_id][:2]
        d = self.depth[node_id]
        total = self._width(node_id)
        kids = self.children[node_id]
        self.y[node_id] = self.row_top[d] + (self.row_height[d] - h) / 2
        if not kids:
            self.x[node_id] = left + (total - w) / 2
            return
        if self._lists(node_id):
            self.x[node_id] = left
            y = self.y[node_id] + h + LIST_GAP * 2
            for c in kids:
                self.x[c], self.y[c] = left + INDENT, y
                y += self.sizes[c][1] + LIST_GAP
            return
        row = sum(self._width(c) for c in kids) + GAP_X * (len(kids) - 1)
        at = left + (total - row) / 2
        for c in kids:
            self._place(c, at)
            at += self._width(c) + GAP_X
        first, last = kids[0], kids[-1]
        middle = (
            self.x[first] + self.sizes[first][0] / 2 + self.x[last] + self.sizes[last][0] / 2
        ) / 2
        self.x[node_id] = middle - w / 2

    def _outline(self, node_id: str, left: float, top: float) -> float:
        """Place `node_id` and its subtree as an indented list; the bottom of the subtree."""
        h = self.sizes[node_id][1]
        self.x[node_id], self.y[node_id] = left, top
        bottom = top + h
        for n, c in enumerate(self.children[node_id]):
            gap = LIST_GAP * 2 if n == 0 else LIST_GAP
            bottom = self._outline(c, left + INDENT, bottom + gap)
        return bottom

    def placed(self) -> Placed:
        left, top = MARGIN, MARGIN
        for root in self.roots:
            if self.outline:  # roots one under another, each an indented list
                top = self._outline(root, MARGIN, top) + GAP_Y
                continue
            self._place(root, left)
            left += self._width(root) + GAP_X
        boxes = []
        for node in self.graph.nodes:
            w, h, lines, notes = self.sizes[node.id]
            boxes.append(
                Box(node, self.x[node.id], self.y[node.id], w, h, lines, notes, self.depth[node.id])
            )
        by_id = {b.node.id: b for b in boxes}
        routes = []
        for e in self.graph.edges:
            s, t = by_id[e.source], by_id[e.target]
            if self._lists(e.source):
                spine = s.x + INDENT / 2
                mid = t.y + t.height / 2
                points = ((spine, s.y + s.height), (spine, mid), (t.x, mid))
            else:
                bus = s.y + s.height + (self.row_top[t.layer] - s.y - s.height) / 2
                sx, tx = s.center[0], t.center[0]
                points = ((sx, s.y + s.height), (sx, bus), (tx, bus), (tx, t.y))
                if abs(sx - tx) < 0.01:
                    points = ((sx, s.y + s.height), (tx, t.y))
            routes.append(
                Route(e, tuple((round(x, 2), round(y, 2)) for x, y in points), None, arrow=False)
            )
        width = max(b.x + b.width for b in boxes) + MARGIN if boxes else 0.0
        height = max(b.y + b.height for b in boxes) + MARGIN if boxes else 0.0
        return Placed(self.graph.kind, tuple(boxes), tuple(routes), width, height)


def tree_layout(graph: Graph, max_width: float | None = None) -> Placed:
    """`graph` (a forest, see `forest`) laid out as a tree, roots side by side; wider than
    `max_width`, as an indented outline instead, which any width holds."""
    tree = _Tree(graph)
    placed = tree.placed()
    if max_width is not None and placed.width > max_width:
        return _Tree(graph, outline=True, sizes=tree.sizes).placed()
    return placed
