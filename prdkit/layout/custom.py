"""The team's declared custom fields, placed in every section once it is laid out.

A declared field shows as a fact in its item's detail (the facts under the item's heading)
and, when its value is short (numbers, dates, choices, patterned text, or `column = true`),
as a column of the table whose rows are the items. An item kind shown only in a table gets
every declared field as a column: there is no other place for it. A table the fields would
widen past `WIDEST` columns keeps its own columns: the fields follow in a table of their
own, or only in the items' details when they have any. Undeclared `x-` keys stay ignored.
One pass over the blocks serves every section, including ones added later.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from prdkit.conventions import CustomField, item_paths
from prdkit.layout.blocks import Block, Column, ColumnKind, Facts, Heading, Section, Table
from prdkit.layout.cells import Cell, Id, Link, Text, is_empty
from prdkit.layout.context import Layout
from prdkit.model import class_at, items_at

__all__ = ["custom_cell", "custom_columns", "custom_row", "with_custom_fields"]

_KINDS: dict[str, ColumnKind] = {"number": "number", "date": "date"}


def kind_of_pointer(pointer: str) -> str:
    """The item kind of a list item's pointer: `/schedule/milestones/3` → `milestones`."""
    parts = pointer.split("/")
    return parts[-2] if len(parts) >= 3 else ""


def custom_columns(lay: Layout, kind: str, every: bool = False) -> tuple[Column, ...]:
    """Columns for the custom fields of `kind` (only the short ones unless `every`)."""
    return tuple(
        Column(f.label(lay.lang), _KINDS.get(f.type, "text")) for f in _shown(lay, kind, every)
    )


def custom_row(lay: Layout, kind: str, item: Any, every: bool = False) -> tuple[Cell, ...]:
    """The cells of `item` under `custom_columns(lay, kind, every)`."""
    values = lay.doc.custom_of(item)
    return tuple(custom_cell(lay, f, values.get(f.key)) for f in _shown(lay, kind, every))


def _shown(lay: Layout, kind: str, every: bool) -> tuple[CustomField, ...]:
    return tuple(f for f in lay.doc.conventions.fields_of(kind) if every or f.column)


def custom_cell(lay: Layout, declared: CustomField, value: Any) -> Cell:
    """One custom value as the cell of its declared type; None when absent."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        value = value.isoformat()
    if declared.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return lay.number(value)
    if not isinstance(value, str):
        # A value of the wrong type is reported by `custom-field-invalid`; shown as the data
        # reads (JSON: true, ["a"]), never as Python writes it (True, ['a']).
        return Text(json.dumps(value, ensure_ascii=False, default=str))
    if declared.type == "date":
        return lay.date(value)
    if declared.type == "url":
        safe = value if value.startswith(("http:", "https:", "mailto:")) else None
        return Link(value, safe)
    return lay.text(value)


def with_custom_fields(lay: Layout, sections: Iterable[Section]) -> list[Section]:
    """`sections` with every declared custom field in its item's detail and table."""
    sections = list(sections)
    if not lay.doc.conventions.fields:
        return sections
    items = lay.doc.items_by_id()
    detailed = {
        b.item for s in sections for b in s.blocks if isinstance(b, Heading) and b.item is not None
    }
    out = [Section(s.key, tuple(_blocks(lay, s.blocks, items, detailed))) for s in sections]
    return _unnamed_items(lay, out)


# What names an item that has no id, in the order looked for (a glossary's term, a
# revision's version, a sign-off's name, a separation-of-duties rule's reason).
_NAMING = ("name", "term", "question", "title", "version", "team", "item", "reason")


def _unnamed_items(lay: Layout, sections: list[Section]) -> list[Section]:
    """`sections` with a table of the custom fields of the items that have no id (a
    glossary's entries, revisions, sign-offs...), after the section holding them: their
    rows name no item, so no table or heading of theirs takes the fields."""
    kinds = dict.fromkeys(f.kind for f in lay.doc.conventions.fields)
    by_key = {s.key: i for i, s in enumerate(sections)}
    for kind in kinds:
        path = item_paths().get(kind)
        cls = class_at(path) if path else None
        if cls is None or "id" in {f.name for f in dataclasses.fields(cls)}:
            continue
        names = [n for n in _NAMING if n in {f.name for f in dataclasses.fields(cls)}]
        columns = custom_columns(lay, kind, every=True)
        rows = []
        for number, item in enumerate(items_at(lay.doc, path), start=1):  # type: ignore[arg-type]
            cells = custom_row(lay, kind, item, every=True)
            if all(map(is_empty, cells)):
                continue
            # Its place in its list as well as its name, which need not be unique (two
            # resources of one team).
            named = next((getattr(item, n) for n in names if getattr(item, n)), None)
            shown = lay.text(named if isinstance(named, str) else None)
            rows.append((lay.number(number), shown, *cells))
        at = by_key.get(path[0]) if path else None  # type: ignore[index]
        if not rows or at is None or not names:
            continue
        head = (Column(lay.t("ui.step_no"), "number"), Column(lay.t(f"field.{names[0]}"), "text"))
        section = sections[at]
        table = Table((*head, *columns), tuple(rows), key=f"{section.key}#{kind}-fields")
        sections[at] = Section(section.key, (*section.blocks, table))
    return sections


def _blocks(lay: Layout, blocks: tuple[Block, ...], items: Any, detailed: set[str]) -> list[Block]:
    out: list[Block] = []
    pending: list[tuple[str, Cell]] = []  # facts of the item whose heading came last
    for block in blocks:
        if isinstance(block, Facts) and pending:
            block = Facts(_merge(block.rows, pending), block.boxed)
            pending = []
        elif pending:
            out.append(Facts(tuple(pending)))  # the item has no facts of its own
            pending = []
        if isinstance(block, Heading) and block.item is not None:
            item = items.get(block.item)
            if item is not None:
                pending = _facts(lay, item)
        elif isinstance(block, Table):
            block, *after = _table(lay, block, items, detailed)
            out.append(block)
            out.extend(after)
            continue
        out.append(block)
    if pending:
        out.append(Facts(tuple(pending)))
    return out


def _facts(lay: Layout, item: Any) -> list[tuple[str, Cell]]:
    values = lay.doc.custom_of(item)
    declared = lay.doc.conventions.fields_of(kind_of_pointer(item.pointer))
    rows = [(f.label(lay.lang), custom_cell(lay, f, values.get(f.key))) for f in declared]
    return [(label, cell) for label, cell in rows if not is_empty(cell)]


def _merge(rows: tuple[tuple[str, Cell], ...], extra: list[tuple[str, Cell]]) -> tuple:
    # A section that already shows a field (by its label) keeps its own row.
    have = {label for label, _ in rows}
    return (*rows, *((label, cell) for label, cell in extra if label not in have))


# Columns a table takes with the team's fields added (the widest of the format's own has
# nine); past it, the fields get a table of their own after it, each row naming its item.
# At ten columns on a page, names and statuses printed a character a line.
WIDEST = 9


def _table(lay: Layout, table: Table, items: Any, detailed: set[str]) -> tuple[Table, ...]:
    # Only tables listing items in their own rows (an `Id` cell first) get columns; tables
    # that refer to items (a traceability matrix) do not.
    firsts = [row[0] if row else None for row in table.rows]
    if not firsts or not all(isinstance(c, Id) and c.id in items for c in firsts):
        return (table,)
    rows_items = [items[c.id] for c in firsts if isinstance(c, Id)]
    kinds = {kind_of_pointer(i.pointer) for i in rows_items}
    if len(kinds) != 1:
        return (table,)
    (kind,) = kinds
    every = not any(i.id in detailed for i in rows_items)
    have = {c.label for c in table.columns}
    added = [c for c in custom_columns(lay, kind, every) if c.label not in have]
    if not added:
        return (table,)
    labels = {c.label for c in added}
    shown = [f for f in _shown(lay, kind, every) if f.label(lay.lang) in labels]
    values = [
        tuple(custom_cell(lay, f, lay.doc.custom_of(item).get(f.key)) for f in shown)
        for item in rows_items
    ]
    if len(table.columns) + len(added) <= WIDEST:
        rows = tuple((*row, *cells) for row, cells in zip(table.rows, values, strict=True))
        return (replace(table, columns=(*table.columns, *added), rows=rows),)
    if not every:  # the items' own entries list every field: the table stays as it is
        return (table,)
    # The item's id links back to its row: the anchor stays with the table that lists it.
    own = tuple(
        (lay.ref(item.id), *cells)
        for item, cells in zip(rows_items, values, strict=True)
        if not all(map(is_empty, cells))
    )
    if not own:
        return (table,)
    fields = Table(columns=(table.columns[0], *added), rows=own, key=f"{table.key}#fields")
    return table, fields
