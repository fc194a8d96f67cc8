"""The Markdown writer: goldens, GitHub anchors, escaping, tables, traceability, Mermaid."""

from __future__ import annotations

import difflib
import itertools
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from prdkit.check import check_bytes
from prdkit.images.pictures import Pictures
from prdkit.layout.sections.delivery import flow_graph
from prdkit.model import build
from prdkit.richtext import MD
from prdkit.views import traceability
from prdkit.writers import RenderOptions
from prdkit.writers.markdown import render, write
from prdkit.writers.markdown.anchors import Outline, Slugger, slug
from prdkit.writers.markdown.blocks import Fields
from prdkit.writers.markdown.inline import visible_text
from prdkit.writers.markdown.mermaid import flowchart, gantt, label, wrap
from tests.conftest import EXAMPLES, MINIMAL, ROOT, run_prdkit

GOLDEN = ROOT / "tests" / "golden"
EDGE_CASES = GOLDEN / "edge-cases.input.yaml"
UPDATE = os.environ.get("PRDKIT_UPDATE_GOLDENS") == "1"
# What GitHub does with the output: raw HTML on, tables on. Whatever HTML this parser finds
# is HTML a reader's browser would get.
GITHUB = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def sources() -> list[Path]:
    """Every example, plus the edge-case document kept beside the goldens."""
    return [*sorted(EXAMPLES.glob("*.prd.yaml")), EDGE_CASES]


def stem(path: Path) -> str:
    return path.name.split(".")[0]


def load(path: Path):
    return checked(path).document


def checked(path: Path):
    result = check_bytes(path.read_bytes(), str(path), folder=path.parent)
    assert result.document is not None, [d.message for d in result.diagnostics]
    return result


def beside(path: Path) -> Pictures:
    """The checked pictures of `path`, for output written beside it (the default)."""
    return Pictures(checked(path).images, path.parent, path.parent)


def doc_of(**sections):
    """A Document from plain data, with a minimal valid meta and one requirement."""
    data = {
        "prdkit": 1,
        "meta": {"id": "d", "title": "Doc", "version": "1", "status": "draft", "owner": "Ann"},
        "requirements": [{"id": "R1", "title": "First", "priority": "must"}],
    }
    data.update(sections)
    return build(data)


def headings(text: str) -> list[tuple[int, str]]:
    """(level, visible text) of every heading, in order, as a CommonMark parser reads them."""
    tree = SyntaxTreeNode(GITHUB.parse(text))
    return [
        (int(node.tag[1]), visible_text(node.children[0]))
        for node in tree.walk()
        if node.type == "heading"
    ]


# -- goldens ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("source", sources(), ids=stem)
def test_golden(source, lang):
    golden = GOLDEN / f"{stem(source)}.{lang}.md"
    options = RenderOptions(lang=lang, pictures=beside(source))
    produced = write(load(source), options).decode("utf-8")
    if UPDATE:
        golden.write_text(produced, encoding="utf-8", newline="\n")
        return
    assert golden.exists(), f"{golden.name} missing: run with PRDKIT_UPDATE_GOLDENS=1"
    expected = golden.read_text(encoding="utf-8")
    if produced != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), produced.splitlines(), golden.name, "rendered", lineterm=""
        )
        shown = "\n".join(list(diff)[:200])
        pytest.fail(f"{golden.name} differs (PRDKIT_UPDATE_GOLDENS=1 accepts):\n{shown}")


def test_goldens_have_sources():
    # A golden whose source went away would otherwise linger unnoticed.
    names = {f"{stem(s)}.{lang}.md" for s in sources() for lang in ("en", "zh")}
    assert {p.name for p in GOLDEN.glob("*.md")} <= names


@pytest.mark.skipif(not any(EXAMPLES.glob("*.prd.yaml")), reason="no examples yet")
def test_cli_lang_override_matches_golden(tmp_path):
    source = sorted(EXAMPLES.glob("*.prd.yaml"))[0]
    native = load(source).meta.language or "en"
    other = "en" if native == "zh" else "zh"
    for lang, folder in ((None, tmp_path / "native"), (other, tmp_path / "other")):
        # Rendered beside a copy of the source, as by default, so picture paths match.
        shutil.copytree(EXAMPLES, folder)
        args = ["render", str(folder / source.name), "--to", "md"]
        result = run_prdkit(*args, *(["--lang", lang] if lang else []))
        assert result.returncode == 0, result.stderr
        written = (folder / f"{stem(source)}.md").read_bytes()
        golden = GOLDEN / f"{stem(source)}.{lang or native}.md"
        assert written == golden.read_bytes()


# -- properties of every rendered document ---------------------------------------------------


def _rendered_id(param) -> str:
    return f"{stem(param[0])}.{param[1]}"


@pytest.fixture(
    scope="module",
    params=[(s, lang) for s in sources() for lang in ("en", "zh")],
    ids=_rendered_id,
)
def rendered(request):
    source, lang = request.param
    doc = load(source)
    return doc, write(doc, RenderOptions(lang=lang)), lang


def test_bytes_are_stable_utf8_lf(rendered):
    doc, data, lang = rendered
    assert write(doc, RenderOptions(lang=lang)) == data
    text = data.decode("utf-8")
    assert "\r" not in text and text.endswith("\n") and not text.endswith("\n\n")
    assert not [line for line in text.split("\n") if line != line.rstrip()]
    assert "\x00" not in text


def _pipes(line: str) -> int:
    """Cell separators of a table row: pipes not escaped with a backslash."""
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line)) - 1


def test_every_table_row_has_as_many_cells_as_its_header(rendered):
    data = rendered[1]
    text = data.decode("utf-8")
    lines = text.split("\n")
    tokens = GITHUB.parse(text)
    in_tables: set[int] = set()
    for token in tokens:
        if token.type == "table_open":
            first, last = token.map
            in_tables.update(range(first, last))
            width = _pipes(lines[first])
            assert all(_pipes(lines[i]) == width for i in range(first, last)), lines[first]
    # Every line written as a table row is read as one (none fell out of its table).
    fences = [t.map for t in tokens if t.type == "fence"]
    for i, line in enumerate(lines):
        if line.startswith("|") and not any(a <= i < b for a, b in fences):
            assert i in in_tables, line


def test_table_cells_match_header_in_the_tree(rendered):
    data = rendered[1]
    tree = SyntaxTreeNode(GITHUB.parse(data.decode("utf-8")))
    for table in (n for n in tree.walk() if n.type == "table"):
        rows = [tr for part in table.children for tr in part.children]
        assert all(len(tr.children) == len(rows[0].children) for tr in rows)


def test_every_id_appears(rendered):
    doc, data, _ = rendered
    tree = SyntaxTreeNode(GITHUB.parse(data.decode("utf-8")))
    shown = "\n".join(n.content for n in tree.walk() if n.type in ("text", "code_inline"))
    ids = [item.id for item in doc.identified()]
    ids += [step.id for flow in doc.flows for step in flow.steps]
    missing = [i for i in ids if i not in shown]
    assert not missing


_OWN_HTML = {"<br>", "<!-- markdownlint-disable MD029 -->"}


def test_only_br_is_html_and_links_are_safe(rendered):
    data = rendered[1]
    tree = SyntaxTreeNode(GITHUB.parse(data.decode("utf-8")))
    for node in tree.walk():
        if node.type in ("html_inline", "html_block"):
            # `<br>`, and the fixed comment that lets lists keep their numbers past MD029.
            assert node.content.strip() in _OWN_HTML, node.content
        if node.type == "link":
            href = str(node.attrs["href"])
            assert href.startswith(("https://", "http://", "mailto:", "#")), href
        if node.type == "image":
            assert str(node.attrs["src"]).startswith(("https://", "http://")), node.attrs


def test_contents_links_reach_headings(rendered):
    data = rendered[1]
    text = data.decode("utf-8")
    slugger = Slugger()
    anchors = {slugger.add(t) for _, t in headings(text)}
    tree = SyntaxTreeNode(GITHUB.parse(text))
    links = [str(n.attrs["href"]) for n in tree.walk() if n.type == "link"]
    fragments = [href[1:] for href in links if href.startswith("#")]
    assert fragments
    assert [f for f in fragments if unquote(f) not in anchors] == []


def test_outline_has_one_title_and_never_skips_a_level(rendered):
    data = rendered[1]
    levels = [level for level, _ in headings(data.decode("utf-8"))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


# -- anchors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("Hello World", "hello-world"),
        ("REQ-001 秒杀频道入口与场次页", "req-001-秒杀频道入口与场次页"),
        ("风险矩阵（可能性 × 影响）", "风险矩阵可能性--影响"),
        ("Roles × actions", "roles--actions"),
        ("C++ & Go!", "c--go"),
        ("Émile's Café", "émiles-café"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Version 1.2.0", "version-120"),
        ("  padded  ", "padded"),
        ("🚀 Launch", "-launch"),
        ("Ünïcödé ÀÉ", "ünïcödé-àé"),
    ],
)
def test_slug_follows_github(text, anchor):
    assert slug(text) == anchor


def test_slugger_numbers_repeats_like_github():
    slugger = Slugger()
    assert [slugger.add(t) for t in ["A", "a", "A", "a-1"]] == ["a", "a-1", "a-2", "a-1-1"]


def test_heading_in_a_field_takes_its_anchor_in_order():
    text = render(doc_of(meta={**_meta(), "summary": "# Requirements\n"}), "en")
    assert "- [Requirements](#requirements-1)" in text


def _meta(**extra):
    return {"id": "d", "title": "Doc", "version": "1", "status": "draft", "owner": "Ann", **extra}


# -- Markdown fields -------------------------------------------------------------------------


def field(md: str, level: int = 3) -> str:
    return "\n".join(Fields(Outline()).blocks(md, level))


def cell(md: str) -> str:
    return Fields(Outline()).cell(md)


def test_raw_html_is_text():
    out = field("<script>alert(1)</script>\n\nHi <b onclick=x>there</b>")
    tokens = [t for t in GITHUB.parse(out) for t in [t, *(t.children or [])]]
    assert not [t for t in tokens if t.type.startswith("html")]
    assert "alert(1)" in out


def test_unsafe_links_lose_the_link_but_keep_the_words():
    out = field("[click](javascript:alert(1)) ![img](data:image/png;base64,AA) [rel](../x.md)")
    tree = SyntaxTreeNode(GITHUB.parse(out))
    assert not [n for n in tree.walk() if n.type in ("link", "image")]
    assert "click" in out and "img" in out and "rel" in out


def test_safe_links_images_and_autolinks_survive():
    out = field(
        "[a](https://x.org/p_(q)) ![pic](https://x.org/i.png) <https://y.org> see https://z.org/a_b."
    )
    tree = SyntaxTreeNode(GITHUB.parse(out))
    hrefs = [
        n.attrs.get("href") or n.attrs.get("src")
        for n in tree.walk()
        if n.type in ("link", "image")
    ]
    assert hrefs == [
        "https://x.org/p_%28q%29",
        "https://x.org/i.png",
        "https://y.org",
        "https://z.org/a_b",
    ]


@pytest.mark.parametrize(("base", "expected"), [(2, [3, 4, 3]), (3, [4, 5, 4]), (4, [5, 6, 5])])
def test_headings_in_a_field_sit_below_their_section_without_skipping(base, expected):
    outline = Outline()
    out = Fields(outline).blocks("### deep first\n\n#### deeper\n\n# top\n", base)
    assert [h.level for h in outline.headings] == expected
    assert [level for level, _ in headings("\n".join(out))] == expected


def test_lists_code_tables_and_quotes_round_trip():
    md = (
        "1. one\n2. two\n   - nested\n\n> quote\n\n```python\nx = '<b>'\n```\n\n"
        "| a | b |\n| :- | -: |\n| 1 \\| 2 | `c\\|d` |\n"
    )
    out = field(md)
    assert "```python\nx = '<b>'\n```" in out
    assert "| :--- | ---: |" in out
    source = SyntaxTreeNode(GITHUB.parse(md))
    again = SyntaxTreeNode(GITHUB.parse(out))

    def leaves(tree: SyntaxTreeNode) -> list[tuple[str, str]]:
        return [(n.type, n.content) for n in tree.walk() if not n.children and n.type != "root"]

    assert [n.type for n in source.walk()] == [n.type for n in again.walk()]
    assert leaves(source) == leaves(again)


def test_an_ordered_list_keeps_the_number_it_starts_at():
    # Steps 3 and 4 after a code block were written 1 and 2 for markdownlint's MD029: the
    # reader lost the author's numbering. They keep it (the document turns MD029 off).
    assert field("3. c\n4. d\n").split("\n") == ["3. c", "4. d"]
    assert field("1. a\n2. b\n") == "1. a\n2. b"
    assert field("0. a\n1. b\n") == "0. a\n1. b"
    steps = "1. Install\n2. Run:\n\n   ```sh\n   x\n   ```\n\n3. Open\n"
    assert "2. Run" in field(steps) and "3. Open" in field(steps)


def test_a_document_with_such_a_list_turns_md029_off_under_its_title(tmp_path):
    # An acceptance criterion "3. step three" is a list opening a list item: a comment
    # beside it would stand in the item, so the one comment goes under the title.
    text = MINIMAL.replace(
        "    priority: could\n",
        '    priority: could\n    acceptance_criteria: ["3. step three", "Plain"]\n',
    )
    result = check_bytes(text.encode(), str(tmp_path / "d.prd.yaml"))
    assert result.document is not None, [d.message for d in result.diagnostics]
    out = write(result.document, RenderOptions(lang="en")).decode()
    lines = out.split("\n")
    assert lines[:4] == ["# Demo", "", "<!-- markdownlint-disable MD029 -->", ""]
    assert out.count("markdownlint") == 1
    assert "1. 3. step three" in out
    plain = MINIMAL.replace("    priority: could\n", "    priority: could\n    rationale: x\n")
    result = check_bytes(plain.encode(), str(tmp_path / "p.prd.yaml"))
    assert "markdownlint" not in write(result.document, RenderOptions(lang="en")).decode()


def test_markdownlint_shaped_rewrites():
    # What markdownlint refuses in an author's field is reshaped, never dropped:
    # a lone bold line is a sub-heading (MD036), a heading's final `：` is a reference (MD026),
    # a list item cannot open with a table (MD058), "here" is not link text (MD059).
    assert field("**Note**\n\ntext") == "#### Note\n\ntext"
    assert field("**Note:**") == "**Note:**"
    assert field("- **item**") == "- **item**"
    assert field("# Notes：\n") == "#### Notes&#65306;"
    assert field("- | a |\n  | - |\n  | 1 |") == "- &nbsp;\n\n  | a |\n  | --- |\n  | 1 |"
    assert field("see [here](https://x.org/a).") == "see here (<https://x.org/a>)."


def test_emphasis_reads_back_or_goes():
    assert field("***both***") == "***both***"
    assert field("*a **b** c*") == "*a **b** c*"
    assert field("_a_*b*") == "*a*b"  # `*a**b*` would not read back: the second goes
    assert field("*https://x.org/a*b") == "<https://x.org/a>b"


def test_emphasis_before_a_link_written_as_its_words_reads_back_or_goes():
    # The link and the picture are written as plain words: `**ab.(**i` would show its
    # asterisks, so the emphasis goes. One at the start of the text with plain text after
    # it is kept as it is.
    assert field("， **ab.(**![i](p.png)") == "， ab.(i"
    assert field("x **中文|**[here](https://e.x)") == "x 中文\\|here (<https://e.x>)"
    assert field("**库存池** 入驻商家") == "**库存池** 入驻商家"


def test_cell_keeps_breaks_and_escapes_pipes():
    out = cell("line one\nline | two\\\nthree\n\n- a\n- b\n\n```\ncode|x\n```")
    assert "\n" not in out
    assert out == "line one line \\| two<br>three<br><br>• a<br>• b<br><br>`code\\|x`"


def test_cell_reads_a_wrapped_line_as_github_reads_a_paragraph():
    # A YAML block wrapped by the author's editor is one paragraph: GitHub shows its line ends
    # as spaces, so a cell must not turn them into breaks in the middle of a sentence.
    assert cell("Repeat purchase rate and a program\nthey can run alone.") == (
        "Repeat purchase rate and a program they can run alone."
    )
    assert cell("ends in **bold**\n*then* more") == "ends in **bold** *then* more"
    # Chinese lines join without a space (as in Word); only a hard break stays a break.
    assert (
        cell("超卖率 0.37%；取消赔付，\n相关差评占 23%。")
        == "超卖率 0.37%；取消赔付，相关差评占 23%。"
    )
    assert cell("第一行  \n第二行") == "第一行<br>第二行"


def test_chinese_lines_of_a_paragraph_join_without_a_space():
    # Browsers draw a line end between two Chinese characters as a space ("配置， 库存"):
    # GitHub keeps the line ends of a paragraph, so the writer joins such lines itself.
    out = field("每次都手工配置，\n库存直接扣减。\nEnglish words\nwrap as they did")
    assert out == "每次都手工配置，库存直接扣减。English words\nwrap as they did"


def test_line_starts_that_would_open_blocks_are_escaped():
    outline = Outline()
    md = "a\\\n\\# not heading\n\\- not list\n1\\. not ordered\n\\> not quote"
    out = "\n".join(Fields(outline).blocks(md, 2))
    tree = SyntaxTreeNode(GITHUB.parse(out))
    assert [n.type for n in tree.children] == ["paragraph"]


# Pieces that mean something to Markdown, GitHub or this writer, joined at random.
_TRICKY = st.lists(
    st.sampled_from(
        [*"ab中，\n *_`[]()<>#|\\!-+=.1&;:~$\"'", "https://x.org/", "&amp;", "\n\n", "    "]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TRICKY)
def test_any_field_keeps_its_text_and_gains_no_html(md):
    out = field(md, 2)
    kinds = [t.type for t in GITHUB.parse(out) for t in [t, *(t.children or [])]]
    assert not [k for k in kinds if k.startswith("html")], out
    # The source is read as prdkit reads it (raw HTML is text), the output as GitHub does.
    assert _words(out) == _words(md, MD), out


@settings(max_examples=300, deadline=None)
@given(_TRICKY)
def test_any_cell_stays_one_cell(md):
    value = cell(md)
    assert "\n" not in value
    row = f"| {value or ' '} | x |"
    tree = SyntaxTreeNode(GITHUB.parse(f"| h | i |\n| - | - |\n{row}\n"))
    cells = [n for n in tree.walk() if n.type == "td"]
    assert len(cells) == 2
    assert cells[1].children[0].children[0].content == "x"
    html = [t for t in GITHUB.parse(row) for t in [t, *(t.children or [])] if "html" in t.type]
    assert all(t.content == "<br>" for t in html)


def _words(md: str, parser: MarkdownIt = GITHUB) -> str:
    """Visible text of `md` as GitHub reads it, whitespace removed (line wrapping may differ).

    The URL is removed too: a link or image with no text gets its URL as text (MD042, MD045).
    """
    tree = SyntaxTreeNode(parser.parse(md))
    text = "".join(n.content for n in tree.walk() if n.type in ("text", "code_inline"))
    return re.sub(r"\s+", "", text).replace("https://x.org/", "")


# -- sections --------------------------------------------------------------------------------


def test_absent_or_empty_sections_leave_no_heading():
    text = render(
        doc_of(business_model={}, competition={"competitors": []}, permissions={}, risks=[]), "en"
    )
    assert [t for level, t in headings(text) if level == 2] == ["Contents", "Requirements"]


def test_traceability_shows_links_and_gaps():
    doc = doc_of(
        requirements=[
            {"id": "R1", "title": "Traced", "priority": "must"},
            {"id": "R2", "title": "Untraced", "priority": "should"},
        ],
        features=[{"id": "F1", "name": "Feat", "requirements": ["R1"]}],
        flows=[
            {
                "id": "FL1",
                "name": "Flow",
                "features": ["F1"],
                "steps": [{"id": "a", "action": "go"}],
            }
        ],
        metrics=[{"id": "M1", "name": "Metric", "target": 1, "requirements": ["R1"]}],
        schedule={
            "milestones": [
                {"id": "MS1", "name": "Ship", "due": "2026-01-01", "deliverables": ["F1"]}
            ]
        },
    )
    assert [(t.features, t.flows, t.metrics, t.milestones) for t in traceability(doc)] == [
        (("F1",), ("FL1",), ("M1",), ("MS1",)),
        ((), (), (), ()),
    ]
    text = render(doc, "en")
    matrix = text.split("### Traceability matrix")[1].split("###")[0]
    # A `should` owes no feature: plain dashes, no warning validate does not give.
    assert "| [R2](#r2-untraced) | — | — | — | — |" in matrix
    assert "⚠" not in matrix
    assert "| [F1](#f1-feat) | [FL1](#fl1-flow) | M1 | MS1 |" in matrix


def test_permissions_mark_inherited_grants():
    doc = doc_of(
        permissions={
            "roles": [
                {"id": "viewer", "name": "Viewer"},
                {"id": "editor", "name": "Editor", "inherits": ["viewer"]},
                {"id": "admin", "name": "Admin", "inherits": ["editor"]},
            ],
            "actions": [{"id": "read", "name": "Read"}, {"id": "write", "name": "Write"}],
            "grants": {"viewer": ["read"], "editor": ["write"]},
        }
    )
    rows = render(doc, "en").split("### Roles × actions")[1].split("\n")
    assert "| Read (read) | ✓ | ✓ (inherited: Viewer) | ✓ (inherited: Viewer) |" in rows
    assert "| Write (write) | | ✓ | ✓ (inherited: Editor) |" in rows
    zh = render(doc, "zh")
    assert "✓（继承：Viewer）" in zh


def test_competition_matrix_puts_us_first():
    doc = doc_of(
        competition={
            "competitors": [{"id": "C1", "name": "Rival"}, {"id": "C2", "name": "Other"}],
            "dimensions": ["Price", "Reach"],
            "matrix": {"C1": {"Price": False}, "us": {"Price": True, "Reach": 10000}},
        }
    )
    text = render(doc, "en")
    assert "| Dimensions | Us | Rival | Other |" in text
    assert "| Price | ✓ | ✗ | — |" in text
    assert "| Reach | 10,000 | — | — |" in text


def test_requirement_entry_shows_rice_and_demoted_heading():
    doc = doc_of(
        requirements=[
            {
                "id": "R1",
                "title": "Pay now!",
                "priority": "must",
                "description": "# Inside\n\nBody",
                "rice": {"reach": 100, "impact": 2, "confidence": 0.5, "effort": 4},
            }
        ]
    )
    text = render(doc, "en")
    assert "### R1 Pay now&#33;\n" in text  # a bare trailing `!` would fail MD026
    assert "| R1 " not in text and "| [R1](#r1-pay-now) | Pay now! | Must | | 25 |" in text
    assert "#### Inside" in text
    assert "**RICE score:** 25 (Reach 100 × Impact 2 × Confidence 0.5 ÷ Effort 4)" in text


def test_render_is_deterministic_and_language_specific():
    doc = load(EDGE_CASES)
    assert write(doc, RenderOptions(lang="en")) == write(doc, RenderOptions(lang="en"))
    zh = render(doc, "zh")
    assert "\n## 需求说明\n" in zh and "\n## Requirements\n" not in zh


# -- Mermaid ---------------------------------------------------------------------------------

_CODE = re.compile(r"#(?:quot|lt|gt|amp|\d+);")
_NAMED = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}


def decode(text: str) -> str:
    """What Mermaid draws for a label: entity codes turned back into characters."""

    def one(match: re.Match[str]) -> str:
        name = match[0][1:-1]
        return _NAMED.get(name) or chr(int(name))

    return _CODE.sub(one, text.replace("<br>", " "))


HOSTILE = 'Say "hi" <b>; x | y [z] {w} (v) #1 100% `t` \\ ：“中文”；【括号】 & a:b'


def test_label_escapes_every_breaking_character_and_decodes_back():
    for gantt_mode in (False, True):
        text = label(HOSTILE, gantt=gantt_mode, width=None)
        bare = _CODE.sub("", text)
        assert not set(bare) & set('"<>|[]{}()#;`%\\&'), text
        assert decode(text) == HOSTILE
    assert ":" not in _CODE.sub("", label("a:b", gantt=True))


def test_wrap_keeps_every_character_and_evens_lines():
    text = "系统检查新价是否低于商家底价，发起人与审批人是否为同一账号"
    lines = wrap(text, 20)
    assert "".join(lines) == text
    assert all(len(line) * 2 <= 20 for line in lines)
    assert not any(line[0] in "，。" for line in lines)
    assert wrap("one two three four five six", 12) == ["one two", "three four", "five six"]


def _flow(steps):
    return doc_of(flows=[{"id": "FL", "name": "F", "steps": steps}]).flows[0]


def test_flowchart_ids_are_generated_and_edges_resolve():
    flow = _flow(
        [
            {
                "id": "end",
                "action": HOSTILE,
                "actor": "A",
                "branches": [
                    {"when": 'ok "yes"', "next": "style"},
                    {"when": "no", "next": "click"},
                ],
            },
            {"id": "style", "action": "done", "end": True},
            {"id": "click", "action": "retry", "next": "end"},
        ]
    )
    lines = flowchart(flow_graph(flow, "Start", "End"))
    assert lines[0] == "flowchart TD"
    defined = [m[1] for line in lines if (m := re.match(r"\s+(\w+)[\[{(]", line))]
    assert defined == ["s0", "n0", "n1", "n2", "t0"]
    edges = [re.findall(r"\w+", re.sub(r'\|".*?"\|', "", line)) for line in lines if "-->" in line]
    assert all(a in defined and b in defined for a, b in edges)
    assert sorted(tuple(e) for e in edges) == sorted(
        [("s0", "n0"), ("n0", "n1"), ("n0", "n2"), ("n1", "t0"), ("n2", "n0")]
    )
    assert any('-->|"ok #quot;yes#quot;"|' in line for line in lines)
    assert lines[2].startswith('    n0{"')  # a step with branches is a decision


def test_flow_without_explicit_end_ends_at_its_last_step():
    lines = flowchart(
        flow_graph(_flow([{"id": "a", "action": "x"}, {"id": "b", "action": "y"}]), "S", "E")
    )
    assert "    n0 --> n1" in lines and "    n1 --> t0" in lines


def test_gantt_durations_and_milestones():
    doc = doc_of(
        schedule={
            "milestones": [
                {
                    "id": "A",
                    "name": "Same day",
                    "start": "2026-01-01",
                    "due": "2026-01-01",
                    "status": "done",
                },
                {
                    "id": "B",
                    "name": "Span: #2; x",
                    "start": "2026-01-30",
                    "due": "2026-02-02",
                    "status": "in_progress",
                },
                {"id": "C", "name": "Marker", "due": "2026-03-01", "status": "at_risk"},
            ]
        }
    )
    lines = gantt(doc.schedule.milestones, "Milestones")
    assert lines[:2] == ["gantt", "    dateFormat YYYY-MM-DD"]
    assert "    A Same day :done, t0, 2026-01-01, 1d" in lines
    assert "    B Span#58; #35;2#59; x :active, t1, 2026-01-30, 4d" in lines
    assert "    C Marker :crit, milestone, t2, 2026-03-01, 0d" in lines


def test_flow_node_names_its_actor_once():
    flow = _flow(
        [
            {"id": "a", "action": "商家提交报名", "actor": "商家"},
            {"id": "b", "action": "审核报名", "actor": "运营"},
        ]
    )
    lines = flowchart(flow_graph(flow, "S", "E"))
    assert '    n0["1. 商家提交报名"]' in lines  # the action says who: no note
    assert '    n1["运营<br>2. 审核报名"]' in lines


def test_gantt_task_named_like_a_statement_stays_a_task():
    doc = doc_of(
        schedule={
            "milestones": [
                {"id": "section", "name": "Launch", "due": "2026-03-01"},
                {"id": "M2", "name": "click here", "due": "2026-03-02"},
                {"id": "Title", "name": "x", "start": "2026-03-01", "due": "2026-03-03"},
            ]
        }
    )
    lines = gantt(doc.schedule.milestones, "Milestones")
    tasks = lines[5:]
    assert tasks == [
        "    #115;ection Launch :milestone, t0, 2026-03-01, 0d",
        "    M2 click here :milestone, t1, 2026-03-02, 0d",
        "    #84;itle x :t2, 2026-03-01, 3d",
    ]


def test_a_link_whose_text_is_its_address_is_one_link() -> None:
    # A custom `url` field shows the address itself as the link's text.
    from markdown_it import MarkdownIt

    from prdkit.layout.cells import Link
    from prdkit.writers.markdown.context import CELLS

    written = CELLS[Link](None, Link("https://a.example/x", "https://a.example/x"))  # type: ignore[arg-type]
    html = MarkdownIt("commonmark").render(written)
    assert html.count("<a ") == 1 and "https://a.example/x</a>" in html


@pytest.mark.parametrize(
    ("lang", "line", "label", "value"),
    [
        ("zh", "- **文档编号**：flash-sale-channel", "文档编号", "：flash-sale-channel"),
        ("en", "- **Document ID:** flash-sale-channel", "Document ID:", " flash-sale-channel"),
    ],
)
def test_a_fact_label_is_bold_without_a_gap_after_a_full_width_colon(lang, line, label, value):
    # `**文档编号：** x` showed the full-width colon's own gap and a space after it; the space
    # was there only because bold cannot close after `：` when text follows.
    text = write(load(EXAMPLES / "flash-sale.prd.yaml"), RenderOptions(lang=lang)).decode()
    assert line in text.split("\n")
    item = SyntaxTreeNode(GITHUB.parse(line)).children[0].children[0].children[0]
    bold, after = [n for n in item.children[0].children if n.type != "text" or n.content]
    assert (bold.type, after.type) == ("strong", "text")
    assert (bold.children[0].content, after.content) == (label, value)
