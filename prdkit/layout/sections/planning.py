"""Assumptions, external dependencies, alternatives considered, the launch plan and the FAQ."""

from __future__ import annotations

from prdkit.layout.blocks import Block, Column, Facts, Items, RichText, Table
from prdkit.layout.cells import Text, is_empty
from prdkit.layout.context import Layout, facts

__all__ = ["alternatives", "assumptions", "dependencies", "faq", "launch"]


def assumptions(lay: Layout) -> list[Block]:
    """What the plan takes to be true, how each is checked, and where it stands."""
    items = lay.doc.assumptions
    if not items:
        return []
    table = Table(
        (
            Column(lay.t("field.id"), "id"),
            Column(lay.t("ui.assumption"), "markdown"),
            Column(lay.t("field.validation"), "markdown"),
            Column(lay.t("field.status"), "enum", "assumption_status"),
        ),
        tuple(
            (
                lay.own(a.id),
                lay.field(a, "statement"),
                lay.field(a, "validation"),
                lay.enum("assumption_status", a.status or "open"),
            )
            for a in items
        ),
    )
    return [lay.heading(1, "section.assumptions", "assumptions"), table]


def dependencies(lay: Layout) -> list[Block]:
    """What the work needs from outside the team, from whom, by when, and for what."""
    items = lay.doc.dependencies
    if not items:
        return []
    table = Table(
        (
            Column(lay.t("field.id"), "id"),
            Column(lay.t("field.name")),
            Column(lay.t("field.kind"), "enum", "dependency_kind"),
            Column(lay.t("field.owner")),
            Column(lay.t("field.needed_by"), "date"),
            Column(lay.t("field.status"), "enum", "dependency_status"),
            Column(lay.t("field.requirements"), "ref"),
        ),
        tuple(
            (
                lay.own(d.id),
                lay.field(d, "name"),
                lay.enum("dependency_kind", d.kind),
                lay.field(d, "owner"),
                lay.date(d.needed_by),
                lay.enum("dependency_status", d.status or "open"),
                lay.listed(d.requirements),
            )
            for d in items
        ),
    )
    out: list[Block] = [lay.heading(1, "section.dependencies", "dependencies"), table]
    for d in items:
        if d.description and d.description.strip():
            out.append(RichText(d.description, 2, label=f"{d.id} {d.name}"))
    return out


def alternatives(lay: Layout) -> list[Block]:
    """Each option weighed: what it is, for and against, the decision and why."""
    items = lay.doc.alternatives
    if not items:
        return []
    out: list[Block] = [lay.heading(1, "section.alternatives", "alternatives")]
    for alt in items:
        out.append(lay.item_heading(2, alt.id, alt.name))
        out.append(
            Facts(
                facts(
                    [
                        (
                            lay.t("ui.decided"),
                            lay.enum("alternative_decision", alt.decision),
                        ),
                    ]
                )
            )
        )
        if alt.description and alt.description.strip():
            out.append(RichText(alt.description, 2))
        for name in ("pros", "cons"):
            kept = tuple(c for c in lay.fields(alt, name) if not is_empty(c))
            if kept:
                out.append(Items(kept, 2, label=lay.t(f"field.{name}")))
        if alt.reason and alt.reason.strip():
            out.append(RichText(alt.reason, 2, label=lay.t("field.reason")))
    return out


def launch(lay: Layout) -> list[Block]:
    """The checklist, the staged rollout (灰度发布) with go / no-go criteria, the rollback."""
    plan = lay.doc.launch
    if plan is None or not (plan.checklist or plan.rollout or (plan.rollback or "").strip()):
        return []
    out: list[Block] = [lay.heading(1, "section.launch", "launch")]
    if plan.checklist:
        out.append(lay.heading(2, "field.checklist", "launch/checklist"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.item"), "markdown"),
                    Column(lay.t("field.owner")),
                    Column(lay.t("field.done")),
                ),
                tuple(
                    (
                        lay.own(c.id),
                        lay.field(c, "item"),
                        lay.field(c, "owner"),
                        _done(lay, c.done),
                    )
                    for c in plan.checklist
                ),
            )
        )
    if plan.rollout:
        out.append(lay.heading(2, "field.rollout", "launch/rollout"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.name")),
                    Column(lay.t("field.audience")),
                    Column(lay.t("field.percent"), "number"),
                    Column(lay.t("field.start"), "date"),
                    Column(lay.t("field.criteria"), "markdown"),
                ),
                tuple(
                    (
                        lay.own(s.id),
                        lay.field(s, "name"),
                        lay.field(s, "audience"),
                        lay.number(s.percent, "%"),
                        lay.date(s.start),
                        lay.field(s, "criteria"),
                    )
                    for s in plan.rollout
                ),
            )
        )
    # How the launch is undone: the whole plan first, then each stage (kept out of the stage
    # table, where an eighth column would leave every cell a few words wide).
    staged = [s for s in plan.rollout if s.rollback and s.rollback.strip()]
    whole = plan.rollback if plan.rollback and plan.rollback.strip() else None
    if whole or staged:
        out.append(lay.heading(2, "field.rollback", "launch/rollback"))
        if whole:
            out.append(RichText(whole, 2))
        for stage in staged:
            out.append(RichText(stage.rollback or "", 2, label=f"{stage.id} {stage.name}"))
    return out


def _done(lay: Layout, done: bool | None) -> Text | None:
    if done is None:
        return None
    return Text(lay.t("ui.yes"), "good") if done else Text(lay.t("ui.no"), "warn")


def faq(lay: Layout) -> list[Block]:
    """Questions and answers side by side, one row each."""
    entries = lay.doc.faq
    if not entries:
        return []
    table = Table(
        (Column(lay.t("field.question"), "markdown"), Column(lay.t("field.answer"), "markdown")),
        tuple((lay.field(e, "question"), lay.field(e, "answer")) for e in entries),
    )
    return [lay.heading(1, "section.faq", "faq"), table]
