"""A source map whose pointers are spelled out only when they are asked for.

Reading a large file records a position for every value, but a valid document asks for
almost none of them: spelling ~450,000 JSON Pointers and filing them in two dictionaries was
a fifth of the time to read 5,000 requirements, and a third of the memory it kept. The
loader records positions in reading order instead ("slots": a mapping entry's key, then its
value; a list item's value), and where each mapping and list it read ends. A pointer is
found by walking the data, which holds the values in that same order; only `entries()`
spells every pointer. The data must stay as the loader made it. Each position is the mark
libyaml made, kept as it is: a line and column are read from it only when asked for.
"""

from __future__ import annotations

from typing import Any

from prdkit.source import Pos, SourceMap, Span, escape_token, parent

# A libyaml mark (`yaml.Mark`, or the C parser's own): `line` and `column`, counted from 0.
Mark = Any


def position(mark: Mark) -> Pos:
    """The 1-based (line, column) of `mark`."""
    return (mark.line + 1, mark.column + 1)


def spell(root: list[Any], order: list[Mark], values: dict[str, Pos], keys: dict[str, Pos]) -> None:
    """File the positions of the marks `order` holds under the pointers of the values in `root`.

    `root` holds the document's value (or nothing yet), `order` its slots in reading order.
    The data must hold exactly the values read (reading may have stopped early, or be under
    way: then it holds fewer).
    """
    positions = iter(order)
    # (pointer, value, whether a key precedes it), walked in reading order without recursion.
    stack: list[tuple[str, Any, bool]] = [("", value, False) for value in root]
    while stack:
        pointer, value, keyed = stack.pop()
        if keyed:
            keys[pointer] = position(next(positions))
        values[pointer] = position(next(positions))
        kind = type(value)
        if kind is dict:
            prefix = pointer + "/"
            stack.extend(reversed([(prefix + escape_token(k), v, True) for k, v in value.items()]))
        elif kind is list:
            prefix = pointer + "/"
            stack.extend((prefix + str(i), value[i], False) for i in range(len(value) - 1, -1, -1))


class LazySourceMap(SourceMap):
    """A `SourceMap` over positions in reading order (see the module's docstring)."""

    __slots__ = ("_children", "_ends", "_order", "_root", "_spelt")

    def __init__(self, root: list[Any], order: list[Mark], ends: dict[int, int]) -> None:
        """`ends`: `id()` of each mapping and list read → the slot after its last one."""
        super().__init__()
        self._root, self._order, self._ends = root, order, ends
        # id() of a mapping or list → the first slot of each of its entries (key or index).
        self._children: dict[int, Any] = {}
        self._spelt = False

    def _slots(self, container: Any, slot: int) -> Any:
        """The first slot of each entry of `container`, whose own value is at `slot`."""
        found = self._children.get(id(container))
        if found is None:
            ends = self._ends
            mapping = type(container) is dict
            width = 2 if mapping else 1
            found = {} if mapping else []
            at = slot + 1
            for key, value in container.items() if mapping else enumerate(container):
                if mapping:
                    found[key] = at
                else:
                    found.append(at)
                kind = type(value)
                # A mapping or list still open (reading stopped inside it) is the last entry.
                at = ends.get(id(value), 0) if kind is dict or kind is list else at + width
            self._children[id(container)] = found
        return found

    def _find(self, pointer: str) -> tuple[int, int | None] | None:
        """The slots of the value at `pointer` and of its key, if the loader read it."""
        if not self._root or (pointer and pointer[0] != "/"):
            return None
        node, slot, key_slot = self._root[0], 0, None
        for token in pointer.split("/")[1:]:
            kind = type(node)
            if kind is dict:
                key = token.replace("~1", "/").replace("~0", "~") if "~" in token else token
                if key not in node or escape_token(key) != token:
                    return None
                key_slot = self._slots(node, slot)[key]
                node, slot = node[key], key_slot + 1
            elif kind is list:
                if (
                    not (token.isascii() and token.isdigit())
                    or str(int(token)) != token
                    or int(token) >= len(node)
                ):
                    return None
                index = int(token)
                slot, key_slot = self._slots(node, slot)[index], None
                node = node[index]
            else:
                return None
        return slot, key_slot

    def _all(self) -> None:
        if not self._spelt:
            self._spelt = True
            spell(self._root, self._order, self._values, self._keys)

    def value(self, pointer: str) -> Span | None:
        """The span of the value at `pointer`, if the loader saw it."""
        found = self._find(pointer)
        return None if found is None else Span(*position(self._order[found[0]]))

    def key(self, pointer: str) -> Span | None:
        """The span of the key of the mapping entry at `pointer`."""
        found = self._find(pointer)
        return None if found is None or found[1] is None else Span(*position(self._order[found[1]]))

    def nearest(self, pointer: str) -> Span:
        """The span of `pointer` or of its closest recorded ancestor (line 1 if none)."""
        while True:
            found = self._find(pointer)
            if found is not None:
                return Span(*position(self._order[found[0]]))
            if not pointer:
                return Span(1, 1)
            pointer = parent(pointer)

    def entries(self) -> list[tuple[str, Span, Span | None]]:
        """Every recorded (pointer, value span, key span), in the order the loader saw them."""
        self._all()
        return super().entries()

    def __contains__(self, pointer: object) -> bool:
        return isinstance(pointer, str) and self._find(pointer) is not None

    def __len__(self) -> int:
        self._all()
        return super().__len__()
