"""Markdown fields as HTML, rendered from markdown-it's token stream.

The token stream is flat, so a field nested a thousand levels deep renders without
recursion. Raw HTML was never parsed as HTML (the parser has it off), every text is
escaped by the renderer, links keep only http, https and mailto targets (others keep their
words and lose the link), headings sit below the heading the field is under, and pictures
are embedded by the page (`http(s)` pictures are never fetched: they become links).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from html import escape
from typing import Any

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from prdkit.richtext import (
    MD,
    line_end_joins,
    reached_nesting_limit,
    safe_link,
    token_stream,
)

__all__ = ["WEB_ADDRESS", "FieldRenderer", "with_addresses"]

# A web address written as plain text: printable ASCII from the scheme (or "www.") to the
# first space or character outside ASCII (the "，" or "）" of the sentence it is in).
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[!-~]+", re.IGNORECASE)

# Headings: a field's `#` becomes the level below its section's; HTML stops at h6.
MAX_LEVEL = 6
# Blocks of the author's text: each takes its direction from its own first strong letter,
# so a paragraph in Arabic or Hebrew reads right to left inside a left-to-right page.
DIR_AUTO = frozenset({"p", "li", "blockquote", "td", "th"})
_WORDS = frozenset({"text", "code_inline"})
_BREAKS = frozenset({"softbreak", "hardbreak"})

# (path, alt, title) → the HTML showing the picture, or None when it is not embeddable
Embed = Callable[[str, str, str | None], str | None]
Slug = Callable[[int, str], str]  # (level, heading text) → the heading's id


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    tokens = token_stream(text)
    if reached_nesting_limit(tokens):
        # Text nested past the parser's limit would lose its innermost words: keep it whole.
        return (Token("code_block", "code", 0, content=text.replace("\x00", "\ufffd") + "\n"),)
    return tuple(tokens)


def with_addresses(text: str, quote: Callable[[str], str] = escape) -> str:
    """`text` escaped by `quote`, each web address in it in a `span.url`: the stylesheet
    lets one break anywhere, so a long address is not one unbreakable word that widens its
    table column past the page (overflow-wrap: break-word is not counted in a column's
    least width, so the whole address was)."""
    if "://" not in text and "www." not in text.lower():
        return quote(text)
    out: list[str] = []
    end = 0
    for found in WEB_ADDRESS.finditer(text):
        out.append(quote(text[end : found.start()]))
        out.append(f'<span class="url">{quote(found.group())}</span>')
        end = found.end()
    out.append(quote(text[end:]))
    return "".join(out)


class FieldRenderer(RendererHTML):
    """Renders one document's Markdown fields; `embed` and `slug` come from the page."""

    def __init__(self, embed: Embed, slug: Slug) -> None:
        super().__init__()
        self._embed = embed
        self._slug = slug

    def field(self, text: str, level: int) -> str:
        """The HTML of a Markdown field under a heading of `level` (1 = a section)."""
        env: dict[str, Any] = {"base": level, "skipped_links": []}
        return self.render(list(_tokens(text)), MD.options, env)

    def inline_field(self, text: str) -> str:
        """A field that is one paragraph, without the paragraph tags (a table cell)."""
        tokens = _tokens(text)
        if len(tokens) == 3 and tokens[0].type == "paragraph_open":
            env: dict[str, Any] = {"base": 6, "skipped_links": []}
            return self.renderInline(tokens[1].children or [], MD.options, env)
        return self.field(text, 6)

    def renderToken(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        html = super().renderToken(tokens, idx, options, env)
        token = tokens[idx]
        if token.nesting == 1 and token.tag in DIR_AUTO and html.startswith("<" + token.tag):
            return f'<{token.tag} dir="auto"{html[len(token.tag) + 1 :]}'
        return html

    # -- rules: markdown-it calls `self.<token type>` when such a method exists ------------
    def heading_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        token = tokens[idx]
        level = min(MAX_LEVEL, int(token.tag[1]) + env["base"])
        inline = tokens[idx + 1]
        # The text the Markdown writer builds the heading's anchor from (`visible_text`): a
        # line break in it (`标题<br>副标题`) is a space there, so it is one here.
        text = "".join(
            c.content if c.type in _WORDS else " "
            for c in inline.children or ()
            if c.type in _WORDS or c.type in _BREAKS
        )
        env.setdefault("levels", []).append(level)
        return f'<h{level} id="{escape(self._slug(level, text))}" dir="auto">'

    def heading_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        return f"</h{env['levels'].pop()}>\n"

    def ordered_list_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        html = self.renderToken(tokens, idx, options, env)
        start = tokens[idx].attrs.get("start")
        if isinstance(start, int) and start != 1:
            # WeasyPrint numbers from 1 whatever `start` says: "3. 第三步" printed as "1.". The
            # list-item counter it does follow is set to count on from the author's number.
            html = f'<ol style="counter-reset: list-item {start - 1}"{html[3:]}'
        return html

    def link_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        href = safe_link(str(tokens[idx].attrGet("href") or ""))
        env["skipped_links"].append(href is None)
        if href is None:
            return ""
        return f'<a href="{escape(href)}" rel="noopener noreferrer">'

    def link_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        skipped = env["skipped_links"].pop() if env["skipped_links"] else True
        return "" if skipped else "</a>"

    def image(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        token = tokens[idx]
        alt = self.renderInlineAsText(token.children or [], options, env)
        src = str(token.attrGet("src") or "")
        remote = safe_link(src)
        if remote is not None and not remote.lower().startswith("mailto:"):
            shown = escape(alt or remote)
            return f'<a href="{escape(remote)}" rel="noopener noreferrer">{shown}</a>'
        title = token.attrGet("title")
        shown = self._embed(src, alt, str(title) if title else None)
        if shown is None:
            return f'<span class="missing-image">{escape(alt or src)}</span>'
        return shown

    def text(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        # markdown-it's own escaping (it leaves ' as it is), so text without an address
        # renders as it always did.
        return with_addresses(tokens[idx].content, escapeHtml)

    def softbreak(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        # A line the author wrapped beside a Chinese character: browsers draw the line end
        # as a space between two characters ("配置， 库存"), so the lines are joined.
        if line_end_joins(_beside(tokens, idx, -1), _beside(tokens, idx, 1)):
            return ""
        return "\n"

    def table_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        return '<div class="table-wrap"><table>\n'

    def table_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: dict[str, Any]
    ) -> str:
        return "</table></div>\n"


def _beside(tokens: Sequence[Token], idx: int, step: int) -> str:
    """The character written next to inline token `idx` on the side of `step` (-1: before),
    past the marks of emphasis and links; "" past a break, a picture or the paragraph's end."""
    idx += step
    while 0 <= idx < len(tokens):
        token = tokens[idx]
        if token.type in ("text", "code_inline"):
            if token.content:
                return token.content[-1] if step < 0 else token.content[0]
        elif token.type in ("softbreak", "hardbreak", "image"):
            return ""
        idx += step
    return ""
