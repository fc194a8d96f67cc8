"""Pages and the tracking plan of a generated PRD: one page per feature, one event per page."""

from __future__ import annotations

import random
from typing import Any

from benchmarks.corpus import inline_md, paragraph, title
from benchmarks.sections import Counts, fid


def pid(i: int) -> str:
    """The id of page `i`."""
    return f"PG-{i + 1:04d}"


def pages(rng: random.Random, lang: str, c: Counts) -> list[dict[str, Any]]:
    """Page `i` belongs to feature `i` and leads to the next page and back to the first."""
    kinds = ["text", "image", "button", "link", "input", "list", "tab", "banner", "other"]
    items = []
    for i in range(c.features):
        leads = [pid(j) for j in dict.fromkeys((i + 1, 0)) if j != i and j < c.features]
        items.append(
            {
                "id": pid(i),
                "name": title(rng, lang, i + 1),
                "surface": ["storefront", "mobile", "admin"][i % 3],
                "entry": inline_md(rng, lang),
                "description": paragraph(rng, lang),
                "elements": [
                    {
                        "name": title(rng, lang, k + 1),
                        "kind": kinds[(i + k) % len(kinds)],
                        "rule": inline_md(rng, lang),
                    }
                    for k in range(3)
                ],
                "states": [{"name": title(rng, lang, 1), "description": paragraph(rng, lang, 1)}],
                "navigates_to": leads,
                "features": [fid(i)],
            }
        )
    return items


def tracking(rng: random.Random, lang: str, c: Counts) -> list[dict[str, Any]]:
    """One view event per page, feeding the metrics in turn."""
    return [
        {
            "id": f"EV-{i + 1:04d}",
            "event": f"page_{i + 1}.view",
            "name": title(rng, lang, i + 1),
            "trigger": paragraph(rng, lang, 1),
            "page": pid(i),
            "feature": fid(i),
            "metrics": [f"MET-{i % c.metrics + 1:04d}"],
            "properties": [
                {"name": "source", "type": "enum", "values": ["push", "search"], "example": "push"},
                {"name": "position", "type": "number", "example": i},
            ],
        }
        for i in range(c.features)
    ]
