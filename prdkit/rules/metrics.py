"""Metrics whose target moves the wrong way from the baseline."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.model import Document
from prdkit.source import join


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`metric-direction`: an `increase` target below its baseline, or the reverse."""
    for metric in doc.metrics:
        if metric.baseline is None or metric.target is None:
            continue
        rising = metric.direction != "decrease"
        if (metric.target < metric.baseline) if rising else (metric.target > metric.baseline):
            verb, side = ("increase", "below") if rising else ("decrease", "above")
            yield Finding(
                "metric-direction",
                join(metric.pointer, "target"),
                f"metric {metric.id} should {verb}, but its target {metric.target} is {side} "
                f"its baseline {metric.baseline}",
                hint="fix the target or the baseline, or change `direction`",
            )
