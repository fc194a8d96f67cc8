"""The range maxima a layout reads lanes from, against a plain scan."""

from __future__ import annotations

import random

import pytest

from prdkit.diagrams.ranges import RangeMax


@pytest.mark.parametrize("size", [1, 2, 5, 16, 37])
def test_range_maxima_match_a_scan(size):
    rng = random.Random(size)
    ranges, plain = RangeMax(size), [float("-inf")] * size
    for _ in range(300):
        first, last = sorted(rng.randrange(size) for _ in range(2))
        if rng.random() < 0.5:
            value = rng.uniform(-50, 50)
            ranges.raise_to(first, last, value)
            for n in range(first, last + 1):
                plain[n] = max(plain[n], value)
        else:
            assert ranges.top(first, last) == max(plain[first : last + 1])


def test_an_empty_range_is_the_floor_and_raises_nothing():
    ranges = RangeMax(4, floor=0.0)
    ranges.raise_to(3, 1, 9.0)
    assert ranges.top(0, 3) == 0.0
    ranges.raise_to(1, 1, 5.0)
    assert ranges.top(2, 1) == 0.0
    assert ranges.top(0, 3) == 5.0
    assert ranges.top(2, 3) == 0.0
