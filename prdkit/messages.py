"""Diagnostic messages by key, with parameters, rendered in the language of the run.

Rules, the loader and the schema check say *what* they found (`msg(key, **params)`);
the words, English and Chinese, live in `prdkit/catalogue.py`. A parameter may itself be
a message (a place, a kind of item) or a list, rendered in the same language.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from prdkit.i18n import ENUMS, LANGUAGES, enum_label, punct


@dataclass(frozen=True, slots=True)
class Msg:
    """A message not yet in words: a catalogue key and its parameters."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        """The message in `lang` ("zh", else English)."""
        en, zh = _catalogue()[self.key]
        template = zh if lang == "zh" else en
        if not self.params:
            return template
        values = {name: words(v, lang) for name, v in self.params}
        if lang != "zh":
            return template.format_map(values)
        return _spaced(template, values)

    def __str__(self) -> str:
        return self.render("en")


# Chinese runs on without spaces, and sets Latin words apart with one. A template cannot
# know which its parameters hold ("{name} 中有" after "需求的第 2 项", "应当是{wanted}"
# before "true 或 false"), so the space at each parameter's edges is settled as it is filled.
_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_IDEOGRAPH = re.compile("[\u3400-\u9fff\uf900-\ufaff]")  # not punctuation: "：must" is right
_LATIN = re.compile("[A-Za-z0-9]")
_FIELDS = string.Formatter()


def _spaced(template: str, values: Mapping[str, str]) -> str:
    """`template` filled with `values`, with no space between Chinese characters and one
    between a Chinese character and a Latin word at each parameter's edges. A space between
    two parameters parts them ("已过期 张三") and stays."""
    out = ""
    last = ""  # the name of the parameter just filled in
    for literal, field, spec, conversion in _FIELDS.parse(template):
        if last not in _AS_WRITTEN and out:
            if literal[:1] == " " and _CJK.match(literal[1:2]) and _CJK.match(out[-1:]):
                literal = literal[1:]  # "…第 2 项" + " 中有"
            elif _IDEOGRAPH.match(literal[:1]) and _LATIN.match(out[-1:]):
                literal = " " + literal  # "true 或 false" + "或文字"
        out += literal
        if field is None:
            continue
        found = _FIELDS.get_field(field, (), values)[0]
        value = format(_FIELDS.convert_field(found, conversion), spec or "")
        last = field
        if field in _AS_WRITTEN:
            pass  # a path keeps the template's space: "已写入 需求.md"
        elif literal[-1:] == " " and _CJK.match(value[:1]) and _CJK.match(literal[-2:-1]):
            out = out[:-1]  # "已记录 " + "张三"
        elif _LATIN.match(value[:1]) and _IDEOGRAPH.match(out[-1:]):
            out += " "  # "应当是" + "true 或 false"
        out += value
    return out


# Parameters that name a file or a place: set apart by the template's spaces as written
# ("已写入 需求.md", not "已写入需求.md"), whatever they start or end with.
_AS_WRITTEN = frozenset({"path", "file", "folder", "source", "lock", "target", "out"})


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, tuple[str, str]]:
    from prdkit.catalogue import MESSAGES

    return MESSAGES


def msg(key: str, /, **params: Any) -> Msg:
    """The message `key` with its parameters."""
    return Msg(key, tuple(params.items()))


@dataclass(frozen=True, slots=True)
class Listing:
    """Words joined as `'a', 'b' and 'c'` (`'a'、'b' 和 'c'` in Chinese)."""

    items: tuple[str, ...]
    conjunction: str = "and"  # "or"; "" for a plain list
    quoted: bool = True

    def __str__(self) -> str:
        return words(self, "en")


@dataclass(frozen=True, slots=True)
class Choices:
    """The allowed values of a field, each with its meaning in Chinese: `must（必须）`."""

    values: tuple[str, ...]

    def __str__(self) -> str:
        return words(self, "en")


def _choices(values: tuple[str, ...], lang: str) -> str:
    if lang != "zh":
        return ", ".join(values)
    group = next((g for g, allowed in ENUMS.items() if set(allowed) == set(values)), None)
    if group is None:
        return punct(lang)["list"].join(values)
    marks = punct(lang)
    return marks["list"].join(
        f"{v}{marks['open'].strip()}{enum_label(group, v, lang)}{marks['close']}" for v in values
    )


@dataclass(frozen=True, slots=True)
class Joined:
    """Clauses joined with commas (`，` in Chinese)."""

    parts: tuple[Any, ...]

    def __str__(self) -> str:
        return words(self, "en")


@dataclass(frozen=True, slots=True)
class Translated:
    """Words given in each language, such as a team's label of a field or an enum value."""

    en: str
    zh: str

    def __str__(self) -> str:
        return self.en


@dataclass(frozen=True, slots=True)
class LineOf:
    """The line of the value at `pointer` in the document: a rule knows only the data, so
    the check, which holds the source map, puts the line in when it places the finding."""

    pointer: str
    line: int = 0  # 0 until placed

    def __str__(self) -> str:
        return words(self, "en")


@dataclass(frozen=True, slots=True)
class ColumnOf:
    """The column of `char` in the value at `pointer`, `offset` characters into it: the
    check, which holds the text, finds it on the value's line when it places the finding
    (a quote before the value moves it, an escape hides it)."""

    pointer: str
    char: str
    offset: int
    column: int = 0  # 0 until placed

    def __str__(self) -> str:
        return words(self, "en")


@dataclass(frozen=True, slots=True)
class Kind:
    """The reader's name of a kind of item (`requirement`, `需求`), "a"/"an" in English."""

    kind: str
    article: bool = False

    def __str__(self) -> str:
        return words(self, "en")


def kind_words(kind: str, lang: str, article: bool = False) -> str:
    """The name of `kind` in `lang`; a kind the catalogue lacks reads as its own name."""
    pair = _catalogue().get(f"kind.{kind}")
    name = (pair[1] if lang == "zh" else pair[0]) if pair else kind.replace("_", " ")
    if article and lang != "zh":
        return ("an " if name[:1] in "aeiou" else "a ") + name
    return name


def words(value: Any, lang: str) -> str:
    """A parameter in `lang`: messages rendered, listings joined, numbers grouped."""
    if type(value) is str:
        return value
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, Kind):
        return kind_words(value.kind, lang, value.article)
    if isinstance(value, Translated):
        return value.zh if lang == "zh" else value.en
    if isinstance(value, Choices):
        return _choices(value.values, lang)
    if isinstance(value, Joined):
        return ("，" if lang == "zh" else ", ").join(words(p, lang) for p in value.parts)
    if isinstance(value, Listing):
        shown = [f"'{w}'" if value.quoted else w for w in value.items]
        if not value.conjunction:
            return punct(lang)["list"].join(shown)
        if len(shown) <= 1:
            return "".join(shown)
        if lang == "zh":
            last = "和" if value.conjunction == "and" else "或"
            return f"{punct(lang)['list'].join(shown[:-1])} {last} {shown[-1]}"
        return f"{', '.join(shown[:-1])} {value.conjunction} {shown[-1]}"
    if isinstance(value, LineOf):
        return str(value.line)
    if isinstance(value, ColumnOf):
        return str(value.column)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def render(text: str | Msg | None, lang: str) -> str | None:
    """`text` in `lang`; plain strings pass through unchanged."""
    if text is None or isinstance(text, str):
        return text
    try:
        return _render_cached(text, lang)
    except TypeError:  # a parameter that cannot be hashed
        return text.render(lang)


@lru_cache(maxsize=4096)
def _render_cached(text: Msg, lang: str) -> str:
    # A hint repeats on every finding of a rule ("allowed here: …" on 40,000 unknown keys):
    # render each distinct message once.
    return text.render(lang)


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The locale's language: "zh" when LC_ALL (else LC_MESSAGES, else LANG) is Chinese."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def choose_language(explicit: str | None, data: Any, text: str | None = None) -> str:
    """`--lang` if given, else the document's `meta.language`, else the locale.

    `text`, the source of a document that could not be read to its end, is searched for
    the `language:` line its reading never reached: a YAML slip above it (a full-width
    colon in `title：…`) is still explained in the author's language."""
    meta = data.get("meta") if isinstance(data, dict) else None
    written = meta.get("language") if isinstance(meta, dict) else None
    if written is None and text is not None:
        found = _LANGUAGE_LINE.search(text, 0, _LANGUAGE_SEARCHED)
        written = found.group(1) if found else None
    return pick_language(explicit, written)


# `language: zh` indented under `meta:`, as the format and the templates write it.
_LANGUAGE_LINE = re.compile(
    r"^[ \t]+language:[ \t]*[\"']?([A-Za-z][A-Za-z_-]*)[\"']?[ \t]*(?:#.*)?$", re.M
)
_LANGUAGE_SEARCHED = 1 << 16  # `meta` opens the document: its lines are near the top


def pick_language(explicit: str | None, written: object = None) -> str:
    """`explicit` (`--lang`) if prdkit speaks it, else `written` (a `meta.language` as the
    author wrote it, of any type), else the locale's language."""
    if explicit is not None and explicit in LANGUAGES:
        return explicit
    if isinstance(written, str):
        # `zh-CN`, `zh_Hans` or `EN` are refused by the schema, but the author's language is
        # plain: the message that says so is written in it.
        base = written.replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return locale_language()
