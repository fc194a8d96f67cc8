"""The Markdown writer's spared tree is the parser's tree wherever it is built, and it is
built for the shapes most fields have: paragraphs, one-line list items and quotes holding
text, bold words, code spans and links, and GFM tables whose cells hold the same."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.richtext import _SPARED_RUN, _SPARED_TEXT, Node, _spared, spared_tree, tree

# Pieces that make the grammar's shapes and the ones just outside it: runs of `*` that pair
# up differently, punctuation and spaces beside a delimiter, URLs the grammar may not keep,
# block openers, and characters the parser reads on its own terms.
PIECES = [
    "a",
    "b c",
    "中文",
    "。",
    "，",
    "(",
    ")",
    ":",
    "1",
    "#",
    "|",
    "$",
    " ",
    "**",
    "*",
    "`",
    "[",
    "](",
    "]",
    "https://example.com/p/1",
    "http://a-b.example",
    "HTTPS://X.Y",
    "javascript:x",
    "!",
    "_",
    "~",
    "&",
    "<",
    "\\",
    "\u3000",
    "\u00a0",
    "\t",
    "- ",
    "1. ",
    "2. ",
    "> ",
    "\n",
    "\n\n",
]
WORD = st.sampled_from(["a", "中文", "x y", "App", "2"])
URL = st.sampled_from(["https://wiki.example.com/p/1", "http://a.b", "https://X.y/", "ftp://a"])
SHAPED = st.one_of(
    WORD,
    WORD.map(lambda w: f"**{w}**"),
    WORD.map(lambda w: f"`{w}`"),
    st.tuples(WORD, URL).map(lambda p: f"[{p[0]}]({p[1]})"),
    st.sampled_from([" ", "。", "(", ")", "，", "*", "**", "-", "> "]),
)
LINE = st.lists(SHAPED, min_size=1, max_size=6).map("".join)
# Tables: cells of the same pieces (digits and openers first too), delimiter rows of every
# alignment and some that are none, and now and then a row of a cell more or less.
CELL = st.lists(st.one_of(SHAPED, st.sampled_from(["1", "43%", "- a", "#", " ", ""])), max_size=3)
DELIMITER = st.sampled_from(["---", ":---", "---:", ":-:", " --- ", "-", ": -", "--- |", ""])


@st.composite
def tables(draw: st.DrawFn) -> str:
    width = draw(st.integers(1, 3))
    edge = draw(st.sampled_from(["|", "|", "|", "| ", "", " |"]))

    def row() -> str:
        size = width + draw(st.sampled_from([0, 0, 0, 0, 1, -1]))
        return f"{edge}{'|'.join(draw(CELL.map(''.join)) for _ in range(size))}|"

    delimiter = f"|{'|'.join(draw(DELIMITER) for _ in range(width))}|"
    return "\n".join([row(), delimiter, *(row() for _ in range(draw(st.integers(0, 3))))])


BLOCK = st.one_of(
    LINE,
    tables(),
    st.lists(LINE, min_size=1, max_size=3).map(lambda ls: "\n".join(f"- {x}" for x in ls)),
    st.lists(LINE, min_size=1, max_size=3).map(
        lambda ls: "\n".join(f"{i}. {x}" for i, x in enumerate(ls, start=1))
    ),
    LINE.map(lambda x: f"> {x}"),
)
SHAPED_TEXT = st.tuples(
    st.lists(BLOCK, min_size=1, max_size=4).map("\n\n".join), st.sampled_from(["", "\n"])
).map("".join)
RANDOM_TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def seen(node: Node) -> tuple[object, ...]:
    """Everything the Markdown writer reads of a node, its children's included."""
    return (
        node.type,
        node.content,
        node.attrs,
        node.markup,
        node.info,
        node.tag,
        node.hidden,
        [seen(child) for child in node.children],
    )


def agrees(md: str) -> bool:
    spared = _spared(md)
    if spared is not None:
        assert seen(spared) == seen(tree(md)), repr(md)
    assert seen(spared_tree(md)) == seen(tree(md)), repr(md)
    return spared is not None


@settings(max_examples=1500, derandomize=True, deadline=None, database=None)
@given(SHAPED_TEXT)
def test_shaped_text_gives_the_parsers_tree(md: str) -> None:
    agrees(md)


@settings(max_examples=1500, derandomize=True, deadline=None, database=None)
@given(RANDOM_TEXT)
def test_any_text_gives_the_parsers_tree(md: str) -> None:
    agrees(md)


def test_common_field_shapes_are_spared() -> None:
    spared = [
        "**库存池** 仓库人员导出订单。**风控引擎** 新用户 (`sku_id`)",
        "See [the wiki](https://wiki.example.com/p/1)**now** and `POST /orders`.",
        "Intro.\n\n- one **a**\n- two\n\n1. first\n2. second\n\n> A quote.\n",
        "x**a** **b**",
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
        "Intro.\n\n| 指标 | 现状 |\n| :--- | ---: |\n| `sku_id` | **43** % |\n|  | |\n",
    ]
    for md in spared:
        assert agrees(md), md
    parsed = [
        "**a****b**",  # one run of four asterisks
        "- a\n\n- b",  # one loose list
        "1. a\n3. b",
        "a\nb",
        "**a **",
        "[a](javascript:x)",
        "| a | b |\n| --- |\n| 1 | 2 |",  # no table: the delimiter row is short
        "| a |\n| --- |\n| 1 | 2 |",  # a cell more than the header (the parser drops it)
        "| a |\n| --- |\n2 |",
        "| a \\| b |\n| --- |",
        "a\u3000b",
        "1. a\n\n1. b",
    ]
    for md in parsed:
        assert _spared(md) is None, md
        agrees(md)


def test_a_run_of_text_is_text_or_a_space_at_every_code_point() -> None:
    # The one class spells out the spaces `\s` holds: a Unicode update would show here.
    run, either = re.compile(_SPARED_RUN), re.compile(f"(?:{_SPARED_TEXT}| )")
    differ = [
        hex(code)
        for code in range(0x110000)
        if bool(run.fullmatch(chr(code))) != bool(either.fullmatch(chr(code)))
    ]
    assert differ == []
