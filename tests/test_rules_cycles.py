"""Cycles: requirement-cycle, milestone-cycle, role-cycle — each cycle reported once."""

from __future__ import annotations

from tests.test_rules_base import at, check, document, found, message

FEATURES = """\
  - id: F1
    name: Everything
    requirements: [REQ-001, REQ-002, REQ-003, REQ-004]
"""


def requirements(*depends: str) -> str:
    """REQ-001… each `could`, with the given depends_on lines (already marked)."""
    out = ""
    for n, line in enumerate(depends, start=1):
        out += f"  - id: REQ-00{n}\n    title: Requirement {n}\n    priority: could\n"
        if line:
            out += f"    {line}\n"
    return out


def test_two_requirement_cycle_is_reported_once_at_the_closing_edge() -> None:
    text = document(
        requirements=requirements("", "depends_on: [REQ-004]", "", "depends_on: [REQ-002]  # <1>"),
        features=FEATURES,
    )
    assert found(text) == [("requirement-cycle", at(text, "<1>"))]
    assert message(text, "requirement-cycle") == (
        "REQ-002 depends on REQ-004, which depends on REQ-002"
    )
    assert check(text).diagnostics[0].pointer == "/requirements/3/depends_on/0"


def test_three_requirement_cycle_names_every_member() -> None:
    text = document(
        requirements=requirements(
            "depends_on: [REQ-002]",
            "depends_on: [REQ-003]",
            "depends_on: [REQ-001]  # <1>",
            "depends_on: [REQ-001]",
        ),
        features=FEATURES,
    )
    assert found(text) == [("requirement-cycle", at(text, "<1>"))]
    assert message(text, "requirement-cycle") == (
        "REQ-001 depends on REQ-002, which depends on REQ-003, which depends on REQ-001"
    )


def test_self_dependency() -> None:
    text = document(
        requirements=requirements("", "", "depends_on: [REQ-003]  # <1>", ""), features=FEATURES
    )
    assert found(text) == [("requirement-cycle", at(text, "<1>"))]
    assert message(text, "requirement-cycle") == "REQ-003 depends on itself"


def test_two_separate_cycles_are_two_findings() -> None:
    text = document(
        requirements=requirements(
            "depends_on: [REQ-002]",
            "depends_on: [REQ-001]  # <1>",
            "depends_on: [REQ-004]",
            "depends_on: [REQ-003]  # <2>",
        ),
        features=FEATURES,
    )
    assert found(text) == [
        ("requirement-cycle", at(text, "<1>")),
        ("requirement-cycle", at(text, "<2>")),
    ]


def test_a_repeated_closing_reference_is_one_finding() -> None:
    text = document(
        requirements=requirements(
            "depends_on: [REQ-002]", "depends_on: [REQ-001, REQ-001]  # <1>", "", ""
        ),
        features=FEATURES,
    )
    assert found(text) == [("requirement-cycle", at(text, "<1>"))]


def test_milestone_cycle() -> None:
    text = document(
        schedule="""\
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
      depends_on: [M2]
    - id: M2
      name: Launch
      due: 2026-03-01
      depends_on: [M1]  # <1>
"""
    )
    assert found(text) == [("milestone-cycle", at(text, "<1>"))]
    assert message(text, "milestone-cycle") == "milestone M1 depends on M2, which depends on M1"


def test_role_cycle() -> None:
    text = document(
        permissions="""\
  roles:
    - id: clerk
      name: Clerk
      inherits: [lead]
    - id: lead
      name: Team lead
      inherits: [clerk]  # <1>
"""
    )
    assert found(text) == [("role-cycle", at(text, "<1>"))]
    assert message(text, "role-cycle") == "role clerk inherits from lead, which inherits from clerk"


def test_references_of_the_wrong_kind_make_no_cycle() -> None:
    # R1 "depends on" feature F1, which lists R1: a reference error, not a requirement cycle.
    text = document(
        requirements="""\
  - id: R1
    title: One-tap checkout
    priority: could
    depends_on: [F1]  # <1>
"""
    )
    assert found(text) == [("wrong-kind-reference", at(text, "<1>"))]
