"""The text report: a line per diagnostic, the source line with a caret, the summary."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from prdkit.check import CheckResult
from prdkit.diagnostics import Diagnostic, Severity, most_severe
from prdkit.reporters.common import listed, ordered, report_lang, summary_in
from prdkit.reporters.safety import clean, shown_path


def _columns(text: str) -> int:
    """How many terminal columns `text` takes: a CJK character (wide or full-width) two,
    a combining mark none, anything else one."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _excerpt(lines: Sequence[str], diagnostic: Diagnostic, color: bool) -> list[str]:
    """The line of `diagnostic` among the source's `lines`, with a caret at its column."""
    if not 1 <= diagnostic.line <= len(lines):
        return []
    line = lines[diagnostic.line - 1]
    # Shorten long lines around the column so the caret still points at the value. Only
    # the piece shown is read: 8,000 diagnostics on one line of 48 KB read it 8,000 times.
    start = max(0, diagnostic.column - 1 - 60)
    shown = line[start : start + 120].replace("\t", " ")
    prefix = "…" if start else ""
    shown_clean = clean(shown, 200)
    # The caret goes under the value as a terminal draws the line: Chinese text before it
    # takes two columns a character.
    before = clean(line[start : diagnostic.column - 1].replace("\t", " "), 200)
    caret_at = len(prefix) + _columns(before)
    gutter = f"{diagnostic.line:>5} | "
    caret = " " * (len(gutter) + caret_at) + "^"
    if color:
        caret = f"\x1b[1;35m{caret}\x1b[0m"
    return [gutter + prefix + shown_clean, caret]


_COLORS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}


def render_text(
    results: Sequence[CheckResult],
    *,
    quiet: bool = False,
    color: bool = False,
    strict: bool = False,
    max_diagnostics: int | None = None,
    lang: str | None = None,
) -> str:
    """One line per diagnostic, the source excerpt with a caret, and the summary.

    At most `max_diagnostics` per file (0: all; None: each file's configured number).
    `lang` is the run's language (`--lang`, else the locale's), for a report of no file.
    """
    from prdkit.messages import msg

    lang = report_lang(results, lang)
    hint_label = msg("report.hint").render(lang)
    out: list[str] = []
    for result in ordered(results):
        shown = listed(result, quiet)
        # Split once per file: each diagnostic's excerpt reads its own line.
        lines = result.text.split("\n") if result.text and not quiet else []
        cap = result.listed if max_diagnostics is None else max_diagnostics
        left_out = len(shown) - cap if 0 < cap < len(shown) else 0
        for d in most_severe(shown, len(shown) - left_out):
            severity = d.severity.value
            if color:
                severity = f"{_COLORS[d.severity]}{severity}\x1b[0m"
            out.append(
                f"{shown_path(d.file)}:{d.line}:{d.column}: {severity} {d.rule} {clean(d.message)}"
            )
            if not quiet:
                out.extend(_excerpt(lines, d, color))
                if d.hint:
                    out.append(f"        {hint_label}{clean(d.hint)}")
        if left_out:
            more = msg("report.left-out", count=left_out).render(lang)
            out.append(f"{shown_path(result.file)}: {more}")
    out.append(summary_in(results, lang))
    return "\n".join(out) + "\n"
