"""Highest values over ranges of positions (a segment tree): a layout asks, for each loop,
how far right anything between two layers reaches, and a scan per loop grew with the
product of loops and layers."""

from __future__ import annotations

__all__ = ["RangeMax"]


class RangeMax:
    """Positions 0 to `size` - 1, each starting at `floor`: raise a range of them to at
    least a value, and read the highest value over a range; each in time log `size`."""

    def __init__(self, size: int, floor: float = float("-inf")) -> None:
        self.floor = floor
        self.leaves = 1
        while self.leaves < size:
            self.leaves *= 2
        # Per node: the highest value raised over any of its positions, and over all of them.
        self.some = [floor] * (2 * self.leaves)
        self.every = [floor] * (2 * self.leaves)

    def raise_to(self, first: int, last: int, value: float) -> None:
        """Raise positions `first` to `last` (both included) to at least `value`."""
        if first > last:
            return
        lo, hi = first + self.leaves, last + self.leaves + 1
        some, every = self.some, self.every
        while lo < hi:
            if lo & 1:
                every[lo] = max(every[lo], value)
                some[lo] = max(some[lo], value)
                lo += 1
            if hi & 1:
                hi -= 1
                every[hi] = max(every[hi], value)
                some[hi] = max(some[hi], value)
            lo //= 2
            hi //= 2
        # The nodes above the range's ends hold some of it.
        for node in (first + self.leaves, last + self.leaves):
            node //= 2
            while node:
                some[node] = max(some[node], value)
                node //= 2

    def top(self, first: int, last: int) -> float:
        """The highest value over positions `first` to `last` (both included); `floor` if
        the range is empty."""
        best = self.floor
        if first > last:
            return best
        lo, hi = first + self.leaves, last + self.leaves + 1
        some, every = self.some, self.every
        while lo < hi:
            if lo & 1:
                best = max(best, some[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                best = max(best, some[hi])
            lo //= 2
            hi //= 2
        # A value raised over all of a node above the range's ends covers part of it.
        for node in (first + self.leaves, last + self.leaves):
            node //= 2
            while node:
                best = max(best, every[node])
                node //= 2
        return best
