"""The whole Word document: cover, table of contents, sections, header and footer."""

from __future__ import annotations

from copy import deepcopy

from lxml import etree

from prdkit.i18n import page_pieces
from prdkit.layout import LaidOutDocument
from prdkit.layout import build as lay_out
from prdkit.layout.blocks import Heading
from prdkit.model import Document
from prdkit.writers import RenderOptions
from prdkit.writers.docx.base import open_base
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.fields import field, fill_toc, toc_block
from prdkit.writers.docx.oxml import PLAIN, Look, body, inner, make, sub, w
from prdkit.writers.docx.package import Spool, save, set_properties, timestamp
from prdkit.writers.docx.palette import MARKS, MARKS_NOTE
from prdkit.writers.docx.render import render


def build(doc: Document, options: RenderOptions) -> bytes:
    """The .docx bytes of `doc`."""
    return build_layout(lay_out(doc, options.lang, options.digest), options)


def build_layout(laid: LaidOutDocument, options: RenderOptions) -> bytes:
    """The .docx bytes of a laid-out document."""
    base = open_base(options.reference_doc)
    b = Builder(base, laid, options.pictures, number_headings=options.number_headings is not False)
    sect_pr = base.document.element.body.find(w("sectPr"))
    cover(b, laid)
    page_break(b)
    toc_heading = b.styles.id("TOC Heading")
    toc = toc_block(b.label("ui.toc"), toc_heading, b.rpr(PLAIN, toc_heading))
    b.body.append(toc)
    page_break(b)
    head = b.body
    # Serialized and dropped at each heading, so the peak is the tree of one heading's
    # content, not the whole document's (a GiB at 5,000 requirements). Nothing looks back
    # past a heading (a drawing keeps the paragraphs since the last one with it).
    built = Spool()
    b.parts = built
    b.body = body(b.nsmap)
    for section in laid.sections:
        for block in section.blocks:
            if isinstance(block, Heading):
                b.flush()
            render(b, block)
    b.flush(last=True)
    b.parts = None
    if b.sections.leads:
        head.remove(head[-1])  # the section break ends the contents' page
    b.body = b.finished(head)
    toc_styles = {1: b.styles.id("toc 1"), 2: b.styles.id("toc 2")}
    toc_rprs = {level: b.rpr(PLAIN, style) for level, style in toc_styles.items()}
    fill_toc(toc[-1], b.toc, toc_styles, toc_rprs, b.label("ui.toc"))
    b.end_body()
    header_footer(b, laid, base.own, base.rendered)
    if sect_pr is not None:
        b.sections.resolve(sect_pr)  # the breaks around turned tables copy its page setup
    when = timestamp(laid.properties.date, options.timestamp)
    set_properties(base.document, laid.properties, laid.lang, when, b.label("ui.document"))
    last = body()
    if sect_pr is not None:
        last.append(sect_pr)  # the body's section properties stay last
    # Spliced into the serialized document rather than moved into its tree: lxml's move
    # is quadratic in the body's xml:space attributes (8.9 s at 12,000 requirements).
    return save(base.document, when, body=(b.serialized(head), built, inner(last)))


def page_break(b: Builder) -> None:
    """A paragraph holding a page break."""
    para = b.paragraph(b.body, "Normal", spacing={"after": "0"})
    sub(sub(para, "r"), "br", {"type": "page"})


def mark(b: Builder, laid: LaidOutDocument, para: etree._Element, size: int | None = None) -> bool:
    """Append the stamp of a draft, review or deprecated document to `para`; False if none.

    Approved documents carry no marking: a printout without one is the approved text.
    """
    marking = laid.properties.marking
    colors = MARKS.get(laid.properties.state)
    if marking is None or colors is None:
        return False
    look = Look(bold=True, color=colors[0], fill=colors[1], size=size)
    b.run(para, f"\u00a0{marking[0]}\u00a0", b.style_of(para), look)
    return True


def cover(b: Builder, laid: LaidOutDocument) -> None:
    """The title block and the document's key facts, under the stamp of a draft."""
    stamp = b.paragraph(b.body, "Normal", align="right", spacing={"after": "0"})
    if mark(b, laid, stamp, size=32):
        note = b.paragraph(b.body, "Normal", align="right")
        b.run(note, laid.properties.marking[1], b.style_of(note), Look(color=MARKS_NOTE))  # type: ignore[index]
    else:
        b.body.remove(stamp)
    b.paragraph(b.body, "Subtitle", b.label("ui.document"))
    b.paragraph(b.body, "Title", laid.properties.title)
    render(b, laid.cover)


def landscape_header(b: Builder, para: etree._Element) -> str:
    """A header part for the landscape pages, a copy of `para` with its tab stop at their
    right margin; its relationship id.

    A header part is shared by the sections that name it, and its paragraph's right tab
    stop, set by the style at the portrait text width, would leave the version in the
    middle of a landscape page.
    """
    part, rel_id = b.document.part.add_header_part()
    root = part.element
    for child in list(root):
        root.remove(child)
    copy = deepcopy(para)
    root.append(copy)
    tabs = make("tabs")
    for pos in b.styles.tab_stops("header"):
        sub(tabs, "tab", {"val": "clear", "pos": str(pos)})
    sub(tabs, "tab", {"val": "right", "pos": str(b.landscape)})
    copy.find(w("pPr")).find(w("pStyle")).addnext(tabs)
    return rel_id


def header_footer(b: Builder, laid: LaidOutDocument, own: bool, rendered: bool = False) -> None:
    """Title and version in the header, "page X of Y" in the footer; none on the cover.

    A reference document's own header and footer are kept; only missing ones are added.
    Those of a reference prdkit `rendered` are an earlier render's, made anew: kept, they
    said DRAFT on an approved document and gained a line at every render.
    """
    b.joins_ids = False  # their text is as written, as it always was
    section = b.document.sections[-1]
    if rendered:
        for part in (section.header, section.footer):
            part.is_linked_to_previous = True  # dropped: made below as for a blank document
        own = True
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
        b.run(para, "\t", style)
        if mark(b, laid, para):
            b.run(para, "  ", style)
        b.run(para, f"{b.label('field.version')} {props.version}", style)
        if b.sections.started:
            b.sections.header = landscape_header(b, para)
    else:
        # A reference document's own header stays; a draft still says so on every page.
        root = section.header._element
        para = b.paragraph(root, "header", align="right", spacing={"before": "60"})
        if not mark(b, laid, para):
            root.remove(para)
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
