"""docs/rules.md is generated from the rule table and kept current."""

from __future__ import annotations

import re

from prdkit.catalogue import RULE_ZH
from prdkit.rulesdoc import REGENERATE, REGENERATE_ZH, render
from prdkit.ruletable import GRADING, RULES
from tests.conftest import ROOT

DOC = ROOT / "docs" / "rules.md"
DOC_ZH = ROOT / "docs" / "rules.zh.md"


def test_rules_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), f"regenerate it: {REGENERATE}"


def test_chinese_rules_doc_is_current() -> None:
    assert DOC_ZH.read_text(encoding="utf-8") == render("zh"), f"regenerate it: {REGENERATE_ZH}"


def test_chinese_doc_gives_every_rule_its_chinese_summary_fix_and_example() -> None:
    text = render("zh")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    by_id = {s.split("\n", 1)[0]: s for s in sections}
    assert set(by_id) == set(RULES)
    for rule_id, section in by_id.items():
        summary, fix = RULE_ZH[rule_id]
        assert summary in section and f"**修改方法：**{fix}" in section
        assert "```yaml\n" + RULES[rule_id].example.rstrip("\n") + "\n```" in section


def test_every_rule_has_its_section_with_severity_example_and_fix() -> None:
    text = render()
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    by_id = {s.split("\n", 1)[0]: s for s in sections}
    assert list(by_id) == sorted(by_id, key=list(by_id).index)  # no duplicates
    assert set(by_id) == set(RULES)
    for rule_id, section in by_id.items():
        rule = RULES[rule_id]
        assert f"**Severity:** {rule.severity.value}" in section
        assert GRADING.get(rule_id, "") in section
        assert rule.summary in section and f"**Fix:** {rule.fix}" in section
        assert "```yaml\n" + rule.example.rstrip("\n") + "\n```" in section


def test_overview_links_every_rule_once() -> None:
    text = render()
    for rule_id in RULES:
        assert text.count(f"| [`{rule_id}`](#{rule_id}) |") >= 1


def test_doc_holds_no_invisible_characters() -> None:
    # The bidi example is written with escapes, never with the characters themselves.
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", render())
