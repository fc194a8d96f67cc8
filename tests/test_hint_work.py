"""Hints ("did you mean …?") stay cheap: short names only, and a budget of work per rule.

Bounds are CPU seconds with a wide margin (a busy machine only adds wall time).
"""

from __future__ import annotations

import time

from benchmarks.attacks import long_dimensions, misspelt_steps
from prdkit.check import check_bytes
from prdkit.rules._common import HintWork, Suggester
from tests.test_rules_base import at, check, document


def test_a_misspelt_name_of_up_to_64_characters_gets_a_hint() -> None:
    name = "checkout-" + "x" * 55  # 64 characters
    assert str(Suggester([name, "other"]).hint(name[:-1] + "y")) == f"did you mean '{name}'?"


def test_a_word_over_64_characters_gets_no_hint() -> None:
    name = "checkout-" + "x" * 56  # 65 characters: a text, not a misspelt name
    assert Suggester([name]).hint(name[:-1] + "y") is None
    # A name that differs only in case is still found, at no cost.
    assert str(Suggester([name]).hint(name.upper())) == f"did you mean '{name}'?"


def test_suggesters_of_one_rule_share_its_work() -> None:
    # Each hint below compares a 5-letter word with two 5-letter names: 50 characters.
    work = HintWork(120)
    first, second = (
        Suggester(["price", "prize"], work=work),
        Suggester(["alpha", "omega"], work=work),
    )
    assert first.hint("pricy") is not None  # 70 left
    assert second.hint("alpho") is not None  # 20 left: not enough for another
    assert first.hint("prive") is None
    assert work.left == 20


def test_candidates_of_every_near_length_are_compared() -> None:
    # Candidates are grouped by length; a word of 6 letters meets those of 3 to 9.
    suggester = Suggester(["abc", "abcdefghij", "abcdefgh", "ab"])
    assert str(suggester.hint("abcdeh")) == "did you mean 'abcdefgh'?"


def test_a_flow_hint_still_names_the_close_step() -> None:
    text = document(
        flows="""\
  - id: FL1
    name: Pay
    steps:
      - id: choose
        action: Choose
        next: payy  # <1>
      - id: pay
        action: Pay
"""
    )
    (found,) = [d for d in check(text).diagnostics if d.rule == "unknown-step"]
    assert (found.line, found.hint) == (at(text, "<1>"), "did you mean 'pay'?")


def test_misspelt_steps_in_many_flows_are_checked_in_linear_time() -> None:
    # 200 flows of 100 look-alike steps, 25 misspelt targets each: 5,000 errors. With a
    # budget per flow, every one was compared with all 100 steps: 11.8 s of CPU.
    source = misspelt_steps(200)
    started = time.process_time()
    result = check_bytes(source, "steps.prd.yaml")
    elapsed = time.process_time() - started
    unknown = [d for d in result.diagnostics if d.rule == "unknown-step"]
    assert len(unknown) == 5000
    assert elapsed < 5, f"{elapsed:.1f}s of CPU"


def test_long_undeclared_dimensions_get_the_plain_hint_at_once() -> None:
    # Four undeclared dimensions of 40,000 characters, each near a declared one: comparing
    # them took 22 s of CPU; a text that long is not a misspelt name.
    started = time.process_time()
    result = check_bytes(long_dimensions(40_000), "dimensions.prd.yaml")
    elapsed = time.process_time() - started
    undeclared = [d for d in result.diagnostics if d.rule == "undeclared-dimension"]
    assert len(undeclared) == 4
    assert {d.hint for d in undeclared} == {"add it to competition.dimensions"}
    assert elapsed < 5, f"{elapsed:.1f}s of CPU"
