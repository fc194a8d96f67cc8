"""The JSON Schema of the format, one validator per run, and its errors in plain words."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import Choices, ColumnOf, Listing, Msg, msg
from prdkit.schemafile import (
    SCHEMA_FILE,
    ecma_regex,
    load_schema,
    resolved,
    resource_dir,
    schema_text,
)
from prdkit.source import join

# The schema file's helpers stay importable from here, where callers have always found them.
__all__ = [
    "SCHEMA_FILE",
    "check",
    "ecma_regex",
    "load_schema",
    "resource_dir",
    "schema_text",
    "validator",
]


def _pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=1)
def validator() -> Any:
    """The one Draft 2020-12 validator of a run, checking `date` formats."""
    from jsonschema import Draft202012Validator, FormatChecker, validators

    strict = validators.extend(Draft202012Validator, {"pattern": _pattern_keyword})
    return strict(load_schema(), format_checker=FormatChecker(["date"]))


def check(data: Mapping[str, Any]) -> list[Finding]:
    """Every structural problem of `data`, each as a finding at the offending value."""
    from prdkit.quickschema import quick_check

    quick = quick_check()
    try:
        if quick is not None and quick(data):
            return []
    except RecursionError:  # deeper than the loader allows: let jsonschema say what it finds
        pass
    findings: list[Finding] = []
    seen: set[tuple[str, str, Msg | str]] = set()
    for error in validator().iter_errors(data):
        for finding in _explain(error, data):
            key = (finding.rule, finding.pointer, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return _one_message_per_mistake(findings)


def _one_message_per_mistake(findings: list[Finding]) -> list[Finding]:
    """Drop echoes: a wrong type also fails its enum; a misspelt key also leaves one missing."""
    wrong_type = {f.pointer for f in findings if f.rule == "schema-type"}
    guessed = {
        (f.pointer.rsplit("/", 1)[0], _param(f, "guess"))
        for f in findings
        if f.rule == "schema-unknown-key" and _param(f, "guess")
    }
    kept = []
    for f in findings:
        if f.pointer in wrong_type and f.rule != "schema-type":
            continue
        if f.rule == "schema-required" and (f.pointer, _param(f, "key")) in guessed:
            continue
        kept.append(f)
    return kept


def _param(finding: Finding, name: str) -> Any:
    """A parameter of the finding's message, or None."""
    message = finding.message
    return dict(message.params).get(name) if isinstance(message, Msg) else None


def field_name(path: list[Any]) -> Msg | str:
    """What to call the value at `path` in a message: its key, or 'item N of KEY'."""
    if not path:
        return msg("place.document")
    last = path[-1]
    if isinstance(last, int):
        owner = field_name(path[:-1]) if len(path) > 1 else msg("field.list")
        return msg("field.item", n=last + 1, owner=owner)
    return str(last)


def _show(value: Any, limit: int = 60) -> Msg | str:
    """A value quoted for a message, shortened."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return msg("got.empty")
    if isinstance(value, dict):
        return msg("got.mapping")
    if isinstance(value, list):
        return msg("got.list")
    return str(value)


def _pointer(path: Any) -> str:
    return join("", *path)


def _explain(error: Any, data: Any) -> Iterator[Finding]:
    """Turn one jsonschema error into findings a product manager can act on."""
    path = list(error.absolute_path)
    pointer = _pointer(path)
    name = field_name(path)
    kind = error.validator
    value = error.validator_value
    instance = error.instance

    if kind == "required":
        for key in value:
            if isinstance(instance, dict) and key not in instance:
                key_msg = "schema-required.in" if path else "schema-required"
                yield Finding("schema-required", pointer, msg(key_msg, key=key, name=name))
    elif kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        allowed = msg("schema-unknown-key.allowed", allowed=Listing(tuple(known), "", quoted=False))
        likely_of: dict[tuple[frozenset[str], int], list[str]] = {}
        for key in instance:
            if key in known or (patterns and key.startswith("x-")):
                continue
            guess = _guess(key, known, likely_of)
            variant = "schema-unknown-key" + (".in" if path else "") + (".guess" if guess else "")
            message = msg(variant, key=key, name=name, guess=guess[0] if guess else "")
            extra = None
            if not guess:
                extra = allowed
                if (
                    patterns
                    and re.fullmatch(r"[A-Za-z][\w-]*", key)
                    and not key.lower().startswith("x-")
                ):
                    extra = msg(
                        "schema-unknown-key.allowed-or-team",
                        allowed=Listing(tuple(known), "", quoted=False),
                        key=key,
                    )
            if key[:1] == "\u3000":
                # A key indented with full-width spaces reads as a key of the mapping above,
                # its name starting with them: the indentation is the slip.
                extra = msg("schema-unknown-key.full-width", key=key.lstrip("\u3000"))
            yield Finding("schema-unknown-key", join(pointer, key), message, extra, at="key")
    elif kind == "enum":
        choices = Choices(tuple(str(v) for v in value))
        message = msg("schema-enum", name=name, choices=choices, got=_show(instance))
        yield Finding("schema-enum", pointer, message, hint=_enum_hint(instance, value))
    elif kind == "type":
        types = value if isinstance(value, list) else [value]
        wanted: Msg = msg(f"type.{types[-1]}")
        for t in reversed(types[:-1]):
            wanted = msg("type.or", a=msg(f"type.{t}"), b=wanted)
        got = _describe_type(instance)
        message = msg("schema-type", name=name, wanted=wanted, got=got)
        items = error.schema.get("items") if "array" in types else None
        texts = isinstance(items, dict) and resolved(items).get("type") == "string"
        yield Finding("schema-type", pointer, message, hint=_type_hint(instance, types, texts))
    elif kind == "pattern":
        in_list = bool(path) and isinstance(path[-1], int)  # an item of a list
        # A key of a mapping of ids (`grants`) checked by `propertyNames`: reported at the
        # key itself, not at its mapping's first line.
        key = "propertyNames" in error.schema_path and isinstance(instance, str)
        at = join(pointer, instance) if key else pointer
        message, hint = _pattern_message(name, instance, value, error.schema, in_list, at)
        yield Finding("schema-pattern", at, message, hint=hint, at="key" if key else "value")
    elif kind == "format":
        shape = error.schema.get("pattern")
        if isinstance(instance, str) and shape and not ecma_regex(shape).search(instance):
            return  # not even shaped like a date: the pattern's message says so, once
        message = msg("schema-date", name=name, value=_show(instance))
        yield Finding("schema-date", pointer, message)
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        message = msg(f"schema-range.{kind}", name=name, limit=str(value), got=_show(instance))
        yield Finding("schema-range", pointer, message)
    elif kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties"):
        yield Finding("schema-count", pointer, _count_message(kind, name, value))
    elif kind == "const":
        message = msg("schema-const", name=name, value=_show(value), got=_show(instance))
        yield Finding("schema-const", pointer, message)
    elif kind in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from _explain(best_match(error.context), data)
    elif kind is None or kind is False or error.schema is False:
        yield _exclusive(error, path, data)
    elif kind == "propertyNames":
        # The offending key is the instance of the nested error.
        bad = error.context[0].instance if error.context else instance
        message = msg("schema-pattern.key", key=bad, name=name)
        yield Finding("schema-pattern", join(pointer, str(bad)), message, at="key")
    else:
        yield Finding("schema", pointer, msg("schema", name=name, detail=error.message[:200]))


# How close an unknown key must be to a known one to be offered as a guess (difflib's ratio).
_GUESS_CUTOFF = 0.6


def _guess(
    key: str, known: list[str], likely_of: dict[tuple[frozenset[str], int], list[str]]
) -> list[str]:
    """The known key closest to `key`, as `difflib.get_close_matches` finds it (or none).

    A known key whose characters are mostly not in `key` cannot reach the cutoff: difflib's
    ratios count at most the characters the two share, and those are no more than the
    known key's characters found in `key`. Such keys are left out at C speed before difflib
    compares the rest (a file of 50,000 unknown keys spent 3 of its 6 s in difflib). The
    best match, ties included, does not depend on which others were compared.

    Which keys are left depends only on the characters of `key` and its length, so
    `likely_of` keeps the answer for each such pair: a flood of keys like `k1` … `k49999`
    shares a few hundred of them.
    """
    chars, size = frozenset(key), len(key)
    likely = likely_of.get((chars, size))
    if likely is None:
        likely = likely_of[chars, size] = [
            k
            for k in known
            if 2.0 * sum(map(chars.__contains__, k)) / (size + len(k)) >= _GUESS_CUTOFF
        ]
    return difflib.get_close_matches(key, likely, n=1, cutoff=_GUESS_CUTOFF) if likely else []


def _enum_hint(instance: Any, allowed: list[Any]) -> Msg | None:
    """A hint naming the choice the value differs from only in case or by a region
    (`zh-CN` → 'zh', `Must` → 'must'); None leaves the rule's own fix."""
    if not isinstance(instance, str):
        return None
    folded = instance.strip().replace("_", "-").lower()
    for choice in allowed:
        if isinstance(choice, str) and (folded == choice or folded.startswith(f"{choice}-")):
            return msg("schema-enum.hint", choice=choice)
    return None


# What an author adds to a number: a unit, a currency, spaces; and thousands separators,
# a comma before three digits (1,5 is a decimal comma, left alone: no hint).
_AROUND_NUMBER = re.compile("[%％\\s¥￥$€元]|[,，](?=\\d{3}(?!\\d))")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")
_LIST_MARKS = ("-", "－", "—", "–")  # the ASCII hyphen, and what an editor turns it into
_WIDE_SEPARATOR = re.compile("[，、；]")  # what a Chinese input method types for ','
# A whole value in full-width brackets, of items plain enough to stand in a YAML list.
_WIDE_LIST = re.compile("[【［]([^【】［］\\[\\]{}#:&*!|>'\"%@`]+)[】］]")


def _type_hint(instance: Any, types: list[str], texts: bool = False) -> Msg | None:
    """A hint for the slips behind most wrong types; None leaves the rule's own fix.
    `texts`: the list the field wants is one of texts (so one sentence can start it)."""
    if "string" in types and isinstance(instance, (bool, int, float)):
        # version: 1.0, answer: yes: YAML read them as a number or a boolean.
        return msg("schema-type.quote-bool" if isinstance(instance, bool) else "schema-type.quote")
    if "string" in types and isinstance(instance, dict) and len(instance) == 1:
        # - Note: safety stock is 2 units. The colon made it a key and its value.
        ((key, value),) = instance.items()
        # No text to copy is offered: what YAML read is not what was written (00123 read
        # as 123, a ` #` starting a comment that cut the text short).
        if isinstance(key, str) and (value is None or isinstance(value, (str, int, float))):
            return msg("schema-type.colon-bare", key=_show(key, 40))
    if not isinstance(instance, str):
        return None
    if "boolean" in types and instance.strip().lower() in _YES_NO:
        word = instance.strip()
        return msg("schema-type.yes-no", value=_YES_NO[word.lower()], text=_show(word, 20))
    if {"number", "integer"} & set(types):
        # Full-width digits (１５％) as the half-width ones they stand for.
        plain = unicodedata.normalize("NFKC", instance).strip()
        bare = _AROUND_NUMBER.sub("", plain)
        # A unit, a currency or a separator set around it, or full-width digits; not
        # spaces alone ("1 2" is no number spaced out).
        marked = bare != plain.replace(" ", "") or plain != instance.strip()
        if marked and _NUMBER.fullmatch(bare):
            return msg("schema-type.number", number=bare)  # target: 15%
    text = instance.lstrip()
    if "array" in types and text[:1] == "-":
        return msg("schema-type.list-item")  # -团已满时提示… with no space after the '-'
    if "array" in types and text.startswith(_LIST_MARKS):
        return msg("schema-type.list-dash", dash=text[0])  # － a: a full-width dash
    listed = _WIDE_LIST.fullmatch(instance.strip())
    if "array" in types and listed:
        # 【SH-merchant】: a list in full-width brackets is text; only one of plain items
        # (【重要】提升转化率 is a title, and text holding '#' or ':' needs quotes as items).
        items = [i.strip() for i in _WIDE_SEPARATOR.split(listed.group(1).replace(",", "，"))]
        return msg("schema-type.wide-brackets", fix="[" + ", ".join(items) + "]")
    if "array" in types and texts:
        return msg("schema-type.as-list")  # acceptance_criteria: one sentence
    return None


# Words for yes and no that YAML 1.1 read as booleans and YAML 1.2, as prdkit reads, as text.
_YES_NO = {
    **dict.fromkeys(("yes", "y", "on", "是", "对", "真"), "true"),
    **dict.fromkeys(("no", "n", "off", "否", "不", "假"), "false"),
}


def _describe_type(instance: Any) -> Msg:
    if isinstance(instance, bool):
        return msg("got.bool")
    if isinstance(instance, str):
        return msg("got.text", value=_show(instance, 40))
    if isinstance(instance, (int, float)):
        return msg("got.number", value=str(instance))
    if instance is None:
        return msg("got.empty")
    return msg("got.list") if isinstance(instance, list) else msg("got.mapping")


# Characters that take no room: word joiners (a Word file keeps ids whole with them),
# zero-width spaces and joiners, the byte-order mark.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


# The full-width forms of the ASCII characters (U+FF01–U+FF5E), as an input method in
# full-width mode types them, and the ASCII character each stands for: REQ－01 for REQ-01.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _matches(pattern: str, text: str) -> bool:
    try:
        return ecma_regex(pattern).search(text) is not None
    except re.error:  # a pattern Python reads otherwise: no claim made
        return False


def _pattern_message(
    name: Msg | str,
    instance: Any,
    pattern: str,
    schema: Mapping[str, Any],
    in_list: bool,
    pointer: str,
) -> tuple[Msg, Msg | None]:
    """The message for a value of the wrong form and, where the rule's fix (written for ids)
    would mislead, a hint of its own."""
    shown = _show(instance)
    hidden = _INVISIBLE.search(instance) if isinstance(instance, str) else None
    if hidden is not None and _matches(pattern, _INVISIBLE.sub("", instance)):
        # Right but for characters no one sees: copied from a Word file or a web page.
        char = f"U+{ord(hidden.group()):04X}"
        return msg("schema-pattern.invisible", name=name, value=shown, char=char), msg(
            "schema-pattern.invisible.hint", fix=_INVISIBLE.sub("", instance)
        )
    if pattern.startswith("^[A-Za-z]"):
        parts = _WIDE_SEPARATOR.split(instance) if isinstance(instance, str) else []
        if in_list and len(parts) > 1 and all(_matches(pattern, p.strip()) for p in parts):
            # [R2，R3]: a Chinese comma does not part a list's items; the items as they
            # should read, the list's others left as they are.
            fix = ", ".join(p.strip() for p in parts)
            return msg("schema-pattern.id", name=name, value=shown), msg(
                "schema-pattern.id.wide-comma", fix=fix
            )
        half = instance.translate(_HALF_WIDTH) if isinstance(instance, str) else ""
        if half != instance and _matches(pattern, half):
            # REQ－01: right as read, but for what a full-width input method typed. Its
            # look-alike is hard to see (the rule's fix alone was of no help): name the
            # first one and where it is, and give the id in ASCII to copy.
            wide = [i for i, char in enumerate(instance) if ord(char) in _HALF_WIDTH]
            first = ColumnOf(pointer, instance[wide[0]], wide[0])
            chars = Listing(tuple(dict.fromkeys(instance[i] for i in wide)))
            key = "schema-pattern.id.full-width" + ("" if len(wide) == 1 else ".many")
            message = msg(key, name=name, value=shown, char=first.char, chars=chars, column=first)
            return message, msg("schema-pattern.id.full-width.hint", fix=half)
        return msg("schema-pattern.id", name=name, value=shown), None
    if "sha256" in pattern:
        return msg("schema-pattern.digest", name=name), msg("schema-pattern.digest.hint")
    if pattern.startswith("^[0-9]{4}"):
        return msg("schema-pattern.date", name=name, value=shown), msg("schema-date.hint")
    if pattern.startswith("^[a-z]"):
        # Event names: what the client sends, so lower case and no spaces or hyphens.
        return msg("schema-pattern.event", name=name, value=shown), msg("schema-pattern.event.hint")
    if "https?" in pattern:
        return msg("schema-pattern.url", name=name, value=shown), msg("schema-pattern.url.hint")
    described = schema.get("description", "")
    message = msg("schema-pattern.other", name=name, value=shown, described=described)
    return message, msg("schema-pattern.other.hint")


def _count_message(kind: str, name: Msg | str, limit: int) -> Msg:
    unit = "item" if "Items" in kind or "Properties" in kind else "character"
    one = ".one" if limit == 1 else ""
    return msg(f"schema-count.{kind[:3]}.{unit}{one}", name=name, limit=limit)


def _exclusive(error: Any, path: list[Any], data: Any) -> Finding:
    """A `false` schema under dependentSchemas: two keys that exclude each other."""
    schema_path = list(error.absolute_schema_path)
    if "dependentSchemas" in schema_path:
        at = schema_path.index("dependentSchemas", len(schema_path) - 4)
        trigger = schema_path[at + 1]
        # The error stops at the object: the excluded key is the one holding the value.
        owner = _walk(data, path)
        others = [k for k, v in owner.items() if k != trigger and v == error.instance]
        other = others[0] if others else "?"
        message = msg("schema-exclusive", other=other, trigger=trigger)
        return Finding("schema-exclusive", _pointer([*path, other]), message, at="key")
    return Finding("schema", _pointer(path), msg("schema.not-allowed", name=field_name(path)))


def _walk(node: Any, path: list[Any]) -> Any:
    for token in path:
        node = node[token]
    return node
