"""Column widths from what the columns hold, measured as a table is filled.

Each column needs room for its ids (and dates and figures), then for the words best kept
whole: its Latin words, every word of its header, and every short Chinese name, label or
header as a whole, so "数据分析师" never breaks as "数据分析/师" nor "交易中台研发" as
"交易中台研/发"; then for a few words of its running text; then for its typical line. Every
column gets each of these in turn before any column gets the next, and the rest of the
width goes to the columns that want more, in proportion to how much more. Where the ids
and words cannot all fit (a wide table), as few of them break as can be, and no column is
starved to spare another a letter. A web address is no word to keep whole: readers break
it where they must, and one would claim a quarter of the table.

Widths are estimates (the fonts are the reader's, not ours): Latin glyphs by the diagrams'
table of advances measured in DejaVu Sans, LibreOffice's stand-in for Arial and the widest
of the usual substitutes, so an estimate that fits there fits everywhere; CJK glyphs one em
(counted double a Latin letter); bold one tenth wider.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Sequence
from functools import reduce
from itertools import compress
from operator import add

from lxml import etree

from prdkit.diagrams.measure import PROSE_LEAST, SHORT_CJK_HEADER, em, short_cjk
from prdkit.writers.docx.oxml import W_NS, w
from prdkit.writers.docx.runmarks import HAS_BOLD

__all__ = [
    "Measured",
    "Measurer",
    "Needs",
    "breaks",
    "distribute",
    "em_width",
    "measurer",
    "needs",
    "twips",
]

BOLD = 1.1
WHOLE_LEVELS = 2  # ids, then words: each fits its column or breaks
LONGEST = 25  # percent of the table width one unbreakable piece may claim at most
TYPICAL = 0.8  # a column wants the width of its 80th-percentile line
PROSE = 8.0  # ems: the line a column of running text is given along with the headers
SHORT_LINE = 14.0  # ems: a column whose lines are all this short wants its longest
_P = w("p")
_TBL, _GRID, _TR, _TC = w("tbl"), w("tblGrid"), w("tr"), w("tc")
_TEXT = {w("tab"): " ", w("br"): "\n", w("noBreakHyphen"): "-"}
_NS = {"w": W_NS}
# One query per cell, found by libxml2: its own paragraphs and, in document order (a
# union is sorted so), the pieces of text of each, nested paragraphs' included.
_PIECES_OF = etree.XPath(
    "w:p | w:p//w:t | w:p//w:tab | w:p//w:br | w:p//w:noBreakHyphen", namespaces=_NS
)
_ANY_CJK = re.compile("[\u2e80-\U0010ffff]")
_SPACES = re.compile(r"[ \t]+")
# Latin runs stay whole; each CJK character is a place a line may break.
_PIECES = re.compile(r"[^\u2e80-\uffff]+|[\u2e80-\uffff]")
_AROUND = "()[]（）【】「」,;.:、，；。"  # what may cling to an id: brackets, punctuation


def _address(token: str) -> bool:
    """Whether `token` holds a web address (substring tests: a scheme pattern searched in a
    150,000-letter word backtracks at every letter)."""
    return "://" in token or "www." in token or "mailto:" in token


_OPENING = frozenset("（【「《“‘")
_CLOSING = frozenset("）】」》”’，、。；：")
_PAUSES = frozenset("，、。；：！？")  # a long CJK header breaks after these, between phrases
_BREAKS = re.compile(r"[^-/]*[-/]?")  # a Latin word may break after "-" or "/"


_NO_ROOM = frozenset("\u2060\u200b")


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


class _Advances(dict[str, float]):
    """Each character's advance in ems, worked out the first time it is met."""

    def __missing__(self, ch: str) -> float:
        # A word joiner and a zero-width space take no room.
        advance = 0.0 if ch in _NO_ROOM else 1.0 if _cjk(ch) else em(" " if ch == "\u00a0" else ch)
        self[ch] = advance
        return advance


_ADVANCES = _Advances()


def em_width(text: str) -> float:
    """The width of `text` on one line, in ems of the font size: CJK a whole em, the rest
    as the diagrams measure it (the advances of the faces that stand in for Arial)."""
    # Added one by one from the left, as a loop would (sum() may round differently).
    return reduce(add, map(_ADVANCES.__getitem__, text), 0.0)


def twips(ems: float, size: int) -> int:
    """`ems` at font size `size` (half-points) in twips."""
    return int(ems * size * 10 + 0.999)


def _unbreakable(text: str, header: bool, whole: Container[str]) -> tuple[float, float]:
    """In `text`, in ems: the widest id (or date, or figure) and the widest other word no
    line should break.

    Tokens in `whole` (ids) and tokens without letters never break; other Latin words may
    after a hyphen or a slash, CJK text between any two characters. A short CJK line (a
    name, a label, a header) had better not: it counts as one word, since a line of CJK
    text breaks wherever it runs out of room, not between phrases. A longer CJK header
    counts its phrases (split after a comma, before a bracket) as words.
    """
    ids = word = 0.0
    for line in text.split("\n"):
        line = " ".join(_SPACES.split(line.strip()))
        brief = short_cjk(line, header)
        if brief:
            word = max(word, em_width(line))
        for token in line.split(" "):
            if not token:
                continue
            if _whole(token, whole):
                ids = max(ids, em_width(token))  # ids, dates and figures stay whole
                continue
            if _ANY_CJK.search(token) is None:
                pieces = [] if _address(token) else _BREAKS.findall(token)
            else:
                if header and not brief:
                    for part in _words(token):
                        if len(part) <= SHORT_CJK_HEADER:
                            word = max(word, em_width(part))
                # An id inside CJK text (名称（ACT-x）) is still an id and stays whole, and a
                # line may neither end on an opening bracket nor start on a closing one: the
                # character before the bracket and the brackets go with it.
                pieces = []
                split = _PIECES.findall(token)
                for index, piece in enumerate(split):
                    if not _whole(piece, whole):
                        if not _address(piece):
                            pieces.append(piece)
                        continue
                    unit = piece
                    if index and split[index - 1] in _OPENING:
                        unit = "".join(split[max(index - 2, 0) : index]) + unit
                    if index + 1 < len(split) and split[index + 1] in _CLOSING:
                        unit += split[index + 1]
                    ids = max(ids, em_width(unit))
            if pieces:
                word = max(word, max(em_width(piece) for piece in pieces))
    return ids, word


def _words(token: str) -> list[str]:
    """A CJK text cut where a line may break between its phrases: after a comma or a stop,
    before an opening bracket ("黄晓东", "（风控负责人）")."""
    words: list[str] = []
    start = 0
    for index, ch in enumerate(token):
        if ch in _OPENING and index > start:
            words.append(token[start:index])
            start = index
        elif ch in _PAUSES:
            words.append(token[start : index + 1])
            start = index + 1
    if start < len(token):
        words.append(token[start:])
    return words


def _whole(token: str, whole: Container[str]) -> bool:
    """Whether `token` is an id (of `whole`), a date or a figure: never broken."""
    return token.strip(_AROUND) in whole or not any(map(str.isalpha, token))


def _cell_text(tc: etree._Element) -> str:
    """The text of a cell's own paragraphs (not of tables nested in it), breaks as newlines."""
    lines: list[list[str]] = []
    for node in _PIECES_OF(tc):
        tag = node.tag
        if tag == _P:
            lines.append([])
        else:  # a piece of the paragraph met last
            lines[-1].append(_TEXT.get(tag) or node.text or "")
    # Word joiners keep ids whole; a zero-width space lets a list of them break (`cells`).
    return "\n".join(map("".join, lines)).replace("\u2060", "").replace("\u200b", "")


Measured = tuple[float, float, float]
"""What one cell needs, in ems, bold counted: its widest id, its widest other word (see
`_unbreakable`), and its longest line (0 in a header row, whose lines are not prose)."""


class Measurer:
    """Measures the cells of one render's tables as they are filled.

    Names, labels and enum values repeat down a column and across tables: a cell's needs
    are kept under the key its content gives (see `cell`), and the words of running text,
    Latin words and CJK sentences alike, are worked out once each.
    """

    HELD = 1 << 14  # cells and tokens kept at most: the most frequent soon come back

    def __init__(self, whole: Container[str]) -> None:
        self.whole = whole  # the ids, which stay whole
        self._cells: dict[object, Measured | None] = {}
        self._tokens: dict[str, tuple[float, float]] = {}
        # Of each piece of a CJK token (a character, a Latin run): whether it stays whole,
        # and its width as a word (0.0 when it stays whole).
        self._wholes = _Memo(lambda piece: _whole(piece, whole))
        self._words = _Memo(
            lambda piece: 0.0 if self._wholes[piece] or _address(piece) else em_width(piece)
        )

    def cell(
        self,
        tc: etree._Element,
        header: bool,
        key: object = None,
        written: tuple[str, bool] | None = None,
    ) -> Measured | None:
        """What `tc` (a filled w:tc) needs; None for a blank cell. Cells of one `key`
        (not None) hold the same text, as bold: the first of them is read for all.
        `written`, the cell's text and boldness as its runs were written (see `Writer`),
        spares reading them back from the tree."""
        if key is not None:
            try:
                return self._cells[key, header]
            except KeyError:
                pass
        measured = self._read(tc, header) if written is None else self.text(*written, header)
        if key is not None:
            if len(self._cells) >= self.HELD:
                self._cells.clear()
            self._cells[key, header] = measured
        return measured

    def _read(self, tc: etree._Element, header: bool) -> Measured | None:
        return self.text(_cell_text(tc), bool(HAS_BOLD(tc)), header)

    def text(self, text: str, bold: bool, header: bool) -> Measured | None:
        """What a cell needs whose text (its paragraphs' joined by newlines, no word
        joiners) is `text`, bold in some part when `bold`; None for a blank one."""
        if not text.strip():
            return None
        scale = BOLD if bold else 1.0
        if header:
            own_ids, word = _unbreakable(text, header, self.whole)
            line = 0.0
        else:
            own_ids, word = self._unbreakable(text)
            line = max(em_width(part) for part in text.split("\n"))
        return own_ids * scale, word * scale, line * scale

    def _unbreakable(self, text: str) -> tuple[float, float]:
        """`_unbreakable(text, False, self.whole)`, each token worked out once (a word
        repeats across cells, a CJK sentence's characters and stops across sentences)."""
        ids = word = 0.0
        tokens = self._tokens
        for line in text.split("\n"):
            line = " ".join(_SPACES.split(line.strip()))
            if short_cjk(line):
                word = max(word, em_width(line))
            for token in line.split(" "):
                if token:
                    own = tokens.get(token)
                    if own is None:
                        if len(tokens) >= self.HELD:
                            tokens.clear()
                            self._wholes.clear()
                            self._words.clear()
                        own = tokens[token] = self._token(token)
                    ids = max(ids, own[0])
                    word = max(word, own[1])
        return ids, word

    def _token(self, token: str) -> tuple[float, float]:
        # The widest id and other word of one token of a body cell, as `_unbreakable` finds
        # them (the larger of 0.0 and a width being the width, a missing one counts 0.0).
        if _whole(token, self.whole):
            return em_width(token), 0.0
        if _ANY_CJK.search(token) is None:
            if _address(token):
                return 0.0, 0.0
            return 0.0, max(map(em_width, _BREAKS.findall(token)))
        split = _PIECES.findall(token)
        flags = list(map(self._wholes.__getitem__, split))
        # A piece's width as a word, 0.0 for the pieces that stay whole: found in C.
        word = max(map(self._words.__getitem__, split))
        ids = 0.0
        for index in compress(range(len(split)), flags):
            unit = split[index]
            if index and split[index - 1] in _OPENING:
                unit = "".join(split[max(index - 2, 0) : index]) + unit
            if index + 1 < len(split) and split[index + 1] in _CLOSING:
                unit += split[index + 1]
            ids = max(ids, em_width(unit))
        return ids, word


class _Memo(dict[str, object]):
    """`function` of each key, worked out the first time it is asked for."""

    def __init__(self, function: Callable[[str], object]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: str) -> object:
        value = self[key] = self.function(key)
        return value


_measurer: Measurer | None = None


def measurer(whole: Container[str]) -> Measurer:
    """The `Measurer` of the render whose ids are `whole` (the same object for all its
    tables): one at a time is kept."""
    global _measurer
    if _measurer is None or _measurer.whole is not whole:
        _measurer = Measurer(whole)
    return _measurer


class Needs:
    """What each column of one table needs, gathered cell by cell as the table is filled,
    so the filled tree is never read back: the running widest id and word of each column,
    and the lines of its body, whose typical one is found at the end (see `result`)."""

    __slots__ = ("ids", "lines", "words")

    def __init__(self, columns: int) -> None:
        self.ids = [0.0] * columns
        self.words = [0.0] * columns
        self.lines: list[list[float]] = [[] for _ in range(columns)]

    def add(self, col: int, measured: Measured | None, header: bool) -> None:
        """Count a cell of column `col` (in a header row when `header`)."""
        if measured is None:
            return
        ids, word, line = measured
        self.ids[col] = max(self.ids[col], ids)
        # Words, of a header, a body or a short CJK name, are met before any running text
        # gets a few words a line.
        self.words[col] = max(self.words[col], word)
        if not header:
            self.lines[col].append(line)

    def result(self) -> list[tuple[float, float, float, float]]:
        """What each column needs, in ems, most pressing first: (its widest id, its widest
        other word, of the header or the body, a short CJK name or header whole; a few words
        of its running text; the width of its typical line). A column of short lines wants
        its longest line whole."""
        out = []
        for ids, word, lines in zip(self.ids, self.words, self.lines, strict=True):
            widths = sorted(lines)
            typical = widths[min(int(len(widths) * TYPICAL), len(widths) - 1)] if widths else 0.0
            if widths and widths[-1] <= SHORT_LINE:  # labels, names: all of them on one line
                typical = widths[-1]
            # A column of running text wants a few words a line as much as a header its words.
            if typical > SHORT_LINE:
                word = max(word, PROSE_LEAST)
            out.append((ids, word, min(typical, PROSE), typical))
        return out


def with_nested(
    own: Measured | None, nested: Iterable[Sequence[tuple[float, ...]]], pad: float
) -> Measured | None:
    """What a cell needs whose paragraphs need `own` and which holds tables whose columns
    need `nested` (each a `Needs.result`): their columns side by side, each with `pad` ems
    of margins. Measured by its paragraphs alone, a cell holding a table got a column too
    narrow for the table's words."""
    ids, word, line = own or (0.0, 0.0, 0.0)
    for columns in nested:
        margins = pad * len(columns)
        ids = max(ids, sum(c[0] for c in columns) + margins)
        word = max(word, sum(max(c[0], c[1]) for c in columns) + margins)
        line = max(line, sum(c[3] for c in columns) + margins)
    return (ids, word, line) if ids or word or line else None


def needs(
    rows: Iterable[Iterable[etree._Element]],
    columns: int,
    header_rows: int,
    whole: Container[str] = (),
    pad: float = 0.0,
) -> list[tuple[float, float, float, float]]:
    """What each of `columns` needs (see `Needs.result`), read from the cells (w:tc) of
    each of `rows` of a filled table, the first `header_rows` of them its header. Tokens in
    `whole` are the ids; `pad`, a column's margins in ems (see `with_nested`). A table
    gathers the same as it is filled; this reads it back."""
    gathered = Needs(columns)
    measure = Measurer(whole)
    for index, cells in enumerate(rows):
        header = index < header_rows
        for col, tc in enumerate(cells):
            if col >= columns:
                break
            measured = measure.cell(tc, header)
            # Markdown's tables, the only ones nested, count their header row as a body's.
            inner = [
                needs(_rows(tbl), len(tbl.find(_GRID)), 0, whole, pad)
                for tbl in tc.iterchildren(_TBL)
            ]
            if inner:
                measured = with_nested(measured, inner, pad)
            gathered.add(col, measured, header)
    return gathered.result()


def _rows(tbl: etree._Element) -> Iterable[Iterable[etree._Element]]:
    return (tr.iterchildren(_TC) for tr in tbl.iterchildren(_TR))


def distribute(
    total: int,
    needs: Sequence[Sequence[int]],
    fixed: Sequence[int | None],
    floors: Sequence[int] = (),
    slack: int = 0,
) -> list[int]:
    """Split `total` twips among columns by their `needs` (see `needs`, in twips).

    The needs are met in order: first every column's ids, then its words (of the header,
    the body and short names), then a few words of its running text, then its typical
    line. Where ids and words do not all fit, each column first gives up the `slack` its
    needs carry beyond the estimate; where they still do not, the ids keep their room and
    the words share the rest (see `_share`), or, where not even the ids fit, the shortest
    ids are met first and the rest shared with the words. Where a later level no longer
    fits, what is left is shared in proportion to how far each column is from that level.
    What remains once every level fits goes to the columns in proportion to their typical
    line. A `fixed` column's width
    (widened to all it needs) stands for its typical line; it takes nothing more.
    `floors` are widths a column needs at every level (room to sign by hand).
    """
    count = len(needs)
    # No single word claims more than this (ids excepted): a digest or an address wraps anyway.
    cap = total * LONGEST // 100
    levels = [[need[0] for need in needs]]
    for depth in (1, 2):
        levels.append([max(n[0], min(max(n[1 : depth + 1]), cap)) for n in needs])
    levels.append(
        [
            max(fixed[i], *needs[i][:3]) if fixed[i] is not None else max(levels[2][i], needs[i][3])
            for i in range(count)
        ]
    )
    if floors:
        levels = [[max(n, f) for n, f in zip(level, floors, strict=True)] for level in levels]
    widths = [0] * count
    for depth, level in enumerate(levels):
        if sum(level) <= total:
            widths = level
            continue
        if depth < WHOLE_LEVELS:
            words = levels[WHOLE_LEVELS - 1]
            least = floors or [0] * count
            tight = [max(want - slack, floor) for want, floor in zip(words, least, strict=True)]
            if sum(tight) <= total:
                widths = _share(total - sum(tight), tight, words)
            elif depth:  # the ids keep their room; the words share the rest
                widths = _share(total - sum(widths), widths, words, whole=True)
            else:  # not even the ids fit: the shortest ids first, then the words
                widths = _share(total, [0] * count, words, whole=True, first=levels[0])
        else:
            widths = _share(total - sum(widths), widths, level)
        break
    else:
        flexible = [i for i in range(count) if fixed[i] is None] or list(range(count))
        spare = total - sum(widths)
        weight = sum(widths[i] for i in flexible) or 1
        for i in flexible:
            widths[i] += spare * widths[i] // weight
    widths[-1] += total - sum(widths)
    return widths


def breaks(widths: Sequence[int], needs: Needs, size: int, pad: int, slack: int) -> bool:
    """Whether one of the columns of `widths` (twips, as `distribute` split them) breaks one
    of its ids or words (see `Needs`; not the few words a line running text is given) at
    font size `size`. Each need carries `pad` twips, `slack` of them beyond the estimate."""
    cap = sum(widths) * LONGEST // 100
    for width, ids, word in zip(widths, needs.ids, needs.words, strict=True):
        need = max(twips(ids, size) + pad, min(twips(word, size) + pad, cap)) - slack
        if width < need:
            return True
    return False


def _share(
    room: int,
    widths: Sequence[int],
    wants: Sequence[int],
    whole: bool = False,
    first: Sequence[int] = (),
) -> list[int]:
    """`room` more twips for columns of `widths` that want `wants`, which do not all fit.

    Words (`whole`) fit or break: the smallest wants are met in full first (after the
    smallest of `first`, the ids), so that as few break as can be, as long as the columns
    left still get half of what they miss (one column is not starved to save a letter in
    another). Those share the rest in proportion to what each still misses; running text
    shares in proportion from the start.
    """
    out = list(widths)
    gaps = [max(want - have, 0) for want, have in zip(wants, widths, strict=True)]
    for goals in ((first, wants) if first else (wants,)) if whole else ():
        steps = [
            min(max(goal - have, 0), gap) for goal, have, gap in zip(goals, out, gaps, strict=True)
        ]
        for col in sorted(range(len(gaps)), key=lambda col: (steps[col], col)):
            if 2 * (room - steps[col]) < sum(gaps) - steps[col]:
                break
            out[col] += steps[col]
            room -= steps[col]
            gaps[col] -= steps[col]
    missing = sum(gaps) or 1
    return [have + room * gap // missing for have, gap in zip(out, gaps, strict=True)]
