"""Reporters: validation results → text, json, github, sarif or junit, chosen by name.

One module per format; `safety` holds the escaping every output of document text and file
names goes through, `common` what the formats share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from prdkit.check import CheckResult
from prdkit.reporters.common import summary
from prdkit.reporters.github import report_github
from prdkit.reporters.jsonreport import report_json
from prdkit.reporters.junit import report_junit
from prdkit.reporters.safety import clean, safe_lines, shown_path
from prdkit.reporters.sarif import report_sarif
from prdkit.reporters.text import render_text

__all__ = [
    "REPORTERS",
    "Reporter",
    "clean",
    "render_github",
    "render_json",
    "render_junit",
    "render_sarif",
    "render_text",
    "report_github",
    "report_json",
    "report_junit",
    "report_sarif",
    "safe_lines",
    "shown_path",
    "summary",
]


def render_json(results: Sequence[CheckResult], **options: bool) -> str:
    """The JSON report as one text."""
    return "".join(report_json(results, **options))


def render_github(results: Sequence[CheckResult], **options: bool) -> str:
    """The workflow commands as one text."""
    return "".join(report_github(results, **options))


def render_sarif(results: Sequence[CheckResult], **options: bool) -> str:
    """The SARIF log as one text."""
    return "".join(report_sarif(results, **options))


def render_junit(results: Sequence[CheckResult], **options: bool) -> str:
    """The JUnit XML as one text."""
    return "".join(report_junit(results, **options))


def _report_text(results: Sequence[CheckResult], **options: object) -> Iterator[str]:
    # At most 50 diagnostics a file by default: made as one text.
    yield render_text(results, **options)  # type: ignore[arg-type]


# A reporter's output comes in pieces, in order, to be written as they come: the machine
# formats list every diagnostic, hundreds of thousands of them at the document limits.
Reporter = Callable[..., Iterator[str]]

REPORTERS: dict[str, Reporter] = {
    "text": _report_text,
    "json": report_json,
    "github": report_github,
    "sarif": report_sarif,
    "junit": report_junit,
}
