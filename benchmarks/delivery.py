"""The later sections of a generated PRD: schedule and metrics, permissions, operations."""

from __future__ import annotations

import random
from typing import Any

from benchmarks.corpus import NAMES, TERMS, paragraph, rich, title
from benchmarks.corpus import sentence as plain
from benchmarks.sections import Counts, DayFn, fid, mid, rid


def plan(rng: random.Random, lang: str, c: Counts, day: DayFn) -> dict[str, Any]:
    """Schedule (a milestone chain), metrics and resources."""
    milestones = []
    for i in range(c.milestones):
        item: dict[str, Any] = {
            "id": mid(i),
            "name": title(rng, lang, i + 1),
            "start": day(14 * i),
            "due": day(14 * i + 12),
            "owner": rng.choice(NAMES[lang]),
            "status": ["done", "in_progress", "planned", "at_risk"][min(i, 3)],
            "deliverables": [fid(i % c.features), rid((i * 13) % c.requirements)],
        }
        if i:
            item["depends_on"] = [mid(i - 1)] + ([mid(i - 3)] if i % 4 == 0 and i >= 3 else [])
        milestones.append(item)
    metrics = []
    for i in range(c.metrics):
        up = i % 2 == 0
        baseline = rng.randrange(10, 60)
        metrics.append(
            {
                "id": f"MET-{i + 1:04d}",
                "name": title(rng, lang, i + 1),
                "target": baseline + 5 if up else baseline - 5,
                "baseline": baseline,
                "unit": "%",
                "direction": "increase" if up else "decrease",
                "definition": paragraph(rng, lang),
                "by": day(180),
                "source": "Data warehouse",
                "owner": rng.choice(NAMES[lang]),
                "frequency": ["daily", "weekly", "monthly", "quarterly"][i % 4],
                "requirements": [rid((i * 11) % c.requirements)],
            }
        )
    resources = [
        {
            "team": f"Team {i + 1}",
            "role": "Engineers" if i % 2 else "产品经理",
            "people": 1 + i % 6,
            "effort_days": 20 + 5 * i,
            "from": day(0),
            "to": day(14 * c.milestones),
            "milestones": [mid(i % c.milestones)],
            "notes": paragraph(rng, lang),
        }
        for i in range(c.small)
    ]
    return {"schedule": {"milestones": milestones}, "metrics": metrics, "resources": resources}


def controls(rng: random.Random, lang: str, c: Counts) -> dict[str, Any]:
    """Two role chains (makers, checkers) that never meet, so duties stay separated."""
    chain = c.roles
    roles: list[dict[str, Any]] = [{"id": "ROLE-viewer", "name": "Viewer"}]
    for side in ("maker", "checker"):
        for k in range(1, chain + 1):
            parent = "ROLE-viewer" if k == 1 else f"ROLE-{side}-{k - 1}"
            roles.append(
                {
                    "id": f"ROLE-{side}-{k}",
                    "name": f"{side.capitalize()} level {k}",
                    "description": paragraph(rng, lang, 1),
                    "inherits": [parent],
                }
            )
    actions = [{"id": "ACT-view", "name": "View", "risk": "low"}]
    grants: dict[str, list[str]] = {"ROLE-viewer": ["ACT-view"]}
    separation = []
    guardrails = []
    for p in range(1, c.pairs + 1):
        make, check = f"ACT-make-{p:03d}", f"ACT-check-{p:03d}"
        actions += [
            {"id": make, "name": f"Change {p}", "description": plain(rng, lang), "risk": "high"},
            {"id": check, "name": f"Approve {p}", "risk": "medium"},
        ]
        level = 1 + p % chain
        grants.setdefault(f"ROLE-maker-{level}", []).append(make)
        grants.setdefault(f"ROLE-checker-{level}", []).append(check)
        separation.append({"actions": [make, check], "reason": paragraph(rng, lang, 1)})
        guardrails += [
            {
                "id": f"G-{2 * p - 1:03d}",
                "action": make,
                "control": "approval",
                "condition": plain(rng, lang),
                "approver": f"ROLE-checker-{chain}",
                "description": paragraph(rng, lang, 1),
            },
            {
                "id": f"G-{2 * p:03d}",
                "action": check,
                "control": "monitoring",
                "alert": "on-call channel",
                "description": paragraph(rng, lang, 1),
            },
        ]
    permissions = {
        "roles": roles,
        "actions": actions,
        "grants": grants,
        "separation_of_duties": separation,
    }
    return {"permissions": permissions, "guardrails": guardrails}


def closing(rng: random.Random, lang: str, c: Counts, day: DayFn) -> dict[str, Any]:
    """Operations, risks, open questions (all resolved) and glossary."""
    campaigns = [
        {
            "id": f"C-{i + 1:03d}",
            "name": title(rng, lang, i + 1),
            "kind": ["promotion", "theme", "brand", "seo", "sem", "other"][i % 6],
            "start": day(100 + 7 * i),
            "end": day(110 + 7 * i),
            "channels": ["App", "Push"],
            "budget": 10_000 * (i + 1),
            "currency": "CNY",
            "metrics": [f"MET-{1 + i % c.metrics:04d}"],
            "description": rich(rng, lang),
        }
        for i in range(c.small)
    ]
    operations = {
        "summary": rich(rng, lang),
        "campaigns": campaigns,
        "data_review": rich(rng, lang),
        "communication": rich(rng, lang),
    }
    levels = ["low", "medium", "high"]
    risks = [
        {
            "id": f"RISK-{i + 1:03d}",
            "description": paragraph(rng, lang),
            "likelihood": levels[i % 3],
            "impact": levels[(i + 1) % 3],
            "mitigation": rich(rng, lang) if i % 3 == 0 else paragraph(rng, lang),
            "owner": rng.choice(NAMES[lang]),
        }
        for i in range(c.small + c.requirements // 20)
    ]
    questions = [
        {
            "id": f"OQ-{i + 1:03d}",
            "question": paragraph(rng, lang, 1),
            "owner": rng.choice(NAMES[lang]),
            "due": day(-20 + i % 15),
            "resolution": paragraph(rng, lang, 1),
        }
        for i in range(c.small)
    ]
    glossary = [
        {"term": f"{TERMS[lang][i % len(TERMS[lang])]} {i + 1}", "definition": paragraph(rng, lang)}
        for i in range(c.small + 3)
    ]
    return {
        "operations": operations,
        "risks": risks,
        "open_questions": questions,
        "glossary": glossary,
    }
