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
    return str(token).replace("~", "~0").replace("/", "~1")


def join(base: str, *tokens: str | int) -> str:
    """`base` extended by `tokens`: join("/a", "b", 0) == "/a/b/0"."""
    return base + "".join("/" + escape_token(t) for t in tokens)


def parent(pointer: str) -> str:
    """The pointer one level up; the root is its own parent."""
    return pointer[: pointer.rfind("/")] if pointer else ""


class SourceMap:
    """JSON Pointer → spans of the key and of the value, recorded once by the loader."""

    __slots__ = ("_keys", "_values")

    def __init__(self) -> None:
        self._values: dict[str, Span] = {}
        self._keys: dict[str, Span] = {}

    def add(self, pointer: str, value: Span, key: Span | None = None) -> None:
        """Record where the value at `pointer` (and its key, for mapping entries) starts."""
        self._values[pointer] = value
        if key is not None:
            self._keys[pointer] = key

    def value(self, pointer: str) -> Span | None:
        """The span of the value at `pointer`, if the loader saw it."""
        return self._values.get(pointer)

    def key(self, pointer: str) -> Span | None:
        """The span of the key of the mapping entry at `pointer`."""
        return self._keys.get(pointer)

    def nearest(self, pointer: str) -> Span:
        """The span of `pointer` or of its closest recorded ancestor (line 1 if none)."""
        while True:
            span = self._values.get(pointer)
            if span is not None:
                return span
            if not pointer:
                return Span(1, 1)
            pointer = parent(pointer)

    def entries(self) -> list[tuple[str, Span, Span | None]]:
        """Every recorded (pointer, value span, key span), in the order the loader saw them."""
        return [(p, span, self._keys.get(p)) for p, span in self._values.items()]

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._values

    def __len__(self) -> int:
        return len(self._values)
