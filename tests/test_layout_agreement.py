"""Markdown and Word show the same tables: read back from each file, compared cell by cell.

The .md is read with markdown-it-py, the .docx with python-docx; every example and
template, in both languages. Cell texts are compared with whitespace collapsed and list
markers dropped (Word numbers list items itself; Markdown writes the marker).
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from markdown_it.tree import SyntaxTreeNode

from prdkit.check import check_bytes
from prdkit.model import Document
from prdkit.richtext import MD
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write as write_docx
from prdkit.writers.markdown import render as render_markdown
from tests.conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCES = [
    *sorted(EXAMPLES.glob("*.prd.yaml")),
    *sorted((EXAMPLES.parent / "templates").glob("*.prd.yaml")),
]
_MARKER = re.compile(r"(?m)^\s*(?:[•◦]|\d+\.)\s+")
# A line break between Chinese characters is no space (Word joins such lines, Markdown keeps
# the break); a table inside a cell is flattened with `·` between its cells in Markdown.
_WIDE_GAP = re.compile(r"(?<=[\u2e80-\uffef])\s+|\s+(?=[\u2e80-\uffef])")
_CELL_DOT = re.compile(r"\s·\s")
Grid = list[list[str]]


def document(text: str) -> Document:
    result = check_bytes(text.encode(), "test.prd.yaml")
    assert result.document is not None and not result.failed(), result.diagnostics
    return result.document


def normal(text: str) -> str:
    text = _CELL_DOT.sub(" ", _MARKER.sub("", text))
    return _WIDE_GAP.sub("", " ".join(text.split()))


def cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    """Every text of a Word cell, nested tables included, paragraphs on their own lines."""
    lines = []
    for para in tc.iter(f"{W}p"):
        parts = []
        for node in para.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}noBreakHyphen"):
            if node.tag == f"{W}noBreakHyphen":  # the hyphen of an id, kept on one line
                parts.append("-")
            else:
                # Joiners keep ids whole; a zero-width space lets a list of them break.
                text = (node.text or "").replace("\u2060", "").replace("\u200b", "")
                parts.append(text if node.tag == f"{W}t" else "\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def _inline_text(node: SyntaxTreeNode) -> str:
    parts = []
    for child in node.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content.replace("<br>", "\n"))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(_inline_text(child))
    return "".join(parts)


def markdown_tables(text: str) -> list[Grid]:
    """Every table of the Markdown text, as rows of cell texts."""
    tables: list[Grid] = []
    todo = [SyntaxTreeNode(MD.parse(text))]
    while todo:
        node = todo.pop(0)
        if node.type == "table":
            rows = [tr for part in node.children for tr in part.children]
            tables.append(
                [
                    [
                        normal(_inline_text(td.children[0]) if td.children else "")
                        for td in tr.children
                    ]
                    for tr in rows
                ]
            )
            continue
        todo[0:0] = node.children
    return tables


def word_tables(data: bytes) -> list[Grid]:
    """Every table of the body with a header row, as rows of cell texts; the timeline's week
    grid (a picture drawn with a table, its week labels turned upright) is left out."""
    opened = docx.Document(io.BytesIO(data))
    found = []
    for table in opened.tables:
        tbl = table._tbl
        first = tbl.find(f"{W}tr")
        if first is None or first.find(f"{W}trPr/{W}tblHeader") is None:
            continue  # key facts boxes: Markdown shows those as lists
        if tbl.find(f".//{W}textDirection") is not None:  # in the first row or under years
            continue
        found.append(
            [[normal(cell_text(tc)) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
        )
    return found


def rendered(path: Path, lang: str) -> tuple[list[Grid], list[Grid]]:
    doc = document(path.read_text(encoding="utf-8"))
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    word = write_docx(doc, RenderOptions(lang=lang, timestamp=when))
    return markdown_tables(render_markdown(doc, lang)), word_tables(word)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_markdown_and_word_show_the_same_tables(path: Path, lang: str):
    md, word = rendered(path, lang)
    assert len(md) > 0
    assert [table[0] for table in md] == [table[0] for table in word]  # same columns, in order
    for md_table, word_table in zip(md, word, strict=True):
        assert md_table == word_table


BUDGET = """\
prdkit: 1
meta: {id: d, title: D, version: "1", status: draft, owner: Ann}
requirements:
  - {id: R1, title: T, priority: must}
operations:
  campaigns:
    - {id: C1, name: Launch, budget: 1234.5678, currency: CNY}
    - {id: C2, name: Small, budget: 0.1, currency: CNY}
    - {id: C3, name: Organic, budget: 0, currency: CNY}
market_research:
  market_size: {tam: 1234567.25, currency: CNY}
flows:
  - id: FL1
    name: Pay
    steps:
      - {id: s1, action: "*one* and <b>two</b>", actor: "_shopper_"}
competition:
  competitors:
    - {id: jd, name: JD}
    - {id: tb, name: Taobao}
  dimensions: [Price]
  matrix:
    jd: {Price: 3}
    tb: {Price: 2}
    us: {Price: 1}
"""


@pytest.fixture(scope="module")
def disagreements() -> tuple[str, bytes]:
    doc = document(BUDGET)
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return render_markdown(doc, "en"), write_docx(doc, RenderOptions(lang="en", timestamp=when))


def test_a_budget_reads_the_same_exact_value_in_both(disagreements: tuple[str, bytes]):
    md, word = disagreements
    campaigns_md = next(t for t in markdown_tables(md) if t[0][0] == "ID" and "Budget" in t[0])
    campaigns_word = next(t for t in word_tables(word) if "Budget" in t[0])
    column = campaigns_md[0].index("Budget")
    # A budget of nothing is a budget: 0, not an empty cell.
    assert [row[column] for row in campaigns_md[1:]] == ["1,234.5678 CNY", "0.1 CNY", "0 CNY"]
    assert campaigns_word == campaigns_md
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)
    cells = [
        c.text for t in docx.Document(io.BytesIO(word)).tables for r in t.rows for c in r.cells
    ]
    # A market size is a summary: rounded to three figures in both, and marked as rounded.
    assert "≈1.23M CNY" in cells and "≈1.23M CNY" in md
    assert "1,234.57" not in body + "".join(cells)


def test_a_flow_steps_plain_text_is_literal_in_both(disagreements: tuple[str, bytes]):
    md, word = disagreements
    steps_md = next(t for t in markdown_tables(md) if t[0][:2] == ["No.", "ID"])
    assert steps_md[1][2:4] == ["_shopper_", "*one* and <b>two</b>"]
    assert "\\*one\\* and &lt;b>two&lt;/b>" in md or "\\*one\\* and &lt;b&gt;two&lt;/b&gt;" in md
    steps = next(
        t for t in docx.Document(io.BytesIO(word)).tables if t.rows[0].cells[0].text == "No."
    )
    action = steps.rows[1].cells[3]
    assert action.text == "*one* and <b>two</b>"
    runs = list(action._tc.iter(f"{W}r"))
    assert not any(r.find(f"{W}rPr/{W}i") is not None for r in runs)  # nothing italic


def test_our_column_comes_first_in_the_matrix_in_both(disagreements: tuple[str, bytes]):
    md, word = disagreements
    matrix_md = next(t for t in markdown_tables(md) if t[0][0] == "Dimensions")
    matrix_word = next(t for t in word_tables(word) if t[0][0] == "Dimensions")
    assert matrix_md[0] == ["Dimensions", "Us", "JD", "Taobao"]
    assert matrix_md[1] == ["Price", "1", "3", "2"]
    assert matrix_word == matrix_md
