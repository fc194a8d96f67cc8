"""The rule table: complete entries, and every semantic rule's documented example fails."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest

from prdkit import rules
from prdkit.check import check_bytes
from prdkit.config import DEFAULT_CONFIG, parse, tomllib
from prdkit.loader import load_bytes
from prdkit.rulesdoc import FAMILY_TITLES
from prdkit.ruletable import FIXED_FAMILIES, GRADING, RULES

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


@pytest.mark.parametrize("rule_id", [r for r in SEMANTIC if r not in WRITTEN_FORM])
def test_documented_example_raises_its_rule(rule_id: str) -> None:
    example = load_bytes(RULES[rule_id].example.encode("utf-8"))
    assert not example.problems, example.problems
    data = merged(BASE, example.data)
    toml = EXAMPLE_CONFIGS.get(rule_id)
    config = parse(tomllib.loads(toml), "example.toml") if toml else DEFAULT_CONFIG
    result = check_bytes(
        json.dumps(data).encode("utf-8"), "example.prd.json", json_mode=True, config=config
    )
    assert result.document is not None, [(d.rule, d.message) for d in result.diagnostics]
    assert rule_id in {d.rule for d in result.diagnostics}


def test_every_semantic_family_is_run() -> None:
    families = {RULES[r].family for r in SEMANTIC} - {"suppression"}
    assert families == set(rules.FAMILIES)
    assert set(GRADING) <= set(SEMANTIC)
