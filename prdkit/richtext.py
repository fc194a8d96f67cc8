"""The one Markdown parser: CommonMark plus GFM tables and strikethrough, raw HTML off."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

__all__ = [
    "MD",
    "SAFE_SCHEMES",
    "Node",
    "is_spared",
    "line_end_joins",
    "parse",
    "plain_paragraph",
    "reached_nesting_limit",
    "safe_link",
    "spared_tree",
    "token_stream",
    "tree",
    "visible_edge",
]

# Raw HTML stays literal text (authors' <script> must never reach a reader); linkify stays
# off so bare text is never turned into links the author did not write.
MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])

# The one tag read as what it means: a GFM table cell holds no line end, so authors write
# `<br>` (`<br/>`, `<br />`, any case) there, as GitHub lets them. Every other tag stays text.
# A run of them is read at once, with the spaces and line ends between and after them (`a<br>⏎b`
# is one break, as in GFM): one match however long the run.
_BR_TAG = re.compile(r"<br(?: ?/)?>", re.IGNORECASE)
_BR_RUN = re.compile(r"(?:<br(?: ?/)?>[ \t\n]*)+", re.IGNORECASE)


def _br_tag(state: StateInline, silent: bool) -> bool:
    """`<br>` tags as hard line breaks, read where the other inline rules read: so a code
    span (`` `<br>` ``) and an escape (`\\<br>`) keep them literal, as they keep any text."""
    src, end = state.src, state.posMax
    if src[state.pos] != "<":
        return False
    run = _BR_RUN.match(src, state.pos, end)
    if run is None:
        return False
    state.pos = run.end()
    if silent:
        return True
    state.pending = state.pending.rstrip(" ")  # as before a line end's hard break
    # Breaks that end their paragraph or cell break nothing, and no writer could keep them:
    # a Markdown hard break at a paragraph's end is a stray `\`.
    if run.end() < end:
        for _ in _BR_TAG.finditer(run[0]):
            state.push("hardbreak", "br", 0)
    return True


MD.inline.ruler.before("autolink", "br_tag", _br_tag)

# Chinese and Japanese characters and punctuation, full-width forms included.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Full-width punctuation, which carries its own space: "，" "。" "（" "：" "、".
_WIDE_PUNCTUATION = re.compile(
    r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)


def line_end_joins(before: str, after: str) -> bool:
    """Whether a line end inside a paragraph, between the characters `before` and `after`
    ("" at an edge), is nothing rather than a space: it is where the author's editor
    wrapped. Between two Chinese characters a kept line end shows as a stray space
    ("库存 扣减"); beside full-width punctuation as a second gap. Between Chinese and Latin
    text it stays a space ("中文 English"), as CSS and pandoc keep it."""
    if not before or not after:
        return False
    if _WIDE_PUNCTUATION.match(before) or _WIDE_PUNCTUATION.match(after):
        return True
    return _WIDE.match(before) is not None and _WIDE.match(after) is not None


def visible_edge(nodes: Sequence[Node], index: int, step: int) -> str:
    """The character a reader sees next to `nodes[index]` on the side of `step` (-1: before
    it), past emphasis and link marks and empty text; "" past a break, a picture or the
    end of `nodes`."""
    i = index + step
    while 0 <= i < len(nodes):
        node = nodes[i]
        if node.type in ("softbreak", "hardbreak", "image"):
            return ""
        if node.children:
            inner = visible_edge(node.children, len(node.children) if step < 0 else -1, step)
            if inner:
                return inner
        elif node.content:
            return node.content[-1] if step < 0 else node.content[0]
        i += step
    return ""


# An http(s) address of lower-case ASCII host labels and a path of unreserved characters is
# its own normal form (nothing to percent-encode, no host to punycode): most links in a PRD.
# markdown-it still parses and re-formats each one, a tenth of a field's parse.
_NORMAL_URL = re.compile(
    r"https?://(?=[^/]{1,253}(?:/|$))[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*(?:/[/A-Za-z0-9._~-]*)?"
)


def _normalize_link(url: str, _full: Callable[[str], str] = MD.normalizeLink) -> str:
    return url if _NORMAL_URL.fullmatch(url) else _full(url)


MD.normalizeLink = _normalize_link  # type: ignore[method-assign]

SAFE_SCHEMES: tuple[str, ...] = ("http", "https", "mailto")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# C0 controls, DEL and C1 controls: browsers drop them inside a URL, so "java\tscript:" must
# be read as "javascript:".
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# Quotes and list items are the containers whose inside the block parser reads again; it
# stops reading (and drops the rest of the text) once they are nested maxNesting deep.
_CONTAINERS = frozenset({"blockquote_open", "list_item_open"})
_NEWLINES = re.compile(r"\r\n?")
T = TypeVar("T")


# Only short texts are cached: the tree of a 99,000-character field holds tens of thousands
# of nodes (some 25 MB), and a cache of such trees grew past 2 GB.
_CACHED_UP_TO = 4_000


def parse(text: str) -> SyntaxTreeNode:
    """The syntax tree of `text`; short texts are cached and shared, so callers must not
    modify it.

    Text nested deeper than the parser follows would lose its innermost words, so such a
    field is kept whole instead: its tree is one code block holding the raw text.
    """
    return _short_cached(_cached, text, lambda t: SyntaxTreeNode(_tokens(t)))


def _short_cached(cached: Callable[[str], T], text: str, build: Callable[[str], T]) -> T:
    return cached(text) if len(text) <= _CACHED_UP_TO else build(text)


@lru_cache(maxsize=256)
def _cached(text: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(_tokens(text))


def _tokens(text: str) -> list[Token]:
    tokens = token_stream(text)
    return [_literal(text)] if reached_nesting_limit(tokens) else tokens


def token_stream(text: str) -> list[Token]:
    """`MD.parse(text)`, one-line paragraphs parsed without the block parser."""
    return _one_paragraph(text) if _ONE_LINE.fullmatch(text) else MD.parse(text)


# One line opening with none of the characters (nor the indent) that can start a block or a
# reference definition, and ending in no space: the block parser can only make it one
# paragraph of itself.
_ONE_LINE = re.compile(r"[^\s\-+*>#\[~`_=<|\\\d\x00][^\n\r\x00]*(?<=\S)")


def _one_paragraph(line: str) -> list[Token]:
    """`MD.parse(line)` for a line `_ONE_LINE` matches, without the block parser's fixed cost."""
    children = MD.parseInline(line)[0].children
    return [
        Token("paragraph_open", "p", 1, map=[0, 1], block=True),
        Token("inline", "", 0, map=[0, 1], level=1, children=children, content=line, block=True),
        Token("paragraph_close", "p", -1, block=True),
    ]


class Node:
    """A node of the syntax tree: its type, its token (the opening one of a container), its
    children, and its token's content."""

    # A lighter `SyntaxTreeNode`: built in one pass over the tokens, with no parent links and
    # no properties to compute, it costs a third as much to build and to walk.
    __slots__ = ("children", "content", "token", "type")

    def __init__(self, type: str, token: Token | None, children: list[Node]) -> None:
        self.type = type
        self.token = token
        self.children = children
        self.content = token.content if token is not None else ""

    @property
    def attrs(self) -> dict[str, str | int | float]:
        return self.token.attrs if self.token is not None else {}

    @property
    def markup(self) -> str:
        return self.token.markup if self.token is not None else ""

    @property
    def info(self) -> str:
        return self.token.info if self.token is not None else ""

    @property
    def tag(self) -> str:
        return self.token.tag if self.token is not None else ""

    @property
    def hidden(self) -> bool:
        return self.token.hidden if self.token is not None else False


def tree(text: str) -> Node:
    """The syntax tree of `text` as `Node`s (the root's type is "root"); as `parse`, short
    texts are cached and shared, and text nested too deep is one code block."""
    return _short_cached(_cached_tree, text, _tree)


@lru_cache(maxsize=256)
def _cached_tree(text: str) -> Node:
    return _tree(text)


def _tree(text: str) -> Node:
    root = Node("root", None, [])
    _nest(_tokens(text), root.children)
    return root


def _nest(tokens: list[Token], children: list[Node]) -> None:
    """`tokens` as nodes appended to `children`: a container holds what its tokens enclose."""
    # Iterative: inline markup nests up to INLINE_DEPTH, block containers to maxNesting.
    stack: list[list[Node]] = []
    todo: list[tuple[list[Token], list[Node]]] = []
    for token in tokens:
        nesting = token.nesting
        if nesting == 1:
            node = Node(token.type[:-5], token, [])  # `bullet_list_open` → `bullet_list`
            children.append(node)
            stack.append(children)
            children = node.children
        elif nesting == -1:
            children = stack.pop()
        else:
            node = Node(token.type, token, [])
            children.append(node)
            if token.children:
                todo.append((token.children, node.children))
    for inner, into in todo:
        _nest(inner, into)


# The writers' fields are mostly sentences with bold words, code spans and links,
# in paragraphs, one-line list items and one-line quotes. Their trees are built here from a
# few expressions, without the parser (a third of the Markdown render went into it); any
# other shape, or any character the grammar below does not allow, takes `tree`.
_SPARED_TEXT = r"[^\s\\`*_\[\]<>&~!\x00-\x1f\x7f-\x9f]"  # never inline syntax
# `_SPARED_TEXT` or U+0020 as one class (the spaces of `\s` other than the controls listed):
# an alternation tried at every character took a third of the time of building the tree.
_SPARED_RUN = (
    r"[^\\`*_\[\]<>&~!\x00-\x1f\x7f-\x9f"
    r"\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_SPARED_PIECE = re.compile(
    rf"(?P<text>{_SPARED_RUN}+)"
    rf"|\*\*(?P<strong>{_SPARED_TEXT}(?:{_SPARED_RUN}*{_SPARED_TEXT})?)\*\*"
    r"|`(?P<code>[^`\s](?:[^`\n]*[^`\s])?)`"
    rf"|\[(?P<label>{_SPARED_TEXT}(?:{_SPARED_RUN}*{_SPARED_TEXT})?)\]"
    rf"\((?P<href>{_NORMAL_URL.pattern})\)"
)
# What may open a paragraph, a list item or a quote without opening another block.
_SPARED_START = re.compile(r"[^\s\-+*>#\[~`_=<|\\\d]|\*\*\S|\[")
_OTHER_SPACE = re.compile(r"[^\S \n]")  # every space but U+0020 and line ends
_ORDERED = re.compile(r"(\d{1,3})\. ")


def spared_tree(text: str) -> Node:
    """`tree(text)` for texts of the plainest shapes, built without the parser; the tree is
    the parser's own for every text (the writers read it, never change it)."""
    root = _spared(text)
    return root if root is not None else tree(text)


def _spared(text: str) -> Node | None:
    body = text[:-1] if text.endswith("\n") else text
    if not body or _OTHER_SPACE.search(body):
        return None
    root = Node("root", None, [])
    previous = ""
    for block in body.split("\n\n"):
        kind, node = _spared_block(block)
        # A list after a blank line continues the list before it (and loosens it).
        if node is None or (kind == previous and kind.endswith("list")):
            return None
        root.children.append(node)
        previous = kind
    return root


def _spared_block(block: str) -> tuple[str, Node | None]:
    lines = block.split("\n")
    first = lines[0]
    if first.startswith("- "):
        items = [line[2:] if line.startswith("- ") else None for line in lines]
        return "bullet_list", _spared_list("bullet_list", items)
    if first.startswith("1. "):
        items = []
        for number, line in enumerate(lines, start=1):
            match = _ORDERED.match(line)
            items.append(line[match.end() :] if match and match[1] == str(number) else None)
        return "ordered_list", _spared_list("ordered_list", items)
    if first.startswith("|"):
        return "table", _spared_table(lines)
    if len(lines) != 1:
        return "", None
    if first.startswith("> "):
        paragraph = _spared_paragraph(first[2:], hidden=False)
        if paragraph is None:
            return "", None
        return "blockquote", Node("blockquote", _QUOTE, [paragraph])
    return "paragraph", _spared_paragraph(first, hidden=False)


def _spared_list(kind: str, items: list[str | None]) -> Node | None:
    children = []
    for number, item in enumerate(items, start=1):
        paragraph = _spared_paragraph(item, hidden=True) if item is not None else None
        if paragraph is None:
            return None
        token = _ordered_item(number) if kind == "ordered_list" else _BULLET_ITEM
        children.append(Node("list_item", token, [paragraph]))
    return Node(kind, _LISTS[kind], children)


# A GFM table of one line per row, every row opening and closing with `|`: the header, the
# delimiter row, then the body (the parser's table rule is the first it tries, and no other
# block opens with `|`). A body row with fewer or more cells than the header takes the parser.
_DELIMITER_ROW = re.compile(r"\|(?: *:?-+:? *\|)+")
_ALIGNS = {
    (False, False): "",
    (True, False): "left",
    (False, True): "right",
    (True, True): "center",
}


def _spared_table(lines: list[str]) -> Node | None:
    if len(lines) < 2 or not _DELIMITER_ROW.fullmatch(lines[1]):
        return None
    aligns = [
        _ALIGNS[cell.startswith(":"), cell.endswith(":")]
        for cell in (c.strip(" ") for c in lines[1][1:-1].split("|"))
    ]
    rows = []
    for number, line in enumerate([lines[0], *lines[2:]]):
        if not line.endswith("|") or not line.startswith("|") or len(line) < 2:
            return None
        cells = line[1:-1].split("|")
        if len(cells) != len(aligns):
            return None
        kind = "th" if number == 0 else "td"
        row = []
        for text, align in zip(cells, aligns, strict=True):
            inline = _spared_inline(text.strip(" "))
            if inline is None:
                return None
            row.append(Node(kind, _CELLS[kind, align], [inline]))
        rows.append(Node("tr", _ROW, row))
    parts = [Node("thead", _THEAD, rows[:1])]
    if len(rows) > 1:
        parts.append(Node("tbody", _TBODY, rows[1:]))
    return Node("table", _TABLE, parts)


def _spared_paragraph(line: str, *, hidden: bool) -> Node | None:
    if not _SPARED_START.match(line) or line.endswith(" "):
        return None
    inline = _spared_inline(line)
    if inline is None:
        return None
    return Node("paragraph", _TIGHT_PARAGRAPH if hidden else _PARAGRAPH, [inline])


def _spared_inline(line: str) -> Node | None:
    """The inline node of `line` (a paragraph's or a table cell's text), or None when it holds
    more than the grammar's pieces."""
    pieces: list[Node] = []
    end = 0
    for match in _SPARED_PIECE.finditer(line):
        if match.start() != end:
            return None
        end = match.end()
        kind = match.lastgroup
        if kind == "text":
            pieces.append(_leaf("text", None, match[0]))
        elif kind == "code":
            if line.startswith("`", end):  # `a``b` is one span of `a``b`
                return None
            pieces.append(_leaf("code_inline", _CODE, match[0][1:-1]))
        elif kind == "strong":
            inner = match["strong"]
            # `**a****b**` is one run of four, not two bold words.
            if not (_flanks(inner[0]) and _flanks(inner[-1])) or line.startswith("*", end):
                return None
            pieces.append(Node("strong", _STRONG, [_leaf("text", None, inner)]))
        else:
            # The lookahead bounding the host reads to the line's end here, not the URL's.
            if not _NORMAL_URL.fullmatch(match["href"]):
                return None
            token = Token("link_open", "a", 1, attrs={"href": match["href"]})
            pieces.append(Node("link", token, [_leaf("text", None, match["label"])]))
    if end != len(line):
        return None
    inline = _leaf("inline", _SPARED_INLINE, line)
    inline.children = _with_empty_texts(pieces)
    return inline


def is_spared(inline: Node) -> bool:
    """Whether `inline` (an inline node) was built by `spared_tree`: its children are texts,
    bold texts, code spans and links (to normal http(s) URLs) of one text, nothing else."""
    return inline.token is _SPARED_INLINE


def _with_empty_texts(pieces: list[Node]) -> list[Node]:
    """`pieces` with the parser's empty texts: each `*` of a run is a text token until the
    runs pair up, and the ones left beside a strong stay unless a text next to it absorbs them."""
    out: list[Node] = []
    after_strong = False
    for piece in pieces:
        is_text = piece.type == "text"
        if (after_strong and not is_text) or (
            piece.type == "strong" and not after_strong and (not out or out[-1].type != "text")
        ):
            out.append(_leaf("text", None, ""))
        out.append(piece)
        after_strong = piece.type == "strong"
    if after_strong:
        out.append(_leaf("text", None, ""))
    return out


# Tokens that differ only in their content are shared, the content kept on the node (the
# only place the writer reads it): a token costs more to make than the node holding it. A
# text's token and an inline's hold nothing else, so those nodes have none.
_STRONG = Token("strong_open", "strong", 1, markup="**")
# Marks the inline runs built here, so a writer may take a shorter path for them: what an
# inline token holds besides its content and children is empty, as in this one.
_SPARED_INLINE = Token("inline", "", 0)
_CODE = Token("code_inline", "code", 0, markup="`")
_PARAGRAPH = Token("paragraph_open", "p", 1, block=True)
_TIGHT_PARAGRAPH = Token("paragraph_open", "p", 1, block=True, hidden=True)
_QUOTE = Token("blockquote_open", "blockquote", 1, markup=">", block=True)
_BULLET_ITEM = Token("list_item_open", "li", 1, markup="-", block=True)
_LISTS = {
    "bullet_list": Token("bullet_list_open", "ul", 1, markup="-", block=True),
    "ordered_list": Token("ordered_list_open", "ol", 1, markup=".", block=True),
}

_TABLE = Token("table_open", "table", 1, block=True)
_THEAD = Token("thead_open", "thead", 1, block=True)
_TBODY = Token("tbody_open", "tbody", 1, block=True)
_ROW = Token("tr_open", "tr", 1, block=True)
_CELLS = {
    (kind, align): Token(
        f"{kind}_open", kind, 1, attrs={"style": f"text-align:{align}"} if align else {}, block=True
    )
    for kind in ("th", "td")
    for align in _ALIGNS.values()
}


@lru_cache(maxsize=64)
def _ordered_item(number: int) -> Token:
    return Token("list_item_open", "li", 1, markup=".", info=str(number), block=True)


def _leaf(kind: str, token: Token | None, content: str) -> Node:
    node = Node(kind, token, [])
    node.content = content
    return node


def _flanks(char: str) -> bool:
    """Whether `char` beside `**` inside it makes the run open (or close) whatever stands
    outside it: neither space nor punctuation (`isPunctChar` counts symbols too)."""
    return not unicodedata.category(char).startswith(("P", "S", "Z"))


# Text that parses to one paragraph of just itself needs no parser: most short fields.
# Markdown syntax, and every space but U+0020 and every control (the parser has its own
# rules for those; such text simply takes the parser's path).
# Every whitespace character but U+0020 (what `[^\S ]` matches) is listed in the one class:
# an alternation tried at every character took five times as long on a field of prose.
_NOT_SPACE_BLANKS = "\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_MARKUP = re.compile(f"[\\\\`*_\\[\\]<>#|~&!\x00-\x1f\x7f-\x9f{_NOT_SPACE_BLANKS}]")
_LEADING = re.compile(r"\s|[-+=>]|\d{1,9}[.)]")


def plain_paragraph(text: str) -> str | None:
    """`text` without its final spaces when it parses to one paragraph of just that, else None."""
    if _LEADING.match(text) or _MARKUP.search(text):
        return None
    stripped = text.rstrip(" ")
    return stripped or None


def reached_nesting_limit(tokens: list[Token]) -> bool:
    """`True` when the parser skipped text nested too deep, or inline markup nests too deep."""
    # The parser reads nothing inside a container opened at level maxNesting - 1 or deeper,
    # so one pass over the tokens tells whether any text was skipped.
    deepest = MD.options.maxNesting - 1
    if any(t.level >= deepest and t.type in _CONTAINERS for t in tokens):
        return True
    # Inline markup has no such limit: `*a *b … x … b* a*` a few hundred deep would make
    # every recursive walk of the tree (its own construction first) overflow the stack.
    return any(_inline_depth(t.children) > INLINE_DEPTH for t in tokens if t.children)


INLINE_DEPTH = 32  # levels of emphasis, links and strikethrough inside one another


def _inline_depth(children: list[Token]) -> int:
    depth = deepest = 0
    for child in children:
        depth += child.nesting
        deepest = max(deepest, depth)
    return deepest


def _literal(text: str) -> Token:
    """A code block of `text`, line endings and NULs normalised as the parser does."""
    content = _NEWLINES.sub("\n", text).replace("\x00", "\ufffd").rstrip("\n")
    lines = [0, content.count("\n") + 1]
    return Token("code_block", "code", 0, map=lines, content=content + "\n", block=True)


def safe_link(url: str) -> str | None:
    """`url`, trimmed and without control characters, if its scheme is safe; else None.

    Relative links, `#anchors` and protocol-relative `//host` links have no scheme and
    also give None: a rendered document has no base to resolve them against.
    """
    cleaned = _CONTROLS.sub("", url).strip()
    match = _SCHEME.match(cleaned)
    if match is None or match.group(1).lower() not in SAFE_SCHEMES:
        return None
    return cleaned
