"""Model items of the feature-planning sections: assumptions, dependencies, alternatives,
launch (checklist, rollout, rollback) and FAQ. `prdkit.model` builds them like every item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Date = str
Number = int | float


def _pointer() -> Any:
    # As in prdkit.model: outside equality and repr.
    return field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Assumption:
    """Something the plan takes to be true, until `validation` checks it."""

    id: str
    statement: str
    validation: str | None = None
    status: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Dependency:
    """What the work needs from outside the team, and by when."""

    id: str
    name: str
    kind: str | None = None
    owner: str | None = None
    needed_by: Date | None = None
    status: str | None = None
    description: str | None = None
    requirements: tuple[str, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """An option that was weighed, and what was decided about it."""

    id: str
    name: str
    decision: str
    description: str | None = None
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    reason: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class ChecklistItem:
    """One thing to have done before launch."""

    id: str
    item: str
    owner: str | None = None
    done: bool | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class RolloutStage:
    """One stage of a staged rollout (灰度发布)."""

    id: str
    name: str
    audience: str | None = None
    percent: Number | None = None
    start: Date | None = None
    criteria: str | None = None
    rollback: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Launch:
    """The `launch` section."""

    checklist: tuple[ChecklistItem, ...] = ()
    rollout: tuple[RolloutStage, ...] = ()
    rollback: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class FaqEntry:
    """A question readers ask, and its answer."""

    question: str
    answer: str
    pointer: str = _pointer()


# Stable kind names (see prdkit.model.kind_of).
KINDS: dict[type, str] = {
    Assumption: "assumption",
    Dependency: "dependency",
    Alternative: "alternative",
    ChecklistItem: "checklist_item",
    RolloutStage: "rollout_stage",
    Launch: "launch",
    FaqEntry: "faq_entry",
}

# Document fields of these sections and the item class each holds.
SECTIONS: dict[str, type] = {
    "assumptions": Assumption,
    "dependencies": Dependency,
    "alternatives": Alternative,
    "launch": Launch,
    "faq": FaqEntry,
}

CHILDREN: dict[type, dict[str, type]] = {
    Launch: {"checklist": ChecklistItem, "rollout": RolloutStage},
}
