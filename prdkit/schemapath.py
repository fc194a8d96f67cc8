"""What the schema says about one place of a document: the node at a JSON Pointer."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """`node` with a local `$ref` (`#/$defs/…`) followed; other keys of `node` are kept."""
    seen = 0
    while "$ref" in node and seen < 16:
        target: Any = schema
        for token in node["$ref"].lstrip("#").strip("/").split("/"):
            target = target.get(token, {}) if isinstance(target, dict) else {}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def node_at(schema: dict[str, Any], tokens: list[str], *, key: bool = False) -> dict[str, Any]:
    """The schema of the value at `tokens` (with `key`, of the last mapping key); {} if unknown."""
    node = _resolve(schema, schema)
    for n, token in enumerate(tokens):
        last_key = key and n == len(tokens) - 1
        if node.get("type") == "array" or "items" in node:
            child = node.get("items") if token.isdigit() else None
        elif last_key and isinstance(node.get("propertyNames"), dict):
            child = node["propertyNames"]
        elif token in node.get("properties", {}):
            child = node["properties"][token]
        elif isinstance(node.get("additionalProperties"), dict):
            child = node["additionalProperties"]
        else:
            child = None
        if not isinstance(child, dict):
            return {}
        # x-refers-to sits beside a $ref: keep the outer keys when following it.
        node = _resolve(schema, child)
    return node


def kind_at(schema: dict[str, Any], tokens: list[str]) -> str | None:
    """The `$defs` name of the value at `tokens` ("requirement", "finding"), if it has one."""
    if not tokens:
        return None
    parent = node_at(schema, tokens[:-1])
    token = tokens[-1]
    if "items" in parent:
        child = parent["items"] if token.isdigit() else None
    else:
        child = parent.get("properties", {}).get(token)
    ref = child.get("$ref", "") if isinstance(child, dict) else ""
    return ref.rpartition("/")[2] if ref.startswith("#/$defs/") else None


def split(pointer: str) -> list[str]:
    """The reference tokens of a JSON Pointer, unescaped."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


@lru_cache(maxsize=1024)
def refers_to(pointer: str, *, key: bool = False) -> tuple[str, ...]:
    """The item kinds a reference at `pointer` may name (the schema's `x-refers-to`), or ()."""
    from prdkit.schema import load_schema

    return tuple(node_at(load_schema(), split(pointer), key=key).get("x-refers-to", ()))


@lru_cache(maxsize=4096)
def item_kind(pointer: str) -> str | None:
    """The kind of the item at `pointer` as the schema names it, or None."""
    from prdkit.schema import load_schema

    return kind_at(load_schema(), split(pointer))
