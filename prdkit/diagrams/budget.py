"""What laying a graph out costs, known before it is laid out.

The document layer asks before it makes a diagram, so a graph too large to draw becomes the
same note in every writer rather than minutes of layout in two of them.
"""

from __future__ import annotations

from prdkit.diagrams import ranks
from prdkit.diagrams.graph import Graph

__all__ = ["DOCUMENT_COST", "MAX_COST", "cost"]

# The layered layout orders, places and routes a box per node, a line per edge and a
# waypoint per layer a line crosses; a Word or HTML render spends 30–60 µs of CPU on each.
# Long lines multiply them: 1,000 steps in a chain, each also linked to the last, cross
# 500,000 layers (30 s, 500 MB). A tree is laid out apart (`tree`) and costs its nodes and
# edges, but Word draws a tall one in page-sized parts, each clipping every line that passes
# it: 2,500 features of one surface, named at length, take 2 s there. The largest diagram
# of the benchmark's 5,000-requirement document, a page map of 1,250 pages and 2,498 links,
# costs 3,748; its 228 diagrams together 12,079.
MAX_COST = 5_000  # one diagram
DOCUMENT_COST = 20_000  # all the diagrams of one document, in reading order


def cost(graph: Graph) -> int:
    """The nodes, edges and waypoints a layout of `graph` places, in linear time.

    Counted as the layout counts them: a node id after the first and an edge to a missing
    node are dropped; a loop back crosses no layer (it runs in a lane aside).
    """
    index: dict[str, int] = {}
    for node in graph.nodes:
        index.setdefault(node.id, len(index))
    pairs = [
        (index[e.source], index[e.target])
        for e in graph.edges
        if e.source in index and e.target in index
    ]
    back, _ = ranks.back_edges(len(index), pairs)
    layer = ranks.longest_path(len(index), pairs, back)
    crossed = sum(layer[t] - layer[s] - 1 for k, (s, t) in enumerate(pairs) if k not in back)
    return len(index) + len(pairs) + crossed
