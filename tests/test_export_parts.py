"""Pieces of export: Markdown as Jira markup, Excel sheet names, display widths."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.export.jiramarkup import _parsed, to_jira
from prdkit.export.xlsx import display_width, sheet_names


@pytest.mark.parametrize(
    ("markdown", "jira"),
    [
        ("**bold**, _em_, ~~gone~~ and `code`", "*bold*, _em_, -gone- and {{code}}"),
        ("[docs](https://example.com/a)", "[docs|https://example.com/a]"),
        ("[old](ftp://host/x)", "old"),  # a link of another scheme keeps only its text
        ("## Scope", "h2. Scope"),
        ("- a\n- b\n  1. c", "* a\n* b\n*# c"),
        ("| k | v |\n|---|---|\n| 1 | 2 |", "||k||v||\n|1|2|"),
        ("```sql\nselect 1\n```", "{code:sql}\nselect 1\n{code}"),
        ("```\n{x}\n```", "{noformat}\n{x}\n{noformat}"),
        ("> quoted", "{quote}\nquoted\n{quote}"),
        ("one\n\n---\n\ntwo", "one\n\n----\n\ntwo"),
        ("price *1* [x] {y} a|b", "price _1_ \\[x\\] \\{y\\} a\\|b"),
        ("![wireframe](img/cart.png)", "(wireframe: {{img/cart.png}})"),
        ("限购 **每人 1 件**", "限购 *每人 1 件*"),
    ],
)
def test_markdown_becomes_jira_markup(markdown: str, jira: str) -> None:
    assert to_jira(markdown) == jira


def test_literal_markup_characters_are_escaped() -> None:
    assert to_jira("2 \\* 3 and a+b^c~d!") == "2 \\* 3 and a\\+b\\^c\\~d\\!"


def test_sheet_names_are_valid_and_distinct() -> None:
    names = sheet_names(["Risks", "a/b:c", "risks", "x" * 40, "'quoted'"])
    assert names == ["Risks", "a_b_c", "risks (2)", "x" * 31, "quoted"]
    assert all(len(n) <= 31 for n in names)


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("需求 A") == 6


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab 1.)\n\t\r-*_#>`&=[]!|~{}+^<\\需求")), max_size=40
    )
)
def test_plain_paragraphs_skip_the_parser_with_the_same_result(text: str) -> None:
    assert to_jira(text) == _parsed(text)
