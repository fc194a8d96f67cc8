"""Run `python -m prdkit` in a child process, measuring its CPU time and peak memory.

Bounds are on CPU time, never wall time: on a busy two-CPU machine a run can wait for a
processor for seconds without doing any more work, and a wall-time bound would then fail
a correct program.

A forked child's `ru_maxrss` starts at its parent's resident size (Linux carries the
high-water mark across exec), so measuring straight from pytest would report pytest's own
memory. The child is therefore started by a small wrapper process, whose size is all it
inherits; the wrapper times it and writes its exit status and rusage to a file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIME_LIMIT = 5.0  # seconds of CPU time (user + system) per run
MEMORY_LIMIT = 300 * 1024 * 1024  # bytes of peak resident memory per file
KILL_AFTER = 60.0  # a hung child is killed here, so a hang fails instead of stalling CI

_WRAPPER = """\
import json, resource, subprocess, sys, time
report, env, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(env) as source:
    env = json.load(source)
started = time.monotonic()
code = subprocess.call(argv, env=env)
seconds = time.monotonic() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
with open(report, "w") as out:
    json.dump({"code": code, "seconds": seconds, "cpu": cpu, "maxrss": usage.ru_maxrss}, out)
"""


@dataclass(frozen=True)
class Run:
    """What one child process did: exit status, output, time and peak memory."""

    args: tuple[str, ...]
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float  # wall time, for the log only
    cpu_seconds: float  # user + system time of the child: what bounds are checked on
    peak_bytes: int
    timed_out: bool


def _peak_bytes(maxrss: int) -> int:
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    return maxrss if sys.platform == "darwin" else maxrss * 1024


def run_cli(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = KILL_AFTER,
) -> Run:
    """Run `python -m prdkit ARGS` to completion, through the measuring wrapper."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)  # the default format must be text here
    child = [sys.executable, "-m", "prdkit", *map(str, args)]
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        report, env_file = Path(scratch, "report.json"), Path(scratch, "env.json")
        env_file.write_text(json.dumps(full_env), encoding="utf-8")
        # The wrapper runs in the test's own environment: a hostile locale is only the child's.
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, str(report), str(env_file), *child],
            cwd=cwd,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        result = json.loads(report.read_text()) if report.exists() else None
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "backslashreplace")
        stderr = err.read().decode("utf-8", "backslashreplace")
    if result is None:  # the wrapper itself was killed
        result = {"code": -signal.SIGKILL, "seconds": timeout, "cpu": 0.0, "maxrss": 0}
    _log(args, result["cpu"], result["maxrss"])
    return Run(
        args=tuple(map(str, args)),
        returncode=result["code"],
        stdout=stdout,
        stderr=stderr,
        seconds=result["seconds"],
        cpu_seconds=result["cpu"],
        peak_bytes=_peak_bytes(result["maxrss"]),
        timed_out=timed_out,
    )


def _log(args: tuple[object, ...], cpu: float, maxrss: int) -> None:
    """With PRDKIT_HOSTILE_LOG=FILE, one JSON line per run: to find the slowest and largest."""
    target = os.environ.get("PRDKIT_HOSTILE_LOG")
    if not target:
        return
    shown = [Path(str(a)).name if os.sep in str(a) else str(a) for a in args]
    record = {"args": shown[:6], "files": len(args), "cpu_seconds": round(cpu, 3)}
    record["peak_mb"] = round(_peak_bytes(maxrss) / 1e6, 1)
    with open(target, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")
