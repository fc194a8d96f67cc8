"""Pages and the tracking plan: unreachable-page and every tracking rule, each at its line."""

from __future__ import annotations

import pytest

from prdkit.layout.cells import Code
from prdkit.layout.sections.pages import property_example
from tests.test_rules_base import at, check, document, found, message

PAGES = """\
  - id: P-list
    name: Flash sale list
    navigates_to: [P-detail]
  - id: P-detail
    name: Product detail
    navigates_to: [P-pay, P-list]
  - id: P-pay
    name: Checkout
"""


def features(pages: str = "[P-list]") -> str:
    return f"""\
  - id: F1
    name: One-tap pay
    requirements: [R1]
    pages: {pages}
"""


def test_pages_reached_from_a_feature_raise_nothing() -> None:
    assert found(document(features=features(), pages=PAGES)) == []


def test_a_page_no_one_uses_is_unreachable() -> None:
    text = document(
        features=features(),
        pages=PAGES
        + """\
  - id: P-help  # <1>
    name: Help
""",
    )
    assert found(text) == [("unreachable-page", at(text, "<1>"))]
    assert message(text, "unreachable-page") == (
        "page P-help cannot be reached in the page map: no feature or flow step uses it, "
        "and no page they use leads to it"
    )


def test_an_unreachable_stretch_is_reported_once_with_its_followers() -> None:
    # Nothing uses any page: the first page is reported, naming the pages it leads to.
    text = document(pages=PAGES.replace("  - id: P-list", "  - id: P-list  # <1>"))
    assert found(text) == [("unreachable-page", at(text, "<1>"))]
    assert message(text, "unreachable-page").endswith(
        "(nor to 'P-detail' and 'P-pay', which it leads to)"
    )


def test_a_flow_step_or_the_page_itself_can_make_a_page_an_entry() -> None:
    flows = """\
  - id: FL1
    name: Pay
    steps:
      - id: S1
        action: Tap pay
        page: P-pay
"""
    pages = """\
  - id: P-pay
    name: Checkout
  - id: P-result
    name: Result
    features: [F1]
"""
    assert found(document(flows=flows, pages=pages)) == []


def test_navigation_into_a_missing_page_is_a_reference_error_only() -> None:
    pages = """\
  - id: P-list
    name: List
    navigates_to: [P-nowhere]  # <1>
"""
    text = document(features=features(), pages=pages)
    assert found(text) == [("unresolved-reference", at(text, "<1>"))]


def test_duplicate_page_ids_are_reported_once() -> None:
    pages = """\
  - id: P-list
    name: List
  - id: P-list  # <1>
    name: Other list
"""
    text = document(features=features(), pages=pages)
    assert found(text) == [("duplicate-id", at(text, "<1>"))]


EVENTS = """\
  - id: E-view
    event: flash_sale.view
    name: List viewed
    trigger: The list page opens.
    page: P-list
    metrics: [K1]
    properties:
      - name: source
        type: enum
        values: [push, banner, search]
        example: push
      - name: position
        type: number
        example: 3
      - name: logged_in
        type: boolean
        example: true
"""


def test_a_sound_tracking_plan_raises_nothing() -> None:
    metrics = """\
  - id: K1
    name: Conversion rate
    target: 3.5
    events: [E-view]
"""
    text = document(features=features(), pages=PAGES, tracking=EVENTS, metrics=metrics)
    assert found(text) == []


def test_duplicate_event_name() -> None:
    tracking = (
        EVENTS
        + """\
  - id: E-view-again
    event: flash_sale.view  # <1>
    name: List shown
    trigger: The list is shown again.
"""
    )
    text = document(features=features(), pages=PAGES, tracking=tracking)
    assert found(text) == [("duplicate-event-name", at(text, "<1>"))]
    assert message(text, "duplicate-event-name") == (
        "event E-view-again sends 'flash_sale.view', the name event E-view already sends"
    )


def test_event_name_pattern_is_structure() -> None:
    tracking = """\
  - id: E1
    event: Flash Sale View  # <1>
    name: List viewed
    trigger: The list opens.
"""
    text = document(tracking=tracking)
    assert found(text) == [("schema-pattern", at(text, "<1>"))]


def test_duplicate_event_property() -> None:
    tracking = EVENTS + "      - name: position  # <1>\n"
    text = document(features=features(), pages=PAGES, tracking=tracking)
    assert found(text) == [("duplicate-event-property", at(text, "<1>"))]


def test_enum_without_values_and_values_without_enum() -> None:
    tracking = """\
  - id: E1
    event: pay_result
    name: Payment result
    trigger: The payment service answers.
    properties:
      - name: result  # <1>
        type: enum
      - name: channel
        type: string
        values: [app, web]  # <2>
"""
    text = document(tracking=tracking)
    assert found(text) == [("enum-values", at(text, "<1>")), ("enum-values", at(text, "<2>"))]
    result = check(text)
    assert [d.message for d in result.diagnostics] == [
        "property 'result' of event E1 is an enum but lists no values",
        "property 'channel' of event E1 lists values but has type string",
    ]


def test_examples_must_fit_their_type_and_values() -> None:
    tracking = """\
  - id: E1
    event: pay_result
    name: Payment result
    trigger: The payment service answers.
    properties:
      - name: amount
        type: number
        example: ten  # <1>
      - name: paid
        type: boolean
        example: 1  # <2>
      - name: count
        type: number
        example: true  # <3>
      - name: result
        type: enum
        values: [ok, failed]
        example: timeout  # <4>
      - name: order_id
        type: string
        example: 10086  # <5>
      - name: anything
        example: 10086
"""
    text = document(tracking=tracking)
    expected = [("property-example", at(text, f"<{n}>")) for n in range(1, 6)]
    assert found(text) == expected
    messages = [d.message for d in check(text).diagnostics]
    assert messages[3] == (
        "the example 'timeout' of property 'result' of event E1 is not one of its values "
        "('ok' or 'failed')"
    )
    assert check(text).diagnostics[4].hint == "quote it to make it text"
    # As YAML writes it (true, not Python's True), and of its type, not "a enum".
    assert messages[2] == (
        "the example true of property 'count' of event E1 is not of its type, number"
    )
    odd = text.replace("example: timeout  # <4>", "example: 7  # <4>")
    (enum,) = [d for d in check(odd).diagnostics if d.line == at(odd, "<4>")]
    assert enum.message.endswith("is not of its type, enum")
    assert enum.hint == "write one of its values: 'ok' or 'failed'"


def test_array_and_object_properties_take_examples_of_their_shape() -> None:
    tracking = """\
  - id: E1
    event: goods_viewed
    name: Goods viewed
    trigger: The goods page opens.
    properties:
      - name: tags
        type: array
        example: ["爆款", "包邮"]
      - name: sku
        type: object
        example: {sku_id: "1001", qty: 2, gift: true, parts: [1, {a: null}]}
      - name: labels
        type: array
        example: 爆款,包邮  # <1>
      - name: cart
        type: object
        example: [1001]  # <2>
      - name: title
        type: string
        example: [爆款]  # <3>
"""
    text = document(tracking=tracking)
    assert found(text) == [("property-example", at(text, f"<{n}>")) for n in (1, 2, 3)]
    first, second, third = check(text).diagnostics
    assert first.message == (
        "the example '爆款,包邮' of property 'labels' of event E1 is not of its type, array"
    )
    assert first.hint == "write the example as a list, such as `[a, b]`"
    assert second.message.startswith("the example [1001] of property 'cart'")
    assert second.hint == 'write the example as a mapping, such as `{sku_id: "1001"}`'
    assert third.message.startswith("the example [\"爆款\"] of property 'title'")
    # Shown as the client sends it, JSON, in every output (through the layer).
    (event,) = check(text).document.tracking
    tags, sku = event.properties[:2]
    assert property_example(tags) == Code('["爆款", "包邮"]')
    assert property_example(sku) == Code(
        '{"sku_id": "1001", "qty": 2, "gift": true, "parts": [1, {"a": null}]}'
    )
    with pytest.raises(TypeError):
        sku.example["qty"] = 3  # type: ignore[index]  # the model stays read-only


def test_metric_events_must_be_events() -> None:
    metrics = """\
  - id: K1
    name: Conversion rate
    target: 3.5
    events: [E-view, P-list]  # <1>
"""
    text = document(features=features(), pages=PAGES, tracking=EVENTS, metrics=metrics)
    assert found(text) == [("wrong-kind-reference", at(text, "<1>"))]
    assert message(text, "wrong-kind-reference") == (
        "metric K1 lists 'P-list' under events, but 'P-list' is a page"
    )


def test_event_page_and_feature_name_the_item() -> None:
    tracking = """\
  - id: E1
    event: pay_click
    name: Pay tapped
    trigger: The shopper taps pay.
    page: F1  # <1>
    feature: P-nope  # <2>
"""
    text = document(features=features(), pages=PAGES, tracking=tracking)
    assert found(text) == [
        ("wrong-kind-reference", at(text, "<1>")),
        ("unresolved-reference", at(text, "<2>")),
    ]
    messages = [d.message for d in check(text).diagnostics]
    assert messages[0] == "event E1 names 'F1' as its page, but 'F1' is a feature"
