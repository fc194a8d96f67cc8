"""A cell of the document layer as one plain string, for CSV files and Jira fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prdkit.layout.cells import Cell, Code, Date, Enum, Id, Link, Many, Markdown, Number, Ref, Text


def _many(cell: Many) -> str:
    separator = cell.separator if cell.layout == "inline" else "\n"
    prefix = "- " if cell.layout == "bullets" else ""
    return separator.join(prefix + plain(c) for c in cell.items if c is not None)


def _number(cell: Number) -> str:
    # A bare number is written as every spreadsheet reads one, whatever its locale: as
    # shown, without grouping commas ("162,000" reads as 162 where a comma marks the
    # decimals; a score keeps the two decimals shown). With a unit, or scaled to words
    # (万), it is text, as shown.
    if cell.unit is not None or isinstance(cell.value, bool):
        return cell.text
    plain = cell.text.replace(",", "")
    try:
        float(plain)
    except ValueError:
        return cell.text
    return plain


def _link(cell: Link) -> str:
    target = cell.url or cell.address
    return f"{cell.text} ({target})" if target and target != cell.text else cell.text


# Cell kind → its text. A reference is its id: spreadsheets filter and join on ids.
_PLAIN: dict[type, Callable[[Any], str]] = {
    Text: lambda c: c.text,
    Markdown: lambda c: c.source.strip(),
    Ref: lambda c: c.id,
    Id: lambda c: c.id,
    Enum: lambda c: c.label,
    Number: _number,
    Date: lambda c: c.text,
    Link: _link,
    Code: lambda c: c.text,
    Many: _many,
}


def plain(cell: Cell) -> str:
    """The text a reader of a spreadsheet sees for `cell` ("" for an empty one)."""
    if cell is None:
        return ""
    return _PLAIN[type(cell)](cell)


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
