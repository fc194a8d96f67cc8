"""A diagram block as HTML: the laid-out graph as inline SVG, with its steps as text too."""

from __future__ import annotations

from html import escape

from prdkit.diagrams.graph import Graph

__all__ = ["diagram_html"]


def diagram_html(graph: Graph, title: str, lang: str) -> str:
    """A figure holding the drawn graph, captioned with `title`."""
    caption = f"<figcaption>{escape(title)}</figcaption>" if title else ""
    return f'<figure class="diagram">{_outline(graph)}{caption}</figure>'


def _outline(graph: Graph) -> str:
    """The graph as an ordered list of its nodes and where each leads."""
    names = {n.id: n.text for n in graph.nodes}
    items = []
    for node in graph.nodes:
        exits = [
            escape(names.get(e.target, e.target)) + (f" ({escape(e.label)})" if e.label else "")
            for e in graph.edges
            if e.source == node.id
        ]
        text = escape(node.text) + (f" <small>{escape(node.note)}</small>" if node.note else "")
        if exits:
            text += " → " + ", ".join(exits)
        items.append(f"<li>{text}</li>")
    return '<ol class="graph">' + "".join(items) + "</ol>"
