"""Permissions: separation of duties, four-eyes guardrails, and guarded high-risk actions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document, Role
from prdkit.rules._common import listing
from prdkit.rules.graph import closure
from prdkit.source import join

_NEEDS_APPROVER = ("approval", "confirmation")


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """Every permission rule."""
    perms = doc.permissions
    roles = [r for r in perms.roles if doc.items_by_id().get(r.id) is r] if perms else []
    by_id = {r.id: r for r in roles}
    # Only actions some rule asks about are followed through inheritance, so the work stays
    # proportional to roles × those actions, however long the inheritance chains.
    asked = {a for e in perms.separation_of_duties for a in e.actions} if perms else set()
    asked.update(g.action for g in doc.guardrails if g.control in _NEEDS_APPROVER)
    own = {role_id: set(actions) & asked for role_id, actions in perms.grants} if perms else {}
    held = closure(
        [r.id for r in roles],
        lambda rid: [p for p in by_id[rid].inherits if p in by_id],
        lambda rid: own.get(rid, ()),
    )
    if perms is not None:
        yield from _separation(doc, roles, own, held)
    yield from _guardrails(doc, own, held, by_id)


def _separation(
    doc: Document, roles: list[Role], own: dict[str, set[str]], held: dict[str, frozenset[str]]
) -> Iterator[Finding]:
    perms = doc.permissions
    assert perms is not None
    grants = join(perms.pointer, "grants")
    for n, entry in enumerate(perms.separation_of_duties, start=1):
        apart = set(entry.actions)
        if len(apart) < 2:
            continue
        for role in roles:
            if not apart <= held[role.id]:
                continue
            # A role that holds them only because a parent does is that parent's finding.
            if any(p in held and apart <= held[p] for p in role.inherits):
                continue
            inherited = [a for a in entry.actions if a not in own.get(role.id, ())]
            # At the role's own grants when it has some, else at what it inherits.
            at: Literal["value", "key"] = "key" if role.id in own else "value"
            pointer = join(grants, role.id) if role.id in own else join(role.pointer, "inherits")
            yield Finding(
                "separation-of-duties",
                pointer,
                msg(
                    "separation-of-duties" + (".inherited" if inherited else ""),
                    role=role.id,
                    actions=listing(dict.fromkeys(entry.actions)),
                    inherited=listing(dict.fromkeys(inherited)),
                    n=n,
                ),
                hint=msg("separation-of-duties.hint"),
                at=at,
            )


def _guardrails(
    doc: Document,
    own: dict[str, set[str]],
    held: dict[str, frozenset[str]],
    roles: dict[str, Role],
) -> Iterator[Finding]:
    for g in doc.guardrails:
        if g.control not in _NEEDS_APPROVER:
            continue
        if g.approver is None:
            yield Finding(
                "guardrail-without-approver",
                g.pointer,
                msg(f"guardrail-without-approver.{g.control}", id=g.id, action=g.action),
                hint=msg("guardrail-without-approver.hint"),
            )
        elif g.approver in roles and g.action in held[g.approver]:
            inherited = g.action not in own.get(g.approver, ())
            yield Finding(
                "four-eyes",
                join(g.pointer, "approver"),
                msg(
                    "four-eyes" + (".inherited" if inherited else ""),
                    id=g.id,
                    role=g.approver,
                    action=g.action,
                ),
                hint=msg("four-eyes.hint"),
            )
    perms = doc.permissions
    if perms is None:
        return
    guarded = {g.action for g in doc.guardrails}
    for action in perms.actions:
        if action.risk == "high" and action.id not in guarded:
            yield Finding(
                "unguarded-high-risk-action",
                join(action.pointer, "risk"),
                msg("unguarded-high-risk-action", id=action.id),
                hint=msg("unguarded-high-risk-action.hint"),
            )
