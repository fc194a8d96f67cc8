"""Semantic rules: each family module exposes `check(doc) -> Iterator[Finding]`."""

from __future__ import annotations

from collections.abc import Iterator

from prdkit.diagnostics import Finding
from prdkit.model import Document

FAMILIES: tuple[str, ...] = ()


def run(doc: Document) -> Iterator[Finding]:
    """Every finding of every rule family, in family order."""
    from importlib import import_module

    for name in FAMILIES:
        yield from import_module(f"prdkit.rules.{name}").check(doc)
