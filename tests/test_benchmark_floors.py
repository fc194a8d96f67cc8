"""The benchmark's floors do the work they stand for, and the targets table reads them."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from benchmarks import floors, run
from benchmarks.generate import write
from benchmarks.measure import Series
from prdkit.mdfields import markdown_values
from prdkit.writers import RenderOptions
from prdkit.writers.docx.document import build

ROOT = Path(__file__).resolve().parent.parent


def _made(tmp_path: Path) -> tuple[Path, Path]:
    source = write(tmp_path / "req-30.prd.yaml", 30, seed=0, lang="zh", later=False)
    from prdkit.check import check_file

    document = check_file(source).document
    assert document is not None
    docx = tmp_path / "req-30.docx"
    docx.write_bytes(build(document, RenderOptions(lang="zh")))
    return source, docx


def test_the_docx_floor_builds_the_same_document_xml(tmp_path: Path) -> None:
    _, docx = _made(tmp_path)
    with zipfile.ZipFile(docx) as archive:
        original = etree.fromstring(archive.read("word/document.xml"))
    plan = floors.flatten(original)
    assert len(plan) == sum(1 for _ in original.iter())
    again = floors.rebuild(plan)
    assert again == etree.tostring(
        original, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def test_the_md_floor_renders_every_markdown_value(tmp_path: Path) -> None:
    source, _ = _made(tmp_path)
    import yaml

    texts = [t for _, t in markdown_values(yaml.safe_load(source.read_text(encoding="utf-8")))]
    assert len(texts) > 30  # descriptions, acceptance criteria, …
    work = floors.JOBS["md"](source, None)
    html = work()
    assert isinstance(html, str) and html.count("<p>") >= len(texts) // 2


def test_each_floor_prints_its_medians(tmp_path: Path) -> None:
    source, docx = _made(tmp_path)
    script = ROOT / "benchmarks" / "floors.py"
    for job in ("validate", "md", "docx"):
        done = subprocess.run(
            [sys.executable, str(script), job, str(source), str(docx), "--repeat", "1"],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(done.stdout)
        assert set(figures) == {"cpu", "wall"}
        assert figures["cpu"] > 0 and figures["wall"] > 0, job


def _series(cpu: float, wall: float, peak: float) -> Series:
    return Series("x", ("x",), seconds=[wall], cpu=[cpu], peak_mib=[peak])


def test_the_targets_table_sets_each_job_beside_its_floor(tmp_path: Path) -> None:
    source, docx = _made(tmp_path)
    docs = {run.TARGETED_DOC: source}
    made = tmp_path / "out" / "docx" / f"{source.name.removesuffix('.prd.yaml')}.docx"
    made.parent.mkdir(parents=True, exist_ok=True)
    made.write_bytes(docx.read_bytes())
    measured = {
        "validate": _series(0.9, 1.0, 100),
        "md": _series(4.0, 4.1, 200),
        "docx": _series(5.0, 5.2, 320),
        "docx,md": _series(6.0, 5.0, 330),
    }
    lines = run._absolute([sys.executable], docs, measured, tmp_path / "out")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in lines if line.startswith("| ")}
    assert set(rows) == {"job", "---", "validate", "md", "docx"}  # both at once has no target
    assert "≤ 1.1 s ok" in rows["validate"]
    assert "≤ 3.5 s **over**" in rows["md"]
    assert "≤ 5.5 s ok, ≤ 300 MiB **over**" in rows["docx"]
    assert " s (as text: " in rows["docx"]
    for job in ("validate", "md", "docx"):
        cells = [c.strip() for c in rows[job].strip("|").split("|")]
        floor = float(cells[3].split(" s")[0])
        assert floor > 0, rows[job]
        ratio = float(cells[4].removesuffix("×"))  # of the floor before it was rounded
        assert abs(ratio - measured[job].cpu_median / floor) <= ratio * 0.35, rows[job]


def test_the_targets_table_is_left_out_without_the_targeted_document() -> None:
    assert run._absolute([sys.executable], {}, {"docx": _series(1, 1, 1)}) == []


def test_the_text_floor_writes_the_same_document_xml(tmp_path: Path) -> None:
    _, docx = _made(tmp_path)
    with zipfile.ZipFile(docx) as archive:
        original = etree.fromstring(archive.read("word/document.xml"))
    expected = etree.tostring(original, xml_declaration=True, encoding="UTF-8", standalone=True)
    assert floors.as_text(floors.nodes(original)) == expected
    # What needs escaping is escaped as lxml does, in text and in attributes.
    odd = etree.fromstring(
        '<a b="x&amp;&lt;&gt;&quot;&#9;&#10;&#13;y">1 &amp; 2 &lt; 3 &gt; 0&#13;</a>'
    )
    assert floors.as_text(floors.nodes(odd)) == etree.tostring(
        odd, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def test_the_runner_starts_on_a_python_without_third_party_packages():
    # `python benchmarks/run.py` from a clone, on the system's Python: it makes its own
    # environments, and only the floors, run by the benchmark's Python, need lxml.
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(root / "benchmarks" / "run.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--update-readme" in result.stdout
