"""Amounts as their readers expect them: 万/亿 in Chinese, K/M/B summaries in English."""

from __future__ import annotations

import pytest

from prdkit.layout.numbers import money


@pytest.mark.parametrize(
    ("value", "currency", "text"),
    [
        (1_500_000_000_000, "CNY", "1.5 万亿元"),
        (180_000_000_000, "CNY", "1800 亿元"),
        (1_300_000_000, "CNY", "13 亿元"),
        (3_000_000, "CNY", "300 万元"),
        (12_000, "CNY", "1.2 万元"),
        (9_900, "CNY", "9,900 元"),
        (1_234_567, "CNY", "123.4567 万元"),  # exact: no digit is lost
        (150_000, "USD", "15 万美元"),
        (2_000_000, "XYZ", "200 万 XYZ"),
        (2_000_000, None, "200 万"),
        (0.5, "RMB", "0.5 元"),
    ],
)
def test_chinese_scales_to_wan_and_yi_exactly(value, currency, text):
    cell = money(value, currency, "zh")
    assert cell.text == text
    assert cell.value == value  # the exact amount stays with the cell


@pytest.mark.parametrize(
    ("value", "summary", "text"),
    [
        (1_500_000_000_000, True, "1.5T CNY"),
        (180_000_000_000, True, "180B CNY"),
        (420_000_000, True, "420M CNY"),
        (1_234_567, True, "≈1.23M CNY"),  # rounded, and says so
        (999_999, True, "999,999 CNY"),
        (1_500_000_000_000, False, "1,500,000,000,000 CNY"),
        (1234.5678, False, "1,234.5678 CNY"),
    ],
)
def test_english_summaries_round_to_millions_and_details_stay_exact(value, summary, text):
    assert money(value, "CNY", "en", summary=summary).text == text


def test_amounts_beyond_any_market_stay_exact():
    assert money(10**20, "CNY", "zh").text == "100,000,000,000,000,000,000 元"
