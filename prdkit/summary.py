"""A Markdown job summary for GitHub Actions: every diagnostic, beyond the annotation cap.

GitHub shows only the first few annotations of a step; the summary file
(`$GITHUB_STEP_SUMMARY`) has room for all of them, so nothing found is lost.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from prdkit.check import CheckResult
from prdkit.messages import msg
from prdkit.reporters import clean
from prdkit.reporters.common import report_lang, summary_in

BUDGET = 900_000  # characters; GitHub takes at most 1 MiB of summary per step
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&@$])")
_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def _cell(text: str, limit: int = 300) -> str:
    """Document text for one table cell: literal, on one line, shortened."""
    return _SPECIAL.sub(r"\\\1", clean(" ".join(text.split()), limit))


def step_summary(results: Sequence[CheckResult], lang: str | None = None) -> str:
    """The summary as Markdown: totals, a table per file, then every diagnostic, in the
    messages' language (the run's `lang` when no file was read)."""
    lang = report_lang(results, lang)

    def say(key: str, **params: object) -> str:
        return msg(f"summary.{key}", **params).render(lang)

    lines = ["## prdkit validate", "", f"**{summary_in(results, lang)}**", ""]
    lines += [f"| {say('file')} | {say('errors')} | {say('warnings')} |", "| --- | ---: | ---: |"]
    lines += [f"| {_cell(r.file)} | {r.errors} | {r.warnings} |" for r in results]
    listed = [(r, d) for r in results for d in r.diagnostics]
    if listed:
        head = f"| | {say('where')} | {say('rule')} | {say('message')} |"
        lines += ["", head, "| --- | --- | --- | --- |"]
    size = sum(len(line) + 1 for line in lines)
    for number, (result, d) in enumerate(listed):
        row = (
            f"| {_ICON.get(d.severity.value, '')} {say(d.severity.value)}"
            f" | {_cell(result.file)}:{d.line}:{d.column} | `{d.rule}` | {_cell(d.message)} |"
        )
        if size + len(row) > BUDGET:
            lines.append(f"\n*{say('more', count=len(listed) - number)}*")
            break
        lines.append(row)
        size += len(row) + 1
    return "\n".join(lines) + "\n"


def append_step_summary(
    results: Sequence[CheckResult], target: str | None = None, lang: str | None = None
) -> bool:
    """Append the summary to `$GITHUB_STEP_SUMMARY` when it is set; `True` when written."""
    name = target if target is not None else os.environ.get("GITHUB_STEP_SUMMARY", "")
    if not name:
        return False
    with Path(name).open("a", encoding="utf-8") as handle:
        handle.write(step_summary(results, lang) + "\n")
    return True
