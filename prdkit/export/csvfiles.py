"""The items as CSV: one UTF-8 file per item kind, header row first."""

from __future__ import annotations

import csv
import io

from prdkit.export.text import plain
from prdkit.layout.sheets import Workbook

# Spreadsheet programs run a cell that starts with these as a formula; a leading
# apostrophe keeps it text. "-" is one of them even before a space ("- 2+3" is a sum),
# so a Markdown list item in a cell gets the apostrophe too: the workbook (xlsx) is
# the export that keeps every cell exactly as written.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows_to_csv(rows: list[list[str]], *, bom: bool = False) -> bytes:
    """`rows` as CSV (RFC 4180: CRLF, quotes where needed), UTF-8 with an optional BOM."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def write(book: Workbook, *, bom: bool = False) -> list[tuple[str, bytes]]:
    """(`.KIND.csv` suffix, bytes) for each item kind that has items."""
    files = []
    for sheet in book.sheets:
        rows = [[c.label for c in sheet.table.columns]]
        rows += [[_safe(plain(cell)) for cell in row] for row in sheet.table.rows]
        files.append((f".{sheet.key}.csv", rows_to_csv(rows, bom=bom)))
    return files
