"""Running it safely: permissions and their matrix, guardrails, the operations plan."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from prdkit.model import Permissions
from prdkit.views import grant_table
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.common import (
    STRONG,
    anchored,
    badge_filler,
    enum_col,
    id_col,
    labelled_md,
    number,
    refs_filler,
    section_heading,
)
from prdkit.writers.docx.oxml import Look, sub
from prdkit.writers.docx.tables import DATE, Md, Refs, Table

CHECK = "✓"


def permissions(b: Builder) -> None:
    """Roles, actions, the grant matrix and separation of duties."""
    perms = b.doc.permissions
    if perms is None or not (perms.roles or perms.actions or perms.separation_of_duties):
        return
    section_heading(b, "permissions")
    if perms.roles:
        b.heading(2, b.label("field.roles"))
        table = Table(
            b,
            b.body,
            [
                id_col(r.id for r in perms.roles),
                2,
                Refs(1.8, (i for r in perms.roles for i in r.inherits)),
                4.5,
            ],
            header=_labels(b, "id name inherits description"),
        )
        for role in perms.roles:
            table.row(
                [
                    anchored(b, role.id),
                    role.name,
                    refs_filler(b, role.inherits),
                    Md(role.description or ""),
                ]
            )
    if perms.actions:
        b.heading(2, b.label("field.actions"))
        table = Table(
            b,
            b.body,
            [
                id_col(a.id for a in perms.actions),
                2.2,
                enum_col(b, "level", "field.risk", badge=True),
                4.8,
            ],
            header=_labels(b, "id name risk description"),
        )
        for action in perms.actions:
            table.row(
                [
                    anchored(b, action.id),
                    action.name,
                    badge_filler(b, "level", action.risk),
                    Md(action.description or ""),
                ]
            )
    if perms.separation_of_duties:
        b.heading(2, b.label("field.separation_of_duties"))
        table = Table(b, b.body, [3.5, 5], header=_labels(b, "actions reason"))
        for rule in perms.separation_of_duties:
            table.row([refs_filler(b, rule.actions, names=True, lines=True), Md(rule.reason or "")])
    if perms.roles and perms.actions:
        _matrix(b, perms)


def _labels(b: Builder, keys: str) -> list[str]:
    return [b.label(f"field.{key}") for key in keys.split()]


def _matrix(b: Builder, perms: Permissions) -> None:
    """Actions down, roles across: ✓ for a grant, with the role it is inherited from."""
    b.heading(2, b.label("ui.permission_matrix"))
    sources = grant_table(perms)
    names = {role.id: role.name for role in perms.roles}
    table = Table(
        b,
        b.body,
        [3.2] + [1.0] * len(perms.roles),
        header=[b.label("field.action")] + [role.name for role in perms.roles],
    )
    mark = Look(bold=True, color="1E6B34")
    note = Look(size=15, color="7F7F7F")
    colon = "：" if b.lang == "zh" else ": "
    for action in perms.actions:
        cells: list[object] = [refs_filler(b, [action.id], names=True)]
        for role in perms.roles:
            source = sources[role.id].get(action.id)

            def fill(
                para: etree._Element, source: str | None = source, role: str = role.id
            ) -> None:
                sub(para[0], "jc", {"val": "center"})
                if source is None:
                    return
                table.text(para, CHECK, mark)
                if source != role:
                    via = names.get(source, source)
                    table.text(para, f"\n{b.label('ui.inherited')}{colon}{via}", note)

            cells.append(fill)
        table.row(cells)  # type: ignore[arg-type]
    para = b.paragraph(b.body, "Compact", spacing={"before": "80", "after": "200"})
    b.run(para, CHECK, b.style_of(para), mark)
    b.run(para, f"{colon}{b.label('ui.granted_legend')}", b.style_of(para), Look(color="595959"))


def _with_alert(
    b: Builder, table: Table, description: str | None, alert: str | None
) -> Callable[[etree._Element], None]:
    def fill(para: etree._Element) -> None:
        tc = para.getparent()
        if description:
            tc.remove(para)
            b.markdown(tc, description, table.style, table.width)
        if alert:
            line = b.paragraph(tc, "Compact") if description else para
            table.text(line, f"{b.label('field.alert')}{'：' if b.lang == 'zh' else ': '}", STRONG)
            table.text(line, alert)

    return fill


def guardrails(b: Builder) -> None:
    """Controls on risky actions."""
    if not b.doc.guardrails:
        return
    section_heading(b, "guardrails")
    table = Table(
        b,
        b.body,
        [
            id_col(g.id for g in b.doc.guardrails),
            2.3,
            enum_col(b, "control", "field.control"),
            2.2,
            1.8,
            3.4,
        ],
        header=_labels(b, "id action control condition approver description"),
    )
    for g in b.doc.guardrails:
        table.row(
            [
                anchored(b, g.id),
                refs_filler(b, [g.action], names=True),
                b.enum("control", g.control),
                g.condition,
                refs_filler(b, [g.approver] if g.approver else [], names=True),
                _with_alert(b, table, g.description, g.alert),
            ]
        )


def operations(b: Builder) -> None:
    """Campaigns, data review and communication."""
    ops = b.doc.operations
    if ops is None or not (ops.summary or ops.campaigns or ops.data_review or ops.communication):
        return
    section_heading(b, "operations")
    b.markdown(b.body, ops.summary)
    if ops.campaigns:
        b.heading(2, b.label("field.campaigns"))
        table = Table(
            b,
            b.body,
            [
                id_col(c.id for c in ops.campaigns),
                2.2,
                1.3,
                DATE,
                DATE,
                1.8,
                1.7,
                Refs(1.3, (m for c in ops.campaigns for m in c.metrics)),
            ],
            header=_labels(b, "id name kind start end channels budget metrics"),
        )
        for c in ops.campaigns:
            table.row(
                [
                    refs_filler(b, [c.id]) if c.description else anchored(b, c.id),
                    c.name,
                    b.enum("campaign_kind", c.kind),
                    c.start,
                    c.end,
                    b.comma.join(c.channels),
                    number(c.budget, c.currency),
                    refs_filler(b, c.metrics),
                ]
            )
        for c in ops.campaigns:
            if c.description:
                b.heading(3, f"{c.id}  {c.name}", c.id)
                b.markdown(b.body, c.description)
    labelled_md(b, "field.data_review", ops.data_review, level=2)
    labelled_md(b, "field.communication", ops.communication, level=2)


SECTIONS = {
    "permissions": permissions,
    "guardrails": guardrails,
    "operations": operations,
}
