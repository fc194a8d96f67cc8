"""YAML syntax errors explained in a product manager's words, each with its own rule.

libyaml says what its grammar expected ("did not find expected key"); the author needs to
know what they typed. The explanation comes from where libyaml stopped and the tokens its
scanner read up to there: a value starting with an indicator (`- **拉新**`), a misaligned
key or item, a quote or bracket left open (reported where it opens), a tab, a second
`: ` inside unquoted text. Anything else stays a `yaml-syntax` error with libyaml's words.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from typing import Any

import yaml

from prdkit.diagnostics import Finding
from prdkit.messages import Msg, msg
from prdkit.source import Span
from prdkit.yamlindent import indentation

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
        lambda: _full_width_layout(lines, problem_mark),
        lambda: _hyphen_without_space(lines, problem_mark),
        lambda: _escape(lines, problem, problem_mark, context_mark),
        lambda: _surrogate(lines, problem, problem_mark),
        lambda: _indicator(lines, tokens, context, context_mark, problem_mark),
        lambda: _closed_then_text(lines, tokens, problem_mark),
        lambda: _unclosed_flow(source, context, context_mark),
        lambda: _unclosed_quote(source, tokens, context, context_mark, problem_mark),
        lambda: _colon(lines, tokens, problem, problem_mark),
        lambda: _missing_colon(lines, context, context_mark, problem),
        lambda: _full_width_above(lines, problem_mark),
        lambda: indentation(lines, tokens, problem, problem_mark),
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


# What a Chinese input method types for YAML's layout: an ideographic space in the
# indentation, a full-width or typographic dash for a list item's hyphen.
_WIDE_INDENT = re.compile("^([ \u3000]*)\u3000")
_WIDE_DASH = re.compile("^ *([\uff0d\u2014\u2013\u2212])[ \u3000]")
# …and after a key's colon: `owner:　Ann` is one piece of text to YAML, not a key.
_WIDE_AFTER_COLON = re.compile("^ *(?:- +)?[A-Za-z_][A-Za-z0-9_.-]*(:)\u3000")
# …and after a list item's hyphen: `-　id: R1` is one piece of text, not an item's key.
_WIDE_AFTER_HYPHEN = re.compile("^ *(-)\u3000")


def _full_width_layout(lines: list[str], mark: Any) -> tuple[Finding, Span] | None:
    """A full-width space indenting, or a full-width dash starting, the line libyaml stopped
    on or one of the two written before it, blank lines passed over (an item's first line
    is read before its next fails): the one whose half-width form makes the error go, or
    move past where it was. (A paragraph of a block of text may open with full-width spaces;
    its line is not it.)"""
    if mark is None:
        return None
    for number in _written_before(lines, mark.line, 3):
        line = lines[number]
        wide = _WIDE_INDENT.match(line)
        dash = None if wide else _WIDE_DASH.match(line)
        after = None if wide or dash else _WIDE_AFTER_COLON.match(line)
        item = None if wide or dash or after else _WIDE_AFTER_HYPHEN.match(line)
        rule, hint = "yaml-indentation", msg("yaml-indentation.full-width.hint")
        if wide:
            column = line.index("\u3000")
            # Two half-width spaces for each, as wide as it shows; or one, or none: whichever
            # lines the key up with its neighbours (` 　owner:` needs two spaces in all).
            fixes = [
                line[: wide.end()].replace("\u3000", half) + line[wide.end() :]
                for half in ("  ", " ", "")
            ]
            message = msg("yaml-indentation.full-width-space")
        elif dash:
            column = dash.start(1)
            fixes = [line[:column] + "-" + line[column + 1 :]]
            message = msg("yaml-indentation.full-width-dash", dash=dash.group(1))
        elif after:
            column = after.end(1)
            fixes = [line[:column] + " " + line[column + 1 :]]
            message = msg("yaml-missing-colon.full-width-space")
            rule = "yaml-missing-colon"
            fix = _short(fixes[0].strip().removeprefix("- ").strip(), 100)
            hint = msg("yaml-missing-colon.full-width-space.hint", fix=fix)
        elif item:
            column = item.end(1)
            fixes = [line[:column] + " " + line[column + 1 :]]
            message = msg("yaml-indentation.full-width-after-hyphen")
        else:
            continue
        if any(_fixes(lines, number, fixed, mark.line) for fixed in fixes):
            return Finding(rule, "", message, hint), Span(number + 1, column + 1)
    return None


def _written_before(lines: list[str], line: int, count: int) -> list[int]:
    """`line` (0-based) and the lines before it, up to `count` holding anything but spaces
    (sections are often parted by blank lines), last first."""
    found = []
    number = min(line, len(lines) - 1)
    while number >= 0 and len(found) < count:
        if lines[number].strip(" \r") or number == line:
            found.append(number)
        number -= 1
    return found


_BARE_HYPHEN = re.compile(r"^( *)-(?=[^\s\-])")


def _hyphen_without_space(lines: list[str], mark: Any) -> tuple[Finding, Span] | None:
    """A list item written `-item`, with no space after the hyphen, on the line libyaml
    stopped on or one of the two before it: the one that, given its space, reads past
    the error (`-5` may be a negative number, `-id` a key)."""
    if mark is None:
        return None
    for number in range(min(mark.line, len(lines) - 1), max(mark.line - 3, -1), -1):
        line = lines[number]
        bare = _BARE_HYPHEN.match(line)
        if bare is None:
            continue
        column = bare.end(1)
        fixed = line[: column + 1] + " " + line[column + 1 :]
        if _fixes(lines, number, fixed, mark.line):
            item = _short(line[column + 1 :].strip(), 60)
            message = msg("yaml-indentation.hyphen", item=item)
            hint = msg("yaml-indentation.hyphen.hint", fixed=_short(fixed.strip(), 60))
            return Finding("yaml-indentation", "", message, hint), Span(number + 1, column + 1)
    return None


def _fixes(lines: list[str], number: int, fixed: str, stopped: int) -> bool:
    """Whether line `number` written as `fixed` reads past line `stopped` (0-based)."""
    text = "\n".join([*lines[:number], fixed, *lines[number + 1 :]])
    try:
        for _ in yaml.parse(text, Loader=_Scanner):
            pass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return mark is not None and mark.line > stopped
    return True


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
    whole = lines[mark.line][mark.column :].strip()
    wide = _full_width_at(lines, mark.line, mark.column)
    if wide is not None:
        return wide
    text = _short(whole, 60)
    message = msg("yaml-missing-colon", text=text)
    hint = _under_block(lines, mark.line) or msg("yaml-missing-colon.hint")
    return Finding("yaml-missing-colon", "", message, hint), _at(mark)


# `summary: |` (or `>`, with a chomping or indentation sign), a comment allowed after it.
_BLOCK_START = re.compile(r"^(\s*)(?:-\s+)?([^#\s][^#]*?):\s+[|>][-+0-9]*\s*(?:#.*)?$")


def _under_block(lines: list[str], row: int) -> Msg | None:
    """The hint for the first line of a `|` block written no deeper than its key: the
    generic one suggested writing a `|` block, which the author had just done."""
    written = (line for line in reversed(lines[:row]) if line.strip())
    above = next((line for line in written if not line.lstrip().startswith("#")), None)
    start = _BLOCK_START.match(above) if above is not None else None
    if start is None:
        return None
    indent = len(lines[row]) - len(lines[row].lstrip(" "))
    if indent > len(start.group(1)):
        return None
    return msg("yaml-missing-colon.block", key=start.group(2).strip())


# A key as the format spells them (`owner`, `acceptance_criteria`, `x-jira`), then a
# full-width colon, the one a Chinese input method types: YAML sees no key there.
_FULL_WIDTH_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*)\s*\uff1a\s*(.*)$")


def _full_width_at(lines: list[str], line: int, column: int) -> tuple[Finding, Span] | None:
    """The full-width colon of a key written from `column` of `line` (0-based), if any."""
    found = _FULL_WIDTH_KEY.match(lines[line][column:].strip())
    if found is None:
        return None
    key, value = found.group(1), found.group(2)
    fix = _short(f"{key}: {value}" if value else f"{key}:", 100)
    message = msg("yaml-missing-colon.full-width", key=key)
    hint = msg("yaml-missing-colon.full-width.hint", fix=fix)
    at = column + lines[line][column:].index("\uff1a")
    return Finding("yaml-missing-colon", "", message, hint), Span(line + 1, at + 1)


def _full_width_above(lines: list[str], mark: Any) -> tuple[Finding, Span] | None:
    """A key typed with a full-width colon on the line before the one libyaml stopped on.

    Written first in its mapping (`- id：R1`, or `id：demo` under `meta:`), such a key is
    read as plain text, and the error comes a line later, at the next key, which then
    looks misindented: the colon is the mistake, not that key's indentation.
    """
    if mark is None or mark.line >= len(lines):
        return None
    above = mark.line - 1
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith("#")):
        above -= 1
    if above < 0:
        return None
    text = lines[above]
    start = len(text) - len(text.lstrip())
    if text[start : start + 2] == "- ":
        start += 2
    # The line libyaml stopped on sits where a sibling of that key would: a key of the same
    # mapping, which the full-width colon left without one.
    stopped = lines[mark.line]
    if len(stopped) - len(stopped.lstrip(" ")) != start:
        return None
    return _full_width_at(lines, above, start)


_ESCAPE_PROBLEMS = ("found unknown escape character", "did not find expected hexdecimal number")
# A double-quoted scalar from its opening quote: escaped quotes and backslashes inside.
_CLOSING = re.compile(r'"((?:[^"\\]|\\.)*)"?')


def _escape(lines: list[str], problem: str, mark: Any, context: Any) -> tuple[Finding, Span] | None:
    """A backslash in double quotes that starts no escape: a Windows path, most often
    (`"images\\merchant.png"`, `"C:\\Users\\..."`)."""
    if mark is None or not problem.startswith(_ESCAPE_PROBLEMS) or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    start = line.rfind("\\", 0, mark.column + 1)
    # The opening quote is where the scanner began the scalar (an escaped `\"` before the
    # backslash is no opening); on the same line, or the text is not shown whole.
    if (
        context is None
        or context.line != mark.line
        or line[context.column : context.column + 1] != '"'
    ):
        return None
    opening = context.column
    if start <= opening:
        return None
    found = _CLOSING.match(line, opening)
    text = found.group(1) if found else line[opening + 1 :]
    escape = line[start : min(start + 2, len(line))]
    slashed = '"' + text.replace("\\\\", "/").replace("\\", "/") + '"'
    key = "yaml-escape" if problem.startswith(_ESCAPE_PROBLEMS[0]) else "yaml-escape.hex"
    message = msg(key, escape=escape)
    hint = msg("yaml-escape.hint", slashed=slashed, single=single_quoted(text))
    return Finding("yaml-syntax", "", message, hint), Span(mark.line + 1, start + 1)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _surrogate(lines: list[str], problem: str, mark: Any) -> tuple[Finding, Span] | None:
    """An escape of a lone surrogate (`"\ud800"`), which no text may hold: said as such,
    not as YAML syntax (a JSON file writes one as readily)."""
    if mark is None or "invalid Unicode character escape" not in problem:
        return None
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    found = None
    for candidate in _SURROGATE_ESCAPE.finditer(line):
        if candidate.start() <= mark.column:
            found = candidate
    if found is None:
        return None
    return Finding("control-character", "", msg("encoding.surrogate")), Span(
        mark.line + 1, found.start() + 1
    )


def single_quoted(text: str) -> str:
    """What the author wrote between double quotes, in single quotes, where a backslash is
    itself (a quote inside doubled)."""
    return "'" + text.replace("'", "''") + "'"


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
