"""Items as spreadsheets: one typed table per item kind, every field a column.

The printed document shows an item as a heading with facts; a spreadsheet wants one row per
item and one column per field, for filtering and for import into trackers. The tables are
the layer's own (`Table`, `Column`, cells from `Layout`), so enum labels, numbers, dates and
references read exactly as in the Word and Markdown outputs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from prdkit.conventions import item_paths
from prdkit.i18n import ENUM_OF
from prdkit.layout.blocks import Column, ColumnKind, Facts, Table
from prdkit.layout.cells import Cell, Code, Many, Number, Text, is_empty
from prdkit.layout.context import Layout, facts
from prdkit.layout.custom import custom_columns, custom_row
from prdkit.layout.numbers import score_text
from prdkit.layout.sections.front import cover
from prdkit.layout.sections.market import comparison_value
from prdkit.layout.sections.pages import property_example, property_values
from prdkit.model import Document, EventProperty, class_at, items_at, kind_at
from prdkit.schemafile import load_schema, resolved

__all__ = ["SHEETS", "Sheet", "Workbook", "build"]

Getter = Callable[[Layout, Any], Cell]


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a sheet: its label key, cell kind, enum group, and how to read it."""

    label: str
    kind: ColumnKind
    get: Getter
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Sheet:
    """The items of one kind: `key` names the kind (`requirements`), `ids` each row's item."""

    key: str
    title: str
    table: Table
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Workbook:
    """The document's metadata, then a sheet per item kind that has items."""

    title: str
    meta_title: str
    meta: Facts
    sheets: tuple[Sheet, ...]
    lang: str


def _lines(lay: Layout, item: Any, name: str) -> Cell:
    """A list field (acceptance criteria) as one cell, an entry per line."""
    cells = tuple(c for c in lay.fields(item, name) if not is_empty(c))
    return Many(cells, "\n", "lines") if cells else None


def _score(lay: Layout, item: Any) -> Cell:
    rice = item.rice
    return Number(rice.score, score_text(rice.score)) if rice else None


def _rice(part: str) -> Field:
    """One of the numbers a RICE score is made of, a column each for re-ranking."""
    return Field(
        f"field.{part}",
        "number",
        lambda lay, x: lay.number(getattr(x.rice, part)) if x.rice else None,
    )


def _enum(group: str, attr: str) -> Field:
    return Field(f"field.{attr}", "enum", lambda lay, x: lay.enum(group, getattr(x, attr)), group)


def _text(attr: str) -> Field:
    """A short string field; the schema decides whether it is read as Markdown."""
    return Field(f"field.{attr}", "text", lambda lay, x: lay.field(x, attr))


def _md(attr: str) -> Field:
    """A Markdown field: a wide column that wraps."""
    return Field(f"field.{attr}", "markdown", lambda lay, x: lay.field(x, attr))


def _refs(attr: str) -> Field:
    return Field(f"field.{attr}", "ref", lambda lay, x: lay.refs(getattr(x, attr)))


def _ref(attr: str) -> Field:
    def get(lay: Layout, item: Any) -> Cell:
        value = getattr(item, attr)
        return lay.ref(value) if value else None

    return Field(f"field.{attr}", "ref", get)


def _linked(attr: str, view: str) -> Field:
    """A link column read from both sides (a page lists its features, or they list it)."""
    return Field(
        f"field.{attr}", "ref", lambda lay, x: lay.refs(getattr(lay.links, view).get(x.id, ()))
    )


def _names(attr: str) -> Field:
    """The names of an item's parts (a page's elements, an event's properties)."""
    return Field(
        f"field.{attr}", "text", lambda lay, x: lay.joined(Text(p.name) for p in getattr(x, attr))
    )


# A flag set on a record, by what it says there: a step's `end` is no date.
_FLAGS = {"end": "ui.end_of_flow"}


def _parts(attr: str, label: str | None = None) -> Field:
    """A list of small records (a page's elements, a flow's steps), a line each with all its
    values, so none is lost to a spreadsheet."""

    def get(lay: Layout, item: Any) -> Cell:
        lines = [Text(text) for part in getattr(item, attr) or () if (text := _record(lay, part))]
        return Many(tuple(lines), "\n", "lines") if lines else None

    return Field(label or f"field.{attr}", "markdown", get)


def _record(lay: Layout, part: Any) -> str:
    """`part`'s values in the schema's order, parted by " · ": a list as `Label: a, b`
    (`标签：a、b`), a record in it in brackets, a flag by its label where set."""
    values = []
    for f in dataclasses.fields(part):
        value = getattr(part, f.name)
        if f.name == "pointer" or value in (None, "", (), [], False):
            continue
        if value is True:
            values.append(lay.t(_FLAGS.get(f.name, f"field.{f.name}")))
        elif isinstance(value, tuple | list):
            shown = [_record(lay, v) if dataclasses.is_dataclass(v) else str(v) for v in value]
            open_, close = lay.punct["open"].strip(), lay.punct["close"].strip()
            if value and dataclasses.is_dataclass(value[0]):
                shown = [f"{open_}{v}{close}" for v in shown]
            values.append(f"{lay.colon(f'field.{f.name}')}{lay.punct['list'].join(shown)}")
        elif not dataclasses.is_dataclass(value):
            values.append(str(value))
    return " · ".join(values)


def _section(name: str) -> Callable[[Document], Sequence[Any]]:
    # Sections newer than some models: a model without the section has no such items.
    return lambda doc: getattr(doc, name, ())


def _date(attr: str) -> Field:
    return Field(f"field.{attr}", "date", lambda lay, x: lay.date(getattr(x, attr)))


def _number(attr: str) -> Field:
    return Field(f"field.{attr}", "number", lambda lay, x: lay.number(getattr(x, attr)))


@dataclass(frozen=True, slots=True)
class _Property:
    """A row of the properties sheet: one property of the event `id`."""

    id: str
    prop: EventProperty

    @property
    def pointer(self) -> str:
        """The property's place in the source (where its custom fields are kept)."""
        return self.prop.pointer


def _properties(doc: Document) -> Sequence[_Property]:
    return tuple(_Property(e.id, p) for e in doc.tracking for p in e.properties)


_ID = Field("field.id", "id", lambda lay, x: lay.own(x.id))
_CRITERIA = Field(
    "field.acceptance_criteria", "markdown", lambda lay, x: _lines(lay, x, "acceptance_criteria")
)

# Item kind → (the label of its sheet, its items, its columns), in the order of the format.
SHEETS: dict[str, tuple[str, Callable[[Document], Sequence[Any]], tuple[Field, ...]]] = {
    "requirements": (
        "section.requirements",
        lambda doc: doc.requirements,
        (
            _ID,
            _text("title"),
            _enum("priority", "priority"),
            _enum("req_kind", "kind"),
            _enum("req_status", "status"),
            Field("field.rice_score", "number", _score),
            *(_rice(part) for part in ("reach", "impact", "confidence", "effort")),
            _md("description"),
            _md("rationale"),
            _CRITERIA,
            _refs("requested_by"),
            _refs("evidence"),
            _refs("depends_on"),
        ),
    ),
    "features": (
        "section.features",
        lambda doc: doc.features,
        (
            _ID,
            _text("name"),
            _enum("surface", "surface"),
            _enum("priority", "priority"),
            _refs("requirements"),
            _refs("permissions"),
            _linked("pages", "pages_of_feature"),
            _md("description"),
            _md("ux"),
            _CRITERIA,
        ),
    ),
    "pages": (
        "section.pages",
        lambda doc: doc.pages,
        (
            _ID,
            _text("name"),
            _enum("surface", "surface"),
            _md("entry"),
            _md("description"),
            _parts("prototypes"),
            _parts("elements"),
            _parts("states"),
            _refs("navigates_to"),
            _linked("features", "features_of_page"),
        ),
    ),
    "tracking": (
        "section.tracking",
        lambda doc: doc.tracking,
        (
            _ID,
            Field("field.event", "code", lambda lay, x: Code(x.event)),
            _text("name"),
            _md("trigger"),
            _ref("page"),
            _ref("feature"),
            _names("properties"),
            _linked("metrics", "metrics_of_event"),
        ),
    ),
    # An event's properties, each a row: a tracking plan is handed to analytics as this table.
    "event_properties": (
        "ui.event_properties",
        _properties,
        (
            Field("ui.event", "ref", lambda lay, x: lay.ref(x.id)),
            Field("field.name", "code", lambda lay, x: Code(x.prop.name)),
            Field(
                "field.type",
                "enum",
                lambda lay, x: lay.enum("property_type", x.prop.type),
                "property_type",
            ),
            Field("field.values", "code", lambda lay, x: property_values(x.prop)),
            Field("field.example", "code", lambda lay, x: property_example(x.prop)),
            Field("field.description", "markdown", lambda lay, x: lay.field(x.prop, "description")),
        ),
    ),
    "metrics": (
        "section.metrics",
        lambda doc: doc.metrics,
        (
            _ID,
            _text("name"),
            _number("baseline"),
            _number("target"),
            _text("unit"),
            _enum("direction", "direction"),
            _date("by"),
            _enum("frequency", "frequency"),
            _text("owner"),
            _text("source"),
            _refs("requirements"),
            _linked("events", "events_of_metric"),
            _md("definition"),
        ),
    ),
    "milestones": (
        "field.milestones",
        lambda doc: doc.schedule.milestones if doc.schedule else (),
        (
            _ID,
            _text("name"),
            _date("start"),
            _date("due"),
            _text("owner"),
            _enum("milestone_status", "status"),
            _refs("deliverables"),
            _refs("depends_on"),
        ),
    ),
    "risks": (
        "section.risks",
        lambda doc: doc.risks,
        (
            _ID,
            _md("description"),
            _enum("level", "likelihood"),
            _enum("level", "impact"),
            _md("mitigation"),
            _text("owner"),
        ),
    ),
    "dependencies": (
        "section.dependencies",
        _section("dependencies"),
        (
            _ID,
            _text("name"),
            _enum("dependency_kind", "kind"),
            _text("owner"),
            _date("needed_by"),
            _enum("dependency_status", "status"),
            _refs("requirements"),
            _md("description"),
        ),
    ),
}


# ---- the other item kinds, their columns read from the schema --------------------------


def _item_schema(path: tuple[str, ...]) -> Mapping[str, Any]:
    node: Mapping[str, Any] = load_schema()
    for key in path:
        node = resolved(resolved(node)["properties"][key])
    return resolved(resolved(node).get("items", {}))


def _attr(cls: type, key: str) -> str:
    """The model's attribute for schema key `key` (`from` is `from_`)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return key if key in names else f"{key}_"


def _schema_field(key: str, node: Mapping[str, Any], cls: type, kind: str | None) -> Field | None:
    """The column of field `key` of an item, typed as the schema types it (`node`)."""
    attr = _attr(cls, key)
    label = f"field.{key}"
    node_r = resolved(node)
    if key == "id":
        return _ID
    if "x-refers-to" in node or "x-refers-to" in node_r:
        return Field(label, "ref", _ref(attr).get)
    kind_of = node_r.get("type")
    if kind_of == "array":
        items = node_r.get("items", {})
        inner = resolved(items)
        if "x-refers-to" in items or "x-refers-to" in inner:
            return Field(label, "ref", _refs(attr).get)
        if "properties" in inner:
            return _parts(attr)
        return Field(label, "markdown", lambda lay, x: _lines(lay, x, attr))
    if "enum" in node_r:
        group = ENUM_OF.get((kind, key), key) if kind else key
        return Field(label, "enum", lambda lay, x: lay.enum(group, getattr(x, attr)), group)
    if node_r.get("format") == "date":
        return Field(label, "date", lambda lay, x: lay.date(getattr(x, attr)))
    if kind_of in ("number", "integer"):
        return Field(label, "number", lambda lay, x: lay.number(getattr(x, attr)))
    if kind_of == "object" or "properties" in node_r:
        return None  # a record of its own (a requirement's RICE): in the curated sheets

    # Text, or a value of the types the schema allows together (`size`: text or a number).
    def scalar(lay: Layout, item: Any) -> Cell:
        value = getattr(item, attr)
        if isinstance(value, bool):
            return Text(lay.t("ui.yes" if value else "ui.no"))
        if isinstance(value, int | float):
            return lay.number(value)
        return lay.field(item, attr) if isinstance(value, str) else None

    markdown = node.get("$ref") == "#/$defs/md"
    return Field(label, "markdown" if markdown else "text", scalar)


def _derived(kind: str, path: tuple[str, ...]) -> tuple[str, Getter, tuple[Field, ...]] | None:
    """The sheet of item kind `kind` at `path`, every field of the schema a column."""
    cls = class_at(path)
    if cls is None:
        return None
    model_kind = kind_at(path)
    schema = _item_schema(path)
    fields = tuple(
        field
        for key, node in schema.get("properties", {}).items()
        if (field := _schema_field(key, node, cls, model_kind)) is not None
    )
    title = f"section.{kind}" if len(path) == 1 else f"field.{kind}"

    return title, lambda doc: items_at(doc, path), fields


def _sheets() -> dict[str, tuple[str, Callable[[Document], Sequence[Any]], tuple[Field, ...]]]:
    """Every item kind's sheet, in the format's order: the curated ones (`SHEETS`), and the
    others read from the schema, so a section the format grows is exported the day it is."""
    out = {}
    for kind, path in item_paths().items():
        if kind in SHEETS:
            out[kind] = SHEETS[kind]
            if kind == "tracking":
                out["event_properties"] = SHEETS["event_properties"]
        elif (derived := _derived(kind, path)) is not None:
            out[kind] = derived  # type: ignore[assignment]
    return out


def _grants(lay: Layout, doc: Document) -> Sheet | None:
    """Who may do what: a row a role, its granted actions (`permissions.grants`, a mapping
    rather than a list of items)."""
    perms = doc.permissions
    if perms is None or not perms.grants:
        return None
    columns = (Column(lay.t("field.role"), "ref"), Column(lay.t("field.actions"), "ref"))
    rows = tuple((lay.ref(role), lay.refs(actions)) for role, actions in perms.grants)
    ids = tuple(role for role, _ in perms.grants)
    return Sheet("grants", lay.t("field.grants"), Table(columns, rows), ids)


def _comparison(lay: Layout, doc: Document) -> Sheet | None:
    """The comparison matrix, a row a product (us, then each competitor), a column a
    dimension (`competition.matrix`, a mapping rather than a list of items)."""
    comp = doc.competition
    if comp is None or not comp.matrix:
        return None
    dimensions = list(dict.fromkeys([*comp.dimensions, *(d for _, c in comp.matrix for d, _ in c)]))
    columns = (Column(lay.t("ui.product"), "ref"),)
    columns += tuple(Column(d, "text") for d in dimensions)
    rows = []
    for key, cells in comp.matrix:
        row = dict(cells)
        name = Text(lay.t("ui.us")) if key == "us" else lay.ref(key)
        values = (comparison_value(lay, row[d]) if d in row else None for d in dimensions)
        rows.append((name, *values))
    ids = tuple("" if key == "us" else key for key, _ in comp.matrix)
    return Sheet("comparison", lay.t("field.matrix"), Table(columns, tuple(rows)), ids)


# The kind a sheet's rows are declared as by a team, where the sheet is named otherwise.
_TEAM_KIND = {"event_properties": "properties"}

# Sheets of what a document holds as mappings rather than lists of items, after the sheet
# they belong with.
_MAPPINGS = {"competitors": _comparison, "actions": _grants}


def build(doc: Document, lang: str | None = None) -> Workbook:
    """`doc`'s items as sheets in `lang` (default: the document's language)."""
    lay = Layout(doc, lang or doc.meta.language or "en")
    meta = cover(lay)
    head = facts([(lay.t("field.title"), lay.field(doc.meta, "title"))])
    sheets = []
    for key, (label, items_of, fields) in _sheets().items():
        items = tuple(items_of(doc))
        if not items:
            continue
        # The team's declared custom fields follow the format's own, every one a column.
        columns = tuple(Column(lay.t(f.label), f.kind, f.group) for f in fields)
        team = _TEAM_KIND.get(key, key)
        columns += custom_columns(lay, team, every=True)
        rows = tuple(
            (*(f.get(lay, item) for f in fields), *custom_row(lay, team, item, every=True))
            for item in items
        )
        ids = tuple(getattr(i, "id", "") for i in items)
        sheets.append(Sheet(key, lay.t(label), Table(columns, rows), ids))
        mapping = _MAPPINGS.get(key)
        mapped = mapping(lay, doc) if mapping else None
        if mapped is not None:
            sheets.append(mapped)
    return Workbook(
        doc.meta.title,
        lay.t("section.meta"),
        Facts(head + meta.rows),
        tuple(sheets),
        lay.lang,
    )
