"""Misaligned keys and list items, named with what they belong with and how far to indent.

From the scanner's tokens up to libyaml's error: every key and `- ` item read, their
columns, and which of them are still open at the line libyaml stopped on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from prdkit.diagnostics import Finding
from prdkit.messages import Msg, msg
from prdkit.source import Span


@dataclass(frozen=True, slots=True)
class _Entry:
    """A key or list item the scanner read: where it starts and what it is called."""

    line: int  # 0-based, as libyaml marks are
    column: int
    kind: str  # "key" or "item"
    name: str
    mapping: bool = False  # an item that holds keys (`- id: R2`)


_INDENT_PROBLEMS = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
    "mapping values are not allowed",
)


def indentation(
    lines: list[str], tokens: list[Any], problem: str, mark: Any
) -> tuple[Finding, Span] | None:
    """A key or item whose indentation matches none of the keys and items around it."""
    if mark is None or not problem.startswith(_INDENT_PROBLEMS) or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    column = len(line) - len(line.lstrip(" "))
    entries = _entries(tokens)
    if column != mark.column and not problem.startswith("mapping values"):
        return None  # the line is aligned; libyaml stumbled later on it
    here = next((e for e in entries if e.line == mark.line and e.column == column), None)
    if here is None:
        # The scanner read the line as more of the value above it (`title: x` then a deeper
        # `owner: y`), so it has no token of its own: name it from its text.
        text = line.strip()
        if text.startswith("- "):
            here = _Entry(mark.line, column, "item", _cut(text[2:].strip(), 40))
        else:
            here = _Entry(mark.line, column, "key", _cut(text.split(":", 1)[0], 40))
    open_above = _open(entries, here)
    if here.kind == "key" and any(e.kind == "item" and e.column == column for e in open_above):
        return _key_among_items(open_above, here, mark.line)
    # A key lines up with keys, or with items that hold keys; never with a text item.
    sibling = _sibling(
        [e for e in open_above if here.kind == "item" or e.kind == "key" or e.mapping], here
    )
    if sibling is None or sibling.column == column:
        return None  # nothing above to align with, or aligned: something else is wrong
    what = msg(f"indent.{here.kind}")
    span = Span(mark.line + 1, column + 1)
    message = msg(
        "yaml-indentation",
        what=what,
        name=here.name,
        spaces=_spaces(column),
        other=msg(f"indent.{sibling.kind}"),
        sibling=sibling.name,
        line=str(sibling.line + 1),  # a line number, never "1,281"
        expected=_spaces(sibling.column),
    )
    expected = _spaces(sibling.column)
    hint = msg("yaml-indentation.hint", name=here.name, expected=expected, sibling=sibling.name)
    return Finding("yaml-indentation", "", message, hint), span


def _key_among_items(
    candidates: list[_Entry], here: _Entry, line: int
) -> tuple[Finding, Span] | None:
    """A key as far in as the `- ` items of the list above it: YAML wants another item.

    It belongs with the key that holds the list (the nearest open key further out), or,
    when the items are mappings, inside the last item, with that item's keys.
    """
    at = next(i for i, e in enumerate(candidates) if e.column == here.column)
    item = candidates[at]
    owner = next((e for e in candidates[at:] if e.kind == "key" and e.column < here.column), None)
    if owner is None:
        return None
    inner = [e for e in candidates[:at] if e.kind == "key"]
    expected = _spaces(owner.column)
    said = {"name": here.name, "spaces": _spaces(here.column), "sibling": owner.name}
    said["line"] = str(owner.line + 1)
    if inner:  # the items are mappings: the key may be one of the last item's
        first = min(inner, key=lambda e: e.column)  # the item's own keys, not deeper ones
        message = msg("yaml-indentation.items", **said)
        hint = msg(
            "yaml-indentation.hint.items",
            name=here.name,
            item=item.name,
            inner=_spaces(first.column),
            key=first.name,
            expected=expected,
            sibling=owner.name,
        )
    else:
        message = msg("yaml-indentation.list", **said, expected=expected)
        hint = msg("yaml-indentation.hint", name=here.name, expected=expected, sibling=owner.name)
    return Finding("yaml-indentation", "", message, hint), Span(line + 1, here.column + 1)


def _spaces(count: int) -> Msg:
    return msg("spaces.one" if count == 1 else "spaces", count=count)


def _entries(tokens: list[Any]) -> list[_Entry]:
    """Every key and list item the scanner read, in order, named by the text that follows."""
    entries: list[_Entry] = []
    for i, token in enumerate(tokens):
        if isinstance(token, yaml.KeyToken | yaml.BlockEntryToken):
            after = tokens[i + 1 : i + 6]
            mapping = isinstance(token, yaml.BlockEntryToken) and _starts_mapping(after)
            if mapping:
                name = _first_pair(after[2:])  # `- id: R2` is named `id: R2`
            else:
                name = next((t.value for t in after[:2] if isinstance(t, yaml.ScalarToken)), "")
            kind = "key" if isinstance(token, yaml.KeyToken) else "item"
            mark = token.start_mark
            entries.append(_Entry(mark.line, mark.column, kind, _cut(name, 40), mapping))
    return entries


def _starts_mapping(tokens: list[Any]) -> bool:
    return (
        len(tokens) >= 3
        and isinstance(tokens[0], yaml.BlockMappingStartToken)
        and isinstance(tokens[1], yaml.KeyToken)
        and isinstance(tokens[2], yaml.ScalarToken)
    )


def _first_pair(tokens: list[Any]) -> str:
    """`key: value` from a key's scalar, `:` and value's scalar; `key` alone for a block."""
    key = tokens[0].value
    if (
        len(tokens) >= 3
        and isinstance(tokens[1], yaml.ValueToken)
        and isinstance(tokens[2], yaml.ScalarToken)
        and tokens[2].start_mark.line == tokens[0].start_mark.line
    ):
        value = tokens[2].value
        if tokens[2].end_mark.line > tokens[0].start_mark.line:
            # A plain value read on into the next line, the misplaced key's own words among
            # them (`REQ-012 title`): only its first word is surely the author's value.
            value = value.split(" ", 1)[0]
        return f"{key}: {value}"
    return key


def _open(entries: list[_Entry], here: _Entry) -> list[_Entry]:
    """The keys and items still open at `here`, nearest first.

    Walking up, an entry deeper than one below it belongs to a block that one closed.
    """
    candidates: list[_Entry] = []
    floor = here.column + 1_000_000
    for entry in reversed([e for e in entries if e.line < here.line]):
        if entry.column <= floor:
            candidates.append(entry)
            floor = entry.column
        if entry.column == 0:
            break
    return candidates


def _sibling(candidates: list[_Entry], here: _Entry) -> _Entry | None:
    """The open key or item above `here` it most likely belongs with: the nearest in column.

    A tie goes to the entry of the same kind, then to the one closest above.
    """
    if not candidates:
        return None
    return min(
        enumerate(candidates),
        key=lambda pair: (
            abs(pair[1].column - here.column),
            pair[1].kind != here.kind,
            pair[0],
        ),
    )[1]


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
