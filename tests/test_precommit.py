"""The `prdkit-validate` pre-commit hook, run the way users run it: `pre-commit try-repo`."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, MINIMAL, ROOT

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("pre_commit") is None,
        reason="pre-commit is not installed (pip install pre-commit)",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

# What `pip install .` of the hook repository needs; the working tree, committed or not.
PACKAGE = (
    "pyproject.toml",
    "README.md",
    ".pre-commit-hooks.yaml",
    "prdkit",
    "schemas",
    "templates",
)
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT = ["git", "-c", "user.name=prdkit tests", "-c", "user.email=tests@example.com"]


def git(folder: Path, *args: str) -> None:
    subprocess.run([*GIT, "-C", str(folder), *args], check=True, capture_output=True)


def committed(folder: Path) -> Path:
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "snapshot")
    return folder


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the current working tree, so uncommitted work is tested."""
    repo = tmp_path_factory.mktemp("hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "node_modules")
    for name in PACKAGE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    return committed(repo)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(
    hook_repo: Path, home: Path, project: Path, *files: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)  # plain text, wherever the suite runs
    return subprocess.run(
        [
            *PRE_COMMIT,
            "try-repo",
            str(hook_repo),
            "prdkit-validate",
            "--verbose",
            "--files",
            *files,
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "prdkit-validate"
    assert hook["entry"] == "prdkit validate"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    for name in ("a.prd.yaml", "docs/b.prd.yml", "c.prd.json"):
        assert pattern.search(name), name
    for name in ("a.yaml", "prd.yaml", "a.prd.yaml.bak", "a.prd.txt"):
        assert not pattern.search(name), name


def test_try_repo_passes_on_the_examples(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES, project / "docs")
    committed(project)
    files = sorted(str(p.relative_to(project)) for p in (project / "docs").glob("*.prd.yaml"))
    result = try_repo(hook_repo, pre_commit_home, project, *files)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "prdkit validate" in output and "Passed" in output
    assert re.search(rf"^0 errors, \d+ warnings? in {len(files)} files$", output, re.M)


def test_try_repo_fails_on_a_broken_document(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "good.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    broken = MINIMAL.replace("priority: could", "priority: urgent")
    (project / "broken.prd.yaml").write_text(broken, encoding="utf-8")
    (project / "notes.yaml").write_text("not: [a prd\n", encoding="utf-8")  # not matched
    committed(project)
    result = try_repo(
        hook_repo, pre_commit_home, project, "good.prd.yaml", "broken.prd.yaml", "notes.yaml"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    assert "broken.prd.yaml:11:15: error schema-enum" in output
    assert re.search(r"^1 error, \d+ warnings? in 2 files$", output, re.M)  # not notes.yaml
