"""Metrics whose target moves the wrong way from the baseline."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.rules._common import labelled
from prdkit.source import join


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`metric-direction`: an `increase` target below its baseline, or the reverse."""
    for metric in doc.metrics:
        if metric.baseline is None or metric.target is None:
            continue
        rising = metric.direction != "decrease"
        if (metric.target < metric.baseline) if rising else (metric.target > metric.baseline):
            yield Finding(
                "metric-direction",
                join(metric.pointer, "target"),
                labelled(
                    doc,
                    "metric-direction." + ("increase" if rising else "decrease"),
                    "direction",
                    "increase" if rising else "decrease",
                    id=metric.id,
                    target=str(metric.target),
                    baseline=str(metric.baseline),
                ),
                hint=msg("metric-direction.hint"),
            )
