"""A laid-out diagram as a standalone SVG: shapes, polylines with arrowheads, text as <text>.

No scripts, no external references, every text escaped. Arrowheads are drawn as shapes of
their own, turned along their line's last stretch: WeasyPrint does not turn an SVG
`marker` (orient="auto"), so in the PDF every head pointed right, whatever the line's way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
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

# An arrowhead's length and half its width, in the picture's points.
HEAD_LENGTH = 7.0
HEAD_HALF_WIDTH = 3.5
# Written without quotes or spaces after the commas: WeasyPrint's SVG code splits the list
# at each comma and strips only quotes, so " 'Noto Sans CJK SC'" named no face, Arial was
# the only family left, and fontconfig, asked for CJK with no language, drew it with Noto
# Sans CJK JP (Japanese glyph shapes for 骨 直 户 角). Bare names are valid CSS in a browser.
FONT_STACK = "Arial,Microsoft YaHei,PingFang SC,Noto Sans CJK SC,Source Han Sans SC,sans-serif"
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


def _arrowhead(points: Sequence[tuple[float, float]]) -> str | None:
    """The path of a head ending at the last point, along the last stretch of some length."""
    tip = points[-1]
    base = next((p for p in reversed(points[:-1]) if p != tip), None)
    if base is None:
        return None
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    back_x, back_y = tip[0] - ux * HEAD_LENGTH, tip[1] - uy * HEAD_LENGTH
    side_x, side_y = -uy * HEAD_HALF_WIDTH, ux * HEAD_HALF_WIDTH
    corners = ((back_x + side_x, back_y + side_y), (back_x - side_x, back_y - side_y))
    return f"M{_n(tip[0])},{_n(tip[1])} " + " ".join(f"L{_n(x)},{_n(y)}" for x, y in corners) + " z"


def svg(placed: Placed, *, title: str = "") -> str:
    """The SVG document of `placed`; `title` becomes its accessible name."""
    width, height = _n(placed.width), _n(placed.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
        f'viewBox="0 0 {width} {height}" role="img" font-family={quoteattr(FONT_STACK)}>'
    ]
    if title:
        out.append(f"<title>{_text(title)}</title>")
    for route in placed.routes:
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in route.points)
        dash = ' stroke-dasharray="4 2"' if route.back else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="#{EDGE}" stroke-width="1"{dash}/>'
        )
        head = _arrowhead(route.points) if route.arrow else None
        if head:
            out.append(f'<path class="arrowhead" d="{head}" fill="#{EDGE}"/>')
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
