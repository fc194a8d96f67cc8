"""The examples' flows drawn in Word: read back from the drawing XML and from LibreOffice's PDF.

The XML shows the geometry (no two boxes overlap, every line starts and ends on a box, the
successors of a branching step share the next layer); the PDF shows that LibreOffice draws
every step's text where the layout put it. Without `soffice` and `pdftotext` the PDF half is
skipped (CI installs them: `apt-get install -y libreoffice-writer-nogui fonts-noto-cjk
poppler-utils`).
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from prdkit.check import check_file
from prdkit.render import source_timestamp
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write
from tests.conftest import EXAMPLES, libreoffice_pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
EMU = 12700
W_LINE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}line"
SOURCES = sorted(EXAMPLES.glob("*.prd.yaml"))


@dataclass
class Shape:
    x: float
    y: float
    w: float
    h: float
    preset: str
    lines: list[str]
    block: float = 0.0  # height of the text, from the paragraphs' exact line spacing


@dataclass
class Drawing:
    title: str
    width: float
    height: float
    boxes: list[Shape]
    labels: list[Shape]
    lines: list[list[tuple[float, float]]]


def render(source: Path) -> tuple[object, bytes]:
    result = check_file(source)
    doc = result.document
    assert doc is not None and not result.failed()
    options = RenderOptions(lang=doc.meta.language, timestamp=source_timestamp(result))
    return doc, write(doc, options)


def drawings(data: bytes) -> list[Drawing]:
    """Every drawn group in the document, in points, in document order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for inline in root.iter(f"{WP}inline"):
        group = inline.find(f"{A}graphic/{A}graphicData/{WPG}wgp")
        if group is None:
            continue
        ext = inline.find(f"{WP}extent")
        drawing = Drawing(
            inline.find(f"{WP}docPr").get("descr"),
            int(ext.get("cx")) / EMU,
            int(ext.get("cy")) / EMU,
            [],
            [],
            [],
        )
        # Shapes are placed in the group's child space, which starts at chOff.
        origin = group.find(f"{WPG}grpSpPr/{A}xfrm/{A}chOff")
        ox, oy = int(origin.get("x")), int(origin.get("y"))
        for shape in group.findall(f"{WPS}wsp"):
            xfrm = shape.find(f"{WPS}spPr/{A}xfrm")
            off, size = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
            x, y = (int(off.get("x")) - ox) / EMU, (int(off.get("y")) - oy) / EMU
            preset = shape.find(f"{WPS}spPr/{A}prstGeom")
            if preset is None:
                points = [
                    (x + int(p.get("x")) / EMU, y + int(p.get("y")) / EMU)
                    for p in shape.iter(f"{A}pt")
                ]
                drawing.lines.append(points)
                continue
            paragraphs = list(shape.iter("{*}p"))
            lines = ["".join(p.itertext()) for p in paragraphs]
            block = sum(int(p.find("{*}pPr/{*}spacing").get(W_LINE)) / 20 for p in paragraphs)
            frame = Shape(
                x,
                y,
                int(size.get("cx")) / EMU,
                int(size.get("cy")) / EMU,
                preset.get("prst"),
                lines,
                block,
            )
            (drawing.labels if preset.get("prst") == "rect" else drawing.boxes).append(frame)
        out.append(drawing)
    return out


def on_border(point: tuple[float, float], box: Shape, slack: float = 0.05) -> bool:
    x, y = point
    within_x = box.x - slack <= x <= box.x + box.w + slack
    within_y = box.y - slack <= y <= box.y + box.h + slack
    top_or_bottom = min(abs(y - box.y), abs(y - box.y - box.h)) <= slack
    side = min(abs(x - box.x), abs(x - box.x - box.w)) <= slack
    return (within_x and top_or_bottom) or (within_y and side)


def overlap(a: Shape, b: Shape) -> bool:
    return (
        a.x < b.x + b.w - 0.05
        and b.x < a.x + a.w - 0.05
        and a.y < b.y + b.h - 0.05
        and (b.y < a.y + a.h - 0.05)
    )


def step_text(number: int, action: str) -> str:
    return f"{number}. {' '.join(action.split())}"


def flow_boxes(doc, parts: list[Drawing]) -> dict[str, dict[str, tuple[int, Shape]]]:
    """flow id → step id → (part index, box), found by the step's numbered text."""
    found: dict[str, dict[str, tuple[int, Shape]]] = {}
    for flow in doc.flows:
        mine = [(n, d) for n, d in enumerate(parts) if d.title == flow.name]
        assert mine, f"{flow.id} is not drawn"
        steps = {}
        for number, step in enumerate(flow.steps, start=1):
            want = re.sub(r"\s+", "", step_text(number, step.action))
            for n, part in mine:
                for box in part.boxes:
                    # the note (the actor) comes first when shown; the text follows
                    for first in range(len(box.lines)):
                        if re.sub(r"\s+", "", "".join(box.lines[first:])) == want:
                            steps[step.id] = (n, box)
            assert step.id in steps, f"{flow.id}: step {step.id} is not on the diagram"
        found[flow.id] = steps
    return found


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_flow_is_drawn_with_every_step_boxes_apart_and_lines_on_boxes(source: Path):
    doc, data = render(source)
    parts = drawings(data)
    boxes = flow_boxes(doc, parts)
    assert sum(len(v) for v in boxes.values()) == sum(len(f.steps) for f in doc.flows)
    for part in parts:
        for i, a in enumerate(part.boxes):
            for b in part.boxes[i + 1 :]:
                assert not overlap(a, b), (part.title, a.lines, b.lines)
            assert a.x >= 0 and a.y >= 0 and a.x + a.w <= part.width + 0.1
        for line in part.lines:
            for end in (line[0], line[-1]):
                # a line cut where the picture continues on the next page ends at its edge
                cut = abs(end[1]) < 0.05 or abs(end[1] - part.height) < 0.05
                assert cut or any(on_border(end, box) for box in part.boxes), (part.title, end)
        for label in part.labels:
            for box in part.boxes:
                assert not overlap(label, box), (part.title, label.lines, box.lines)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_successors_of_a_branching_step_sit_on_the_next_layer(source: Path):
    """Each successor of a branching step is on the layer right below it, unless a longer
    path also leads there: then it sits below the last step of that path."""
    doc, data = render(source)
    parts = drawings(data)
    boxes = flow_boxes(doc, parts)
    checked = 0
    for flow in doc.flows:
        at = boxes[flow.id]
        before: dict[str, list[str]] = {}
        for index, step in enumerate(flow.steps):
            for target in flow.successors(index):
                before.setdefault(target, []).append(step.id)
        for step in flow.steps:
            if len(step.branches) < 2:
                continue
            part, box = at[step.id]
            below = [b for b in parts[part].boxes if b.y > box.y + box.h]
            if not below:
                continue
            next_layer = min(b.y + b.h / 2 for b in below)  # boxes of a layer share a centre
            for target in {b.next for b in step.branches}:
                there, t = at[target]
                if there != part or t.y < box.y:
                    continue  # on a later page, or a loop back (drawn in its lane)
                checked += 1
                centre = t.y + t.h / 2
                if abs(centre - next_layer) < 0.1:
                    continue
                longer = [
                    p
                    for p in before[target]
                    if p != step.id
                    and at[p][0] == part
                    and at[p][1].y > box.y + box.h
                    and at[p][1].y + at[p][1].h < t.y
                ]
                assert longer, (flow.id, step.id, target)
    assert checked, "the examples have branching steps"


needs_pdf = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="needs LibreOffice (soffice) and poppler (pdftotext): "
    "apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils",
)

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def pdf_words(docx_path: Path, work: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, each word LibreOffice's PDF shows, with its top-left corner."""
    pdf = libreoffice_pdf(str(SOFFICE), docx_path, work)
    out = subprocess.run(
        [str(PDFTOTEXT), "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append(
            [(float(m[1]), float(m[2]), html.unescape(m[5])) for m in _WORD.finditer(page)]
        )
    return pages


def find(pages, tokens: list[str]) -> list[tuple[int, float, float]]:
    """(page, x, y) of each place the words `tokens` follow one another."""
    hits = []
    for number, words in enumerate(pages):
        texts = [w[2] for w in words]
        for i in range(len(texts) - len(tokens) + 1):
            if texts[i : i + len(tokens)] == tokens:
                hits.append((number, words[i][0], words[i][1]))
    return hits


@needs_pdf
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_libreoffice_draws_every_step_where_the_layout_put_it(source: Path, tmp_path: Path):
    doc, data = render(source)
    docx_path = tmp_path / (source.name.split(".")[0] + ".docx")
    docx_path.write_bytes(data)
    pages = pdf_words(docx_path, tmp_path)
    parts = drawings(data)
    boxes = flow_boxes(doc, parts)
    for flow in doc.flows:
        hits = {}
        for step_id, (_part, box) in boxes[flow.id].items():
            # The box's words in reading order: its note, then its numbered text line by line.
            hits[step_id] = find(pages, " ".join(box.lines).split())
            assert hits[step_id], (flow.id, step_id, box.lines)
        # Another flow may start with the same words: the pages of this flow's drawing are
        # those of the steps found once.
        pages_of_flow = {h[0][0] for h in hits.values() if len(h) == 1}
        shown: dict[str, tuple[int, float, float]] = {}
        for step_id, found in hits.items():
            mine = [h for h in found if h[0] in pages_of_flow] if len(found) > 1 else found
            assert len(mine) == 1, (flow.id, step_id, found)
            shown[step_id] = mine[0]
        # Positions follow the layout: within one drawn part on one page, every box's text
        # is where the drawing puts it, less one offset (where the part sits on the page).
        groups: dict[tuple[int, int], list[float]] = {}
        for step_id, (part, box) in boxes[flow.id].items():
            page, _, top = shown[step_id]
            text_top = box.y + (box.h - box.block) / 2
            groups.setdefault((part, page), []).append(top - text_top)
        for offsets in groups.values():
            assert max(offsets) - min(offsets) < 1, (flow.id, offsets)
        assert any(len(offsets) > 2 for offsets in groups.values()), flow.id
        # and left-to-right order is kept
        items = list(boxes[flow.id].items())
        for i, (a, (part_a, box_a)) in enumerate(items):
            for b, (part_b, box_b) in items[i + 1 :]:
                if part_a != part_b or shown[a][0] != shown[b][0]:
                    continue
                if box_a.x + box_a.w <= box_b.x:
                    assert shown[a][1] < shown[b][1], (flow.id, a, b)
                elif box_b.x + box_b.w <= box_a.x:
                    assert shown[b][1] < shown[a][1], (flow.id, a, b)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_a_flow_title_and_facts_keep_to_the_page_of_its_drawing(source: Path):
    doc, data = render(source)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))[0]
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    names = {flow.name for flow in doc.flows}
    children = list(body)
    seen = 0
    for n, para in enumerate(children):
        pr = para.find(f".//{WP}docPr")
        if pr is None or pr.get("descr") not in names:
            continue
        if n and children[n - 1].find(f".//{WP}docPr") is not None:
            continue  # a later part of the same drawing
        seen += 1
        back = n - 1
        while True:  # every paragraph up to the flow's heading keeps with the next
            ppr = children[back].find(f"{W}pPr")
            assert ppr is not None and ppr.find(f"{W}keepNext") is not None
            style = ppr.find(f"{W}pStyle")
            if style is not None and style.get(f"{W}val").lower().startswith("heading"):
                break
            back -= 1
    assert seen == len(doc.flows)
