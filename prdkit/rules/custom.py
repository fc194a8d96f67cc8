"""The team's declared custom fields: right type, pattern and value, present once required."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.conventions import (
    STATUS_ORDER,
    CustomField,
    declarable_paths,
    items_of,
    team_pattern,
)
from prdkit.diagnostics import Finding, Severity
from prdkit.messages import Kind, Listing, Msg, Translated, msg
from prdkit.model import Document, kind_at
from prdkit.source import join

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_URL = re.compile(r"^(https?|mailto):")


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`custom-field-invalid` at the value, `custom-field-missing` at the item, by status."""
    # Item by item, kind by kind: an item's own keys are read for values, and only the
    # required fields for what is missing (not every declared field for every item).
    for kind_key in dict.fromkeys(f.kind for f in doc.conventions.fields):
        fields = doc.conventions.fields_of(kind_key)
        by_key = {f.key: f for f in fields}
        order = {f.key: n for n, f in enumerate(fields)}
        required = [(f, s) for f in fields if (s := _missing_severity(f, doc.meta.status))]
        kind = kind_at(declarable_paths().get(kind_key, ())) or kind_key
        for pointer, item in items_of(data, kind_key):
            for key in sorted((k for k in item if k in by_key), key=order.__getitem__):
                declared = by_key[key]
                problem = _problem(declared, item[key])
                if problem is not None:
                    yield Finding(
                        "custom-field-invalid",
                        join(pointer, key),
                        problem,
                        hint=msg("custom-field-invalid.hint", expected=_expected(declared)),
                    )
            for declared, severity in required:
                if declared.key not in item:
                    yield _missing(declared, severity, kind, pointer, item)


def _missing(
    declared: CustomField, severity: Severity, kind: str, pointer: str, item: Mapping[str, Any]
) -> Finding:
    name = item.get("id")
    if not isinstance(name, str):
        # A name, unlike an id, is quoted, as in other messages: bare, a Chinese one ran
        # into the words after it ("页面元素 无缺少 x-mark").
        words = next(
            (item[k] for k in ("name", "term", "team") if isinstance(item.get(k), str)), None
        )
        name = f"'{words}'" if words is not None else pointer
    return Finding(
        "custom-field-missing",
        pointer,
        msg(
            f"custom-field-missing.{declared.required_from}",
            kind=Kind(kind),
            name=name,
            key=declared.key,
            label=Translated(declared.label_en, declared.label_zh),
        ),
        hint=msg("custom-field-missing.hint", key=declared.key, expected=_expected(declared)),
        severity=severity,
    )


def _missing_severity(declared: CustomField, status: str) -> Severity | None:
    # Required from a status: an error there and later, a warning before, nothing if optional.
    if declared.required_from is None:
        return None
    if status in STATUS_ORDER and STATUS_ORDER.index(status) >= STATUS_ORDER.index(
        declared.required_from
    ):
        return Severity.ERROR
    return Severity.WARNING


def _problem(declared: CustomField, value: Any) -> Msg | None:
    kind, key = declared.type, declared.key
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else _wrong_type(key, "number", value)
    if isinstance(value, datetime.date):
        value = value.isoformat()
    if not isinstance(value, str):
        return _wrong_type(key, "date" if kind == "date" else "text", value)
    shown = _shown(value)
    if kind == "enum" and value not in declared.values:
        choices = Listing(declared.values, "", quoted=False)
        return msg("custom-field-invalid.choice", key=key, value=shown, choices=choices)
    if kind == "date" and not _valid_date(value):
        return msg("custom-field-invalid.date", key=key, value=shown)
    if kind == "url" and not _URL.match(value):
        return msg("custom-field-invalid.url", key=key, value=shown)
    if declared.pattern is not None and not team_pattern(declared.pattern).search(value):
        return msg("custom-field-invalid.pattern", key=key, value=shown, pattern=declared.pattern)
    return None


def _wrong_type(key: str, expected: str, value: Any) -> Msg:
    return msg(
        "custom-field-invalid.type",
        key=key,
        expected=msg(f"custom.expected.{expected}"),
        value=_shown(value),
    )


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _expected(declared: CustomField) -> Msg:
    if declared.type == "enum":
        return msg("custom.expected.choice", choices=Listing(declared.values, "", quoted=False))
    if declared.pattern is not None:
        return msg("custom.expected.pattern", pattern=declared.pattern)
    kind = declared.type if declared.type in ("number", "date", "url") else "text"
    return msg(f"custom.expected.{kind}")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "[…]" if isinstance(value, list) else "{…}"
