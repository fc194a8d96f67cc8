"""The feature-planning sections of a generated PRD: assumptions, dependencies, alternatives,
the launch plan and the FAQ, all settled as an approved document needs them."""

from __future__ import annotations

import random
from typing import Any

from benchmarks.corpus import NAMES, paragraph, rich, title
from benchmarks.sections import Counts, DayFn, rid


def planning(rng: random.Random, lang: str, c: Counts, day: DayFn) -> dict[str, Any]:
    """Validated assumptions, agreed dependencies, decided alternatives, rollout, FAQ."""
    assumptions = [
        {
            "id": f"AS-{i + 1:03d}",
            "statement": paragraph(rng, lang, 1),
            "validation": paragraph(rng, lang, 1),
            "status": ["validated", "invalidated"][i % 2],
        }
        for i in range(c.small)
    ]
    dependencies = [
        {
            "id": f"DEP-{i + 1:03d}",
            "name": title(rng, lang, i + 1),
            "kind": ["team", "system", "vendor", "legal", "other"][i % 5],
            "owner": rng.choice(NAMES[lang]),
            "needed_by": day(30 + 7 * i),  # after `meta.updated`: not overdue
            "status": ["agreed", "delivered", "open"][i % 3],
            "description": rich(rng, lang),
            "requirements": [rid((i * 7) % c.requirements)],
        }
        for i in range(c.small)
    ]
    alternatives = [
        {
            "id": f"ALT-{i + 1:03d}",
            "name": title(rng, lang, i + 1),
            "description": paragraph(rng, lang),
            "pros": [paragraph(rng, lang, 1) for _ in range(2)],
            "cons": [paragraph(rng, lang, 1)],
            "decision": "chosen" if i == 0 else "rejected",
            "reason": paragraph(rng, lang, 1),
        }
        for i in range(max(2, c.small // 2))
    ]
    stages = (0, 5, 20, 50, 100)
    launch = {
        "checklist": [
            {
                "id": f"CL-{i + 1:03d}",
                "item": paragraph(rng, lang, 1),
                "owner": rng.choice(NAMES[lang]),
                "done": i % 2 == 0,
            }
            for i in range(c.small)
        ],
        "rollout": [
            {
                "id": f"RO-{i + 1:02d}",
                "name": title(rng, lang, i + 1),
                "audience": paragraph(rng, lang, 1),
                "percent": percent,
                "start": day(60 + 7 * i),
                "criteria": rich(rng, lang),
                "rollback": paragraph(rng, lang, 1),
            }
            for i, percent in enumerate(stages)
        ],
        "rollback": rich(rng, lang),
    }
    faq = [{"question": paragraph(rng, lang, 1), "answer": rich(rng, lang)} for _ in range(c.small)]
    return {
        "assumptions": assumptions,
        "dependencies": dependencies,
        "alternatives": alternatives,
        "launch": launch,
        "faq": faq,
    }
