"""DrawingML shapes for a drawn diagram: flowchart boxes with text, lines, edge labels.

Element order follows the schema (spPr: xfrm, geometry, fill, ln; ln: fill, prstDash,
tailEnd), which Word checks strictly; sizes are points, converted to EMU here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from prdkit.diagrams.placed import COLOURS, EDGE, INK, LABEL, LINE, MUTED, Box, Label, text_rows
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.oxml import Look, sub

__all__ = [
    "EMU",
    "WP",
    "WPG",
    "WPS",
    "A",
    "Frame",
    "draw_box",
    "draw_label",
    "draw_line",
    "element",
    "line_shape",
    "numbered",
]

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
EMU = 12700  # per point
_PRESETS = {
    "box": "flowChartProcess",
    "decision": "flowChartDecision",
    "terminal": "flowChartTerminator",
}

Point = tuple[float, float]
Place = Callable[[float, float], Point]  # picture coordinates → drawing coordinates


def element(
    ns: str, tag: str, attrs: dict[str, str] | None = None, parent: etree._Element | None = None
) -> etree._Element:
    """A new `ns`:`tag`, appended to `parent` when given."""
    name = f"{{{ns}}}{tag}"
    if parent is None:
        return etree.Element(name, attrs or {}, nsmap={"wp": WP, "a": A, "wpg": WPG, "wps": WPS})
    return etree.SubElement(parent, name, attrs or {})


def _emu(points: float) -> str:
    return str(round(points * EMU))


def _spr(shape: etree._Element, x: float, y: float, w: float, h: float) -> etree._Element:
    spr = element(WPS, "spPr", None, shape)
    xfrm = element(A, "xfrm", None, spr)
    element(A, "off", {"x": _emu(x), "y": _emu(y)}, xfrm)
    element(A, "ext", {"cx": _emu(w), "cy": _emu(h)}, xfrm)
    return spr


def _fill(parent: etree._Element, colour: str) -> None:
    fill = element(A, "solidFill", None, parent)
    element(A, "srgbClr", {"val": colour}, fill)


Frame = tuple[int, int, int, int]  # left, top, right, bottom of a shape, in EMU


def line_shape(points: Sequence[Point], arrow: bool, dashed: bool) -> tuple[etree._Element, Frame]:
    """A polyline through `points` (drawing coordinates), dashed for a loop back, and its
    frame; without its number (see `numbered`)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, top = min(xs), min(ys)
    # A straight line has no width (or height); Word and LibreOffice want a real box.
    w, h = max(max(xs) - left, 0.01), max(max(ys) - top, 0.01)
    # A copy of the line's prototype (lxml copies deep, far cheaper than building it), its
    # numbers filled in: the flow and structure diagrams draw tens of thousands of lines.
    shape = _line(arrow, dashed).__copy__()
    spr = shape[2]
    off, ext = spr[0]
    x, y, cx, cy = _emu(left), _emu(top), _emu(w), _emu(h)
    off.set("x", x)
    off.set("y", y)
    ext.set("cx", cx)
    ext.set("cy", cy)
    path = spr[1][-1][0]
    path.set("w", cx)
    path.set("h", cy)
    for n, (px, py) in enumerate(points):
        step = etree.SubElement(path, _MOVE_TO if n == 0 else _LINE_TO)
        etree.SubElement(step, _PT, {"x": _emu(px - left), "y": _emu(py - top)})
    return shape, (int(x), int(y), int(x) + int(cx), int(y) + int(cy))


def numbered(shape: etree._Element, number: str, name: str) -> etree._Element:
    """A copy of unnumbered `shape` with id `number`, named "`name` `number`"."""
    # The parts of a tall drawing repeat a line wherever routes share a run (a structure
    # chart's spine passes every part): the copy of one made before is cheaper than a build.
    shape = shape.__copy__()
    c_nv_pr = shape[0]
    c_nv_pr.set("id", number)
    c_nv_pr.set("name", f"{name} {number}")
    return shape


def draw_line(
    group: etree._Element, number: str, points: Sequence[Point], arrow: bool, dashed: bool
) -> Frame:
    """Append a polyline through `points` (drawing coordinates), dashed for a loop back;
    its frame."""
    shape, frame = line_shape(points, arrow, dashed)
    group.append(numbered(shape, number, "Line"))
    return frame


_MOVE_TO, _LINE_TO, _PT = f"{{{A}}}moveTo", f"{{{A}}}lnTo", f"{{{A}}}pt"
_LINES: dict[tuple[bool, bool], etree._Element] = {}


def _line(arrow: bool, dashed: bool) -> etree._Element:
    """The shape of a line, without its numbers and points: built once per kind."""
    proto = _LINES.get((arrow, dashed))
    if proto is not None:
        return proto
    shape = _LINES[arrow, dashed] = element(WPS, "wsp")
    element(WPS, "cNvPr", {"id": "", "name": ""}, shape)
    element(WPS, "cNvSpPr", None, shape)
    spr = _spr(shape, 0, 0, 0, 0)
    geometry = element(A, "custGeom", None, spr)
    for tag in ("avLst", "gdLst", "ahLst", "cxnLst"):
        element(A, tag, None, geometry)
    element(A, "rect", {"l": "0", "t": "0", "r": "r", "b": "b"}, geometry)
    paths = element(A, "pathLst", None, geometry)
    element(A, "path", {"w": "", "h": ""}, paths)
    element(A, "noFill", None, spr)
    ln = element(A, "ln", {"w": "9525"}, spr)
    _fill(ln, EDGE)
    if dashed:
        element(A, "prstDash", {"val": "dash"}, ln)
    if arrow:
        element(A, "tailEnd", {"type": "triangle", "w": "med", "len": "med"}, ln)
    element(WPS, "bodyPr", None, shape)
    return shape


def _text_shape(
    group: etree._Element,
    number: str,
    name: str,
    frame: tuple[float, float, float, float],
    preset: str,
) -> tuple[etree._Element, etree._Element, Frame]:
    shape = element(WPS, "wsp", None, group)
    element(WPS, "cNvPr", {"id": number, "name": f"{name} {number}"}, shape)
    element(WPS, "cNvSpPr", None, shape)
    spr = _spr(shape, *frame)
    geometry = element(A, "prstGeom", {"prst": preset}, spr)
    element(A, "avLst", None, geometry)
    x, y, w, h = frame
    left, top = round(x * EMU), round(y * EMU)
    return shape, spr, (left, top, left + round(w * EMU), top + round(h * EMU))


def _paragraphs(
    b: Builder,
    shape: etree._Element,
    rows: Sequence[tuple[str, float, bool]],
    scale: float,
    align: str,
    anchor: str,
) -> None:
    frame = element(WPS, "txbx", None, shape)
    content = sub(frame, "txbxContent")
    style = b.styles.id("Normal")
    for text, size, note in rows:
        line = round(size * LINE * scale * 20)
        para = b.paragraph(
            content,
            "Normal",
            align=align,
            spacing={"before": "0", "after": "0", "line": str(line), "lineRule": "exact"},
        )
        look = Look(size=max(2, round(size * scale * 2)), color=MUTED if note else INK)
        b.run(para, text, style, look)
    element(
        WPS,
        "bodyPr",
        {
            "rot": "0",
            "vert": "horz",
            # The layout broke the lines already; a wider stand-in font overflows a little
            # rather than wrapping again and running out of the shape.
            "wrap": "none",
            "lIns": "0",
            "tIns": "0",
            "rIns": "0",
            "bIns": "0",
            "anchor": anchor,
            "anchorCtr": "0",
        },
        shape,
    )


def draw_box(
    b: Builder, group: etree._Element, number: str, box: Box, at: Place, scale: float
) -> Frame:
    """Append `box` as a flowchart shape holding its note and text; its frame."""
    x, y = at(box.x, box.y)
    shape, spr, made = _text_shape(
        group,
        number,
        "Box",
        (x, y, box.width * scale, box.height * scale),
        _PRESETS.get(box.node.shape, "flowChartProcess"),
    )
    fill, stroke = COLOURS.get(box.node.shape, COLOURS["box"])
    _fill(spr, fill)
    ln = element(A, "ln", {"w": "9525"}, spr)
    _fill(ln, stroke)
    rows = [(text, size, note) for text, size, _, note in text_rows(box)]
    _paragraphs(b, shape, rows, scale, "center", "ctr")
    return made


def draw_label(
    b: Builder, group: etree._Element, number: str, label: Label, at: Place, scale: float
) -> Frame:
    """Append an edge label as a borderless text box; its frame."""
    x, y = at(label.x - 1, label.y)
    # A little wider than measured: a label that wraps in Word would run into its line.
    frame = (x, y, (label.width + 6) * scale, label.height * scale)
    shape, spr, made = _text_shape(group, number, "Label", frame, "rect")
    element(A, "noFill", None, spr)
    ln = element(A, "ln", None, spr)
    element(A, "noFill", None, ln)
    _paragraphs(b, shape, [(line, LABEL, True) for line in label.lines], scale, "left", "t")
    return made
