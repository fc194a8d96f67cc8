"""Completeness: core-section-missing and acceptance-criteria-missing, graded by status."""

from __future__ import annotations

import pytest

from tests.test_rules_base import at, check, document, found

SECTIONS = [
    "market_research",
    "business_model",
    "competition",
    "features",
    "flows",
    "schedule",
    "metrics",
]


@pytest.mark.parametrize("section", SECTIONS)
def test_missing_core_section_lands_on_the_status(section: str) -> None:
    text = document("review", **{section: None})
    if section == "features":  # without features, the must-have R1 is uncovered too
        text = text.replace("priority: must", "priority: should")
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("core-section-missing", at(text, "status: review"), "error")
    ]
    assert result.diagnostics[0].message == (
        f"core section {section} is missing; a document in review needs it"
    )


@pytest.mark.parametrize(
    ("section", "body"),
    [
        ("schedule", "  milestones: []\n"),
        ("flows", "  []\n"),
        ("market_research", "  summary: '  '\n  findings: []\n  market_size: {}\n"),
        ("competition", "  dimensions: []\n  x-note: not yet\n"),
    ],
)
def test_empty_core_section_lands_on_the_section(section: str, body: str) -> None:
    text = document("draft", **{section: body})
    assert found(text) == [("core-section-missing", at(text, f"{section}:"))]


@pytest.mark.parametrize(("status", "severity"), [("draft", "warning"), ("review", "error")])
def test_acceptance_criteria_missing(status: str, severity: str) -> None:
    text = document(
        status,
        requirements="""\
  - id: R1  # <1>
    title: One-tap checkout
    priority: must
  - id: R2  # <2>
    title: Refunds
    priority: must
    acceptance_criteria: ["  "]
  - id: R3
    title: Receipts
    priority: should
  - id: R4
    title: Gift cards
    priority: must
    status: deferred
  - id: R5
    title: Cash
    priority: must
    status: rejected
""",
        features="""\
  - id: F1
    name: One-tap pay
    requirements: [R1, R2]
""",
    )
    # Deferred and rejected ones are not to be built now: no criteria needed, as no feature.
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("acceptance-criteria-missing", at(text, "<1>"), severity),
        ("acceptance-criteria-missing", at(text, "<2>") + 3, severity),
    ]
    assert result.diagnostics[0].message == "must-have requirement R1 has no acceptance criteria"
    assert result.failed() is (severity == "error")


def test_minimal_draft_only_warns() -> None:
    text = document("draft", **{name: None for name in SECTIONS}).replace("must", "could")
    result = check(text)
    assert [d.rule for d in result.diagnostics] == ["core-section-missing"] * len(SECTIONS)
    assert {d.severity.value for d in result.diagnostics} == {"warning"}
    assert not result.failed()
