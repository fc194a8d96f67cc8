"""Blocks of the document layer as Markdown: one small function per block kind."""

from __future__ import annotations

from collections.abc import Callable

from prdkit.images.pictures import is_remote
from prdkit.layout.blocks import (
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
from prdkit.layout.cells import Markdown
from prdkit.writers.markdown import mermaid
from prdkit.writers.markdown.context import Context
from prdkit.writers.markdown.tables import table
from prdkit.writers.markdown.text import code_span

__all__ = ["BLOCKS"]

# The document title is the only level-1 heading: layer level n is written as n + 1.
SHIFT = 1


def _heading(ctx: Context, block: Heading) -> None:
    text = f"{block.item} {block.text}" if block.item else block.text
    ctx.heading(block.level + SHIFT, text, anchor=block.anchor, toc=block.toc)


def _facts(ctx: Context, block: Facts) -> None:
    values = [(label, ctx.cell(cell)) for label, cell in block.rows]
    lines = [f"{ctx.lead(label)}{value}" for label, value in values if value]
    if block.boxed:
        ctx.add([f"- {line}" for line in lines])
    else:
        # One paragraph with hard breaks: a list here could merge with a list that opens
        # the field written next.
        ctx.add([line + "\\" for line in lines[:-1]] + lines[-1:])


def _rich_text(ctx: Context, block: RichText) -> None:
    md, level = block.source, block.level + SHIFT
    if not md.strip():
        return
    if block.label is None:
        ctx.add(ctx.fields.blocks(md, level))
        return
    inline = ctx.fields.inline(md)
    if inline is not None:
        ctx.add(f"{ctx.lead(block.label)}{inline}".split("\n"))
    else:
        ctx.add([ctx.label(block.label)])
        ctx.add(ctx.fields.blocks(md, level))


def _items(ctx: Context, block: Items) -> None:
    if block.label is not None:
        ctx.add([ctx.label(block.label)])
    if all(item is None or isinstance(item, Markdown) for item in block.items):
        sources = [item.source if item else "" for item in block.items]  # type: ignore[union-attr]
        ctx.md_list(sources, block.level + SHIFT, ordered=block.ordered)
        return
    lines = [ctx.line_item(item) for item in block.items if item is not None]
    if block.ordered:
        ctx.add([f"{i}. {line}" for i, line in enumerate(lines, start=1)])
    else:
        ctx.add([f"- {line}" for line in lines])


def _table(ctx: Context, block: Table) -> None:
    from prdkit.writers.markdown.text import escape

    rows = [[ctx.cell(c) for c in row] for row in block.rows]
    if block.total is not None:
        rows.append([ctx.cell(c) for c in block.total])
    ctx.add(table([escape(col.label) for col in block.columns], rows))


def _matrix(ctx: Context, block: Matrix) -> None:
    from prdkit.writers.markdown.text import escape

    header = [escape(block.corner), *(ctx.cell(c) for c in block.columns)]
    rows = [[ctx.cell(head), *(ctx.cell(c) for c in cells)] for head, cells in block.rows]
    ctx.add(table(header, rows))


def _note(ctx: Context, block: Note) -> None:
    lines = ["".join(ctx.piece(c) for c in line) for line in block.lines]
    ctx.add([line + "\\" for line in lines[:-1]] + lines[-1:])


def _fenced(lines: list[str]) -> list[str]:
    return ["```mermaid", *lines, "```"]


def _diagram(ctx: Context, block: Diagram) -> None:
    ctx.add(_fenced(mermaid.flowchart(block.graph)))


def _figure(ctx: Context, block: Figure) -> None:
    from prdkit.richtext import safe_link
    from prdkit.writers.markdown.text import escape, inline_plain, url_destination

    alt = inline_plain(block.alt, separator=" ") or escape(block.src)
    local = ctx.pictures.path_from_output(block.src)
    url = safe_link(block.src) if is_remote(block.src) else None
    if local is not None:
        ctx.add([f"![{alt}]({url_destination(local)})"])
    elif url is not None:  # never fetched: a link the reader may follow
        ctx.add([f"[{alt}]({url_destination(url)})"])
    else:  # a picture that was not checked (its rule switched off): named, not shown
        ctx.add([f"{alt} ({code_span(block.src)})"])
    if block.caption and (local is not None or block.caption != block.alt):
        ctx.add([f"*{inline_plain(block.caption, separator=' ')}*"])


def _figures(ctx: Context, block: Figures) -> None:
    # Markdown has no rows of pictures: each in turn, its caption under it.
    for one in block.figures:
        _figure(ctx, one)


def _schedule(ctx: Context, block: Schedule) -> None:
    ctx.add(_fenced(mermaid.gantt(block.tasks, block.lane)))


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
