"""The display labels of enum values in a diff meant for people (text and Markdown; JSON
stays raw), the team's where it has them, and the Chinese names of the fields that changed."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from prdkit.conventions import Conventions, CustomField, item_paths
from prdkit.diff.changes import AreaChange, DocumentDiff, FieldChange, ItemChange
from prdkit.i18n import ENUM_OF, LABELS, enum_label, label
from prdkit.model import kind_at

_PLAIN_FIELD = re.compile(r"^[a-z_]+$")
# A field of an entry of one of the item's lists, `steps[S2].action`, or the entry itself,
# `acceptance_criteria[#1]` (the key of the entry may hold any character, `]` too).
_NESTED_FIELD = re.compile(r"^([a-z_]+)\[(.*)\](?:\.([a-z_]+))?$", re.S)


def relabel(diff: DocumentDiff, conventions: Conventions, lang: str = "en") -> DocumentDiff:
    """`diff` with every enum value the team labels shown by its label (`must` → `P0`), in
    Chinese every one by the document's label (`draft` → `草稿`), and each field of an item named
    as the rendered document heads it in Chinese (`优先级`), a team field by its declared
    label in either language (`Jira`)."""
    status = diff.status
    if status is not None:
        status = _pair(conventions, "status", status[0], status[1], lang)
    areas = tuple(_area(conventions, area, lang) for area in diff.areas)
    return replace(diff, status=status, areas=areas)


def _area(conventions: Conventions, area: AreaChange, lang: str) -> AreaChange:
    path = tuple(area.area.split("."))
    kind = kind_at(path)  # None for a section's own fields (`meta`)
    # A team declares its fields by the name of the list they are in (`milestones`).
    declared = next((c for c, p in item_paths().items() if p == path), None)
    team = conventions.fields_of(declared) if declared else ()
    items = tuple(_item(conventions, kind, team, i, lang) for i in area.items)
    return replace(area, items=items)


def _item(
    conventions: Conventions,
    kind: str | None,
    team: tuple[CustomField, ...],
    item: ItemChange,
    lang: str,
) -> ItemChange:
    fields = tuple(_field(conventions, kind, team, f, lang) for f in item.fields)
    return replace(item, fields=fields)


def _field(
    conventions: Conventions,
    kind: str | None,
    team: tuple[CustomField, ...],
    change: FieldChange,
    lang: str,
) -> FieldChange:
    # Only an item's own fields (`priority`), not nested ones (`steps[S2].action`).
    name = change.field
    plain = _PLAIN_FIELD.match(name) is not None
    nested = None if plain else _NESTED_FIELD.match(name)
    if plain and f"field.{name}" in LABELS:
        change = replace(change, heading=label(f"field.{name}", "zh"))
    elif nested is not None and f"field.{nested[1]}" in LABELS:
        # Within a list of the item (`elements[倒计时].rule`): named as its heading says,
        # the entry by its key as written (`页面元素「倒计时」·展示与交互逻辑`) or its place
        # (`验收标准第 1 条`).
        key = nested[2]
        entry = f"第 {key[1:]} 条" if re.fullmatch(r"#\d+", key) else f"「{key}」"
        heading = label(f"field.{nested[1]}", "zh") + entry
        if nested[3]:
            inner = f"field.{nested[3]}"
            heading += f"·{label(inner, 'zh') if inner in LABELS else nested[3]}"
        change = replace(change, heading=heading)
    else:
        for custom in team:
            if custom.key == name:  # named by its label in either language: x-jira → Jira
                change = replace(change, heading=custom.label(lang))
    group = ENUM_OF.get((kind, name)) if plain and kind is not None else None
    if group is None:
        return change
    old, new = _pair(conventions, group, change.old, change.new, lang)
    return replace(change, old=old, new=new)


def _pair(conventions: Conventions, group: str, old: Any, new: Any, lang: str) -> tuple[Any, Any]:
    """`old` and `new` as labels, unless the labels read the same: `草稿 → draft` (a label
    written where its value belongs, then mended) must not read as no change."""
    shown = _label(conventions, group, old, lang), _label(conventions, group, new, lang)
    return (old, new) if shown[0] == shown[1] and old != new else shown


def _label(conventions: Conventions, group: str, value: Any, lang: str) -> Any:
    if not isinstance(value, str):
        return value
    team = conventions.relabelled(group, value, lang)
    if team is not None:
        return team
    # The values are English words, as the source writes them; a Chinese reader gets the
    # labels the document shows (草稿, not draft).
    return enum_label(group, value, lang) if lang == "zh" else value
