"""Team conventions from the configuration: custom `x-` fields per item kind, enum labels.

    [fields.requirements.x-jira]          # in pyproject.toml: [tool.prdkit.fields.…]
    label = { en = "Jira", zh = "Jira 单号" }
    type = "string"                       # string | number | date | url | enum (+ values)
    pattern = "^[A-Z]+-[0-9]+$"
    required-from = "review"              # draft | review | approved; absent: optional

    [labels.priority]                     # shown instead of the value; the source keeps it
    must = "P0"                           # or { en = "P0", zh = "P0" }

A declaration that cannot be used is a `ConfigError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from prdkit.messages import Msg, Translated, msg
from prdkit.source import join

FIELD_TYPES = ("string", "number", "date", "url", "enum")
STATUS_ORDER = ("draft", "review", "approved")
_FIELD_KEYS = ("label", "type", "pattern", "values", "required-from", "column")
_KEY = re.compile(r"^x-[A-Za-z0-9_.-]+$")
# Types whose values are short enough for a table column without being asked.
_SHORT_TYPES = frozenset({"number", "date", "enum"})
# Enums a team may not relabel, with what they are: a sign-off must read as what was decided,
# and the document's status as what it is, whatever configuration a pull request brings.
UNLABELLED: Mapping[str, Msg] = {
    "status": msg("convention.what.status"),
    "decision": msg("convention.what.decision"),
}


class ConventionError(Exception):
    """A declaration that cannot be used; `path` is its place in the configuration table."""

    def __init__(self, path: tuple[str, ...], message: Msg) -> None:
        super().__init__(message)  # in words when reported, in the run's language
        self.path = path


@dataclass(frozen=True, slots=True)
class CustomField:
    """One declared `x-` field of an item kind (a section name such as `requirements`)."""

    kind: str
    key: str
    label_en: str
    label_zh: str
    type: str = "string"
    pattern: str | None = None
    values: tuple[str, ...] = ()
    required_from: str | None = None
    column: bool = False  # shown as a column of the section's table, not only in the detail

    def label(self, lang: str) -> str:
        """The field's heading in `lang`."""
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True, slots=True)
class Conventions:
    """Declared custom fields and display labels; empty when the team declares none."""

    fields: tuple[CustomField, ...] = ()
    # enum group (as i18n.ENUMS names it) → value → (en, zh)
    labels: Mapping[str, Mapping[str, tuple[str, str]]] = field(default_factory=dict)

    def fields_of(self, kind: str) -> tuple[CustomField, ...]:
        """The custom fields declared for item kind `kind`, in declaration order."""
        return tuple(f for f in self.fields if f.kind == kind)

    def enum_label(self, group: str, value: str, lang: str) -> str:
        """The team's label for an enum value, else the catalogue's (`i18n.enum_label`)."""
        pair = self.labels.get(group, {}).get(value)
        if pair is not None:
            return pair[1] if lang == "zh" else pair[0]
        from prdkit.i18n import enum_label

        return enum_label(group, value, lang)

    def relabelled(self, group: str, value: str, lang: str = "en") -> str | None:
        """The team's label of `value` in `lang` when it has one, else None."""
        pair = self.labels.get(group, {}).get(value)
        if pair is None:
            return None
        return pair[1] if lang == "zh" else pair[0]

    def value_words(self, group: str, value: str) -> Translated:
        """How an enum value reads in a diagnostic, in whichever language the run speaks."""
        # The team's label, else the value as the source writes it (English already) and its
        # catalogue name in Chinese: 仍是“待确认”, not 仍是“open”.
        pair = self.labels.get(group, {}).get(value)
        if pair is not None:
            return Translated(*pair)
        from prdkit.i18n import enum_label

        return Translated(value, enum_label(group, value, "zh"))


NO_CONVENTIONS = Conventions()


# ---- where items of a kind live ---------------------------------------------------------


@lru_cache(maxsize=1)
def item_paths() -> Mapping[str, tuple[str, ...]]:
    """Item kind → the keys leading to its list: top-level lists and lists one section down."""
    # Read from the schema, so every section the format grows is a kind without a second list.
    from prdkit.schemafile import load_schema
    from prdkit.schemafile import resolved as resolve

    schema = load_schema()
    paths: dict[str, tuple[str, ...]] = {}
    for name, node in schema["properties"].items():
        if _object_list(node):
            paths[name] = (name,)
            continue
        for sub, inner in resolve(node).get("properties", {}).items():
            if _object_list(inner):
                paths.setdefault(sub, (name, sub))
    return paths


def _object_list(node: Mapping[str, Any]) -> bool:
    """Whether schema `node` is a list of objects (of items, each with fields of its own)."""
    from prdkit.schemafile import resolved as resolve

    node = resolve(node)
    return node.get("type") == "array" and "properties" in resolve(node.get("items", {}))


# Lists within an item that a team may give fields too: a page's elements (标注 numbers), an
# event's properties (是否必传), a flow's steps. A prototype is a picture, with no row or
# line of its own for a field to show in, so its list is left out.
_NOT_DECLARABLE = frozenset({"prototypes"})


@lru_cache(maxsize=1)
def entry_paths() -> Mapping[str, tuple[str, ...]]:
    """Kind → the keys leading to its lists, for the lists of objects inside the items of
    a kind (`elements` → ("pages", "elements")): one list per item, not one per document."""
    from prdkit.schemafile import load_schema
    from prdkit.schemafile import resolved as resolve

    schema = load_schema()
    kinds = item_paths()
    paths: dict[str, tuple[str, ...]] = {}
    for path in kinds.values():
        node: Mapping[str, Any] = schema
        for key in path:
            node = resolve(resolve(node)["properties"][key])
        item = resolve(node.get("items", {}))
        for key, inner in item.get("properties", {}).items():
            if _object_list(inner) and key not in kinds and key not in _NOT_DECLARABLE:
                paths.setdefault(key, (*path, key))
    return paths


@lru_cache(maxsize=1)
def declarable_paths() -> Mapping[str, tuple[str, ...]]:
    """Every kind a team may declare fields of, and its path (see `items_of`)."""
    return {**item_paths(), **entry_paths()}


def items_of(data: Mapping[str, Any], kind: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(pointer, mapping) of every item of `kind` in loaded data: through every item of the
    lists on the way for an entry kind (every element of every page)."""
    path = declarable_paths().get(kind, ())
    if not path:
        return
    level: list[tuple[str, Any]] = [("", data)]
    for depth, key in enumerate(path):
        below: list[tuple[str, Any]] = []
        for pointer, node in level:
            value = node.get(key) if isinstance(node, Mapping) else None
            here = join(pointer, key)
            if depth < len(path) - 1 and isinstance(value, list):  # items on the way
                below.extend((join(here, index), item) for index, item in enumerate(value))
            else:
                below.append((here, value))
        level = below
    for pointer, node in level:
        if isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, Mapping):
                    yield join(pointer, index), item


def custom_values(
    data: Mapping[str, Any], conventions: Conventions
) -> dict[str, tuple[tuple[str, Any], ...]]:
    """Item pointer → its declared custom fields as written ((key, value), …), per item."""
    found: dict[str, tuple[tuple[str, Any], ...]] = {}
    for kind in dict.fromkeys(f.kind for f in conventions.fields):
        # Declaration order; an item's own keys are read, not every declared one.
        order = {f.key: n for n, f in enumerate(conventions.fields_of(kind))}
        for pointer, item in items_of(data, kind):
            keys = sorted((k for k in item if k in order), key=order.__getitem__)
            found[pointer] = tuple((k, item[k]) for k in keys)
    return found


# ---- reading the declarations -------------------------------------------------------------


def parse(fields_table: Any, labels_table: Any) -> Conventions:
    """The `Conventions` of the `fields` and `labels` tables; ConventionError when unusable."""
    return Conventions(
        fields=_fields(fields_table) if fields_table is not None else (),
        labels=_labels(labels_table) if labels_table is not None else {},
    )


def _table(value: Any, path: tuple[str, ...], what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        of = msg(f"convention.of.{what.replace(' ', '-')}")
        raise ConventionError(path, msg("convention.not-table", name=".".join(path), what=of))
    return value


# A team's own fields of one item kind. Each may be a column of the kind's table and a fact
# of every item: 4,000 declared on requirements made every command cost fields × items
# (8.8 s to validate 4,000 requirements, 21 s to export them).
MAX_FIELDS_PER_KIND = 50


def _fields(table: Any) -> tuple[CustomField, ...]:
    kinds = declarable_paths()
    declared: list[CustomField] = []
    for kind, keys in _table(table, ("fields",), "item kinds").items():
        where = ("fields", kind)
        if kind not in kinds:
            raise ConventionError(
                where, msg("convention.unknown-kind", kind=kind, known=", ".join(sorted(kinds)))
            )
        listed = _table(keys, where, "x- fields")
        if len(listed) > MAX_FIELDS_PER_KIND:
            raise ConventionError(
                where,
                msg(
                    "convention.too-many-fields",
                    name=".".join(where),
                    count=f"{len(listed):,}",
                    most=MAX_FIELDS_PER_KIND,
                ),
            )
        for key, spec in listed.items():
            declared.append(_field(kind, key, spec, (*where, key)))
    return tuple(declared)


def _field(kind: str, key: str, spec: Any, where: tuple[str, ...]) -> CustomField:
    name = ".".join(where)
    if not _KEY.match(key):
        raise ConventionError(where, msg("convention.not-x", name=name))
    spec = _table(spec, where, "settings")
    for setting in spec:
        if setting not in _FIELD_KEYS:
            raise ConventionError(
                (*where, setting),
                msg(
                    "convention.unknown-setting",
                    name=name,
                    setting=setting,
                    known=", ".join(_FIELD_KEYS),
                ),
            )
    en, zh = _text_pair(spec.get("label", key[2:]), (*where, "label"))
    kind_of_value = spec.get("type", "string")
    if kind_of_value not in FIELD_TYPES:
        raise ConventionError(
            (*where, "type"),
            msg("convention.one-of", name=f"{name}.type", known=", ".join(FIELD_TYPES)),
        )
    pattern = spec.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str) or kind_of_value not in ("string", "url"):
            raise ConventionError((*where, "pattern"), msg("convention.pattern-type", name=name))
        from prdkit.schema import ecma_regex

        try:
            ecma_regex(pattern)
        except (re.error, ValueError, RecursionError) as exc:
            raise ConventionError(
                (*where, "pattern"), msg("convention.pattern-invalid", name=name, reason=str(exc))
            ) from None
        problem = linear_pattern_problem(pattern)
        if problem:
            raise ConventionError(
                (*where, "pattern"), msg("convention.pattern-slow", name=name, reason=problem)
            )
    values = spec.get("values")
    if kind_of_value == "enum":
        if not (isinstance(values, list) and values and all(isinstance(v, str) for v in values)):
            raise ConventionError((*where, "values"), msg("convention.values", name=name))
    elif values is not None:
        raise ConventionError((*where, "values"), msg("convention.values-enum", name=name))
    required = spec.get("required-from")
    if required is not None and required not in STATUS_ORDER:
        raise ConventionError(
            (*where, "required-from"),
            msg("convention.one-of", name=f"{name}.required-from", known=", ".join(STATUS_ORDER)),
        )
    column = spec.get("column", kind_of_value in _SHORT_TYPES or pattern is not None)
    if not isinstance(column, bool):
        raise ConventionError((*where, "column"), msg("convention.column", name=name))
    return CustomField(
        kind=kind,
        key=key,
        label_en=en,
        label_zh=zh,
        type=kind_of_value,
        pattern=pattern,
        values=tuple(values or ()),
        required_from=required,
        column=column,
    )


@lru_cache(maxsize=256)
def team_pattern(pattern: str) -> Any:
    """`pattern` compiled by RE2, which matches in time linear in the value.

    A team's pattern arrives in the pull request it configures and is matched against every
    value of its field. Python's own engine can take exponential time (a nested repeat,
    `(a+)+`) or high polynomial time (`.*.*.*X`) on one crafted value; RE2 cannot, and its
    `$` is the end of the text, as in JSON Schema.
    """
    import re2

    options = re2.Options()
    options.log_errors = False  # a refused pattern is reported once, as a ConfigError
    return re2.compile(pattern, options)


def linear_pattern_problem(pattern: str) -> str | None:
    """Why RE2 refuses `pattern` (look-around, a back-reference, a huge repeat), or None."""
    import re2

    try:
        team_pattern(pattern)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
    return None


def _labels(table: Any) -> dict[str, dict[str, tuple[str, str]]]:
    from prdkit.i18n import ENUMS

    labels: dict[str, dict[str, tuple[str, str]]] = {}
    for group, entries in _table(table, ("labels",), "enum groups").items():
        where = ("labels", group)
        if group not in ENUMS:
            raise ConventionError(
                where, msg("convention.unknown-enum", group=group, known=", ".join(sorted(ENUMS)))
            )
        if group in UNLABELLED:
            raise ConventionError(
                where, msg("convention.unlabelled", group=group, what=UNLABELLED[group])
            )
        labels[group] = {}
        for value, text in _table(entries, where, "values").items():
            if value not in ENUMS[group]:
                raise ConventionError(
                    (*where, value),
                    msg(
                        "convention.not-a-value",
                        group=group,
                        value=value,
                        known=", ".join(ENUMS[group]),
                    ),
                )
            labels[group][value] = _text_pair(text, (*where, value))
        _refuse_lookalikes(group, labels[group], where)
    return labels


def _refuse_lookalikes(
    group: str, declared: Mapping[str, tuple[str, str]], where: tuple[str, ...]
) -> None:
    # A label that reads as another value of its enum (`must = "should"`, two values both
    # "P0") would show one choice as another in every output and in a review's diff.
    from prdkit.i18n import ENUMS, enum_label

    taken: dict[str, str] = {}  # a word already meaning a value → that value
    for value in ENUMS[group]:
        for word in (value, enum_label(group, value, "en"), enum_label(group, value, "zh")):
            taken.setdefault(_folded(word), value)
    for value, pair in declared.items():
        for text in pair:
            other = taken.setdefault(_folded(text), value)
            if other != value:
                raise ConventionError(
                    (*where, value),
                    msg(
                        "convention.lookalike",
                        name=f"labels.{group}.{value}",
                        text=text,
                        other=other,
                    ),
                )


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _text_pair(value: Any, where: tuple[str, ...]) -> tuple[str, str]:
    # "P0" serves both languages; { en = "…", zh = "…" } gives each its own.
    pair: tuple[str, str] | None = None
    if isinstance(value, str) and value.strip():
        pair = value, value
    elif isinstance(value, Mapping) and set(value) <= {"en", "zh"} and value:
        texts = [value.get("en"), value.get("zh")]
        if all(t is None or (isinstance(t, str) and t.strip()) for t in texts):
            en = texts[0] or texts[1]
            pair = en, texts[1] or en
    if pair is None:
        raise ConventionError(where, msg("convention.label", name=".".join(where)))
    # A label is shown in every output, as a document's text is: it may hold no control
    # character, which TOML allows ("\u0000") and the loader refuses in documents.
    if any(_CONTROL.search(text) for text in pair):
        raise ConventionError(where, msg("convention.control", name=".".join(where)))
    # And it is repeated wherever its value or field is: one of 250,000 characters on 2,000
    # requirements made a 500 MB CSV, and Markdown ran out of memory.
    longest = max(len(text) for text in pair)
    if longest > MAX_LABEL:
        raise ConventionError(
            where,
            msg(
                "convention.label-long", name=".".join(where), length=f"{longest:,}", most=MAX_LABEL
            ),
        )
    return pair


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
MAX_LABEL = 80  # characters: a name in a header or a badge, not a paragraph


# ---- the line of a setting in the TOML text --------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in text.split("."))


def line_of(path: Path, table_path: tuple[str, ...]) -> int | None:
    """The 1-based line of the setting at `table_path` (or of its closest written ancestor)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    best, best_score = None, 0
    header: tuple[str, ...] = ()
    for number, line in enumerate(lines, start=1):
        heading = _HEADER.match(line)
        if heading:
            header = _dotted(heading.group(1))
            here = header
        else:
            assign = _ASSIGN.match(line)
            if not assign:
                continue
            here = (*header, *_dotted(assign.group(1)))
        score = 0
        for mine, wanted in zip(here, table_path, strict=False):
            if mine != wanted:
                break
            score += 1
        # A line deeper than the wanted path (a setting inside it) counts as its place too.
        if score > best_score:
            best, best_score = number, score
            if score == len(table_path):
                break
    return best
