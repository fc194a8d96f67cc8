"""Periods that end after they start, and milestones that start after what they depend on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.model import Document, Milestone
from prdkit.source import join

# Dates are the YYYY-MM-DD strings the schema checked, so string order is date order.


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`date-order` for every period; `milestone-before-dependency` for the schedule."""
    meta = doc.meta
    if meta.created and meta.updated and meta.created > meta.updated:
        message = f"meta.updated ({meta.updated}) is before meta.created ({meta.created})"
        yield _order(meta.pointer, "updated", message)
    milestones = doc.schedule.milestones if doc.schedule else ()
    for m in milestones:
        if m.start and m.start > m.due:
            yield _order(
                m.pointer,
                "due",
                f"milestone {m.id} is due on {m.due}, before it starts ({m.start})",
            )
    for i, r in enumerate(doc.resources):
        if r.from_ and r.to and r.from_ > r.to:
            who = f"resource {r.team}" if r.team else f"resource #{i + 1}"
            yield _order(r.pointer, "to", f"{who} ends on {r.to}, before it starts ({r.from_})")
    campaigns = doc.operations.campaigns if doc.operations else ()
    for c in campaigns:
        if c.start and c.end and c.start > c.end:
            message = f"campaign {c.id} ends on {c.end}, before it starts ({c.start})"
            yield _order(c.pointer, "end", message)
    yield from _dependencies(doc, milestones)


def _order(pointer: str, field: str, message: str) -> Finding:
    return Finding("date-order", join(pointer, field), message, hint="swap or correct the dates")


def _dependencies(doc: Document, milestones: tuple[Milestone, ...]) -> Iterator[Finding]:
    by_id = doc.items_by_id()
    for m in milestones:
        begins = m.start or m.due
        for n, dep_id in enumerate(m.depends_on):
            dep = by_id.get(dep_id)
            if not isinstance(dep, Milestone) or dep is m or begins >= dep.due:
                continue
            when = f"starts on {m.start}" if m.start else f"has no start and is due on {m.due}"
            yield Finding(
                "milestone-before-dependency",
                join(m.pointer, "depends_on", n),
                f"milestone {m.id} {when}, before milestone {dep.id}, which it depends on, "
                f"is due ({dep.due})",
                hint=f"start {m.id} on or after {dep.due}, or drop the dependency",
            )
