"""Drawing a laid-out diagram: standalone SVG, and native Word shapes (DrawingML)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from lxml import etree

from prdkit.diagrams.graph import Edge, Graph, Node
from prdkit.diagrams.layout import layout
from prdkit.diagrams.svg import FONT_STACK, svg
from prdkit.layout import build as lay_out
from prdkit.model import build
from prdkit.writers import RenderOptions
from prdkit.writers.docx.base import open_base
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.drawing import draw, fits
from prdkit.writers.docx.shapes import EMU, WPG, WPS, A
from tests.wordstyles import Shown, text_runs

SVG_NS = "{http://www.w3.org/2000/svg}"

GRAPH = Graph(
    (
        Node("s", "开始", "terminal"),
        Node("a", "买家提交订单 <script>alert(1)</script> & pay", note="买家"),
        Node("b", "库存是否充足？", "decision"),
        Node("c", "扣减库存"),
        Node("d", "提示售罄"),
    ),
    (
        Edge("s", "a"),
        Edge("a", "b"),
        Edge("b", "c", "是"),
        Edge("b", "d", '否 "sold out"'),
        Edge("d", "a", "重新选择"),
    ),
)


def test_svg_is_well_formed_escaped_and_scriptless():
    text = svg(layout(GRAPH), title="下单 <流程>")
    root = ET.fromstring(text)  # parses: everything escaped
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("font-family") == FONT_STACK
    assert not list(root.iter(f"{SVG_NS}script"))
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert root.find(f"{SVG_NS}title").text == "下单 <流程>"
    words = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert "开始" in words and "买家" in words and "是" in words and "重新选择" in words
    assert '否 "sold out"' in words
    # one polyline per edge, each with its arrowhead, the loop dashed
    lines = list(root.iter(f"{SVG_NS}polyline"))
    assert len(lines) == 5
    heads = [p for p in root.iter(f"{SVG_NS}path") if p.get("class") == "arrowhead"]
    assert len(heads) == 5
    assert not list(root.iter(f"{SVG_NS}marker"))
    assert sum(line.get("stroke-dasharray") is not None for line in lines) == 1
    assert len(list(root.iter(f"{SVG_NS}polygon"))) == 1  # the decision diamond


def test_svg_is_the_same_for_the_same_graph():
    assert svg(layout(GRAPH)) == svg(layout(GRAPH))


def test_svg_arrowheads_point_along_their_lines_last_stretch():
    # WeasyPrint does not turn a marker: in the PDF every head pointed right. Each head is
    # drawn turned: its tip at the line's end, its base back along the last stretch.
    root = ET.fromstring(svg(layout(GRAPH)))
    lines = list(root.iter(f"{SVG_NS}polyline"))
    heads = [p for p in root.iter(f"{SVG_NS}path") if p.get("class") == "arrowhead"]
    for line, head in zip(lines, heads, strict=True):
        points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        (tip_x, tip_y), (before_x, before_y) = points[-1], points[-2]
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", head.get("d"))]
        corners = list(zip(numbers[::2], numbers[1::2], strict=True))
        assert corners[0] == pytest.approx((tip_x, tip_y), abs=0.01)
        middle_x = (corners[1][0] + corners[2][0]) / 2
        middle_y = (corners[1][1] + corners[2][1]) / 2
        # The base's middle lies on the last stretch, seven points back from the tip.
        assert math.hypot(tip_x - middle_x, tip_y - middle_y) == pytest.approx(7, abs=0.02)
        cross = (tip_x - before_x) * (middle_y - tip_y) - (tip_y - before_y) * (middle_x - tip_x)
        assert abs(cross) < 0.5
        assert (tip_x - before_x) * (tip_x - middle_x) + (tip_y - before_y) * (tip_y - middle_y) > 0


def builder() -> Builder:
    doc = build(
        {"meta": {"id": "PRD-1", "title": "T", "version": "1.0.0", "status": "draft", "owner": "o"}}
    )
    return Builder(open_base(None), lay_out(doc, "zh"))


def test_word_drawing_is_a_group_of_shapes_with_text_lines_and_arrowheads():
    b = builder()
    placed = layout(GRAPH)
    width = b.width / 20
    draw(b, placed, "下单流程", width_pt=width, room_pt=700)
    groups = list(b.body.iter(f"{{{WPG}}}wgp"))
    assert len(groups) == 1
    shapes = groups[0].findall(f"{{{WPS}}}wsp")
    presets = [g.get("prst") for g in groups[0].iter(f"{{{A}}}prstGeom")]
    assert presets.count("flowChartTerminator") == 1
    assert presets.count("flowChartDecision") == 1
    assert presets.count("flowChartProcess") == 3
    assert len(list(groups[0].iter(f"{{{A}}}custGeom"))) == 5  # one line per edge
    assert len(list(groups[0].iter(f"{{{A}}}tailEnd"))) == 5  # each with its arrowhead
    assert len(shapes) == 5 + 5 + 3  # boxes, lines, labels
    paragraphs = [
        ["".join(p.itertext()) for p in t.iter("{*}p")] for t in b.body.iter("{*}txbxContent")
    ]
    box = next(x for x in placed.boxes if x.node.id == "a")
    assert ["买家", *box.lines] in paragraphs  # the note, then the text line by line
    assert " ".join(box.lines) == "买家提交订单 <script>alert(1)</script> & pay"
    assert ['否 "sold', 'out"'] in paragraphs or ['否 "sold out"'] in paragraphs
    ids = [
        e.get("id") for e in b.body.iter() if e.tag.endswith("}docPr") or e.tag.endswith("}cNvPr")
    ]
    assert len(ids) == len(set(ids)) == 1 + len(shapes)
    # scaled to the text width at most, never up
    extent = next(b.body.iter("{*}extent"))
    assert int(extent.get("cx")) <= round(width * EMU)
    # the frame is the shapes' own extent: from the leftmost to the rightmost shape
    xs = [x for b in placed.boxes for x in (b.x, b.x + b.width)]
    xs += [x for r in placed.routes for x, _ in r.points]
    xs += [
        x for r in placed.routes if r.label for x in (r.label.x - 1, r.label.x + r.label.width + 5)
    ]
    assert abs(int(extent.get("cx")) - (max(xs) - min(xs)) * EMU) < 100
    # The East Asian font shows on every run in the shapes, once their properties are
    # written out
    written = etree.fromstring(b.run_marks.expand(etree.tostring(b.body)))
    shown = Shown(b.styles.element)
    runs = text_runs(written)
    assert runs
    assert all(shown.value(r, "rFonts", "eastAsia") == "Microsoft YaHei" for r in runs)


def test_a_tall_diagram_is_cut_between_layers_into_page_sized_parts():
    nodes = tuple(Node(f"n{i}", f"第 {i} 步") for i in range(30))
    edges = tuple(Edge(f"n{i}", f"n{i + 1}") for i in range(29))
    placed = layout(Graph(nodes, edges))
    b = builder()
    draw(b, placed, "long", width_pt=b.width / 20, room_pt=500)
    groups = list(b.body.iter(f"{{{WPG}}}wgp"))
    assert len(groups) >= 3
    boxes = 0
    for group in groups:
        ext = group.find(f"{{{WPG}}}grpSpPr/{{{A}}}xfrm/{{{A}}}ext")
        assert int(ext.get("cy")) <= 500 * 0.82 * EMU + 1
        boxes += sum(g.get("prst") == "flowChartProcess" for g in group.iter(f"{{{A}}}prstGeom"))
    assert boxes == 30  # every step drawn once, none cut in half
    heads = sum(len(list(g.iter(f"{{{A}}}tailEnd"))) for g in groups)
    assert heads == 29  # a line cut at a page edge has its arrowhead only where it ends


def test_a_long_diagram_with_lines_back_over_many_parts_draws_each_thing_once():
    # Lines back up the picture span many parts: each part must get every line that reaches
    # into it (found by one sweep down the parts) and every box wholly inside it.
    nodes = tuple(Node(f"n{i}", f"step {i}") for i in range(300))
    edges = tuple(Edge(f"n{i}", f"n{i + 1}") for i in range(299))
    back = tuple(Edge(f"n{i}", f"n{i - 40}", "again") for i in range(60, 300, 60))
    placed = layout(Graph(nodes, edges + back))
    b = builder()
    draw(b, placed, "long", width_pt=b.width / 20, room_pt=500)
    groups = list(b.body.iter(f"{{{WPG}}}wgp"))
    assert len(groups) >= 20
    boxes = sum(
        g.get("prst") == "flowChartProcess" for grp in groups for g in grp.iter(f"{{{A}}}prstGeom")
    )
    assert boxes == 300
    heads = sum(len(list(g.iter(f"{{{A}}}tailEnd"))) for g in groups)
    assert heads == len(edges) + len(back)  # every line ends once, wherever it is cut
    labels = sum("".join(g.itertext()).count("again") for g in groups)
    assert labels == len(back)


def test_a_tall_structure_draws_its_spine_once_in_every_part():
    # Every listed child's line runs down the parent's spine. A part the spine passes draws
    # that stretch once, not once per child below it: identical lines on top of one another
    # made the shapes grow with the children times the parts.
    nodes = (Node("root", "产品"), *(Node(f"f{i}", f"功能 {i}") for i in range(120)))
    edges = tuple(Edge("root", f"f{i}") for i in range(120))
    placed = layout(Graph(nodes, edges, kind="tree"), max_width=300)
    b = builder()
    draw(b, placed, "tree", width_pt=b.width / 20, room_pt=500)
    groups = list(b.body.iter(f"{{{WPG}}}wgp"))
    assert len(groups) >= 3
    names = [n.get("name") for n in b.body.iter(f"{{{WPS}}}cNvPr")]
    assert len(names) == len(set(names))
    for group in groups:
        lines = [
            s for s in group.iter(f"{{{WPS}}}wsp") if s.find(f".//{{{A}}}custGeom") is not None
        ]
        geometry = [etree.tostring(s.find(f"{{{WPS}}}spPr")) for s in lines]
        assert lines  # the spine reaches every part
        assert len(set(geometry)) == len(geometry)  # no line drawn twice
        # the group's frame is the union of its shapes' frames
        frames = []
        for s in group.iter(f"{{{WPS}}}wsp"):
            off, ext = s.find(f"{{{WPS}}}spPr/{{{A}}}xfrm")
            x, y = int(off.get("x")), int(off.get("y"))
            frames.append((x, y, x + int(ext.get("cx")), y + int(ext.get("cy"))))
        xfrm = group.find(f"{{{WPG}}}grpSpPr/{{{A}}}xfrm")
        assert int(xfrm.find(f"{{{A}}}chOff").get("y")) == min(f[1] for f in frames)
        assert int(xfrm.find(f"{{{A}}}chExt").get("cx")) == max(f[2] for f in frames) - min(
            f[0] for f in frames
        )
    lines = sum(len(g.findall(f"{{{WPS}}}wsp")) for g in groups) - len(nodes)
    # One line per child, plus the spine's stretch through each part after the first.
    assert len(edges) < lines <= len(edges) + len(groups) - 1


def test_a_diagram_too_wide_for_readable_text_does_not_fit():
    nodes = tuple(Node(f"n{i}", f"很长的步骤名称 {i}") for i in range(12))
    edges = tuple(Edge("n0", f"n{i}") for i in range(1, 12))
    placed = layout(Graph(nodes, edges))
    assert not fits(placed, 480)
    assert fits(layout(GRAPH), 480)


def test_word_drawing_is_byte_identical_for_the_same_graph():
    one, two = builder(), builder()
    for b in (one, two):
        draw(b, layout(GRAPH), "x", width_pt=480, room_pt=700)
    assert etree.tostring(one.body) == etree.tostring(two.body)


def test_html_draws_every_flow_and_the_feature_structure_as_inline_svg():
    from prdkit.check import check_file
    from prdkit.writers.html import write as write_html
    from tests.conftest import EXAMPLES

    result = check_file(EXAMPLES / "flash-sale.prd.yaml")
    doc = result.document
    page = write_html(doc, RenderOptions(lang="zh")).decode("utf-8")
    figures = page.split('<figure class="diagram"')[1:]
    # Every flow, the feature structure and the page map.
    assert len(figures) == len(doc.flows) + 1 + (1 if doc.pages else 0)
    pictures = [f[: f.index("</svg>") + 6] for f in figures]
    shown = "".join("".join(ET.fromstring(p[p.index("<svg") :]).itertext()) for p in pictures)
    shown = re.sub(r"\s+", "", shown)
    for flow in doc.flows:
        for step in flow.steps:
            assert re.sub(r"\s+", "", step.action) in shown
    for feature in doc.features:
        assert re.sub(r"\s+", "", feature.name) in shown
