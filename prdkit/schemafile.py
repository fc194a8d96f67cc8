"""The schema file: where it is shipped, its text and data, and its regular expressions.

`schema` (explained validation) and `quickschema` (the compiled yes/no check) both read it
from here, so neither imports the other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_FILE", "ecma_regex", "load_schema", "resource_dir", "schema_text"]

SCHEMA_FILE = "prd.schema.json"


def resource_dir(name: str) -> Path:
    """A data folder shipped with prdkit (`schemas`, `templates`), installed or in a checkout."""
    packaged = resources.files("prdkit") / name
    if packaged.is_dir():
        return Path(str(packaged))
    # A source checkout or editable install: the folders sit beside the package.
    return Path(__file__).resolve().parent.parent / name


def schema_text() -> str:
    """The schema file exactly as shipped."""
    return (resource_dir("schemas") / SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The schema as data (parsed once per run)."""
    return json.loads(schema_text())


def resolved(node: Mapping[str, Any]) -> Mapping[str, Any]:
    """`node`, or the definition its `$ref` names (`#/$defs/md`)."""
    ref = node.get("$ref", "")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return load_schema()["$defs"][ref.rsplit("/", 1)[1]]
    return node


@lru_cache(maxsize=256)
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled with JSON Schema's (ECMA 262) meaning of a final `$`: end of text.

    Python's `$` also matches before a final newline, which would let `id: "R1\n"` pass.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)
