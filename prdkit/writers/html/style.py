"""The stylesheet every HTML page of prdkit carries inline (no request to any other host).

Screen: a sticky contents sidebar beside the text, tables that scroll sideways on a phone.
Print (and the PDF made from the same page): A4, each top-level section on a new page, the
contents with page numbers, the title and "page X of Y" in the margins.
"""

from __future__ import annotations

from prdkit.writers.docx.palette import MARKS, MARKS_NOTE

# Latin faces first, then a Simplified Chinese face so CJK text never falls back to a
# Japanese one; Noto Sans CJK SC is what Linux machines (and the PDF writer) have.
FONT_STACK = (
    '"Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK SC", '
    '"Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
ZH_FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"Segoe UI", Arial, sans-serif'
)
MONO_STACK = '"SFMono-Regular", Consolas, "Liberation Mono", "Noto Sans Mono", monospace'

# Tones of the layer's cells (`layout.cells.Tone`) as (text colour, fill), the same colours
# as the Word writer's badges.
TONES: dict[str, tuple[str, str]] = {
    "bad": ("#B42318", "#FDE7E4"),
    "warn": ("#8A5300", "#FEF0C7"),
    "good": ("#1E6B34", "#DDF1E1"),
    "info": ("#1F5F99", "#DCEBF8"),
    "muted": ("#4D4D4D", "#EBEDF0"),
    "gap": ("#B42318", "#FFFFFF"),
}

TONE_CSS = "".join(
    f".tone-{name} {{ color: {fg}; background: {bg}; }}\n" for name, (fg, bg) in TONES.items()
)

# The stamp of a draft, a document in review or a deprecated one, in the Word writer's
# colours (an approved document carries none).
MARK_CSS = (
    ".stamp { text-align: right; margin: 0; }\n"
    ".stamp-word { display: inline-block; padding: .1em .6em; font-size: 1.4rem; "
    "letter-spacing: .05em; string-set: doc-mark content(); }\n"
    f".stamp-note {{ display: block; color: #{MARKS_NOTE}; font-size: .9rem; }}\n"
    + "".join(
        f".stamp-{name} {{ color: #{fg}; background: #{bg}; }}\n"
        for name, (fg, bg) in MARKS.items()
    )
)

BASE_CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; }}
body {{ margin: 0; font-family: {FONT_STACK}; font-size: 16px; line-height: 1.6;
  color: #1f2328; background: #fff; overflow-wrap: break-word; }}
:lang(zh) body, body:lang(zh) {{ font-family: {ZH_FONT_STACK}; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; min-width: 0; }}
h1, h2, h3, h4, h5, h6 {{ line-height: 1.3; margin: 1.6em 0 .6em; }}
h1 {{ font-size: 1.9rem; margin-top: .4em; }}
h2 {{ font-size: 1.5rem; padding-bottom: .25em; border-bottom: 1px solid #d8dee4; }}
h3 {{ font-size: 1.2rem; }}
h4 {{ font-size: 1.05rem; }}
a {{ color: #0b5cad; }}
code, pre {{ font-family: {MONO_STACK}; font-size: .9em; }}
code {{ background: #f3f4f6; padding: .1em .3em; border-radius: 4px; }}
pre {{ background: #f6f8fa; padding: .8em 1em; overflow-x: auto; border-radius: 6px; }}
pre code {{ background: none; padding: 0; }}
blockquote {{ margin: 0 0 1em; padding: 0 1em; color: #57606a; border-left: 4px solid #d0d7de; }}
.table-wrap {{ overflow-x: auto; margin: 0 0 1.2em; }}
table {{ border-collapse: collapse; width: 100%; font-size: .92em; }}
th, td {{ border: 1px solid #d0d7de; padding: .35em .6em; text-align: left; vertical-align: top; }}
thead th {{ background: #f6f8fa; }}
td p {{ margin: 0 0 .4em; }} td p:last-child {{ margin-bottom: 0; }}
td ul, td ol {{ margin: 0; padding-left: 1.2em; }}
/* Ids and dates read whole (REQ-/001 or 2026-/10-05 at a line end reads as two things);
   a list of references breaks between them. A table too wide for them scrolls. */
td.col-id, td.col-date, td.col-ref a {{ white-space: nowrap; }}
/* CJK text may break between any two characters: squeezed by the whole ids beside it, a
   column of it read a character a line (点/击/发/起). A short name, label or header stays
   whole, in print too: there a table is put on a landscape page, in smaller type if need
   be, by an estimate that already counts these whole (see `turned`), and a long address
   beside them had printed 文/本 and 类/型 a character a line. On a screen, where a table
   too wide scrolls, running text also keeps a few characters a line. */
th.whole, td.whole {{ white-space: nowrap; }}
@media screen {{
  td.col-text, td.col-markdown {{ min-width: 6em; }}
  /* What scrolls sideways on its own adds no width to the page: otherwise the text column
     beside the contents grew to the widest table's least width (839 px in 752 at 1024 px)
     and the whole page scrolled, its text cut at the edge. */
  .table-wrap, pre, figure.diagram {{ contain: inline-size; }}
  /* In a table's cell they still size their column. */
  td .table-wrap, td pre, td figure.diagram {{ contain: none; }}
}}
/* A web address breaks anywhere rather than widen its column past the page: a link's, or
   one written as plain text (span.url; "break-word" would not count in the column's least
   width, so a long one pushed its table onto a landscape page). */
td a[href^="http"], td a[href^="mailto:"], td .url {{ overflow-wrap: anywhere; }}
.chip {{ display: inline-block; padding: .05em .55em; border-radius: 999px; font-size: .85em;
  font-weight: 600; white-space: nowrap; }}
.source {{ color: #57606a; font-size: .85em; }}
.invalid {{ color: #b42318; margin: .2em 0; font-weight: 600; }}
"""

# The document page: sidebar + text on a wide screen, one column on a phone, print layout.
PAGE_CSS = """
.layout { display: grid; grid-template-columns: minmax(13rem, 17rem) minmax(0, 1fr); }
nav.toc { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto;
  padding: 1.5rem 1rem 2rem 1.25rem; border-right: 1px solid #d8dee4; background: #fafbfc;
  font-size: .9rem; }
nav.toc h2 { font-size: 1rem; margin: 0 0 .6rem; border: 0; padding: 0; }
nav.toc ol { list-style: none; margin: 0; padding: 0; }
nav.toc ol ol { padding-left: .9rem; }
nav.toc li { margin: .15rem 0; }
nav.toc a { color: #1f2328; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.cover { border: 1px solid #d8dee4; border-radius: 8px; padding: .8rem 1rem; margin: 1rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
  margin: 0 0 1em; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; min-width: 0; }
dl.facts dd p { margin: 0; }
.field-label { font-weight: 600; margin: .8em 0 .2em; }
.matrix td.hl, .matrix th.hl { background: #f1f8ff; }
.heat-0 { background: #eef7ee; } .heat-1 { background: #fdf5dc; } .heat-2 { background: #fde7e4; }
.note { font-size: .88em; color: #57606a; margin: -.6em 0 1.2em; }
figure.diagram { margin: 1em 0 1.5em; overflow-x: auto; }
figure.diagram svg { max-width: 100%; height: auto; }
figure.diagram figcaption, figure.image figcaption { font-size: .88em; color: #57606a; }
figure.image { margin: 1em 0; }
/* A tall prototype (a phone screenshot) keeps to the screen's height, aspect kept. */
figure.image img, figure.image svg.picture { max-height: 70vh; width: auto; }
img, svg.picture { max-width: 100%; height: auto; }
/* A picture on the line of the words before it ("2. See the screen" and a phone screen):
   the words sit at its top, by their list number, not at its foot. */
p > img, li > img, p > svg.picture, li > svg.picture { vertical-align: top; }
/* A page's screens side by side, as a PRD shows them; a wide picture takes the row. */
.figures { display: flex; flex-wrap: wrap; gap: 0 1.5em; justify-content: center;
  align-items: flex-start; margin: 1em 0; }
.figures figure.image { margin: 0 0 .8em; flex: 0 1 auto; min-width: 0; max-width: 100%;
  text-align: center; }
.figures figure.image img, .figures figure.image svg.picture { max-height: 60vh; }
/* A picture shown at several places: defined once, hidden, and drawn by each svg.picture. */
svg.pictures { position: absolute; width: 0; height: 0; }
ol.graph { font-size: .92em; }
.timeline td.bar-cell { min-width: 12rem; }
.bar { position: relative; height: 1rem; background: #f3f4f6; border-radius: 3px; }
.bar span { position: absolute; top: 0; bottom: 0; border-radius: 3px; background: #8ea9cf; }
.bar span.marker { width: .6rem !important; background: #1f2328;
  transform: rotate(45deg) scale(.7); }
.timeline .axis { display: flex; justify-content: space-between; font-size: .8em; color: #57606a; }
@media (max-width: 900px) {
  .layout { display: block; }
  nav.toc { position: static; max-height: none; border-right: 0; border-bottom: 1px solid #d8dee4; }
  main { padding: 1rem .9rem 3rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .4rem; }
}
@media (max-width: 600px) {
  figure.diagram svg { max-width: none; width: min(var(--w, 100%), 200vw); }
}
@media print {
  body { font-size: 10.5pt; }
  .layout { display: block; }
  nav.toc { position: static; max-height: none; overflow: visible; border: 0; background: none;
    padding: 0; font-size: 10.5pt; break-after: page; }
  nav.toc a::after { content: leader(".") target-counter(attr(href), page); }
  main { max-width: none; padding: 0; }
  section.section { break-before: page; }
  h1, h2, h3, h4 { break-after: avoid; }
  tr, figure, img, svg { break-inside: avoid; }
  /* A table wider than the page (forty columns of a Markdown table, a landscape page too
     narrow) breaks a word where it must rather than lose its last columns past the page's
     edge: the page cannot scroll. Only a word wider than its column: "anywhere" let the
     table narrow its columns below their words, and "Kind" printed as "Kin" and "d". */
  th, td { overflow-wrap: break-word; }
  /* Nor can a code block scroll: its long lines wrap, a token breaking at the edge. */
  pre { white-space: pre-wrap; overflow-wrap: break-word; overflow-x: visible; }
  /* A picture cannot be cut between pages: one taller than a page (a phone's whole
     screen, scaled to the text width) is shrunk to fit one; in the cover's grid, WeasyPrint
     could not lay it out at all. */
  img, svg.picture { max-height: 225mm; width: auto; }
  .figures figure.image img, .figures figure.image svg.picture { max-height: 120mm; }
  /* A flow drawn taller than what is left under its heading and actors moved whole to the
     next page, leaving the heading alone on one: it is shrunk to fit under them. */
  figure.diagram svg { max-height: 195mm; width: auto; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  h1.title { string-set: doc-title attr(data-head); }
}
"""


def print_page_css(footer_before: str, footer_between: str, footer_after: str) -> str:
    """The `@page` rules: A4, the title at the top, "page X of Y" in the language's words."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    # The margin boxes take their font from the root, not the body: the title and the page
    # numbers were in the serif default.
    return (
        f"html {{ font-family: {FONT_STACK}; }} html:lang(zh) {{ font-family: {ZH_FONT_STACK}; }}\n"
        # A table too wide for a portrait page (see `turned`) prints on a landscape one.
        # Its short names and labels may still wrap there: one too wide even for that page
        # would otherwise run past its edge, cut off.
        "@page turned { size: A4 landscape; }\n"
        ".turned { page: turned; }\n"
        # Even too wide for that page: smaller type and padding, in steps (see `turned`).
        ".dense-1 table { font-size: 0.8em; }\n"
        ".dense-2 table { font-size: 0.65em; }\n"
        ".dense-3 table { font-size: 0.5em; }\n"
        # Only there may a word break anywhere: a table of long words too wide even in the
        # smallest type loses its last columns past the edge otherwise.
        ".dense-1 th, .dense-1 td, .dense-2 th, .dense-2 td, .dense-3 th, .dense-3 td"
        " { padding: .2em .25em; overflow-wrap: anywhere; }\n"
        # Too wide even in the smallest type to keep short names whole (see `SPILL`): they
        # wrap too rather than run past the page's edge. A screen scrolls instead.
        "@media print { .spill th.whole, .spill td.whole { white-space: normal; } }\n"
        "@page { size: A4; margin: 20mm 16mm 18mm;"
        # A title of one long word wraps in its box rather than run off both edges and
        # over the mark beside it: the box may then be narrower than the word.
        " @top-center { content: string(doc-title); font-size: 8.5pt; color: #57606a;"
        " overflow-wrap: anywhere; }"
        " @top-right { content: string(doc-mark); font-size: 8.5pt; font-weight: bold;"
        " color: #B42318; }"
        " @bottom-center { content: "
        f"{quoted(footer_before)} counter(page) {quoted(footer_between)} counter(pages)"
        f" {quoted(footer_after)}; font-size: 8.5pt; color: #57606a; }} }}\n"
    )
