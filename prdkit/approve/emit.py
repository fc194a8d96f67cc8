"""YAML text for one approvals entry, written so the loader reads back exactly the same data."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

# A plain scalar may not start with an indicator or a blank, nor hold ": " or " #".
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
# Starts that the loader might read as a number or null: quote them unless clearly a date.
_NUMERIC_START = frozenset("+-.0123456789~")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Words some YAML reader resolves to null or a boolean; quoted for every reader's sake.
_RESERVED = frozenset(["null", "true", "false", "yes", "no", "on", "off", "y", "n"])
# Line breaks to libyaml besides "\n", and the BOM: always escaped, never written raw.
_ESCAPED = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


def plain_ok(text: str, *, flow: bool) -> bool:
    """`True` when `text` reads back as the same string written without quotes."""
    if not text or text != text.strip() or not _PLAIN_START.match(text):
        return False
    if any(ch in text for ch in "\n\t\r") or any(ch in text for ch in _ESCAPED):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(ch in text for ch in ",[]{}"):
        return False
    if text[0] in _NUMERIC_START and not _DATE.match(text):
        return False
    return text.lower() not in _RESERVED


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON escapes are YAML escapes too)."""
    body = json.dumps(text, ensure_ascii=False)
    for raw, escape in _ESCAPED.items():
        body = body.replace(raw, escape)
    return body


def _literal_ok(text: str) -> bool:
    """`True` when a literal block (`|`) can carry `text` unchanged."""
    if "\n" not in text or text.startswith((" ", "\n")) or text.endswith(" "):
        return False
    if any(ch in text for ch in _ESCAPED) or "\r" in text or "\t" in text:
        return False
    # Lines of blanks only would be read as empty lines, or break the indentation.
    return all(line.strip() or not line for line in text.split("\n"))


def _literal(text: str, indent: str) -> str:
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = body.split("\n") + [""] * (trailing - 1 if trailing > 1 else 0)
    return f"|{chomp}\n" + "\n".join(indent + line if line else "" for line in lines)


def scalar(value: Any, *, flow: bool, indent: str = "") -> str:
    """One value as YAML text; continuation lines of a block scalar start with `indent`."""
    if isinstance(value, str):
        if plain_ok(value, flow=flow):
            return value
        if not flow and _literal_ok(value):
            return _literal(value, indent)
        return quoted(value)
    # Extension (`x-`) values of any shape: JSON is valid flow YAML and reads back the same.
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def block_entry(entry: Mapping[str, Any], dash_column: int, key_offset: int) -> str:
    """A block-sequence item (`- key: value` lines), each line ending in a newline."""
    dash = " " * dash_column + "-" + " " * (key_offset - 1)
    indent = " " * (dash_column + key_offset)
    lines = []
    for number, (key, value) in enumerate(entry.items()):
        text = scalar(value, flow=False, indent=indent + "  ")
        lines.append(f"{dash if number == 0 else indent}{scalar(key, flow=False)}: {text}")
    return "".join(line + "\n" for line in lines)


def flow_entry(entry: Mapping[str, Any]) -> str:
    """A flow mapping `{key: value, …}` on one line."""
    pairs = (f"{scalar(k, flow=True)}: {scalar(v, flow=True)}" for k, v in entry.items())
    return "{" + ", ".join(pairs) + "}"
