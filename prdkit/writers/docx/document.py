"""The whole Word document: cover, table of contents, sections, header and footer."""

from __future__ import annotations

from prdkit.i18n import page_pieces
from prdkit.layout import LaidOutDocument
from prdkit.layout import build as lay_out
from prdkit.model import Document
from prdkit.writers import RenderOptions
from prdkit.writers.docx.base import open_base
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.fields import field, fill_toc, toc_block
from prdkit.writers.docx.oxml import PLAIN, Look, sub, w
from prdkit.writers.docx.package import save, set_properties, timestamp
from prdkit.writers.docx.render import render


def build(doc: Document, options: RenderOptions) -> bytes:
    """The .docx bytes of `doc`."""
    return build_layout(lay_out(doc, options.lang), options)


def build_layout(laid: LaidOutDocument, options: RenderOptions) -> bytes:
    """The .docx bytes of a laid-out document."""
    base = open_base(options.reference_doc)
    b = Builder(base, laid, options.pictures)
    sect_pr = base.document.element.body.find(w("sectPr"))
    cover(b, laid)
    page_break(b)
    toc = toc_block(b.label("ui.toc"), b.styles.id("TOC Heading"), b.rpr(PLAIN, None))
    b.body.append(toc)
    page_break(b)
    for section in laid.sections:
        for block in section.blocks:
            render(b, block)
    toc_styles = {1: b.styles.id("toc 1"), 2: b.styles.id("toc 2")}
    fill_toc(toc[-1], b.toc, toc_styles, b.rpr(PLAIN, toc_styles[1]), b.label("ui.toc"))
    # One move of the whole built body: moving its children one by one is quadratic in lxml.
    old = base.document.element.body
    if sect_pr is not None:
        b.body.append(sect_pr)  # the body's section properties stay last
    old.getparent().replace(old, b.body)
    header_footer(b, laid, base.own)
    when = timestamp(laid.properties.date, options.timestamp)
    set_properties(base.document, laid.properties, laid.lang, when, b.label("ui.document"))
    return save(base.document, when)


def page_break(b: Builder) -> None:
    """A paragraph holding a page break."""
    para = b.paragraph(b.body, "Normal", spacing={"after": "0"})
    sub(sub(para, "r"), "br", {"type": "page"})


def cover(b: Builder, laid: LaidOutDocument) -> None:
    """The title block and the document's key facts."""
    b.paragraph(b.body, "Subtitle", b.label("ui.document"))
    b.paragraph(b.body, "Title", laid.properties.title)
    render(b, laid.cover)


def header_footer(b: Builder, laid: LaidOutDocument, own: bool) -> None:
    """Title and version in the header, "page X of Y" in the footer; none on the cover.

    A reference document's own header and footer are kept; only missing ones are added.
    """
    section = b.document.sections[-1]
    props = laid.properties
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
        b.run(para, props.title, style, Look(bold=True))
        b.run(para, f"\t{b.label('field.version')} {props.version}", style)
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
