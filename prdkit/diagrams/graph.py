"""The graph a diagram draws: nodes with text, edges with optional labels.

Free of PRD terms on purpose: the document layer builds these from flows, the feature
structure and the page map; the layout engine places them; each writer draws the placed
result (DrawingML in Word, SVG in HTML, Mermaid in Markdown) without knowing what a
flow or a page is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Edge", "Graph", "GraphKind", "Node", "Shape"]

# box: an ordinary step or item; decision: a diamond with labelled exits;
# terminal: a rounded start or end.
Shape = Literal["box", "decision", "terminal"]

# flow: a process read top to bottom, loops allowed; tree: a hierarchy (功能结构图);
# map: a navigation graph (页面逻辑图).
GraphKind = Literal["flow", "tree", "map"]


@dataclass(frozen=True, slots=True)
class Node:
    """One box of a diagram; `note` is a second, smaller line (a flow step's actor)."""

    id: str
    text: str
    shape: Shape = "box"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Edge:
    """An arrow from `source` to `target` (node ids), with an optional label."""

    source: str
    target: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Graph:
    """Nodes in reading order and the edges between them."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    kind: GraphKind = "flow"
