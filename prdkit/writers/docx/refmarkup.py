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
    doomed: list[etree._Element] = []
    for runs in _unsafe_field_code(list(root.iter(w("r")))):
        doomed.extend(runs)
    for run in doomed:
        if run.getparent() is not None:
            run.getparent().remove(run)


def _unsafe_field_code(runs: list[etree._Element]) -> Iterator[list[etree._Element]]:
    """The runs holding the code (begin to separate, and end) of each unsafe complex field.

    Fields nest: the runs of an inner field inside an outer field's code are code of both.
    """
    stack: list[_Field] = []
    for run in runs:
        char = run.find(w("fldChar"))
        kind = char.get(w("fldCharType")) if char is not None else None
        if kind == "begin":
            stack.append(_Field())
        if not stack:
            continue
        for field in stack:
            if not field.separated or (kind == "end" and field is stack[-1]):
                field.code.append(run)
        top = stack[-1]
        if not top.separated:
            top.instruction += "".join(t.text or "" for t in run.iter(w("instrText")))
        if kind == "separate":
            top.separated = True
        elif kind == "end":
            stack.pop()
            if _instruction(top.instruction) not in SAFE_FIELDS:
                yield top.code


class _Field:
    """A complex field being read: its code runs, its instruction, and past `separate`?"""

    def __init__(self) -> None:
        self.code: list[etree._Element] = []
        self.instruction = ""
        self.separated = False
