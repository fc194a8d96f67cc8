"""Which tables of the print page go on landscape pages: those too wide for a portrait one.

A browser or WeasyPrint gives a table column at least its longest unbreakable piece (ids,
dates and references are kept whole, see the stylesheet) and shares what is left; on an
A4 portrait page a table of several such columns left its Chinese text a character a line
(点/击/发/起), as the Word writer's turned tables once did. The estimate here mirrors the
Word writer's criterion on the layer's cells: every id, date, reference and code whole, a
short Chinese name or label whole (see `short_cjk`), running text a few characters wide.
Past the portrait width, the table goes on a landscape page of its own in print
(`page: turned`); a screen is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

from prdkit.diagrams.measure import PROSE_LEAST, em, short_cjk, text_width
from prdkit.layout.blocks import Column, Matrix, Table
from prdkit.layout.cells import Cell, Code, Date, Enum, Id, Link, Many, Markdown, Number, Ref, Text
from prdkit.writers.html.richtext import WEB_ADDRESS

__all__ = ["PORTRAIT", "turn_tables", "turned", "turned_matrix"]

# The text width of an A4 portrait page less 16 mm margins, in ems of the tables' text
# (10.5 pt × 0.92): 178 mm is 52 ems; what a cell's padding and border take, in ems.
PORTRAIT = 52.0
LANDSCAPE = 78.0  # 265 mm
PADDING = 1.3
# How much wider than a landscape page a table is before each step denser (see style.py).
DENSER = (1.0, 1.3, 1.8)
# How much wider than a landscape page a table is before even the smallest type cannot hold
# its short names and labels each on one line: past it they may wrap in print ("spill"),
# or the last columns ran past the page's edge. (Eighteen columns of ten-character values,
# 2.8 by this estimate, still fit; twenty-six, 4.0, did not.)
SPILL = 2.5
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
# A Markdown field's table as markdown-it writes it (GFM tables do not nest), its rows and
# cells, and the tags in a cell.
_TABLE = re.compile(r"<table>.*?</table>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]+>")


def turned(table: Table) -> str:
    """The classes that print `table` on landscape pages ("turned", and "dense-N" where
    even those are too narrow), or "" when it keeps its words whole on a portrait page."""
    widths = (
        _column(column, [row[index] for row in table.rows if index < len(row)])
        for index, column in enumerate(table.columns)
    )
    return _classes(sum(width + PADDING for width in widths))


def turned_matrix(matrix: Matrix) -> str:
    """`turned` for `matrix` (a row header and a column a header): the roles × actions
    grid, one column an action."""
    total = max([_text(matrix.corner), *(_cell(header) for header, _ in matrix.rows)])
    total += PADDING
    for index, header in enumerate(matrix.columns):
        cells = [row[index] for _, row in matrix.rows if index < len(row)]
        total += max([_cell(header, header=True), *map(_cell, cells)]) + PADDING
    return _classes(total)


def turn_tables(html: str) -> str:
    """`html`, a Markdown field, with each table in it too wide for a portrait page set on
    landscape pages in print, as a table of the document's own would be: forty columns of
    one were cut at the page's edge."""
    return _TABLE.sub(_turn_table, html) if "<table" in html else html


def _turn_table(found: re.Match[str]) -> str:
    table = found.group()
    widths: list[float] = []
    for row in _ROW.findall(table):
        for index, cell in enumerate(_CELL.findall(row)):
            width = _text(unescape(_TAG.sub(" ", cell)))
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
    classes = _classes(sum(width + PADDING for width in widths))
    return f'<div class="{classes}">{table}</div>' if classes else table


def _classes(width: float) -> str:
    if width <= PORTRAIT:
        return ""
    # Past the landscape width too: smaller type and padding in steps, rather than lose
    # the last columns past the page's edge (the page cannot scroll).
    steps = sum(width > LANDSCAPE * step for step in DENSER)
    if width > LANDSCAPE * SPILL:
        return f"turned dense-{steps} spill"
    return f"turned dense-{steps}" if steps else "turned"


def _column(column: Column, cells: Sequence[Cell]) -> float:
    least = _text(column.label, header=True)
    for cell in cells:
        least = max(least, _cell(cell))
    return least


def _cell(cell: Cell, header: bool = False) -> float:
    if cell is None:
        return 0.0
    if header and isinstance(cell, Text):
        return _text(cell.text, header=True)
    if isinstance(cell, (Id, Date, Code, Number)):
        return text_width(_shown(cell), em)
    if isinstance(cell, Ref):
        whole = text_width(cell.id, em)
        return max(whole, _text(cell.name)) if cell.named and cell.name else whole
    if isinstance(cell, Enum):
        return _text(cell.label)
    if isinstance(cell, Text):
        return _text(cell.text)
    if isinstance(cell, Markdown):  # a link's address is not shown
        return _text(_LINK_TARGET.sub("]", cell.source))
    if isinstance(cell, Link):  # an address breaks anywhere (see the stylesheet)
        return min(_text(cell.text), 2 * PROSE_LEAST)
    if isinstance(cell, Many):
        return max((_cell(item) for item in cell.items), default=0.0)
    return 0.0


def _shown(cell: Id | Date | Code | Number) -> str:
    return cell.id if isinstance(cell, Id) else cell.text


def _text(text: str | None, header: bool = False) -> float:
    """The least width `text` may be given: its widest word, a short CJK text whole."""
    if not text:
        return 0.0
    widest = 0.0
    for line in text.splitlines():
        line = line.strip()
        if short_cjk(line, header):
            widest = max(widest, text_width(line, em))
            continue
        widest = max(widest, _words(line))
    return widest


def _words(line: str) -> float:
    # A web address breaks anywhere (see `with_addresses`), as a link's does: it is not one
    # word to keep whole, or a 3-column table of one address went on a landscape page.
    addresses = [min(text_width(a, em), 2 * PROSE_LEAST) for a in WEB_ADDRESS.findall(line)]
    words = WEB_ADDRESS.sub(" ", line).split()
    # A Latin word whole; Chinese breaks anywhere: a few characters a line.
    whole = (text_width(w, em) if w.isascii() else PROSE_LEAST for w in words)
    return max([*addresses, *whole], default=0.0)
