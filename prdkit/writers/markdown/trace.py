"""Traceability: what each requirement leads to, computed from the model alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prdkit.model import Document

__all__ = ["Trace", "traceability", "untraced_features"]


@dataclass(frozen=True)
class Trace:
    """The items that trace to one requirement, each tuple in document order."""

    requirement: str
    features: tuple[str, ...]
    flows: tuple[str, ...]
    metrics: tuple[str, ...]
    milestones: tuple[str, ...]


def traceability(doc: Document) -> list[Trace]:
    """Requirement → features that cite it → flows using those features → metrics citing it
    → milestones delivering it or one of its features."""
    milestones = doc.schedule.milestones if doc.schedule else ()
    # Inverse indexes, built once: scanning every feature, flow, metric and milestone for
    # each requirement made the matrix quadratic (seconds at 5,000 requirements).
    features_of: dict[str, list[str]] = {}
    for f in doc.features:
        for req_id in dict.fromkeys(f.requirements):
            features_of.setdefault(req_id, []).append(f.id)
    flows_of = _positions(fl.features for fl in doc.flows)
    metrics_of: dict[str, list[str]] = {}
    for m in doc.metrics:
        for req_id in dict.fromkeys(m.requirements):
            metrics_of.setdefault(req_id, []).append(m.id)
    milestones_of = _positions(m.deliverables for m in milestones)
    rows = []
    for req in doc.requirements:
        features = tuple(features_of.get(req.id, ()))
        flows = tuple(doc.flows[i].id for i in _union(flows_of, features))
        metrics = tuple(metrics_of.get(req.id, ()))
        due = tuple(milestones[i].id for i in _union(milestones_of, (req.id, *features)))
        rows.append(Trace(req.id, features, flows, metrics, due))
    return rows


def _positions(lists: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """id → positions of the lists that name it."""
    index: dict[str, list[int]] = {}
    for position, ids in enumerate(lists):
        for item_id in dict.fromkeys(ids):
            index.setdefault(item_id, []).append(position)
    return index


def _union(index: dict[str, list[int]], ids: Iterable[str]) -> list[int]:
    """The positions naming any of `ids`, in document order."""
    return sorted({position for item_id in ids for position in index.get(item_id, ())})


def untraced_features(doc: Document) -> list[str]:
    """Features that name no requirement."""
    return [f.id for f in doc.features if not f.requirements]
