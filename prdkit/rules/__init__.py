"""Semantic rules: each family module exposes `check(doc, data) -> Iterator[Finding]`.

`doc` is the model of a schema-valid document and `data` the loaded data it was built from
(for rules about text anywhere and for the approval digest).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from importlib import import_module
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.model import Document

FAMILIES: tuple[str, ...] = (
    "references",
    "cycles",
    "dates",
    "flows",
    "pages",
    "tracking",
    "market",
    "competition",
    "metrics",
    "permissions",
    "traceability",
    "completeness",
    "text",
    "approvals",
    "planning",
    "custom",
)


def run(
    doc: Document, data: Mapping[str, Any], found_while_reading: Iterable[Finding] = ()
) -> Iterator[Finding]:
    """Every finding of every rule family, less those suppressed by `x-prdkit-ignore`.

    `found_while_reading`: findings of semantic rules the loader made (`comment-in-text`),
    suppressed like the others.
    """
    from prdkit.rules import suppression

    ignores, problems = suppression.collect(data)
    yield from suppression.apply(found_while_reading, ignores)
    for name in FAMILIES:
        found = import_module(f"prdkit.rules.{name}").check(doc, data)
        yield from suppression.apply(found, ignores)
    yield from problems
