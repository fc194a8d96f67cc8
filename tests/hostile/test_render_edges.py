"""Valid documents at the edges of what the format allows: both writers render them, in time.

Each goes through a real `prdkit render --to md,docx`, with the corpus guarantees: no exit 3,
no traceback, under 5 s (the largest valid document: 10 s) and 300 MB, outputs written and
the marker text visible in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.hostile.corpus import requirements
from tests.hostile.guarantees import assert_bounded, assert_no_crash
from tests.hostile.inspect_outputs import markdown_page, read_docx
from tests.hostile.runner import TIME_LIMIT, run_cli
from tests.hostile.writers import needs_writers

pytestmark = needs_writers("md", "docx")

MARK = "Zq777qZ"


def meta_line(line: str) -> bytes:
    """MINIMAL with `line` added to `meta`, and the marker as the title."""
    text = MINIMAL.replace("title: Demo", f"title: {MARK}")
    return text.replace("  owner: Ann\n", f"  owner: Ann\n{line}\n").encode()


def with_section(section: str) -> bytes:
    """MINIMAL with the marker as the title and `section` appended."""
    return (MINIMAL.replace("title: Demo", f"title: {MARK}") + section).encode()


@dataclass(frozen=True)
class Edge:
    """A valid document at an edge, and what rendering it must do."""

    name: str
    raw: bytes
    env: dict[str, str] = field(default_factory=dict)
    bug: str | None = None  # a known bug elsewhere: the test is an expected failure
    exit: int = 0  # 2: a usage problem (an unusable SOURCE_DATE_EPOCH), nothing written
    cpu_limit: float = TIME_LIMIT  # seconds of CPU for both renders


HUGE = "1e308"
EDGES = [
    Edge("date-year-1000", meta_line("  created: 1000-01-01")),
    Edge("date-1979", meta_line("  updated: 1979-12-31")),
    Edge("date-2107", meta_line("  updated: 2107-12-31")),
    Edge("date-2108", meta_line("  updated: 2108-01-01")),
    Edge("date-9999", meta_line("  updated: 9999-12-31")),
    Edge("source-date-epoch-zero", meta_line(""), {"SOURCE_DATE_EPOCH": "0"}),
    Edge("source-date-epoch-5138", meta_line(""), {"SOURCE_DATE_EPOCH": "99999999999"}),
    Edge(
        "source-date-epoch-out-of-range",
        meta_line(""),
        {"SOURCE_DATE_EPOCH": "99999999999999"},
        exit=2,
    ),
    Edge(
        "rice-overflow",
        MINIMAL.replace("title: Demo", f"title: {MARK}").encode()
        + f"    rice: {{reach: {HUGE}, impact: {HUGE}, confidence: 1, effort: 5e-324}}\n".encode(),
    ),
    Edge(
        "rice-zero-confidence",
        MINIMAL.replace("title: Demo", f"title: {MARK}").encode()
        + f"    rice: {{reach: {HUGE}, impact: {HUGE}, confidence: 0, effort: 5e-324}}\n".encode(),
    ),
    Edge(
        "market-size-extremes",
        with_section(
            f"market_research:\n  market_size: {{tam: {HUGE}, sam: 1e-300, som: 0,"
            " year: 999999999999999999999999999999, currency: ''}\n"
        ),
    ),
    Edge(
        "metric-extremes",
        with_section(
            f"metrics:\n  - {{id: K1, name: M, target: -{HUGE}, baseline: {HUGE}, unit: ''}}\n"
            f"  - {{id: K2, name: N, target: 123456789012345678901234567890, direction: decrease}}\n"
        ),
    ),
    Edge(
        "line-separators-in-text",
        meta_line('  summary: "a\\u2028b\\u2029c\\u0085d\\u000be"').replace(b"\\u000be", b"e"),
    ),
    Edge("empty-strings", meta_line('  summary: ""\n  authors: ["", " "]')),
    Edge("blank-summary", meta_line('  summary: " "')),
    Edge("blank-lines-summary", meta_line('  summary: "\\n\\n"')),
    Edge(
        "long-title",
        MINIMAL.replace("title: Checkout works", "title: " + MARK + " " + "w" * 150_000).encode(),
    ),
    Edge(
        "many-requirements", requirements(2_000).replace(b"title: Demo", b"title: " + MARK.encode())
    ),
    # Both writers within the bounds: the Word writer's long tables are serialized as they
    # are made (once 670 MB, then 300 MB held as trees; 110 MB since).
    # Its CPU bound is wider: the largest document the default limits admit, rendered
    # twice, takes 2.8 s on a steady machine and 3.4-5.0 s on a busy shared one; what it
    # guards is the memory, and its time grows linearly (benchmarks/).
    Edge(
        "largest-valid-document",
        requirements(12_000).replace(b"title: Demo", b"title: " + MARK.encode()),
        cpu_limit=10.0,
    ),
]


@pytest.mark.parametrize(
    "edge",
    [
        pytest.param(
            e, id=e.name, marks=[pytest.mark.xfail(strict=True, reason=e.bug)] if e.bug else []
        )
        for e in EDGES
    ],
)
def test_edge_document_renders(tmp_path: Path, edge: Edge) -> None:
    source = tmp_path / "doc.prd.yaml"
    source.write_bytes(edge.raw)
    run = run_cli("render", source, "--to", "md,docx", env=edge.env, timeout=30)
    assert_no_crash(run)
    assert run.returncode == edge.exit, run.stdout[-2000:] + run.stderr[-2000:]
    assert_bounded(run, edge.cpu_limit)
    if edge.exit:
        assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.prd.yaml"]
        return
    markdown = (tmp_path / "doc.md").read_text(encoding="utf-8")
    assert MARK in "".join(markdown_page(markdown).text)
    assert MARK in read_docx((tmp_path / "doc.docx").read_bytes()).text


def test_unusable_source_date_epoch_is_a_usage_error(tmp_path: Path) -> None:
    run = run_cli("new", "demo", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert_no_crash(run)
    assert run.returncode == 2
    assert "SOURCE_DATE_EPOCH" in run.stderr
    assert list(tmp_path.iterdir()) == []
