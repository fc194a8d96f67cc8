"""What surrounds a run: other projects' files in the folders above a checkout, a working
folder deleted under the shell, a link where a document was expected."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.hostile.guarantees import assert_no_crash
from tests.hostile.runner import run_cli

# The runner's home, or a parent folder of the clone, holds files of other tools.
BROKEN_PYPROJECT = '[project\nname = "runner-tools"\n[tool.prdkit.rules]\nplaceholder = "x"\n'


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A Git checkout one folder below a broken `pyproject.toml` and `.prdkit.toml`."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "pyproject.toml").write_text(BROKEN_PYPROJECT, encoding="utf-8")
    (tmp_path / ".prdkit.toml").write_text("max-bytes = -1\n", encoding="utf-8")
    clone = tmp_path / "clone"
    (clone / "docs").mkdir(parents=True)
    (clone / "docs" / "a.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(clone)], check=True, capture_output=True)
    return clone


@pytest.mark.parametrize("command", ["validate", "render"])
def test_broken_config_files_above_the_checkout_are_not_read(checkout: Path, command: str) -> None:
    run = run_cli(command, "docs/a.prd.yaml", cwd=checkout)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert "pyproject.toml" not in run.stderr and ".prdkit.toml" not in run.stderr


def test_the_checkout_s_own_config_is_still_read(checkout: Path) -> None:
    (checkout / "pyproject.toml").write_text(
        '[project]\nname = "app"\n\n[tool.prdkit]\nmax-bytes = 10\n', encoding="utf-8"
    )
    run = run_cli("validate", "docs/a.prd.yaml", cwd=checkout)
    assert_no_crash(run)
    assert run.returncode == 1 and "max-bytes" in run.stdout, run.stdout + run.stderr


def test_without_a_checkout_the_broken_file_above_is_reported(checkout: Path) -> None:
    shutil.rmtree(checkout / ".git")
    (checkout.parent / ".prdkit.toml").unlink()
    run = run_cli("validate", "docs/a.prd.yaml", cwd=checkout)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert f"{checkout.parent / 'pyproject.toml'}: not valid TOML" in run.stderr, run.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["validate", "a.prd.yaml"], "the current folder cannot be used"),
        (["validate"], "the current folder cannot be used"),
        (["render", "--lang", "zh", "a.prd.yaml"], "无法使用当前文件夹"),
        (["diff", "a.prd.yaml", "b.prd.yaml"], "the current folder cannot be used"),
    ],
)
def test_a_deleted_current_folder_is_a_usage_error(
    tmp_path: Path, args: list[str], words: str
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    # `cd gone && rmdir ../gone && prdkit ...`: the shell still stands in the deleted folder.
    script = 'cd "$1" && rmdir ../gone && shift && exec "$@"'
    run = subprocess.run(
        ["sh", "-c", script, "sh", str(gone), sys.executable, "-m", "prdkit", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert not gone.exists()
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith(f"prdkit: error: {words}"), run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr


def test_a_link_to_a_folder_given_as_a_document_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "docs.prd.yaml").symlink_to(tmp_path / "real", target_is_directory=True)
    run = run_cli("validate", "docs.prd.yaml", cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 2
    assert "prdkit: error: docs.prd.yaml: is a symbolic link to a folder" in run.stderr
