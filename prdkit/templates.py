"""Templates that `prdkit new` starts authors from: `templates/NAME.LANG.prd.yaml`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from prdkit.errors import PrdkitError
from prdkit.schemafile import resource_dir

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
        raise TemplateError(f"unknown template '{name}'; choose one of: {', '.join(names)}")
    langs = sorted(t.lang for t in templates if t.name == name)
    raise TemplateError(
        f"template '{name}' has no '{lang}' version; choose one of: {', '.join(langs)}"
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
