"""Per-item suppression with `x-prdkit-ignore`, and suppression-invalid."""

from __future__ import annotations

from prdkit.config import Config
from tests.test_rules_base import at, document, found, message

UNCOVERED = """\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [Pays in one tap]
  - id: R2  # <1>
    title: Legal footer
    priority: must
{ignore}"""


def test_ignore_drops_the_rule_on_that_item_only() -> None:
    plain = document(requirements=UNCOVERED.format(ignore=""))
    assert found(plain) == [
        ("acceptance-criteria-missing", at(plain, "<1>")),
        ("must-without-feature", at(plain, "<1>")),
    ]
    ignored = document(
        requirements=UNCOVERED.format(ignore="    x-prdkit-ignore: [must-without-feature]\n")
    )
    assert found(ignored) == [("acceptance-criteria-missing", at(ignored, "<1>"))]


def test_ignore_covers_everything_below_the_item() -> None:
    text = document(
        requirements="""\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [Pays in one tap, TODO]
    x-prdkit-ignore: [placeholder]
  - id: R2
    title: Receipt TBD  # <1>
    priority: could
"""
    )
    assert found(text) == [("placeholder", at(text, "<1>"))]


def test_ignore_at_the_top_covers_the_document() -> None:
    text = document(requirements=UNCOVERED.format(ignore=""))
    text += "x-prdkit-ignore: [must-without-feature, acceptance-criteria-missing]\n"
    assert found(text) == []


def test_invalid_ignores_are_warnings() -> None:
    text = document(
        requirements=UNCOVERED.format(
            ignore="""\
    x-prdkit-ignore:
      - must-without-feature
      - palceholder  # <2>
      - schema-enum  # <3>
      - 7  # <4>
"""
        ),
        features="""\
  - id: F1
    name: One-tap pay
    requirements: [R1, R2]
    x-prdkit-ignore: placeholder  # <5>
""",
    )
    assert found(text) == [
        ("acceptance-criteria-missing", at(text, "<1>")),
        ("suppression-invalid", at(text, "<2>")),
        ("suppression-invalid", at(text, "<3>")),
        ("suppression-invalid", at(text, "<4>")),
        ("suppression-invalid", at(text, "<5>")),
    ]
    only_unknown = document(
        requirements=UNCOVERED.format(ignore="    x-prdkit-ignore: [must-without-feature, nope]\n")
    )
    assert message(only_unknown, "suppression-invalid") == (
        "x-prdkit-ignore names 'nope', which is not a rule id"
    )


def test_suppression_invalid_can_be_configured_off() -> None:
    text = document(
        requirements=UNCOVERED.format(ignore="    x-prdkit-ignore: [nope, must-without-feature]\n")
    )
    quiet = Config(overrides={"suppression-invalid": None})
    assert found(text, quiet) == [("acceptance-criteria-missing", at(text, "<1>"))]


def test_an_ignore_key_spelled_with_escapes_still_suppresses() -> None:
    key = '"x-prdkit-\\x69gnore"'
    text = document(requirements=UNCOVERED.format(ignore=f"    {key}: [must-without-feature]\n"))
    assert "x-prdkit-ignore" not in text
    assert found(text) == [("acceptance-criteria-missing", at(text, "<1>"))]
