"""Feature planning: rollouts only widen, dependencies arrive in time, decisions are taken."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.rules._common import labelled
from prdkit.source import join

# A dependency in these states has not arrived; absent status counts as open.
_PENDING = (None, "open", "blocked")


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`rollout-percent-decreasing`, `dependency-overdue`, and the `approved`-only decisions."""
    if doc.launch is not None:
        yield from _rollout(doc)
    yield from _overdue(doc)
    if doc.meta.status == "approved":
        yield from _undecided(doc)


def _rollout(doc: Document) -> Iterator[Finding]:
    assert doc.launch is not None
    widest: tuple[str, float] | None = None  # (stage id, percent) of the widest stage so far
    for stage in doc.launch.rollout:
        if stage.percent is None:
            continue
        if widest is not None and stage.percent < widest[1]:
            yield Finding(
                "rollout-percent-decreasing",
                join(stage.pointer, "percent"),
                msg(
                    "rollout-percent-decreasing",
                    id=stage.id,
                    percent=f"{stage.percent:g}",
                    widest=f"{widest[1]:g}",
                    before=widest[0],
                ),
                hint=msg("rollout-percent-decreasing.hint"),
            )
        else:
            widest = (stage.id, stage.percent)


def _overdue(doc: Document) -> Iterator[Finding]:
    today = doc.meta.updated
    if today is None:
        return  # without `meta.updated` the document does not say when it was read
    for dep in doc.dependencies:
        if dep.needed_by is not None and dep.status in _PENDING and dep.needed_by < today:
            state = doc.conventions.value_words("dependency_status", dep.status or "open")
            yield Finding(
                "dependency-overdue",
                join(dep.pointer, "needed_by"),
                msg(
                    "dependency-overdue",
                    id=dep.id,
                    date=dep.needed_by,
                    state=state,
                    updated=today,
                ),
                hint=msg("dependency-overdue.hint"),
            )


def _undecided(doc: Document) -> Iterator[Finding]:
    for assumption in doc.assumptions:
        if assumption.status in (None, "open"):
            yield Finding(
                "assumption-open",
                join(assumption.pointer, "status") if assumption.status else assumption.pointer,
                labelled(doc, "assumption-open", "assumption_status", "open", id=assumption.id),
                hint=msg("assumption-open.hint"),
            )
    for option in doc.alternatives:
        if option.decision == "open":
            yield Finding(
                "alternative-open",
                join(option.pointer, "decision"),
                msg("alternative-open", id=option.id),
                hint=msg("alternative-open.hint"),
            )
