"""Word fields: PAGE and NUMPAGES in the footer, and the table of contents with bookmarks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from prdkit.writers.docx.oxml import add_text, make, prototype, sub, w


def field(
    para: etree._Element,
    instruction: str,
    cached: str,
    rpr: etree._Element | None = None,
    *,
    dirty: bool = False,
) -> None:
    """Append a complex field (begin, instruction, separate, cached result, end) to `para`."""
    field_begin(para, instruction, rpr, dirty=dirty)
    result = sub(para, "r")
    if rpr is not None:
        result.append(rpr.__copy__())
    add_text(result, cached)
    field_end(para, rpr)


def field_begin(
    para: etree._Element,
    instruction: str,
    rpr: etree._Element | None = None,
    *,
    dirty: bool = False,
) -> None:
    """Append the begin, instruction and separate runs of a field whose result follows."""
    for kind in ("begin", "instr", "separate"):
        run = sub(para, "r")
        if rpr is not None:
            run.append(rpr.__copy__())
        if kind == "instr":
            text = sub(run, "instrText")
            text.text = f" {instruction} "
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            attrs = {"fldCharType": kind}
            if dirty and kind == "begin":
                attrs["dirty"] = "true"  # Word recomputes the field on open
            sub(run, "fldChar", attrs)


def field_end(para: etree._Element, rpr: etree._Element | None = None) -> None:
    """Append the run that closes a field."""
    run = sub(para, "r")
    if rpr is not None:
        run.append(rpr.__copy__())
    sub(run, "fldChar", {"fldCharType": "end"})


def bookmark(para: etree._Element, name: str, number: int) -> None:
    """Wrap the current content of `para` (after its pPr) in bookmark `name`."""
    ident = str(number)
    # Copies of prototypes, their attributes set in place: a third cheaper than making the
    # elements, for every heading and item row of a large file.
    start = _START_PROTO.__copy__()
    start.set(_ID, ident)
    start.set(_NAME, name)
    first = next(iter(para), None)  # a paragraph's pPr comes first
    if first is not None and first.tag == _PPR:
        para.insert(1, start)
    else:
        ppr = para.find(_PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            para.insert(0, start)
    end = _END_PROTO.__copy__()
    end.set(_ID, ident)
    para.append(end)


_START, _END, _PPR, _ID, _NAME = (
    w(tag) for tag in ("bookmarkStart", "bookmarkEnd", "pPr", "id", "name")
)
# Attributes in the order they are written (w:id, then w:name), declaring only w:.
_START_PROTO = prototype(make("bookmarkStart", {"id": "", "name": ""}))
_END_PROTO = prototype(make("bookmarkEnd", {"id": ""}))


@dataclass(frozen=True)
class TocEntry:
    """A heading the table of contents lists: level (1 or 2), text and bookmark."""

    level: int
    text: str
    anchor: str


TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


def fill_toc(
    content: etree._Element,
    entries: Sequence[TocEntry],
    styles: dict[int, str],
    rprs: dict[int, etree._Element | None],
    placeholder: str,
) -> None:
    """Fill a TOC w:sdtContent with a field whose cached result already lists `entries`,
    each in the style of its level and with that level's run properties (`rprs`).

    Word recomputes the field, page numbers included, on open (it is dirty and the settings
    ask for it). Applications that show the cached result instead (LibreOffice until the
    reader updates the index) get linked headings without page numbers: no guessed numbers
    and no dot leaders running to nothing.
    """
    if not entries:
        para = sub(content, "p")
        field(para, TOC_INSTRUCTION, placeholder, rprs[1], dirty=True)
        return
    last = len(entries) - 1
    for index, entry in enumerate(entries):
        rpr = rprs[entry.level]
        para = sub(content, "p")
        ppr = sub(para, "pPr")
        sub(ppr, "pStyle", {"val": styles[entry.level]})
        if index == 0:
            field_begin(para, TOC_INSTRUCTION, rpr, dirty=True)
        link = sub(para, "hyperlink", {"anchor": entry.anchor, "history": "1"})
        text_run = sub(link, "r")
        if rpr is not None:
            text_run.append(rpr.__copy__())
        add_text(text_run, entry.text)
        if index == last:
            field_end(para, rpr)


def toc_block(title: str, title_style: str, rpr: etree._Element | None) -> etree._Element:
    """A table-of-contents content control holding its title; `fill_toc` adds the entries."""
    sdt = make("sdt")
    sdt_pr = sub(sdt, "sdtPr")
    part = sub(sdt_pr, "docPartObj")
    sub(part, "docPartGallery", {"val": "Table of Contents"})
    sub(part, "docPartUnique")
    content = sub(sdt, "sdtContent")
    para = sub(content, "p")
    ppr = sub(para, "pPr")
    sub(ppr, "pStyle", {"val": title_style})
    run = sub(para, "r")
    if rpr is not None:
        run.append(rpr.__copy__())
    add_text(run, title)
    return sdt
