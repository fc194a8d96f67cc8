"""Mermaid diagrams: a flowchart per flow, a gantt for the schedule; labels never break them."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence

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
# Punctuation that may not start a wrapped line (it belongs to the text before it).
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)")
_NO_LINE_END = set("（《「『“‘(")
WIDTH = 28  # columns per label line; a Chinese character takes two


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _units(text: str) -> list[tuple[str, bool]]:
    # A unit never breaks: a narrow word, or one wide character with any closing punctuation.
    units: list[list] = []  # [text, space before]
    space = False
    for char in " ".join(text.split()):
        if char == " ":
            space = True
            continue
        wide = _width(char) == 2
        joins = units and not space and char in _NO_LINE_START
        joins = joins or (units and not space and units[-1][0][-1] in _NO_LINE_END)
        joins = joins or (units and not space and not wide and _width(units[-1][0][-1]) == 1)
        if joins:
            units[-1][0] += char
        else:
            units.append([char, space])
        space = False
    return [(t, s) for t, s in units]


def _fill(units: list[tuple[str, bool]], width: int) -> list[str]:
    lines: list[str] = []
    line, used = "", 0
    for unit, space in units:
        size = sum(_width(c) for c in unit)
        gap = 1 if space and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = "", 0, 0
        line += " " * gap + unit
        used += gap + size
    if line:
        lines.append(line)
    return lines


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """`text` on lines of at most `width` columns, broken at spaces or between wide characters;
    lines are evened out so the last one is not a stray character or two."""
    units = _units(text)
    lines = _fill(units, width)
    if len(lines) > 1:
        total = sum(_width(c) for c in " ".join(lines))
        narrower = -(-total // len(lines))  # the same number of lines, as even as they go
        while narrower < width:
            even = _fill(units, narrower)
            if len(even) == len(lines):
                return even
            narrower += 1
    return lines


def label(text: str, *, gantt: bool = False, width: int | None = WIDTH) -> str:
    """`text` safe inside a quoted Mermaid label (or a gantt task name), wrapped with <br>."""
    codes = _GANTT_CODES if gantt else _CODES
    text = text.replace("\x00", "\ufffd")
    lines = wrap(text, width) if width else [" ".join(text.split())]
    return "<br>".join("".join(codes.get(c, c) for c in line) for line in lines)


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
        if edge.label:
            out.append(f'    {source} -->|"{label(edge.label)}"| {target}')
        else:
            out.append(f"    {source} --> {target}")
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


def gantt(milestones: Sequence[Task], section: str) -> list[str]:
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
