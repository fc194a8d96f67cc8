"""The Markdown writer: a GitHub-ready document with tables, traceability and Mermaid diagrams.

It renders the document layer (`prdkit.layout`): `render` maps block kinds to functions,
`context` maps cell kinds to functions and holds one render's state. Below them, `text` and
`inline` escape and re-render inline Markdown (`delimiters` decides where an emphasis may be
written), `blocks` re-renders the source's Markdown fields, `tables` writes GFM tables,
`anchors` gives GitHub heading anchors and `mermaid` draws diagrams and timelines.
"""

from __future__ import annotations

from prdkit.images.pictures import NO_PICTURES, Pictures
from prdkit.layout import LaidOutDocument, build
from prdkit.model import Document
from prdkit.writers import RenderOptions
from prdkit.writers.markdown.blocks import MD029_OFF
from prdkit.writers.markdown.context import Context
from prdkit.writers.markdown.render import BLOCKS
from prdkit.writers.markdown.text import escape

__all__ = ["render", "render_layout", "write"]


def _contents(ctx: Context) -> list[str]:
    lines = []
    for heading in ctx.outline.headings:
        if heading.in_toc and heading.level in (2, 3):
            indent = "  " * (heading.level - 2)
            text = escape(heading.text, autolink=False)  # link text holds no other link
            lines.append(f"{indent}- [{text}](#{heading.anchor})")
    return lines


def render_layout(
    laid: LaidOutDocument, pictures: Pictures = NO_PICTURES, *, number_headings: bool = False
) -> str:
    """The Markdown text of a laid-out document, its headings numbered if asked;
    `pictures` are the checked pictures."""
    from prdkit.i18n import label

    ctx = Context(laid.punct, pictures, laid.lang if number_headings else None)
    ctx.heading(1, laid.title, toc=False)
    if laid.properties.marking is not None:  # what the Word file stamps on every page
        ctx.add([f"> **{escape(laid.properties.marking[1])}**"])
    BLOCKS[type(laid.cover)](ctx, laid.cover)
    # The contents heading comes before every section, so it takes its anchor first.
    ctx.heading(2, label("ui.toc", laid.lang), toc=False)
    contents_at = len(ctx.blocks)
    for section in laid.sections:
        for block in section.blocks:
            BLOCKS[type(block)](ctx, block)
    ctx.blocks.insert(contents_at, _contents(ctx))
    if ctx.fields.renumbered:  # under the title: markdownlint wants a heading first (MD041)
        ctx.blocks.insert(1, [MD029_OFF])
    text = "\n\n".join("\n".join(block) for block in ctx.blocks if block)
    return ctx.resolve(text) + "\n"


def render(
    doc: Document,
    lang: str,
    pictures: Pictures = NO_PICTURES,
    *,
    number_headings: bool = False,
    digest: str | None = None,
) -> str:
    """The Markdown text of `doc` with headings and labels in `lang`, numbered if asked."""
    return render_layout(build(doc, lang, digest), pictures, number_headings=number_headings)


def write(doc: Document, options: RenderOptions) -> bytes:
    """The document as UTF-8 Markdown (LF line ends, one final newline): same input, same bytes."""
    # Markdown headings are numbered only when asked outright: numbers change GitHub's anchors.
    numbered = options.number_headings is True
    text = render(
        doc, options.lang, options.pictures, number_headings=numbered, digest=options.digest
    )
    return text.encode("utf-8")
