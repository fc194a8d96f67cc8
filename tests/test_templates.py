"""A new document from any template carries dates relative to the day it is started, so
`prdkit new` then `prdkit validate` reports no date as overdue, whatever the day."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from prdkit.check import check_bytes
from prdkit.loader import load_bytes
from prdkit.templates import Template, TemplateError, available, find, instantiate
from tests.conftest import run_prdkit
from tests.test_layout import strings

_DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b")
TEMPLATES = [(t.name, t.lang) for t in available()]
# Years before and after the templates were written, a leap day, and the template's own day.
DAYS = [
    date(2019, 3, 4),
    date(2024, 2, 29),
    date(2026, 1, 1),
    date(2031, 7, 15),
    date(2042, 12, 31),
]


def created(template: Template) -> date:
    data = load_bytes(template.path.read_bytes()).data
    return date.fromisoformat(data["meta"]["created"])


def found(text: str) -> list[tuple[str, int]]:
    return [(d.rule, d.line) for d in check_bytes(text.encode("utf-8"), "x.prd.yaml").diagnostics]


def dates_in(node: Any) -> Iterator[str]:
    """Every date written in a value of the loaded data, in document order."""
    for text in strings(node):
        yield from _DATE.findall(text)


def test_the_templates_that_plan_carry_dates() -> None:
    # Otherwise the tests below would prove nothing about shifting.
    for name in ("feature", "launch", "ecommerce"):
        for lang in ("en", "zh"):
            data = load_bytes(find(name, lang).path.read_bytes()).data
            assert len(list(dates_in(data))) > 4, (name, lang)


@pytest.mark.parametrize(("name", "lang"), TEMPLATES)
def test_a_new_document_warns_of_no_date_on_any_day(name: str, lang: str) -> None:
    template = find(name, lang)
    own_day = found(instantiate(template, "started", created(template)))
    assert not [rule for rule, _ in own_day if rule == "dependency-overdue"]
    for today in DAYS:
        assert found(instantiate(template, "started", today)) == own_day, today


@pytest.mark.parametrize(("name", "lang"), TEMPLATES)
@pytest.mark.parametrize("today", [date(2019, 3, 4), date(2031, 7, 15)])
def test_every_date_moves_by_the_same_gap(name: str, lang: str, today: date) -> None:
    template = find(name, lang)
    gap = today - created(template)
    before = load_bytes(template.path.read_bytes()).data
    text = instantiate(template, "started", today)
    after = load_bytes(text.encode("utf-8")).data
    assert after["meta"]["created"] == after["meta"]["updated"] == today.isoformat()
    moved = [(date.fromisoformat(d) + gap).isoformat() for d in dates_in(before)]
    assert list(dates_in(after)) == moved


@pytest.mark.parametrize(("name", "lang"), TEMPLATES)
def test_only_values_change_and_comments_are_kept(name: str, lang: str) -> None:
    template = find(name, lang)
    original = template.path.read_text(encoding="utf-8").split("\n")
    shifted = instantiate(template, "started", date(2031, 7, 15)).split("\n")
    assert len(shifted) == len(original)
    for old, new in zip(original, shifted, strict=True):
        if old.lstrip().startswith("#"):
            assert new == old  # a comment's example date is the author's to change
        elif re.match(r"\s*(id|title):", old) is None:
            assert _DATE.sub("D", new) == _DATE.sub("D", old)


def test_dates_in_flow_mappings_and_long_texts_move_and_comments_stay(tmp_path: Path) -> None:
    source = tmp_path / "plan.en.prd.yaml"
    source.write_text(
        """\
prdkit: 1
meta:
  id: plan
  title: Plan
  version: "0.1.0"
  status: draft
  owner: Ann
  created: 2026-01-01
  updated: 2026-01-01
  summary: |
    Pilot from 2026-01-10,
    # a line of the text, not a comment: 2026-01-11

    everyone by 2026-02-01.
  # decided 2026-01-20
schedule:
  milestones:
    - {id: M1, name: "Pilot 2026-01-10", start: 2026-01-10, due: '2026-01-31'}  # 2026-01-31
    - id: M2
      name: Everyone
      due: 2026-02-30x
""",
        encoding="utf-8",
    )
    text = instantiate(Template("plan", "en", source, ""), "plan", date(2026, 1, 11))
    assert text.split("\n")[9:19] == [
        "  summary: |",
        "    Pilot from 2026-01-20,",
        "    # a line of the text, not a comment: 2026-01-21",
        "",
        "    everyone by 2026-02-11.",
        "  # decided 2026-01-20",
        "schedule:",
        "  milestones:",
        "    - {id: M1, name: \"Pilot 2026-01-20\", start: 2026-01-20, due: '2026-02-10'}  # 2026-01-31",
        "    - id: M2",
    ]
    assert "due: 2026-02-30x" in text


def test_a_day_the_dates_cannot_move_to_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="9999"):
        instantiate(find("feature", "en"), "late", date(9999, 12, 1))


def test_the_first_revision_is_dated_the_day_the_document_starts() -> None:
    today = date(2031, 7, 15)
    data = load_bytes(instantiate(find("ecommerce", "en"), "shop", today).encode()).data
    assert data["revisions"][0]["date"] == data["meta"]["updated"] == today.isoformat()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_new_then_validate_years_later_through_a_real_process(tmp_path: Path, lang: str) -> None:
    later = {"SOURCE_DATE_EPOCH": str(int(datetime(2033, 5, 9, tzinfo=timezone.utc).timestamp()))}
    made = run_prdkit(
        "new", "coupons", "--template", "launch", "--lang", lang, cwd=tmp_path, env=later
    )
    assert made.returncode == 0, made.stderr
    checked = run_prdkit("validate", "coupons.prd.yaml", "--format", "json", cwd=tmp_path)
    rules = {d["rule"] for d in json.loads(checked.stdout)["diagnostics"]}
    assert rules == {"core-section-missing", "placeholder"}
    assert "created: 2033-05-09" in (tmp_path / "coupons.prd.yaml").read_text(encoding="utf-8")
    last = {"SOURCE_DATE_EPOCH": str(int(datetime(9999, 12, 1, tzinfo=timezone.utc).timestamp()))}
    refused = run_prdkit("new", "late", "--template", "launch", cwd=tmp_path, env=last)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "would pass the year 9999" in refused.stderr
    assert not (tmp_path / "late.prd.yaml").exists()
