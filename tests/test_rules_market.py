"""Market, competition and metrics: market-size-order, undeclared-dimension, metric-direction."""

from __future__ import annotations

import pytest

from tests.test_rules_base import at, check, document, found, message


def research(size: str) -> str:
    return f"  summary: Slow checkouts lose sales.\n  market_size:\n{size}"


@pytest.mark.parametrize(
    ("size", "marked"),
    [
        ("    tam: 100\n    sam: 50\n    som: 10\n", False),
        ("    tam: 100\n    sam: 500  # <1>\n    som: 10\n", True),
        ("    tam: 100\n    som: 200  # <1>\n", True),
        ("    sam: 50\n    som: 60  # <1>\n", True),
        ("    tam: 100\n    sam: 100\n    som: 100\n", False),
    ],
)
def test_market_size_order(size: str, marked: bool) -> None:
    text = document(market_research=research(size))
    assert found(text) == ([("market-size-order", at(text, "<1>"))] if marked else [])


def test_market_size_message() -> None:
    text = document(market_research=research("    tam: 1000000\n    sam: 5000000\n"))
    assert message(text, "market-size-order") == (
        "market_size: SAM (5,000,000) is larger than TAM (1,000,000)"
    )


def test_undeclared_dimension_lands_on_the_key() -> None:
    text = document(
        competition="""\
  competitors:
    - id: acme
      name: Acme
  dimensions: [price, delivery]
  matrix:
    us:
      price: free
      x-note: internal
    acme:
      delivery: 2 days
      prize: low  # <1>
"""
    )
    result = check(text)
    assert [(d.rule, d.line, d.column) for d in result.diagnostics] == [
        ("undeclared-dimension", at(text, "<1>"), 7)
    ]
    assert result.diagnostics[0].message == (
        "competition.matrix row 'acme' compares 'prize', which is not listed in "
        "competition.dimensions"
    )
    assert result.diagnostics[0].hint == "did you mean 'price'?"


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "warned"),
    [
        ("increase", 3.2, 2.5, True),
        ("increase", 3.2, 4.0, False),
        ("decrease", 90, 120, True),
        ("decrease", 90, 20, False),
        (None, 10, 5, True),  # increase is the default
        ("increase", 3, 3, False),
    ],
)
def test_metric_direction(
    direction: str | None, baseline: float, target: float, warned: bool
) -> None:
    line = f"    direction: {direction}\n" if direction else ""
    text = document(
        metrics=f"""\
  - id: K1
    name: Conversion rate
    baseline: {baseline}
    target: {target}  # <1>
{line}"""
    )
    result = check(text)
    assert [(d.rule, d.line) for d in result.diagnostics] == (
        [("metric-direction", at(text, "<1>"))] if warned else []
    )
    assert all(d.severity.value == "warning" for d in result.diagnostics)


def test_metric_direction_message() -> None:
    text = document(
        metrics="""\
  - id: K-time
    name: Time to pay
    baseline: 90
    target: 120
    direction: decrease
"""
    )
    assert message(text, "metric-direction") == (
        "metric K-time should decrease, but its target 120 is above its baseline 90"
    )
