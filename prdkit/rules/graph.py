"""Graph walks for the rules, all iterative: a 5,000-long chain never meets the recursion limit."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from prdkit.messages import Joined, Kind, Msg, msg

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


def describe_cycle(cycle: Cycle[str, object], kind: str, verb: str) -> Msg:
    """`A depends on B, which depends on A`; a self-loop reads `A depends on itself`.

    `kind` names the items ("" for none: requirement ids speak for themselves), `verb` is
    "depends" or "inherits".
    """
    members = cycle.members
    subject = msg("place.item", kind=Kind(kind), name=members[0]) if kind else members[0]
    if cycle.length == 1:
        return msg(f"cycle.{verb}.self", subject=subject)
    links: list[Msg] = []
    for position, member in enumerate((*members[2:], members[0]), start=2):
        if cycle.omitted and position == _SHOWN_HEAD:
            links.append(msg("cycle.more", count=cycle.omitted))
        links.append(msg(f"cycle.{verb}.which", member=member))
    return msg(f"cycle.{verb}", subject=subject, member=members[1], links=Joined(tuple(links)))


def closure(
    nodes: Sequence[N], successors: Callable[[N], Iterable[N]], own: Callable[[N], int]
) -> dict[N, int]:
    """For each node, the bits it owns or-ed with those of every node it reaches (cycles allowed).

    Tarjan's strongly connected components, iteratively; components come out sinks first,
    so each one's closure is built from closures already computed. Bit sets rather than
    sets: a chain of n nodes holds n² members in sets, but n ints of n bits cost n²/64
    machine words, a thousandth of the memory and time.
    """
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    component_of: dict[N, int] = {}
    result: dict[N, int] = {}
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
                    held = 0
                    for member in members:
                        held |= own(member)
                        for target in successors(member):
                            if component_of.get(target, index[node]) != index[node]:
                                held |= result[target]
                    for member in members:
                        result[member] = held
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


def bits(mask: int) -> Iterator[int]:
    """The positions of the set bits of `mask`, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
