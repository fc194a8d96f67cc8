"""Where a scalar written on a line ends: a quoted string, an id, or plain text.

A line may hold thousands of diagnostics (a flow list of placeholders, control characters
in one long value). What finding an end needs from the rest of the line — the first
bracket, the next quote, separator or comment, where spaces run out — is found once per
line and kept, so each further token costs a lookup, not another pass.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right

ID_CHARS = frozenset(string.ascii_letters + string.digits + "_.-")
_ID_RUNS = re.compile(r"[A-Za-z0-9_.\-]+")
_COMMENTS = re.compile(r"(?<=[ \t])#")  # where plain text stops, in and out of a flow
_SEPARATORS = re.compile(r"[,\]}]|(?<=[ \t])#")  # where plain text in a flow stops


def token_end(line: str, start: int) -> int:
    """Where the scalar starting at `start` ends: a quoted string, an id, or plain text."""
    return LineTokens(line).end(start)


class LineTokens:
    """Token ends on one line, for as many starts as asked."""

    __slots__ = ("_flow", "_id_runs", "_quotes", "_stops", "_trimmed", "line")

    def __init__(self, line: str) -> None:
        self.line = line
        self._flow: int | None = None  # the first "[" or "{", or len(line)
        self._quotes: dict[str, list[int]] = {}  # quote → where it is written
        self._id_runs: tuple[list[int], list[int]] | None = None  # starts, ends
        self._stops: dict[bool, list[int]] = {}  # in a flow? → where plain text stops
        self._trimmed: dict[int, int] = {}  # end → end less the spaces before it

    def end(self, start: int) -> int:
        """Where the scalar starting at `start` (a column from 0) ends."""
        line = self.line
        start = max(start, 0)  # columns are 1-based: a token never starts before the line
        if start >= len(line):
            return start
        quote = line[start]
        if quote in "\"'":
            found = self._after(quote, start + 1)
            return len(line) if found < 0 else found + 1
        if quote in ID_CHARS:
            end = self._id_run_end(start)
            if end == len(line) or line[end] in " ,]}#\t":
                return end
        # Plain text runs to a comment, or in a flow collection to the next separator.
        in_flow = self._flow_start() < start
        stops = self._stop_list(in_flow)
        at = bisect_left(stops, start)
        end = stops[at] if at < len(stops) else len(line)
        return max(start + 1, self._trim(end))

    def _after(self, quote: str, start: int) -> int:
        """Where `quote` is next written from `start`, or -1."""
        places = self._quotes.get(quote)
        if places is None:
            places = self._quotes[quote] = [m.start() for m in re.finditer(quote, self.line)]
        at = bisect_left(places, start)
        return places[at] if at < len(places) else -1

    def _id_run_end(self, start: int) -> int:
        """The end of the run of id characters holding `start`."""
        if self._id_runs is None:
            runs = list(_ID_RUNS.finditer(self.line))
            self._id_runs = [m.start() for m in runs], [m.end() for m in runs]
        starts, ends = self._id_runs
        return ends[bisect_right(starts, start) - 1]

    def _flow_start(self) -> int:
        if self._flow is None:
            found = [at for at in (self.line.find("["), self.line.find("{")) if at >= 0]
            self._flow = min(found, default=len(self.line))
        return self._flow

    def _stop_list(self, in_flow: bool) -> list[int]:
        stops = self._stops.get(in_flow)
        if stops is None:
            line = self.line
            found = (_SEPARATORS if in_flow else _COMMENTS).finditer(line)
            stops = [m.start() for m in found]
            # The first character's "before" is the last one, as line[-1] reads it.
            if line[:1] == "#" and line[-1:] in (" ", "\t"):
                stops.insert(0, 0)
            self._stops[in_flow] = stops
        return stops

    def _trim(self, end: int) -> int:
        """`end` moved back over the whitespace before it (as `str.rstrip` strips)."""
        trimmed = self._trimmed.get(end)
        if trimmed is None:
            trimmed = end
            while trimmed > 0 and self.line[trimmed - 1].isspace():
                trimmed -= 1
            self._trimmed[end] = trimmed
        return trimmed


class Tokens:
    """Token ends on the lines of one text; each line is scanned when first asked about."""

    __slots__ = ("_by_line", "lines")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self._by_line: dict[int, LineTokens] = {}

    def end(self, line: int, start: int) -> int:
        """Where the token at 0-based `line` and `start` ends (a missing line is empty)."""
        tokens = self._by_line.get(line)
        if tokens is None:
            text = self.lines[line] if 0 <= line < len(self.lines) else ""
            tokens = self._by_line[line] = LineTokens(text)
        return tokens.end(start)
