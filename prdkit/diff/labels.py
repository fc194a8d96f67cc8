"""The display labels of enum values in a diff meant for people (text and Markdown; JSON
stays raw), the team's where it has them, and the Chinese names of the fields that changed."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from prdkit.conventions import Conventions, declarable_paths
from prdkit.diff.changes import AreaChange, DocumentDiff, FieldChange, ItemChange
from prdkit.i18n import ENUM_OF, LABELS, enum_label, label, punct
from prdkit.model import kind_at

_PLAIN_FIELD = re.compile(r"^[a-z_]+$")
# A field of an entry of one of the item's lists, `steps[S2].action` or `elements[a].x-mark`,
# or the entry itself, `acceptance_criteria[#1]`. Anything deeper (an example's own keys,
# `properties[p].example.k[#2]`) or a key holding `]` stays as the source spells it.
_NESTED_FIELD = re.compile(r"^([a-z_]+)\[([^\]]*)\](?:\.([a-z_]+|x-[^.\[\]]+))?$", re.S)
_PLACE = re.compile(r"#(\d+)")


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
    items = tuple(_item(conventions, path, i, lang) for i in area.items)
    return replace(area, items=items)


def _item(
    conventions: Conventions, path: tuple[str, ...], item: ItemChange, lang: str
) -> ItemChange:
    fields = tuple(_field(conventions, path, f, lang) for f in item.fields)
    return replace(item, fields=fields)


def _field(
    conventions: Conventions, path: tuple[str, ...], change: FieldChange, lang: str
) -> FieldChange:
    """`change` with its field's heading and its enum values' labels: an item's own field
    (`priority`), or a field of an entry of one of its lists (`elements[倒计时].kind`)."""
    name = change.field
    kind = kind_at(path)  # None for a section's own fields (`meta`)
    nested = None if _PLAIN_FIELD.match(name) else _NESTED_FIELD.match(name)
    if nested is not None:
        listed, key, inner = nested[1], nested[2], nested[3] or ""
        if f"field.{listed}" not in LABELS:
            return change
        path, name, kind = (*path, listed), inner, kind_at((*path, listed))
        words = _words(conventions, path, inner, lang) if inner else ""
        change = replace(change, heading=_entry_heading(listed, key, words))
    elif _PLAIN_FIELD.match(name) is not None or name.startswith("x-"):
        words = _words(conventions, path, name, lang)
        if words != name:
            change = replace(change, heading=words)
    group = ENUM_OF.get((kind, name)) if kind is not None and name else None
    if group is None:
        return change
    old, new = _pair(conventions, group, change.old, change.new, lang)
    return replace(change, old=old, new=new)


def _words(conventions: Conventions, path: tuple[str, ...], name: str, lang: str) -> str:
    """What the rendered document heads field `name` of the items at `path` with: the
    format's Chinese label, a team field's declared label (in either language: x-jira →
    Jira), else `name`."""
    if f"field.{name}" in LABELS:
        return label(f"field.{name}", "zh")
    declared = next((c for c, p in declarable_paths().items() if p == path), None)
    for custom in conventions.fields_of(declared) if declared else ():
        if custom.key == name:
            return custom.label(lang)
    return name


def _entry_heading(listed: str, key: str, words: str) -> str:
    """How Chinese names an entry of a list and its field: `页面元素「倒计时」·展示与交互逻辑`,
    `验收标准第 1 条`."""
    marks = punct("zh")
    place = _PLACE.fullmatch(key)
    if place:
        entry = label("diff.entry_place", "zh").format(n=place[1])
    else:
        entry = f"{marks['quote_open']}{key}{marks['quote_close']}"
    heading = label(f"field.{listed}", "zh") + entry
    return heading + marks["part"] + words if words else heading


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
