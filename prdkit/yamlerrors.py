"""YAML syntax errors explained in a product manager's words, each with its own rule.

libyaml says what its grammar expected ("did not find expected key"); the author needs to
know what they typed. The explanation comes from where libyaml stopped and the tokens its
scanner read up to there: a value starting with an indicator (`- **拉新**`), a misaligned
key or item, a quote or bracket left open (reported where it opens), a tab, a second
`: ` inside unquoted text. Anything else stays a `yaml-syntax` error with libyaml's words.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from prdkit.diagnostics import Finding
from prdkit.messages import Msg, msg
from prdkit.source import Span

# Characters that make YAML read a value as something other than plain text.
INDICATORS = "*&!@`%|>"
_VALUE_STARTS = (
    yaml.BlockEntryToken,
    yaml.ValueToken,
    yaml.FlowEntryToken,
    yaml.FlowSequenceStartToken,
    yaml.KeyToken,
)
_CLOSERS = {"[": "]", "{": "}"}
_TOKENS_KEPT = 20_000
# libyaml's scanner when PyYAML has it (as the loader reads), else the pure-Python one.
_Scanner: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class _Entry:
    """A key or list item the scanner read: where it starts and what it is called."""

    line: int  # 0-based, as libyaml marks are
    column: int
    kind: str  # "key" or "item"
    name: str
    mapping: bool = False  # an item that holds keys (`- id: R2`)


def explain(source: str, exc: yaml.YAMLError) -> tuple[Finding, Span]:
    """The finding for a YAML syntax error in `source`, at the place the author must fix."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    lines = source.split("\n")
    tokens = _tokens(source)
    explainers: tuple[Callable[[], tuple[Finding, Span] | None], ...] = (
        lambda: _tab(lines, problem_mark),
        lambda: _indicator(lines, tokens, context, context_mark, problem_mark),
        lambda: _closed_then_text(lines, tokens, problem_mark),
        lambda: _unclosed_flow(source, context, context_mark),
        lambda: _unclosed_quote(source, tokens, context, context_mark, problem_mark),
        lambda: _colon(lines, tokens, problem, problem_mark),
        lambda: _missing_colon(lines, context, context_mark, problem),
        lambda: _indentation(lines, tokens, problem, problem_mark),
    )
    for explainer in explainers:  # the first that recognises the mistake
        explained = explainer()
        if explained is not None:
            return explained
    return _generic(exc, problem_mark or context_mark, problem, context)


def _tokens(source: str) -> list[Any]:
    """The scanner's last tokens up to the first error (the scanner stops there).

    Only the last `_TOKENS_KEPT` are kept: the mistake and what it is compared with sit just
    before the error, and a huge file must not hold millions of tokens at once.
    """
    scanner = _Scanner(source)
    found: deque[Any] = deque(maxlen=_TOKENS_KEPT)
    try:
        while True:
            token = scanner.get_token()
            if token is None or isinstance(token, yaml.StreamEndToken):
                break
            found.append(token)
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    return list(found)


def _at(mark: Any) -> Span:
    return Span(mark.line + 1, mark.column + 1)


def _char(lines: list[str], mark: Any) -> str:
    if mark is None or mark.line >= len(lines):
        return ""
    return lines[mark.line][mark.column : mark.column + 1]


def quoted(text: str) -> str:
    """`text` as a quoted YAML scalar: single quotes when it holds `"` (easier to read)."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tab(lines: list[str], mark: Any) -> tuple[Finding, Span] | None:
    """A tab in the indentation of the line libyaml stopped on."""
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" not in indent and _char(lines, mark) != "\t":
        return None
    column = indent.index("\t") if "\t" in indent else mark.column
    return Finding("yaml-tab", "", msg("yaml-tab"), msg("yaml-tab.hint")), Span(
        mark.line + 1, column + 1
    )


_FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
_FLOW_STARTS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)


def _flow_depth(tokens: list[Any]) -> int:
    """How many `[` and `{` are open after `tokens`."""
    return sum(isinstance(t, _FLOW_STARTS) - isinstance(t, _FLOW_ENDS) for t in tokens)


def _indicator(
    lines: list[str],
    tokens: list[Any],
    context: str,
    context_mark: Any,
    problem_mark: Any,
) -> tuple[Finding, Span] | None:
    """A value that starts with `*`, `&`, `!`, `@`, `` ` ``, `%`, `|` or `>`."""
    mark = context_mark if context.startswith("while scanning") else problem_mark
    char = _char(lines, mark)
    if not char or char not in INDICATORS or (char == "%" and mark.column == 0):
        return None  # `%` at the start of a line is a directive (`%YAML 1.2`), not a value
    before = [t for t in tokens if t.start_mark.index < mark.index]
    if before and not isinstance(before[-1], _VALUE_STARTS):
        return None
    line = lines[mark.line]
    end = len(line.rstrip())
    if _flow_depth(before) > 0:
        # Inside `[…]` or `{…}` the text ends at the next `,`, `]` or `}`: quote only it.
        end = next((i for i in range(mark.column, end) if line[i] in ",]}"), end)
        end = len(line[:end].rstrip())
    head, text, tail = line[: mark.column], line[mark.column : end], line[end:].rstrip()
    fix = _short(head.lstrip() + quoted(text) + tail, 100)
    message = msg("yaml-indicator", char=char, meaning=msg(f"indicator.{char}"))
    return Finding("yaml-indicator", "", message, msg("yaml-indicator.hint", fix=fix)), _at(mark)


def _closed_then_text(
    lines: list[str], tokens: list[Any], mark: Any
) -> tuple[Finding, Span] | None:
    """A text that starts with a bracketed or quoted part: `- [P0] 支持秒杀`, `- "拉新" 活动`.

    YAML reads `[P0]` as a list (`"拉新"` as a whole value) and stumbles on the words after
    it, on the same line.
    """
    if mark is None or mark.line >= len(lines):
        return None
    before = [t for t in tokens if t.start_mark.index < mark.index]
    if not before or before[-1].end_mark.line != mark.line:
        return None
    last, at = before[-1], len(before) - 1
    if isinstance(last, _FLOW_ENDS):
        depth = 0
        for at in range(len(before) - 1, -1, -1):
            depth += isinstance(before[at], _FLOW_ENDS) - isinstance(before[at], _FLOW_STARTS)
            if depth == 0:
                break
    elif not (isinstance(last, yaml.ScalarToken) and last.style in ('"', "'")):
        return None
    opening = before[at].start_mark
    if opening.line != mark.line or (at > 0 and not isinstance(before[at - 1], _VALUE_STARTS)):
        return None
    line = lines[mark.line]
    char = line[opening.column : opening.column + 1]
    head, text = line[: opening.column].strip(), line[opening.column :].rstrip()
    fix = _short(f"{head} {quoted(text)}" if head else quoted(text), 100)
    message = msg("yaml-indicator", char=char, meaning=msg(f"indicator.{char}"))
    return Finding("yaml-indicator", "", message, msg("yaml-indicator.hint", fix=fix)), _at(opening)


def _unclosed_flow(source: str, context: str, mark: Any) -> tuple[Finding, Span] | None:
    """`[` or `{` never closed: libyaml names where the flow collection started."""
    if mark is None or not context.startswith("while parsing a flow"):
        return None
    char = source[mark.index : mark.index + 1] if mark.index < len(source) else ""
    if char not in _CLOSERS:
        return None
    message = msg("yaml-unclosed.bracket", char=char)
    hint = msg("yaml-unclosed.hint.bracket", char=char, close=_CLOSERS[char])
    return Finding("yaml-unclosed", "", message, hint), _at(mark)


def _unclosed_quote(
    source: str, tokens: list[Any], context: str, context_mark: Any, problem_mark: Any
) -> tuple[Finding, Span] | None:
    """A quote left open: at end of file, or paired with the next quote many lines on."""
    if context.startswith("while scanning a quoted scalar") and context_mark is not None:
        # libyaml's words name no kind of quote: the source shows which one opened.
        char = source[context_mark.index : context_mark.index + 1]
        return _quote_finding(char if char in ("'", '"') else '"', context_mark, None)
    if problem_mark is None:
        return None
    # A quoted value spanning lines that ends on the line of the error: its closing quote
    # was the opening quote of a later value, and what followed it made no sense.
    for token in reversed(tokens):
        if token.start_mark.index >= problem_mark.index:
            continue
        if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
            end = token.end_mark.line
            if token.start_mark.line < end and problem_mark.line - end <= 1:
                return _quote_finding(token.style, token.start_mark, end + 1)
            return None
    return None


def _quote_finding(char: str, mark: Any, end: int | None) -> tuple[Finding, Span]:
    """`end`: the line where a later quote closed it; None when nothing ever did."""
    key = "yaml-unclosed.quote.eof" if end is None else "yaml-unclosed.quote"
    message = msg(key, char=char, end=str(end or 0))
    return Finding("yaml-unclosed", "", message, msg("yaml-unclosed.hint.quote", char=char)), _at(
        mark
    )


def _colon(
    lines: list[str], tokens: list[Any], problem: str, mark: Any
) -> tuple[Finding, Span] | None:
    """`key: value: more`: a second `: ` on the line of a key whose value is plain text."""
    if mark is None or not problem.startswith("mapping values are not allowed"):
        return None
    values = [
        t for t in tokens if isinstance(t, yaml.ValueToken) and t.start_mark.line == mark.line
    ]
    earlier = [t for t in values if t.start_mark.index < mark.index]
    if not earlier:
        return None
    line = lines[mark.line]
    value_at = earlier[0].start_mark.column
    head = line[:value_at].strip()
    key = head.removeprefix("- ").strip()
    text = line[value_at + 1 :].strip()
    fix = _short(f"{head}: {quoted(text)}", 100)
    message = msg("yaml-colon", key=key)
    return Finding("yaml-colon", "", message, msg("yaml-colon.hint", fix=fix)), _at(mark)


def _missing_colon(
    lines: list[str], context: str, mark: Any, problem: str
) -> tuple[Finding, Span] | None:
    """A line that is neither `key: value` nor `- item`: a key without its colon, or text
    that went on to a new line without being indented under its key."""
    if mark is None or not context.startswith("while scanning a simple key"):
        return None
    if "expected ':'" not in problem or mark.line >= len(lines):
        return None
    text = _short(lines[mark.line][mark.column :].strip(), 60)
    message = msg("yaml-missing-colon", text=text)
    return Finding("yaml-missing-colon", "", message, msg("yaml-missing-colon.hint")), _at(mark)


_INDENT_PROBLEMS = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
    "mapping values are not allowed",
)


def _indentation(
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
            here = _Entry(mark.line, column, "item", _short(text[2:].strip(), 40))
        else:
            here = _Entry(mark.line, column, "key", _short(text.split(":", 1)[0], 40))
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
            entries.append(_Entry(mark.line, mark.column, kind, _short(name, 40), mapping))
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
        return f"{key}: {tokens[2].value}"
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


def _generic(exc: yaml.YAMLError, mark: Any, problem: str, context: str) -> tuple[Finding, Span]:
    span = _at(mark) if mark is not None else Span(1, 1)
    detail = problem or str(exc).splitlines()[0]
    detail = f"{context}, {detail}" if context else detail
    if "nesting depth" in detail:
        return Finding("too-deep", "", msg("too-deep")), span
    # libyaml's most frequent complaints have Chinese words too; the rest are shown as is.
    known = next((key for phrase, key in _LIBYAML if detail.startswith(phrase)), None)
    words: Msg | str = msg(known, detail=detail) if known else detail
    hint: Msg = msg("yaml-syntax.hint")
    return Finding("yaml-syntax", "", msg("yaml-syntax", detail=words), hint), span


# Beginnings of libyaml's messages → catalogue keys (English: libyaml's own words).
_LIBYAML = (
    ("while parsing a block mapping, did not find expected key", "libyaml.expected-key"),
    ("while parsing a block collection, did not find expected '-'", "libyaml.expected-dash"),
    ("while scanning for the next token, found character", "libyaml.bad-character"),
    ("while scanning a block scalar", "libyaml.block-scalar"),
    ("mapping values are not allowed", "libyaml.mapping-values"),
    ("block sequence entries are not allowed", "libyaml.sequence-entries"),
    ("while parsing a block node, did not find expected node content", "libyaml.no-content"),
    ("found incompatible YAML document", "libyaml.version"),
    ("while parsing a block mapping, expected <block end>", "libyaml.block-end"),
    ("while parsing a block collection, expected <block end>", "libyaml.block-end"),
)
