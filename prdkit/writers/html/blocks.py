"""Blocks of the document layer as HTML: one small function per block kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import escape

from prdkit.diagrams.measure import short_cjk
from prdkit.images.pictures import is_remote
from prdkit.layout.blocks import (
    Column,
    Diagram,
    Facts,
    Figure,
    Figures,
    Heading,
    Items,
    Matrix,
    Note,
    RichText,
    Schedule,
    Table,
)
from prdkit.layout.cells import Enum, Markdown, Text, is_empty
from prdkit.richtext import safe_link
from prdkit.writers.html.context import Context
from prdkit.writers.html.diagram import diagram_html
from prdkit.writers.html.turned import turn_tables, turned, turned_matrix

__all__ = ["BLOCKS"]

# The document title is the page's only h1: layer level n is written as h(n + 1).
SHIFT = 1


def _heading(ctx: Context, block: Heading) -> None:
    text = f"{block.item} {block.text}" if block.item else block.text
    ctx.heading(block.level + SHIFT, text, block.anchor, block.toc, block.item)


def _facts(ctx: Context, block: Facts) -> None:
    rows = [
        f'<dt>{escape(label)}</dt><dd dir="auto">{ctx.cell(cell)}</dd>'
        for label, cell in block.rows
        if not is_empty(cell)
    ]
    if rows:
        css = "facts boxed" if block.boxed else "facts"
        ctx.add(f'<dl class="{css}">' + "".join(rows) + "</dl>")


def _rich_text(ctx: Context, block: RichText) -> None:
    if not block.source.strip():
        return
    if block.label is not None:
        ctx.add(f'<p class="field-label">{ctx.label(block.label)}</p>')
    html = turn_tables(ctx.fields.field(block.source, block.level + SHIFT))
    start = html.find('<div class="turned')
    before = html[:start]
    if start >= 0 and len(before) <= _SHORT_HTML and not _HEAVY.search(before):
        # The field's first turned table takes the sentence introducing it and, back to
        # the heading it is under, what stands since (as a table of the document's own).
        opened = html.index(">", start) + 1
        html = html[start:opened] + _take_lead_in(ctx.parts) + before + html[opened:]
    ctx.add(html)


def _items(ctx: Context, block: Items) -> None:
    if block.label is not None:
        ctx.add(f'<p class="field-label">{ctx.label(block.label)}</p>')
    items = []
    for item in block.items:
        if item is None:
            continue
        if isinstance(item, Markdown):
            html = ctx.fields.field(item.source, block.level + SHIFT)
        else:
            html = ctx.cell(item)
        if html:
            items.append(f'<li dir="auto">{html}</li>')
    if items:
        tag = "ol" if block.ordered else "ul"
        ctx.add(f"<{tag}>" + "".join(items) + f"</{tag}>")


def _th(column: Column) -> str:
    whole = " whole" if short_cjk(column.label, header=True) else ""
    return f'<th scope="col" class="col-{column.kind}{whole}">{escape(column.label)}</th>'


def _td(ctx: Context, column: Column, cell: object) -> str:
    # dir="auto": a cell of Arabic or Hebrew text reads right to left (ids and numbers, with
    # no strong letter, keep the page's direction).
    html = ctx.cell(cell)  # type: ignore[arg-type]
    # A short CJK name or label stays on one line, as in Word (see `short_cjk`).
    text = cell.text if isinstance(cell, Text) else cell.label if isinstance(cell, Enum) else ""
    whole = " whole" if text and short_cjk(text) else ""
    return f'<td class="col-{column.kind}{whole}" dir="auto">{html}</td>'


def _row(ctx: Context, columns: tuple[Column, ...], cells: tuple[object, ...]) -> str:
    return "".join(_td(ctx, col, cell) for col, cell in zip(columns, cells, strict=False))


def _table(ctx: Context, block: Table) -> None:
    head = "".join(_th(c) for c in block.columns)
    body = "".join(f"<tr>{_row(ctx, block.columns, row)}</tr>" for row in block.rows)
    foot = ""
    if block.total is not None:
        foot = f"<tfoot><tr>{_row(ctx, block.columns, block.total)}</tr></tfoot>"
    html = (
        '<div class="table-wrap"><table>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>"
    )
    classes = turned(block)
    if not classes:
        ctx.add(html)
        return
    _turn(ctx, html, classes)


def _turn(ctx: Context, html: str, classes: str) -> None:
    """Add `html`, a table too wide for a portrait page (see `turned`), on landscape pages
    in print."""
    # Printed on a landscape page of its own, with the heading it is under and the few
    # pieces since it ("Priority: must", "Routing by channel:"; so none is left at the foot
    # of the page before) and the legend under it (see `_note`). What little stands between
    # it and the turned table before stays on their landscape pages rather than make a
    # portrait page of its own, all but empty.
    parts = ctx.parts
    since = next((n for n in range(1, _SHORT_PARTS + 2) if parts[-n:][:1] == [TURNED_END]), 0)
    between = parts[len(parts) - since + 1 :] if since else []
    # Within one section: the next starts a page of its own anyway.
    if since and sum(map(len, between)) <= _SHORT_HTML and not any(map(_SECTION.match, between)):
        del parts[-since]
        ctx.add(html if classes == "turned" else f'<div class="{classes[7:]}">{html}</div>')
    else:
        ctx.add(f'<div class="{classes}">{_take_lead_in(parts)}{html}')
    ctx.add(TURNED_END)


def _take_lead_in(parts: list[str]) -> str:
    """The last of `parts` that go with a turned table, taken out of them: back to the
    heading it is under, when what stands since it is short and holds no picture, table or
    section break; none otherwise."""
    size = 0
    for count in range(1, min(len(parts), _SHORT_PARTS) + 1):
        part = parts[-count]
        if _HEADING.match(part):
            taken = "".join(parts[-count:])
            del parts[-count:]
            return taken
        size += len(part)
        if size > _SHORT_HTML or part == TURNED_END or _SECTION.match(part) or _HEAVY.search(part):
            return ""
    return ""


# The end of a turned table's page: a legend right after it goes in before it.
TURNED_END = "</div><!-- turned -->"
_HEADING = re.compile(r"<h[1-6][ >]")
_SECTION = re.compile(r"</?section[ >]")
_HEAVY = re.compile(r"<(?:img|svg|table|figure)[ >]")  # a picture or a table keeps its page
# What is short enough between two turned tables to go on their landscape pages: a few
# pieces (a heading and a paragraph or a small table) of a few lines' HTML.
_SHORT_PARTS = 4
_SHORT_HTML = 4000


def _matrix(ctx: Context, block: Matrix) -> None:
    def hl(i: int) -> str:
        return ' class="hl"' if block.highlight == i else ""

    head = f'<th scope="col">{escape(block.corner)}</th>' + "".join(
        f'<th scope="col"{hl(i)}>{ctx.cell(c)}</th>' for i, c in enumerate(block.columns)
    )
    rows = []
    for r, (header, cells) in enumerate(block.rows):
        tds = []
        for i, cell in enumerate(cells):
            css = hl(i)
            if block.heat:
                rank = r + i
                css = f' class="heat-{0 if rank < 2 else 1 if rank == 2 else 2}"'
            tds.append(f"<td{css}>{ctx.cell(cell)}</td>")
        rows.append(f'<tr><th scope="row">{ctx.cell(header)}</th>{"".join(tds)}</tr>')
    html = (
        '<div class="table-wrap"><table class="matrix">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    classes = turned_matrix(block)
    if classes:
        _turn(ctx, html, classes)
    else:
        ctx.add(html)


def _note(ctx: Context, block: Note) -> None:
    lines = ["".join(ctx.cell(c) for c in line) for line in block.lines]
    note = '<p class="note" dir="auto">' + "<br>".join(lines) + "</p>"
    if ctx.parts and ctx.parts[-1] == TURNED_END:  # a turned table's legend stays with it
        ctx.parts.insert(len(ctx.parts) - 1, note)
        return
    ctx.add(note)


def _diagram(ctx: Context, block: Diagram) -> None:
    ctx.add(diagram_html(block.graph, block.title, ctx.lang))


def _day(text: str) -> int | None:
    try:
        return date.fromisoformat(text).toordinal()
    except ValueError:
        return None


def _schedule(ctx: Context, block: Schedule) -> None:
    days = [d for t in block.tasks for d in (_day(t.due), _day(t.start or t.due)) if d]
    if not days:
        return
    first, last = min(days), max(days)
    span = max(1, last - first)
    rows = []
    for task in block.tasks:
        due = _day(task.due)
        start = _day(task.start) if task.start else None
        if due is None:
            continue
        left = ((start if start is not None else due) - first) / span * 100
        width = max(0.8, ((due - start) / span * 100) if start is not None else 0.8)
        css = "" if start is not None else ' class="marker"'
        name = escape(task.name)
        if task.anchor:
            name = f"\x00ref:{task.anchor}\x01{task.name}\x00"
        bar = (
            f'<div class="bar" role="img" aria-label="{escape(task.start or "")} – '
            f'{escape(task.due)}"><span{css} style="left:{left:.2f}%;width:{width:.2f}%">'
            "</span></div>"
        )
        rows.append(
            f"<tr><td><code>{escape(task.id)}</code> {name}</td>"
            f'<td class="bar-cell">{bar}</td></tr>'
        )
    axis = (
        f'<div class="axis"><span>{date.fromordinal(first).isoformat()}</span>'
        f"<span>{date.fromordinal(last).isoformat()}</span></div>"
    )
    ctx.add(
        f'<div class="table-wrap timeline"><table><caption>{escape(block.title)}</caption>'
        f'<thead><tr><th scope="col">{escape(block.lane)}</th><th scope="col">{axis}</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _figure(ctx: Context, block: Figure) -> None:
    alt = escape(block.alt)
    url = safe_link(block.src) if is_remote(block.src) else None
    if url is not None:  # never fetched: a link the reader may follow
        picture = f'<a href="{escape(url)}" rel="noopener noreferrer">{alt}</a>'
    else:
        shown = ctx.pictures.show(block.src, block.alt)
        picture = (
            shown
            if shown is not None
            else f'<span class="missing-image">{alt} ({escape(block.src)})</span>'
        )
    caption = ""
    if block.caption and (url is None or block.caption != block.alt):
        caption = f"<figcaption>{escape(block.caption)}</figcaption>"
    ctx.add(f'<figure class="image">{picture}{caption}</figure>')


def _figures(ctx: Context, block: Figures) -> None:
    # In a row that wraps: tall screens, held to a share of the screen's height, stand side
    # by side; a wide picture takes the row's width (see style.py).
    ctx.add('<div class="figures">')
    for one in block.figures:
        _figure(ctx, one)
    ctx.add("</div>")


BLOCKS: dict[type, Callable[[Context, object], None]] = {
    Heading: _heading,
    Facts: _facts,
    RichText: _rich_text,
    Items: _items,
    Table: _table,
    Matrix: _matrix,
    Note: _note,
    Diagram: _diagram,
    Schedule: _schedule,
    Figure: _figure,
    Figures: _figures,
}  # type: ignore[dict-item]
