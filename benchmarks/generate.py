"""Generate valid PRDs of any size for the benchmark: every section filled, deterministic.

    python benchmarks/generate.py 5000 -o big.prd.yaml [--seed 0] [--lang zh]

Requirements form one `depends_on` chain as long as the document (each depends on the one
before it, some also on one further back); flows branch and loop back; text mixes English
and Chinese and carries Markdown. The document is `approved` with current digests, so
every rule of the format has something to check.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import delivery, pages, planning, sections
from benchmarks.corpus import NAMES, paragraph, rich
from benchmarks.yamlout import Date, dump

__all__ = ["document", "generate", "write"]

SIZES = (50, 500, 5000)
START = date(2026, 1, 5)
# Sections the format gained after the performance targets were set (Word at 5,000
# requirements in 5.5 s). Without them the document is the one those targets were measured
# on (4.3 MB of data instead of 5.5 MB), so the runner can show both.
LATER = ("pages", "tracking", "assumptions", "dependencies", "alternatives", "launch", "faq")


def day(offset: int) -> Date:
    """The date `offset` days after the project start."""
    return Date((START + timedelta(days=offset)).isoformat())


def document(
    requirements: int, *, seed: int = 0, lang: str = "zh", later: bool = True
) -> dict[str, Any]:
    """The data of a PRD with `requirements` requirements, every section filled (but the
    `LATER` ones, unless `later`)."""
    if requirements < 1:
        raise ValueError("a PRD needs at least one requirement")
    rng = random.Random(f"{seed}:{requirements}:{lang}")
    n = requirements
    counts = sections.Counts.for_size(n)
    data: dict[str, Any] = {"prdkit": 1}
    data["meta"] = {
        "id": f"bench-{n}-{seed}",
        "title": f"性能基准 PRD（{n} 条需求）"
        if lang == "zh"
        else f"Benchmark PRD ({n} requirements)",
        "version": "1.0.0",
        "status": "approved",
        "owner": rng.choice(NAMES[lang]),
        "authors": sorted(set(rng.sample(NAMES[lang], 3) + rng.sample(NAMES["en"], 1))),
        "created": day(-60),
        "updated": day(-10),
        "language": lang,
        "summary": rich(rng, lang),
        "background": rich(rng, lang),
        "goals": [paragraph(rng, lang, 1) for _ in range(4)],
        "non_goals": [paragraph(rng, lang, 1) for _ in range(2)],
        "links": [
            {"title": f"Design doc {i}", "url": f"https://wiki.example.com/design/{seed}/{i}"}
            for i in range(1, 4)
        ],
    }
    data.update(sections.people(rng, lang, counts, day))
    data["requirements"] = sections.requirements(rng, lang, counts)
    data.update(sections.business(rng, lang, counts))
    data["features"] = sections.features(rng, lang, counts)
    data["pages"] = pages.pages(rng, lang, counts)
    data["tracking"] = pages.tracking(rng, lang, counts)
    data["flows"] = sections.flows(rng, lang, counts)
    data.update(delivery.plan(rng, lang, counts, day))
    data.update(delivery.controls(rng, lang, counts))
    closing = delivery.closing(rng, lang, counts, day)
    # In the format's order: the planning sections come between operations and risks.
    data["operations"] = closing.pop("operations")
    data.update(planning.planning(rng, lang, counts, day))
    data.update(closing)
    if not later:  # dropped whole: every other section stays as it is in the full document
        for name in LATER:
            del data[name]
    data["approvals"] = _approvals(rng, lang, data)
    return data


def _approvals(rng: random.Random, lang: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Two approvals carrying the digest of `data` as it stands (everything else is final)."""
    signed = {k: v for k, v in data.items() if k != "approvals"}
    signed["meta"] = {k: v for k, v in data["meta"].items() if k != "status"}
    canonical = json.dumps(
        signed, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    digest = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return [
        {
            "name": name,
            "role": role,
            "decision": "approved",
            "date": day(-5 + i),
            "comment": paragraph(rng, lang, 1),
            "digest": digest,
        }
        for i, (name, role) in enumerate(
            [(NAMES[lang][0], "Head of Product"), (NAMES[lang][1], "Engineering lead")]
        )
    ]


def generate(requirements: int, *, seed: int = 0, lang: str = "zh", later: bool = True) -> str:
    """The YAML text of `document(requirements, seed=seed, lang=lang, later=later)`."""
    return dump(document(requirements, seed=seed, lang=lang, later=later))


def write(
    path: Path, requirements: int, *, seed: int = 0, lang: str = "zh", later: bool = True
) -> Path:
    """Write a generated PRD to `path` (UTF-8) and return the path."""
    text = generate(requirements, seed=seed, lang=lang, later=later)
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: write one generated document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", type=int)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lang", choices=("en", "zh"), default="zh")
    parser.add_argument(
        "--without-later",
        action="store_true",
        help="leave out the sections added after the performance targets were set",
    )
    args = parser.parse_args(argv)
    options = {"seed": args.seed, "lang": args.lang, "later": not args.without_later}
    if args.output is None:
        sys.stdout.write(generate(args.requirements, **options))  # type: ignore[arg-type]
    else:
        write(args.output, args.requirements, **options)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
