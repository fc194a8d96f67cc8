"""Bounds on the work one document may cause; past any of them: a clear error, fast."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable ceilings for reading and checking one document."""

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 64
    # Reading, the schema and the rules cost up to ~30 µs per value: 100,000 values keep a
    # file under 5 s, while a very large real PRD has a few tens of thousands.
    max_nodes: int = 100_000
    max_int_digits: int = 30
    max_string: int = 200_000
    max_markdown: int = 100_000
    max_diagnostics: int = 50


DEFAULT_LIMITS = Limits()
