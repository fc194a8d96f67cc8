"""The schema file itself: valid, linear, documented, closed to typos, and its reference current."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from prdkit.formatdoc import REGENERATE, render

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schemas" / "prd.schema.json"
FORMAT_DOC = ROOT / "docs" / "format.md"

CANONICAL_ORDER = [
    "prdkit",
    "meta",
    "stakeholders",
    "revisions",
    "market_research",
    "requirements",
    "business_model",
    "competition",
    "features",
    "pages",
    "tracking",
    "flows",
    "schedule",
    "metrics",
    "resources",
    "permissions",
    "guardrails",
    "operations",
    "assumptions",
    "dependencies",
    "alternatives",
    "launch",
    "faq",
    "risks",
    "open_questions",
    "glossary",
    "approvals",
]

ITEM_KINDS = {
    "stakeholder",
    "finding",
    "requirement",
    "feature",
    "step",
    "milestone",
    "metric",
    "role",
    "action",
    "competitor",
    "page",
    "event",
}

MINIMAL = {
    "prdkit": 1,
    "meta": {"id": "demo", "title": "Demo", "version": "0.1.0", "status": "draft", "owner": "Ann"},
    "requirements": [{"id": "R1", "title": "T", "priority": "must"}],
}


def minimal(**sections: Any) -> dict[str, Any]:
    """A fresh copy of the smallest valid document, with `sections` added."""
    return {**copy.deepcopy(MINIMAL), **copy.deepcopy(sections)}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- walking the schema -----------------------------------------------------------

_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
_SCHEMA_VALUES = ("items", "additionalProperties", "propertyNames", "not", "contains")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")


def subschemas(node: Any, where: str = "#", keyword: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every subschema as (pointer, keyword it sits under, schema), the root included."""
    yield where, keyword, node
    if not isinstance(node, dict):
        return
    for key in _SCHEMA_MAPS:
        for name, sub in node.get(key, {}).items():
            yield from subschemas(sub, f"{where}/{key}/{name}", key)
    for key in _SCHEMA_VALUES:
        if key in node:
            yield from subschemas(node[key], f"{where}/{key}", key)
    for key in _SCHEMA_LISTS:
        for index, sub in enumerate(node.get(key, [])):
            yield from subschemas(sub, f"{where}/{key}/{index}", key)


def patterns(schema: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for where, _, node in subschemas(schema):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                yield where, node["pattern"]
            for key in node.get("patternProperties", {}):
                yield f"{where}/patternProperties", key


# --- a small checker for regular expressions that can backtrack badly ----------------

_COUNTED = re.compile(r"\{(\d*)(,?)(\d*)\}")


def _quantifier(pattern: str, i: int) -> tuple[bool | None, int]:
    """At `i`: (None, i) when no quantifier starts there, else (repeats more than once, end)."""
    if i >= len(pattern):
        return None, i
    char = pattern[i]
    if char in "*+":
        repeats, end = True, i + 1
    elif char == "?":
        repeats, end = False, i + 1
    else:
        counted = _COUNTED.match(pattern, i)
        if not counted:
            return None, i
        low, comma, high = counted.groups()
        repeats = bool(comma and not high) or int(high or low or "0") > 1
        end = counted.end()
    if end < len(pattern) and pattern[end] in "?+":  # lazy or possessive marker
        end += 1
    return repeats, end


def nested_quantifier(pattern: str) -> bool:
    """True when a repeated group holds a quantifier or an alternation, as in `(a+)+`."""
    open_groups: list[bool] = []  # per open group: does it hold a quantifier or '|'?
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
        elif char == "[":
            i += 1
            if pattern.startswith("^", i):
                i += 1
            if pattern.startswith("]", i):
                i += 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
        elif char == "(":
            open_groups.append(False)
            # `(?:`, `(?=` and the like: the '?' is not a quantifier.
            i += 3 if pattern.startswith("?", i + 1) else 1
        elif char == ")":
            holds = open_groups.pop() if open_groups else False
            repeats, i = _quantifier(pattern, i + 1)
            if repeats and holds:
                return True
            if open_groups:
                open_groups[-1] = open_groups[-1] or holds or repeats is not None
        elif char == "|":
            if open_groups:
                open_groups[-1] = True
            i += 1
        else:
            repeats, end = _quantifier(pattern, i)
            if repeats is not None and open_groups:
                open_groups[-1] = True
            i = max(end, i + 1)
    return False


@pytest.mark.parametrize(
    "pattern", ["(a+)+$", "^(a|aa)*$", "^([a-z]+\\.)*x$", "((ab)*c)+", "(?:a{2,})*", "(a?){2,}"]
)
def test_checker_rejects_nested_quantifiers(pattern: str) -> None:
    assert nested_quantifier(pattern)


@pytest.mark.parametrize(
    "pattern",
    ["^[A-Za-z][A-Za-z0-9_.-]*$", "^(https?|mailto):", "^(ab)+$", "[(a+)]+", "\\(a+\\)+", "(a+)"],
)
def test_checker_accepts_linear_patterns(pattern: str) -> None:
    assert not nested_quantifier(pattern)


def test_every_pattern_is_linear(schema: dict[str, Any]) -> None:
    found = list(patterns(schema))
    assert found, "the schema should carry patterns (ids, dates, digests)"
    bad = [(where, pattern) for where, pattern in found if nested_quantifier(pattern)]
    assert not bad, f"patterns that can backtrack badly: {bad}"


# --- the schema as a schema ------------------------------------------------------------


def test_schema_passes_the_2020_12_meta_schema(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/schemas/prd.schema.json")
    assert schema["title"]
    assert schema["description"]


def test_top_level_sections_in_canonical_order(schema: dict[str, Any]) -> None:
    assert list(schema["properties"]) == CANONICAL_ORDER
    assert schema["required"] == ["prdkit", "meta", "requirements"]


def test_every_property_and_definition_is_described(schema: dict[str, Any]) -> None:
    missing = []
    for where, keyword, node in subschemas(schema):
        # Schemas under dependentSchemas only forbid keys; `false` has nothing to describe.
        described = isinstance(node, dict) and str(node.get("description", "")).strip()
        if keyword in ("properties", "$defs") and node is not False and not described:
            missing.append(where)
    assert not missing, f"without a description: {missing}"


def test_every_object_is_closed_but_accepts_extensions(schema: dict[str, Any]) -> None:
    open_objects = []
    checked = 0
    for where, keyword, node in subschemas(schema):
        if keyword == "dependentSchemas" or not isinstance(node, dict) or "properties" not in node:
            continue
        checked += 1
        closed = node.get("additionalProperties") is False
        extensible = node.get("patternProperties", {}).get("^x-") == {}
        if not (closed and extensible):
            open_objects.append(where)
    assert checked > 25
    assert not open_objects, f"objects not closed or not accepting x- keys: {open_objects}"


def test_required_fields_are_declared(schema: dict[str, Any]) -> None:
    undeclared = [
        (where, name)
        for where, _, node in subschemas(schema)
        if isinstance(node, dict)
        for name in node.get("required", [])
        if name not in node.get("properties", {})
    ]
    assert not undeclared


def test_no_conditional_or_alternative_schemas(schema: dict[str, Any]) -> None:
    # They turn one typo into a pile of unreadable messages.
    banned = {"if", "then", "else", "oneOf", "anyOf", "allOf"}
    used = [
        (where, sorted(banned & set(node)))
        for where, _, node in subschemas(schema)
        if isinstance(node, dict) and banned & set(node)
    ]
    assert not used


def test_every_reference_names_the_kind_it_must_resolve_to(schema: dict[str, Any]) -> None:
    references = [
        (where, node)
        for where, _, node in subschemas(schema)
        if isinstance(node, dict) and node.get("$ref") == "#/$defs/ref"
    ]
    assert len(references) > 15
    for where, node in references:
        kinds = node.get("x-refers-to")
        assert kinds, where
        assert set(kinds) <= ITEM_KINDS, where


def test_format_doc_is_current(schema: dict[str, Any]) -> None:
    expected = render(schema)
    actual = FORMAT_DOC.read_text(encoding="utf-8") if FORMAT_DOC.exists() else ""
    assert actual == expected, f"docs/format.md is stale; regenerate it with `{REGENERATE}`"


def test_format_doc_covers_every_section_and_enum(schema: dict[str, Any]) -> None:
    text = render(schema)
    for name in CANONICAL_ORDER:
        assert f"## `{name}`" in text
    for _, _, node in subschemas(schema):
        if isinstance(node, dict) and "enum" in node:
            assert ", ".join(f"`{value}`" for value in node["enum"]) in text


def test_render_leaves_the_schema_unchanged(schema: dict[str, Any]) -> None:
    before = copy.deepcopy(schema)
    assert render(schema) == render(schema)
    assert schema == before


# --- a few documents --------------------------------------------------------------------


def errors(validator: Draft202012Validator, doc: dict[str, Any]) -> list[Any]:
    return list(validator.iter_errors(doc))


def test_minimal_document_is_valid(validator: Draft202012Validator) -> None:
    assert errors(validator, minimal()) == []


def test_unknown_priority_fails_on_enum(validator: Draft202012Validator) -> None:
    doc = minimal()
    doc["requirements"][0]["priority"] = "high"
    [error] = errors(validator, doc)
    assert error.validator == "enum"
    assert list(error.absolute_path) == ["requirements", 0, "priority"]


def test_misspelt_section_fails(validator: Draft202012Validator) -> None:
    doc = minimal(requirments=[])
    [error] = errors(validator, doc)
    assert error.validator == "additionalProperties"
    assert "requirments" in error.message


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "2026-2-3", "26-02-03"])
def test_impossible_or_malformed_date_fails(validator: Draft202012Validator, date: str) -> None:
    doc = minimal()
    doc["meta"]["created"] = date
    found = errors(validator, doc)
    assert found
    assert {e.validator for e in found} <= {"format", "pattern"}
    assert all(list(e.absolute_path) == ["meta", "created"] for e in found)


def test_real_date_passes(validator: Draft202012Validator) -> None:
    doc = minimal()
    doc["meta"]["created"] = "2028-02-29"
    assert errors(validator, doc) == []


def _flow(*steps: dict[str, Any]) -> dict[str, Any]:
    return minimal(flows=[{"id": "F1", "name": "Checkout", "steps": list(steps)}])


@pytest.mark.parametrize(
    ("extra", "trigger"),
    [
        ({"next": "s2", "end": True}, "next"),
        ({"next": "s2", "branches": [{"when": "x", "next": "s2"}]}, "next"),
        ({"branches": [{"when": "x", "next": "s2"}], "end": True}, "branches"),
    ],
)
def test_step_takes_one_way_out(
    validator: Draft202012Validator, extra: dict[str, Any], trigger: str
) -> None:
    doc = _flow({"id": "s1", "action": "Pay", **extra}, {"id": "s2", "action": "Ship"})
    [error] = errors(validator, doc)
    schema_path = list(error.schema_path)
    assert "dependentSchemas" in schema_path
    assert schema_path[schema_path.index("dependentSchemas") + 1] == trigger


@pytest.mark.parametrize(
    "way_out", [{}, {"next": "s2"}, {"branches": [{"when": "x", "next": "s2"}]}, {"end": True}]
)
def test_step_with_one_way_out_passes(
    validator: Draft202012Validator, way_out: dict[str, Any]
) -> None:
    doc = _flow({"id": "s1", "action": "Pay", **way_out}, {"id": "s2", "action": "Ship"})
    assert errors(validator, doc) == []


def _rice(**values: float) -> dict[str, float]:
    return {"reach": 1, "impact": 1, "confidence": 1, "effort": 1, **values}


@pytest.mark.parametrize(
    ("path", "value", "validator_name"),
    [
        (("flows", 0, "steps"), [], "minItems"),
        (("requirements",), [], "minItems"),
        (("flows", 0, "steps", 0, "end"), False, "const"),
        (("prdkit",), 2, "const"),
        (("meta", "status"), "final", "enum"),
        (("meta", "id"), "1st", "pattern"),
        (("meta", "links"), [{"title": "Spec", "url": "ftp://x"}], "pattern"),
        (("approvals",), [{"name": "B", "decision": "approved", "digest": "sha256:ab"}], "pattern"),
        (("requirements", 0, "rice"), _rice(confidence=1.5), "maximum"),
        (("requirements", 0, "rice"), _rice(confidence=-0.1), "minimum"),
        (("requirements", 0, "rice"), _rice(effort=0), "exclusiveMinimum"),
        (("requirements", 0, "rice"), _rice(reach=-1), "minimum"),
        (("requirements", 0, "rice"), {"reach": 1, "impact": 1, "confidence": 1}, "required"),
        (("resources",), [{"team": "Web", "people": -2}], "minimum"),
        (("metrics",), [{"id": "M1", "name": "Conversion", "target": "high"}], "type"),
        (("market_research",), {"market_size": {"tam": -1}}, "minimum"),
        (("permissions",), {"separation_of_duties": [{"actions": ["a"]}]}, "minItems"),
        (("permissions",), {"grants": {"1admin": ["a"]}}, "pattern"),
        (("competition",), {"matrix": {"us": {"price": [1]}}}, "type"),
    ],
)  # fmt: skip
def test_bounds_and_shapes_are_enforced(
    validator: Draft202012Validator, path: tuple[Any, ...], value: Any, validator_name: str
) -> None:
    doc = _flow({"id": "s1", "action": "Pay"})
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    found = errors(validator, doc)
    assert found
    assert validator_name in {e.validator for e in found}


def test_extension_keys_pass_anywhere(validator: Draft202012Validator) -> None:
    doc = {
        "prdkit": 1,
        "x-root": {"anything": [1, 2]},
        "meta": {
            **minimal()["meta"],
            "x-team": "growth",
            "links": [{"title": "Spec", "url": "https://example.org", "x-kind": "figma"}],
        },
        "requirements": [
            {
                "id": "R1",
                "title": "T",
                "priority": "must",
                "x-jira": "PRD-1",
                "rice": {"reach": 10, "impact": 1, "confidence": 0.5, "effort": 2, "x-note": 1},
            }
        ],
        "market_research": {"x-draft": True, "market_size": {"tam": 3, "x-basis": "2025"}},
        "flows": [
            {
                "id": "F1",
                "name": "Checkout",
                "x-lane": "web",
                "steps": [
                    {
                        "id": "s1",
                        "action": "Pay",
                        "x-sla": "2s",
                        "branches": [
                            {"when": "ok", "next": "s2", "x-odds": 0.9},
                        ],
                    },
                    {"id": "s2", "action": "Ship", "end": True},
                ],
            }
        ],
        "permissions": {
            "x-owner": "s",
            "separation_of_duties": [{"actions": ["a", "b"], "x-k": 1}],
        },
    }
    assert errors(validator, doc) == []


def test_unknown_key_deep_inside_fails(validator: Draft202012Validator) -> None:
    doc = minimal()
    doc["requirements"][0]["rice"] = {**_rice(), "reech": 2}
    [error] = errors(validator, doc)
    assert error.validator == "additionalProperties"
    assert list(error.absolute_path) == ["requirements", 0, "rice"]
