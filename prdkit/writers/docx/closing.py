"""The closing sections: risks and their matrix, open questions, glossary and sign-off."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from prdkit.model import Approval
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.common import (
    STRONG,
    anchored,
    badge_filler,
    enum_col,
    id_col,
    refs_filler,
    section_heading,
)
from prdkit.writers.docx.oxml import Look
from prdkit.writers.docx.tables import DATE, Md, Refs, Table

LEVELS = ("low", "medium", "high")
# Heat of a likelihood × impact cell, by the sum of their ranks (0 to 4).
HEAT = ("DDF1E1", "EEF3D2", "FEF0C7", "FCDCCB", "F8C9C4")


def _labels(b: Builder, keys: str) -> list[str]:
    return [b.label(f"field.{key}") for key in keys.split()]


def risks(b: Builder) -> None:
    """Risks with likelihood, impact and mitigation."""
    if not b.doc.risks:
        return
    section_heading(b, "risks")
    table = Table(
        b,
        b.body,
        [
            id_col(r.id for r in b.doc.risks),
            3.4,
            enum_col(b, "level", "field.likelihood", badge=True),
            enum_col(b, "level", "field.impact", badge=True),
            3.4,
            1.4,
        ],
        header=_labels(b, "id description likelihood impact mitigation owner"),
    )
    for risk in b.doc.risks:
        table.row(
            [
                anchored(b, risk.id),
                Md(risk.description),
                badge_filler(b, "level", risk.likelihood),
                badge_filler(b, "level", risk.impact),
                Md(risk.mitigation or ""),
                risk.owner,
            ]
        )
    _risk_matrix(b)


def _risk_matrix(b: Builder) -> None:
    """Risks placed by likelihood (down) and impact (across), cells shaded by severity."""
    placed = [r for r in b.doc.risks if r.likelihood in LEVELS and r.impact in LEVELS]
    if not placed:
        return
    b.heading(2, b.label("ui.risk_matrix"))
    corner = f"{b.label('field.likelihood')} ↓  {b.label('field.impact')} →"
    header = [corner, *(b.enum("level", v) for v in LEVELS)]
    ids = [r.id for r in placed]
    table = Table(b, b.body, [2.2, Refs(2, ids), Refs(2, ids), Refs(2, ids)], header=header)
    for li, likelihood in reversed(list(enumerate(LEVELS))):
        cells: list[object] = [lambda p, v=likelihood: table.text(p, b.enum("level", v), STRONG)]
        for impact in LEVELS:
            ids = [r.id for r in placed if (r.likelihood, r.impact) == (likelihood, impact)]
            cells.append(refs_filler(b, ids))
        fills = [None] + [HEAT[li + ii] for ii in range(len(LEVELS))]
        table.row(cells, fills=fills)  # type: ignore[arg-type]


def open_questions(b: Builder) -> None:
    """Questions, who answers them, by when, and how they were settled."""
    if not b.doc.open_questions:
        return
    section_heading(b, "open_questions")
    table = Table(
        b,
        b.body,
        [id_col(q.id for q in b.doc.open_questions), 3.6, 1.4, DATE, 3.6],
        header=_labels(b, "id question owner due resolution"),
    )
    for q in b.doc.open_questions:
        resolution = Md(q.resolution) if q.resolution else _unresolved(b, table)
        table.row([anchored(b, q.id), Md(q.question), q.owner, q.due, resolution])


def _unresolved(b: Builder, table: Table) -> Callable[[etree._Element], None]:
    def fill(para: etree._Element) -> None:
        table.text(para, b.label("ui.unresolved"), Look(italic=True, color="B42318"))

    return fill


def glossary(b: Builder) -> None:
    """Terms and definitions."""
    if not b.doc.glossary:
        return
    section_heading(b, "glossary")
    table = Table(b, b.body, [2.2, 7], header=_labels(b, "term definition"))
    for entry in b.doc.glossary:
        table.row([lambda p, t=entry.term: table.text(p, t, STRONG), Md(entry.definition)])


def approvals(b: Builder) -> None:
    """Sign-off, with room for a signature on paper."""
    if not b.doc.approvals:
        return
    section_heading(b, "approvals")
    headers = [*_labels(b, "name role decision date comment"), b.label("ui.signature")]
    widths = [1.6, 1.6, enum_col(b, "decision", "field.decision", badge=True), DATE, 3.2, 1.8]
    table = Table(b, b.body, widths, header=headers)
    for a in b.doc.approvals:

        def comment(para: etree._Element, a: Approval = a) -> None:
            tc = para.getparent()
            if a.comment:
                tc.remove(para)
                b.markdown(tc, a.comment, table.style)
            if a.digest:
                short = a.digest if len(a.digest) <= 23 else a.digest[:23] + "…"
                line = b.paragraph(tc, "Compact") if a.comment else para
                b.run(
                    line, f"{b.label('field.digest')} ", table.style, Look(size=14, color="7F7F7F")
                )
                b.run(line, short, table.style, Look(size=14, color="7F7F7F", code=True))

        table.row([a.name, a.role, badge_filler(b, "decision", a.decision), a.date, comment, None])


SECTIONS = {
    "risks": risks,
    "open_questions": open_questions,
    "glossary": glossary,
    "approvals": approvals,
}
