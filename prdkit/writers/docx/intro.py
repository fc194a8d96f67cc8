"""Sections that set the scene: document information, stakeholders, revisions, research."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.common import (
    anchored,
    enum_col,
    id_col,
    items,
    labelled_md,
    number,
    section_heading,
)
from prdkit.writers.docx.tables import DATE, Md, Table, fit


def meta(b: Builder) -> None:
    """Summary, background, goals, non-goals and links."""
    m = b.doc.meta
    if not (m.summary or m.background or m.goals or m.non_goals or m.links):
        return
    b.heading(1, b.label("ui.overview"))
    labelled_md(b, "field.summary", m.summary, level=2)
    labelled_md(b, "field.background", m.background, level=2)
    for key, texts in (("field.goals", m.goals), ("field.non_goals", m.non_goals)):
        if texts:
            b.heading(2, b.label(key))
            items(b, b.body, texts, "ordered" if key == "field.goals" else "bullet")
    if m.links:
        b.heading(2, b.label("field.links"))
        table = Table(b, b.body, [2, 3], header=[b.label("field.title"), b.label("field.url")])
        for link in m.links:
            table.row([link.title, Md(f"<{link.url}>") if _autolinkable(link.url) else link.url])


def _autolinkable(url: str) -> bool:
    # An autolink cannot hold spaces or angle brackets; such a URL is shown as text.
    return not any(c in url for c in " <>\t\n")


def stakeholders(b: Builder) -> None:
    """Who asks and who is served."""
    if not b.doc.stakeholders:
        return
    section_heading(b, "stakeholders")
    table = Table(
        b,
        b.body,
        [
            id_col(s.id for s in b.doc.stakeholders),
            1.8,
            enum_col(b, "stakeholder_kind", "field.kind"),
            4,
            1.8,
        ],
        header=[
            b.label(k)
            for k in ("field.id", "field.name", "field.kind", "field.interests", "field.contact")
        ],
    )
    for s in b.doc.stakeholders:
        table.row(
            [
                anchored(b, s.id),
                s.name,
                b.enum("stakeholder_kind", s.kind),
                Md(s.interests or ""),
                s.contact,
            ]
        )


def revisions(b: Builder) -> None:
    """The change history."""
    if not b.doc.revisions:
        return
    section_heading(b, "revisions")
    table = Table(
        b,
        b.body,
        [fit((r.version for r in b.doc.revisions), low=800), DATE, 1.4, 6],
        header=[
            b.label(k) for k in ("field.version", "field.date", "field.author", "field.changes")
        ],
    )
    for rev in b.doc.revisions:
        table.row([rev.version, rev.date, rev.author, Md(rev.changes)])


def market_research(b: Builder) -> None:
    """Summary, target users, market size and findings."""
    mr = b.doc.market_research
    if mr is None or not (mr.summary or mr.target_users or mr.market_size or mr.findings):
        return
    section_heading(b, "market_research")
    if mr.summary:
        b.markdown(b.body, mr.summary)
    if mr.target_users:
        b.heading(2, b.label("field.target_users"))
        table = Table(
            b,
            b.body,
            [id_col(u.id for u in mr.target_users), 2, 4.5, 1.6],
            header=[
                b.label(k) for k in ("field.id", "field.segment", "field.description", "field.size")
            ],
        )
        for user in mr.target_users:
            size = number(user.size) if isinstance(user.size, int | float) else user.size
            table.row([anchored(b, user.id), user.segment, Md(user.description or ""), size])
    size = mr.market_size
    if size is not None and any(v is not None for v in (size.tam, size.sam, size.som)):
        b.heading(2, b.label("field.market_size"))
        table = Table(b, b.body, [2, 3], width=b.width * 2 // 3)
        for key in ("tam", "sam", "som"):
            value = getattr(size, key)
            if value is not None:
                table.row([_bold(b, table, f"field.{key}"), number(value, size.currency)])
        notes = [str(v) for v in (size.year, size.source) if v is not None]
        if notes:
            b.paragraph(b.body, "Compact", " · ".join(notes))
    if mr.findings:
        b.heading(2, b.label("field.findings"))
        table = Table(
            b,
            b.body,
            [id_col(f.id for f in mr.findings), 3.2, 2, 3.5],
            header=[
                b.label(k)
                for k in ("field.id", "field.statement", "field.source", "field.evidence")
            ],
        )
        for finding in mr.findings:
            table.row(
                [
                    anchored(b, finding.id),
                    Md(finding.statement),
                    finding.source,
                    Md(finding.evidence or ""),
                ]
            )


def _bold(b: Builder, table: Table, key: str) -> Callable[[etree._Element], None]:
    from prdkit.writers.docx.common import STRONG

    def fill(para: etree._Element) -> None:
        table.text(para, b.label(key), STRONG)

    return fill


SECTIONS = {
    "meta": meta,
    "stakeholders": stakeholders,
    "revisions": revisions,
    "market_research": market_research,
}
