"""What every reporter shares: results in file order, the diagnostics listed, the summary."""

from __future__ import annotations

from collections.abc import Sequence

from prdkit.check import CheckResult
from prdkit.diagnostics import Diagnostic, Severity


def summary(results: Sequence[CheckResult]) -> str:
    """`N errors, M warnings in K files`."""
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    files = len(results)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def summary_zh(results: Sequence[CheckResult]) -> str:
    from prdkit.messages import msg

    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    counts = msg("report.summary", errors=errors, warnings=warnings, files=len(results))
    return counts.render("zh")


def report_lang(results: Sequence[CheckResult], lang: str | None) -> str:
    """One language for a report read by people: the one every file was checked in, else
    the run's `lang` (no file could be read), else English."""
    langs = {r.lang for r in results}
    return langs.pop() if len(langs) == 1 else lang if not langs and lang else "en"


def summary_in(results: Sequence[CheckResult], lang: str) -> str:
    """The closing summary in `lang`."""
    return summary_zh(results) if lang == "zh" else summary(results)


def ordered(results: Sequence[CheckResult]) -> list[CheckResult]:
    # Many files in one run read as one report sorted by file (diagnostics are sorted within).
    return sorted(results, key=lambda r: r.file)


def listed(result: CheckResult, quiet: bool) -> list[Diagnostic]:
    if quiet:
        return [d for d in result.diagnostics if d.severity is Severity.ERROR]
    return result.diagnostics
