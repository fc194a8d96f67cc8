"""The benchmark's generated PRDs: valid, complete, long chains, and the same every time."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from benchmarks.generate import LATER, document, generate
from prdkit.check import check_bytes
from prdkit.schema import load_schema
from tests.conftest import ROOT

CJK = re.compile("[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("requirements", "lang", "seed"), [(1, "en", 0), (25, "en", 1), (50, "zh", 0), (500, "zh", 0)]
)
def test_generated_documents_validate_without_findings(
    requirements: int, lang: str, seed: int
) -> None:
    text = generate(requirements, seed=seed, lang=lang)
    result = check_bytes(text.encode("utf-8"), "generated.prd.yaml")
    shown = [f"{d.line}: {d.rule} {d.message}" for d in result.diagnostics]
    assert (result.errors, result.warnings) == (0, 0), shown
    assert result.document is not None  # schema-valid, so every rule ran
    assert len(result.document.requirements) == requirements


def test_every_section_of_the_format_is_filled() -> None:
    data = document(50)
    for section in load_schema()["properties"]:
        assert data.get(section), section
    assert data["meta"]["status"] == "approved"
    assert all(a["digest"].startswith("sha256:") for a in data["approvals"])


def test_without_the_later_sections_the_rest_is_the_full_document() -> None:
    full, targeted = document(200), document(200, later=False)
    assert set(full) - set(targeted) == set(LATER)
    for name, value in targeted.items():
        if name != "approvals":  # signed over what the document holds
            assert value == full[name], name
    result = check_bytes(generate(200, later=False).encode("utf-8"), "targeted.prd.yaml")
    shown = [f"{d.line}: {d.rule} {d.message}" for d in result.diagnostics]
    assert (result.errors, result.warnings) == (0, 0), shown


def test_requirements_form_one_chain_as_long_as_the_document() -> None:
    requirements = document(300)["requirements"]
    by_id = {r["id"]: r for r in requirements}
    length, current = 1, requirements[-1]
    while current.get("depends_on"):
        current = by_id[current["depends_on"][0]]
        length += 1
    assert length == 300
    assert any(len(r.get("depends_on", [])) > 1 for r in requirements)


def strings(value: object) -> list[str]:
    """Every string value in `value`, walked iteratively."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_text_mixes_languages_and_markdown() -> None:
    english = strings(document(50, lang="en"))
    assert any(CJK.search(s) for s in english)  # a third of the items use the other language
    chinese = strings(document(50, lang="zh"))
    assert any(re.search(r"[A-Za-z]{4,} [A-Za-z]{4,}", s) for s in chinese)
    for mark in ("**", "`", "](https://", "\n- ", "\n1. ", "| --- |", "\n> "):
        assert any(mark in s for s in english), mark


def test_flows_branch_and_loop_back() -> None:
    for flow in document(100)["flows"]:
        steps = [s["id"] for s in flow["steps"]]
        branching = [s for s in flow["steps"] if "branches" in s]
        assert branching
        looping = [
            s for s in flow["steps"] if steps.index(s.get("next", s["id"])) < steps.index(s["id"])
        ]
        assert looping


def test_the_same_arguments_give_the_same_bytes_in_any_process() -> None:
    text = generate(40, seed=2, lang="en")
    assert text == generate(40, seed=2, lang="en")
    assert text != generate(40, seed=3, lang="en")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    script = ROOT / "benchmarks" / "generate.py"
    other = subprocess.run(
        [sys.executable, str(script), "40", "--seed", "2", "--lang", "en"],
        env=env,
        capture_output=True,
        check=True,
    )
    assert other.stdout.decode("utf-8") == text
