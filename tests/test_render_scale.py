"""Large inputs within the default limits render in time linear in their size.

Bounds are CPU seconds with a wide margin (a busy machine only adds wall time); each input
here once took tens of seconds and gigabytes.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from benchmarks.attacks import dense_dependencies, role_chain
from prdkit.check import check_bytes
from prdkit.layout import LaidOutDocument, build
from prdkit.layout.blocks import Block, Heading, Matrix, Note, Table
from prdkit.model import Document
from prdkit.writers import RenderOptions, get_writer
from tests.hostile.runner import run_cli


def laid_out(source: bytes) -> tuple[Document, LaidOutDocument]:
    """The checked document and its layout, in English."""
    result = check_bytes(source, "big.prd.yaml")
    assert result.document is not None and not result.failed()
    return result.document, build(result.document, "en")


def section(laid: LaidOutDocument, anchor: str) -> list[Block]:
    """The blocks from the heading anchored `anchor` to the next heading."""
    blocks = [b for s in laid.sections for b in s.blocks]
    start = next(i for i, b in enumerate(blocks) if getattr(b, "anchor", None) == anchor)
    end = next(
        (i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], Heading)), len(blocks)
    )
    return blocks[start:end]


def test_small_permission_sets_keep_the_grid() -> None:
    _, laid = laid_out(role_chain(16))
    grid = section(laid, "permissions/matrix")
    assert any(isinstance(b, Matrix) for b in grid)


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_thousand_role_chain_is_listed_by_role(fmt: str) -> None:
    source = role_chain(1000)
    started = time.process_time()
    doc, laid = laid_out(source)
    listing = section(laid, "permissions/matrix")
    assert not any(isinstance(b, Matrix) for b in listing)
    (note,) = [b for b in listing if isinstance(b, Note)]
    assert "1,000 roles × 1,000 actions is too large a grid" in note.lines[0][0].text
    (table,) = [b for b in listing if isinstance(b, Table)]
    assert len(table.rows) == 1000
    out = get_writer(fmt)(doc, RenderOptions(lang="en"))
    elapsed = time.process_time() - started
    # Linear: each role once, with its own grant, never the 500,000 inherited ones.
    assert len(out) < 2_000_000
    assert elapsed < 15, f"{elapsed:.1f}s of CPU"


def test_dense_dependencies_in_word_are_linear_in_references(tmp_path: Path) -> None:
    source = tmp_path / "dense.prd.yaml"
    source.write_bytes(dense_dependencies(500))
    run = run_cli("render", source, "--to", "docx", "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    # 124,750 references, each shown once where it is written: a paragraph of 499 links
    # once cost a walk of its children per link, and the whole tree was kept to the end
    # (27 s and 1.15 GB at 700 requirements).
    assert run.cpu_seconds < 25, f"{run.cpu_seconds:.1f}s of CPU"
    assert run.peak_bytes < 450 * 1024 * 1024, f"{run.peak_bytes / 2**20:.0f} MiB"
    with zipfile.ZipFile(tmp_path / "dense.docx") as docx:
        xml = docx.read("word/document.xml").decode()
    assert xml.count('w:anchor="') >= 124_750
