"""`prdkit --help` and `--version` stay light: no python-docx, jsonschema or markdown-it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT

HEAVY = {"docx", "jsonschema", "markdown_it"}

# Runs in a fresh interpreter so that nothing the test session imported counts.
PROBE = """
import json, sys
from typer.testing import CliRunner
import prdkit.cli
result = CliRunner().invoke(prdkit.cli.app, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "output": result.output,
                  "modules": sorted(sys.modules)}))
"""


def probe(*args: str, cwd: Path = ROOT) -> dict:
    """Invoke the app with `args` in a new interpreter; its exit, output and sys.modules."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def top_level(modules: list[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(("flag", "shown"), [("--help", "validate"), ("--version", "prdkit ")])
def test_help_and_version_import_no_heavy_module(flag: str, shown: str) -> None:
    result = probe(flag)
    assert result["exit"] == 0
    assert shown in result["output"]
    assert "prdkit.cli" in result["modules"]
    assert top_level(result["modules"]) & HEAVY == set()


def test_a_valid_document_is_validated_without_jsonschema_or_writers() -> None:
    # The compiled quick check answers "valid"; jsonschema is only needed to explain errors.
    result = probe("validate", str(ROOT / "examples" / "flash-sale.prd.yaml"))
    assert result["exit"] == 0
    assert "0 个错误" in result["output"]  # a Chinese document is reported in Chinese
    assert top_level(result["modules"]) & HEAVY == set()


def test_the_probe_sees_a_heavy_import_when_one_happens(tmp_path: Path) -> None:
    # An invalid document needs jsonschema to explain its errors: the probe must notice.
    bad = tmp_path / "bad.prd.yaml"
    bad.write_text(MINIMAL.replace("priority: could", "priority: soon"), encoding="utf-8")
    result = probe("validate", str(bad), cwd=tmp_path)
    assert result["exit"] == 1
    assert "schema-enum" in result["output"]
    assert "jsonschema" in top_level(result["modules"])


@pytest.mark.parametrize(
    "args",
    [("--help",), ("validate", str(ROOT / "examples" / "flash-sale.prd.yaml")), ("schema",)],
)
def test_the_language_server_stays_out_of_other_commands(args: tuple[str, ...]) -> None:
    # pygls and lsprotocol (with cattrs and attrs) cost start-up time; only `prdkit lsp` needs them.
    result = probe(*args)
    assert result["exit"] == 0
    assert top_level(result["modules"]) & {"pygls", "lsprotocol", "cattrs"} == set()
    assert not [m for m in result["modules"] if m.startswith("prdkit.lsp")]
