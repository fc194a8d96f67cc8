"""Hypothesis strategies for documents drawn from the JSON Schema itself, and a strict emitter.

hypothesis-jsonschema does not follow draft 2020-12 (`$defs`, `dependentSchemas` with
`false` subschemas) and breaks on current hypothesis, so this small generator covers exactly
the keywords the schema uses and fails loudly on any other. Generated documents are
schema-valid by construction; to also pass the semantic rules often enough to be rendered,
references (`x-refers-to`) are left out, ids are made unique and a few orderings are fixed
(see `settle`).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import strategies as st

HANDLED = frozenset(
    {"$ref", "type", "properties", "required", "patternProperties", "additionalProperties"}
    | {"propertyNames", "dependentSchemas", "enum", "const", "pattern", "format", "items"}
    | {"minItems", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum"}
    | {"description", "title", "default", "x-refers-to", "$schema", "$id", "$defs"}
)

# Characters the format allows in text: no C0 controls but tab and newline, no surrogates,
# no non-characters. Everything else, bidi controls and line separators included, is fair.
_NONCHARACTERS = {*range(0xFDD0, 0xFDF0)} | {
    p * 0x10000 + n for p in range(17) for n in (0xFFFE, 0xFFFF)
}
LETTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters="".join(map(chr, _NONCHARACTERS)),
) | st.sampled_from("\t\n\u202e\u2066\u200b\u2028\u0085 #*_`[]()<>|\\&!:-~")
MARKDOWN_BITS = st.sampled_from(
    [
        "**bold**", "_em_", "`code`", "[link](https://example.com)", "<b>x</b>", "# heading",
        "\n\n- item\n- item\n\n", "\n\n1. one\n2. two\n\n", "> quote", "***", "~~gone~~",
        "| a | b |\n| - | - |\n| 1 | 2 |\n", "```\ncode\n```\n", "![img](https://x/y.png)",
        "<script>x</script>", "[js](javascript:alert(1))", "&amp;", "\\", "\n", "  \n", "TODO",
        "中文内容", "שלום", "😀", "e\u0301", "::error::x", "%%{init}%%", "\"'", "{{x}}",
    ]
)  # fmt: skip
TEXT = st.text(LETTERS, max_size=40)
MARKDOWN = st.lists(st.one_of(TEXT, MARKDOWN_BITS), max_size=6).map("".join)
REF_KEY = "x-refers-to"
MIN_DATE, MAX_DATE = datetime.date(1000, 1, 1), datetime.date(9999, 12, 31)
# The dates a .docx package can carry (DOS time stamps): see test_render_edges.


class Unsupported(Exception):
    """The schema uses a keyword this generator does not know."""


class SchemaStrategies:
    """Strategies for the values of a schema, built on demand and cached per subschema."""

    def __init__(
        self,
        root: Mapping[str, Any],
        dates: tuple[datetime.date, datetime.date] = (datetime.date(1, 1, 1), datetime.date.max),
    ) -> None:
        self.root = root
        self.dates = dates
        self.cache: dict[int, tuple[Any, st.SearchStrategy[Any]]] = {}

    def resolve(self, schema: Any) -> Any:
        while isinstance(schema, Mapping) and "$ref" in schema:
            ref = schema["$ref"]
            if ref == "#/$defs/md":
                return {"type": "string", "x-markdown": True}
            node: Any = self.root
            for token in ref.removeprefix("#/").split("/"):
                node = node[token]
            extra = {k: v for k, v in schema.items() if k not in ("$ref", "description", "title")}
            schema = {**node, **extra}
        return schema

    def refers(self, schema: Any) -> bool:
        """`True` when a value of `schema` must be a reference (left out: nothing to name)."""
        return isinstance(schema, Mapping) and REF_KEY in schema

    def ref_free(self, schema: Any, seen: frozenset[int] = frozenset()) -> bool:
        """`True` when a value can be built without naming another item."""
        if self.refers(schema):
            return False
        schema = self.resolve(schema)
        if not isinstance(schema, Mapping) or id(schema) in seen:
            return True
        seen = seen | {id(schema)}
        if schema.get("minItems", 0) > 0 and not self.ref_free(schema.get("items", {}), seen):
            return False
        props = schema.get("properties", {})
        return all(self.ref_free(props[k], seen) for k in schema.get("required", []) if k in props)

    def of(self, schema: Any) -> st.SearchStrategy[Any]:
        """A strategy for values valid against `schema`."""
        key = id(schema)
        if key not in self.cache:
            # The schema is kept beside its strategy so that its id cannot be reused.
            self.cache[key] = (schema, st.deferred(lambda: self._build(schema)))
        return self.cache[key][1]

    def _build(self, schema: Any) -> st.SearchStrategy[Any]:
        schema = self.resolve(schema)
        if schema is True or schema == {}:
            return st.one_of(st.none(), st.booleans(), st.integers(-5, 5), TEXT)
        unknown = set(schema) - HANDLED - {"x-markdown"}
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        kinds = schema.get("type")
        if isinstance(kinds, list):
            return st.one_of([self._build({**schema, "type": k}) for k in kinds])
        builders = {
            "object": self._object,
            "array": self._array,
            "string": self._string,
            "number": self._number,
            "integer": self._number,
            "boolean": lambda s: st.booleans(),
        }
        if kinds not in builders:
            raise Unsupported(f"type {kinds!r}")
        return builders[kinds](schema)

    def _object(self, schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
        props: Mapping[str, Any] = schema.get("properties", {})
        required = [k for k in schema.get("required", []) if k in props]
        optional = [k for k in props if k not in required and self.ref_free(props[k])]
        extra = schema.get("additionalProperties")
        names = schema.get("propertyNames")
        dependent = schema.get("dependentSchemas", {})

        @st.composite
        def build(draw: st.DrawFn) -> dict[str, Any]:
            chosen = required + [k for k in optional if draw(st.booleans())]
            for trigger, rule in dependent.items():
                if trigger in chosen:
                    if set(rule) - {"properties"}:
                        raise Unsupported(f"dependentSchemas form {sorted(rule)}")
                    banned = {k for k, v in rule["properties"].items() if v is False}
                    chosen = [k for k in chosen if k not in banned]
            value = {k: draw(self.of(props[k])) for k in chosen}
            if isinstance(extra, Mapping) and not self.refers(names):
                pattern_keys = self._string(self.resolve(names or {"type": "string"}))
                for key in draw(st.lists(pattern_keys, max_size=3, unique=True)):
                    value.setdefault(key, draw(self.of(extra)))
            if "^x-" in schema.get("patternProperties", {}) and draw(st.integers(0, 9)) == 0:
                value["x-note"] = draw(st.one_of(TEXT, st.lists(TEXT, max_size=2)))
            return value

        return build()

    def _array(self, schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
        items = schema.get("items", {})
        low = schema.get("minItems", 0)
        if not self.ref_free(items):
            return st.just([]) if low == 0 else st.nothing()
        return st.lists(self.of(items), min_size=low, max_size=max(low, 3))

    def _string(self, schema: Mapping[str, Any]) -> st.SearchStrategy[str]:
        if schema.get("format") == "date":
            days = st.dates(*self.dates)
            return days.map(datetime.date.isoformat)
        low, high = schema.get("minLength", 0), schema.get("maxLength", 200)
        if "pattern" in schema:
            pattern = schema["pattern"]
            if not pattern.endswith("$"):  # a prefix pattern: the prefix, then any text
                prefix = st.from_regex(pattern, fullmatch=False, alphabet="httpsmailo:")
                text = st.tuples(prefix.filter(lambda s: re.match(pattern, s)), TEXT)
                return text.map("".join)
            return st.from_regex(pattern, fullmatch=True).filter(lambda s: low <= len(s) <= high)
        base = MARKDOWN if schema.get("x-markdown") else TEXT
        return base.filter(lambda s: low <= len(s) <= high)

    def _number(self, schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
        low = schema.get("minimum")
        high = schema.get("maximum")
        above = schema.get("exclusiveMinimum")
        if schema.get("type") == "integer":
            floor = low if low is not None else (above + 1 if above is not None else -(10**12))
            return st.integers(floor, high if high is not None else 10**12)
        floats = st.floats(
            min_value=low if low is not None else above,
            max_value=high,
            exclude_min=above is not None,
            allow_nan=False,
            allow_infinity=False,
        )
        # Integers of at most 30 digits: the loader's bound (Limits.max_int_digits).
        floor = low if low is not None else (above + 1 if above is not None else 1 - 10**30)
        ints = st.integers(min_value=floor, max_value=high if high is not None else 10**30 - 1)
        return st.one_of(ints, floats)


def documents(
    schema: Mapping[str, Any], dates: tuple[datetime.date, datetime.date] = (MIN_DATE, MAX_DATE)
) -> st.SearchStrategy[dict[str, Any]]:
    """Schema-valid documents, settled so that the semantic rules usually pass."""
    strategies = SchemaStrategies(schema, dates)
    return strategies.of(schema).map(lambda data: settle(schema, data))


def settle(schema: Mapping[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """Unique ids, a draft, and the orderings the rules ask for (start before due...)."""
    counter = iter(range(1_000_000))
    for holder, key in _values_of(schema, data, "#/$defs/id"):
        holder[key] = f"id{next(counter)}"
    data["meta"]["status"] = "draft"
    for approval in data.get("approvals", []):
        approval.pop("digest", None)
    size = data.get("market_research", {}).get("market_size", {})
    figures = sorted((size[k] for k in ("tam", "sam", "som") if k in size), reverse=True)
    for key, value in zip([k for k in ("tam", "sam", "som") if k in size], figures, strict=True):
        size[key] = value
    for item in _mappings(data):
        for first, last in (("start", "due"), ("from", "to"), ("start", "end")):
            if isinstance(item.get(first), str) and isinstance(item.get(last), str):
                item[first], item[last] = sorted((item[first], item[last]))
    for flow in data.get("flows", []):
        for step in flow["steps"][:-1]:
            step.pop("end", None)
        actors = flow.setdefault("actors", [])
        actors.extend(
            s["actor"] for s in flow["steps"] if "actor" in s and s["actor"] not in actors
        )
    return data


def _mappings(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _mappings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _mappings(value)


def _values_of(root: Mapping[str, Any], data: Any, ref: str) -> Iterator[tuple[Any, Any]]:
    """(container, key) of every value of `data` whose schema is `ref`."""
    gen = SchemaStrategies(root)
    found: list[tuple[Any, Any]] = []

    def walk(schema: Any, holder: Any, key: Any) -> None:
        while isinstance(schema, Mapping) and "$ref" in schema:
            if schema["$ref"] == ref:
                found.append((holder, key))
                return
            schema = gen.resolve({"$ref": schema["$ref"]})
        value = holder[key]
        if not isinstance(schema, Mapping):
            return
        if isinstance(value, dict):
            props = schema.get("properties", {})
            extra = schema.get("additionalProperties")
            for name in value:
                sub = props.get(name, extra)
                if isinstance(sub, Mapping):
                    walk(sub, value, name)
        elif isinstance(value, list) and isinstance(schema.get("items"), Mapping):
            for index in range(len(value)):
                walk(schema["items"], value, index)

    walk(root, {"": data}, "")
    return iter(found)


_YAML_ESCAPES = {"\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


def to_yaml(data: Any, indent: int = 0) -> str:
    """Block-style YAML whose every string is double-quoted: read back exactly, as 1.2."""
    pad = " " * indent
    if isinstance(data, dict):
        if not data:
            return "{}"
        lines = []
        for key, value in data.items():
            inner = to_yaml(value, indent + 2)
            sep = "\n" if isinstance(value, (dict, list)) and value else " "
            lines.append(f"{pad}{_quote(key)}:{sep}{inner}")
        return "\n".join(lines) + "\n" if indent == 0 else "\n".join(lines)
    if isinstance(data, list):
        if not data:
            return "[]"
        lines = []
        for value in data:
            inner = to_yaml(value, indent + 2).lstrip(" ")
            lines.append(f"{pad}- {inner}")
        return "\n".join(lines)
    if isinstance(data, str):
        return _quote(data)
    return json.dumps(data)


def _quote(text: str) -> str:
    """A double-quoted YAML scalar; libyaml folds raw U+0085/U+2028/U+2029, so escape them."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in _YAML_ESCAPES.items():
        quoted = quoted.replace(char, escape)
    return quoted
