"""Flows (Mermaid flowchart and step list), schedule (Mermaid gantt and table), metrics,
resources."""

from __future__ import annotations

from prdkit.model import Flow, Metric
from prdkit.views import METRIC_COLUMNS, MILESTONE_COLUMNS, RESOURCE_COLUMNS
from prdkit.writers.markdown import mermaid
from prdkit.writers.markdown.context import Context, number

__all__ = ["flows", "metrics", "resources", "schedule"]


def _fenced(lines: list[str]) -> list[str]:
    return ["```mermaid", *lines, "```"]


def _next_cell(ctx: Context, flow: Flow, index: int) -> str:
    step = flow.steps[index]
    if step.branches:
        return "<br>".join(f"{ctx.plain(b.when)} → {ctx.plain(b.next)}" for b in step.branches)
    following = flow.successors(index)
    if not following:
        return ctx.t("ui.end_of_flow")
    return ctx.plain(following[0])


def flows(ctx: Context) -> None:
    """Each flow: description, actors and features, a flowchart, the list of steps."""
    if not ctx.doc.flows:
        return
    ctx.heading(2, ctx.raw("section.flows"))
    for flow in ctx.doc.flows:
        ctx.heading(3, f"{flow.id} {flow.name}", item_id=flow.id)
        ctx.field(flow.description, 3)
        ctx.facts(
            [
                ("field.actors", ctx.join(ctx.plain(a) for a in flow.actors)),
                ("field.features", ctx.refs(flow.features)),
            ]
        )
        chart = mermaid.flowchart(flow, start=ctx.raw("ui.start"), end=ctx.raw("ui.end_of_flow"))
        ctx.add(_fenced(chart))
        ctx.table(
            ["ui.step_no", "field.id", "field.actor", "field.action", "field.next"],
            [
                [
                    str(i + 1),
                    ctx.plain(step.id),
                    ctx.plain(step.actor),
                    ctx.plain(step.action),
                    _next_cell(ctx, flow, i),
                ]
                for i, step in enumerate(flow.steps)
            ],
        )


def schedule(ctx: Context) -> None:
    """A gantt of the milestones, then their table."""
    milestones = ctx.doc.schedule.milestones if ctx.doc.schedule else ()
    if not milestones:
        return
    ctx.heading(2, ctx.raw("section.schedule"))
    ctx.add(_fenced(mermaid.gantt(milestones, ctx.raw("field.milestones"))))
    ctx.table(
        list(MILESTONE_COLUMNS),
        [
            [
                ctx.plain(m.id),
                ctx.plain(m.name),
                ctx.plain(m.start),
                ctx.plain(m.due),
                ctx.plain(m.owner),
                ctx.enum("milestone_status", m.status),
                ctx.refs(m.deliverables),
                ctx.refs(m.depends_on),
            ]
            for m in milestones
        ],
    )


def _amount(value: float | int | None, unit: str | None) -> str:
    if value is None:
        return ""
    if not unit:
        return number(value)
    # `5%`, `3 s`: symbols hug the number, words stand apart.
    joined = not unit[0].isalnum() or unit in ("%", "‰")
    return f"{number(value)}{'' if joined else ' '}{unit}"


def _change(ctx: Context, metric: Metric) -> str:
    target = ctx.plain(_amount(metric.target, metric.unit))
    if metric.baseline is None:
        return target
    return f"{ctx.plain(_amount(metric.baseline, metric.unit))} → {target}"


def metrics(ctx: Context) -> None:
    """Baseline → target, direction, date, frequency, owner; then each definition."""
    if not ctx.doc.metrics:
        return
    ctx.heading(2, ctx.raw("section.metrics"))
    arrows = {"increase": "↑ ", "decrease": "↓ "}
    ctx.table(
        list(METRIC_COLUMNS),
        [
            [
                ctx.plain(m.id),
                ctx.plain(m.name),
                _change(ctx, m),
                arrows.get(m.direction, "") + ctx.enum("direction", m.direction),
                ctx.plain(m.by),
                ctx.enum("frequency", m.frequency),
                ctx.plain(m.owner),
                ctx.refs(m.requirements),
            ]
            for m in ctx.doc.metrics
        ],
    )
    defined = [m for m in ctx.doc.metrics if m.definition or m.source]
    if defined:
        ctx.heading(3, ctx.raw("field.definition"))
        ctx.table(
            ["field.id", "field.definition", "field.source"],
            [[ctx.plain(m.id), ctx.cell(m.definition), ctx.plain(m.source)] for m in defined],
        )


def resources(ctx: Context) -> None:
    """Team allotments, with the total of people and effort."""
    if not ctx.doc.resources:
        return
    ctx.heading(2, ctx.raw("section.resources"))
    rows = [
        [
            ctx.plain(r.team),
            ctx.plain(r.role),
            number(r.people),
            number(r.effort_days),
            ctx.plain(r.from_),
            ctx.plain(r.to),
            ctx.refs(r.milestones),
            ctx.cell(r.notes),
        ]
        for r in ctx.doc.resources
    ]
    people = [r.people for r in ctx.doc.resources if r.people is not None]
    effort = [r.effort_days for r in ctx.doc.resources if r.effort_days is not None]
    if len(ctx.doc.resources) > 1 and (people or effort):
        total = f"**{ctx.t('ui.total')}**"
        people_sum = number(sum(people)) if people else ""
        rows.append([total, "", people_sum, number(sum(effort)) if effort else ""])
    ctx.table(
        list(RESOURCE_COLUMNS),
        rows,
    )
