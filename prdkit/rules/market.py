"""Market research: the total market holds the serviceable one, which holds the obtainable one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.source import join


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`market-size-order`: TAM ≥ SAM ≥ SOM, among the figures given."""
    research = doc.market_research
    size = research.market_size if research else None
    if size is None:
        return
    given = [(name, v) for name, v in (("tam", size.tam), ("sam", size.sam), ("som", size.som))]
    given = [(name, v) for name, v in given if v is not None]
    # Compare each figure with the nearest larger one given, so one bad figure is one finding.
    for (big, big_value), (small, small_value) in pairwise(given):
        if small_value > big_value:
            yield Finding(
                "market-size-order",
                join(size.pointer, small),
                msg(
                    "market-size-order",
                    small=small.upper(),
                    small_value=small_value,
                    big=big.upper(),
                    big_value=big_value,
                ),
                hint=msg("market-size-order.hint"),
            )
