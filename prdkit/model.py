"""Frozen dataclasses for a schema-valid PRD, built from loaded data by `build`."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from prdkit.conventions import NO_CONVENTIONS, Conventions, custom_values
from prdkit.planning import CHILDREN as PLANNING_CHILDREN
from prdkit.planning import KINDS as PLANNING_KINDS
from prdkit.planning import SECTIONS as PLANNING_SECTIONS
from prdkit.planning import Alternative, Assumption, Dependency, FaqEntry, Launch
from prdkit.source import escape_token
from prdkit.source import join as pointer_join

__all__ = ["ModelError", "build", "kind_at", "kind_of", "pointer_join"]

# Dates stay the ISO strings the author wrote: for YYYY-MM-DD, string order is date order,
# and an impossible date never makes the model raise.
Date = str
Number = int | float


def _pointer() -> Any:
    # Outside equality and repr: models built from differently ordered data compare equal.
    return field(default="", compare=False, repr=False)


class ModelError(ValueError):
    """Data that is not schema-valid reached `build`; `pointer` says where."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(f"{pointer or '/'}: {message}")
        self.pointer = pointer


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A titled URL of `meta.links`."""

    title: str
    url: str
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """The `meta` section: what the document is, who owns it, its language."""

    id: str
    title: str
    version: str
    status: str
    owner: str
    authors: tuple[str, ...] = ()
    created: Date | None = None
    updated: Date | None = None
    language: str = "en"
    summary: str | None = None
    background: str | None = None
    goals: tuple[str, ...] = ()
    non_goals: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Stakeholder:
    """Someone who asks for or is served by the product."""

    id: str
    name: str
    kind: str | None = None
    interests: str | None = None
    contact: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Revision:
    """One entry of the change history."""

    version: str
    date: Date
    changes: str
    author: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetUser:
    """A target user segment of the market research."""

    id: str
    segment: str
    description: str | None = None
    size: Number | str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketSize:
    """TAM, SAM and SOM with their currency, year and source."""

    tam: Number | None = None
    sam: Number | None = None
    som: Number | None = None
    currency: str | None = None
    year: int | str | None = None
    source: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class ResearchFinding:
    """A research finding that requirements cite as evidence."""

    id: str
    statement: str
    source: str | None = None
    evidence: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketResearch:
    """The `market_research` section."""

    summary: str | None = None
    target_users: tuple[TargetUser, ...] = ()
    market_size: MarketSize | None = None
    findings: tuple[ResearchFinding, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Rice:
    """Reach, impact, confidence and effort of a requirement."""

    reach: Number
    impact: Number
    confidence: Number
    effort: Number
    pointer: str = _pointer()

    @property
    def score(self) -> float:
        """Reach × impact × confidence ÷ effort (the schema keeps effort above zero)."""
        return self.reach * self.impact * self.confidence / self.effort


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    """One requirement."""

    id: str
    title: str
    priority: str
    kind: str | None = None
    status: str | None = None
    description: str | None = None
    rationale: str | None = None
    requested_by: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    acceptance_criteria: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    rice: Rice | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class RevenueStream:
    """One way the business earns money."""

    name: str
    kind: str | None = None
    description: str | None = None
    estimate: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class CostItem:
    """One entry of the cost structure."""

    name: str
    description: str | None = None
    estimate: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class BusinessModel:
    """The `business_model` section."""

    summary: str | None = None
    value_proposition: str | None = None
    customer_segments: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    revenue_streams: tuple[RevenueStream, ...] = ()
    cost_structure: tuple[CostItem, ...] = ()
    key_partners: tuple[str, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Competitor:
    """One competitor."""

    id: str
    name: str
    url: str | None = None
    positioning: str | None = None
    strengths: tuple[str, ...] = ()
    weaknesses: tuple[str, ...] = ()
    pricing: str | None = None
    pointer: str = _pointer()


MatrixRow = tuple[str, tuple[tuple[str, str | Number | bool], ...]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Competition:
    """`matrix` keeps the written order: ((competitor id or "us", ((dimension, value), …)), …)."""

    summary: str | None = None
    competitors: tuple[Competitor, ...] = ()
    dimensions: tuple[str, ...] = ()
    matrix: tuple[MatrixRow, ...] = ()
    differentiation: str | None = None
    pointer: str = _pointer()

    def row(self, key: str) -> dict[str, str | Number | bool]:
        """The matrix row of `key` (a competitor id or "us") as a dict; empty if absent."""
        return next((dict(cells) for k, cells in self.matrix if k == key), {})


@dataclass(frozen=True, slots=True, kw_only=True)
class Feature:
    """One feature, tracing to requirements and permission actions."""

    id: str
    name: str
    description: str | None = None
    surface: str | None = None
    priority: str | None = None
    requirements: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()
    ux: str | None = None
    pages: tuple[str, ...] = ()
    acceptance_criteria: tuple[str, ...] = ()
    pointer: str = _pointer()


# ---- pages and the tracking plan -------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Prototype:
    """A prototype picture of a page; `image` is the path or http(s) address as written."""

    image: str
    caption: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class PageElement:
    """One element of a page and the rule it follows."""

    name: str
    kind: str | None = None
    rule: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class PageState:
    """One state of a page (empty, loading, sold out…)."""

    name: str
    description: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A page spec: prototypes, elements, states, and the pages it leads to."""

    id: str
    name: str
    surface: str | None = None
    entry: str | None = None
    prototypes: tuple[Prototype, ...] = ()
    description: str | None = None
    elements: tuple[PageElement, ...] = ()
    states: tuple[PageState, ...] = ()
    navigates_to: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventProperty:
    """A property an analytics event carries."""

    name: str
    type: str | None = None
    values: tuple[str, ...] = ()
    description: str | None = None
    # A list (tuple) for an array property, a read-only mapping for an object.
    example: str | Number | bool | tuple[Any, ...] | Mapping[str, Any] | None = None
    pointer: str = _pointer()

    def example_as_sent(self) -> str | None:
        """The example as a client sends it, in JSON (`true`, `["a", "b"]`); strings bare."""
        example = self.example
        if example is None or isinstance(example, str):
            return example
        return json.dumps(example, ensure_ascii=False, default=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrackingEvent:
    """One event of the tracking plan; `event` is the name the client sends."""

    id: str
    event: str
    name: str
    trigger: str
    page: str | None = None
    feature: str | None = None
    properties: tuple[EventProperty, ...] = ()
    metrics: tuple[str, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Branch:
    """A conditional exit of a flow step."""

    when: str
    next: str
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step of a flow; `end` is True only when the author wrote `end: true`."""

    id: str
    action: str
    actor: str | None = None
    page: str | None = None
    next: str | None = None
    branches: tuple[Branch, ...] = ()
    end: bool = False
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Flow:
    """A process flow and its steps."""

    id: str
    name: str
    steps: tuple[Step, ...]
    description: str | None = None
    actors: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    pointer: str = _pointer()

    def successors(self, index: int) -> tuple[str, ...]:
        """Step ids that step `index` leads to: `next`, its branches, else the following step."""
        step = self.steps[index]
        if step.end:
            return ()
        if step.next is not None:
            return (step.next,)
        if step.branches:
            return tuple(b.next for b in step.branches)
        return (self.steps[index + 1].id,) if index + 1 < len(self.steps) else ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Milestone:
    """One milestone of the schedule."""

    id: str
    name: str
    due: Date
    start: Date | None = None
    owner: str | None = None
    status: str | None = None
    deliverables: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Schedule:
    """The `schedule` section."""

    milestones: tuple[Milestone, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Metric:
    """A quantified success measure."""

    id: str
    name: str
    target: Number | None = None  # may wait while the document is a draft
    baseline: Number | None = None
    unit: str | None = None
    direction: str = "increase"
    definition: str | None = None
    by: Date | None = None
    source: str | None = None
    owner: str | None = None
    frequency: str | None = None
    requirements: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """A team allotment; `from_` holds the `from` date."""

    team: str
    role: str | None = None
    people: Number | None = None
    effort_days: Number | None = None
    from_: Date | None = None
    to: Date | None = None
    milestones: tuple[str, ...] = ()
    notes: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A permission role."""

    id: str
    name: str
    description: str | None = None
    inherits: tuple[str, ...] = ()
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """A permission action, with its risk level."""

    id: str
    name: str
    description: str | None = None
    risk: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class SoDRule:
    """A separation-of-duties entry: no role may hold all of `actions`."""

    actions: tuple[str, ...]
    reason: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Permissions:
    """`grants` keeps the written order: ((role id, (action id, …)), …)."""

    roles: tuple[Role, ...] = ()
    actions: tuple[Action, ...] = ()
    grants: tuple[tuple[str, tuple[str, ...]], ...] = ()
    separation_of_duties: tuple[SoDRule, ...] = ()
    pointer: str = _pointer()

    def granted(self, role_id: str) -> tuple[str, ...]:
        """Actions granted directly to `role_id` (inheritance not followed)."""
        return next((actions for r, actions in self.grants if r == role_id), ())


@dataclass(frozen=True, slots=True, kw_only=True)
class Guardrail:
    """A control placed on an action."""

    id: str
    action: str
    control: str
    condition: str | None = None
    approver: str | None = None
    alert: str | None = None
    description: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Campaign:
    """One operations campaign."""

    id: str
    name: str
    kind: str | None = None
    start: Date | None = None
    end: Date | None = None
    channels: tuple[str, ...] = ()
    budget: Number | None = None
    currency: str | None = None
    metrics: tuple[str, ...] = ()
    description: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Operations:
    """The `operations` section."""

    summary: str | None = None
    campaigns: tuple[Campaign, ...] = ()
    data_review: str | None = None
    communication: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Risk:
    """A project risk."""

    id: str
    description: str
    likelihood: str | None = None
    impact: str | None = None
    mitigation: str | None = None
    owner: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenQuestion:
    """A question still to settle."""

    id: str
    question: str
    owner: str | None = None
    due: Date | None = None
    resolution: str | None = None
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class GlossaryEntry:
    """A term and its definition."""

    term: str
    definition: str
    pointer: str = _pointer()


@dataclass(frozen=True, slots=True, kw_only=True)
class Approval:
    """One sign-off."""

    name: str
    decision: str
    role: str | None = None
    date: Date | None = None
    comment: str | None = None
    digest: str | None = None
    pointer: str = _pointer()


def kind_of(item: object) -> str:
    """The stable kind name of a model item: "requirement", "finding", "step", …"""
    return _KINDS.get(type(item)) or type(item).__name__.lower()


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A whole PRD; `items_by_id` and `identified` are computed once, at construction."""

    meta: Meta
    prdkit: int = 1
    stakeholders: tuple[Stakeholder, ...] = ()
    revisions: tuple[Revision, ...] = ()
    market_research: MarketResearch | None = None
    requirements: tuple[Requirement, ...] = ()
    business_model: BusinessModel | None = None
    competition: Competition | None = None
    features: tuple[Feature, ...] = ()
    pages: tuple[Page, ...] = ()
    tracking: tuple[TrackingEvent, ...] = ()
    flows: tuple[Flow, ...] = ()
    schedule: Schedule | None = None
    metrics: tuple[Metric, ...] = ()
    resources: tuple[Resource, ...] = ()
    permissions: Permissions | None = None
    guardrails: tuple[Guardrail, ...] = ()
    operations: Operations | None = None
    assumptions: tuple[Assumption, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    launch: Launch | None = None
    faq: tuple[FaqEntry, ...] = ()
    risks: tuple[Risk, ...] = ()
    open_questions: tuple[OpenQuestion, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    approvals: tuple[Approval, ...] = ()
    # Team conventions the document was checked under, and its declared custom fields:
    # item pointer → ((x- key, value as written), …). Neither is part of the source's equality.
    conventions: Conventions = field(default=NO_CONVENTIONS, compare=False, repr=False)
    custom: Mapping[str, tuple[tuple[str, Any], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    pointer: str = _pointer()
    _identified: tuple[Any, ...] = field(init=False, repr=False, compare=False)
    _by_id: Mapping[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mr, comp, sched = self.market_research, self.competition, self.schedule
        perms, ops = self.permissions, self.operations
        identified = (
            *self.stakeholders,
            *(mr.target_users if mr else ()),
            *(mr.findings if mr else ()),
            *self.requirements,
            *(comp.competitors if comp else ()),
            *self.features,
            *self.pages,
            *self.tracking,
            *self.flows,
            *(sched.milestones if sched else ()),
            *self.metrics,
            *(perms.roles if perms else ()),
            *(perms.actions if perms else ()),
            *self.guardrails,
            *(ops.campaigns if ops else ()),
            *self.assumptions,
            *self.dependencies,
            *self.alternatives,
            *(self.launch.checklist if self.launch else ()),
            *(self.launch.rollout if self.launch else ()),
            *self.risks,
            *self.open_questions,
        )
        by_id: dict[str, Any] = {}
        for item in identified:
            by_id.setdefault(item.id, item)
        object.__setattr__(self, "_identified", identified)
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))

    def identified(self) -> tuple[Any, ...]:
        """Every item of the id namespace in document order, duplicates kept (not meta, steps)."""
        return self._identified

    def custom_of(self, item: Any) -> Mapping[str, Any]:
        """The declared custom fields `item` carries, as written: {x- key: value}."""
        return dict(self.custom.get(item.pointer, ()))

    def items_by_id(self) -> Mapping[str, Any]:
        """Read-only id → item over the one namespace; the first occurrence of an id wins."""
        return self._by_id

    @staticmethod
    def kind_of(item: object) -> str:
        """The stable kind name of `item` (see module-level `kind_of`)."""
        return kind_of(item)


# Stable kind names, used by rules and writers in messages and label keys.
_KINDS: dict[type, str] = {
    Meta: "meta",
    Link: "link",
    Stakeholder: "stakeholder",
    Revision: "revision",
    MarketResearch: "market_research",
    TargetUser: "target_user",
    MarketSize: "market_size",
    ResearchFinding: "finding",
    Requirement: "requirement",
    Rice: "rice",
    BusinessModel: "business_model",
    RevenueStream: "revenue_stream",
    CostItem: "cost_item",
    Competition: "competition",
    Competitor: "competitor",
    Feature: "feature",
    Page: "page",
    Prototype: "prototype",
    PageElement: "element",
    PageState: "page_state",
    TrackingEvent: "event",
    EventProperty: "event_property",
    Flow: "flow",
    Step: "step",
    Branch: "branch",
    Schedule: "schedule",
    Milestone: "milestone",
    Metric: "metric",
    Resource: "resource",
    Permissions: "permissions",
    Role: "role",
    Action: "action",
    SoDRule: "sod_rule",
    Guardrail: "guardrail",
    Operations: "operations",
    Campaign: "campaign",
    Risk: "risk",
    OpenQuestion: "open_question",
    GlossaryEntry: "glossary_entry",
    Approval: "approval",
    Document: "document",
    **PLANNING_KINDS,
}

# ---- building from loaded data -------------------------------------------------------------

# Which fields hold nested items; the data decides list (→ tuple of items) or object.
_CHILDREN: dict[type, dict[str, type]] = {
    Document: {
        "meta": Meta,
        "stakeholders": Stakeholder,
        "revisions": Revision,
        "market_research": MarketResearch,
        "requirements": Requirement,
        "business_model": BusinessModel,
        "competition": Competition,
        "features": Feature,
        "pages": Page,
        "tracking": TrackingEvent,
        "flows": Flow,
        "schedule": Schedule,
        "metrics": Metric,
        "resources": Resource,
        "permissions": Permissions,
        "guardrails": Guardrail,
        "operations": Operations,
        **PLANNING_SECTIONS,
        "risks": Risk,
        "open_questions": OpenQuestion,
        "glossary": GlossaryEntry,
        "approvals": Approval,
    },
    Meta: {"links": Link},
    MarketResearch: {
        "target_users": TargetUser,
        "market_size": MarketSize,
        "findings": ResearchFinding,
    },
    Requirement: {"rice": Rice},
    BusinessModel: {"revenue_streams": RevenueStream, "cost_structure": CostItem},
    Competition: {"competitors": Competitor},
    Page: {"prototypes": Prototype, "elements": PageElement, "states": PageState},
    TrackingEvent: {"properties": EventProperty},
    Flow: {"steps": Step},
    Step: {"branches": Branch},
    Schedule: {"milestones": Milestone},
    Permissions: {"roles": Role, "actions": Action, "separation_of_duties": SoDRule},
    Operations: {"campaigns": Campaign},
    **PLANNING_CHILDREN,
}
_MAPPINGS = {(Permissions, "grants"), (Competition, "matrix")}

# Per class, worked out once: for each field filled from data, in field order, its name, its
# data key (`from_` reads `from`), the pointer suffix of that key, and how its value is made:
# a nested item class, _PAIRS for the two mappings kept in written order, or None for a
# scalar. Asking `fields()`, `_CHILDREN` and `_MAPPINGS` per object cost a third of the build.
_Plan = tuple[tuple[str, str, str, Any], ...]
_PAIRS = object()
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        children = _CHILDREN.get(cls, {})
        plan = tuple(
            (
                f.name,
                key,
                "/" + escape_token(key),
                _PAIRS if (cls, f.name) in _MAPPINGS else children.get(f.name),
            )
            for f in fields(cls)
            if f.init and f.name != "pointer"
            for key in (f.name.rstrip("_"),)
        )
        _PLANS[cls] = plan
    return plan


def _date_text(value: Any) -> Any:
    # A loader that hands over date objects still yields the ISO string the model promises.
    return value.isoformat() if isinstance(value, datetime.date) else value


def _scalar(value: Any) -> Any:
    # Lists and mappings of scalars, but for an example value, which may nest as deep as the
    # loader lets it (`max-depth`).
    # Strings, nearly every value, are never dates: they skip the isinstance checks.
    if type(value) is str:
        return value
    if isinstance(value, list):
        return tuple([v if type(v) is str else _scalar(v) for v in value])
    if isinstance(value, Mapping):  # an event property's example of an object
        return MappingProxyType({k: _scalar(v) for k, v in value.items()})
    return _date_text(value)


def _pairs(value: Any, pointer: str, inner: bool) -> tuple[Any, ...]:
    # Keys here are data (role ids, competitor ids, dimensions), so `x-` keys are kept too.
    if not isinstance(value, Mapping):
        raise ModelError(pointer, "expected a mapping")
    return tuple(
        (key, _pairs(v, pointer_join(pointer, key), False) if inner else _scalar(v))
        for key, v in value.items()
    )


def _make(cls: type, data: Any, pointer: str) -> Any:
    # `type(data) is dict` first: the abstract Mapping check is slow and the loader gives dicts.
    if type(data) is not dict and not isinstance(data, Mapping):
        raise ModelError(pointer, f"expected a mapping for {_KINDS[cls]}")
    kwargs: dict[str, Any] = {"pointer": pointer}
    for name, key, suffix, make in _plan(cls):
        if key not in data:
            continue  # the dataclass default applies; a missing required field fails below
        value = data[key]
        if make is None:
            kwargs[name] = value if type(value) is str else _scalar(value)
        elif make is _PAIRS:
            kwargs[name] = _pairs(value, pointer + suffix, inner=cls is Competition)
        else:
            here = pointer + suffix
            if isinstance(value, list):
                kwargs[name] = tuple([_make(make, v, f"{here}/{i}") for i, v in enumerate(value)])
            else:
                kwargs[name] = _make(make, value, here)
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field is missing
        raise ModelError(pointer, f"{_KINDS[cls]}: {exc}") from None


def class_at(path: tuple[str, ...]) -> type | None:
    """The model class of the items at `path` of the data (`("schedule", "milestones")` →
    `Milestone`); None for a path the model does not hold."""
    cls: type | None = Document
    for key in path:
        cls = _CHILDREN.get(cls, {}).get(key) if cls is not None else None
    return cls if cls is not Document else None


def items_at(doc: Document, path: tuple[str, ...]) -> Sequence[Any]:
    """The items of `doc` at `path` (`("launch", "rollout")`); none where a section is
    absent."""
    node: Any = doc
    for key in path:
        node = getattr(node, key, None)
        if node is None:
            return ()
    return node


def kind_at(path: tuple[str, ...]) -> str | None:
    """The kind of the items at `path` of the data (`("schedule", "milestones")` → milestone)."""
    cls = class_at(path)
    return _KINDS.get(cls) if cls is not None else None


def build(data: Mapping[str, Any], conventions: Conventions = NO_CONVENTIONS) -> Document:
    """The `Document` of schema-valid loaded data; of the `x-` fields, only declared ones stay."""
    doc = _make(Document, data, "")
    if not conventions.fields and not conventions.labels:
        return doc
    object.__setattr__(doc, "conventions", conventions)
    object.__setattr__(doc, "custom", MappingProxyType(custom_values(data, conventions)))
    return doc
