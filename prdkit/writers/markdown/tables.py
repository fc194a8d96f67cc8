"""GFM tables: every row as wide as its header, cells on one line."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["table"]

_RULE = {"left": ":---", "right": "---:", "center": ":---:", "": "---"}


def _cell(text: str) -> str:
    # Callers escape `|` and use <br>; a stray newline would still end the row, so fold it.
    if "\n" not in text and "\r" not in text:
        return text.strip()
    return " ".join(text.replace("\r", "").split("\n")).strip()


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str] = ()
) -> list[str]:
    """The lines of a table; short rows are padded and long ones cut to the header's width."""
    width = len(headers)
    rules = [_RULE.get(align[i] if i < len(align) else "", "---") for i in range(width)]
    lines = [_row([_cell(h) for h in headers]), _row(rules)]
    for row in rows:
        lines.append(_row([_cell(c) for c in row[:width]] + [""] * (width - len(row))))
    return lines


def _row(cells: Sequence[str]) -> str:
    # One space either side of the content, and one alone in an empty cell (MD060 "compact").
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"
