"""A diagram block as HTML: the laid-out graph as inline SVG, captioned with its title."""

from __future__ import annotations

import hashlib
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
    # Marker ids must differ between the figures of one page, and stay the same per render.
    key = hashlib.sha1(repr((graph, title)).encode("utf-8")).hexdigest()[:10]
    picture = svg(placed, ids=f"g{key}", title=title)
    caption = f"<figcaption>{escape(title)}</figcaption>" if title else ""
    return f'<figure class="diagram" lang="{escape(lang)}">{picture}{caption}</figure>'
