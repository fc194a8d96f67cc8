"""Cleaning one part of a reference document: what reaches out of it goes, its look stays.

Markup that uses a relationship the package no longer has is removed (a hyperlink keeps
its text), attributes naming outside addresses are dropped, and fields that fetch or run
something are replaced by their last shown result.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from prdkit.writers.docx.oxml import R_NS, w

# Fields a header or footer may keep: numbers, dates and the document's own properties.
SAFE_FIELDS = frozenset(
    {
        "PAGE",
        "NUMPAGES",
        "SECTIONPAGES",
        "SECTION",
        "DATE",
        "TIME",
        "CREATEDATE",
        "SAVEDATE",
        "PRINTDATE",
        "TITLE",
        "SUBJECT",
        "AUTHOR",
        "KEYWORDS",
        "COMMENTS",
        "LASTSAVEDBY",
        "DOCPROPERTY",
        "STYLEREF",
        "FILENAME",
    }
)
# Where an element that uses a dropped relationship is removed whole.
_CONTAINERS = {w(tag) for tag in ("drawing", "pict", "object")}


def drop_dangling(root: etree._Element, kept_ids: set[str]) -> None:
    """Remove markup that uses a relationship no longer there (a hyperlink keeps its text)."""
    for element in list(root.iter()):
        used = [v for k, v in element.attrib.items() if k.startswith(f"{{{R_NS}}}")]
        if not used or all(v in kept_ids for v in used):
            continue
        parent = element.getparent()
        if parent is None:
            continue
        if etree.QName(element).localname == "hyperlink":
            _unwrap(element)
            continue
        container = next((a for a in element.iterancestors() if a.tag in _CONTAINERS), None)
        doomed = container if container is not None else element
        if doomed.getparent() is not None:
            doomed.getparent().remove(doomed)


def drop_links(root: etree._Element) -> None:
    """Drop attributes that point outside (VML `o:href`, `src`): a reader would fetch them."""
    for element in root.iter():
        for key in [k for k in element.attrib if etree.QName(k).localname in ("href", "src")]:
            if ":" in element.attrib[key]:
                del element.attrib[key]


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _instruction(text: str) -> str:
    words = text.strip().split()
    return words[0].upper() if words else ""


def defuse_fields(root: etree._Element) -> None:
    """Unsafe fields give way to their last result: simple ones unwrapped, complex ones cut."""
    for simple in list(root.iter(w("fldSimple"))):
        if _instruction(simple.get(w("instr")) or "") not in SAFE_FIELDS:
            _unwrap(simple)
    runs = list(root.iter(w("r")))
    # Each unsafe field's code is a stretch of runs and its end run; stretches nest. They
    # are marked as +1 where one starts and -1 past where it stops, and a run is doomed
    # where the running sum is positive: linear however deep fields nest (30,000 fields
    # begun in one header once took 44 s and 3.8 GB, each run listed in every open field).
    starts = [0] * (len(runs) + 1)
    for first, last, end in _unsafe_field_code(runs):
        starts[first] += 1
        starts[last + 1] -= 1
        if end > last:
            starts[end] += 1
            starts[end + 1] -= 1
    inside = 0
    for index, run in enumerate(runs):
        inside += starts[index]
        if inside > 0 and run.getparent() is not None:
            run.getparent().remove(run)


def _unsafe_field_code(runs: list[etree._Element]) -> Iterator[tuple[int, int, int]]:
    """Of each unsafe complex field, the indexes in `runs` of its first run, of the last
    run of its code (its separate run, or its end when it has none) and of its end run.

    Everything from a field's begin to its separate is its code, runs of fields nested in
    it included: an inner field inside an outer field's code is code of both.
    """
    stack: list[_Field] = []
    for index, run in enumerate(runs):
        char = run.find(w("fldChar"))
        kind = char.get(w("fldCharType")) if char is not None else None
        if kind == "begin":
            stack.append(_Field(index))
        if not stack:
            continue
        top = stack[-1]
        if top.separated is None:
            top.instruction.extend(t.text or "" for t in run.iter(w("instrText")))
        if kind == "separate" and top.separated is None:
            top.separated = index
        elif kind == "end":
            stack.pop()
            if _instruction("".join(top.instruction)) not in SAFE_FIELDS:
                last = index if top.separated is None else top.separated
                yield top.begin, last, index


class _Field:
    """A complex field being read: where it begins, its instruction, and where its code
    ends (its separate run), once read."""

    __slots__ = ("begin", "instruction", "separated")

    def __init__(self, begin: int) -> None:
        self.begin = begin
        self.instruction: list[str] = []
        self.separated: int | None = None


# Section properties python-docx reads with a schema of its own: a value outside it stops
# the render deep inside python-docx (an on/off value of "maybe", a header reference
# naming no part).
_ON_OFF = frozenset({"0", "1", "true", "false", "on", "off"})
_REFERENCES = (w("headerReference"), w("footerReference"))
_TITLE_PAGE = w("titlePg")


def tidy_sections(root: etree._Element) -> None:
    """Drop from the section properties of a document part what python-docx cannot read."""
    for sect_pr in root.iter(w("sectPr")):
        for child in list(sect_pr):
            unnamed = child.tag in _REFERENCES and child.get(f"{{{R_NS}}}id") is None
            odd = child.tag == _TITLE_PAGE and child.get(w("val"), "1") not in _ON_OFF
            if unnamed or odd:
                sect_pr.remove(child)
