"""Bytes → plain data and a SourceMap, with every reading hazard reported at its line.

The YAML is read as a stream of libyaml events (fast C scanning, a mark on every node)
and composed here, not by PyYAML's constructors, so that the rules of the format hold:
YAML 1.2 core scalars, no tags, no anchors, no duplicate keys, bounded depth and size.
"""

from __future__ import annotations

import gc
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from prdkit.diagnostics import Finding
from prdkit.limits import DEFAULT_LIMITS, Limits
from prdkit.messages import Msg, msg
from prdkit.source import Pos, SourceMap, Span, escape_token, join
from prdkit.sourcemap import LazySourceMap, Mark, position, spell

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Where a problem is: a pointer, or a container's pointer and the key or index in it (the
# value's own pointer, made only when a problem is found there).
Place = str | tuple[str, object]

# YAML 1.2 core schema, plain scalars only (quoted scalars are always text).
_CONSTANTS = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
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
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")
# The first characters of numbers; a plain scalar starting otherwise is text or a constant.
_MAYBE_NUMBER = frozenset("-+.0123456789")
# Any number of the forms above: most plain scalars starting with a digit (dates, versions,
# "3 天") are text, told by this one pattern instead of trying each form in turn.
_ANY_NUMBER = re.compile("|".join(p.pattern for p in (_INT10, _INT8, _INT16, _FLOAT, _INF_NAN)))
# Reading stops after this many problems: a file this broken is not worth reading further,
# and the machine formats list every problem found.
MAX_PROBLEMS = 1_000

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
# Control characters a backslash and a letter stand for in double quotes ("\r" is CR).
_LETTER_ESCAPES = {"\0": "0", "\a": "a", "\b": "b", "\v": "v", "\f": "f", "\r": "r", "\x1b": "e"}
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_RAW_BAD_CHARS = re.compile(_BAD_CHARS.pattern[:-1] + "\x80-\x84\x86-\x9f]")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x84\x86-\x9f]")


@dataclass(slots=True)
class Loaded:
    """What the loader made of one file: data (None when unreadable), spans, problems."""

    data: Any
    source_map: SourceMap
    text: str
    problems: list[tuple[Finding, Span]] = field(default_factory=list)
    partial: Any = None  # what was read before a problem stopped reading (for meta.language)
    # Plain text values cut short by a ` #` comment on their line:
    # (pointer, where the comment starts, the value as read, the dropped comment)
    comment_cuts: list[tuple[str, Span, str, str]] = field(default_factory=list)
    # The length of the longest scalar read as a value: no text value of `data` is longer
    # (numbers and constants are read from texts at least as long as they are shown).
    longest: int = 0
    # The line breaks in every value read (each text's, as read; keys aside): with the
    # marks the source holds, a bound on the Markdown budget's count (see `mdmarks`).
    line_breaks: int = 0

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
        return None, (_finding("encoding", msg("encoding.utf32")), Span(1, 1))
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return None, (_finding("encoding", msg("encoding.utf16")), Span(1, 1))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    head = raw[:4]
    if len(head) >= 2 and (head[0] == 0 or head[1] == 0) and raw.count(b"\x00") * 4 >= len(raw):
        return None, (_finding("encoding", msg("encoding.no-bom")), Span(1, 1))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        span = Span(before.count(b"\n") + 1, column)
        bad = raw[exc.start : exc.start + 2]
        if len(bad) == 2 and bad[0] == 0xED and 0xA0 <= bad[1] <= 0xBF:
            # A lone surrogate written as UTF-8 (an editor's buffer can hold one).
            return None, (_finding("encoding", msg("encoding.surrogate")), span)
        guess = _saved_as(raw, exc.start)
        if guess is not None:
            encoding, shown = guess
            message = msg("encoding.saved-as", byte=byte, encoding=encoding, shown=shown)
            return None, (_finding("encoding", message, "", msg("encoding.resave")), span)
        if max(before, default=0) >= 0x80:  # UTF-8 text before it: one stray byte
            message = msg("encoding.stray", byte=byte)
            return None, (_finding("encoding", message, "", msg("encoding.stray.hint")), span)
        message = msg("encoding.invalid", byte=byte)
        return None, (_finding("encoding", message), span)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


# Bytes outside ASCII in GB2312 text: pairs of bytes both in A1-FE.
_GB2312_PAIRS = re.compile(rb"(?:[\xa1-\xfe][\xa1-\xfe]|[\x00-\x7f])*")
# Accented Latin letters as UTF-8 reads them (é, ü, ł): what text before a stray byte
# holds in a Western UTF-8 file, and seldom what GBK's Chinese happens to read as.
_LATIN_LETTERS = re.compile("[\u00c0-\u00ff\u0100-\u017f]")
# A UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _saved_as(raw: bytes, at: int) -> tuple[str, str] | None:
    """The legacy encoding a file that is not UTF-8 was saved in, when its bytes say so
    plainly, and the character it reads at byte `at`, the first UTF-8 refuses; None when
    they do not.

    Not when text outside ASCII came before `at`, read as UTF-8: a UTF-8 file with a stray
    byte (reopened in a legacy encoding, its other text would turn to nonsense). Unless
    every character before it is of two bytes, as no Chinese character is in UTF-8: then
    it may be Chinese in GB18030 whose first characters happen to read as UTF-8 too
    (拼 is C6 B4, 'ƴ' in UTF-8), unless they read as accented Latin (Café). GB18030 only
    when every byte outside ASCII pairs as GB2312's Chinese do (a German 'ü' before a
    letter reads as a Chinese character too); else Windows-1252, when it reads the file and
    no UTF-8 sequence is in it.
    """
    before = max(raw[:at], default=0)
    if before >= 0xE0 or _LATIN_LETTERS.search(raw[:at].decode("utf-8", "replace")):
        # Chinese in UTF-8, or accented Latin (Café): a UTF-8 file with a stray byte.
        return None
    if _GB2312_PAIRS.fullmatch(raw):
        return "GB18030 (GBK)", raw[at : at + 2].decode("gb18030", "ignore")[:1]
    if before >= 0x80 or _UTF8_SEQUENCE.search(raw):
        return None
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252", raw[at : at + 1].decode("cp1252")


def load_bytes(
    raw: bytes, *, json_mode: bool = False, limits: Limits = DEFAULT_LIMITS, size: int = 0
) -> Loaded:
    """Read one document from `raw` (`size`: the file's, when only its start was read)."""
    empty = SourceMap()
    if len(raw) > limits.max_bytes:
        size = max(size, len(raw))
        message = msg("file-too-large", size=size, limit=limits.max_bytes)
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


def _finding(rule: str, message: Msg, pointer: str = "", hint: Msg | None = None) -> Finding:
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
    if raw.translate(None, _PLAIN_BYTES):
        return True
    # The non-characters' byte pairs are looked for among the bytes from B7 up: a pair
    # adjacent in the file stays adjacent, and the lead byte of every multi-byte character
    # keeps characters apart. Searched in the whole file, EF and BF, frequent in Chinese
    # text, made the three passes cost 20 ms for 5,000 requirements; this costs 12. (A hit
    # from bytes the deletion brought together, as in U+F937, only makes the regex run.)
    kept = raw.translate(None, _NOT_IN_NONCHARS)
    if any(seq in kept for seq in (b"\xef\xb7", b"\xbf\xbe", b"\xbf\xbf")):
        return True
    return b"\xc2" in raw and _C1_BYTES.search(raw) is not None


# The bytes below B7, the lowest byte of the pairs above.
_NOT_IN_NONCHARS = bytes(range(0xB7))


def _raw_character_problems(text: str, limits: Limits) -> list[tuple[Finding, Span]]:
    """Control characters typed into the file itself, each at its own line and column."""
    problems: list[tuple[Finding, Span]] = []
    for match in _RAW_BAD_CHARS.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        message = msg("control-character", char=describe_char(match.group()))
        problems.append((_finding("control-character", message), Span(line, column)))
        if len(problems) >= MAX_PROBLEMS:
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
        message = msg("json-syntax", detail=exc.msg)
        return _finding("json-syntax", message), Span(exc.lineno, exc.colno)
    except (ValueError, RecursionError) as exc:
        return _finding("json-syntax", msg("json-syntax", detail=str(exc))), Span(1, 1)
    return None


class _Composer:
    """Builds plain data and the source map from libyaml events, iteratively."""

    def __init__(self, text: str, limits: Limits, *, json_mode: bool = False) -> None:
        self.text = text
        self.limits = limits
        self.max_string = limits.max_string
        self.json_mode = json_mode
        self.hidden_breaks = any(c in text for c in _YAML11_BREAKS)
        # Positions in reading order (a mapping entry's key, then its value), spelt out as
        # pointers only when the map is used; but once a key is refused, its value is read
        # and kept nowhere in the data, so from then on each pointer is filed as it is read.
        self.root: list[Any] = []  # the document's value, once it is read
        self.order: list[Mark] = []
        self.ends: dict[int, int] = {}  # id() of a mapping or list → the slot after its last
        self.lazy = True
        self.values: dict[str, Pos] = {}
        self.keys: dict[str, Pos] = {}
        self.problems: list[tuple[Finding, Span]] = []
        # Only a text holding " #" or "\t#" can have a value cut short by a comment. Many
        # hold no "#" at all, which one pass finds several times faster than either pair.
        cut = "#" in text and (" #" in text or "\t#" in text)
        self.lines: list[str] | None = text.split("\n") if cut else None
        self._written_lines: list[str] | None = None
        self.longest = self.line_breaks = 0
        self.comment_cuts: list[tuple[str, Span, str, str]] = []
        self.source = text  # the text libyaml reads (see _compose)

    def problem(
        self, rule: str, message: Msg, at: Mark, pointer: Place = "", hint: Msg | None = None
    ) -> None:
        if type(pointer) is tuple:  # (a container's pointer, the key or index in it)
            parent, child = pointer
            pointer = parent if child is None else join(parent, str(child))
        self.problems.append((_finding(rule, message, pointer, hint), Span(*position(at))))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Stop

    def run(self) -> Loaded:
        root = self.root
        # Reading makes only acyclic plain data, so the cyclic collector has nothing to free
        # here; yet each of its passes walked the data read so far (a tenth of the time to
        # read 5,000 requirements). It is held off while reading, and resumed as it was.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._compose(root)
        except _Stop:
            pass
        except yaml.YAMLError as exc:
            from prdkit.yamlerrors import explain

            # The breaks hidden from the parser shown again, one character for one: what
            # the message quotes reads as the file does (not U+FDD0 for U+0085).
            shown = self.source.translate(_SHOW_BREAKS) if self.hidden_breaks else self.source
            finding, span = explain(shown, exc)
            told = False
            if self.json_mode and finding.rule == "yaml-syntax":
                # A JSON file's slip in JSON's words, at JSON's place; none twice (a
                # comment is a bare word to strict JSON, then YAML syntax too).
                told = any(f.rule == "json-syntax" for f, _ in self.problems)
                strict = None if told else _strict_json_problem(self.text)
                if strict is not None:
                    finding, span = strict
            # Text starting with `*` (`*Phase 2* of the plan`) reads as an alias, reported
            # with the quoting fix; the parser then stumbles on the rest of that line.
            if not told and not any(
                f.rule == "alias" and at.line == span.line and at.column < span.column
                for f, at in self.problems
            ):
                self.problems.append((finding, span))
        except RecursionError:  # defensive: the composer itself never recurses
            self.problems.append((_finding("too-deep", msg("too-deep")), Span(1, 1)))
        finally:
            if collecting:
                gc.enable()
        source_map = (
            LazySourceMap(root, self.order, self.ends)
            if self.lazy
            else SourceMap(self.values, self.keys)
        )
        partial = root[0] if root else None
        data = partial if not self.problems else None
        if not self.problems:
            if not root:
                self.problems.append(
                    (_finding("empty-document", msg("empty-document")), Span(1, 1))
                )
            elif not isinstance(data, dict):
                kind = "list" if isinstance(data, list) else "value"
                message = msg(f"not-a-mapping.{kind}")
                self.problems.append((_finding("not-a-mapping", message), source_map.nearest("")))
                data = None
        return Loaded(
            data,
            source_map,
            self.text,
            self.problems,
            partial,
            self.comment_cuts,
            self.longest,
            self.line_breaks,
        )

    def _compose(self, root: list[Any]) -> None:
        # The loop every event of the file goes through (450,000 for 5,000 requirements):
        # the common cases are written out here, each rare one is a method of its own. The
        # open container's state lives in local variables (the enclosing ones on `stack`):
        # attributes of a frame object cost a fifth of the loop.
        # The enclosing containers: (container, is_map, pointer, prefix).
        stack: list[tuple[Any, bool, str, str]] = []
        container: Any = None  # the open mapping or sequence; None before the root value
        is_map = False
        pointer, prefix = "", "/"  # the open container's pointer, and that followed by "/"
        key: str | None = None  # mappings: the key waiting for its value ("" and no position:
        key_pos: Mark | None = None  # a refused key, whose value is read and not kept)
        skip = 0  # >0 while discarding a complex (non-scalar) key
        nodes = documents = depth = longest = breaks = 0
        limits = self.limits
        max_nodes, max_depth, max_string = limits.max_nodes, limits.max_depth, self.max_string
        order, ends, lazy = self.order, self.ends, True
        json_mode, hidden_breaks = self.json_mode, self.hidden_breaks
        maybe_number, constants = _MAYBE_NUMBER, _CONSTANTS
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        # The parser is driven directly: yaml.parse's generator costs a third of the time.
        source = _json_pairs_as_yaml(self.text) if self.json_mode else self.text
        if hidden_breaks:
            source = source.translate(_HIDE_BREAKS)
        self.source = source
        # An anchor starts with "&" and a tag with "!": a text without either has neither.
        props = "&" in source or "!" in source
        # Only an escape can bring a forbidden character into a double-quoted text.
        escapes = "\\" in source
        # Lines where a comment may cut a plain value short (see _comment_cut).
        cut_lines = (
            None
            if self.lines is None
            else {i for i, line in enumerate(self.lines) if " #" in line or "\t#" in line}
        )
        parser = _Parser(source)
        try:
            get_event = parser.get_event
            while True:
                event = get_event()
                kind = type(event)
                if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                    # Where the node starts: libyaml's mark itself, read as a line and column
                    # only when asked for (making a tuple of them for every node cost 70 ms
                    # of reading 5,000 requirements).
                    pos = event.start_mark
                    nodes += 1
                    if nodes > max_nodes:
                        self._too_many_nodes(pos)
                    if props and (event.anchor is not None or event.tag is not None):
                        self._anchor_or_tag(event, kind is scalar_event, pos)
                    if kind is not scalar_event:
                        if skip:
                            skip += 1
                            continue
                        if is_map and key is None:
                            self.problem("key-not-string", msg("key-not-string.complex"), pos)
                            lazy = self._eager()
                            skip = 1
                            continue
                        if depth >= max_depth:
                            self.problem("too-deep", msg("too-deep.limit", limit=max_depth), pos)
                            raise _Stop
                        new: dict | list = {} if kind is mapping_start else []
                        here = self._place(container, is_map, prefix, key, key_pos, root, new, pos)
                        stack.append((container, is_map, pointer, prefix))
                        container, is_map = new, kind is mapping_start
                        pointer, prefix = here, here + "/"
                        key = None
                        depth += 1
                        continue
                    if skip:
                        continue
                    value = event.value
                    if hidden_breaks:
                        value = value.translate(_SHOW_BREAKS)
                    style = event.style
                    if is_map and key is None:
                        # Plain keys that can be neither a number, a boolean nor null, new in
                        # their mapping: the rest is checked.
                        if (
                            style
                            or not value
                            or value[0] in maybe_number
                            or value in constants
                            or value == "<<"
                            or len(value) > max_string
                            or value in container
                        ):
                            key, key_pos = self._key(container, pointer, event, value, pos)
                            lazy = self.lazy
                        else:
                            key, key_pos = value, pos
                        continue
                    size = len(value)
                    if size > longest:
                        longest = size
                    if "\n" in value:
                        breaks += value.count("\n")
                    if (
                        json_mode
                        or (style == '"' and escapes)
                        or size > max_string
                        # A plain value is a constant, or text unless it starts as a number
                        # does: a word such as "flag" or "F-001" is not sent to be resolved.
                        or (not style and (value in constants or value[0] in maybe_number))
                    ):
                        # The value's own place, made only if a problem is found there.
                        child = key if is_map else len(container) if container is not None else None
                        value = self._scalar(event, value, pos, (pointer, child))
                    if not lazy or container is None:
                        self._place(container, is_map, prefix, key, key_pos, root, value, pos)
                    elif is_map:
                        container[key] = value
                        order.append(key_pos)  # type: ignore[arg-type]
                        order.append(pos)
                    else:
                        container.append(value)
                        order.append(pos)
                    if cut_lines is not None and not style and event.end_mark.line in cut_lines:
                        here = self._last_pointer(container, is_map, prefix, key, key_pos)
                        self._comment_cut(event, here, value)
                    key = None
                elif kind is mapping_end or kind is sequence_end:
                    if skip:
                        skip -= 1
                        if skip == 0:  # the complex key's value follows: discard it too
                            key, key_pos = "", None
                        continue
                    if lazy:
                        ends[id(container)] = len(order)
                    container, is_map, pointer, prefix = stack.pop()
                    depth -= 1
                    key = None
                elif kind is alias_event:
                    pos = event.start_mark
                    message = msg("alias.alias", name=event.anchor)
                    self.problem("alias", message, pos, hint=self._quote_hint(pos))
                    if skip:
                        continue
                    if is_map and key is None:
                        key, key_pos = "", None
                        lazy = self._eager()
                        continue
                    self._place(container, is_map, prefix, key, key_pos, root, None, pos)
                    key = None
                elif kind is document_start:
                    documents += 1
                    if documents > 1:
                        message = msg("multiple-documents")
                        self.problem("multiple-documents", message, event.start_mark)
                        raise _Stop
                elif kind is stream_end:
                    break
        finally:
            self.longest, self.line_breaks = longest, breaks
            parser.dispose()

    def _too_many_nodes(self, pos: Mark) -> None:
        limit = self.limits.max_nodes
        self.problem("too-many-nodes", msg("too-many-nodes", limit=limit), pos)
        raise _Stop

    def _anchor_or_tag(self, event: Any, scalar: bool, pos: Mark) -> None:
        """Anchors are refused, and so are tags but a collection's implicit one."""
        if event.anchor is not None:
            message = msg("alias.anchor", name=event.anchor)
            self.problem("alias", message, pos, hint=self._quote_hint(pos))
        if event.tag is not None and not (not scalar and event.implicit):
            self.problem("explicit-tag", msg("explicit-tag", tag=event.tag), pos)

    def _quote_hint(self, pos: Mark) -> Msg:
        """How to keep the rest of the line as text: `"&x text"` (anchors read as text)."""
        from prdkit.yamlerrors import quoted

        line, column = position(pos)
        lines = self.lines if self.lines is not None else self.text.split("\n")
        rest = lines[line - 1][column - 1 :].rstrip() if line <= len(lines) else ""
        return msg("alias.hint", fix=quoted(rest[:80]))

    def _comment_cut(self, event: Any, pointer: str, value: Any) -> None:
        """Note a plain text value followed by ` #` on its line: the comment cut it short.

        A tab before `#` starts a comment just as a space does. Two or more spaces (or any
        two blanks) before `#` are the usual style of a deliberate comment.
        """
        assert self.lines is not None
        end = event.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        if type(value) is str and line[end.column : end.column + 2] in (" #", "\t#"):
            dropped = line[end.column + 1 :].rstrip()
            self.comment_cuts.append((pointer, Span(end.line + 1, end.column + 2), value, dropped))

    def _key(
        self, container: dict, pointer: str, event: Any, value: str, pos: Mark
    ) -> tuple[str, Mark | None]:
        """Accept a mapping key: text only, no merge keys, no duplicates.

        Returns the key and its position; a refused key is `("", None)`.
        """
        if event.implicit[0] and not event.style:
            if value == "<<":
                self.problem("merge-key", msg("merge-key"), pos)
                return self._refused()
            # Most keys start with a letter no number, boolean or null starts with.
            resolved = (
                self._resolve_plain(value, pos, pointer)
                if not value or value[0] in _MAYBE_NOT_TEXT
                else value
            )
            if not isinstance(resolved, str):
                key = "key-not-string.empty" if value == "" else "key-not-string"
                message = msg(key, key=_short(value))
                self.problem("key-not-string", message, pos, pointer)
                return self._refused()
        if event.style == '"' or len(value) > self.max_string:
            self._check_text(value, event.style, pos, (pointer, value))
        if value in container:
            self._eager()
            first = self.keys.get(pointer + "/" + escape_token(value))
            message = (
                msg("duplicate-key.first", key=_short(value), line=str(first[0]))
                if first
                else msg("duplicate-key", key=_short(value))
            )
            self.problem("duplicate-key", message, pos, (pointer, value))
            return self._refused()
        return value, pos

    def _refused(self) -> tuple[str, None]:
        """A refused key: its value is read and kept nowhere."""
        self._eager()
        return "", None

    def _eager(self) -> bool:
        """File every position read so far, and each one from now on, under its pointer."""
        if self.lazy:
            self.lazy = False
            spell(self.root, self.order, self.values, self.keys)
            self.order, self.ends = [], {}
        return False

    def _place(
        self,
        container: Any,
        is_map: bool,
        prefix: str,
        key: str | None,
        key_pos: Mark | None,
        root: list[Any],
        value: Any,
        pos: Mark,
    ) -> str:
        """Put `value` into the open `container` (None: the root); return its pointer."""
        if container is None:
            root.append(value)
            pointer = ""
        elif not is_map:
            pointer = prefix + str(len(container))
            container.append(value)
        elif not key and key_pos is None:  # a refused key: read the value, keep nothing
            return prefix + "~"
        else:
            assert key is not None and key_pos is not None
            pointer = prefix + (escape_token(key) if "~" in key or "/" in key else key)
            container[key] = value
            if self.lazy:
                self.order.append(key_pos)
            else:
                self.keys[pointer] = position(key_pos)
        if self.lazy:
            self.order.append(pos)
        else:
            self.values[pointer] = position(pos)
        return pointer

    @staticmethod
    def _last_pointer(
        container: Any, is_map: bool, prefix: str, key: str | None, key_pos: Mark | None
    ) -> str:
        """The pointer of the value just placed into `container` (see `_place`)."""
        if container is None:
            return ""
        if not is_map:
            return prefix + str(len(container) - 1)
        if not key and key_pos is None:
            return prefix + "~"
        return prefix + escape_token(key)  # type: ignore[arg-type]

    def _scalar(self, event: Any, value: str, pos: Mark, pointer: Place) -> Any:
        style = event.style
        if not style and event.implicit[0]:
            if self.json_mode and not _JSON_LITERAL.match(value):
                self._not_json(value, pos, pointer)
            if not value or value[0] in _MAYBE_NOT_TEXT:
                resolved = self._resolve_plain(value, pos, pointer)
                if type(resolved) is not str:
                    return resolved
        # Only long text and double-quoted escapes can break a rule of `_check_text`.
        if style == '"' or len(value) > self.max_string:
            self._check_text(value, style, pos, pointer)
        return value

    def _resolve_plain(self, value: str, pos: Mark, pointer: Place) -> Any:
        """YAML 1.2 core: null, booleans, integers and finite floats; the rest is text."""
        if value in _CONSTANTS:
            return _CONSTANTS[value]
        if value[0] not in _MAYBE_NUMBER or not _ANY_NUMBER.match(value):
            return value
        digits = self.limits.max_int_digits
        if _INT10.match(value):
            if len(value.lstrip("+-")) > digits:
                self._bad_number(msg("bad-number.digits", limit=digits), pos, pointer)
                return 0
            return int(value)
        if _INT8.match(value) or _INT16.match(value):
            if len(value) - 2 > digits:
                self._bad_number(msg("bad-number.digits", limit=digits), pos, pointer)
                return 0
            return int(value, 0)
        if _FLOAT.match(value):
            if len(value) > digits * 2:
                self._bad_number(msg("bad-number.length", limit=digits * 2), pos, pointer)
                return 0.0
            number = float(value)
            if math.isinf(number):
                self._bad_number(msg("bad-number.large", value=_short(value)), pos, pointer)
                return 0.0
            return number
        if _INF_NAN.match(value):
            self._bad_number(msg("bad-number.infinite", value=value), pos, pointer)
            return 0.0
        return value

    def _not_json(self, value: str, pos: Mark, pointer: Place) -> None:
        """An unquoted word strict JSON refuses: NaN, Infinity, YAML's .inf or 0x1F, bare text."""
        if value.lstrip("+-") in ("NaN", "Infinity"):
            message = msg("json-syntax.infinite", value=value)
        else:
            message = msg("json-syntax.bare", value=_short(value))
        self.problem("json-syntax", message, pos, pointer)

    def _bad_number(self, message: Msg, pos: Mark, pointer: Place) -> None:
        self.problem("bad-number", message, pos, pointer)

    def _check_text(self, value: str, style: str | None, pos: Mark, pointer: Place) -> None:
        if len(value) > self.limits.max_string:
            message = msg("string-too-long", length=len(value), limit=self.limits.max_string)
            self.problem("string-too-long", message, pos, pointer)
        # The raw text was scanned before parsing: only escapes ("\0", "\ud800") of
        # double-quoted scalars can bring a forbidden character in.
        match = _BAD_CHARS.search(value) if style == '"' else None
        if match:
            char = describe_char(match.group())
            written = self._quoted_at(pos)
            letter = _LETTER_ESCAPES.get(match.group())
            if written is not None and letter is not None and f"\\{letter}" in written:
                # A backslash meant as itself, a Windows path most often: "images\return.png".
                from prdkit.yamlerrors import single_quoted

                message = msg("control-character.escaped", escape=f"\\{letter}", char=char)
                slashed = '"' + written.replace("\\\\", "/").replace("\\", "/") + '"'
                hint = msg("yaml-escape.hint", slashed=slashed, single=single_quoted(written))
                self.problem("control-character", message, pos, pointer, hint)
                return
            message = msg("control-character.escape", char=char)
            self.problem("control-character", message, pos, pointer)

    def _quoted_at(self, pos: Mark) -> str | None:
        """The text between the double quotes of the scalar starting at `pos`, as written,
        when it is on one line."""
        if self._written_lines is None:  # split once, however many such problems
            self._written_lines = self.lines or self.text.split("\n")
        lines = self._written_lines
        if pos.line >= len(lines):
            return None
        line = lines[pos.line]
        if line[pos.column : pos.column + 1] != '"':
            return None
        found = _DOUBLE_QUOTED.match(line, pos.column)
        return found.group(1) if found else None


def _short(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
