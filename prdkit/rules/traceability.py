"""Traceability: features serve requirements, and every `must` is delivered by a feature.

Only what a feature can deliver is owed one: cross-cutting kinds (nonfunctional, business,
operational) are met across features, and `rejected` or `deferred` requirements by none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.rules._common import graded, must_message
from prdkit.source import join
from prdkit.views import owes_feature


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`feature-without-requirement` and `must-without-feature`, graded by status."""
    severity = graded(doc)
    for feature in doc.features:
        # A feature listing only unknown ids is already a reference error; not repeated here.
        if not feature.requirements:
            yield Finding(
                "feature-without-requirement",
                join(feature.pointer, "requirements"),
                msg("feature-without-requirement", id=feature.id),
                hint=msg("feature-without-requirement.hint"),
                severity=severity,
            )
    covered = {r for f in doc.features for r in f.requirements}
    for req in doc.requirements:
        if owes_feature(req) and req.id not in covered:
            yield Finding(
                "must-without-feature",
                req.pointer,
                must_message(doc, "must-without-feature", req.id),
                hint=msg("must-without-feature.hint", id=req.id),
                severity=severity,
            )
