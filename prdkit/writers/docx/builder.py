"""The state of one render and the small verbs every section uses: paragraphs, runs, links."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lxml import etree

from prdkit import i18n
from prdkit.headnumbers import HeadingCounter
from prdkit.images.pictures import NO_PICTURES, Pictures
from prdkit.layout import LaidOutDocument
from prdkit.layout.context import item_anchor
from prdkit.placeholders import PLACEHOLDER, may_hold
from prdkit.writers.docx.base import Base
from prdkit.writers.docx.fields import TocEntry, bookmark
from prdkit.writers.docx.numbering import Numbering, numbered
from prdkit.writers.docx.oxml import (
    PLAIN,
    WORD_JOINER,
    XML_SPACE,
    ZWSP,
    Look,
    add_paragraph,
    add_text,
    body,
    character_style,
    clean,
    inner,
    joined_ids,
    make,
    prototype,
    r,
    run_properties,
    sub,
    unbroken_hyphens,
    w,
)
from prdkit.writers.docx.palette import TONES
from prdkit.writers.docx.pictures import Media
from prdkit.writers.docx.richtext import render
from prdkit.writers.docx.runmarks import RunMarks
from prdkit.writers.docx.safexml import xml_int
from prdkit.writers.docx.sections import (
    LANDSCAPE,
    PORTRAIT,
    SECTION_CLOSE,
    SECTION_OPEN,
    SHORT,
    Sections,
    serialized_weight,
    weight,
)
from prdkit.writers.docx.styledefs import EAST_ASIAN_LANG, LATIN_LANG
from prdkit.writers.docx.tables import ROWS_CLOSE, ROWS_OPEN

if TYPE_CHECKING:
    from prdkit.writers.docx.package import Spool
    from prdkit.writers.docx.tables import Table

RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_PSTYLE = f"{w('pPr')}/{w('pStyle')}"
_PSTYLE_TAG = w("pStyle")
_PPR = w("pPr")
_VAL = w("val")
_T = w("t")
_P = w("p")
_JOINED = f"{WORD_JOINER}-{WORD_JOINER}"
_ANCHOR = w("anchor")
_DRAWN = f"{w('r')}/{w('drawing')}"  # a paragraph holding a picture or diagram
# A link to a place in the document, its anchor set on each copy (attributes in this order).
_INNER_LINK = prototype(make("hyperlink", {"anchor": "", "history": "1"}))
_UNSTYLED = (None, None)  # no paragraph's style known (see `style_of`)
# What makes a text more than one run or one w:t (placeholders aside).
_SPLIT_TEXT = re.compile("[\t\n\r]")


class Builder:
    """Everything a section writer needs: the body, styles, numbering, labels and anchors."""

    def __init__(
        self,
        base: Base,
        laid: LaidOutDocument,
        pictures: Pictures = NO_PICTURES,
        *,
        number_headings: bool = True,
    ) -> None:
        self.document = base.document
        self.part = base.document.part
        self.styles = base.styles
        self.width = base.width
        self.height = base.height
        self.pictures = pictures
        self.lang = laid.lang
        self.punct = laid.punct
        # Content is built in a plain lxml tree (no python-docx element classes: about twice
        # as fast), serialized and spliced into the document's XML when saved.
        self.nsmap = base.document.element.nsmap
        self.body = body(self.nsmap)
        # An empty body to copy at each part: copying is ten times cheaper than declaring
        # the document's namespaces on a new element.
        self._empty = body(self.nsmap)
        # The body's content serialized so far, when it is built in parts (see `flush`).
        self.parts: Spool | None = None
        self.numbering = Numbering(base.document)
        self._lang_tags = (LATIN_LANG, EAST_ASIAN_LANG) if self.lang == "zh" else None
        self.flag_placeholders = laid.properties.flag_placeholders
        self.heading_numbers = self._number_headings() if number_headings else None
        self.tables: list[Table] = []  # to fit to their content once filled
        # Every item's id, kept on one line wherever a table mentions it.
        prefix = item_anchor("")
        self.ids = {a[len(prefix) :] for a in laid.anchors if a.startswith(prefix)}
        self.toc: list[TocEntry] = []
        self._runs: dict[tuple[object, ...], etree._Element] = {}
        # Until `end_body`, runs' properties are marks, written out as the body is
        # serialized (see runmarks).
        self.run_marks = RunMarks(self.nsmap)
        self._marking = True
        self._text_runs: dict[tuple[object, ...], etree._Element] = {}
        # The w:t made with a hyphen, to keep the ids they mention whole (see `finished`).
        self._hyphened: list[etree._Element] = []
        self._styled: tuple[etree._Element | None, str | None] = _UNSTYLED
        # Ids the text mentions (see REQ-012, in prose or a cell) stay on one line too;
        # headings keep their text as written, the contents copy it. A line of text outside
        # a heading has its ids joined as it is made (see `_plain_run`); other texts with a
        # hyphen are noted for `finished`. The header and footer, made last, keep theirs.
        self.heading_levels = {self.styles.id(f"heading {level}"): level for level in (1, 2, 3)}
        self.heading_ids = set(self.heading_levels)
        self.joins_ids = True
        # The texts of the runs written while a cell is recorded, and whether one is bold:
        # a table measures what was written rather than read the cell back (see `record`).
        self._records: list[tuple[list[str], list[bool]]] = []
        self._bookmarks = 0
        # Long tables' rows serialized as they were made, by the mark standing for them.
        self._spilled: dict[str, list[bytes]] = {}
        self._marks = 0
        # Tables too wide for the page go on landscape pages of their own (see sections).
        self.sections = Sections(base.document.element.body.find(w("sectPr")), self.nsmap)
        self.landscape = self.sections.width
        # The notes of the part being built (a table's legend), which stay with their table.
        self.notes: set[etree._Element] = set()
        self._turning: list[etree._Element] = []  # the part's tables to turn, last first
        self._appended = False  # whether any of the body is serialized into `parts` yet
        self._held: etree._Element | None = None  # the last of the headings held so far
        self.drawings = 0  # ids of drawings and their shapes, unique in the document
        # Every anchor the layout places gets its bookmark name up front, so references can
        # link forward.
        self.anchors = {a: f"_Prd{n}" for n, a in enumerate(laid.anchors, start=1)}
        self.placed: set[str] = set()
        self._links: dict[str, str] = {}
        taken = [xml_int(rid[3:], 0) for rid in self.part.rels if rid[:3] == "rId"]
        self._next_rid = max(taken, default=0) + 1
        self.code_style = self.styles.id("Verbatim Char")
        self.cell_size = self.styles.size(self.styles.id("Compact"))
        self.link_style = self.styles.id("Hyperlink")
        self.media = Media(self.part, self.new_rid)

    def _number_headings(self) -> HeadingCounter | None:
        # A reference document that numbers its headings itself keeps its own numbers.
        styles = [self.styles.style(f"heading {level}") for level in (1, 2, 3)]
        if any(style is None or numbered(style) for style in styles):
            return None
        self.numbering.headings(styles, self.lang)  # type: ignore[arg-type]
        return HeadingCounter(self.lang)

    # ---- the body in parts ------------------------------------------------------------

    def flush(self, last: bool = False) -> None:
        """Serialize the body built so far into `parts` and go on in an empty one.

        Called between top-level blocks, where nothing later looks back, so the tree held
        is never more than one part's. Does nothing unless the body is built in parts.
        Headings with nothing under them yet are held until the `last` flush: a table under
        them may take them to a landscape page (see `turn`).
        """
        if self.parts is None:
            return
        tail = next(reversed(self.body), None)  # len() would count every held heading
        if tail is None:
            return
        if not last and self.landscape and self._headings_only(tail):
            return
        self._held = None
        self._put(self.serialized(self.finished(self.body)))
        self._styled = _UNSTYLED  # holding a paragraph would hold its whole tree
        self.notes.clear()  # as would holding the notes
        self.body = self._empty.__copy__()

    def _headings_only(self, tail: etree._Element) -> bool:
        # Only what came since the last look: a run of thousands of empty headings is held
        # whole, and looking at it all again at each would be quadratic.
        headings = self.heading_ids
        child: etree._Element | None = tail
        while child is not None and child is not self._held:
            if child.tag != _P or self.style_of(child) not in headings:
                return False
            child = child.getprevious()
        self._held = tail
        return True

    def _put(self, piece: bytes) -> None:
        # The rows long tables serialized as they went go where their marks are, and the
        # section breaks around turned tables, made once the page setup is known.
        assert self.parts is not None
        sections = self.sections
        start = 0
        # Each mark is searched for once from where the last was met: a part holding many
        # long tables is read through once, not once a table.
        rows = piece.find(ROWS_OPEN) if self._spilled else -1
        breaks = piece.find(SECTION_OPEN) if sections.pending else -1
        while rows >= 0 or breaks >= 0:
            if breaks < 0 or 0 <= rows < breaks:
                self._append(piece[start:rows])
                close = piece.index(ROWS_CLOSE, rows)
                for made in self._spilled.pop(piece[rows + len(ROWS_OPEN) : close].decode()):
                    self._append(self.run_marks.expand(made))
                start = close + len(ROWS_CLOSE)
                rows = piece.find(ROWS_OPEN, start) if self._spilled else -1
            else:
                self._append(piece[start:breaks])
                close = piece.index(SECTION_CLOSE, breaks)
                number = int(piece[breaks + len(SECTION_OPEN) : close])
                self.parts.later(sections.serialized(number))
                start = close + len(SECTION_CLOSE)
                kind = sections.kinds[number]
                if kind:  # a break that is made (not one a later table's section goes on past)
                    sections.open = number if kind == LANDSCAPE else None
                    sections.since = 0
                breaks = piece.find(SECTION_OPEN, start) if sections.pending else -1
        self._append(piece[start:] if start else piece)

    def _append(self, piece: bytes) -> None:
        assert self.parts is not None
        self.parts.append(piece)
        self._appended = True
        sections = self.sections
        if sections.open is not None and sections.since <= SHORT:  # past it, counted enough
            sections.since += serialized_weight(piece)

    def turn(self, tbl: etree._Element) -> None:
        """Put `tbl`, a table of the body laid out at the `landscape` width, on landscape
        pages of its own, with the headings right above it; a table turned shortly before
        (no more than `sections.SHORT` between them) shares its section. Done once the
        part's tables are fitted, last to first (see `finished`)."""
        self._turning.append(tbl)

    def _turn(self, tbl: etree._Element) -> None:
        sections = self.sections
        start = self._lead_in(tbl)
        above = start.getprevious()
        # The headings it is under (each of a higher level than the one below it: not the
        # empty headings of the items before), and empty paragraphs (which keep it apart
        # from a table before).
        below = 4  # deeper than any heading
        while above is not None and above.tag == _P:
            level = self.heading_levels.get(self.style_of(above))
            if level is not None and level < below:
                below = level
            elif level is not None or not all(child.tag == _PPR for child in above):
                break
            start, above = above, above.getprevious()
        # The landscape section before, if the content since it is short.
        gap, before = 0, None
        while above is not None and gap <= SHORT:
            number = sections.kind(above)
            if number is not None:
                if sections.kinds[number]:  # the break before, if made
                    before = number
                    break
            else:
                gap += weight(above, self._spilled_rows)
            above = above.getprevious()
        else:
            if above is None:  # everything since the last piece: the serialized too
                before, gap = sections.open, gap + sections.since
                # First in the body: its break ends the contents' page.
                sections.leads |= not self._appended and start is self.body[0]
        if before is not None and sections.kinds[before] == LANDSCAPE and gap <= SHORT:
            sections.kinds[before] = ""  # the section of the table before goes on
        else:
            start.addprevious(sections.mark(PORTRAIT))
        # The notes under it (a legend: "✓: granted") go with it.
        end = tbl
        while end.getnext() is not None and end.getnext() in self.notes:
            end = end.getnext()
        after = sections.kind(end.getnext())
        if after is not None and sections.kinds[after] == PORTRAIT:
            sections.kinds[after] = ""  # a table turned after it goes on in its section
            sections.pending -= 1
            end.getparent().remove(end.getnext())
        else:
            end.addnext(sections.mark(LANDSCAPE))

    def _lead_in(self, tbl: etree._Element) -> etree._Element:
        """The first of the few paragraphs between `tbl` and the heading right above it
        ("Priority: must", "Routing by channel:"), which go with the table rather than
        leave the heading at the foot of a portrait page; `tbl` itself where there is more
        than `SHORT` of them, a picture, or no heading in this part."""
        first, lead, taken = tbl, tbl.getprevious(), 0
        while lead is not None and lead.tag == _P:
            if self.style_of(lead) in self.heading_ids:
                return first
            if lead.find(_DRAWN) is not None:
                break  # a picture keeps its own page
            taken += weight(lead, self._spilled_rows)
            if taken > SHORT:
                break
            first, lead = lead, lead.getprevious()
        return tbl

    def spill_mark(self, container: etree._Element) -> str | None:
        """The mark under which a table in `container` may serialize its rows as they are
        made: only a table of the body, when the body is built in parts (see `flush`)."""
        if self.parts is None or container is not self.body:
            return None
        self._marks += 1
        return str(self._marks)

    def release(self, within: etree._Element, since: int) -> None:
        """Join the ids of the texts in `within`, about to be serialized apart from the
        body, of those noted since the `since`-th (see `hyphened`), and forget the
        paragraph `style_of` knows, which may be in it."""
        noted = self._hyphened
        noted[since:] = self._join_noted(within, noted[since:])
        self._styled = _UNSTYLED

    def _spilled_rows(self, mark: str) -> list[bytes]:
        return self._spilled.get(mark, [])

    def spilled(self, mark: str, rows: list[bytes]) -> None:
        """Keep the finished rows of the table marked `mark` until its part is serialized."""
        self._spilled[mark] = rows

    @property
    def hyphened(self) -> int:
        """How many texts made so far were noted for the hyphen pass (see `finished`)."""
        return len(self._hyphened)

    def note_hyphened(self, copy: etree._Element) -> None:
        """Note the texts of `copy`, a copy of content made before, that hold a hyphen not
        yet joined: the pass at `finished` visits only the texts noted as they are made."""
        for t in copy.iter(_T):
            text = t.text
            if text and "-" in text and text.count("-") != text.count(_JOINED):
                self._hyphened.append(t)

    def finished(self, part: etree._Element) -> etree._Element:
        """`part` of the body with its last touches: unbroken ids, tables fitted; returned."""
        self._hyphened = self._join_noted(part, self._hyphened)
        # Tables nested in a cell are fitted first, then scaled with the column that holds
        # them. Every table made so far is whole: the parts before were finished already.
        for table in reversed(self.tables):
            table.finish()
        self.tables.clear()
        # Turned in the order they are read: each looks back for the section before it.
        for tbl in reversed(self._turning):
            self._turn(tbl)
        self._turning.clear()
        return part

    def _join_noted(
        self, part: etree._Element, noted: list[etree._Element]
    ) -> list[etree._Element]:
        """Join the ids of the texts of `noted` in `part`; those elsewhere."""
        # Ids the text mentions (see REQ-012, in prose or a cell) stay on one line too;
        # headings keep their text as written, the contents copy it.
        headings = self.heading_ids
        # Only the texts made with a hyphen not yet joined are visited (runs note them as
        # they are made: searching the whole part for them cost more than joining them),
        # each in a paragraph outside a heading (a text box's paragraph sits in another).
        # Those not in `part` wait for the part they are in (the cover's, finished last).
        elsewhere = []
        for t in noted:
            text = t.text
            if text.count("-") == text.count(_JOINED):
                continue  # an id kept whole since
            inside = mentioned = False
            for above in t.iterancestors():
                if above is part:
                    inside = True
                    break
                if not mentioned and above.tag == _P and self.style_of(above) not in headings:
                    mentioned = True
            if not inside:
                elsewhere.append(t)
            elif mentioned:
                unbroken_hyphens(t, self.ids)
        return elsewhere

    # ---- words -------------------------------------------------------------------------

    def label(self, key: str) -> str:
        """The label of `key` in the render language."""
        return i18n.label(key, self.lang)

    # ---- runs and paragraphs -----------------------------------------------------------

    def rpr(self, look: Look, style_id: str | None) -> etree._Element | None:
        """A fresh w:rPr for `look` in a paragraph of `style_id`; None if it would be empty."""
        rpr = self._properties(look, style_id)
        return prototype(rpr) if len(rpr) else None

    def _properties(self, look: Look, style_id: str | None) -> etree._Element:
        # The East Asian font always shows, and Chinese documents' languages: said on the
        # run only where its styles do not say them already (a reference document's may not).
        styles = self.styles
        char = character_style(look, self.code_style)
        east_asia: str | None = styles.east_asia(style_id)
        if styles.inherited(style_id, char, "rFonts", {"eastAsia": east_asia}):
            east_asia = None
        lang = self._lang_tags
        if lang is not None and styles.inherited(
            style_id, char, "lang", {"val": lang[0], "eastAsia": lang[1]}
        ):
            lang = None
        return run_properties(look, east_asia, self.code_style, lang)

    def _run_proto(self, look: Look, style_id: str | None) -> etree._Element:
        # One prototype w:r (with its rPr) per look and style, copied for every run: lxml's
        # __copy__ is deep and much cheaper than building the elements again.
        key = (look.key(), style_id)
        proto = self._runs.get(key)
        if proto is None:
            proto = etree.Element(w("r"))
            rpr = self._properties(look, style_id)
            if len(rpr):  # a run saying nothing of its own has no w:rPr
                if self._marking:
                    rpr = self.run_marks.mark(rpr, bold=look.bold)
                proto.append(rpr)
            self._runs[key] = proto = prototype(proto)
        return proto

    def end_body(self) -> None:
        """Write runs with their properties in full from now on: what follows the body (the
        header and footer) is serialized with its part, never by `serialized`."""
        self._marking = False
        self._runs.clear()
        self._text_runs.clear()

    def serialized(self, part: etree._Element) -> bytes:
        """The content of `part` of the body, serialized as it reads in the document."""
        return self.run_marks.expand(inner(part))

    def run(
        self, parent: etree._Element, text: str, style_id: str | None, look: Look = PLAIN
    ) -> etree._Element:
        """Append a run of `text` to `parent` (a paragraph or hyperlink); the last one if
        placeholders in it (TODO, 待补充) are set apart to be highlighted."""
        if self.flag_placeholders and may_hold(text) and PLACEHOLDER.search(text):
            start = 0
            for match in PLACEHOLDER.finditer(text):
                if match.start() > start:
                    self._plain_run(parent, text[start : match.start()], style_id, look)
                self._plain_run(parent, match.group(), style_id, look.but(mark=True))
                start = match.end()
            if start < len(text):
                return self._plain_run(parent, text[start:], style_id, look)
            return parent[-1]
        return self._plain_run(parent, text, style_id, look)

    def _plain_run(
        self, parent: etree._Element, text: str, style_id: str | None, look: Look
    ) -> etree._Element:
        text = clean(text)
        if self._records:
            texts, bold = self._records[-1]
            texts.append(text)
            if look.bold:
                bold[0] = True
        if "\t" in text or "\n" in text or "\r" in text:
            run = self._run_proto(look, style_id).__copy__()
            parent.append(run)
            add_text(run, text)
            if "-" in text:
                self._hyphened.extend(t for t in run.iterchildren(_T) if "-" in t.text)
            return run
        # Most runs are one line of text: their w:t comes with the copy, only its text is set.
        key = (look.key(), style_id)
        proto = self._text_runs.get(key)
        if proto is None:
            proto = self._text_runs[key] = self._run_proto(look, style_id).__copy__()
            etree.SubElement(proto, _T)
        run = proto.__copy__()
        parent.append(run)
        t = run[-1]
        if "-" in text and text.count("-") != text.count(_JOINED):
            if self.joins_ids and style_id not in self.heading_ids:
                text = joined_ids(text, self.ids)  # as `finished` would join them
            else:
                self._hyphened.append(t)
        t.text = text
        if text[:1].isspace() or text[-1:].isspace():
            t.set(XML_SPACE, "preserve")
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
        style_id = self.styles.id(style)
        para = add_paragraph(container, style_id, **ppr)
        self._styled = (para, style_id)
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

    def record(self) -> None:
        """Gather the text of the runs written from now on, until `recorded`."""
        self._records.append(([], [False]))

    def recorded(self) -> tuple[str, bool]:
        """The text written since the matching `record`, as a cell's text reads (tabs as
        spaces, line breaks as newlines, no word joiners nor zero-width spaces), and whether a
        run is bold."""
        texts, bold = self._records.pop()
        text = "".join(texts)
        if "\r" in text or "\t" in text:
            # Run by run: a run ending in CR and the next starting with LF are two breaks.
            text = "".join(
                t.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ") for t in texts
            )
        return text.replace(WORD_JOINER, "").replace(ZWSP, ""), bold[0]

    def styled(self, para: etree._Element, style_id: str | None) -> None:
        """Note that `para`, about to be filled, has the style `style_id`."""
        self._styled = (para, style_id)

    def style_of(self, para: etree._Element) -> str | None:
        """The style id of `para`."""
        # The paragraph being filled is asked for most (every cell, reference and badge
        # asks): it is known without reading the tree, which makes two elements each time.
        # `is` holds: lxml gives one Python object per element while one is referenced.
        known = self._styled
        if known[0] is para:
            return known[1]
        # Every paragraph the writer makes starts with pPr/pStyle: look there first. Not
        # with len(): lxml counts children one by one, and a paragraph of 700 references
        # asked once per reference made the Word file quadratic in them. Indexing (the
        # first child is found at once) is cheaper than iterating.
        try:
            style = para[0][0]
        except IndexError:
            style = None
        if style is not None and style.tag == _PSTYLE_TAG:
            return style.get(_VAL)
        style = para.find(_PSTYLE)
        return style.get(_VAL) if style is not None else None

    def heading(self, level: int, text: str, anchor: str | None = None) -> etree._Element:
        """Append a heading; levels 1 and 2 enter the table of contents.

        Word draws a numbered heading's number itself; the contents' cached entries, which
        LibreOffice shows until its index is updated, carry the same number as text.
        """
        para = self.paragraph(self.body, f"heading {level}", text)
        number = self.heading_numbers.next(level) if self.heading_numbers else ""
        if level <= 2:
            toc = f"_Toc{len(self.toc) + 1:05d}"
            self.toc.append(TocEntry(level, number + text, toc))
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
        """Append id `text`, linked to the place of `anchor` when the document has it."""
        style_id = self.style_of(para)
        name = self.anchors.get(anchor) if anchor else None
        if name is None:
            self.item_id(para, text, style_id, look)
            return
        # A copy of one prototype: 88,000 links at 5,000 requirements.
        link = _INNER_LINK.__copy__()
        para.append(link)
        link.set(_ANCHOR, name)
        self.item_id(link, text, style_id, look.but(style=self.link_style))

    def item_id(
        self, parent: etree._Element, text: str, style_id: str | None, look: Look = PLAIN
    ) -> None:
        """Append an item's id that never breaks at its hyphens (REQ-/012 at a line end)."""
        if "-" not in text:
            self.run(parent, text, style_id, look)
            return
        if not _SPLIT_TEXT.search(text) and not (
            self.flag_placeholders and may_hold(text) and PLACEHOLDER.search(text)
        ):
            # One run of one w:t: its hyphens are joined before it is made, as
            # `unbroken_hyphens` would join them after.
            self._plain_run(parent, text.replace("-", _JOINED), style_id, look)
            return
        # Every hyphen of the last run is joined below; the runs before it are as any text.
        joins, self.joins_ids = self.joins_ids, False
        run = self.run(parent, text, style_id, look)
        self.joins_ids = joins
        t = run.find(_T)
        if t is not None:
            unbroken_hyphens(t)

    def badge(self, para: etree._Element, label: str, tone: str) -> None:
        """Append `label` as a badge coloured by its tone, readable at a glance."""
        color, fill = TONES.get(tone, ("404040", "EDEDED"))
        text = f"\u00a0{label}\u00a0"
        self.run(para, text, self.style_of(para), Look(bold=True, color=color, fill=fill))
