"""The Markdown fields of a document, found through the schema, and their size bound.

The schema marks every Markdown value with `"$ref": "#/$defs/md"`; walking the data beside
the schema finds them all without a second list of field names to keep in step. Parsing
Markdown costs up to ~15 µs per character on hostile input, so each field is bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import Msg, msg
from prdkit.source import escape_token

MARKDOWN_REF = "#/$defs/md"
TEXT_REF = "#/$defs/text"


def markdown_values(
    data: Any, schema: Mapping[str, Any] | None = None
) -> Iterator[tuple[str, str]]:
    """(JSON Pointer, text) of every Markdown value of schema-valid `data`."""
    if schema is None:
        from prdkit.schemafile import load_schema

        schema = load_schema()
    yield from _walk(schema, schema, data, "", frozenset({MARKDOWN_REF}))


def prose_values(data: Any) -> Iterator[tuple[str, str]]:
    """(JSON Pointer, text) of every plain-text or Markdown value of schema-valid `data`."""
    from prdkit.schema import load_schema

    schema = load_schema()
    yield from _walk(schema, schema, data, "", frozenset({MARKDOWN_REF, TEXT_REF}))


def too_long(data: Any, limit: int) -> Iterator[Finding]:
    """A finding for each Markdown value of schema-valid `data` longer than `limit`."""
    if not _any_longer(data, limit):
        return  # the usual case, found without the schema walk (a tenth of the cost)
    for pointer, text in markdown_values(data):
        if len(text) > limit:
            name = field_label(pointer)
            message = msg("markdown-too-long", name=name, length=len(text), limit=limit)
            yield Finding("schema-count", pointer, message, msg("string-too-long.hint"))


def _any_longer(data: Any, limit: int) -> bool:
    """`True` when some string value of `data` is longer than `limit`."""
    return any_string(data, lambda text: len(text) > limit)


def strings(data: Any) -> Iterator[str]:
    """Every string value of `data`, keys aside (walked without recursion)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def any_string(data: Any, test: Callable[[str], bool]) -> bool:
    """`True` when `test` holds for some string value of `data`."""
    return any(test(value) for value in strings(data))


def _walk(
    root: Mapping[str, Any], schema: Any, value: Any, pointer: str, refs: frozenset[str]
) -> Iterator[tuple[str, str]]:
    # Depth is bounded by the loader's nesting limit, so plain recursion is safe here.
    while isinstance(schema, Mapping) and "$ref" in schema:
        ref = schema["$ref"]
        if ref in refs:
            if isinstance(value, str):
                yield pointer, value
            return
        schema = _resolve(root, ref)
    if not isinstance(schema, Mapping):
        return
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        others = schema.get("additionalProperties")
        for key, item in value.items():
            sub = properties.get(key, others)
            if isinstance(sub, Mapping):
                yield from _walk(root, sub, item, f"{pointer}/{escape_token(key)}", refs)
    elif isinstance(value, list):
        items = schema.get("items")
        if isinstance(items, Mapping):
            for index, item in enumerate(value):
                yield from _walk(root, items, item, f"{pointer}/{index}", refs)


def _resolve(root: Mapping[str, Any], ref: str) -> Any:
    """The subschema a local `#/...` reference names (the schema uses no other kind)."""
    node: Any = root
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def field_label(pointer: str) -> Msg | str:
    """What to call a field in a message: its key, or 'item N of KEY'."""
    from prdkit.schema import field_name

    tokens = [_unescape(t) for t in pointer.split("/")[1:]]
    return field_name([int(t) if t.isdigit() else t for t in tokens])


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")
