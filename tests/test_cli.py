"""The command line through typer's runner and through a real subprocess."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from prdkit import __version__
from prdkit.cli import app
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"prdkit {__version__}"


def test_validate_valid_file(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", MINIMAL)
    result = runner.invoke(app, ["validate", str(doc)])
    assert result.exit_code == 0, result.output
    # A bare draft draws completeness warnings only.
    assert result.output.splitlines()[-1].startswith("0 errors, ")
    assert result.output.strip().endswith(" in 1 file")


def test_validate_reports_file_line_col_rule(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", MINIMAL.replace("priority: could", "priority: high"))
    result = runner.invoke(app, ["validate", str(doc)])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first == (
        f"{doc}:11:15: error schema-enum priority must be one of must, should, could, wont (got 'high')"
    )
    assert "1 error, 0 warnings in 1 file" in result.output


def test_validate_json_format(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", MINIMAL.replace("requirements:", "requirments:"))
    result = runner.invoke(app, ["validate", "--format", "json", str(doc)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["files"] == 1
    rules = {(d["rule"], d["line"], d["column"], d["pointer"]) for d in report["diagnostics"]}
    assert ("schema-unknown-key", 8, 1, "/requirments") in rules
    assert not any(rule == "schema-required" for rule, *_ in rules)  # the typo says it all
    unknown = next(d for d in report["diagnostics"] if d["rule"] == "schema-unknown-key")
    assert unknown["message"] == "unknown key 'requirments' — did you mean 'requirements'?"


def test_validate_folder_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.prd.yaml", MINIMAL)
    write(tmp_path / "b.prd.yml", MINIMAL)
    write(tmp_path / "ignored.yaml", "not: a prd\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "in 2 files" in result.output


def _remove_tree(root: Path) -> None:
    """shutil.rmtree without recursion: it recurses once a level, and pytest's clean-up of
    old temporary folders would fail on a thousand-level tree in a later run."""
    folders, stack = [], [str(root)]
    while stack:
        folder = stack.pop()
        folders.append(folder)
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(folders):
        os.rmdir(folder)


def test_scans_of_a_folder_a_thousand_levels_deep(tmp_path: Path) -> None:
    # os.walk (and pathlib's mkdir(parents=True)) recurse once a level: a pull request
    # adding such a tree made validate, render, site and export end in exit 3.
    source = deep = tmp_path / "src"
    source.mkdir()
    for _ in range(1000):  # a level at a time
        deep = deep / "d"
        deep.mkdir()
    write(deep / "bottom.prd.yaml", MINIMAL)
    write(source / "top.prd.yaml", MINIMAL)
    (deep.parent / ".hidden").mkdir()
    write(deep.parent / ".hidden" / "skipped.prd.yaml", "not: valid\n")
    (source / "loop").symlink_to(source)  # a link to a folder is not followed
    try:
        result = runner.invoke(app, ["validate", "--format", "json", str(source)])
        site = runner.invoke(app, ["site", str(source), "-o", str(tmp_path / "site")])
    finally:
        _remove_tree(tmp_path)
        tmp_path.mkdir()
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["files"] == 2
    assert site.exit_code == 0, site.output
    assert "2 documents, 2 rendered" in site.output


def test_validate_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.prd.yaml")])
    assert result.exit_code == 2


def test_validate_folder_without_documents_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2


def test_unknown_option_is_exit_2() -> None:
    assert runner.invoke(app, ["validate", "--bogus"]).exit_code == 2


def test_symlink_is_refused(tmp_path: Path) -> None:
    real = write(tmp_path / "real.prd.yaml", MINIMAL)
    link = tmp_path / "link.prd.yaml"
    link.symlink_to(real)
    result = runner.invoke(app, ["validate", str(link)])
    assert result.exit_code == 2


def test_schema_command_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_to_file(tmp_path: Path) -> None:
    out = tmp_path / "prd.schema.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"]


@pytest.mark.parametrize("kind", ["fifo", "link to a file", "link to the output stream"])
def test_an_output_over_a_link_or_special_file_is_refused(tmp_path: Path, kind: str) -> None:
    # The rename put a regular file in its place: `-o /dev/stdout` as root in a container
    # made /dev/stdout a file, and what the job printed after went into it.
    out = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "link to a file":
        write(tmp_path / "elsewhere.json", "{}")
        out.symlink_to(tmp_path / "elsewhere.json")
    else:
        out.symlink_to("/proc/self/fd/1")
    before = os.lstat(out)
    done = run_prdkit("schema", "-o", str(out))
    assert done.returncode == 2, done.stderr
    assert "is a link or a special file" in done.stderr
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if kind == "link to a file":
        assert (tmp_path / "elsewhere.json").read_text(encoding="utf-8") == "{}"


def test_templates_lists_each_template_and_language() -> None:
    result = runner.invoke(app, ["templates"])
    assert result.exit_code == 0
    rows = {tuple(line.split()[:2]) for line in result.output.splitlines()}
    for name in ("minimal", "feature", "launch", "ecommerce"):
        assert (name, "en") in rows and (name, "zh") in rows


@pytest.mark.parametrize("template", ["minimal", "feature", "launch", "ecommerce"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_new_validates_as_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "my-feature", "--template", template, "--lang", lang])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "my-feature.prd.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'id: "my-feature"' in text
    # The first revision is dated the day the document starts, like meta.created.
    data = yaml.safe_load(text)
    assert [r["date"] for r in data.get("revisions", [])[:1]] in ([], [data["meta"]["created"]])
    check = runner.invoke(app, ["validate", "my-feature.prd.yaml"])
    assert check.exit_code == 0, check.output
    # A Chinese template is reported in Chinese (its meta.language).
    zero = "0 个错误" if lang == "zh" else " 0 errors"
    assert zero in " " + check.output.splitlines()[-1]


def test_new_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    existing = write(tmp_path / "demo.prd.yaml", "keep me\n")
    result = runner.invoke(app, ["new", "demo"])
    assert result.exit_code == 2
    assert existing.read_text(encoding="utf-8") == "keep me\n"
    assert runner.invoke(app, ["new", "demo", "--force"]).exit_code == 0
    assert existing.read_text(encoding="utf-8") != "keep me\n"


def test_new_refuses_a_file_made_while_it_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another `new` (or an editor) creates the file between the check and the write:
    the one that comes second says so (exit 2) and leaves the first one's file alone."""
    import prdkit.templates

    monkeypatch.chdir(tmp_path)
    real = prdkit.templates.instantiate

    def racing(*args: object, **kwargs: object) -> str:
        write(tmp_path / "demo.prd.yaml", "made meanwhile\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(prdkit.templates, "instantiate", racing)
    result = runner.invoke(app, ["new", "demo"])
    assert result.exit_code == 2, result.output
    assert "already exists" in result.output
    assert (tmp_path / "demo.prd.yaml").read_text(encoding="utf-8") == "made meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["demo.prd.yaml"]  # no temporary left


def test_concurrent_new_of_one_name_has_one_winner(tmp_path: Path) -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "prdkit", "new", "race", "--template", template],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for template in ("feature", "launch") * 3
    ]
    codes = [run.wait(timeout=120) for run in runs]
    assert sorted(codes) == [0, 2, 2, 2, 2, 2], codes
    assert [p.name for p in tmp_path.iterdir()] == ["race.prd.yaml"]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("", "names no file"),
        ("   ", "names no file"),
        ("\u200b", "names no file"),
        ("sub/", "names no file"),
        ("a\nb", "give a name on one line"),
        ("a\u2028b", "give a name on one line"),
        ("tab\tname", "give a name on one line"),
    ],
)
def test_new_refuses_a_name_no_one_could_find_or_type(
    name: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # '' made a hidden `.prd.yaml`; a line break, a file name with a newline in it.
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", name])
    assert result.exit_code == 2
    assert said in result.output
    assert list(tmp_path.rglob("*")) == []


def test_new_unknown_template_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "demo", "--template", "nope"])
    assert result.exit_code == 2
    assert not (tmp_path / "demo.prd.yaml").exists()


# -- the same promises through a real process


def test_subprocess_validate_exit_codes(tmp_path: Path) -> None:
    good = write(tmp_path / "good.prd.yaml", MINIMAL)
    bad = write(tmp_path / "bad.prd.yaml", MINIMAL.replace('"0.1.0"', "[1]"))
    assert run_prdkit("validate", str(good)).returncode == 0
    failed = run_prdkit("validate", str(bad))
    assert failed.returncode == 1
    assert f"{bad}:5:12: error schema-type version must be text (got a list)" in failed.stdout
    assert "Traceback" not in failed.stderr
    assert run_prdkit("validate", str(tmp_path / "missing.prd.yaml")).returncode == 2


# Run before prdkit: the report is left in stdout's buffer (not flushed as it is written),
# and a handler says whether the interpreter's teardown ran.
_EXIT_HOOK = """
import atexit, os, sys
import prdkit.cli

def emit(text, *, err=False):
    for start in range(0, len(text), 1000):
        (sys.stderr if err else sys.stdout).write(text[start : start + 1000])

prdkit.cli.emit = emit
atexit.register(lambda: os.write(2, b"teardown ran\\n"))
"""


@pytest.mark.parametrize("traced", [False, True], ids=["plain", "traced"])
def test_subprocess_exit_flushes_and_skips_teardown_unless_traced(
    tmp_path: Path, traced: bool
) -> None:
    # A report many times a pipe's buffer arrives whole with the run's own exit code. The
    # teardown (freeing everything the run built) is skipped, but not under a tracer or
    # profiler, which writes what it gathered at exit (coverage, cProfile).
    hook = _EXIT_HOOK + ("sys.settrace(lambda *args: None)\n" if traced else "")
    (tmp_path / "sitecustomize.py").write_text(hook, encoding="utf-8")
    rows = "".join(
        f"  - id: R{i}\n    title: Requirement {i}\n    priority: soon\n" for i in range(2, 1500)
    )
    doc = write(tmp_path / "many.prd.yaml", MINIMAL + rows)
    env = {"PYTHONPATH": str(tmp_path), "PYTHONUNBUFFERED": ""}
    result = run_prdkit("validate", "--format", "json", str(doc), env=env)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"] == 1 and len(result.stdout) > 100_000
    found = report["diagnostics"]
    assert len(found) == 1498 and {d["rule"] for d in found} == {"schema-enum"}
    assert ("teardown ran" in result.stderr) is traced


def test_subprocess_help_and_version() -> None:
    assert run_prdkit("--help").returncode == 0
    version = run_prdkit("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"prdkit {__version__}"


def test_subprocess_c_locale_and_chinese_text(tmp_path: Path) -> None:
    doc = write(tmp_path / "zh.prd.yaml", MINIMAL.replace("priority: could", "priority: 高"))
    result = run_prdkit("validate", str(doc), env={"LC_ALL": "C", "LANG": "C"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["--help"], ["validate", "--help"], ["--version"]])
def test_subprocess_help_to_a_full_device_is_exit_2(args: list[str]) -> None:
    # Help is written by the framework itself, not by prdkit's own output path: a failed
    # write is still an I/O problem (exit 2), said in one line, never an internal error.
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "prdkit", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr == "prdkit: error: cannot write the output (No space left on device)\n"


# An OSError is an internal error too unless a write failed for want of room or a device.
@pytest.mark.parametrize("error", ["RuntimeError('boom')", "FileNotFoundError(2, 'gone')"])
def test_subprocess_internal_error_is_exit_3_without_traceback(tmp_path: Path, error: str) -> None:
    # A sitecustomize that breaks the schema check stands in for an unforeseen bug.
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        f"import prdkit.schema\ndef boom(data):\n    raise {error}\nprdkit.schema.check = boom\n",
        encoding="utf-8",
    )
    doc = write(tmp_path / "a.prd.yaml", MINIMAL)
    result = run_prdkit("validate", str(doc), env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "internal error" in result.stderr
    debug = run_prdkit("--debug", "validate", str(doc), env={"PYTHONPATH": str(tmp_path)})
    assert debug.returncode == 3 and "Traceback" in debug.stderr


def test_subprocess_missing_dependency_is_a_clear_message(tmp_path: Path) -> None:
    # A checkout run without its dependencies: `typer` cannot be imported.
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\nsys.modules['typer'] = None\n", encoding="utf-8"
    )
    result = run_prdkit("--help", env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the dependency 'typer' is not installed" in result.stderr


@pytest.mark.skipif(os.name == "nt", reason="the venv layout and symlinks here are POSIX")
def test_subprocess_from_a_checkout_runs_in_its_venv(tmp_path: Path) -> None:
    # `python3 -m prdkit` in a checkout, with a Python that lacks the dependencies, after
    # the README's first command made .venv: it runs there instead of failing.
    import sysconfig
    import venv

    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "prdkit").symlink_to(Path(__file__).resolve().parent.parent / "prdkit")
    venv.create(checkout / ".venv", with_pip=False, symlinks=True)
    made = subprocess.run(
        [
            str(checkout / ".venv" / "bin" / "python"),
            "-c",
            "import sysconfig, sys; sys.stdout.write(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # The new .venv sees the packages of the Python running the tests.
    (Path(made.stdout) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # The Python started first lacks typer; the one in .venv (PRDKIT_FROM_CHECKOUT) has it.
    (tmp_path / "sitecustomize.py").write_text(
        "import os, sys\n"
        "if not os.environ.get('PRDKIT_FROM_CHECKOUT'):\n    sys.modules['typer'] = None\n",
        encoding="utf-8",
    )
    doc = write(tmp_path / "a.prd.yaml", MINIMAL)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "NO_COLOR": "1"}
    env.pop("PRDKIT_FROM_CHECKOUT", None)
    argv = [sys.executable, "-m", "prdkit", "validate", str(doc)]
    run = functools.partial(
        subprocess.run, argv, cwd=checkout, env=env, capture_output=True, text=True, timeout=120
    )
    result = run()
    assert result.returncode == 0, result.stderr
    assert "0 errors, " in result.stdout and "in 1 file" in result.stdout
    # Without the .venv, the message says how to make it.
    shutil.rmtree(checkout / ".venv")
    result = run()
    assert result.returncode == 2
    assert "python3 -m venv .venv && .venv/bin/pip install ." in result.stderr


def test_render_help_names_every_format() -> None:
    from prdkit.writers import FORMATS

    result = runner.invoke(app, ["render", "--help"], terminal_width=200)
    shown = " ".join(result.output.split())
    assert result.exit_code == 0 and "to Word, Markdown, HTML or PDF" in shown
    listed = shown.split("Comma-separated formats: ", 1)[1].split(".", 1)[0]
    assert listed.split(", ") == ["docx", "md", "html", "pdf"] and set(FORMATS) == set(
        listed.split(", ")
    )


def test_no_path_parameter_lets_typer_check_it() -> None:
    # typer checks readability by default and then prints its own English message.
    import typer.main

    checked = [
        (name, param.name)
        for name, command in typer.main.get_command(app).commands.items()  # type: ignore[attr-defined]
        for param in command.params
        if getattr(param.type, "readable", False) or getattr(param.type, "exists", False)
    ]
    assert checked == []


@pytest.mark.parametrize(
    ("command", "extra"),
    [("validate", []), ("render", []), ("export", []), ("approve", ["--name", "Ann"])],
)
def test_an_unreadable_document_gets_prdkit_s_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, extra: list[str]
) -> None:
    doc = write(tmp_path / "a.prd.yaml", MINIMAL)
    real_open = os.open

    def refusing(path: object, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(doc):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(doc))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    # What a user without read permission meets: access(2) says no and opening fails.
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    monkeypatch.setattr(os, "open", refusing)
    for lang, words in (("en", "cannot read (Permission denied)"), ("zh", "无法读取")):
        result = runner.invoke(app, [command, "--lang", lang, str(doc), *extra])
        assert result.exit_code == 2, result.output
        assert f"prdkit: error: {doc}: {words}" in result.output
        assert "is not readable" not in result.output


def test_an_unreadable_document_as_a_user_without_permission() -> None:
    as_user: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root reads every file and setpriv is missing")
        as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)  # the other user must reach the file
        doc = write(Path(folder) / "a.prd.yaml", MINIMAL)
        doc.chmod(0)
        run = subprocess.run(
            [*as_user, sys.executable, "-m", "prdkit", "validate", "a.prd.yaml"],
            cwd=folder,
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    assert run.returncode == 2, run.stderr
    assert "prdkit: error: a.prd.yaml: cannot read (Permission denied)" in run.stderr
    assert "is not readable" not in run.stderr and "Usage:" not in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "a.prd.yaml"],
        ["render", "a.prd.yaml"],
        ["export", "a.prd.yaml"],
        ["site", "."],
        ["new", "x"],
        ["schema", "-o", "s.json"],
        ["approve", "a.prd.yaml", "--name", "Ann"],
        ["diff", "a.prd.yaml", "b.prd.yaml"],
    ],
)
def test_every_command_taking_a_path_needs_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    def gone() -> str:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.chdir(tmp_path)  # were the check missing, nothing lands in the checkout
    monkeypatch.setattr(os, "getcwd", gone)
    for lang, words in (
        ("en", "the current folder cannot be used (No such file or directory)"),
        ("zh", "无法使用当前文件夹（No such file or directory）"),
    ):
        monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8")
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"prdkit: error: {words}"), result.output


def test_commands_without_paths_run_without_a_current_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def gone() -> str:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(os, "getcwd", gone)
    assert runner.invoke(app, ["templates"]).exit_code == 0
    assert runner.invoke(app, ["schema"]).output.startswith("{")


_INTERRUPTED_WHILE_CHECKING = """
import sys
import prdkit.check

def interrupted(*args, **kwargs):
    raise KeyboardInterrupt

prdkit.check.check_file = interrupted
from prdkit.cli import main
sys.argv = ["prdkit", "validate", sys.argv[1]]
main()
"""

_INTERRUPTED_WHILE_LOADING = """
import builtins, sys
real = builtins.__import__

def importing(name, *args, **kwargs):
    if name == "typer":  # the command line's first heavy import
        raise KeyboardInterrupt
    return real(name, *args, **kwargs)

builtins.__import__ = importing
from prdkit.__main__ import run
run()
"""


@pytest.mark.parametrize(
    ("script", "said"),
    [
        (_INTERRUPTED_WHILE_CHECKING, "prdkit: interrupted\n"),
        (_INTERRUPTED_WHILE_LOADING, "prdkit: interrupted\n"),
    ],
)
def test_ctrl_c_ends_the_run_with_130_and_no_traceback(script: str, said: str) -> None:
    # typer turned ^C into a silent exit 130; ^C while the command line loaded (its first
    # tens of milliseconds) ended in a traceback.
    done = subprocess.run(
        [sys.executable, "-c", script, str(EXAMPLES / "flash-sale.prd.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (130, said)
