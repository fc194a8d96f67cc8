"""Long tables of the body serialize their rows as they are made (`tables.SPILL`): the
document must read exactly as when every row stays in the tree until the table is fitted."""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from prdkit.writers.docx import tables
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.oxml import body
from prdkit.writers.docx.package import Spool
from prdkit.writers.docx.tables import Md, Table
from tests.conftest import EXAMPLES, ROOT
from tests.test_docx_colwidths import _builder
from tests.test_docx_print import render

TEMPLATES = ROOT / "templates"
EDGE_CASES = ROOT / "tests" / "golden" / "edge-cases.input.yaml"


def _document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(BytesIO(data)).read("word/document.xml")


@pytest.mark.parametrize(
    "path",
    [
        EXAMPLES / "flash-sale.prd.yaml",
        EXAMPLES / "loyalty-checkout.prd.yaml",
        TEMPLATES / "ecommerce.zh.prd.yaml",
        TEMPLATES / "launch.en.prd.yaml",
    ],
    ids=lambda path: path.name,
)
def test_rows_serialized_every_few_read_as_rows_kept_whole(
    monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    # Every table of more than two rows spills, header rows, copied cells, ids with
    # hyphens and Markdown tables in fields among them, many times over.
    monkeypatch.setattr(tables, "SPILL", 10**9)
    whole = render(path)
    spills = []
    real = Table._spill_rows

    def counted(self: Table) -> None:
        spills.append(self.rows)
        real(self)

    monkeypatch.setattr(Table, "_spill_rows", counted)
    monkeypatch.setattr(tables, "SPILL", 2)
    spilled = render(path)
    assert spills  # (several tables: the launch template has the fewest, six spills)
    assert spilled == whole
    document = _document_xml(spilled)
    assert b"prdkit-rows" not in document and b"&#9;" not in document


def _rows_of(b: Builder, spill: int, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The serialized body of a table of nine rows, a Markdown table nested in the sixth."""
    monkeypatch.setattr(tables, "SPILL", spill)
    b.parts = Spool()
    b.body = body(b.nsmap)
    table = Table(b, b.body, [1.0, 2.0], header=["Id", "Text"])
    for number in range(9):
        text = "| a | b |\n| - | - |\n| 1 | 2 |" if number == 5 else f"REQ-{number:03d} **x**"
        table.row([f"REQ-{number:03d}\nsee REQ-{number + 1:03d}", Md(text)])
    b.flush()
    packed = b.parts.close()
    b.parts = None
    return zlib.decompressobj(-15).decompress(b"".join(packed.chunks))


def test_a_table_stops_spilling_once_a_cell_holds_a_table(monkeypatch: pytest.MonkeyPatch):
    # A nested table is scaled with its column in the tree when the table is fitted: the
    # rows before it may go, the ones from it on stay.
    b = _builder()
    b.ids.update({f"REQ-{n:03d}" for n in range(10)})
    assert _rows_of(b, 2, monkeypatch) == _rows_of(b, 10**9, monkeypatch)


def test_only_a_table_of_the_body_built_in_parts_spills() -> None:
    b = _builder()
    assert b.spill_mark(b.body) is None  # the body is built whole: nothing to splice into
    b.parts = Spool()
    b.body = body(b.nsmap)
    try:
        assert b.spill_mark(b.body) is not None
        assert b.spill_mark(etree.SubElement(b.body, "x")) is None  # a cell, a text box
    finally:
        b.parts = None
