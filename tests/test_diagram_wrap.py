"""Wrapping measures each unit, its space and its breaks once per text and fills every width
from them; it cuts the same lines as the plain fill below, which measures as it goes."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.diagrams.measure import (
    _NO_LINE_END,
    _NO_LINE_START,
    _soft,
    columns,
    em,
    text_width,
    wrap,
)

# Wide and narrow characters, spaces, the marks that may not start or end a line and the
# ones that end a phrase: every branch of cutting and breaking.
PIECES = [
    "中",
    "文",
    "，",
    "。",
    "（",
    "）",
    "《",
    "》",
    "a",
    "Wi",
    "SKU",
    " ",
    "  ",
    "(",
    ")",
    ",",
    ".",
]


def plain_units(text: str) -> list[tuple[str, bool]]:
    units: list[list] = []
    space = False
    for char in " ".join(text.split()):
        if char == " ":
            space = True
            continue
        previous = units[-1][0][-1] if units else ""
        joins = bool(units) and not space
        joins = joins and (
            char in _NO_LINE_START
            or previous in _NO_LINE_END
            or (columns(char) == 1 and columns(previous) == 1)
        )
        if joins:
            units[-1][0] += char
        else:
            units.append([char, space])
        space = False
    return [(t, s) for t, s in units]


def plain_fill(units: list[tuple[str, bool]], width: float, measure) -> tuple[list[int], int]:
    starts, ends, hard, first = [0], [], 0, 0
    space = measure(" ")
    for index, unit in enumerate(units):
        size = text_width(unit[0], measure)
        while ends and ends[-1] + space * unit[1] + size > width:
            cut = count = index - first
            if not _soft(units[index - 1], unit):
                for n in range(count - 1, 0, -1):
                    if _soft(units[first + n - 1], units[first + n]) and ends[n - 1] >= width / 2:
                        cut = n
                        break
            hard += not _soft(units[first + cut - 1], units[first + cut])
            first += cut
            starts.append(first)
            ends = []
            for n in range(first, index):
                gap = space if n > first and units[n][1] else 0.0
                ends.append((ends[-1] if ends else 0.0) + gap + text_width(units[n][0], measure))
        gap = space if ends and unit[1] else 0.0
        ends.append((ends[-1] if ends else 0.0) + gap + size)
    return starts, hard


def plain_wrap(text: str, width: float, measure) -> list[str]:
    units = plain_units(text)

    def lines(starts: list[int]) -> list[str]:
        bounds = [*starts, len(units)]
        return [
            "".join((" " if n and s else "") + u for n, (u, s) in enumerate(units[a:b]))
            for a, b in itertools.pairwise(bounds)
        ]

    if not units:
        return []
    starts, hard = plain_fill(units, width, measure)
    if len(starts) > 1:
        total = text_width(" ".join(lines(starts)), measure)
        step = 1.0 if measure is columns else 0.25
        narrower = -(-total // len(starts)) if measure is columns else total / len(starts)
        while narrower < width:
            even, even_hard = plain_fill(units, narrower, measure)
            if len(even) == len(starts) and even_hard <= hard:
                return lines(even)
            narrower += step
    return lines(starts)


@settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=40),
    width=st.sampled_from([1.0, 2.5, 4.0, 6.0, 7.0, 8.0, 13.0, 16.0, 28.0]),
    measure=st.sampled_from([em, columns]),
)
def test_wrap_cuts_the_lines_the_plain_fill_cuts(pieces, width, measure):
    text = "".join(pieces)
    assert wrap(text, width, measure) == plain_wrap(text, width, measure)
