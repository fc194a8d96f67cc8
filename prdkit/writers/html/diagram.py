"""A diagram block as HTML: the laid-out graph as inline SVG, captioned with its title."""

from __future__ import annotations

from html import escape

from prdkit.diagrams.graph import Graph
from prdkit.diagrams.layout import layout
from prdkit.diagrams.svg import svg

__all__ = ["diagram_html"]


def diagram_html(graph: Graph, title: str, lang: str) -> str:
    """A figure holding the drawn graph (its text real text, found by search and screen
    readers), captioned with `title`; nothing for a graph without nodes."""
    placed = layout(graph)
    if not placed.boxes:
        return ""
    picture = svg(placed, title=title)
    caption = f"<figcaption>{escape(title)}</figcaption>" if title else ""
    # Its natural width, for a phone: drawn no narrower than that up to two screens, the
    # figure scrolling, rather than shrunk to labels of 8 px (see style.py).
    natural = f"--w:{placed.width:.0f}pt"
    return (
        f'<figure class="diagram" lang="{escape(lang)}" style="{natural}">'
        f"{picture}{caption}</figure>"
    )
