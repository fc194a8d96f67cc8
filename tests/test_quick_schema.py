"""The quick schema check agrees with jsonschema on valid documents and on broken ones.

prdkit.quickschema answers "valid?" with closures compiled from the schema; prdkit.schema
runs jsonschema only to explain a "no". A quick "yes" jsonschema would refuse would hide
errors, so this test mutates real documents (the examples, the templates, a generated PRD)
and compares the two verdicts.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import document
from prdkit import quickschema, schema, schemafile
from prdkit.loader import load_bytes

ROOT = Path(__file__).resolve().parent.parent
ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 0.5, 2.0, 1e300, -0.5, "", "x", "x-y", "must", "1abc",
    "2026-02-30", "2026-01-01", "2026-1-1", "https://a.example", "sha256:" + "a" * 64,
    [], {}, ["a"], {"a": 1}, {"x-note": 1},
]  # fmt: skip
ODD_KEYS = ["x-a", "bogus", "end", "next", "branches", "id", "title", "priority", "us", ""]


def corpus() -> list[dict[str, Any]]:
    """Valid documents of every shape the project ships, as plain JSON data."""
    files = sorted((ROOT / "examples").glob("*.prd.yaml")) + sorted(
        (ROOT / "templates").glob("*.prd.yaml")
    )
    found = [load_bytes(p.read_bytes()).data for p in files]
    found.append(document(20, seed=5, lang="en"))
    return [json.loads(json.dumps(d)) for d in found if d is not None]


def nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) below `value`, the root included."""
    stack = [(path, value)]
    while stack:
        here, item = stack.pop()
        yield here, item
        if isinstance(item, dict):
            stack.extend(((*here, k), v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend(((*here, i), v) for i, v in enumerate(item))


def mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """`data` with one to three random changes: values swapped, keys added or removed."""
    data = copy.deepcopy(data)
    for _ in range(rng.choice([1, 1, 2, 3])):
        path, node = rng.choice(list(nodes(data))[1:])
        parent = data
        for token in path[:-1]:
            parent = parent[token]
        last = path[-1]
        move = rng.randrange(6)
        if move == 0:
            parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif move == 1:
            del parent[last]
        elif move == 2 and isinstance(node, dict):
            node[rng.choice(ODD_KEYS)] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif move == 3 and isinstance(node, list):
            node.append(copy.deepcopy(rng.choice(node) if node and rng.random() < 0.5 else 1))
        elif move == 4 and isinstance(node, str):
            parent[last] = rng.choice([node + " ", node.upper(), node[:-1], "9" + node])
        elif move == 5 and isinstance(node, (int, float)) and not isinstance(node, bool):
            parent[last] = rng.choice([-node, node * 1000, float(node), True])
    return data


def jsonschema_says_valid(data: Any) -> bool:
    return next(iter(schema.validator().iter_errors(data)), None) is None


def test_the_shipped_schema_compiles_to_a_quick_check() -> None:
    assert quickschema.quick_check() is not None


@pytest.mark.parametrize("seed", range(4))
def test_quick_verdicts_match_jsonschema_on_mutated_documents(seed: int) -> None:
    quick = quickschema.quick_check()
    assert quick is not None
    rng = random.Random(seed)
    documents = corpus()
    verdicts = {True: 0, False: 0}
    for _ in range(150):
        data = mutate(rng.choice(documents), rng)
        expected = jsonschema_says_valid(data)
        assert quick(data) is expected, json.dumps(data, ensure_ascii=False)[:300]
        verdicts[expected] += 1
    assert verdicts[True] and verdicts[False]  # both sides of the comparison were exercised


@pytest.mark.parametrize("data", [None, 1, "x", [], {}, {"prdkit": 1}, {"prdkit": True}])
def test_quick_verdicts_match_jsonschema_on_odd_roots(data: Any) -> None:
    quick = quickschema.quick_check()
    assert quick is not None
    assert quick(data) is jsonschema_says_valid(data)


def test_a_keyword_it_does_not_know_turns_the_quick_check_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    changed = copy.deepcopy(schemafile.load_schema())
    changed["$defs"]["id"]["uniqueItems"] = True
    monkeypatch.setattr(schemafile, "load_schema", lambda: changed)
    quickschema.quick_check.cache_clear()
    try:
        assert quickschema.quick_check() is None
        # Checking still works, through jsonschema alone.
        assert schema.check({"prdkit": 2})
    finally:
        quickschema.quick_check.cache_clear()
