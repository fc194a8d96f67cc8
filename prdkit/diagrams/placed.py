"""A laid-out diagram: boxes, routed edges and labels at coordinates, ready for any writer.

Coordinates are points (1/72 inch) at the sizes below, origin top left, y downwards; a
writer scales the whole picture, so the proportions of text and boxes stay as measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from prdkit.diagrams.graph import Edge, GraphKind, Node
from prdkit.diagrams.measure import em, text_width, wrap

__all__ = [
    "COLOURS",
    "EDGE",
    "FONT",
    "INK",
    "LABEL",
    "LINE",
    "MUTED",
    "NOTE",
    "Box",
    "Label",
    "Placed",
    "Route",
    "label_of",
    "size",
    "text_rows",
]

FONT = 10.0  # node text
NOTE = 8.0  # the second, smaller line of a node (a step's actor)
LABEL = 8.0  # edge labels
LINE = 1.3  # line height, in font sizes
PAD_X, PAD_Y = 8.0, 5.0
MIN_WIDTH = 56.0
# Text wraps to these many em, so a box stays about as wide as a short sentence.
WRAP = {"box": 13.0, "terminal": 9.0, "decision": 16.0}
LABEL_WRAP = 13.0
MAX_LINES = 6  # of a node's text; the rest is left to the table beside the picture
GAP_X = 22.0  # between neighbouring boxes
LABEL_SPACE = 3.0  # between a line and its label
MARGIN = 6.0  # around the whole picture


@dataclass(frozen=True, slots=True)
class Box:
    """A node at its place: top-left `x`, `y`, size, and its text cut into lines."""

    node: Node
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    notes: tuple[str, ...]
    layer: int

    @property
    def center(self) -> tuple[float, float]:
        """The middle of the box."""
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True, slots=True)
class Label:
    """An edge label's lines and the top-left corner and size of the area they fill."""

    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Route:
    """An edge drawn as a polyline from the source's border to the target's border.

    `back` marks a loop to an earlier node; `arrow` whether the target end has a head.
    """

    edge: Edge
    points: tuple[tuple[float, float], ...]
    label: Label | None
    back: bool = False
    arrow: bool = True


@dataclass(frozen=True, slots=True)
class Placed:
    """Everything a writer draws, and the size of the whole picture."""

    kind: GraphKind
    boxes: tuple[Box, ...]
    routes: tuple[Route, ...]
    width: float
    height: float


def clipped(text: str, limit: float, most: int) -> tuple[str, ...]:
    """`text` wrapped at `limit` em on at most `most` lines, the last ending in "…" when
    text is left out: a picture shows a phrase, its table the whole text."""
    # Only the start can show: 3 characters per em is more than the narrowest text holds.
    lines = wrap(text[: int(limit * 3 * most) + 1], limit, em)
    if len(lines) <= most and len(text) <= limit * 3 * most:
        return tuple(lines)
    # A word longer than the cut-off start fills fewer than `most` lines: end on the last.
    shown = lines[:most] or [""]
    last = shown[-1].rstrip()
    while last and text_width(last + "…", em) > limit:
        last = last[:-1].rstrip()
    return (*shown[:-1], last + "…")


def lines_of(node: Node, limit: float | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The node's text and note, wrapped for its shape (or at `limit` em)."""
    limit = limit or WRAP.get(node.shape, WRAP["box"])
    lines = clipped(node.text, limit, MAX_LINES) or ("",)
    notes = clipped(node.note, limit / NOTE * FONT, 2) if node.note.strip() else ()
    return lines, notes


def size(
    node: Node, limit: float | None = None
) -> tuple[float, float, tuple[str, ...], tuple[str, ...]]:
    """Width, height, text lines and note lines of `node`'s box (text wrapped at `limit` em)."""
    lines, notes = lines_of(node, limit)
    text_w = max(
        [text_width(line, em) * FONT for line in lines]
        + [text_width(line, em) * NOTE for line in notes]
    )
    text_h = len(lines) * FONT * LINE + len(notes) * NOTE * LINE
    if node.shape == "decision":
        # A diamond holds a centred rectangle of half its width and height.
        return (max(MIN_WIDTH, 2 * text_w + PAD_X), 2 * text_h + PAD_Y, lines, notes)
    width = max(MIN_WIDTH, text_w + 2 * PAD_X)
    height = text_h + 2 * PAD_Y
    if node.shape == "terminal":
        width += height / 2  # room for the rounded ends
    return (width, height, lines, notes)


def label_of(text: str) -> tuple[tuple[str, ...], float, float]:
    """An edge label's lines, width and height; no lines for an empty label."""
    if not text.strip():
        return ((), 0.0, 0.0)
    lines = clipped(text, LABEL_WRAP, 4)
    width = max(text_width(line, em) for line in lines) * LABEL
    return (lines, width, len(lines) * LABEL * LINE)


# (fill, line) colours by shape; lines and labels in one muted ink.
COLOURS = {
    "box": ("EAF1FB", "2E75B6"),
    "decision": ("FEF4D6", "B7791F"),
    "terminal": ("E3F2E6", "2F7D46"),
}
INK = "1F2937"
MUTED = "5B6472"
EDGE = "51606F"


def text_rows(box: Box) -> list[tuple[str, float, float, bool]]:
    """Each line of `box` as (text, font size, y of the line's middle, is a note): the note
    first and smaller, the block centred in the box."""
    rows = [(line, NOTE, True) for line in box.notes] + [(line, FONT, False) for line in box.lines]
    total = sum(s * LINE for _, s, _ in rows)
    y = box.y + (box.height - total) / 2
    out = []
    for text, font, note in rows:
        out.append((text, font, y + font * LINE / 2, note))
        y += font * LINE
    return out
