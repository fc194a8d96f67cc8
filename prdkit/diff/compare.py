"""Item-level comparison of two loaded documents: what was added, removed or changed, per area."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from prdkit.diff.changes import MISSING, AreaChange, DocumentDiff, FieldChange, ItemChange
from prdkit.i18n import SECTION_ORDER
from prdkit.schemarefs import reference_lists, reference_maps
from prdkit.source import join

# Top-level sections in the format's order; unknown keys follow in document order.
SECTIONS = ("prdkit", *SECTION_ORDER)
# What names an item, best first: the first field every item has, with unique values.
KEY_FIELDS = ("id", "name", "term", "question", "version", "team", "title", "url", "image")
LABEL_FIELDS = (
    "title",
    "name",
    "term",
    "segment",
    "question",
    "statement",
    "item",
    "action",
    "changes",
    "description",
)
# Shown in the headline, not again among meta's fields.
HEADLINE = ("status", "version")


def same(a: Any, b: Any) -> bool:
    """`True` when two values are equal as data (`1` and `true` differ; key order does not)."""
    return _canonical(a) == _canonical(b)


def _canonical(value: Any) -> str:
    if value is MISSING:
        return "\0missing"
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def compare(
    old: Mapping[str, Any], new: Mapping[str, Any], old_name: str, new_name: str
) -> DocumentDiff:
    """The item-level differences between two loaded documents."""
    old_meta = old.get("meta") if isinstance(old.get("meta"), Mapping) else {}
    new_meta = new.get("meta") if isinstance(new.get("meta"), Mapping) else {}
    headline = {
        key: (old_meta.get(key, MISSING), new_meta.get(key, MISSING))
        for key in HEADLINE
        if not same(old_meta.get(key, MISSING), new_meta.get(key, MISSING))
    }
    title = new_meta.get("title") or old_meta.get("title")
    language = new_meta.get("language")
    areas = [a for section in _sections(old, new) for a in _section(section, old, new) if a.items]
    return DocumentDiff(
        old_name=old_name,
        new_name=new_name,
        title=title if isinstance(title, str) else None,
        status=headline.get("status"),
        version=headline.get("version"),
        areas=tuple(areas),
        language=language if isinstance(language, str) else None,
    )


def _sections(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    others = [k for k in [*new, *old] if k not in SECTIONS]
    return [k for k in SECTIONS if k in old or k in new] + list(dict.fromkeys(others))


def _is_item_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, Mapping) for v in value)


def _section(name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[AreaChange]:
    a, b = old.get(name, MISSING), new.get(name, MISSING)
    pointer = join("", name)
    if _listish(a) and _listish(b):
        yield AreaChange(name, tuple(_items(_list(a), _list(b), pointer)))
        return
    if not (isinstance(a, Mapping) or isinstance(b, Mapping)) or not _mapish(a) or not _mapish(b):
        yield AreaChange(name, _own(_values(a, b, (), name, name), pointer))
        return
    # A section left as its bare header (`launch:`) holds nothing, as one left out.
    a, b = a if isinstance(a, Mapping) else {}, b if isinstance(b, Mapping) else {}
    own: list[FieldChange] = []
    nested: list[AreaChange] = []
    for key in dict.fromkeys([*a, *b]):
        if name == "meta" and key in HEADLINE:
            continue
        x, y = a.get(key, MISSING), b.get(key, MISSING)
        if _listish(x) and _listish(y) and (_list(x) or _list(y)):
            here = join(pointer, key)
            nested.append(AreaChange(f"{name}.{key}", tuple(_items(_list(x), _list(y), here))))
        else:
            own.extend(_values(x, y, (key,), key, key))
    yield AreaChange(name, _own(own, pointer))
    yield from nested


def _listish(value: Any) -> bool:
    return value is MISSING or value is None or _is_item_list(value)


def _mapish(value: Any) -> bool:
    return value is MISSING or value is None or isinstance(value, Mapping)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _own(fields: list[FieldChange], pointer: str) -> tuple[ItemChange, ...]:
    return (ItemChange("changed", None, None, pointer, tuple(fields)),) if fields else ()


def key_field(*lists: list[Any]) -> str | None:
    """The field that names the items of these lists, or None to pair them by position."""
    for candidate in KEY_FIELDS:
        usable = True
        for items in lists:
            keys = [item.get(candidate) for item in items if isinstance(item, Mapping)]
            named = len(keys) == len(items) and all(isinstance(k, str | int) for k in keys)
            if not named or len(set(map(str, keys))) != len(keys):
                usable = False
        if usable:
            return candidate
    return None


def _keyed(items: list[Any], field: str | None) -> dict[str, tuple[int, Any]]:
    if field is None:
        return {f"#{i + 1}": (i, item) for i, item in enumerate(items)}
    return {str(item[field]): (i, item) for i, item in enumerate(items)}


def label_of(item: Any) -> str | None:
    """A few words that name an item for people: its title, name, term…"""
    if isinstance(item, Mapping):
        for field in LABEL_FIELDS:
            value = item.get(field)
            if isinstance(value, str) and value.strip():
                return value
    return None


def _items(old: list[Any], new: list[Any], pointer: str) -> Iterator[ItemChange]:
    field = key_field(old, new)
    before, after = _keyed(old, field), _keyed(new, field)
    for key, (i, item) in after.items():
        if key not in before:
            yield ItemChange("added", key, label_of(item), join(pointer, i))
    for key, (i, item) in before.items():
        if key not in after:
            yield ItemChange("removed", key, label_of(item), join(pointer, i))
    for key, (i, item) in after.items():
        if key in before:
            fields = _values(before[key][1], item, (), "", "")
            if fields:
                yield ItemChange("changed", key, label_of(item), join(pointer, i), tuple(fields))


# A key or id is named in full in a change's label up to this length, else by its start and
# end: every change under it repeats it, and 4,000 changes under a step id of 100,000
# characters made a 400 MB report from 247 KB. The change's `path` keeps it whole.
NAMED = 64


def _named(key: object) -> str:
    """`key` as a change's label names it (see `NAMED`)."""
    text = str(key)
    return text if len(text) <= NAMED else f"{text[: NAMED - 17]}…{text[-16:]}"


def _values(a: Any, b: Any, path: tuple[str, ...], shown: str, name: str) -> list[FieldChange]:
    """Field changes between two values; `name` is the field holding them (for reference lists)."""
    if same(a, b):
        return []
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        out: list[FieldChange] = []
        for key in dict.fromkeys([*a, *b]):
            sub = f"{shown}.{_named(key)}" if shown else _named(key)
            out.extend(_values(a.get(key, MISSING), b.get(key, MISSING), (*path, key), sub, key))
        return out
    if isinstance(a, list) and isinstance(b, list):
        if a and b and _is_item_list(a) and _is_item_list(b):
            return list(_nested_items(a, b, path, shown))
        if _scalars(a) and _scalars(b):
            # Lists of references (as the schema marks them): order means nothing, sets compare.
            if name in reference_lists() or (len(path) >= 2 and path[-2] in reference_maps()):
                return _as_sets(a, b, path, shown)
            return list(_as_text(a, b, path, shown))
    return [FieldChange(shown, path, a, b)]


def _scalars(values: Iterable[Any]) -> bool:
    return all(not isinstance(v, Mapping | list) for v in values)


def _as_sets(a: list[Any], b: list[Any], path: tuple[str, ...], shown: str) -> list[FieldChange]:
    # Ordered dicts: document order kept, membership in constant time (40,000 ids in lists
    # took 28 s).
    old, new = dict.fromkeys(map(_canonical, a)), dict.fromkeys(map(_canonical, b))
    added = tuple(json.loads(v) for v in new if v not in old)
    removed = tuple(json.loads(v) for v in old if v not in new)
    if not added and not removed:
        return []  # only the order changed, which means nothing for references
    return [FieldChange(shown, path, a, b, added=added, removed=removed)]


# Past this many pairs of items between their first and last difference, two ordered
# lists are compared position by position. difflib's matching grows faster than the lists
# (64,000 goals drawn from 100 texts took 13.7 s; 2,000 took up to 0.1 s), and a list
# edited throughout reads no better as a minimal script. A PRD's lists hold tens of items.
MATCHED_PAIRS = 250_000


def _as_text(
    a: list[Any], b: list[Any], path: tuple[str, ...], shown: str
) -> Iterator[FieldChange]:
    """Ordered text lists (acceptance criteria, goals): item edits, insertions, deletions."""
    old, new = [_canonical(v) for v in a], [_canonical(v) for v in b]
    start = end = 0
    if len(old) * len(new) > MATCHED_PAIRS:
        # Only what lies between the first and the last difference is matched.
        shorter = min(len(old), len(new))
        while start < shorter and old[start] == new[start]:
            start += 1
        while end < shorter - start and old[-1 - end] == new[-1 - end]:
            end += 1
    if (len(old) - start - end) * (len(new) - start - end) > MATCHED_PAIRS:
        yield from _by_position(a, b, old, new, path, shown)
        return
    matcher = difflib.SequenceMatcher(a=old[start : len(old) - end], b=new[start : len(new) - end])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        i1, i2, j1, j2 = i1 + start, i2 + start, j1 + start, j2 + start
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            yield _at(shown, path, j1 + k, a[i1 + k], b[j1 + k])
        for j in range(j1 + pairs, j2):
            yield _at(shown, path, j, MISSING, b[j])
        for i in range(i1 + pairs, i2):
            yield _at(shown, path, i, a[i], MISSING)


def _by_position(
    a: list[Any], b: list[Any], old: list[str], new: list[str], path: tuple[str, ...], shown: str
) -> Iterator[FieldChange]:
    """Item k of `a` against item k of `b` (`old` and `new`, as compared), then what one
    list has past the other's end."""
    for k in range(min(len(a), len(b))):
        if old[k] != new[k]:
            yield _at(shown, path, k, a[k], b[k])
    for j in range(len(a), len(b)):
        yield _at(shown, path, j, MISSING, b[j])
    for i in range(len(b), len(a)):
        yield _at(shown, path, i, a[i], MISSING)


def _at(shown: str, path: tuple[str, ...], index: int, old: Any, new: Any) -> FieldChange:
    return FieldChange(f"{shown}[#{index + 1}]", (*path, str(index)), old, new)


def _nested_items(
    a: list[Any], b: list[Any], path: tuple[str, ...], shown: str
) -> Iterator[FieldChange]:
    """Items inside an item (flow steps, branches): added, removed, or changed field by field."""
    field = key_field(a, b)
    before, after = _keyed(a, field), _keyed(b, field)
    for key, (i, item) in after.items():
        where = f"{shown}[{_named(key)}]"
        if key not in before:
            yield FieldChange(where, (*path, str(i)), MISSING, item)
        else:
            yield from _values(before[key][1], item, (*path, str(i)), where, "")
    for key, (i, item) in before.items():
        if key not in after:
            yield FieldChange(f"{shown}[{_named(key)}]", (*path, str(i)), item, MISSING)
