"""Blocks of the document layer as Word content: one small function per block kind.

Tables size their columns from the kind of cell each holds (ids and dates narrow, Markdown
wide); enum values with a tone become badges; the schedule gets a week grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

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
from prdkit.layout.cells import Cell, Markdown
from prdkit.writers.docx.cells import fill, filler, text_of
from prdkit.writers.docx.drawing import diagram
from prdkit.writers.docx.figures import figure, figures
from prdkit.writers.docx.gantt import gantt
from prdkit.writers.docx.numbering import Numbering
from prdkit.writers.docx.oxml import Look, sub
from prdkit.writers.docx.richtext import Block, new_paragraph, render_text
from prdkit.writers.docx.tables import DATE, Blank, Content, Md, Refs, fit
from prdkit.writers.docx.tables import Table as WordTable

if TYPE_CHECKING:
    from prdkit.writers.docx.builder import Builder

__all__ = ["BLOCKS", "render"]

STRONG = Look(bold=True)
LABEL = Look(bold=True, color="1F3864")
MUTED = Look(color="595959")
# Heat of a grid cell, by the sum of its row's and column's ranks (0 to 4).
HEAT = ("DDF1E1", "EEF3D2", "FEF0C7", "FCDCCB", "F8C9C4")
HIGHLIGHT = "EAF1FB"
# Relative widths of the shared columns, by the kind of cell they hold.
WEIGHTS = {"markdown": 4.0, "text": 2.0, "code": 2.2, "ref": 1.6}
# Kinds whose width is measured from the text of their cells.
MEASURED = frozenset({"id", "number", "enum", "ref", "code"})
CODE_FITS = 32  # a code column whose every value is at most this long is sized to fit it


def render(b: Builder, block: object) -> None:
    """Append `block` to the body."""
    BLOCKS[type(block)](b, block)


def _heading(b: Builder, block: Heading) -> None:
    # Two spaces between an item's id and its title read as a gap in Word's proportional face.
    text = f"{block.item}  {block.text}" if block.item else block.text
    b.heading(block.level, text, block.anchor)


def _facts(b: Builder, block: Facts) -> None:
    if not block.rows:
        return
    if block.boxed:
        table = WordTable(b, b.body, [1, 2.6], width=b.width * 3 // 4)
        for label, cell in block.rows:
            table.row(
                [filler(b, _text(label), LABEL), filler(b, cell)],
                fills=["EEF2F7", None],
            )
        return
    # An item's facts stay together and with what follows them (a page's prototype, its
    # description), so its heading and facts are never left at the foot of a page alone.
    for label, cell in block.rows:
        para = b.paragraph(b.body, "Normal", keep_next=True, spacing={"after": "40"})
        b.run(para, f"{label}{b.punct['colon']}", b.style_of(para), STRONG)
        fill(b, para, cell)


def _text(text: str) -> Cell:
    from prdkit.layout.cells import Text

    return Text(text)


def _rich_text(b: Builder, block: RichText) -> None:
    if block.label is not None:
        b.paragraph(b.body, "Field Label", block.label)
    b.markdown(b.body, block.source)


def _items(b: Builder, block: Items) -> None:
    items = [item for item in block.items if item is not None]
    if not items:
        return
    if block.label is not None:
        b.paragraph(b.body, "Field Label", block.label)
    kind = "ordered" if block.ordered else "bullet"
    style_id = b.styles.id("Normal")
    num_id = b.numbering.new_list(kind, 0)
    indent = Numbering.indent(kind, 0)
    for item in items:
        each = Block(b, b.body, style_id, b.width, 0, (num_id, 0), indent)
        if not isinstance(item, Markdown):
            fill(b, new_paragraph(each), item)
            continue
        render_text(item.source, each)
        if each.pending is not None:
            new_paragraph(each)


def _width(b: Builder, column: Column, cells: Sequence[Cell]) -> float | Refs:
    """The width of a column, from what it holds."""
    # Dates, signatures and running text take a width or share whatever their cells hold:
    # their cells (Markdown above all) are not read to measure them.
    if column.kind == "date":
        return DATE
    if column.kind == "signature":
        return Blank(1700)  # three centimetres to sign in
    if column.kind not in MEASURED:
        return WEIGHTS.get(column.kind, 2.0)
    texts = [text_of(c, b.punct) for c in cells]
    if column.kind == "id":
        return fit(texts, low=760)
    if column.kind in ("number", "enum"):
        # A share of the width, but never less than the longest value shown (badges have a
        # little padding): in a wide table they give way like the text columns do.
        pad = "_" if column.kind == "enum" else ""
        return Refs(1.0, [f"{pad}{t}{pad}" for t in texts if t] or [column.label])
    if column.kind == "ref":
        return Refs(WEIGHTS["ref"], texts)
    lines = [line for text in texts for line in text.split("\n")]
    if all(len(line) <= CODE_FITS for line in lines):
        # Identifiers such as event names read only unbroken: the column fits the longest.
        return fit([*lines, column.label], low=700, high=3400)
    return WEIGHTS["code"]


def _content(b: Builder, cell: Cell) -> Content:
    if cell is None:
        return None
    if isinstance(cell, Markdown):
        return Md(cell.source)
    return filler(b, cell)


def _table(b: Builder, block: Table) -> None:
    columns = block.columns
    weights = [
        _width(b, col, [row[i] for row in block.rows if i < len(row)])
        for i, col in enumerate(columns)
    ]
    table = WordTable(b, b.body, weights, header=[col.label for col in columns])
    for row in block.rows:
        table.row([_content(b, c) for c in row])
    if block.total is not None:
        total = [*block.total, *([None] * (len(columns) - len(block.total)))]
        table.row([_content(b, c) for c in total[: len(columns)]], fills=["EEF2F7"] * len(columns))


def _matrix(b: Builder, block: Matrix) -> None:
    header = [block.corner, *(text_of(c, b.punct) for c in block.columns)]
    width = len(block.columns)
    table = WordTable(b, b.body, [3.0] + [1.6] * width, header=header)
    count = len(block.rows)
    for index, (head, cells) in enumerate(block.rows):
        fills: list[str | None] = [None] * (width + 1)
        if block.highlight is not None:
            fills[block.highlight + 1] = HIGHLIGHT
        if block.heat:
            rank = count - 1 - index  # rows run from the highest rank down
            fills[1:] = [HEAT[min(rank + c, len(HEAT) - 1)] for c in range(width)]
        table.row(
            [filler(b, head, STRONG), *(_centred(b, c) for c in cells)],
            fills=fills,
        )


def _centred(b: Builder, cell: Cell) -> Callable:  # type: ignore[type-arg]
    def run(para) -> None:  # type: ignore[no-untyped-def]
        sub(para[0], "jc", {"val": "center"})
        fill(b, para, cell)

    return run


def _note(b: Builder, block: Note) -> None:
    para = b.paragraph(b.body, "Compact", spacing={"before": "80", "after": "200"})
    b.notes.add(para)  # a legend goes with its table, on a landscape page too
    style = b.style_of(para)
    for index, line in enumerate(block.lines):
        if index:
            b.run(para, "\n", style)
        for cell in line:
            fill(b, para, cell)


def _diagram(b: Builder, block: Diagram) -> None:
    diagram(b, block.graph, block.title)


def _schedule(b: Builder, block: Schedule) -> None:
    gantt(b, block)
    # The grid stands apart from the table of tasks that follows it, under its own heading.
    b.heading(2, block.lane)


BLOCKS: dict[type, Callable[[Builder, object], None]] = {
    Heading: _heading,
    Facts: _facts,
    RichText: _rich_text,
    Items: _items,
    Table: _table,
    Matrix: _matrix,
    Note: _note,
    Diagram: _diagram,
    Schedule: _schedule,
    Figure: figure,
    Figures: figures,
}  # type: ignore[dict-item]
