"""The document's Markdown budget: marks counted over all Markdown fields together.

`max-markdown` bounds one field; a document of many fields, each just under it and dense
with emphasis and links, would still cost a minute to render. What a writer spends goes
with the marks markdown-it works on, not with the characters (plain prose of any length
is cheap), so the budget counts marks, before any Markdown is parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg

MARKS = "*_`[]!~<&\\|"
LINE_WEIGHT = 3  # a line may open a list item, a quote or a table row: a block of its own
# A `<` may open `<br>`, a hard break that costs as a line does (a PDF of 20,000 of them in
# one description took four minutes): it weighs as a line, its own mark included.
ANGLE_EXTRA = LINE_WEIGHT - 1


def marks(text: str) -> int:
    """The marks of `text` as the budget counts them."""
    return (
        sum(text.count(c) for c in MARKS)
        + LINE_WEIGHT * text.count("\n")
        + ANGLE_EXTRA * text.count("<")
    )


def _source_bound(source: bytes, line_breaks: int) -> int:
    """At least the marks of every value read from `source` together, given the line breaks
    those values hold (the loader counts them as it reads).

    Every mark of a value is a mark in the source, or an escape's (`\\x2A`, `\\u005C`) whose
    backslash is one. Aliases are refused by the loader, so no value is read twice. Marks
    are ASCII: UTF-8 bytes count them as characters do. The line breaks are the values'
    own: the source's count its structure too (19 in 20 of the benchmark's documents'
    lines), and miss those of a file that ends its lines with CR alone.
    """
    others = len(source) - len(source.translate(None, _MARK_BYTES))
    # A `<` may be written as an escape (`\\u003C`): its backslash weighs as one too.
    angles = source.count(b"<") + source.count(b"\\")
    return others + LINE_WEIGHT * line_breaks + ANGLE_EXTRA * angles


_MARK_BYTES = MARKS.encode()


def _strings_bound(data: Any) -> int:
    """The marks of every string value of `data` together (Markdown or not, keys aside)."""
    from prdkit.mdfields import strings

    return marks("\0".join(strings(data)))


def over_budget(
    data: Any, limit: int, source: bytes | None = None, line_breaks: int | None = None
) -> Iterator[Finding]:
    """A finding at the Markdown field of schema-valid `data` where `limit` runs out;
    `line_breaks`, those of the values read from `source` (see `_source_bound`)."""
    # Two bounds before the walk beside the schema: the source's marks with the values'
    # line breaks prove most documents within, every string value together (a tenth of the
    # walk's cost) those whose keys and structure hold many marks.
    known = source is not None and line_breaks is not None
    if known and _source_bound(source, line_breaks) <= limit:  # type: ignore[arg-type]
        return
    if _strings_bound(data) <= limit:
        return
    from prdkit.mdfields import field_label, markdown_values

    total, at = 0, None
    for pointer, text in markdown_values(data):
        total += marks(text)
        if at is None and total > limit:
            at = pointer
    if at is not None:
        # Counting on past the field costs little next to parsing, and tells how far over.
        message = msg("markdown-budget", name=field_label(at), total=total, limit=limit)
        yield Finding("markdown-budget", at, message)
