"""A DocumentDiff as text for a terminal, Markdown for a pull-request comment, or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from prdkit.diff.changes import MISSING, AreaChange, DocumentDiff, FieldChange, ItemChange
from prdkit.i18n import LABELS, label, punct
from prdkit.messages import msg
from prdkit.reporters import clean

SHORT = 60  # characters of a value shown in text and Markdown
MD_BUDGET = 60_000  # GitHub refuses comments past 65,536 characters
_MARK = {"added": "+", "removed": "-", "changed": "~"}
CHANGES = ("added", "removed", "changed")


def say(key: str, lang: str, /, **params: Any) -> str:
    """A diff message of the catalogue in `lang`."""
    return msg(key, **params).render(lang)


def short(value: Any, limit: int = SHORT, lang: str = "en") -> str:
    """A value on one line, at most `limit` characters, safe to print."""
    if value is MISSING:
        return say("diff.none", lang)
    return clean(_plainly(value), limit)


def _plainly(value: Any) -> str:
    """A record or a list as a reviewer reads it: `name: Pickup badge; kind: banner`, not
    JSON with its braces, quotes and escapes; numbers, true and false as the source has them."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_plainly(item)}" for key, item in value.items()) or "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_plainly(item) for item in value) + "]"
    if isinstance(value, str):
        return " ".join(value.split()) or '""'
    return json.dumps(value, ensure_ascii=False, default=str)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def short_pair(old: Any, new: Any, limit: int = SHORT, lang: str = "en") -> tuple[str, str]:
    """Two values shortened alike; long texts are shown from just before they first differ."""
    if not (isinstance(old, str) and isinstance(new, str)):
        pair = short(old, limit, lang), short(new, limit, lang)
        if pair[0] == pair[1] and old is not MISSING and new is not MISSING:
            # Values that read alike and differ (["1"] and [1], a mapping and its words):
            # as JSON, quotes and braces telling them apart.
            pair = tuple(clean(_json(v), limit) for v in (old, new))  # type: ignore[assignment]
        return pair
    a, b = " ".join(old.split()), " ".join(new.split())
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    start = max(0, common - 12) if max(len(a), len(b)) > limit else 0
    space = a.rfind(" ", max(0, start - 16), start)
    if space >= 0:
        start = space + 1  # begin at a word, where the text has words
    elif start <= 16:
        start = 0  # a few words in: from the beginning ("Ready in 2 hours", not "…y in 2")
    if start:
        a, b = "…" + a[start:], "…" + b[start:]
    return short(a, limit), short(b, limit)


def _shows_label(item: ItemChange) -> bool:
    return bool(item.label) and item.label != item.key


def _counts(diff: DocumentDiff, lang: str) -> str:
    return say("diff.counts", lang, **{c: diff.count(c) for c in CHANGES})


def _headline(diff: DocumentDiff) -> Iterator[tuple[str, Any, Any]]:
    for name, pair in (("status", diff.status), ("version", diff.version)):
        if pair is not None:
            yield name, pair[0], pair[1]


# ---- text ------------------------------------------------------------------------------------


def _named(change: FieldChange, lang: str) -> bool:
    """Whether the field is shown by its heading too: every field in Chinese, a team's own
    (`x-jira`, by its label `Jira`) in English as well."""
    if not change.heading or change.heading == change.field:
        return False
    return lang == "zh" or change.field.startswith("x-")


def _text_name(change: FieldChange, lang: str) -> str:
    # Chinese adds the name the rendered document heads the field with: 优先级（priority）.
    if _named(change, lang):
        if lang != "zh":
            return f"{clean(change.heading)} ({clean(change.field)})"
        return f"{clean(change.heading)}（{clean(change.field)}）"
    return clean(change.field)


def _text_field(change: FieldChange, lang: str) -> str:
    if change.added or change.removed:
        moves = [f"+{short(v)}" for v in change.added] + [f"-{short(v)}" for v in change.removed]
        return f"{_text_name(change, lang)}: {' '.join(moves)}"
    old, new = short_pair(change.old, change.new, lang=lang)
    return f"{_text_name(change, lang)}: {old} → {new}"


def render_text(diff: DocumentDiff, lang: str = "en") -> str:
    """A unified-diff-like listing: one line per item, indented field changes.

    Field names stay as the source spells them, in Chinese after the name the rendered
    document gives them; the words around them are `lang`'s.
    """
    lines = [f"--- {clean(diff.old_name)}", f"+++ {clean(diff.new_name)}"]
    lines += [
        say(f"diff.{name}", lang, old=short(old, lang=lang), new=short(new, lang=lang))
        for name, old, new in _headline(diff)
    ]
    for area in diff.areas:
        # English names an area by its key, as the source does; Chinese by its heading.
        lines.append(f"[{clean(_area_words(area.area) if lang == 'zh' else area.area)}]")
        for item in area.items:
            if item.key is None:
                lines += [f"  ~ {_text_field(f, lang)}" for f in item.fields]
                continue
            shown = f"  {short(item.label)}" if _shows_label(item) else ""
            lines.append(f"  {_MARK[item.change]} {clean(item.key)}{shown}")
            lines += [f"      {_text_field(f, lang)}" for f in item.fields]
    lines.append(say("diff.no-changes", lang) if diff.empty else _counts(diff, lang))
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


def _area_words(area: str) -> str:
    """An area in Chinese, by the headings the rendered document shows (`需求说明 › 里程碑`)."""
    parts = area.split(".")
    keys = [f"section.{parts[0]}", *(f"field.{p}" for p in parts[1:])]
    return " › ".join(
        label(key, "zh") if key in LABELS else part.replace("_", " ")
        for key, part in zip(keys, parts, strict=True)
    )


def _title(area: str, lang: str) -> str:
    if lang == "zh":
        return md_text(_area_words(area))
    words = [part.replace("_", " ") for part in area.split(".")]
    return md_text(" › ".join([words[0][:1].upper() + words[0][1:], *words[1:]]))


def _md_values(change: FieldChange, lang: str) -> tuple[str, str]:
    if change.added or change.removed:
        removed = ", ".join(f"−{md_code(short(v))}" for v in change.removed)
        added = ", ".join(f"+{md_code(short(v))}" for v in change.added)
        return removed, added
    old, new = short_pair(change.old, change.new, lang=lang)
    return (
        "" if change.old is MISSING else md_code(old),
        "" if change.new is MISSING else md_code(new),
    )


def _md_rows(item: ItemChange, lang: str) -> Iterator[str]:
    name = ""
    if item.key is not None:
        name = md_code(short(item.key))
        if _shows_label(item):
            name += " " + md_text(short(item.label or ""))
    change = say(f"diff.{item.change}", lang)
    if not item.fields:
        yield f"| {change} | {name} | | | |"
        return
    for number, field in enumerate(item.fields):
        old, new = _md_values(field, lang)
        first = number == 0
        yield (
            f"| {change if first else ''} | {name if first else ''}"
            f" | {_md_name(field, lang)} | {old} | {new} |"
        )


def _md_name(change: FieldChange, lang: str) -> str:
    name = md_code(short(change.field))
    if _named(change, lang):
        return f"{md_text(short(change.heading))} {name}"
    return name


def _md_area(area: AreaChange, lang: str) -> list[str]:
    lines = ["", f"### {_title(area.area, lang)}", ""]
    lines += [say("diff.md.columns", lang), "| --- | --- | --- | --- | --- |"]
    for item in area.items:
        lines.extend(_md_rows(item, lang))
    return lines


def render_markdown(diff: DocumentDiff, lang: str = "en") -> str:
    """A pull-request comment: heading, summary line, a table per changed area."""
    title = md_text(short(diff.title)) if diff.title else md_code(short(diff.new_name))
    lines = [say("diff.md.title", lang, title=title), ""]
    lines.append(f"{md_code(short(diff.old_name))} → {md_code(short(diff.new_name))}")
    headline = [
        say(
            f"diff.md.{name}",
            lang,
            old=md_code(short(old, lang=lang)),
            new=md_code(short(new, lang=lang)),
        )
        for name, old, new in _headline(diff)
    ]
    if headline:
        lines += ["", " · ".join(headline)]
    if diff.empty:
        lines += ["", say("diff.md.no-changes", lang)]
        return "\n".join(lines) + "\n"
    if not diff.areas:
        lines += ["", say("diff.md.no-other-changes", lang)]
        return "\n".join(lines) + "\n"
    areas = punct(lang)["list"].join(_title(a.area, lang) for a in diff.areas)
    one = len(diff.areas) == 1
    lines += [
        "",
        say(
            "diff.md.summary.one" if one else "diff.md.summary",
            lang,
            counts=_counts(diff, lang),
            count=len(diff.areas),
            areas=areas,
        ),
    ]
    size = sum(len(line) + 1 for line in lines)
    for number, area in enumerate(diff.areas):
        block = _md_area(area, lang)
        cost = sum(len(line) + 1 for line in block)
        if size + cost > MD_BUDGET:
            rest = len(diff.areas) - number
            lines += ["", say("diff.md.more", lang, rest=rest)]
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


def render_json(diff: DocumentDiff, lang: str = "en") -> str:
    """One JSON document with full (unshortened) values; its keys and values never translate."""

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
        "summary": {c: diff.count(c) for c in CHANGES},
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


FORMATTERS: dict[str, Callable[[DocumentDiff, str], str]] = {
    "text": render_text,
    "md": render_markdown,
    "json": render_json,
}
