"""Per-item suppression: `x-prdkit-ignore: [rule-id, ...]` on any mapping of the document.

The listed rules' findings at that mapping or anywhere below it are dropped. It is for the
rare justified exception; project-wide switches belong in the configuration.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.rules._common import verbatim
from prdkit.ruletable import RULES, SIGNOFF_RULES, configurable
from prdkit.source import join, parent

KEY = "x-prdkit-ignore"


def collect(
    data: Any, source: str | None = None
) -> tuple[dict[str, frozenset[str]], list[Finding]]:
    """Pointer of each mapping carrying `x-prdkit-ignore` → its rule ids; and its mistakes.

    `source`, the text `data` was read from: when the key is nowhere in it, nothing is walked.
    """
    ignores: dict[str, frozenset[str]] = {}
    problems: list[Finding] = []
    if source is not None and KEY not in source and verbatim(source):
        return ignores, problems
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, Mapping):
            if KEY in value:
                ids, bad = _read(join(pointer, KEY), value[KEY])
                problems.extend(bad)
                if ids:
                    ignores[pointer] = ids
            stack.extend(
                (join(pointer, k), v)
                for k, v in value.items()
                if k != KEY and isinstance(v, Mapping | list)
            )
        elif isinstance(value, list):
            stack.extend(
                (join(pointer, i), v) for i, v in enumerate(value) if isinstance(v, Mapping | list)
            )
    return ignores, problems


def _read(pointer: str, value: Any) -> tuple[frozenset[str], list[Finding]]:
    if not isinstance(value, list):
        return frozenset(), [
            Finding(
                "suppression-invalid",
                pointer,
                msg("suppression-invalid.not-list"),
                hint=msg("suppression-invalid.hint"),
            )
        ]
    ids: set[str] = set()
    problems = []
    for i, rule in enumerate(value):
        here = join(pointer, i)
        if not isinstance(rule, str):
            message = msg("suppression-invalid.not-id", shown=_shown(rule))
        elif rule not in RULES:
            message = msg("suppression-invalid.unknown", rule=rule)
        elif not configurable(rule):
            message = msg("suppression-invalid.fixed", rule=rule)
        elif rule in SIGNOFF_RULES:
            # The edit that makes a sign-off stale must not be able to hide that it did.
            message = msg("suppression-invalid.signoff", rule=rule)
        else:
            ids.add(rule)
            continue
        problems.append(
            Finding("suppression-invalid", here, message, hint=msg("suppression-invalid.hint"))
        )
    return frozenset(ids), problems


def _shown(value: Any) -> str:
    """A value that is not text, as YAML would write it, shortened."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)[:40]


def apply(findings: Iterable[Finding], ignores: Mapping[str, frozenset[str]]) -> Iterator[Finding]:
    """`findings` without those an `x-prdkit-ignore` at or above their pointer switches off."""
    if not ignores:
        yield from findings
        return
    for finding in findings:
        if not _ignored(finding, ignores):
            yield finding


def _ignored(finding: Finding, ignores: Mapping[str, frozenset[str]]) -> bool:
    pointer = finding.pointer
    while True:
        rules = ignores.get(pointer)
        if rules is not None and finding.rule in rules:
            return True
        if not pointer:
            return False
        pointer = parent(pointer)
