"""A laid-out diagram as native Word shapes: a group of flowchart shapes and lines.

Each box is a preset flowchart shape holding its text (in the document's fonts, so Chinese
shows in the East Asian face), each edge a freeform line with an arrowhead, each edge label
a borderless text box: all editable in Word and drawn by LibreOffice. The picture is scaled
to the text width; one taller than a page is cut between layers into page-sized parts.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from prdkit.diagrams.graph import Graph
from prdkit.diagrams.layout import layout
from prdkit.diagrams.placed import Box, Placed, Route
from prdkit.writers.docx import shapes
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.oxml import Look, clean, sub, w
from prdkit.writers.docx.shapes import EMU, WP, WPG, A, Point, element

__all__ = ["MIN_SCALE", "diagram", "draw", "fits"]

MIN_SCALE = 0.72  # node text stays at 7 pt or more
# Room a diagram may take on a page: the text height less a heading and a caption line.
PAGE_ROOM = 0.82


@dataclass(frozen=True, slots=True)
class _Band:
    """The part of a picture between two cuts, in picture coordinates."""

    top: float
    bottom: float


def fits(placed: Placed, width_pt: float) -> bool:
    """True when `placed` scaled to `width_pt` keeps its text readable."""
    return placed.width <= 0 or width_pt / placed.width >= MIN_SCALE


def _scale(placed: Placed, width_pt: float) -> float:
    return min(1.0, width_pt / placed.width)


def _bands(placed: Placed, room: float) -> list[_Band]:
    """Cuts between layers, each part at most `room` tall where the layers allow."""
    if placed.height <= room:
        return [_Band(0.0, placed.height)]
    # Free heights: no box and no label crosses them.
    solid = [(b.y, b.y + b.height) for b in placed.boxes]
    solid += [(r.label.y, r.label.y + r.label.height) for r in placed.routes if r.label]
    solid.sort()
    free: list[float] = []
    reach = 0.0
    for top, bottom in solid:
        if top > reach + 4:
            free.append((reach + top) / 2)
        reach = max(reach, bottom)
    # Parts of about equal height: a first part that fills a page leaves the rest of the
    # page it starts on blank more often than a shorter one does.
    parts = -(-placed.height // room)
    room = min(room, placed.height / parts * 1.15)
    bands, start = [], 0.0
    # `free` is sorted: each cut is found by bisection, not a scan per part.
    while placed.height - start > room:
        last = bisect_right(free, start + room) - 1
        if last >= 0 and free[last] > start + 20:
            cut = free[last]
        else:  # one layer taller than a page: let it run over rather than cut a box
            first = bisect_right(free, start + 20)
            if first == len(free):
                break
            cut = free[first]
        bands.append(_Band(start, cut))
        start = cut
    bands.append(_Band(start, placed.height))
    return bands


def diagram(b: Builder, graph: Graph, title: str) -> None:
    """Append `graph` drawn to fit the text width, or a note where it cannot be read there."""
    width = b.width / 20
    placed = layout(graph, max_width=width / MIN_SCALE)
    if not placed.boxes:
        return
    if not fits(placed, width):
        para = b.paragraph(b.body, "Compact", spacing={"before": "80", "after": "200"})
        b.run(para, b.label("ui.diagram_too_wide"), b.style_of(para), Look(italic=True))
        return
    _keep_with_drawing(b)
    draw(b, placed, title, width_pt=width, room_pt=_text_height(b))


def _keep_with_drawing(b: Builder, reach: int = 6) -> None:
    """Keep the few paragraphs since the last heading (the heading too) on the drawing's
    page, so a flow's title and facts never sit alone at the foot of the page before it."""
    headings = {b.styles.ids[name] for name in b.styles.ids if name.startswith("heading ")}
    for para in itertools.islice(reversed(b.body), reach):  # a slice would count every child
        if para.tag != w("p"):
            return
        ppr = para.find(w("pPr"))
        if ppr is None:
            ppr = para.makeelement(w("pPr"))
            para.insert(0, ppr)
        if ppr.find(w("keepNext")) is None:
            style = ppr.find(w("pStyle"))
            ppr.insert(0 if style is None else 1, ppr.makeelement(w("keepNext")))
        style = ppr.find(w("pStyle"))
        if style is not None and style.get(w("val")) in headings:
            return


def _text_height(b: Builder) -> float:
    """The height of the page's text area in points (A4 less prdkit's margins if unknown)."""
    section = b.document.sections[-1]
    try:
        height = section.page_height - section.top_margin - section.bottom_margin
    except (TypeError, ValueError, KeyError, ArithmeticError):  # a reference document may
        # leave the page size to Word's default, or write it as Word does not ("15840.0",
        # "5px", "1e999in")
        return 711.0
    return max(height / EMU, 200.0)


def draw(b: Builder, placed: Placed, title: str, *, width_pt: float, room_pt: float) -> None:
    """Append `placed` to the body as one or more centred drawings, scaled to `width_pt`."""
    scale = _scale(placed, width_pt)
    # Each part is given only the routes that reach into it: a tall picture has as many
    # parts as it has pages, and clipping every route to every part grows with their product.
    # Bands go down the picture, so one sweep finds each band's routes and a bisection its
    # boxes, both kept in drawing order; a scan of everything per band grows with their product.
    reach = [_extent(r) for r in placed.routes]
    by_top = sorted(range(len(reach)), key=lambda i: reach[i][0])
    boxes = placed.boxes
    by_y = sorted(range(len(boxes)), key=lambda i: boxes[i].y)
    ys = [boxes[i].y for i in by_y]
    active: dict[int, float] = {}
    added = 0
    for band in _bands(placed, room_pt * PAGE_ROOM / scale):
        para = b.paragraph(
            b.body, "Normal", align="center", spacing={"before": "120", "after": "120"}
        )
        run = sub(para, "r")
        drawing = sub(run, "drawing")
        while added < len(by_top) and reach[by_top[added]][0] <= band.bottom:
            active[by_top[added]] = reach[by_top[added]][1]
            added += 1
        for i in [i for i, bottom in active.items() if bottom < band.top]:
            del active[i]
        routes = [placed.routes[i] for i in sorted(active)]
        inside = by_y[bisect_left(ys, band.top - 0.5) : bisect_right(ys, band.bottom + 0.5)]
        held = [
            boxes[i] for i in sorted(inside) if boxes[i].y + boxes[i].height <= band.bottom + 0.5
        ]
        _group(b, drawing, routes, held, band, scale, title)
        # A part of a tall picture is the size of a page, its whole a 100 MB tree.
        b.flush()


def _extent(route: Route) -> tuple[float, float]:
    """The top and bottom of `route`, its label included."""
    ys = [y for _, y in route.points]
    if route.label:
        ys += [route.label.y, route.label.y + route.label.height]
    return min(ys), max(ys)


class _Shapes:
    """Shape ids: unique in the document, as Word requires of docPr and cNvPr."""

    def __init__(self, b: Builder) -> None:
        self.b = b

    def next(self) -> str:
        """A fresh id."""
        self.b.drawings += 1
        return str(self.b.drawings)


def _group(
    b: Builder,
    drawing: etree._Element,
    routes: Sequence[Route],
    boxes: Sequence[Box],
    band: _Band,
    scale: float,
    title: str,
) -> None:
    ids = _Shapes(b)
    number = ids.next()
    # Built where it stays, from the top down: an element moved into another tree has its
    # whole subtree walked again to fix its namespaces, once per level it was built apart.
    margins = {"distT": "0", "distB": "0", "distL": "0", "distR": "0"}
    inline = element(WP, "inline", margins, drawing, declare=True)
    extent = element(WP, "extent", None, inline)
    element(WP, "effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}, inline)
    element(WP, "docPr", {"id": number, "name": f"Diagram {number}", "descr": clean(title)}, inline)
    element(WP, "cNvGraphicFramePr", None, inline)
    graphic = element(A, "graphic", None, inline)
    data = element(A, "graphicData", {"uri": WPG}, graphic)
    group = element(WPG, "wgp", None, data)
    element(WPG, "cNvGrpSpPr", None, group)
    spec = element(WPG, "grpSpPr", None, group)

    def at(x: float, y: float) -> tuple[float, float]:
        return (x * scale, (y - band.top) * scale)

    frames: list[shapes.Frame] = []
    # A run shared by many routes (a structure chart's spine, passing every part) is the
    # same line each time: drawn once per part. Drawing it again under each route would lay
    # identical lines on top of one another, as many as the routes passing the part: the
    # shapes of a tall chart would grow with its children times its parts.
    made: set[tuple[tuple[Point, ...], bool, bool]] = set()
    for route in routes:
        for piece, last in _clip(route.points, band):
            key = (tuple(piece), route.arrow and last, route.back)
            if key in made:
                continue
            made.add(key)
            shape, frame = shapes.line_shape([at(x, y) for x, y in piece], *key[1:])
            shapes.number_shape(shape, ids.next(), "Line")
            group.append(shape)
            frames.append(frame)
    for box in boxes:  # those wholly inside the band, in drawing order
        frames.append(shapes.draw_box(b, group, ids.next(), box, at, scale))
    for route in routes:
        label = route.label
        if label and band.top <= label.y and label.y + label.height <= band.bottom + 0.5:
            frames.append(shapes.draw_label(b, group, ids.next(), label, at, scale))
    # The group's frame is exactly the union of its shapes: LibreOffice sizes a group by its
    # shapes, so a frame with margins round them would be stretched to the extent.
    left, top = min(f[0] for f in frames), min(f[1] for f in frames)
    width = max(f[2] for f in frames) - left
    height = max(f[3] for f in frames) - top
    xfrm = element(A, "xfrm", None, spec)
    element(A, "off", {"x": "0", "y": "0"}, xfrm)
    element(A, "ext", {"cx": str(width), "cy": str(height)}, xfrm)
    element(A, "chOff", {"x": str(left), "y": str(top)}, xfrm)
    element(A, "chExt", {"cx": str(width), "cy": str(height)}, xfrm)
    extent.set("cx", str(width))
    extent.set("cy", str(height))


def _clip(points: Sequence[Point], band: _Band) -> list[tuple[list[Point], bool]]:
    """The runs of an orthogonal polyline inside `band`, each with whether it holds the end."""
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        lo, hi = min(y1, y2), max(y1, y2)
        if hi < band.top or lo > band.bottom:
            if current:
                pieces.append(current)
                current = []
            continue
        a = (x1, min(max(y1, band.top), band.bottom))
        c = (x2, min(max(y2, band.top), band.bottom))
        if current and current[-1] == a:
            current.append(c)
        else:
            if current:
                pieces.append(current)
            current = [a, c]
    if current:
        pieces.append(current)
    end = points[-1]
    return [(p, p[-1] == end) for p in pieces if len(p) > 1]
