"""Bytes → plain data and a SourceMap, with every reading hazard reported at its line.

The YAML is read as a stream of libyaml events (fast C scanning, a mark on every node)
and composed here, not by PyYAML's constructors, so that the rules of the format hold:
YAML 1.2 core scalars, no tags, no anchors, no duplicate keys, bounded depth and size.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from prdkit.diagnostics import Finding
from prdkit.limits import DEFAULT_LIMITS, Limits
from prdkit.source import SourceMap, Span, escape_token

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema, plain scalars only (quoted scalars are always text).
_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF_NAN = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
# What JSON allows unquoted: numbers, true, false, null.
_JSON_LITERAL = re.compile(
    r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z|true\Z|false\Z|null\Z"
)
# A JSON surrogate-pair escape such as "\ud83d\ude00" (one emoji), after an even run of
# backslashes so that an escaped backslash followed by "u" is left alone.
_JSON_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I)
# libyaml reads NEL, LS and PS as line breaks (YAML 1.1); in YAML 1.2 and JSON they are
# ordinary characters. They are swapped for non-characters, which the raw text cannot hold
# (refused before parsing), and swapped back in every key and value; lines stay as counted
# everywhere else, by LF alone.
_YAML11_BREAKS = "\x85\u2028\u2029"
_HIDE_BREAKS = str.maketrans(_YAML11_BREAKS, "\ufdd0\ufdd1\ufdd2")
_SHOW_BREAKS = str.maketrans("\ufdd0\ufdd1\ufdd2", _YAML11_BREAKS)
_NO_ALIASES = " — anchors and aliases are not supported; write the value out"
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")

# C0 controls but tab and newline (CR is normalised away first), DEL, lone surrogates,
# and the Unicode non-characters: they break Word files and terminals.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
# Typed raw into the file, the C1 controls (but NEL) are refused by the YAML reader too,
# which places its error at the start of the file: they are found first, where they are.
_RAW_BAD_CHARS = re.compile(_BAD_CHARS.pattern[:-1] + "\x80-\x84\x86-\x9f]")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x84\x86-\x9f]")


@dataclass(slots=True)
class Loaded:
    """What the loader made of one file: data (None when unreadable), spans, problems."""

    data: Any
    source_map: SourceMap
    text: str
    problems: list[tuple[Finding, Span]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """`True` when the file was read without problems."""
        return not self.problems


class _Stop(Exception):
    """Raised to abandon reading after a problem that makes the rest meaningless."""


def describe_char(ch: str) -> str:
    """A readable name for an invisible character, e.g. `U+0000`."""
    return f"U+{ord(ch):04X}"


def decode(raw: bytes) -> tuple[str | None, tuple[Finding, Span] | None]:
    """UTF-8 text with line endings normalised, or the encoding problem and where it is."""
    if raw.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return None, (_finding("encoding", "the file is UTF-32; save it as UTF-8"), Span(1, 1))
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return None, (_finding("encoding", "the file is UTF-16; save it as UTF-8"), Span(1, 1))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    head = raw[:4]
    if len(head) >= 2 and (head[0] == 0 or head[1] == 0) and raw.count(b"\x00") * 4 >= len(raw):
        message = "the file looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8"
        return None, (_finding("encoding", message), Span(1, 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        message = f"invalid UTF-8 (byte 0x{byte}); save the file as UTF-8"
        return None, (_finding("encoding", message), Span(before.count(b"\n") + 1, column))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def load_bytes(
    raw: bytes, *, json_mode: bool = False, limits: Limits = DEFAULT_LIMITS, size: int = 0
) -> Loaded:
    """Read one document from `raw` (`size`: the file's, when only its start was read)."""
    empty = SourceMap()
    if len(raw) > limits.max_bytes:
        size = max(size, len(raw))
        message = f"the file is {size:,} bytes, over the limit of {limits.max_bytes:,} bytes"
        return Loaded(None, empty, "", [(_finding("file-too-large", message), Span(1, 1))])
    text, problem = decode(raw)
    if text is None:
        return Loaded(None, empty, "", [problem] if problem else [])
    bad = _raw_character_problems(text, limits) if _may_hold_bad_chars(raw) else []
    if bad:
        return Loaded(None, empty, text, bad)
    loaded = _Composer(text, limits, json_mode=json_mode).run()
    if json_mode and loaded.ok:
        json_problem = _strict_json_problem(text)
        if json_problem:
            loaded.problems.append(json_problem)
            loaded.data = None
    return loaded


def _finding(rule: str, message: str, pointer: str = "", hint: str | None = None) -> Finding:
    return Finding(rule=rule, pointer=pointer, message=message, hint=hint)


# Bytes that cannot start or be part of a forbidden character: tab, LF, CR, printable ASCII
# and every byte of a multi-byte UTF-8 sequence.
_PLAIN_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])


def _may_hold_bad_chars(raw: bytes) -> bool:
    """`False` when the UTF-8 `raw` surely holds no character `_BAD_CHARS` matches.

    Scanning bytes in C is ~30× faster than the regex over the text: C0 controls and DEL
    survive the deletion of plain bytes; non-characters are EF B7 xx (U+FDD0–U+FDEF) or end
    in BF BE / BF BF (U+FFFE, U+FFFF and their copies in planes 1–16). Surrogates never
    decode. A hit only means the regex runs.
    """
    return (
        bool(raw.translate(None, _PLAIN_BYTES))
        or any(seq in raw for seq in (b"\xef\xb7", b"\xbf\xbe", b"\xbf\xbf"))
        or (b"\xc2" in raw and _C1_BYTES.search(raw) is not None)
    )


def _raw_character_problems(text: str, limits: Limits) -> list[tuple[Finding, Span]]:
    """Control characters typed into the file itself, each at its own line and column."""
    problems: list[tuple[Finding, Span]] = []
    for match in _RAW_BAD_CHARS.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        message = f"control or non-character {describe_char(match.group())} in the text"
        problems.append((_finding("control-character", message), Span(line, column)))
        if len(problems) >= limits.max_diagnostics:
            break
    return problems


def _json_pairs_as_yaml(text: str) -> str:
    """JSON text with surrogate-pair escapes written as YAML's one-character `\\U` escape.

    libyaml refuses a surrogate escape, while JSON needs a pair of them for any character
    beyond U+FFFF (what `json.dumps` writes by default). The rewrite is 2 characters shorter
    per pair, so columns after it on the same line drift by that much.
    """
    if "\\" not in text:
        return text

    def combine(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return f"{match.group(1)}\\U{code:08X}"

    return _JSON_PAIR.sub(combine, text)


def _strict_json_problem(text: str) -> tuple[Finding, Span] | None:
    """What strict JSON refuses that YAML would take: trailing commas, NaN, comments."""

    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a finite number")

    try:
        json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        return _finding("json-syntax", f"not strict JSON: {exc.msg}"), Span(exc.lineno, exc.colno)
    except (ValueError, RecursionError) as exc:
        return _finding("json-syntax", f"not strict JSON: {exc}"), Span(1, 1)
    return None


def _span(event: Any) -> Span:
    mark = event.start_mark
    return Span(mark.line + 1, mark.column + 1)


class _Frame:
    """An open mapping or sequence while composing."""

    __slots__ = ("container", "key", "key_span", "pointer", "skip")

    def __init__(self, container: dict | list, pointer: str) -> None:
        self.container = container
        self.pointer = pointer
        self.key: str | None = None  # mappings: the key waiting for its value
        self.key_span: Span | None = None
        self.skip = 0  # >0 while discarding a complex (non-scalar) key


class _Composer:
    """Builds plain data and the source map from libyaml events, iteratively."""

    def __init__(self, text: str, limits: Limits, *, json_mode: bool = False) -> None:
        self.text = text
        self.limits = limits
        self.max_string = limits.max_string
        self.json_mode = json_mode
        self.hidden_breaks = any(c in text for c in _YAML11_BREAKS)
        self.map = SourceMap()
        self.problems: list[tuple[Finding, Span]] = []
        self.nodes = 0

    def problem(self, rule: str, message: str, span: Span, pointer: str = "") -> None:
        self.problems.append((_finding(rule, message, pointer), span))
        if len(self.problems) >= self.limits.max_diagnostics:
            raise _Stop

    def run(self) -> Loaded:
        root: list[Any] = []
        try:
            self._compose(root)
        except _Stop:
            pass
        except yaml.YAMLError as exc:
            self.problems.append(_syntax_problem(exc))
        except RecursionError:  # defensive: the composer itself never recurses
            self.problems.append((_finding("too-deep", "nesting is too deep"), Span(1, 1)))
        data = root[0] if root and not self.problems else None
        if not self.problems:
            if not root:
                message = "the file holds no document (it is empty or only comments)"
                self.problems.append((_finding("empty-document", message), Span(1, 1)))
            elif not isinstance(data, dict):
                kind = "a list" if isinstance(data, list) else "a single value"
                message = (
                    f"the document is {kind}; it must be a mapping of sections (prdkit:, meta:…)"
                )
                self.problems.append((_finding("not-a-mapping", message), self.map.nearest("")))
                data = None
        return Loaded(data, self.map, self.text, self.problems)

    def _compose(self, root: list[Any]) -> None:
        stack: list[_Frame] = []
        documents = 0
        limits = self.limits
        max_nodes, max_depth = limits.max_nodes, limits.max_depth
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        # The parser is driven directly: yaml.parse's generator costs a third of the time.
        source = _json_pairs_as_yaml(self.text) if self.json_mode else self.text
        if self.hidden_breaks:
            source = source.translate(_HIDE_BREAKS)
        parser = _Parser(source)
        try:
            get_event = parser.get_event
            while True:
                event = get_event()
                kind = type(event)
                if kind is stream_end:
                    break
                if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                    mark = event.start_mark
                    span = Span(mark.line + 1, mark.column + 1)
                    self.nodes += 1
                    if self.nodes > max_nodes:
                        message = f"the document has more than {max_nodes:,} keys and values"
                        self.problem("too-many-nodes", message, span)
                        raise _Stop
                    if event.anchor is not None:
                        self.problem("alias", f"YAML anchor '&{event.anchor}'{_NO_ALIASES}", span)
                    if event.tag is not None and not (kind is not scalar_event and event.implicit):
                        message = f"explicit tag '{event.tag}' is not allowed; PRD values are plain"
                        self.problem("explicit-tag", message, span)
                    top = stack[-1] if stack else None
                    if top is not None and top.skip:
                        if kind is not scalar_event:
                            top.skip += 1
                        continue
                    key_wanted = top is not None and top.key is None and type(top.container) is dict
                    if kind is scalar_event:
                        if key_wanted:
                            self._key(top, event, span)  # type: ignore[arg-type]
                        else:
                            value = self._scalar(event, span, top.pointer if top else "")
                            self._place(stack, root, value, span)
                        continue
                    if key_wanted:
                        message = "a mapping key must be text, not a list or mapping"
                        self.problem("key-not-string", message, span)
                        top.skip = 1  # type: ignore[union-attr]
                        continue
                    if len(stack) >= max_depth:
                        self.problem("too-deep", f"nesting is deeper than {max_depth} levels", span)
                        raise _Stop
                    container: dict | list = {} if kind is mapping_start else []
                    pointer = self._place(stack, root, container, span)
                    stack.append(_Frame(container, pointer))
                elif kind is mapping_end or kind is sequence_end:
                    top = stack[-1]
                    if top.skip:
                        top.skip -= 1
                        if top.skip == 0:
                            top.key = ""  # the complex key's value follows; discard it too
                            top.key_span = None
                        continue
                    stack.pop()
                elif kind is alias_event:
                    span = _span(event)
                    self.problem("alias", f"YAML alias '*{event.anchor}'{_NO_ALIASES}", span)
                    top = stack[-1] if stack else None
                    if top is not None and top.skip:
                        continue
                    if top is not None and isinstance(top.container, dict) and top.key is None:
                        top.key, top.key_span = "", None
                        continue
                    self._place(stack, root, None, span)
                elif kind is document_start:
                    documents += 1
                    if documents > 1:
                        message = (
                            "the file holds more than one YAML document; keep one PRD per file"
                        )
                        self.problem("multiple-documents", message, _span(event))
                        raise _Stop
        finally:
            parser.dispose()

    def _key(self, frame: _Frame, event: Any, span: Span) -> None:
        """Accept a mapping key: text only, no merge keys, no duplicates."""
        value = event.value
        if self.hidden_breaks:
            value = value.translate(_SHOW_BREAKS)
        if event.implicit[0] and not event.style:
            if value == "<<":
                self.problem(
                    "merge-key", "merge keys ('<<') are not supported; write the keys out", span
                )
                frame.key, frame.key_span = "", None
                return
            # Most keys start with a letter no number, boolean or null starts with.
            resolved = (
                self._resolve_plain(value, span, frame.pointer)
                if not value or value[0] in _MAYBE_NOT_TEXT
                else value
            )
            if not isinstance(resolved, str):
                shown = "empty" if value == "" else f"'{value}'"
                message = f"mapping key {shown} is not text; quote it"
                self.problem("key-not-string", message, span, frame.pointer)
                frame.key, frame.key_span = "", None
                return
        if event.style == '"' or len(value) > self.max_string:
            self._check_text(value, event.style, span, frame.pointer)
        container = frame.container
        assert isinstance(container, dict)
        if value in container:
            first = self.map.key(frame.pointer + "/" + escape_token(value))
            where = f" (first at line {first.line})" if first else ""
            self.problem(
                "duplicate-key", f"duplicate key '{_short(value)}'{where}", span, frame.pointer
            )
            frame.key, frame.key_span = "", None
            return
        frame.key, frame.key_span = value, span

    def _place(self, stack: list[_Frame], root: list[Any], value: Any, span: Span) -> str:
        """Put `value` into the open container; return its pointer."""
        if not stack:
            root.append(value)
            self.map.add("", span)
            return ""
        top = stack[-1]
        container = top.container
        if type(container) is list:
            pointer = f"{top.pointer}/{len(container)}"
            container.append(value)
            self.map.add(pointer, span)
            return pointer
        key = top.key
        top.key = None
        if not key and top.key_span is None:  # a refused key: read the value, keep nothing
            return top.pointer + "/~"
        assert key is not None
        token = escape_token(key) if "~" in key or "/" in key else key
        pointer = top.pointer + "/" + token
        container[key] = value
        self.map.add(pointer, span, top.key_span)
        return pointer

    def _scalar(self, event: Any, span: Span, pointer: str) -> Any:
        value = event.value
        if self.hidden_breaks:
            value = value.translate(_SHOW_BREAKS)
        style = event.style
        if not style and event.implicit[0]:
            if self.json_mode and not _JSON_LITERAL.match(value):
                self._not_json(value, span, pointer)
            if not value or value[0] in _MAYBE_NOT_TEXT:
                resolved = self._resolve_plain(value, span, pointer)
                if type(resolved) is not str:
                    return resolved
        # Only long text and double-quoted escapes can break a rule of `_check_text`.
        if style == '"' or len(value) > self.max_string:
            self._check_text(value, style, span, pointer)
        return value

    def _resolve_plain(self, value: str, span: Span, pointer: str) -> Any:
        """YAML 1.2 core: null, booleans, integers and finite floats; the rest is text."""
        if value and value[0] not in _MAYBE_NOT_TEXT:
            return value
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        digits = self.limits.max_int_digits
        if _INT10.match(value):
            if len(value.lstrip("+-")) > digits:
                self._bad_number(f"integer with more than {digits} digits", span, pointer)
                return 0
            return int(value)
        if _INT8.match(value) or _INT16.match(value):
            if len(value) - 2 > digits:
                self._bad_number(f"integer with more than {digits} digits", span, pointer)
                return 0
            return int(value, 0)
        if _FLOAT.match(value):
            if len(value) > digits * 2:
                self._bad_number(f"number with more than {digits * 2} characters", span, pointer)
                return 0.0
            number = float(value)
            if math.isinf(number):
                self._bad_number(f"number '{_short(value)}' is too large", span, pointer)
                return 0.0
            return number
        if _INF_NAN.match(value):
            self._bad_number(f"'{value}' is not a finite number", span, pointer)
            return 0.0
        return value

    def _not_json(self, value: str, span: Span, pointer: str) -> None:
        """An unquoted word strict JSON refuses: NaN, Infinity, YAML's .inf or 0x1F, bare text."""
        if value.lstrip("+-") in ("NaN", "Infinity"):
            message = f"not strict JSON: {value} is not a finite number"
        else:
            message = f"not strict JSON: {_short(value)} is not a JSON value; quote text"
        self.problem("json-syntax", message, span, pointer)

    def _bad_number(self, message: str, span: Span, pointer: str) -> None:
        self.problem("bad-number", message + "; quote it to keep it as text", span, pointer)

    def _check_text(self, value: str, style: str | None, span: Span, pointer: str) -> None:
        if len(value) > self.limits.max_string:
            message = (
                f"text of {len(value):,} characters, over the limit of {self.limits.max_string:,}"
            )
            self.problem("string-too-long", message, span, pointer)
        # The raw text was scanned before parsing: only escapes ("\0", "\ud800") of
        # double-quoted scalars can bring a forbidden character in.
        match = _BAD_CHARS.search(value) if style == '"' else None
        if match:
            message = f"text holds the control or non-character {describe_char(match.group())}"
            self.problem("control-character", message, span, pointer)


def _syntax_problem(exc: yaml.YAMLError) -> tuple[Finding, Span]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    span = Span(mark.line + 1, mark.column + 1) if mark is not None else Span(1, 1)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{context}, {problem}" if context else str(problem)
    if "nesting depth" in message:
        return _finding("too-deep", "nesting is too deep"), span
    if "\t" in message or re.search(r"\btabs?\b", message):
        message += " (indent with spaces, not tabs)"
    return _finding("yaml-syntax", f"YAML syntax: {message}"), span


def _short(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
