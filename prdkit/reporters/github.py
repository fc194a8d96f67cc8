"""GitHub Actions workflow commands: an annotation per diagnostic, then the summary."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from prdkit.check import CheckResult
from prdkit.diagnostics import Severity
from prdkit.reporters.common import listed, ordered, report_lang, summary_in
from prdkit.reporters.safety import clean


def _github_data(text: str) -> str:
    # The runner decodes these; a raw newline would end the command and start a new one.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report_github(
    results: Sequence[CheckResult],
    *,
    quiet: bool = False,
    color: bool = False,
    strict: bool = False,
    lang: str | None = None,
) -> Iterator[str]:
    """`::error file=F,line=L,col=C,title=RULE::message` per diagnostic, then the summary,
    both in the language of the messages (as the text report)."""
    from prdkit.messages import msg

    lang = report_lang(results, lang)
    hint_label = msg("report.hint").render(lang)
    for result in ordered(results):
        file = _github_property(clean(result.file, 4096))
        for d in listed(result, quiet):
            message = clean(d.message, 1000)
            if d.hint:
                message += f"\n{hint_label}" + clean(d.hint, 500)
            yield (
                f"::{_GITHUB_LEVEL[d.severity]} file={file},line={d.line},col={d.column},"
                f"title={_github_property(d.rule)}::{_github_data(message)}\n"
            )
    yield summary_in(results, lang) + "\n"
