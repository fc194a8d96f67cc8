"""The JSON report, written a diagnostic at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from json.encoder import encode_basestring as json_str  # what json.dumps writes a str as

from prdkit.check import CheckResult
from prdkit.diagnostics import Diagnostic
from prdkit.reporters.common import listed, ordered
from prdkit.reporters.safety import clean


def report_json(
    results: Sequence[CheckResult],
    *,
    quiet: bool = False,
    color: bool = False,
    strict: bool = False,
) -> Iterator[str]:
    """`{"files": K, "diagnostics": [...]}` as one JSON document, a diagnostic at a time.

    The very text `json.dumps(document, ensure_ascii=False, indent=2)` gives, made as it is
    written: that encoder's indented mode is pure Python and holds every piece of the text
    until the end (for SARIF, ~40 µs and 6 KB a diagnostic). Strings are encoded by the
    function it uses, `encode_basestring`.
    """
    head = (
        f'{{\n  "files": {len(results)},\n'
        f'  "errors": {sum(r.errors for r in results)},\n'
        f'  "warnings": {sum(r.warnings for r in results)},\n'
        '  "diagnostics": ['
    )
    items = (_json_diagnostic(d) for r in ordered(results) for d in listed(r, quiet))
    yield from json_list(head, items, "\n  ]\n}\n", "]\n}\n")


def _json_diagnostic(d: Diagnostic) -> str:
    hint = f',\n      "hint": {json_str(clean(d.hint, 1000))}' if d.hint else ""
    return (
        "    {\n"
        f'      "file": {json_str(d.file)},\n'
        f'      "line": {d.line},\n'
        f'      "column": {d.column},\n'
        f'      "severity": {json_str(d.severity.value)},\n'
        f'      "rule": {json_str(d.rule)},\n'
        f'      "message": {json_str(clean(d.message, 1000))},\n'
        f'      "pointer": {json_str(clean(d.pointer, 1000))}{hint}\n'
        "    }"
    )


def json_list(head: str, items: Iterator[str], close: str, empty: str) -> Iterator[str]:
    """`head` (ending in `[`), the items one per line as `json.dumps` indents them, and
    `close`; `head` and `empty` when there are none (`[]`)."""
    first = next(items, None)
    if first is None:
        yield head + empty
        return
    yield f"{head}\n{first}"
    for item in items:
        yield f",\n{item}"
    yield close
