"""Getting it done: flows (diagram and steps), schedule, metrics, resources."""

from __future__ import annotations

from prdkit.diagrams.graph import Edge, Graph, Node
from prdkit.layout.blocks import (
    Block,
    Column,
    Facts,
    RichText,
    Schedule,
    Table,
    Task,
)
from prdkit.layout.cells import Cell, Id, Many, Ref, Text
from prdkit.layout.context import Layout, facts, item_anchor
from prdkit.layout.custom import custom_columns, custom_row
from prdkit.layout.numbers import number
from prdkit.layout.sections.pages import metric_events
from prdkit.model import Flow, Metric
from prdkit.views import METRIC_COLUMNS, MILESTONE_COLUMNS, RESOURCE_COLUMNS

__all__ = ["flow_graph", "flows", "metrics", "resources", "schedule"]


def flow_graph(flow: Flow, start: str, end: str) -> Graph:
    """The flow as a graph: a start, one node per step (numbered, its actor as the note unless
    the action names it first), an end after every step that leads nowhere; a step with
    branches is a decision.

    Node ids are generated (`s0`, `n0`…, `t0`…): an author's step id never names a node.
    """
    ids = {step.id: f"n{i}" for i, step in enumerate(flow.steps)}
    ends = [i for i in range(len(flow.steps)) if not flow.successors(i)]
    terminal = {index: f"t{k}" for k, index in enumerate(ends)}
    nodes = [Node("s0", start, "terminal")]
    for i, step in enumerate(flow.steps):
        # "商家 / 商家选择场次…" says the actor twice: the note is left out when the action
        # already starts with it.
        actor = (step.actor or "").strip()
        note = "" if not actor or step.action.lstrip().startswith(actor) else actor
        shape = "decision" if step.branches else "box"
        nodes.append(Node(ids[step.id], f"{i + 1}. {step.action}", shape, note))
    nodes.extend(Node(t, end, "terminal") for t in terminal.values())
    edges = [Edge("s0", ids[flow.steps[0].id])] if flow.steps else []
    for i, step in enumerate(flow.steps):
        here = ids[step.id]
        if step.branches:
            edges.extend(Edge(here, ids[b.next], b.when) for b in step.branches if b.next in ids)
        else:
            edges.extend(Edge(here, ids[t]) for t in flow.successors(i) if t in ids)
        if i in terminal:
            edges.append(Edge(here, terminal[i]))
    return Graph(tuple(nodes), tuple(edges), "flow")


def _step_anchor(flow: Flow, step_id: str) -> str:
    return f"{item_anchor(flow.id)}/step:{step_id}"


def _next(lay: Layout, flow: Flow, index: int, steps: dict[str, str]) -> Cell:
    def to(step_id: str) -> Ref:
        return Ref(step_id, None, steps.get(step_id))

    step = flow.steps[index]
    if step.branches:
        return Many(
            tuple(Many((Text(b.when), to(b.next)), " → ") for b in step.branches),
            layout="lines",
        )
    following = flow.successors(index)
    if not following:
        return Text(lay.t("ui.end_of_flow"), "muted")
    return to(following[0])


def _flow(lay: Layout, flow: Flow) -> list[Block]:
    out: list[Block] = [lay.item_heading(2, flow.id, flow.name)]
    if flow.description and flow.description.strip():
        out.append(RichText(flow.description, 2))
    out.append(
        Facts(
            facts(
                [
                    (lay.t("field.actors"), lay.joined(lay.fields(flow, "actors"))),
                    (lay.t("field.features"), lay.listed(flow.features)),
                ]
            )
        )
    )
    graph = flow_graph(flow, lay.t("ui.start"), lay.t("ui.end_of_flow"))
    note = lay.t("ui.flow_not_drawn").format(
        steps=f"{len(flow.steps):,}", links=f"{len(graph.edges):,}"
    )
    out.append(lay.diagram(graph, flow.name, note))
    # A step is shown once per flow: its row is where a "next" of the same flow points.
    steps: dict[str, str] = {}
    rows = []
    for step in flow.steps:
        anchor = _step_anchor(flow, step.id)
        first = step.id not in steps and anchor not in lay.placed
        if first:
            steps[step.id] = anchor
            lay.placed.setdefault(anchor)
        rows.append(Id(step.id, anchor if first else None))
    # The page a step happens on gets a column once any step of the flow names one.
    on_pages = any(step.page for step in flow.steps)
    out.append(
        Table(
            (
                Column(lay.t("ui.step_no"), "number"),
                Column(lay.t("field.id"), "id"),
                Column(lay.t("field.actor")),
                Column(lay.t("field.action")),
                *([Column(lay.t("field.page"), "ref")] if on_pages else []),
                Column(lay.t("field.next"), "ref"),
                *custom_columns(lay, "steps", every=True),
            ),
            tuple(
                (
                    Text(str(i + 1)),
                    rows[i],
                    lay.field(step, "actor"),
                    lay.field(step, "action"),  # plain text in the format: never read as Markdown
                    *([lay.ref(step.page) if step.page else None] if on_pages else []),
                    _next(lay, flow, i, steps),
                    *custom_row(lay, "steps", step, every=True),
                )
                for i, step in enumerate(flow.steps)
            ),
        )
    )
    return out


def flows(lay: Layout) -> list[Block]:
    """Each flow: description, actors and features, its diagram, the list of steps."""
    if not lay.doc.flows:
        return []
    out: list[Block] = [lay.heading(1, "section.flows", "flows")]
    for flow in lay.doc.flows:
        out += _flow(lay, flow)
    return out


def schedule(lay: Layout) -> list[Block]:
    """A timeline of the milestones, then their table."""
    milestones = lay.doc.schedule.milestones if lay.doc.schedule else ()
    if not milestones:
        return []
    rows = [
        (
            lay.own(m.id),
            lay.field(m, "name"),
            lay.date(m.start),
            lay.date(m.due),
            lay.field(m, "owner"),
            lay.enum("milestone_status", m.status),
            lay.listed(m.deliverables),
            lay.listed(m.depends_on),
        )
        for m in milestones
    ]
    statuses = ("planned", "in_progress", "done", "at_risk")
    timeline = Schedule(
        tuple(Task(m.id, m.name, m.due, m.start, m.status, item_anchor(m.id)) for m in milestones),
        lay.t("ui.gantt"),
        lay.t("field.milestones"),
        tuple((s, lay.enum("milestone_status", s).label) for s in statuses),  # type: ignore[union-attr]
        lay.t("field.due"),
    )
    kinds = ("id", "text", "date", "date", "text", "enum", "ref", "ref")
    table = Table(
        tuple(
            Column(lay.t(key), kind, "milestone_status" if kind == "enum" else None)
            for key, kind in zip(MILESTONE_COLUMNS, kinds, strict=True)
        ),
        tuple(rows),
    )
    return [lay.heading(1, "section.schedule", "schedule"), timeline, table]


def _change(lay: Layout, metric: Metric) -> Cell:
    # A target not set yet reads as such, never as 0.
    if metric.target is None:
        target: Cell = Text(lay.t("ui.target_not_set"), "muted")
    else:
        target = number(metric.target, metric.unit)
    if metric.baseline is None:
        return target
    return Many((number(metric.baseline, metric.unit), target), " → ")


def metrics(lay: Layout) -> list[Block]:
    """Baseline → target, direction, date, frequency, owner; then each definition."""
    ms = lay.doc.metrics
    if not ms:
        return []
    arrows = {"increase": "↑ ", "decrease": "↓ "}
    kinds = ("id", "text", "number", "enum", "date", "enum", "text", "ref")
    groups = (None, None, None, "direction", None, "frequency", None, None)
    table = Table(
        tuple(
            Column(lay.t(key), kind, group)
            for key, kind, group in zip(METRIC_COLUMNS, kinds, groups, strict=True)
        ),
        tuple(
            (
                lay.own(m.id),
                lay.field(m, "name"),
                _change(lay, m),
                lay.enum("direction", m.direction, arrows.get(m.direction, "")),
                lay.date(m.by),
                lay.enum("frequency", m.frequency),
                lay.field(m, "owner"),
                lay.listed(m.requirements),
            )
            for m in ms
        ),
    )
    out: list[Block] = [lay.heading(1, "section.metrics", "metrics"), table]
    defined = [m for m in ms if m.definition or m.source]
    if defined:
        out.append(lay.heading(2, "field.definition", "metrics/definition"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.definition"), "markdown"),
                    Column(lay.t("field.source")),
                ),
                tuple(
                    (Id(m.id), lay.field(m, "definition"), lay.field(m, "source")) for m in defined
                ),
            )
        )
    return out + metric_events(lay)


def resources(lay: Layout) -> list[Block]:
    """Team allotments, with the total of people and effort."""
    res = lay.doc.resources
    if not res:
        return []
    kinds = ("text", "text", "number", "number", "date", "date", "ref", "markdown")
    columns = tuple(
        Column(lay.t(key), kind) for key, kind in zip(RESOURCE_COLUMNS, kinds, strict=True)
    )
    rows = tuple(
        (
            lay.field(r, "team"),
            lay.field(r, "role"),
            lay.number(r.people),
            lay.number(r.effort_days),
            lay.date(r.from_),
            lay.date(r.to),
            lay.listed(r.milestones),
            lay.field(r, "notes"),
        )
        for r in res
    )
    people = [r.people for r in res if r.people is not None]
    effort = [r.effort_days for r in res if r.effort_days is not None]
    total = None
    if len(res) > 1 and (people or effort):
        total = (
            Text(lay.t("ui.total"), strong=True),
            None,
            lay.number(sum(people)) if people else None,
            lay.number(sum(effort)) if effort else None,
        )
    table = Table(columns, rows, total)
    return [lay.heading(1, "section.resources", "resources"), table]
