"""Sign-off: an approved document is approved by everyone asked, and no approval is stale."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding, Severity
from prdkit.digest import digest
from prdkit.model import Document
from prdkit.rules._common import present
from prdkit.source import join


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """The `approved`-only rules, then `stale-approval` in every status."""
    approved = doc.meta.status == "approved"
    if approved:
        yield from _approved(doc, data)
    current: str | None = None
    for a in doc.approvals:
        if a.digest is None:
            continue  # recorded by hand: nothing says what was signed
        current = current or digest(data)
        if a.digest != current:
            when = f" on {a.date}" if a.date else ""
            yield Finding(
                "stale-approval",
                join(a.pointer, "digest"),
                f"the {a.decision} sign-off by {a.name}{when} is for an earlier version: "
                "the document changed since",
                hint="have the approver review the changes and run `prdkit approve` again",
                severity=Severity.ERROR if approved else Severity.WARNING,
            )


def _approved(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    if not doc.approvals:
        yield Finding(
            "approval-missing",
            "/approvals" if "approvals" in data else "/meta/status",
            "the document is approved, but records no approval",
            hint="record the sign-offs with `prdkit approve`, or set the status back to review",
        )
    for a in doc.approvals:
        if a.decision != "approved":
            state = "still pending" if a.decision == "pending" else "rejected"
            yield Finding(
                "approval-not-granted",
                join(a.pointer, "decision"),
                f"the document is approved, but the sign-off by {a.name} is {state}",
                hint="settle the approval, or set the status back to review",
            )
    for q in doc.open_questions:
        if not present(q.resolution):
            yield Finding(
                "open-question-unresolved",
                q.pointer,
                f"the document is approved, but open question {q.id} has no resolution",
                hint="write down how the question was settled under `resolution`",
            )
