"""List numbering: bullet and numbered lists, each restarted, and the heading numbers.

Word continues a numbered list across paragraphs that share a w:num, so every list gets
its own w:num whose w:lvlOverride/w:startOverride restarts it at the list's first number.
Heading numbers are one multilevel list attached to the heading styles (each level names
its style): Word numbers every heading itself and shows the numbers in the contents.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from prdkit.headnumbers import levels
from prdkit.writers.docx.oxml import W_NS, make, place_in_ppr, sub, w
from prdkit.writers.docx.safexml import xml_int

CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"

_BULLETS = ("•", "◦", "▪")
_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
LEVELS = 9
STEP = 360  # indent per nesting level, twips
_HANGING = {"bullet": 280, "ordered": 360}  # room for the bullet or the number
_SUFFIX = {" ": "space", "": "nothing", "\t": "tab"}


def _numbering_element(document: Any) -> etree._Element:
    """The w:numbering root of the document, creating the part when the reference lacks it."""
    part = document.part
    for rel in part.rels.values():
        if rel.reltype == RT_NUMBERING and not rel.is_external:
            return rel.target_part.element
    from docx.opc.packuri import PackURI
    from docx.oxml.parser import parse_xml
    from docx.parts.numbering import NumberingPart

    element = parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>')
    numbering = NumberingPart(PackURI("/word/numbering.xml"), CT_NUMBERING, element, part.package)
    part.relate_to(numbering, RT_NUMBERING)
    return element


def _int_attr(elements: Any, attr: str) -> int:
    return max((xml_int(e.get(w(attr)), 0) for e in elements), default=0)


def drop_unused(document: Any) -> None:
    """Drop the lists of `document` that no style uses: those of a body emptied before a
    render (an earlier render's, given as the reference, grew the file at every render)."""
    part = document.part
    root = next(
        (r.target_part.element for r in part.rels.values()
         if r.reltype == RT_NUMBERING and not r.is_external),
        None,
    )  # fmt: skip
    if root is None:
        return
    used = {ref.get(w("val")) for ref in document.styles.element.iter(w("numId"))}
    for num in root.findall(w("num")):
        if num.get(w("numId")) not in used:
            root.remove(num)
    kept = {n.find(w("abstractNumId")).get(w("val")) for n in root.findall(w("num"))}
    for abstract in root.findall(w("abstractNum")):
        if abstract.get(w("abstractNumId")) not in kept:
            root.remove(abstract)


class Numbering:
    """Adds prdkit's list definitions to a document and hands out restarted lists."""

    def __init__(self, document: Any) -> None:
        self.root = _numbering_element(document)
        abstracts = self.root.findall(w("abstractNum"))
        base = _int_attr(abstracts, "abstractNumId") + 1
        self._next_num = _int_attr(self.root.findall(w("num")), "numId") + 1
        self.abstract = {"bullet": base, "ordered": base + 1}
        self._cleanup = self.root.find(w("numIdMacAtCleanup"))
        first_num = self.root.find(w("num"))
        for kind, abstract_id in self.abstract.items():
            definition = self._definition(kind, abstract_id)
            anchor = first_num if first_num is not None else self._cleanup
            if anchor is not None:
                anchor.addprevious(definition)
            else:
                self.root.append(definition)

    @staticmethod
    def _definition(kind: str, abstract_id: int) -> etree._Element:
        abstract = make("abstractNum", {"abstractNumId": str(abstract_id)})
        # A fixed nsid keeps renders byte-identical; it only needs to differ between lists.
        sub(abstract, "nsid", {"val": f"5052{abstract_id:04X}"})
        sub(abstract, "multiLevelType", {"val": "hybridMultilevel"})
        for level in range(LEVELS):
            lvl = sub(abstract, "lvl", {"ilvl": str(level)})
            sub(lvl, "start", {"val": "1"})
            if kind == "bullet":
                sub(lvl, "numFmt", {"val": "bullet"})
                sub(lvl, "lvlText", {"val": _BULLETS[level % len(_BULLETS)]})
            else:
                sub(lvl, "numFmt", {"val": _FORMATS[level % len(_FORMATS)]})
                sub(lvl, "lvlText", {"val": f"%{level + 1}."})
            sub(lvl, "lvlJc", {"val": "left"})
            ppr = sub(lvl, "pPr")
            hanging = _HANGING[kind]
            sub(ppr, "ind", {"left": str(Numbering.indent(kind, level)), "hanging": str(hanging)})
        return abstract

    def headings(self, styles: list[etree._Element], lang: str) -> int:
        """Number the heading styles `styles` (level 1 first) in the manner of `lang`; the numId."""
        abstract_id = self.abstract["ordered"] + 1
        abstract = make("abstractNum", {"abstractNumId": str(abstract_id)})
        sub(abstract, "nsid", {"val": f"5052{abstract_id:04X}"})
        sub(abstract, "multiLevelType", {"val": "multilevel"})
        for level, (fmt, pattern, suffix) in enumerate(levels(lang)):
            lvl = sub(abstract, "lvl", {"ilvl": str(level)})
            sub(lvl, "start", {"val": "1"})
            sub(lvl, "numFmt", {"val": fmt})
            if level < len(styles):
                sub(lvl, "pStyle", {"val": styles[level].get(w("styleId"))})
            sub(lvl, "suff", {"val": _SUFFIX[suffix]})
            sub(lvl, "lvlText", {"val": pattern})
            sub(lvl, "lvlJc", {"val": "left"})
            sub(sub(lvl, "pPr"), "ind", {"left": "0", "firstLine": "0"})
        first_num = self.root.find(w("num"))
        anchor = first_num if first_num is not None else self._cleanup
        if anchor is not None:
            anchor.addprevious(abstract)
        else:
            self.root.append(abstract)
        num_id = int(self._add_num(abstract_id).get(w("numId")))
        for level, style in enumerate(styles[: len(levels(lang))]):
            _attach(style, level, num_id)
        return num_id

    def new_list(self, kind: str, level: int, start: int = 1) -> int:
        """The numId of a new list of `kind` ("bullet" or "ordered") restarting at `start`."""
        num = self._add_num(self.abstract[kind])
        num_id = int(num.get(w("numId")))
        override = sub(num, "lvlOverride", {"ilvl": str(level)})
        sub(override, "startOverride", {"val": str(start)})
        return num_id

    def _add_num(self, abstract_id: int) -> etree._Element:
        num_id = self._next_num
        self._next_num += 1
        num = make("num", {"numId": str(num_id)})
        if self._cleanup is not None:  # Word's bookkeeping element stays last
            self._cleanup.addprevious(num)
        else:
            self.root.append(num)
        sub(num, "abstractNumId", {"val": str(abstract_id)})
        return num

    @staticmethod
    def indent(kind: str, level: int) -> int:
        """The text indent of level `level` of a `kind` list (follow-on paragraphs align to it)."""
        return STEP * level + _HANGING[kind] + 80


def _attach(style: etree._Element, level: int, num_id: int) -> None:
    """Give paragraph style `style` level `level` of list `num_id`, in schema order."""
    ppr = style.find(w("pPr"))
    if ppr is None:
        ppr = make("pPr")
        follower = style.find(w("rPr"))
        if follower is not None:
            follower.addprevious(ppr)
        else:
            style.append(ppr)
    old = ppr.find(w("numPr"))
    if old is not None:
        ppr.remove(old)
    numpr = make("numPr")
    sub(numpr, "ilvl", {"val": str(level)})
    sub(numpr, "numId", {"val": str(num_id)})
    place_in_ppr(ppr, numpr)


def numbered(style: etree._Element | None) -> bool:
    """Whether paragraph style `style` already carries list numbering (a reference document's)."""
    return style is not None and style.find(f"{w('pPr')}/{w('numPr')}") is not None
