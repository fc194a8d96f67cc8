"""Tables derived from the model that every writer shows: traceability and inherited grants.

Each view is computed from the `Document` alone, in time linear in the document and the
view's own size, so a writer can call it once per render without a second thought. The
traceability view, which can name every flow in every row, keeps its derived lists as
`Members`: counted at once, read only as far as a reader asks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import overload

from prdkit.model import Document, Permissions, Requirement

__all__ = [
    "METRIC_COLUMNS",
    "MILESTONE_COLUMNS",
    "RESOURCE_COLUMNS",
    "Links",
    "Members",
    "Trace",
    "grant_sources",
    "grant_table",
    "links",
    "shelved",
    "traceability",
    "untraced_features",
]

# Label keys of the columns both writers show for these tables, in order.
MILESTONE_COLUMNS: tuple[str, ...] = (
    "field.id",
    "field.name",
    "field.start",
    "field.due",
    "field.owner",
    "field.status",
    "field.deliverables",
    "field.depends_on",
)
METRIC_COLUMNS: tuple[str, ...] = (
    "field.id",
    "field.name",
    "ui.baseline_to_target",
    "field.direction",
    "field.by",
    "field.frequency",
    "field.owner",
    "field.requirements",
)
RESOURCE_COLUMNS: tuple[str, ...] = (
    "field.team",
    "field.role",
    "field.people",
    "field.effort_days",
    "field.from",
    "field.to",
    "field.milestones",
    "field.notes",
)


# Requirement statuses of work that is not being built.
SHELVED_STATUSES = ("rejected", "deferred")


def shelved(req: Requirement) -> bool:
    """True for a requirement not being built (`wont`, rejected or deferred): never a gap."""
    return req.priority == "wont" or req.status in SHELVED_STATUSES


# Kinds of requirement a feature delivers (None: the author did not say); the others
# (nonfunctional, business, operational) are met across features.
DELIVERED_KINDS = (None, "user", "functional")


def owes_feature(req: Requirement) -> bool:
    """True for a requirement some feature must deliver: a `must` of a kind features deliver,
    being built. Without one, `must-without-feature` warns and the matrix shows a gap."""
    return req.priority == "must" and req.kind in DELIVERED_KINDS and not shelved(req)


class Members(Sequence[str]):
    """The ids at the positions set in `bits`, in position order, equal to that tuple.

    Read lazily: one feature citing every requirement and named by every flow puts every
    flow in every row of the traceability view, n² ids from an input of n items, while the
    layer shows at most a few of each (`Layout.listed`) and their count.
    """

    __slots__ = ("_bits", "_ids")

    def __init__(self, ids: Sequence[str], bits: int) -> None:
        self._ids = ids
        self._bits = bits

    def __len__(self) -> int:
        return self._bits.bit_count()

    def __iter__(self) -> Iterator[str]:
        digits = bin(self._bits)[:1:-1]  # the lowest position first
        at = digits.find("1")
        while at >= 0:
            yield self._ids[at]
            at = digits.find("1", at + 1)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        """The id at `index`, or the ids of a slice; the first `n` (`[:n]`) are read alone."""
        if isinstance(index, slice) and index.start is None and index.step is None:
            return tuple(islice(self, index.stop)) if (index.stop or 0) >= 0 else tuple(self)[index]
        return tuple(self)[index]

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Members) else other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


# Past this many, a row's ids stay `Members`, read as far as asked; fewer are a tuple, as
# an ordinary document's rows are (a tuple of strings costs the collector nothing).
_LISTED = 64


def _members(ids: Sequence[str], bits: int) -> Sequence[str]:
    """The ids at the positions set in `bits`, in position order."""
    members = Members(ids, bits)
    return tuple(members) if bits.bit_count() <= _LISTED else members


@dataclass(frozen=True)
class Trace:
    """The items that trace to one requirement, each in document order."""

    requirement: str
    features: tuple[str, ...]
    flows: Sequence[str]
    metrics: tuple[str, ...]
    milestones: Sequence[str]
    # The events feeding its metrics or measuring its features (see `traceability`).
    events: Sequence[str] = ()


def traceability(doc: Document) -> list[Trace]:
    """One row per requirement: the features citing it, the flows using those features, the
    metrics citing it and the milestones delivering it or one of its features."""
    milestones = doc.schedule.milestones if doc.schedule else ()
    # Inverse indexes, built once. Flows and milestones are kept as bit sets of positions:
    # a requirement's flows are the union over its features, and OR-ing integers costs one
    # step per feature however many flows each one has.
    features_of = _cited_by((f.id, f.requirements) for f in doc.features)
    metrics_of = _cited_by((m.id, m.requirements) for m in doc.metrics)
    flows_of = _bit_sets(fl.features for fl in doc.flows)
    due_of = _bit_sets(m.deliverables for m in milestones)
    flow_ids = [fl.id for fl in doc.flows]
    milestone_ids = [m.id for m in milestones]
    linked = links(doc)
    event_ids = [e.id for e in doc.tracking]
    fed = _bit_sets(linked.metrics_of_event.get(e, ()) for e in event_ids)
    # An event measures the feature it names; one naming none, the features of its page.
    measured = _bit_sets(
        (e.feature,) if e.feature else linked.features_of_page.get(e.page or "", ())
        for e in doc.tracking
    )
    rows = []
    for req in doc.requirements:
        features = tuple(features_of.get(req.id, ()))
        flows = _members(flow_ids, _union(flows_of, features))
        metrics = tuple(metrics_of.get(req.id, ()))
        due = _members(milestone_ids, _union(due_of, features) | due_of.get(req.id, 0))
        events = _members(event_ids, _union(fed, metrics) | _union(measured, features))
        rows.append(Trace(req.id, features, flows, metrics, due, events))
    return rows


@dataclass(frozen=True)
class Links:
    """Links the format lets either side make, as their union, each tuple in document order.

    A feature lists its `pages` and a page its `features`; an event lists its `metrics` and
    a metric its `events`: readers and rules see both directions as one.
    """

    pages_of_feature: dict[str, tuple[str, ...]]
    features_of_page: dict[str, tuple[str, ...]]
    metrics_of_event: dict[str, tuple[str, ...]]
    events_of_metric: dict[str, tuple[str, ...]]
    events_of_page: dict[str, tuple[str, ...]]


def links(doc: Document) -> Links:
    """The feature ↔ page and event ↔ metric links of `doc`, from both sides."""
    pairs = [(f.id, p) for f in doc.features for p in f.pages]
    pairs += [(f, p.id) for p in doc.pages for f in p.features]
    feature_order = _order(f.id for f in doc.features)
    page_order = _order(p.id for p in doc.pages)
    events = [(e.id, m) for e in doc.tracking for m in e.metrics]
    events += [(e, m.id) for m in doc.metrics for e in m.events]
    event_order = _order(e.id for e in doc.tracking)
    metric_order = _order(m.id for m in doc.metrics)
    return Links(
        pages_of_feature=_grouped(pairs, page_order),
        features_of_page=_grouped([(p, f) for f, p in pairs], feature_order),
        metrics_of_event=_grouped(events, metric_order),
        events_of_metric=_grouped([(m, e) for e, m in events], event_order),
        events_of_page=_grouped([(e.page, e.id) for e in doc.tracking if e.page], event_order),
    )


def _order(ids: Iterable[str]) -> dict[str, int]:
    order: dict[str, int] = {}
    for item_id in ids:
        order.setdefault(item_id, len(order))
    return order


def _grouped(pairs: Iterable[tuple[str, str]], order: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """Key → its values, each once, in document order (ids the document lacks go last)."""
    found: dict[str, dict[str, None]] = {}
    for key, value in pairs:
        found.setdefault(key, {})[value] = None
    last = len(order)
    return {
        key: tuple(sorted(values, key=lambda v: order.get(v, last)))
        for key, values in found.items()
    }


def untraced_features(doc: Document) -> list[str]:
    """Features that name no requirement."""
    return [f.id for f in doc.features if not f.requirements]


def grant_sources(perms: Permissions, role_id: str) -> dict[str, str]:
    """Action id → the role it comes from for `role_id`: itself, or an ancestor it inherits."""
    return _Grants(perms).sources(role_id)


def grant_table(perms: Permissions) -> dict[str, dict[str, str]]:
    """`grant_sources` of every role, keyed by role id, with the indexes built once."""
    grants = _Grants(perms)
    return {role.id: grants.sources(role.id) for role in perms.roles}


class _Grants:
    """Who inherits from whom and what each role is granted directly, indexed once."""

    def __init__(self, perms: Permissions) -> None:
        self.parents = {r.id: r.inherits for r in perms.roles}
        self.direct: dict[str, tuple[str, ...]] = {}
        for role_id, actions in perms.grants:
            self.direct.setdefault(role_id, actions)  # the first entry, as `granted` reads

    def sources(self, role_id: str) -> dict[str, str]:
        """Action id → the nearest role granting it, `role_id` itself first."""
        found: dict[str, str] = {}
        seen: set[str] = set()
        queue = deque([role_id])
        while queue:  # breadth first: the nearest role granting an action is the one named
            current = queue.popleft()
            if current in seen:
                continue
            seen.add(current)
            for action in self.direct.get(current, ()):
                found.setdefault(action, current)
            queue.extend(self.parents.get(current, ()))
        return found


def _cited_by(items: Iterable[tuple[str, Sequence[str]]]) -> dict[str, list[str]]:
    """Cited id → ids of the items citing it, in document order, each item once."""
    index: dict[str, list[str]] = {}
    for item_id, cited in items:
        for target in dict.fromkeys(cited):
            index.setdefault(target, []).append(item_id)
    return index


def _bit_sets(lists: Iterable[Iterable[str]]) -> dict[str, int]:
    """Id → the set of positions of the lists naming it, as the bits of an integer."""
    index: dict[str, int] = {}
    for position, ids in enumerate(lists):
        bit = 1 << position
        for item_id in ids:
            index[item_id] = index.get(item_id, 0) | bit
    return index


def _union(index: dict[str, int], ids: Iterable[str]) -> int:
    """The positions naming any of `ids`, as bits."""
    bits = 0
    for item_id in ids:
        bits |= index.get(item_id, 0)
    return bits
