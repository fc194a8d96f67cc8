"""The state of one HTML render: the outline (ids that match the Markdown's anchors), the
Markdown-field renderer, and the cell renderers."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from prdkit.headnumbers import HeadingCounter
from prdkit.images.pictures import NO_PICTURES, Pictures
from prdkit.layout.cells import (
    Cell,
    Code,
    Date,
    Enum,
    Id,
    Link,
    Many,
    Markdown,
    Number,
    Ref,
    Text,
)
from prdkit.writers.html.pictures import PagePictures
from prdkit.writers.html.richtext import FieldRenderer, with_addresses
from prdkit.writers.markdown.anchors import Outline

__all__ = ["Context", "element_id"]

# A reference, resolved once every anchor's element is known (references may point ahead).
# NUL never reaches the page from the document: the loader refuses it in every value.
_REF = re.compile(r"\x00ref:([^\x00\x01]*)\x01([^\x00]*)\x00")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def element_id(anchor: str) -> str:
    """The HTML id of a layer anchor placed by a table cell (`item:REQ-1` → `item-REQ-1`)."""
    return _UNSAFE_ID.sub("-", anchor)


class Context:
    """Where one page's HTML is collected, in document order."""

    def __init__(
        self,
        lang: str,
        punct: dict[str, str],
        source_dir: Path | None,
        pictures: Pictures = NO_PICTURES,
        shared: bool = True,
        numbered: bool = False,
    ) -> None:
        self.lang = lang
        # Numbers as Word's (1 / 1.1, 一、/（一）), so a reviewer holding the Word file and one
        # holding the PDF cite the same section; ids stay those of the unnumbered text.
        self.numbers = HeadingCounter(lang) if numbered else None
        self.punct = punct
        # Pictures the checks read are embedded from those very bytes, each once when
        # `shared` (see `pictures`).
        self.pictures = PagePictures(pictures, source_dir, shared)
        self.outline = Outline()
        self.parts: list[str] = []
        self.targets: dict[str, str] = {}  # layer anchor → HTML id of the element showing it
        self.toc: list[tuple[int, str, str]] = []  # (level, text, id)
        self.fields = FieldRenderer(
            embed=self.pictures.show,
            slug=lambda level, text: self.outline.add(level, text, toc=False),
        )

    def add(self, html: str) -> None:
        """Append a piece of the page."""
        if html:
            self.parts.append(html)

    def heading(
        self, level: int, text: str, anchor: str | None, toc: bool, item: str | None = None
    ) -> None:
        """A heading of the document's outline; its id is the anchor GitHub gives it. An
        item's id before its title is set apart, so the title alone gives the direction."""
        text = " ".join(text.split())
        shown = escape(text)
        if item and text.startswith(item + " "):
            shown = f'<span dir="ltr">{escape(item)}</span>{escape(text[len(item) :])}'
        ident = self.outline.add(level, text, item_id=anchor, toc=toc)
        if anchor is not None:
            self.targets.setdefault(anchor, ident)
        # Numbered as the Markdown writer numbers them when asked: its `##` is Word's level 1.
        number = self.numbers.next(level - 1) if self.numbers and toc and level >= 2 else ""
        if number:
            shown = f'<span class="num">{escape(number)}</span>{shown}'
        if toc and level in (2, 3):
            self.toc.append((level, number + text, ident))
        tag = f"h{min(level, 6)}"
        self.add(f'<{tag} id="{escape(ident)}" dir="auto">{shown}</{tag}>')

    def label(self, text: str) -> str:
        """A field label with the language's colon."""
        return escape(text + self.punct["colon"].rstrip())

    # -- cells ---------------------------------------------------------------------------
    def cell(self, cell: Cell) -> str:
        """The HTML of one cell (empty for None)."""
        if cell is None:
            return ""
        return CELLS[type(cell)](self, cell)

    def resolve(self, html: str) -> str:
        """`html` with each reference made a link to the element that shows the item."""

        def link(match: re.Match[str]) -> str:
            target = self.targets.get(match[1])
            text = escape(match[2])
            return f'<a href="#{escape(target)}">{text}</a>' if target else text

        return _REF.sub(link, html)


def _plain(text: str) -> str:
    # A web address may break anywhere (see `with_addresses`), as in a Markdown field.
    return with_addresses(text).replace("\r\n", "\n").replace("\n", "<br>")


def _text(ctx: Context, cell: Text) -> str:
    html = _plain(cell.text)
    if cell.strong and html:
        html = f"<strong>{html}</strong>"
    if cell.tone and html:
        html = f'<span class="tone-{cell.tone}">{html}</span>'
    return html


def _markdown(ctx: Context, cell: Markdown) -> str:
    return ctx.fields.inline_field(cell.source) if cell.source.strip() else ""


def _ref(ctx: Context, cell: Ref) -> str:
    marker = f"\x00ref:{cell.anchor or ''}\x01{cell.id}\x00"
    if cell.named and cell.name:
        return f"{_plain(cell.name)}{escape(ctx.punct['open'])}{marker}{escape(ctx.punct['close'])}"
    return marker


def _id(ctx: Context, cell: Id) -> str:
    if cell.anchor is None:
        return f"<code>{escape(cell.id)}</code>"
    ident = element_id(cell.anchor)
    ctx.targets.setdefault(cell.anchor, ident)
    return f'<code id="{escape(ident)}">{escape(cell.id)}</code>'


def _enum(ctx: Context, cell: Enum) -> str:
    if cell.tone is None:
        return escape(cell.label)
    return f'<span class="chip tone-{cell.tone}">{escape(cell.label)}</span>'


def _number(ctx: Context, cell: Number) -> str:
    return f'<span class="number">{_plain(cell.text)}</span>'


def _date(ctx: Context, cell: Date) -> str:
    return f"<time>{escape(cell.text)}</time>"


def _link(ctx: Context, cell: Link) -> str:
    if cell.url is None:
        shown = _plain(cell.text)
        if cell.address and cell.address != cell.text:
            shown += f" <code>{escape(cell.address)}</code>"
        return shown
    return f'<a href="{escape(cell.url)}" rel="noopener noreferrer">{_plain(cell.text)}</a>'


def _code(ctx: Context, cell: Code) -> str:
    return f"<code>{escape(cell.text)}</code>"


def _many(ctx: Context, cell: Many) -> str:
    parts = [ctx.cell(item) for item in cell.items]
    parts = [p for p in parts if p]
    if cell.layout == "bullets":
        return "<ul>" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>" if parts else ""
    if cell.layout == "lines":
        return "<br>".join(parts)
    return escape(cell.separator).join(parts)


CELLS: dict[type, Callable[[Context, object], str]] = {
    Text: _text,
    Markdown: _markdown,
    Ref: _ref,
    Id: _id,
    Enum: _enum,
    Number: _number,
    Date: _date,
    Link: _link,
    Code: _code,
    Many: _many,
}  # type: ignore[dict-item]
