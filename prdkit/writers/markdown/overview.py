"""The front of the document: title block, overview, stakeholders, history, market, business."""

from __future__ import annotations

from prdkit.richtext import safe_link
from prdkit.writers.markdown.context import Context, number
from prdkit.writers.markdown.text import escape, url_destination

__all__ = [
    "business_model",
    "competition",
    "market_research",
    "overview",
    "revisions",
    "stakeholders",
    "title_block",
]


def _link(ctx: Context, title: str, url: str | None, *, line_start: bool = False) -> str:
    """`[title](url)` when the URL is safe; the title and the URL as text otherwise."""
    safe = safe_link(url) if url else None
    text = ctx.plain(title, line_start=line_start and safe is None)
    if safe is None:
        return f"{text}{ctx.punct['open']}{ctx.plain(url)}{ctx.punct['close']}" if url else text
    return f"[{text}]({url_destination(safe)})"


def title_block(ctx: Context) -> None:
    """The title, then id, version, status, owner, authors and dates."""
    meta = ctx.doc.meta
    ctx.heading(1, meta.title if meta.title.strip() else meta.id, toc=False)
    ctx.facts(
        [
            ("ui.document_id", ctx.plain(meta.id)),
            ("field.version", ctx.plain(meta.version)),
            ("field.status", ctx.enum("status", meta.status)),
            ("field.owner", ctx.plain(meta.owner)),
            ("field.authors", ctx.join(ctx.plain(a) for a in meta.authors)),
            ("field.created", ctx.plain(meta.created)),
            ("field.updated", ctx.plain(meta.updated)),
        ],
        bullets=True,
    )


def overview(ctx: Context) -> None:
    """Summary, background, goals, non-goals and links of `meta`."""
    meta = ctx.doc.meta
    if not any((meta.summary, meta.background, meta.goals, meta.non_goals, meta.links)):
        return
    ctx.heading(2, ctx.raw("ui.overview"))
    for key, md in (("field.summary", meta.summary), ("field.background", meta.background)):
        if md and md.strip():
            ctx.heading(3, ctx.raw(key))
            ctx.field(md, 3)
    for key, items in (("field.goals", meta.goals), ("field.non_goals", meta.non_goals)):
        if any(i.strip() for i in items):
            ctx.heading(3, ctx.raw(key))
            ctx.md_list(items, 3)
    if meta.links:
        ctx.heading(3, ctx.raw("field.links"))
        ctx.add([f"- {_link(ctx, link.title, link.url, line_start=True)}" for link in meta.links])


def stakeholders(ctx: Context) -> None:
    """Who asks and who is served."""
    if not ctx.doc.stakeholders:
        return
    ctx.heading(2, ctx.raw("section.stakeholders"))
    ctx.table(
        ["field.id", "field.name", "field.kind", "field.interests", "field.contact"],
        [
            [
                ctx.plain(s.id),
                ctx.plain(s.name),
                ctx.enum("stakeholder_kind", s.kind),
                ctx.cell(s.interests),
                ctx.plain(s.contact),
            ]
            for s in ctx.doc.stakeholders
        ],
    )


def revisions(ctx: Context) -> None:
    """The change history."""
    if not ctx.doc.revisions:
        return
    ctx.heading(2, ctx.raw("section.revisions"))
    ctx.table(
        ["field.version", "field.date", "field.author", "field.changes"],
        [
            [ctx.plain(r.version), ctx.plain(r.date), ctx.plain(r.author), ctx.cell(r.changes)]
            for r in ctx.doc.revisions
        ],
    )


def _money(ctx: Context, value: float | int | None, currency: str | None) -> str:
    if value is None:
        return ""
    return f"{number(value)} {ctx.plain(currency)}".strip()


def market_research(ctx: Context) -> None:
    """Summary, target users, market size and findings."""
    mr = ctx.doc.market_research
    size = mr.market_size if mr else None
    sized = size is not None and any(
        v is not None for v in (size.tam, size.sam, size.som, size.year, size.source)
    )
    if mr is None or not (mr.summary or mr.target_users or sized or mr.findings):
        return
    ctx.heading(2, ctx.raw("section.market_research"))
    ctx.field(mr.summary, 2)
    if mr.target_users:
        ctx.heading(3, ctx.raw("field.target_users"))
        ctx.table(
            ["field.id", "field.segment", "field.size", "field.description"],
            [
                [
                    ctx.plain(u.id),
                    ctx.plain(u.segment),
                    number(u.size) if isinstance(u.size, int | float) else ctx.plain(u.size),
                    ctx.cell(u.description),
                ]
                for u in mr.target_users
            ],
        )
    if size is not None and sized:
        ctx.heading(3, ctx.raw("field.market_size"))
        ctx.facts(
            [
                ("field.tam", _money(ctx, size.tam, size.currency)),
                ("field.sam", _money(ctx, size.sam, size.currency)),
                ("field.som", _money(ctx, size.som, size.currency)),
                ("field.year", ctx.plain(str(size.year)) if size.year is not None else ""),
                ("field.source", ctx.plain(size.source)),
            ],
            bullets=True,
        )
    if mr.findings:
        ctx.heading(3, ctx.raw("field.findings"))
        ctx.table(
            ["field.id", "field.statement", "field.source", "field.evidence"],
            [
                [ctx.plain(f.id), ctx.cell(f.statement), ctx.plain(f.source), ctx.cell(f.evidence)]
                for f in mr.findings
            ],
        )


def business_model(ctx: Context) -> None:
    """Value proposition, segments, channels, revenue, costs and partners."""
    bm = ctx.doc.business_model
    parts = (bm.summary, bm.value_proposition, bm.customer_segments, bm.channels) if bm else ()
    if bm is None or not any((*parts, bm.revenue_streams, bm.cost_structure, bm.key_partners)):
        return
    ctx.heading(2, ctx.raw("section.business_model"))
    ctx.field(bm.summary, 2)
    if bm.value_proposition and bm.value_proposition.strip():
        ctx.heading(3, ctx.raw("field.value_proposition"))
        ctx.field(bm.value_proposition, 3)
    for key, names in (
        ("field.customer_segments", bm.customer_segments),
        ("field.channels", bm.channels),
    ):
        if any(name.strip() for name in names):
            ctx.heading(3, ctx.raw(key))
            ctx.add([f"- {ctx.plain(name, line_start=True)}" for name in names if name.strip()])
    if bm.revenue_streams:
        ctx.heading(3, ctx.raw("field.revenue_streams"))
        ctx.table(
            ["field.name", "field.kind", "field.estimate", "field.description"],
            [
                [
                    ctx.plain(r.name),
                    ctx.enum("revenue_kind", r.kind),
                    ctx.plain(r.estimate),
                    ctx.cell(r.description),
                ]
                for r in bm.revenue_streams
            ],
        )
    if bm.cost_structure:
        ctx.heading(3, ctx.raw("field.cost_structure"))
        ctx.table(
            ["field.name", "field.estimate", "field.description"],
            [
                [ctx.plain(c.name), ctx.plain(c.estimate), ctx.cell(c.description)]
                for c in bm.cost_structure
            ],
        )
    if any(name.strip() for name in bm.key_partners):
        ctx.heading(3, ctx.raw("field.key_partners"))
        partners = [name for name in bm.key_partners if name.strip()]
        ctx.add([f"- {ctx.plain(name, line_start=True)}" for name in partners])


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int | float):
        return number(value)
    return escape(" ".join(str(value).split())) if value is not None else ""


def competition(ctx: Context) -> None:
    """Competitors, the comparison matrix (us first) and the differentiation."""
    comp = ctx.doc.competition
    if comp is None or not (
        comp.summary or comp.competitors or comp.matrix or comp.differentiation
    ):
        return
    ctx.heading(2, ctx.raw("section.competition"))
    ctx.field(comp.summary, 2)
    if comp.competitors:
        ctx.heading(3, ctx.raw("field.competitors"))
        bullets = "<br>".join
        ctx.table(
            [
                "field.id",
                "field.name",
                "field.positioning",
                "field.strengths",
                "field.weaknesses",
                "field.pricing",
            ],
            [
                [
                    ctx.plain(c.id),
                    _link(ctx, c.name, c.url),
                    ctx.cell(c.positioning),
                    bullets(f"• {ctx.plain(s)}" for s in c.strengths),
                    bullets(f"• {ctx.plain(w)}" for w in c.weaknesses),
                    ctx.plain(c.pricing),
                ]
                for c in comp.competitors
            ],
        )
    dimensions = list(comp.dimensions)
    for _, cells in comp.matrix:
        dimensions.extend(d for d, _ in cells if d not in dimensions)
    if dimensions and comp.matrix:
        ctx.heading(3, ctx.raw("field.matrix"))
        columns = [("us", ctx.t("ui.us"))] if comp.row("us") else []
        columns += [(c.id, ctx.plain(c.name)) for c in comp.competitors]
        known = {key for key, _ in columns}
        columns += [(key, ctx.plain(key)) for key, _ in comp.matrix if key not in known]
        rows = [comp.row(key) for key, _ in columns]
        ctx.table(
            [ctx.t("field.dimensions"), *(name for _, name in columns)],
            [
                [ctx.plain(d), *(_value(row[d]) if d in row else ctx.t("ui.gap") for row in rows)]
                for d in dimensions
            ],
            keys=False,
        )
    if comp.differentiation and comp.differentiation.strip():
        ctx.heading(3, ctx.raw("field.differentiation"))
        ctx.field(comp.differentiation, 3)
