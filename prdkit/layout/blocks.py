"""Block kinds: the format-neutral pieces a section is laid out as.

Headings carry a stable anchor id (writers map it to a GitHub slug or a Word bookmark);
everything a reader sees is decided here — order, labels, punctuation, number formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from prdkit.diagrams.graph import Graph
from prdkit.layout.cells import Cell

__all__ = [
    "Block",
    "Column",
    "Diagram",
    "Facts",
    "Figure",
    "Heading",
    "Items",
    "Matrix",
    "Note",
    "RichText",
    "Schedule",
    "Section",
    "Table",
    "Task",
]

# What a column holds, so a writer can size it: short ids, dates and enum labels stay narrow.
# "signature": an empty column, room to sign a printout by hand.
ColumnKind = Literal["id", "text", "markdown", "ref", "enum", "number", "date", "code", "signature"]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; level 1 opens a section. `item` is the id an item heading shows before
    its `text` (a writer joins them its own way); `toc` lists it in a table of contents."""

    level: int
    text: str
    anchor: str
    item: str | None = None
    toc: bool = True


@dataclass(frozen=True, slots=True)
class Facts:
    """Label → value pairs; `boxed` facts stand apart (a key-facts box), others run inline."""

    rows: tuple[tuple[str, Cell], ...]
    boxed: bool = False


@dataclass(frozen=True, slots=True)
class RichText:
    """A Markdown field under a heading of `level`; `label` leads it when given."""

    source: str
    level: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Items:
    """A list; Markdown items are whole fields, other cells one line each."""

    items: tuple[Cell, ...]
    level: int
    ordered: bool = False
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header label, the kind of cell it holds, and an enum group."""

    label: str
    kind: ColumnKind = "text"
    group: str | None = None  # the enum group of an `enum` column, for its width


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of typed cells under typed columns; `total` rows sum up the ones above."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    key: str = ""  # stable within the document: the anchor of the heading above (`build` sets it)


@dataclass(frozen=True, slots=True)
class Matrix:
    """A grid with row headers: the corner label, column headers, and one row per header.

    `highlight` is a column set apart (ours, in a comparison); `heat` shades each cell by
    the rank of its row plus its column (a likelihood × impact grid).
    """

    corner: str
    columns: tuple[Cell, ...]
    rows: tuple[tuple[Cell, tuple[Cell, ...]], ...]
    highlight: int | None = None
    heat: bool = False
    key: str = ""  # as Table.key


@dataclass(frozen=True, slots=True)
class Note:
    """A short legend under a table: lines of cells."""

    lines: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class Diagram:
    """A picture of a graph (a flow, a tree, a map), with the labels of its terminals."""

    graph: Graph
    title: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture the document names, with its alt text and an optional caption.

    `src` is the reference as written: a path beside the PRD (the writer finds the checked
    picture by it) or an http(s) address, which every writer shows as a link, never fetched.
    """

    src: str
    alt: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Figures:
    """Pictures that may stand side by side: a page's prototypes, the screens of one flow.

    Writers set tall pictures (phone screens) in rows, as a PRD shows them, and a wide one
    on its own, at the text width; a writer with no rows shows them one after another.
    """

    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class Task:
    """One bar or marker of a schedule; `start` None makes it a marker on `due`."""

    id: str
    name: str
    due: str
    start: str | None = None
    status: str | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """A timeline of tasks; `title` heads it, `lane` names its one lane of bars, `statuses`
    are (status, localised label) pairs for a legend, `due` the label of a due marker."""

    tasks: tuple[Task, ...]
    title: str
    lane: str
    statuses: tuple[tuple[str, str], ...] = ()
    due: str = ""


Block = (
    Heading
    | Facts
    | RichText
    | Items
    | Table
    | Matrix
    | Note
    | Diagram
    | Schedule
    | Figure
    | Figures
)


@dataclass(frozen=True, slots=True)
class Section:
    """One top-level section of the format (`key` as in `i18n.SECTION_ORDER`) and its blocks."""

    key: str
    blocks: tuple[Block, ...] = field(default=())
