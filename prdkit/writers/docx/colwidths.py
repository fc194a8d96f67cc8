"""Column widths from what the columns hold, measured once a table is filled.

Each column needs room for its longest unbreakable piece (an id, a short enum label, a
Latin word; a Chinese column header as a whole, so "数据分析师" never breaks as "数据分析/师"),
and wants room for its typical line. Every column gets what it needs first, then the rest
of the width goes to the columns that want more, in proportion to how much more.

Widths are estimates from character classes (the fonts are the reader's, not ours): Latin
glyphs by a width table close to DejaVu Sans, LibreOffice's stand-in for Arial and the
widest of the usual substitutes, so an estimate that fits there fits everywhere; CJK glyphs
one em (counted double a Latin letter); bold one tenth wider.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence

from lxml import etree

from prdkit.writers.docx.oxml import w

__all__ = ["distribute", "em_width", "needs", "twips"]

_NARROW = frozenset("il.,:;'|!")
_SLIM = frozenset("fjrtI-()[]/ \u00a0")
_WIDE = frozenset("mwMW@%")
BOLD = 1.1
SHORT_CJK = 6  # a CJK cell text up to this long (a name, an enum label) stays on one line
SHORT_CJK_HEADER = 8  # … and a CJK column header up to this long
TYPICAL = 0.8  # a column wants the width of its 80th-percentile line
_BOLD = f".//{w('rPr')}/{w('b')}"
_SPACES = re.compile(r"[ \t]+")
# Latin runs stay whole; each CJK character is a place a line may break.
_PIECES = re.compile(r"[^\u2e80-\uffff]+|[\u2e80-\uffff]")
_BREAKS = re.compile(r"[^-/]*[-/]?")  # a Latin word may break after "-" or "/"


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def em_width(text: str) -> float:
    """The width of `text` on one line, in ems of the font size."""
    total = 0.0
    for ch in text:
        if _cjk(ch):
            total += 1.0
        elif ch in _NARROW:
            total += 0.32
        elif ch in _SLIM:
            total += 0.4
        elif ch in _WIDE:
            total += 0.95
        elif ch.isupper():
            total += 0.72
        elif ch.isdigit():
            total += 0.64
        else:
            total += 0.62
    return total


def twips(ems: float, size: int) -> int:
    """`ems` at font size `size` (half-points) in twips."""
    return int(ems * size * 10 + 0.999)


def _unbreakable(text: str, header: bool, whole: Container[str]) -> float:
    """The widest piece of `text` no line may break, in ems; tokens in `whole` (ids) never
    break, other Latin words may after a hyphen or a slash, CJK text between characters."""
    widest = 0.0
    short = SHORT_CJK_HEADER if header else SHORT_CJK
    for line in text.split("\n"):
        for token in _SPACES.split(line):
            if not token:
                continue
            if token.rstrip(",;.:") in whole:
                pieces = [token]
            elif any(_cjk(ch) for ch in token):
                pieces = [token] if len(token) <= short else _PIECES.findall(token)
            else:
                pieces = _BREAKS.findall(token)
            widest = max(widest, max(em_width(piece) for piece in pieces))
    return widest


def _cell_text(tc: etree._Element) -> str:
    """The text of a cell's own paragraphs (not of tables nested in it), breaks as newlines."""
    lines = []
    for para in tc.iterchildren(w("p")):
        parts = []
        for node in para.iter(w("t"), w("tab"), w("br")):
            if node.tag == w("t"):
                parts.append(node.text or "")
            else:
                parts.append(" " if node.tag == w("tab") else "\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def needs(
    rows: Iterable[etree._Element], columns: int, header_rows: int, whole: Container[str] = ()
) -> list[tuple[float, float, float]]:
    """(ems the body must have, ems the header too, ems wanted) of each of `columns`;
    tokens in `whole` (the ids) are kept on one line."""
    body = [0.0] * columns
    least = [0.0] * columns
    lines: list[list[float]] = [[] for _ in range(columns)]
    for index, tr in enumerate(rows):
        header = index < header_rows
        for col, tc in enumerate(tr.iterchildren(w("tc"))):
            if col >= columns:
                break
            text = _cell_text(tc)
            if not text.strip():
                continue
            scale = BOLD if tc.find(_BOLD) is not None else 1.0
            piece = _unbreakable(text, header, whole) * scale
            least[col] = max(least[col], piece)
            if not header:
                body[col] = max(body[col], piece)
                lines[col].append(max(em_width(line) for line in text.split("\n")) * scale)
    wants = []
    for col in range(columns):
        widths = sorted(lines[col])
        typical = widths[min(int(len(widths) * TYPICAL), len(widths) - 1)] if widths else 0.0
        wants.append(max(least[col], typical))
    return list(zip(body, least, wants, strict=True))


def distribute(
    total: int,
    needs: Sequence[tuple[int, int, int]],
    fixed: Sequence[int | None],
) -> list[int]:
    """Split `total` twips among columns of `needs` (body, header and wanted widths).

    `fixed` columns keep their width, widened to what they need. The others get what they
    need, then what is left in proportion to how much more they want. When the needs do not
    fit, the body's (ids, enum labels) come first and the headers share what is left.
    """
    body = [n[0] for n in needs]
    least = [max(n[0], n[1]) for n in needs]
    wants = [max(n[1], n[2]) for n in needs]
    widths = [max(f, n) if f is not None else 0 for f, n in zip(fixed, least, strict=True)]
    flexible = [i for i, f in enumerate(fixed) if f is None]
    room = total - sum(widths)
    if flexible and sum(least[i] for i in flexible) > room:
        hard = sum(body[i] for i in flexible)
        if hard >= room:
            for i in flexible:
                widths[i] = max(int(room * body[i] / hard), 1) if hard else room // len(flexible)
        else:
            short = {i: least[i] - body[i] for i in flexible}
            missing = sum(short.values())
            for i in flexible:
                widths[i] = body[i] + int((room - hard) * short[i] / missing)
    elif flexible:
        need = sum(least[i] for i in flexible)
        more = {i: wants[i] - least[i] for i in flexible}
        extra, spare = sum(more.values()), room - need
        for i in flexible:
            if extra >= spare:
                widths[i] = least[i] + int(spare * more[i] / extra)
            else:
                # Every column has its typical line: share the rest by what each wants.
                share = (wants[i] or 1) / sum(wants[j] or 1 for j in flexible)
                widths[i] = wants[i] + int((spare - extra) * share)
    widths[-1] += total - sum(widths)
    return widths
