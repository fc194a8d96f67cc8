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
from prdkit.reporters import clean, summary

BUDGET = 900_000  # characters; GitHub takes at most 1 MiB of summary per step
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&@$])")
_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def _cell(text: str, limit: int = 300) -> str:
    """Document text for one table cell: literal, on one line, shortened."""
    return _SPECIAL.sub(r"\\\1", clean(" ".join(text.split()), limit))


def step_summary(results: Sequence[CheckResult]) -> str:
    """The summary as Markdown: totals, a table per file, then every diagnostic."""
    lines = ["## prdkit validate", "", f"**{summary(results)}**", ""]
    lines += ["| File | Errors | Warnings |", "| --- | ---: | ---: |"]
    lines += [f"| {_cell(r.file)} | {r.errors} | {r.warnings} |" for r in results]
    listed = [(r, d) for r in results for d in r.diagnostics]
    if listed:
        lines += ["", "| | Where | Rule | Message |", "| --- | --- | --- | --- |"]
    size = sum(len(line) + 1 for line in lines)
    for number, (result, d) in enumerate(listed):
        row = (
            f"| {_ICON.get(d.severity.value, '')} {d.severity.value}"
            f" | {_cell(result.file)}:{d.line}:{d.column} | `{d.rule}` | {_cell(d.message)} |"
        )
        if size + len(row) > BUDGET:
            lines.append(f"\n*{len(listed) - number} more diagnostics not shown.*")
            break
        lines.append(row)
        size += len(row) + 1
    return "\n".join(lines) + "\n"


def append_step_summary(results: Sequence[CheckResult], target: str | None = None) -> bool:
    """Append the summary to `$GITHUB_STEP_SUMMARY` when it is set; `True` when written."""
    name = target if target is not None else os.environ.get("GITHUB_STEP_SUMMARY", "")
    if not name:
        return False
    with Path(name).open("a", encoding="utf-8") as handle:
        handle.write(step_summary(results) + "\n")
    return True
