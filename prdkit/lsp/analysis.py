"""What the language server knows about one open document, free of any protocol types.

Positions here are 0-based lines and code-point columns; the server converts them to the
client's units. Ids, kinds and places come from the loaded data and the schema, not from
the model, so hover, definition and completion keep working while the document is
half-typed and not yet valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prdkit.check import CheckResult, check_bytes
from prdkit.diagnostics import Severity
from prdkit.limits import DEFAULT_LIMITS, Limits
from prdkit.loader import load_bytes
from prdkit.lsp.tokens import ID_CHARS, Tokens
from prdkit.schemapath import item_kind, refers_to, split
from prdkit.source import join

# Stands in for the word being typed, so the loader can say where the cursor is.
_CURSOR = "prdkitCursor"
# Fields that name an item, most telling first.
_TITLE_FIELDS = ("title", "name", "segment", "term", "statement", "question", "item", "action")


@dataclass(frozen=True, slots=True)
class Range:
    """From (line, column) to (line, column), 0-based, end exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Problem:
    """One diagnostic of `validate`, placed as a range."""

    range: Range
    severity: Severity
    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class Item:
    """An item with an id: its kind, title, and where its id is written."""

    id: str
    kind: str
    title: str
    pointer: str
    range: Range


@dataclass(frozen=True, slots=True)
class Symbol:
    """One entry of the outline: a section, a group inside one, or an item."""

    name: str
    detail: str
    kind: str  # "section" | "group" | "item"
    range: Range
    selection: Range
    children: tuple[Symbol, ...] = ()


@dataclass
class Snapshot:
    """One version of a document, checked, with its ids and places indexed."""

    text: str
    result: CheckResult
    items: dict[str, Item] = field(default_factory=dict)
    steps: dict[str, tuple[Item, ...]] = field(default_factory=dict)  # flow pointer → steps
    limits: Limits = DEFAULT_LIMITS  # the team's, as validate would use them
    _by_line: dict[int, list[tuple[str, Any, Any]]] | None = None
    _tokens: Tokens | None = None

    def entries_on(self, line: int) -> list[tuple[str, Any, Any]]:
        """Source-map entries whose value or key starts on 1-based `line` (indexed once)."""
        if self._by_line is None:
            index: dict[int, list[tuple[str, Any, Any]]] = {}
            for entry in self.result.source_map.entries():
                _pointer, value, key = entry
                index.setdefault(value.line, []).append(entry)
                if key is not None and key.line != value.line:
                    index.setdefault(key.line, []).append(entry)
            self._by_line = index
        return self._by_line.get(line, [])

    @property
    def lines(self) -> list[str]:
        """The text split into lines (no line ends)."""
        return self.text.split("\n")

    @property
    def tokens(self) -> Tokens:
        """Where tokens end on each line, each line scanned once (however many are asked)."""
        if self._tokens is None:
            self._tokens = Tokens(self.lines)
        return self._tokens


def _is_folder(path: Path) -> bool:
    # A path the system refuses to look up (over PATH_MAX, from a URI of 10,000 bytes) is
    # no folder: the text is still checked, without its pictures and configuration.
    try:
        return path.is_dir()
    except OSError:
        return False


def analyse(text: str, path: Path | None, previous: Snapshot | None = None) -> Snapshot:
    """Check `text` as `validate` would the file at `path`; ids carried over if it is unreadable."""
    from prdkit.config import DEFAULT_CONFIG, ConfigError, config_for

    config = DEFAULT_CONFIG
    folder = None
    if path is not None and _is_folder(path.parent):
        folder = path.parent  # pictures are looked for beside the file, as validate does
        try:
            config = config_for(path)
        except ConfigError:
            config = DEFAULT_CONFIG  # the CLI reports the broken file; the editor keeps checking
    name = str(path) if path is not None else "untitled.prd.yaml"
    result = check_bytes(
        # A lone surrogate (JSON can carry one) reaches the check as the bytes it stands
        # for, which it reports where they are, as it would in a file.
        text.encode("utf-8", "surrogatepass"),
        name,
        json_mode=name.endswith(".json"),
        config=config,
        limits=config.limits,
        folder=folder,
    )
    snapshot = Snapshot(text, result, limits=config.limits)
    if result.data is None and previous is not None:
        snapshot.items, snapshot.steps = previous.items, previous.steps
    else:
        _index_items(snapshot)
    return snapshot


def _index_items(snapshot: Snapshot) -> None:
    data, source_map = snapshot.result.data, snapshot.result.source_map
    steps: dict[str, list[Item]] = {}
    for pointer, _span, _key in source_map.entries():
        if not pointer.endswith("/id") or not pointer[:-3].rpartition("/")[2].isdigit():
            continue
        owner = pointer[:-3]
        node = value_at(data, owner)
        ident = node.get("id") if isinstance(node, dict) else None
        kind = item_kind(owner)
        if not isinstance(ident, str) or kind is None:
            continue
        span = source_map.value(pointer)
        assert span is not None
        where = token_range(snapshot.tokens, span.line, span.column)
        item = Item(ident, kind, _title(node), owner, where)
        if kind == "step":  # step ids are local to their flow
            steps.setdefault(owner.rsplit("/", 2)[0], []).append(item)
        else:
            snapshot.items.setdefault(ident, item)
    snapshot.steps = {flow: tuple(found) for flow, found in steps.items()}


def _title(node: dict[str, Any]) -> str:
    for name in _TITLE_FIELDS:
        value = node.get(name)
        if isinstance(value, str) and value.strip():
            first = value.strip().splitlines()[0]
            return first if len(first) <= 120 else first[:119] + "…"
    return ""


def value_at(data: Any, pointer: str) -> Any:
    """The value at `pointer` in `data`, or None."""
    for token in split(pointer):
        if isinstance(data, dict):
            data = data.get(token)
        elif isinstance(data, list) and token.isdigit() and int(token) < len(data):
            data = data[int(token)]
        else:
            return None
    return data


def token_range(tokens: Tokens, line: int, column: int) -> Range:
    """The range of the token at 1-based `line`/`column`."""
    start = column - 1
    return Range(line - 1, start, line - 1, tokens.end(line - 1, start))


def problems(snapshot: Snapshot) -> list[Problem]:
    """The diagnostics of `validate` for this version, each with its hint."""
    from prdkit.messages import msg

    tokens = snapshot.tokens
    hint = msg("report.hint").render(snapshot.result.lang)  # "hint: ", "提示："
    found = []
    for d in snapshot.result.diagnostics:
        message = d.message + (f"\n{hint}{d.hint}" if d.hint else "")
        found.append(Problem(token_range(tokens, d.line, d.column), d.severity, d.rule, message))
    return found


def place_at(snapshot: Snapshot, line: int, column: int) -> tuple[str, bool, Range] | None:
    """The pointer of the scalar or mapping key under the cursor, whether a key, and its range."""
    best: tuple[int, int, str, bool] | None = None
    for pointer, value, key in snapshot.entries_on(line + 1):
        for span, is_key in ((value, False), (key, True)):
            if span is None or span.line != line + 1 or span.column - 1 > column:
                continue
            candidate = (span.column - 1, len(pointer), pointer, is_key)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return None
    start, _, pointer, is_key = best
    end = snapshot.tokens.end(line, start)
    if column > end:
        return None
    return pointer, is_key, Range(line, start, line, end)


def _referenced(snapshot: Snapshot, line: int, column: int) -> tuple[str, Range, str] | None:
    """The id under the cursor when it is a reference or an item's own id: (id, range, pointer)."""
    place = place_at(snapshot, line, column)
    if place is None:
        return None
    pointer, is_key, where = place
    if is_key:
        word = split(pointer)[-1]
        if not refers_to(pointer, key=True):
            return None
    else:
        word = value_at(snapshot.result.data, pointer)
        if not isinstance(word, str):
            return None
        if not (pointer.endswith("/id") or refers_to(pointer)):
            return None
    return word, where, pointer


def _target(snapshot: Snapshot, word: str, pointer: str) -> Item | None:
    if refers_to(pointer) == ("step",):
        flow = "/".join(pointer.split("/")[:3])
        return next((s for s in snapshot.steps.get(flow, ()) if s.id == word), None)
    if pointer.endswith("/id") and item_kind(pointer[:-3]) == "step":
        flow = pointer.rsplit("/", 3)[0]
        return next((s for s in snapshot.steps.get(flow, ()) if s.id == word), None)
    return snapshot.items.get(word)


def hover(snapshot: Snapshot, line: int, column: int) -> tuple[str, Range] | None:
    """Markdown naming the item an id under the cursor stands for: its title and kind."""
    from prdkit.messages import Kind, Listing, kind_words, msg

    found = _referenced(snapshot, line, column)
    if found is None:
        return None
    word, where, pointer = found
    lang = snapshot.result.lang
    item = _target(snapshot, word, pointer)
    if item is None:
        names = tuple(kind_words(k, lang) for k in refers_to(pointer) or ("item",))
        kinds = Listing(names, "or", quoted=False)
        return msg("lsp.unknown", kinds=kinds, id=word).render(lang), where
    title = f"**{_escape(item.title)}**\n\n" if item.title else ""
    said = msg("lsp.item", kind=Kind(item.kind), id=item.id, line=item.range.start_line + 1)
    return title + said.render(lang), where


def _escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def definition(snapshot: Snapshot, line: int, column: int) -> Range | None:
    """Where the item named by the reference under the cursor is defined (its `id`)."""
    found = _referenced(snapshot, line, column)
    if found is None:
        return None
    item = _target(snapshot, found[0], found[2])
    return item.range if item is not None else None


def completion(snapshot: Snapshot, text: str, line: int, column: int) -> list[Item] | None:
    """Ids that fit the reference field under the cursor (None: not a reference field)."""
    lines = text.split("\n")
    if line >= len(lines):
        return None
    current = lines[line]
    column = min(column, len(current))
    start = column
    while start > 0 and current[start - 1] in ID_CHARS:
        start -= 1
    end = column
    while end < len(current) and current[end] in ID_CHARS:
        end += 1
    pointer = _pointer_of_cursor(lines, line, start, end, snapshot.limits)
    if pointer is None:
        return None
    kinds = refers_to(pointer)
    if not kinds:
        return None
    if kinds == ("step",):
        flow = "/".join(pointer.split("/")[:3])
        return list(snapshot.steps.get(flow, ()))
    return [item for item in snapshot.items.values() if item.kind in kinds]


def _pointer_of_cursor(
    lines: list[str], line: int, start: int, end: int, limits: Limits
) -> str | None:
    """Load the text with the word under the cursor replaced; find the pointer of that value."""
    current = lines[line]
    before, after = current[:start], current[end:]
    # A value just opened (`- `, `key: `, `[a, `) may need a space or a closing bracket.
    pad = "" if before.endswith((" ", "[", "{")) or not before.strip() else " "
    attempts = [before + pad + _CURSOR + after]
    opened = before.count("[") - before.count("]") - after.count("]")
    if opened > 0:
        attempts.append(before + pad + _CURSOR + after + "]" * opened)
    for attempt in attempts:
        patched = "\n".join([*lines[:line], attempt, *lines[line + 1 :]])
        loaded = load_bytes(patched.encode("utf-8"), limits=limits)
        if loaded.data is None:
            continue
        column = len(before + pad) + 1
        for pointer, span, _key in loaded.source_map.entries():
            if span.line == line + 1 and span.column == column:
                return pointer
    return None


def symbols(snapshot: Snapshot) -> list[Symbol]:
    """The outline: each section, its groups (findings, milestones, roles…) and its items."""
    data, source_map = snapshot.result.data, snapshot.result.source_map
    if not isinstance(data, dict):
        return []
    lines = snapshot.lines
    last = _last_line(lines)
    keys = [k for k in data if source_map.key(join("", k)) is not None]
    starts = [source_map.key(join("", k)).line - 1 for k in keys]  # type: ignore[union-attr]
    outline = []
    for n, key in enumerate(keys):
        end = _end_before(lines, starts[n + 1]) if n + 1 < len(keys) else last
        outline.append(_section(snapshot, join("", key), key, starts[n], end))
    return outline


def _section(snapshot: Snapshot, pointer: str, name: str, first: int, end: int) -> Symbol:
    lines = snapshot.lines
    data, source_map = snapshot.result.data, snapshot.result.source_map
    value = value_at(data, pointer)
    key = source_map.key(pointer)
    assert key is not None
    selection = Range(first, key.column - 1, first, key.column - 1 + len(name))
    whole = Range(first, 0, end, len(lines[end]) if end < len(lines) else 0)
    children: list[Symbol] = []
    if isinstance(value, list):
        children = _items_of(snapshot, pointer, value, end)
    elif isinstance(value, dict):
        groups = [
            k for k, v in value.items() if isinstance(v, list) and source_map.key(join(pointer, k))
        ]
        for n, group in enumerate(groups):
            here = join(pointer, group)
            start = source_map.key(here).line - 1  # type: ignore[union-attr]
            nxt = source_map.key(join(pointer, groups[n + 1])) if n + 1 < len(groups) else None
            stop = _end_before(lines, nxt.line - 1) if nxt else end
            items = _items_of(snapshot, here, value[group], stop)
            if items:
                sub = _section(snapshot, here, group, start, stop)
                children.append(Symbol(group, "", "group", sub.range, sub.selection, tuple(items)))
    kind = "section"
    detail = f"{len(value)} items" if isinstance(value, list) else ""
    return Symbol(name, detail, kind, whole, selection, tuple(children))


def _items_of(snapshot: Snapshot, pointer: str, values: list[Any], end: int) -> list[Symbol]:
    lines, source_map = snapshot.lines, snapshot.result.source_map
    spans = [source_map.value(join(pointer, i)) for i in range(len(values))]
    found = []
    for i, value in enumerate(values):
        ident = value.get("id") if isinstance(value, dict) else None
        span, id_span = spans[i], source_map.value(join(pointer, i, "id"))
        if not isinstance(ident, str) or span is None or id_span is None:
            continue
        following = next((s for s in spans[i + 1 :] if s is not None), None)
        stop = _end_before(lines, following.line - 1) if following else end
        whole = Range(span.line - 1, span.column - 1, stop, len(lines[stop]))
        selection = token_range(snapshot.tokens, id_span.line, id_span.column)
        title = _title(value)
        found.append(Symbol(ident, title, "item", whole, selection))
    return found


def _end_before(lines: list[str], line: int) -> int:
    """The last line before `line` that holds something (not blank, not a comment)."""
    end = max(line - 1, 0)
    while end > 0 and (not lines[end].strip() or lines[end].lstrip().startswith("#")):
        end -= 1
    return end


def _last_line(lines: list[str]) -> int:
    return _end_before(lines, len(lines))


def severity_rank(severity: Severity) -> int:
    """LSP's DiagnosticSeverity number for a prdkit severity."""
    return {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}[severity]
