"""Labels: complete in both languages, and every enum value of the format has one."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from prdkit import model, planning
from prdkit.i18n import ENUM_OF, ENUMS, LABELS, SECTION_ORDER, enum_label, label, page_pieces

CJK = re.compile(r"[\u3400-\u9fff]")
SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "prd.schema.json"

# The enum value sets of prd-format.md, written out here so the test stands without the schema.
FORMAT_ENUMS = [
    {"draft", "review", "approved", "deprecated"},
    {"en", "zh"},
    {"internal", "customer", "merchant", "partner", "regulator"},
    {"must", "should", "could", "wont"},
    {"business", "user", "functional", "nonfunctional", "operational"},
    {"proposed", "accepted", "in_progress", "done", "rejected", "deferred"},
    {"sales", "commission", "subscription", "advertising", "service_fee", "other"},
    {"storefront", "admin", "merchant", "api", "mobile", "other"},
    {"planned", "in_progress", "done", "at_risk"},
    {"increase", "decrease"},
    {"daily", "weekly", "monthly", "quarterly"},
    {"low", "medium", "high"},
    {"approval", "confirmation", "limit", "monitoring", "block"},
    {"promotion", "theme", "brand", "seo", "sem", "other"},
    {"pending", "approved", "rejected"},
    {"open", "validated", "invalidated"},
    {"team", "system", "vendor", "legal", "other"},
    {"open", "agreed", "delivered", "blocked"},
    {"chosen", "rejected", "open"},
]


def schema_enums() -> list[set]:
    """Every string enum in the schema (walked without recursion)."""
    found, todo = [], [json.loads(SCHEMA.read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            values = node.get("enum")
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                found.append(set(values))
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return found


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_both_languages(key):
    en, zh = LABELS[key]
    assert en.strip() and zh.strip()
    if re.search(r"[A-Za-z]", en):
        assert CJK.search(zh), f"{key}: {zh!r} has no Chinese"
    else:  # symbols such as the gap marker read the same in both languages
        assert zh == en


def test_label_picks_language():
    assert label("section.requirements", "en") == "Requirements"
    assert label("section.requirements", "zh") == "需求说明"
    assert label("priority.wont", "fr") == "Won't"  # unknown language: English


def test_unknown_key_raises():
    with pytest.raises(KeyError):
        label("section.nope", "en")


def test_sections_follow_the_format_order():
    assert SECTION_ORDER[0] == "meta" and SECTION_ORDER[-1] == "approvals"
    assert "prdkit" not in SECTION_ORDER
    assert len(set(SECTION_ORDER)) == len(SECTION_ORDER) == 26
    for key in SECTION_ORDER:
        assert CJK.search(label(f"section.{key}", "zh"))


def test_enum_groups_are_labelled():
    for group, values in ENUMS.items():
        for value in values:
            assert f"{group}.{value}" in LABELS
    assert set(ENUM_OF.values()) <= set(ENUMS)


def test_format_enums_have_groups():
    groups = [set(values) for values in ENUMS.values()]
    for values in FORMAT_ENUMS:
        assert values in groups, values


@pytest.mark.skipif(not SCHEMA.exists(), reason="schemas/prd.schema.json not written yet")
def test_schema_enums_have_groups():
    groups = [set(values) for values in ENUMS.values()]
    enums = schema_enums()
    assert enums
    for values in enums:
        assert values in groups, values
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert (*SECTION_ORDER,) == tuple(k for k in schema["properties"] if k != "prdkit")


def test_enum_label():
    assert enum_label("priority", "must", "zh") == "必须"
    assert enum_label("priority", "wont", "en") == "Won't"
    assert enum_label("req_status", "in_progress", "en") == "In progress"
    assert enum_label("control", "approval", "zh") == "审批"
    assert enum_label("priority", "someday", "zh") == "someday"  # unknown: the raw value


def test_every_model_field_has_a_label():
    for cls in {**vars(model), **vars(planning)}.values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        if cls.__module__ not in ("prdkit.model", "prdkit.planning"):
            continue
        for f in dataclasses.fields(cls):
            if not f.compare or f.name.startswith("_") or f.name == "prdkit":
                continue
            prefix = "section" if cls is model.Document else "field"
            assert f"{prefix}.{f.name.rstrip('_')}" in LABELS, (cls.__name__, f.name)


def test_computed_labels_exist():
    for key in (
        "field.rice_score",
        "field.step",
        "ui.toc",
        "ui.traceability",
        "ui.gap",
        "ui.none",
        "ui.inherited",
        "ui.end_of_flow",
        "ui.document",
        "ui.us",
    ):
        assert key in LABELS, key


def test_page_pieces_wrap_the_numbers():
    assert "".join((page_pieces("en")[0], "3", page_pieces("en")[1], "9")) == "Page 3 of 9"
    before, between, after = page_pieces("zh")
    assert f"{before}3{between}9{after}" == "第 3 页，共 9 页"


def test_a_language_is_one_column_of_each_table():
    from prdkit.i18n import LABELS, LANGUAGES, LOCALES, PUNCT, language, punct

    assert all(len(texts) == len(LANGUAGES) for texts in LABELS.values())
    assert set(PUNCT) == set(LOCALES) == set(LANGUAGES)
    assert language("fr") == language(None) == "en" and language("zh") == "zh"
    assert punct("zh")["colon"] == "：" and punct("xx") == PUNCT["en"]
