"""Command errors share one base class with an exit code; the CLI reports them in one place."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.approve import ApproveError
from prdkit.check import InputError
from prdkit.cli import app
from prdkit.config import ConfigError
from prdkit.diff import DiffError
from prdkit.errors import EXIT_INVALID, EXIT_USAGE, PrdkitError
from prdkit.outputs import OutputError
from prdkit.templates import TemplateError
from tests.conftest import MINIMAL, run_prdkit

runner = CliRunner()


@pytest.mark.parametrize(
    "error", [ApproveError, InputError, ConfigError, DiffError, OutputError, TemplateError]
)
def test_every_command_error_is_a_prdkit_error_with_an_exit_code(error: type[PrdkitError]):
    assert issubclass(error, PrdkitError)
    assert error("x").code == EXIT_USAGE
    assert error("x", EXIT_INVALID).code == EXIT_INVALID


def test_a_document_approve_cannot_load_is_reported_like_validate(tmp_path: Path):
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL + "meta: again\n", encoding="utf-8")
    result = runner.invoke(app, ["approve", str(doc), "--name", "Ann"])
    assert result.exit_code == EXIT_INVALID
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{doc}:12:1: error duplicate-key")
    assert any(line.strip().startswith("^") for line in lines)  # the excerpt with its caret
    assert "1 error, 0 warnings in 1 file" in result.output
    assert lines[-1] == f"prdkit: error: {doc} does not load; fix the document first"


def test_diff_of_a_version_that_cannot_load_exits_1_without_a_traceback(tmp_path: Path):
    good, bad = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad.write_text(MINIMAL + "  - [unclosed\n", encoding="utf-8")
    done = run_prdkit("diff", str(good), str(bad))
    assert done.returncode == EXIT_INVALID
    assert f"{bad}:" in done.stderr and "error" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.rstrip().endswith("does not load, so it cannot be compared")


def test_a_usage_problem_is_exit_2_with_its_message(tmp_path: Path):
    result = runner.invoke(app, ["new", str(tmp_path / "x"), "--template", "nope"])
    assert result.exit_code == EXIT_USAGE
    assert result.output.startswith("prdkit: error: ")
    assert "nope" in result.output


def test_a_new_file_on_a_file_system_without_hard_links_is_whole_or_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where the staged file cannot be linked into place, it is created in place: a stop
    # while it was written (^C, a TERM turned into SystemExit) left a truncated document.
    import errno
    import os

    from prdkit import outputs

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(outputs.os, "link", no_links)
    target = tmp_path / "new.prd.yaml"
    outputs.write_new(target, b"whole\n")
    assert target.read_bytes() == b"whole\n"

    fsync = os.fsync

    def stopped(fd: int) -> None:
        if os.fstat(fd).st_size == len(b"cut\n") and (tmp_path / "cut.prd.yaml").exists():
            raise KeyboardInterrupt
        fsync(fd)

    monkeypatch.setattr(outputs.os, "fsync", stopped)
    with pytest.raises(KeyboardInterrupt):
        outputs.write_new(tmp_path / "cut.prd.yaml", b"cut\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.prd.yaml"]
