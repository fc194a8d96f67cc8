"""Periods that end after they start, and milestones that start after what they depend on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import Msg, msg
from prdkit.model import Document, Milestone
from prdkit.source import join

# Dates are the YYYY-MM-DD strings the schema checked, so string order is date order.


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`date-order` for every period; `milestone-before-dependency` for the schedule."""
    meta = doc.meta
    if meta.created and meta.updated and meta.created > meta.updated:
        message = msg("date-order.meta", updated=meta.updated, created=meta.created)
        yield _order(meta.pointer, "updated", message)
    milestones = doc.schedule.milestones if doc.schedule else ()
    for m in milestones:
        if m.start and m.start > m.due:
            yield _order(
                m.pointer,
                "due",
                msg("date-order.milestone", id=m.id, due=m.due, start=m.start),
            )
    for i, r in enumerate(doc.resources):
        if r.from_ and r.to and r.from_ > r.to:
            who = r.team or f"#{i + 1}"
            message = msg("date-order.resource", who=who, to=r.to, start=r.from_)
            yield _order(r.pointer, "to", message)
    campaigns = doc.operations.campaigns if doc.operations else ()
    for c in campaigns:
        if c.start and c.end and c.start > c.end:
            message = msg("date-order.campaign", id=c.id, end=c.end, start=c.start)
            yield _order(c.pointer, "end", message)
    yield from _dependencies(doc, milestones)


def _order(pointer: str, field: str, message: Msg) -> Finding:
    return Finding("date-order", join(pointer, field), message, hint=msg("date-order.hint"))


def _dependencies(doc: Document, milestones: tuple[Milestone, ...]) -> Iterator[Finding]:
    by_id = doc.items_by_id()
    for m in milestones:
        begins = m.start or m.due
        for n, dep_id in enumerate(m.depends_on):
            dep = by_id.get(dep_id)
            if not isinstance(dep, Milestone) or dep is m or begins >= dep.due:
                continue
            key = "milestone-before-dependency" + ("" if m.start else ".no-start")
            yield Finding(
                "milestone-before-dependency",
                join(m.pointer, "depends_on", n),
                msg(key, id=m.id, start=m.start or "", due=m.due, dep=dep.id, dep_due=dep.due),
                hint=msg("milestone-before-dependency.hint", id=m.id, dep_due=dep.due),
            )
