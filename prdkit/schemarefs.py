"""The reference fields of the format, read from the schema's `x-refers-to` marks.

A reference field holds ids of other items (`features/*/requirements/*` holds requirement
ids). Rules that check references and `prdkit diff`, which compares reference lists as
sets, take the list from here, so a new section's references are known the day its schema
marks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from prdkit.schemafile import load_schema

__all__ = ["ANY", "RefField", "reference_fields", "reference_lists", "reference_maps"]

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


@lru_cache(maxsize=1)
def reference_fields() -> tuple[RefField, ...]:
    """Every reference field of the schema, in the schema's order."""
    root = load_schema()
    found: dict[tuple[tuple[str, ...], str], RefField] = {}

    def walk(node: Any, path: tuple[str, ...], seen: frozenset[str]) -> None:
        if not isinstance(node, dict):
            return
        if "x-refers-to" in node:
            found.setdefault((path, "value"), RefField(path, tuple(node["x-refers-to"])))
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
            walk(_resolve(root, ref), path, seen | {ref})
        for key, sub in node.get("properties", {}).items():
            walk(sub, (*path, key), seen)
        for keyword in ("items", "additionalProperties"):
            walk(node.get(keyword), (*path, ANY), seen)
        for sub in node.get("patternProperties", {}).values():
            walk(sub, (*path, ANY), seen)
        names = node.get("propertyNames")
        if isinstance(names, dict) and "x-refers-to" in names:
            kinds = tuple(names["x-refers-to"])
            found.setdefault(((*path, ANY), "key"), RefField((*path, ANY), kinds, "key"))
        for keyword in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(keyword, ()):
                walk(sub, path, seen)
        for keyword in ("if", "then", "else"):
            walk(node.get(keyword), path, seen)

    walk(root, (), frozenset())
    return tuple(found.values())


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
