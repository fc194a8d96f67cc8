"""The items as an Excel workbook: the document's metadata first, then a sheet per item kind.

Written with XlsxWriter: it writes Excel files only (no reading, no dependencies of its own),
streams rows quickly, and with a fixed creation time its output is byte-identical run to run.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import warnings
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from prdkit.export.text import clip, plain
from prdkit.layout.blocks import Column
from prdkit.layout.cells import Cell, Date, Enum, Link, Many, Number, Ref
from prdkit.layout.sheets import Sheet, Workbook
from prdkit.writers import zip_dated

# Excel's own limits: characters in a cell, in a sheet name, hyperlinks in a sheet.
MAX_CELL = 32_767
MAX_SHEET_NAME = 31
MAX_LINKS = 65_530
# Excel counts days from 1900, a 29 February 1900 among them: an earlier date is a negative
# number it shows as #VALUE!, 1900-01-01 is day 0 (shown 1900-01-00), and January and
# February 1900 are a day off. Those are written as text.
FIRST_DAY = date(1900, 3, 1)
MAX_TIP = 255  # a hyperlink's tooltip, in UTF-16 units
# How wide a column may grow, by what it holds (in characters; CJK characters count two).
_CAPS = {"markdown": 60, "text": 40}
_DEFAULT_CAP = 30
_MIN_WIDTH = 6
_TONE_COLOURS = {"bad": "#C00000", "warn": "#9C5700", "good": "#006100", "muted": "#595959"}
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


class _Styles:
    """The workbook's formats, made once."""

    def __init__(self, book: Any) -> None:
        top = {"valign": "top"}
        self.header = book.add_format(
            {**top, "bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True}
        )
        self.label = book.add_format({**top, "bold": True})
        self.body = book.add_format(top)
        self.wrap = book.add_format({**top, "text_wrap": True})
        self.date = book.add_format({**top, "num_format": "yyyy-mm-dd", "align": "left"})
        self.integer = book.add_format({**top, "num_format": "#,##0"})
        self.decimal = book.add_format({**top, "num_format": "#,##0.0#########"})
        self.link = book.add_format({**top, "font_color": "#0563C1", "underline": 1})
        self.tones = {
            tone: book.add_format({**top, "font_color": colour})
            for tone, colour in _TONE_COLOURS.items()
        }


class _Sheet:
    """One worksheet being written, with what its cells need to know."""

    def __init__(self, ws: Any, styles: _Styles, rows_of: dict[str, str]) -> None:
        self.ws = ws
        self.styles = styles
        self.rows_of = rows_of  # item id → "internal:'Sheet'!A7"
        self.links = 0

    def text(self, row: int, col: int, text: str, wrap: bool = False) -> None:
        text = clip(text, MAX_CELL)
        style = self.styles.wrap if wrap or "\n" in text else self.styles.body
        self.ws.write_string(row, col, text, style)

    def link(self, row: int, col: int, target: str, text: str, tip: str | None) -> None:
        if self.links >= MAX_LINKS:
            self.text(row, col, text)
            return
        options = {"string": text[:MAX_CELL]}
        if tip:
            options["tip"] = _utf16_clip(tip, MAX_TIP)
        # XlsxWriter refuses an address it cannot classify ("https:x", valid by the
        # format's pattern) with an error, and one past Excel's length with a warning on
        # stderr that quotes the document's text: either way the cell keeps its text.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                written = self.ws.write_url(row, col, target, self.styles.link, **options)
            except ValueError:
                written = -1
        if written < 0:
            self.text(row, col, text)
            return
        self.links += 1


def _utf16_clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-16 code units, as Excel counts (an emoji is two)."""
    if len(text) * 2 <= limit or len(text.encode("utf-16-le")) <= 2 * limit:
        return text
    return text.encode("utf-16-le")[: 2 * limit].decode("utf-16-le", "ignore")


def _ref(sheet: _Sheet, row: int, col: int, cell: Ref) -> None:
    target = sheet.rows_of.get(cell.id)
    if target is None:
        sheet.text(row, col, cell.id)
    else:
        sheet.link(row, col, target, cell.id, cell.name)


def _many(sheet: _Sheet, row: int, col: int, cell: Many) -> None:
    # A cell holds one hyperlink: several references link to the first that is in the file.
    refs = [c for c in cell.items if isinstance(c, Ref) and c.id in sheet.rows_of]
    if refs:
        sheet.link(row, col, sheet.rows_of[refs[0].id], plain(cell), refs[0].name)
    else:
        sheet.text(row, col, plain(cell), wrap=cell.layout != "inline")


def _number(sheet: _Sheet, row: int, col: int, cell: Number) -> None:
    # `5%`, `1,200 CNY`: the unit belongs to the value; a score that overflowed to infinity
    # or NaN has no Excel number. Both stay readable as the layer wrote them.
    if cell.unit or not math.isfinite(cell.value):
        sheet.text(row, col, cell.text)
        return
    whole = isinstance(cell.value, int) or float(cell.value).is_integer()
    style = sheet.styles.integer if whole else sheet.styles.decimal
    sheet.ws.write_number(row, col, cell.value, style)


def _date(sheet: _Sheet, row: int, col: int, cell: Date) -> None:
    try:
        day = date.fromisoformat(cell.text)
    except ValueError:
        day = None
    if day is None or day < FIRST_DAY:
        sheet.text(row, col, cell.text)
        return
    sheet.ws.write_datetime(row, col, datetime(day.year, day.month, day.day), sheet.styles.date)


def _enum(sheet: _Sheet, row: int, col: int, cell: Enum) -> None:
    style = sheet.styles.tones.get(cell.tone or "", sheet.styles.body)
    sheet.ws.write_string(row, col, cell.label, style)


def _link(sheet: _Sheet, row: int, col: int, cell: Link) -> None:
    if cell.url:
        sheet.link(row, col, cell.url, cell.text, cell.url)
    else:
        sheet.text(row, col, plain(cell))


# Cell kind → how it is written; every other kind is its plain text.
_WRITERS: dict[type, Callable[[_Sheet, int, int, Any], None]] = {
    Ref: _ref,
    Many: _many,
    Number: _number,
    Date: _date,
    Enum: _enum,
    Link: _link,
}


def _cell(sheet: _Sheet, row: int, col: int, cell: Cell) -> None:
    if cell is None:
        return
    writer = _WRITERS.get(type(cell))
    if writer is not None:
        writer(sheet, row, col, cell)
    else:
        sheet.text(row, col, plain(cell))


def display_width(text: str) -> int:
    """Columns `text` takes on screen: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width(column: Column, cells: list[Cell]) -> float:
    cap = _CAPS.get(column.kind, _DEFAULT_CAP)
    longest = display_width(column.label)
    for cell in cells:
        for line in plain(cell).split("\n"):
            longest = max(longest, display_width(line))
            if longest >= cap:
                return cap + 2
    return max(_MIN_WIDTH, longest) + 2


def sheet_names(titles: list[str]) -> list[str]:
    """Titles made into valid, distinct Excel sheet names."""
    names: list[str] = []
    for title in titles:
        base = _BAD_NAME.sub("_", title).strip("'") or "Sheet"
        name, n = base[:MAX_SHEET_NAME], 2
        while name.casefold() in (x.casefold() for x in names):
            suffix = f" ({n})"
            name, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def write(book: Workbook, created: datetime) -> bytes:
    """The workbook as .xlsx bytes; `created` is its recorded creation time."""
    import xlsxwriter

    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,  # a cell starting with "=" stays text
        "strings_to_urls": False,
    }
    xl = xlsxwriter.Workbook(buffer, options)
    xl.set_properties({"title": book.title, "created": zip_dated(created).replace(tzinfo=None)})
    styles = _Styles(xl)
    names = sheet_names([book.meta_title] + [s.title for s in book.sheets])
    rows_of: dict[str, str] = {}
    for name, sheet in zip(names[1:], book.sheets, strict=True):
        for n, item_id in enumerate(sheet.ids):
            rows_of.setdefault(item_id, f"internal:'{name}'!A{n + 2}")
    _meta(xl.add_worksheet(names[0]), styles, book, rows_of)
    for name, sheet in zip(names[1:], book.sheets, strict=True):
        _items(xl.add_worksheet(name), styles, sheet, rows_of)
    xl.close()
    return buffer.getvalue()


def _meta(ws: Any, styles: _Styles, book: Workbook, rows_of: dict[str, str]) -> None:
    out = _Sheet(ws, styles, rows_of)
    for row, (label, cell) in enumerate(book.meta.rows):
        ws.write_string(row, 0, label, styles.label)
        _cell(out, row, 1, cell)
    labels = [display_width(label) for label, _ in book.meta.rows]
    values = [display_width(plain(cell)) for _, cell in book.meta.rows]
    ws.set_column(0, 0, max([_MIN_WIDTH, *labels]) + 2)
    ws.set_column(1, 1, min(max([_MIN_WIDTH, *values]), 80) + 2)


def _items(ws: Any, styles: _Styles, sheet: Sheet, rows_of: dict[str, str]) -> None:
    out = _Sheet(ws, styles, rows_of)
    table = sheet.table
    for col, column in enumerate(table.columns):
        ws.write_string(0, col, column.label, styles.header)
        ws.set_column(col, col, _width(column, [r[col] for r in table.rows]))
    for n, row in enumerate(table.rows, start=1):
        for col, cell in enumerate(row):
            _cell(out, n, col, cell)
    ws.freeze_panes(1, 1)  # the header row and the id column stay in view
    ws.autofilter(0, 0, len(table.rows), len(table.columns) - 1)
