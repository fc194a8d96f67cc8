"""The promises every run of `prdkit` keeps, whatever the input: checked on each Run."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import MINIMAL
from tests.hostile.runner import MEMORY_LIMIT, TIME_LIMIT, Run

CANARY = "canary-6a1f0c"  # an environment value that must never be echoed
MAX_LISTED = 50  # diagnostics listed per file
MAX_LINE = 1000  # characters in one line of text output
MAX_FIELD = 1000  # characters in one string of JSON output
# What must never reach a terminal or CI log raw: C0 (but tab and newline), DEL, C1, bidi
# controls, line and paragraph separators, the BOM.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) (?P<rule>\S+) "
)


def assert_no_crash(run: Run) -> None:
    """Never exit 3, never a signal, never a traceback, never a hang."""
    assert not run.timed_out, f"{run.args}: killed after hanging"
    assert run.returncode >= 0, f"{run.args}: died of signal {-run.returncode}"
    assert run.returncode != 3, f"{run.args}: internal error\n{run.stderr[-3000:]}"
    assert run.returncode in (0, 1, 2), run.returncode
    assert "Traceback" not in run.stdout + run.stderr, run.stderr[-3000:]


def assert_bounded(run: Run, cpu_limit: float = TIME_LIMIT) -> None:
    """Under 5 s of CPU time (or `cpu_limit`) and 300 MB of peak memory."""
    assert run.cpu_seconds < cpu_limit, f"{run.args}: {run.cpu_seconds:.2f} s of CPU"
    assert run.peak_bytes < MEMORY_LIMIT, f"{run.args}: {run.peak_bytes / 1e6:.0f} MB"


def assert_safe_output(run: Run, fmt: str) -> None:
    """No line can start a workflow command; nothing invisible or overlong echoed raw."""
    for line in run.stdout.splitlines() + run.stderr.splitlines():
        assert not line.startswith("::"), f"workflow command in {fmt} output: {line[:200]!r}"
    if fmt == "text":
        for line in run.stdout.splitlines():
            assert len(line) <= MAX_LINE, f"line of {len(line)} characters: {line[:200]!r}"
            assert not UNSAFE.search(line), f"raw control or bidi character: {line[:200]!r}"
    elif fmt == "json":
        report = json.loads(run.stdout)
        for diagnostic in report["diagnostics"]:
            for key, value in diagnostic.items():
                # The file name comes from the command line; the pointer: see test_corpus.
                if isinstance(value, str) and key not in ("file", "pointer"):
                    assert len(value) <= MAX_FIELD, f"{key} of {len(value)} characters"
                    assert not UNSAFE.search(value), f"raw control character in {key}: {value!r}"


def text_diagnostics(run: Run) -> dict[str, list[tuple[int, str, str]]]:
    """(line, severity, rule) of each diagnostic line of text output, by file."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for line in run.stdout.splitlines():
        match = TEXT_LINE.match(line)
        if match:
            found.setdefault(match["file"], []).append(
                (int(match["line"]), match["severity"], match["rule"])
            )
    return found


def json_diagnostics(run: Run) -> dict[str, list[tuple[int, str, str]]]:
    """(line, severity, rule) of each diagnostic of JSON output, by file."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for d in json.loads(run.stdout)["diagnostics"]:
        found.setdefault(d["file"], []).append((d["line"], d["severity"], d["rule"]))
    return found


def checked(run: Run, code: int) -> Run:
    """`run` after the common guarantees of text output and its expected exit code."""
    assert_no_crash(run)
    assert run.returncode == code, run.stdout[-2000:] + run.stderr[-2000:]
    assert_bounded(run)
    assert_safe_output(run, "text")
    return run


def valid(folder: Path, name: str = "good.prd.yaml") -> Path:
    """A valid document written into `folder`."""
    path = folder / name
    path.write_text(MINIMAL, encoding="utf-8")
    return path
