"""Diagnostics: severities, rules, findings located by pointer, diagnostics placed in a file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from prdkit.messages import Msg
from prdkit.source import Span


class Severity(str, Enum):
    """How bad a diagnostic is; `error` fails validation, `warning` only with --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of the rule table; ids are stable and never reused."""

    id: str
    severity: Severity
    family: str
    summary: str
    fix: str = ""
    example: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in the data, located by JSON Pointer; `check` places it in the file."""

    rule: str
    pointer: str
    message: Msg | str  # a catalogue message; rendered in the run's language when placed
    hint: Msg | str | None = None  # None: the rule's fix from the rule table
    severity: Severity | None = None  # set by status-aware rules; None: the table's default
    at: Literal["value", "key"] = "value"
    span: Span | None = None  # a place within the value (a comment after it), when known


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding placed at file:line:col with its final severity."""

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    pointer: str = ""
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, then rule id."""
        return (self.file, self.line, self.column, self.rule)


def most_severe(diagnostics: Sequence[Diagnostic], count: int) -> list[Diagnostic]:
    """The `count` most severe of `diagnostics` (earlier first among equals), in file order:
    when only some are shown, an error is never the one left out for a warning."""
    if count >= len(diagnostics):
        return list(diagnostics)
    chosen = sorted(diagnostics, key=lambda d: -d.severity.rank)[: max(count, 0)]
    return sorted(chosen, key=Diagnostic.sort_key)
