"""The reference fields of the format, read from the schema's `x-refers-to` marks.

A reference field holds ids of other items (`features/*/requirements/*` holds requirement
ids). Rules that check references and `prdkit diff`, which compares reference lists as
sets, take the list from here, so a new section's references are known the day its schema
marks them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from prdkit.schemafile import load_schema

__all__ = [
    "ANY",
    "RefField",
    "reference_fields",
    "reference_lists",
    "reference_maps",
    "schema_paths",
    "walk_schema",
]

ANY = "*"  # any list item, or any key of a mapping


@dataclass(frozen=True, slots=True)
class RefField:
    """Where references sit (`path`, `*` for any item or key), the kinds of item they name,
    and whether the reference is the value there or the mapping's keys (`at`)."""

    path: tuple[str, ...]
    kinds: tuple[str, ...]
    at: Literal["value", "key"] = "value"


def _resolve(root: dict[str, Any], ref: str) -> Any:
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def walk_schema() -> Iterator[tuple[tuple[str, ...], dict[str, Any], bool]]:
    """(path, subschema, is a key) of every subschema the format's values meet, `$ref`s
    followed once per branch; `path` uses `*` for any list item or mapping key."""
    root = load_schema()

    def walk(
        node: Any, path: tuple[str, ...], seen: frozenset[str]
    ) -> Iterator[tuple[tuple[str, ...], dict[str, Any], bool]]:
        if not isinstance(node, dict):
            return
        yield path, node, False
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
            yield from walk(_resolve(root, ref), path, seen | {ref})
        for key, sub in node.get("properties", {}).items():
            yield from walk(sub, (*path, key), seen)
        for keyword in ("items", "additionalProperties"):
            yield from walk(node.get(keyword), (*path, ANY), seen)
        for sub in node.get("patternProperties", {}).values():
            yield from walk(sub, (*path, ANY), seen)
        names = node.get("propertyNames")
        if isinstance(names, dict):
            yield (*path, ANY), names, True
        for keyword in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(keyword, ()):
                yield from walk(sub, path, seen)
        for keyword in ("if", "then", "else"):
            yield from walk(node.get(keyword), path, seen)

    yield from walk(root, (), frozenset())


@lru_cache(maxsize=1)
def reference_fields() -> tuple[RefField, ...]:
    """Every reference field of the schema, in the schema's order."""
    found: dict[tuple[tuple[str, ...], str], RefField] = {}
    for path, node, is_key in walk_schema():
        if "x-refers-to" in node:
            at: Literal["value", "key"] = "key" if is_key else "value"
            found.setdefault((path, at), RefField(path, tuple(node["x-refers-to"]), at))
    return tuple(found.values())


@lru_cache(maxsize=1)
def schema_paths(ref: str) -> frozenset[tuple[str, ...]]:
    """The paths of the values whose schema is `ref` (`#/$defs/md`: the Markdown fields)."""
    return frozenset(
        path for path, node, is_key in walk_schema() if node.get("$ref") == ref and not is_key
    )


@lru_cache(maxsize=1)
def reference_lists() -> frozenset[str]:
    """Names of the fields that hold a list of references (`depends_on`, `evidence`, …)."""
    return frozenset(
        f.path[-2]
        for f in reference_fields()
        if f.at == "value" and len(f.path) >= 2 and f.path[-1] == ANY and f.path[-2] != ANY
    )


@lru_cache(maxsize=1)
def reference_maps() -> frozenset[str]:
    """Names of the mappings whose every value is a list of references (`grants`)."""
    return frozenset(
        f.path[-3]
        for f in reference_fields()
        if f.at == "value" and len(f.path) >= 3 and f.path[-2:] == (ANY, ANY)
    )
