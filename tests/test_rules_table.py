"""The rule table: complete entries, and every semantic rule's documented example fails."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from prdkit import rules
from prdkit.check import check_bytes
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


@pytest.mark.parametrize("rule_id", SEMANTIC)
def test_documented_example_raises_its_rule(rule_id: str, tmp_path: Path) -> None:
    example = load_bytes(RULES[rule_id].example.encode("utf-8"))
    assert not example.problems, example.problems
    data = merged(BASE, example.data)
    for name, content in PICTURE_FILES.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(content)
    with open(tmp_path / "images" / "photo.jpg", "wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse: a 30 MB file without writing it
    limits = replace(DEFAULT_LIMITS, max_images_bytes=1000)
    raw = json.dumps(data).encode("utf-8")
    result = check_bytes(raw, "example.prd.json", json_mode=True, limits=limits, folder=tmp_path)
    assert result.document is not None, [(d.rule, d.message) for d in result.diagnostics]
    assert rule_id in {d.rule for d in result.diagnostics}


def test_every_semantic_family_is_run() -> None:
    # Pictures are checked beside the rules, against the document's folder.
    families = {RULES[r].family for r in SEMANTIC} - {"suppression", "images"}
    assert families == set(rules.FAMILIES)
    assert set(GRADING) <= set(SEMANTIC)
