"""The format reference, `docs/format.md`, written from the JSON Schema."""

from __future__ import annotations

import json
import sys
from typing import Any

REGENERATE = "python -m prdkit.formatdoc > docs/format.md"
_NESTED = "mapping (below)"

_JSON_TYPES = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true/false",
    "object": "mapping",
    "array": "list",
    "null": "empty",
}


def render(schema: dict[str, Any]) -> str:
    """The Markdown reference of `schema`: the same text for the same schema."""
    return "\n".join(_Writer(schema).document()) + "\n"


class _Writer:
    """Walks the schema once, reading it and never changing it."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.defs: dict[str, Any] = schema.get("$defs", {})

    def document(self) -> list[str]:
        """Every line of the reference."""
        required = self.schema.get("required", [])
        lines = [
            f"# {self.schema.get('title', 'PRD format')}",
            "",
            f"<!-- Generated from schemas/prd.schema.json by `{REGENERATE}`; do not edit. -->",
            "",
            _cell_text(self.schema.get("description", "")),
            "",
            "Required sections: " + ", ".join(f"`{name}`" for name in required) + ".",
            "",
            "## Sections",
            "",
            "| section | required | description |",
            "| --- | --- | --- |",
        ]
        properties = self.schema.get("properties", {})
        for name, node in properties.items():
            lines.append(f"| `{name}` | {_yes(name in required)} | {_cell(node)} |")
        lines += ["", *self.value_types()]
        for name, node in properties.items():
            lines += ["", *self.section(name, node, name in required)]
        return lines

    def value_types(self) -> list[str]:
        """The shared scalar types (`id`, `date`, `md`...) that the tables name."""
        lines = ["## Value types", "", "| type | meaning |", "| --- | --- |"]
        for name, node in self.defs.items():
            if node.get("type") in ("object", "array"):
                continue
            extra = []
            if "enum" in node:
                extra.append("One of " + _values(node["enum"]) + ".")
            if "pattern" in node:
                extra.append(f"Pattern `{node['pattern']}`.")
            if "maxLength" in node:
                extra.append(f"At most {node['maxLength']} characters.")
            text = _cell_text(" ".join([node.get("description", ""), *extra]))
            lines.append(f"| `{name}` | {text} |")
        return lines

    def section(self, name: str, node: dict[str, Any], required: bool) -> list[str]:
        """One top-level section: its description, then its tables."""
        mark = " (required)" if required else ""
        lines = [f"## `{name}`{mark}", "", _cell_text(node.get("description", "")), ""]
        lines += self.body(name, node)
        return lines

    def body(self, path: str, node: dict[str, Any]) -> list[str]:
        """The explanation of `node` at `path`: a type line, or tables of its fields."""
        target = self.resolve(node)
        if target.get("type") == "array":
            item = self.resolve(target.get("items", {}))
            if "properties" in item:
                count = f", at least {target['minItems']}" if "minItems" in target else ""
                lines = [f"A list{count}. Each item: {_cell_text(item.get('description', ''))}"]
                return [*lines, "", *self.table(f"{path}[]", item)]
        if "properties" in target:
            # The field's own description is already shown; the shared one only when it has none.
            lines = [] if node.get("description") else [_cell(target), ""]
            return lines + self.table(path, target)
        return [f"Type: {self.type_of(node)}."]

    def table(self, path: str, node: dict[str, Any]) -> list[str]:
        """The field table of an object, then a subsection per nested object."""
        required = node.get("required", [])
        lines = ["| field | type | required | description |", "| --- | --- | --- | --- |"]
        nested: list[tuple[str, dict[str, Any]]] = []
        for name, field in node.get("properties", {}).items():
            kind = self.type_of(field)
            lines.append(f"| `{name}` | {kind} | {_yes(name in required)} | {_cell(field)} |")
            target = self.resolve(field)
            if "properties" in target or "properties" in self.resolve(target.get("items", {})):
                nested.append((f"{path}.{name}", field))
        exclusive = _exclusions(node)
        if exclusive:
            lines += ["", "Keys that cannot be used together: " + exclusive + "."]
        for sub_path, field in nested:
            lines += ["", f"### `{sub_path}`", "", *self.body(sub_path, field)]
        return lines

    def resolve(self, node: Any) -> dict[str, Any]:
        """The schema a local `$ref` points to, or `node` itself."""
        if isinstance(node, dict) and "$ref" in node:
            return self.defs.get(node["$ref"].rsplit("/", 1)[-1], {})
        return node if isinstance(node, dict) else {}

    def type_of(self, node: dict[str, Any]) -> str:
        """A short, readable type: `md`, `date`, `requirement id`, list of ..., one of ..."""
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name == "ref":
                return _ref_words(node)
            target = self.defs.get(name, {})
            if "enum" in target:
                return "one of " + _values(target["enum"])
            if "properties" in target:
                return _NESTED
            if target.get("type") == "object":
                return self.map_of(target)
            return f"`{name}`"
        if "const" in node:
            return f"`{json.dumps(node['const'])}`"
        if "enum" in node:
            words = "one of " + _values(node["enum"])
            if "default" in node:
                words += f"; default `{node['default']}`"
            return words
        kind = node.get("type")
        if kind == "array":
            item = node.get("items", {})
            words = "list of " + (_plural(self.type_of(item)) if item else "values")
            if "minItems" in node:
                words += f", at least {node['minItems']}"
            return words
        if kind == "object":
            return _NESTED if "properties" in node else self.map_of(node)
        kinds = kind if isinstance(kind, list) else [kind] if kind else []
        return " or ".join(_JSON_TYPES.get(k, k) for k in kinds) + _bounds(node)

    def map_of(self, node: dict[str, Any]) -> str:
        """A free-form mapping: key → value."""
        keys = node.get("propertyNames", {})
        key = keys.get("title") or (_ref_words(keys) if "$ref" in keys else "key")
        value = node.get("additionalProperties", {})
        words = self.type_of(value) if isinstance(value, dict) else "value"
        return f"mapping of {key} → {words}"


def _ref_words(node: dict[str, Any]) -> str:
    kinds = node.get("x-refers-to") or ["item"]
    return " or ".join(kinds) + " id"


def _plural(words: str) -> str:
    """`requirement id` → `requirement ids`; type names such as `md` stay as they are."""
    if words == _NESTED:
        return "mappings (below)"
    return words + "s" if words.endswith(" id") else words


def _values(values: list[Any]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _bounds(node: dict[str, Any]) -> str:
    """Numeric bounds in words: `, 0 to 1`, `, ≥ 0`, `, > 0`."""
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f", {low} to {high}"
    if low is not None:
        return f", ≥ {low}"
    if "exclusiveMinimum" in node:
        return f", > {node['exclusiveMinimum']}"
    if high is not None:
        return f", ≤ {high}"
    return ""


def _exclusions(node: dict[str, Any]) -> str:
    """`dependentSchemas` that forbid keys, in words: `next` with `branches`, ..."""
    pairs = []
    for key, sub in node.get("dependentSchemas", {}).items():
        banned = [name for name, rule in sub.get("properties", {}).items() if rule is False]
        if banned:
            pairs.append(f"`{key}` with " + ", ".join(f"`{b}`" for b in banned))
    return "; ".join(pairs)


def _yes(flag: bool) -> str:
    return "yes" if flag else ""


def _cell(node: dict[str, Any]) -> str:
    return _cell_text(node.get("description", ""))


def _cell_text(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def main() -> None:
    """Write the reference to standard output as UTF-8, whatever the locale."""
    from prdkit.schemafile import load_schema

    sys.stdout.flush()
    sys.stdout.buffer.write(render(load_schema()).encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
