"""Rendered Markdown passes markdownlint-cli2 with the repository's configuration."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from prdkit.check import check_bytes
from prdkit.writers import RenderOptions
from prdkit.writers.markdown import write
from tests.conftest import EXAMPLES, ROOT

CONFIG = ROOT / ".markdownlint-cli2.jsonc"
TEMPLATES = ROOT / "templates"
EDGE_CASES = ROOT / "tests" / "golden" / "edge-cases.input.yaml"


def linter() -> str | None:
    """markdownlint-cli2 from $MARKDOWNLINT_CLI2, else from PATH."""
    configured = os.environ.get("MARKDOWNLINT_CLI2")
    if configured and Path(configured).is_file():
        return configured
    return shutil.which("markdownlint-cli2")


def sources() -> list[Path]:
    """Every example and template, and the edge-case document."""
    return [*sorted(EXAMPLES.glob("*.prd.yaml")), *sorted(TEMPLATES.glob("*.prd.yaml")), EDGE_CASES]


@pytest.mark.skipif(
    linter() is None,
    reason="markdownlint-cli2 not found: set MARKDOWNLINT_CLI2 or put it on PATH "
    "(npm install markdownlint-cli2); CI installs it",
)
def test_rendered_markdown_passes_markdownlint(tmp_path):
    assert any(EXAMPLES.glob("*.prd.yaml")), "no examples to lint"
    names = []
    for source in sources():
        result = check_bytes(source.read_bytes(), str(source))
        assert result.document is not None, source
        for lang in ("en", "zh"):
            base = source.name.removesuffix(".prd.yaml").removesuffix(".input.yaml")
            name = f"{source.parent.name}-{base}.{lang}.md"
            (tmp_path / name).write_bytes(write(result.document, RenderOptions(lang=lang)))
            names.append(name)
    # Run from the temporary folder so that no other configuration file is picked up.
    run = subprocess.run(
        [linter(), "--config", str(CONFIG), *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    linted = re.search(r"Linting: (\d+) file", output)
    assert linted and int(linted[1]) == len(names), output


@pytest.mark.skipif(linter() is None, reason="markdownlint-cli2 not found")
def test_markdownlint_config_catches_a_violation(tmp_path):
    # The configuration is really read: inline HTML other than <br> is refused.
    (tmp_path / "bad.md").write_text("# Title\n\nText <b>bold</b> and<br>break.\n", "utf-8")
    run = subprocess.run(
        [linter(), "--config", str(CONFIG), "bad.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1 and "MD033" in output and "Element: b" in output
    assert "Element: br" not in output
