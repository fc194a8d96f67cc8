"""A DocumentDiff as text for a terminal, Markdown for a pull-request comment, or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from prdkit.diff.changes import MISSING, AreaChange, DocumentDiff, FieldChange, ItemChange
from prdkit.reporters import clean

SHORT = 60  # characters of a value shown in text and Markdown
MD_BUDGET = 60_000  # GitHub refuses comments past 65,536 characters
_MARK = {"added": "+", "removed": "-", "changed": "~"}


def short(value: Any, limit: int = SHORT) -> str:
    """A value on one line, at most `limit` characters, safe to print."""
    if value is MISSING:
        return "(none)"
    if isinstance(value, str):
        text = " ".join(value.split()) or '""'
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return clean(text, limit)


def short_pair(old: Any, new: Any, limit: int = SHORT) -> tuple[str, str]:
    """Two values shortened alike; long texts are shown from just before they first differ."""
    if not (isinstance(old, str) and isinstance(new, str)):
        return short(old, limit), short(new, limit)
    a, b = " ".join(old.split()), " ".join(new.split())
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    start = max(0, common - 12) if max(len(a), len(b)) > limit else 0
    space = a.rfind(" ", max(0, start - 16), start)
    if space >= 0:
        start = space + 1  # begin at a word, where the text has words
    if start:
        a, b = "…" + a[start:], "…" + b[start:]
    return short(a, limit), short(b, limit)


def _shows_label(item: ItemChange) -> bool:
    return bool(item.label) and item.label != item.key


def _counts(diff: DocumentDiff) -> str:
    return ", ".join(f"{diff.count(c)} {c}" for c in ("added", "removed", "changed"))


def _headline(diff: DocumentDiff) -> Iterator[tuple[str, Any, Any]]:
    for name, pair in (("status", diff.status), ("version", diff.version)):
        if pair is not None:
            yield name, pair[0], pair[1]


# ---- text ------------------------------------------------------------------------------------


def _text_field(change: FieldChange) -> str:
    if change.added or change.removed:
        moves = [f"+{short(v)}" for v in change.added] + [f"-{short(v)}" for v in change.removed]
        return f"{clean(change.field)}: {' '.join(moves)}"
    old, new = short_pair(change.old, change.new)
    return f"{clean(change.field)}: {old} → {new}"


def render_text(diff: DocumentDiff) -> str:
    """A unified-diff-like listing: one line per item, indented field changes."""
    lines = [f"--- {clean(diff.old_name)}", f"+++ {clean(diff.new_name)}"]
    lines += [f"{name}: {short(old)} → {short(new)}" for name, old, new in _headline(diff)]
    for area in diff.areas:
        lines.append(f"[{clean(area.area)}]")
        for item in area.items:
            if item.key is None:
                lines += [f"  ~ {_text_field(f)}" for f in item.fields]
                continue
            label = f"  {short(item.label)}" if _shows_label(item) else ""
            lines.append(f"  {_MARK[item.change]} {clean(item.key)}{label}")
            lines += [f"      {_text_field(f)}" for f in item.fields]
    lines.append("no changes" if diff.empty else _counts(diff))
    return "\n".join(lines) + "\n"


# ---- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&@$])")


def md_text(text: str) -> str:
    """Document text as literal Markdown inline text (no markup, no HTML, no table breaks)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(text: str) -> str:
    """Text as a code span that survives a GFM table cell."""
    text = text.replace("|", "\\|")
    ticks = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (ticks + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _title(area: str) -> str:
    words = [part.replace("_", " ") for part in area.split(".")]
    return md_text(" › ".join([words[0][:1].upper() + words[0][1:], *words[1:]]))


def _md_values(change: FieldChange) -> tuple[str, str]:
    if change.added or change.removed:
        removed = ", ".join(f"−{md_code(short(v))}" for v in change.removed)
        added = ", ".join(f"+{md_code(short(v))}" for v in change.added)
        return removed, added
    old, new = short_pair(change.old, change.new)
    return (
        "" if change.old is MISSING else md_code(old),
        "" if change.new is MISSING else md_code(new),
    )


def _md_rows(item: ItemChange) -> Iterator[str]:
    name = ""
    if item.key is not None:
        name = md_code(short(item.key))
        if _shows_label(item):
            name += " " + md_text(short(item.label or ""))
    if not item.fields:
        yield f"| {item.change} | {name} | | | |"
        return
    for number, field in enumerate(item.fields):
        old, new = _md_values(field)
        first = number == 0
        yield (
            f"| {item.change if first else ''} | {name if first else ''}"
            f" | {md_code(short(field.field))} | {old} | {new} |"
        )


def _md_area(area: AreaChange) -> list[str]:
    lines = ["", f"### {_title(area.area)}", ""]
    lines += ["| Change | Item | Field | Old | New |", "| --- | --- | --- | --- | --- |"]
    for item in area.items:
        lines.extend(_md_rows(item))
    return lines


def render_markdown(diff: DocumentDiff) -> str:
    """A pull-request comment: heading, summary line, a table per changed area."""
    title = md_text(short(diff.title)) if diff.title else md_code(short(diff.new_name))
    lines = [f"## PRD changes: {title}", ""]
    lines.append(f"{md_code(short(diff.old_name))} → {md_code(short(diff.new_name))}")
    headline = [
        f"**{name.capitalize()}:** {md_code(short(old))} → {md_code(short(new))}"
        for name, old, new in _headline(diff)
    ]
    if headline:
        lines += ["", " · ".join(headline)]
    if diff.empty:
        lines += ["", "No changes."]
        return "\n".join(lines) + "\n"
    if not diff.areas:
        lines += ["", "No other changes."]
        return "\n".join(lines) + "\n"
    areas = ", ".join(_title(a.area) for a in diff.areas)
    count = f"{len(diff.areas)} area" + ("s" if len(diff.areas) > 1 else "")
    lines += ["", f"**{_counts(diff)}** items in {count}: {areas}."]
    size = sum(len(line) + 1 for line in lines)
    for number, area in enumerate(diff.areas):
        block = _md_area(area)
        cost = sum(len(line) + 1 for line in block)
        if size + cost > MD_BUDGET:
            rest = len(diff.areas) - number
            lines += ["", f"*{rest} more areas not shown; run `prdkit diff` for all of them.*"]
            break
        lines += block
        size += cost
    return "\n".join(lines) + "\n"


# ---- JSON --------------------------------------------------------------------------------------


def _json_field(change: FieldChange) -> dict[str, Any]:
    out: dict[str, Any] = {"field": change.field, "path": list(change.path)}
    if change.old is not MISSING:
        out["old"] = change.old
    if change.new is not MISSING:
        out["new"] = change.new
    if change.added or change.removed:
        out["added"], out["removed"] = list(change.added), list(change.removed)
    return out


def render_json(diff: DocumentDiff) -> str:
    """One JSON document with full (unshortened) values."""

    def pair(value: tuple[Any, Any] | None) -> dict[str, Any] | None:
        if value is None:
            return None
        return {k: v for k, v in zip(("old", "new"), value, strict=True) if v is not MISSING}

    document = {
        "old": diff.old_name,
        "new": diff.new_name,
        "title": diff.title,
        "status": pair(diff.status),
        "version": pair(diff.version),
        "summary": {c: diff.count(c) for c in ("added", "removed", "changed")},
        "areas": [
            {
                "area": area.area,
                "items": [
                    {
                        "change": item.change,
                        "key": item.key,
                        "label": item.label,
                        "pointer": item.pointer,
                        "fields": [_json_field(f) for f in item.fields],
                    }
                    for item in area.items
                ],
            }
            for area in diff.areas
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"


FORMATTERS: dict[str, Callable[[DocumentDiff], str]] = {
    "text": render_text,
    "md": render_markdown,
    "json": render_json,
}
