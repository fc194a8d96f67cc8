"""A team's conventions reach every output: a `.prdkit.toml` declaring `x-jira` and P0–P3
priority labels gives a Jira column and P0–P3 everywhere, in Markdown and Word, en and zh."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from prdkit.check import check_file
from prdkit.cli import app
from prdkit.config import clear_cache, config_for
from prdkit.layout import build
from prdkit.layout.blocks import Facts, Table
from tests.conftest import run_prdkit
from tests.test_rules_base import at

runner = CliRunner()

TEAM = """\
[fields.requirements.x-jira]
label = { en = "Jira", zh = "Jira 单号" }
type = "string"
pattern = "^[A-Z]+-[0-9]+$"
required-from = "review"

[labels.priority]
must = "P0"
should = "P1"
could = "P2"
wont = "P3"
"""

PRD = """\
prdkit: 1
meta:
  id: team-demo
  title: One-tap checkout
  version: "0.1.0"
  status: {status}
  owner: Ann
  language: {lang}
requirements:
  - id: R1
    title: Pay in one tap
    priority: must
    acceptance_criteria: [A returning shopper pays in one tap]
    x-jira: PAY-12
  - id: R2
    title: Refund from the back office
    priority: should
    x-jira: pay-13  # <bad>
  - id: R3  # <missing>
    title: Dark mode
    priority: could
  - id: R4
    title: Crypto
    priority: wont
    x-jira: PAY-15
features:
  - id: F1
    name: One-tap pay
    priority: must
    requirements: [R1]
"""

JIRA = {"en": "Jira", "zh": "Jira 单号"}
PRIORITY = {"en": "Priority", "zh": "优先级"}
# The catalogue's own priority labels, which the team's labels replace everywhere.
MOSCOW = {"en": ("Must", "Should", "Could", "Won't"), "zh": ("必须", "应该", "可以", "不做")}


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def project(tmp_path: Path, status: str = "draft", lang: str = "en") -> tuple[Path, str]:
    (tmp_path / ".prdkit.toml").write_text(TEAM, encoding="utf-8")
    text = PRD.format(status=status, lang=lang)
    path = tmp_path / "team.prd.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize(("status", "missing"), [("draft", "warning"), ("review", "error")])
def test_bad_key_at_its_line_missing_key_graded_by_status(
    tmp_path: Path, status: str, missing: str
) -> None:
    path, text = project(tmp_path, status)
    result = check_file(path, config_for(path))
    found = [
        (d.rule, d.line, d.severity.value)
        for d in result.diagnostics
        if d.rule.startswith("custom")
    ]
    assert found == [
        ("custom-field-invalid", at(text, "<bad>"), "error"),
        ("custom-field-missing", at(text, "<missing>"), missing),
    ]


def _without_bad_key(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("pay-13  # <bad>", "PAY-13")
    path.write_text(text.replace("  - id: R3  # <missing>\n", "  - id: R3\n    x-jira: PAY-14\n"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_has_a_jira_column_and_p0_to_p3_everywhere(tmp_path: Path, lang: str) -> None:
    path, _ = project(tmp_path, lang=lang)
    _without_bad_key(path)
    result = runner.invoke(app, ["render", str(path), "--to", "md"])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "team.md").read_text(encoding="utf-8")
    lines = md.splitlines()
    header = next(
        line
        for line in lines
        if line.startswith(f"| {'ID' if lang == 'en' else '编号'} |") and JIRA[lang] in line
    )
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert cells[-1] == JIRA[lang] and PRIORITY[lang] in cells
    start = lines.index(header) + 2  # past the header and its rule
    rows = lines[start : lines.index("", start)]
    expected = [("R1", "P0", "PAY-12"), ("R2", "P1", "PAY-13"), ("R3", "P2", "PAY-14")]
    expected.append(("R4", "P3", "PAY-15"))
    assert len(rows) == len(expected)
    for row, (req, prio, key) in zip(rows, expected, strict=True):
        assert row.startswith(f"| [{req}]") and f"| {prio} |" in row
        assert row.endswith(f"| {key} |")
    # Each requirement's detail and the feature carry the labels too; MoSCoW names never show.
    lead = f"**{JIRA[lang]}:** " if lang == "en" else f"**{JIRA[lang]}**："
    assert f"{lead}PAY-12" in md
    assert md.count("P0") >= 3 and "P2" in md and "P3" in md
    for word in MOSCOW[lang]:
        assert word not in md, word


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_word_has_a_jira_column_and_p0_to_p3_everywhere(tmp_path: Path, lang: str) -> None:
    path, _ = project(tmp_path, lang=lang)
    _without_bad_key(path)
    real = run_prdkit("render", str(path), "--to", "docx")
    assert real.returncode == 0, real.stderr
    opened = docx.Document(io.BytesIO((tmp_path / "team.docx").read_bytes()))
    summary = next(t for t in opened.tables if JIRA[lang] in [c.text for c in t.rows[0].cells])
    header = [c.text for c in summary.rows[0].cells]
    assert header[-1] == JIRA[lang]
    column = header.index(PRIORITY[lang])
    # Enum labels are set as pills, padded with no-break spaces.
    body = [[c.text.strip("\xa0 ") for c in row.cells] for row in summary.rows[1:]]
    assert [(r[column], r[-1]) for r in body] == [
        ("P0", "PAY-12"),
        ("P1", "PAY-13"),
        ("P2", "PAY-14"),
        ("P3", "PAY-15"),
    ]
    everything = "\n".join(
        [p.text for p in opened.paragraphs]
        + [c.text for t in opened.tables for row in t.rows for c in row.cells]
    )
    assert everything.count("PAY-12") >= 2  # the column and the requirement's detail
    for word in MOSCOW[lang]:
        assert word not in everything, word


def test_layer_places_the_field_in_detail_and_column(tmp_path: Path) -> None:
    path, _ = project(tmp_path)
    _without_bad_key(path)
    doc = check_file(path, config_for(path)).document
    laid = build(doc, "en")
    (requirements,) = [s for s in laid.sections if s.key == "requirements"]
    table = requirements.blocks[1]
    assert isinstance(table, Table) and table.columns[-1].label == "Jira"
    # No requirement is scored: no RICE column.
    assert "RICE score" not in [c.label for c in table.columns]
    details = [b for b in requirements.blocks if isinstance(b, Facts)]
    assert ("Jira", "PAY-12") in [(k, getattr(v, "text", None)) for k, v in details[0].rows]


def test_undeclared_fields_stay_out_of_the_outputs(tmp_path: Path) -> None:
    path = tmp_path / "plain.prd.yaml"
    path.write_text(PRD.format(status="draft", lang="en"), encoding="utf-8")
    doc = check_file(path, config_for(path)).document
    laid = build(doc, "en")
    labels = [
        c.label for s in laid.sections for b in s.blocks if isinstance(b, Table) for c in b.columns
    ]
    assert "Jira" not in labels


EVERYWHERE = """\
[fields.features.x-designer]
label = { en = "Designer", zh = "设计师" }
[fields.milestones.x-notes]
label = "Notes"
[fields.risks.x-score]
type = "number"
label = "Score"
[fields.alternatives.x-cost]
type = "number"
label = "Cost"
"""

SECTIONS = """\
features:
  - id: F1
    name: One-tap pay
    requirements: [R1]
    x-designer: Mei
schedule:
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
      x-notes: A long free-text note about the beta
alternatives:
  - id: ALT1
    name: Wallet of our own
    decision: rejected
    x-cost: 120000
risks:
  - id: RISK1
    description: Gateway throttles us.
    x-score: 6
"""


def test_declared_fields_reach_every_section(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text(EVERYWHERE, encoding="utf-8")
    path = tmp_path / "every.prd.yaml"
    base = PRD.format(status="draft", lang="en").split("features:\n")[0]
    path.write_text(base + SECTIONS, encoding="utf-8")
    doc = check_file(path, config_for(path)).document
    laid = build(doc, "en")
    by_key = {s.key: s.blocks for s in laid.sections}

    def table(key: str) -> Table:
        return next(b for b in by_key[key] if isinstance(b, Table))

    def facts(key: str) -> dict[str, object]:
        rows = next(b for b in by_key[key] if isinstance(b, Facts)).rows
        return {label: getattr(cell, "text", None) for label, cell in rows}

    # A feature has a detail: the string is a fact there.
    assert facts("features")["Designer"] == "Mei"
    assert facts("alternatives")["Cost"] == "120,000"
    # Milestones and risks are shown only in tables: every declared field is a column.
    milestones = table("schedule")
    assert milestones.columns[-1].label == "Notes"
    assert milestones.rows[0][-1].text == "A long free-text note about the beta"
    risks = table("risks")
    assert (risks.columns[-1].label, risks.rows[0][-1].text) == ("Score", "6")
    # The traceability matrix refers to requirements; it gets no team column.
    matrix = [b for b in by_key["requirements"] if isinstance(b, Table)][1]
    assert [c.label for c in matrix.columns] == [
        "Requirement",
        "Features",
        "Flows",
        "Metrics",
        "Milestones",
    ]
    md = run_prdkit("render", str(path), "--to", "md", "--lang", "zh")
    assert md.returncode == 0, md.stderr
    text = (tmp_path / "every.md").read_text(encoding="utf-8")
    assert "**设计师**：Mei" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_has_the_jira_column_and_p0_to_p3_too(tmp_path: Path, lang: str) -> None:
    path, _ = project(tmp_path, lang=lang)
    _without_bad_key(path)
    result = runner.invoke(app, ["render", str(path), "--to", "html"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "team.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", page)
    assert f">{JIRA[lang]}<" in page.replace("</th>", "<")
    assert text.count("PAY-12") >= 2 and "P0" in text and "P3" in text
    for word in MOSCOW[lang]:
        assert not re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text), word
