"""No circles in `requirements.depends_on`, `schedule.milestones.depends_on`, `roles.inherits`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
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
    by_id = doc.items_by_id()
    # Only first occurrences take part: a duplicate id is its own finding elsewhere.
    nodes = [i for i in items if by_id.get(i.id) is i]
    # The walk keeps items by their place in `nodes`: hashing a frozen item hashes every
    # field it holds, most of what this rule cost. An id names a node here exactly when the
    # document's first item of that id is of this kind, which is what the walk may follow.
    place = {item.id: n for n, item in enumerate(nodes)}

    def successors(node: int) -> Iterator[tuple[int, tuple[int, int]]]:
        seen: set[str] = set()
        for n, target in enumerate(getattr(nodes[node], field)):
            found = place.get(target)
            if found is not None and target not in seen:
                seen.add(target)
                yield found, (node, n)  # the reference's pointer, spelt out for a cycle only

    for cycle in cycles(range(len(nodes)), successors):
        named = Cycle(tuple(nodes[m].id for m in cycle.members), cycle.length, cycle.edge)
        node, n = cycle.edge
        yield Finding(
            rule,
            join(nodes[node].pointer, field, n),
            describe_cycle(named, prefix, verb),
            hint=msg("cycle.hint", field=field),
        )
