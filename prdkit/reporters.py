"""Reporters: validation results → text, json, github, sarif or junit, chosen by name."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring as _json_str  # what json.dumps writes a str as
from pathlib import PurePath
from urllib.parse import quote

from prdkit import __version__
from prdkit.check import CheckResult
from prdkit.diagnostics import Diagnostic, Severity, most_severe

# Characters that must never reach a terminal or CI log raw: controls, bidi overrides,
# line and paragraph separators, the BOM/zero-width no-break space, non-characters, and the
# lone surrogates Python uses for bytes of a file name that are not UTF-8 (unencodable).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def clean(text: str, limit: int = 300) -> str:
    """`text` made safe for one output line: invisible characters escaped, long text cut."""
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def safe_lines(text: str, limit: int = 2000) -> str:
    """Text of several lines for a terminal or CI log: each line cleaned, none a command.

    Every message that may carry document text or a file name reaches stderr through here,
    so a value holding `\n::error::…` can neither break a line nor start a workflow command.
    """
    return "\n".join(_defused(clean(line, limit)) for line in text.split("\n"))


def _defused(line: str) -> str:
    """`line` unable to start a workflow command: a leading `::` gets its first colon escaped."""
    body = line.lstrip()
    if not body.startswith("::"):
        return line
    return line[: len(line) - len(body)] + "\\u003a" + body[1:]


def shown_path(file: str) -> str:
    """A file name safe at the start of a line: `::x` (a CI workflow command) becomes `./::x`."""
    text = clean(file, 500)
    return "./" + text if text.startswith((":", "-")) else text


def summary(results: Sequence[CheckResult]) -> str:
    """`N errors, M warnings in K files`."""
    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    files = len(results)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def _summary_zh(results: Sequence[CheckResult]) -> str:
    from prdkit.messages import msg

    errors = sum(r.errors for r in results)
    warnings = sum(r.warnings for r in results)
    counts = msg("report.summary", errors=errors, warnings=warnings, files=len(results))
    return counts.render("zh")


def _ordered(results: Sequence[CheckResult]) -> list[CheckResult]:
    # Many files in one run read as one report sorted by file (diagnostics are sorted within).
    return sorted(results, key=lambda r: r.file)


def _listed(result: CheckResult, quiet: bool) -> list[Diagnostic]:
    if quiet:
        return [d for d in result.diagnostics if d.severity is Severity.ERROR]
    return result.diagnostics


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
    caret_at = len(prefix) + len(clean(line[start : diagnostic.column - 1].replace("\t", " "), 200))
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

    # One language for the report: the one every file was checked in, else the run's
    # (no file could be read), else English.
    langs = {r.lang for r in results}
    lang = langs.pop() if len(langs) == 1 else lang if not langs and lang else "en"
    hint_label = msg("report.hint").render(lang)
    out: list[str] = []
    for result in _ordered(results):
        listed = _listed(result, quiet)
        # Split once per file: each diagnostic's excerpt reads its own line.
        lines = result.text.split("\n") if result.text and not quiet else []
        cap = result.listed if max_diagnostics is None else max_diagnostics
        left_out = len(listed) - cap if 0 < cap < len(listed) else 0
        for d in most_severe(listed, len(listed) - left_out):
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
    out.append(summary(results) if lang != "zh" else _summary_zh(results))
    return "\n".join(out) + "\n"


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
    items = (_json_diagnostic(d) for r in _ordered(results) for d in _listed(r, quiet))
    yield from _json_list(head, items, "\n  ]\n}\n", "]\n}\n")


def _json_diagnostic(d: Diagnostic) -> str:
    hint = f',\n      "hint": {_json_str(clean(d.hint, 1000))}' if d.hint else ""
    return (
        "    {\n"
        f'      "file": {_json_str(d.file)},\n'
        f'      "line": {d.line},\n'
        f'      "column": {d.column},\n'
        f'      "severity": {_json_str(d.severity.value)},\n'
        f'      "rule": {_json_str(d.rule)},\n'
        f'      "message": {_json_str(clean(d.message, 1000))},\n'
        f'      "pointer": {_json_str(clean(d.pointer, 1000))}{hint}\n'
        "    }"
    )


def _json_list(head: str, items: Iterator[str], close: str, empty: str) -> Iterator[str]:
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


# -- GitHub Actions workflow commands


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
) -> Iterator[str]:
    """`::error file=F,line=L,col=C,title=RULE::message` per diagnostic, then the summary."""
    for result in _ordered(results):
        file = _github_property(clean(result.file, 4096))
        for d in _listed(result, quiet):
            message = clean(d.message, 1000)
            if d.hint:
                message += "\nhint: " + clean(d.hint, 500)
            yield (
                f"::{_GITHUB_LEVEL[d.severity]} file={file},line={d.line},col={d.column},"
                f"title={_github_property(d.rule)}::{_github_data(message)}\n"
            )
    yield summary(results) + "\n"


# -- SARIF 2.1.0

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/prdkit/prdkit"
RULES_DOC = f"{HOME}/blob/main/docs/rules.md"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> tuple[str, bool]:
    """A URI for `file` and whether it is relative (to the folder prdkit ran in)."""
    path = os.path.abspath(file)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        relative = os.pardir
    if not relative.startswith(os.pardir):
        # Quoted from the name's bytes: a name that is not UTF-8 keeps them (%E9), no error.
        return quote(os.fsencode(PurePath(relative).as_posix()), safe="/"), True
    return PurePath(path).as_uri(), False


def report_sarif(
    results: Sequence[CheckResult],
    *,
    quiet: bool = False,
    color: bool = False,
    strict: bool = False,
) -> Iterator[str]:
    """One SARIF 2.1.0 log with one run: every rule of the table, one result per diagnostic.

    The text `json.dumps(log, ensure_ascii=False, indent=2)` gives, a result at a time (see
    `report_json`): the log around the results is dumped with none, and they are written
    into its `"results": []`, the run's last key.
    """
    from prdkit.ruletable import RULES

    index = {rule_id: i for i, rule_id in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "shortDescription": {"text": rule.summary},
            "help": {"text": rule.fix or rule.summary},
            "helpUri": f"{RULES_DOC}#{rule.id}",
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": [rule.family]},
        }
        for rule in RULES.values()
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "prdkit",
                        "version": __version__,
                        "informationUri": HOME,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [],
            }
        ],
    }
    text = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    cut = text.rindex('"results": []') + len('"results": [')

    def items() -> Iterator[str]:
        for result in _ordered(results):
            location = _sarif_location(result.file)
            for d in _listed(result, quiet):
                yield _sarif_result(d, location, index)

    yield from _json_list(text[:cut], items(), "\n      ]" + text[cut + 1 :], text[cut:])


def _sarif_location(file: str) -> str:
    """The `artifactLocation` of `file`, as it is indented in every result."""
    uri, relative = artifact_uri(file)
    base = ',\n                  "uriBaseId": "%SRCROOT%"' if relative else ""
    return f'{{\n                  "uri": {_json_str(uri)}{base}\n                }}'


def _sarif_result(d: Diagnostic, location: str, index: dict[str, int]) -> str:
    text = clean(d.message, 1000)
    if d.hint:
        text += f" (hint: {clean(d.hint, 500)})"
    rule_index = f'\n          "ruleIndex": {index[d.rule]},' if d.rule in index else ""
    return (
        "        {\n"
        f'          "ruleId": {_json_str(d.rule)},{rule_index}\n'
        f'          "level": {_json_str(_SARIF_LEVEL[d.severity])},\n'
        '          "message": {\n'
        f'            "text": {_json_str(text)}\n'
        "          },\n"
        '          "locations": [\n'
        "            {\n"
        '              "physicalLocation": {\n'
        f'                "artifactLocation": {location},\n'
        '                "region": {\n'
        f'                  "startLine": {d.line},\n'
        f'                  "startColumn": {d.column}\n'
        "                }\n"
        "              }\n"
        "            }\n"
        "          ],\n"
        '          "properties": {\n'
        f'            "pointer": {_json_str(clean(d.pointer, 1000))}\n'
        "          }\n"
        "        }"
    )


# -- JUnit XML

# Characters XML 1.0 cannot carry at all, even escaped: all but tab, LF, CR, U+0020–U+D7FF,
# U+E000–U+FFFD and U+10000 upwards. Spelt as what is refused, not as the negation of what
# is allowed: compiling the negated class took 6 ms of every run that imports this module.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _xml_text(text: str) -> str:
    """`text` as element text, escaped as ElementTree escapes it (`&`, `<`, `>`). Not
    xml.sax.saxutils: it imports urllib.request, ssl and email, 10 ms of every command."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def report_junit(
    results: Sequence[CheckResult],
    *,
    quiet: bool = False,
    color: bool = False,
    strict: bool = False,
) -> Iterator[str]:
    """JUnit XML: one test case per file, failing when the file fails validation.

    The text ElementTree gives the whole tree indented by `ET.indent`, written a line of a
    test case at a time; the tags with attributes are ElementTree's own.
    """
    ordered = _ordered(results)
    failed = sum(r.failed(strict) for r in ordered)
    counts = {"tests": str(len(ordered)), "failures": str(failed), "errors": "0", "skipped": "0"}
    attributes = {"name": "prdkit validate", **counts}
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield _start_tag("testsuites", attributes) + "\n  "
    if not ordered:
        yield _empty_tag("testsuite", attributes) + "\n</testsuites>\n"
        return
    yield _start_tag("testsuite", attributes)
    for result in ordered:
        name = _xml(clean(result.file, 4096))
        case = {"classname": "prdkit", "name": name, "file": name}
        listed = _listed(result, quiet)
        if result.failed(strict):
            headline = summary([result]).rsplit(" in ", 1)[0]
            inner = ("failure", {"message": headline, "type": "invalid"})
        elif listed:
            inner = ("system-out", {})
        else:
            yield "\n    " + _empty_tag("testcase", case)
            continue
        yield "\n    " + _start_tag("testcase", case) + "\n      "
        if not listed:  # an element without text closes itself, as ElementTree writes it
            yield _empty_tag(*inner)
        else:
            yield _start_tag(*inner)
            for i, d in enumerate(listed):
                line = f"{d.line}:{d.column}: {d.severity.value} {d.rule} {clean(d.message, 1000)}"
                # Escaped as ElementTree escapes text: &, < and >.
                yield ("\n" if i else "") + _xml_text(_xml(line))
            yield f"</{inner[0]}>"
        yield "\n    </testcase>"
    yield "\n  </testsuite>\n</testsuites>\n"


def _empty_tag(tag: str, attributes: dict[str, str]) -> str:
    """`<tag a="v" />`, its attributes escaped by ElementTree."""
    return ET.tostring(ET.Element(tag, attributes), encoding="unicode")


def _start_tag(tag: str, attributes: dict[str, str]) -> str:
    return _empty_tag(tag, attributes).removesuffix(" />") + ">"


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
