"""WordprocessingML element building through lxml: names, text cleaning, runs and paragraphs."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F).
# The loader refuses them already; a writer that outlives its loader still never emits them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\t|\r\n|\n|\r)")
_HYPHENATED = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_names: dict[str, str] = {}


def w(tag: str) -> str:
    """The Clark name of `tag` in the w: namespace ("p" → "{…main}p")."""
    name = _names.get(tag)
    if name is None:
        name = _names[tag] = f"{{{W_NS}}}{tag}"
    return name


def r(tag: str) -> str:
    """The Clark name of `tag` in the r: (relationships) namespace."""
    return f"{{{R_NS}}}{tag}"


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 (and so Word) cannot hold."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Append a new w:`tag` to `parent`; `attrs` keys are w: attribute names."""
    element = etree.SubElement(parent, w(tag))
    if attrs:
        # Set one by one: lxml takes an attribute dict at creation at half the speed (and
        # in the same order), with 88,000 links of two attributes in a large document.
        for key, value in attrs.items():
            element.set(w(key), value)
    return element


# w:pPr children in the schema's order (CT_PPr): Word refuses a paragraph whose properties
# come in another order, so a child added late is put in its place.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip


def place_in_ppr(ppr: etree._Element, child: etree._Element) -> etree._Element:
    """Insert `child` (a w:pPr child) into `ppr` before the first child that follows it."""
    later = PPR_ORDER[PPR_ORDER.index(etree.QName(child).localname) + 1 :]
    follower = next((c for c in ppr if etree.QName(c).localname in later), None)
    if follower is not None:
        follower.addprevious(child)
    else:
        ppr.append(child)
    return child


def make(tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """A new, parentless w:`tag` element."""
    element = etree.Element(w(tag), nsmap={"w": W_NS, "r": R_NS})
    if attrs:
        for key, value in attrs.items():
            element.set(w(key), value)
    return element


def prototype(element: etree._Element) -> etree._Element:
    """`element`, to be copied, rid of the namespace declarations it does not use.

    lxml reconciles every declaration a copy carries when the copy joins another tree: a
    run or paragraph properties declaring only w: are copied and placed a tenth cheaper.
    """
    etree.cleanup_namespaces(element)
    return element


def body(nsmap: dict[str | None, str] | None = None) -> etree._Element:
    """A new, parentless w:body declaring the namespaces of `nsmap` (the document root's),
    so that elements put in it declare only others, as they would inside the document."""
    return etree.Element(w("body"), nsmap={"w": W_NS, "r": R_NS, **(nsmap or {})})


def inner(element: etree._Element) -> bytes:
    """The serialized children of `element` (a `body()`), without its own tags.

    Serialized apart, they read exactly as inside the document, whose root declares w: and r:
    too (other namespaces are declared where they are used, in both cases).
    """
    if not len(element):
        return b""
    text = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
    return text[text.index(b">") + 1 : text.rindex(b"<")]


def add_text(run: etree._Element, text: str) -> None:
    """Append `text` to `run` as w:t, with tabs as w:tab and line breaks as w:br."""
    text = clean(text)
    if "\t" not in text and "\n" not in text and "\r" not in text:
        _t(run, text)
        return
    for piece in _BREAKS.split(text):
        if piece == "\t":
            sub(run, "tab")
        elif piece in ("\n", "\r\n", "\r"):
            sub(run, "br")
        elif piece:
            _t(run, piece)


def _t(run: etree._Element, text: str) -> None:
    t = etree.SubElement(run, w("t"))
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")


WORD_JOINER = "\u2060"
ZWSP = "\u200b"  # a line may break here; invisible, no width


def unbroken_hyphens(t: etree._Element, keep: Container[str] | None = None) -> None:
    """Keep the hyphens of w:t `t` from breaking a line, so an id such as REQ-012 never
    splits at a line end: all of them, or only those inside the ids of `keep` (and the ISO
    dates) it mentions.

    Each hyphen gets a word joiner (U+2060, invisible, dropped from PDF text) on both sides.
    Word's own w:noBreakHyphen is not used: LibreOffice, meeting it beside Chinese text
    (名称（ACT-x）), finds no break at all there and splits the id mid-word instead.
    """
    text = t.text or ""
    if keep is None:
        if "-" in text:
            t.text = text.replace("-", f"{WORD_JOINER}-{WORD_JOINER}")
        return
    joined = joined_ids(text, keep)
    if joined is not text:
        t.text = joined


def joined_ids(text: str, keep: Container[str]) -> str:
    """`text` with the hyphens of the ids of `keep` and of the ISO dates it mentions
    joined (see `unbroken_hyphens`): `text` itself when it mentions none."""
    cuts = {
        match.start() + i
        for match in _HYPHENATED.finditer(text)
        if match.group() in keep or _DATE.fullmatch(match.group())
        for i, ch in enumerate(match.group())
        if ch == "-"
    }
    if not cuts:
        return text
    return "".join(f"{WORD_JOINER}-{WORD_JOINER}" if i in cuts else ch for i, ch in enumerate(text))


_LOOK_FIELDS = ("bold", "code", "color", "fill", "italic", "mark", "size", "strike", "style")


class Look:
    """Direct run formatting: a hashable key, so each distinct look builds its rPr once."""

    __slots__ = (*_LOOK_FIELDS, "_key")

    def __init__(
        self,
        *,
        bold: bool = False,
        italic: bool = False,
        strike: bool = False,
        code: bool = False,
        color: str | None = None,
        fill: str | None = None,
        size: int | None = None,
        style: str | None = None,
        mark: bool = False,
    ) -> None:
        self.bold, self.italic, self.strike, self.code = bold, italic, strike, code
        self.color, self.fill, self.size, self.style = color, fill, size, style
        self.mark = mark  # highlighted, as a placeholder still to be written
        # Made once: every run asks for it to find its prototype.
        self._key = (bold, italic, strike, code, color, fill, size, style, mark)

    def key(self) -> tuple[object, ...]:
        """The values that decide the rPr."""
        return self._key

    def but(self, **changes: object) -> Look:
        """A copy with `changes` applied (one shared copy per look and changes: looks are
        never changed once made, and a link or a code span asks for the same one each time)."""
        memo = (self._key, *changes.items())
        look = _BUT.get(memo)
        if look is None:
            if len(_BUT) >= _BUT_HELD:
                _BUT.clear()
            values = {name: getattr(self, name) for name in _LOOK_FIELDS}
            values.update(changes)
            look = _BUT[memo] = Look(**values)  # type: ignore[arg-type]
        return look


_BUT: dict[tuple[object, ...], Look] = {}
_BUT_HELD = 4096

PLAIN = Look()


def run_properties(
    look: Look,
    east_asia: str | None,
    code_style: str | None,
    lang: tuple[str, str] | None = None,
) -> etree._Element:
    """The w:rPr of `look`, children in schema order, naming the East Asian font
    `east_asia` and the (Latin, East Asian) language tags `lang` unless None (the run's
    styles say them already). Empty when the run says nothing of its own."""
    rpr = make("rPr")
    style = character_style(look, code_style)
    if style:
        sub(rpr, "rStyle", {"val": style})
    if east_asia is not None:
        sub(rpr, "rFonts", {"eastAsia": east_asia})
    if look.bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    if look.italic:
        sub(rpr, "i")
        sub(rpr, "iCs")
    if look.strike:
        sub(rpr, "strike")
    if look.color:
        sub(rpr, "color", {"val": look.color})
    if look.size:
        sub(rpr, "sz", {"val": str(look.size)})
        sub(rpr, "szCs", {"val": str(look.size)})
    if look.mark:
        sub(rpr, "highlight", {"val": "yellow"})
    if look.fill:
        sub(rpr, "shd", {"val": "clear", "color": "auto", "fill": look.fill})
    if lang is not None:
        sub(rpr, "lang", {"val": lang[0], "eastAsia": lang[1]})
    return rpr


def character_style(look: Look, code_style: str | None) -> str | None:
    """The character style of a run of `look`: its own, or the code style for code."""
    return look.style or (code_style if look.code else None)


def paragraph_properties(para: etree._Element, style: str | None, **ppr: Any) -> etree._Element:
    """Give `para` its w:pPr (children in schema order) and return it; `ppr`, the options
    of `_prototypes` (keep_next, num, indent, align, spacing, rule_below)."""
    made = _prototypes(style, **ppr)[0].__copy__()
    para.append(made)
    return made


def add_paragraph(
    container: etree._Element,
    style: str | None,
    num: tuple[int, int] | None = None,
    **ppr: Any,
) -> etree._Element:
    """Append to `container` a w:p holding only its w:pPr, the `paragraph_properties` of
    `style`, `num` and `ppr`, and return it (one copy, rather than a w:p made and a pPr
    copied)."""
    para = _prototypes(style, **ppr)[1].__copy__()
    if num is not None:
        # Every list is numbered apart: a prototype per number would serve one list and
        # crowd out the others. The number joins a copy of its unnumbered prototype.
        _number(para[0], num)
    container.append(para)
    return para


def _number(ppr: etree._Element, num: tuple[int, int]) -> None:
    # Made in the same tree (no namespaces to reconcile), then put in its place.
    place_in_ppr(ppr, _numpr(ppr, num))


def _numpr(ppr: etree._Element, num: tuple[int, int]) -> etree._Element:
    """Append to `ppr` the w:numPr of list `num` (numId, level) and return it."""
    numpr = sub(ppr, "numPr")
    sub(numpr, "ilvl", {"val": str(num[1])})
    sub(numpr, "numId", {"val": str(num[0])})
    return numpr


def _prototypes(
    style: str | None,
    keep_next: bool = False,
    num: tuple[int, int] | None = None,
    indent: int | None = None,
    align: str | None = None,
    spacing: dict[str, str] | None = None,
    rule_below: bool = False,
) -> tuple[etree._Element, etree._Element]:
    # A copy of one prototype per distinct set of properties: five times cheaper than
    # building the elements, for the hundreds of thousands of paragraphs of a large file.
    # Each set has a pPr and a w:p holding it.
    key = (
        style,
        keep_next,
        num,
        indent,
        align,
        tuple(spacing.items()) if spacing else (),
        rule_below,
    )
    protos = _PPRS.get(key)
    if protos is None:
        if len(_PPRS) >= _PPRS_HELD:  # every list numbered apart has its own: held briefly
            _PPRS.clear()
        ppr = prototype(_ppr(style, keep_next, num, indent, align, spacing, rule_below))
        para = make("p")
        para.append(ppr.__copy__())
        protos = _PPRS[key] = (ppr, prototype(para))
    return protos


_PPRS: dict[tuple[object, ...], tuple[etree._Element, etree._Element]] = {}
_PPRS_HELD = 4096


def _ppr(
    style: str | None,
    keep_next: bool,
    num: tuple[int, int] | None,
    indent: int | None,
    align: str | None,
    spacing: dict[str, str] | None,
    rule_below: bool,
) -> etree._Element:
    ppr = make("pPr")
    if style:
        sub(ppr, "pStyle", {"val": style})
    if keep_next:
        sub(ppr, "keepNext")
    if num is not None:
        _numpr(ppr, num)
    if rule_below:
        border = sub(ppr, "pBdr")
        sub(border, "bottom", {"val": "single", "sz": "6", "space": "1", "color": "BFC8D6"})
    if spacing:
        sub(ppr, "spacing", spacing)
    if indent is not None:
        sub(ppr, "ind", {"left": str(indent)})
    if align:
        sub(ppr, "jc", {"val": align})
    return ppr


def texts(element: etree._Element) -> Iterable[str]:
    """Every w:t text under `element`, in document order."""
    for t in element.iter(w("t")):
        if t.text:
            yield t.text
