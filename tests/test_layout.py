"""The document layer: what it decides once for every writer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from prdkit.check import check_bytes
from prdkit.layout import LaidOutDocument, build
from prdkit.layout.blocks import Facts, Items, Matrix, Note, RichText, Table
from prdkit.layout.cells import Cell, Many, Markdown, Text
from prdkit.layout.numbers import number_text, score_text
from prdkit.mdfields import markdown_values
from tests.conftest import EXAMPLES

SOURCES = [
    *sorted(EXAMPLES.glob("*.prd.yaml")),
    *sorted((EXAMPLES.parent / "templates").glob("*.prd.yaml")),
]


def checked(path: Path) -> Any:
    result = check_bytes(path.read_bytes(), path.name)
    assert result.document is not None and not result.failed()
    return result


def _cells(cell: Cell) -> Iterator[Cell]:
    if isinstance(cell, Many):
        for item in cell.items:
            yield from _cells(item)
    elif cell is not None:
        yield cell


def cells(laid: LaidOutDocument) -> Iterator[Cell]:
    """Every cell of the laid-out document, RichText blocks as Markdown cells."""
    for section in laid.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                rows = [*block.rows, *([block.total] if block.total else [])]
                for row in rows:
                    for cell in row:
                        yield from _cells(cell)
            elif isinstance(block, Matrix):
                yield from block.columns
                for head, row in block.rows:
                    yield from _cells(head)
                    for cell in row:
                        yield from _cells(cell)
            elif isinstance(block, Facts):
                for _, cell in block.rows:
                    yield from _cells(cell)
            elif isinstance(block, Items):
                for cell in block.items:
                    yield from _cells(cell)
            elif isinstance(block, Note):
                for line in block.lines:
                    for cell in line:
                        yield from _cells(cell)
            elif isinstance(block, RichText):
                yield Markdown(block.source)


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_markdown_and_plain_text_follow_the_schema(path: Path, lang: str):
    result = checked(path)
    markdown = {text for _, text in markdown_values(result.data)}
    everything = list(strings(result.data))
    plain = set(everything) - markdown | {t for t in everything if everything.count(t) > 1}
    laid = build(result.document, lang)
    shown_as_markdown = {c.source for c in cells(laid) if isinstance(c, Markdown)}
    shown_as_text = {c.text for c in cells(laid) if isinstance(c, Text)}
    assert shown_as_markdown <= markdown  # nothing plain is read as Markdown
    assert not (shown_as_text & markdown) - plain  # no Markdown field shown as literal text


def test_numbers_are_exact_with_separators_and_scores_rounded():
    assert number_text(1234.5678) == "1,234.5678"
    assert number_text(1234567) == "1,234,567"
    assert number_text(12.0) == "12"
    assert number_text(0.1) == "0.1"  # the shortest form that reads back: no float noise
    assert score_text(1600.0) == "1,600"
    assert score_text(1 / 3) == "0.33"


def test_language_falls_back_to_english_and_punctuation_follows():
    result = checked(EXAMPLES / "flash-sale.prd.yaml")
    assert build(result.document, "fr").lang == "en"
    assert build(result.document, "zh").punct["list"] == "、"
    assert build(result.document, None).lang == result.document.meta.language


def test_anchors_are_unique_and_every_item_heading_places_one():
    result = checked(EXAMPLES / "flash-sale.prd.yaml")
    laid = build(result.document, "zh")
    assert len(laid.anchors) == len(set(laid.anchors))
    for req in result.document.requirements:
        assert f"item:{req.id}" in laid.anchors


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_table_has_a_key_of_its_own(path: Path):
    laid = build(checked(path).document, "en")
    keys = [
        block.key
        for section in laid.sections
        for block in section.blocks
        if isinstance(block, Table | Matrix)
    ]
    assert all(keys) and len(keys) == len(set(keys))


def test_reference_and_enum_cells_are_made_once_and_keep_their_kind() -> None:
    from prdkit.layout.cells import Enum, Ref
    from prdkit.layout.context import Layout

    doc = checked(EXAMPLES / "loyalty-checkout.prd.yaml").document
    lay = Layout(doc, "en")
    req = doc.requirements[0]
    plain, named = lay.ref(req.id), lay.ref(req.id, named=True)
    assert plain is lay.ref(req.id) and named is lay.ref(req.id, named=True)
    assert plain == Ref(req.id, req.title, f"item:{req.id}", False)
    assert named == Ref(req.id, req.title, f"item:{req.id}", True)
    assert lay.ref("NOPE-1") == Ref("NOPE-1", None, None, False)
    must = lay.enum("priority", "must")
    assert must is lay.enum("priority", "must")
    assert isinstance(must, Enum) and must.tone == "bad"
    prefixed = lay.enum("priority", "must", prefix="> ")
    assert prefixed is not must and prefixed.label == "> " + must.label
    assert lay.enum("priority", None) is None
