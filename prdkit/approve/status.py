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


def describe(file: str, states: list[ApprovalState], current: str, lang: str = "en") -> str:
    """One line per approval, `FILE:LINE: state name (role) decision date`, for `--check`."""
    from prdkit.i18n import punct
    from prdkit.messages import msg
    from prdkit.reporters import clean, shown_path

    shown = shown_path(file)  # at the start of a line: `::x.prd.yaml` must not be a command
    marks = punct(lang)
    lines = [msg("approve.digest", place=shown, digest=current).render(lang)]
    for s in states:
        who = clean(s.name) + (f"{marks['open']}{clean(s.role)}{marks['close']}" if s.role else "")
        line = msg(
            "approve.state",
            place=f"{shown}:{s.line}",
            state=_state_word(s.state, lang),
            who=who,
            decision=_decision_word(s.decision, lang),
            when=f" {clean(s.date)}" if s.date else "",
        )
        lines.append(line.render(lang))
    if not states:
        lines.append(msg("approve.none", place=shown).render(lang))
    return "\n".join(lines) + "\n"


_STATES = ("current", "stale", "unsigned")


def _state_word(state: str, lang: str) -> str:
    """`state` in `lang`, padded so the names after it line up in a terminal."""
    from prdkit.messages import msg

    width = max(_width(msg(f"approve.state.{s}").render(lang)) for s in _STATES)
    word = msg(f"approve.state.{state}").render(lang)
    return word + " " * (width - _width(word))


def _decision_word(decision: str, lang: str) -> str:
    from prdkit.i18n import ENUMS
    from prdkit.messages import msg
    from prdkit.reporters import clean

    if decision in ENUMS["decision"]:
        return msg(f"decision.{decision}").render(lang)
    return clean(decision)  # as the author wrote it: the schema check reports it


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
