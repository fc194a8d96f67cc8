"""Long unbroken words of the print page given a break opportunity every few letters,
for WeasyPrint.

WeasyPrint measures a box's narrowest width by laying its text out again at every place
a word may be cut to fit (`overflow-wrap`): a word of thousands of letters with no space (a
pasted token, a hash, a long address) costs time growing with the square of its length
(2,000 letters: 7 s; 4,000: 27 s). A `<wbr>` every 16 letters or so, inside such a word
only, makes it a tenth of that, growing with its length. The word then breaks where one
of them falls rather than at the very edge of its line or cell: within 16 letters of it.

A break is offered inside a stretch of more than 96 Latin, Greek or Cyrillic letters,
digits and ASCII signs, between two of its units (an entity is one, never cut); and in a
word of more than 96 characters, between two ideographs, where a line may break already,
so no line changes: that only splits the text WeasyPrint measures (a cell of 1,000 Chinese
characters took 0.85 s). Never beside a combining mark or Chinese punctuation (which must
not start a line), nor in a script whose letters join. Text inside `<svg>`, `<style>`,
`<script>` and `<title>` is left as it is, as is everything inside a tag.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Units (letters, signs, entities) in a stretch before it is given breaks: about what a
# line of the portrait page holds (170 mm of 10 pt text), so a word that fits on a line (an
# address, a digest) still moves to the next one whole, while a longer one, which must be
# cut anyway, is cut at a <wbr> within a few letters of the edge. In a table cell, it also
# lets the column be narrower than the word: 199 Cyrillic letters ran past the page's edge.
LONG = 96
EVERY = 16  # units at least between two breaks

# Letters that neither join nor combine: Latin's accented letters (not × and ÷), Greek and
# Cyrillic; with ASCII letters, digits and signs (not < and >), they make a stretch.
_WIDE = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u0482\u048a-\u04ff"
# `&` only as an entity's first character: one way to read a stretch, so a match that
# fails never backtracks through every way of splitting its entities (exponential).
_UNIT = rf"&#?[0-9A-Za-z]+;|[\x21-\x25\x27-\x3b\x3d\x3f-\x7e{_WIDE}]"
_STRETCH = re.compile(rf"(?:{_UNIT}){{{LONG + 1},}}")
_UNITS = re.compile(_UNIT)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_PAIR = re.compile(f"(?<=[{_HAN}])(?=[{_HAN}])")
# What may hold a stretch, found in one pass of the page: a run of characters without a
# space or a tag's bracket (in a text, or in a tag: an attribute, which is left alone).
_CANDIDATE = re.compile(rf"(?<![^\s<>])[^\s<>]{{{LONG + 1},}}")
_RAW = re.compile(r"<(svg|style|script|title)\b|</(svg|style|script|title)>")


def break_long_words(page: str) -> str:
    """`page` with a `<wbr>` every `EVERY` units or so inside the Latin stretches of its
    text longer than `LONG` units, and between ideographs in its words longer than that."""
    out: list[str] = []
    done = 0
    raw: list[tuple[int, int]] | None = None
    for found in _CANDIDATE.finditer(page):
        start = found.start()
        if page.rfind(">", 0, start) < page.rfind("<", 0, start):
            continue  # inside a tag
        if raw is None:
            raw = _raw_blocks(page)
        i = bisect_right(raw, (start, len(page))) - 1
        if i >= 0 and raw[i][0] <= start < raw[i][1]:
            continue
        word = found.group()
        cuts = _han_cuts(word) + [c for s in _STRETCH.finditer(word) for c in _cuts(s)]
        if cuts:
            cuts.sort()
            pieces = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
            out += (page[done:start], "<wbr>".join(pieces))
            done = found.end()
    if not out:
        return page
    out.append(page[done:])
    return "".join(out)


def _raw_blocks(page: str) -> list[tuple[int, int]]:
    """Where the elements whose text is not HTML's are, outermost only (an SVG may hold
    another), in order."""
    blocks: list[tuple[int, int]] = []
    depth, begin = 0, 0
    for found in _RAW.finditer(page):
        if found.group(1):
            if depth == 0:
                begin = found.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                blocks.append((begin, found.end()))
    if depth:  # an element never closed (no page this writer makes): left whole
        blocks.append((begin, len(page)))
    return blocks


def _cuts(stretch: re.Match[str]) -> list[int]:
    """Where, in the word, the Latin `stretch` it holds gets its breaks: between two units
    (an entity is one), every `EVERY` units, none in the last few."""
    units = _UNITS.findall(stretch.group())
    cuts: list[int] = []
    at = stretch.start()
    for i, unit in enumerate(units):
        if i and i % EVERY == 0 and len(units) - i >= EVERY // 2:
            cuts.append(at)
        at += len(unit)
    return cuts


def _han_cuts(word: str) -> list[int]:
    """Where `word` gets a break between two ideographs: the first such place at least
    `EVERY` characters past the last, none in the last few."""
    cuts: list[int] = []
    last = 0
    end = len(word) - EVERY // 2
    for pair in _HAN_PAIR.finditer(word, EVERY):
        at = pair.start()
        if at > end:
            break
        if at - last >= EVERY:
            cuts.append(at)
            last = at
    return cuts
