"""`prdkit approve`: tamper-evident sign-off, written in place without disturbing the file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from prdkit.approve import ApproveError, Signoff, record
from prdkit.cli import app
from prdkit.loader import load_bytes
from prdkit.ruletable import RULES
from tests.conftest import EXAMPLES, MINIMAL

runner = CliRunner()
EPOCH_2026_02_03 = "1770076800"  # 2026-02-03T00:00:00Z


def independent_digest(data: dict) -> str:
    """The format's definition, written out again: without approvals and meta.status."""
    signed = {k: v for k, v in data.items() if k != "approvals"}
    signed["meta"] = {k: v for k, v in data["meta"].items() if k != "status"}
    text = json.dumps(signed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def approve(path: Path, *args: str, epoch: str = EPOCH_2026_02_03):
    return runner.invoke(
        app, ["approve", str(path), *args], env={"SOURCE_DATE_EPOCH": epoch, "NO_COLOR": "1"}
    )


def data_of(path: Path) -> dict:
    loaded = load_bytes(path.read_bytes(), json_mode=path.name.endswith(".json"))
    assert loaded.ok, loaded.problems
    return loaded.data


def entry_of(path: Path, name: str) -> dict:
    return next(a for a in data_of(path)["approvals"] if a["name"] == name)


# ---- the digest ------------------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.prd.yaml")), ids=lambda p: p.name)
def test_recorded_digest_matches_the_formats_definition(tmp_path: Path, example: Path) -> None:
    doc = tmp_path / example.name
    shutil.copyfile(example, doc)
    result = approve(doc, "--name", "Reviewer Q", "--role", "QA")
    assert result.exit_code == 0, result.output
    entry = entry_of(doc, "Reviewer Q")
    assert entry["digest"] == independent_digest(data_of(doc))
    assert entry["digest"] in result.output


def test_digest_ignores_status_and_approvals_but_not_content(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    assert approve(doc, "--name", "Ann").exit_code == 0
    signed = entry_of(doc, "Ann")["digest"]
    doc.write_text(doc.read_text("utf-8").replace("status: draft", "status: review"), "utf-8")
    assert approve(doc, "--check").exit_code == 0  # moving the status keeps the sign-off
    doc.write_text(doc.read_text("utf-8").replace("Checkout works", "Checkout flies"), "utf-8")
    result = approve(doc, "--check")
    assert result.exit_code == 1
    assert "stale" in result.output and independent_digest(data_of(doc)) in result.output
    assert independent_digest(data_of(doc)) != signed


# ---- approve, edit, validate -----------------------------------------------------------------


def test_approve_then_edit_then_validate_reports_stale_approval_at_its_line(
    tmp_path: Path,
) -> None:
    assert "stale-approval" in RULES
    doc = tmp_path / "loyalty.prd.yaml"
    shutil.copyfile(EXAMPLES / "loyalty-checkout.prd.yaml", doc)
    names = [a["name"] for a in data_of(doc)["approvals"]]
    for name in names:
        assert approve(doc, "--name", name).exit_code == 0
    before = runner.invoke(app, ["validate", "--format", "json", str(doc)])
    assert not [
        d for d in json.loads(before.output)["diagnostics"] if d["rule"] == "stale-approval"
    ]

    text = doc.read_text("utf-8")
    title = data_of(doc)["requirements"][0]["title"]
    doc.write_text(text.replace(f"title: {title}", f"title: {title} (revised)", 1), "utf-8")
    after = runner.invoke(app, ["validate", "--format", "json", str(doc)])
    assert after.exit_code == 1
    stale = [d for d in json.loads(after.output)["diagnostics"] if d["rule"] == "stale-approval"]
    assert len(stale) == len(names)
    lines = doc.read_text("utf-8").split("\n")
    for diagnostic, name in zip(stale, names, strict=True):
        assert diagnostic["severity"] == "error"  # the example is approved
        # The line of this approval's digest, inside its own entry.
        line = lines[diagnostic["line"] - 1]
        assert line.strip() == f"digest: {entry_of(doc, name)['digest']}"
        entry_line = next(i for i, t in enumerate(lines, 1) if t.strip() == f"- name: {name}")
        assert entry_line < diagnostic["line"] <= entry_line + 6


# ---- byte-for-byte outside the edited lines --------------------------------------------------

COMMENTED = """\
# yaml-language-server: $schema=../schemas/prd.schema.json
prdkit: 1   # format version

meta:
  id: 'demo'            # single-quoted on purpose
  title: "Demo: quoted"
  version: "0.1.0"
  status: draft
  owner: Ann


requirements:
    - id: R1
      title: Checkout works   # trailing comment
      priority: could
      acceptance_criteria: [ "a", 'b' ]

approvals:
    # Sign-offs below, most recent last.
    -   name: Bob
        decision: approved
        comment: |
          Looks right.

    -   name: Carol   # finance
        role: Finance
        decision: pending
        x-ticket: FIN-12

# end of document
"""


def line_diff(old: str, new: str) -> tuple[list[str], list[str], list[str]]:
    """Common head, common tail (as line lists) and the new middle."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return a[:head], a[len(a) - tail :], b[head : len(b) - tail]


def test_replacing_an_entry_changes_only_its_lines(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_bytes(COMMENTED.encode("utf-8"))
    result = approve(doc, "--name", "Carol", "--comment", "Budget: fine # really")
    assert result.exit_code == 0, result.output
    new = doc.read_text("utf-8")
    old_lines = COMMENTED.splitlines(keepends=True)
    start = old_lines.index("    -   name: Carol   # finance\n")
    end = old_lines.index("        x-ticket: FIN-12\n") + 1
    before, after = "".join(old_lines[:start]), "".join(old_lines[end:])
    assert new.startswith(before) and new.endswith(after)
    middle = new[len(before) : len(new) - len(after)]
    assert middle.startswith("    -   name: Carol\n")  # the list's own indentation
    entry = entry_of(doc, "Carol")
    assert entry == {
        "name": "Carol",
        "role": "Finance",  # carried over when --role is not given
        "decision": "approved",
        "date": "2026-02-03",
        "comment": "Budget: fine # really",
        "digest": independent_digest(data_of(doc)),
        "x-ticket": "FIN-12",
    }
    assert "Carol" in result.output and "replaced" in result.output


def test_appending_an_entry_inserts_lines_and_changes_none(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_bytes(COMMENTED.encode("utf-8"))
    assert approve(doc, "--name", "Dan", "--role", "QA lead").exit_code == 0
    new = doc.read_text("utf-8")
    old_lines = COMMENTED.splitlines(keepends=True)
    head, tail, middle = line_diff(COMMENTED, new)
    assert head + tail == old_lines  # nothing removed or altered, only inserted
    assert middle[0] == "    -   name: Dan\n"
    assert [a["name"] for a in data_of(doc)["approvals"]] == ["Bob", "Carol", "Dan"]


@pytest.mark.parametrize(
    ("before", "key_line"),
    [
        ("", None),  # no approvals section: appended at the end
        ("approvals: []\n", "approvals:\n"),
        ("approvals:   # nobody yet\n", "approvals:   # nobody yet\n"),
        ("approvals: ~\n", "approvals:\n"),
    ],
    ids=["absent", "empty-flow", "null-with-comment", "tilde"],
)
def test_first_approval_in_each_starting_shape(
    tmp_path: Path, before: str, key_line: str | None
) -> None:
    original = MINIMAL + before
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(original, encoding="utf-8")
    assert approve(doc, "--name", "Ann").exit_code == 0
    new = doc.read_text("utf-8")
    kept = MINIMAL.splitlines(keepends=True)
    assert new.splitlines(keepends=True)[: len(kept)] == kept
    rest = new[len(MINIMAL) :]
    if key_line is None:
        assert rest.startswith("\napprovals:\n  - name: Ann\n")
    else:
        assert rest.startswith(key_line + "  - name: Ann\n")
    assert data_of(doc)["approvals"] == [
        {
            "name": "Ann",
            "decision": "approved",
            "date": "2026-02-03",
            "digest": independent_digest(data_of(doc)),
        }
    ]


def test_flow_list_keeps_flow_style(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL + "approvals: [{name: Bob, decision: approved}]  # short\n", "utf-8")
    assert approve(doc, "--name", "Ann", "--reject", "--comment", "Needs a, b").exit_code == 0
    last = doc.read_text("utf-8").splitlines()[-1]
    assert last.startswith("approvals: [{name: Bob, decision: approved}, {name: Ann, ")
    assert last.endswith("]  # short")
    assert entry_of(doc, "Ann")["comment"] == "Needs a, b"
    assert entry_of(doc, "Ann")["decision"] == "rejected"


def test_crlf_and_bom_survive(tmp_path: Path) -> None:
    original = ("\ufeff" + COMMENTED).replace("\n", "\r\n").encode("utf-8")
    doc = tmp_path / "a.prd.yaml"
    doc.write_bytes(original)
    assert approve(doc, "--name", "Carol").exit_code == 0
    new = doc.read_bytes()
    assert new.count(b"\n") == new.count(b"\r\n")  # every line ending still CRLF
    lines = original.splitlines(keepends=True)
    start = lines.index(b"    -   name: Carol   # finance\r\n")
    end = lines.index(b"        x-ticket: FIN-12\r\n") + 1
    before, after = b"".join(lines[:start]), b"".join(lines[end:])
    assert before.startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert new.startswith(before) and new.endswith(after)
    assert new[len(before) :].startswith(b"    -   name: Carol\r\n        role: Finance\r\n")
    assert entry_of(doc, "Carol")["digest"] == independent_digest(data_of(doc))


def test_approving_twice_on_the_same_day_changes_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_bytes(COMMENTED.encode("utf-8"))
    assert approve(doc, "--name", "Eve", "--comment", "line one\nline two\n").exit_code == 0
    once = doc.read_bytes()
    assert approve(doc, "--name", "Eve").exit_code == 0  # comment kept: same decision
    assert doc.read_bytes() == once


def test_a_changed_decision_drops_the_old_comment(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_bytes(COMMENTED.encode("utf-8"))
    assert approve(doc, "--name", "Bob", "--reject").exit_code == 0
    assert "comment" not in entry_of(doc, "Bob")


def test_file_mode_is_kept(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    os.chmod(doc, 0o640)
    assert approve(doc, "--name", "Ann").exit_code == 0
    assert stat.S_IMODE(os.stat(doc).st_mode) == 0o640


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only an administrator gives files away"
)
def test_an_administrators_sign_off_keeps_the_files_owner(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    os.chown(doc, 4321, 4322)
    os.chmod(doc, 0o2640)  # set-group-id: kept, though a change of owner may clear it
    assert approve(doc, "--name", "Ann").exit_code == 0
    held = os.stat(doc)
    assert (held.st_uid, held.st_gid) == (4321, 4322)
    assert stat.S_IMODE(held.st_mode) == 0o2640
    assert "Ann" in doc.read_text(encoding="utf-8")


def test_a_users_sign_off_keeps_the_mode_when_the_owner_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    os.chmod(doc, 0o640)
    tried: list[tuple[int, int]] = []

    def refused(path: str, uid: int, gid: int) -> None:
        tried.append((uid, gid))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refused)
    assert approve(doc, "--name", "Ann").exit_code == 0
    held = os.stat(doc)
    assert tried == [(held.st_uid, held.st_gid)]
    assert stat.S_IMODE(held.st_mode) == 0o640
    assert "Ann" in doc.read_text(encoding="utf-8")


def test_a_private_file_is_never_readable_by_others_while_signed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new content takes the file's mode before it is renamed into place: a 0600
    document is not world-readable for a moment (or for good, when the run is killed
    between the rename and a chmod after it)."""
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    os.chmod(doc, 0o600)
    seen: list[int] = []
    real = os.replace

    def replace(src: str, dst: str) -> None:
        seen.append(stat.S_IMODE(os.stat(src).st_mode))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert approve(doc, "--name", "Ann").exit_code == 0
    assert seen == [0o600]
    assert stat.S_IMODE(os.stat(doc).st_mode) == 0o600


# ---- values the YAML must carry exactly -------------------------------------------------------


def forbidden(ch: str) -> bool:
    """Characters the format keeps out of every string: controls and non-characters."""
    code = ord(ch)
    return (
        (code < 0x20 and ch not in "\t\n")
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )


_text = st.text(
    alphabet=st.characters(blacklist_characters="\ufeff").filter(lambda c: not forbidden(c))
    | st.sampled_from(["\n", " ", ":", "#", "-", "'", '"', "|", "{", "[", ",", "&", "*"]),
    min_size=1,
    max_size=40,
)


# A name or role is one line: no tab, line feed or Unicode line or paragraph separator.
_line = _text.filter(lambda s: not any(ch in s for ch in "\t\n\u2028\u2029"))


@settings(max_examples=150, deadline=None)
@given(name=_line.filter(lambda s: s.strip()), role=_line, comment=_text)
def test_any_text_reads_back_exactly(name: str, role: str, comment: str) -> None:
    signoff = Signoff(name=name, date="2026-02-03", role=role, comment=comment)
    for shape in ("", "approvals:\n  - name: Zed\n    decision: approved\n", "approvals: []\n"):
        try:
            recorded = record((MINIMAL + shape).encode("utf-8"), signoff)
        except ApproveError as exc:  # refusing is allowed; writing something else is not
            pytest.fail(f"refused {signoff!r}: {exc}")
        loaded = load_bytes(recorded.content)
        assert loaded.ok
        assert loaded.data["approvals"][-1] == {
            "name": name,
            "role": role,
            "decision": "approved",
            "date": "2026-02-03",
            "comment": comment,
            "digest": recorded.digest,
        }


@pytest.mark.parametrize("name", ["true", "123", "- dash", "a: b", "x #y", "'q'", "~", "null"])
def test_names_that_look_like_other_yaml_stay_text(tmp_path: Path, name: str) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    assert approve(doc, "--name", name).exit_code == 0
    assert data_of(doc)["approvals"][0]["name"] == name


# ---- refusals ---------------------------------------------------------------------------------


def test_json_is_refused_with_the_digest_to_paste(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.json"
    data = data_of_text(MINIMAL)
    doc.write_text(json.dumps(data), encoding="utf-8")
    before = doc.read_bytes()
    result = approve(doc, "--name", "Ann")
    assert result.exit_code == 2
    assert independent_digest(data) in result.output
    assert doc.read_bytes() == before


def data_of_text(text: str) -> dict:
    return load_bytes(text.encode("utf-8")).data


def test_a_document_that_does_not_load_is_exit_1_and_untouched(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    broken = MINIMAL + "meta: again\n"
    doc.write_text(broken, encoding="utf-8")
    result = approve(doc, "--name", "Ann")
    assert result.exit_code == 1
    assert f"{doc}:12:1: error duplicate-key" in result.output
    assert "fix the document first" in result.output
    assert doc.read_text("utf-8") == broken


def test_two_entries_with_the_same_name_are_refused(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    twice = (
        MINIMAL
        + "approvals:\n  - {name: Ann, decision: approved}\n  - {name: Ann, decision: pending}\n"
    )
    doc.write_text(twice, encoding="utf-8")
    result = approve(doc, "--name", "Ann")
    assert result.exit_code == 2 and "lines 13, 14" in result.output
    assert doc.read_text("utf-8") == twice


def test_approvals_that_are_not_a_list_are_exit_1(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL + "approvals: {name: Ann}\n", encoding="utf-8")
    assert approve(doc, "--name", "Ann").exit_code == 1


def test_name_is_required_and_check_takes_no_name(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    assert approve(doc).exit_code == 2
    assert approve(doc, "--name", "  ").exit_code == 2
    assert approve(doc, "--check", "--name", "Ann").exit_code == 2
    assert doc.read_text("utf-8") == MINIMAL


def test_symlink_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real.prd.yaml"
    real.write_text(MINIMAL, encoding="utf-8")
    link = tmp_path / "link.prd.yaml"
    link.symlink_to(real)
    assert approve(link, "--name", "Ann").exit_code == 2
    assert real.read_text("utf-8") == MINIMAL


def test_check_lists_each_approval_with_its_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_bytes(COMMENTED.encode("utf-8"))
    assert approve(doc, "--name", "Bob").exit_code == 0
    result = approve(doc, "--check")
    assert result.exit_code == 0  # Carol has no digest: unsigned, not stale
    lines = doc.read_text("utf-8").splitlines()
    bob = next(i for i, t in enumerate(lines, 1) if "name: Bob" in t)
    carol = next(i for i, t in enumerate(lines, 1) if "name: Carol" in t)
    assert f"{doc}:{bob}: current  Bob: approved 2026-02-03" in result.output
    assert f"{doc}:{carol}: unsigned Carol (Finance): pending" in result.output


@pytest.mark.parametrize("bad", ["\x07", "\ufdd0", "\U0001fffe", "\x1b[31m"])
def test_text_no_prd_may_hold_is_refused_up_front(tmp_path: Path, bad: str) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    result = approve(doc, "--name", "Ann", "--comment", f"ok {bad}")
    assert result.exit_code == 2
    assert "--comment: text holds the control or non-character U+" in result.output
    assert doc.read_text("utf-8") == MINIMAL


def test_a_document_the_schema_refuses_is_not_approved_but_may_be_rejected(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    broken = MINIMAL.replace("priority: could", "priority: high")
    doc.write_text(broken, encoding="utf-8")
    result = approve(doc, "--name", "Ann")
    assert result.exit_code == 1
    assert "a.prd.yaml:11:15: error schema-enum" in result.output
    assert "does not pass the schema; fix the document before approving it" in result.output
    assert "(`--reject` still records a rejection)" in result.output
    assert doc.read_text(encoding="utf-8") == broken  # nothing recorded
    assert approve(doc, "--name", "Ann", "--reject").exit_code == 0
    assert entry_of(doc, "Ann")["decision"] == "rejected"
    # An entry that is no sign-off is the document's, not the approver's to write over.
    listed = tmp_path / "b.prd.yaml"
    listed.write_text(MINIMAL + "approvals: [Bob]\n", encoding="utf-8")
    assert approve(listed, "--name", "Ann").exit_code == 1


def test_a_refusal_speaks_the_runs_language_and_the_own_entry_may_be_replaced(
    tmp_path: Path,
) -> None:
    doc = tmp_path / "a.prd.yaml"
    chinese = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  language: zh\n")
    doc.write_text(chinese.replace("priority: could", "priority: high"), encoding="utf-8")
    result = approve(doc, "--name", "Ann", "--lang", "en")
    assert result.exit_code == 1
    assert "error schema-enum priority must be one of" in result.output  # not in Chinese
    # The approver's own entry, malformed, is the sign-off's to replace.
    doc.write_text(chinese + "approvals:\n  - name: Bob\n    decision: approve\n", encoding="utf-8")
    assert approve(doc, "--name", "Bob").exit_code == 0
    assert entry_of(doc, "Bob")["decision"] == "approved"


def test_an_edit_held_by_another_process_is_waited_for_then_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process holding the lock made approve wait for ever, saying nothing.
    fcntl = pytest.importorskip("fcntl")
    from prdkit import outputs

    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setattr(outputs, "LOCK_WAIT", 0.3)
    holder = os.open(tmp_path / ".a.prd.yaml.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # as another process editing it would
        result = runner.invoke(app, ["approve", str(doc), "--name", "Me"])
    finally:
        os.close(holder)
    assert result.exit_code == 2
    assert "another process has been editing it for 0 s" in result.output
    assert doc.read_text(encoding="utf-8") == MINIMAL
    # Once it is done, the edit goes through.
    assert runner.invoke(app, ["approve", str(doc), "--name", "Me"]).exit_code == 0
