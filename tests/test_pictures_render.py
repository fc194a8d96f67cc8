"""Pictures in the outputs: embedded in Word, pointed at from Markdown, linked when remote."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from lxml import etree

from prdkit.check import check_file
from prdkit.images.pictures import Pictures
from prdkit.layout.sections.pages import page_map
from prdkit.model import build
from prdkit.views import links, traceability
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write as write_docx
from prdkit.writers.markdown import write as write_markdown
from tests.conftest import run_prdkit
from tests.pictures import png

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
EMU_PER_TWIP = 635

SOURCE = """\
prdkit: 1
meta:
  id: pics
  title: Pictures
  version: "1.0"
  status: draft
  owner: Ann
  summary: |
    Today's list: ![the old list](img/old.png)
    Brand guide: ![logo](https://example.com/logo.png)
requirements:
  - id: R1
    title: Show the list
    priority: must
features:
  - id: F1
    name: List
    requirements: [R1]
    pages: [P-list]
pages:
  - id: P-list
    name: List page
    navigates_to: [P-detail, P-detail, P-nowhere]
    prototypes:
      - image: img/wide.png
        caption: The list, wide
      - image: img/small.png
      - image: https://example.com/mock.png
        caption: The remote mock
  - id: P-detail
    name: Detail page
    navigates_to: [P-list]
tracking:
  - id: E1
    event: list.view
    name: List viewed
    trigger: The list opens.
    page: P-list
    feature: F1
metrics:
  - id: K1
    name: Views
    target: 10
    events: [E1]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "old.png").write_bytes(png(300, 200))
    (tmp_path / "img" / "wide.png").write_bytes(png(3000, 1000))
    (tmp_path / "img" / "small.png").write_bytes(png(120, 80, rgb=b"\x90\x60\x30"))
    (tmp_path / "doc.prd.yaml").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def rendered(folder: Path, out: Path | None = None) -> tuple[bytes, str]:
    # The reference to P-nowhere makes the document invalid; writers still take its model.
    result = check_file(folder / "doc.prd.yaml")
    pictures = Pictures(result.images, folder, out or folder)
    options = RenderOptions(lang="en", pictures=pictures)
    return write_docx(result.document, options), write_markdown(result.document, options).decode()


def xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def test_word_embeds_each_picture_once_described_and_fitted(folder: Path) -> None:
    data, _ = rendered(folder)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
        assert len(media) == 3
        assert {archive.read(n) for n in media} == {
            png(300, 200),
            png(3000, 1000),
            png(120, 80, rgb=b"\x90\x60\x30"),
        }
        types = archive.read("[Content_Types].xml").decode()
        assert 'Extension="png"' in types or "image/png" in types
    body = xml(data, "word/document.xml")
    # Pictures, not the drawn diagrams (which are inline drawings of shapes).
    inlines = [i for i in body.iter(f"{{{NS['wp']}}}inline") if i.find(".//a:blip", NS) is not None]
    described = {i.find("wp:docPr", NS).get("descr"): i.find("wp:extent", NS) for i in inlines}
    assert set(described) == {"the old list", "The list, wide", "List page"}
    sect = body.find(".//w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    width = (
        int(size.get(f"{{{NS['w']}}}w"))
        - int(margins.get(f"{{{NS['w']}}}left"))
        - int(margins.get(f"{{{NS['w']}}}right"))
    )
    for extent in described.values():
        assert int(extent.get("cx")) <= width * EMU_PER_TWIP
    wide = described["The list, wide"]
    # Scaled to the text width, aspect kept (3 : 1).
    assert int(wide.get("cx")) == width * EMU_PER_TWIP
    assert abs(int(wide.get("cx")) / int(wide.get("cy")) - 3) < 0.01
    # Never enlarged: 120 × 80 pixels stay 120 × 80 at 96 per inch.
    small = described["List page"]
    assert (int(small.get("cx")), int(small.get("cy"))) == (120 * 9525, 80 * 9525)
    ids = [i.find("wp:docPr", NS).get("id") for i in inlines]
    assert len(set(ids)) == len(ids)
    captions = [
        "".join(p.itertext())
        for p in body.iter(f"{{{NS['w']}}}p")
        if p.find("w:pPr/w:pStyle", NS) is not None
        and p.find("w:pPr/w:pStyle", NS).get(f"{{{NS['w']}}}val") == "Caption"
    ]
    # The remote mock's caption is its link's text already: not repeated beneath it.
    assert captions == ["The list, wide"]


def test_remote_pictures_are_links_in_word_and_markdown(folder: Path) -> None:
    data, markdown = rendered(folder)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert 'Target="https://example.com/mock.png"' in rels
    assert 'Target="https://example.com/logo.png"' in rels
    assert "[logo](https://example.com/logo.png)" in markdown
    assert "[The remote mock](https://example.com/mock.png)" in markdown
    assert "![logo]" not in markdown and "![The remote mock]" not in markdown


def test_markdown_paths_resolve_from_the_output_folder(folder: Path, tmp_path: Path) -> None:
    _, beside = rendered(folder)
    assert "![the old list](img/old.png)" in beside
    assert "![The list, wide](img/wide.png)" in beside
    out = tmp_path / "site" / "docs"
    out.mkdir(parents=True)
    _, elsewhere = rendered(folder, out)
    paths = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", elsewhere)
    assert paths and all(p.startswith("../../") for p in paths)
    for path in paths:
        assert (out / path).resolve().is_file(), path


@pytest.mark.parametrize("name", [os.fsdecode(b"d\xff"), "a#b %c?d"])
def test_a_folder_name_that_is_no_plain_address_is_escaped_in_the_path(
    tmp_path: Path, name: str
) -> None:
    # The path from the output to the picture crossed a folder named b"d\xff" (no UTF-8
    # file can hold that name: writing the Markdown ended with an internal error), or one
    # whose '#', '?' and '%' made the address a fragment, a query and an escape.
    folder = tmp_path / name
    (folder / "img").mkdir(parents=True)
    for picture in ("old.png", "wide.png", "small.png"):
        (folder / "img" / picture).write_bytes(png(300, 200))
    (folder / "doc.prd.yaml").write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _, markdown = rendered(folder, out)
    paths = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
    escaped = "d%FF" if name.startswith("d") else "a%23b%20%25c%3Fd"
    assert paths and all(p.startswith(f"../{escaped}/img/") for p in paths)
    for path in paths:  # the escapes stand for the folder's bytes
        target = out / os.fsdecode(unquote_to_bytes(path))
        assert target.resolve().is_file(), path


def test_outputs_are_identical_and_follow_the_picture_bytes(folder: Path) -> None:
    first, markdown = rendered(folder)
    assert rendered(folder) == (first, markdown)
    (folder / "img" / "wide.png").write_bytes(png(3000, 1000, rgb=b"\x00\x00\x00"))
    changed, _ = rendered(folder)
    assert changed != first


def test_render_command_embeds_the_pictures(folder: Path, tmp_path: Path) -> None:
    (folder / "doc.prd.yaml").write_text(SOURCE.replace(", P-nowhere]", "]"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_prdkit("render", str(folder / "doc.prd.yaml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / "doc.docx") as archive:
        assert sum(n.startswith("word/media/") for n in archive.namelist()) == 3
    text = (out / "doc.md").read_text(encoding="utf-8")
    assert "](../img/wide.png)" in text


def test_page_map_edges_and_the_links_of_either_side() -> None:
    doc = build(__import__("yaml").safe_load(SOURCE.replace("  summary: |", "  x-s: |")))
    graph = page_map(doc)
    assert graph.kind == "map"
    assert [(n.id, n.text, n.note) for n in graph.nodes] == [
        ("p0", "List page", "P-list"),
        ("p1", "Detail page", "P-detail"),
    ]
    # One arrow per pair, none to a page the document lacks.
    assert [(e.source, e.target) for e in graph.edges] == [("p0", "p1"), ("p1", "p0")]
    linked = links(doc)
    assert linked.pages_of_feature == {"F1": ("P-list",)}
    assert linked.features_of_page == {"P-list": ("F1",)}
    assert linked.events_of_metric == {"K1": ("E1",)}
    assert linked.metrics_of_event == {"E1": ("K1",)}
    (trace,) = traceability(doc)
    assert trace.events == ("E1",)


def test_a_picture_whose_rule_is_off_is_named_not_shown(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text('[rules]\nimage-missing = "off"\n', encoding="utf-8")
    source = tmp_path / "doc.prd.yaml"
    source.write_text(
        SOURCE.replace(", P-nowhere]", "]").replace("Today's list: ", "Today's list: later "),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    result = run_prdkit("render", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = (out / "doc.md").read_text(encoding="utf-8")
    assert "The list, wide (`img/wide.png`)" in text
    assert "later the old list" in text  # the alt text stays; no broken picture
    with zipfile.ZipFile(out / "doc.docx") as archive:
        assert not any(n.startswith("word/media/") for n in archive.namelist())
        body = archive.read("word/document.xml").decode()
    assert "The list, wide (img/wide.png)" in body


def test_a_picture_in_a_table_cell_gets_a_line_as_tall_as_itself(folder: Path) -> None:
    # Cells have an exact line height; a picture on such a line is clipped to a sliver.
    source = SOURCE.replace(
        "    name: List page\n",
        "    name: List page\n"
        "    elements:\n"
        "      - name: Banner\n"
        "        rule: Styled as ![the banner](img/old.png) on every visit\n",
    )
    (folder / "doc.prd.yaml").write_text(source, encoding="utf-8")
    data, _ = rendered(folder)
    body = xml(data, "word/document.xml")
    held = [
        p
        for p in body.iterfind(".//w:tc//w:p", NS)
        if p.find(".//wp:inline//a:blip", NS) is not None
    ]
    assert len(held) == 1
    ppr = held[0].find("w:pPr", NS)
    spacing = ppr.find("w:spacing", NS)
    assert spacing.get(f"{{{NS['w']}}}lineRule") == "auto"
    # Still in the schema's order: the style first, the spacing before any alignment.
    names = [etree.QName(el).localname for el in ppr]
    assert names[0] == "pStyle"
    assert names.index("spacing") < min([names.index("jc")] if "jc" in names else [len(names)])
    assert "Styled as" in "".join(held[0].itertext())
