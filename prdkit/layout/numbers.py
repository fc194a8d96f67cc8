"""Numbers in the one house format, shared by every writer."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from prdkit.i18n import CURRENCY_WORDS, SCALES
from prdkit.layout.cells import Number

_HUGE = Decimal(10) ** 18

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


def money(
    value: float | int, currency: str | None, lang: str = "en", *, summary: bool = False
) -> Number:
    """An amount of money as a reader of `lang` expects it.

    Chinese scales large amounts to 万, 亿 or 万亿, exactly, and names the currency in words
    where it has one (1.5 万亿元, 180 亿元, 3.2 万美元). English shows the exact amount with
    thousands separators (`1,200 CNY`), or, in a `summary` such as a market size, rounds
    amounts from a million up to three figures and M, B or T (`1.5T CNY`, `≈1.23M USD`).
    """
    if lang == "zh":
        scaled = _scaled(value, SCALES["zh"], exact=True)
        word = CURRENCY_WORDS.get((currency or "").upper())
        if scaled is None:
            scaled = number_text(value) + (" " if word else "")
        if word:
            return Number(value, f"{scaled}{word}", currency)
        return Number(value, f"{scaled} {currency}" if currency else scaled, currency)
    elif summary:
        scaled = _scaled(value, SCALES["en"], exact=False)
        if scaled is not None:
            return Number(value, f"{scaled} {currency}" if currency else scaled, currency)
    text = number_text(value)
    return Number(value, f"{text} {currency}".strip() if currency else text, currency)


def _scaled(value: float | int, scales: tuple[tuple[int, str], ...], *, exact: bool) -> str | None:
    """`value` in the largest scale it reaches (`1.5 万亿`, `1.5T`); None below them all."""
    try:
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or abs(amount) >= _HUGE:  # beyond any market: leave it exact
        return None
    for power, suffix in scales:
        if abs(amount) >= Decimal(10) ** power:
            shifted = amount.scaleb(-power)
            if exact:
                return f"{_plain(shifted)} {suffix}"
            rounded = _significant(shifted, 3)
            mark = "" if rounded == shifted else "≈"
            return f"{mark}{_plain(rounded)}{suffix}"
    return None


def _significant(value: Decimal, digits: int) -> Decimal:
    """`value` rounded to `digits` significant figures."""
    if not value:
        return value
    return value.quantize(Decimal(1).scaleb(value.adjusted() - digits + 1))


def _plain(value: Decimal) -> str:
    """`value` in positional notation without trailing zeros (`1.5`, `1800`, `13`)."""
    return format(value.normalize(), "f")
