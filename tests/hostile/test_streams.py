"""Standard streams and locales: a closed pipe, a full disk, a C locale, hostile file names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.hostile.guarantees import (
    assert_no_crash,
    assert_safe_output,
    valid,
)
from tests.hostile.runner import run_cli


def many_invalid(folder: Path, count: int = 60) -> None:
    """Documents whose report is far larger than a pipe's buffer."""
    for i in range(count):
        keys = "".join(f"bad{k}: 1\n" for k in range(80))
        (folder / f"d{i:03d}.prd.yaml").write_text(MINIMAL + keys, encoding="utf-8")


def test_closed_pipe_after_the_first_line(tmp_path: Path) -> None:
    many_invalid(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "prdkit", "validate", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    stderr = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=60)
    assert first.startswith(str(tmp_path).encode())
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert code in (0, 1), (code, stderr)


def test_shell_pipe_to_head(tmp_path: Path) -> None:
    many_invalid(tmp_path)
    script = f'"{sys.executable}" -m prdkit validate "{tmp_path}" 2>err.txt | head -1'
    shown = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script], cwd=tmp_path, capture_output=True, text=True
    )
    assert shown.stdout.count("\n") == 1
    assert shown.returncode in (0, 1), shown
    errors = (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert "Traceback" not in errors and "Exception ignored" not in errors, errors


@pytest.mark.parametrize("args", [["--help"], ["render", "--help"], ["--version"]])
def test_help_to_a_reader_gone_is_exit_0(args: list[str]) -> None:
    # The framework writes the help itself and exits 1 on a closed pipe, the code of an
    # invalid document: a reader leaving (`--help | head -1`) is no error.
    read, write = os.pipe()
    os.close(read)  # gone before anything is written: the first write fails
    try:
        done = subprocess.run(
            [sys.executable, "-m", "prdkit", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


@pytest.mark.parametrize("redirect", [">&-", "2>&-", ">&- 2>&-", "<&-"])
def test_closed_standard_streams(tmp_path: Path, redirect: str) -> None:
    doc = tmp_path / "bad.prd.yaml"
    doc.write_text(MINIMAL.replace("could", "sometimes"), encoding="utf-8")
    script = f'"{sys.executable}" -m prdkit validate "{doc}" {redirect}; echo "exit=$?" >&3'
    shown = subprocess.run(
        ["bash", "-c", f"exec 3>&1; {script}"], capture_output=True, text=True, timeout=60
    )
    assert "exit=1" in shown.stdout, shown
    assert "Traceback" not in shown.stdout + shown.stderr


def test_full_disk_on_stdout_is_an_io_error(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    doc = valid(tmp_path)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "prdkit", "validate", str(doc)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    assert "cannot write the output" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


LOCALES = [
    {"LC_ALL": "C", "LANG": "C"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1:strict"},
]


@pytest.mark.parametrize("env", LOCALES, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_c_locale_with_non_ascii_names_and_text(
    tmp_path: Path, env: dict[str, str], fmt: str
) -> None:
    bad = MINIMAL.replace("could", "高\u202e优先级").replace("title: Demo", "title: 演示")
    (tmp_path / "需求.prd.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / os.fsdecode(b"caf\xe9.prd.yaml")).write_text(bad, encoding="utf-8")
    run = run_cli("validate", "--format", fmt, tmp_path, env=env)
    assert_no_crash(run)
    assert run.returncode == 1
    assert "in 2 files" in run.stdout or '"files": 2' in run.stdout


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_file_name_cannot_start_a_workflow_command(tmp_path: Path, fmt: str) -> None:
    bad = MINIMAL.replace("could", "sometimes")
    (tmp_path / "::error file=x::pwned.prd.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "a\n::warning::b.prd.yaml").write_text(bad, encoding="utf-8")
    run = run_cli("validate", "--format", fmt, cwd=tmp_path)  # no PATH: this folder
    assert_no_crash(run)
    assert run.returncode == 1
    assert_safe_output(run, fmt)
