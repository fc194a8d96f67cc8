"""Outputs: never over the source, all or nothing, no temporary file left behind."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.cli import app
from tests.conftest import MINIMAL
from tests.hostile.guarantees import (
    checked,
    valid,
)
from tests.hostile.runner import run_cli
from tests.hostile.writers import needs_writers


@needs_writers("md")
def test_output_that_is_the_source_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"  # renders to doc.md: itself
    source.write_text(MINIMAL, encoding="utf-8")
    run = checked(run_cli("render", source, "--to", "md"), 2)
    assert "source" in run.stderr
    assert source.read_text(encoding="utf-8") == MINIMAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md"]


@needs_writers("md")
@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
def test_output_linked_to_the_source_is_refused(tmp_path: Path, kind: str) -> None:
    source = valid(tmp_path, "doc.prd.yaml")
    output = tmp_path / "doc.md"
    if kind == "symlink":
        output.symlink_to(source.name)
    else:
        os.link(source, output)
    run = checked(run_cli("render", source, "--to", "md"), 2)
    assert "source" in run.stderr
    assert source.read_text(encoding="utf-8") == MINIMAL
    assert output.is_symlink() == (kind == "symlink")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.md", "doc.prd.yaml"]


@needs_writers("md")
def test_output_linked_outside_is_refused_not_followed(tmp_path: Path) -> None:
    # Neither followed (a write outside the tree) nor replaced (a link to /dev/stdout made
    # a file of the container's stdout): refused, as a linked document is.
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    tree = tmp_path / "tree"
    tree.mkdir()
    source = valid(tree, "doc.prd.yaml")
    (tree / "doc.md").symlink_to(outside)
    checked(run_cli("render", source, "--to", "md,docx"), 2)
    assert outside.read_bytes() == b"keep"
    assert (tree / "doc.md").is_symlink()
    assert not (tree / "doc.docx").exists()  # all or none


def existing_outputs(folder: Path) -> dict[str, bytes]:
    """Outputs from an earlier render, with content no render would produce."""
    outputs = {"doc.md": b"earlier markdown\n", "doc.docx": b"earlier word file"}
    for name, data in outputs.items():
        (folder / name).write_bytes(data)
    return outputs


def assert_untouched(folder: Path, outputs: dict[str, bytes]) -> None:
    for name, data in outputs.items():
        assert (folder / name).read_bytes() == data, f"{name} changed"
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert leftovers == [], f"temporary files left behind: {leftovers}"


@needs_writers("md", "docx")
def test_invalid_document_leaves_outputs_untouched(tmp_path: Path) -> None:
    source = tmp_path / "doc.prd.yaml"
    source.write_text(MINIMAL.replace("could", "sometimes"), encoding="utf-8")
    outputs = existing_outputs(tmp_path)
    checked(run_cli("render", source), 1)
    assert_untouched(tmp_path, outputs)


def failing_after(calls: int, real: Callable[..., object]) -> Callable[..., object]:
    """`real`, until it has been called `calls` times; then a full disk."""
    count = {"n": 0}

    def wrapper(*args: object, **kwargs: object) -> object:
        count["n"] += 1
        if count["n"] > calls:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    return wrapper


@needs_writers("md", "docx")
@pytest.mark.parametrize("where", ["fsync", "write", "replace"])
def test_failure_mid_write_leaves_outputs_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    source = valid(tmp_path, "doc.prd.yaml")
    outputs = existing_outputs(tmp_path)
    if where == "write":
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk())
    else:
        monkeypatch.setattr(os, where, failing_after(0, getattr(os, where)))
    result = CliRunner().invoke(app, ["render", str(source)])
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output
    assert_untouched(tmp_path, outputs)


@needs_writers("md", "docx")
def test_failure_on_the_second_output_leaves_the_first_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = valid(tmp_path, "doc.prd.yaml")
    outputs = existing_outputs(tmp_path)
    monkeypatch.setattr(os, "fsync", failing_after(1, os.fsync))
    result = CliRunner().invoke(app, ["render", str(source)])
    assert result.exit_code == 2, result.output
    assert_untouched(tmp_path, outputs)


@needs_writers("md", "docx")
def test_interrupt_mid_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = valid(tmp_path, "doc.prd.yaml")
    outputs = existing_outputs(tmp_path)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = CliRunner().invoke(app, ["render", str(source)])
    assert isinstance(result.exception, KeyboardInterrupt) or result.exit_code == 130
    assert_untouched(tmp_path, outputs)


class _FullDisk:
    """A file object whose every write fails as on a full disk."""

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
