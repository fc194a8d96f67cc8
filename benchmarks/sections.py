"""The sections of a generated PRD, each sized from the number of requirements."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.corpus import NAMES, OBJECTS, inline_md, other, paragraph, rich, title
from benchmarks.corpus import sentence as plain

DayFn = Callable[[int], str]


@dataclass(frozen=True)
class Counts:
    """How many items each section gets."""

    requirements: int
    stakeholders: int
    findings: int
    features: int
    flows: int
    milestones: int
    metrics: int
    pairs: int  # maker/checker action pairs of the permission model
    roles: int  # length of each role chain
    small: int  # revisions, segments, competitors, campaigns…

    @classmethod
    def for_size(cls, n: int) -> Counts:
        """Counts that grow linearly with `n` requirements."""
        return cls(
            requirements=n,
            stakeholders=3 + n // 50,
            findings=3 + n // 10,
            features=(n + 3) // 4,
            flows=1 + n // 25,
            milestones=2 + n // 25,
            metrics=2 + n // 10,
            pairs=2 + n // 100,
            roles=2 + n // 250,
            small=2 + n // 100,
        )


def rid(i: int) -> str:
    """The id of requirement `i` (0-based)."""
    return f"REQ-{i + 1:05d}"


def fid(i: int) -> str:
    """The id of feature `i`."""
    return f"F-{i + 1:04d}"


def mid(i: int) -> str:
    """The id of milestone `i`."""
    return f"M-{i + 1:03d}"


def _lang(rng: random.Random, lang: str) -> str:
    """Mostly the document's language, a third of items in the other one."""
    return other(lang) if rng.random() < 0.33 else lang


def people(rng: random.Random, lang: str, c: Counts, day: DayFn) -> dict[str, Any]:
    """Stakeholders, revisions and market research."""
    kinds = ["internal", "customer", "merchant", "partner", "regulator"]
    stakeholders = [
        {
            "id": f"SH-{i + 1:03d}",
            "name": f"{rng.choice(OBJECTS[lg])} / {rng.choice(NAMES[lg])}",
            "kind": kinds[i % len(kinds)],
            "interests": rich(rng, lg) if i % 3 == 0 else paragraph(rng, lg),
            "contact": f"team{i}@example.com",
        }
        for i in range(c.stakeholders)
        for lg in [_lang(rng, lang)]
    ]
    revisions = [
        {
            "version": f"0.{i + 1}.0",
            "date": day(-60 + i),
            "author": rng.choice(NAMES[lang]),
            "changes": rich(rng, lang),
        }
        for i in range(c.small)
    ]
    research = {
        "summary": rich(rng, lang),
        "target_users": [
            {
                "id": f"SEG-{i + 1:03d}",
                "segment": rng.choice(OBJECTS[lang]) + f" {i + 1}",
                "description": paragraph(rng, lang),
                "size": f"{rng.randrange(10, 900)}万" if lang == "zh" else f"{i + 1}.2M MAU",
            }
            for i in range(c.small)
        ],
        "market_size": {
            "tam": 1_500_000_000_000,
            "sam": 180_000_000_000,
            "som": 1_300_000_000,
            "currency": "CNY",
            "year": 2025,
            "source": paragraph(rng, lang, 1),
        },
        "findings": [
            {
                "id": f"FND-{i + 1:04d}",
                "statement": paragraph(rng, lg, 1),
                "source": f"Survey {2025 - i % 3} (N={rng.randrange(300, 5000)})",
                "evidence": rich(rng, lg) if i % 4 == 0 else paragraph(rng, lg),
            }
            for i in range(c.findings)
            for lg in [_lang(rng, lang)]
        ],
    }
    return {"stakeholders": stakeholders, "revisions": revisions, "market_research": research}


def requirements(rng: random.Random, lang: str, c: Counts) -> list[dict[str, Any]]:
    """One `depends_on` chain through all requirements, with extra edges further back."""
    priorities = ["must", "must", "should", "should", "could", "wont"]
    kinds = ["business", "user", "functional", "nonfunctional", "operational"]
    statuses = ["proposed", "accepted", "in_progress", "done", "deferred"]
    items = []
    for i in range(c.requirements):
        lg = _lang(rng, lang)
        item: dict[str, Any] = {
            "id": rid(i),
            "title": title(rng, lg, i + 1),
            "priority": priorities[i % len(priorities)],
            "kind": kinds[i % len(kinds)],
            "status": statuses[i % len(statuses)],
            "description": rich(rng, lg) if i % 5 == 0 else paragraph(rng, lg, 1 + i % 2),
            "requested_by": [f"SH-{1 + (i * 7) % c.stakeholders:03d}"],
            "evidence": [f"FND-{1 + i % c.findings:04d}"],
            "acceptance_criteria": [inline_md(rng, lg) for _ in range(2 + (i % 5 == 0))],
        }
        if i % 2:
            item["rationale"] = plain(rng, lg)
        if i:
            item["depends_on"] = [rid(i - 1)] + ([rid(i - 10)] if i % 7 == 0 and i >= 10 else [])
        item["rice"] = {
            "reach": rng.randrange(100, 500_000),
            "impact": rng.choice([0.25, 0.5, 1, 2, 3]),
            "confidence": rng.choice([0.5, 0.8, 1]),
            "effort": rng.choice([0.5, 1, 2, 3, 5, 8]),
        }
        if i % 10 == 0:
            item["x-tracker"] = f"PRD-{i + 1}"
        items.append(item)
    return items


def business(rng: random.Random, lang: str, c: Counts) -> dict[str, Any]:
    """Business model and competition."""
    model = {
        "summary": rich(rng, lang),
        "value_proposition": rich(rng, lang),
        "customer_segments": [rng.choice(OBJECTS[lang]) + f" {i}" for i in range(3)],
        "channels": ["App", "Web", "Mini program", "Push", "SEO"],
        "revenue_streams": [
            {
                "name": f"Revenue stream {i + 1}",
                "kind": ["sales", "commission", "subscription", "advertising", "service_fee"][
                    i % 5
                ],
                "description": paragraph(rng, lang),
                "estimate": f"{rng.randrange(1, 90)}M CNY / year",
            }
            for i in range(c.small)
        ],
        "cost_structure": [
            {"name": f"Cost {i + 1}", "description": paragraph(rng, lang), "estimate": "2M CNY"}
            for i in range(c.small)
        ],
        "key_partners": ["Logistics partner", "SMS provider", "Payment provider"],
    }
    competitors = [f"CMP-{i + 1:02d}" for i in range(c.small)]
    dimensions = ["Price", "Delivery time", "Reminders", "Anti-bot", "价格审批", "品类覆盖"]
    matrix = {
        key: {
            dim: [rng.randrange(1, 6), rng.random() < 0.5, rng.choice(["strong", "弱", "medium"])][
                j % 3
            ]
            for j, dim in enumerate(dimensions)
        }
        for key in ["us", *competitors]
    }
    competition = {
        "summary": rich(rng, lang),
        "competitors": [
            {
                "id": cid,
                "name": f"Competitor {cid}",
                "url": f"https://competitor{i}.example.com",
                "positioning": paragraph(rng, lang),
                "strengths": [plain(rng, lang) for _ in range(2)],
                "weaknesses": [plain(rng, lang) for _ in range(2)],
                "pricing": "Free shipping over 99 CNY",
            }
            for i, cid in enumerate(competitors)
        ],
        "dimensions": dimensions,
        "matrix": matrix,
        "differentiation": rich(rng, lang),
    }
    return {"business_model": model, "competition": competition}


def features(rng: random.Random, lang: str, c: Counts) -> list[dict[str, Any]]:
    """Each feature covers four consecutive requirements, so every one is traced."""
    surfaces = ["storefront", "admin", "merchant", "api", "mobile", "other"]
    items = []
    for i in range(c.features):
        lg = _lang(rng, lang)
        covered = [rid(j) for j in range(4 * i, min(4 * i + 4, c.requirements))]
        items.append(
            {
                "id": fid(i),
                "name": title(rng, lg, i + 1),
                "description": plain(rng, lg),
                "surface": surfaces[i % len(surfaces)],
                "priority": ["must", "should", "could"][i % 3],
                "requirements": covered,
                "permissions": [f"ACT-make-{1 + i % c.pairs:03d}"],
                "ux": rich(rng, lg) if i % 2 == 0 else paragraph(rng, lg, 1),
                "acceptance_criteria": [inline_md(rng, lg)],
            }
        )
    return items


def flows(rng: random.Random, lang: str, c: Counts) -> list[dict[str, Any]]:
    """Flows that branch and loop back; every step reachable from the first."""
    items = []
    for i in range(c.flows):
        lg = _lang(rng, lang)
        actors = ["用户", "系统", "运营"] if lg == "zh" else ["Shopper", "System", "Operator"]
        steps: list[dict[str, Any]] = [
            {"id": "start", "action": plain(rng, lg), "actor": actors[0]}
        ]
        for j in range(1 + i % 3):
            yes, no = ("通过", "不通过") if lg == "zh" else ("passes", "fails")
            steps += [
                {
                    "id": f"check{j}",
                    "action": plain(rng, lg),
                    "actor": actors[1],
                    "branches": [{"when": yes, "next": f"do{j}"}, {"when": no, "next": f"fix{j}"}],
                },
                {
                    "id": f"fix{j}",
                    "action": plain(rng, lg),
                    "actor": actors[0],
                    "next": f"check{j}",
                },
                {"id": f"do{j}", "action": plain(rng, lg), "actor": actors[1]},
            ]
        steps += [
            {
                "id": "review",
                "action": plain(rng, lg),
                "actor": actors[2],
                "branches": [{"when": "ok", "next": "done"}, {"when": "reject", "next": "stop"}],
            },
            {"id": "stop", "action": plain(rng, lg), "actor": actors[1], "end": True},
            {"id": "done", "action": plain(rng, lg), "actor": actors[1]},
        ]
        items.append(
            {
                "id": f"FL-{i + 1:03d}",
                "name": title(rng, lg, i + 1),
                "description": paragraph(rng, lg),
                "actors": actors,
                "features": [fid((3 * i + k) % c.features) for k in range(2)],
                "steps": steps,
            }
        )
    return items
