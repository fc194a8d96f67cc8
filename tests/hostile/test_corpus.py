"""Every corpus case through the real `python -m prdkit validate`, with its guarantees.

Light cases share processes: one `validate` call per expected exit code and format, whose
time and memory bound every file in it. Heavy cases run alone, each measured on its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from prdkit.reporters import REPORTERS
from tests.hostile.corpus import CASES, Case
from tests.hostile.guarantees import (
    MAX_FIELD,
    MAX_LISTED,
    assert_bounded,
    assert_no_crash,
    assert_safe_output,
    json_diagnostics,
    text_diagnostics,
)
from tests.hostile.runner import Run, run_cli

LIGHT = [c for c in CASES if not c.heavy]
HEAVY = [c for c in CASES if c.heavy]
FORMATS = ("text", "json")
GITHUB_COMMAND = re.compile(r"::(error|warning|notice) file=[^\n]*,line=\d+,col=\d+,title=[\w-]+::")


@pytest.fixture(scope="module")
def light_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Run]:
    """(format, expected exit) → the one run over all light cases expecting that exit."""
    folder = tmp_path_factory.mktemp("corpus")
    for case in LIGHT:
        (folder / case.filename).write_bytes(case.make())
    runs = {}
    for fmt in FORMATS:
        for code in (0, 1):
            names = [c.filename for c in LIGHT if c.exit == code]
            runs[fmt, code] = run_cli("validate", "--format", fmt, *names, cwd=folder)
    return runs


@pytest.mark.parametrize(("fmt", "code"), [(f, c) for f in FORMATS for c in (0, 1)])
def test_light_batch_keeps_every_guarantee(
    light_runs: dict[tuple[str, int], Run], fmt: str, code: int
) -> None:
    run = light_runs[fmt, code]
    assert_no_crash(run)
    assert run.returncode == code, run.stdout[-3000:] + run.stderr[-3000:]
    assert_bounded(run)
    assert_safe_output(run, fmt)


def _cases(cases: list[Case]) -> list[object]:
    """Cases as parameters; a case with a known bug is a strict expected failure."""
    return [
        pytest.param(c, id=c.name, marks=pytest.mark.xfail(strict=True, reason=c.bug))
        if c.bug
        else pytest.param(c, id=c.name)
        for c in cases
    ]


@pytest.mark.parametrize("case", _cases(LIGHT))
@pytest.mark.parametrize("fmt", FORMATS)
def test_light_case(light_runs: dict[tuple[str, int], Run], case: Case, fmt: str) -> None:
    run = light_runs[fmt, case.exit]
    parse = text_diagnostics if fmt == "text" else json_diagnostics
    # The text format lists at most MAX_LISTED per file; json carries every diagnostic.
    check_case(case, parse(run).get(case.filename, []), capped=fmt == "text")


@pytest.mark.parametrize("case", _cases(HEAVY))
def test_heavy_case(tmp_path: Path, case: Case) -> None:
    (tmp_path / case.filename).write_bytes(case.make())
    run = run_cli("validate", case.filename, cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == case.exit, run.stdout[-3000:]
    assert_bounded(run)
    assert_safe_output(run, "text")
    check_case(case, text_diagnostics(run).get(case.filename, []))
    if case.exit == 1 and len(text_diagnostics(run)[case.filename]) == MAX_LISTED:
        assert "more diagnostics not listed" in run.stdout


def check_case(case: Case, diagnostics: list[tuple[int, str, str]], *, capped: bool = True) -> None:
    """The file's listed diagnostics agree with what the case expects."""
    if capped:
        assert len(diagnostics) <= MAX_LISTED
    errors = [(line, rule) for line, severity, rule in diagnostics if severity == "error"]
    if case.exit == 0:
        assert not errors, errors
        return
    assert errors, f"{case.name}: no error listed"
    if case.rule is not None:
        assert case.rule in {rule for _, rule in errors}, errors[:5]
    if case.line is not None:
        wanted = [(line, rule) for line, rule in errors if case.rule in (None, rule)]
        assert case.line in {line for line, _ in wanted}, errors[:5]


def test_corpus_names_are_unique() -> None:
    assert len({c.name for c in CASES}) == len(CASES)


def test_json_pointer_of_a_long_key_is_shortened(light_runs: dict[tuple[str, int], Run]) -> None:
    report = json.loads(light_runs["json", 1].stdout)
    pointers = [d["pointer"] for d in report["diagnostics"]]
    assert max(map(len, pointers)) <= MAX_FIELD


@pytest.mark.parametrize("fmt", [f for f in ("github", "sarif", "junit") if f in REPORTERS])
def test_other_formats_over_the_light_corpus(tmp_path: Path, fmt: str) -> None:
    names = [c.filename for c in LIGHT]
    for case in LIGHT:
        (tmp_path / case.filename).write_bytes(case.make())
    run = run_cli("validate", "--format", fmt, *names, cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 1
    assert_bounded(run)
    if fmt == "github":
        commands = [line for line in run.stdout.splitlines() if line.startswith("::")]
        assert commands, "no annotations"
        for line in commands:  # document text never opens a command of its own
            assert GITHUB_COMMAND.match(line), line[:200]
    elif fmt == "sarif":
        assert json.loads(run.stdout)["version"] == "2.1.0"
    else:
        ElementTree.fromstring(run.stdout)
