"""A Word file a reviewer can cite and print: heading numbers, language tags, draft marks."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from lxml import etree

from prdkit.check import check_file
from prdkit.headnumbers import HeadingCounter, chinese_count
from prdkit.model import Document
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write
from prdkit.writers.docx.colwidths import distribute, em_width, twips
from prdkit.writers.docx.tables import CELL_MARGINS
from prdkit.writers.markdown import write as write_markdown
from prdkit.writers.markdown.anchors import slug
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit
from tests.wordstyles import Shown, text_runs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2026, 3, 1, tzinfo=timezone.utc)
ZH = EXAMPLES / "flash-sale.prd.yaml"
EN = EXAMPLES / "loyalty-checkout.prd.yaml"


def model(path: Path) -> Document:
    result = check_file(path)
    assert result.document is not None and not result.failed()
    return result.document


def render(path: Path, **options: object) -> bytes:
    doc = model(path)
    opts = {"lang": doc.meta.language or "en", "timestamp": WHEN, **options}
    return write(doc, RenderOptions(**opts))  # type: ignore[arg-type]


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def style(styles: etree._Element, style_id: str) -> etree._Element:
    return next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)


def toc_entries(data: bytes) -> list[str]:
    sdt = part(data, "word/document.xml").find(f"{W}body/{W}sdt")
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in sdt.iter(f"{W}p")][1:]


@pytest.fixture(scope="module")
def zh() -> bytes:
    return render(ZH)


@pytest.fixture(scope="module")
def en() -> bytes:
    return render(EN)


# ---- heading numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (101, "一百零一")],
)
def test_chinese_counting_matches_words(n: int, text: str):
    assert chinese_count(n) == text


def test_counter_restarts_deeper_levels():
    zh, en = HeadingCounter("zh"), HeadingCounter("en")
    assert [zh.next(level) for level in (1, 2, 2, 1, 2, 3)] == [
        "一、",
        "（一）",
        "（二）",
        "二、",
        "（一）",
        "1. ",
    ]
    assert [en.next(level) for level in (1, 2, 3, 2, 1, 4)] == [
        "1 ",
        "1.1 ",
        "1.1.1 ",
        "1.2 ",
        "2 ",
        "",
    ]


@pytest.mark.parametrize(
    ("path", "formats", "texts"),
    [
        (ZH, ["chineseCounting", "chineseCounting", "decimal"], ["%1、", "（%2）", "%3."]),
        (EN, ["decimal", "decimal", "decimal"], ["%1", "%1.%2", "%1.%2.%3"]),
    ],
    ids=["zh", "en"],
)
def test_heading_styles_carry_multilevel_numbering(path: Path, formats, texts):
    data = render(path)
    styles = part(data, "word/styles.xml")
    numbering = part(data, "word/numbering.xml")
    num_ids = set()
    for level in (1, 2, 3):
        numpr = style(styles, f"Heading{level}").find(f"{W}pPr/{W}numPr")
        assert numpr is not None, f"Heading{level} is not numbered"
        assert numpr.find(f"{W}ilvl").get(f"{W}val") == str(level - 1)
        num_ids.add(numpr.find(f"{W}numId").get(f"{W}val"))
    assert len(num_ids) == 1  # one list: level 2 restarts under each level 1
    num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") in num_ids)
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    abstract = next(
        a for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id
    )
    lvls = abstract.findall(f"{W}lvl")[:3]
    assert [lvl.find(f"{W}numFmt").get(f"{W}val") for lvl in lvls] == formats
    assert [lvl.find(f"{W}lvlText").get(f"{W}val") for lvl in lvls] == texts
    assert [lvl.find(f"{W}pStyle").get(f"{W}val") for lvl in lvls] == [
        "Heading1",
        "Heading2",
        "Heading3",
    ]
    # The numbers come from the styles, not typed into the heading text.
    body = part(data, "word/document.xml")
    for para in body.iter(f"{W}p"):
        pstyle = para.find(f"{W}pPr/{W}pStyle")
        if pstyle is not None and pstyle.get(f"{W}val") == "Heading1":
            text = "".join(t.text or "" for t in para.iter(f"{W}t"))
            assert not text[:1].isdigit() and not text.startswith("一")


def test_contents_cache_the_numbers_word_computes(zh: bytes, en: bytes):
    zh_entries = toc_entries(zh)
    assert zh_entries[:3] == ["一、总览", "（一）概述", "（二）背景"]
    assert "二、干系人" in zh_entries
    assert any(e.startswith("（十一）REQ-010") for e in zh_entries)
    assert toc_entries(en)[:3] == ["1 Overview", "1.1 Summary", "1.2 Background"]


def test_no_number_headings_leaves_styles_and_contents_plain():
    data = render(ZH, number_headings=False)
    styles = part(data, "word/styles.xml")
    assert style(styles, "Heading1").find(f"{W}pPr/{W}numPr") is None
    assert b"chineseCounting" not in etree.tostring(part(data, "word/numbering.xml"))
    assert toc_entries(data)[:2] == ["总览", "概述"]


def test_a_reference_document_that_numbers_its_headings_keeps_its_numbers(tmp_path: Path):
    reference = tmp_path / "ref.docx"
    document = docx.Document()
    heading = document.styles["Heading 1"].element
    ppr = heading.get_or_add_pPr()
    numpr = etree.SubElement(ppr, f"{W}numPr")
    etree.SubElement(numpr, f"{W}numId", {f"{W}val": "7"})
    document.save(str(reference))
    data = render(EN, reference_doc=reference)
    styles = part(data, "word/styles.xml")
    assert style(styles, "Heading1").find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") == "7"
    assert style(styles, "Heading2").find(f"{W}pPr/{W}numPr") is None
    assert toc_entries(data)[0] == "Overview"


def test_markdown_headings_numbered_only_when_asked():
    doc = model(ZH)
    plain = write_markdown(doc, RenderOptions(lang="zh")).decode()
    default_docx_only = write_markdown(doc, RenderOptions(lang="zh", number_headings=None))
    assert default_docx_only.decode() == plain
    assert "\n## 总览\n" in plain
    numbered = write_markdown(doc, RenderOptions(lang="zh", number_headings=True)).decode()
    assert "\n## 一、总览\n" in numbered and "\n### （一）概述\n" in numbered
    assert "\n## 目录\n" in numbered  # the contents heading itself is not numbered
    # Every link of the contents reaches a heading whose GitHub anchor it names.
    headings = [line.lstrip("#").strip() for line in numbered.splitlines() if line[:3] == "## "]
    assert f"](#{slug('一、总览')})" in numbered and "一、总览" in headings
    assert "](#一总览)" in numbered


def test_config_key_and_cli_switch(tmp_path: Path):
    source = tmp_path / "doc.prd.yaml"
    source.write_text(EN.read_text(encoding="utf-8"), encoding="utf-8")
    out = run_prdkit("render", str(source), "--to", "md", "--number-headings")
    assert out.returncode == 0, out.stderr
    assert "\n## 1 Overview\n" in (tmp_path / "doc.md").read_text(encoding="utf-8")
    (tmp_path / ".prdkit.toml").write_text("number-headings = false\n", encoding="utf-8")
    out = run_prdkit("render", str(source), "--to", "docx")
    assert out.returncode == 0, out.stderr
    assert toc_entries((tmp_path / "doc.docx").read_bytes())[0] == "Overview"
    out = run_prdkit("render", str(source), "--to", "md,docx", "--number-headings")
    assert toc_entries((tmp_path / "doc.docx").read_bytes())[0] == "1 Overview"
    (tmp_path / ".prdkit.toml").write_text('number-headings = "yes"\n', encoding="utf-8")
    out = run_prdkit("render", str(source), "--to", "docx")
    assert out.returncode == 2
    assert "number-headings must be true or false" in out.stderr


# ---- language tags -----------------------------------------------------------------------


def test_styles_tag_latin_as_english_and_east_asian_as_simplified_chinese(en: bytes):
    styles = part(en, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert (defaults.get(f"{W}val"), defaults.get(f"{W}eastAsia")) == ("en-US", "zh-CN")
    for item in styles.iter(f"{W}style"):
        if item.get(f"{W}type") in ("paragraph", "character"):
            lang = item.find(f"{W}rPr/{W}lang")
            assert lang is not None, item.get(f"{W}styleId")
            assert lang.get(f"{W}eastAsia") == "zh-CN"


def test_runs_of_chinese_documents_show_the_language_their_styles_say(zh: bytes, en: bytes):
    shown = Shown(part(zh, "word/styles.xml"))
    runs = text_runs(part(zh, "word/document.xml"))
    assert runs
    for run in runs:
        assert shown.value(run, "lang", "eastAsia") == "zh-CN", etree.tostring(run)
        assert shown.value(run, "lang", "val") == "en-US", etree.tostring(run)
    # said once by the styles, not again by every run (34 MB of 5,000 requirements)
    for data in (zh, en):
        body = part(data, "word/document.xml")
        for tag in ("lang", "rFonts"):
            assert body.find(f".//{W}r/{W}rPr/{W}{tag}") is None, tag


def test_runs_say_font_and_language_where_a_reference_documents_styles_do_not(tmp_path: Path):
    # A reference document whose link style names another East Asian font, and whose
    # Normal names none (its document defaults do, which a table style may override): the
    # runs say the font themselves, as the paragraph's style resolves it.
    reference = tmp_path / "reference.docx"
    document = docx.Document()
    link = document.styles.add_style("Hyperlink", docx.enum.style.WD_STYLE_TYPE.CHARACTER)
    link.element.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", "SimSun")
    document.save(str(reference))
    data = render(ZH, reference_doc=reference)
    shown = Shown(part(data, "word/styles.xml"))
    body = part(data, "word/document.xml")
    links = [
        r for r in text_runs(body) if r.find(f"{W}rPr/{W}rStyle[@{W}val='Hyperlink']") is not None
    ]
    assert links
    for run in text_runs(body):
        assert shown.value(run, "rFonts", "eastAsia") == "Microsoft YaHei", etree.tostring(run)
        assert shown.value(run, "lang", "eastAsia") == "zh-CN", etree.tostring(run)
    for run in links:
        assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "Microsoft YaHei"


def test_reference_document_in_japanese_is_retagged(tmp_path: Path):
    reference = tmp_path / "ja.docx"
    document = docx.Document()
    normal = document.styles["Normal"].element
    rpr = normal.get_or_add_rPr()
    etree.SubElement(rpr, f"{W}lang", {f"{W}val": "ja-JP", f"{W}eastAsia": "ja-JP"})
    document.save(str(reference))
    styles = part(render(ZH, reference_doc=reference), "word/styles.xml")
    lang = style(styles, "Normal").find(f"{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"


def test_a_table_styles_font_does_not_reach_runs_whose_paragraph_style_names_none(
    tmp_path: Path,
):
    # Word puts a table's style under its paragraphs' styles, over the document defaults:
    # a run whose paragraph style names no East Asian font says the one prdkit chose.
    reference = tmp_path / "reference.docx"
    document = docx.Document()
    kinds = docx.enum.style.WD_STYLE_TYPE
    document.styles.add_style("Compact", kinds.PARAGRAPH)  # no font of its own
    table = document.styles.add_style("PRD Table", kinds.TABLE)
    table.element.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", "TableFont")
    document.save(str(reference))
    data = render(ZH, reference_doc=reference)
    shown = Shown(part(data, "word/styles.xml"))
    body = part(data, "word/document.xml")
    cells = [r for r in text_runs(body) if any(a.tag == f"{W}tbl" for a in r.iterancestors())]
    assert len(cells) > 100
    for run in cells:
        assert shown.value(run, "rFonts", "eastAsia") == "Microsoft YaHei", etree.tostring(run)


def test_runs_say_the_font_a_paragraph_style_gets_only_across_style_types(tmp_path: Path):
    # A reference document's Normal based on a character style naming the East Asian font:
    # Word follows basedOn only between styles of one type, so Normal inherits nothing from
    # it and would show the document defaults' Japanese face. The runs say the font.
    reference = tmp_path / "reference.docx"
    document = docx.Document()
    kinds = docx.enum.style.WD_STYLE_TYPE
    chars = document.styles.add_style("Chinese Face", kinds.CHARACTER)
    chars.element.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", "Microsoft YaHei")
    normal = document.styles["Normal"].element
    etree.SubElement(normal, f"{W}basedOn").set(f"{W}val", chars.style_id)
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    defaults.set(f"{W}eastAsia", "MS Mincho")
    document.save(str(reference))
    data = render(ZH, reference_doc=reference)
    styles = part(data, "word/styles.xml")
    normal_id = next(
        s.get(f"{W}styleId")
        for s in styles.iter(f"{W}style")
        if s.find(f"{W}name").get(f"{W}val") == "Normal"
    )
    runs = [r for r in text_runs(part(data, "word/document.xml")) if style_of(r) == normal_id]
    assert runs
    for run in runs:
        said = run.find(f"{W}rPr/{W}rFonts")
        assert said is not None and said.get(f"{W}eastAsia") == "Microsoft YaHei"


def style_of(run: etree._Element) -> str | None:
    """The style id of the paragraph holding `run`."""
    para = next(a for a in run.iterancestors() if a.tag == f"{W}p")
    pstyle = para.find(f"{W}pPr/{W}pStyle")
    return pstyle.get(f"{W}val") if pstyle is not None else None


def test_contents_entries_show_the_font_of_their_own_levels_style(tmp_path: Path):
    reference = tmp_path / "reference.docx"
    document = docx.Document()
    kinds = docx.enum.style.WD_STYLE_TYPE
    for name, font in (("toc 1", None), ("toc 2", "FontTwo"), ("TOC Heading", "FontHead")):
        names = {s.name for s in document.styles}
        style = (
            document.styles[name]
            if name in names
            else document.styles.add_style(name, kinds.PARAGRAPH)
        )
        if font:
            style.element.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", font)
    document.save(str(reference))
    data = render(ZH, reference_doc=reference)
    shown = Shown(part(data, "word/styles.xml"))
    sdt = part(data, "word/document.xml").find(f"{W}body/{W}sdt")
    fonts: dict[str | None, set[str | None]] = {}
    for run in text_runs(sdt):
        fonts.setdefault(style_of(run), set()).add(shown.value(run, "rFonts", "eastAsia"))
    ids = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles_of(data)}
    by_name = {ids[level]: found for level, found in fonts.items()}
    # toc 1 names no font: the document's, said by the runs; the others their own.
    assert by_name == {
        "TOC Heading": {"FontHead"},
        "toc 1": {"Microsoft YaHei"},
        "toc 2": {"FontTwo"},
    }


def styles_of(data: bytes) -> list[etree._Element]:
    return list(part(data, "word/styles.xml").iter(f"{W}style"))


# ---- draft, review and deprecated marking ------------------------------------------------

TEMPLATES = EXAMPLES.parent / "templates"


def with_status(doc: Document, status: str) -> Document:
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, status=status))


def header_texts(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(n for n in z.namelist() if n.startswith("word/header"))
        roots = [etree.fromstring(z.read(n)) for n in names]
    return ["".join(t.text or "" for t in root.iter(f"{W}t")) for root in roots]


def cover_text(data: bytes) -> str:
    body = part(data, "word/document.xml").find(f"{W}body")
    texts = []
    for child in body:
        if child.tag == f"{W}sdt":  # the contents: the cover has ended
            break
        texts.extend(t.text or "" for t in child.iter(f"{W}t"))
    return "".join(texts).replace("\u2060", "")  # word joiners keep ids and dates whole


@pytest.mark.parametrize(
    ("status", "lang", "word", "note"),
    [
        ("draft", "zh", "草稿", "草稿：尚未批准"),
        ("review", "zh", "评审中", "评审中：尚未批准"),
        ("deprecated", "zh", "已废弃", "已废弃：不再有效"),
        ("draft", "en", "DRAFT", "Draft — not approved"),
        ("review", "en", "IN REVIEW", "In review — not yet approved"),
    ],
)
def test_unapproved_documents_are_marked_on_the_cover_and_every_page(status, lang, word, note):
    doc = with_status(model(TEMPLATES / f"ecommerce.{lang}.prd.yaml"), status)
    data = write(doc, RenderOptions(lang=lang, timestamp=WHEN))
    headers = [text for text in header_texts(data) if text]  # the cover's own header is empty
    assert headers and all(f"\u00a0{word}\u00a0" in text for text in headers), headers
    cover = cover_text(data)
    assert f"\u00a0{word}\u00a0" in cover and note in cover
    stamp = next(
        r
        for r in part(data, "word/document.xml").iter(f"{W}r")
        if (r.findtext(f"{W}t") or "") == f"\u00a0{word}\u00a0"
    )
    assert stamp.find(f"{W}rPr/{W}shd").get(f"{W}fill") != "auto"


def test_approved_documents_carry_no_marking(zh: bytes):
    assert model(ZH).meta.status == "approved"
    marks = ("草稿", "评审中", "已废弃", "DRAFT", "尚未批准")
    assert not any(m in text for text in header_texts(zh) for m in marks)
    assert not any(m in cover_text(zh) for m in marks)


def test_a_reference_documents_own_header_gains_the_marking(tmp_path: Path):
    reference = tmp_path / "ref.docx"
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ACME confidential"
    document.save(str(reference))
    doc = with_status(model(EN), "draft")
    data = write(doc, RenderOptions(lang="en", reference_doc=reference, timestamp=WHEN))
    texts = [t for t in header_texts(data) if "ACME" in t]
    assert texts and all("\u00a0DRAFT\u00a0" in t for t in texts)
    approved = write(model(EN), RenderOptions(lang="en", reference_doc=reference, timestamp=WHEN))
    assert not any("DRAFT" in t for t in header_texts(approved))


# ---- column widths from content ----------------------------------------------------------


def cell_text(tc: etree._Element) -> str:
    parts = []
    for para in tc.iterchildren(f"{W}p"):
        for node in para.iter(f"{W}t", f"{W}noBreakHyphen", f"{W}br"):
            tag = etree.QName(node).localname
            parts.append(
                (node.text or "").replace("\u2060", "")
                if tag == "t"
                else "-"
                if tag == "noBreakHyphen"
                else "\n"
            )
        parts.append("\n")
    return "".join(parts)


def tables_of(data: bytes):
    """(column widths, rows of cell texts, cell font size) of every top-level table."""
    body = part(data, "word/document.xml").find(f"{W}body")
    for tbl in body.iter(f"{W}tbl"):
        if tbl.getparent().tag == f"{W}tc":
            continue
        cols = [int(g.get(f"{W}w")) for g in tbl.find(f"{W}tblGrid")]
        rows = [[cell_text(tc) for tc in tr.iterchildren(f"{W}tc")] for tr in tbl.iter(f"{W}tr")]
        yield cols, rows


@pytest.mark.parametrize("path", [ZH, EN], ids=["zh", "en"])
def test_every_id_fits_its_column(path: Path):
    data = render(path)
    ids = {item.id for item in model(path).identified()}
    size = 18  # the Compact style: 9 pt
    checked = 0
    for cols, rows in tables_of(data):
        if len(cols) > 12:  # the Gantt calendar: a grid of weeks, names in the first column
            cols, rows = cols[:1], [r[:1] for r in rows]
        for row in rows:
            for col, text in zip(cols, row, strict=False):
                for token in text.replace(",", " ").split():
                    if token in ids:
                        checked += 1
                        need = twips(em_width(token), size) + CELL_MARGINS
                        assert need <= col, (token, need, col)
    assert checked > 50


def test_chinese_column_headers_are_not_split_where_there_is_room():
    # Up to six columns on an A4 page at 9 pt, every header of up to eight characters fits
    # beside the ids and words the columns need; wider tables give headers what is left.
    data = render(ZH)
    headers = 0
    for cols, rows in tables_of(data):
        if len(cols) > 6:
            continue
        for col, text in zip(cols, rows[0], strict=False):
            text = text.strip()
            if text and len(text) <= 8 and all(ord(ch) >= 0x2E80 for ch in text):
                headers += 1
                assert twips(em_width(text) * 1.1, 18) + CELL_MARGINS <= col, (text, col)
    assert headers > 20


def test_widths_meet_ids_then_words_then_headers_then_typical_lines():
    # (id, other words, header, typical line): the long text column takes the spare room.
    columns = [(1000, 0, 800, 1000), (0, 500, 900, 900), (0, 800, 800, 9000)]
    widths = distribute(10000, columns, [None] * 3)
    assert sum(widths) == 10000
    assert widths[0] >= 1000 and widths[1] >= 900 and widths[2] > widths[0] + widths[1]
    # Not enough room for the headers: ids and words keep their width, headers share the rest.
    tight = distribute(3000, [(2000, 0, 2000, 2000), (0, 300, 1200, 1200)], [None, None])
    assert tight[0] >= 2000 and tight[1] >= 300 and sum(tight) == 3000
    # Not even for every word: the ids first, as long as the words keep half their room.
    tighter = distribute(2400, [(2000, 0, 0, 2000), (0, 600, 600, 600)], [None, None])
    assert tighter == [2000, 400]
    # A fixed column keeps its width unless its content needs more.
    assert distribute(5000, [(100, 0, 100, 100), (0, 700, 0, 700)], [600, None])[0] == 600
    assert distribute(5000, [(900, 0, 900, 900), (0, 700, 0, 700)], [600, None])[0] == 900


def test_ids_keep_their_hyphens_from_breaking(zh: bytes):
    body = part(zh, "word/document.xml")
    texts = [t.text or "" for t in body.iter(f"{W}t")]
    joined = [t for t in texts if "\u2060-\u2060" in t]
    assert len(joined) > 100
    ids = {item.id for item in model(ZH).identified()}
    for text in joined:
        for token in re.findall(r"[\w\u2060-]+", text):
            if "\u2060" in token:  # only the hyphens of ids and dates are kept whole
                plain = token.replace("\u2060", "")
                assert plain in ids or re.fullmatch(r"\d{4}-\d{2}-\d{2}", plain), token
    # Prose keeps its ordinary hyphens; the ids still read as written once the joiners go.
    plain = "".join(texts)
    assert "REQ-015" in plain.replace("\u2060", "")


# ---- placeholders ------------------------------------------------------------------------


def highlighted(data: bytes) -> list[str]:
    body = part(data, "word/document.xml")
    return [
        "".join(t.text or "" for t in run.iter(f"{W}t"))
        for run in body.iter(f"{W}r")
        if run.find(f"{W}rPr/{W}highlight") is not None
    ]


@pytest.mark.parametrize(
    ("status", "shown"),
    [("draft", True), ("review", True), ("approved", False), ("deprecated", False)],
)
def test_placeholders_are_highlighted_in_drafts_and_reviews_only(status: str, shown: bool):
    doc = with_status(model(TEMPLATES / "ecommerce.zh.prd.yaml"), status)
    data = write(doc, RenderOptions(lang="zh", timestamp=WHEN))
    marks = highlighted(data)
    if shown:
        assert len(marks) > 20 and set(marks) <= {"待补充", "待定", "TODO", "TBD"}, set(marks)
    else:
        assert not marks
    # Either way the words stay in the text: nothing is lost.
    assert "待补充" in "".join(t.text or "" for t in part(data, "word/document.xml").iter(f"{W}t"))


def test_highlight_marks_only_the_placeholder_word():
    doc = with_status(model(TEMPLATES / "ecommerce.en.prd.yaml"), "draft")
    data = write(doc, RenderOptions(lang="en", timestamp=WHEN))
    assert "TODO" in highlighted(data)
    body = part(data, "word/document.xml")
    followers = []
    for run in body.iter(f"{W}r"):
        if run.find(f"{W}rPr/{W}highlight") is not None:
            after = run.getnext()
            if after is not None and after.tag == f"{W}r":
                assert after.find(f"{W}rPr/{W}highlight") is None
                followers.append("".join(t.text or "" for t in after.iter(f"{W}t")))
    # The words after "TODO" read as ordinary text, in the same paragraph.
    assert any(text.startswith(":") for text in followers), followers[:5]


def test_placeholders_typed_full_width_are_highlighted_too():
    from prdkit.check import check_bytes

    text = MINIMAL.replace(
        "  owner: Ann\n", "  owner: Ann\n  summary: 价格ＴＢＤ，ＴＯＤＯＳ不算，ＴＯＤＯ补图\n"
    )
    doc = check_bytes(text.encode(), "f.prd.yaml").document
    assert doc is not None
    marks = highlighted(write(doc, RenderOptions(lang="zh", timestamp=WHEN)))
    assert marks[:2] == ["ＴＢＤ", "ＴＯＤＯ"] and set(marks) == {"ＴＢＤ", "ＴＯＤＯ"}


# ---- cover and approvals -----------------------------------------------------------------


def table_with_header(data: bytes, first: str) -> list[list[str]]:
    for _cols, rows in tables_of(data):
        if rows and rows[0] and rows[0][0].strip() == first:
            return [[c.strip() for c in row] for row in rows]
    raise AssertionError(f"no table starting with {first}")


def test_cover_shows_summary_status_and_who_signed_when(zh: bytes):
    cover = cover_text(zh)
    assert "签署状态" in cover and "周蕾（运营总监）：通过 2026-01-30" in cover
    assert "孙雅文（财务经理）：通过 2026-02-02" in cover
    assert "概述" in cover and "限时秒杀频道" in cover
    assert "已失效" not in cover  # no digest given: nothing is claimed stale


def test_an_unsigned_template_says_so_on_its_cover():
    data = render(TEMPLATES / "feature.zh.prd.yaml")
    assert "尚未签署" in cover_text(data)


def test_an_edited_document_shows_its_sign_offs_as_stale(tmp_path: Path):
    source = tmp_path / "flash.prd.yaml"
    # In review (an approved document with stale sign-offs is invalid); status is not signed.
    text = ZH.read_text(encoding="utf-8").replace("status: approved", "status: review", 1)
    edited = text.replace("秒杀频道入口与场次页", "秒杀频道入口与场次页（改）", 1)
    source.write_text(edited, encoding="utf-8")
    shutil.copytree(ZH.parent / "images", tmp_path / "images")  # the prototypes it shows
    out = run_prdkit("render", str(source), "--to", "docx", "-o", str(tmp_path))
    assert out.returncode == 0, out.stderr
    data = (tmp_path / "flash.docx").read_bytes()
    cover = cover_text(data)
    assert cover.count("已失效：签署后文档有改动") == 3
    approvals = table_with_header(data, "姓名")
    assert all("已失效" in row[2] for row in approvals[1:])
    # The unchanged document's sign-offs are current.
    source.write_text(text, encoding="utf-8")
    run_prdkit("render", str(source), "--to", "docx", "-o", str(tmp_path))
    assert "已失效" not in cover_text((tmp_path / "flash.docx").read_bytes())


@pytest.mark.parametrize(("status", "signing"), [("approved", False), ("review", True)])
def test_approvals_name_the_signer_and_leave_room_to_sign_a_draft(status: str, signing: bool):
    data = write(with_status(model(ZH), status), RenderOptions(lang="zh", timestamp=WHEN))
    rows = table_with_header(data, "姓名")
    assert rows[0][:4] == ["姓名", "角色", "审核结论", "日期"]
    assert (rows[0][-1] == "签字") is signing
    if signing:
        assert all(row[-1] == "" for row in rows[1:])
        cols = next(c for c, r in tables_of(data) if r[0][0].strip() == "姓名")
        assert cols[-1] >= 1700  # room to sign by hand


# ---- RICE once, the Gantt's years --------------------------------------------------------

ACROSS_YEARS = """\
prdkit: 1
meta: {id: demo, title: Demo, version: "0.1.0", status: draft, owner: Ann, language: zh}
requirements:
  - id: R1
    title: Checkout works
    priority: must
    rice: {reach: 1000, impact: 2, confidence: 0.5, effort: 4}
schedule:
  milestones:
    - {id: M1, name: Build, start: 2025-11-17, due: 2025-12-19}
    - {id: M2, name: Launch, start: 2025-12-22, due: 2026-02-13}
"""


def gantt_rows(data: bytes) -> list[etree._Element]:
    body = part(data, "word/document.xml")
    for tbl in body.iter(f"{W}tbl"):
        grid = tbl.find(f"{W}tblGrid")
        if len(grid) > 6:  # the week grid
            return tbl.findall(f"{W}tr")
    raise AssertionError("no Gantt table")


def test_gantt_names_the_years_when_the_range_crosses_one():
    from tests.test_docx_writer import document

    data = write(document(ACROSS_YEARS), RenderOptions(lang="zh", timestamp=WHEN))
    rows = gantt_rows(data)
    top, weeks = rows[0], rows[1]
    assert top.find(f"{W}trPr/{W}tblHeader") is not None
    assert weeks.find(f"{W}trPr/{W}tblHeader") is not None
    cells = top.findall(f"{W}tc")
    years = ["".join(t.text for t in tc.iter(f"{W}t")) for tc in cells[1:]]
    assert years == ["2025", "2026"]
    spans = [int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) for tc in cells[1:]]
    assert sum(spans) == len(weeks.findall(f"{W}tc")) - 1  # the years cover every week
    labels = ["".join(t.text for t in tc.iter(f"{W}t")) for tc in weeks.findall(f"{W}tc")[1:]]
    assert labels[spans[0] - 1].startswith("12-") and labels[spans[0]].startswith("01-")
    assert cells[0].find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"


def across(first: str, due: str, lang: str = "zh") -> bytes:
    """A document whose schedule runs from Monday `first` to `due`."""
    from tests.test_docx_writer import document

    head = ACROSS_YEARS.split("  milestones:")[0].replace("language: zh", f"language: {lang}")
    text = f"{head}  milestones:\n    - {{id: M1, name: Build, start: {first}, due: {due}}}\n"
    return write(document(text), RenderOptions(lang=lang, timestamp=WHEN))


@pytest.mark.parametrize(
    ("first", "due", "years"),
    [
        ("2025-12-29", "2026-06-26", ["2025", "2026"]),  # 26 weeks, 2025 has one: upright
        ("2025-12-29", "2026-05-15", ["'25", "2026"]),  # 20 wider weeks: '25 in small type
        ("2025-12-22", "2026-06-19", ["'25", "2026"]),  # 26 weeks, 2025 has two
        ("2025-12-22", "2026-05-08", ["2025", "2026"]),  # 20 weeks, 2025 has two
        ("2025-06-02", "2026-01-23", ["2025", "'26"]),  # fortnights, 2026 has one
    ],
)
def test_gantt_years_are_written_where_they_fit_and_never_broken(first, due, years):
    from tests.fonts import widest

    top = gantt_rows(across(first, due))[0]
    cells = top.findall(f"{W}tc")[1:]
    assert ["".join(t.text for t in tc.iter(f"{W}t")) for tc in cells] == years
    for tc in cells:
        text = "".join(t.text for t in tc.iter(f"{W}t"))
        size = tc.find(f".//{W}rPr/{W}sz")
        half_points = int(size.get(f"{W}val")) if size is not None else 18
        length = widest(text, bold=True) * half_points * 10
        if tc.find(f"{W}tcPr/{W}textDirection") is not None:
            # A year over one narrow week runs up its column, as the weeks do, in a row
            # tall enough for it beside the cell's top and bottom margins (40 twips each).
            assert (first, text) == ("2025-12-29", "2025")
            height = int(top.find(f"{W}trPr/{W}trHeight").get(f"{W}val"))
            assert length + 80 <= height, (text, height)
        else:
            room = int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) - 2 * 15
            assert length <= room, (text, room)


def test_gantt_within_one_year_has_one_header_row():
    data = render(EN)
    rows = gantt_rows(data)
    assert rows[1].find(f"{W}trPr/{W}tblHeader") is None


def test_rice_is_shown_once_per_requirement(zh: bytes):
    doc = model(ZH)
    scored = [r for r in doc.requirements if r.rice]
    texts = [p.text for p in docx.Document(io.BytesIO(zh)).paragraphs]
    assert sum("RICE 评分" in t for t in texts) == len(scored)


def test_gantt_of_a_milestone_due_on_the_last_day_a_date_holds():
    # Valid (9999-12-31), but its week's end is past any date: exit 3 before.
    rows = gantt_rows(across("9999-06-01", "9999-12-31"))
    assert len(rows) >= 2
