"""File names no system can hold or print, and edge inputs that used to crash or mislead.

Exit 3 is for prdkit's own bugs: names over 255 bytes, names that are not UTF-8, emphasis
hundreds deep must each end in a clear exit 0, 1 or 2.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from tests.conftest import MINIMAL
from tests.hostile.guarantees import assert_bounded, assert_no_crash, valid
from tests.hostile.runner import run_cli

LONG = "n" * 300  # one path component of 300 bytes: over every file system's limit
NOT_UTF8 = os.fsdecode(b"caf\xe9")


# -- 7. names over 255 bytes: a usage error for every command that takes a path


def long_name_cases(folder: Path) -> dict[str, tuple[object, ...]]:
    doc = valid(folder, "doc.prd.yaml")
    return {
        "validate": ("validate", folder / f"{LONG}.prd.yaml"),
        "validate-folder": ("validate", folder / LONG / "sub"),
        "render": ("render", folder / f"{LONG}.prd.yaml"),
        "render-output": ("render", doc, "-o", folder / LONG),
        "render-reference": ("render", doc, "--reference-doc", folder / f"{LONG}.docx"),
        "schema-output": ("schema", "-o", folder / f"{LONG}.json"),
        "new": ("new", folder / LONG),
        "approve": ("approve", folder / f"{LONG}.prd.yaml", "--name", "Bo"),
        "diff": ("diff", doc, folder / f"{LONG}.prd.yaml"),
        "site": ("site", folder / LONG),
        "site-output": ("site", folder, "-o", folder / LONG),
    }


@pytest.mark.parametrize(
    "case",
    [
        "validate",
        "validate-folder",
        "render",
        "render-output",
        "render-reference",
        "schema-output",
        "new",
        "approve",
        "diff",
        "site",
        "site-output",
    ],
)
def test_a_name_over_255_bytes_is_a_usage_error(tmp_path: Path, case: str) -> None:
    run = run_cli(*long_name_cases(tmp_path)[case], cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert "255" in run.stderr or "too long" in run.stderr
    assert not (tmp_path / "doc.docx").exists()


def test_new_with_a_name_at_the_limit_writes_a_valid_document(tmp_path: Path) -> None:
    name = "n" * (255 - len(".prd.yaml"))  # the longest name a file system holds
    run = run_cli("new", name, cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    written = tmp_path / f"{name}.prd.yaml"
    check = run_cli("validate", "-f", "json", written)
    assert check.returncode == 0, check.stdout
    assert [d for d in json.loads(check.stdout)["diagnostics"] if d["severity"] == "error"] == []
    assert sorted(os.listdir(tmp_path)) == [written.name]  # no temporary file left


# -- 7. names that are not UTF-8


def invalid_in_folder(folder: Path) -> Path:
    (folder / f"{NOT_UTF8}.prd.yaml").write_text(
        MINIMAL.replace("could", "sometimes"), encoding="utf-8"
    )
    return folder


def test_sarif_with_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    run = run_cli("validate", "-f", "sarif", ".", cwd=invalid_in_folder(tmp_path))
    assert_no_crash(run)
    assert run.returncode == 1
    uris = [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(run.stdout)["runs"][0]["results"]
        for location in result["locations"]
    ]
    assert uris and all("caf%E9.prd.yaml" in uri for uri in uris)


def test_step_summary_with_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    folder = tmp_path / "docs"
    folder.mkdir()
    run = run_cli(
        "validate",
        "-f",
        "github",
        invalid_in_folder(folder),
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert_no_crash(run)
    assert run.returncode == 1
    assert "caf\\\\udce9" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [NOT_UTF8, "ctl\x01name", "bell\x07", "non\ufffechar", "esc\x1b[31m"],
    ids=["not-utf8", "control", "bell", "non-character", "escape"],
)
def test_new_refuses_a_name_that_cannot_title_a_valid_document(tmp_path: Path, name: str) -> None:
    run = run_cli("new", name, cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert "cannot title" in run.stderr
    assert os.listdir(tmp_path) == []


# -- 7. emphasis nested hundreds deep


def test_deeply_nested_emphasis_renders_its_text_whole(tmp_path: Path) -> None:
    depth = 400
    text = (
        " ".join(f"*a{i}" for i in range(depth))
        + " x "
        + " ".join(f"b{i}*" for i in reversed(range(depth)))
    )
    doc = tmp_path / "deep.prd.yaml"
    doc.write_text(MINIMAL.replace("  owner: Ann\n", f'  owner: Ann\n  summary: "{text}"\n'))
    run = run_cli("render", doc, "--to", "docx,md")
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert_bounded(run)
    markdown = (tmp_path / "deep.md").read_text(encoding="utf-8")
    assert "a0" in markdown and "a399" in markdown and "b399" in markdown


# -- 8. wrong results


def test_an_unreadable_subfolder_is_named_not_skipped(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder; see test_unreadable_folder_in_process")
    valid(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    valid(locked, "hidden.prd.yaml")
    locked.chmod(0)
    try:
        run = run_cli("validate", tmp_path)
    finally:
        locked.chmod(0o755)
    assert_no_crash(run)
    assert run.returncode == 2
    assert "locked: cannot read the folder" in run.stderr


@pytest.mark.parametrize("command", ["validate", "render", "site"])
def test_unreadable_folder_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from typer.testing import CliRunner

    from prdkit.cli import app

    valid(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    valid(locked, "hidden.prd.yaml")
    real_scandir = os.scandir

    def refusing(path: object = ".") -> object:
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refusing)
    extra = ["-o", str(tmp_path / "site")] if command == "site" else []
    result = CliRunner().invoke(app, [command, str(tmp_path), *extra])
    assert result.exit_code == 2, result.output
    assert f"{locked}: cannot read the folder (Permission denied)" in result.output


def test_a_raw_c1_control_is_reported_where_it_is(tmp_path: Path) -> None:
    doc = tmp_path / "c1.prd.yaml"
    doc.write_bytes(MINIMAL.replace("title: Demo", "title: De\u0080mo").encode("utf-8"))
    run = run_cli("validate", doc)
    assert_no_crash(run)
    assert run.returncode == 1
    assert f"{doc}:4:12: error control-character" in run.stdout
    assert "tabs" not in run.stdout


def test_file_too_large_tells_the_files_size(tmp_path: Path) -> None:
    doc = tmp_path / "big.prd.yaml"
    doc.write_bytes(MINIMAL.encode() + b"x-pad: " + b"x" * 5000 + b"\n")
    (tmp_path / ".prdkit.toml").write_text("max-bytes = 1000\n", encoding="utf-8")
    run = run_cli("validate", doc)
    assert run.returncode == 1
    size = doc.stat().st_size
    assert f"the file is {size:,} bytes, over the limit of 1,000 bytes" in run.stdout


def test_remote_images_become_links_in_markdown(tmp_path: Path) -> None:
    doc = tmp_path / "img.prd.yaml"
    summary = "See ![the plan](https://tracker.example/p.png) today."
    doc.write_text(MINIMAL.replace("  owner: Ann\n", f'  owner: Ann\n  summary: "{summary}"\n'))
    run = run_cli("render", doc, "--to", "md")
    assert run.returncode == 0, run.stderr
    markdown = (tmp_path / "img.md").read_text(encoding="utf-8")
    tree = SyntaxTreeNode(MarkdownIt("commonmark").parse(markdown))
    assert not [n for n in tree.walk() if n.type == "image"]
    links = [n.attrs.get("href") for n in tree.walk() if n.type == "link"]
    assert "https://tracker.example/p.png" in links
