"""Ids are unique, and every reference names an item of the kind its field takes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from prdkit.diagnostics import Finding
from prdkit.messages import Kind, LineOf, Msg, msg
from prdkit.model import Document, kind_of
from prdkit.rules._common import HintWork, Suggester, kind_name
from prdkit.source import join


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference as written: who makes it, in which field, to what, and where."""

    owner: Msg | str  # "feature F1"
    field: str  # "requirements"
    target: str
    kinds: tuple[str, ...]  # kinds the field accepts
    pointer: str
    at: Literal["value", "key"] = "value"
    phrase: Msg | None = (
        None  # how the message introduces it; default "OWNER lists 'X' under FIELD"
    )
    takes: Msg | None = None  # the hint for a wrong kind; default "FIELD takes KIND ids"


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """Duplicate ids, unresolved references and references of the wrong kind."""
    yield from _duplicates(doc)
    by_id = doc.items_by_id()
    known = {key: kind_of(item) for key, item in by_id.items()}
    suggesters: dict[tuple[str, ...], Suggester] = {}
    named: dict[tuple[str, ...], dict[str, str]] = {}
    work = HintWork()  # shared by the suggesters of every kind
    for ref in references(doc, known):
        item = by_id.get(ref.target)
        intro = ref.phrase or msg("ref.lists", owner=ref.owner, target=ref.target, field=ref.field)
        if item is None:
            suggester = suggesters.get(ref.kinds)
            if suggester is None:
                ids = (i.id for i in doc.identified() if kind_of(i) in ref.kinds)
                suggester = suggesters[ref.kinds] = Suggester(ids, work=work)
                named[ref.kinds] = _ids_by_name(doc, ref.kinds)
            # events: [pickup_collected]: the event's name, where its id belongs.
            by_name = named[ref.kinds].get(ref.target.strip().casefold())
            hint = (
                msg("unresolved-reference.by-name", target=ref.target, id=by_name)
                if by_name
                else suggester.hint(ref.target) or msg("unresolved-reference.hint")
            )
            yield Finding(
                "unresolved-reference",
                ref.pointer,
                msg("unresolved-reference", intro=intro, target=ref.target),
                hint=hint,
                at=ref.at,
            )
        else:
            wanted: Msg | Kind = Kind(ref.kinds[-1])
            for k in reversed(ref.kinds[:-1]):
                wanted = msg("ref.kinds.or", a=Kind(k), b=wanted)
            yield Finding(
                "wrong-kind-reference",
                ref.pointer,
                msg(
                    "wrong-kind-reference",
                    intro=intro,
                    target=ref.target,
                    kind=kind_name(item, article=True),
                ),
                hint=ref.takes or msg("wrong-kind-reference.hint", field=ref.field, kinds=wanted),
                at=ref.at,
            )


def _ids_by_name(doc: Document, kinds: tuple[str, ...]) -> dict[str, str]:
    """The id of each item of `kinds` by its name or title (case folded), the first's."""
    found: dict[str, str] = {}
    for item in doc.identified():
        if kind_of(item) in kinds:
            for field in ("event", "name", "title"):  # an event's name as its client sends it
                name = getattr(item, field, None)
                if isinstance(name, str) and name.strip():
                    found.setdefault(name.strip().casefold(), item.id)
    return found


def _duplicates(doc: Document) -> Iterator[Finding]:
    first: dict[str, Any] = {}
    for item in doc.identified():
        seen = first.setdefault(item.id, item)
        if seen is not item:
            yield Finding(
                "duplicate-id",
                join(item.pointer, "id"),
                msg(
                    "duplicate-id",
                    kind=kind_name(item),
                    id=item.id,
                    other=kind_name(seen),
                    other_id=seen.id,
                    line=LineOf(join(seen.pointer, "id")),
                ),
                hint=msg("duplicate-id.hint"),
            )


# Without `known`, every reference is listed: no target is known to be of a kind.
_NONE_KNOWN: Mapping[str, str] = MappingProxyType({})


def references(doc: Document, known: Mapping[str, str] = _NONE_KNOWN) -> Iterator[Ref]:
    """Every reference of the document in document order (flow `next` targets excepted).

    A reference whose target `known` (id → kind) gives a kind its field takes is left out:
    one dict lookup settles it, before any pointer or message is made (nearly every one).
    """
    for r in doc.requirements:
        owner = ("requirement", r.id)
        yield from _list(owner, "requested_by", r.requested_by, ("stakeholder",), r.pointer, known)
        yield from _list(owner, "evidence", r.evidence, ("finding",), r.pointer, known)
        yield from _list(owner, "depends_on", r.depends_on, ("requirement",), r.pointer, known)
    if doc.competition is not None:
        here = join(doc.competition.pointer, "matrix")
        for key, _cells in doc.competition.matrix:
            if key == "us" or (key.startswith("x-") and key not in doc.items_by_id()):
                continue  # `us` is the product itself; other x- keys are extensions
            if known.get(key) == "competitor":
                continue
            yield Ref(
                "competition.matrix",
                "competition.matrix",
                key,
                ("competitor",),
                join(here, key),
                at="key",
                phrase=msg("ref.matrix-row", key=key),
                takes=msg("ref.matrix-row.hint"),
            )
    for f in doc.features:
        owner = ("feature", f.id)
        yield from _list(owner, "requirements", f.requirements, ("requirement",), f.pointer, known)
        yield from _list(owner, "permissions", f.permissions, ("action",), f.pointer, known)
        yield from _list(owner, "pages", f.pages, ("page",), f.pointer, known)
    yield from _pages_and_tracking(doc, known)
    for flow in doc.flows:
        owner = ("flow", flow.id)
        yield from _list(owner, "features", flow.features, ("feature",), flow.pointer, known)
        for step in flow.steps:
            if step.page is not None and known.get(step.page) != "page":
                owner = msg("place.step", step=step.id, flow=flow.id)
                here = join(step.pointer, "page")
                phrase = msg("ref.step-page", owner=owner, page=step.page)
                yield Ref(owner, "page", step.page, ("page",), here, phrase=phrase)
    if doc.schedule is not None:
        for m in doc.schedule.milestones:
            owner = ("milestone", m.id)
            kinds = ("feature", "requirement")
            yield from _list(owner, "deliverables", m.deliverables, kinds, m.pointer, known)
            yield from _list(owner, "depends_on", m.depends_on, ("milestone",), m.pointer, known)
    for k in doc.metrics:
        owner = ("metric", k.id)
        yield from _list(owner, "requirements", k.requirements, ("requirement",), k.pointer, known)
        yield from _list(owner, "events", k.events, ("event",), k.pointer, known)
    for i, res in enumerate(doc.resources):
        owner = ("resource", res.team or f"#{i + 1}")
        yield from _list(owner, "milestones", res.milestones, ("milestone",), res.pointer, known)
    if doc.permissions is not None:
        yield from _permissions(doc, known)
    for g in doc.guardrails:
        approved = g.approver is None or known.get(g.approver) == "role"
        if known.get(g.action) == "action" and approved:
            continue  # both resolve (a guardrail without an approver names none)
        guard = _owner("guardrail", g.id)
        if known.get(g.action) != "action":
            guarded = msg("ref.guards", owner=guard, action=g.action)
            here = join(g.pointer, "action")
            yield Ref(guard, "action", g.action, ("action",), here, phrase=guarded)
        if g.approver is not None and known.get(g.approver) != "role":
            named = msg("ref.approver", owner=guard, role=g.approver)
            here = join(g.pointer, "approver")
            yield Ref(guard, "approver", g.approver, ("role",), here, phrase=named)
    if doc.operations is not None:
        for c in doc.operations.campaigns:
            owner = ("campaign", c.id)
            yield from _list(owner, "metrics", c.metrics, ("metric",), c.pointer, known)
    for dep in doc.dependencies:
        owner = ("dependency", dep.id)
        kinds = ("requirement",)
        yield from _list(owner, "requirements", dep.requirements, kinds, dep.pointer, known)


def _pages_and_tracking(doc: Document, known: Mapping[str, str]) -> Iterator[Ref]:
    for page in doc.pages:
        owner = ("page", page.id)
        yield from _list(owner, "navigates_to", page.navigates_to, ("page",), page.pointer, known)
        yield from _list(owner, "features", page.features, ("feature",), page.pointer, known)
    for event in doc.tracking:
        owner = ("event", event.id)
        for name, target in (("page", event.page), ("feature", event.feature)):
            if target is not None and known.get(target) != name:
                here = join(event.pointer, name)
                named = _owner(*owner)
                phrase = msg("ref.names-as", owner=named, target=target, kind=Kind(name))
                yield Ref(named, name, target, (name,), here, phrase=phrase)
        yield from _list(owner, "metrics", event.metrics, ("metric",), event.pointer, known)


def _permissions(doc: Document, known: Mapping[str, str]) -> Iterator[Ref]:
    perms = doc.permissions
    assert perms is not None
    for role in perms.roles:
        owner = ("role", role.id)
        yield from _list(owner, "inherits", role.inherits, ("role",), role.pointer, known)
    grants = join(perms.pointer, "grants")
    for role_id, actions in perms.grants:
        if known.get(role_id) == "role" and all(known.get(a) == "action" for a in actions):
            continue
        here = join(grants, role_id)
        if known.get(role_id) != "role":
            yield Ref(
                "permissions.grants",
                "permissions.grants",
                role_id,
                ("role",),
                here,
                at="key",
                phrase=msg("ref.grants-entry", role=role_id),
            )
        for i, action in enumerate(actions):
            if known.get(action) == "action":
                continue
            yield Ref(
                _owner("role", role_id),
                "grants",
                action,
                ("action",),
                join(here, i),
                phrase=msg("ref.grants-action", role=role_id, action=action),
            )
    for n, sod in enumerate(perms.separation_of_duties, start=1):
        owner = f"separation_of_duties #{n}"
        yield from _list(owner, "actions", sod.actions, ("action",), sod.pointer, known)


def _owner(kind: str, name: str) -> Msg:
    """`requirement R1`: an item named by its kind and id."""
    return msg("place.item", kind=Kind(kind), name=name)


def _list(
    owner: tuple[str, str] | str,
    name: str,
    targets: tuple[str, ...],
    kinds: tuple[str, ...],
    base: str,
    known: Mapping[str, str],
) -> Iterator[Ref]:
    """The references of one list field; `owner` is (kind, id), or a name used as it is."""
    missed = [i for i, target in enumerate(targets) if known.get(target) not in kinds]
    if not missed:
        return
    who = owner if isinstance(owner, str) else _owner(*owner)
    here = join(base, name)
    for i in missed:
        yield Ref(who, name, targets[i], kinds, join(here, i))
