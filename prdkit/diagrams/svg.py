"""A laid-out diagram as a standalone SVG: shapes, polylines with arrowheads, text as <text>.

No scripts, no external references, every text escaped; `ids` keeps the arrowhead marker
of one picture from clashing with another's when several sit in one HTML page.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from prdkit.diagrams.placed import (
    COLOURS,
    EDGE,
    INK,
    LABEL,
    LINE,
    MUTED,
    Box,
    Placed,
    text_rows,
)

__all__ = ["FONT_STACK", "svg"]

FONT_STACK = (
    "Arial, 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif"
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shape(box: Box) -> str:
    fill, line = COLOURS.get(box.node.shape, COLOURS["box"])
    paint = f'fill="#{fill}" stroke="#{line}" stroke-width="1"'
    x, y, w, h = box.x, box.y, box.width, box.height
    if box.node.shape == "decision":
        cx, cy = box.center
        points = f"{_n(cx)},{_n(y)} {_n(x + w)},{_n(cy)} {_n(cx)},{_n(y + h)} {_n(x)},{_n(cy)}"
        return f'<polygon points="{points}" {paint}/>'
    radius = h / 2 if box.node.shape == "terminal" else 3
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
        f'rx="{_n(radius)}" {paint}/>'
    )


def svg(placed: Placed, *, ids: str = "d", title: str = "") -> str:
    """The SVG document of `placed`; `title` becomes its accessible name."""
    ids = re.sub(r"[^A-Za-z0-9_-]", "", ids) or "d"
    width, height = _n(placed.width), _n(placed.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
        f'viewBox="0 0 {width} {height}" role="img" font-family={quoteattr(FONT_STACK)}>'
    ]
    if title:
        out.append(f"<title>{_text(title)}</title>")
    out.append(
        f'<defs><marker id="{ids}-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" '
        f'markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L8,4 L0,8 z" fill="#{EDGE}"/></marker></defs>'
    )
    for route in placed.routes:
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in route.points)
        head = f' marker-end="url(#{ids}-arrow)"' if route.arrow else ""
        dash = ' stroke-dasharray="4 2"' if route.back else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="#{EDGE}" stroke-width="1"'
            f"{dash}{head}/>"
        )
    for box in placed.boxes:
        out.append(_shape(box))
        cx = box.center[0]
        for text, size, middle, note in text_rows(box):
            colour = MUTED if note else INK
            out.append(
                f'<text x="{_n(cx)}" y="{_n(middle + size * 0.35)}" font-size="{_n(size)}" '
                f'text-anchor="middle" fill="#{colour}">{_text(text)}</text>'
            )
    for route in placed.routes:
        label = route.label
        if label is None:
            continue
        out.append(
            f'<rect x="{_n(label.x - 1)}" y="{_n(label.y)}" width="{_n(label.width + 2)}" '
            f'height="{_n(label.height)}" fill="#FFFFFF" fill-opacity="0.85"/>'
        )
        for row, line in enumerate(label.lines):
            middle = label.y + (row + 0.5) * LABEL * LINE
            out.append(
                f'<text x="{_n(label.x)}" y="{_n(middle + LABEL * 0.35)}" '
                f'font-size="{_n(LABEL)}" fill="#{MUTED}">{_text(line)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"
