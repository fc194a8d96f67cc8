"""Flows: duplicate-step-id, unknown-step, unreachable-step, unknown-actor."""

from __future__ import annotations

from tests.test_rules_base import at, document, found, message


def flow(steps: str, actors: str = "") -> str:
    return f"""\
  - id: FL1
    name: Checkout
{actors}    steps:
{steps}"""


def test_branching_flow_is_clean() -> None:
    text = document(
        flows=flow(
            """\
      - id: S1
        action: Pay
        actor: Shopper
        branches:
          - when: declined
            next: S3
          - when: paid
            next: S2
      - id: S2
        action: Show receipt
        end: true
      - id: S3
        action: Show error
        next: S1
""",
            actors="    actors: [Shopper]\n",
        )
    )
    assert found(text) == []


def test_duplicate_step_id() -> None:
    text = document(
        flows=flow(
            """\
      - id: S1
        action: Open the cart
      - id: S1  # <1>
        action: Pay
"""
        )
    )
    assert found(text) == [("duplicate-step-id", at(text, "<1>"))]
    assert message(text, "duplicate-step-id") == "flow FL1 has a second step with the id 'S1'"


def test_unknown_step_in_next_and_in_a_branch() -> None:
    text = document(
        flows=flow(
            """\
      - id: S1
        action: Open the cart
        next: S3  # <1>
      - id: S2
        action: Pay
        branches:
          - when: declined
            next: S1
          - when: paid
            next: done  # <2>
"""
        )
    )
    # S2 is unreachable too: S1's only exit goes nowhere.
    assert found(text) == [
        ("unknown-step", at(text, "<1>")),
        ("unreachable-step", at(text, "id: S2")),
        ("unknown-step", at(text, "<2>")),
    ]
    assert message(text.replace("next: done", "next: S1"), "unknown-step") == (
        "step S1 of flow FL1 goes to 'S3', which is not a step of this flow"
    )


def test_unreachable_stretch_is_one_finding_naming_the_followers() -> None:
    text = document(
        flows=flow(
            """\
      - id: S1
        action: Open the cart
        end: true
      - id: S2  # <1>
        action: Pay
      - id: S3
        action: Show receipt
"""
        )
    )
    assert found(text) == [("unreachable-step", at(text, "<1>"))]
    assert message(text, "unreachable-step") == (
        "step S2 of flow FL1 cannot be reached from its first step S1 "
        "(nor can 'S3', which follow it)"
    )


def test_unknown_actor() -> None:
    text = document(
        flows=flow(
            """\
      - id: S1
        action: Pay
        actor: Shopper
      - id: S2
        action: Pack
        actor: Shoper  # <1>
""",
            actors="    actors: [Shopper, Warehouse]\n",
        )
    )
    assert found(text) == [("unknown-actor", at(text, "<1>"))]
    assert message(text, "unknown-actor") == (
        "step S2 of flow FL1 is done by 'Shoper', who is not among the flow's actors "
        "('Shopper' and 'Warehouse')"
    )


def test_actor_is_free_when_the_flow_lists_no_actors() -> None:
    text = document(flows=flow("      - id: S1\n        action: Pay\n        actor: Anyone\n"))
    assert found(text) == []
