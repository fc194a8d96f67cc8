"""Permissions: separation of duties, four-eyes guardrails, and guarded high-risk actions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document, Role
from prdkit.rules._common import labelled, listing
from prdkit.rules.graph import bits, closure
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
    # What each role holds, as a bit set over the asked actions.
    bit = {action: 1 << i for i, action in enumerate(sorted(asked))}
    own_bits = {rid: _mask(bit, actions) for rid, actions in own.items()}
    held = closure(
        [r.id for r in roles],
        lambda rid: [p for p in by_id[rid].inherits if p in by_id],
        lambda rid: own_bits.get(rid, 0),
    )
    if perms is not None:
        yield from _separation(doc, roles, own, held, bit)
    yield from _guardrails(doc, own, held, by_id, bit)


def _mask(bit: dict[str, int], actions: Iterable[str]) -> int:
    mask = 0
    for action in actions:
        mask |= bit.get(action, 0)
    return mask


def _broken(
    roles: list[Role], held: dict[str, int], entries: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(entry, role) positions where a role holds all of an entry's actions and no parent does.

    Each entry is tried only at the roles where one of its actions is new (held, but not
    held by the first parent): a role holding them all while its first parent does not
    gains one of them there. Trying every entry at every role is quadratic.
    """
    by_bit: dict[int, list[int]] = {}
    for e, (_, mask) in enumerate(entries):
        for position in bits(mask):
            by_bit.setdefault(position, []).append(e)
    found = []
    for r, role in enumerate(roles):
        have = held[role.id]
        parents = [held[p] for p in role.inherits if p in held]
        fresh = have & ~parents[0] if parents else have
        tried: set[int] = set()
        for position in bits(fresh):
            for e in by_bit.get(position, ()):
                if e in tried:
                    continue
                tried.add(e)
                mask = entries[e][1]
                # A role that holds them only because a parent does is that parent's finding.
                if have & mask == mask and not any(p & mask == mask for p in parents):
                    found.append((e, r))
    found.sort()
    return found


def _separation(
    doc: Document,
    roles: list[Role],
    own: dict[str, set[str]],
    held: dict[str, int],
    bit: dict[str, int],
) -> Iterator[Finding]:
    perms = doc.permissions
    assert perms is not None
    grants = join(perms.pointer, "grants")
    rules = perms.separation_of_duties
    entries = [
        (n, _mask(bit, entry.actions))
        for n, entry in enumerate(rules, start=1)
        if len(set(entry.actions)) >= 2
    ]
    for e, r in _broken(roles, held, entries):
        n, role = entries[e][0], roles[r]
        entry = rules[n - 1]
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
    held: dict[str, int],
    roles: dict[str, Role],
    bit: dict[str, int],
) -> Iterator[Finding]:
    for g in doc.guardrails:
        if g.control not in _NEEDS_APPROVER:
            continue
        if g.approver is None:
            yield Finding(
                "guardrail-without-approver",
                g.pointer,
                labelled(
                    doc,
                    f"guardrail-without-approver.{g.control}",
                    "control",
                    g.control,
                    id=g.id,
                    action=g.action,
                ),
                hint=msg("guardrail-without-approver.hint"),
            )
        elif g.approver in roles and held[g.approver] & bit[g.action]:
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
