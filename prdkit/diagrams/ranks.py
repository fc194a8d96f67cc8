"""The ranking stages of a layered layout, on graphs of numbered nodes: which edges close a
cycle, which layer each node takes, and the two small solvers ordering and placement use."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

__all__ = ["Item", "back_edges", "inversions", "isotonic", "longest_path"]


@dataclass(slots=True)
class Item:
    """A node or a long edge's waypoint in one layer."""

    index: int  # node index, or -1 for a waypoint
    layer: int
    width: float
    left: float = 0.0  # extent left of x
    right: float = 0.0  # extent right of x (grows for a label beside the incoming line)
    x: float = 0.0
    up: list[tuple[int, float]] = field(default_factory=list)  # (item id, weight)
    down: list[tuple[int, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # edges whose label sits above this item


def back_edges(n: int, pairs: list[tuple[int, int]]) -> tuple[set[int], list[int]]:
    """Edges (indices into `pairs`) that close a cycle, and the depth-first visiting order.

    The search starts from nodes nothing leads to, in reading order, then from any node not
    yet seen; children follow edge order. An edge to a node still on the stack loops back.
    """
    out: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for k, (s, t) in enumerate(pairs):
        out[s].append(k)
        indegree[t] += 1
    state = [0] * n  # 0 unseen, 1 on the stack, 2 done
    back: set[int] = set()
    order: list[int] = []
    for start in [v for v in range(n) if indegree[v] == 0] + list(range(n)):
        if state[start]:
            continue
        state[start] = 1
        order.append(start)
        stack = [(start, 0)]
        while stack:
            v, i = stack[-1]
            if i == len(out[v]):
                state[v] = 2
                stack.pop()
                continue
            stack[-1] = (v, i + 1)
            k = out[v][i]
            t = pairs[k][1]
            if state[t] == 1:
                back.add(k)
            elif state[t] == 0:
                state[t] = 1
                order.append(t)
                stack.append((t, 0))
    return back, order


def longest_path(n: int, pairs: list[tuple[int, int]], back: set[int]) -> list[int]:
    """Each node's layer: one below its lowest predecessor, loops back left out."""
    succ: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for k, (s, t) in enumerate(pairs):
        if k not in back:
            succ[s].append(t)
            indegree[t] += 1
    layer = [0] * n
    ready = [v for v in range(n) if indegree[v] == 0]
    heapq.heapify(ready)
    while ready:
        v = heapq.heappop(ready)
        for t in succ[v]:
            layer[t] = max(layer[t], layer[v] + 1)
            indegree[t] -= 1
            if indegree[t] == 0:
                heapq.heappush(ready, t)
    return layer


def inversions(values: list[int]) -> int:
    """Pairs out of order in `values` (a Fenwick tree: n log n)."""
    if len(values) < 2:
        return 0
    size = max(values) + 2
    tree = [0] * (size + 1)
    count = 0
    for seen, v in enumerate(values):
        i, not_greater = v + 1, 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        count += seen - not_greater
        i = v + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count


def isotonic(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to `values` in weighted least squares (PAV)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, wt in zip(values, weights, strict=True):
        blocks.append([v, wt, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out.extend([mean] * int(count))
    return out
