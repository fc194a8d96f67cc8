"""The state of one Markdown render: outline, output blocks, and the cell renderers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

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
from prdkit.writers.markdown.anchors import Outline
from prdkit.writers.markdown.blocks import Fields
from prdkit.writers.markdown.inline import BR
from prdkit.writers.markdown.text import (
    code_span,
    escape,
    heading_end,
    heading_text,
    inline_plain,
    url_destination,
)

__all__ = ["Context"]

# A reference, resolved to a link once every heading's anchor is known. NUL never reaches
# the output from the document: escapes turn it into U+FFFD, as CommonMark does.
_REF = re.compile(r"\x00ref:([^\x00\x01]*)\x01([^\x00]*)\x00")
Lines = list[str]


class Context:
    """Where blocks are appended in document order, with the language's punctuation."""

    def __init__(
        self, punct: dict[str, str], pictures: Pictures = NO_PICTURES, numbered: str | None = None
    ) -> None:
        # Numbers (in the manner of language `numbered`) become part of the heading text, so
        # GitHub's anchors are made from them too.
        self.numbers = HeadingCounter(numbered) if numbered else None
        self.outline = Outline()
        self.pictures = pictures
        self.fields = Fields(self.outline, pictures)
        self.blocks: list[Lines] = []
        self.punct = punct
        self._labels: dict[str, tuple[str, str]] = {}  # a document's few labels, each once

    # -- output --------------------------------------------------------------------------
    def add(self, lines: Lines) -> None:
        """Append one block (separated from its neighbours by a blank line)."""
        if lines:
            self.blocks.append(list(lines))

    def heading(
        self, level: int, text: str, *, anchor: str | None = None, toc: bool = True
    ) -> None:
        """A heading of the document's own outline; `toc` lists it in the table of contents.

        With heading numbers, outline headings below the title are numbered (## is level 1).
        """
        text = heading_text(text)
        if self.numbers is not None and toc and level >= 2:
            text = self.numbers.next(level - 1) + text
        self.outline.add(level, text, item_id=anchor, toc=toc)
        self.add([f"{'#' * level} {heading_end(escape(text))}"])

    def label(self, text: str) -> str:
        """`**Label:**`, or `**标签**：` where the language's colon is full-width: bold cannot
        close after `：` when text follows, and `**标签：** ` showed the colon's gap and a
        space's."""
        return self._label(text)[0]

    def lead(self, text: str) -> str:
        """`label(text)` as it leads a value on its line: `**Label:** ` or `**标签**：`."""
        return self._label(text)[1]

    def _label(self, text: str) -> tuple[str, str]:
        written = self._labels.get(text)
        if written is None:
            colon, bold = self.punct["colon"], escape(text)
            if colon.endswith(" "):  # "Label: value"
                alone = f"**{bold}{colon.rstrip()}**"
                written = (alone, alone + " ")
            else:
                written = (f"**{bold}**{colon}",) * 2
            self._labels[text] = written
        return written

    def md_list(self, items: Sequence[str], level: int, *, ordered: bool = False) -> None:
        """Markdown fields as the items of one list (items that render to nothing are skipped)."""
        rendered: list[Lines] = []
        for md in items:
            body = self.fields.item(md, level) if md else []
            if not body:
                continue
            marker = f"{len(rendered) + 1}. " if ordered else "- "
            pad = " " * len(marker)
            first = (marker + body[0]).rstrip()
            rendered.append([first] + [pad + line if line else "" for line in body[1:]])
        loose = any("" in item for item in rendered)
        out: Lines = []
        for item in rendered:
            if out and loose:
                out.append("")
            out.extend(item)
        self.add(out)

    # -- cells ---------------------------------------------------------------------------
    def cell(self, cell: Cell) -> str:
        """`cell` on one line (a table cell, a fact's value): `|` escaped, hard breaks as `<br>`."""
        if cell is None:
            return ""
        return CELLS[type(cell)](self, cell)

    def line_item(self, cell: Cell) -> str:
        """`cell` opening a list item, where `1.` or `-` would start a block."""
        if isinstance(cell, Text):
            return inline_plain(cell.text, separator=BR, line_start=True)
        return self.cell(cell)

    def piece(self, cell: Cell) -> str:
        """`cell` as a piece of a running line: texts keep their edge spaces."""
        if isinstance(cell, Text):
            return escape(cell.text)
        return self.cell(cell)

    # -- assembling ----------------------------------------------------------------------
    def resolve(self, text: str) -> str:
        """`text` with every reference replaced by a link to its heading (or the escaped id)."""
        anchors = {h.item_id: h.anchor for h in self.outline.headings if h.item_id}
        written: dict[str, str] = {}  # a reference repeats in every row naming its item

        def link(match: re.Match[str]) -> str:
            done = written.get(match[0])
            if done is None:
                item_id = match[2]
                anchor = anchors.get(match[1])
                done = f"[{escape(item_id)}](#{anchor})" if anchor else escape(item_id)
                written[match[0]] = done
            return done

        # NUL marks references only (see `_REF`): split on it, each odd part is one.
        parts = text.split("\x00")
        for i in range(1, len(parts), 2):
            body = parts[i]
            if not body.startswith("ref:") or "\x01" not in body or i == len(parts) - 1:
                return _REF.sub(link, text)  # not the writer's own marks: read them as such
            done = written.get(body)
            if done is None:
                anchor, _, item_id = body[4:].partition("\x01")
                target = anchors.get(anchor)
                done = f"[{escape(item_id)}](#{target})" if target else escape(item_id)
                written[body] = done
            parts[i] = done
        return "".join(parts)


def _plain(text: str) -> str:
    # Names, ids, dates and numbers recur across a document's tables: each is written once.
    return _cached_plain(text) if len(text) <= _CACHED_UP_TO else _written(text)


def _written(text: str) -> str:
    return inline_plain(text, separator=BR) if text else ""


_CACHED_UP_TO = 200
_cached_plain = lru_cache(maxsize=1 << 12)(_written)


def _text(ctx: Context, cell: Text) -> str:
    text = _plain(cell.text)
    return f"**{text}**" if cell.strong and text else text


def _markdown(ctx: Context, cell: Markdown) -> str:
    return ctx.fields.cell(cell.source) if cell.source else ""


def _ref(ctx: Context, cell: Ref) -> str:
    marker = f"\x00ref:{cell.anchor or ''}\x01{cell.id}\x00"
    if cell.named and cell.name:
        return f"{_plain(cell.name)}{ctx.punct['open']}{marker}{ctx.punct['close']}"
    return marker


def _id(ctx: Context, cell: Id) -> str:
    return _plain(cell.id)


def _enum(ctx: Context, cell: Enum) -> str:
    return escape(cell.label)


def _number(ctx: Context, cell: Number) -> str:
    return _plain(cell.text)


def _date(ctx: Context, cell: Date) -> str:
    return _plain(cell.text)


def _link(ctx: Context, cell: Link) -> str:
    if cell.url is None:
        return _plain(cell.text)
    text = inline_plain(cell.text, separator=BR, autolink=False)
    return f"[{text}]({url_destination(cell.url)})"


def _code(ctx: Context, cell: Code) -> str:
    return code_span(cell.text, in_table=True)


def _many(ctx: Context, cell: Many) -> str:
    parts = [ctx.cell(item) for item in cell.items]
    if cell.layout == "bullets":
        return BR.join(f"• {part}" for part in parts)
    return (BR if cell.layout == "lines" else cell.separator).join(parts)


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
