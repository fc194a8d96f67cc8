"""The team's display labels in a diff meant for people (text and Markdown; JSON stays raw)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from prdkit.conventions import Conventions
from prdkit.diff.changes import AreaChange, DocumentDiff, FieldChange, ItemChange
from prdkit.i18n import ENUM_OF
from prdkit.model import kind_at

_PLAIN_FIELD = re.compile(r"^[a-z_]+$")


def relabel(diff: DocumentDiff, conventions: Conventions) -> DocumentDiff:
    """`diff` with every enum value the team labels shown by its label (`must` → `P0`)."""
    if not conventions.labels:
        return diff
    status = diff.status
    if status is not None:
        status = (
            _label(conventions, "status", status[0]),
            _label(conventions, "status", status[1]),
        )
    areas = tuple(_area(conventions, area) for area in diff.areas)
    return replace(diff, status=status, areas=areas)


def _area(conventions: Conventions, area: AreaChange) -> AreaChange:
    kind = kind_at(tuple(area.area.split(".")))
    if kind is None:
        return area
    return replace(area, items=tuple(_item(conventions, kind, i) for i in area.items))


def _item(conventions: Conventions, kind: str, item: ItemChange) -> ItemChange:
    return replace(item, fields=tuple(_field(conventions, kind, f) for f in item.fields))


def _field(conventions: Conventions, kind: str, change: FieldChange) -> FieldChange:
    # Only an item's own enum fields (`priority`), not nested ones (`steps[S2].action`).
    group = ENUM_OF.get((kind, change.field)) if _PLAIN_FIELD.match(change.field) else None
    if group is None:
        return change
    return replace(
        change,
        old=_label(conventions, group, change.old),
        new=_label(conventions, group, change.new),
    )


def _label(conventions: Conventions, group: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return conventions.relabelled(group, value) or value
