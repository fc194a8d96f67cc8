"""Running it safely: permissions and their matrix, guardrails, the operations plan."""

from __future__ import annotations

from prdkit.layout.blocks import Block, Column, Matrix, Note, RichText, Table
from prdkit.layout.cells import Cell, Text
from prdkit.layout.context import Layout
from prdkit.layout.numbers import money
from prdkit.model import Permissions
from prdkit.views import grant_table

__all__ = ["guardrails", "operations", "permissions"]

# Past this many role columns or cells a grid no longer fits a page, and the inherited
# grants it spells out grow with roles × actions: a 1,000-role chain is a million cells.
MAX_GRID_ROLES = 16
MAX_GRID_CELLS = 2_400


def _grants(lay: Layout, perms: Permissions) -> list[Block]:
    """The roles × actions grid when it is readable, else each role's own grants and parents."""
    roles, actions = len(perms.roles), len(perms.actions)
    if roles <= MAX_GRID_ROLES and roles * actions <= MAX_GRID_CELLS:
        return _grid(lay, perms)
    direct: dict[str, tuple[str, ...]] = {}
    for role_id, granted in perms.grants:
        direct.setdefault(role_id, granted)  # the first entry, as the grid reads
    note = lay.t("ui.grants_listed").format(roles=f"{roles:,}", actions=f"{actions:,}")
    return [
        lay.heading(2, "ui.grants_by_role", "permissions/matrix"),
        Note(((Text(note, "muted"),),)),
        Table(
            (
                Column(lay.t("field.role"), "ref"),
                Column(lay.t("ui.granted"), "ref"),
                Column(lay.t("field.inherits"), "ref"),
            ),
            tuple(
                (
                    lay.ref(role.id, named=True),
                    lay.listed(direct.get(role.id, ()), named=True),
                    lay.listed(role.inherits),
                )
                for role in perms.roles
            ),
        ),
    ]


def _grid(lay: Layout, perms: Permissions) -> list[Block]:
    """Actions down, roles across: ✓ for a grant, naming the role it is inherited from."""
    sources = grant_table(perms)
    names = {role.id: role.name for role in perms.roles}
    rows = []
    for action in perms.actions:
        cells: list[Cell] = []
        for role in perms.roles:
            source = sources[role.id].get(action.id)
            if source is None:
                cells.append(None)
            elif source == role.id:
                cells.append(Text("✓", "good"))
            else:
                via = lay.colon("ui.inherited") + names.get(source, source)
                cells.append(Text(f"✓{lay.aside(via)}", "good"))
        rows.append((lay.ref(action.id, named=True), tuple(cells)))
    legend = Note(
        ((Text("✓", "good"), Text(lay.punct["colon"] + lay.t("ui.granted_legend"), "muted")),)
    )
    return [
        lay.heading(2, "ui.permission_matrix", "permissions/matrix"),
        Matrix(
            lay.t("field.action"),
            tuple(Text(role.name) for role in perms.roles),
            tuple(rows),
        ),
        legend,
    ]


def permissions(lay: Layout) -> list[Block]:
    """Roles, actions, the roles × actions matrix (inherited grants marked), SoD rules."""
    perms = lay.doc.permissions
    if perms is None or not (perms.roles or perms.actions or perms.separation_of_duties):
        return []
    out: list[Block] = [lay.heading(1, "section.permissions", "permissions")]
    if perms.roles:
        out.append(lay.heading(2, "field.roles", "permissions/roles"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.name")),
                    Column(lay.t("field.inherits"), "ref"),
                    Column(lay.t("field.description"), "markdown"),
                ),
                tuple(
                    (
                        lay.own(r.id),
                        lay.field(r, "name"),
                        lay.listed(r.inherits),
                        lay.field(r, "description"),
                    )
                    for r in perms.roles
                ),
            )
        )
    if perms.actions:
        out.append(lay.heading(2, "field.actions", "permissions/actions"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.name")),
                    Column(lay.t("field.risk"), "enum", "level"),
                    Column(lay.t("field.description"), "markdown"),
                ),
                tuple(
                    (
                        lay.own(a.id),
                        lay.field(a, "name"),
                        lay.enum("level", a.risk),
                        lay.field(a, "description"),
                    )
                    for a in perms.actions
                ),
            )
        )
    if perms.roles and perms.actions:
        out += _grants(lay, perms)
    if perms.separation_of_duties:
        out.append(lay.heading(2, "field.separation_of_duties", "permissions/sod"))
        out.append(
            Table(
                (Column(lay.t("field.actions"), "ref"), Column(lay.t("field.reason"), "markdown")),
                tuple(
                    (lay.listed(rule.actions, named=True), lay.field(rule, "reason"))
                    for rule in perms.separation_of_duties
                ),
            )
        )
    return out


def guardrails(lay: Layout) -> list[Block]:
    """Controls placed on actions."""
    if not lay.doc.guardrails:
        return []
    table = Table(
        (
            Column(lay.t("field.id"), "id"),
            Column(lay.t("field.action"), "ref"),
            Column(lay.t("field.control"), "enum", "control"),
            Column(lay.t("field.condition")),
            Column(lay.t("field.approver"), "ref"),
            Column(lay.t("field.alert")),
            Column(lay.t("field.description"), "markdown"),
        ),
        tuple(
            (
                lay.own(g.id),
                lay.ref(g.action, named=True),
                lay.enum("control", g.control),
                lay.field(g, "condition"),
                lay.ref(g.approver, named=True) if g.approver else None,
                lay.field(g, "alert"),
                lay.field(g, "description"),
            )
            for g in lay.doc.guardrails
        ),
    )
    return [lay.heading(1, "section.guardrails", "guardrails"), table]


def operations(lay: Layout) -> list[Block]:
    """Summary, campaigns, data review and communication."""
    ops = lay.doc.operations
    if ops is None or not (ops.summary or ops.campaigns or ops.data_review or ops.communication):
        return []
    out: list[Block] = [lay.heading(1, "section.operations", "operations")]
    if ops.summary and ops.summary.strip():
        out.append(RichText(ops.summary, 1))
    if ops.campaigns:
        out.append(lay.heading(2, "field.campaigns", "operations/campaigns"))
        keys = ("id", "name", "kind", "start", "end", "channels", "budget", "metrics")
        kinds = ("id", "text", "enum", "date", "date", "text", "number", "ref", "markdown")
        out.append(
            Table(
                tuple(
                    Column(lay.t(f"field.{key}"), kind, "campaign_kind" if kind == "enum" else None)
                    for key, kind in zip((*keys, "description"), kinds, strict=True)
                ),
                tuple(
                    (
                        lay.own(c.id),
                        lay.field(c, "name"),
                        lay.enum("campaign_kind", c.kind),
                        lay.date(c.start),
                        lay.date(c.end),
                        lay.joined(lay.fields(c, "channels")),
                        money(c.budget, c.currency, lay.lang) if c.budget is not None else None,
                        lay.listed(c.metrics),
                        lay.field(c, "description"),
                    )
                    for c in ops.campaigns
                ),
            )
        )
    for key, md in (
        ("field.data_review", ops.data_review),
        ("field.communication", ops.communication),
    ):
        if md and md.strip():
            out += [lay.heading(2, key, f"operations/{key[6:]}"), RichText(md, 2)]
    return out
