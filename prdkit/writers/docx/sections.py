"""Landscape pages for the tables too wide for a portrait one.

A fitted table of the body whose ids and words do not fit the text width of a portrait
page, and fit that of the page turned, goes on landscape pages of its own: a section ends
before it (before the headings it is under and the few lines since them, so none is left
alone at a page's foot) and another after it. In WordprocessingML a section's properties
are the w:sectPr in the properties of its last paragraph; the body's own sectPr holds the
last section's.

The sections copy the document's page setup, header and footer references included, and
those are known only once the body is written (the header and footer come last). The
body is serialized a heading at a time (see `Builder.flush`): each break is a processing
instruction in the tree, `<?prdkit-section N?>`, and a piece of the spool (see
`package.Spool.later`) made at the end by `resolve`, the document's page setup known.

Only the first section keeps a different first page (the cover's, with no header): any
other would start on a page without its header. Page numbers run on across sections.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from prdkit.writers.docx.base import room
from prdkit.writers.docx.oxml import body, inner, r, sub, w
from prdkit.writers.docx.safexml import xml_int
from prdkit.writers.docx.tables import ROWS_TARGET

__all__ = ["SECTION_CLOSE", "SECTION_OPEN", "SHORT", "Sections", "serialized_weight", "weight"]

_SECTION = "prdkit-section"
SECTION_OPEN, SECTION_CLOSE = f"<?{_SECTION} ".encode(), b"?>"
# What each break ends: the cover's section, another portrait one, a landscape one; or
# nothing (a landscape section that goes on into the next table's).
FIRST, PORTRAIT, LANDSCAPE, NONE = "first", "portrait", "landscape", ""
_W, _H, _ORIENT, _START = w("w"), w("h"), w("orient"), w("start")
_PG_SZ = w("pgSz")
# Between two turned tables, or after the last one, content of at most this weight (see
# `serialized_weight`: lines, about a quarter of a page) stays on the landscape pages rather than
# making a portrait page of its own, all but empty ("17 Operations plan" and a line).
SHORT = 10
# The UTF-8 bytes of text a portrait line holds, roughly: 90 Latin letters, 30-40 CJK.
LINE = 90
_COUNTED = (b"<w:p>", b"<w:p ", b"<w:tr>", b"<w:tr ", b"<w:tc>", b"<w:tc ", b"<w:br/>", b"<w:br ")
# The bytes of text an escape stands for one of.
_ESCAPES = ((b"&amp;", 4), (b"&lt;", 3), (b"&gt;", 3))
_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_HEADER_REF, _TYPE, _ID = w("headerReference"), w("type"), r("id")
_DROPPED = (w("titlePg"), w("type"))  # a later section starts a page of its own, headed


class Sections:
    """The section breaks of one render, placed as the body's tables are fitted."""

    def __init__(self, sect_pr: etree._Element | None, nsmap: dict[str | None, str]) -> None:
        self.nsmap = nsmap
        # The text width of the page turned, or None where tables stay on the page given
        # (a page already landscape, or no page setup at all).
        self.width = _turned_width(sect_pr)
        self.kinds: list[str] = []
        self.pending = 0  # breaks placed in the tree, not yet serialized
        self.started = False  # whether the first section has ended
        # The last break serialized, if it ends a landscape section, and how much was
        # serialized after it (see `serialized_weight`): a table turned soon after goes on in it.
        self.open: int | None = None
        self.since = 0
        # Whether the first break comes first in the body: the section it ends (the
        # cover's and the contents') then needs no page break of its own.
        self.leads = False
        # The relationship id of the landscape pages' own header, whose tab stop reaches
        # their right margin; None where they show the document's.
        self.header: str | None = None
        self._made: dict[str, bytes] = {}

    def mark(self, kind: str) -> etree._Element:
        """A new break ending a section of `kind`, to put in the body."""
        self.kinds.append(kind)
        self.pending += 1
        return etree.PI(_SECTION, str(len(self.kinds) - 1))

    def kind(self, node: etree._Element | None) -> int | None:
        """The number of the break `node` is, if it is one."""
        if node is not None and node.tag is etree.PI and node.target == _SECTION:
            return int(node.text)
        return None

    def serialized(self, number: int) -> Callable[[], bytes]:
        """The maker of break `number` in the body, met as the body is serialized."""
        self.pending -= 1
        if self.kinds[number] == PORTRAIT and not self.started:
            self.kinds[number] = FIRST  # breaks are met in the order they are read
            self.started = True
        return lambda: self._made[self.kinds[number]]

    def resolve(self, sect_pr: etree._Element) -> None:
        """Make the breaks from `sect_pr`, the document's (and last section's) properties,
        header and footer references added, and set up the last section after them."""
        if not self.started:
            return  # no table turned: the document is as it always was
        if self.open is not None and self.since <= SHORT:
            # The body ends on a turned table, or soon after: the last section is
            # landscape, no break.
            self.kinds[self.open] = NONE
        first = etree.fromstring(etree.tostring(sect_pr))
        for child in list(sect_pr):
            if child.tag in _DROPPED:
                sect_pr.remove(child)
        numbers = sect_pr.find(w("pgNumType"))
        if numbers is not None and _START in numbers.attrib:
            del numbers.attrib[_START]  # numbered on from the first section
        portrait = etree.fromstring(etree.tostring(sect_pr))
        landscape = etree.fromstring(etree.tostring(sect_pr))
        self._turn(landscape)
        if self.open is not None and self.since <= SHORT:
            self._turn(sect_pr)
        self._made = {
            FIRST: self._paragraph(first),
            PORTRAIT: self._paragraph(portrait),
            LANDSCAPE: self._paragraph(landscape),
            NONE: b"",
        }

    def _turn(self, sect_pr: etree._Element) -> None:
        """Turn the page `sect_pr` sets up to landscape, its size swapped, margins as they
        are, and give it the landscape pages' header."""
        size = sect_pr.find(_PG_SZ)
        across, down = size.get(_W), size.get(_H)  # type: ignore[union-attr]
        size.set(_W, down)  # type: ignore[union-attr,arg-type]
        size.set(_H, across)  # type: ignore[union-attr,arg-type]
        size.set(_ORIENT, "landscape")  # type: ignore[union-attr]
        if self.header is not None:
            for ref in sect_pr.iter(_HEADER_REF):
                if ref.get(_TYPE) == "default":
                    ref.set(_ID, self.header)

    def _paragraph(self, sect_pr: etree._Element) -> bytes:
        # An empty paragraph of the least height, which ends a section: it adds no line
        # that could spill onto a page of its own.
        holder = body(self.nsmap)
        ppr = sub(sub(holder, "p"), "pPr")
        sub(ppr, "spacing", {"before": "0", "after": "0", "line": "20", "lineRule": "exact"})
        rpr = sub(ppr, "rPr")
        sub(rpr, "sz", {"val": "2"})
        sub(rpr, "szCs", {"val": "2"})
        ppr.append(sect_pr)
        return inner(holder)


def weight(node: etree._Element, spilled: Callable[[str], Iterable[bytes]]) -> int:
    """The `serialized_weight` of `node`, a part of the body still in the tree, its table
    rows serialized already (`spilled`, by the mark standing for them) included."""
    found = serialized_weight(etree.tostring(node, encoding="UTF-8"))
    for mark in node.iter(etree.PI):
        if mark.target == ROWS_TARGET:
            found += sum(serialized_weight(piece) for piece in spilled(mark.text))
    return found


def serialized_weight(piece: bytes) -> int:
    """How many lines serialized body content fills on a page, roughly: a line a paragraph
    and a line break (a code block's lines), and one per `LINE` bytes of its text; a
    table's rows as one each."""
    p, p_, tr, tr_, tc, tc_, br, br_ = (piece.count(tag) for tag in _COUNTED)
    size = 0
    for text in _TEXT.findall(piece):
        size += len(text)
        if b"&" in text:
            size -= sum(text.count(escape) * extra for escape, extra in _ESCAPES)
    return p + p_ - tc - tc_ + tr + tr_ + br + br_ + size // LINE


def _turned_width(sect_pr: etree._Element | None) -> int | None:
    if sect_pr is None:
        return None
    size = sect_pr.find(_PG_SZ)
    if size is None:
        return None
    across, down = xml_int(size.get(_W), 0), xml_int(size.get(_H), 0)
    if across <= 0 or down <= across:
        return None  # no page to turn, or one landscape already
    # The portrait text width, margins as prdkit assumes them where none are set, widened
    # by what turning the page adds.
    return room(sect_pr)[0] + down - across
