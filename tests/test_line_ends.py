"""A line the author wrapped inside a paragraph: a space, or nothing inside Chinese text,
the same in Word, HTML and Markdown."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from prdkit.check import check_bytes
from prdkit.richtext import line_end_joins
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write as write_docx
from prdkit.writers.html import write as write_html
from prdkit.writers.markdown import write as write_markdown
from tests.conftest import MINIMAL


@pytest.mark.parametrize(
    ("before", "after", "joins"),
    [
        ("库", "存", True),  # two Chinese characters: a space would stand between them
        ("，", "A", True),  # full-width punctuation carries its own space
        ("a", "（", True),
        ("文", "E", False),  # Chinese and Latin keep their space ("中文 English")
        ("a", "b", False),
        ("", "存", False),
    ],
)
def test_which_line_ends_join(before: str, after: str, joins: bool) -> None:
    assert line_end_joins(before, after) is joins


SUMMARY = "请先阅读**用户手册**\n**第二章**的说明。中文\nEnglish 配置，\nAPI 接口"
SEEN = "请先阅读用户手册第二章的说明。中文 English 配置，API 接口"


def _document(tmp_path: Path):  # type: ignore[no-untyped-def]
    body = "".join(f"    {line}\n" for line in SUMMARY.split("\n"))
    text = MINIMAL.replace("  owner: Ann\n", f"  owner: Ann\n  summary: |\n{body}")
    result = check_bytes(text.encode(), str(tmp_path / "d.prd.yaml"))
    assert result.document is not None, [d.message for d in result.diagnostics]
    return result.document


def test_word_html_and_markdown_agree_where_lines_join(tmp_path: Path) -> None:
    # Word read the marks around a line end as its neighbours and kept a space between
    # "用户手册" and "第二章"; Markdown looked at the `**` it had written.
    doc = _document(tmp_path)
    with zipfile.ZipFile(io.BytesIO(write_docx(doc, RenderOptions(lang="zh")))) as z:
        body = z.read("word/document.xml").decode()
    word = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)).replace("\u2060", "")
    assert SEEN in word
    page = write_html(doc, RenderOptions(lang="zh")).decode()
    shown = re.sub(r"<[^>]+>", "", page).replace("\n", " ")
    assert SEEN in shown
    markdown = write_markdown(doc, RenderOptions(lang="zh")).decode()
    # The Markdown keeps one line end where two bold runs would touch (`****`): GitHub
    # shows a space there, and the bold stays.
    assert "请先阅读**用户手册** **第二章**的说明。中文 English 配置，API 接口" in markdown
