"""The tracking plan: unique event names, and properties whose values and examples fit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.model import Document, EventProperty, TrackingEvent
from prdkit.rules._common import listing
from prdkit.source import join

# The Python types an example of each property type may have (bool is not a number here).
_EXAMPLE_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "boolean": (bool,),
    "enum": (str,),
}


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """Duplicate event names, then each event's properties."""
    first: dict[str, TrackingEvent] = {}
    for event in doc.tracking:
        seen = first.setdefault(event.event, event)
        if seen is not event:
            yield Finding(
                "duplicate-event-name",
                join(event.pointer, "event"),
                f"event {event.id} sends '{event.event}', the name event {seen.id} already sends",
                hint="event names are unique in the document: analytics cannot tell two "
                "events with one name apart",
            )
        yield from _properties(event)


def _properties(event: TrackingEvent) -> Iterator[Finding]:
    names: set[str] = set()
    for prop in event.properties:
        if prop.name in names:
            yield Finding(
                "duplicate-event-property",
                join(prop.pointer, "name"),
                f"event {event.id} lists the property '{prop.name}' twice",
                hint="give each property of an event one entry",
            )
        names.add(prop.name)
        yield from _values(event, prop)
        yield from _example(event, prop)


def _values(event: TrackingEvent, prop: EventProperty) -> Iterator[Finding]:
    where = f"property '{prop.name}' of event {event.id}"
    if prop.type == "enum" and not prop.values:
        yield Finding(
            "enum-values",
            prop.pointer,
            f"{where} is an enum but lists no values",
            hint="list the allowed values under `values`",
        )
    elif prop.values and prop.type != "enum":
        shown = f"type {prop.type}" if prop.type else "no type"
        yield Finding(
            "enum-values",
            join(prop.pointer, "values"),
            f"{where} lists values but has {shown}",
            hint="set `type: enum`, or remove `values`",
        )


def _example(event: TrackingEvent, prop: EventProperty) -> Iterator[Finding]:
    if prop.example is None or prop.type is None:
        return
    where = f"property '{prop.name}' of event {event.id}"
    allowed = _EXAMPLE_TYPES.get(prop.type)
    example = prop.example
    # YAML's true/false are Python ints too: a boolean fits only a boolean property.
    fits = allowed is None or (
        isinstance(example, allowed) and isinstance(example, bool) == (bool in allowed)
    )
    if not fits:
        yield Finding(
            "property-example",
            join(prop.pointer, "example"),
            f"the example {example!r} of {where} is not a {prop.type}",
            hint="quote it to make it text"
            if prop.type in ("string", "enum")
            else "give an example of the property's type",
        )
    elif prop.type == "enum" and prop.values and example not in prop.values:
        yield Finding(
            "property-example",
            join(prop.pointer, "example"),
            f"the example '{example}' of {where} is not one of its values "
            f"({listing(prop.values, 'or')})",
            hint="use one of the listed values as the example",
        )
