"""Text anywhere: placeholder (graded by status) and bidi-control."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.check import check_bytes
from tests.test_rules_base import at, check, document, found, message


def with_summary(summary: str, status: str = "draft") -> str:
    return document(status).replace(
        "  owner: Ann\n", f"  owner: Ann\n  summary: {summary}  # <1>\n"
    )


@pytest.mark.parametrize(
    ("summary", "flagged"),
    [
        ("TODO", True),
        ("Pricing TBD.", True),
        ("'(TODO: ask finance)'", True),
        ("价格待定", True),
        ("背景待补充", True),
        ("待定", True),
        ("（待定）", True),
        ("待定。", True),
        ("时间：待定", True),
        ("上线日期待定", True),  # 日期 + 待定: the 期 before it is no 期待
        ("价格、时间等待定。", True),  # 等 (and so on) + 待定, nothing after it
        ("待补充截图", True),
        ("用户等待定时任务结束后才能看到入口。", False),  # 等待 + 定时
        ("任务状态分为待定价、已定价两种。", False),  # 待 + 定价
        ("库存不足时等待补充库存。", False),  # 等待 + 补充
        ("商家状态为待补充资料时不能开店。", False),
        ("退款单状态：待补充凭证", False),
        ("申请进入待补充材料状态", False),
        ("描述TODO", True),  # CJK text around it still leaves it a word of its own
        ("TODO_LIST is a variable", False),
        ("TODOS and TBDs", False),
        ("todo, tbd", False),  # upper case only
        ("价格ＴＢＤ", True),  # typed full-width by a Chinese input method
        ("（ＴＯＤＯ：补截图）", True),
        ("ＴＯＤＯＳ", False),
        ("ｔｏｄｏ", False),
        ("Mastodon", False),
        ("A finished sentence.", False),
    ],
)
def test_placeholder_words(summary: str, flagged: bool) -> None:
    text = with_summary(summary)
    assert found(text) == ([("placeholder", at(text, "<1>"))] if flagged else [])


@pytest.mark.parametrize(("status", "severity"), [("draft", "warning"), ("review", "error")])
def test_placeholder_is_graded_by_status(status: str, severity: str) -> None:
    result = check(with_summary("TBD", status))
    assert [d.severity.value for d in result.diagnostics] == [severity]


def test_placeholders_are_reported_once_per_field_where_they_are() -> None:
    text = document(
        requirements="""\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria:
      - Pays in one tap
      - TODO TBD TODO  # <1>
    x-notes: TODO later
""",
    )
    result = check(text)
    assert [(d.rule, d.line) for d in result.diagnostics] == [("placeholder", at(text, "<1>"))]
    assert result.diagnostics[0].message == (
        "requirement R1, acceptance_criteria #2 still holds the placeholders 'TODO' and 'TBD'"
    )
    assert result.diagnostics[0].pointer == "/requirements/0/acceptance_criteria/1"


def test_placeholder_in_a_matrix_cell_and_a_meta_field() -> None:
    text = document(
        competition="""\
  dimensions: [price]
  matrix:
    us:
      price: 待定  # <2>
""",
    ).replace("  owner: Ann\n", "  owner: Ann\n  goals: [Faster, TBD]  # <1>\n")
    assert found(text) == [("placeholder", at(text, "<1>")), ("placeholder", at(text, "<2>"))]
    assert [d.message for d in check(text).diagnostics] == [
        "meta.goals #2 still holds the placeholder 'TBD'",
        "competition.matrix.us.price still holds the placeholder '待定'",
    ]


def test_bidi_control_in_text_and_in_a_key() -> None:
    text = document(
        competition="""\
  dimensions: [price]
  matrix:
    us:
      "pri\\u2066ce": free  # <2>
""",
    ).replace(
        "  owner: Ann\n", '  owner: Ann\n  summary: "Refunds \\u202eyllaunam\\u202c"  # <1>\n'
    )
    result = check(text)
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("bidi-control", at(text, "<1>"), "warning"),
        ("bidi-control", at(text, "<2>"), "warning"),
        ("undeclared-dimension", at(text, "<2>"), "error"),
    ]
    assert result.diagnostics[0].message == (
        "the text of meta.summary holds invisible bidirectional control characters "
        "(U+202E, U+202C), which can make it display differently from what it says"
    )


def test_bidi_is_found_in_extensions_too() -> None:
    text = document().replace("  owner: Ann\n", '  owner: Ann\n  x-memo: "\\u2067x"  # <1>\n')
    assert found(text) == [("bidi-control", at(text, "<1>"))]
    assert "meta.x-memo" in message(text, "bidi-control")


def test_placeholder_hint_fits_the_field() -> None:
    # In a description a placeholder stands for an open question; in an owner, a value.
    text = with_summary("Pricing TBD.").replace("  owner: Ann\n", "  owner: TODO\n")
    hints = {d.pointer: d.hint for d in check(text).diagnostics if d.rule == "placeholder"}
    assert hints == {
        "/meta/owner": "replace it with the real value",
        "/meta/summary": "write the missing content, or move the question to open_questions",
    }
    zh = check_bytes(text.encode("utf-8"), "t.prd.yaml", lang="zh")
    hints = {d.pointer: d.hint for d in zh.diagnostics if d.rule == "placeholder"}
    assert hints["/meta/owner"] == "换成实际的内容"


@pytest.mark.parametrize(
    ("summary", "rule"),
    [
        ('"\\x54ODO"', "placeholder"),  # escapes spell what the text does not show
        ('"\\u5F85\\u5B9A"', "placeholder"),
        ('"left \\u202E right"', "bidi-control"),
        ('"Ready \\U0000202E"', "bidi-control"),
    ],
)
def test_words_made_by_escapes_are_found(summary: str, rule: str) -> None:
    text = with_summary(summary)
    assert "TODO" not in text and "待定" not in text and "\u202e" not in text
    assert found(text) == [(rule, at(text, "<1>"))]


def test_a_text_without_the_words_reports_none_of_them() -> None:
    # Nothing in the text looks like a placeholder or a bidi control: no walk is needed.
    text = with_summary("'Pricing (done): the backslash-free case'")
    assert found(text) == []


def test_the_quick_scan_looks_for_every_character_and_word_the_rules_do() -> None:
    from prdkit.placeholders import PLACEHOLDER, SPELLINGS, WORDS
    from prdkit.rules.text import _BIDI_CHARS, BIDI

    assert [chr(c) for c in range(0x10000) if BIDI.match(chr(c))] == _BIDI_CHARS
    assert set(WORDS) <= set(SPELLINGS)
    assert all(PLACEHOLDER.fullmatch(word) for word in SPELLINGS)
    assert PLACEHOLDER.pattern.count("|") == len(SPELLINGS) - 1  # and no other alternative


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [*"TODBX_a 待定补充中ＴＯＤＢ", "TODO", "TBD", "待定", "待补充", "ＴＯＤＯ"]
        )
    ).map("".join)
)
def test_text_the_substring_tests_pass_over_holds_no_placeholder(text: str) -> None:
    # `may_hold` spares the pattern on most text (every run of a draft's Word file): it may
    # let through text without a placeholder, never pass over one that has.
    from prdkit.placeholders import PLACEHOLDER, SPELLINGS, may_hold

    assert may_hold(text) or PLACEHOLDER.search(text) is None
    assert all(may_hold(f"x{word}y") for word in SPELLINGS)
