"""The state of one render and the small verbs every section uses: paragraphs, runs, links."""

from __future__ import annotations

from typing import Any

from lxml import etree

from prdkit import i18n
from prdkit.images.pictures import NO_PICTURES, Pictures
from prdkit.layout import LaidOutDocument
from prdkit.writers.docx.base import Base
from prdkit.writers.docx.fields import TocEntry, bookmark
from prdkit.writers.docx.numbering import Numbering
from prdkit.writers.docx.oxml import (
    PLAIN,
    R_NS,
    W_NS,
    Look,
    add_text,
    clean,
    paragraph_properties,
    r,
    run_properties,
    sub,
    w,
)
from prdkit.writers.docx.palette import TONES
from prdkit.writers.docx.pictures import Media
from prdkit.writers.docx.richtext import render

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_PSTYLE = f"{w('pPr')}/{w('pStyle')}"
_PSTYLE_TAG = w("pStyle")
_VAL = w("val")


class Builder:
    """Everything a section writer needs: the body, styles, numbering, labels and anchors."""

    def __init__(self, base: Base, laid: LaidOutDocument, pictures: Pictures = NO_PICTURES) -> None:
        self.document = base.document
        self.part = base.document.part
        self.styles = base.styles
        self.width = base.width
        self.height = base.height
        self.pictures = pictures
        self.lang = laid.lang
        self.punct = laid.punct
        # Content is built in a plain lxml tree (no python-docx element classes: about twice
        # as fast) and moved into the document body at the end.
        self.body = etree.Element(w("body"), nsmap={"w": W_NS, "r": R_NS})
        self.numbering = Numbering(base.document)
        self.toc: list[TocEntry] = []
        self._runs: dict[tuple[object, ...], etree._Element] = {}
        self._bookmarks = 0
        self.drawings = 0  # ids of drawings and their shapes, unique in the document
        # Every anchor the layout places gets its bookmark name up front, so references can
        # link forward.
        self.anchors = {a: f"_Prd{n}" for n, a in enumerate(laid.anchors, start=1)}
        self.placed: set[str] = set()
        self._links: dict[str, str] = {}
        taken = [int(rid[3:]) for rid in self.part.rels if rid[:3] == "rId" and rid[3:].isdigit()]
        self._next_rid = max(taken, default=0) + 1
        self.code_style = self.styles.id("Verbatim Char")
        self.cell_size = self.styles.size(self.styles.id("Compact"))
        self.link_style = self.styles.id("Hyperlink")
        self.media = Media(self.part, self.new_rid)

    # ---- words -------------------------------------------------------------------------

    def label(self, key: str) -> str:
        """The label of `key` in the render language."""
        return i18n.label(key, self.lang)

    # ---- runs and paragraphs -----------------------------------------------------------

    def rpr(self, look: Look, style_id: str | None) -> etree._Element:
        """A fresh w:rPr for `look` in a paragraph of `style_id`."""
        return self._run_proto(look, style_id)[0].__copy__()

    def _run_proto(self, look: Look, style_id: str | None) -> etree._Element:
        # One prototype w:r (with its rPr) per look and style, copied for every run: lxml's
        # __copy__ is deep and much cheaper than building the elements again.
        key = (look.key(), style_id)
        proto = self._runs.get(key)
        if proto is None:
            east_asia = self.styles.east_asia(style_id)
            proto = self._runs[key] = etree.Element(w("r"))
            proto.append(run_properties(look, east_asia, self.code_style))
        return proto

    def run(
        self, parent: etree._Element, text: str, style_id: str | None, look: Look = PLAIN
    ) -> etree._Element:
        """Append a run of `text` to `parent` (a paragraph or hyperlink)."""
        run = self._run_proto(look, style_id).__copy__()
        parent.append(run)
        add_text(run, text)
        return run

    def paragraph(
        self,
        container: etree._Element,
        style: str = "Normal",
        text: str | None = None,
        look: Look = PLAIN,
        **ppr: Any,
    ) -> etree._Element:
        """Append a paragraph of required style `style` to `container`, with optional text."""
        para = sub(container, "p")
        style_id = self.styles.id(style)
        paragraph_properties(para, style_id, **ppr)
        if text:
            self.run(para, text, style_id, look)
        return para

    def markdown(
        self,
        container: etree._Element,
        text: str | None,
        style: str = "Normal",
        width: int | None = None,
    ) -> None:
        """Render Markdown `text` into `container` as paragraphs of `style` (a name or an id)."""
        if not text:
            return
        style_id = self.styles.ids.get(style, style)
        render(self, container, text, style_id, width or self.width)

    def style_of(self, para: etree._Element) -> str | None:
        """The style id of `para`."""
        # Every paragraph the writer makes starts with pPr/pStyle: look there first.
        if len(para) and len(para[0]) and para[0][0].tag == _PSTYLE_TAG:
            return para[0][0].get(_VAL)
        style = para.find(_PSTYLE)
        return style.get(_VAL) if style is not None else None

    def heading(self, level: int, text: str, anchor: str | None = None) -> etree._Element:
        """Append a heading; levels 1 and 2 enter the table of contents."""
        para = self.paragraph(self.body, f"heading {level}", text)
        if level <= 2:
            toc = f"_Toc{len(self.toc) + 1:05d}"
            self.toc.append(TocEntry(level, text, toc))
            self.mark(para, toc)
        if anchor is not None:
            self.place(para, anchor)
        return para

    def mark(self, para: etree._Element, name: str) -> None:
        """Bookmark the content of `para` as `name`."""
        self._bookmarks += 1
        bookmark(para, name, self._bookmarks)

    def place(self, para: etree._Element, anchor: str) -> None:
        """Mark `para` as the place of layout anchor `anchor`, so references can link to it."""
        name = self.anchors.get(anchor)
        if name is not None and anchor not in self.placed:
            self.placed.add(anchor)
            self.mark(para, name)

    # ---- links and badges --------------------------------------------------------------

    def hyperlink(self, parent: etree._Element, url: str) -> etree._Element:
        """Append a w:hyperlink to external `url` (already checked safe) and return it."""
        url = clean(url)
        rid = self._links.get(url)
        if rid is None:
            rid = self._links[url] = self.new_rid()
            self.part.rels.add_relationship(RT_HYPERLINK, url, rid, is_external=True)
        link = sub(parent, "hyperlink", {"history": "1"})
        link.set(r("id"), rid)
        return link

    def new_rid(self) -> str:
        """A relationship id of the document part no relationship has yet."""
        # python-docx's relate_to scans every relationship per call: quadratic in links.
        rid = f"rId{self._next_rid}"
        self._next_rid += 1
        return rid

    def ref(self, para: etree._Element, text: str, anchor: str | None, look: Look = PLAIN) -> None:
        """Append `text`, linked to the place of `anchor` when the document has it."""
        style_id = self.style_of(para)
        name = self.anchors.get(anchor) if anchor else None
        if name is None:
            self.run(para, text, style_id, look)
            return
        link = sub(para, "hyperlink", {"anchor": name, "history": "1"})
        self.run(link, text, style_id, look.but(style=self.link_style))

    def badge(self, para: etree._Element, label: str, tone: str) -> None:
        """Append `label` as a badge coloured by its tone, readable at a glance."""
        color, fill = TONES.get(tone, ("404040", "EDEDED"))
        text = f"\u00a0{label}\u00a0"
        self.run(para, text, self.style_of(para), Look(bold=True, color=color, fill=fill))
