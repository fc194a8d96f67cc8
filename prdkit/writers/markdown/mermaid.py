"""Mermaid diagrams: a flowchart per flow, a gantt for the schedule; labels never break them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from prdkit.diagrams import measure
from prdkit.diagrams.graph import Graph
from prdkit.layout.blocks import Task

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
_TABLES = {False: str.maketrans(_CODES), True: str.maketrans(_GANTT_CODES)}
WIDTH = 28  # columns per label line; a Chinese character takes two


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """`text` on lines of at most `width` columns, broken at spaces or between wide characters."""
    return measure.wrap(text, width)


def label(text: str, *, gantt: bool = False, width: int | None = WIDTH) -> str:
    """`text` safe inside a quoted Mermaid label (or a gantt task name), wrapped with <br>."""
    codes = _TABLES[gantt]
    text = text.replace("\x00", "\ufffd")
    lines = wrap(text, width) if width else [" ".join(text.split())]
    return "<br>".join(line.translate(codes) for line in lines)


def flowchart(graph: Graph) -> list[str]:
    """A flowchart of `graph`: a node's note heads its text, edge labels sit on the arrows,
    decisions are diamonds and terminals rounded. A flow reads top-down; a page map, whose
    arrows go back and forth between screens, reads left to right."""
    ids = _node_ids(graph)
    out = ["flowchart LR" if graph.kind == "map" else "flowchart TD"]
    for node in graph.nodes:
        if node.shape == "terminal":
            out.append(f'    {ids[node.id]}(["{label(node.text)}"])')
            continue
        text = label(node.text)
        if node.note:
            text = f"{label(node.note, width=None)}<br>{text}"
        shape = f'{{"{text}"}}' if node.shape == "decision" else f'["{text}"]'
        out.append(f"    {ids[node.id]}{shape}")
    for edge in graph.edges:
        source, target = ids.get(edge.source), ids.get(edge.target)
        if source is None or target is None:
            continue  # an edge to no node draws nothing
        link = "---" if graph.kind == "tree" else "-->"  # a hierarchy has no direction to show
        if edge.label:
            out.append(f'    {source} {link}|"{label(edge.label)}"| {target}')
        else:
            out.append(f"    {source} {link} {target}")
    return out


_SAFE_ID = re.compile(r"[a-z][0-9]+")


def _node_ids(graph: Graph) -> dict[str, str]:
    """Node id → Mermaid id: kept when it is a letter and digits (never a keyword such as
    `end`), else every node is numbered `g0`, `g1`, …"""
    if all(_SAFE_ID.fullmatch(node.id) for node in graph.nodes):
        return {node.id: node.id for node in graph.nodes}
    return {node.id: f"g{i}" for i, node in enumerate(graph.nodes)}


def _days(start: str, due: str) -> int | None:
    try:
        first = datetime.date.fromisoformat(start)
        last = datetime.date.fromisoformat(due)
    except ValueError:  # a checked document has real dates; anything else stays off the chart
        return None
    return (last - first).days + 1  # the due day is part of the work


_TAGS = {"done": "done", "in_progress": "active", "at_risk": "crit"}
# A gantt line that starts with one of these words is that statement, not a task.
_STATEMENT = re.compile(
    r"(?i)(gantt|dateformat|axisformat|tickinterval|includes|excludes|todaymarker|title|"
    r"section|click|call|href|weekday|weekend|acctitle|accdescr|inclusiveenddates|topaxis|"
    r"displaymode)\b"
)


def _not_a_statement(name: str) -> str:
    """`name` with its first letter as an entity code when it starts with a keyword."""
    return f"#{ord(name[0])};{name[1:]}" if _STATEMENT.match(name) else name


def gantt(milestones: Sequence[Task], section: str) -> list[str]:
    """A gantt of the milestones; one without a start is a milestone marker on its due date."""
    # Month-day ticks: full dates overlap once the chart spans a few months of weekly ticks.
    out = ["gantt", "    dateFormat YYYY-MM-DD", "    axisFormat %m-%d", "    todayMarker off"]
    out.append(f"    section {label(section, gantt=True, width=None)}")
    for number, milestone in enumerate(milestones):
        name = _not_a_statement(label(f"{milestone.id} {milestone.name}", gantt=True, width=None))
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
