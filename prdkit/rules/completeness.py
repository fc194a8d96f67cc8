"""Status-aware completeness: core sections written, must-haves testable."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from typing import Any, Literal

from prdkit.diagnostics import Finding, Severity
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.rules._common import graded, must_message, present
from prdkit.source import join

# The eight sections a document needs before review, in the format's order.
CORE_SECTIONS = (
    "market_research",
    "requirements",
    "business_model",
    "competition",
    "features",
    "flows",
    "schedule",
    "metrics",
)


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`core-section-missing`, `acceptance-criteria-missing`, `metric-target-missing`, graded."""
    severity = graded(doc)
    status = doc.meta.status
    for name in CORE_SECTIONS:
        value = getattr(doc, name)
        # A missing section is wanted because of the status; an empty one is shown at its key.
        at: Literal["value", "key"]
        if name not in data:
            where, what, at = "/meta/status", "missing", "value"
        elif not _filled(value):
            where, what, at = f"/{name}", "empty", "key"
        else:
            continue
        yield Finding(
            "core-section-missing",
            where,
            msg(f"core-section-missing.{what}.{status}", section=name),
            hint=msg("core-section-missing.hint"),
            severity=severity,
            at=at,
        )
    for req in doc.requirements:
        if (
            req.priority == "must"
            # Not to be built (now): never a gap, as for traceability.
            and req.status not in ("rejected", "deferred")
            and not any(present(c) for c in req.acceptance_criteria)
        ):
            yield Finding(
                "acceptance-criteria-missing",
                join(req.pointer, "acceptance_criteria"),
                must_message(doc, "acceptance-criteria-missing", req.id),
                hint=msg("acceptance-criteria-missing.hint"),
                severity=severity,
            )
    yield from _targets(doc, severity)


def _targets(doc: Document, severity: Severity) -> Iterator[Finding]:
    # A draft may still be finding its numbers; from review on, every metric needs its target.
    for metric in doc.metrics:
        if metric.target is None:
            yield Finding(
                "metric-target-missing",
                metric.pointer,
                msg(f"metric-target-missing.{doc.meta.status}", id=metric.id),
                hint=msg("metric-target-missing.hint"),
                severity=severity,
            )


def _filled(value: Any) -> bool:
    # A list section needs an item; a mapping section needs one field that says something.
    # Recursion follows the model's fixed shape (a few levels), never the data.
    if isinstance(value, tuple):
        return bool(value)
    if is_dataclass(value):
        return any(_filled(getattr(value, f.name)) for f in fields(value) if f.name != "pointer")
    return present(value)
