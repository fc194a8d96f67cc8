"""Runs of the body hold a mark for their properties until it is serialized (runmarks):
the Word file must read as if every run had carried its properties in full."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from prdkit.model import build
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write
from prdkit.writers.docx.oxml import Look, body, inner, run_properties
from prdkit.writers.docx.runmarks import HAS_BOLD, RunMarks
from tests.test_docx_print import EN, ZH, render
from tests.test_docx_writer import respelled_reference
from tests.wordstyles import Shown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2026, 3, 1, tzinfo=timezone.utc)
NSMAP = {"w": W[1:-1]}
# What a mark reads serialized, written as text and as attribute values by an author.
LOOKALIKE = '<w:rPr w:val="&#9;0"/> <w:rPr w:val="\t0"/> &#9;b1'


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist() if name.endswith(".xml")}


def _runs_with_text(root: etree._Element) -> list[etree._Element]:
    return [r for r in root.iter(f"{W}r") if r.find(f"{W}t") is not None]


def _written_in_full(rpr: etree._Element | None) -> bool:
    # A run saying nothing of its own has no w:rPr; one that has says something, never a mark.
    return rpr is None or (not rpr.attrib and len(rpr) > 0)


def test_every_run_of_every_part_carries_its_properties_in_full():
    for path in (ZH, EN):
        parts = _parts(render(path))
        shown = Shown(etree.fromstring(parts["word/styles.xml"]))
        for name in ("word/document.xml", "word/header2.xml", "word/footer2.xml"):
            root = etree.fromstring(parts[name])
            runs = _runs_with_text(root)
            assert runs, name
            for run in runs:
                assert _written_in_full(run.find(f"{W}rPr")), (name, etree.tostring(run))
                font = shown.value(run, "rFonts", "eastAsia")
                assert font == "Microsoft YaHei", (name, etree.tostring(run))
        assert b"<w:rPr w:val=" not in parts["word/document.xml"]
        # the bold of the body's runs survives their marks
        document = etree.fromstring(parts["word/document.xml"])
        assert any(r.find(f"{W}rPr/{W}b") is not None for r in _runs_with_text(document))


def test_marks_are_expanded_whatever_prefix_a_reference_document_gives_word(tmp_path: Path):
    # A reference document may bind w: to another namespace and write Word's as ns0:; the
    # body is then serialized with ns0:, its marks too.
    reference = respelled_reference(tmp_path / "reference.docx", "ns0")
    document = _parts(render(ZH, reference_doc=reference))["word/document.xml"]
    assert b"<ns0:rPr ns0:val=" in _mark_as_written(reference)  # the case is the one meant
    assert b'val="&#9;' not in document
    runs = _runs_with_text(etree.fromstring(document))
    assert runs and all(_written_in_full(run.find(f"{W}rPr")) for run in runs)
    assert any(run.find(f"{W}rPr/{W}b") is not None for run in runs)


def _mark_as_written(reference: Path) -> bytes:
    """A mark as the body of a document on `reference` serializes it."""
    with zipfile.ZipFile(reference) as z:
        nsmap = etree.fromstring(z.read("word/document.xml")).nsmap
    holder = body(nsmap)
    holder.append(RunMarks(nsmap).mark(etree.Element(f"{W}rPr"), bold=False))
    return inner(holder)


def test_text_that_reads_like_a_mark_stays_text():
    doc = build(
        {
            "prdkit": 1,
            "meta": {
                "id": "d",
                "title": LOOKALIKE,
                "version": "1",
                "status": "draft",
                "owner": "A",
            },
            "requirements": [
                {
                    "id": "R1",
                    "title": LOOKALIKE,
                    "priority": "must",
                    "description": f"**{LOOKALIKE}** [{LOOKALIKE}](https://example.com/?q=%09)",
                }
            ],
        }
    )
    data = write(doc, RenderOptions(lang="en", timestamp=WHEN))
    root = etree.fromstring(_parts(data)["word/document.xml"])
    texts = "".join(t.text or "" for t in root.iter(f"{W}t"))
    # The title as written, a tab being a w:tab between texts: on the cover, in the
    # contents, the table and the heading. Markdown reads &#9; as a tab, written so too.
    assert texts.count(LOOKALIKE.replace("\t", "")) == 4
    assert texts.count('<w:rPr w:val="0"/> <w:rPr w:val="0"/> b1') == 2
    for run in _runs_with_text(root):
        assert _written_in_full(run.find(f"{W}rPr"))


def test_a_mark_expands_to_the_properties_it_stands_for():
    marks = RunMarks(NSMAP)
    looks = [Look(), Look(bold=True), Look(bold=True, color="FF0000"), Look(code=True)]
    made, expected = body(NSMAP), body(NSMAP)
    for look in looks:
        real = run_properties(look, "Microsoft YaHei", "VerbatimChar", ("en-US", "zh-CN"))
        etree.SubElement(expected, f"{W}r").append(real.__copy__())
        run = etree.SubElement(made, f"{W}r")
        run.append(marks.mark(real, bold=look.bold))
        assert len(run[0]) == 0  # the mark alone, until serialized
        # A cell read back to be measured still knows which runs are bold.
        assert HAS_BOLD(run) is look.bold
    assert marks.expand(inner(made)) == inner(expected)
    assert marks.expand(b"<w:t>no mark</w:t>") == b"<w:t>no mark</w:t>"
