"""The document layer: what it decides once for every writer."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from prdkit.check import check_bytes
from prdkit.layout import LaidOutDocument, build
from prdkit.layout.blocks import Facts, Items, Matrix, Note, RichText, Table
from prdkit.layout.cells import Cell, Many, Markdown, Ref, Text
from prdkit.layout.numbers import number_text, score_text
from prdkit.mdfields import markdown_values
from tests.conftest import EXAMPLES

SOURCES = [
    *sorted(EXAMPLES.glob("*.prd.yaml")),
    *sorted((EXAMPLES.parent / "templates").glob("*.prd.yaml")),
]


def checked(path: Path) -> Any:
    result = check_bytes(path.read_bytes(), path.name)
    assert result.document is not None and not result.failed()
    return result


def _cells(cell: Cell) -> Iterator[Cell]:
    if isinstance(cell, Many):
        for item in cell.items:
            yield from _cells(item)
    elif cell is not None:
        yield cell


def cells(laid: LaidOutDocument) -> Iterator[Cell]:
    """Every cell of the laid-out document, RichText blocks as Markdown cells."""
    for section in laid.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                rows = [*block.rows, *([block.total] if block.total else [])]
                for row in rows:
                    for cell in row:
                        yield from _cells(cell)
            elif isinstance(block, Matrix):
                yield from block.columns
                for head, row in block.rows:
                    yield from _cells(head)
                    for cell in row:
                        yield from _cells(cell)
            elif isinstance(block, Facts):
                for _, cell in block.rows:
                    yield from _cells(cell)
            elif isinstance(block, Items):
                for cell in block.items:
                    yield from _cells(cell)
            elif isinstance(block, Note):
                for line in block.lines:
                    for cell in line:
                        yield from _cells(cell)
            elif isinstance(block, RichText):
                yield Markdown(block.source)


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_markdown_and_plain_text_follow_the_schema(path: Path, lang: str):
    result = checked(path)
    markdown = {text for _, text in markdown_values(result.data)}
    everything = list(strings(result.data))
    plain = set(everything) - markdown | {t for t in everything if everything.count(t) > 1}
    laid = build(result.document, lang)
    shown_as_markdown = {c.source for c in cells(laid) if isinstance(c, Markdown)}
    shown_as_text = {c.text for c in cells(laid) if isinstance(c, Text)}
    assert shown_as_markdown <= markdown  # nothing plain is read as Markdown
    assert not (shown_as_text & markdown) - plain  # no Markdown field shown as literal text


def test_numbers_are_exact_with_separators_and_scores_rounded():
    assert number_text(1234.5678) == "1,234.5678"
    assert number_text(1234567) == "1,234,567"
    assert number_text(12.0) == "12"
    assert number_text(0.1) == "0.1"  # the shortest form that reads back: no float noise
    assert score_text(1600.0) == "1,600"
    assert score_text(1 / 3) == "0.33"


def test_language_falls_back_to_english_and_punctuation_follows():
    result = checked(EXAMPLES / "flash-sale.prd.yaml")
    assert build(result.document, "fr").lang == "en"
    assert build(result.document, "zh").punct["list"] == "、"
    assert build(result.document, None).lang == result.document.meta.language


def test_anchors_are_unique_and_every_item_heading_places_one():
    result = checked(EXAMPLES / "flash-sale.prd.yaml")
    laid = build(result.document, "zh")
    assert len(laid.anchors) == len(set(laid.anchors))
    for req in result.document.requirements:
        assert f"item:{req.id}" in laid.anchors


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_table_has_a_key_of_its_own(path: Path):
    laid = build(checked(path).document, "en")
    keys = [
        block.key
        for section in laid.sections
        for block in section.blocks
        if isinstance(block, Table | Matrix)
    ]
    assert all(keys) and len(keys) == len(set(keys))


def test_reference_and_enum_cells_are_made_once_and_keep_their_kind() -> None:
    from prdkit.layout.cells import Enum
    from prdkit.layout.context import Layout

    doc = checked(EXAMPLES / "loyalty-checkout.prd.yaml").document
    lay = Layout(doc, "en")
    req = doc.requirements[0]
    plain, named = lay.ref(req.id), lay.ref(req.id, named=True)
    assert plain is lay.ref(req.id) and named is lay.ref(req.id, named=True)
    assert plain == Ref(req.id, req.title, f"item:{req.id}", False)
    assert named == Ref(req.id, req.title, f"item:{req.id}", True)
    assert lay.ref("NOPE-1") == Ref("NOPE-1", None, None, False)
    must = lay.enum("priority", "must")
    assert must is lay.enum("priority", "must")
    assert isinstance(must, Enum) and must.tone == "bad"
    prefixed = lay.enum("priority", "must", prefix="> ")
    assert prefixed is not must and prefixed.label == "> " + must.label
    assert lay.enum("priority", None) is None


# A Chinese document whose items list several ids: on a feature, a requirement, a page, a
# flow step with branches (a record the spreadsheets write on one line).
LISTS_OF_IDS = """\
prdkit: 1
meta: {id: ids, title: 编号列表, version: "1", status: draft, owner: 李想, language: zh}
requirements:
  - {id: REQ-01, title: 开团, priority: must}
  - {id: REQ-02, title: 参团, priority: must, depends_on: [REQ-01]}
  - {id: REQ-03, title: 退款, priority: should, depends_on: [REQ-01, REQ-02]}
features:
  - {id: F-01, name: 拼团, requirements: [REQ-01, REQ-02, REQ-03]}
pages:
  - {id: PG-a, name: 详情页, navigates_to: [PG-b, PG-c]}
  - {id: PG-b, name: 拼团页}
  - {id: PG-c, name: 结果页}
flows:
  - id: FL-01
    name: 开团
    steps:
      - id: s1
        action: 选择规格
        branches: [{when: 有货, next: s2}, {when: 无货, next: s3}]
      - {id: s2, action: 支付}
      - {id: s3, action: 提示售罄}
"""


def test_lists_of_ids_take_the_languages_list_separator() -> None:
    from prdkit.layout import sheets
    from prdkit.layout.context import LINKED_REFS, RESTATED_REFS, Layout

    result = check_bytes(LISTS_OF_IDS.encode(), "ids.prd.yaml")
    assert result.document is not None and not result.failed(), result.diagnostics
    doc = result.document
    zh, en = Layout(doc, "zh"), Layout(doc, "en")
    ids = ["REQ-01", "REQ-02"]
    for lay, sep in ((zh, "、"), (en, ", ")):
        for named in (False, True):
            refs = lay.refs(ids, named=named)
            assert refs is not None and refs.separator == sep
            listed = lay.listed(ids, named=named)
            assert isinstance(listed, Many) and listed.separator == sep
        many = [f"X{i}" for i in range(LINKED_REFS + 1)]
        assert lay.listed(many) == Text(sep.join(many))  # past the linked ones: one text
        cut = lay.listed(many[: RESTATED_REFS + 1], restated=True)
        assert isinstance(cut, Many) and cut.separator == sep
    # Every list of ids the document shows in Chinese, not only the named ones.
    laid = build(doc, "zh")
    separators = {
        cell.separator
        for cell in _many_cells(laid)
        if cell.layout == "inline" and all(isinstance(c, Ref) for c in cell.items)
    }
    assert separators == {"、"}
    # The spreadsheets read their lists the same way, a record's list inside one cell too.
    book = sheets.build(doc, "zh")
    (flows,) = [s for s in book.sheets if s.key == "flows"]
    steps = [c for c in flows.table.rows[0] if isinstance(c, Many) and c.layout == "lines"]
    assert any("（有货 · s2）、（无货 · s3）" in t.text for c in steps for t in c.items)


def _many_cells(laid: LaidOutDocument) -> Iterator[Many]:
    """Every list cell of `laid`, nested ones too."""

    def walk(cell: Cell) -> Iterator[Many]:
        if isinstance(cell, Many):
            yield cell
            for item in cell.items:
                yield from walk(item)

    for section in laid.sections:
        for block in section.blocks:
            rows: list[tuple[Cell, ...]] = []
            if isinstance(block, Table):
                rows = list(block.rows)
            elif isinstance(block, Facts):
                rows = [(cell,) for _, cell in block.rows]
            for row in rows:
                for cell in row:
                    yield from walk(cell)


def test_every_writer_lists_ids_with_the_languages_separator() -> None:
    from prdkit.writers import RenderOptions
    from prdkit.writers.docx import write as write_docx
    from prdkit.writers.html import write as write_html
    from prdkit.writers.markdown import write as write_markdown

    result = check_bytes(LISTS_OF_IDS.encode(), "ids.prd.yaml")
    assert result.document is not None
    options = RenderOptions(lang="zh")
    md = write_markdown(result.document, options).decode()
    assert "[REQ-01](#req-01-开团)、[REQ-02](#req-02-参团)、[REQ-03](#req-03-退款)" in md
    assert "REQ-01, " not in md and "PG-b, " not in md
    html = write_html(result.document, options).decode()
    assert '<a href="#req-01-开团">REQ-01</a>、<a href="#req-02-参团">REQ-02</a>' in html
    assert "</a>, <a" not in html
    with zipfile.ZipFile(io.BytesIO(write_docx(result.document, options))) as package:
        xml = package.read("word/document.xml").decode()
    words = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    words = words.replace("\u2060", "").replace("\u200b", "")  # no room, see docx/cells.py
    assert "关联需求：REQ-01、REQ-02、REQ-03" in words
    assert "REQ-01, " not in words
    # A line may break after `、` between ids (LibreOffice finds no break there otherwise).
    assert "、\u200b" in xml
