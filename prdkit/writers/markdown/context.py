"""The state of one Markdown render: language, outline, output blocks and small formatters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from prdkit.headnumbers import HeadingCounter
from prdkit.i18n import enum_label, label
from prdkit.model import Document
from prdkit.writers.markdown.anchors import Outline
from prdkit.writers.markdown.blocks import Fields
from prdkit.writers.markdown.inline import BR
from prdkit.writers.markdown.tables import table
from prdkit.writers.markdown.text import escape, heading_end, heading_text, inline_plain

__all__ = ["Context"]

# Punctuation is not a label (it has no words to translate) but differs by language.
_PUNCT = {
    "en": {"colon": ": ", "list": ", ", "open": " (", "close": ")"},
    "zh": {"colon": "：", "list": "、", "open": "（", "close": "）"},
}
# A reference to an item, resolved to a link once every heading's anchor is known. NUL never
# reaches the output from the document: escapes turn it into U+FFFD, as CommonMark does.
_REF = re.compile(r"\x00ref:([^\x00]*)\x00")
Lines = list[str]


class Context:
    """Everything a section writer needs; sections append blocks in document order."""

    def __init__(self, doc: Document, lang: str, *, number_headings: bool = False) -> None:
        self.doc = doc
        self.lang = "zh" if lang == "zh" else "en"
        # Numbers become part of the heading text, so GitHub's anchors are made from them too.
        self.numbers = HeadingCounter(self.lang) if number_headings else None
        self.outline = Outline()
        self.fields = Fields(self.outline)
        self.blocks: list[Lines] = []
        self.punct = _PUNCT[self.lang]

    # -- labels --------------------------------------------------------------------------
    def t(self, key: str) -> str:
        """The label of `key` in the document's rendering language, escaped for Markdown."""
        return escape(label(key, self.lang))

    def raw(self, key: str) -> str:
        """The label of `key`, unescaped (for headings and Mermaid, which escape on their own)."""
        return label(key, self.lang)

    def enum(self, group: str, value: str | None) -> str:
        """The label of enum `value`, or an empty string when the field is absent."""
        return escape(enum_label(group, value, self.lang)) if value else ""

    def join(self, parts: Iterable[str]) -> str:
        """Parts joined the way the language lists things (", " or "、")."""
        return self.punct["list"].join(p for p in parts if p)

    # -- output --------------------------------------------------------------------------
    def add(self, lines: Lines) -> None:
        """Append one block (separated from its neighbours by a blank line)."""
        if lines:
            self.blocks.append(list(lines))

    def heading(
        self, level: int, text: str, *, item_id: str | None = None, toc: bool = True
    ) -> None:
        """A heading of the document's own outline; `toc` lists it in the table of contents.

        With heading numbers, outline headings below the title are numbered (## is level 1).
        """
        text = heading_text(text)
        if self.numbers is not None and toc and level >= 2:
            text = self.numbers.next(level - 1) + text
        self.outline.add(level, text, item_id=item_id, toc=toc)
        self.add([f"{'#' * level} {heading_end(escape(text))}"])

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], *, keys: bool = True
    ) -> None:
        """Append a table; `headers` are label keys (`field.id`), or ready text if not `keys`."""
        self.add(table([self.t(h) for h in headers] if keys else headers, rows))

    def field(self, md: str | None, level: int) -> None:
        """Append Markdown field `md` as blocks under a heading of `level`."""
        if md and md.strip():
            self.add(self.fields.blocks(md, level))

    def labelled(self, key: str, md: str | None, level: int) -> None:
        """`**Label:** text` when `md` is one paragraph; else the label, then the blocks."""
        if not md or not md.strip():
            return
        name = f"**{self.t(key)}{self.punct['colon'].rstrip()}**"
        inline = self.fields.inline(md)
        if inline is not None:
            self.add(f"{name} {inline}".split("\n"))
        else:
            self.add([name])
            self.add(self.fields.blocks(md, level))

    def facts(self, pairs: Sequence[tuple[str, str]], *, bullets: bool = False) -> None:
        """`**Label:** value` lines (one paragraph, or a list); empty values are left out."""
        colon = self.punct["colon"].rstrip()
        lines = [f"**{self.t(key)}{colon}** {value}" for key, value in pairs if value]
        if bullets:
            self.add([f"- {line}" for line in lines])
        else:
            # One paragraph with hard breaks: a list here could merge with a list that
            # opens the field written next.
            self.add([line + "\\" for line in lines[:-1]] + lines[-1:])

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
    def cell(self, md: str | None) -> str:
        """A Markdown field for a table cell."""
        return self.fields.cell(md) if md else ""

    def plain(self, text: str | None, *, line_start: bool = False) -> str:
        """A plain string for a table cell or a run of text: escaped, line breaks as <br>."""
        return inline_plain(text, separator=BR, line_start=line_start) if text else ""

    def ref(self, item_id: str) -> str:
        """A reference to item `item_id`: a link to its heading when it has one."""
        return f"\x00ref:{item_id}\x00"

    def refs(self, ids: Iterable[str]) -> str:
        """References joined by ", "."""
        return ", ".join(self.ref(i) for i in ids)

    def named(self, item_id: str) -> str:
        """`Name (ID)` of an item that has a name; the id alone otherwise."""
        item = self.doc.items_by_id().get(item_id)
        name = getattr(item, "name", None) or getattr(item, "title", None)
        if not name:
            return self.ref(item_id)
        return f"{self.plain(name)}{self.punct['open']}{self.ref(item_id)}{self.punct['close']}"

    # -- assembling ----------------------------------------------------------------------
    def resolve(self, text: str) -> str:
        """`text` with every reference replaced by a link (or the escaped id)."""
        anchors = {h.item_id: h.anchor for h in self.outline.headings if h.item_id}

        def link(match: re.Match[str]) -> str:
            item_id = match[1]
            anchor = anchors.get(item_id)
            return f"[{escape(item_id)}](#{anchor})" if anchor else escape(item_id)

        return _REF.sub(link, text)


def number(value: float | int | None) -> str:
    """A number with thousands separators; integral floats without their `.0`."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return format(value, ",")
