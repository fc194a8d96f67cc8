"""Long unbroken words of the print page given a break opportunity every few letters,
for WeasyPrint.

WeasyPrint measures a box's narrowest width by laying its text out again at every place
a word may be cut to fit (`overflow-wrap`): a word of thousands of letters with no space (a
pasted token, a hash, a long address) costs time growing with the square of its length
(2,000 letters: 7 s; 4,000: 27 s). And in a table cell it does not cut such a word at all:
the column takes the word's width and the table runs off the page, its text lost. A break
every 16 letters or so, inside such a word only, makes it a tenth of the time, growing with
its length, and lets the column be narrow. The word then breaks where one of them falls
rather than at the very edge of its line or cell: within 16 letters of it.

A break is offered inside a stretch of more than 96 units of any script but Chinese, every
16 of them. A unit is a character with the marks that go with it (an entity is one, never
cut): never before a combining mark nor after a virama or a joiner, so a letter stays whole
with its accents, an emoji with its modifiers, a conjunct with its parts; nor between two
halves of a flag, nor where Chinese punctuation forbids (before a closing mark, after an
opening one). Between two letters of a right-to-left or joining script the break is a
zero-width space rather than `<wbr>`: WeasyPrint lays out the text on either side of an
element apart, so Arabic letters lost their joins there and Hebrew pieces came out in the
wrong order; a zero-width space keeps both, pixel for pixel. Scripts written without spaces
(Thai, Lao, Khmer, Myanmar) break between words a dictionary finds, which a break of ours
could fall inside: they get breaks only in stretches of more than 1,024 units. In a word of
more than 96 characters, a break also goes between two ideographs, where a line may break
already, so no line changes: that only splits the text WeasyPrint measures (a cell of
1,000 Chinese characters took 0.85 s).
Text inside `<svg>`, `<style>`, `<script>` and `<title>` is left as it is, as is everything
inside a tag.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from html import unescape

# Units (letters, signs, entities) in a stretch before it is given breaks: about what a
# line of the portrait page holds (170 mm of 10 pt text), so a word that fits on a line (an
# address, a digest) still moves to the next one whole, while a longer one, which must be
# cut anyway, is cut at a break within a few letters of the edge. In a table cell, it also
# lets the column be narrower than the word: 199 Cyrillic letters ran past the page's edge.
LONG = 96
EVERY = 16  # units at least between two breaks
WBR = "<wbr>"
ZWSP = "\u200b"  # the break between two letters of a right-to-left or joining script
# …but in a stretch of more than 512 units, every BOXED-th is a `<wbr>`: WeasyPrint lays out
# a text again from each of its breaks to find its narrowest width, and 16,000 Hebrew
# letters broken by zero-width spaces alone took 14 s. There the letters on either side
# lose their join and may come out of order on their line: once in 256 letters of a word
# no one writes. (Joiners around it would keep a join, but give a letter that joins nothing,
# an alef or a digit, the shape of one that does.)
BOXED = 16
# Letters of scripts written without spaces, which a line breaks between words found in a
# dictionary: a break of ours could fall inside a word, so a stretch of them gets breaks
# only past this length, where WeasyPrint's time grows with its square (8,000 Thai
# letters: 15 s).
DICTIONARY_LONG = 1024

# Spaces a line breaks at; a no-break space (U+00A0, U+2007, U+202F) joins a word.
_SPACES = " \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000"
_UNIT = re.compile(r"&#?[0-9A-Za-z]+;|.", re.S)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_PAIR = re.compile(f"(?<=[{_HAN}])(?=[{_HAN}])")
_IDEOGRAPH = re.compile(f"[{_HAN}]")
# A run of characters that may hold a stretch to break: no ideograph, no zero-width space.
# Most long words are Chinese sentences, which it spares reading unit by unit.
_RUN = re.compile(f"[^{_HAN}{ZWSP}]{{{LONG + 1},}}")
# What may hold a stretch, found in one pass of the page: a run of characters without a
# breaking space or a tag's bracket (in a text, or in a tag: an attribute, left alone).
_CANDIDATE = re.compile(rf"(?<![^{_SPACES}<>])[^{_SPACES}<>]{{{LONG + 1},}}")
_RAW = re.compile(r"<(svg|style|script|title)\b|</(svg|style|script|title)>")
# Chinese punctuation that must not start a line, and that must not end one.
_CLOSING = frozenset("，、。；：！？）】」』》〉〕］｝”’…‥・ー")
_OPENING = frozenset("（【「『《〈〔［｛“‘")

# What goes with the letter after it: a Hangul syllable's leading consonant; Thai and Lao
# vowels written before their consonant; Arabic signs spanning the digits after them;
# Malayalam's dot reph.
_LEADING = frozenset([0x06DD, 0x070F, 0x08E2, 0x0D4E, 0x110BD, 0x110CD])
_LEADING_RANGES = (
    (0x1100, 0x115F), (0xA960, 0xA97F), (0x0E40, 0x0E44), (0x0EC0, 0x0EC4),
    (0x0600, 0x0605), (0x0890, 0x0891),
)  # fmt: skip
# What goes with the letter before it, besides combining marks: an emoji's skin tone, a
# flag's tags, a Hangul syllable's vowel and final consonant, the Thai and Lao vowels that
# follow their consonant on the line.
_FOLLOWING = frozenset([0x0E30, 0x0E32, 0x0E33, 0x0E45, 0x0EB0, 0x0EB2, 0x0EB3])
_FOLLOWING_RANGES = (
    (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F), (0x1160, 0x11FF), (0xD7B0, 0xD7FF),
)  # fmt: skip
# Thai, Lao, Myanmar, Khmer, Tai Tham, Tai Viet (see DICTIONARY_LONG).
_DICTIONARY_RANGES = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x1A20, 0x1AAF), (0xAA80, 0xAADF),
)  # fmt: skip

# What a unit is, for where breaks may go (see `_kind`).
_IDEO, _BASE, _JOINING, _DICTIONARY, _MARK, _LINK, _BOND, _FLAG, _ZWSP = range(9)
_ATTACHED = (_MARK, _BOND)  # never start a line, nor count as a letter
_FLAGS = "".join(map(chr, range(0x1F1E6, 0x1F200)))  # regional indicators


@lru_cache(maxsize=4096)
def _kind(unit: str) -> int:
    """What `unit` (a character or an entity) is: an ideograph (a stretch ends there); a
    base; a base of a right-to-left or joining script, or of one broken by dictionary; a
    mark that goes with the unit
    before it; a link that goes with the unit after it; a bond that goes with both (a
    virama, a joiner); half a flag; or a zero-width space (a break already)."""
    ch = unescape(unit) if len(unit) > 1 else unit
    if len(ch) != 1:
        return _BASE  # an entity HTML does not know: a sign, as written
    code = ord(ch)
    if ch == ZWSP:
        return _ZWSP
    if _IDEOGRAPH.match(ch):
        return _IDEO
    if ch in "\u200c\u200d" or (unicodedata.combining(ch) == 9 and ch != "\u103a"):
        return _BOND  # joiners and viramas (not Myanmar's asat, which ends a syllable)
    if code in _LEADING or any(low <= code <= high for low, high in _LEADING_RANGES):
        return _LINK
    if (
        unicodedata.category(ch)[0] == "M"
        or code in _FOLLOWING
        or any(low <= code <= high for low, high in _FOLLOWING_RANGES)
    ):
        return _MARK
    if 0x1F1E6 <= code <= 0x1F1FF:
        return _FLAG
    if (
        unicodedata.bidirectional(ch) in ("R", "AL")
        or 0x1800 <= code <= 0x18AF  # Mongolian
        or 0xA840 <= code <= 0xA877  # Phags-pa
    ):
        return _JOINING  # Hebrew, Arabic, Syriac, N'Ko, Mongolian…
    if any(low <= code <= high for low, high in _DICTIONARY_RANGES):
        return _DICTIONARY
    return _BASE


def cut_at(text: str, end: int) -> int:
    """The last place at or before `end` where `text` (plain text, no markup) may be cut
    without splitting a letter from its marks, a joined emoji or a flag (see `_kind`)."""
    while 0 < end < len(text):
        after, before = _kind(text[end]), _kind(text[end - 1])
        if after in _ATTACHED or before in (_LINK, _BOND):
            end -= 1
        elif after == _FLAG and before == _FLAG:
            flags = end - len(text[:end].rstrip(_FLAGS))  # the flag halves before it
            if flags % 2 == 0:
                return end
            end -= 1
        else:
            return end
    return end


def break_long_words(page: str) -> str:
    """`page` with a break every `EVERY` units or so inside the stretches of its text
    longer than `LONG` units, and between ideographs in its words longer than that."""
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
        cuts = sorted([(at, WBR) for at in _han_cuts(word)] + _cuts(word))
        if cuts:
            pieces: list[str] = []
            last = 0
            for at, mark in cuts:
                pieces += (word[last:at], mark)
                last = at
            pieces.append(word[last:])
            out += (page[done:start], *pieces)
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


def _cuts(word: str) -> list[tuple[int, str]]:
    """Where `word` gets its breaks outside its ideographs, and which: inside each stretch
    of more than `LONG` units without one, at least `EVERY` units apart, none in the last
    few, each where a line may be cut without splitting a letter (see the module)."""
    cuts: list[tuple[int, str]] = []
    for run in _RUN.finditer(word):
        units = [
            (u.start(), u.group(), _kind(u.group())) for u in _UNIT.finditer(word, *run.span())
        ]
        cuts += _run_cuts(units)
    return cuts


def _run_cuts(units: list[tuple[int, str, int]]) -> list[tuple[int, str]]:
    """The breaks of `units`, (where, unit, kind) of a run of `_RUN`."""
    cuts: list[tuple[int, str]] = []
    begin = 0
    while begin < len(units):
        end = begin
        while end < len(units) and units[end][2] not in (_IDEO, _ZWSP):
            end += 1
        # A stretch's units are begin..end; those that may start a line, counted.
        total = sum(1 for _, _, kind in units[begin:end] if kind not in _ATTACHED)
        if total > LONG:
            cuts += _stretch_cuts(units, begin, end, total)
        begin = end + 1
    return cuts


def _stretch_cuts(
    units: list[tuple[int, str, int]], begin: int, end: int, total: int
) -> list[tuple[int, str]]:
    """The breaks of the stretch `units[begin:end]`, of `total` letters (see `_cuts`)."""
    cuts: list[tuple[int, str]] = []
    since = seen = flags = joined = 0
    for i in range(begin, end):
        at, unit, kind = units[i]
        if kind in _ATTACHED:
            continue
        if (
            since >= EVERY
            and total - seen >= EVERY // 2
            and units[i - 1][2] not in (_LINK, _BOND)
            and unescape(unit) not in _CLOSING
            and unescape(units[i - 1][1]) not in _OPENING
            and not (kind == _FLAG and flags % 2)
            and not (
                kind == _DICTIONARY
                and _base_before(units, i) == _DICTIONARY
                and total <= DICTIONARY_LONG
            )
        ):
            if kind == _JOINING or _base_before(units, i) == _JOINING:
                joined += 1
                boxed = joined % BOXED == 0 and total > BOXED * EVERY * 2
                cuts.append((at, WBR if boxed else ZWSP))
            else:
                cuts.append((at, WBR))
            since = 0
        flags = flags + 1 if kind == _FLAG else 0
        since += 1
        seen += 1
    return cuts


def _base_before(units: list[tuple[int, str, int]], i: int) -> int:
    """The kind of the base unit before `units[i]`, past its marks."""
    i -= 1
    while i > 0 and units[i][2] in _ATTACHED:
        i -= 1
    return units[i][2]


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
