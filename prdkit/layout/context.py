"""The state of one layout: language, labels, anchors, and the cells every section makes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

from prdkit import i18n
from prdkit.diagrams.budget import DOCUMENT_COST, MAX_COST, cost
from prdkit.diagrams.graph import Graph
from prdkit.layout.blocks import Block, Diagram, Heading, Note
from prdkit.layout.cells import Cell, Date, Enum, Id, Many, Markdown, Ref, Text, Tone, is_empty
from prdkit.layout.numbers import number, number_text
from prdkit.mdfields import MARKDOWN_REF
from prdkit.model import Document
from prdkit.schemarefs import ANY, schema_paths
from prdkit.views import Links, links

__all__ = ["LINKED_REFS", "RESTATED_REFS", "Layout", "item_anchor"]

# Past this many ids, a list written on an item no longer links each one, but names them
# all in one plain text (`Layout.listed`). A PRD names a handful; each link costs Word
# about 10 µs: 700 milestones each depending on every later one made 244,650 (4.8 s,
# 728 MiB).
LINKED_REFS = 50
# Past this many, a cell of a view that restates links written elsewhere (traceability)
# links its first ones and says how many more: 1,000 requirements sharing one feature
# named by 1,000 flows made a matrix of 3,000,000 (39 s, 5.7 GB); cut here, a row adds
# at most 3 × 20 links to what its requirement costs.
RESTATED_REFS = 20

# The tone of enum values that should stand out; other values read as plain labels.
TONES: dict[tuple[str, str], Tone] = {
    ("priority", "must"): "bad",
    ("priority", "should"): "warn",
    ("priority", "could"): "info",
    ("priority", "wont"): "muted",
    ("status", "draft"): "muted",
    ("status", "review"): "warn",
    ("status", "approved"): "good",
    ("status", "deprecated"): "bad",
    ("req_status", "proposed"): "muted",
    ("req_status", "accepted"): "info",
    ("req_status", "in_progress"): "warn",
    ("req_status", "done"): "good",
    ("req_status", "rejected"): "bad",
    ("req_status", "deferred"): "muted",
    ("milestone_status", "planned"): "muted",
    ("milestone_status", "in_progress"): "info",
    ("milestone_status", "done"): "good",
    ("milestone_status", "at_risk"): "bad",
    ("level", "low"): "good",
    ("level", "medium"): "warn",
    ("level", "high"): "bad",
    ("decision", "pending"): "warn",
    ("decision", "approved"): "good",
    ("decision", "rejected"): "bad",
    ("assumption_status", "open"): "warn",
    ("assumption_status", "validated"): "good",
    ("assumption_status", "invalidated"): "bad",
    ("dependency_status", "open"): "warn",
    ("dependency_status", "agreed"): "info",
    ("dependency_status", "delivered"): "good",
    ("dependency_status", "blocked"): "bad",
    ("alternative_decision", "chosen"): "good",
    ("alternative_decision", "rejected"): "muted",
    ("alternative_decision", "open"): "warn",
}


def item_anchor(item_id: str) -> str:
    """The anchor of the place that shows item `item_id`."""
    return f"item:{item_id}"


class Layout:
    """Everything a section description needs; `placed` collects the anchors it sets."""

    def __init__(self, doc: Document, lang: str, digest: str | None = None) -> None:
        self.doc = doc
        # The document's current sign-off digest, when known: approvals that signed another
        # are stale.
        self.digest = digest
        self.lang = i18n.language(lang)
        self.punct = i18n.punct(self.lang)
        self.placed: dict[str, None] = {}  # anchors in the order they are placed
        self._items = doc.items_by_id()
        # Cells are immutable, and a document names the same items and enum values in
        # many rows (a requirement in the summary, the matrix and every feature that
        # traces to it): each cell is made once.
        self._refs: dict[tuple[str, bool], Ref] = {}
        self._enums: dict[tuple[str, str, str], Enum] = {}
        # What the diagrams laid out so far leave of the document's budget (`diagram`).
        self._diagram_room = DOCUMENT_COST

    @cached_property
    def links(self) -> Links:
        """The feature ↔ page and event ↔ metric links, from both sides, found once."""
        return links(self.doc)

    def stale(self, signed: str | None) -> bool:
        """Whether an approval that signed digest `signed` no longer matches the document."""
        return bool(self.digest and signed and signed != self.digest)

    # -- words ---------------------------------------------------------------------------
    def t(self, key: str) -> str:
        """The label of `key`."""
        return i18n.label(key, self.lang)

    def colon(self, key: str) -> str:
        """The label of `key` followed by the language's colon (`Owner: `, `负责人：`)."""
        return f"{self.t(key)}{self.punct['colon']}"

    def aside(self, text: str) -> str:
        """`text` in the language's brackets: ` (x)` or `（x）`."""
        return f"{self.punct['open']}{text}{self.punct['close']}"

    # -- blocks --------------------------------------------------------------------------
    def heading(self, level: int, key: str, anchor: str) -> Heading:
        """A heading labelled `key`, its anchor placed."""
        self.placed.setdefault(anchor)
        return Heading(level, self.t(key), anchor)

    def item_heading(self, level: int, item_id: str, text: str) -> Heading:
        """The heading of an item: its id, then `text`."""
        anchor = item_anchor(item_id)
        self.placed.setdefault(anchor)
        return Heading(level, text, anchor, item=item_id)

    def diagram(self, graph: Graph, title: str, too_large_note: str) -> Diagram | Note:
        """`graph` drawn, titled `title`; in its place a muted note when it is too large to
        draw (`too_large_note`, which says where its content is listed) or when the diagrams
        before it have spent what one document draws (`ui.diagrams_spent`)."""
        spent = cost(graph)
        if spent > MAX_COST:
            return Note(((Text(too_large_note, "muted"),),))
        if spent > self._diagram_room:
            self._diagram_room = 0  # none after it either: the budget reads in order
            return Note(((Text(self.t("ui.diagrams_spent"), "muted"),),))
        self._diagram_room -= spent
        return Diagram(graph, title)

    # -- cells ---------------------------------------------------------------------------
    def text(self, value: str | None) -> Text | None:
        """A plain-text cell, None when absent."""
        return Text(value) if value else None

    def field(self, item: object, name: str) -> Text | Markdown | None:
        """`item`'s string field `name` as the schema types it: Markdown (`$defs/md`) or plain
        text; None when absent."""
        value = getattr(item, name)
        if not value:
            return None
        return Markdown(value) if _is_markdown(item, name) else Text(value)

    def fields(self, item: object, name: str) -> tuple[Text | Markdown | None, ...]:
        """Each string of `item`'s list field `name`, typed as the schema types its items."""
        markdown = _is_markdown(item, name, ANY)
        return tuple(
            (Markdown(v) if markdown else Text(v)) if v else None for v in getattr(item, name)
        )

    def date(self, value: str | None) -> Date | None:
        """A date cell, None when absent."""
        return Date(value) if value else None

    def enum(self, group: str, value: str | None, prefix: str = "") -> Enum | None:
        """An enum cell with its label (after `prefix`) and tone, None when absent."""
        if not value:
            return None
        key = (group, value, prefix)
        cell = self._enums.get(key)
        if cell is None:
            # The team's display label (priority must → P0) when it declares one.
            label = prefix + self.doc.conventions.enum_label(group, value, self.lang)
            cell = self._enums[key] = Enum(group, value, label, TONES.get((group, value)))
        return cell

    def own(self, item_id: str) -> Id:
        """An item's id where the item is shown (a table row): its anchor is placed here."""
        anchor = item_anchor(item_id)
        if anchor in self.placed:
            return Id(item_id)
        self.placed.setdefault(anchor)
        return Id(item_id, anchor)

    def name_of(self, item_id: str) -> str | None:
        """The display name of item `item_id` (name, title or segment), if it has one."""
        item = self._items.get(item_id)
        for attr in ("name", "title", "segment"):
            value = getattr(item, attr, None)
            if isinstance(value, str) and value:
                return value
        return None

    def ref(self, item_id: str, *, named: bool = False) -> Ref:
        """A reference to item `item_id`; `named` shows its name too."""
        cell = self._refs.get((item_id, named))
        if cell is None:
            known = item_id in self._items
            cell = self._refs[item_id, named] = Ref(
                item_id,
                self.name_of(item_id) if known else None,
                item_anchor(item_id) if known else None,
                named,
            )
        return cell

    def refs(self, ids: Iterable[str], *, named: bool = False) -> Many | None:
        """References, separated the way the language lists things (`, ` or `、`)."""
        made = self._refs  # most ids are named again and again: their cell is made already
        cells = tuple([made.get((i, named)) or self.ref(i, named=named) for i in ids])
        if not cells:
            return None
        # Ids are Latin, but they sit in the document's sentences: a Chinese list of ids
        # takes `、` like a list of names beside it, not a half-width `, `.
        return Many(cells, self.punct["list"])

    def listed(self, ids: Sequence[str], *, named: bool = False, restated: bool = False) -> Cell:
        """References as `refs` makes them, up to `LINKED_REFS`; past it, every id in one plain
        text. Where each link is `restated` in full elsewhere in the document (a view derived
        from lists shown at their source), past `RESTATED_REFS` the first ones linked and how
        many more there are."""
        if restated and len(ids) > RESTATED_REFS:
            more = number_text(len(ids) - RESTATED_REFS)
            shown = tuple(self.ref(i) for i in ids[:RESTATED_REFS])
            more_text = Text(self.t("ui.and_more").format(count=more), "muted")
            return Many((*shown, more_text), self.punct["list"])
        if len(ids) <= LINKED_REFS:
            return self.refs(ids, named=named)
        return Text(self.punct["list"].join(ids))

    def joined(self, cells: Iterable[Cell]) -> Many | None:
        """Cells joined the way the language lists things; empty ones left out."""
        kept = tuple(c for c in cells if not is_empty(c))
        return Many(kept, self.punct["list"]) if kept else None

    def number(self, value: float | int | None, unit: str | None = None) -> Cell:
        """A number cell in the one house format; None when absent."""
        if value is None or isinstance(value, bool):
            return None
        return number(value, unit)


def _is_markdown(item: object, *names: str) -> bool:
    """Whether the schema makes the value at `item`'s `names` Markdown."""
    return _schema_path(getattr(item, "pointer", "")) + names in schema_paths(MARKDOWN_REF)


@lru_cache(maxsize=1024)
def _schema_path(pointer: str) -> tuple[str, ...]:
    """`pointer` as a schema path: list indexes become `ANY`."""
    # Found from the parent's path: thousands of items share a few parents (`/requirements`),
    # and an item's fields are asked for one after the other.
    if not pointer:
        return ()
    parent, _, last = pointer.rpartition("/")
    return (*_schema_path(parent), ANY if last.isdigit() else last)


def facts(rows: Iterable[tuple[str, Cell]]) -> tuple[tuple[str, Cell], ...]:
    """The rows whose value shows something."""
    return tuple((label, cell) for label, cell in rows if not is_empty(cell))


def present(*blocks: Block | None) -> list[Block]:
    """The blocks that are there."""
    return [b for b in blocks if b is not None]
