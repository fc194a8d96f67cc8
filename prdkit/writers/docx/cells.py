"""Cells of the document layer as Word runs: one small function per cell kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree

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
from prdkit.writers.docx.oxml import PLAIN, ZWSP, Look
from prdkit.writers.docx.palette import RED
from prdkit.writers.docx.richtext import words
from prdkit.writers.docx.tables import Keyed

if TYPE_CHECKING:
    from prdkit.writers.docx.builder import Builder

__all__ = ["LOOKS", "fill", "filler", "text_of"]

# How plain text of each tone reads (badges are for enum values).
LOOKS: dict[str | None, Look] = {
    None: PLAIN,
    "good": Look(bold=True, color="1E6B34"),
    "bad": Look(italic=True, color=RED[0]),
    "gap": Look(bold=True, color=RED[0]),
    "warn": Look(bold=True, color="8A5300"),
    "info": Look(color="1F5F99"),
    "muted": Look(color="595959"),
}


def fill(b: Builder, para: etree._Element, cell: Cell, look: Look = PLAIN) -> None:
    """Append the runs of `cell` to `para` (nothing for None)."""
    if cell is not None:
        CELLS[type(cell)](b, para, cell, look)


def filler(b: Builder, cell: Cell, look: Look = PLAIN) -> Keyed:
    """A function filling a paragraph with `cell` (what a table cell takes)."""
    return _Filler(b, cell, look)


class _Filler(Keyed):
    # Cells are frozen values and looks constants: a cell and a look decide all that is
    # written (the render's labels and anchors are the same throughout), but for an id's
    # bookmark, made once for the place of its item.
    __slots__ = ("b", "cell", "key", "look")

    def __init__(self, b: Builder, cell: Cell, look: Look) -> None:
        self.b, self.cell, self.look = b, cell, look
        self.key = None if _places(cell) else (cell, look)

    def __call__(self, para: etree._Element) -> None:
        fill(self.b, para, self.cell, self.look)


def _places(cell: Cell) -> bool:
    """Whether filling `cell` may place an anchor (an item's id in its row)."""
    if isinstance(cell, Many):
        return any(_places(item) for item in cell.items)
    return isinstance(cell, Id)


def text_of(cell: Cell, punct: dict[str, str]) -> str:
    """The visible text of `cell` on one line, as a header needs it."""
    if cell is None:
        return ""
    if isinstance(cell, Many):
        return cell.separator.join(text_of(c, punct) for c in cell.items)
    if isinstance(cell, Ref):
        if cell.named and cell.name:
            return f"{cell.name}{punct['open']}{cell.id}{punct['close']}"
        return cell.id
    if isinstance(cell, Markdown):
        return words(cell.source)
    if isinstance(cell, Enum):
        return cell.label
    return getattr(cell, "text", "") or getattr(cell, "id", "")


def _text(b: Builder, para: etree._Element, cell: Text, look: Look) -> None:
    changes = _changes(LOOKS.get(cell.tone, PLAIN))
    if cell.strong:
        changes["bold"] = True
    text = cell.text
    if "、" in text:  # a long list of ids made one text (see `Layout.listed`), or prose
        text = _AFTER_COMMA.sub("、" + ZWSP, text)
    b.run(para, text, b.style_of(para), look.but(**changes) if changes else look)


# A line may break after 、 before a Latin word, as between the items of a `Many` (see
# `_breakable`): LibreOffice finds no break there and splits the id that follows instead.
_AFTER_COMMA = re.compile("、(?=[A-Za-z0-9])")


def _changes(look: Look) -> dict[str, object]:
    return {
        name: getattr(look, name) for name in ("bold", "color", "italic") if getattr(look, name)
    }


def _markdown(b: Builder, para: etree._Element, cell: Markdown, look: Look) -> None:
    # Markdown inside a run of text (a fact, a list line) keeps its words, not its blocks.
    b.run(para, words(cell.source), b.style_of(para), look)


def _ref(b: Builder, para: etree._Element, cell: Ref, look: Look) -> None:
    style = b.style_of(para)
    if cell.named and cell.name:
        b.run(para, f"{cell.name}{b.punct['open']}", style, look)
        b.ref(para, cell.id, cell.anchor, look)
        b.run(para, b.punct["close"], style, look)
    else:
        b.ref(para, cell.id, cell.anchor, look)


def _id(b: Builder, para: etree._Element, cell: Id, look: Look) -> None:
    b.item_id(para, cell.id, b.style_of(para), look)
    if cell.anchor is not None:
        b.place(para, cell.anchor)


def _enum(b: Builder, para: etree._Element, cell: Enum, look: Look) -> None:
    if cell.tone is None:
        b.run(para, cell.label, b.style_of(para), look)
    else:
        b.badge(para, cell.label, cell.tone)


def _plain(b: Builder, para: etree._Element, cell: Number | Date, look: Look) -> None:
    b.run(para, cell.text, b.style_of(para), look)


def _link(b: Builder, para: etree._Element, cell: Link, look: Look) -> None:
    if cell.url is None:
        b.run(para, cell.text, b.style_of(para), look)
        return
    link = b.hyperlink(para, cell.url)
    b.run(link, cell.text, b.style_of(para), look.but(style=b.link_style))


def _code(b: Builder, para: etree._Element, cell: Code, look: Look) -> None:
    b.run(para, cell.text, b.style_of(para), look.but(code=True))


def _many(b: Builder, para: etree._Element, cell: Many, look: Look) -> None:
    style = b.style_of(para)
    for index, item in enumerate(cell.items):
        if cell.layout == "inline":
            if index:
                b.run(para, _breakable(cell.separator), style, look)
        elif index:
            b.run(para, "\n", style, look)
        if cell.layout == "bullets":
            b.run(para, "• ", style, look)
        fill(b, para, item, look)


def _breakable(separator: str) -> str:
    """`separator` with a line break allowed after it (a zero-width space) when it has no
    space of its own: LibreOffice finds no break between `、` and a Latin id (F-03、F-07) and
    splits the id at its hyphen instead, word joiners or not."""
    return separator if not separator or separator[-1].isspace() else separator + ZWSP


CELLS: dict[type, Callable[[Builder, etree._Element, object, Look], None]] = {
    Text: _text,
    Markdown: _markdown,
    Ref: _ref,
    Id: _id,
    Enum: _enum,
    Number: _plain,
    Date: _plain,
    Link: _link,
    Code: _code,
    Many: _many,
}  # type: ignore[dict-item]
