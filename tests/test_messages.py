"""The message catalogue: every rule speaks English and Chinese, and the run picks one."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from prdkit.catalogue import MESSAGES, RULE_ZH
from prdkit.check import check_bytes
from prdkit.messages import Listing, choose_language, locale_language, msg
from prdkit.ruletable import FIXED_FAMILIES, RULES
from tests.conftest import MINIMAL
from tests.test_rules_table import WRITTEN_FORM, check_example

CJK = re.compile("[\u4e00-\u9fff]")
PACKAGE = Path(__file__).resolve().parent.parent / "prdkit"

# Examples that are only a comment ("a file larger than the limit"): no file shows them.
NOT_SHOWN = {
    rule.id
    for rule in RULES.values()
    if all(not line.strip() or line.lstrip().startswith("#") for line in rule.example.split("\n"))
}

HOW = (
    "every rule needs a Chinese summary and fix in RULE_ZH (prdkit/catalogue.py), and its "
    "messages and hints, keyed by the rule id ('{id}', '{id}.hint', ...), in English and "
    "Chinese in MESSAGES; rules yield msg(key, **params), never English sentences"
)


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_has_a_chinese_summary_and_fix(rule_id: str) -> None:
    assert rule_id in RULE_ZH, f"{rule_id}: no Chinese text. " + HOW.format(id=rule_id)
    summary, fix = RULE_ZH[rule_id]
    assert CJK.search(summary) and CJK.search(fix), f"{rule_id}: " + HOW.format(id=rule_id)


def test_no_chinese_text_for_a_rule_that_does_not_exist() -> None:
    assert set(RULE_ZH) <= set(RULES)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", list(MESSAGES))
def test_every_message_has_both_languages_with_the_same_parameters(key: str) -> None:
    en, zh = MESSAGES[key]
    assert en.strip() and zh.strip(), key
    if key.startswith("libyaml."):  # English is libyaml's own words; Chinese says it anew
        assert en == "{detail}" and not _fields(zh), key
        return
    assert _fields(en) == _fields(zh), key
    # Chinese unless it is made of parameters, ids and symbols alone ("{kind} {name}").
    if re.search("[A-Za-z]{3,}", re.sub(r"\{\w+\}|`[^`]*`|'[^']*'", "", en)):
        assert CJK.search(zh), f"{key}: the Chinese text is not Chinese: {zh!r}"


def test_every_message_key_in_the_code_is_in_the_catalogue() -> None:
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used.update(re.findall(r'\bmsg\(\s*"([^"{]+)"\s*[,)]', path.read_text(encoding="utf-8")))
    assert used, "no msg() calls found"
    missing = sorted(used - set(MESSAGES))
    assert not missing, f"keys used but not in prdkit/catalogue.py MESSAGES: {missing}"


def _diagnostics(rule_id: str, lang: str, folder: Path) -> list:
    """The diagnostics the rule's documented example draws, in `lang`."""
    rule = RULES[rule_id]
    if rule.family in FIXED_FAMILIES or rule_id in WRITTEN_FORM:
        text = MINIMAL + rule.example if rule_id in WRITTEN_FORM else rule.example
        json_mode = rule_id == "json-syntax"
        name = "example.prd.json" if json_mode else "example.prd.yaml"
        result = check_bytes(text.encode("utf-8"), name, json_mode=json_mode, lang=lang)
    else:
        result = check_example(rule_id, folder, lang)
    return [d for d in result.diagnostics if d.rule == rule_id]


@pytest.mark.parametrize("rule_id", [r for r in RULES if r not in NOT_SHOWN])
def test_every_rule_speaks_chinese_in_its_example(rule_id: str, tmp_path: Path) -> None:
    found = _diagnostics(rule_id, "zh", tmp_path)
    assert found, f"{rule_id}: its documented example does not raise it"
    for d in found:
        assert CJK.search(d.message), f"{rule_id}: English-only message {d.message!r}. " + (
            HOW.format(id=rule_id)
        )
        assert d.hint and CJK.search(d.hint), f"{rule_id}: hint not in Chinese {d.hint!r}"
    english = _diagnostics(rule_id, "en", tmp_path)
    assert [(d.line, d.column) for d in english] == [(d.line, d.column) for d in found]
    assert not any(CJK.search(d.message) and "拉新" not in d.message for d in english)


def test_enum_errors_list_the_choices_with_their_meaning() -> None:
    doc = MINIMAL.replace("priority: could", "priority: 高")
    (zh,) = check_bytes(doc.encode("utf-8"), "a.prd.yaml", lang="zh").diagnostics
    assert zh.message == (
        "priority 只能是以下之一：must（必须）、should（应该）、could（可以）、wont（暂不）"
        "（现在是 '高'）"
    )
    (en,) = check_bytes(doc.encode("utf-8"), "a.prd.yaml", lang="en").diagnostics
    assert en.message == "priority must be one of must, should, could, wont (got '高')"
    assert (zh.rule, zh.line, zh.column) == (en.rule, en.line, en.column) == ("schema-enum", 11, 15)


def test_language_comes_from_the_option_then_the_document_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert choose_language(None, {}) == "zh"
    assert choose_language(None, {"meta": {"language": "en"}}) == "en"
    assert choose_language("zh", {"meta": {"language": "en"}}) == "zh"
    assert locale_language({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) == "en"
    assert locale_language({"LC_MESSAGES": "zh_TW.UTF-8"}) == "zh"
    assert locale_language({}) == "en"


def test_a_document_in_chinese_reports_in_chinese_even_when_it_cannot_be_read() -> None:
    doc = 'prdkit: 1\nmeta:\n  language: zh\n  title: "未闭合\n  owner: 张三\n'
    (d,) = check_bytes(doc.encode("utf-8"), "a.prd.yaml").diagnostics
    assert (d.rule, d.line, d.column) == ("yaml-unclosed", 4, 10)
    assert d.message.startswith("这里开始的引号")


def test_messages_render_parameters_in_the_language() -> None:
    found = Listing(("TODO", "待定"))
    message = msg("placeholder.many", place=msg("place.document"), found=found)
    assert message.render("zh") == "文档里还留着占位符 'TODO' 和 '待定'"
    assert message.render("en") == "the document still holds the placeholders 'TODO' and '待定'"
    assert str(message).startswith("the document still holds")


def test_chinese_runs_on_and_sets_latin_words_apart_at_a_parameters_edges() -> None:
    # A template's spaces suit a Latin parameter ("requirements 中有"); a Chinese one
    # runs on ("第 2 项中有"), and a Latin word after Chinese gets its space.
    item = msg("field.item", n=2, owner="requirements")
    unknown = msg("schema-unknown-key.in", key="acceptence", name=item)
    assert unknown.render("zh") == "requirements 的第 2 项中有未知的键 'acceptence'"
    wrong = msg("schema-type", name="done", wanted=msg("type.boolean"), got="文字 '是'")
    assert wrong.render("zh") == "done 应当是 true 或 false（现在是文字 '是'）"
    assert msg("schema-type", name="done", wanted="列表", got="x").render("zh") == (
        "done 应当是列表（现在是 x）"
    )
    # What a parameter holds is left as it is, spaces between Chinese characters included.
    assert msg("schema-enum.hint", choice="待 定").render("zh") == "写成 '待 定'"
    # A Latin word before Chinese gets its space too; a path keeps the template's.
    either = msg("type.or", a=msg("type.boolean"), b=msg("type.string"))
    assert msg("schema-type", name="x", wanted=either, got="1").render("zh") == (
        "x 应当是 true 或 false 或文字（现在是 1）"
    )
    assert msg("cli.wrote", path="需求.md").render("zh") == "已写入 需求.md"


def test_messages_chosen_by_a_value_exist_for_every_value() -> None:
    from prdkit.conventions import STATUS_ORDER
    from prdkit.i18n import ENUMS
    from prdkit.model import _KINDS

    keys = [f"core-section-missing.{w}.{s}" for w in ("missing", "empty") for s in ENUMS["status"]]
    keys += [f"decision.{d}" for d in ENUMS["decision"]]
    keys += [f"approval-not-granted.{d}" for d in ENUMS["decision"] if d != "approved"]
    keys += [f"guardrail-without-approver.{c}" for c in ("approval", "confirmation")]
    keys += [
        f"cycle.{verb}{end}" for verb in ("depends", "inherits") for end in ("", ".which", ".self")
    ]
    keys += [f"kind.{kind}" for kind in _KINDS.values()]
    keys += [f"custom-field-missing.{s}" for s in STATUS_ORDER]
    keys += [f"diff.{change}" for change in ("added", "removed", "changed", "status", "version")]
    keys += [f"diff.md.{field}" for field in ("status", "version")]
    keys += [f"approve.state.{state}" for state in ("current", "stale", "unsigned")]
    keys += [f"approve.not-one-line.{what}" for what in ("break", "control")]
    keys += [f"path.what.{what}" for what in ("path", "output", "output-folder", "reference")]
    missing = sorted(set(keys) - set(MESSAGES))
    assert not missing, f"add to MESSAGES in prdkit/catalogue.py (en, zh): {missing}"


def test_no_message_key_is_written_twice() -> None:
    # A dict literal keeps the last of two equal keys silently: a merge that adds a message
    # another branch added too would lose one of them without a word.
    import ast
    import collections

    import prdkit.catalogue

    tree = ast.parse(Path(prdkit.catalogue.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            twice = [k for k, n in collections.Counter(keys).items() if n > 1]
            assert not twice, f"written twice in prdkit/catalogue.py: {twice}"
