"""A quick yes/no check compiled from the schema, so valid documents skip jsonschema."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from numbers import Number
from typing import Any
from urllib.parse import unquote

from prdkit import schemafile
from prdkit.schemafile import ecma_regex

# A quick yes/no check compiled from the schema. jsonschema sends every value through
# generic keyword functions and resolves a $ref at each step: on a 5,000-requirement file
# that is half the run. Valid documents are the common case, so the schema is compiled once
# into plain closures that only answer "valid?"; jsonschema runs, and explains, only when
# the answer is no. A keyword the compiler does not know turns the quick check off rather
# than guessing, so it can never pass what jsonschema would refuse.

QuickCheck = Callable[[Any], bool]

_ANNOTATIONS = frozenset(
    {"$comment", "$defs", "$id", "$schema", "default", "deprecated", "description", "examples"}
    | {"readOnly", "title", "writeOnly"}
)
_OBJECT_KEYS = frozenset(
    {"required", "properties", "patternProperties", "additionalProperties", "propertyNames"}
    | {"dependentSchemas", "dependentRequired", "minProperties", "maxProperties"}
)
_STRING_KEYS = frozenset({"pattern", "minLength", "maxLength", "format"})
_NUMBER_KEYS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_ARRAY_KEYS = frozenset({"items", "minItems", "maxItems"})
_OTHER_KEYS = frozenset({"type", "enum", "const", "$ref", "allOf", "anyOf", "oneOf", "not"})
_KEYWORDS = _OBJECT_KEYS | _STRING_KEYS | _NUMBER_KEYS | _ARRAY_KEYS | _OTHER_KEYS
# The same test jsonschema's `date` format checker applies.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_LITERAL_PREFIX = re.compile(r"\^[A-Za-z0-9_]*-?")
_MISSING = object()


class _Unsupported(Exception):
    """The schema uses something the quick check does not compile."""


@lru_cache(maxsize=1)
def quick_check() -> QuickCheck | None:
    """`True` when data is valid against the shipped schema; None if it cannot be compiled."""
    root = schemafile.load_schema()
    try:
        return _Compiler(root).compile(root)
    except _Unsupported:
        return None


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def _is_number(value: Any) -> bool:
    kind = type(value)
    return kind is int or kind is float or (isinstance(value, Number) and kind is not bool)


_TYPES: dict[str, QuickCheck] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: (
        not isinstance(v, bool)
        and (isinstance(v, int) or (isinstance(v, float) and v.is_integer()))
    ),
}


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _equal_to(expected: Any) -> QuickCheck:
    """JSON equality with `expected` (true is not 1), for scalars."""
    if isinstance(expected, str):
        return lambda v: isinstance(v, str) and v == expected
    if isinstance(expected, bool):
        return lambda v: isinstance(v, bool) and v == expected
    if expected is None:
        return lambda v: v is None
    if _is_number(expected):
        return lambda v: _is_number(v) and v == expected
    raise _Unsupported("enum or const of a list or mapping")


def _search(pattern: str) -> Callable[[str], Any]:
    """`re.search` of `pattern`; a plain `^prefix` becomes `str.startswith`."""
    if _LITERAL_PREFIX.fullmatch(pattern):
        prefix = pattern[1:]
        return lambda text: text.startswith(prefix)
    return ecma_regex(pattern).search


def _all(checks: list[QuickCheck]) -> QuickCheck:
    checks = [c for c in checks if c is not _always]
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    return lambda v: all(c(v) for c in checks)


class _Compiler:
    """Turns (sub)schemas into closures; each $ref is compiled once."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, QuickCheck] = {}

    def compile(self, schema: Any) -> QuickCheck:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise _Unsupported(repr(schema)[:40])
        keys = {k for k in schema if k not in _ANNOTATIONS and not k.startswith("x-")}
        if keys - _KEYWORDS:
            raise _Unsupported(", ".join(sorted(keys - _KEYWORDS)))
        kind = schema.get("type")
        single = kind if isinstance(kind, str) else None
        if kind is not None:
            names = [kind] if isinstance(kind, str) else kind
            if any(name not in _TYPES for name in names):
                raise _Unsupported(f"type {kind}")
        checks: list[QuickCheck] = []
        # A lone type folds into its family's check; otherwise it is checked on its own.
        families = {"object": _OBJECT_KEYS, "string": _STRING_KEYS, "array": _ARRAY_KEYS}
        folded = single in families and bool(keys & families[single])
        if kind is not None and not folded:
            checks.append(_TYPES[single] if single else lambda v: any(_TYPES[n](v) for n in kind))
        if "enum" in schema:
            options = schema["enum"]
            if all(isinstance(o, str) for o in options):
                allowed = frozenset(options)
                checks.append(lambda v: isinstance(v, str) and v in allowed)
            else:
                tests = [_equal_to(o) for o in options]
                checks.append(lambda v: any(t(v) for t in tests))
        if "const" in schema:
            checks.append(_equal_to(schema["const"]))
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if keys & _OBJECT_KEYS:
            checks.append(self.object(schema, strict=single == "object"))
        if keys & _STRING_KEYS:
            checks.append(self.string(schema, strict=single == "string"))
        if keys & _ARRAY_KEYS:
            checks.append(self.array(schema, strict=single == "array"))
        if keys & _NUMBER_KEYS:
            checks.append(self.number(schema))
        for key, combine in (("allOf", all), ("anyOf", any)):
            if key in schema:
                parts = [self.compile(s) for s in schema[key]]
                checks.append(lambda v, parts=parts, combine=combine: combine(p(v) for p in parts))
        if "oneOf" in schema:
            one = [self.compile(s) for s in schema["oneOf"]]
            checks.append(lambda v: sum(1 for p in one if p(v)) == 1)
        if "not" in schema:
            negated = self.compile(schema["not"])
            checks.append(lambda v: not negated(v))
        return _all(checks)

    def ref(self, ref: str) -> QuickCheck:
        if ref in self.refs:
            return self.refs[ref]
        if not ref.startswith("#"):
            raise _Unsupported(f"$ref {ref}")
        late: list[QuickCheck] = []
        self.refs[ref] = lambda v: late[0](v)  # stands in while a recursive schema compiles
        target: Any = self.root
        for token in ref[1:].split("/")[1:]:
            token = unquote(token).replace("~1", "/").replace("~0", "~")
            try:
                target = target[int(token) if isinstance(target, list) else token]
            except (KeyError, IndexError, ValueError, TypeError):
                raise _Unsupported(f"$ref {ref}") from None
        late.append(self.compile(target))
        self.refs[ref] = late[0]
        return late[0]

    def object(self, schema: Mapping[str, Any], strict: bool) -> QuickCheck:
        props = {k: self.compile(s) for k, s in schema.get("properties", {}).items()}
        pattern_schemas = schema.get("patternProperties", {})
        patterns = [(_search(p), self.compile(s)) for p, s in pattern_schemas.items()]
        patterns = [(match, check) for match, check in patterns if check is not _always]
        # jsonschema decides what is "additional" with the patterns joined by "|".
        joined = _search("|".join(pattern_schemas)) if pattern_schemas else None
        additional = self.compile(schema.get("additionalProperties", True))
        required = tuple(schema.get("required", ()))
        names = self.compile(schema.get("propertyNames", True))
        dependent = [(k, self.compile(s)) for k, s in schema.get("dependentSchemas", {}).items()]
        dependent_required = list(schema.get("dependentRequired", {}).items())
        low, high = schema.get("minProperties"), schema.get("maxProperties")
        # Most objects of the schema have none of the rarer keywords: their check, run for
        # every entry of every mapping, asks one flag rather than loop over empty lists.
        by_key = bool(patterns) or names is not _always
        whole = bool(dependent or dependent_required) or low is not None or high is not None

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return not strict
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                sub = props.get(key, _MISSING)
                if sub is _MISSING:
                    if (joined is None or not joined(key)) and not additional(item):
                        return False
                elif not sub(item):  # type: ignore[operator]
                    return False
                if by_key:
                    for match, pattern_check in patterns:
                        if match(key) and not pattern_check(item):
                            return False
                    if names is not _always and not names(key):
                        return False
            if not whole:
                return True
            for key, sub in dependent:
                if key in value and not sub(value):
                    return False
            for key, needed in dependent_required:
                if key in value and any(n not in value for n in needed):
                    return False
            return (low is None or len(value) >= low) and (high is None or len(value) <= high)

        return check

    def string(self, schema: Mapping[str, Any], strict: bool) -> QuickCheck:
        low, high = schema.get("minLength"), schema.get("maxLength")
        search = ecma_regex(schema["pattern"]).search if "pattern" in schema else None
        # The validator checks the `date` format only; jsonschema ignores any other.
        dated = schema.get("format") == "date"

        def check(value: Any) -> bool:
            if not isinstance(value, str):
                return not strict
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                return False
            if search is not None and not search(value):
                return False
            return not dated or _is_date(value)

        return check

    def array(self, schema: Mapping[str, Any], strict: bool) -> QuickCheck:
        low, high = schema.get("minItems"), schema.get("maxItems")
        each = self.compile(schema.get("items", True))

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return not strict
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                return False
            if each is not _always:
                for item in value:
                    if not each(item):
                        return False
            return True

        return check

    def number(self, schema: Mapping[str, Any]) -> QuickCheck:
        low, high = schema.get("minimum"), schema.get("maximum")
        above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")

        def check(value: Any) -> bool:
            if not _is_number(value):
                return True
            return (
                (low is None or value >= low)
                and (high is None or value <= high)
                and (above is None or value > above)
                and (below is None or value < below)
            )

        return check
