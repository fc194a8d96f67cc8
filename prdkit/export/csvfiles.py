"""The items as CSV: one UTF-8 file per item kind, header row first."""

from __future__ import annotations

import csv
import io
import re

from prdkit.export.text import plain
from prdkit.layout.sheets import Workbook

# Spreadsheet programs run a cell that starts with these as a formula; a leading
# apostrophe keeps it text. "-" is one of them even before a space ("- 2+3" is a sum),
# so a Markdown list item in a cell gets the apostrophe too: the workbook (xlsx) is
# the export that keeps every cell exactly as written.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# A plain number (-5, -0.25, 1e-3) is no formula: a spreadsheet reads it as the number.
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _safe(text: str) -> str:
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def rows_to_csv(rows: list[list[str]], *, bom: bool = False) -> bytes:
    """`rows` as CSV (RFC 4180: CRLF, quotes where needed), UTF-8 with an optional BOM.

    Every cell, header and generated text included, is kept from reading as a formula
    (a team's label may be `=cmd|…` as well as an author's text)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([[_safe(c) for c in row] for row in rows])
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def write(book: Workbook, *, bom: bool = False) -> list[tuple[str, bytes]]:
    """(`.KIND.csv` suffix, bytes) for each item kind that has items."""
    files = []
    for sheet in book.sheets:
        rows = [[c.label for c in sheet.table.columns]]
        rows += [[plain(cell) for cell in row] for row in sheet.table.rows]
        files.append((f".{sheet.key}.csv", rows_to_csv(rows, bom=bom)))
    return files
