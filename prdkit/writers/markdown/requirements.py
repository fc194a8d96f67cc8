"""Requirements (summary, traceability matrix, one entry each) and features."""

from __future__ import annotations

from prdkit.model import Requirement
from prdkit.views import traceability, untraced_features
from prdkit.writers.markdown.context import Context, number

__all__ = ["features", "requirements", "rice_score"]


def rice_score(value: float) -> str:
    """A RICE score to two decimals at most (`1,600`, `12.5`, `0.33`)."""
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _rice(ctx: Context, req: Requirement) -> str:
    rice = req.rice
    if rice is None:
        return ""
    parts = " × ".join(
        f"{ctx.t(f'field.{name}')} {number(getattr(rice, name))}"
        for name in ("reach", "impact", "confidence")
    )
    formula = f"{parts} ÷ {ctx.t('field.effort')} {number(rice.effort)}"
    return f"{rice_score(rice.score)}{ctx.punct['open']}{formula}{ctx.punct['close']}"


def _trace_matrix(ctx: Context) -> None:
    ctx.heading(3, ctx.raw("ui.traceability"))
    gap = f"{ctx.t('ui.gap')} ⚠"
    rows = []
    for trace in traceability(ctx.doc):
        columns = (trace.features, trace.flows, trace.metrics, trace.milestones)
        rows.append([ctx.ref(trace.requirement), *(ctx.refs(ids) or gap for ids in columns)])
    ctx.table(
        ["ui.requirement", "field.features", "ui.flows", "field.metrics", "field.milestones"],
        rows,
    )
    legend = [f"{gap}{ctx.punct['colon']}{ctx.t('ui.gap_legend')}"]
    untraced = untraced_features(ctx.doc)
    if untraced:
        legend.append(f"{ctx.t('ui.untraced_features')}{ctx.punct['colon']}{ctx.refs(untraced)}")
    ctx.add([line + "\\" for line in legend[:-1]] + legend[-1:])


def requirements(ctx: Context) -> None:
    """The summary table, the traceability matrix, then one entry per requirement."""
    reqs = ctx.doc.requirements
    if not reqs:
        return
    ctx.heading(2, ctx.raw("section.requirements"))
    ctx.table(
        ["field.id", "field.title", "field.priority", "field.status", "field.rice_score"],
        [
            [
                ctx.ref(r.id),
                ctx.plain(r.title),
                ctx.enum("priority", r.priority),
                ctx.enum("req_status", r.status),
                rice_score(r.rice.score) if r.rice else "",
            ]
            for r in reqs
        ],
    )
    _trace_matrix(ctx)
    for req in reqs:
        ctx.heading(3, f"{req.id} {req.title}", item_id=req.id)
        ctx.facts(
            [
                ("field.priority", ctx.enum("priority", req.priority)),
                ("field.kind", ctx.enum("req_kind", req.kind)),
                ("field.status", ctx.enum("req_status", req.status)),
                ("field.rice_score", _rice(ctx, req)),
                ("field.requested_by", ctx.join(ctx.named(s) for s in req.requested_by)),
                ("field.evidence", ctx.refs(req.evidence)),
                ("field.depends_on", ctx.refs(req.depends_on)),
            ]
        )
        ctx.field(req.description, 3)
        ctx.labelled("field.rationale", req.rationale, 3)
        _criteria(ctx, req.acceptance_criteria)


def _criteria(ctx: Context, criteria: tuple[str, ...]) -> None:
    if any(c.strip() for c in criteria):
        ctx.add([f"**{ctx.t('field.acceptance_criteria')}{ctx.punct['colon'].rstrip()}**"])
        ctx.md_list(criteria, 3, ordered=True)


def features(ctx: Context) -> None:
    """One entry per feature: surface, priority, traces, description, UX notes, criteria."""
    if not ctx.doc.features:
        return
    ctx.heading(2, ctx.raw("section.features"))
    flows_of = {
        f.id: [fl.id for fl in ctx.doc.flows if f.id in fl.features] for f in ctx.doc.features
    }
    for feature in ctx.doc.features:
        ctx.heading(3, f"{feature.id} {feature.name}", item_id=feature.id)
        ctx.facts(
            [
                ("field.surface", ctx.enum("surface", feature.surface)),
                ("field.priority", ctx.enum("priority", feature.priority)),
                ("field.requirements", ctx.refs(feature.requirements)),
                ("field.permissions", ctx.join(ctx.named(a) for a in feature.permissions)),
                ("ui.flows", ctx.refs(flows_of[feature.id])),
            ]
        )
        ctx.field(feature.description, 3)
        ctx.labelled("field.ux", feature.ux, 3)
        _criteria(ctx, feature.acceptance_criteria)
