"""A pull request cannot choose what reviewers see, forge annotations, silence a sign-off,
slip past the limits with its own configuration, or lose an approval.

Every file of a pull request is hostile: documents, `.prdkit.toml`, and file names.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import MINIMAL
from tests.hostile.guarantees import UNSAFE, assert_bounded, assert_no_crash
from tests.hostile.runner import Run, run_cli

APPROVED = MINIMAL.replace("status: draft", "status: approved")
# A key holding a line break, a workflow command, a bidi override and a C1 control (CSI).
FORGED = "x-k\\n::error file=a.prd.yaml,line=1::forged \\u202e \\u009b"
# Loading fails on the duplicate key, and the message quotes it.
FORGING = MINIMAL + f'"{FORGED}": 1\n"{FORGED}": 2\n'


def assert_no_command(run: Run) -> None:
    """No line of either stream starts a workflow command or shows a raw control."""
    for line in run.stdout.splitlines() + run.stderr.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert not UNSAFE.search(line), line


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-C", str(repo), *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    return tmp_path


def approved(folder: Path, name: str = "a.prd.yaml", *approvers: str) -> Path:
    """An approved document signed off by `approvers` (Bo by default), through the CLI."""
    path = folder / name
    path.write_text(APPROVED, encoding="utf-8")
    for who in approvers or ("Bo",):
        run = run_cli("approve", path, "--name", who)
        assert run.returncode == 0, run.stderr
    return path


def rules_found(run: Run) -> list[str]:
    return [d["rule"] for d in json.loads(run.stdout)["diagnostics"]]


# -- 1. a pull request cannot choose what reviewers see


def test_a_file_named_like_rev_path_does_not_stand_in_for_git(repo: Path) -> None:
    edited = MINIMAL.replace("Checkout works", "Checkout is free")
    (repo / "docs" / "a.prd.yaml").write_text(edited, encoding="utf-8")
    fake = repo / "HEAD:docs" / "a.prd.yaml"  # what `HEAD:docs/a.prd.yaml` names on disk
    fake.parent.mkdir()
    fake.write_text(edited, encoding="utf-8")
    run = run_cli("diff", "HEAD:docs/a.prd.yaml", "docs/a.prd.yaml", "-f", "json", cwd=repo)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert "Checkout is free" in run.stdout  # compared with the committed version


def test_a_file_whose_name_holds_a_colon_is_read_when_spelled_as_a_path(tmp_path: Path) -> None:
    (tmp_path / "v1:old.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "new.prd.yaml").write_text(MINIMAL.replace("could", "must"), encoding="utf-8")
    run = run_cli("diff", "./v1:old.prd.yaml", "new.prd.yaml", "-f", "json", cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert "must" in run.stdout


# -- 3. document text never starts a workflow command on stderr


def test_diff_escapes_loader_messages(tmp_path: Path) -> None:
    (tmp_path / "old.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "new.prd.yaml").write_text(FORGING, encoding="utf-8")
    run = run_cli("diff", "old.prd.yaml", "new.prd.yaml", cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 1
    assert "duplicate-key" in run.stderr and "\\u202e" in run.stderr
    assert_no_command(run)


@pytest.mark.parametrize("check", [False, True], ids=["approve", "approve-check"])
def test_approve_escapes_loader_messages(tmp_path: Path, check: bool) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(FORGING, encoding="utf-8")
    run = run_cli("approve", doc, "--check") if check else run_cli("approve", doc, "--name", "Bo")
    assert_no_crash(run)
    assert run.returncode == 1
    assert "duplicate-key" in run.stderr and "\\u009b" in run.stderr
    assert_no_command(run)
    assert doc.read_text(encoding="utf-8") == FORGING


@pytest.mark.parametrize("check", [False, True], ids=["approve", "approve-check"])
def test_a_file_name_cannot_start_a_command_in_approve_output(tmp_path: Path, check: bool) -> None:
    (tmp_path / "::error file=a::forged.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    name = "::error file=a::forged.prd.yaml"
    args = ("approve", "--check", name) if check else ("approve", name, "--name", "Bo")
    run = run_cli(*args, cwd=tmp_path)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("./::error")
    assert_no_command(run)


def test_names_in_approve_messages_are_escaped(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("approve", doc, "--name", "Bo\u202e\u009b")
    assert_no_command(run)  # refused (no PRD may hold them) or recorded: never shown raw


# -- 4. the edit that invalidates a sign-off cannot silence it


def test_x_prdkit_ignore_cannot_silence_a_stale_approval(tmp_path: Path) -> None:
    doc = approved(tmp_path)
    edited = doc.read_text(encoding="utf-8").replace("Checkout works", "Checkout is free")
    doc.write_text(edited + "x-prdkit-ignore: [stale-approval, approval-not-granted]\n")
    run = run_cli("validate", "-f", "json", doc)
    assert_no_crash(run)
    found = rules_found(run)
    assert "stale-approval" in found
    assert found.count("suppression-invalid") == 2


@pytest.mark.parametrize(
    "rules",
    ['stale-approval = "off"', 'approval-missing = "info"', 'approval-not-granted = "warning"'],
)
def test_a_config_weakening_sign_off_rules_is_reported_every_run(
    tmp_path: Path, rules: str
) -> None:
    doc = approved(tmp_path)
    (tmp_path / ".prdkit.toml").write_text(f"[rules]\n{rules}\n", encoding="utf-8")
    for fmt in ("json", "github"):
        run = run_cli("validate", "-f", fmt, doc)
        assert_no_crash(run)
        assert "signoff-rules-weakened" in run.stdout, run.stdout
        assert rules.split(" ")[0] in run.stdout


def test_the_report_on_weakened_rules_cannot_be_switched_off(tmp_path: Path) -> None:
    doc = approved(tmp_path)
    (tmp_path / ".prdkit.toml").write_text(
        '[rules]\nstale-approval = "off"\nsignoff-rules-weakened = "off"\n', encoding="utf-8"
    )
    run = run_cli("validate", doc)
    assert_no_crash(run)
    assert run.returncode == 2 and "cannot be configured" in run.stderr


# -- 5. a configuration in the pull request cannot lift the limits


@pytest.mark.parametrize(
    "line",
    [
        "max-bytes = 1_000_000_000",
        "max-nodes = 1_000_000_000",
        "max-int-digits = 5000",
        "max-pdf-image-pixels = 1_000_000_000",
    ],
)
def test_configured_limits_have_ceilings(tmp_path: Path, line: str) -> None:
    (tmp_path / ".prdkit.toml").write_text(line + "\n", encoding="utf-8")
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("validate", doc)
    assert_no_crash(run)
    assert run.returncode == 2 and "over its ceiling" in run.stderr


def test_a_huge_config_is_refused_unread(tmp_path: Path) -> None:
    with open(tmp_path / ".prdkit.toml", "w", encoding="utf-8") as config:
        row = "# " + "x" * 98 + "\n"
        config.write(row * 200_000)  # 20 MB of comments: 15 s to parse
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("validate", doc)
    assert_no_crash(run)
    assert run.returncode == 2 and "KiB" in run.stderr
    assert_bounded(run)


def test_a_config_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".prdkit.toml")
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("validate", doc)
    assert_no_crash(run)
    assert run.returncode == 2 and "not a regular file" in run.stderr
    assert_bounded(run)


@pytest.mark.parametrize(
    ("labels", "line", "complaint"),
    [
        ('[labels.decision]\nrejected = "approved"\n', 1, "labels.decision cannot be declared"),
        ('[labels]\nstatus.draft = "Approved"\n', 2, "labels.status cannot be declared"),
        (
            '[labels.priority]\nwont = "must"\n',
            2,
            "labels.priority.wont: 'must' is how 'must' reads",
        ),
    ],
)
def test_labels_cannot_pass_one_value_off_as_another(
    tmp_path: Path, labels: str, line: int, complaint: str
) -> None:
    # The review diff would show a rejection as approved, a draft as approved, a dropped
    # requirement as a must-have: the configuration is refused before anything is shown.
    signed = approved(tmp_path)
    (tmp_path / ".prdkit.toml").write_text(labels, encoding="utf-8")
    rejected = tmp_path / "b.prd.yaml"
    rejected.write_text(APPROVED, encoding="utf-8")
    for command in (
        ("diff", signed, rejected),
        ("validate", signed),
        ("approve", "--check", signed),
    ):
        run = run_cli(*command)
        assert_no_crash(run)
        assert run.returncode == 2, (command, run.stdout, run.stderr)
        assert f"{tmp_path / '.prdkit.toml'}:{line}: {complaint}" in run.stderr


def _config_link(tmp_path: Path, name: str, target: str) -> Path:
    """A link named `name` beside a document, to `target` (made real unless /dev, missing)."""
    real = tmp_path / "elsewhere" / name
    real.parent.mkdir()
    table = "[rules]" if name == ".prdkit.toml" else "[tool.prdkit.rules]"
    real.write_text(f'{table}\nplaceholder = "off"\n', encoding="utf-8")
    targets = {"inside": str(real), "outside": "/dev/zero", "dangling": str(tmp_path / "gone")}
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / name).symlink_to(targets[target])
    doc = tree / "a.prd.yaml"
    doc.write_text(MINIMAL.replace("title: ", "title: TODO "), encoding="utf-8")
    return doc


@pytest.mark.parametrize("target", ["inside", "outside", "dangling"])
@pytest.mark.parametrize("name", [".prdkit.toml", "pyproject.toml"])
def test_a_config_that_is_a_link_is_refused_as_documents_are(
    tmp_path: Path, name: str, target: str
) -> None:
    doc = _config_link(tmp_path, name, target)
    for args in (("validate", doc), ("render", doc, "-o", tmp_path / "out")):
        run = run_cli(*args)
        assert_no_crash(run)
        assert run.returncode == 2, run.stderr
        assert f"{doc.parent / name}: is a symbolic link" in run.stderr
        assert_bounded(run)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["approve", "check", "diff"])
def test_approve_and_diff_honour_the_configured_limits(tmp_path: Path, command: str) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / ".prdkit.toml").write_text("max-bytes = 100\n", encoding="utf-8")
    args = {
        "approve": ("approve", doc, "--name", "Bo"),
        "check": ("approve", "--check", doc),
        "diff": ("diff", doc, doc),
    }[command]
    run = run_cli(*args)
    assert_no_crash(run)
    assert run.returncode == 1, run.stderr
    assert "file-too-large" in run.stderr and f"{len(MINIMAL)} bytes" in run.stderr
    assert doc.read_text(encoding="utf-8") == MINIMAL


def test_diff_from_git_honours_the_limits_and_tells_the_size(repo: Path) -> None:
    (repo / ".prdkit.toml").write_text("max-bytes = 100\n", encoding="utf-8")
    run = run_cli("diff", "HEAD:docs/a.prd.yaml", "./docs/a.prd.yaml", cwd=repo)
    assert_no_crash(run)
    assert run.returncode == 1, run.stderr
    expected = f"HEAD:docs/a.prd.yaml:1:1: error file-too-large the file is {len(MINIMAL)} bytes"
    assert expected in run.stderr


# -- 6. concurrent sign-offs all survive


def test_twelve_concurrent_approvals_all_survive(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    names = [f"Approver {i}" for i in range(12)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "prdkit", "approve", str(doc), "--name", name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in names
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 12, outputs
    assert sum("(added)" in out for out, _ in outputs) == 12
    text = doc.read_text(encoding="utf-8")
    assert sorted(n for n in names if f"name: {n}\n" in text) == sorted(names)
    assert sorted(os.listdir(tmp_path)) == ["a.prd.yaml"]  # no lock or temporary file left


def test_a_lock_file_left_behind_does_not_block(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / ".a.prd.yaml.lock").write_text("", encoding="utf-8")
    run = run_cli("approve", doc, "--name", "Bo")
    assert run.returncode == 0, run.stderr


def test_a_lock_file_planted_as_a_link_is_not_followed(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / ".a.prd.yaml.lock").symlink_to(victim)
    run = run_cli("approve", doc, "--name", "Bo")
    assert_no_crash(run)
    assert run.returncode == 2 and "cannot lock" in run.stderr
    assert victim.read_text(encoding="utf-8") == "keep"
    assert doc.read_text(encoding="utf-8") == MINIMAL


# -- 8. a sign-off never makes the document invalid


def test_approve_refuses_a_comment_past_the_documents_limits(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / ".prdkit.toml").write_text("max-markdown = 1000\n", encoding="utf-8")
    run = run_cli("approve", doc, "--name", "Bo", "--comment", "ok " * 400)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert "would be invalid" in run.stderr and "nothing written" in run.stderr
    assert doc.read_text(encoding="utf-8") == MINIMAL
    fine = run_cli("approve", doc, "--name", "Bo", "--comment", "ok")
    assert fine.returncode == 0, fine.stderr
    assert run_cli("validate", doc).returncode == 0


def test_approve_refuses_a_sign_off_that_pushes_the_file_past_max_bytes(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / ".prdkit.toml").write_text(f"max-bytes = {len(MINIMAL) + 40}\n", encoding="utf-8")
    run = run_cli("approve", doc, "--name", "Bo")
    assert_no_crash(run)
    assert run.returncode == 2 and "file-too-large" not in run.stdout
    assert "would be invalid" in run.stderr
    assert doc.read_text(encoding="utf-8") == MINIMAL


# -- a sign-off's text cannot forge a line of the approvals table or the sign-off summary

ONE_LINE_BREAKERS = {
    "line-feed": "Bo\n| Mallory | CEO | approved |",
    "carriage-return": "Bo\r- name: CEO",
    "next-line": "Bo\x85CEO",
    "line-separator": "Bo\u2028CEO",
    "paragraph-separator": "Bo\u2029CEO",
    "vertical-tab": "Bo\x0bCEO",
    "tab": "Bo\tCEO",
    "escape": "Bo\x1b[2K\x1b[1GCEO",
    "csi": "Bo\x9b2KCEO",
    "delete": "Bo\x7f",
}


@pytest.mark.parametrize("case", list(ONE_LINE_BREAKERS))
@pytest.mark.parametrize("option", ["--name", "--role"])
def test_approve_refuses_a_name_or_role_that_is_not_one_line(
    tmp_path: Path, option: str, case: str
) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    value = ONE_LINE_BREAKERS[case]
    args = ("--name", value) if option == "--name" else ("--name", "Bo", "--role", value)
    run = run_cli("approve", doc, *args)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    bad = next(ch for ch in value[2:] if not ch.isalnum())
    assert f"{option}: holds the " in run.stderr and f"U+{ord(bad):04X}" in run.stderr
    assert_no_command(run)
    assert doc.read_text(encoding="utf-8") == MINIMAL


@pytest.mark.parametrize("bad", ["\x9b", "\x85", "\x1b"])
def test_approve_refuses_controls_in_a_comment_by_name(tmp_path: Path, bad: str) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("approve", doc, "--name", "Bo", "--comment", f"fine{bad}[2K::error::x")
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    expected = f"--comment: text holds the control or non-character U+{ord(bad):04X}"
    assert expected in run.stderr
    assert_no_command(run)
    assert doc.read_text(encoding="utf-8") == MINIMAL


def test_a_comment_keeps_its_lines_with_the_loaders_line_endings(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("approve", doc, "--name", "Bo", "--comment", "one\r\ntwo\rthree\n\tfour")
    assert run.returncode == 0, run.stderr
    text = doc.read_text(encoding="utf-8")
    assert "\r" not in text
    (entry,) = yaml.safe_load(text)["approvals"]
    assert entry["comment"] == "one\ntwo\nthree\n\tfour"
    assert run_cli("validate", doc).returncode == 0


def test_a_linked_pyproject_that_does_not_configure_prdkit_is_passed_over(
    tmp_path: Path,
) -> None:
    # Workspaces link a shared pyproject.toml; one without [tool.prdkit] is another tool's
    # file and must not stop the run, while a linked one that configures prdkit is refused.
    shared = tmp_path / "shared" / "pyproject.toml"
    shared.parent.mkdir()
    shared.write_text('[project]\nname = "shop"\n', encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "pyproject.toml").symlink_to(shared)
    doc = tree / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("validate", doc)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    shared.write_text('[tool.prdkit.rules]\nplaceholder = "off"\n', encoding="utf-8")
    run = run_cli("validate", doc)
    assert run.returncode == 2
    assert f"{tree / 'pyproject.toml'}: is a symbolic link" in run.stderr
