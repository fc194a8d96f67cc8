"""Requirements, the traceability matrix and features: the core of the document."""

from __future__ import annotations

from lxml import etree

from prdkit.model import Feature, Requirement
from prdkit.views import traceability, untraced_features
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.common import (
    MUTED,
    STRONG,
    badge_filler,
    enum_col,
    field_line,
    id_col,
    items,
    labelled_md,
    number,
    refs_filler,
    section_heading,
)
from prdkit.writers.docx.oxml import Look
from prdkit.writers.docx.palette import RED
from prdkit.writers.docx.tables import Refs, Table, fit

GAP = Look(bold=True, color=RED[0])


def requirements(b: Builder) -> None:
    """The summary table, the traceability matrix, then each requirement in full."""
    reqs = b.doc.requirements
    if not reqs:
        return
    section_heading(b, "requirements")
    table = Table(
        b,
        b.body,
        [
            id_col(r.id for r in reqs),
            4.2,
            enum_col(b, "priority", "field.priority", badge=True),
            enum_col(b, "req_kind", "field.kind"),
            enum_col(b, "req_status", "field.status", badge=True),
            fit((_score(r) for r in reqs), low=900),
        ],
        header=[
            b.label(f"field.{k}")
            for k in ("id", "title", "priority", "kind", "status", "rice_score")
        ],
    )
    for req in reqs:
        table.row(
            [
                refs_filler(b, [req.id]),
                req.title,
                badge_filler(b, "priority", req.priority),
                b.enum("req_kind", req.kind),
                badge_filler(b, "req_status", req.status),
                _score(req),
            ]
        )
    trace_matrix(b)
    for req in reqs:
        _requirement(b, req)


def _score(req: Requirement) -> str | None:
    return number(round(req.rice.score, 1)) if req.rice else None


def trace_matrix(b: Builder) -> None:
    """Each requirement beside the features, flows, metrics and milestones tracing to it."""
    rows = traceability(b.doc)
    b.heading(2, b.label("ui.traceability"))
    table = Table(
        b,
        b.body,
        [
            id_col(r.id for r in b.doc.requirements),
            *(
                Refs(weight, (i for t in rows for i in getattr(t, name)))
                for weight, name in (
                    (2.2, "features"),
                    (1.6, "flows"),
                    (1.6, "metrics"),
                    (1.6, "milestones"),
                )
            ),
        ],
        header=[
            b.label(k)
            for k in (
                "ui.requirement",
                "field.features",
                "ui.flows",
                "field.metrics",
                "field.milestones",
            )
        ],
    )
    gap = f"{b.label('ui.gap')} ⚠"

    def cell(ids: tuple[str, ...]):  # type: ignore[no-untyped-def]
        def fill(para: etree._Element) -> None:
            if ids:
                b.refs(para, ids)
            else:
                table.text(para, gap, GAP)

        return fill

    for trace in rows:
        columns = (trace.features, trace.flows, trace.metrics, trace.milestones)
        table.row([refs_filler(b, [trace.requirement]), *(cell(ids) for ids in columns)])
    colon = "：" if b.lang == "zh" else ": "
    para = b.paragraph(b.body, "Compact", spacing={"before": "80", "after": "200"})
    style = b.style_of(para)
    b.run(para, gap, style, GAP)
    b.run(para, f"{colon}{b.label('ui.gap_legend')}", style, MUTED)
    untraced = untraced_features(b.doc)
    if untraced:
        b.run(para, "\n" + b.label("ui.untraced_features") + colon, style, MUTED)
        b.refs(para, untraced)


def _facts(b: Builder, facts: list[tuple[str, str, str | None]], extra: str | None = None) -> None:
    """A line of badges under an item's heading: label, enum group, value."""
    facts = [fact for fact in facts if fact[2] is not None]
    if not facts and not extra:
        return
    para = b.paragraph(b.body, "Normal", keep_next=True)
    style = b.style_of(para)
    first = True
    for key, group, value in facts:
        b.run(para, ("" if first else "   ") + f"{b.label(key)} ", style, MUTED)
        first = False
        if group in ("priority", "req_status"):
            b.badge(para, group, value)
        else:
            b.run(para, b.enum(group, value), style, STRONG)
    if extra:
        b.run(para, ("" if first else "   ") + f"{b.label('field.rice_score')} ", style, MUTED)
        b.run(para, extra, style, STRONG)


def _requirement(b: Builder, req: Requirement) -> None:
    b.heading(2, f"{req.id}  {req.title}", req.id)
    _facts(
        b,
        [
            ("field.priority", "priority", req.priority),
            ("field.status", "req_status", req.status),
            ("field.kind", "req_kind", req.kind),
        ],
        _score(req),
    )
    b.markdown(b.body, req.description)
    labelled_md(b, "field.rationale", req.rationale)
    field_line(
        b,
        "field.requested_by",
        lambda p: b.refs(p, req.requested_by, names=True),
        when=bool(req.requested_by),
    )
    field_line(b, "field.evidence", lambda p: b.refs(p, req.evidence), when=bool(req.evidence))
    field_line(
        b,
        "field.depends_on",
        lambda p: b.refs(p, req.depends_on, names=True),
        when=bool(req.depends_on),
    )
    if req.rice:
        rice = req.rice
        parts = [
            f"{b.label(f'field.{name}')} {number(getattr(rice, name))}"
            for name in ("reach", "impact", "confidence", "effort")
        ]
        text = " × ".join(parts[:3]) + f" ÷ {parts[3]} = {number(round(rice.score, 1))}"
        field_line(b, "field.rice", lambda p: b.run(p, text, b.style_of(p)))
    if req.acceptance_criteria:
        b.paragraph(b.body, "Field Label", b.label("field.acceptance_criteria"))
        items(b, b.body, req.acceptance_criteria, "ordered")


def features(b: Builder) -> None:
    """A summary table, then each feature: facts, traces, description, UX, criteria."""
    feats = b.doc.features
    if not feats:
        return
    section_heading(b, "features")
    table = Table(
        b,
        b.body,
        [
            id_col(f.id for f in feats),
            3,
            enum_col(b, "surface", "field.surface"),
            enum_col(b, "priority", "field.priority", badge=True),
            Refs(2.6, (r for f in feats for r in f.requirements)),
        ],
        header=[
            b.label(f"field.{k}") for k in ("id", "name", "surface", "priority", "requirements")
        ],
    )
    for f in feats:
        table.row(
            [
                refs_filler(b, [f.id]),
                f.name,
                b.enum("surface", f.surface),
                badge_filler(b, "priority", f.priority),
                refs_filler(b, f.requirements),
            ]
        )
    flows_of = {f.id: [fl.id for fl in b.doc.flows if f.id in fl.features] for f in feats}
    for f in feats:
        _feature(b, f, flows_of[f.id])


def _feature(b: Builder, f: Feature, flows: list[str]) -> None:
    b.heading(2, f"{f.id}  {f.name}", f.id)
    _facts(b, [("field.priority", "priority", f.priority), ("field.surface", "surface", f.surface)])
    b.markdown(b.body, f.description)
    field_line(
        b,
        "field.requirements",
        lambda p: b.refs(p, f.requirements, names=True),
        when=bool(f.requirements),
    )
    field_line(
        b,
        "field.permissions",
        lambda p: b.refs(p, f.permissions, names=True),
        when=bool(f.permissions),
    )
    field_line(b, "ui.flows", lambda p: b.refs(p, flows, names=True), when=bool(flows))
    labelled_md(b, "field.ux", f.ux)
    if f.acceptance_criteria:
        b.paragraph(b.body, "Field Label", b.label("field.acceptance_criteria"))
        items(b, b.body, f.acceptance_criteria, "ordered")


SECTIONS = {"requirements": requirements, "features": features}
