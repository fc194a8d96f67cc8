"""How wide text is and where it may break: the sizes every diagram's boxes are cut to.

Widths are in em (the font size): a Chinese character or any fullwidth form is a whole em,
Latin letters follow Arial's advance widths closely enough that a box never clips its text.
Breaks fall at spaces or between wide characters, never inside a word or before a closing
mark, so a label reads as a phrase on every line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

__all__ = ["columns", "em", "text_width", "wrap"]

# Punctuation that may not start a wrapped line (it belongs to the text before it), and
# opening marks that may not end one.
_NO_LINE_START = frozenset("，。、；：！？）》」』”’,.;:!?)")
_NO_LINE_END = frozenset("（《「『“‘(")

# Arial's advances, grouped: a close upper bound per group keeps the table small.
_NARROW = dict.fromkeys(" iljI.,:;'|!`", 0.28)
_NARROW.update(dict.fromkeys('frt()[]{}-/\\"*', 0.36))
_NARROW.update(dict.fromkeys("mwMW@%", 0.86))


def columns(char: str) -> int:
    """2 for a wide (CJK or fullwidth) character, else 1: the monospace measure."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def em(char: str) -> float:
    """The advance of `char` in em, at most a little wider than the real glyph."""
    known = _NARROW.get(char)
    if known is not None:
        return known
    kind = unicodedata.east_asian_width(char)
    if kind in "WF":
        return 1.0
    if kind == "A":  # ambiguous width: ellipses, middle dots, curly quotes in a CJK font
        return 0.8
    if char.isupper():
        return 0.68
    return 0.56


def text_width(text: str, measure: Callable[[str], float] = em) -> float:
    """The width of `text` on one line, in the unit of `measure`."""
    return sum(measure(c) for c in text)


def _units(text: str) -> list[tuple[str, bool]]:
    # A unit never breaks: a narrow word, or one wide character with any closing punctuation.
    units: list[list] = []  # [text, space before]
    space = False
    for char in " ".join(text.split()):
        if char == " ":
            space = True
            continue
        wide = columns(char) == 2
        joins = units and not space and char in _NO_LINE_START
        joins = joins or (units and not space and units[-1][0][-1] in _NO_LINE_END)
        joins = joins or (units and not space and not wide and columns(units[-1][0][-1]) == 1)
        if joins:
            units[-1][0] += char
        else:
            units.append([char, space])
        space = False
    return [(t, s) for t, s in units]


def _fill(
    units: list[tuple[str, bool]], width: float, measure: Callable[[str], float]
) -> list[str]:
    lines: list[str] = []
    line, used = "", 0.0
    space_width = measure(" ")
    for unit, space in units:
        size = text_width(unit, measure)
        gap = space_width if space and line else 0.0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = "", 0.0, 0.0
        line += " " * (gap > 0) + unit
        used += gap + size
    if line:
        lines.append(line)
    return lines


def wrap(text: str, width: float, measure: Callable[[str], float] = columns) -> list[str]:
    """`text` on lines at most `width` wide (a longer word keeps its own line), broken at
    spaces or between wide characters; lines are evened out so the last one is not a stray
    character or two."""
    units = _units(text)
    lines = _fill(units, width, measure)
    if len(lines) > 1:
        total = text_width(" ".join(lines), measure)
        step = 1.0 if measure is columns else 0.25
        narrower = -(-total // len(lines)) if measure is columns else total / len(lines)
        while narrower < width:
            even = _fill(units, narrower, measure)
            if len(even) == len(lines):
                return even
            narrower += step
    return lines
