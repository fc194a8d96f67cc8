"""The tracking plan: unique event names, and properties whose values and examples fit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document, EventProperty, TrackingEvent
from prdkit.rules._common import listing
from prdkit.source import join

# The Python types an example of each property type may have (bool is not a number here).
_EXAMPLE_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "boolean": (bool,),
    "enum": (str,),
    "array": (tuple,),
    "object": (Mapping,),
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
                msg("duplicate-event-name", id=event.id, event=event.event, other=seen.id),
                hint=msg("duplicate-event-name.hint"),
            )
        yield from _properties(event)


def _properties(event: TrackingEvent) -> Iterator[Finding]:
    names: set[str] = set()
    for prop in event.properties:
        if prop.name in names:
            yield Finding(
                "duplicate-event-property",
                join(prop.pointer, "name"),
                msg("duplicate-event-property", id=event.id, name=prop.name),
                hint=msg("duplicate-event-property.hint"),
            )
        names.add(prop.name)
        yield from _values(event, prop)
        yield from _example(event, prop)


def _values(event: TrackingEvent, prop: EventProperty) -> Iterator[Finding]:
    where = msg("place.property", name=prop.name, id=event.id)
    if prop.type == "enum" and not prop.values:
        yield Finding(
            "enum-values",
            prop.pointer,
            msg("enum-values.none", where=where),
            hint=msg("enum-values.none.hint"),
        )
    elif prop.values and prop.type != "enum":
        key = "enum-values.typed" if prop.type else "enum-values.untyped"
        yield Finding(
            "enum-values",
            join(prop.pointer, "values"),
            msg(key, where=where, type=prop.type or ""),
            hint=msg("enum-values.typed.hint"),
        )


def _as_written(prop: EventProperty) -> str:
    """The example as written, text in quotes."""
    example = prop.example
    return f"'{example}'" if isinstance(example, str) else str(prop.example_as_sent())


def _example(event: TrackingEvent, prop: EventProperty) -> Iterator[Finding]:
    if prop.example is None or prop.type is None:
        return
    where = msg("place.property", name=prop.name, id=event.id)
    allowed = _EXAMPLE_TYPES.get(prop.type)
    example = prop.example
    # YAML's true/false are Python ints too: a boolean fits only a boolean property.
    fits = allowed is None or (
        isinstance(example, allowed) and isinstance(example, bool) == (bool in allowed)
    )
    if not fits:
        if prop.type == "enum" and prop.values:  # quoted, it would still be none of them
            hint = msg("property-example.values.hint", values=listing(prop.values, "or"))
        elif prop.type in ("string", "enum"):
            hint = msg("property-example.quote.hint")
        elif prop.type in ("array", "object"):
            hint = msg(f"property-example.{prop.type}.hint")
        else:
            hint = msg("property-example.type.hint")
        yield Finding(
            "property-example",
            join(prop.pointer, "example"),
            msg("property-example.type", example=_as_written(prop), where=where, type=prop.type),
            hint=hint,
        )
    elif prop.type == "enum" and prop.values and example not in prop.values:
        yield Finding(
            "property-example",
            join(prop.pointer, "example"),
            msg(
                "property-example.value",
                example=example,
                where=where,
                values=listing(prop.values, "or"),
            ),
            hint=msg("property-example.value.hint"),
        )
