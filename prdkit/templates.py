"""Templates that `prdkit new` starts authors from: `templates/NAME.LANG.prd.yaml`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from prdkit.errors import PrdkitError
from prdkit.messages import Listing, msg
from prdkit.schemafile import resource_dir
from prdkit.source import join

_DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b")
_DESCRIPTION = re.compile(r"#\s*template:\s*(.+)")
_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")
# Han ideographs (with extension A and the compatibility block): a name written in Chinese.
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class TemplateError(PrdkitError):
    """An unknown template or language (a usage problem: exit 2)."""


@dataclass(frozen=True)
class Template:
    """One template file in one language."""

    name: str
    lang: str
    path: Path
    description: str


def available() -> list[Template]:
    """Every shipped template, sorted by name then language."""
    found = []
    for path in sorted(resource_dir("templates").glob("*.*.prd.yaml")):
        name, lang = path.name[: -len(".prd.yaml")].rsplit(".", 1)
        description = ""
        for line in path.read_text(encoding="utf-8").splitlines()[:5]:
            match = _DESCRIPTION.match(line)
            if match:
                description = match.group(1).strip()
                break
        found.append(Template(name, lang, path, description))
    return found


def find(name: str, lang: str) -> Template:
    """The template `name` in `lang`; TemplateError names the choices when there is none."""
    templates = available()
    for template in templates:
        if template.name == name and template.lang == lang:
            return template
    names = sorted({t.name for t in templates})
    if name not in names:
        raise TemplateError(
            msg("template.unknown", name=name, choices=Listing(tuple(names), "", quoted=False))
        )
    langs = sorted(t.lang for t in templates if t.name == name)
    raise TemplateError(
        msg(
            "template.no-language",
            name=name,
            lang=lang,
            choices=Listing(tuple(langs), "", quoted=False),
        )
    )


ID_MAX = 200  # the schema's $defs/id maxLength


def document_id(stem: str) -> str:
    """An id from a file stem: invalid characters become '-', it starts with a letter."""
    ident = _NOT_ID.sub("-", stem).strip("-._") or "prd"
    ident = ident if ident[0].isascii() and ident[0].isalpha() else f"prd-{ident}"
    return ident[:ID_MAX].rstrip("-._")  # a file name may be longer than an id may


def document_title(stem: str, lang: str) -> str:
    """The title of a new document: its file name read as words, when that name is in the
    template's language; otherwise the language's placeholder title (a file `shop` started
    from a Chinese template is titled 待补充：产品名称, which validate flags until written)."""
    from prdkit.i18n import label

    title = re.sub(r"[-_]+", " ", stem).strip() or stem
    if lang == "zh" and not _CJK.search(title):
        return label("new.title", lang)
    return title[:1].upper() + title[1:]


def instantiate(template: Template, stem: str, today: date) -> str:
    """The template's text with meta.id, meta.title and the dates set for a new document."""
    from prdkit.loader import load_bytes

    text = template.path.read_text(encoding="utf-8")
    loaded = load_bytes(text.encode("utf-8"))
    text = _moved_dates(text, loaded, today)
    values = {
        "/meta/id": document_id(stem),
        "/meta/title": document_title(stem, template.lang),
        "/meta/created": today.isoformat(),
        "/meta/updated": today.isoformat(),
        "/revisions/0/date": today.isoformat(),  # the first draft is today's too
    }
    lines = text.split("\n")
    for pointer, new in values.items():
        span = loaded.source_map.value(pointer)
        if span is None:
            continue
        line = lines[span.line - 1]
        start = span.column - 1
        end = _scalar_end(line, start)
        rendered = (
            new
            if pointer.endswith(("created", "updated", "date"))
            else json.dumps(new, ensure_ascii=False)
        )
        lines[span.line - 1] = line[:start] + rendered + line[end:]
    return "\n".join(lines)


def _moved_dates(text: str, loaded: Any, today: date) -> str:
    """`text` with every date in a value moved by the days from `meta.created` to `today`.

    A template's plan (milestones, dependencies, rollout) is dated from the day it was
    written; left as is, a document started years later would open with every date past
    and `dependency-overdue` warnings. Comments keep their dates: they are the author's.
    """
    meta = loaded.data.get("meta") if isinstance(loaded.data, dict) else None
    start = _as_date(meta.get("created")) if isinstance(meta, dict) else None
    if start is None or start == today:
        return text
    gap = today - start

    def move(match: re.Match[str]) -> str:
        day = _as_date(match.group(0))
        if day is None:
            return match.group(0)
        try:
            return (day + gap).isoformat()
        except OverflowError:
            raise TemplateError(
                f"a document cannot start on {today.isoformat()} from this template: "
                "its planned dates would pass the year 9999"
            ) from None

    lines = text.split("\n")
    for pointer, value in _strings(loaded.data, ""):
        span = loaded.source_map.value(pointer)
        left = len(_DATE.findall(value))
        if span is None or not left:
            continue
        # The value's own dates come first from where it starts: in a flow mapping
        # (`{start: 2026-01-05, due: 2026-01-30}`) the next value's dates are not its own.
        line = lines[span.line - 1]
        begin = span.column - 1
        indent = _indent(line)
        at = span.line - 1
        while left and at < len(lines):
            head, tail = (line[:begin], line[begin:]) if at == span.line - 1 else ("", lines[at])
            if at > span.line - 1 and lines[at].strip() and _indent(lines[at]) <= indent:
                break  # a text over several lines ends where the indentation comes back
            moved, count = _DATE.subn(move, tail, count=left)
            lines[at] = head + moved  # dates keep their length: later columns still hold
            left -= count
            at += 1
    return "\n".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _strings(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every string value in loaded data."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, join(pointer, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, join(pointer, index))
    elif isinstance(node, str):
        yield pointer, node


def _as_date(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:  # 2026-02-30 is text that looks like a date, not a date
        return None


def _scalar_end(line: str, start: int) -> int:
    """Where the one-line scalar starting at `start` ends (before a trailing comment)."""
    quote = line[start : start + 1]
    if quote in ("'", '"'):
        at = start + 1
        while at < len(line):
            if line[at] == "\\" and quote == '"':
                at += 2
                continue
            if line[at] == quote:
                if quote == "'" and line[at + 1 : at + 2] == "'":
                    at += 2
                    continue
                return at + 1
            at += 1
        return len(line)
    comment = line.find(" #", start)
    return (comment if comment >= 0 else len(line)) if line[start:].strip() else start
