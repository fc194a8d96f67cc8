"""Items as spreadsheets: one typed table per item kind, every field a column.

The printed document shows an item as a heading with facts; a spreadsheet wants one row per
item and one column per field, for filtering and for import into trackers. The tables are
the layer's own (`Table`, `Column`, cells from `Layout`), so enum labels, numbers, dates and
references read exactly as in the Word and Markdown outputs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from prdkit.layout.blocks import Column, ColumnKind, Facts, Table
from prdkit.layout.cells import Cell, Code, Many, Number, Text, is_empty
from prdkit.layout.context import Layout, facts
from prdkit.layout.custom import custom_columns, custom_row
from prdkit.layout.numbers import score_text
from prdkit.layout.sections.front import cover
from prdkit.layout.sections.pages import property_example, property_values
from prdkit.model import Document, EventProperty

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
            _names("elements"),
            _names("states"),
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


def build(doc: Document, lang: str | None = None) -> Workbook:
    """`doc`'s items as sheets in `lang` (default: the document's language)."""
    lay = Layout(doc, lang or doc.meta.language or "en")
    meta = cover(lay)
    head = facts([(lay.t("field.title"), lay.field(doc.meta, "title"))])
    sheets = []
    for key, (label, items_of, fields) in SHEETS.items():
        items = tuple(items_of(doc))
        if not items:
            continue
        # The team's declared custom fields follow the format's own, every one a column.
        columns = tuple(Column(lay.t(f.label), f.kind, f.group) for f in fields)
        columns += custom_columns(lay, key, every=True)
        rows = tuple(
            (*(f.get(lay, item) for f in fields), *custom_row(lay, key, item, every=True))
            for item in items
        )
        sheets.append(Sheet(key, lay.t(label), Table(columns, rows), tuple(i.id for i in items)))
    return Workbook(
        doc.meta.title,
        lay.t("section.meta"),
        Facts(head + meta.rows),
        tuple(sheets),
        lay.lang,
    )
