"""The shipped examples raise no diagnostic at all; the templates raise no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from prdkit.check import check_file
from tests.conftest import EXAMPLES, ROOT

SHIPPED = sorted(EXAMPLES.glob("*.prd.yaml"))
TEMPLATES = sorted((ROOT / "templates").glob("*.prd.yaml"))


def test_examples_are_shipped() -> None:
    assert SHIPPED, f"no examples in {EXAMPLES}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_example_raises_nothing(path: Path) -> None:
    result = check_file(path)
    assert result.document is not None
    assert [(d.line, d.rule, d.message) for d in result.diagnostics] == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_is_a_valid_draft(path: Path) -> None:
    result = check_file(path)
    assert result.document is not None and result.document.meta.status == "draft"
    assert result.errors == 0, [(d.line, d.rule, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_launch_template_plans_a_staged_rollout(lang: str) -> None:
    doc = check_file(ROOT / "templates" / f"launch.{lang}.prd.yaml").document
    assert doc.launch is not None and doc.launch.rollback
    stages = doc.launch.rollout
    assert len(stages) == 3 and all(s.criteria and s.rollback for s in stages)
    percents = [s.percent for s in stages]
    assert percents == sorted(percents) and percents[-1] == 100
    assert doc.launch.checklist and all(c.owner for c in doc.launch.checklist)
    assert doc.dependencies and doc.faq


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_feature_template_has_assumptions_dependencies_and_faq(lang: str) -> None:
    path = ROOT / "templates" / f"feature.{lang}.prd.yaml"
    doc = check_file(path).document
    assert doc.assumptions and doc.dependencies and doc.faq
    assert all(a.validation for a in doc.assumptions)
    text = path.read_text(encoding="utf-8")
    # Each new section opens with a comment that tells the author what belongs in it.
    for section in ("assumptions", "dependencies", "faq"):
        before = text.split(f"\n{section}:\n", 1)[0].rsplit("\n", 1)[-1]
        assert before.startswith("# "), section
