"""Mermaid diagrams: a flowchart per flow, a gantt for the schedule; labels never break them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from prdkit.diagrams import measure
from prdkit.model import Flow, Milestone

__all__ = ["flowchart", "gantt", "label", "wrap"]

# Inside a quoted label Mermaid reads `"` as its end, `#…;` as an entity code, `<…>` as
# HTML, and its lexer trips on brackets, `|`, `;` and `%%` in some positions. Each becomes
# an entity code, which Mermaid turns back into the character when it draws the label.
_CODES = {
    '"': "#quot;",
    "#": "#35;",
    ";": "#59;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "(": "#40;",
    ")": "#41;",
    "`": "#96;",
    "%": "#37;",
    "\\": "#92;",
}
_GANTT_CODES = {**_CODES, ":": "#58;"}  # a gantt task name ends at its first `:`
WIDTH = 28  # columns per label line; a Chinese character takes two


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """`text` on lines of at most `width` columns, broken at spaces or between wide characters."""
    return measure.wrap(text, width)


def label(text: str, *, gantt: bool = False, width: int | None = WIDTH) -> str:
    """`text` safe inside a quoted Mermaid label (or a gantt task name), wrapped with <br>."""
    codes = _GANTT_CODES if gantt else _CODES
    text = text.replace("\x00", "\ufffd")
    lines = wrap(text, width) if width else [" ".join(text.split())]
    return "<br>".join("".join(codes.get(c, c) for c in line) for line in lines)


def flowchart(flow: Flow, *, start: str, end: str) -> list[str]:
    """A top-down flowchart: each step names its actor, branch conditions label the edges,
    decisions are diamonds, and every node id is generated (n0, n1, …)."""
    ids = {step.id: f"n{i}" for i, step in enumerate(flow.steps)}
    # Terminals have ids of their own (s0, t0, …): `end` is a Mermaid keyword, and author
    # step ids never become Mermaid ids.
    ends = [i for i in range(len(flow.steps)) if not flow.successors(i)]
    terminal = {index: f"t{k}" for k, index in enumerate(ends)}
    out = ["flowchart TD", f'    s0(["{label(start)}"])']
    for i, step in enumerate(flow.steps):
        head = f"{i + 1}. {step.actor}" if step.actor else f"{i + 1}."
        text = f"{label(head, width=None)}<br>{label(step.action)}"
        shape = f'{{"{text}"}}' if step.branches else f'["{text}"]'
        out.append(f"    {ids[step.id]}{shape}")
    out.extend(f'    {t}(["{label(end)}"])' for t in terminal.values())
    out.append(f"    s0 --> {ids[flow.steps[0].id]}")
    for i, step in enumerate(flow.steps):
        here = ids[step.id]
        if step.branches:
            for branch in step.branches:
                if branch.next in ids:
                    out.append(f'    {here} -->|"{label(branch.when)}"| {ids[branch.next]}')
        else:
            out.extend(f"    {here} --> {ids[t]}" for t in flow.successors(i) if t in ids)
        if i in terminal:
            out.append(f"    {here} --> {terminal[i]}")
    return out


def _days(start: str, due: str) -> int | None:
    try:
        first = datetime.date.fromisoformat(start)
        last = datetime.date.fromisoformat(due)
    except ValueError:  # a checked document has real dates; anything else stays off the chart
        return None
    return (last - first).days + 1  # the due day is part of the work


_TAGS = {"done": "done", "in_progress": "active", "at_risk": "crit"}


def gantt(milestones: Sequence[Milestone], section: str) -> list[str]:
    """A gantt of the milestones; one without a start is a milestone marker on its due date."""
    # Month-day ticks: full dates overlap once the chart spans a few months of weekly ticks.
    out = ["gantt", "    dateFormat YYYY-MM-DD", "    axisFormat %m-%d", "    todayMarker off"]
    out.append(f"    section {label(section, gantt=True, width=None)}")
    for number, milestone in enumerate(milestones):
        name = label(f"{milestone.id} {milestone.name}", gantt=True, width=None)
        tags = [_TAGS[milestone.status]] if milestone.status in _TAGS else []
        if milestone.start:
            days = _days(milestone.start, milestone.due)
            when = f"{milestone.start}, {days}d"
        else:
            days = _days(milestone.due, milestone.due)
            tags.append("milestone")
            when = f"{milestone.due}, 0d"
        if days is None or days < 1:
            continue
        out.append(f"    {name} :{', '.join([*tags, f't{number}'])}, {when}")
    return out
