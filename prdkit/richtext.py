"""The one Markdown parser: CommonMark plus GFM tables and strikethrough, raw HTML off."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

__all__ = [
    "MD",
    "SAFE_SCHEMES",
    "Node",
    "parse",
    "plain_paragraph",
    "reached_nesting_limit",
    "safe_link",
    "token_stream",
    "tree",
]

# Raw HTML stays literal text (authors' <script> must never reach a reader); linkify stays
# off so bare text is never turned into links the author did not write.
MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])

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


# Text that parses to one paragraph of just itself needs no parser: most short fields.
# Markdown syntax, and every space but U+0020 and every control (the parser has its own
# rules for those; such text simply takes the parser's path).
_MARKUP = re.compile(r"[\\`*_\[\]<>#|~&!\x00-\x1f\x7f-\x9f]|(?! )\s")
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
