"""Timing child processes: wall time and peak resident memory of each run."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work"
_DROPPED = ("GITHUB_ACTIONS", "PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE")
# Children see a plain, colourless, non-CI terminal, whatever the caller runs in. Bytecode
# is cached (as after any pip install) but under .work/, so the source tree stays clean.
CHILD_ENV = {k: v for k, v in os.environ.items() if k not in _DROPPED} | {
    "NO_COLOR": "1",
    "LC_ALL": "C.UTF-8",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONPYCACHEPREFIX": str(WORK / "pycache"),
}


class CommandFailed(RuntimeError):
    """A measured command exited with a status it should not have."""


@dataclass
class Series:
    """Every run of one command: wall seconds, CPU seconds and peak memory in MiB."""

    label: str
    argv: tuple[str, ...]
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        """Median CPU time (user + system) in seconds."""
        return statistics.median(self.cpu)

    @property
    def peak(self) -> float:
        """Largest peak resident memory over the runs, in MiB."""
        return max(self.peak_mib)


def _maxrss_mib(value: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


# The measuring process. A child's ru_maxrss counts the memory of whatever forked it (the
# fork copies, then exec keeps the high-water mark), and the runner grows while it makes
# documents; so children are started by this small helper (no site, four imports, about
# 8 MiB) that reports wall time, CPU time and peak memory of each as one JSON line.
_SPAWNER = r"""
import json, os, sys, time
env = json.loads(sys.stdin.readline())
for line in sys.stdin:
    job = json.loads(line)
    os.chdir(job["cwd"])
    null_in = os.open(os.devnull, os.O_RDONLY)
    null_out = os.open(os.devnull, os.O_WRONLY)
    err = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    actions = [(os.POSIX_SPAWN_DUP2, null_in, 0), (os.POSIX_SPAWN_DUP2, null_out, 1),
               (os.POSIX_SPAWN_DUP2, err, 2)]
    start = time.perf_counter()
    pid = os.posix_spawnp(job["argv"][0], job["argv"], env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    for fd in (null_in, null_out, err):
        os.close(fd)
    reply = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
             "maxrss": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
"""


class Spawner:
    """A helper process that runs commands on request and measures each."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._stderr = WORK / "last-stderr.txt"

    def _start(self) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", _SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdin is not None
        process.stdin.write(json.dumps(CHILD_ENV) + "\n")
        return process

    def run(self, argv: Sequence[str], cwd: Path) -> tuple[float, float, float]:
        """Run `argv` once: wall seconds, CPU seconds and peak resident MiB of that child."""
        if self._process is None:
            self._process = self._start()
        assert self._process.stdin is not None and self._process.stdout is not None
        job = {"argv": list(argv), "cwd": str(cwd), "stderr": str(self._stderr)}
        self._process.stdin.write(json.dumps(job) + "\n")
        self._process.stdin.flush()
        reply = json.loads(self._process.stdout.readline())
        if reply["code"] != 0:
            tail = self._stderr.read_text(encoding="utf-8", errors="replace").strip()[-600:]
            raise CommandFailed(f"{' '.join(argv)} exited {reply['code']}: {tail}")
        return reply["wall"], reply["cpu"], _maxrss_mib(reply["maxrss"])


SPAWNER = Spawner()


def run_once(argv: Sequence[str], cwd: Path) -> tuple[float, float, float]:
    """Run `argv` once: wall seconds, CPU seconds and peak resident MiB of that child alone."""
    return SPAWNER.run(argv, cwd)


def alternate(series: Sequence[Series], repeat: int, cwd: Path) -> None:
    """Run each command `repeat` times, interleaved, the order turning each round."""
    for s in series:  # warm-up: bytecode, disk cache; not counted
        run_once(s.argv, cwd)
    for round_ in range(repeat):
        shift = round_ % len(series)
        for s in [*series[shift:], *series[:shift]]:
            seconds, cpu, peak = run_once(s.argv, cwd)
            s.seconds.append(seconds)
            s.cpu.append(cpu)
            s.peak_mib.append(peak)
