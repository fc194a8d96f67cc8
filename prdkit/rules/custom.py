"""The team's declared custom fields: right type, pattern and value, present once required."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.conventions import STATUS_ORDER, CustomField, items_of
from prdkit.diagnostics import Finding, Severity
from prdkit.model import Document
from prdkit.source import join

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_URL = re.compile(r"^(https?|mailto):")


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`custom-field-invalid` at the value, `custom-field-missing` at the item, by status."""
    for declared in doc.conventions.fields:
        severity = _missing_severity(declared, doc.meta.status)
        for pointer, item in items_of(data, declared.kind):
            if declared.key in item:
                problem = _problem(declared, item[declared.key])
                if problem is not None:
                    yield Finding(
                        "custom-field-invalid",
                        join(pointer, declared.key),
                        f"{declared.key} {problem}",
                        hint=_expected(declared),
                    )
            elif severity is not None:
                name = next(
                    (
                        item[k]
                        for k in ("id", "name", "term", "team")
                        if isinstance(item.get(k), str)
                    ),
                    pointer,
                )
                yield Finding(
                    "custom-field-missing",
                    pointer,
                    f"{_singular(declared.kind)} {name} has no {declared.key} "
                    f"({declared.label_en}), required from {declared.required_from} on",
                    hint=f"add `{declared.key}:` ({_expected(declared)})",
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


def _problem(declared: CustomField, value: Any) -> str | None:
    kind = declared.type
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else f"must be a number, not {_shown(value)}"
    if isinstance(value, datetime.date):
        value = value.isoformat()
    if not isinstance(value, str):
        return f"must be {'a date' if kind == 'date' else 'text'}, not {_shown(value)}"
    if kind == "enum" and value not in declared.values:
        return f"is {_shown(value)}, not one of {', '.join(declared.values)}"
    if kind == "date" and not _valid_date(value):
        return f"is {_shown(value)}, not a date written YYYY-MM-DD"
    if kind == "url" and not _URL.match(value):
        return f"is {_shown(value)}, not a web address (http:, https: or mailto:)"
    if declared.pattern is not None:
        from prdkit.schema import ecma_regex

        if not ecma_regex(declared.pattern).search(value):
            return f"is {_shown(value)}, which does not match {declared.pattern}"
    return None


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _expected(declared: CustomField) -> str:
    if declared.type == "enum":
        return f"one of {', '.join(declared.values)}"
    if declared.pattern is not None:
        return f"text matching {declared.pattern}"
    return {"number": "a number", "date": "a date YYYY-MM-DD", "url": "a web address"}.get(
        declared.type, "text"
    )


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return "a list" if isinstance(value, list) else "a mapping"


def _singular(kind: str) -> str:
    # Section names are plural; messages speak of one item.
    special = {"faq": "FAQ entry", "glossary": "glossary entry", "dependencies": "dependency"}
    if kind in special:
        return special[kind]
    word = kind.replace("_", " ")
    return word[:-1] if word.endswith("s") else word
