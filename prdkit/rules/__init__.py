"""Semantic rules: each family module exposes `check(doc, data) -> Iterator[Finding]`.

`doc` is the model of a schema-valid document and `data` the loaded data it was built from
(for rules about text anywhere and for the approval digest).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
)


def run(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """Every finding of every rule family, less those suppressed by `x-prdkit-ignore`."""
    from prdkit.rules import suppression

    ignores, problems = suppression.collect(data)
    for name in FAMILIES:
        found = import_module(f"prdkit.rules.{name}").check(doc, data)
        yield from suppression.apply(found, ignores)
    yield from problems
