"""Where things are in a source file: spans and the JSON Pointer → span map."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A 1-based line and column in the source text."""

    line: int
    column: int


def escape_token(token: str | int) -> str:
    """One JSON Pointer reference token (RFC 6901 escaping)."""
    text = str(token)
    # Most keys hold neither character: the check is cheaper than two replacements.
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def join(base: str, *tokens: str | int) -> str:
    """`base` extended by `tokens`: join("/a", "b", 0) == "/a/b/0"."""
    # Called for every value the model and the rules visit: a loop, not a generator.
    for token in tokens:
        base += "/" + escape_token(token)
    return base


def parent(pointer: str) -> str:
    """The pointer one level up; the root is its own parent."""
    return pointer[: pointer.rfind("/")] if pointer else ""


# A position as a `SourceMap` files it: (line, column), 1-based. A `Span` is made from it
# only when asked for; a 5,000-requirement file has ~330,000 of them, a dataclass each
# cost a quarter of the time to read it. (While reading, the loader keeps libyaml's marks
# instead: see `sourcemap`.)
Pos = tuple[int, int]


class SourceMap:
    """JSON Pointer → spans of the key and of the value, recorded once by the loader."""

    __slots__ = ("_keys", "_values")

    def __init__(
        self, values: dict[str, Pos] | None = None, keys: dict[str, Pos] | None = None
    ) -> None:
        # The loader fills these dictionaries directly while it reads.
        self._values: dict[str, Pos] = {} if values is None else values
        self._keys: dict[str, Pos] = {} if keys is None else keys

    def value(self, pointer: str) -> Span | None:
        """The span of the value at `pointer`, if the loader saw it."""
        pos = self._values.get(pointer)
        return None if pos is None else Span(*pos)

    def key(self, pointer: str) -> Span | None:
        """The span of the key of the mapping entry at `pointer`."""
        pos = self._keys.get(pointer)
        return None if pos is None else Span(*pos)

    def nearest(self, pointer: str) -> Span:
        """The span of `pointer` or of its closest recorded ancestor (line 1 if none)."""
        while True:
            pos = self._values.get(pointer)
            if pos is not None:
                return Span(*pos)
            if not pointer:
                return Span(1, 1)
            pointer = parent(pointer)

    def entries(self) -> list[tuple[str, Span, Span | None]]:
        """Every recorded (pointer, value span, key span), in the order the loader saw them."""
        keys = self._keys
        return [
            (p, Span(*pos), Span(*keys[p]) if p in keys else None)
            for p, pos in self._values.items()
        ]

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._values

    def __len__(self) -> int:
        return len(self._values)
