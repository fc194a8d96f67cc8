"""Assumptions, dependencies, alternatives and launch: each rule at its exact line, and the
relaxed rules (metric targets, must-without-feature) both ways."""

from __future__ import annotations

import pytest

from tests.test_rules_base import at, check, document, found, message

APPROVAL = "approvals:\n  - name: Cy\n    decision: approved\n"


def test_rollout_percent_decreasing() -> None:
    text = document(
        launch="""\
  rollout:
    - id: S1
      name: Staff
      percent: 0
    - id: S2
      name: Canary
      percent: 20
    - id: S3
      name: Hangzhou only
      audience: Shoppers in Hangzhou
    - id: S4
      name: Wider
      percent: 5  # <1>
    - id: S5
      name: Everyone
      percent: 100
""",
    )
    assert found(text) == [("rollout-percent-decreasing", at(text, "<1>"))]
    assert message(text, "rollout-percent-decreasing") == (
        "rollout stage S4 reaches 5% of users, fewer than the 20% of stage S2 before it"
    )


def test_rollout_that_only_widens_is_clean() -> None:
    text = document(
        launch="""\
  rollout:
    - id: S1
      name: Canary
      percent: 5
    - id: S2
      name: Same again in another city
      percent: 5
    - id: S3
      name: Everyone
      percent: 100
""",
    )
    assert found(text) == []


DEPENDENCIES = """\
  - id: D1
    name: Refund API
    needed_by: 2026-01-15  # <1>
    status: open
  - id: D2
    name: Legal sign-off
    needed_by: 2026-01-20  # <2>
  - id: D3
    name: Card vault
    needed_by: 2026-01-10
    status: delivered
  - id: D4
    name: Risk engine
    needed_by: 2026-01-10
    status: agreed
  - id: D5
    name: SMS vendor
    needed_by: 2026-03-01
    status: blocked
  - id: D6
    name: Fraud team
    needed_by: 2026-01-02  # <3>
    status: blocked
"""


def test_dependency_overdue_relative_to_updated() -> None:
    text = document(dependencies=DEPENDENCIES).replace(
        "  owner: Ann\n", "  owner: Ann\n  updated: 2026-02-01\n", 1
    )
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("dependency-overdue", at(text, "<1>"), "warning"),
        ("dependency-overdue", at(text, "<2>"), "warning"),
        ("dependency-overdue", at(text, "<3>"), "warning"),
    ]
    assert result.diagnostics[0].message == (
        "dependency D1 was needed by 2026-01-15 but is still open (document updated 2026-02-01)"
    )


def test_dependency_without_updated_date_is_not_judged() -> None:
    assert found(document(dependencies=DEPENDENCIES)) == []


def _approved(**sections: str) -> str:
    return document("approved", **sections) + APPROVAL


def test_open_assumption_and_alternative_fail_approval() -> None:
    text = _approved(
        assumptions="""\
  - id: A1
    statement: Shoppers keep a card on file.
    status: validated
  - id: A2
    statement: Banks allow one-tap payments.
    status: open  # <1>
  - id: A3  # <2>
    statement: Nobody minds.
""",
        alternatives="""\
  - id: ALT1
    name: Wallet of our own
    decision: rejected
  - id: ALT2
    name: Pay later
    decision: open  # <3>
""",
    )
    assert found(text) == [
        ("assumption-open", at(text, "<1>")),
        ("assumption-open", at(text, "<2>")),
        ("alternative-open", at(text, "<3>")),
    ]
    assert [d.severity.value for d in check(text).diagnostics] == ["error"] * 3


def test_open_assumption_and_alternative_are_fine_before_approval() -> None:
    sections = {
        "assumptions": "  - id: A1\n    statement: Banks allow it.\n    status: open\n",
        "alternatives": "  - id: ALT1\n    name: Pay later\n    decision: open\n",
    }
    assert found(document("review", **sections)) == []


# -- metric targets: optional while drafting, required from review

NO_TARGET = """\
  - id: K1
    name: Conversion rate
    target: 3.5
  - id: K2  # <1>
    name: Repeat purchases
    baseline: 12
"""


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("review", "error"), ("approved", "error")],
)
def test_metric_target_missing_by_status(status: str, severity: str) -> None:
    text = document(status, metrics=NO_TARGET) + (APPROVAL if status == "approved" else "")
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("metric-target-missing", at(text, "<1>"), severity)
    ]


def test_metric_without_target_is_not_a_direction_problem() -> None:
    text = document(metrics=NO_TARGET)
    assert [rule for rule, _ in found(text)] == ["metric-target-missing"]
    assert message(text, "metric-target-missing") == (
        "metric K2 has no target; it is needed before review"
    )


# -- must-without-feature: only what a feature can deliver, never what is not being built

KINDS = """\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [Pays in one tap]
  - id: R2
    title: Pages load in a second
    priority: must
    kind: nonfunctional
    acceptance_criteria: [p95 below 1 s]
  - id: R3
    title: PCI compliance
    priority: must
    kind: business
    acceptance_criteria: [Audit passed]
  - id: R4
    title: On-call rota
    priority: must
    kind: operational
    acceptance_criteria: [Rota published]
  - id: R5  # <1>
    title: Saved addresses
    priority: must
    kind: user
    acceptance_criteria: [Address filled in]
  - id: R6  # <2>
    title: Card form
    priority: must
    kind: functional
    acceptance_criteria: [Card saved]
  - id: R7
    title: Crypto
    priority: must
    status: rejected
    acceptance_criteria: [None]
  - id: R8
    title: Gift cards
    priority: must
    status: deferred
    acceptance_criteria: [Later]
"""


def test_must_without_feature_only_for_deliverable_kinds() -> None:
    text = document("review", requirements=KINDS)
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("must-without-feature", at(text, "<1>"), "error"),
        ("must-without-feature", at(text, "<2>"), "error"),
    ]


def test_deliverable_kinds_covered_by_a_feature_are_clean() -> None:
    text = document(
        "review",
        requirements=KINDS,
        features="""\
  - id: F1
    name: One-tap pay
    requirements: [R1, R5, R6]
""",
    )
    assert found(text) == []


def test_dependency_requirements_resolve() -> None:
    text = document(
        dependencies="""\
  - id: D1
    name: Refund API
    requirements: [R1, R9]  # <1>
  - id: D2
    name: Card vault
    requirements: [F1]  # <2>
""",
    )
    assert found(text) == [
        ("unresolved-reference", at(text, "<1>")),
        ("wrong-kind-reference", at(text, "<2>")),
    ]
    assert message(text, "unresolved-reference") == (
        "dependency D1 lists 'R9' under requirements, but no item has the id 'R9'"
    )


def test_planning_ids_share_the_namespace() -> None:
    text = document(
        assumptions="  - id: R1  # <1>\n    statement: Same id as a requirement.\n",
    )
    assert found(text) == [("duplicate-id", at(text, "<1>"))]
