"""DrawingML shapes for a drawn diagram: flowchart boxes with text, lines, edge labels.

Element order follows the schema (spPr: xfrm, geometry, fill, ln; ln: fill, prstDash,
tailEnd), which Word checks strictly; sizes are points, converted to EMU here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from prdkit.diagrams.placed import COLOURS, EDGE, INK, LABEL, LINE, MUTED, Box, Label, text_rows
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.oxml import Look, make, paragraph_properties, sub

__all__ = [
    "EMU",
    "WP",
    "WPG",
    "WPS",
    "A",
    "Frame",
    "draw_box",
    "draw_label",
    "element",
    "line_shape",
    "number_shape",
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
    ns: str,
    tag: str,
    attrs: dict[str, str] | None = None,
    parent: etree._Element | None = None,
    *,
    declare: bool = False,
) -> etree._Element:
    """A new `ns`:`tag`, appended to `parent` when given; the drawing namespaces declared
    on it when it has no parent, or when `declare` asks (those its parent does not know)."""
    name = f"{{{ns}}}{tag}"
    if parent is None:
        return etree.Element(name, attrs or {}, nsmap=_NSMAP)
    if declare:
        return etree.SubElement(parent, name, attrs or {}, nsmap=_NSMAP)
    return etree.SubElement(parent, name, attrs or {})


_NSMAP = {"wp": WP, "a": A, "wpg": WPG, "wps": WPS}


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
    frame; without its number (see `number_shape`)."""
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


def number_shape(shape: etree._Element, number: str, name: str) -> etree._Element:
    """`shape` given id `number` and named "`name` `number`"; returned."""
    c_nv_pr = shape[0]
    c_nv_pr.set("id", number)
    c_nv_pr.set("name", f"{name} {number}")
    return shape


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
    proto: etree._Element,
) -> tuple[etree._Element, Frame]:
    """A copy of text shape `proto` in `group`, numbered and placed at `frame`."""
    # A copy of the prototype of its kind, its numbers filled in: a diagram of a large file
    # holds tens of thousands of boxes, and building each one's dozen elements cost more.
    shape = number_shape(proto.__copy__(), number, name)
    group.append(shape)
    x, y, w, h = frame
    left, top = round(x * EMU), round(y * EMU)
    off, ext = shape[2][0]
    off.set("x", str(left))
    off.set("y", str(top))
    ext.set("cx", _emu(w))
    ext.set("cy", _emu(h))
    return shape, (left, top, left + round(w * EMU), top + round(h * EMU))


_TEXT_SHAPES: dict[tuple[str, str | None, str | None, str], etree._Element] = {}


def _text_proto(preset: str, fill: str | None, stroke: str | None, anchor: str) -> etree._Element:
    """The shape of a box (`fill`, `stroke`) or a label (neither) without its numbers and
    text: built once per kind."""
    key = (preset, fill, stroke, anchor)
    proto = _TEXT_SHAPES.get(key)
    if proto is not None:
        return proto
    shape = _TEXT_SHAPES[key] = element(WPS, "wsp")
    element(WPS, "cNvPr", {"id": "", "name": ""}, shape)
    element(WPS, "cNvSpPr", None, shape)
    spr = _spr(shape, 0, 0, 0, 0)
    geometry = element(A, "prstGeom", {"prst": preset}, spr)
    element(A, "avLst", None, geometry)
    if fill is None:
        element(A, "noFill", None, spr)
    else:
        _fill(spr, fill)
    if stroke is None:
        element(A, "noFill", None, element(A, "ln", None, spr))
    else:
        _fill(element(A, "ln", {"w": "9525"}, spr), stroke)
    sub(element(WPS, "txbx", None, shape), "txbxContent")
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
    return shape


def _paragraphs(
    b: Builder,
    shape: etree._Element,
    rows: Sequence[tuple[str, float, bool]],
    scale: float,
    align: str,
) -> None:
    content = shape[3][0]
    style = b.styles.id("Normal")
    for text, size, note in rows:
        line = round(size * LINE * scale * 20)
        para = _paragraph(style, align, line).__copy__()
        content.append(para)
        look = Look(size=max(2, round(size * scale * 2)), color=MUTED if note else INK)
        b.run(para, text, style, look)


_PARAGRAPHS: dict[tuple[str, str, int], etree._Element] = {}


def _paragraph(style: str, align: str, line: int) -> etree._Element:
    """An empty paragraph of a text shape, its properties set: built once per kind."""
    key = (style, align, line)
    proto = _PARAGRAPHS.get(key)
    if proto is None:
        if len(_PARAGRAPHS) >= 1024:  # a line height per scale: held briefly
            _PARAGRAPHS.clear()
        proto = _PARAGRAPHS[key] = make("p")
        spacing = {"before": "0", "after": "0", "line": str(line), "lineRule": "exact"}
        paragraph_properties(proto, style, align=align, spacing=spacing)
    return proto


def draw_box(
    b: Builder, group: etree._Element, number: str, box: Box, at: Place, scale: float
) -> Frame:
    """Append `box` as a flowchart shape holding its note and text; its frame."""
    x, y = at(box.x, box.y)
    fill, stroke = COLOURS.get(box.node.shape, COLOURS["box"])
    preset = _PRESETS.get(box.node.shape, "flowChartProcess")
    frame = (x, y, box.width * scale, box.height * scale)
    shape, made = _text_shape(group, number, "Box", frame, _text_proto(preset, fill, stroke, "ctr"))
    rows = [(text, size, note) for text, size, _, note in text_rows(box)]
    _paragraphs(b, shape, rows, scale, "center")
    return made


def draw_label(
    b: Builder, group: etree._Element, number: str, label: Label, at: Place, scale: float
) -> Frame:
    """Append an edge label as a borderless text box; its frame."""
    x, y = at(label.x - 1, label.y)
    # A little wider than measured: a label that wraps in Word would run into its line.
    frame = (x, y, (label.width + 6) * scale, label.height * scale)
    shape, made = _text_shape(group, number, "Label", frame, _text_proto("rect", None, None, "t"))
    _paragraphs(b, shape, [(line, LABEL, True) for line in label.lines], scale, "left")
    return made
