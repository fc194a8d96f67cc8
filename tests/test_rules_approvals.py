"""Approvals: approval-missing, approval-not-granted, open-question-unresolved, stale-approval."""

from __future__ import annotations

import pytest

from tests.test_rules_base import at, check, complete, document, found, message, signed


def test_approved_without_approvals() -> None:
    text = document("approved")
    assert found(text) == [("approval-missing", at(text, "status: approved"))]
    empty = document("approved", approvals="  []  # <1>\n")
    assert found(empty) == [("approval-missing", at(empty, "<1>"))]
    assert message(text, "approval-missing") == "the document is approved, but records no approval"


def test_pending_and_rejected_approvals() -> None:
    text = document(
        "approved",
        approvals="""\
  - name: Ann
    decision: approved
  - name: Bo
    decision: pending  # <1>
  - name: Cy
    decision: rejected  # <2>
""",
    )
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("approval-not-granted", at(text, "<1>"), "error"),
        ("approval-not-granted", at(text, "<2>"), "error"),
    ]
    assert result.diagnostics[0].message == (
        "the document is approved, but the sign-off by Bo is still pending"
    )
    assert found(text.replace("status: approved", "status: review")) == []


def test_unresolved_open_question() -> None:
    text = document(
        "approved",
        open_questions="""\
  - id: Q1  # <1>
    question: Gift cards?
  - id: Q2
    question: Crypto?
    resolution: No.
  - id: Q3  # <2>
    question: Refund window?
    resolution: "  "
""",
        approvals="  - name: Ann\n    decision: approved\n",
    )
    assert found(text) == [
        ("open-question-unresolved", at(text, "<1>")),
        ("open-question-unresolved", at(text, "<2>")),
    ]
    assert found(text.replace("status: approved", "status: draft")) == []


@pytest.mark.parametrize(("status", "severity"), [("approved", "error"), ("draft", "warning")])
def test_stale_approval(status: str, severity: str) -> None:
    text = complete(status).replace("Weekly conversion review.", "Daily conversion review.")
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("stale-approval", at(text, "digest: sha256:"), severity)
    ]
    assert result.diagnostics[0].message == (
        "the approved sign-off by Cy Park on 2026-02-02 is for an earlier version: "
        "the document changed since"
    )
    # The way out while editing an approved document: back to review, then sign again. A
    # draft or a document in review has no status to step back from.
    assert result.diagnostics[0].hint == (
        "set `meta.status: review` while you change it, then have the approver run "
        "`prdkit approve` again"
        if status == "approved"
        else "once the changes are done, have the approver run `prdkit approve` again"
    )


def test_status_and_approvals_are_not_part_of_what_is_signed() -> None:
    text = complete("review").replace("status: review", "status: approved")
    text = text.replace(
        "    role: Head of product\n", "    role: Head of product\n    comment: Fine.\n"
    )
    assert found(text) == []


def test_an_approval_without_digest_is_not_checked() -> None:
    text = signed(complete("approved").replace("Weekly", "Daily"))
    assert found(text) == []
    unsigned = complete("approved").replace("Weekly", "Daily")
    unsigned = "\n".join(line for line in unsigned.split("\n") if "digest:" not in line)
    assert found(unsigned) == []
