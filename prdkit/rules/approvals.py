"""Sign-off: an approved document is approved by everyone asked, and no approval is stale."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding, Severity
from prdkit.digest import digest
from prdkit.messages import msg
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
            key = "stale-approval.dated" if a.date else "stale-approval"
            decision = msg(f"decision.{a.decision}")
            yield Finding(
                "stale-approval",
                join(a.pointer, "digest"),
                msg(key, decision=decision, name=a.name, date=a.date or ""),
                # Only an approved document has a status to step back from while editing.
                hint=msg("stale-approval.hint" if approved else "stale-approval.hint.unapproved"),
                severity=Severity.ERROR if approved else Severity.WARNING,
            )


def _approved(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    if not doc.approvals:
        yield Finding(
            "approval-missing",
            "/approvals" if "approvals" in data else "/meta/status",
            msg("approval-missing"),
            hint=msg("approval-missing.hint"),
        )
    for a in doc.approvals:
        if a.decision != "approved":
            yield Finding(
                "approval-not-granted",
                join(a.pointer, "decision"),
                msg(f"approval-not-granted.{a.decision}", name=a.name),
                hint=msg("approval-not-granted.hint"),
            )
    for q in doc.open_questions:
        if not present(q.resolution):
            yield Finding(
                "open-question-unresolved",
                q.pointer,
                msg("open-question-unresolved", id=q.id),
                hint=msg("open-question-unresolved.hint"),
            )
