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
