"""The Markdown writer's shortcuts give what the full path gives: plain text unparsed, and
the light syntax tree holding what markdown-it's `SyntaxTreeNode` holds."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink

from prdkit.images.pictures import NO_PICTURES
from prdkit.richtext import (
    _ONE_LINE,
    MD,
    Node,
    _spared,
    is_spared,
    parse,
    plain_paragraph,
    token_stream,
    tree,
)
from prdkit.writers.markdown.anchors import Outline
from prdkit.writers.markdown.blocks import BR, Fields, _Blocks, _cell_block, _lead
from prdkit.writers.markdown.inline import _render_inline, _spared_run, render_inline
from prdkit.writers.markdown.text import code_span, escape, guard_line
from tests.test_markdown_spared_tree import RANDOM_TEXT, SHAPED, SHAPED_TEXT

# Characters that decide between the two paths: block openers, every inline delimiter, the
# spaces the parser strips, the ones it keeps, and text that would be escaped on output.
TRICKY = [*"ab 1.)-+=>*_`[]!<>#|~&\\$:@中，。", "\t", "\n", "\r", "\u3000", "\u00a0", "\x00"]
tricky = st.text(alphabet=st.sampled_from(TRICKY), max_size=30)


def parsed(md: str) -> dict[str, object]:
    """The writer's four answers for `md`, each through the parser."""
    root = tree(md)
    item_state = _Blocks(Fields(Outline(), NO_PICTURES), 3)
    item_state.nested = 1
    item = item_state.children(root)
    only_paragraph = len(root.children) == 1 and root.children[0].type == "paragraph"
    return {
        "blocks": _Blocks(Fields(Outline(), NO_PICTURES), 2).children(root),
        "item": _lead(root.children[0].type, item) if root.children else item,
        "inline": render_inline(root.children[0].children[0]) if only_paragraph else None,
        "cell": (BR + BR).join(b for c in root.children if (b := _cell_block(c, NO_PICTURES))),
    }


def shortcut(md: str) -> dict[str, object]:
    fields = Fields(Outline())
    return {
        "blocks": fields.blocks(md, 2),
        "item": fields.item(md, 3),
        "inline": fields.inline(md),
        "cell": fields.cell(md),
    }


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(tricky)
def test_plain_text_is_written_as_the_parser_reads_it(md: str) -> None:
    assert shortcut(md) == parsed(md)


def test_the_shortcut_is_taken_for_plain_text_and_only_for_it() -> None:
    assert plain_paragraph("库存池 price: 10% + tax (EU) ") == "库存池 price: 10% + tax (EU)"
    for md in ("1. a", "- a", "> a", " a", "a\nb", "a *b*", "a_b", "a\u3000b", "&amp;", ""):
        assert plain_paragraph(md) is None, md
    fields = Fields(Outline())
    assert fields.blocks("a $5 price", 2) == ["a \\$5 price"]
    assert fields.cell("see https://example.com/x, then") == "see <https://example.com/x>, then"


def test_the_shortcut_refuses_every_blank_but_the_space_as_the_parser_needs() -> None:
    # The one character class stands for "syntax, controls, or whitespace other than U+0020"
    # (`[^\\S ]`): checked against that definition over every code point.
    syntax_or_blank = re.compile(r"[\\`*_\[\]<>#|~&!\x00-\x1f\x7f-\x9f]|[^\S ]")
    differ = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if (plain_paragraph(f"a{chr(code)}b") is None) != bool(syntax_or_blank.search(chr(code)))
    ]
    assert differ == []


def shape(node) -> list[tuple[object, ...]]:
    """Every node of a tree in walk order, with what the writers read of it."""
    out, todo = [], [node]
    while todo:
        current = todo.pop()
        if current.type == "root":
            out.append(("root", len(current.children)))
        else:
            seen = (current.content, dict(current.attrs), current.markup, current.info)
            out.append((current.type, *seen, current.tag, current.hidden, len(current.children)))
        todo.extend(reversed(current.children))
    return out


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(tricky)
def test_the_light_tree_holds_what_the_syntax_tree_holds(md: str) -> None:
    assert shape(tree(md)) == shape(parse(md))


def test_the_light_tree_of_nested_documents() -> None:
    md = "- a\n\n  > *b [c](https://x.io) **d***\n\n| h | i |\n| :-: | -: |\n| `1` | ~~2~~ |\n"
    assert shape(tree(md)) == shape(parse(md))
    deep = "> " * 200 + "words"
    assert [n.type for n in tree(deep).children] == ["code_block"]
    assert shape(tree(deep)) == shape(parse(deep))


label = st.text(alphabet="az09-", min_size=1, max_size=64)
url = st.builds(
    lambda scheme, labels, path: f"{scheme}{'.'.join(labels)}{path}",
    st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "https:/", "//"]),
    st.lists(label, min_size=1, max_size=5),
    st.text(alphabet="/aZ9._~-%?#:@ é中[]()", max_size=12),
)


@settings(max_examples=600, derandomize=True, deadline=None, database=None)
@given(url)
def test_links_are_normalised_as_markdown_it_does(address: str) -> None:
    assert MD.normalizeLink(address) == normalizeLink(address)


def test_plain_links_are_their_own_normal_form() -> None:
    for address in ("https://wiki.example.com/p/675396", "http://a-b.io", "https://x.cn/a/b~c_d."):
        assert MD.normalizeLink(address) == normalizeLink(address) == address
    assert MD.normalizeLink("https://例子.cn/路径") == normalizeLink("https://例子.cn/路径")


SPACES = ["\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u3000", "\u00a0", "\u200b", "  "]
pieces = st.sampled_from([*TRICKY, *SPACES, "[x](https://a.io)", "&#35;"])
one_line = st.lists(pieces, max_size=12).map("".join)


@settings(max_examples=600, derandomize=True, deadline=None, database=None)
@given(one_line)
def test_one_line_paragraphs_skip_the_block_parser_with_the_same_tokens(md: str) -> None:
    assert [t.as_dict() for t in token_stream(md)] == [t.as_dict() for t in MD.parse(md)]


def test_the_block_parser_is_skipped_only_where_no_block_can_start() -> None:
    assert _ONE_LINE.fullmatch("库存池 **提醒** [结算页](https://wiki.example.com/p/1) `x`")
    for md in (
        "- a",
        "1) a",
        "# a",
        "> a",
        "[a]: /b",
        "```",
        "~~~",
        "***",
        "===",
        " a",
        "a ",
        "a\nb",
    ):
        assert not _ONE_LINE.fullmatch(md), md


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(tricky, st.booleans(), st.booleans())
def test_a_text_is_escaped_alike_alone_and_within_a_longer_one(
    text: str, line_start: bool, autolink: bool
) -> None:
    line = " ".join(text.split()) or "a"
    long_text = (line + " ") * (200 // len(line) + 2)
    long_result = escape(long_text, line_start=line_start, autolink=autolink)
    short = escape(line + " ", line_start=line_start, autolink=autolink)
    assert long_result.startswith(short)
    assert escape(line + " ", line_start=line_start, autolink=autolink) == short


def test_escapes_and_remembered_code_spans_keep_their_flags_apart() -> None:
    assert escape("- a|b", line_start=True) == "\\- a\\|b"
    assert escape("- a|b") == "- a\\|b"
    assert escape("see www.example.com") == "see [www.example.com](http://www.example.com)"
    assert escape("see www.example.com", autolink=False) == "see www.example.com"
    assert code_span("a|`b`", in_table=True) == "`` a\\|`b` ``"
    assert code_span("a|`b`") == "`` a|`b` ``"
    long_code = "x|" * 150
    assert code_span(long_code, in_table=True) == "`" + "x\\|" * 150 + "`"


def test_only_block_openers_are_guarded_at_a_line_start() -> None:
    assert guard_line("- a") == "\\- a"
    assert guard_line("> a") == "\\> a"
    assert guard_line("12) a") == "12\\) a"
    assert guard_line("12 a") == "12 a"
    assert guard_line("a - b") == "a - b"
    assert guard_line("") == ""


def test_a_reference_repeated_is_resolved_alike_each_time() -> None:
    from prdkit.writers.markdown.context import Context

    ctx = Context({"colon": ": ", "open": " (", "close": ")", "list": ", "})
    ctx.heading(2, "REQ-1 Checkout", anchor="item:REQ-1")
    known, unknown = "\x00ref:item:REQ-1\x01REQ-1\x00", "\x00ref:\x01REQ_*9\x00"
    text = f"{known} {unknown} {known}|{unknown}"
    link = "[REQ-1](#req-1-checkout)"
    assert ctx.resolve(text) == f"{link} REQ\\_\\*9 {link}|REQ\\_\\*9"


def test_only_lines_ending_in_a_space_get_a_reference_for_it() -> None:
    from prdkit.writers.markdown.inline import _keep_end

    assert _keep_end("a b") == "a b"
    assert _keep_end("") == ""
    assert _keep_end("a\u00a0") == "a&#160;"
    assert _keep_end("a \u3000") == "a&#32;&#12288;"


def test_markup_is_found_as_before_at_every_code_point() -> None:
    from prdkit.richtext import _MARKUP

    # `[^\S ]` is `(?! )\s` written as a class: every space but U+0020.
    before = re.compile(r"[\\`*_\[\]<>#|~&!\x00-\x1f\x7f-\x9f]|(?! )\s")
    differ = [
        hex(code)
        for code in range(0x110000)
        if bool(_MARKUP.match(chr(code))) != bool(before.match(chr(code)))
    ]
    assert differ == []


def test_table_cells_fold_line_breaks_and_trim() -> None:
    from prdkit.writers.markdown.tables import table

    lines = table(["h ", "x\r\ny"], [[" a ", "b\nc"], ["d"]])
    assert lines == ["| h | x y |", "| --- | --- |", "| a | b c |", "| d | |"]


def _inlines(root: Node) -> list[Node]:
    out, todo = [], [root]
    while todo:
        node = todo.pop()
        if node.type == "inline":
            out.append(node)
        todo.extend(node.children)
    return out


# Beside bold words: texts that autolink, vague link words, code spans that could touch.
SHAPED_RUN = st.one_of(
    SHAPED,
    st.sampled_from(
        ["http://x.io", "www.a.b", "[here](https://a.io)", "[Link!](https://b.io/c)", "`http`"]
    ),
    st.sampled_from(["a@b.co", "$", "|", "#", "- ", "1. ", ">", "é", "**x**", "`a`"]),
)


@settings(max_examples=1500, derandomize=True, deadline=None, database=None)
@given(st.one_of(SHAPED_TEXT, RANDOM_TEXT, st.lists(SHAPED_RUN, max_size=8).map("".join)))
def test_spared_runs_are_written_as_the_general_path_writes_them(md: str) -> None:
    root = _spared(md)
    for inline in _inlines(root) if root is not None else []:
        assert is_spared(inline)
        for cell in (False, True):
            fast = _spared_run(inline.children, cell)
            assert fast in (None, _render_inline(inline, cell, NO_PICTURES)), repr(md)


def test_spared_runs_take_the_short_path_unless_an_emphasis_is_in_doubt() -> None:
    taken = [
        "**库存池** 仓库人员导出订单。**风控引擎** 新用户 (`sku_id`)",
        "1. See [the wiki](https://wiki.example.com/p/1) and `a` `b`, [here](https://a.io/x).",
        "| a | **b** |\n| --- | --- |\n| - x | `y` |",
    ]
    for md in taken:
        for inline in _inlines(_spared(md)):
            assert _spared_run(inline.children, False) is not None, md
    # `**a**` then a code span: what follows the bold text is not known to be text.
    (inline,) = _inlines(_spared("**a**`b`"))
    assert _spared_run(inline.children, False) is None
    assert render_inline(inline) == _render_inline(inline, False, NO_PICTURES)


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20) | tricky)
def test_ascii_headings_get_the_slug_each_character_would_give(text: str) -> None:
    from prdkit.writers.markdown.anchors import _kept, slug

    each = "".join(c for c in text.strip().lower() if _kept(c)).replace(" ", "-")
    assert slug(text) == each


def test_references_are_resolved_alike_split_or_searched() -> None:
    from prdkit.writers.markdown.context import Context

    ctx = Context({"colon": ": ", "open": " (", "close": ")", "list": ", "})
    ctx.heading(2, "REQ-1 Checkout", anchor="item:REQ-1")
    known, other = "\x00ref:item:REQ-1\x01REQ-1\x00", "\x00ref:item:X\x01X\x01Y\x00"
    link = "[REQ-1](#req-1-checkout)"
    assert ctx.resolve(f"a{known}b{other}{known}") == f"a{link}bX&#1;Y{link}"
    # A NUL that marks no reference (none reaches here) leaves the text to the search.
    assert ctx.resolve(f"{known}\x00") == f"{link}\x00"
    assert ctx.resolve("\x00x\x00") == "\x00x\x00"
    assert ctx.resolve("") == ""
