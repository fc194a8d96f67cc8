"""The document layer: a checked `Document` laid out as format-neutral blocks.

    build(doc: Document, lang: str) -> LaidOutDocument

is the one entry point. It decides, once for every writer, which sections are shown and in
which order, their headings (each with a stable anchor id), labels and punctuation in the
render language, how numbers, dates, enums and references read, and which fields are plain
text or Markdown. Writers (`prdkit.writers.*`) render the result: each maps block kinds
(`blocks`) and cell kinds (`cells`) to small functions and never reads the model's sections.

Modules: `blocks` (Heading, Facts, RichText, Items, Table, Matrix, Note, Diagram, Schedule),
`cells` (Text, Markdown, Ref, Id, Enum, Number, Date, Link, Code, Many), `numbers` (the house
number format), `context` (the state of one layout), and `sections/` (one description per
section of the format, registered in `sections.SECTIONS`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from prdkit.i18n import SECTION_ORDER, enum_label, label, language, punct
from prdkit.layout.blocks import Block, Facts, Heading, Matrix, Section, Table
from prdkit.layout.context import Layout
from prdkit.layout.custom import with_custom_fields
from prdkit.layout.sections import SECTIONS
from prdkit.layout.sections.front import cover
from prdkit.model import Document

__all__ = ["LaidOutDocument", "Properties", "build"]


@dataclass(frozen=True, slots=True)
class Properties:
    """What a file says about itself (Word core properties, HTML meta): from `meta`."""

    title: str
    document_id: str
    version: str
    status: str  # the status label in the render language
    owner: str
    authors: tuple[str, ...]
    summary: str | None  # Markdown
    date: str | None  # updated, else created: the document's own date
    # The stamp of a document not in force and the line saying what it means (草稿 /
    # "Draft — not approved…"), on its cover and every page; None once approved.
    marking: tuple[str, str] | None = None
    state: str = "draft"  # the status as written, for writers that colour the stamp
    # Whether placeholders (TODO, 待补充) stand out: in drafts and in review, never after.
    flag_placeholders: bool = False


@dataclass(frozen=True, slots=True)
class LaidOutDocument:
    """A whole document as blocks: the title, its key facts, then the non-empty sections.

    `anchors` lists every anchor a heading or an `Id` cell places, in document order: a
    writer links a `Ref` only when its anchor is among them (and it can reach that place).
    `punct` is the language's punctuation (`i18n.PUNCT`), for writers that join cells.
    """

    lang: str
    title: str
    cover: Facts
    sections: tuple[Section, ...]
    anchors: tuple[str, ...]
    punct: dict[str, str]
    properties: Properties


def _marking(status: str, lang: str) -> tuple[str, str] | None:
    if status not in ("draft", "review", "deprecated"):
        return None
    word = enum_label("status", status, lang)
    return (word if lang == "zh" else word.upper()), label(f"mark.{status}", lang)


def _keyed(blocks: list[Block]) -> tuple[Block, ...]:
    """The blocks with each table keyed by the anchor of the heading above it (`#2`, `#3`…
    after it for a second and third table under the same heading)."""
    out: list[Block] = []
    anchor, count = "", 0
    for block in blocks:
        if isinstance(block, Heading):
            anchor, count = block.anchor, 0
        elif isinstance(block, Table | Matrix) and not block.key:
            count += 1
            block = replace(block, key=anchor if count == 1 else f"{anchor}#{count}")
        out.append(block)
    return tuple(out)


def build(doc: Document, lang: str | None = None, digest: str | None = None) -> LaidOutDocument:
    """`doc` laid out in `lang` (default: the document's own language); `digest`, the
    document's current sign-off digest, tells current approvals from stale ones."""
    lang = language(lang or doc.meta.language)
    lay = Layout(doc, lang, digest)
    front = cover(lay)
    sections = []
    for key in SECTION_ORDER:
        blocks = SECTIONS[key](lay)
        if blocks:
            sections.append(Section(key, _keyed(blocks)))
    sections = with_custom_fields(lay, sections)
    meta = doc.meta
    title = meta.title if meta.title.strip() else meta.id
    properties = Properties(
        meta.title,
        meta.id,
        meta.version,
        doc.conventions.enum_label("status", meta.status, lang),
        meta.owner,
        meta.authors,
        meta.summary,
        meta.updated or meta.created,
        _marking(meta.status, lang),
        meta.status,
        meta.status in ("draft", "review"),
    )
    return LaidOutDocument(
        lang, title, front, tuple(sections), tuple(lay.placed), punct(lang), properties
    )
