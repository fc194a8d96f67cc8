"""The one Markdown parser: CommonMark plus GFM tables and strikethrough, raw HTML off."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

__all__ = ["MD", "SAFE_SCHEMES", "parse", "safe_link"]

# Raw HTML stays literal text (authors' <script> must never reach a reader); linkify stays
# off so bare text is never turned into links the author did not write.
MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])

SAFE_SCHEMES: tuple[str, ...] = ("http", "https", "mailto")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# C0 controls, DEL and C1 controls: browsers drop them inside a URL, so "java\tscript:" must
# be read as "javascript:".
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@lru_cache(maxsize=4096)
def parse(text: str) -> SyntaxTreeNode:
    """The syntax tree of `text`; cached and shared, so callers must not modify it."""
    return SyntaxTreeNode(MD.parse(text))


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
