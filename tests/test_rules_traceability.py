"""Traceability: feature-without-requirement and must-without-feature, graded by status."""

from __future__ import annotations

import pytest

from tests.test_rules_base import at, check, document, message


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("review", "error"), ("approved", "error"), ("deprecated", "warning")],
)
def test_feature_without_requirement(status: str, severity: str) -> None:
    text = document(
        status,
        features="""\
  - id: F1
    name: One-tap pay
    requirements: [R1]
  - id: F2  # <1>
    name: Dark mode
""",
    )
    if status == "approved":
        text += "approvals:\n  - name: Cy\n    decision: approved\n"
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("feature-without-requirement", at(text, "<1>"), severity)
    ]
    assert result.diagnostics[0].message == "feature F2 traces to no requirement"


def test_must_without_feature() -> None:
    text = document(
        requirements="""\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [Pays in one tap]
  - id: R2  # <1>
    title: Refunds
    priority: must
    acceptance_criteria: [Agent refunds]
  - id: R3
    title: Dark mode
    priority: should
  - id: R4
    title: Crypto
    priority: must
    status: rejected
""",
    )
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("must-without-feature", at(text, "<1>"), "warning")
    ]
    assert message(text, "must-without-feature") == (
        "must-have requirement R2 is not delivered by any feature"
    )
