"""`prdkit render` over several files and folders: every failure at the end, one exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, run_prdkit

INVALID = MINIMAL.replace("priority: could", "priority: urgent")


def tree(tmp_path: Path) -> Path:
    """docs/a.prd.yaml, docs/sub/b.prd.yml and docs/c.prd.yaml, all valid."""
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    for name in ("a.prd.yaml", "sub/b.prd.yml", "c.prd.yaml"):
        (docs / name).write_text(MINIMAL.replace("id: demo", f"id: {Path(name).stem}"), "utf-8")
    return docs


def wrote(output: str) -> list[str]:
    return sorted(line.removeprefix("wrote ") for line in output.splitlines() if "wrote " in line)


def test_files_and_folders_render_each_document_once(tmp_path: Path) -> None:
    docs = tree(tmp_path)
    result = run_prdkit("render", str(docs), str(docs / "a.prd.yaml"), "--to", "md")
    assert result.returncode == 0, result.stderr
    expected = [str(docs / "a.md"), str(docs / "c.md"), str(docs / "sub" / "b.md")]
    assert wrote(result.stdout) == sorted(expected)
    assert all(Path(p).read_text("utf-8").strip() for p in expected)
    assert result.stderr == ""
    assert "\x1b" not in result.stdout and "\r" not in result.stdout  # no bar off a terminal


@pytest.mark.parametrize("link", ["0.prd.yaml", "z.prd.yaml"])  # before or after its file
@pytest.mark.parametrize("command", ["render", "export"])
def test_a_link_to_a_document_is_reported_and_its_file_still_goes(
    tmp_path: Path, link: str, command: str
) -> None:
    # The link stood for its file (the same real path), and the first of the two listed
    # won: sorted first, the link was refused and the valid file never rendered.
    docs = tree(tmp_path)
    (docs / link).symlink_to("a.prd.yaml")
    out = tmp_path / "out"
    formats = "md" if command == "render" else "csv"
    result = run_prdkit(command, str(docs), "--to", formats, "-o", str(out))
    assert result.returncode == 2
    assert f"{link}: is a symbolic link" in result.stderr
    assert (out / ("a.md" if command == "render" else "a.requirements.csv")).is_file()


def test_every_failure_is_reported_at_the_end_with_one_exit_code(tmp_path: Path) -> None:
    docs = tree(tmp_path)
    (docs / "bad.prd.yaml").write_text(INVALID, encoding="utf-8")
    missing = tmp_path / "missing.prd.yaml"
    result = run_prdkit("render", str(docs), str(missing), "--to", "md", "-o", str(tmp_path))
    assert result.returncode == 2  # a missing file is a usage problem: it outranks invalid
    assert len(wrote(result.stdout)) == 3  # the valid documents are still rendered
    lines = result.stdout.splitlines()
    first_problem = next(i for i, line in enumerate(lines) if "schema-enum" in line)
    assert all("wrote " not in line for line in lines[first_problem:])  # problems come last
    assert f"{docs / 'bad.prd.yaml'}:11:15: error schema-enum" in lines[first_problem]
    assert not (tmp_path / "bad.md").exists()
    assert f"{missing}: no such file or folder" in result.stderr
    assert f"nothing written for {docs / 'bad.prd.yaml'}" in result.stderr
    assert result.stderr.rstrip().endswith("rendered 3 of 5 documents")


def test_only_invalid_documents_is_exit_1(tmp_path: Path) -> None:
    docs = tree(tmp_path)
    (docs / "bad.prd.yaml").write_text(INVALID, encoding="utf-8")
    result = run_prdkit("render", str(docs), "--to", "md")
    assert result.returncode == 1
    assert len(wrote(result.stdout)) == 3


def test_two_documents_with_one_output_name_are_refused(tmp_path: Path) -> None:
    docs = tree(tmp_path)
    (docs / "sub" / "a.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_prdkit("render", str(docs), "--to", "md", "-o", str(out))
    assert result.returncode == 2
    assert "would write the same output files" in result.stderr
    assert list(out.iterdir()) == []


def test_a_folder_without_documents_is_exit_2(tmp_path: Path) -> None:
    result = run_prdkit("render", str(tmp_path))
    assert result.returncode == 2
    assert "no PRD files" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    ("lang", "label", "done"), [("en", "rendering", "wrote "), ("zh", "生成中", "已写入 ")]
)
def test_progress_bar_only_on_a_terminal(tmp_path: Path, lang: str, label: str, done: str) -> None:
    import pty

    docs = tree(tmp_path)
    primary, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "prdkit", "render", str(docs), "--to", "md", "--lang", lang],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=secondary,
    )
    os.close(secondary)
    terminal = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        terminal += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(primary)
    assert process.returncode == 0
    assert label.encode() in terminal and b"/3" in terminal
    assert stdout.decode("utf-8").count(done) == 3
    assert b"\x1b" not in stdout  # the file output stays clean


_KILLED_WHILE_STAGING = """
import os, signal, sys
real = os.fsync
count, after, name = 0, int(sys.argv[1]), sys.argv[2]
def fsync(fd):  # an output being staged: the signal comes while it is written
    global count
    count += 1
    if count == after:
        os.kill(os.getpid(), getattr(signal, name))
    return real(fd)
os.fsync = fsync
from prdkit.cli import main
sys.argv = ["prdkit", *sys.argv[3:]]
main()
"""


def _stopped_render(
    tmp_path: Path, script: str, *script_args: str
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Render a document into a folder holding old outputs of every format, through
    `script` (which arranges the stop, reading `script_args` first); the folder and run."""
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for suffix in (".docx", ".md", ".html"):
        (out / f"a{suffix}").write_bytes(b"old")
    argv = ["render", str(doc), "--to", "docx,md,html", "-o", str(out)]
    run = subprocess.run(
        [sys.executable, "-c", script, *script_args, *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out, run


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP", "SIGINT"])
@pytest.mark.parametrize("after", [1, 2, 3])
def test_a_stopped_render_leaves_the_old_outputs_and_no_temporary_file(
    tmp_path: Path, signal_name: str, after: int
) -> None:
    """`timeout`, a cancelled CI job or a closed terminal stop the run while it stages its
    outputs: every existing output stays as it was, and no temporary file is left."""
    import signal

    if not hasattr(signal, signal_name):
        pytest.skip(f"no {signal_name} here")
    out, run = _stopped_render(tmp_path, _KILLED_WHILE_STAGING, str(after), signal_name)
    signum = getattr(signal, signal_name)
    assert run.returncode in (128 + signum, -signum) and run.returncode > 0, run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.html", "a.md"]
    assert all(p.read_bytes() == b"old" for p in out.iterdir())


_STOPPED_WHILE_RENAMING = """
import os, signal, sys
real = os.replace
name = sys.argv[1]
def replace(src, dst):  # the first output is in place: the signal comes now
    real(src, dst)
    os.replace = real
    os.kill(os.getpid(), getattr(signal, name))
os.replace = replace
from prdkit.cli import main
sys.argv = ["prdkit", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_render_stopped_while_renaming_leaves_every_output_new(
    tmp_path: Path, signal_name: str
) -> None:
    """Outputs are written all or none, a stopping signal included: none is left old while
    another is new."""
    import signal

    out, run = _stopped_render(tmp_path, _STOPPED_WHILE_RENAMING, signal_name)
    assert run.returncode == 128 + getattr(signal, signal_name), run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.html", "a.md"]
    assert all(p.read_bytes() != b"old" for p in out.iterdir())
