"""Ids and references: duplicate-id, unresolved-reference, wrong-kind-reference."""

from __future__ import annotations

import pytest

from tests.test_rules_base import at, check, document, found, message

# One reference of every kind of field; `@name` is replaced by the id under test, and the
# line of `<name>` is where the diagnostic must land.
EVERY_REFERENCE = """\
prdkit: 1
meta:
  id: demo
  title: Demo
  version: "1.0.0"
  status: draft
  owner: Ann
stakeholders:
  - id: SH1
    name: Shoppers
market_research:
  summary: Slow checkouts lose sales.
  findings:
    - id: FI1
      statement: Shoppers abandon slow checkouts.
requirements:
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [Pays in one tap]
    requested_by: [@requested_by]  # <requested_by>
    evidence: [@evidence]  # <evidence>
    depends_on: [@depends_on]  # <depends_on>
business_model:
  summary: Commission.
competition:
  competitors:
    - id: CO1
      name: Rival
  dimensions: [price]
  matrix:
    @matrix:  # <matrix>
      price: low
features:
  - id: F1
    name: One-tap pay
    requirements: [R1]
    permissions: [@permissions]  # <permissions>
    pages: [P1]
  - id: F2
    name: Receipt
    requirements: [@feature_requirements]  # <feature_requirements>
    pages: [@feature_pages]  # <feature_pages>
pages:
  - id: P1
    name: Pay page
    navigates_to: [@navigates_to]  # <navigates_to>
    features: [@page_features]  # <page_features>
tracking:
  - id: E1
    event: pay_click
    name: Pay tapped
    trigger: The shopper taps pay.
    page: @event_page  # <event_page>
    feature: @event_feature  # <event_feature>
    metrics: [@event_metrics]  # <event_metrics>
flows:
  - id: FL1
    name: Pay
    features: [@flow_features]  # <flow_features>
    steps:
      - id: S1
        action: Tap pay
        page: @step_page  # <step_page>
schedule:
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
      deliverables: [@deliverables]  # <deliverables>
      depends_on: [@milestone_depends_on]  # <milestone_depends_on>
metrics:
  - id: K1
    name: Conversion rate
    target: 3.5
    requirements: [@metric_requirements]  # <metric_requirements>
    events: [@metric_events]  # <metric_events>
resources:
  - team: Payments
    milestones: [@resource_milestones]  # <resource_milestones>
permissions:
  roles:
    - id: RO1
      name: Agent
      inherits: [@inherits]  # <inherits>
  actions:
    - id: A1
      name: Refund
  grants:
    @grant_role: [A1]  # <grant_role>
    RO1: [@grant_action]  # <grant_action>
  separation_of_duties:
    - actions: [A1, @sod_action]  # <sod_action>
guardrails:
  - id: G1
    action: @guarded_action  # <guarded_action>
    control: approval
    approver: @approver  # <approver>
operations:
  campaigns:
    - id: C1
      name: Launch
      metrics: [@campaign_metrics]  # <campaign_metrics>
"""

FIELDS = [
    "requested_by",
    "evidence",
    "depends_on",
    "matrix",
    "permissions",
    "feature_requirements",
    "feature_pages",
    "navigates_to",
    "page_features",
    "event_page",
    "event_feature",
    "event_metrics",
    "flow_features",
    "step_page",
    "deliverables",
    "milestone_depends_on",
    "metric_requirements",
    "metric_events",
    "resource_milestones",
    "inherits",
    "grant_role",
    "grant_action",
    "sod_action",
    "guarded_action",
    "approver",
    "campaign_metrics",
]


def fill(targets: dict[str, str]) -> str:
    text = EVERY_REFERENCE
    for name in sorted(FIELDS, key=len, reverse=True):  # longest first: no prefix clashes
        text = text.replace(f"@{name}", targets.get(name, "NOPE"))
    return text


def test_every_reference_field_is_checked_for_unresolved_ids() -> None:
    text = fill({})
    expected = sorted(("unresolved-reference", at(text, f"<{name}>")) for name in FIELDS)
    assert sorted(found(text)) == expected


def test_every_reference_field_is_checked_for_the_kind() -> None:
    # A stakeholder where anything else is expected; a requirement where stakeholders are.
    targets = {name: "SH1" for name in FIELDS} | {"requested_by": "R1"}
    text = fill(targets)
    expected = sorted(("wrong-kind-reference", at(text, f"<{name}>")) for name in FIELDS)
    assert sorted(found(text)) == expected


def test_wrong_kind_names_both_items() -> None:
    text = document(
        stakeholders="""\
  - id: finance
    name: Finance team
""",
        features="""\
  - id: F1
    name: One-tap pay
    requirements: [R1, finance]  # <1>
""",
    )
    assert found(text) == [("wrong-kind-reference", at(text, "<1>"))]
    assert message(text, "wrong-kind-reference") == (
        "feature F1 lists 'finance' under requirements, but 'finance' is a stakeholder"
    )
    hint = check(text).diagnostics[0].hint
    assert hint == "requirements takes requirement ids"


def test_unresolved_reference_suggests_a_close_id() -> None:
    text = document(
        requirements="""\
  - id: REQ-001
    title: One-tap checkout
    priority: should
  - id: REQ-002
    title: Receipt
    priority: could
    depends_on: [REQ-01]  # <1>
""",
        features="""\
  - id: F1
    name: One-tap pay
    requirements: [REQ-001]
""",
    )
    result = check(text)
    assert [(d.rule, d.line) for d in result.diagnostics] == [
        ("unresolved-reference", at(text, "<1>"))
    ]
    d = result.diagnostics[0]
    assert d.message == (
        "requirement REQ-002 lists 'REQ-01' under depends_on, but no item has the id 'REQ-01'"
    )
    assert d.hint == "did you mean 'REQ-001'?"
    assert d.pointer == "/requirements/1/depends_on/0"
    assert d.column == text.split("\n")[d.line - 1].index("REQ-01") + 1


def test_deliverables_take_features_or_requirements() -> None:
    text = document(
        stakeholders="""\
  - id: SH1
    name: Shoppers
""",
        schedule="""\
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
      deliverables: [F1, R1, SH1]  # <1>
""",
    )
    assert found(text) == [("wrong-kind-reference", at(text, "<1>"))]
    assert check(text).diagnostics[0].hint == "deliverables takes feature or requirement ids"


def test_matrix_row_us_is_this_product() -> None:
    text = document(
        competition="""\
  competitors:
    - id: CO1
      name: Rival
  dimensions: [price]
  matrix:
    us:
      price: free
    CO1:
      price: low
    R1:  # <1>
      price: high
"""
    )
    assert found(text) == [("wrong-kind-reference", at(text, "<1>"))]
    assert message(text, "wrong-kind-reference") == (
        "competition.matrix has a row for 'R1', but 'R1' is a requirement"
    )


def test_duplicate_id_across_kinds() -> None:
    text = document(
        features="""\
  - id: F1
    name: One-tap pay
    requirements: [R1]
  - id: R1  # <1>
    name: Card form
    requirements: [R1]
"""
    )
    assert found(text) == [("duplicate-id", at(text, "<1>"))]
    # The message names the line of the first holder of the id, the one not pointed at.
    first = text.split("\n").index("  - id: R1") + 1
    assert message(text, "duplicate-id") == (
        f"feature 'R1' reuses the id of requirement 'R1' on line {first}"
    )


def test_duplicate_id_names_the_first_line_in_chinese() -> None:
    text = document(metrics=BASE_METRIC + "  - id: K1  # <1>\n    name: 复制\n    target: 1\n")
    text = text.replace("meta:\n", "meta:\n  language: zh\n", 1)
    first = text.split("\n").index("  - id: K1") + 1
    (diagnostic,) = [d for d in check(text).diagnostics if d.rule == "duplicate-id"]
    assert diagnostic.line == at(text, "<1>")
    assert diagnostic.message == f"指标 'K1' 与第 {first} 行的指标 'K1' 编号重复"


@pytest.mark.parametrize("copies", [2, 3])
def test_each_extra_copy_of_an_id_is_one_finding(copies: int) -> None:
    extra = "".join(
        f"""\
  - id: K1  # <{n}>
    name: Copy {n}
    target: 1
"""
        for n in range(copies - 1)
    )
    text = document(metrics=BASE_METRIC + extra)
    assert found(text) == [("duplicate-id", at(text, f"<{n}>")) for n in range(copies - 1)]


BASE_METRIC = """\
  - id: K1
    name: Conversion rate
    target: 3.5
"""


# A target of the right kind for every field: each resolves.
RIGHT = {
    "requested_by": "SH1",
    "evidence": "FI1",
    "depends_on": "R1",
    "matrix": "CO1",
    "permissions": "A1",
    "feature_requirements": "R1",
    "feature_pages": "P1",
    "navigates_to": "P1",
    "page_features": "F1",
    "event_page": "P1",
    "event_feature": "F1",
    "event_metrics": "K1",
    "flow_features": "F1",
    "step_page": "P1",
    "deliverables": "F1",
    "milestone_depends_on": "M1",
    "metric_requirements": "R1",
    "metric_events": "E1",
    "resource_milestones": "M1",
    "inherits": "RO1",
    "grant_role": "RO2",  # a second role: RO1's own row follows it
    "grant_action": "A1",
    "sod_action": "A1",
    "guarded_action": "A1",
    "approver": "RO1",
    "campaign_metrics": "K1",
}
REFERENCE_RULES = {"unresolved-reference", "wrong-kind-reference"}


def fill_right(broken: str | None = None) -> str:
    """Every reference resolved but `broken`, with a second role for the first grants row."""
    text = fill(RIGHT | ({broken: "NOPE"} if broken else {}))
    return text.replace("  actions:\n", "    - id: RO2\n      name: Lead\n  actions:\n", 1)


@pytest.mark.parametrize("name", FIELDS)
def test_one_broken_reference_among_resolved_ones_is_the_only_finding(name: str) -> None:
    # Resolved references are passed over before any message is made; the one next to them
    # (the same item, list or guardrail) must still be found.
    assert set(RIGHT) == set(FIELDS)
    text = fill_right(name)
    kept = [f for f in found(text) if f[0] in REFERENCE_RULES]
    assert kept == [("unresolved-reference", at(text, f"<{name}>"))]


def test_references_without_known_ids_lists_every_one() -> None:
    from prdkit.rules.references import references

    doc = check(fill_right()).document
    known = {key: doc.kind_of(item) for key, item in doc.items_by_id().items()}
    listed = list(references(doc))
    assert len(listed) >= len(FIELDS)  # the fields under test and the fixture's own
    assert all(known[ref.target] in ref.kinds for ref in listed)
    assert list(references(doc, known)) == []


def test_an_item_named_where_its_id_belongs_gets_its_id() -> None:
    # events: [pickup_collected]: the event as its client sends it, not EV-4.
    text = document(
        requirements="""\
  - id: REQ-001
    title: One-tap checkout
    priority: should
    depends_on: [receipt]  # <1>
  - id: REQ-002
    title: Receipt
    priority: could
""",
        tracking="""\
  - id: EV-4
    event: pickup_collected
    name: Order collected
    trigger: Associate hands over the order.
""",
        metrics="""\
  - id: M1
    name: Pickup share
    target: 12
    events: [pickup_collected]  # <2>
""",
    )
    hints = {d.line: d.hint for d in check(text).diagnostics if d.rule == "unresolved-reference"}
    assert {line: hints.get(line) for line in (at(text, "<1>"), at(text, "<2>"))} == {
        at(text, "<1>"): "'receipt' is the name of REQ-002; a reference gives the id:"
        " write REQ-002",
        at(text, "<2>"): "'pickup_collected' is the name of EV-4; a reference gives the id:"
        " write EV-4",
    }
