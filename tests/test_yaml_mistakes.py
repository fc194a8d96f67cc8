"""YAML mistakes a product manager makes, each explained at its line in English and Chinese."""

from __future__ import annotations

import pytest

from prdkit.check import CheckResult, check_bytes
from prdkit.ruletable import RULES
from tests.conftest import EXAMPLES, MINIMAL

FLASH_SALE = (EXAMPLES / "flash-sale.prd.yaml").read_text(encoding="utf-8")


def check(text: str, lang: str = "en") -> CheckResult:
    return check_bytes(text.encode("utf-8"), "a.prd.yaml", lang=lang)


def only(result: CheckResult) -> tuple[str, int, int, str, str]:
    (d,) = result.diagnostics
    return d.rule, d.line, d.column, d.message, d.hint or ""


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def replace_line(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_list_item_starting_with_bold_text() -> None:
    old = "    - 不做拼团、砍价等社交裂变玩法。\n"
    text = replace_line(FLASH_SALE, old, "    - **拉新**：新用户首单立减\n")
    line = line_of(text, "**拉新**")
    rule, at, column, message, hint = only(check(text, "en"))
    assert (rule, at, column) == ("yaml-indicator", line, 7)
    assert message.startswith("the text starting with '*' is not read as text")
    assert hint == 'quote the text: `- "**拉新**：新用户首单立减"`'
    rule, at, column, message, hint = only(check(text, "zh"))
    assert (rule, at, column) == ("yaml-indicator", line, 7)
    assert message == "以 '*' 开头的内容没有被当作文字：YAML 把开头的 '*' 理解为别名（引用锚点）"
    assert hint == '给这段文字加上引号：`- "**拉新**：新用户首单立减"`'


@pytest.mark.parametrize(
    ("value", "char"),
    [("&拉新 活动", "&"), ("!重要 事项", "!"), ("@运营 跟进", "@"), ("`代码` 说明", "`"),
     ("%50 折扣", "%"), ("|分隔 文字", "|"), ("> 引用 文字", ">")],
)  # fmt: skip
def test_every_indicator_at_the_start_of_a_text(value: str, char: str) -> None:
    text = MINIMAL + f"    acceptance_criteria:\n      - {value}\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indicator", 13, 9)
    assert f"'{char}'" in message and hint == f'quote the text: `- "{value}"`'


def test_an_anchor_that_reads_as_yaml_is_refused_with_the_quoting_fix() -> None:
    text = MINIMAL + "    acceptance_criteria:\n      - &new users first\n"
    (d,) = check(text).diagnostics
    assert (d.rule, d.line, d.column) == ("alias", 13, 9)
    assert d.hint == (
        'write the value out where it is used; if this was text, quote it: `"&new users first"`'
    )


def test_a_misaligned_key_names_itself_and_the_key_it_belongs_with() -> None:
    old = "    date: 2026-01-05\n    author: 刘佳怡\n"
    text = replace_line(FLASH_SALE, old, "    date: 2026-01-05\n     author: 刘佳怡\n")
    line = line_of(text, "     author: 刘佳怡")
    rule, at, column, message, hint = only(check(text, "en"))
    assert (rule, at, column) == ("yaml-indentation", line, 6)
    assert message == (
        "the key 'author' is indented by 5 spaces, but the key 'date' on line "
        f"{line - 1}, which it belongs with, by 4 spaces"
    )
    assert hint == "indent 'author' by 4 spaces, like 'date'"
    rule, at, column, message, hint = only(check(text, "zh"))
    assert (rule, at) == ("yaml-indentation", line)
    assert message == (
        f"键 'author' 缩进了 5 个空格，而与它同级的键 'date'（第 {line - 1} 行）缩进了 4 个空格"
    )


def test_a_list_item_key_indented_too_little() -> None:
    text = MINIMAL + "  - id: R2\n   title: Pay\n    priority: must\n"
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", 13, 4)
    assert "'title' is indented by 3 spaces, but the key 'id' on line 12" in message


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    text = replace_line(FLASH_SALE, '  - version: "1.1.0"\n', '  - version: "1.1.0\n')
    opened = line_of(text, '"1.1.0\n')
    for lang, start in (("en", "the quote \" opened here is not closed on its line"),
                        ("zh", "这里开始的引号 \" 在本行没有闭合")):  # fmt: skip
        rule, line, column, message, hint = only(check(text, lang))
        assert (rule, line, column) == ("yaml-unclosed", opened, 14)
        assert message.startswith(start)
        assert hint


def test_a_quote_never_closed_before_the_end_of_the_file() -> None:
    text = MINIMAL + '    acceptance_criteria:\n      - "Pays by card\n'
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-unclosed", 13, 9)
    assert message == 'the quote " opened here is never closed'


def test_an_unclosed_bracket_is_reported_where_it_opens() -> None:
    text = MINIMAL + "    acceptance_criteria: [Pays, Refunds\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-unclosed", 12, 26)
    assert message == "the bracket [ opened here is not closed"
    assert hint.startswith("close it with ]")


def test_a_tab_in_the_indentation() -> None:
    text = MINIMAL.replace("  owner: Ann", "\towner: Ann")
    rule, line, column, message, _ = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-tab", 7, 1)
    assert message == "缩进里用了 Tab 字符，YAML 只能用空格缩进"


def test_a_colon_inside_plain_text() -> None:
    text = MINIMAL.replace("title: Checkout works", "title: Note: new users only")
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-colon", 10, 16)
    assert (
        message
        == "the text after 'title:' holds `: `, which YAML reads as the start of another key"
    )
    assert hint == 'quote the text: `title: "Note: new users only"`'


def test_other_syntax_errors_keep_libyaml_words_and_a_hint() -> None:
    rule, line, _, message, hint = only(check(RULES["yaml-syntax"].example))
    assert (rule, line) == ("yaml-syntax", 3)
    assert message.startswith("YAML syntax: ") and hint


# -- a comment that silently cuts text

REVISION = '\nrevisions:\n  - version: "1.1"\n    date: 2026-03-01\n    changes: {value}\n'


def cut(value: str, lang: str = "en") -> list[tuple[str, int, int, str, str]]:
    result = check(MINIMAL + REVISION.format(value=value), lang)
    return [
        (d.rule, d.line, d.column, d.message, d.hint or "")
        for d in result.diagnostics
        if d.rule == "comment-in-text"
    ]


def test_a_comment_right_after_plain_text_warns_at_its_line() -> None:
    ((rule, line, column, message, hint),) = cut("Moved the channel to #granparadiso")
    assert (rule, line, column) == ("comment-in-text", 16, 35)
    assert message == "the text after ` #` was read as a comment and dropped: '#granparadiso'"
    assert hint.startswith('quote the value to keep it: `"Moved the channel to #granparadiso"`')
    ((_, _, _, message, _),) = cut("Moved the channel to #granparadiso", "zh")
    assert message == "` #` 之后的文字被当作注释丢掉了：'#granparadiso'"


def test_the_warning_is_a_warning_and_can_be_ignored() -> None:
    result = check(MINIMAL + REVISION.format(value="Moved to #general"))
    (d,) = [d for d in result.diagnostics if d.rule == "comment-in-text"]
    assert d.severity.value == "warning" and result.errors == 0
    ignored = (
        MINIMAL
        + REVISION.format(value="Moved to #general")
        + ("    x-prdkit-ignore: [comment-in-text]\n")
    )
    assert not [d for d in check(ignored).diagnostics if d.rule == "comment-in-text"]


@pytest.mark.parametrize(
    "value",
    [
        "Moved the channel  # two spaces: a deliberate comment",
        '"Moved the channel to" #quoted',
        "'Moved the channel to' #quoted",
        "|\n      Moved the channel to #granparadiso # inside a block is text\n",
        ">\n      Moved the channel # folded block text\n",
        "Moved the channel to C#",
        "Moved to#general",
    ],
)
def test_no_warning_for_ordinary_comments_or_quoted_and_block_values(value: str) -> None:
    assert cut(value) == []


def test_no_warning_outside_text_fields() -> None:
    text = MINIMAL.replace("priority: could", "priority: could #maybe must")
    assert not [d for d in check(text).diagnostics if d.rule == "comment-in-text"]


def test_a_multi_line_plain_text_cut_on_its_last_line() -> None:
    ((rule, line, column, _, _),) = cut("Moved the channel\n      to #granparadiso")
    assert (rule, line, column) == ("comment-in-text", 17, 10)


def test_line_numbers_in_messages_are_plain_numbers() -> None:
    items = "".join(f"  - id: R{i}\n    title: T\n    priority: could\n" for i in range(2, 400))
    text = MINIMAL + items + "  - id: RX\n    title: X\n   priority: must\n"
    rule, line, _, message, _ = only(check(text))
    assert (rule, line) == ("yaml-indentation", 1208)
    assert message.endswith("but the key 'title' on line 1207, which it belongs with, by 4 spaces")


def test_a_line_without_its_colon() -> None:
    text = MINIMAL.replace("  owner: Ann\n", "  owner Ann\n  language: en\n")
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-missing-colon", 7, 3)
    assert message == (
        "'owner Ann' stands on a line of its own: YAML expected `key: value` or `- item` here"
    )
    assert hint.startswith("if it is a key, add `: ` after it")
    assert (
        only(check(text, "zh"))[3] == "'owner Ann' 单独占了一行：这里应当是 `键: 值` 或 `- 列表项`"
    )


def test_a_key_indented_deeper_than_the_keys_before_it() -> None:
    text = (
        MINIMAL
        + "    acceptance_criteria:\n      - Pays\n    kind: functional\n      status: done\n"
    )
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", 15, 7)
    assert "'status' is indented by 6 spaces, but the key 'kind' on line 14" in message


def test_libyaml_words_are_kept_in_english_and_said_anew_in_chinese() -> None:
    text = RULES["yaml-syntax"].example
    assert only(check(text))[3] == (
        "YAML syntax: while parsing a block mapping, did not find expected key"
    )
    assert only(check(text, "zh"))[3] == "YAML 语法错误：这里应当是一个键（`键: 值`），但没有找到"


def test_a_closed_quote_over_two_lines_is_not_blamed_for_a_later_mistake() -> None:
    text = MINIMAL.replace("title: Demo", 'title: "Demo\n    continued"').replace(
        "  status: draft\n", "  status: draft\n   owner2: Bo\n"
    )
    rule, line, _, message, _ = only(check(text))
    assert (rule, line) == ("yaml-indentation", 8)
    assert "'owner2'" in message


@pytest.mark.parametrize(
    ("value", "char", "fix"),
    [
        ("[P0] 支持秒杀", "[", '- "[P0] 支持秒杀"'),
        ("{重要} 支持预约", "{", '- "{重要} 支持预约"'),
        ('"拉新" 活动', '"', "- '\"拉新\" 活动'"),
        ("'新客' 专享", "'", "- \"'新客' 专享\""),
    ],
)
def test_a_text_starting_with_a_bracketed_or_quoted_part(value: str, char: str, fix: str) -> None:
    text = MINIMAL + f"    acceptance_criteria:\n      - {value}\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indicator", 13, 9)
    assert message.startswith(f"the text starting with '{char}' is not read as text")
    assert hint == f"quote the text: `{fix}`"
    assert check(MINIMAL + f"    acceptance_criteria:\n      - {fix[2:]}\n").errors == 0
