"""The front of the document: key facts, overview, stakeholders and the change history."""

from __future__ import annotations

from prdkit import i18n
from prdkit.layout.blocks import Block, Column, Facts, Items, RichText, Table
from prdkit.layout.cells import Cell, Link, Many, Text, Tone
from prdkit.layout.context import Layout, facts
from prdkit.richtext import safe_link

__all__ = ["cover", "link", "overview", "revisions", "signoff", "stakeholders"]

# How a sign-off reads on the cover, by its decision.
TONE: dict[str, Tone] = {"approved": "good", "rejected": "bad", "pending": "warn"}


def cover(lay: Layout) -> Facts:
    """The key facts under the title: id, version, status and sign-off, owner, authors,
    dates, and the summary, so the cover alone says what the document is and where it stands."""
    meta = lay.doc.meta
    return Facts(
        facts(
            [
                (lay.t("ui.document_id"), lay.field(meta, "id")),
                (lay.t("field.version"), lay.field(meta, "version")),
                (lay.t("field.status"), lay.enum("status", meta.status)),
                (lay.t("field.signoff"), signoff(lay)),
                (lay.t("field.owner"), lay.field(meta, "owner")),
                (lay.t("field.authors"), lay.joined(lay.fields(meta, "authors"))),
                (lay.t("field.created"), lay.date(meta.created)),
                (lay.t("field.updated"), lay.date(meta.updated)),
                (lay.t("field.summary"), lay.field(meta, "summary")),
            ]
        ),
        boxed=True,
    )


def signoff(lay: Layout) -> Cell:
    """Who signed off, how and when, one per line; stale ones say so; or "not signed yet"."""
    if not lay.doc.approvals:
        return Text(lay.t("ui.unsigned"), "muted")
    lines: list[Cell] = []
    for a in lay.doc.approvals:
        who = a.name + (lay.aside(a.role) if a.role else "")
        decision = i18n.enum_label("decision", a.decision, lay.lang)
        text = f"{who}{lay.punct['colon']}{decision}" + (f" {a.date}" if a.date else "")
        if lay.stale(a.digest):
            lines.append(Text(f"{text}{lay.aside(lay.t('ui.stale'))}", "bad"))
        else:
            lines.append(Text(text, TONE.get(a.decision)))
    return Many(tuple(lines), layout="lines")


def link(lay: Layout, title: str, url: str | None) -> Cell:
    """A link when the address is safe; the title with the address as text otherwise."""
    safe = safe_link(url) if url else None
    if safe is not None:
        return Link(title, safe)
    return Text(f"{title}{lay.aside(url)}" if url else title)


def overview(lay: Layout) -> list[Block]:
    """Summary, background, goals, non-goals and links of `meta`."""
    meta = lay.doc.meta
    if not any((meta.summary, meta.background, meta.goals, meta.non_goals, meta.links)):
        return []
    out: list[Block] = [lay.heading(1, "ui.overview", "overview")]
    for key, md in (("field.summary", meta.summary), ("field.background", meta.background)):
        if md and md.strip():
            out += [lay.heading(2, key, f"overview/{key[6:]}"), RichText(md, 2)]
    for key, texts in (("field.goals", meta.goals), ("field.non_goals", meta.non_goals)):
        if any(i.strip() for i in texts):
            items = lay.fields(meta, key[6:])
            out += [lay.heading(2, key, f"overview/{key[6:]}"), Items(items, 2)]
    if meta.links:
        out.append(lay.heading(2, "field.links", "overview/links"))
        out.append(Items(tuple(link(lay, x.title, x.url) for x in meta.links), 2))
    return out


def stakeholders(lay: Layout) -> list[Block]:
    """Who asks and who is served."""
    people = lay.doc.stakeholders
    if not people:
        return []
    table = Table(
        (
            Column(lay.t("field.id"), "id"),
            Column(lay.t("field.name")),
            Column(lay.t("field.kind"), "enum", "stakeholder_kind"),
            Column(lay.t("field.interests"), "markdown"),
            Column(lay.t("field.contact")),
        ),
        tuple(
            (
                lay.own(s.id),
                lay.field(s, "name"),
                lay.enum("stakeholder_kind", s.kind),
                lay.field(s, "interests"),
                lay.field(s, "contact"),
            )
            for s in people
        ),
    )
    return [lay.heading(1, "section.stakeholders", "stakeholders"), table]


def revisions(lay: Layout) -> list[Block]:
    """The change history."""
    if not lay.doc.revisions:
        return []
    table = Table(
        (
            Column(lay.t("field.version"), "id"),
            Column(lay.t("field.date"), "date"),
            Column(lay.t("field.author")),
            Column(lay.t("field.changes"), "markdown"),
        ),
        tuple(
            (
                lay.field(r, "version"),
                lay.date(r.date),
                lay.field(r, "author"),
                lay.field(r, "changes"),
            )
            for r in lay.doc.revisions
        ),
    )
    return [lay.heading(1, "section.revisions", "revisions"), table]
