"""The model: fields, defaults, pointers and the id index built from loaded data."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pytest

from prdkit import model, planning
from prdkit.model import ModelError, build, pointer_join


def small() -> dict:
    return {
        "prdkit": 1,
        "meta": {
            "id": "doc",
            "title": "Checkout",
            "version": "1.0",
            "status": "draft",
            "owner": "Ann",
        },
        "requirements": [{"id": "R1", "title": "Pay by card", "priority": "must"}],
    }


def full() -> dict:
    return {
        "prdkit": 1,
        "x-tool": {"anything": [1, 2]},
        "meta": {
            "id": "shop",
            "title": "Shop",
            "version": "2.1.0",
            "status": "review",
            "owner": "Ann",
            "authors": ["Ann", "Bo"],
            "created": "2026-01-05",
            "updated": datetime.date(2026, 2, 1),
            "language": "zh",
            "summary": "*Sell* things.",
            "goals": ["More sales"],
            "non_goals": ["Wholesale"],
            "links": [{"title": "Site", "url": "https://example.com"}],
            "x-note": "ignored",
        },
        "stakeholders": [{"id": "S1", "name": "Buyers", "kind": "customer", "interests": "Speed"}],
        "revisions": [{"version": "1.0", "date": "2026-01-05", "changes": "First draft"}],
        "market_research": {
            "summary": "Growing.",
            "target_users": [{"id": "U1", "segment": "Students", "size": 12000}],
            "market_size": {"tam": 100, "sam": 50, "som": 5, "currency": "CNY", "year": 2026},
            "findings": [{"id": "F1", "statement": "Carts get abandoned", "source": "survey"}],
        },
        "requirements": [
            {
                "id": "R1",
                "title": "Pay by card",
                "priority": "must",
                "kind": "functional",
                "status": "accepted",
                "requested_by": ["S1"],
                "evidence": ["F1"],
                "acceptance_criteria": ["Visa works", "Refunds work"],
                "rice": {"reach": 1000, "impact": 2, "confidence": 0.5, "effort": 4},
            },
            {"id": "R2", "title": "Wallet", "priority": "could", "depends_on": ["R1"]},
        ],
        "business_model": {
            "value_proposition": "Cheap",
            "customer_segments": ["Students"],
            "revenue_streams": [{"name": "Fees", "kind": "commission", "estimate": "1M"}],
            "cost_structure": [{"name": "Hosting", "estimate": "10k"}],
            "key_partners": ["Bank"],
        },
        "competition": {
            "competitors": [{"id": "C1", "name": "Rival", "strengths": ["Brand"]}],
            "dimensions": ["price", "speed"],
            "matrix": {"us": {"speed": "fast", "price": 1}, "C1": {"price": 2, "speed": False}},
        },
        "features": [
            {"id": "FE1", "name": "Checkout", "surface": "storefront", "requirements": ["R1"]}
        ],
        "flows": [
            {
                "id": "FL1",
                "name": "Buy",
                "actors": ["buyer"],
                "features": ["FE1"],
                "steps": [
                    {"id": "a", "action": "Open cart", "actor": "buyer"},
                    {
                        "id": "b",
                        "action": "Pay",
                        "branches": [
                            {"when": "declined", "next": "a"},
                            {"when": "ok", "next": "c"},
                        ],
                    },
                    {"id": "c", "action": "Done", "end": True},
                    {"id": "d", "action": "Jump", "next": "a"},
                ],
            }
        ],
        "schedule": {
            "milestones": [
                {"id": "M1", "name": "Beta", "due": "2026-03-01", "deliverables": ["FE1"]},
                {
                    "id": "M2",
                    "name": "GA",
                    "start": "2026-03-02",
                    "due": "2026-04-01",
                    "depends_on": ["M1"],
                },
            ]
        },
        "metrics": [
            {"id": "K1", "name": "Conversion", "target": 0.05, "baseline": 0.03, "unit": "%"},
            {"id": "K2", "name": "Latency", "target": 200, "direction": "decrease"},
        ],
        "resources": [{"team": "Web", "people": 3, "from": "2026-01-10", "to": "2026-02-10"}],
        "permissions": {
            "roles": [
                {"id": "clerk", "name": "Clerk"},
                {"id": "boss", "name": "Boss", "inherits": ["clerk"]},
            ],
            "actions": [
                {"id": "refund", "name": "Refund", "risk": "high"},
                {"id": "pay", "name": "Pay"},
            ],
            "grants": {"clerk": ["pay"], "boss": ["refund", "pay"], "x-draft": ["refund"]},
            "separation_of_duties": [{"actions": ["pay", "refund"], "reason": "Fraud"}],
        },
        "guardrails": [{"id": "G1", "action": "refund", "control": "approval", "approver": "boss"}],
        "operations": {
            "campaigns": [
                {
                    "id": "CA1",
                    "name": "Launch",
                    "start": "2026-04-01",
                    "end": "2026-04-30",
                    "metrics": ["K1"],
                    "budget": 5000,
                }
            ],
            "data_review": "Weekly",
        },
        "risks": [{"id": "RK1", "description": "Fraud", "likelihood": "low", "impact": "high"}],
        "open_questions": [{"id": "Q1", "question": "Which bank?", "due": "2026-02-01"}],
        "glossary": [{"term": "SKU", "definition": "Stock keeping unit"}],
        "approvals": [
            {"name": "Cy", "decision": "approved", "date": "2026-02-02", "digest": "sha256:00"}
        ],
    }


def test_small_document_fields_and_defaults():
    doc = build(small())
    assert doc.prdkit == 1
    assert doc.meta.title == "Checkout"
    assert doc.meta.language == "en"
    assert doc.meta.authors == ()
    assert doc.meta.created is None
    assert doc.requirements[0].priority == "must"
    assert doc.requirements[0].rice is None
    assert doc.requirements[0].acceptance_criteria == ()
    for name in (
        "market_research",
        "business_model",
        "competition",
        "schedule",
        "permissions",
        "operations",
    ):
        assert getattr(doc, name) is None, name
    for name in ("stakeholders", "features", "flows", "metrics", "risks", "approvals"):
        assert getattr(doc, name) == (), name


def test_full_document_values():
    doc = build(full())
    assert doc.meta.language == "zh"
    assert doc.meta.authors == ("Ann", "Bo")
    assert doc.meta.updated == "2026-02-01"  # a date object becomes its ISO text
    assert doc.meta.links[0].url == "https://example.com"
    assert doc.market_research.market_size.som == 5
    assert doc.market_research.findings[0].source == "survey"
    assert doc.requirements[0].evidence == ("F1",)
    assert doc.requirements[1].depends_on == ("R1",)
    assert doc.business_model.revenue_streams[0].kind == "commission"
    assert doc.business_model.channels == ()
    assert doc.flows[0].steps[1].branches[1].next == "c"
    assert doc.flows[0].steps[2].end is True
    assert doc.flows[0].steps[0].end is False
    assert doc.schedule.milestones[1].depends_on == ("M1",)
    assert doc.metrics[0].direction == "increase"
    assert doc.metrics[1].direction == "decrease"
    assert doc.resources[0].from_ == "2026-01-10"
    assert doc.resources[0].to == "2026-02-10"
    assert doc.operations.campaigns[0].end == "2026-04-30"
    assert doc.operations.communication is None
    assert doc.guardrails[0].approver == "boss"
    assert doc.approvals[0].digest == "sha256:00"


def test_rice_score():
    rice = build(full()).requirements[0].rice
    assert rice.score == pytest.approx(1000 * 2 * 0.5 / 4)


def test_mappings_keep_written_order_and_all_keys():
    doc = build(full())
    # grants keys are role ids, so an "x-" key is data there (the reference rule judges it)
    assert doc.permissions.grants == (
        ("clerk", ("pay",)),
        ("boss", ("refund", "pay")),
        ("x-draft", ("refund",)),
    )
    assert doc.permissions.granted("boss") == ("refund", "pay")
    assert doc.permissions.granted("nobody") == ()
    assert doc.competition.matrix == (
        ("us", (("speed", "fast"), ("price", 1))),
        ("C1", (("price", 2), ("speed", False))),
    )
    assert doc.competition.row("C1") == {"price": 2, "speed": False}


def test_pointers():
    doc = build(full())
    assert doc.pointer == ""
    assert doc.meta.pointer == "/meta"
    assert doc.meta.links[0].pointer == "/meta/links/0"
    assert doc.requirements[1].pointer == "/requirements/1"
    assert doc.requirements[0].rice.pointer == "/requirements/0/rice"
    assert doc.market_research.market_size.pointer == "/market_research/market_size"
    assert doc.flows[0].steps[2].pointer == "/flows/0/steps/2"
    assert doc.flows[0].steps[1].branches[0].pointer == "/flows/0/steps/1/branches/0"
    assert doc.permissions.roles[1].pointer == "/permissions/roles/1"
    assert doc.permissions.separation_of_duties[0].pointer == "/permissions/separation_of_duties/0"
    assert doc.operations.campaigns[0].pointer == "/operations/campaigns/0"


def test_pointer_join_escapes_keys():
    assert pointer_join("/permissions/grants", "a/b~c") == "/permissions/grants/a~1b~0c"
    assert pointer_join("", "flows", 0, "steps") == "/flows/0/steps"


def test_items_by_id_and_kinds():
    doc = build(full())
    index = doc.items_by_id()
    expected = {
        "S1": "stakeholder",
        "U1": "target_user",
        "F1": "finding",
        "R1": "requirement",
        "C1": "competitor",
        "FE1": "feature",
        "FL1": "flow",
        "M1": "milestone",
        "K1": "metric",
        "clerk": "role",
        "refund": "action",
        "G1": "guardrail",
        "CA1": "campaign",
        "RK1": "risk",
        "Q1": "open_question",
    }
    for item_id, kind in expected.items():
        assert doc.kind_of(index[item_id]) == kind, item_id
    assert "a" not in index  # flow steps have their own namespace
    assert "shop" not in index  # the document id names the document, not an item
    assert model.kind_of(doc.flows[0].steps[0]) == "step"
    assert model.kind_of(doc.permissions.separation_of_duties[0]) == "sod_rule"
    with pytest.raises(TypeError):
        index["new"] = None  # read-only


def test_first_occurrence_wins_and_identified_keeps_duplicates():
    data = small()
    data["features"] = [{"id": "R1", "name": "Clash"}]
    doc = build(data)
    assert doc.kind_of(doc.items_by_id()["R1"]) == "requirement"
    assert [doc.kind_of(i) for i in doc.identified()] == ["requirement", "feature"]


def test_equality_ignores_pointers():
    a = build(small())
    b = dataclasses.replace(a.requirements[0], pointer="/elsewhere")
    assert b == a.requirements[0]
    assert build(small()) == a
    changed = small()
    changed["requirements"][0]["title"] = "Pay by cash"
    assert build(changed) != a
    assert hash(build(full())) == hash(build(full()))


def test_items_are_frozen():
    doc = build(small())
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.meta.title = "x"


def test_extension_keys_are_ignored_however_deep():
    plain = build(full())
    data = full()
    deep: list = []
    for _ in range(50_000):  # far deeper than the recursion limit: build must not walk it
        deep = [deep]
    data["requirements"][0]["x-deep"] = deep
    data["flows"][0]["steps"][0]["x-note"] = {"a": 1}
    assert build(data) == plain


def test_flow_successors():
    flow = build(full()).flows[0]
    assert flow.successors(0) == ("b",)  # no next: the following step
    assert flow.successors(1) == ("a", "c")
    assert flow.successors(2) == ()  # end: true
    assert flow.successors(3) == ("a",)


def test_last_step_ends_the_flow():
    data = small()
    data["flows"] = [{"id": "FL", "name": "n", "steps": [{"id": "s", "action": "go"}]}]
    assert build(data).flows[0].successors(0) == ()


def test_missing_required_field_names_the_place():
    data = full()
    del data["requirements"][1]["priority"]
    with pytest.raises(ModelError) as info:
        build(data)
    assert info.value.pointer == "/requirements/1"
    assert "priority" in str(info.value)


def test_wrong_shape_is_a_model_error():
    data = small()
    data["requirements"] = ["R1"]
    with pytest.raises(ModelError) as info:
        build(data)
    assert info.value.pointer == "/requirements/0"


def test_any_mapping_builds_and_dates_in_lists_become_text():
    # Plain dicts take a shorter path; other mappings and date objects must still build.
    data = small()
    data["meta"]["goals"] = [datetime.date(2026, 3, 1), "ship"]
    data["meta"] = MappingProxyType(data["meta"])
    data["resources"] = [{"team": "Web", "from": datetime.date(2026, 4, 2), "milestones": []}]
    doc = build(MappingProxyType(data))
    assert doc.meta.goals == ("2026-03-01", "ship")
    assert doc.meta.pointer == "/meta"
    assert doc.resources[0].from_ == "2026-04-02"
    assert doc.resources[0].milestones == ()
    assert doc.resources[0].pointer == "/resources/0"


def test_build_does_not_change_its_input():
    data = full()
    before = copy.deepcopy(data)
    build(data)
    assert data == before


def test_many_requirements_build():
    data = small()
    data["requirements"] = [
        {"id": f"R{i}", "title": f"t{i}", "priority": "should", "depends_on": [f"R{i - 1}"]}
        for i in range(5_000)
    ]
    doc = build(data)
    assert len(doc.requirements) == 5_000
    assert doc.items_by_id()["R4999"].pointer == "/requirements/4999"


SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "prd.schema.json"
SCHEMA_DEF = {"sod_rule": "separation_of_duties", "glossary_entry": "term"}


@pytest.mark.skipif(not SCHEMA.exists(), reason="schemas/prd.schema.json not written yet")
def test_model_fields_match_the_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    classes = [
        c
        for c in {**vars(model), **vars(planning)}.values()
        if isinstance(c, type)
        and dataclasses.is_dataclass(c)
        and c.__module__ in ("prdkit.model", "prdkit.planning")
    ]
    assert len(classes) == 48
    for cls in classes:
        kind = model.kind_of(object.__new__(cls))
        node = schema if cls is model.Document else schema["$defs"][SCHEMA_DEF.get(kind, kind)]
        # Fields outside equality (pointer, the team's conventions) are not the source's keys.
        names = {f.name.rstrip("_") for f in dataclasses.fields(cls) if f.init and f.compare}
        assert names == set(node["properties"]), cls.__name__
        required = {
            f.name
            for f in dataclasses.fields(cls)
            if f.init
            and f.compare
            and f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING
        }
        # The document's version and requirements have defaults so tests can build it briefly.
        expected = {"meta"} if cls is model.Document else set(node.get("required", ()))
        assert required == expected, cls.__name__


def test_model_imports_no_later_stage():
    code = (
        "import sys, prdkit.model; "
        "bad = [m for m in sys.modules if m.startswith(('prdkit.loader', 'prdkit.schema', "
        "'prdkit.rules', 'prdkit.writers', 'prdkit.check'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
