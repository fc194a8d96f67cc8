"""A small YAML writer for generated PRDs: block style, the way authors write by hand."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["Date", "dump"]


class Date(str):
    """A `YYYY-MM-DD` string written unquoted, as authors usually do."""


# Text that a YAML 1.2 reader keeps as the same string when written plain: no indicator at
# the start, no ": " or " #" inside, nothing that reads as a number, boolean or null.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~][^\n\t]*")
_NOT_TEXT = re.compile(r"(?:true|false|null|yes|no|on|off|y|n)\Z", re.IGNORECASE)


def _plain_ok(text: str) -> bool:
    return (
        _PLAIN.fullmatch(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and _NOT_TEXT.match(text) is None
    )


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, Date):
        return str(value)
    if _plain_ok(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _block(text: str, indent: int) -> list[str]:
    """A literal block scalar (`|`): the text must end with one newline."""
    pad = " " * indent
    return [(pad + line) if line else "" for line in text[:-1].split("\n")]


def _is_block(value: Any) -> bool:
    return isinstance(value, str) and "\n" in value


def _write(value: Any, indent: int, out: list[str]) -> None:
    """Append the lines of a mapping or list at `indent`."""
    pad = " " * indent
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, item in items:
        head = f"{pad}{key}:" if key is not None else f"{pad}-"
        if isinstance(item, dict) and item and key is None:
            # A mapping in a list: its first key shares the dash line.
            lines: list[str] = []
            _write(item, indent + 2, lines)
            out.append(f"{pad}- {lines[0].lstrip()}")
            out.extend(lines[1:])
        elif isinstance(item, (dict, list)) and item:
            out.append(head)
            _write(item, indent + 2, out)
        elif isinstance(item, (dict, list)):
            out.append(f"{head} {'{}' if isinstance(item, dict) else '[]'}")
        elif _is_block(item):
            out.append(f"{head} |")
            out.extend(_block(item, indent + 2))
        else:
            out.append(f"{head} {_scalar(item)}")


def dump(data: dict[str, Any], sections_apart: bool = True) -> str:
    """YAML text of `data`; top-level sections separated by a blank line."""
    chunks = []
    for key, value in data.items():
        lines: list[str] = []
        _write({key: value}, 0, lines)
        chunks.append("\n".join(lines) + "\n")
    return ("\n" if sections_apart else "").join(chunks)
