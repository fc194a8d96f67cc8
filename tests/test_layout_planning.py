"""The layer's side of feature-level PRDs: the new sections in both languages, no invented
target, no gap for shelved work, no empty RICE column."""

from __future__ import annotations

import pytest

from prdkit.layout import build
from prdkit.layout.blocks import Heading, Note, Table
from prdkit.layout.cells import Many, Text
from tests.test_rules_base import check, document


def laid(text: str, lang: str = "en"):
    result = check(text)
    assert result.document is not None, [(d.rule, d.message) for d in result.diagnostics]
    return {s.key: s.blocks for s in build(result.document, lang).sections}


def tables(blocks) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


@pytest.mark.parametrize(("lang", "words"), [("en", "target not set"), ("zh", "未设定")])
def test_metric_without_target_reads_not_set(lang: str, words: str) -> None:
    text = document(
        metrics="""\
  - id: K1
    name: Conversion rate
    target: 3.5
  - id: K2
    name: Repeat purchases
    baseline: 12
  - id: K3
    name: Returns
""",
    )
    (table, *_) = tables(laid(text, lang)["metrics"])
    change = [row[2] for row in table.rows]
    assert change[0].text == "3.5"
    assert isinstance(change[1], Many)
    assert [c.text for c in change[1].items] == ["12", words]
    assert change[2] == Text(words, "muted")
    assert all(getattr(c, "text", None) != "0" for c in change)


REQS = """\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [Pays in one tap]
  - id: R2
    title: Crypto
    priority: could
    status: rejected
  - id: R3
    title: Gift cards
    priority: should
    status: deferred
  - id: R4
    title: Dark mode
    priority: wont
  - id: R5
    title: Saved addresses
    priority: should
"""
OWED = """\
  - id: R6
    title: Guest checkout
    priority: must
  - id: R7
    title: Checkout under 2 s
    priority: must
    kind: nonfunctional
"""


def test_a_gap_is_marked_only_where_validate_warns() -> None:
    # must-without-feature: a `must` of a kind features deliver, being built, with none.
    # Any other empty cell is a plain dash: no warning the checker does not give.
    doc = document(requirements=REQS + OWED)
    blocks = laid(doc)["requirements"]
    matrix = tables(blocks)[1]
    rows = {row[0].id: row[1:] for row in matrix.rows}
    assert rows["R1"][0].items[0].id == "F1"  # traced
    for quiet in ("R2", "R3", "R4", "R5", "R7"):  # shelved, not a must, or cross-cutting
        assert rows[quiet][0] == Text("—", "muted"), quiet
    assert rows["R6"][0] == Text("— ⚠", "gap")
    assert all(cell == Text("—", "muted") for row in rows.values() for cell in row[1:])
    warned = {d.pointer for d in check(doc).diagnostics if d.rule == "must-without-feature"}
    assert warned == {"/requirements/5"}  # R6, the one gap
    (note,) = [b for b in blocks if isinstance(b, Note)]
    assert note.lines[0][0] == Text("— ⚠", "gap")


def test_no_gap_no_legend() -> None:
    blocks = laid(document(requirements=REQS))["requirements"]
    assert not [b for b in blocks if isinstance(b, Note)]


def test_rice_column_only_when_some_requirement_is_scored() -> None:
    unscored = tables(laid(document(requirements=REQS))["requirements"])[0]
    assert "RICE score" not in [c.label for c in unscored.columns]
    assert all(len(row) == len(unscored.columns) for row in unscored.rows)
    scored_text = REQS.replace(
        "    title: Saved addresses\n",
        "    title: Saved addresses\n    rice: {reach: 100, impact: 2, confidence: 0.5, effort: 4}\n",
    )
    scored = tables(laid(document(requirements=scored_text))["requirements"])[0]
    labels = [c.label for c in scored.columns]
    assert "RICE score" in labels
    column = labels.index("RICE score")
    assert [row[column] is None for row in scored.rows] == [True, True, True, True, False]
    assert scored.rows[4][column].text == "25"


PLANNING = {
    "assumptions": "  - id: A1\n    statement: Shoppers keep a card on file.\n",
    "dependencies": "  - id: D1\n    name: Refund API\n    kind: vendor\n    status: blocked\n",
    "alternatives": "  - id: ALT1\n    name: Pay later\n    decision: chosen\n    pros: [Cheap]\n",
    "launch": (
        "  checklist:\n    - id: C1\n      item: Support briefed\n      done: true\n"
        "  rollout:\n    - id: S1\n      name: Canary\n      percent: 5\n"
        "      rollback: Flag off.\n"
        "  rollback: Switch the flag off.\n"
    ),
    "faq": "  - question: Guests?\n    answer: Not yet.\n",
}


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        (
            "en",
            [
                "Assumptions",
                "External dependencies",
                "Alternatives considered",
                "Launch plan",
                "FAQ",
            ],
        ),
        ("zh", ["假设", "外部依赖", "可选方案", "上线计划", "常见问题"]),
    ],
)
def test_planning_sections_in_both_languages(lang: str, titles: list[str]) -> None:
    sections = laid(document(**PLANNING), lang)
    keys = ["assumptions", "dependencies", "alternatives", "launch", "faq"]
    assert [sections[k][0].text for k in keys] == titles
    headings = [b.text for b in sections["launch"] if isinstance(b, Heading)]
    expected = {
        "en": ["Launch plan", "Launch checklist", "Staged rollout", "Rollback"],
        "zh": ["上线计划", "上线检查清单", "灰度发布", "回滚方案"],
    }
    assert headings == expected[lang]
    (assumptions,) = tables(sections["assumptions"])
    # An assumption without status is still open, and says so.
    assert assumptions.rows[0][-1].label == {"en": "Open", "zh": "待验证"}[lang]
    (dependencies,) = tables(sections["dependencies"])
    status = dependencies.rows[0][5]
    assert (status.label, status.tone) == ({"en": "Blocked", "zh": "受阻"}[lang], "bad")
    checklist, rollout = tables(sections["launch"])
    assert checklist.rows[0][3] == Text({"en": "Yes", "zh": "是"}[lang], "good")
    assert rollout.rows[0][3].text == "5%"


def test_the_gap_legend_names_must_in_the_teams_word(tmp_path) -> None:
    from tests.conftest import MINIMAL, run_prdkit

    (tmp_path / ".prdkit.toml").write_text('[labels.priority]\nmust = "P0"\n', encoding="utf-8")
    text = MINIMAL.replace("priority: could", "priority: must")
    (tmp_path / "g.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "g.prd.yaml"), "--to", "md")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "g.md").read_text(encoding="utf-8")
    assert "— ⚠: a gap: a P0 requirement that no feature delivers" in markdown
