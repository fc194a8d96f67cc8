"""Where the `approvals` list sits in the text: character offsets from libyaml's marks.

The loader's SourceMap keeps only where values start; an in-place edit also needs where
each entry ends and how the list is laid out, so this reads the event stream once more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from prdkit.messages import msg

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LayoutError(Exception):
    """A layout approve does not edit in place (the message says which)."""


@dataclass
class Entry:
    """One item of the approvals list: its text is `text[start:end]`."""

    start: int
    end: int
    flow: bool


@dataclass
class Layout:
    """How the document and its approvals list are laid out."""

    key_end: int | None = None  # end of the `approvals` key, None when there is none
    kind: str = "absent"  # absent | null | block | flow
    value_start: int = 0
    value_end: int = 0
    entries: list[Entry] = field(default_factory=list)
    append_at: int = 0  # where a new top-level section goes (end of the document)
    dash_column: int | None = None  # indentation of block lists in this file
    key_offset: int = 2  # from a list item's dash to its first key
    root_column: int = 0  # indentation of the top-level keys


def column(text: str, index: int) -> int:
    """0-based column of `index` in `text`."""
    return index - (text.rfind("\n", 0, index) + 1)


def locate(text: str) -> Layout:
    """The layout of a document the loader has already read without problems."""
    layout = Layout(append_at=len(text))
    events = iter(yaml.parse(text, Loader=_Parser))
    depth = 0  # open collections
    awaiting_key = False  # at depth 1, the next scalar is a top-level key
    for event in events:
        kind = type(event)
        if kind is yaml.MappingStartEvent and depth == 0:
            if event.flow_style:
                raise LayoutError(msg("approve.layout.flow", braces="{…}"))
            layout.root_column = column(text, event.start_mark.index)
            depth, awaiting_key = 1, True
        elif kind is yaml.ScalarEvent and depth == 1 and awaiting_key:
            awaiting_key = False
            if event.value == "approvals":
                layout.key_end = event.end_mark.index
                _read_value(text, events, layout)
                awaiting_key = True
        elif kind is yaml.ScalarEvent and depth == 1:
            awaiting_key = True
        elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            if depth == 1 and kind is yaml.SequenceStartEvent and not event.flow_style:
                _learn_indent(text, events, event, layout)
                awaiting_key = True
                continue
            depth += 1
        elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            depth -= 1
            if depth == 1:
                awaiting_key = True
        elif kind is yaml.DocumentEndEvent and event.explicit:
            layout.append_at = event.start_mark.index  # before a closing `...`
    return layout


def _skip_node(events: Any, first: Any) -> int:
    """Consume the rest of a node that began with `first`; the offset where its content ends."""
    end = first.end_mark.index
    if type(first) not in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
        return end
    depth = 1
    for event in events:
        kind = type(event)
        if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            depth += 1
        elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            depth -= 1
            if event.end_mark.index > event.start_mark.index:
                # A flow collection's end spans its bracket; a block one's spans nothing.
                end = max(end, event.end_mark.index)
            if depth == 0:
                return end
            continue
        # Block collections end where the next token starts (past comments and blank
        # lines), so the content end is the last scalar or flow bracket seen.
        end = max(end, event.end_mark.index)
    return end


def _read_value(text: str, events: Any, layout: Layout) -> None:
    first = next(events)
    kind = type(first)
    layout.value_start = first.start_mark.index
    if kind is yaml.ScalarEvent:
        if first.value not in ("", "~", "null", "Null", "NULL") or first.style:
            raise LayoutError(msg("approve.layout.not-a-list"))
        layout.kind, layout.value_end = "null", first.end_mark.index
        return
    if kind is not yaml.SequenceStartEvent:
        raise LayoutError(msg("approve.layout.not-a-list"))
    layout.kind = "flow" if first.flow_style else "block"
    if not first.flow_style:
        layout.dash_column = column(text, first.start_mark.index)
    for event in events:
        if type(event) is yaml.SequenceEndEvent:
            layout.value_end = event.end_mark.index
            return
        if type(event) in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            flow = bool(event.flow_style)
        else:
            flow = True  # a scalar item: its own text, like a flow node
        end = _skip_node(events, event)
        layout.entries.append(Entry(event.start_mark.index, end, flow))
        if not layout.entries[-1].flow and layout.kind == "block" and len(layout.entries) == 1:
            _learn_offset(text, event.start_mark.index, layout)


def _learn_indent(text: str, events: Any, start: Any, layout: Layout) -> None:
    """Learn the file's list indentation from another top-level block list, then skip it."""
    if layout.dash_column is None:
        layout.dash_column = column(text, start.start_mark.index)
        following = next(events)
        if type(following) is yaml.MappingStartEvent and not following.flow_style:
            _learn_offset(text, following.start_mark.index, layout)
        if type(following) is yaml.SequenceEndEvent:
            return
        _skip_node(events, following)
    _skip_node(events, start)


def _learn_offset(text: str, item_start: int, layout: Layout) -> None:
    line_start = text.rfind("\n", 0, item_start) + 1
    before = text[line_start:item_start]
    if before.strip() == "-" and layout.dash_column is not None:
        layout.key_offset = max(2, column(text, item_start) - layout.dash_column)
