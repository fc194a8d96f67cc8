"""Run properties stood for by a mark while the body is built, written out as it is serialized.

Most runs of the body carry one of a few dozen w:rPr (36 at 5,000 requirements), each of
one to seven elements: copied with every run and serialized again each time, they made two
in five of the body's elements.
Instead, while the body is built, a run holds an empty w:rPr whose w:val names its
properties with a mark, a tab and a number; serialized, it reads `<w:rPr w:val="&#9;12"/>`,
which nothing else in a body reads: text and attributes escape "<", and no w:rPr is
written with attributes. `RunMarks.expand` puts each one's properties in its place.

The mark of a bold run's properties starts "\tb": a table reading a cell back to measure
it (`HAS_BOLD`) needs to know whether its text is bold, which its properties no longer say.
"""

from __future__ import annotations

import re

from lxml import etree

from prdkit.writers.docx.oxml import W_NS, body, inner, make

_CLOSE = b'"/>'
# Whether anything in an element is bold: its runs' own properties, or the mark of them.
HAS_BOLD = etree.XPath(
    'boolean(descendant::w:rPr/w:b | descendant::w:rPr[starts-with(@w:val, "\tb")])',
    namespaces={"w": W_NS},
)


class RunMarks:
    """The marks given so far and the serialized properties each stands for."""

    def __init__(self, nsmap: dict[str | None, str]) -> None:
        # Properties are serialized in a body declaring the document's namespaces, so that
        # they read as they would inside it.
        self._holder = body(nsmap)
        self._written: dict[bytes, bytes] = {}
        # A mark reads as the body writes it: with the prefix the document's root gives the
        # Word namespace, which a reference document may choose (`<ns0:rPr ns0:val=...`).
        self._open = self._serialized(make("rPr", {"val": "\t"}))[: -len(_CLOSE)]
        self._mark = re.compile(re.escape(self._open) + rb"b?[0-9]+" + re.escape(_CLOSE))

    def _serialized(self, element: etree._Element) -> bytes:
        self._holder.append(element)
        written = inner(self._holder)
        self._holder.remove(element)
        return written

    def mark(self, rpr: etree._Element, *, bold: bool) -> etree._Element:
        """An empty w:rPr standing for `rpr` (bold when `bold`), to be expanded later."""
        mark = f"\t{'b' if bold else ''}{len(self._written)}"
        self._written[self._open + mark[1:].encode() + _CLOSE] = self._serialized(rpr)
        return make("rPr", {"val": mark})

    def expand(self, piece: bytes) -> bytes:
        """`piece` of serialized body with the properties in place of their marks."""
        if self._open not in piece:
            return piece
        written = self._written
        return self._mark.sub(lambda found: written[found.group()], piece)
