"""The source map the loader hands out: every pointer answered as if spelt out in full."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from prdkit.limits import DEFAULT_LIMITS
from prdkit.loader import load_bytes
from prdkit.source import SourceMap, Span
from prdkit.sourcemap import LazySourceMap, spell
from tests.conftest import MINIMAL

ROOT = Path(__file__).resolve().parent.parent

NESTED = b"""\
a: 1
m:
  k/1: [x, {y: 2, z: [3, 4]}, []]
  k~2: {}
  '': empty key
list:
  - - deep
    - {q: r}
  - last
tail: {n: [1, [2, [3]]], o: p}
"""
# Reading stops at the depth limit inside an open list: what was read is still mapped.
STOPPED = b"a: 1\nb:\n  - c: [1, 2]\n  - [[[[x]]]]\n"
# A refused key (a duplicate) is read and kept nowhere: from there the map is spelt as read.
REFUSED = b"a: 1\nb: {c: 1}\nb: {c: 2}\nd: [1, 2]\n"


def spelt(source_map: SourceMap) -> SourceMap:
    """The same positions, every pointer spelt out (as `entries()` lists them)."""
    values = {pointer: (span.line, span.column) for pointer, span, _ in source_map.entries()}
    keys = {p: (k.line, k.column) for p, _, k in source_map.entries() if k is not None}
    return SourceMap(values, keys)


def probes(source_map: SourceMap) -> list[str]:
    """Every recorded pointer, and near misses around each: children, odd indexes, escapes."""
    found = [pointer for pointer, _, _ in source_map.entries()]
    near = ["", "/", "x", "/00", "/-1", "/a~2", "/~", "/m/k~11", "/m/k~02", "/list/１"]
    for pointer in found:
        near += [pointer + tail for tail in ("/x", "/0", "/01", "/1", "/~", "/", "~", "/ 1")]
    return found + near


def examples() -> list[Path]:
    return sorted((ROOT / "examples").glob("*.prd.yaml")) + sorted(
        (ROOT / "templates").glob("*.prd.yaml")
    )


def answers(source_map: SourceMap, pointer: str) -> tuple[object, ...]:
    return (
        source_map.value(pointer),
        source_map.key(pointer),
        source_map.nearest(pointer),
        pointer in source_map,
    )


@pytest.mark.parametrize(
    "raw",
    [NESTED, STOPPED, REFUSED, *(path.read_bytes() for path in examples())],
    ids=["nested", "stopped", "refused", *(path.name for path in examples())],
)
def test_every_pointer_is_answered_as_when_spelt_in_full(raw: bytes) -> None:
    # Asked before anything was spelt (a fresh load), then compared with the full spelling.
    limits = replace(DEFAULT_LIMITS, max_depth=4) if raw is STOPPED else DEFAULT_LIMITS
    lazy = load_bytes(raw, limits=limits).source_map
    full = spelt(load_bytes(raw, limits=limits).source_map)
    for pointer in probes(full):
        assert answers(lazy, pointer) == answers(full, pointer), pointer
    assert len(lazy) == len(full)


def test_a_valid_document_spells_no_pointer_until_asked() -> None:
    loaded = load_bytes(NESTED)
    source_map = loaded.source_map
    assert isinstance(source_map, LazySourceMap)
    assert source_map.value("/m/k~11/1/z/1") == Span(3, 26)
    assert source_map.key("/m/k~11") == Span(3, 3)
    assert source_map.key("/list/0") is None
    assert source_map.value("/m/") == Span(5, 7)
    assert source_map.value("/tail/n/1/1/0") == Span(10, 20)
    assert source_map.nearest("/tail/n/7") == Span(10, 11)
    # Nothing above filed a pointer: the two dictionaries fill only for `entries()`.
    assert not source_map._values and not source_map._keys
    assert source_map.entries()[:3] == [
        ("", Span(1, 1), None),
        ("/a", Span(1, 4), Span(1, 1)),
        ("/m", Span(3, 3), Span(2, 1)),
    ]


def test_a_refused_key_spells_the_pointers_read_before_it() -> None:
    loaded = load_bytes(REFUSED)
    assert [f.rule for f, _ in loaded.problems] == ["duplicate-key"]
    assert not isinstance(loaded.source_map, LazySourceMap)
    # The refused entry's value is mapped under "~", as it was read; the rest as usual.
    assert loaded.source_map.value("/~/c") == Span(3, 8)
    assert loaded.source_map.value("/b/c") == Span(2, 8)
    assert loaded.source_map.value("/d/1") == Span(4, 8)


def test_spell_files_positions_in_reading_order() -> None:
    values: dict[str, tuple[int, int]] = {}
    keys: dict[str, tuple[int, int]] = {}
    # The loader records libyaml's marks, counted from 0.
    lines = [(1, 1), (1, 1), (1, 4), (2, 1), (3, 3), (3, 5)]
    order = [yaml.Mark("t", 0, line - 1, column - 1, None, None) for line, column in lines]
    spell([{"a": 1, "b": ["x"]}], order, values, keys)
    assert list(values) == ["", "/a", "/b", "/b/0"]
    assert values["/b/0"] == (3, 5) and keys == {"/a": (1, 1), "/b": (2, 1)}


@pytest.mark.parametrize(
    ("old", "new", "rule", "pointer"),
    [
        ("title: Checkout works", 'title: "Check\\x07out"', "control-character", "/title"),
        ("priority: could", "priority: could\n    rice: {reach: .inf}", "bad-number", "/rice/reach"),
        ("priority: could", "priority: could\n    description: " + "x" * 200_001,
         "string-too-long", "/description"),
    ],
)  # fmt: skip
def test_a_problem_in_a_value_points_at_the_value(
    old: str, new: str, rule: str, pointer: str
) -> None:
    # The JSON `pointer` named the value's mapping (/requirements/0), not the value.
    loaded = load_bytes(MINIMAL.replace(old, new).encode())
    assert [(f.rule, f.pointer) for f, _ in loaded.problems] == [
        (rule, "/requirements/0" + pointer)
    ]


def test_a_duplicate_key_points_at_the_key() -> None:
    loaded = load_bytes(MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  owner: Bo\n").encode())
    assert [(f.rule, f.pointer) for f, _ in loaded.problems] == [("duplicate-key", "/meta/owner")]
