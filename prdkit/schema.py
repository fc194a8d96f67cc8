"""The JSON Schema of the format, one validator per run, and its errors in plain words."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.schemafile import SCHEMA_FILE, ecma_regex, load_schema, resource_dir, schema_text
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

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "empty",
}


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
    seen: set[tuple[str, str, str]] = set()
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
        (f.pointer.rsplit("/", 1)[0], f.message.rsplit("'", 2)[-2])
        for f in findings
        if f.rule == "schema-unknown-key" and f.message.endswith("'?")
    }
    kept = []
    for f in findings:
        if f.pointer in wrong_type and f.rule != "schema-type":
            continue
        if f.rule == "schema-required" and (f.pointer, f.message.split("'")[1]) in guessed:
            continue
        kept.append(f)
    return kept


def _field_name(path: list[Any]) -> str:
    """What to call the value at `path` in a message: its key, or 'item N of KEY'."""
    if not path:
        return "the document"
    last = path[-1]
    if isinstance(last, int):
        owner = _field_name(path[:-1]) if len(path) > 1 else "the list"
        return f"item {last + 1} of {owner}"
    return str(last)


def _show(value: Any, limit: int = 60) -> str:
    """A value quoted for a message, shortened."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _pointer(path: Any) -> str:
    return join("", *path)


def _explain(error: Any, data: Any) -> Iterator[Finding]:
    """Turn one jsonschema error into findings a product manager can act on."""
    path = list(error.absolute_path)
    pointer = _pointer(path)
    name = _field_name(path)
    kind = error.validator
    value = error.validator_value
    instance = error.instance

    if kind == "required":
        for key in value:
            if isinstance(instance, dict) and key not in instance:
                where = f" in {name}" if path else ""
                yield Finding("schema-required", pointer, f"missing required field '{key}'{where}")
    elif kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        for key in instance:
            if key in known or (patterns and key.startswith("x-")):
                continue
            guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f" — did you mean '{guess[0]}'?" if guess else ""
            where = f" in {name}" if path else ""
            message = f"unknown key '{key}'{where}{hint}"
            extra = None if guess else "allowed here: " + ", ".join(known)
            yield Finding("schema-unknown-key", join(pointer, key), message, extra, at="key")
    elif kind == "enum":
        choices = ", ".join(str(v) for v in value)
        yield Finding(
            "schema-enum", pointer, f"{name} must be one of {choices} (got {_show(instance)})"
        )
    elif kind == "type":
        types = value if isinstance(value, list) else [value]
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        got = _describe_type(instance)
        yield Finding("schema-type", pointer, f"{name} must be {wanted} (got {got})")
    elif kind == "pattern":
        yield Finding(
            "schema-pattern", pointer, _pattern_message(name, instance, value, error.schema)
        )
    elif kind == "format":
        yield Finding(
            "schema-date", pointer, f"{name} {_show(instance)} is not a real date (YYYY-MM-DD)"
        )
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
        }[kind]
        yield Finding(
            "schema-range", pointer, f"{name} must be {words} {value} (got {_show(instance)})"
        )
    elif kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties"):
        yield Finding("schema-count", pointer, _count_message(kind, name, value))
    elif kind == "const":
        yield Finding(
            "schema-const", pointer, f"{name} must be {_show(value)} (got {_show(instance)})"
        )
    elif kind in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from _explain(best_match(error.context), data)
    elif kind is None or kind is False or error.schema is False:
        yield _exclusive(error, path, data)
    elif kind == "propertyNames":
        # The offending key is the instance of the nested error.
        bad = error.context[0].instance if error.context else instance
        message = f"'{bad}' is not a valid id for a key of {name}"
        yield Finding("schema-pattern", join(pointer, str(bad)), message, at="key")
    else:
        yield Finding("schema", pointer, f"{name}: {error.message[:200]}")


def _describe_type(instance: Any) -> str:
    if isinstance(instance, bool):
        return "true/false"
    if isinstance(instance, str):
        return f"text {_show(instance, 40)}"
    if isinstance(instance, (int, float)):
        return f"the number {instance}"
    if instance is None:
        return "an empty value"
    return "a list" if isinstance(instance, list) else "a mapping"


def _pattern_message(name: str, instance: Any, pattern: str, schema: Mapping[str, Any]) -> str:
    if pattern.startswith("^[A-Za-z]"):
        return (
            f"{name} {_show(instance)} is not a valid id: start with a letter, then letters, "
            "digits, '_', '.' or '-'"
        )
    if "sha256" in pattern:
        return f"{name} must be 'sha256:' followed by 64 lower-case hex digits"
    if pattern.startswith("^[0-9]{4}"):
        return f"{name} {_show(instance)} is not a date; write YYYY-MM-DD"
    described = schema.get("description", "")
    return f"{name} {_show(instance)} does not have the expected form. {described}".strip()


def _count_message(kind: str, name: str, limit: int) -> str:
    unit = "item" if "Items" in kind or "Properties" in kind else "character"
    plural = "" if limit == 1 else "s"
    if kind.startswith("min"):
        return f"{name} needs at least {limit} {unit}{plural}"
    return f"{name} allows at most {limit} {unit}{plural}"


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
        message = f"'{other}' cannot be used together with '{trigger}'; keep one of them"
        return Finding("schema-exclusive", _pointer([*path, other]), message, at="key")
    return Finding("schema", _pointer(path), f"{_field_name(path)} is not allowed here")


def _walk(node: Any, path: list[Any]) -> Any:
    for token in path:
        node = node[token]
    return node
