"""Requirements (summary, traceability matrix, one entry each) and features."""

from __future__ import annotations

from prdkit import i18n
from prdkit.diagrams.graph import Edge, Graph, Node
from prdkit.layout.blocks import Block, Column, Facts, Items, Note, RichText, Table
from prdkit.layout.cells import Cell, Number, Text
from prdkit.layout.context import RESTATED_REFS, Layout, facts
from prdkit.layout.custom import WIDEST, custom_columns, custom_row
from prdkit.layout.numbers import number_text, score_text
from prdkit.model import Feature, Requirement
from prdkit.views import owes_feature, traceability, untraced_features

__all__ = ["criteria", "feature_graph", "features", "requirements"]


def _score(req: Requirement) -> Number | None:
    return Number(req.rice.score, score_text(req.rice.score)) if req.rice else None


def _rice(lay: Layout, req: Requirement) -> Cell:
    """The score with how it was reached: `1,000（覆盖 1,000 × … ÷ 工作量 4）`."""
    rice = req.rice
    if rice is None:
        return None
    parts = " × ".join(
        f"{lay.t(f'field.{name}')} {number_text(getattr(rice, name))}"
        for name in ("reach", "impact", "confidence")
    )
    formula = f"{parts} ÷ {lay.t('field.effort')} {number_text(rice.effort)}"
    return Text(f"{score_text(rice.score)}{lay.aside(formula)}")


def _trace(lay: Layout) -> list[Block]:
    # A gap is marked where `validate` warns by default (must-without-feature): a `must` no
    # feature delivers. Any other empty cell is a plain dash: a reviewer reading the matrix
    # should not see warnings the checker does not give. (A team that switches the rule off
    # still sees the gap: the layer does not read the configuration's rules.)
    gap = Text(f"{lay.t('ui.gap')} ⚠", "gap")
    idle = Text(lay.t("ui.gap"), "muted")
    by_id = {r.id: r for r in lay.doc.requirements}
    rows = []
    cut = gaps = False
    for trace in traceability(lay.doc):
        owed = not trace.features and owes_feature(by_id[trace.requirement])
        gaps = gaps or owed
        columns = [trace.features, trace.flows, trace.metrics, trace.milestones]
        if lay.doc.tracking:
            columns.append(trace.events)
        # Every link of a row is stated in full where it is written (a feature's requirements
        # and flows, a milestone's deliverables, an event's feature and metrics, a metric's
        # requirements): a long cell is cut short, or one feature citing 1,000 requirements
        # and named by 1,000 flows would list a million flows here.
        cut = cut or any(len(ids) > RESTATED_REFS for ids in columns)
        cells = [lay.listed(ids, restated=True) or idle for ids in columns]
        if owed:
            cells[0] = gap
        rows.append((lay.ref(trace.requirement), *cells))
    table = Table(
        (
            Column(lay.t("ui.requirement"), "ref"),
            Column(lay.t("field.features"), "ref"),
            Column(lay.t("ui.flows"), "ref"),
            Column(lay.t("field.metrics"), "ref"),
            Column(lay.t("field.milestones"), "ref"),
            # Events join the view once the document has a tracking plan.
            *([Column(lay.t("field.events"), "ref")] if lay.doc.tracking else []),
        ),
        tuple(rows),
    )
    lines: list[tuple[Cell, ...]] = []
    if gaps:
        # In the team's word for `must` (P0), as the requirements' own rows show it.
        must = lay.doc.conventions.enum_label("priority", "must", lay.lang)
        legend = lay.t("ui.gap_legend").format(must=must)
        lines.append((gap, Text(f"{lay.punct['colon']}{legend}", "muted")))
    if cut:  # where the rest of a cut cell is found
        legend = lay.t("ui.and_more_legend").format(count=RESTATED_REFS)
        more = Text(lay.t("ui.and_more").format(count="n"), "muted")
        lines.append((more, Text(f"{lay.punct['colon']}{legend}", "muted")))
    untraced = untraced_features(lay.doc)
    if untraced:
        lines.append((Text(lay.colon("ui.untraced_features"), "muted"), lay.refs(untraced)))
    heading = lay.heading(2, "ui.traceability", "requirements/traceability")
    return [heading, table, Note(tuple(lines))] if lines else [heading, table]


def criteria(lay: Layout, item: object, level: int) -> list[Block]:
    """The acceptance criteria of `item` as a numbered list, when there are any."""
    if not any(c.strip() for c in item.acceptance_criteria):
        return []
    items = lay.fields(item, "acceptance_criteria")
    return [Items(items, level, ordered=True, label=lay.t("field.acceptance_criteria"))]


def _entry(lay: Layout, req: Requirement) -> list[Block]:
    out: list[Block] = [lay.item_heading(2, req.id, req.title)]
    out.append(
        Facts(
            facts(
                [
                    (lay.t("field.priority"), lay.enum("priority", req.priority)),
                    (lay.t("field.kind"), lay.enum("req_kind", req.kind)),
                    (lay.t("field.status"), lay.enum("req_status", req.status)),
                    (lay.t("field.rice_score"), _rice(lay, req)),
                    (lay.t("field.requested_by"), lay.listed(req.requested_by, named=True)),
                    (lay.t("field.evidence"), lay.listed(req.evidence)),
                    (lay.t("field.depends_on"), lay.listed(req.depends_on)),
                ]
            )
        )
    )
    if req.description and req.description.strip():
        out.append(RichText(req.description, 2))
    if req.rationale and req.rationale.strip():
        out.append(RichText(req.rationale, 2, label=lay.t("field.rationale")))
    return out + criteria(lay, req, 2)


def requirements(lay: Layout) -> list[Block]:
    """The summary table, the traceability matrix, then one entry per requirement."""
    reqs = lay.doc.requirements
    if not reqs:
        return []
    # The RICE column only when some requirement is scored: an empty column says nothing.
    scored = any(r.rice is not None for r in reqs)
    # The team's short fields as columns, while the table stays within `WIDEST`: every
    # requirement's entry below lists them all anyway. Its rows refer to requirements shown
    # below, so the layer's pass (`with_custom_fields`) leaves this table alone.
    fields = custom_columns(lay, "requirements")
    columned = len(fields) + 4 + scored <= WIDEST
    summary = Table(
        (
            Column(lay.t("field.id"), "ref"),
            Column(lay.t("field.title")),
            Column(lay.t("field.priority"), "enum", "priority"),
            Column(lay.t("field.status"), "enum", "req_status"),
            *((Column(lay.t("field.rice_score"), "number"),) if scored else ()),
            *(fields if columned else ()),
        ),
        tuple(
            (
                lay.ref(r.id),
                lay.field(r, "title"),
                lay.enum("priority", r.priority),
                lay.enum("req_status", r.status),
                *((_score(r),) if scored else ()),
                *(custom_row(lay, "requirements", r) if columned else ()),
            )
            for r in reqs
        ),
    )
    out: list[Block] = [lay.heading(1, "section.requirements", "requirements"), summary]
    out += _trace(lay)
    for req in reqs:
        out += _entry(lay, req)
    return out


def feature_graph(lay: Layout, feats: tuple[Feature, ...]) -> Graph:
    """The feature structure (功能结构图): the product, its surfaces in the order features
    first name them, each surface's features. Features without a surface hang from the
    product when none has one, and under the surface "other" when some do: a box saying
    "not set" read as a surface of that name."""
    nodes = [Node("r0", lay.doc.meta.title.strip() or lay.doc.meta.id)]
    edges = []
    surfaces: dict[str, str] = {}
    grouped = any(f.surface for f in feats)
    unset: list[tuple[int, Feature]] = []
    for n, f in enumerate(feats):
        if grouped and not f.surface:
            unset.append((n, f))
            continue
        parent = "r0"
        if f.surface:
            parent = surfaces.get(f.surface, "")
            if not parent:
                parent = surfaces[f.surface] = f"s{len(surfaces)}"
                nodes.append(Node(parent, i18n.enum_label("surface", f.surface, lay.lang)))
                edges.append(Edge("r0", parent))
        nodes.append(Node(f"f{n}", f.name, note=f.id))
        edges.append(Edge(parent, f"f{n}"))
    if unset:  # with the features of the surface `other`, if any
        other = surfaces.get("other", "")
        if not other:
            other = f"s{len(surfaces)}"
            nodes.append(Node(other, i18n.enum_label("surface", "other", lay.lang)))
            edges.append(Edge("r0", other))
        for n, f in unset:
            nodes.append(Node(f"f{n}", f.name, note=f.id))
            edges.append(Edge(other, f"f{n}"))
    return Graph(tuple(nodes), tuple(edges), "tree")


def features(lay: Layout) -> list[Block]:
    """One entry per feature: surface, priority, traces, description, UX notes, criteria."""
    feats = lay.doc.features
    if not feats:
        return []
    out: list[Block] = [lay.heading(1, "section.features", "features")]
    note = lay.t("ui.features_not_drawn").format(features=f"{len(feats):,}")
    out.append(lay.diagram(feature_graph(lay, feats), lay.t("ui.feature_structure"), note))
    # Each flow's features looked up once: asking every flow about every feature grew with
    # their product.
    flows_of: dict[str, list[str]] = {f.id: [] for f in feats}
    for flow in lay.doc.flows:
        for feature in dict.fromkeys(flow.features):
            if feature in flows_of:
                flows_of[feature].append(flow.id)
    pages_of = lay.links.pages_of_feature
    for f in feats:
        out.append(lay.item_heading(2, f.id, f.name))
        out.append(
            Facts(
                facts(
                    [
                        (lay.t("field.surface"), lay.enum("surface", f.surface)),
                        (lay.t("field.priority"), lay.enum("priority", f.priority)),
                        (lay.t("field.requirements"), lay.listed(f.requirements)),
                        (lay.t("field.permissions"), lay.listed(f.permissions, named=True)),
                        (lay.t("ui.flows"), lay.listed(flows_of[f.id])),
                        (lay.t("field.pages"), lay.listed(pages_of.get(f.id, ()), named=True)),
                    ]
                )
            )
        )
        if f.description and f.description.strip():
            out.append(RichText(f.description, 2))
        if f.ux and f.ux.strip():
            out.append(RichText(f.ux, 2, label=lay.t("field.ux")))
        out += criteria(lay, f, 2)
    return out
