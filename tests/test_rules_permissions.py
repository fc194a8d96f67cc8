"""Permissions: separation-of-duties, four-eyes, guardrail-without-approver,
unguarded-high-risk-action."""

from __future__ import annotations

from tests.test_rules_base import at, check, document, found, message

ACTIONS = """\
  actions:
    - id: price.set
      name: Set a price
    - id: price.approve
      name: Approve a price
"""
SOD = """\
  separation_of_duties:
    - actions: [price.set, price.approve]
"""


def test_role_holding_both_actions_directly() -> None:
    text = document(
        permissions="""\
  roles:
    - id: ops
      name: Operations
"""
        + ACTIONS
        + """\
  grants:
    ops: [price.set, price.approve]  # <1>
"""
        + SOD
    )
    result = check(text)
    assert [(d.rule, d.line, d.column) for d in result.diagnostics] == [
        ("separation-of-duties", at(text, "<1>"), 5)
    ]
    assert result.diagnostics[0].message == (
        "role ops holds 'price.set' and 'price.approve', which separation_of_duties #1 keeps apart"
    )


def test_inherited_grants_count_and_the_root_cause_is_reported_once() -> None:
    # lead inherits price.approve from finance: lead is reported, its child senior is not.
    text = document(
        permissions="""\
  roles:
    - id: finance
      name: Finance
    - id: lead
      name: Team lead
      inherits: [finance]
    - id: senior
      name: Senior lead
      inherits: [lead]
"""
        + ACTIONS
        + """\
  grants:
    finance: [price.approve]
    lead: [price.set]  # <1>
"""
        + SOD
    )
    assert found(text) == [("separation-of-duties", at(text, "<1>"))]
    assert message(text, "separation-of-duties") == (
        "role lead holds 'price.set' and 'price.approve' ('price.approve' inherited), "
        "which separation_of_duties #1 keeps apart"
    )


def test_role_holding_both_only_through_two_parents() -> None:
    text = document(
        permissions="""\
  roles:
    - id: setter
      name: Setter
    - id: approver
      name: Approver
    - id: boss
      name: Boss
      inherits: [setter, approver]  # <1>
"""
        + ACTIONS
        + """\
  grants:
    setter: [price.set]
    approver: [price.approve]
"""
        + SOD
    )
    assert found(text) == [("separation-of-duties", at(text, "<1>"))]


def guarded(control: str, approver: str, grants: str) -> str:
    return document(
        permissions=f"""\
  roles:
    - id: agent
      name: Agent
    - id: lead
      name: Lead
      inherits: [agent]
    - id: finance
      name: Finance
  actions:
    - id: refund
      name: Refund an order
      risk: high
  grants:
{grants}""",
        guardrails=f"""\
  - id: G1
    action: refund
    control: {control}
{approver}""",
    )


def test_four_eyes_direct_and_inherited() -> None:
    direct = guarded("approval", "    approver: agent  # <1>\n", "    agent: [refund]\n")
    assert found(direct) == [("four-eyes", at(direct, "<1>"))]
    assert message(direct, "four-eyes") == (
        "guardrail G1 has role agent approve 'refund', but agent may do 'refund' itself"
    )
    inherited = guarded("confirmation", "    approver: lead  # <1>\n", "    agent: [refund]\n")
    assert found(inherited) == [("four-eyes", at(inherited, "<1>"))]
    assert message(inherited, "four-eyes").endswith("may do 'refund' itself (inherited)")


def test_four_eyes_satisfied() -> None:
    text = guarded("approval", "    approver: finance\n", "    agent: [refund]\n")
    assert found(text) == []


def test_guardrail_without_approver() -> None:
    text = guarded("approval", "", "    agent: [refund]\n")
    assert found(text) == [("guardrail-without-approver", at(text, "- id: G1"))]
    assert message(text, "guardrail-without-approver") == (
        "guardrail G1 is an approval of 'refund' but names no approver"
    )
    # Other controls need no approver.
    assert found(guarded("limit", "", "    agent: [refund]\n")) == []


def test_unguarded_high_risk_action() -> None:
    text = document(
        permissions="""\
  actions:
    - id: refund
      name: Refund an order
      risk: high  # <1>
    - id: export
      name: Export orders
      risk: medium
"""
    )
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("unguarded-high-risk-action", at(text, "<1>"), "warning")
    ]
    assert (
        result.diagnostics[0].message == "action refund is high-risk, but no guardrail protects it"
    )
