"""What the schema says about one place of a document, given its JSON Pointer.

`schemarefs` lists the reference fields and walks the schema; here a concrete pointer
(`/features/3/requirements/0`) is matched against those paths (`features/*/requirements/*`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TypeVar

from prdkit.schemarefs import ANY, reference_fields, walk_schema

__all__ = ["item_kind", "refers_to", "split"]

Path = tuple[str, ...]
T = TypeVar("T")


def split(pointer: str) -> list[str]:
    """The reference tokens of a JSON Pointer, unescaped."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _lookup(table: dict[Path, T], tokens: list[str]) -> T | None:
    """The entry whose path matches `tokens` (`*` matches any token), the most specific first."""
    best: tuple[int, T] | None = None
    for path, value in table.items():
        if len(path) == len(tokens) and all(
            p in (ANY, t) for p, t in zip(path, tokens, strict=True)
        ):
            wildcards = path.count(ANY)
            if best is None or wildcards < best[0]:
                best = (wildcards, value)
    return best[1] if best else None


@lru_cache(maxsize=2)
def _references(at: str) -> dict[Path, tuple[str, ...]]:
    return {f.path: f.kinds for f in reference_fields() if f.at == at}


@lru_cache(maxsize=1)
def _definitions() -> dict[Path, str]:
    """Path → the `$defs` name its values are (`requirements/*` → `requirement`)."""
    found: dict[Path, str] = {}
    for path, node, is_key in walk_schema():
        ref = node.get("$ref")
        if not is_key and isinstance(ref, str) and ref.startswith("#/$defs/"):
            found.setdefault(path, ref.rpartition("/")[2])
    return found


@lru_cache(maxsize=4096)
def refers_to(pointer: str, *, key: bool = False) -> tuple[str, ...]:
    """The item kinds a reference at `pointer` may name (with `key`, the mapping key's), or ()."""
    return _lookup(_references("key" if key else "value"), split(pointer)) or ()


@lru_cache(maxsize=4096)
def item_kind(pointer: str) -> str | None:
    """The kind of the item at `pointer` as the schema names it (`requirement`), or None."""
    return _lookup(_definitions(), split(pointer))
