"""Cell kinds: the typed values a table, a fact or a list item holds.

Each writer renders each kind once (a dispatch table from kind to a small function), so a
number, an enum label or a reference looks the same wherever it appears. Texts here are
final: labels are localised and numbers formatted by the layer, never by a writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Cell",
    "Code",
    "Date",
    "Enum",
    "Id",
    "Link",
    "Many",
    "Markdown",
    "Number",
    "Ref",
    "Text",
    "Tone",
    "is_empty",
]

# How a value reads at a glance; each writer picks its own colours for a tone.
Tone = Literal["good", "warn", "bad", "info", "muted", "gap"]


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text, shown literally (never read as Markdown); `strong` sets it in bold."""

    text: str
    tone: Tone | None = None
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Markdown:
    """A Markdown field of the source (the schema's `$defs/md`), rendered from its parse."""

    source: str


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an item: its id, its display name, and the anchor of its place.

    `anchor` is None for an id the document does not define; a writer links it only when
    the anchor is in `LaidOutDocument.anchors` (placed by a heading or an `Id` cell) and it
    can reach that place. `named` shows the name first: `Name (ID)`.
    """

    id: str
    name: str | None = None
    anchor: str | None = None
    named: bool = False


@dataclass(frozen=True, slots=True)
class Id:
    """An item's own id in the row or line that shows the item; `anchor` marks the place."""

    id: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Enum:
    """An enum value with its localised label and tone; `group` is the `i18n.ENUMS` group."""

    group: str
    value: str
    label: str
    tone: Tone | None = None


@dataclass(frozen=True, slots=True)
class Number:
    """A number with its unit or currency; `text` is its one formatted form."""

    value: int | float
    text: str
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Date:
    """A date as the author wrote it (ISO `YYYY-MM-DD`)."""

    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A titled link; `url` is None when the address is not safe to link (shown as text)."""

    text: str
    url: str | None
    address: str | None = None  # the address as written, shown beside an unsafe link


@dataclass(frozen=True, slots=True)
class Code:
    """A literal token set in a monospaced face (a digest, a key)."""

    text: str


@dataclass(frozen=True, slots=True)
class Many:
    """Several cells: `inline` joined by `separator`, or one per line (`lines`, `bullets`)."""

    items: tuple[Cell, ...]
    separator: str = ", "
    layout: Literal["inline", "lines", "bullets"] = "inline"


Cell = Text | Markdown | Ref | Id | Enum | Number | Date | Link | Code | Many | None


def is_empty(cell: Cell) -> bool:
    """True for a cell that shows nothing (None, empty text, an empty list)."""
    if cell is None:
        return True
    # Asked of every fact and of each cell a list holds: references, the most of them,
    # answer at once.
    kind = type(cell)
    if kind is Ref or kind is Enum:
        return False
    if kind is Many:
        return all(map(is_empty, cell.items))
    if isinstance(cell, Text | Code | Date):
        return not cell.text
    if isinstance(cell, Markdown):
        return not cell.source.strip()
    return False
