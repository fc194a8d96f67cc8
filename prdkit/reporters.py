"""Reporters: validation results → text, json (github, sarif, junit join them here)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from prdkit.check import CheckResult
from prdkit.diagnostics import Diagnostic, Severity

# Characters that must never reach a terminal or CI log raw: controls, bidi overrides,
# line and paragraph separators, and the BOM/zero-width no-break space.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(text: str, limit: int = 300) -> str:
    """`text` made safe for one output line: invisible characters escaped, long text cut."""
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def summary(results: Sequence[CheckResult]) -> str:
    """`N errors, M warnings in K files`."""
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    files = len(results)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def _listed(result: CheckResult, quiet: bool) -> list[Diagnostic]:
    if quiet:
        return [d for d in result.diagnostics if d.severity is Severity.ERROR]
    return result.diagnostics


def _excerpt(result: CheckResult, diagnostic: Diagnostic, color: bool) -> list[str]:
    lines = result.text.split("\n") if result.text else []
    if not 1 <= diagnostic.line <= len(lines):
        return []
    source = lines[diagnostic.line - 1].replace("\t", " ")
    # Shorten long lines around the column so the caret still points at the value.
    start = max(0, diagnostic.column - 1 - 60)
    shown = source[start : start + 120]
    prefix = "…" if start else ""
    shown_clean = clean(shown, 200)
    caret_at = len(prefix) + len(clean(source[start : diagnostic.column - 1], 200))
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


def render_text(results: Sequence[CheckResult], *, quiet: bool = False, color: bool = False) -> str:
    """One line per diagnostic, the source excerpt with a caret, and the summary."""
    out: list[str] = []
    for result in results:
        for d in _listed(result, quiet):
            severity = d.severity.value
            if color:
                severity = f"{_COLORS[d.severity]}{severity}\x1b[0m"
            out.append(
                f"{clean(d.file)}:{d.line}:{d.column}: {severity} {d.rule} {clean(d.message)}"
            )
            if not quiet:
                out.extend(_excerpt(result, d, color))
                if d.hint:
                    out.append(f"        hint: {clean(d.hint)}")
        if result.omitted:
            out.append(f"{clean(result.file)}: … {result.omitted} more diagnostics not listed")
    out.append(summary(results))
    return "\n".join(out) + "\n"


def render_json(results: Sequence[CheckResult], *, quiet: bool = False, color: bool = False) -> str:
    """`{"files": K, "diagnostics": [...]}` as one JSON document."""
    diagnostics = [
        {
            "file": d.file,
            "line": d.line,
            "column": d.column,
            "severity": d.severity.value,
            "rule": d.rule,
            "message": clean(d.message, 1000),
            "pointer": d.pointer,
            **({"hint": d.hint} if d.hint else {}),
        }
        for r in results
        for d in _listed(r, quiet)
    ]
    document = {
        "files": len(results),
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
        "diagnostics": diagnostics,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


Reporter = Callable[..., str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
}
