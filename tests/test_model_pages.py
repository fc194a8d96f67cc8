"""Pages and tracking events in the model: nested items, references, pointers, kinds."""

from __future__ import annotations

from prdkit.model import Page, TrackingEvent, build, kind_of


def data() -> dict:
    return {
        "prdkit": 1,
        "meta": {"id": "d", "title": "T", "version": "1", "status": "draft", "owner": "Ann"},
        "requirements": [{"id": "R1", "title": "Pay", "priority": "must"}],
        "features": [{"id": "F1", "name": "Pay", "pages": ["P1"]}],
        "pages": [
            {
                "id": "P1",
                "name": "Checkout",
                "surface": "mobile",
                "prototypes": [{"image": "img/pay.png", "caption": "Pay sheet", "x-a": 1}],
                "elements": [{"name": "Pay button", "kind": "button", "rule": "Pays."}],
                "states": [{"name": "Sold out", "description": "Button greyed."}],
                "navigates_to": ["P2"],
            },
            {"id": "P2", "name": "Result"},
        ],
        "tracking": [
            {
                "id": "E1",
                "event": "pay.click",
                "name": "Pay tapped",
                "trigger": "On tap.",
                "page": "P1",
                "properties": [{"name": "amount", "type": "number", "example": 9.9}],
                "metrics": ["K1"],
            }
        ],
        "flows": [
            {"id": "FL", "name": "Pay", "steps": [{"id": "S1", "action": "Tap", "page": "P1"}]}
        ],
        "metrics": [{"id": "K1", "name": "Conversion", "target": 3, "events": ["E1"]}],
    }


def test_pages_and_events_are_built_with_their_parts() -> None:
    doc = build(data())
    page = doc.pages[0]
    assert isinstance(page, Page) and page.navigates_to == ("P2",)
    assert page.prototypes[0].image == "img/pay.png"
    assert page.prototypes[0].caption == "Pay sheet"
    assert page.prototypes[0].pointer == "/pages/0/prototypes/0"
    assert page.elements[0].kind == "button" and page.states[0].name == "Sold out"
    event = doc.tracking[0]
    assert isinstance(event, TrackingEvent) and event.event == "pay.click"
    assert event.properties[0].example == 9.9
    assert doc.features[0].pages == ("P1",)
    assert doc.flows[0].steps[0].page == "P1"
    assert doc.metrics[0].events == ("E1",)


def test_pages_and_events_share_the_id_namespace() -> None:
    doc = build(data())
    by_id = doc.items_by_id()
    assert kind_of(by_id["P1"]) == "page" and kind_of(by_id["E1"]) == "event"
    assert [kind_of(i) for i in doc.identified()][:6] == [
        "requirement",
        "feature",
        "page",
        "page",
        "event",
        "flow",
    ]
