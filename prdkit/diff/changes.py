"""What a diff finds: field changes inside items, items per area, areas per document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class _Missing:
    """A value that is not there at all (distinct from null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldChange:
    """One changed value inside an item; `added`/`removed` for reference lists."""

    field: str  # for people: `rice.reach`, `acceptance_criteria[#2]`, `steps[S2].action`
    path: tuple[str, ...]  # JSON Pointer tokens from the item
    old: Any = MISSING
    new: Any = MISSING
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    heading: str | None = None  # the field's Chinese name (`优先级`), when it has one


@dataclass(frozen=True)
class ItemChange:
    """An item added, removed or changed; `key` is None for an area's own fields."""

    change: str  # added | removed | changed
    key: str | None
    label: str | None
    pointer: str  # in the new document (the old one for removed items)
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class AreaChange:
    """The changes of one section or list: `requirements`, `schedule.milestones`, `meta`."""

    area: str
    items: tuple[ItemChange, ...]


@dataclass(frozen=True)
class DocumentDiff:
    """Everything that changed between two versions of a document."""

    old_name: str
    new_name: str
    title: str | None
    status: tuple[Any, Any] | None
    version: tuple[Any, Any] | None
    areas: tuple[AreaChange, ...]
    language: str | None = None  # the new version's `meta.language`, as written

    def count(self, change: str) -> int:
        """How many items were `added`, `removed` or `changed`."""
        return sum(item.change == change for area in self.areas for item in area.items)

    @property
    def empty(self) -> bool:
        """`True` when nothing changed."""
        return not self.areas and self.status is None and self.version is None
