"""Tables whose words do not fit a portrait page go on landscape pages of their own."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
from docx.shared import Twips
from lxml import etree

from prdkit.check import check_file
from prdkit.images.pictures import Pictures
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write
from tests.conftest import EXAMPLES
from tests.pictures import png
from tests.test_docx_print import WHEN

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WORD = "Reconciliation"  # about 1,400 twips a column: nine fit a landscape page, not a portrait


def table(columns: int) -> str:
    row = "| " + " | ".join([WORD] * columns) + " |"
    return f"{row}\n|{'---|' * columns}\n{row}\n"


WIDE = table(9)
DOC = """\
prdkit: 1
meta:
  id: wide-tables
  title: Wide tables
  version: "1.0.0"
  status: draft
  owner: Alex Morgan
  created: 2026-01-01
  updated: 2026-01-01
  language: en
  summary: Tables of many columns.
requirements:
  - id: REQ-1
    title: Two wide tables
    priority: should
    description: |
{first}
  - id: REQ-2
    title: A narrow table
    priority: should
    description: |
      | A | B |
      |---|---|
      | one | two |
{tail}
"""
# Enough after the wide tables that it goes on portrait pages (see sections.SHORT).
LONG = "\n".join(f"\n      Paragraph {n}." for n in range(12))


def indented(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


def render(path: Path, **options: object) -> bytes:
    result = check_file(path)
    assert result.document is not None and not result.failed()
    opts = {"lang": "en", "timestamp": WHEN, **options}
    return write(result.document, RenderOptions(**opts))  # type: ignore[arg-type]


def wide_doc(tmp_path: Path, first: str = WIDE + "\n" + WIDE, tail: str = LONG) -> Path:
    path = tmp_path / "wide.prd.yaml"
    path.write_text(DOC.format(first=indented(first), tail=tail), encoding="utf-8")
    return path


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(f"{W}body")


def sections(root: etree._Element) -> list[etree._Element]:
    """Each section's properties, in order: the paragraphs' and then the body's."""
    return [*root.iter(f"{W}sectPr")]


def size(sect_pr: etree._Element) -> tuple[str | None, str | None, str | None]:
    pg = sect_pr.find(f"{W}pgSz")
    return pg.get(f"{W}w"), pg.get(f"{W}h"), pg.get(f"{W}orient")


def section_of(tbl: etree._Element) -> etree._Element:
    """The properties of the section holding `tbl`: those of the next break."""
    for node in tbl.itersiblings():
        found = node.find(f"{W}pPr/{W}sectPr")
        if found is not None:
            return found
        if node.tag == f"{W}sectPr":
            return node
    raise AssertionError("no section after the table")


def grid(tbl: etree._Element) -> tuple[int, list[int]]:
    width = int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w"))
    return width, [int(g.get(f"{W}w")) for g in tbl.find(f"{W}tblGrid")]


def test_a_table_too_wide_for_portrait_goes_on_a_landscape_page(tmp_path: Path):
    root = body(render(wide_doc(tmp_path, WIDE)))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    assert len(wide) == 1
    width, cols = grid(wide[0])
    # A4 turned, less the 2 cm side margins: every word of its nine columns whole.
    assert width == sum(cols) == 16838 - 2 * 1134
    assert min(cols) >= 1300
    landscape = section_of(wide[0])
    assert size(landscape) == ("16838", "11906", "landscape")
    final = root.find(f"{W}sectPr")
    assert size(final) == ("11906", "16838", None)
    margins = [etree.tostring(s.find(f"{W}pgMar")) for s in sections(root)]
    assert len(set(margins)) == 1  # margins as the document's in every section
    # The narrow table after it stays on a portrait page, at the portrait width.
    narrow = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 2]
    assert grid(narrow[-1])[0] == 16838 - 2 * 1134 - (16838 - 11906)
    assert section_of(narrow[-1]) is final


def test_only_the_first_section_has_a_different_first_page(tmp_path: Path):
    root = body(render(wide_doc(tmp_path, WIDE)))
    found = sections(root)
    assert len(found) == 3  # cover to the table, the table, the rest
    assert [s.find(f"{W}titlePg") is not None for s in found] == [True, False, False]
    default = {
        (ref.tag, ref.get(f"{W}type"), ref.get(R_ID))
        for ref in found[-1]
        if ref.tag in (f"{W}headerReference", f"{W}footerReference")
    }
    assert {(t, kind) for t, kind, _ in default} >= {
        (f"{W}headerReference", "default"),
        (f"{W}footerReference", "default"),
    }
    for sect_pr in found:  # the same header and footer everywhere; numbers never restart
        refs = {
            (ref.tag, ref.get(f"{W}type"), ref.get(R_ID))
            for ref in sect_pr
            if ref.tag in (f"{W}headerReference", f"{W}footerReference")
        }
        if size(sect_pr)[2] == "landscape":  # but the landscape pages' own header
            assert len(refs - default) == 1
            ((tag, kind, _),) = refs - default
            assert (tag, kind) == (f"{W}headerReference", "default")
            continue
        assert refs == default
        numbers = sect_pr.find(f"{W}pgNumType")
        assert numbers is None or numbers.get(f"{W}start") is None
    assert b"prdkit-section" not in etree.tostring(root)


def test_the_heading_above_a_turned_table_goes_with_it():
    # The loyalty example's roles × actions matrix breaks its headers' words in portrait.
    root = body(render(EXAMPLES / "loyalty-checkout.prd.yaml"))
    turned = [t for t in root.iterchildren(f"{W}tbl") if grid(t)[0] == 14570]
    assert turned
    for tbl in turned:
        above = tbl.getprevious()
        assert above.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("Heading")
        # The portrait section ends right before the heading.
        before = above.getprevious().find(f"{W}pPr/{W}sectPr")
        assert before is not None and size(before)[2] is None
        assert size(section_of(tbl))[2] == "landscape"


def test_tables_turned_one_after_another_share_their_section(tmp_path: Path):
    root = body(render(wide_doc(tmp_path)))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    assert len(wide) == 2
    assert section_of(wide[0]) is section_of(wide[1])
    assert len(sections(root)) == 3


def test_a_short_gap_between_turned_tables_stays_landscape(tmp_path: Path):
    # A line between two turned tables would be a portrait page of its own, all but empty.
    short = wide_doc(tmp_path, WIDE + "\nA short line between.\n\n" + WIDE)
    root = body(render(short))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    assert section_of(wide[0]) is section_of(wide[1])
    assert size(section_of(wide[0]))[2] == "landscape"
    # Twelve paragraphs between them fill a portrait page's good part: they get one.
    between = "\n\n".join(f"Paragraph {n}." for n in range(12))
    long = wide_doc(tmp_path, WIDE + "\n" + between + "\n\n" + WIDE)
    root = body(render(long))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    first, second = section_of(wide[0]), section_of(wide[1])
    assert first is not second
    assert size(first)[2] == size(second)[2] == "landscape"
    assert len(sections(root)) == 5  # cover to the first, the first, the twelve, the second, rest


def test_a_short_end_after_a_turned_table_stays_landscape(tmp_path: Path):
    root = body(render(wide_doc(tmp_path, WIDE, tail="")))
    final = root.find(f"{W}sectPr")
    assert len(sections(root)) == 2  # cover to the table, then the table to the end
    assert size(final) == ("16838", "11906", "landscape")
    assert final.find(f"{W}titlePg") is None


def test_tables_that_fit_leave_the_document_in_one_section():
    root = body(render(EXAMPLES.parent / "templates" / "minimal.en.prd.yaml"))
    (only,) = sections(root)
    assert only.getparent() is root
    assert only.find(f"{W}titlePg") is not None


def test_a_reference_documents_page_is_turned(tmp_path: Path):
    reference = tmp_path / "letter.docx"
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)  # US Letter
    section.left_margin = section.right_margin = Twips(1440)
    document.save(str(reference))
    # Letter's text is narrower than A4's (9,360 twips), and so is its page turned.
    root = body(render(wide_doc(tmp_path, table(7)), reference_doc=reference))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 7]
    assert grid(wide[0])[0] == sum(grid(wide[0])[1]) == 15840 - 2 * 1440
    assert size(section_of(wide[0])) == ("15840", "12240", "landscape")
    assert size(root.find(f"{W}sectPr")) == ("12240", "15840", None)


def test_the_same_document_gives_the_same_bytes(tmp_path: Path):
    path = wide_doc(tmp_path)
    assert render(path) == render(path)


def test_a_legend_under_a_turned_table_goes_with_it():
    # The roles × actions matrix turns; its legend ("✓: granted…") must not fall onto the
    # portrait page after it.
    root = body(render(EXAMPLES / "loyalty-checkout.prd.yaml"))
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iterchildren(f"{W}p")]
    assert any(text.startswith("✓: granted") for text in texts)
    legend = next(
        p
        for p in root.iterchildren(f"{W}p")
        if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith("✓: granted")
    )
    matrix = legend.getprevious()
    assert matrix.tag == f"{W}tbl"  # no section break between them
    assert size(section_of(legend))[2] == "landscape"


def test_the_landscape_pages_header_reaches_their_right_margin(tmp_path: Path):
    # The version sits at the header's right tab stop, which the style sets at the portrait
    # text width: the landscape pages have a header of their own with the stop at theirs.
    data = render(wide_doc(tmp_path, WIDE))
    root = body(data)
    portrait, landscape = sections(root)[-1], sections(root)[1]
    assert size(landscape)[2] == "landscape"

    def header(sect_pr: etree._Element) -> etree._Element:
        (ref,) = (
            r for r in sect_pr.iterfind(f"{W}headerReference") if r.get(f"{W}type") == "default"
        )
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
            (target,) = (rel.get("Target") for rel in rels if rel.get("Id") == ref.get(R_ID))
            return etree.fromstring(z.read(f"word/{target}"))

    def text(part: etree._Element) -> str:
        return "".join(t.text or "" for t in part.iter(f"{W}t"))

    turned, upright = header(landscape), header(portrait)
    assert text(turned) == text(upright) == "Wide tables\u00a0DRAFT\u00a0  Version 1.0.0"
    assert upright.find(f".//{W}tabs") is None  # the style's stop serves the portrait pages
    stops = [
        (t.get(f"{W}val"), t.get(f"{W}pos")) for t in turned.iter(f"{W}tab") if t.get(f"{W}pos")
    ]
    assert stops == [("clear", str(11906 - 2 * 1134)), ("right", str(16838 - 2 * 1134))]


def default_header(sect_pr: etree._Element) -> str:
    (ref,) = (r for r in sect_pr.iterfind(f"{W}headerReference") if r.get(f"{W}type") == "default")
    return ref.get(R_ID)


def test_a_document_ending_landscape_has_the_landscape_header_there(tmp_path: Path):
    root = body(render(wide_doc(tmp_path, WIDE, tail="")))
    first, final = sections(root)
    assert size(final)[2] == "landscape"
    # Not the portrait pages' header, whose version stops two thirds across the page.
    assert default_header(final) != default_header(first)


def test_long_prose_between_turned_tables_goes_on_portrait_pages(tmp_path: Path):
    # Four paragraphs of 9,000 letters are ten pages: not "a short stretch".
    prose = "\n\n".join("Reconcile the ledger. " * 400 for _ in range(4))
    root = body(render(wide_doc(tmp_path, WIDE + "\n" + prose + "\n\n" + WIDE)))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    first, second = section_of(wide[0]), section_of(wide[1])
    assert first is not second
    between = wide[0].getnext()
    while between.find(f"{W}pPr/{W}sectPr") is None:
        between = between.getnext()
    assert size(section_of(between.getnext()))[2] is None  # the prose's section: portrait


def test_a_long_narrow_table_between_turned_tables_goes_on_portrait_pages(tmp_path: Path):
    # Its rows past the first hundreds are serialized as they are made; they count too.
    rows = "\n".join(f"| {n} | row {n} |" for n in range(1024))
    narrow = f"| A | B |\n|---|---|\n{rows}\n"
    root = body(render(wide_doc(tmp_path, WIDE + "\n" + narrow + "\n" + WIDE)))
    tables = list(root.iterchildren(f"{W}tbl"))
    long = next(t for t in tables if len(t.findall(f"{W}tr")) > 1000)
    assert size(section_of(long))[2] is None
    wide = [t for t in tables if len(t.find(f"{W}tblGrid")) == 9]
    assert [size(section_of(t))[2] for t in wide] == ["landscape", "landscape"]


def test_a_reference_page_without_margins_turns_with_the_margins_assumed(tmp_path: Path):
    reference = tmp_path / "letter.docx"
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)
    sect_pr = section._sectPr
    sect_pr.remove(sect_pr.find(f"{W}pgMar"))
    document.save(str(reference))
    root = body(render(wide_doc(tmp_path, table(7)), reference_doc=reference))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 7]
    # Portrait tables take 2 cm margins where none are set; so do the turned ones.
    assert grid(wide[0])[0] == 15840 - 2 * 1134


def test_a_reference_page_of_no_width_is_not_turned(tmp_path: Path):
    reference = tmp_path / "odd.docx"
    document = docx.Document()
    size_ = document.sections[0]._sectPr.find(f"{W}pgSz")
    del size_.attrib[f"{W}w"]
    document.save(str(reference))
    root = body(render(wide_doc(tmp_path, table(7)), reference_doc=reference))
    assert len(sections(root)) == 1
    for pg in root.iter(f"{W}pgSz"):
        assert "" not in pg.attrib.values()


def test_a_turned_table_first_in_the_body_leaves_no_empty_page(tmp_path: Path):
    path = tmp_path / "first.prd.yaml"
    text = DOC.format(first=indented("Text."), tail=LONG)
    text = text.replace("  summary: Tables of many columns.", "  summary: |\n" + indented(WIDE))
    path.write_text(text, encoding="utf-8")
    root = body(render(path))
    first_break = next(
        p for p in root.iterchildren(f"{W}p") if p.find(f"{W}pPr/{W}sectPr") is not None
    )
    # A page break right before the section's end would make Word show an empty page.
    assert first_break.getprevious().find(f".//{W}br[@{W}type='page']") is None
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    assert size(section_of(wide[0]))[2] == "landscape"


def test_a_long_run_of_empty_headings_is_held_in_linear_time(tmp_path: Path):
    # Headings with nothing under them wait for what follows (a table turned with them);
    # each was once checked again at every heading after it: 8,000 features took 24 s.
    features = "".join(f"  - id: F-{n}\n    name: Feature {n}\n" for n in range(6000))
    path = tmp_path / "features.prd.yaml"
    path.write_text(DOC.format(first=indented("Text."), tail="") + "features:\n" + features)
    began = time.process_time()
    root = body(render(path))
    assert time.process_time() - began < 6  # CPU seconds; under one when linear
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iterchildren(f"{W}p")]
    assert texts.count("F-5999  Feature 5999") == 1  # every heading there, once


def test_a_code_block_counts_its_lines(tmp_path: Path):
    # One paragraph, its lines held apart by breaks: forty of them fill most of a page.
    code = "```\n" + "\n".join(f"x = {n}" for n in range(40)) + "\n```\n"
    root = body(render(wide_doc(tmp_path, WIDE + "\n" + code + "\n" + WIDE)))
    wide = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    assert section_of(wide[0]) is not section_of(wide[1])


def test_a_stretch_weighs_the_same_serialized_or_not():
    # Whether a stretch is still in the tree or serialized already depends on where the
    # parts split; its weight must not.
    from prdkit.writers.docx.sections import serialized_weight, weight

    holder = etree.Element(f"{W}body", nsmap={"w": W[1:-1]})
    for text in ("& < > " * 60, "a b c " * 60, "中文" * 100):
        run = etree.SubElement(etree.SubElement(holder, f"{W}p"), f"{W}r")
        etree.SubElement(run, f"{W}t").text = text
        etree.SubElement(run, f"{W}br")
        etree.SubElement(run, f"{W}t").text = text
    serialized = etree.tostring(holder, encoding="UTF-8")
    assert b"&amp;" in serialized
    assert (
        weight(holder, lambda mark: [])
        == serialized_weight(serialized)
        == 3 + 3 + (720 + 720 + 1200) // 90
    )


def test_a_turned_table_takes_the_headings_it_is_under_only(tmp_path: Path):
    # Forty features with nothing under them, then one holding a wide table: only the
    # last one's heading goes to the landscape page, not the forty before it.
    features = "".join(f"  - id: F-{n}\n    name: Feature {n}\n" for n in range(40))
    features += "  - id: F-40\n    name: Wide\n    description: |\n" + indented(WIDE) + "\n"
    path = tmp_path / "features.prd.yaml"
    path.write_text(DOC.format(first=indented("Text."), tail=LONG) + "features:\n" + features)
    root = body(render(path))
    (wide,) = [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]
    texts = []
    node = wide.getprevious()
    while node.find(f"{W}pPr/{W}sectPr") is None:
        texts.append("".join(t.text or "" for t in node.iter(f"{W}t")))
        node = node.getprevious()
    assert "F-40  Wide" in texts
    assert not any("Feature" in text for text in texts)


def lead_in(tbl: etree._Element) -> list[str]:
    """The texts between `tbl` and the section break before it, nearest first."""
    texts = []
    node = tbl.getprevious()
    while node.find(f"{W}pPr/{W}sectPr") is None:
        texts.append("".join(t.text or "" for t in node.iter(f"{W}t")))
        node = node.getprevious()
    return texts


def wide_tables(root: etree._Element) -> list[etree._Element]:
    return [t for t in root.iterchildren(f"{W}tbl") if len(t.find(f"{W}tblGrid")) == 9]


def test_a_short_lead_in_and_its_heading_go_with_the_table(tmp_path: Path):
    # A requirement's "Priority:" line and the sentence introducing its table would
    # otherwise end a portrait page under the requirement's heading, the table overleaf.
    root = body(render(wide_doc(tmp_path, "Routing by channel:\n\n" + WIDE)))
    (wide,) = wide_tables(root)
    texts = lead_in(wide)
    assert texts[0] == "Routing by channel:"
    assert any(text.startswith("Priority") for text in texts)
    assert "REQ-1  Two wide tables" in texts
    assert size(section_of(wide))[2] == "landscape"


def test_a_long_lead_in_keeps_its_heading_on_the_portrait_page(tmp_path: Path):
    between = "\n\n".join(f"Paragraph {n}." for n in range(12))
    root = body(render(wide_doc(tmp_path, between + "\n\n" + WIDE)))
    (wide,) = wide_tables(root)
    assert lead_in(wide) == []  # the break is right before the table


def test_a_picture_before_a_table_stays_on_its_page(tmp_path: Path):
    (tmp_path / "flow.png").write_bytes(png(40, 30))
    path = wide_doc(tmp_path, "![Flow](flow.png)\n\n" + WIDE)
    root = body(render(path, pictures=Pictures(check_file(path).images, tmp_path, tmp_path)))
    (wide,) = wide_tables(root)
    assert lead_in(wide) == []
    drawn = wide.getprevious().getprevious()
    assert drawn.find(f"{W}r/{W}drawing") is not None


def test_the_landscape_header_clears_the_stops_its_style_inherits(tmp_path: Path):
    # A reference document's header style may take its tab stops from the style it is
    # based on; a stop left standing would catch the version in the middle of the page.
    reference = tmp_path / "based.docx"
    document = docx.Document()
    styles = document.styles.element
    header = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Header")
    own = header.find(f"{W}pPr/{W}tabs")
    for stop in list(own):
        own.remove(stop)
    etree.SubElement(own, f"{W}tab", {f"{W}val": "clear", f"{W}pos": "2000"})
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    ppr = normal.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.SubElement(normal, f"{W}pPr")
    tabs = etree.SubElement(ppr, f"{W}tabs")
    for pos in ("2000", "4513"):
        etree.SubElement(tabs, f"{W}tab", {f"{W}val": "left", f"{W}pos": pos})
    document.save(str(reference))
    data = render(wide_doc(tmp_path, table(7)), reference_doc=reference)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [z.read(name) for name in z.namelist() if name.startswith("word/header")]
    stops = [
        [
            (t.get(f"{W}val"), t.get(f"{W}pos"))
            for t in etree.fromstring(part).iter(f"{W}tab")
            if t.get(f"{W}pos")  # a stop, not a tab of the text
        ]
        for part in parts
    ]
    turned = [found for found in stops if found]
    # Normal's 4513 is cleared; its 2000, which the header style clears itself, is not there.
    assert turned == [[("clear", "4513"), ("right", str(15840 - 2 * 1800))]]
