"""Flows: unique step ids, `next` targets that exist, every step reachable, known actors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document, Flow
from prdkit.rules._common import HintWork, Suggester, listing
from prdkit.rules.graph import reach
from prdkit.source import join

# At most this many followers are named in an unreachable-step message.
_NAMED_FOLLOWERS = 5


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """Every flow rule, flow by flow."""
    work = HintWork()  # shared by every flow's hints
    for flow in doc.flows:
        yield from _flow(flow, work)


def _flow(flow: Flow, work: HintWork) -> Iterator[Finding]:
    index: dict[str, int] = {}  # step id → its first position
    duplicates: set[int] = set()
    for i, step in enumerate(flow.steps):
        if step.id in index:
            duplicates.add(i)
            yield Finding(
                "duplicate-step-id",
                join(step.pointer, "id"),
                msg("duplicate-step-id", flow=flow.id, step=step.id),
                hint=msg("duplicate-step-id.hint"),
            )
        else:
            index[step.id] = i
    yield from _targets(flow, index, work)
    yield from _unreachable(flow, index, duplicates)
    yield from _actors(flow, work)


def _targets(flow: Flow, index: dict[str, int], work: HintWork) -> Iterator[Finding]:
    suggester = Suggester(index, work=work)
    for step in flow.steps:
        exits = [(step.next, join(step.pointer, "next"))] if step.next is not None else []
        exits += [(b.next, join(b.pointer, "next")) for b in step.branches]
        for target, pointer in exits:
            if target not in index:
                yield Finding(
                    "unknown-step",
                    pointer,
                    msg("unknown-step", step=step.id, flow=flow.id, target=target),
                    hint=suggester.hint(target) or msg("unknown-step.hint"),
                )


def _unreachable(flow: Flow, index: dict[str, int], duplicates: set[int]) -> Iterator[Finding]:
    def successors(i: int) -> Iterator[int]:
        for target in flow.successors(i):
            j = index.get(target)
            if j is not None:
                yield j

    reached = set(reach([0], successors, set()))
    first = flow.steps[0].id
    # Report the first step of each unreachable stretch and name the steps that follow from it.
    for i, step in enumerate(flow.steps):
        if i in reached or i in duplicates:
            continue
        followers = sorted(set(reach([i], successors, reached)) - {i} - duplicates)
        reached.add(i)
        reached.update(followers)
        message = msg("unreachable-step", step=step.id, flow=flow.id, first=first)
        if followers:
            names = [flow.steps[j].id for j in followers]
            shown = listing(names[:_NAMED_FOLLOWERS])
            more = len(names) - _NAMED_FOLLOWERS
            key = "unreachable-step.followers" + (".more" if more > 0 else "")
            message = msg(key, step=step.id, flow=flow.id, first=first, shown=shown, more=more)
        yield Finding(
            "unreachable-step",
            step.pointer,
            message,
            hint=msg("unreachable-step.hint"),
        )


def _actors(flow: Flow, work: HintWork) -> Iterator[Finding]:
    if not flow.actors:
        return
    actors = set(flow.actors)
    suggester = Suggester(flow.actors, work=work)
    for step in flow.steps:
        if step.actor is not None and step.actor not in actors:
            yield Finding(
                "unknown-actor",
                join(step.pointer, "actor"),
                msg(
                    "unknown-actor",
                    step=step.id,
                    flow=flow.id,
                    actor=step.actor,
                    actors=listing(flow.actors),
                ),
                hint=suggester.hint(step.actor) or msg("unknown-actor.hint"),
            )
