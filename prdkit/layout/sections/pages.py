"""Page specs (the page map, then each page with its prototypes) and the tracking plan."""

from __future__ import annotations

from prdkit.diagrams.graph import Edge, Graph, Node
from prdkit.layout.blocks import Block, Column, Facts, Figure, Figures, RichText, Table
from prdkit.layout.cells import Cell, Code, Many
from prdkit.layout.context import Layout, facts
from prdkit.layout.custom import custom_columns, custom_row
from prdkit.model import Document, EventProperty, Page, TrackingEvent
from prdkit.views import Links, links

__all__ = ["metric_events", "page_map", "pages", "tracking"]


def page_map(doc: Document) -> Graph:
    """Pages as boxes (name, id as the note), `navigates_to` as arrows between them.

    Node ids are generated (`p0`, `p1`…): an author's page id never names a node. An arrow
    to a page the document lacks is left out (the rules report it).
    """
    ids: dict[str, str] = {}
    nodes = []
    for page in doc.pages:
        if page.id in ids:
            continue  # a duplicate id (reported by the rules) draws no second box
        ids[page.id] = f"p{len(ids)}"
        nodes.append(Node(ids[page.id], page.name, "box", page.id))
    edges = []
    seen: set[tuple[str, str]] = set()
    for page in doc.pages:
        for target in page.navigates_to:
            pair = (ids[page.id], ids.get(target, ""))
            if pair[1] and pair not in seen:
                seen.add(pair)
                edges.append(Edge(*pair))
    return Graph(tuple(nodes), tuple(edges), "map")


def pages(lay: Layout) -> list[Block]:
    """The page map and an index of pages, then each page: facts, prototypes, elements, states."""
    doc = lay.doc
    if not doc.pages:
        return []
    linked = links(doc)
    out: list[Block] = [lay.heading(1, "section.pages", "pages")]
    out.append(lay.heading(2, "ui.page_map", "pages/map"))
    graph = page_map(doc)
    note = lay.t("ui.page_map_not_drawn").format(
        pages=f"{len(graph.nodes):,}", links=f"{len(graph.edges):,}"
    )
    out.append(lay.diagram(graph, lay.t("ui.page_map"), note))
    out.append(
        Table(
            (
                Column(lay.t("field.id"), "ref"),
                Column(lay.t("field.name")),
                Column(lay.t("field.surface"), "enum", "surface"),
                Column(lay.t("field.navigates_to"), "ref"),
                Column(lay.t("field.features"), "ref"),
            ),
            tuple(
                (
                    lay.ref(p.id),
                    lay.field(p, "name"),
                    lay.enum("surface", p.surface),
                    lay.listed(p.navigates_to),
                    lay.listed(linked.features_of_page.get(p.id, ())),
                )
                for p in doc.pages
            ),
        )
    )
    for page in doc.pages:
        out += _page(lay, page, linked)
    return out


def _page(lay: Layout, page: Page, linked: Links) -> list[Block]:
    out: list[Block] = [lay.item_heading(2, page.id, page.name)]
    out.append(
        Facts(
            facts(
                [
                    (lay.t("field.surface"), lay.enum("surface", page.surface)),
                    (lay.t("field.features"), lay.listed(linked.features_of_page.get(page.id, ()))),
                    (lay.t("field.navigates_to"), lay.listed(page.navigates_to, named=True)),
                    (lay.t("field.events"), lay.refs(linked.events_of_page.get(page.id, ()))),
                ]
            )
        )
    )
    if page.entry and page.entry.strip():
        out.append(RichText(page.entry, 2, label=lay.t("field.entry")))
    if page.description and page.description.strip():
        out.append(RichText(page.description, 2))
    shots = tuple(Figure(p.image, p.caption or page.name, p.caption) for p in page.prototypes)
    if len(shots) > 1:
        out.append(Figures(shots))  # a page's screens side by side
    else:
        out += shots
    if page.elements:
        out.append(lay.heading(3, "field.elements", f"pages/{page.id}/elements"))
        out.append(
            Table(
                (
                    Column(lay.t("field.name")),
                    Column(lay.t("field.kind"), "enum", "element_kind"),
                    Column(lay.t("field.rule"), "markdown"),
                    *custom_columns(lay, "elements", every=True),
                ),
                tuple(
                    (
                        lay.field(e, "name"),
                        lay.enum("element_kind", e.kind),
                        lay.field(e, "rule"),
                        *custom_row(lay, "elements", e, every=True),
                    )
                    for e in page.elements
                ),
            )
        )
    if page.states:
        out.append(lay.heading(3, "field.states", f"pages/{page.id}/states"))
        out.append(
            Table(
                (
                    Column(lay.t("field.name")),
                    Column(lay.t("field.description"), "markdown"),
                    *custom_columns(lay, "states", every=True),
                ),
                tuple(
                    (
                        lay.field(s, "name"),
                        lay.field(s, "description"),
                        *custom_row(lay, "states", s, every=True),
                    )
                    for s in page.states
                ),
            )
        )
    return out


def property_values(prop: EventProperty) -> Cell:
    """The allowed values of an enum property, one a line."""
    return Many(tuple(Code(v) for v in prop.values), "\n", "lines") if prop.values else None


def property_example(prop: EventProperty) -> Cell:
    """A property's example as the client sends it (`true`, not Python's `True`)."""
    example = prop.example_as_sent()
    return None if example is None else Code(example)


def _property(lay: Layout, prop: EventProperty) -> tuple[Cell, ...]:
    return (
        Code(prop.name),
        lay.enum("property_type", prop.type),
        property_values(prop),
        property_example(prop),
        lay.field(prop, "description"),
    )


def tracking(lay: Layout) -> list[Block]:
    """The events table, then the properties of every event."""
    events = lay.doc.tracking
    if not events:
        return []
    linked = lay.links
    out: list[Block] = [lay.heading(1, "section.tracking", "tracking")]
    out.append(
        Table(
            (
                Column(lay.t("field.id"), "id"),
                Column(lay.t("field.event"), "code"),
                Column(lay.t("field.name")),
                Column(lay.t("field.trigger"), "markdown"),
                Column(lay.t("ui.where"), "ref"),
                Column(lay.t("field.metrics"), "ref"),
            ),
            tuple(_event_row(lay, e, linked) for e in events),
        )
    )
    with_properties = [e for e in events if e.properties]
    if with_properties:
        out.append(lay.heading(2, "field.properties", "tracking/properties"))
        rows = []
        for event in with_properties:
            for prop in event.properties:
                custom = custom_row(lay, "properties", prop, every=True)
                rows.append((lay.ref(event.id), *_property(lay, prop), *custom))
        out.append(
            Table(
                (
                    Column(lay.t("ui.event"), "ref"),
                    Column(lay.t("field.name"), "code"),
                    Column(lay.t("field.type"), "enum", "property_type"),
                    Column(lay.t("field.values"), "code"),
                    Column(lay.t("field.example"), "code"),
                    Column(lay.t("field.description"), "markdown"),
                    *custom_columns(lay, "properties", every=True),
                ),
                tuple(rows),
            )
        )
    return out


def _event_row(lay: Layout, event: TrackingEvent, linked: Links) -> tuple[Cell, ...]:
    page = lay.ref(event.page, named=True) if event.page else None
    feature = lay.ref(event.feature, named=True) if event.feature else None
    where = Many(tuple(c for c in (page, feature) if c is not None), layout="lines")
    return (
        lay.own(event.id),
        Code(event.event),
        lay.field(event, "name"),
        lay.field(event, "trigger"),
        where if where.items else None,
        lay.listed(linked.metrics_of_event.get(event.id, ())),
    )


def metric_events(lay: Layout) -> list[Block]:
    """Per metric, the tracking events that feed it (from either side of the link)."""
    linked = lay.links
    rows = [
        (lay.ref(m.id, named=True), lay.listed(linked.events_of_metric[m.id], named=True))
        for m in lay.doc.metrics
        if linked.events_of_metric.get(m.id)
    ]
    if not rows:
        return []
    return [
        lay.heading(2, "ui.metric_events", "metrics/events"),
        Table(
            (Column(lay.t("ui.metric"), "ref"), Column(lay.t("field.events"), "ref")),
            tuple(rows),
        ),
    ]
