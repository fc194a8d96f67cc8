"""Semantic rules: each family module exposes `check(doc, data) -> Iterator[Finding]`.

`doc` is the model of a schema-valid document and `data` the loaded data it was built from
(for rules about text anywhere and for the approval digest). A family may also expose
`idle(source) -> bool`: True when the source text proves its `check` would find nothing.
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
    doc: Document,
    data: Mapping[str, Any],
    found_while_reading: Iterable[Finding] = (),
    source: str | None = None,
) -> Iterator[Finding]:
    """Every finding of every rule family, less those suppressed by `x-prdkit-ignore`.

    `found_while_reading`: findings of semantic rules the loader made (`comment-in-text`),
    suppressed like the others. `source`, the text `data` was read from, lets a family that
    looks for words anywhere (`idle(source)`) be skipped when the text proves it finds none.
    """
    from prdkit.rules import suppression

    ignores, problems = suppression.collect(data, source)
    yield from suppression.apply(found_while_reading, ignores)
    for name in FAMILIES:
        family = import_module(f"prdkit.rules.{name}")
        idle = getattr(family, "idle", None)
        if source is not None and idle is not None and idle(source):
            continue
        yield from suppression.apply(family.check(doc, data), ignores)
    yield from problems
