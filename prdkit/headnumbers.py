"""Heading numbers (1 / 1.1 or 一、 / （一）): the counters both writers number their outline with.

The patterns live in `i18n.HEADING_NUMBERS`; the Word writer hands the same patterns to Word's
list numbering, so the numbers this module prints are the ones Word computes.
"""

from __future__ import annotations

import re

from prdkit.i18n import HEADING_NUMBERS

__all__ = ["HeadingCounter", "chinese_count", "levels"]

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_SLOT = re.compile(r"%([1-9])")


def levels(lang: str) -> tuple[tuple[str, str, str], ...]:
    """(Word number format, pattern, suffix) of each numbered level in `lang`."""
    return HEADING_NUMBERS["zh" if lang == "zh" else "en"]


def chinese_count(n: int) -> str:
    """`n` in Chinese counting numerals as Word writes them: 一, 十, 十一, 二十一, 一百零一."""
    if not 0 < n < 10000:
        return str(n)
    out: list[str] = []
    rest = n
    gap = False  # a skipped place between two written ones reads 零
    for size, unit in _UNITS:
        digit, rest = divmod(rest, size)
        if digit:
            if gap and out:
                out.append("零")
            # 十一 rather than 一十一 when the tens lead the number.
            out.append(unit if (digit == 1 and size == 10 and not out) else _DIGITS[digit] + unit)
            gap = False
        elif out:
            gap = True
    if rest:
        if gap:
            out.append("零")
        out.append(_DIGITS[rest])
    return "".join(out)


def _counter(value: int, fmt: str) -> str:
    return chinese_count(value) if fmt == "chineseCounting" else str(value)


class HeadingCounter:
    """Hands out the number of each heading in document order; deeper levels restart."""

    def __init__(self, lang: str) -> None:
        self._levels = levels(lang)
        self._counts = [0] * len(self._levels)
        # Each pattern split once into its text and the levels it shows (%1 → level 0).
        self._pieces = [_pieces(pattern) for _, pattern, _ in self._levels]

    def next(self, level: int) -> str:
        """The number of the next heading of `level` (1-based) with its suffix; "" if unnumbered."""
        if not 1 <= level <= len(self._levels):
            return ""
        counts = self._counts
        counts[level - 1] += 1
        for deeper in range(level, len(counts)):
            counts[deeper] = 0
        out = [
            piece
            if isinstance(piece, str)
            else _counter(max(counts[piece], 1), self._levels[piece][0])
            for piece in self._pieces[level - 1]
        ]
        return "".join(out) + self._levels[level - 1][2]


def _pieces(pattern: str) -> list[str | int]:
    """`pattern` as its literal text and the 0-based levels of its slots, in order."""
    pieces: list[str | int] = []
    start = 0
    for match in _SLOT.finditer(pattern):
        pieces += [pattern[start : match.start()], int(match.group(1)) - 1]
        start = match.end()
    pieces.append(pattern[start:])
    return [piece for piece in pieces if piece != ""]
