"""The HTML writer: one self-contained page per PRD.

Inline CSS, diagrams as inline SVG, pictures as data URIs (each picture's bytes once),
no script, and a Content-Security-Policy that forbids requests to any host: the page reads
the same opened from a mail attachment, a static site or a file share. `blocks` maps block
kinds to functions, `context` maps cell kinds and holds one render's state, `richtext`
renders the source's Markdown fields, `pictures` places the pictures, `assets` reads those
of an unchecked document, `style` is the stylesheet.
"""

from __future__ import annotations

from html import escape

from prdkit.i18n import label, page_pieces
from prdkit.layout import LaidOutDocument, build
from prdkit.model import Document
from prdkit.writers import RenderOptions
from prdkit.writers.html.blocks import BLOCKS
from prdkit.writers.html.context import Context
from prdkit.writers.html.longwords import break_long_words, cut_at
from prdkit.writers.html.pictures import PageTooLarge
from prdkit.writers.html.style import BASE_CSS, MARK_CSS, PAGE_CSS, TONE_CSS, print_page_css

__all__ = ["CSP", "PageTooLarge", "render_page", "write"]

# Nothing may be fetched: styles are inline, pictures are data URIs, there is no script.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def write(doc: Document, options: RenderOptions) -> bytes:
    """The document as one UTF-8 HTML page: same input, same bytes."""
    return render_page(doc, options)


def render_page(
    doc: Document, options: RenderOptions, media: str = "screen", limit: int | None = None
) -> bytes:
    """The page of `doc`; `media="print"` is the variant the PDF writer lays out.

    `PageTooLarge` instead of a page over `limit` bytes, found before the page is made.
    """
    laid = build(doc, options.lang, options.digest)
    shared = media == "screen"  # WeasyPrint follows no `<use>` between inline pictures
    numbered = options.number_headings is not False  # as in Word: only when turned off
    ctx = Context(laid.lang, laid.punct, options.source_dir, options.pictures, shared, numbered)
    front, sections = _body(ctx, laid)
    page = _page(laid, ctx, front, sections, media)
    if media == "print":  # a browser measures long words in linear time; WeasyPrint does not
        head = escape(running_head(laid.title))
        page = page.replace('<h1 class="title" ', f'<h1 class="title" data-head="{head}" ', 1)
        page = break_long_words(page)
    return ctx.pictures.page(page, limit)


HEAD_LONGEST = 160  # characters of the title the running head shows: three lines at most


def running_head(title: str) -> str:
    """The title as the printed page's head shows it: cut after `HEAD_LONGEST` characters
    (never inside a letter with its accents, an emoji or a flag), marked with an ellipsis.

    The head repeats on every page, and WeasyPrint measures its text again on each in time
    growing with the square of its longest word: a title of one 5,000-letter word took
    minutes a page. The cover shows the title whole.
    """
    title = " ".join(title.split())
    if len(title) <= HEAD_LONGEST:
        return title
    return title[: cut_at(title, HEAD_LONGEST)].rstrip() + "…"


def _body(ctx: Context, laid: LaidOutDocument) -> tuple[str, str]:
    """The title with its key facts, and the sections (references resolved in both)."""
    marking = laid.properties.marking
    if marking is not None:  # a draft says so above its title, and on every printed page
        state = escape(laid.properties.state)
        ctx.add(
            f'<p class="stamp"><strong class="stamp-word stamp-{state}">{escape(marking[0])}'
            f'</strong><span class="stamp-note">{escape(marking[1])}</span></p>'
        )
    ctx.heading(1, laid.title, None, toc=False)
    ctx.parts[-1] = ctx.parts[-1].replace("<h1 ", '<h1 class="title" ', 1)
    start = len(ctx.parts)
    BLOCKS[type(laid.cover)](ctx, laid.cover)
    if len(ctx.parts) > start:
        ctx.parts[start] = f'<div class="cover">{ctx.parts[start]}</div>'
    # The contents heading takes its anchor before every section, as in the Markdown.
    ctx.outline.add(2, label("ui.toc", laid.lang), toc=False)
    front = len(ctx.parts)
    for section in laid.sections:
        ctx.add(f'<section class="section section-{escape(section.key)}">')
        for block in section.blocks:
            BLOCKS[type(block)](ctx, block)
        ctx.add("</section>")
    return (
        ctx.resolve("\n".join(ctx.parts[:front])),
        ctx.resolve("\n".join(ctx.parts[front:])),
    )


def _contents(ctx: Context, lang: str, printed: bool = False) -> str:
    """The contents: a sidebar on a screen; `printed`, a page of entries with their page
    numbers, each cut as the running head is (see `running_head`): WeasyPrint laid out an
    entry of one 24,000-character title in memory growing with its square (1.2 GB)."""
    items: list[str] = []
    open_sub = False
    for level, text, ident in ctx.toc:
        shown = running_head(text) if printed else text
        link = f'<a href="#{escape(ident)}">{escape(shown)}</a>'
        if level == 2:
            if open_sub:
                items.append("</ol></li>")
                open_sub = False
            elif items:
                items.append("</li>")
            items.append(f"<li>{link}")
        else:
            if not open_sub:
                items.append("<ol>")
                open_sub = True
            items.append(f"<li>{link}</li>")
    if open_sub:
        items.append("</ol>")
    if items:
        items.append("</li>")
    title = escape(label("ui.toc", lang))
    return f'<nav class="toc" aria-label="{title}"><h2>{title}</h2><ol>{"".join(items)}</ol></nav>'


def _page(laid: LaidOutDocument, ctx: Context, front: str, sections: str, media: str) -> str:
    """The whole page. On screen the contents are a sidebar; in print they follow the title."""
    props = laid.properties
    html_lang = "zh-CN" if laid.lang == "zh" else "en"
    css = BASE_CSS + TONE_CSS + MARK_CSS + PAGE_CSS + print_page_css(*page_pieces(laid.lang))
    meta = [
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="prdkit">',
    ]
    if props.owner:
        meta.append(f'<meta name="author" content="{escape(props.owner)}">')
    if props.date:
        meta.append(f'<meta name="dcterms.modified" content="{escape(props.date)}">')
    title = f"{props.title} {props.version}".strip()
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html_lang}" class="media-{escape(media)}">',
            "<head>",
            *meta,
            f"<title>{escape(title)}</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            *filter(None, [ctx.pictures.definitions()]),
            '<div class="layout">',
            *(
                [_contents(ctx, laid.lang), f"<main>\n{front}\n{sections}\n</main>"]
                if media == "screen"
                else [
                    f"<main>\n{front}\n{_contents(ctx, laid.lang, printed=True)}\n{sections}"
                    "\n</main>"
                ]
            ),
            "</div>",
            "</body>",
            "</html>",
            "",
        ]
    )
