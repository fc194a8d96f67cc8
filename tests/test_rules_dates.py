"""Dates: date-order and milestone-before-dependency."""

from __future__ import annotations

import pytest

from tests.test_rules_base import at, document, found, message


def test_milestone_due_before_start() -> None:
    text = document(
        schedule="""\
  milestones:
    - id: M1
      name: Beta
      start: 2026-05-01
      due: 2026-03-01  # <1>
"""
    )
    assert found(text) == [("date-order", at(text, "<1>"))]
    assert (
        message(text, "date-order")
        == "milestone M1 is due on 2026-03-01, before it starts (2026-05-01)"
    )


def test_resource_and_campaign_periods() -> None:
    text = document(
        resources="""\
  - team: Payments
    from: 2026-04-01
    to: 2026-03-01  # <1>
  - team: Growth
    from: 2026-03-01
    to: 2026-03-01
""",
        operations="""\
  campaigns:
    - id: C1
      name: Launch
      start: 2026-06-01
      end: 2026-05-01  # <2>
""",
    )
    assert found(text) == [("date-order", at(text, "<1>")), ("date-order", at(text, "<2>"))]


def test_meta_updated_before_created() -> None:
    text = document().replace(
        "  owner: Ann\n", "  owner: Ann\n  created: 2026-02-01\n  updated: 2026-01-01  # <1>\n"
    )
    assert found(text) == [("date-order", at(text, "<1>"))]


@pytest.mark.parametrize(
    ("start", "due", "expected"),
    [
        ("start: 2026-04-01", "2026-06-01", True),
        ("start: 2026-05-01", "2026-06-01", False),  # on the dependency's due date: fine
        ("", "2026-04-20", True),  # no start: it starts, at the latest, when it is due
        ("", "2026-05-01", False),
    ],
)
def test_milestone_before_dependency(start: str, due: str, expected: bool) -> None:
    text = document(
        schedule=f"""\
  milestones:
    - id: M1
      name: Beta
      due: 2026-05-01
    - id: M2
      name: Launch
      {start}
      due: {due}
      depends_on: [M1]  # <1>
"""
    )
    assert found(text) == ([("milestone-before-dependency", at(text, "<1>"))] if expected else [])


def test_milestone_before_dependency_message() -> None:
    text = document(
        schedule="""\
  milestones:
    - id: M1
      name: Beta
      due: 2026-05-01
    - id: M2
      name: Launch
      start: 2026-04-01
      due: 2026-06-01
      depends_on: [M1]
"""
    )
    assert message(text, "milestone-before-dependency") == (
        "milestone M2 starts on 2026-04-01, before milestone M1, which it depends on, "
        "is due (2026-05-01)"
    )
