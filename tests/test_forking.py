"""Formats built at once in forked children: the same bytes, and failures made here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from prdkit import forking
from prdkit.forking import build_all

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "loyalty-checkout.prd.yaml"

forks = pytest.mark.skipif(
    not forking._forkable(), reason="forks only on Linux, with two processors and no thread"
)


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _pid() -> bytes:
    return str(os.getpid()).encode()


@forks
def test_the_later_outputs_are_built_in_other_processes_and_come_back_in_order() -> None:
    made = build_all([_pid, lambda: b"x" * 3_000_000, _pid, lambda: b""])
    assert made[0] == _pid()
    assert made[1] == b"x" * 3_000_000  # past a pipe's buffer
    assert made[2] != _pid() and made[2].isdigit()
    assert made[3] == b""
    assert _no_child_left()


@forks
def test_what_fails_in_a_child_is_made_again_here() -> None:
    parent = os.getpid()

    def fails_in_a_child() -> bytes:
        if os.getpid() != parent:
            raise ValueError("only in the child")
        return b"made here"

    assert build_all([lambda: b"first", fails_in_a_child]) == [b"first", b"made here"]
    assert _no_child_left()


@forks
def test_a_child_killed_midway_is_made_again_here() -> None:
    parent = os.getpid()

    def killed_in_a_child() -> bytes:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return b"made here"

    assert build_all([lambda: b"first", killed_in_a_child]) == [b"first", b"made here"]
    assert _no_child_left()


@forks
def test_an_error_is_reported_as_it_would_be_without_forking() -> None:
    def refuses() -> bytes:
        raise LookupError("the document's own error")

    with pytest.raises(LookupError, match="own error"):
        build_all([lambda: b"first", refuses])
    assert _no_child_left()


@forks
def test_a_failure_here_leaves_no_child_behind() -> None:
    def slow() -> bytes:
        import time

        time.sleep(30)
        return b""

    def fails() -> bytes:
        raise RuntimeError("here")

    with pytest.raises(RuntimeError):
        build_all([fails, slow])
    assert _no_child_left()


def test_one_processor_builds_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert build_all([_pid, _pid]) == [_pid(), _pid()]


@forks
def test_rendering_formats_together_gives_the_bytes_of_each_alone(tmp_path: Path) -> None:
    def render(to: str, out: Path) -> None:
        argv = [sys.executable, "-m", "prdkit", "render", str(EXAMPLE), "--to", to, "-o", str(out)]
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr

    render("docx,md,html", tmp_path / "together")
    for fmt in ("docx", "md", "html"):
        render(fmt, tmp_path / fmt)
        name = f"loyalty-checkout.{fmt}"
        together = (tmp_path / "together" / name).read_bytes()
        assert together == (tmp_path / fmt / name).read_bytes(), fmt
