"""The closing sections: risks and their grid, open questions, glossary and sign-off."""

from __future__ import annotations

from prdkit.layout.blocks import Block, Column, Matrix, Table
from prdkit.layout.cells import Cell, Code, Many, Text
from prdkit.layout.context import Layout

__all__ = ["approvals", "glossary", "open_questions", "risks"]

LEVELS = ("low", "medium", "high")


def risks(lay: Layout) -> list[Block]:
    """The risk register, then a likelihood × impact grid of risk ids."""
    if not lay.doc.risks:
        return []
    table = Table(
        (
            Column(lay.t("field.id"), "id"),
            Column(lay.t("field.description"), "markdown"),
            Column(lay.t("field.likelihood"), "enum", "level"),
            Column(lay.t("field.impact"), "enum", "level"),
            Column(lay.t("field.mitigation"), "markdown"),
            Column(lay.t("field.owner")),
        ),
        tuple(
            (
                lay.own(r.id),
                lay.field(r, "description"),
                lay.enum("level", r.likelihood),
                lay.enum("level", r.impact),
                lay.field(r, "mitigation"),
                lay.field(r, "owner"),
            )
            for r in lay.doc.risks
        ),
    )
    out: list[Block] = [lay.heading(1, "section.risks", "risks"), table]
    placed = [r for r in lay.doc.risks if r.likelihood in LEVELS and r.impact in LEVELS]
    if not placed:
        return out
    corner = f"{lay.t('field.likelihood')} ↓ {lay.t('field.impact')} →"
    rows = tuple(
        (
            lay.enum("level", likelihood),
            tuple(
                lay.refs(r.id for r in placed if (r.likelihood, r.impact) == (likelihood, impact))
                for impact in LEVELS
            ),
        )
        for likelihood in reversed(LEVELS)
    )
    grid = Matrix(corner, tuple(lay.enum("level", v) for v in LEVELS), rows, heat=True)
    return [*out, lay.heading(2, "ui.risk_matrix", "risks/matrix"), grid]


def open_questions(lay: Layout) -> list[Block]:
    """Questions, who owns them, by when, and how they were resolved."""
    if not lay.doc.open_questions:
        return []
    table = Table(
        (
            Column(lay.t("field.id"), "id"),
            Column(lay.t("field.question"), "markdown"),
            Column(lay.t("field.owner")),
            Column(lay.t("field.due"), "date"),
            Column(lay.t("field.resolution"), "markdown"),
        ),
        tuple(
            (
                lay.own(q.id),
                lay.field(q, "question"),
                lay.field(q, "owner"),
                lay.date(q.due),
                lay.field(q, "resolution") if q.resolution else Text(lay.t("ui.unresolved"), "bad"),
            )
            for q in lay.doc.open_questions
        ),
    )
    return [lay.heading(1, "section.open_questions", "open_questions"), table]


def glossary(lay: Layout) -> list[Block]:
    """Terms and definitions."""
    if not lay.doc.glossary:
        return []
    table = Table(
        (Column(lay.t("field.term")), Column(lay.t("field.definition"), "markdown")),
        tuple((lay.field(g, "term"), lay.field(g, "definition")) for g in lay.doc.glossary),
    )
    return [lay.heading(1, "section.glossary", "glossary"), table]


def approvals(lay: Layout) -> list[Block]:
    """Sign-offs, with the digest each approver signed; stale ones marked. A draft or a
    document in review gets an empty signature column, to be signed on paper."""
    if not lay.doc.approvals:
        return []
    signing = lay.doc.meta.status in ("draft", "review")
    columns = [
        Column(lay.t("field.signer")),
        Column(lay.t("field.role")),
        Column(lay.t("field.decision"), "enum", "decision"),
        Column(lay.t("field.date"), "date"),
        Column(lay.t("field.comment"), "markdown"),
        Column(lay.t("field.digest"), "code"),
    ]
    if signing:
        columns.append(Column(lay.t("ui.signature"), "signature"))
    table = Table(
        tuple(columns),
        tuple(
            (
                lay.field(a, "name"),
                lay.field(a, "role"),
                _decision(lay, a.decision, a.digest),
                lay.date(a.date),
                lay.field(a, "comment"),
                Code(a.digest) if a.digest else None,
                *((None,) if signing else ()),
            )
            for a in lay.doc.approvals
        ),
    )
    return [lay.heading(1, "section.approvals", "approvals"), table]


def _decision(lay: Layout, decision: str, signed: str | None) -> Cell:
    """The decision's label, and "stale" when the document changed after it was signed."""
    label = lay.enum("decision", decision)
    if not lay.stale(signed):
        return label
    return Many((label, Text(lay.t("ui.stale_short"), "bad")), " ")
