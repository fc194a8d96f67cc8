"""What the site index shows of one document, taken from its check result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from prdkit.check import CheckResult
from prdkit.diagnostics import Diagnostic, Severity, most_severe

# How many diagnostics of an invalid document the index lists; the count says the rest.
LISTED = 20


@dataclass(frozen=True)
class Entry:
    """One row of the index: a document's metadata and how it fared in validation."""

    source: str  # path relative to the site's root folder, with forward slashes
    page: str | None  # the HTML page relative to the output folder; None when not rendered
    title: str
    doc_id: str
    status: str
    owner: str
    version: str
    updated: str
    open_questions: int
    errors: int
    warnings: int
    stale_approvals: int
    # The errors of an invalid document (no page shows them), most severe first.
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    # (severity, rule id, how many) of every warning and error: the index shows counts.
    counts: tuple[tuple[str, str, int], ...] = field(default=())
    language: str = ""

    @property
    def valid(self) -> bool:
        """`True` when the document has no error and was rendered."""
        return self.errors == 0 and self.page is not None


def entry(result: CheckResult, source: str, page: str | None) -> Entry:
    """The index row of a checked document (valid or not)."""
    data = result.data if isinstance(result.data, dict) else {}
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    return Entry(
        source=source,
        page=page,
        title=_text(meta.get("title")) or source,
        doc_id=_text(meta.get("id")),
        status=_text(meta.get("status")),
        owner=_text(meta.get("owner")),
        version=_text(meta.get("version")),
        updated=_text(meta.get("updated")) or _text(meta.get("created")),
        open_questions=_open_questions(data),
        errors=result.errors,
        warnings=result.warnings,
        stale_approvals=sum(d.rule == "stale-approval" for d in result.diagnostics),
        diagnostics=tuple(
            most_severe([d for d in result.diagnostics if d.severity is Severity.ERROR], LISTED)
        )
        if result.failed()
        else (),
        counts=_counts(result.diagnostics),
        language=_text(meta.get("language")),
    )


def _counts(diagnostics: list[Diagnostic]) -> tuple[tuple[str, str, int], ...]:
    """How many diagnostics of each rule, errors first, then the most frequent."""
    tally = Counter(
        (d.severity.value, d.rule) for d in diagnostics if d.severity is not Severity.INFO
    )
    ordered = sorted(tally.items(), key=lambda kv: (kv[0][0] != "error", -kv[1], kv[0][1]))
    return tuple((severity, rule, n) for (severity, rule), n in ordered)


def _text(value: Any) -> str:
    """A metadata value as one short line of text (an invalid document may hold anything)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())[:200]


def _open_questions(data: dict[str, Any]) -> int:
    questions = data.get("open_questions")
    if not isinstance(questions, list):
        return 0
    return sum(1 for q in questions if isinstance(q, dict) and not q.get("resolution"))
