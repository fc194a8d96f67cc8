"""`<br>` in a Markdown field: a hard line break in every writer, every other tag still text.

A GFM table cell holds no line end, so authors write `<br>` there; raw HTML stays off
(`richtext.MD`), and only this tag is read, at parse time, as the hard break it means.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from prdkit.check import check_bytes
from prdkit.model import Document
from prdkit.richtext import MD, parse
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write as write_docx
from prdkit.writers.html import write as write_html
from prdkit.writers.markdown import write as write_markdown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# A field as PMs write it: a break in a table cell and in a paragraph, and the forms that
# must stay literal (a code span, an escape, other tags).
FIELD = """\
# 规则<br>说明

| 人数 | 说明 |
| --- | --- |
| 3 人 | 需运营审批<br>且仅限自营 |
| 4 人 | `a<br>b` 与 \\<br> 原样 |

第一行<BR />第二行，<script>alert(1)</script> 与 <b>粗</b> 原样
"""

DOC = """\
prdkit: 1
meta: {id: br, title: 换行标签, version: "0.1.0", status: draft, owner: 李想, language: zh}
requirements:
  - id: REQ-01
    title: 拼团入口
    priority: could
    description: |
""" + "".join(f"      {line}\n" if line else "\n" for line in FIELD.splitlines())


def kinds(text: str) -> list[str]:
    """The inline node types of `text`'s first paragraph."""
    return [n.type for n in parse(text).children[0].children[0].children]


@pytest.mark.parametrize("tag", ["<br>", "<br/>", "<br />", "<BR>", "<Br />"])
def test_each_form_of_the_tag_is_a_hard_break(tag: str) -> None:
    assert kinds(f"a{tag}b") == ["text", "hardbreak", "text"]
    assert kinds(f"a {tag}\nb") == ["text", "hardbreak", "text"]  # one break, not two


@pytest.mark.parametrize("text", ["a<br >b", "a<bra>b", "a< br>b", "a<br//>b", "a</br>b"])
def test_other_spellings_stay_text(text: str) -> None:
    assert kinds(text) == ["text"]


def test_code_escapes_and_other_tags_keep_it_literal() -> None:
    code = parse("a `<br>` b").children[0].children[0].children
    assert [(n.type, n.content) for n in code if n.type == "code_inline"] == [
        ("code_inline", "<br>")
    ]
    assert "hardbreak" not in kinds("a `<br>` b")
    escaped = parse("a \\<br> b").children[0].children[0]
    assert [n.type for n in escaped.children] == ["text"]
    assert escaped.children[0].content == "a <br> b"
    assert kinds("a &lt;br> b") == ["text"]
    fence = parse("```\n<br>\n```\n").children[0]
    assert fence.type == "fence" and fence.content == "<br>\n"
    html = MD.render("<script>alert(1)</script><br><b>x</b>")
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br />\n&lt;b&gt;x&lt;/b&gt;</p>\n"


def test_a_break_ending_its_paragraph_is_left_out() -> None:
    # A Markdown hard break cannot end a paragraph (`a\` shows its backslash).
    assert kinds("a<br>") == kinds("a<br><br />\n") == ["text"]
    assert [n.type for n in parse("| x |\n| - |\n| a<br> |").walk()].count("hardbreak") == 0


@pytest.fixture(scope="module")
def document() -> Document:
    result = check_bytes(DOC.encode(), "br.prd.yaml")
    assert result.document is not None and not result.failed(), result.diagnostics
    return result.document


def test_markdown_keeps_the_table_row_on_one_line(document: Document) -> None:
    md = write_markdown(document, RenderOptions(lang="zh")).decode()
    assert "| 3 人 | 需运营审批<br>且仅限自营 |\n" in md  # `<br>`: GFM's break in a cell
    assert "| 4 人 | `a<br>b` 与 &lt;br> 原样 |\n" in md
    assert "第一行\\\n第二行" in md  # outside a table, the CommonMark hard break
    assert "&lt;script>alert(1)&lt;/script>" in md and "&lt;b>粗&lt;/b>" in md
    assert "&lt;br" not in md.replace("与 &lt;br> 原样", "")
    assert "\n#### 规则 说明\n" in md  # a heading stays one line


def test_html_breaks_the_line_and_keeps_other_tags_text(document: Document) -> None:
    html = write_html(document, RenderOptions(lang="zh")).decode()
    assert re.search(r"需运营审批<br ?/?>\s*且仅限自营", html)
    assert re.search(r"第一行<br ?/?>\s*第二行", html)
    assert "<code>a&lt;br&gt;b</code> 与 &lt;br&gt; 原样" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "&lt;b&gt;粗&lt;/b&gt;" in html
    # A heading's id is the Markdown anchor of its one line (`#### 规则 说明`).
    assert re.search(r'<h4 id="规则-说明" dir="auto">规则<br ?/?>\s*说明</h4>', html)


def test_word_breaks_the_line_and_keeps_other_tags_text(document: Document) -> None:
    with zipfile.ZipFile(io.BytesIO(write_docx(document, RenderOptions(lang="zh")))) as z:
        xml = z.read("word/document.xml").decode()
    assert re.search(r"需运营审批</w:t></w:r><w:r>(?:<w:rPr>.*?</w:rPr>)?<w:br/></w:r>", xml)
    assert re.search(r"第一行</w:t></w:r><w:r>(?:<w:rPr>.*?</w:rPr>)?<w:br/></w:r>", xml)
    texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    assert "a&lt;br&gt;b" in texts  # the code span, literal
    assert "与 &lt;br&gt; 原样" in texts  # the escape, literal
    assert "需运营审批&lt;br" not in texts and "第一行&lt;BR" not in texts
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts


def test_jira_keeps_a_broken_table_row_and_heading_on_one_line() -> None:
    from prdkit.export.jiramarkup import to_jira

    text = to_jira("## 标题<br>副标题\n\n| a | b |\n| - | - |\n| x<br>y | <br>lead |\n\n一<br>二\n")
    lines = text.split("\n")
    assert "h2. 标题\\\\ 副标题" in lines
    assert "|x\\\\ y|\\\\ lead|" in lines, lines
    assert "一\\\\" in lines and "二" in lines  # a paragraph still breaks its line
