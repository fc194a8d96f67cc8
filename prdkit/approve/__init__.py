"""Sign-off: record an approval with the document's digest, editing the YAML in place.

The edit is text surgery, not a YAML round trip: only the lines of one approvals entry
are written (or a new section appended), so every other byte — comments, quoting, key
order, blank lines, line endings — stays exactly as the author left it. Before anything
is written the result is read back and must differ from the original only in that entry.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from prdkit.approve.emit import block_entry, flow_entry
from prdkit.approve.locate import Layout, LayoutError, locate
from prdkit.approve.status import ApprovalState, approval_states, describe
from prdkit.config import DEFAULT_CONFIG, Config
from prdkit.diagnostics import Severity
from prdkit.digest import digest
from prdkit.errors import PrdkitError
from prdkit.loader import Loaded, describe_char, load_bytes
from prdkit.messages import msg
from prdkit.ruletable import SIGNOFF_RULES

_ORDER = ("name", "role", "decision", "date", "comment", "digest")
_BOM = b"\xef\xbb\xbf"
# Reading limits a sign-off can push a document past: refused, not retried another way.
_LIMIT_RULES = frozenset({"file-too-large", "too-many-nodes", "string-too-long"})
# Every control (C0, DEL, C1 with NEL) and the Unicode line and paragraph separators.
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_C1 = re.compile("[\x80-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class ApproveError(PrdkitError):
    """A sign-off that cannot be recorded; `code` is the exit code (1 invalid, 2 refused)."""


@dataclass(frozen=True)
class Signoff:
    """What the approver asks to record."""

    name: str
    date: str
    decision: str = "approved"  # or "rejected"
    role: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Recorded:
    """The edited file and what went into it."""

    content: bytes
    entry: dict[str, Any]
    digest: str
    replaced: bool
    line: int
    language: object = None  # the document's `meta.language`, as written


def load_for_approval(
    raw: bytes,
    file: str,
    *,
    json_mode: bool = False,
    config: Config = DEFAULT_CONFIG,
    size: int = 0,
    lang: str | None = None,
) -> Loaded:
    """The loaded document (read with the configured limits), or ApproveError (exit 1);
    its diagnostics in `lang` (the run's `--lang`), else the document's language."""
    limits = config.limits
    loaded = load_bytes(raw, json_mode=json_mode, limits=limits, size=size)
    if not loaded.ok:
        from prdkit.check import check_bytes

        report = check_bytes(
            raw, file, json_mode=json_mode, config=config, limits=limits, size=size, lang=lang
        )
        raise ApproveError(msg("approve.does-not-load", file=file), 1, [report], report.lang)
    return loaded


def _well_formed(
    raw: bytes, file: str, loaded: Loaded, config: Config, size: int, lang: str | None, name: str
) -> None:
    """Refuse to approve a document the schema refuses (exit 1, with its diagnostics): a
    sign-off on it would vouch for a text that fails every check. The semantic rules do not
    stop a sign-off, since some (a missing approval) are met by it; a rejection is always
    recorded."""
    from prdkit import schema

    # An empty `approvals:` is the sign-off's to fill, and the approver's own entry is the
    # sign-off's to replace; the other entries are not.
    approvals = loaded.data.get("approvals") if isinstance(loaded.data, dict) else None
    own = {
        f"/approvals/{i}"
        for i, entry in enumerate(approvals if isinstance(approvals, list) else [])
        if isinstance(entry, dict) and entry.get("name") == name
    }
    if all(
        f.pointer == "/approvals" or "/".join(f.pointer.split("/")[:3]) in own
        for f in schema.check(loaded.data)
    ):
        return
    from prdkit.check import check_bytes

    report = check_bytes(raw, file, config=config, limits=config.limits, size=size, lang=lang)
    meta = loaded.data.get("meta") if isinstance(loaded.data, dict) else None
    language = meta.get("language") if isinstance(meta, dict) else None
    raise ApproveError(msg("approve.invalid", file=file), 1, [report], language or report.lang)


def new_entry(signoff: Signoff, current: str, previous: dict[str, Any] | None) -> dict[str, Any]:
    """The entry to record; role (and comment, for the same decision) carry over from before."""
    previous = previous or {}
    role = signoff.role if signoff.role is not None else previous.get("role")
    comment = signoff.comment
    if comment is None and previous.get("decision") == signoff.decision:
        comment = previous.get("comment")
    values = {
        "name": signoff.name,
        "role": role,
        "decision": signoff.decision,
        "date": signoff.date,
        "comment": comment,
        "digest": current,
    }
    entry = {key: values[key] for key in _ORDER if values[key] is not None}
    # Extension keys are the author's: kept, after the format's own fields.
    entry.update({k: v for k, v in previous.items() if isinstance(k, str) and k.startswith("x-")})
    return entry


def _checked(signoff: Signoff) -> Signoff:
    """`signoff` with its comment's line endings as the loader reads them; bad text refused.

    A name or role is one line: a line break or control there shows as an extra line of the
    approvals table and the sign-off summary, where an approval can be forged. A comment is
    Markdown and may span lines, with the controls a document may hold (tab, line feed).
    """
    comment = signoff.comment
    if comment is not None:
        comment = comment.replace("\r\n", "\n").replace("\r", "\n")
    _check_line("--name", signoff.name)
    _check_line("--role", signoff.role)
    for option, value in (
        ("--name", signoff.name),
        ("--role", signoff.role),
        ("--comment", comment),
    ):
        _check_text(option, value)
    return replace(signoff, comment=comment)


def _check_line(option: str, value: str | None) -> None:
    bad = _NOT_ONE_LINE.search(value or "")
    if bad:
        kind = "break" if bad.group() in _LINE_BREAKS else "control"
        what = msg(f"approve.not-one-line.{kind}")
        char = describe_char(bad.group())
        raise ApproveError(msg("approve.not-one-line", option=option, what=what, char=char))


def _check_text(option: str, value: str | None) -> None:
    if value is None:
        return
    if _SURROGATE.search(value):  # bytes the command line could not decode
        raise ApproveError(msg("approve.not-utf8", option=option))
    # C1 controls are refused raw in a document; the escaped form below would let them by.
    bad = _C1.search(value)
    if bad:
        message = msg("control-character.escape", char=describe_char(bad.group()))
        raise ApproveError(msg("file.problem", path=option, problem=message))
    # The loader is the one judge of what text may hold; ask it about this value alone.
    probe = load_bytes(json.dumps({"v": value}).encode("ascii"), json_mode=True)
    if not probe.ok:
        raise ApproveError(msg("file.problem", path=option, problem=probe.problems[0][0].message))


def record(
    raw: bytes,
    signoff: Signoff,
    *,
    file: str = "<document>",
    config: Config = DEFAULT_CONFIG,
    size: int = 0,
    lang: str | None = None,
) -> Recorded:
    """The file content with `signoff` recorded; raises ApproveError, never returns bad YAML.
    Diagnostics that explain a refusal are in `lang`, else the document's language."""
    loaded = load_for_approval(raw, file, config=config, size=size, lang=lang)
    data = loaded.data
    try:
        signoff = _checked(signoff)
    except ApproveError as exc:  # said in the document's language, as every other refusal
        head = data.get("meta") if isinstance(data, dict) else None
        found = head.get("language") if isinstance(head, dict) else None
        raise ApproveError(exc.message, exc.code, language=lang or found) from None
    if signoff.decision == "approved":
        _well_formed(raw, file, loaded, config, size, lang, signoff.name)
    meta = data.get("meta")
    language = meta.get("language") if isinstance(meta, dict) else None
    approvals = data.get("approvals")
    if approvals is not None and not isinstance(approvals, list):
        raise ApproveError(msg("approve.not-a-list", file=file), 1, language=language)
    approvals = list(approvals or [])
    matches = [
        i for i, a in enumerate(approvals) if isinstance(a, dict) and a.get("name") == signoff.name
    ]
    if len(matches) > 1:
        lines = ", ".join(str(loaded.source_map.nearest(f"/approvals/{i}").line) for i in matches)
        raise ApproveError(
            msg(
                "approve.signs-twice", file=file, name=signoff.name, count=len(matches), lines=lines
            ),
            language=language,
        )
    current = digest(data)
    index = matches[0] if matches else len(approvals)
    entry = new_entry(signoff, current, approvals[index] if matches else None)
    expected = [*approvals[:index], entry, *approvals[index + 1 :]]
    try:
        layout = locate(loaded.text)
    except LayoutError as exc:
        raise ApproveError(
            msg("approve.cannot-edit", file=file, reason=exc.args[0]), language=language
        ) from None
    text_raw = (raw[3:] if raw.startswith(_BOM) else raw).decode("utf-8")
    for start, end, replacement in _splices(loaded.text, layout, entry, matches):
        content = _apply(raw, text_raw, start, end, replacement)
        reread = load_bytes(content, limits=config.limits)
        if not reread.ok and reread.problems[0][0].rule in _LIMIT_RULES:
            _refuse(file, reread.problems[0][0].message, language)
        if reread.ok and _only_approvals_changed(data, reread.data, expected):
            _check_entry(content, file, index, config, language)
            line = reread.source_map.nearest(f"/approvals/{index}").line
            return Recorded(content, entry, current, bool(matches), line, language)
    raise ApproveError(
        msg("approve.by-hand", file=file, entry=json.dumps(entry, ensure_ascii=False)),
        language=language,
    )


def _refuse(file: str, problem: object, language: object) -> None:
    raise ApproveError(
        msg("approve.would-be-invalid", file=file, problem=problem), language=language
    )


def _check_entry(content: bytes, file: str, index: int, config: Config, language: object) -> None:
    """Refuse an entry the document's own checks reject (a comment past its limits, say).

    Sign-off rules are left out: a rejection of an approved document is meant to fail it.
    """
    from prdkit.check import check_bytes

    at = f"/approvals/{index}"
    result = check_bytes(content, file, config=config, limits=config.limits)
    for d in result.diagnostics:
        inside = d.pointer == at or d.pointer.startswith(at + "/")
        if inside and d.severity is Severity.ERROR and d.rule not in SIGNOFF_RULES:
            _refuse(file, f"{d.rule}: {d.message}", language)


def _splices(
    text: str, layout: Layout, entry: dict[str, Any], matches: list[int]
) -> Iterator[tuple[int, int, str]]:
    """Candidate edits `(start, end, replacement)` of the normalised text, best first."""
    dash = layout.dash_column if layout.dash_column is not None else layout.root_column + 2
    block = block_entry(entry, dash, layout.key_offset)
    if layout.kind == "absent":
        at = layout.append_at
        head = text[:at]
        newline = "\n" if head and not head.endswith("\n") else ""
        key = " " * layout.root_column + "approvals:\n"
        if not head.endswith("\n\n"):
            yield at, at, newline + "\n" + key + block
        # Without the blank line, for a document ending in a keep-chomped (`|+`) block.
        yield at, at, newline + key + block
        return
    if layout.kind == "null" or (layout.kind == "flow" and not layout.entries):
        # `approvals:`, `approvals: ~` and `approvals: []` become a block list.
        colon = text.index(":", layout.key_end or 0) + 1
        end = _line_end(text, max(layout.value_end - 1, colon))
        tail = text[max(layout.value_end, colon) : end]
        yield colon, end, (tail if tail.endswith("\n") else tail + "\n") + block
        return
    if layout.kind == "flow":
        if matches:
            item = layout.entries[matches[0]]
            yield item.start, item.end, flow_entry(entry)
        else:
            yield layout.entries[-1].end, layout.entries[-1].end, ", " + flow_entry(entry)
        return
    if matches:
        item = layout.entries[matches[0]]
        start = _line_start(text, _dash_before(text, item.start))
        yield start, _line_end(text, _content_end(text, item.start, item.end)), block
        return
    last = layout.entries[-1]
    at = _line_end(text, _content_end(text, last.start, last.end))
    yield at, at, ("\n" if at == len(text) and not text.endswith("\n") else "") + block


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The offset just past the newline ending the line that holds `index`."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _content_end(text: str, start: int, end: int) -> int:
    """The last character of an entry, before the blank lines a block scalar swallows."""
    while end > start + 1 and text[end - 1] in " \t\n":
        end -= 1
    return end - 1


def _dash_before(text: str, index: int) -> int:
    """The `-` of a block list item whose content starts at `index`."""
    k = index
    while k > 0 and text[k - 1] in " \t\n":
        k -= 1
    return k - 1 if k > 0 and text[k - 1] == "-" else index


def _apply(raw: bytes, text_raw: str, start: int, end: int, replacement: str) -> bytes:
    """Splice into the original text, keeping its BOM and its line endings."""
    if "\r" in text_raw:
        newline = "\r\n" if "\r\n" in text_raw else "\r"
        replacement = replacement.replace("\n", newline)
        start, end = _raw_offset(text_raw, start), _raw_offset(text_raw, end)
    spliced = text_raw[:start] + replacement + text_raw[end:]
    return (_BOM if raw.startswith(_BOM) else b"") + spliced.encode("utf-8")


def _raw_offset(text_raw: str, index: int) -> int:
    """Offset in the original text of offset `index` in the loader's (CRLF → LF) text."""
    position = 0
    for _ in range(index):
        position += 2 if text_raw.startswith("\r\n", position) else 1
    return position


def _canonical(value: Any) -> str:
    # json, not ==: `True == 1` and key order must both count as changes.
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _only_approvals_changed(old: Any, new: Any, expected: list[Any]) -> bool:
    if not isinstance(new, dict):
        return False
    rest_old = {k: v for k, v in old.items() if k != "approvals"}
    rest_new = {k: v for k, v in new.items() if k != "approvals"}
    return _canonical(rest_old) == _canonical(rest_new) and _canonical(
        new.get("approvals")
    ) == _canonical(expected)


def approve_file(
    path: Path, signoff: Signoff, config: Config = DEFAULT_CONFIG, lang: str | None = None
) -> Recorded:
    """Record `signoff` in the YAML file at `path`, written atomically; JSON is refused
    (diagnostics of a refusal in `lang`, else the document's language).

    Read, check and write happen under a lock, so concurrent sign-offs all survive; the
    file is read again just before the write, so an editor that ignores the lock loses
    nothing either (the sign-off is refused instead).
    """
    from prdkit.check import read_document, size_if_cut
    from prdkit.outputs import locked, write_atomic

    limits = config.limits
    if path.name.endswith(".json"):
        raw = read_document(path, limits)
        size = size_if_cut(path, raw, limits)
        loaded = load_for_approval(raw, str(path), json_mode=True, config=config, size=size)
        entry = (
            f'{{"name": ..., "decision": "{signoff.decision}",'
            f' "date": "{signoff.date}", "digest": "{digest(loaded.data)}"}}'
        )
        meta = loaded.data.get("meta") if isinstance(loaded.data, dict) else None
        raise ApproveError(
            msg("approve.json", file=str(path), entry=entry),
            language=meta.get("language") if isinstance(meta, dict) else None,
        )
    with locked(path):
        raw = read_document(path, limits)
        size = size_if_cut(path, raw, limits)
        recorded = record(raw, signoff, file=str(path), config=config, size=size, lang=lang)
        held = os.stat(path)
        if read_document(path, limits) != raw:
            raise ApproveError(msg("approve.changed", file=str(path)), language=recorded.language)
        # An in-place edit keeps the file's permissions, set before the rename: a private
        # document is never readable by others, not even for a moment. It keeps its owner
        # too, where the system lets: an administrator's sign-off does not take it over.
        write_atomic(
            path,
            recorded.content,
            mode=stat.S_IMODE(held.st_mode),
            owner=(held.st_uid, held.st_gid),
        )
    return recorded


__all__ = [
    "ApprovalState",
    "ApproveError",
    "Recorded",
    "Signoff",
    "approval_states",
    "approve_file",
    "describe",
    "record",
]
