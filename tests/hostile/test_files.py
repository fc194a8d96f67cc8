"""Input files: links and special files are never read (exit 2); folders are searched.

Each case runs in a process of its own, with the same guarantees as the document corpus.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.guarantees import (
    CANARY,
    assert_bounded,
    assert_no_crash,
    assert_safe_output,
    checked,
    valid,
)
from tests.hostile.runner import run_cli

# -- links and special files: exit 2, given directly or found in a folder


def link_to(target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        link = folder / "link.prd.yaml"
        link.symlink_to(target)
        return link

    return make


def link_outside(folder: Path) -> Path:
    outside = folder.parent / (folder.name + "-outside")
    outside.mkdir()
    valid(outside, "real.prd.yaml")
    link = folder / "link.prd.yaml"
    link.symlink_to(outside / "real.prd.yaml")
    return link


def fifo(folder: Path) -> Path:
    path = folder / "pipe.prd.yaml"
    os.mkfifo(path)
    return path


def unix_socket(folder: Path) -> Path:
    path = folder / "sock.prd.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # the socket file stays after close
    server.close()
    return path


def link_to_folder(folder: Path) -> Path:
    (folder / "real").mkdir()
    link = folder / "dir.prd.yaml"
    link.symlink_to(folder / "real", target_is_directory=True)
    return link


SPECIAL: dict[str, Callable[[Path], Path]] = {
    "symlink-dev-zero": link_to("/dev/zero"),
    "symlink-proc-environ": link_to("/proc/self/environ"),
    "symlink-outside-tree": link_outside,
    "symlink-dangling": link_to("/nonexistent/nowhere.prd.yaml"),
    "symlink-to-folder": link_to_folder,
    "fifo": fifo,
    "unix-socket": unix_socket,
}


@pytest.mark.parametrize("name", list(SPECIAL))
@pytest.mark.parametrize("how", ["given", "in-folder"])
def test_links_and_special_files_are_refused(tmp_path: Path, name: str, how: str) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    valid(tree)
    special = SPECIAL[name](tree)
    target = special if how == "given" else tree
    run = checked(run_cli("validate", target, env={"PRDKIT_CANARY": CANARY}), 2)
    assert f"{special}: " in run.stderr
    assert CANARY not in run.stdout + run.stderr
    if how == "in-folder":  # the regular file beside it is still checked
        assert "in 1 file" in run.stdout


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null", "/proc/self/environ"])
def test_device_and_system_files_given_directly(path: str) -> None:
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    run = checked(run_cli("validate", path, env={"PRDKIT_CANARY": CANARY}), 2)
    assert CANARY not in run.stdout + run.stderr
    assert f"{path}: " in run.stderr


def test_unreadable_file(tmp_path: Path) -> None:
    path = valid(tmp_path)
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as a user who reads any file")
    run = checked(run_cli("validate", path), 2)
    assert "cannot read" in run.stderr


def test_missing_path(tmp_path: Path) -> None:
    checked(run_cli("validate", tmp_path / "nope.prd.yaml"), 2)


def test_symlink_loop_in_tree_does_not_hang(tmp_path: Path) -> None:
    valid(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.prd.yaml").symlink_to("self.prd.yaml")
    run = checked(run_cli("validate", tmp_path), 2)
    assert "self.prd.yaml: " in run.stderr
    assert "in 1 file" in run.stdout


# -- a folder named like a document


def test_folder_named_like_a_document_is_searched_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "x.prd.yaml"
    folder.mkdir()
    valid(folder, "inner.prd.yaml")
    valid(tmp_path)
    run = checked(run_cli("validate", tmp_path), 0)
    assert "in 2 files" in run.stdout
    run = checked(run_cli("validate", folder), 0)
    assert "in 1 file" in run.stdout


def test_empty_folder_named_like_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "x.prd.yaml"
    folder.mkdir()
    run = checked(run_cli("validate", folder), 2)
    assert "no PRD files" in run.stderr


# -- configuration files found beside a document are inputs too


def _config_link(folder: Path) -> None:
    (folder / ".prdkit.toml").symlink_to("/dev/zero")


def _config_fifo(folder: Path) -> None:
    os.mkfifo(folder / ".prdkit.toml")


def _config_broken(folder: Path) -> None:
    (folder / ".prdkit.toml").write_text("[tool.prdkit\nrules = {", encoding="utf-8")


def _config_deep(folder: Path) -> None:
    deep = "[tool.prdkit.rules]\nx = " + "[" * 100_000 + "]" * 100_000 + "\n"
    (folder / "pyproject.toml").write_text(deep, encoding="utf-8")


def _config_binary(folder: Path) -> None:
    (folder / "pyproject.toml").write_bytes(b"\xff\xfe\x00[tool.prdkit]\x00")


CONFIGS: dict[str, tuple[Callable[[Path], None], tuple[int, ...]]] = {
    "config-symlink-dev-zero": (_config_link, (0, 2)),
    "config-fifo": (_config_fifo, (0, 2)),
    "config-broken-toml": (_config_broken, (2,)),
    "config-nested-100000": (_config_deep, (2,)),
    "config-binary": (_config_binary, (2,)),
}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_hostile_configuration_files(tmp_path: Path, name: str) -> None:
    make, codes = CONFIGS[name]
    document = valid(tmp_path)
    make(tmp_path)
    run = run_cli("validate", document)
    assert_no_crash(run)
    assert run.returncode in codes, run.stdout[-1000:] + run.stderr[-1000:]
    assert_bounded(run)
    assert_safe_output(run, "text")
