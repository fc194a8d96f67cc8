"""The team's declared custom fields as cells: a fact in an item's detail, a table column.

Only fields declared in the configuration are shown (undeclared `x-` keys stay ignored);
short ones (numbers, dates, choices, patterned text, or `column = true`) also get a column.
"""

from __future__ import annotations

import datetime
from typing import Any

from prdkit.conventions import CustomField
from prdkit.layout.blocks import Column, ColumnKind
from prdkit.layout.cells import Cell, Link, Text
from prdkit.layout.context import Layout

__all__ = ["custom_cell", "custom_columns", "custom_facts", "custom_row"]

_KINDS: dict[str, ColumnKind] = {"number": "number", "date": "date", "enum": "text"}


def _columns_of(lay: Layout, kind: str) -> tuple[CustomField, ...]:
    return tuple(f for f in lay.doc.conventions.fields_of(kind) if f.column)


def custom_columns(lay: Layout, kind: str) -> tuple[Column, ...]:
    """Columns for the short custom fields of item kind `kind`, in declaration order."""
    return tuple(
        Column(f.label(lay.lang), _KINDS.get(f.type, "text")) for f in _columns_of(lay, kind)
    )


def custom_row(lay: Layout, kind: str, item: Any) -> tuple[Cell, ...]:
    """The cells of `item` under `custom_columns(lay, kind)`."""
    values = lay.doc.custom_of(item)
    return tuple(custom_cell(lay, f, values.get(f.key)) for f in _columns_of(lay, kind))


def custom_facts(lay: Layout, kind: str, item: Any) -> list[tuple[str, Cell]]:
    """(label, cell) of every declared custom field `item` carries, for its detail."""
    values = lay.doc.custom_of(item)
    return [
        (f.label(lay.lang), custom_cell(lay, f, values[f.key]))
        for f in lay.doc.conventions.fields_of(kind)
        if f.key in values
    ]


def custom_cell(lay: Layout, declared: CustomField, value: Any) -> Cell:
    """One custom value as the cell of its declared type; None when absent."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        value = value.isoformat()
    if declared.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return lay.number(value)
    if not isinstance(value, str):
        # An invalid value is reported by `custom-field-invalid`; show what was written.
        return Text(str(value))
    if declared.type == "date":
        return lay.date(value)
    if declared.type == "url":
        safe = value if value.startswith(("http:", "https:", "mailto:")) else None
        return Link(value, safe)
    return lay.text(value)
