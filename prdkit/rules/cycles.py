"""No circles in `requirements.depends_on`, `schedule.milestones.depends_on`, `roles.inherits`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document, kind_of
from prdkit.rules.graph import Cycle, cycles, describe_cycle
from prdkit.source import join


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per cycle, at the reference that closes it, naming the whole cycle."""
    yield from _check(doc, doc.requirements, "depends_on", "requirement-cycle", "depends", "")
    if doc.schedule is not None:
        milestones = doc.schedule.milestones
        yield from _check(doc, milestones, "depends_on", "milestone-cycle", "depends", "milestone")
    if doc.permissions is not None:
        roles = doc.permissions.roles
        yield from _check(doc, roles, "inherits", "role-cycle", "inherits", "role")


def _check(
    doc: Document, items: Sequence[Any], field: str, rule: str, verb: str, prefix: str
) -> Iterator[Finding]:
    if not items:
        return
    kind = kind_of(items[0])
    by_id = doc.items_by_id()
    # Only first occurrences take part: a duplicate id is its own finding elsewhere.
    nodes = [i for i in items if by_id.get(i.id) is i]

    def successors(item: Any) -> Iterator[tuple[Any, str]]:
        seen: set[str] = set()
        for n, target in enumerate(getattr(item, field)):
            found = by_id.get(target)
            if found is not None and kind_of(found) == kind and target not in seen:
                seen.add(target)
                yield found, join(item.pointer, field, n)

    for cycle in cycles(nodes, successors):
        named = Cycle(tuple(m.id for m in cycle.members), cycle.length, cycle.edge)
        yield Finding(
            rule,
            cycle.edge,
            describe_cycle(named, prefix, verb),
            hint=msg("cycle.hint", field=field),
        )
