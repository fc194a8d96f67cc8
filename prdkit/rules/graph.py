"""Graph walks for the rules, all iterative: a 5,000-long chain never meets the recursion limit."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

N = TypeVar("N", bound=Hashable)
E = TypeVar("E")

# Longer cycles are shown as their first and last members around a count.
_SHOWN_HEAD, _SHOWN_TAIL = 3, 3


@dataclass(frozen=True, slots=True)
class Cycle(Generic[N, E]):
    """A cycle found at the edge that closes it; `members` is shortened when long."""

    members: tuple[N, ...]  # from the first member reached to the one whose edge closes it
    length: int  # number of members in the whole cycle
    edge: E  # the closing edge's payload (its pointer, usually)

    @property
    def omitted(self) -> int:
        """How many members `members` leaves out of the middle."""
        return self.length - len(self.members)


def cycles(
    nodes: Iterable[N], successors: Callable[[N], Iterable[tuple[N, E]]]
) -> Iterator[Cycle[N, E]]:
    """Every back edge of a depth-first search in `nodes` order, each as the cycle it closes.

    Each back edge is reported once, so each cycle is reported once and not once per
    member; together the closing edges are a set whose removal leaves no cycle.
    """
    grey: dict[N, int] = {}  # node → its index in `path` while on the current path
    done: set[N] = set()
    for root in nodes:
        if root in done or root in grey:
            continue
        path: list[N] = [root]
        grey[root] = 0
        stack: list[Iterator[tuple[N, E]]] = [iter(successors(root))]
        while stack:
            for target, edge in stack[-1]:
                at = grey.get(target)
                if at is not None:
                    yield _cycle(path, at, edge)
                elif target not in done:
                    grey[target] = len(path)
                    path.append(target)
                    stack.append(iter(successors(target)))
                    break
            else:
                stack.pop()
                node = path.pop()
                del grey[node]
                done.add(node)


def _cycle(path: Sequence[N], start: int, edge: E) -> Cycle[N, E]:
    length = len(path) - start
    if length <= _SHOWN_HEAD + _SHOWN_TAIL + 1:
        members = tuple(path[start:])
    else:
        members = tuple(path[start : start + _SHOWN_HEAD]) + tuple(path[-_SHOWN_TAIL:])
    return Cycle(members, length, edge)


def describe_cycle(cycle: Cycle[str, object], verb: str, reflexive: str) -> str:
    """`A depends on B, which depends on A`; a self-loop reads `A depends on itself`."""
    members = cycle.members
    if cycle.length == 1:
        return f"{members[0]} {verb} {reflexive}"
    parts = [f"{members[0]} {verb} {members[1]}"]
    for position, member in enumerate(members[2:], start=2):
        if cycle.omitted and position == _SHOWN_HEAD:
            parts.append(f"… {cycle.omitted:,} more …")
        parts.append(f"which {verb} {member}")
    parts.append(f"which {verb} {members[0]}")
    return ", ".join(parts)


def closure(
    nodes: Sequence[N], successors: Callable[[N], Iterable[N]], own: Callable[[N], Iterable[E]]
) -> dict[N, frozenset[E]]:
    """For each node, what it owns plus what every node it reaches owns (cycles allowed).

    Tarjan's strongly connected components, iteratively; components come out sinks first,
    so each one's closure is built from closures already computed.
    """
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    component_of: dict[N, int] = {}
    result: dict[N, frozenset[E]] = {}
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[N, Iterator[N]]] = [(root, iter(successors(root)))]
        while work:
            node, pending = work[-1]
            for target in pending:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(successors(target))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members: list[N] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.append(member)
                        component_of[member] = index[node]
                        if member == node:
                            break
                    held: set[E] = set()
                    for member in members:
                        held.update(own(member))
                        for target in successors(member):
                            if component_of.get(target, index[node]) != index[node]:
                                held.update(result[target])
                    frozen = frozenset(held)
                    for member in members:
                        result[member] = frozen
    return result


def reach(starts: Iterable[N], successors: Callable[[N], Iterable[N]], known: set[N]) -> list[N]:
    """`starts` and every node reached from them, breadth first, never entering `known`."""
    seen = dict.fromkeys(starts)
    queue = deque(seen)
    while queue:
        for target in successors(queue.popleft()):
            if target not in seen and target not in known:
                seen[target] = None
                queue.append(target)
    return list(seen)
