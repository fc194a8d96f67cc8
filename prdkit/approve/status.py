"""Which approvals still match the document: `current`, `stale`, or `unsigned`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prdkit.digest import digest
from prdkit.source import SourceMap


@dataclass(frozen=True)
class ApprovalState:
    """One approval checked against the document: `current`, `stale` or `unsigned`."""

    index: int
    name: str
    decision: str
    state: str
    line: int
    role: str | None = None
    date: str | None = None
    signed: str | None = None


def approval_states(data: Any, source_map: SourceMap) -> list[ApprovalState]:
    """Every approval of a loaded document, checked against its current digest."""
    approvals = data.get("approvals") if isinstance(data, dict) else None
    if not isinstance(approvals, list):
        return []
    current = digest(data)
    states = []
    for i, item in enumerate(approvals):
        if not isinstance(item, dict):
            continue
        signed = item.get("digest")
        if not isinstance(signed, str):
            state = "unsigned"
        else:
            state = "current" if signed == current else "stale"
        states.append(
            ApprovalState(
                index=i,
                name=str(item.get("name", "?")),
                decision=str(item.get("decision", "?")),
                state=state,
                line=source_map.nearest(f"/approvals/{i}").line,
                role=item.get("role") if isinstance(item.get("role"), str) else None,
                date=str(item["date"]) if item.get("date") is not None else None,
                signed=signed if isinstance(signed, str) else None,
            )
        )
    return states


def describe(file: str, states: list[ApprovalState], current: str) -> str:
    """One line per approval, `FILE:LINE: state name (role) decision date`, for `--check`."""
    from prdkit.reporters import clean, shown_path

    shown = shown_path(file)  # at the start of a line: `::x.prd.yaml` must not be a command
    lines = [f"{shown}: document digest {current}"]
    for s in states:
        who = clean(s.name) + (f" ({clean(s.role)})" if s.role else "")
        when = f" {clean(s.date)}" if s.date else ""
        lines.append(f"{shown}:{s.line}: {s.state:<8} {who}: {clean(s.decision)}{when}")
    if not states:
        lines.append(f"{shown}: no approvals yet")
    return "\n".join(lines) + "\n"
