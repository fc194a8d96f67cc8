"""Large inputs within the default limits render in time linear in their size.

Bounds are CPU seconds with a wide margin (a busy machine only adds wall time); each input
here once took tens of seconds and gigabytes.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from benchmarks.attacks import (
    HEAD,
    comparison_matrix,
    dense_dependencies,
    emphasis_fields,
    flows_to_the_end,
    milestone_dependencies,
    pages_to_the_end,
    role_chain,
    trace_fan,
)
from prdkit.check import check_bytes
from prdkit.diagrams.budget import MAX_COST, cost
from prdkit.layout import LaidOutDocument, build
from prdkit.layout.blocks import Block, Diagram, Facts, Heading, Matrix, Note, Table
from prdkit.layout.cells import Many, Number, Ref, Text
from prdkit.layout.context import LINKED_REFS, RESTATED_REFS, Layout
from prdkit.limits import Limits
from prdkit.loader import load_bytes
from prdkit.mdmarks import _source_bound, _strings_bound, marks
from prdkit.model import Document
from prdkit.writers import RenderOptions, get_writer
from tests.hostile.runner import run_cli

ROOT = Path(__file__).resolve().parent.parent


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


def word_of(folder: Path, name: str, source: bytes, *, cpu: float, mib: int) -> str:
    """The document.xml of `source` rendered to Word by the command line, in a child whose
    CPU seconds and peak memory stay under `cpu` and `mib`."""
    path = folder / f"{name}.prd.yaml"
    path.write_bytes(source)
    run = run_cli("render", path, "--to", "docx", "-o", folder)
    assert run.returncode == 0, run.stderr
    assert run.cpu_seconds < cpu, f"{run.cpu_seconds:.1f}s of CPU"
    assert run.peak_bytes < mib * 1024 * 1024, f"{run.peak_bytes / 2**20:.0f} MiB"
    with zipfile.ZipFile(folder / f"{name}.docx") as docx:
        return docx.read("word/document.xml").decode()


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


@pytest.mark.parametrize(
    ("competitors", "dimensions"),
    [(61, 38), (1, 1200)],  # us and 61 competitors (62 columns); 2 × 1,200 = 2,400 cells
)
def test_a_comparison_at_the_thresholds_keeps_the_grid(competitors: int, dimensions: int) -> None:
    _, laid = laid_out(comparison_matrix(competitors, dimensions, full=True))
    (grid,) = [b for b in section(laid, "competition/matrix") if isinstance(b, Matrix)]
    assert (len(grid.columns), len(grid.rows)) == (competitors + 1, dimensions)


@pytest.mark.parametrize(
    ("competitors", "dimensions", "note"),
    [
        (62, 38, "63 products × 38 dimensions"),  # a column too many
        (1, 1201, "2 products × 1,201 dimensions"),  # two cells too many
    ],
)
def test_a_comparison_past_the_thresholds_lists_every_value_written(
    competitors: int, dimensions: int, note: str
) -> None:
    doc, laid = laid_out(comparison_matrix(competitors, dimensions, full=True))
    listing = section(laid, "competition/matrix")
    assert not any(isinstance(b, Matrix) for b in listing)
    (said,) = [b for b in listing if isinstance(b, Note)]
    assert said.lines[0][0] == Text(
        f"{note} is too large a grid to read: each value written is listed with its product "
        "and dimension, and empty cells are left out",
        "muted",
    )
    (table,) = [b for b in listing if isinstance(b, Table)]
    assert [c.label for c in table.columns] == ["Product", "Dimension", "Value"]
    # Every cell of the matrix, in the order written: ours first, then each competitor's.
    assert doc.competition is not None
    names = {"us": "Us"} | {c.id: c.name for c in doc.competition.competitors}
    written = [
        (names[key], dimension, value)
        for key, cells in doc.competition.matrix
        for dimension, value in cells
    ]
    assert len(written) == (competitors + 1) * dimensions
    shown = [(p.text, d.text, v.value) for p, d, v in table.rows]
    assert all(isinstance(v, Number) for _, _, v in table.rows)
    assert shown == written


def test_a_wide_sparse_comparison_in_word_lists_its_one_value(tmp_path: Path) -> None:
    # One value written, 1,401 × 1,400 cells as a grid: over 60 s and 2.3 GB once.
    xml = word_of(tmp_path, "sparse", comparison_matrix(1400, 1400), cpu=5, mib=250)
    assert "1,401 products × 1,400 dimensions is too large a grid" in xml
    assert ">d0<" in xml and ">d1399<" not in xml  # the one value, not a row per dimension


def test_the_thresholds_of_linked_references() -> None:
    doc, _ = laid_out(dense_dependencies(3))
    lay = Layout(doc, "en")
    ids = [f"X{i}" for i in range(LINKED_REFS + 1)]
    linked = lay.listed(ids[:-1], named=True)
    assert isinstance(linked, Many) and [r.id for r in linked.items] == ids[:-1]
    # Past it: every id, in order, as one text, named or not.
    assert lay.listed(ids) == lay.listed(ids, named=True) == Text(", ".join(ids))
    # Where every link is stated elsewhere, past a lower threshold: the first ones and how
    # many more.
    few = ids[: RESTATED_REFS + 2]
    cut = lay.listed(few, restated=True)
    assert cut == Many((*(lay.ref(i) for i in few[:-2]), Text("… and 2 more", "muted")))
    assert lay.listed(few[:-2], restated=True) == lay.refs(few[:-2])
    assert lay.listed([]) is None


def muted_notes(blocks: list[Block]) -> list[str]:
    """The texts of the muted notes among `blocks`."""
    return [
        b.lines[0][0].text
        for b in blocks
        if isinstance(b, Note) and isinstance(b.lines[0][0], Text) and b.lines[0][0].tone == "muted"
    ]


def test_a_flow_too_large_to_lay_out_is_a_note_above_its_steps() -> None:
    doc, laid = laid_out(flows_to_the_end(99))
    flow = section(laid, "item:F1")
    assert not any(isinstance(b, Diagram) for b in flow)
    assert muted_notes(flow) == [
        "This flow's 99 steps and 198 links are too many to draw legibly; "
        "its steps are listed below"
    ]
    (table,) = [b for b in flow if isinstance(b, Table)]
    assert len(table.rows) == 99  # every step, with where it goes next
    zh = section(build(doc, "zh"), "item:F1")
    assert muted_notes(zh) == ["该流程有 99 个步骤、198 条连线，过多而无法清晰绘制；步骤见下表"]


def test_a_flow_just_under_the_limit_is_drawn() -> None:
    _, laid = laid_out(flows_to_the_end(98))
    (diagram,) = [b for b in section(laid, "item:F1") if isinstance(b, Diagram)]
    # 100 nodes, 196 links and 4,656 layers crossed; one step more is 5,052.
    assert cost(diagram.graph) == 4_952 <= MAX_COST
    assert not muted_notes(section(laid, "item:F1"))


def test_a_page_map_too_large_to_lay_out_is_a_note_above_the_pages() -> None:
    _, laid = laid_out(pages_to_the_end(200))
    page_map = section(laid, "pages/map")
    assert not any(isinstance(b, Diagram) for b in page_map)
    assert muted_notes(page_map) == [
        "The 200 pages and 397 links between them are too many to draw legibly; "
        "the pages are listed below"
    ]
    (table,) = [b for b in page_map if isinstance(b, Table)]
    assert len(table.rows) == 200


def test_the_diagrams_of_a_document_share_one_budget() -> None:
    # Each flow is under the limit for one diagram; four of them spend the document's budget,
    # and the rest say so in place of their diagram.
    _, laid = laid_out(flows_to_the_end(98, flows=6))
    blocks = [b for s in laid.sections for b in s.blocks]
    assert sum(isinstance(b, Diagram) for b in blocks) == 4
    assert (
        muted_notes(blocks)
        == [
            "The diagrams before this one are as many as one document draws: this one is left "
            "out, and what it shows is listed below"
        ]
        * 2
    )
    assert sum(isinstance(b, Table) and len(b.rows) == 98 for b in blocks) == 6


def test_a_thousand_step_flow_to_the_end_renders_in_word_in_linear_time(tmp_path: Path) -> None:
    # Laid out, its 1,000 steps and 2,000 links crossed 498,501 layers: 30 s and 500 MB.
    xml = word_of(tmp_path, "flow", flows_to_the_end(1000), cpu=10, mib=300)
    assert "1,000 steps and 2,000 links are too many to draw legibly" in xml
    assert "<wpg:wgp" not in xml  # nothing drawn


def test_long_dependency_lists_are_plain_ids_short_ones_links() -> None:
    count = LINKED_REFS + 10
    _, laid = laid_out(dense_dependencies(count))
    blocks = [b for s in laid.sections for b in s.blocks]
    depends = [
        cell
        for b in blocks
        if isinstance(b, Facts)
        for label, cell in b.rows
        if label == "Depends on"
    ]
    assert len(depends) == count - 1
    # R0 depends on 59, R8 on 51: every id, in order, as one text.
    for first, cell in enumerate(depends[:9], 1):
        assert cell == Text(", ".join(f"R{i}" for i in range(first, count)))
    # R9 depends on 50, the most still linked one by one.
    assert isinstance(depends[9], Many)
    assert [r.id for r in depends[9].items] == [f"R{i}" for i in range(10, count)]
    assert all(isinstance(r, Ref) and r.anchor for r in depends[9].items)


def test_long_milestone_dependencies_are_plain_ids_short_ones_links() -> None:
    count = LINKED_REFS + 3
    _, laid = laid_out(milestone_dependencies(count))
    (table,) = [b for b in section(laid, "schedule") if isinstance(b, Table)]
    assert table.columns[7].label == "Depends on"
    depends = [row[7] for row in table.rows]
    # M0 depends on 52, M1 on 51: every id, in order, as one text.
    assert depends[0] == Text(", ".join(f"M{i}" for i in range(1, count)))
    assert depends[1] == Text(", ".join(f"M{i}" for i in range(2, count)))
    # M2 depends on 50, the most still linked one by one; the last on none.
    assert isinstance(depends[2], Many)
    assert [r.id for r in depends[2].items] == [f"M{i}" for i in range(3, count)]
    assert all(isinstance(r, Ref) and r.anchor for r in depends[2].items)
    assert depends[-1] is None


def _trace_rows(count: int) -> tuple[list[tuple[object, ...]], Note | None, list[Block]]:
    _, laid = laid_out(trace_fan(count))
    blocks = section(laid, "requirements/traceability")
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [c.label for c in table.columns] == [
        "Requirement", "Features", "Flows", "Metrics", "Milestones", "Events"
    ]  # fmt: skip
    notes = [b for b in blocks if isinstance(b, Note)]
    return list(table.rows), (notes[0] if notes else None), section(laid, "item:F1")


def test_a_traceability_cell_at_the_threshold_links_every_item() -> None:
    rows, note, _ = _trace_rows(RESTATED_REFS)
    assert len(rows) == RESTATED_REFS
    for row in rows:
        for cell, prefix in zip(row[2:], ("FL", None, "M", "E"), strict=True):
            if prefix is None:  # no metric: a dash (only a `must` without a feature is a gap)
                assert cell == Text("—", "muted")
                continue
            assert isinstance(cell, Many)
            assert [r.id for r in cell.items] == [f"{prefix}{i}" for i in range(RESTATED_REFS)]
    assert note is None  # no gap, nothing cut: no legend


def test_a_traceability_cell_past_the_threshold_is_cut_short_and_says_so() -> None:
    count = RESTATED_REFS + 1
    rows, note, feature = _trace_rows(count)
    assert len(rows) == count
    more = Text("… and 1 more", "muted")
    for row in rows:
        assert row[1] == Many((Ref("F1", "Feature", "item:F1"),))
        flows, milestones, events = row[2], row[4], row[5]
        for cell, prefix in ((flows, "FL"), (milestones, "M"), (events, "E")):
            assert isinstance(cell, Many) and cell.items[-1] == more
            assert [r.id for r in cell.items[:-1]] == [f"{prefix}{i}" for i in range(RESTATED_REFS)]
    assert note is not None and note.lines[0] == (
        Text("… and n more", "muted"),
        Text(
            ": a cell of more than 20 lists its first 20; the others are listed in full where "
            "each link is written (a feature's requirements and flows, a milestone's "
            "deliverables, a metric's requirements, an event's feature and metrics)",
            "muted",
        ),
    )
    # Nothing is lost: the feature lists every requirement and every flow.
    (facts,) = [b for b in feature if isinstance(b, Facts)]
    shown = dict(facts.rows)
    for label, prefix in (("Requirements", "R"), ("Flows", "FL")):
        assert [r.id for r in shown[label].items] == [f"{prefix}{i}" for i in range(count)]


def test_a_wide_traceability_fan_in_word_is_linear(tmp_path: Path) -> None:
    # 1,000 requirements, each tracing to all 1,000 flows, milestones and events: 3,000,000
    # references once, 39 s and 5.7 GB; about 2 s and 130 MB now.
    xml = word_of(tmp_path, "fan", trace_fan(1000), cpu=15, mib=400)
    assert xml.count("… and 980 more") == 3000


def test_dense_dependencies_in_word_are_linear_in_references(tmp_path: Path) -> None:
    # 124,750 references, each shown once where it is written: as 124,750 links they once
    # cost 27 s and 1.15 GB at 700 requirements; lists past 50 are plain ids now.
    xml = word_of(tmp_path, "dense", dense_dependencies(500), cpu=15, mib=450)
    assert ", ".join(f"R{i}" for i in range(1, 500)) in xml
    # The 50 shortest lists are linked: 1 + 2 + … + 50 links beside the tables' own.
    assert xml.count('w:anchor="') >= 1275


def budget_document(*descriptions: str) -> bytes:
    """A document of one requirement per description, each written as a quoted scalar."""
    rows = "".join(
        f"  - id: R{i}\n    title: T{i}\n    priority: could\n    description: {text}\n"
        for i, text in enumerate(descriptions, 1)
    )
    return (HEAD + "requirements:\n" + rows).encode()


def test_the_markdown_budget_runs_out_at_its_field() -> None:
    # 4 + 6 marks fit a budget of 12; the third field's 4 more run it out, on line 20.
    source = budget_document('"*a* and *b*"', '"**c** `d`"', '"[e](f) *g*"', '"**h**"')
    result = check_bytes(source, "x.prd.yaml", limits=Limits(max_markdown_marks=12))
    (found,) = [d for d in result.diagnostics if d.rule == "markdown-budget"]
    assert (found.line, found.column) == (20, 18)
    assert found.message == (
        "the Markdown fields hold 18 marks in all, over the budget of 12, "
        "which runs out at description"
    )
    assert result.failed()
    within = check_bytes(source, "x.prd.yaml", limits=Limits(max_markdown_marks=18))
    assert not [d for d in within.diagnostics if d.rule == "markdown-budget"]


def test_escaped_line_breaks_count_against_the_budget() -> None:
    # Forty escaped line breaks: 40 backslashes and 12 lines in the source (76 as counted),
    # while the value holds 40 lines (120). The bound taken from the source must not let
    # the walk be skipped under a budget of 100.
    source = budget_document('"' + "a\\n" * 40 + '"')
    assert marks(source.decode()) == 76
    result = check_bytes(source, "x.prd.yaml", limits=Limits(max_markdown_marks=100))
    assert [d.line for d in result.diagnostics if d.rule == "markdown-budget"] == [12]


def test_a_br_tag_counts_as_the_line_it_breaks() -> None:
    # `a<br>` forty times: a hard break each, as costly as a line (a PDF of 20,000 of them in
    # one description took four minutes while the budget counted one mark each).
    source = budget_document('"' + "a<br>" * 40 + '"')
    result = check_bytes(source, "x.prd.yaml", limits=Limits(max_markdown_marks=100))
    assert [d.line for d in result.diagnostics if d.rule == "markdown-budget"] == [12]
    # Written as escapes, the angles are not in the source: its bound still holds them.
    escaped = budget_document('"' + "a\\u003Cbr>" * 40 + '"')
    result = check_bytes(escaped, "x.prd.yaml", limits=Limits(max_markdown_marks=100))
    assert [d.line for d in result.diagnostics if d.rule == "markdown-budget"] == [12]


def test_line_breaks_of_a_file_ending_its_lines_in_cr_count_against_the_budget() -> None:
    # Forty lines of a block scalar, 120 marks as the value holds them, where no byte of the
    # file is a line feed: the bound taken before the walk must still see them.
    block = "|\n" + "".join(f"      line {i}\n" for i in range(40))
    source = budget_document(block).replace(b"\n", b"\r")
    assert b"\n" not in source
    result = check_bytes(source, "x.prd.yaml", limits=Limits(max_markdown_marks=100))
    assert [d.line for d in result.diagnostics if d.rule == "markdown-budget"] == [12]


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "templates").glob("*.prd.yaml")) + sorted((ROOT / "examples").glob("*.yaml")),
    ids=lambda p: p.name,
)
@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"])
def test_the_budgets_bound_is_never_below_what_the_values_hold(path: Path, ends: str) -> None:
    raw = path.read_bytes().replace(b"\n", ends.encode())
    loaded = load_bytes(raw)
    assert loaded.data is not None
    assert _source_bound(raw, loaded.line_breaks) >= _strings_bound(loaded.data)


def test_emphasis_past_the_budget_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    source = tmp_path / "emphasis.prd.yaml"
    source.write_bytes(emphasis_fields(80))  # 7.9 MB: once 38 s for Markdown, 44 s for Word
    run = run_cli("render", source, "--to", "md,docx", "-o", tmp_path)
    assert run.returncode == 1, run.stderr
    assert "markdown-budget" in run.stderr + run.stdout
    assert not list(tmp_path.glob("emphasis.*[!l]"))  # nothing written
    assert run.cpu_seconds < 10, f"{run.cpu_seconds:.1f}s of CPU"


def test_emphasis_at_the_budget_renders_in_seconds(tmp_path: Path) -> None:
    source = tmp_path / "emphasis.prd.yaml"
    source.write_bytes(emphasis_fields(7))  # 184,800 marks, just inside the default budget
    run = run_cli("render", source, "--to", "docx", "-o", tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.cpu_seconds < 20, f"{run.cpu_seconds:.1f}s of CPU"


def test_a_field_of_many_lines_renders_in_word_in_linear_time() -> None:
    # 24,000 quoted lines are one paragraph of 24,000 line breaks; each break once looked its
    # neighbours up by searching the paragraph (12 s of CPU for this field alone).
    lines = "> a\\n" * 24_000
    doc, _ = laid_out(budget_document(f'"{lines}"'))
    started = time.process_time()
    out = get_writer("docx")(doc, RenderOptions(lang="en"))
    elapsed = time.process_time() - started
    with zipfile.ZipFile(io.BytesIO(out)) as docx:
        xml = docx.read("word/document.xml").decode()
    assert xml.count('<w:t xml:space="preserve"> </w:t>') >= 23_999
    assert elapsed < 5, f"{elapsed:.1f}s of CPU"
