"""Formats built at once in forked children: the same bytes, and failures made here."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from prdkit import forking
from prdkit.forking import build_all

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "loyalty-checkout.prd.yaml"

_WHEN = "forks only on Linux, with two processors and no thread"


def forks(test: Callable[..., None]) -> Callable[..., None]:
    """A test of forking, skipped where the module forks never; where a thread an earlier
    test left behind (a writer's, ending) is still running, it is waited for first."""

    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        for thread in threading.enumerate():
            if thread is not threading.main_thread():
                thread.join(timeout=10)
        if not forking._forkable():
            names = [t.name for t in threading.enumerate()]
            pytest.skip(f"{_WHEN}; threads now: {names}, in /proc: {forking._threads()}")
        test(*args, **kwargs)

    return pytest.mark.skipif(not forking._forkable(), reason=_WHEN)(run)


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _pid() -> bytes:
    return str(os.getpid()).encode()


def made_here_unless(in_a_child: Callable[[], object]) -> Callable[[], bytes]:
    """A maker that does `in_a_child` first when it runs in a forked child (fails, dies,
    hangs), and gives b"made here" where it completes: in this process."""
    parent = os.getpid()

    def make() -> bytes:
        if os.getpid() != parent:
            in_a_child()
        return b"made here"

    return make


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
    def fails() -> None:
        raise ValueError("only in the child")

    assert build_all([lambda: b"first", made_here_unless(fails)]) == [b"first", b"made here"]
    assert _no_child_left()


@forks
def test_a_child_killed_midway_is_made_again_here() -> None:
    def killed() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    assert build_all([lambda: b"first", made_here_unless(killed)]) == [b"first", b"made here"]
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
    monkeypatch.setattr(forking, "_processors", lambda: 1)
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


@forks
@pytest.mark.parametrize("failing", ["pipe", "fork"])
def test_no_child_to_be_had_builds_everything_here(
    monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    # A container's process limit (EAGAIN) or no file descriptor left: exit 3 before.
    def refused(*_: object) -> object:
        raise OSError(11, "Resource temporarily unavailable")

    opened = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, failing, refused)
    assert build_all([_pid, _pid]) == [_pid(), _pid()]
    assert len(os.listdir("/proc/self/fd")) == opened  # the pipe closed again
    assert _no_child_left()


@forks
def test_a_child_that_never_answers_is_given_up_and_its_format_built_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A lock a native thread held when the child was forked stays held: the parent waited
    # for ever. A child idle that long is killed and the format built here.
    monkeypatch.setattr(forking, "_IDLE_LIMIT", 0.5)
    monkeypatch.setattr(forking, "_LOOK_EVERY", 0.1)
    hangs = made_here_unless(threading.Event().wait)
    assert build_all([lambda: b"first", hangs]) == [b"first", b"made here"]
    assert _no_child_left()


def test_native_threads_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # threading.active_count() does not see a library's own threads; Linux does.
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc here")
    import faulthandler

    before = forking._threads()
    faulthandler.dump_traceback_later(60)
    try:
        assert forking._threads() == before + 1
        assert not forking._forkable()
    finally:
        faulthandler.cancel_dump_traceback_later()


@forks
def test_a_child_slow_but_at_work_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    # A PDF can take a minute: killed at a deadline, it was built again here, the render
    # taking twice as long. Only a child that uses no processor time is given up.
    monkeypatch.setattr(forking, "_IDLE_LIMIT", 0.5)
    monkeypatch.setattr(forking, "_LOOK_EVERY", 0.1)
    parent = os.getpid()

    def busy() -> bytes:
        if os.getpid() != parent:
            end = time.process_time() + 2
            while time.process_time() < end:
                pass
        return _pid()

    made = build_all([lambda: b"first", busy])
    assert made[0] == b"first" and made[1] != _pid()
    assert _no_child_left()


@forks
def test_what_a_child_sent_whole_is_kept_when_it_fails_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(forking, "_processors", lambda: 2)  # one child builds both
    parent = os.getpid()
    built_here: list[str] = []

    def fine() -> bytes:
        if os.getpid() == parent:
            built_here.append("fine")
        return b"fine"

    def fails_in_a_child() -> bytes:
        if os.getpid() != parent:
            raise ValueError("only in the child")
        built_here.append("fails")
        return b"made here"

    assert build_all([lambda: b"first", fine, fails_in_a_child]) == [
        b"first",
        b"fine",
        b"made here",
    ]
    assert built_here == ["fails"]
