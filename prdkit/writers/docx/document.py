"""The whole Word document: cover, table of contents, sections, header and footer."""

from __future__ import annotations

from collections.abc import Callable

from prdkit.i18n import SECTION_ORDER, page_pieces
from prdkit.model import Document
from prdkit.writers import RenderOptions
from prdkit.writers.docx import business, closing, delivery, governance, intro, requirements
from prdkit.writers.docx.base import open_base
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.common import badge_filler
from prdkit.writers.docx.fields import field, fill_toc, toc_block
from prdkit.writers.docx.oxml import PLAIN, Look, sub, w
from prdkit.writers.docx.package import save, set_properties, timestamp
from prdkit.writers.docx.tables import Table

# Section key → writer; each writes nothing when its section is absent or empty.
SECTIONS: dict[str, Callable[[Builder], None]] = {
    **intro.SECTIONS,
    **requirements.SECTIONS,
    **business.SECTIONS,
    **delivery.SECTIONS,
    **governance.SECTIONS,
    **closing.SECTIONS,
}


def build(doc: Document, options: RenderOptions) -> bytes:
    """The .docx bytes of `doc`."""
    lang = options.lang if options.lang in ("en", "zh") else "en"
    base = open_base(options.reference_doc)
    b = Builder(base, doc, lang)
    sect_pr = base.document.element.body.find(w("sectPr"))
    cover(b)
    page_break(b)
    toc = toc_block(b.label("ui.toc"), b.styles.id("TOC Heading"), b.rpr(PLAIN, None))
    b.body.append(toc)
    page_break(b)
    for key in SECTION_ORDER:
        if key in SECTIONS:  # a section this writer does not show is left out
            SECTIONS[key](b)
    toc_styles = {1: b.styles.id("toc 1"), 2: b.styles.id("toc 2")}
    fill_toc(toc[-1], b.toc, toc_styles, b.rpr(PLAIN, toc_styles[1]), b.label("ui.toc"))
    # One move of the whole built body: moving its children one by one is quadratic in lxml.
    old = base.document.element.body
    if sect_pr is not None:
        b.body.append(sect_pr)  # the body's section properties stay last
    old.getparent().replace(old, b.body)
    header_footer(b, base.own)
    when = timestamp(doc, options.timestamp)
    status = b.enum("status", doc.meta.status)
    set_properties(base.document, doc, lang, when, b.label("ui.document"), status)
    return save(base.document, when)


def page_break(b: Builder) -> None:
    """A paragraph holding a page break."""
    para = b.paragraph(b.body, "Normal", spacing={"after": "0"})
    sub(sub(para, "r"), "br", {"type": "page"})


def cover(b: Builder) -> None:
    """The title block and the document's key facts."""
    meta = b.doc.meta
    b.paragraph(b.body, "Subtitle", b.label("ui.document"))
    b.paragraph(b.body, "Title", meta.title)
    rows: list[tuple[str, object]] = [
        ("ui.document_id", meta.id),
        ("field.version", meta.version),
        ("field.status", badge_filler(b, "status", meta.status)),
        ("field.owner", meta.owner),
    ]
    if meta.authors:
        rows.append(("field.authors", b.comma.join(meta.authors)))
    if meta.created:
        rows.append(("field.created", meta.created))
    if meta.updated:
        rows.append(("field.updated", meta.updated))
    table = Table(b, b.body, [1, 2.6], width=b.width * 3 // 4)
    for key, value in rows:
        label = b.label(key)

        def fill(para, label=label) -> None:  # type: ignore[no-untyped-def]
            table.text(para, label, Look(bold=True, color="1F3864"))

        table.row([fill, value], fills=["EEF2F7", None])  # type: ignore[list-item]


def header_footer(b: Builder, own: bool) -> None:
    """Title and version in the header, "page X of Y" in the footer; none on the cover.

    A reference document's own header and footer are kept; only missing ones are added.
    """
    section = b.document.sections[-1]
    meta = b.doc.meta
    adding = section.header.is_linked_to_previous or section.footer.is_linked_to_previous
    if own or (adding and not section.different_first_page_header_footer):
        section.different_first_page_header_footer = True
        for part in (section.first_page_header, section.first_page_footer):
            part.is_linked_to_previous = False
            # The blank first-page parts come with a Header/Footer paragraph: a ruled line.
            for ppr in list(part._element.iter(w("pPr"))):
                ppr.getparent().remove(ppr)
    if section.header.is_linked_to_previous:
        header = section.header
        header.is_linked_to_previous = False
        root = header._element
        for child in list(root):
            root.remove(child)
        para = b.paragraph(root, "header")
        style = b.style_of(para)
        b.run(para, meta.title, style, Look(bold=True))
        b.run(para, f"\t{b.label('field.version')} {meta.version}", style)
    if section.footer.is_linked_to_previous:
        footer = section.footer
        footer.is_linked_to_previous = False
        root = footer._element
        for child in list(root):
            root.remove(child)
        para = b.paragraph(root, "footer")
        style = b.style_of(para)
        rpr = b.rpr(PLAIN, style)
        before, between, after = page_pieces(b.lang)
        if before:
            b.run(para, before, style)
        field(para, "PAGE", "1", rpr)
        if between:
            b.run(para, between, style)
        field(para, "NUMPAGES", "1", rpr)
        if after:
            b.run(para, after, style)
