"""SARIF 2.1.0: one log, one run, every rule of the table, a result per diagnostic."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from urllib.parse import quote

from prdkit import __version__
from prdkit.check import CheckResult
from prdkit.diagnostics import Diagnostic, Severity
from prdkit.reporters.common import listed, ordered
from prdkit.reporters.jsonreport import json_list, json_str
from prdkit.reporters.safety import clean

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
        for result in ordered(results):
            location = _sarif_location(result.file)
            for d in listed(result, quiet):
                yield _sarif_result(d, location, index)

    yield from json_list(text[:cut], items(), "\n      ]" + text[cut + 1 :], text[cut:])


def _sarif_location(file: str) -> str:
    """The `artifactLocation` of `file`, as it is indented in every result."""
    uri, relative = artifact_uri(file)
    base = ',\n                  "uriBaseId": "%SRCROOT%"' if relative else ""
    return f'{{\n                  "uri": {json_str(uri)}{base}\n                }}'


def _sarif_result(d: Diagnostic, location: str, index: dict[str, int]) -> str:
    text = clean(d.message, 1000)
    if d.hint:
        text += f" (hint: {clean(d.hint, 500)})"
    rule_index = f'\n          "ruleIndex": {index[d.rule]},' if d.rule in index else ""
    return (
        "        {\n"
        f'          "ruleId": {json_str(d.rule)},{rule_index}\n'
        f'          "level": {json_str(_SARIF_LEVEL[d.severity])},\n'
        '          "message": {\n'
        f'            "text": {json_str(text)}\n'
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
        f'            "pointer": {json_str(clean(d.pointer, 1000))}\n'
        "          }\n"
        "        }"
    )
