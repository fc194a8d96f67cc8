"""The rule table: complete entries, and every semantic rule's documented example fails."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from prdkit import rules
from prdkit.check import CheckResult, check_bytes
from prdkit.config import DEFAULT_CONFIG, parse, tomllib
from prdkit.limits import DEFAULT_LIMITS
from prdkit.loader import load_bytes
from prdkit.rulesdoc import FAMILY_TITLES
from prdkit.ruletable import FIXED_FAMILIES, GRADING, RULES
from tests.pictures import png

# The files the picture rules' examples name, laid out beside the example document.
PICTURE_FILES = {
    "images/notes.png": b"meeting notes\n",
    "images/truncated.png": png()[:40],
    "images/huge.png": png(20_000, 20_000, pixels=False),
    "images/home-1.png": png() + b"\x00" * 600,
    "images/home-2.png": png(rgb=b"\x01\x02\x03") + b"\x00" * 600,
}

SEMANTIC = [r.id for r in RULES.values() if r.family not in FIXED_FAMILIES]

# What a documented example is merged into: the smallest valid draft.
BASE = {
    "prdkit": 1,
    "meta": {"id": "demo", "title": "Demo", "version": "1.0", "status": "draft", "owner": "Ann"},
    "requirements": [{"id": "R0", "title": "Anything", "priority": "could"}],
}


def merged(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `extra` laid over it: mappings merge, everything else is replaced."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_is_documented(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.summary.endswith(".") and rule.fix.endswith(".") and rule.example.strip()
    assert rule.family in FAMILY_TITLES


# Rules about the team's custom fields fire only under the declaration their example names.
EXAMPLE_CONFIGS = {
    "custom-field-invalid": '[fields.requirements.x-jira]\npattern = "^[A-Z]+-[0-9]+$"\n',
    "custom-field-missing": '[fields.requirements.x-jira]\nrequired-from = "draft"\n',
}


# Rules about how the YAML was written, which the JSON the examples are merged into loses;
# tests/test_yaml_mistakes.py checks their examples as YAML.
WRITTEN_FORM = {"comment-in-text"}


def check_example(rule_id: str, folder: Path, lang: str | None = None) -> CheckResult:
    """The check of a semantic rule's documented example, merged into `BASE`, with the
    pictures the examples name laid out in `folder` (the document's)."""
    example = load_bytes(RULES[rule_id].example.encode("utf-8"))
    assert not example.problems, example.problems
    data = merged(BASE, example.data)
    for name, content in PICTURE_FILES.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(content)
    with open(folder / "images" / "photo.jpg", "wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse: a 30 MB file without writing it
    limits = replace(DEFAULT_LIMITS, max_images_bytes=1000)
    toml = EXAMPLE_CONFIGS.get(rule_id)
    config = parse(tomllib.loads(toml), "example.toml") if toml else DEFAULT_CONFIG
    raw = json.dumps(data).encode("utf-8")
    return check_bytes(
        raw,
        "example.prd.json",
        json_mode=True,
        config=config,
        limits=limits,
        folder=folder,
        lang=lang,
    )


@pytest.mark.parametrize("rule_id", [r for r in SEMANTIC if r not in WRITTEN_FORM])
def test_documented_example_raises_its_rule(rule_id: str, tmp_path: Path) -> None:
    result = check_example(rule_id, tmp_path)
    assert result.document is not None, [(d.rule, d.message) for d in result.diagnostics]
    assert rule_id in {d.rule for d in result.diagnostics}


def test_every_semantic_family_is_run() -> None:
    # Pictures are checked beside the rules, against the document's folder.
    families = {RULES[r].family for r in SEMANTIC} - {"suppression", "images"}
    assert families == set(rules.FAMILIES)
    assert set(GRADING) <= set(SEMANTIC)
