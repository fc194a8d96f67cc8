"""Numbers in the one house format, shared by every writer."""

from __future__ import annotations

from prdkit.layout.cells import Number

__all__ = ["amount", "money", "number", "number_text", "score_text"]


def number_text(value: float | int) -> str:
    """`value` exactly as written, with thousands separators: `1,234.5678`, `12`, `0.5`.

    An author's number is shown in full (a budget of 1234.5678 is not 1,234.57); integral
    floats drop their `.0`. Floats format by their shortest round-trip form, so no noise.
    """
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return format(value, ",")


def score_text(value: float) -> str:
    """A computed score to two decimals at most (`1,600`, `12.5`, `0.33`)."""
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(text: str, unit: str | None) -> str:
    """A formatted number and its unit: symbols hug the number (`5%`), words stand apart."""
    if not unit:
        return text
    joined = not unit[0].isalnum() or unit in ("%", "‰")
    return f"{text}{'' if joined else ' '}{unit}"


def number(value: float | int, unit: str | None = None) -> Number:
    """A number cell of `value` with `unit` (a unit symbol or a currency code)."""
    return Number(value, amount(number_text(value), unit), unit)


def money(value: float | int, currency: str | None) -> Number:
    """An amount of money: the number, then its currency code (`1,200 CNY`)."""
    text = number_text(value)
    return Number(value, f"{text} {currency}".strip() if currency else text, currency)
