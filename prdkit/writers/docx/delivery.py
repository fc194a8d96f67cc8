"""Getting it done: flows as step tables, the schedule with its Gantt view, metrics, resources."""

from __future__ import annotations

from lxml import etree

from prdkit.model import Flow
from prdkit.views import METRIC_COLUMNS, MILESTONE_COLUMNS, RESOURCE_COLUMNS
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.common import (
    MUTED,
    anchored,
    badge_filler,
    enum_col,
    field_line,
    id_col,
    number,
    refs_filler,
    section_heading,
)
from prdkit.writers.docx.gantt import gantt
from prdkit.writers.docx.oxml import Look, sub
from prdkit.writers.docx.tables import DATE, Fixed, Md, Refs, Table, fit


def flows(b: Builder) -> None:
    """Each flow: description, actors, features and a table of its steps."""
    if not b.doc.flows:
        return
    section_heading(b, "flows")
    for number_, flow in enumerate(b.doc.flows, start=1):
        _flow(b, flow, number_)


def _flow(b: Builder, flow: Flow, ordinal: int) -> None:
    b.heading(2, f"{flow.id}  {flow.name}", flow.id)
    b.markdown(b.body, flow.description)
    field_line(
        b,
        "field.actors",
        lambda p: b.run(p, b.comma.join(flow.actors), b.style_of(p)),
        when=bool(flow.actors),
    )
    field_line(
        b,
        "field.features",
        lambda p: b.refs(p, flow.features, names=True),
        when=bool(flow.features),
    )
    anchors = {step.id: f"_Flow{ordinal}_{i}" for i, step in enumerate(flow.steps, start=1)}
    numbers = {step.id: i for i, step in enumerate(flow.steps, start=1)}
    table = Table(
        b,
        b.body,
        [Fixed(620), fit((s.id for s in flow.steps), low=900), 1.6, 4.4, 3.4],
        header=[
            b.label(k)
            for k in ("ui.step_no", "field.step", "field.actor", "field.action", "field.next")
        ],
    )
    muted = Look(italic=True, color="7F7F7F")

    def goto(para: etree._Element, step_id: str) -> None:
        if step_id not in anchors:  # validation reports unknown targets; show the words only
            table.text(para, step_id)
            return
        link = sub(para, "hyperlink", {"anchor": anchors[step_id], "history": "1"})
        b.run(link, f"{numbers[step_id]} {step_id}", table.style, Look(style=b.link_style))

    for index, step in enumerate(flow.steps):

        def where(para: etree._Element, step=step) -> None:  # type: ignore[no-untyped-def]
            table.text(para, step.id)
            b.mark(para, anchors[step.id])

        def then(para: etree._Element, index: int = index) -> None:
            step = flow.steps[index]
            if step.end:
                table.text(para, b.label("ui.end_of_flow"), muted)
            elif step.next is not None:
                table.text(para, "→ ")
                goto(para, step.next)
            elif step.branches:
                for number_, branch in enumerate(step.branches):
                    if number_:
                        table.text(para, "\n")
                    table.text(para, f"{branch.when} → ", MUTED)
                    goto(para, branch.next)
            elif index + 1 < len(flow.steps):
                table.text(para, "→ ")
                goto(para, flow.steps[index + 1].id)
            else:
                table.text(para, b.label("ui.end_of_flow"), muted)

        table.row([str(index + 1), where, step.actor, Md(step.action), then])


def schedule(b: Builder) -> None:
    """The Gantt view for the overall picture, then the milestone table."""
    sched = b.doc.schedule
    if sched is None or not sched.milestones:
        return
    section_heading(b, "schedule")
    gantt(b, sched.milestones)
    b.heading(2, b.label("field.milestones"))
    table = Table(
        b,
        b.body,
        [
            id_col(m.id for m in sched.milestones),
            2.4,
            DATE,
            DATE,
            1.4,
            enum_col(b, "milestone_status", "field.status", badge=True),
            Refs(1.7, (d for m in sched.milestones for d in m.deliverables)),
            Refs(1.2, (d for m in sched.milestones for d in m.depends_on)),
        ],
        header=[b.label(k) for k in MILESTONE_COLUMNS],
    )
    for ms in sched.milestones:
        table.row(
            [
                anchored(b, ms.id),
                ms.name,
                ms.start,
                ms.due,
                ms.owner,
                badge_filler(b, "milestone_status", ms.status),
                refs_filler(b, ms.deliverables),
                refs_filler(b, ms.depends_on),
            ]
        )


def metrics(b: Builder) -> None:
    """Baseline → target, direction, date, frequency, owner, requirements; then definitions."""
    if not b.doc.metrics:
        return
    section_heading(b, "metrics")
    table = Table(
        b,
        b.body,
        [
            id_col(m.id for m in b.doc.metrics),
            2.4,
            2.2,
            enum_col(b, "direction", "field.direction"),
            DATE,
            enum_col(b, "frequency", "field.frequency"),
            1.3,
            Refs(1.5, (r for m in b.doc.metrics for r in m.requirements)),
        ],
        header=[b.label(k) for k in METRIC_COLUMNS],
    )
    arrows = {"increase": "↑ ", "decrease": "↓ "}
    for m in b.doc.metrics:
        change = number(m.target, m.unit)
        if m.baseline is not None:
            change = f"{number(m.baseline, m.unit)} → {change}"
        table.row(
            [
                anchored(b, m.id),
                m.name,
                change,
                arrows.get(m.direction, "") + b.enum("direction", m.direction),
                m.by,
                b.enum("frequency", m.frequency),
                m.owner,
                refs_filler(b, m.requirements),
            ]
        )
    defined = [m for m in b.doc.metrics if m.definition or m.source]
    if defined:
        b.heading(2, b.label("field.definition"))
        table = Table(
            b,
            b.body,
            [id_col(m.id for m in defined), 5.5, 2.4],
            header=[b.label(k) for k in ("field.id", "field.definition", "field.source")],
        )
        for m in defined:
            table.row([m.id, Md(m.definition or ""), m.source])


def resources(b: Builder) -> None:
    """Who works on it, how much, and when."""
    if not b.doc.resources:
        return
    section_heading(b, "resources")
    table = Table(
        b,
        b.body,
        [
            1.6,
            1.6,
            0.8,
            1.3,
            DATE,
            DATE,
            Refs(1.4, (m for r in b.doc.resources for m in r.milestones)),
            2.8,
        ],
        header=[b.label(k) for k in RESOURCE_COLUMNS],
    )
    for res in b.doc.resources:
        table.row(
            [
                res.team,
                res.role,
                number(res.people),
                number(res.effort_days),
                res.from_,
                res.to,
                refs_filler(b, res.milestones),
                Md(res.notes or ""),
            ]
        )


SECTIONS = {
    "flows": flows,
    "schedule": schedule,
    "metrics": metrics,
    "resources": resources,
}
