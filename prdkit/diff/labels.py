"""The team's display labels in a diff meant for people (text and Markdown; JSON stays raw),
and the Chinese names of the fields that changed."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from prdkit.conventions import Conventions, CustomField, item_paths
from prdkit.diff.changes import AreaChange, DocumentDiff, FieldChange, ItemChange
from prdkit.i18n import ENUM_OF, LABELS, label
from prdkit.model import kind_at

_PLAIN_FIELD = re.compile(r"^[a-z_]+$")


def relabel(diff: DocumentDiff, conventions: Conventions) -> DocumentDiff:
    """`diff` with every enum value the team labels shown by its label (`must` → `P0`), and
    each field of an item named as the rendered document heads it in Chinese (`优先级`, a
    team field by its declared label)."""
    status = diff.status
    if status is not None:
        status = (
            _label(conventions, "status", status[0]),
            _label(conventions, "status", status[1]),
        )
    areas = tuple(_area(conventions, area) for area in diff.areas)
    return replace(diff, status=status, areas=areas)


def _area(conventions: Conventions, area: AreaChange) -> AreaChange:
    path = tuple(area.area.split("."))
    kind = kind_at(path)  # None for a section's own fields (`meta`)
    # A team declares its fields by the name of the list they are in (`milestones`).
    declared = next((c for c, p in item_paths().items() if p == path), None)
    team = conventions.fields_of(declared) if declared else ()
    items = tuple(_item(conventions, kind, team, i) for i in area.items)
    return replace(area, items=items)


def _item(
    conventions: Conventions, kind: str | None, team: tuple[CustomField, ...], item: ItemChange
) -> ItemChange:
    return replace(item, fields=tuple(_field(conventions, kind, team, f) for f in item.fields))


def _field(
    conventions: Conventions, kind: str | None, team: tuple[CustomField, ...], change: FieldChange
) -> FieldChange:
    # Only an item's own fields (`priority`), not nested ones (`steps[S2].action`).
    name = change.field
    plain = _PLAIN_FIELD.match(name) is not None
    if plain and f"field.{name}" in LABELS:
        change = replace(change, heading=label(f"field.{name}", "zh"))
    else:
        for custom in team:
            if custom.key == name:
                change = replace(change, heading=custom.label("zh"))
    group = ENUM_OF.get((kind, name)) if plain and kind is not None else None
    if group is None or not conventions.labels:
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
