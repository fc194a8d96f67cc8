"""Permissions, guardrails, operations, risks, open questions, glossary and approvals."""

from __future__ import annotations

from prdkit.model import Permissions
from prdkit.views import grant_table
from prdkit.writers.markdown.context import Context, number
from prdkit.writers.markdown.text import code_span

__all__ = [
    "approvals",
    "glossary",
    "guardrails",
    "open_questions",
    "operations",
    "permissions",
    "risks",
]


def permissions(ctx: Context) -> None:
    """Roles, actions, the roles × actions matrix (inherited grants marked), SoD rules."""
    perms = ctx.doc.permissions
    if perms is None or not (perms.roles or perms.actions or perms.separation_of_duties):
        return
    ctx.heading(2, ctx.raw("section.permissions"))
    if perms.roles:
        ctx.heading(3, ctx.raw("field.roles"))
        ctx.table(
            ["field.id", "field.name", "field.inherits", "field.description"],
            [
                [ctx.plain(r.id), ctx.plain(r.name), ctx.refs(r.inherits), ctx.cell(r.description)]
                for r in perms.roles
            ],
        )
    if perms.actions:
        ctx.heading(3, ctx.raw("field.actions"))
        ctx.table(
            ["field.id", "field.name", "field.risk", "field.description"],
            [
                [
                    ctx.plain(a.id),
                    ctx.plain(a.name),
                    ctx.enum("level", a.risk),
                    ctx.cell(a.description),
                ]
                for a in perms.actions
            ],
        )
    if perms.roles and perms.actions:
        _matrix(ctx, perms)
    if perms.separation_of_duties:
        ctx.heading(3, ctx.raw("field.separation_of_duties"))
        ctx.table(
            ["field.actions", "field.reason"],
            [
                [ctx.join(ctx.named(a) for a in rule.actions), ctx.cell(rule.reason)]
                for rule in perms.separation_of_duties
            ],
        )


def _matrix(ctx: Context, perms: Permissions) -> None:
    ctx.heading(3, ctx.raw("ui.permission_matrix"))
    sources = grant_table(perms)
    names = {role.id: role.name for role in perms.roles}
    rows = []
    for action in perms.actions:
        row = [ctx.named(action.id)]
        for role in perms.roles:
            source = sources[role.id].get(action.id)
            if source is None:
                row.append("")
            elif source == role.id:
                row.append("✓")
            else:
                via = ctx.plain(names.get(source, source))
                inherited = f"{ctx.t('ui.inherited')}{ctx.punct['colon']}{via}"
                row.append(f"✓{ctx.punct['open']}{inherited}{ctx.punct['close']}")
        rows.append(row)
    header = [ctx.t("field.action"), *(ctx.plain(role.name) for role in perms.roles)]
    ctx.table(header, rows, keys=False)
    ctx.add([f"✓{ctx.punct['colon']}{ctx.t('ui.granted_legend')}"])


def guardrails(ctx: Context) -> None:
    """Controls placed on actions."""
    if not ctx.doc.guardrails:
        return
    ctx.heading(2, ctx.raw("section.guardrails"))
    ctx.table(
        [
            "field.id",
            "field.action",
            "field.control",
            "field.condition",
            "field.approver",
            "field.alert",
            "field.description",
        ],
        [
            [
                ctx.plain(g.id),
                ctx.named(g.action),
                ctx.enum("control", g.control),
                ctx.plain(g.condition),
                ctx.named(g.approver) if g.approver else "",
                ctx.plain(g.alert),
                ctx.cell(g.description),
            ]
            for g in ctx.doc.guardrails
        ],
    )


def operations(ctx: Context) -> None:
    """Summary, campaigns, data review and communication."""
    ops = ctx.doc.operations
    if ops is None or not (ops.summary or ops.campaigns or ops.data_review or ops.communication):
        return
    ctx.heading(2, ctx.raw("section.operations"))
    ctx.field(ops.summary, 2)
    if ops.campaigns:
        ctx.heading(3, ctx.raw("field.campaigns"))
        ctx.table(
            [
                "field.id",
                "field.name",
                "field.kind",
                "field.start",
                "field.end",
                "field.channels",
                "field.budget",
                "field.metrics",
                "field.description",
            ],
            [
                [
                    ctx.plain(c.id),
                    ctx.plain(c.name),
                    ctx.enum("campaign_kind", c.kind),
                    ctx.plain(c.start),
                    ctx.plain(c.end),
                    ctx.join(ctx.plain(ch) for ch in c.channels),
                    f"{number(c.budget)} {ctx.plain(c.currency)}".strip() if c.budget else "",
                    ctx.refs(c.metrics),
                    ctx.cell(c.description),
                ]
                for c in ops.campaigns
            ],
        )
    texts = (("field.data_review", ops.data_review), ("field.communication", ops.communication))
    for key, md in texts:
        if md and md.strip():
            ctx.heading(3, ctx.raw(key))
            ctx.field(md, 3)


_LEVELS = ("low", "medium", "high")


def risks(ctx: Context) -> None:
    """The risk register, then a likelihood × impact grid of risk ids."""
    if not ctx.doc.risks:
        return
    ctx.heading(2, ctx.raw("section.risks"))
    ctx.table(
        [
            "field.id",
            "field.description",
            "field.likelihood",
            "field.impact",
            "field.mitigation",
            "field.owner",
        ],
        [
            [
                ctx.plain(r.id),
                ctx.cell(r.description),
                ctx.enum("level", r.likelihood),
                ctx.enum("level", r.impact),
                ctx.cell(r.mitigation),
                ctx.plain(r.owner),
            ]
            for r in ctx.doc.risks
        ],
    )
    placed = [r for r in ctx.doc.risks if r.likelihood in _LEVELS and r.impact in _LEVELS]
    if not placed:
        return
    ctx.heading(3, ctx.raw("ui.risk_matrix"))
    corner = f"{ctx.t('field.likelihood')} ↓ {ctx.t('field.impact')} →"
    header = [corner, *(ctx.enum("level", level) for level in _LEVELS)]
    rows = [
        [
            ctx.enum("level", likelihood),
            *(
                ", ".join(r.id for r in placed if (r.likelihood, r.impact) == (likelihood, impact))
                for impact in _LEVELS
            ),
        ]
        for likelihood in reversed(_LEVELS)
    ]
    ctx.table(header, [[row[0], *(ctx.plain(c) for c in row[1:])] for row in rows], keys=False)


def open_questions(ctx: Context) -> None:
    """Questions, who owns them, by when, and how they were resolved."""
    if not ctx.doc.open_questions:
        return
    ctx.heading(2, ctx.raw("section.open_questions"))
    ctx.table(
        ["field.id", "field.question", "field.owner", "field.due", "field.resolution"],
        [
            [
                ctx.plain(q.id),
                ctx.cell(q.question),
                ctx.plain(q.owner),
                ctx.plain(q.due),
                ctx.cell(q.resolution) if q.resolution else ctx.t("ui.unresolved"),
            ]
            for q in ctx.doc.open_questions
        ],
    )


def glossary(ctx: Context) -> None:
    """Terms and definitions."""
    if not ctx.doc.glossary:
        return
    ctx.heading(2, ctx.raw("section.glossary"))
    ctx.table(
        ["field.term", "field.definition"],
        [[ctx.plain(g.term), ctx.cell(g.definition)] for g in ctx.doc.glossary],
    )


def approvals(ctx: Context) -> None:
    """Sign-offs, with the digest each approver signed."""
    if not ctx.doc.approvals:
        return
    ctx.heading(2, ctx.raw("section.approvals"))
    ctx.table(
        [
            "field.name",
            "field.role",
            "field.decision",
            "field.date",
            "field.comment",
            "field.digest",
        ],
        [
            [
                ctx.plain(a.name),
                ctx.plain(a.role),
                ctx.enum("decision", a.decision),
                ctx.plain(a.date),
                ctx.cell(a.comment),
                code_span(a.digest, in_table=True) if a.digest else "",
            ]
            for a in ctx.doc.approvals
        ],
    )
