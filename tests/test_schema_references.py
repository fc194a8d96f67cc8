"""Every reference field the schema marks (`x-refers-to`) is checked by the rules and
compared as a set by `prdkit diff`: proved on the examples and templates by breaking and
shuffling every reference they hold."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prdkit import model, rules
from prdkit.diff import compare
from prdkit.loader import load_bytes
from prdkit.schemarefs import ANY, RefField, reference_fields
from prdkit.source import join
from tests.conftest import EXAMPLES

SOURCES = [
    *sorted(EXAMPLES.glob("*.prd.yaml")),
    *sorted((EXAMPLES.parent / "templates").glob("*.prd.yaml")),
]
UNRESOLVED = {"unresolved-reference", "unknown-step"}
# `us` names the product itself in the competition matrix, not a competitor.
NOT_REFERENCES = {"us"}


def data_of(path: Path) -> dict[str, Any]:
    loaded = load_bytes(path.read_bytes())
    assert loaded.ok
    return loaded.data


def places(data: Any, field: RefField) -> Iterator[tuple[str, Any, Any]]:
    """(pointer, container, key or index) of every reference of `field` in `data`."""
    steps = field.path if field.at == "value" else field.path[:-1]

    def walk(node: Any, i: int, pointer: str) -> Iterator[tuple[str, Any, Any]]:
        if i == len(steps):
            if field.at == "key" and isinstance(node, dict):
                for key in list(node):
                    if key not in NOT_REFERENCES and not key.startswith("x-"):
                        yield join(pointer, key), node, key
            return
        step = steps[i]
        if step == ANY:
            pairs = enumerate(node) if isinstance(node, list) else (node or {}).items()
            for key, child in list(pairs):
                if isinstance(key, str) and key.startswith("x-"):
                    continue
                if i + 1 == len(steps) and field.at == "value":
                    yield join(pointer, key), node, key
                else:
                    yield from walk(child, i + 1, join(pointer, key))
        elif isinstance(node, dict) and step in node:
            if i + 1 == len(steps) and field.at == "value":
                yield join(pointer, step), node, step
            else:
                yield from walk(node[step], i + 1, join(pointer, step))

    yield from walk(data, 0, "")


def _rename(mapping: dict[str, Any], old: str, new: str) -> None:
    items = [(new if k == old else k, v) for k, v in mapping.items()]
    mapping.clear()
    mapping.update(items)


def test_the_schema_marks_the_references_of_every_section_that_has_them():
    paths = {"/".join(f.path) for f in reference_fields()}
    assert "features/*/requirements/*" in paths and "guardrails/*/approver" in paths
    assert "permissions/grants/*" in paths  # a key: the role a grant is for
    assert len(paths) == len(reference_fields())


def test_every_reference_field_is_checked_by_the_rules():
    exercised: set[tuple[str, ...]] = set()
    for source in SOURCES:
        data = data_of(source)
        broken = copy.deepcopy(data)
        expected: set[str] = set()
        number = 0
        # Keys first: renaming a mapping's key moves the references held under it.
        for field in sorted(reference_fields(), key=lambda f: f.at != "key"):
            found = list(places(broken, field))
            if found:
                exercised.add(field.path)
            for pointer, container, key in found:
                number += 1
                unknown = f"ZZ-{number}"
                if field.at == "key":
                    _rename(container, key, unknown)
                    expected.add(join(pointer.rsplit("/", 1)[0], unknown))
                else:
                    container[key] = unknown
                    expected.add(pointer)
        findings = rules.run(model.build(broken), broken)
        reported = {f.pointer for f in findings if f.rule in UNRESOLVED}
        assert expected <= reported, (source.name, sorted(expected - reported))
    # A reference field no example holds is not proved checked: add it to an example.
    assert exercised == {f.path for f in reference_fields()}


# What no example holds: a role inheriting from two others.
TWO_PARENTS = """\
prdkit: 1
meta: {id: d, title: D, version: "1", status: draft, owner: Ann}
requirements:
  - {id: R1, title: T, priority: must}
permissions:
  roles:
    - {id: viewer, name: Viewer}
    - {id: editor, name: Editor}
    - {id: lead, name: Lead, inherits: [viewer, editor]}
"""


def test_every_reference_list_compares_as_a_set_in_diff():
    lists = {f.path for f in reference_fields() if f.at == "value" and f.path[-1] == ANY}
    exercised: set[tuple[str, ...]] = set()
    extra = load_bytes(TWO_PARENTS.encode()).data
    for data in [*(data_of(source) for source in SOURCES), extra]:
        shuffled = copy.deepcopy(data)
        for field in reference_fields():
            if field.path not in lists:
                continue
            for _pointer, container, key in places(shuffled, field):
                if isinstance(container, list) and len(set(container)) > 1 and key == 0:
                    container.reverse()
                    exercised.add(field.path)
        changes = compare(data, shuffled, "a", "b")
        assert not changes.areas, (data["meta"]["id"], changes.areas)
    assert exercised == lists
