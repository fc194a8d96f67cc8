"""How wide text is and where it may break: the sizes every diagram's boxes are cut to.

Widths are in em (the font size): a Chinese character or any fullwidth form is a whole em,
printable ASCII as wide as the widest of the faces that stand in for Arial where it is
missing (DejaVu Sans, the Latin of Noto Sans CJK), so a box holds its text in any of them.
Breaks fall at spaces or between wide characters, never inside a word or before a closing
mark, so a label reads as a phrase on every line.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

__all__ = ["columns", "em", "short_cjk", "text_width", "wrap"]

# A line of CJK text may break between any two characters, where nothing marks a word: a
# name or a label broken so (点/击/发/起) reads as nothing. Short ones are kept whole.
SHORT_CJK = 10  # a CJK cell text up to this long (a name, an enum label) stays on one line
SHORT_CJK_HEADER = 8  # … and a CJK column header up to this long
_ANY_CJK = re.compile("[\u2e80-\U0010ffff]")


# ems: the line a column of running text keeps even where the words of all columns cannot
# fit (a table of seven or more columns): counted as one of its words, so a description is
# not squeezed to two characters a line to keep a short name or a condition on one.
PROSE_LEAST = 5.0


def short_cjk(line: str, header: bool = False) -> bool:
    """Whether `line` holds CJK text and is short enough to stay on one line (a column
    header at most `SHORT_CJK_HEADER` long, other text `SHORT_CJK`)."""
    most = SHORT_CJK_HEADER if header else SHORT_CJK
    return len(line) <= most and _ANY_CJK.search(line) is not None


# Punctuation that may not start a wrapped line (it belongs to the text before it), and
# opening marks that may not end one.
_NO_LINE_START = frozenset("，。、；：！？）》」』”’,.;:!?)")
_NO_LINE_END = frozenset("（《「『“‘(")
# Marks that end a phrase: the place to break a line that has to break.
_PHRASE_END = frozenset("，。、；：！？）》」』”,.;:!?)")

# Advances of printable ASCII, grouped by width: each the wider of DejaVu Sans (what
# LibreOffice draws for Arial where Arial is missing; wider than Arial almost everywhere) and
# Noto Sans CJK SC (whose Latin a CJK face falls back to), rounded up to a hundredth of an em.
# Symbols such as "<=" and "&&" are far wider than letters there, so none is guessed.
_ASCII_WIDTHS = {
    0.28: "ij'", 0.29: "l", 0.30: "I", 0.32: ",. ", 0.34: ":;|", 0.36: "f", 0.37: "-",
    0.40: "t()/[\\]", 0.41: "!", 0.42: "r", 0.48: '"', 0.50: "*", 0.53: "sz", 0.54: "J?",
    0.55: "c", 0.56: "L_", 0.58: "kF", 0.60: "vxy", 0.61: "`", 0.62: "aeoTY",
    0.64: "0123456789bdghnpquEPS${}", 0.66: "K", 0.69: "ABVXZ", 0.70: "CR", 0.74: "U",
    0.75: "N", 0.76: "H", 0.78: "DG&", 0.79: "OQ", 0.82: "w", 0.84: "#+<=>^~", 0.87: "M",
    0.96: "%", 0.98: "m", 0.99: "W", 1.00: "@",
}  # fmt: skip
_ASCII = {char: width for width, chars in _ASCII_WIDTHS.items() for char in chars}


# Each character is asked for its width once: a diagram's texts are measured again at every
# width their lines are evened out to, and the same few thousand characters make them all.
@cache
def columns(char: str) -> int:
    """2 for a wide (CJK or fullwidth) character, else 1: the monospace measure."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


@cache
def em(char: str) -> float:
    """The advance of `char` in em, at most a little wider than the real glyph."""
    # An accented letter is as wide as its base letter (é as e, Ö as O).
    known = _ASCII.get(char) or _ASCII.get(unicodedata.normalize("NFD", char)[:1])
    if known is not None:
        return known
    kind = unicodedata.east_asian_width(char)
    if kind in "WF":
        return 1.0
    if kind == "A":  # ambiguous width: ellipses, middle dots, curly quotes in a CJK font
        return 0.8
    if char.isupper():
        return 0.72
    return 0.62


def text_width(text: str, measure: Callable[[str], float] = em) -> float:
    """The width of `text` on one line, in the unit of `measure`."""
    return sum(map(measure, text))


def _units(text: str) -> list[tuple[str, bool]]:
    # A unit never breaks: a narrow word, or one wide character with any closing punctuation.
    if text.isascii():  # no wide character: every word is one unit
        return [(word, n > 0) for n, word in enumerate(text.split())]
    units: list[list] = []  # [text, space before]
    space = False
    last = ""  # the last character of the last unit
    for char in " ".join(text.split()):
        if char == " ":
            space = True
            continue
        if (
            units
            and not space
            and (
                char in _NO_LINE_START
                or last in _NO_LINE_END
                or (columns(char) == 1 and columns(last) == 1)
            )
        ):
            units[-1][0] += char
        else:
            units.append([char, space])
        last = char
        space = False
    return [(t, s) for t, s in units]


def _fill(
    sizes: list[float], gaps: list[float], soft: list[bool], width: float
) -> tuple[list[int], int]:
    # A line that must break prefers a phrase boundary (a space, or after a comma or stop)
    # in its second half to a break between two characters of one phrase. The lines are
    # given by the index of each one's first unit, joined only for the fill that is kept.
    # `gaps[i]` is the space before unit i on its line, `soft[i]` whether a break before it
    # falls between phrases: the same at every width a text is filled to, so known once.
    starts: list[int] = [0]
    ends: list[float] = []  # width of the line up to and including each unit
    hard = 0  # breaks inside a phrase
    half = width / 2
    first = 0  # index of the line's first unit
    for index, size in enumerate(sizes):
        while ends and ends[-1] + gaps[index] + size > width:
            count = index - first  # units on the line
            cut = count
            if not soft[index]:
                for n in range(count - 1, 0, -1):
                    if soft[first + n] and ends[n - 1] >= half:
                        cut = n
                        break
            hard += not soft[first + cut]
            first += cut
            starts.append(first)
            ends = []
            if first < index:  # the units carried over, summed in the same order
                reach = sizes[first]
                ends.append(reach)
                for n in range(first + 1, index):
                    reach = reach + gaps[n] + sizes[n]
                    ends.append(reach)
        ends.append(ends[-1] + gaps[index] + size if ends else size)
    return starts, hard


def _soft(before: tuple[str, bool], after: tuple[str, bool]) -> bool:
    """True when a break between `before` and `after` falls between phrases."""
    return after[1] or before[0][-1] in _PHRASE_END or after[0][0] in _NO_LINE_END


def _join(part: list[tuple[str, bool]]) -> str:
    return "".join((" " if n and space else "") + unit for n, (unit, space) in enumerate(part))


def wrap(text: str, width: float, measure: Callable[[str], float] = columns) -> list[str]:
    """`text` on lines at most `width` wide (a longer word keeps its own line), broken at
    spaces or between wide characters; lines are evened out so the last one is not a stray
    character or two."""
    return list(_wrapped(text, width, measure))


# A diagram's labels recur (a step named in several flows, a screen on every page map).
@lru_cache(maxsize=4096)
def _wrapped(text: str, width: float, measure: Callable[[str], float]) -> tuple[str, ...]:
    units = _units(text)
    if not units:
        return ()
    # Each unit's width, the space before it and whether a break there is soft, found once
    # for every width the lines are filled to.
    sizes = [text_width(unit, measure) for unit, _ in units]
    space = measure(" ")
    gaps = [space if before else 0.0 for _, before in units]
    soft = [False, *(_soft(a, b) for a, b in itertools.pairwise(units))]
    starts, hard = _fill(sizes, gaps, soft, width)
    if len(starts) > 1:
        lines = _lines(units, starts)
        total = text_width(" ".join(lines), measure)
        step = 1.0 if measure is columns else 0.25
        narrower = -(-total // len(lines)) if measure is columns else total / len(lines)
        while narrower < width:
            even, even_hard = _fill(sizes, gaps, soft, narrower)
            if len(even) == len(starts) and even_hard <= hard:
                return _lines(units, even)
            narrower += step
    return _lines(units, starts)


def _lines(units: list[tuple[str, bool]], starts: list[int]) -> tuple[str, ...]:
    bounds = [*starts, len(units)]
    return tuple(_join(units[bounds[n] : bounds[n + 1]]) for n in range(len(starts)))
