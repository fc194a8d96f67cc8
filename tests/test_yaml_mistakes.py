"""YAML mistakes a product manager makes, each explained at its line in English and Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from prdkit.check import CheckResult, check_bytes
from prdkit.ruletable import RULES
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit

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


def test_an_unclosed_single_quote_is_named_as_written() -> None:
    text = (
        MINIMAL.replace("title: Demo", "title: 演示")
        + "    acceptance_criteria:\n      - '用户付款\n"
    )
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-unclosed", 13, 9)
    assert message == "the quote ' opened here is never closed"
    assert hint.startswith("end the text with ' on the same line")
    rule, line, column, message, hint = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-unclosed", 13, 9)
    assert message == "这里开始的引号 ' 一直没有闭合"
    assert hint.startswith("在同一行用 ' 结束这段文字")


def test_a_single_quote_closed_many_lines_on_is_named_as_written() -> None:
    text = MINIMAL.replace('version: "0.1.0"', "version: '0.1.0").replace(
        "owner: Ann", "owner: 'Ann'"
    )
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-unclosed", 5, 12)
    assert message.startswith("the quote ' opened here is not closed on its line")


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


def test_a_tab_before_the_hash_cuts_the_text_too() -> None:
    ((rule, line, column, message, hint),) = cut("Moved to\t#general")
    assert (rule, line, column) == ("comment-in-text", 16, 23)
    assert message == "the text after ` #` was read as a comment and dropped: '#general'"
    assert hint.startswith('quote the value to keep it: `"Moved to #general"`')
    ((rule, line, column, message, _),) = cut("频道迁到了\t#大促群", "zh")
    assert (rule, line, column) == ("comment-in-text", 16, 20)
    assert message == "` #` 之后的文字被当作注释丢掉了：'#大促群'"


def test_a_tab_before_the_hash_still_reads_as_yaml_does() -> None:
    result = check(MINIMAL + REVISION.format(value="Moved to\t#general"))
    assert result.errors == 0
    assert result.data["revisions"][0]["changes"] == "Moved to"


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
        "Moved the channel\t\t# two tabs: a deliberate comment",
        "Moved the channel \t# a space and a tab",
        '"Moved the channel to"\t#quoted',
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


def test_a_block_written_no_deeper_than_its_key() -> None:
    # The generic hint suggested writing a `|` block, which the author had just done.
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  summary: |\n  Pickup in 2 hours.\n")
    rule, line, _, _, hint = only(check(text))
    assert (rule, line) == ("yaml-missing-colon", 9)
    assert hint == (
        "the lines of a `|` block are indented deeper than its key: indent them further than"
        " `summary:`"
    )


def test_a_key_typed_with_a_full_width_colon() -> None:
    # A Chinese input method types "：": YAML sees a line without a key, and "add `: `
    # after it" would puzzle an author who sees a colon there.
    text = MINIMAL.replace("  owner: Ann\n", "  owner：王晓晨\n  language: zh\n")
    rule, line, column, message, hint = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-missing-colon", 7, 8)
    assert (
        message == "键 'owner' 后面是全角冒号 '：'（中文输入法打出来的），YAML 不把它当作键的结尾"
    )
    assert hint == "把它换成半角冒号并在后面空一格：`owner: 王晓晨`"
    english = only(check(text, "en"))
    assert english[3].startswith("the key 'owner' is followed by a full-width colon '：'")
    assert english[4].endswith("`owner: 王晓晨`")


def test_a_full_width_colon_before_a_nested_list() -> None:
    text = MINIMAL + "    acceptance_criteria：\n      - 可以下单\n"
    rule, line, column, message, hint = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-missing-colon", 12, 24)
    assert "'acceptance_criteria'" in message
    assert hint.endswith("`acceptance_criteria:`")


@pytest.mark.parametrize(
    ("written", "column", "fix"),
    [
        ("  - id：R1\n    title: Checkout works\n", 7, "`id: R1`"),  # the first of an item
        ("  - id: R1\n    title：结账\n    priority: could\n", 10, "`title: 结账`"),
    ],
)
def test_a_full_width_colon_on_a_key_its_siblings_follow(
    written: str, column: int, fix: str
) -> None:
    # The key is read as plain text and libyaml stops a line later, at the next key: it
    # was told to indent that key, which was right all along.
    text = MINIMAL.replace(
        "  - id: R1\n    title: Checkout works\n    priority: could\n",
        written if "priority" in written else written + "    priority: could\n",
    )
    rule, line, at_column, message, hint = only(check(text, "zh"))
    assert (rule, line, at_column) == ("yaml-missing-colon", line_of(text, "："), column)
    assert message.startswith("键 '") and "全角冒号" in message
    assert hint.endswith(fix)


def test_a_misindented_key_after_text_with_a_full_width_colon_is_still_misindented() -> None:
    text = MINIMAL + "    acceptance_criteria:\n      - TODO：补充\n  status: done\n"
    assert only(check(text, "en"))[0] == "yaml-indentation"


def test_a_key_indented_with_full_width_spaces() -> None:
    # A Chinese input method in full-width mode types U+3000 for a space.
    text = MINIMAL.replace("    title: Checkout works\n", "\u3000\u3000title: Checkout works\n")
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", line_of(text, "\u3000"), 1)
    assert message.startswith("this line is indented with a full-width space (U+3000)")
    assert hint.startswith("type it in half-width (ASCII) characters")
    assert only(check(text, "zh"))[3] == "这一行用全角空格（U+3000）缩进，YAML 不把它算作缩进"


def test_a_key_after_a_space_and_a_full_width_one() -> None:
    # ` 　owner:` was blamed for its one space of indentation, and the fix it gave (indent
    # the key '　owner' by 2) did not work: the full-width space is the slip.
    text = MINIMAL.replace("  owner: Ann\n", " \u3000owner: Ann\n")
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", line_of(text, "\u3000"), 2)
    assert message.startswith("this line is indented with a full-width space (U+3000)")


def test_a_full_width_space_after_a_keys_colon() -> None:
    # `owner:　Ann` is one piece of text to YAML; the message said to add the `: ` it has.
    text = MINIMAL.replace("  owner: Ann\n", "  owner:\u3000王晓雯\n")
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-missing-colon", line_of(text, "\u3000"), 9)
    assert message.startswith("the space after this colon is full-width (U+3000)")
    assert "`owner: 王晓雯`" in hint
    assert (
        only(check(text, "zh"))[4]
        == "在冒号后面改打半角空格：`owner: 王晓雯`（把输入法切换到半角）"
    )


@pytest.mark.parametrize("blank", ["\n", "\n\n", "\n\n\n", "\n  \n\n"])
def test_a_full_width_space_after_a_colon_before_blank_lines(blank: str) -> None:
    # Sections are often parted by blank lines: past one, the line after them was blamed.
    text = MINIMAL.replace("  owner: Ann\n", "  owner:\u3000王晓雯\n" + blank)
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-missing-colon", line_of(text, "\u3000"), 9)
    assert message.startswith("the space after this colon is full-width (U+3000)")


def test_a_full_width_space_after_a_list_items_hyphen() -> None:
    # `-　id: R1` is one piece of text: the key under it was blamed for its indentation.
    text = MINIMAL.replace("  - id: R1\n", "  -\u3000id: R1\n")
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", line_of(text, "\u3000"), 4)
    assert message.startswith("the space after this list item's hyphen is full-width (U+3000)")


@pytest.mark.parametrize("dash", ["\uff0d", "\u2014", "\u2013"])
def test_a_list_item_started_with_a_full_width_dash(dash: str) -> None:
    text = MINIMAL + f"  {dash} id: R2\n    title: Refunds\n    priority: could\n"
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", line_of(text, dash), 3)
    assert message == (
        f"this line starts a list item with '{dash}', which YAML does not read as the hyphen "
        "that starts one"
    )


def test_a_paragraph_opening_with_full_width_spaces_is_not_taken_for_the_slip() -> None:
    # Chinese prose opens a paragraph with two U+3000; the slip is the key after the text.
    text = MINIMAL + "    description: |\n      \u3000\u3000第一段。\n   status: done\n"
    rule, line, *_ = only(check(text))
    assert (rule, line) != ("yaml-indentation", line_of(text, "\u3000"))
    assert "full-width" not in only(check(text))[3]


def test_a_key_after_a_full_width_space_is_not_blamed_for_an_error_below_it() -> None:
    # `  \u3000remark: x` reads as a key; the over-indented `version` under it is the slip.
    text = MINIMAL.replace("  title: Demo\n", "  \u3000remark: x\n  title: Demo\n").replace(
        '  version: "0.1.0"', '    version: "0.1.0"'
    )
    rule, line, _, message, _ = only(check(text))
    assert (rule, line) == ("yaml-indentation", line_of(text, "    version"))
    assert "full-width" not in message


def test_a_slip_above_the_language_line_is_explained_in_that_language() -> None:
    # Reading stops at the slip, before `language: zh`: the message still speaks Chinese.
    text = MINIMAL.replace("  title: Demo\n", "  title：演示\n").replace(
        "  owner: Ann\n", "  owner: Ann\n  language: zh\n"
    )
    result = check_bytes(text.encode("utf-8"), "a.prd.yaml")
    assert result.lang == "zh"
    assert only(result)[3].startswith("键 'title' 后面是全角冒号")
    english = check_bytes(text.replace("language: zh", "language: en").encode(), "a.prd.yaml")
    assert english.lang == "en"


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


@pytest.mark.parametrize(
    ("value", "column", "fix"),
    [
        ("[**拉新**, b]", 27, '["**拉新**", b]'),
        ("[a, **拉新** 活动]", 30, '[a, "**拉新** 活动"]'),
        ("[ **拉新** ,  b ]", 28, '[ "**拉新**" ,  b ]'),
        ("[a, [**x**, c], d]", 31, '[a, ["**x**", c], d]'),
    ],
)
def test_inside_a_flow_list_only_the_item_is_quoted(value: str, column: int, fix: str) -> None:
    text = MINIMAL + f"    acceptance_criteria: {value}\n"
    for lang, words in (("en", "quote the text: "), ("zh", "给这段文字加上引号：")):
        rule, line, at, _, hint = only(check(text, lang))
        assert (rule, line, at) == ("yaml-indicator", 12, column)
        assert hint == f"{words}`acceptance_criteria: {fix}`"
    fixed = check(MINIMAL + f"    acceptance_criteria: {fix}\n")
    assert not [d for d in fixed.diagnostics if d.rule.startswith("yaml-")]


def test_list_items_that_are_mappings_are_named_by_their_first_key_and_value() -> None:
    text = MINIMAL + "  - id: R2\n    title: Pay\n    priority: must\n   - id: R3\n    title: x\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", 15, 4)
    assert message == (
        "the list item 'id: R3' is indented by 3 spaces, but the list item 'id: R2' on line 12, "
        "which it belongs with, by 2 spaces"
    )
    assert hint == "indent 'id: R3' by 2 spaces, like 'id: R2'"
    rule, line, column, message, hint = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-indentation", 15, 4)
    assert message == (
        "列表项 'id: R3' 缩进了 3 个空格，而与它同级的列表项 'id: R2'（第 12 行）缩进了 2 个空格"
    )
    assert hint == "把 'id: R3' 缩进 2 个空格，和 'id: R2' 对齐"


def test_a_list_item_whose_value_reads_on_into_its_next_key_is_named_by_its_own_value() -> None:
    # At one space, the item's next key is deeper than `id`: YAML reads `R3 title` as the
    # value. The item is named by what the author wrote on its line.
    text = MINIMAL + "  - id: R2\n    title: Pay\n - id: R3\n    title: x\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", 14, 2)
    assert message.startswith("the list item 'id: R3' is indented by 1 space, but ")
    assert hint == "indent 'id: R3' by 2 spaces, like 'id: R2'"


def test_a_list_item_whose_first_key_holds_a_block_is_named_by_the_key() -> None:
    text = MINIMAL + "  - notes:\n      - a\n   - id: R3\n"
    rule, line, _, message, _ = only(check(text))
    assert (rule, line) == ("yaml-indentation", 14)
    assert message.startswith(
        "the list item 'id: R3' is indented by 3 spaces, but the list item 'notes' on line 12"
    )


def test_chinese_list_items_are_named_by_their_first_key_and_value() -> None:
    text = MINIMAL + "    风险:\n      - 名称: 超卖\n        级别: 高\n       - 名称: 刷单\n"
    rule, line, column, message, hint = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-indentation", 15, 8)
    assert message == (
        "列表项 '名称: 刷单' 缩进了 7 个空格，而与它同级的列表项 '名称: 超卖'（第 13 行）"
        "缩进了 6 个空格"
    )
    assert hint == "把 '名称: 刷单' 缩进 6 个空格，和 '名称: 超卖' 对齐"


# -- a key as far in as the `- ` items of the list above it

CRITERIA = MINIMAL + "    acceptance_criteria:\n      - a\n      kind: functional\n"


def test_a_key_at_the_column_of_the_dashes_belongs_with_the_key_holding_the_list() -> None:
    rule, line, column, message, hint = only(check(CRITERIA))
    assert (rule, line, column) == ("yaml-indentation", 14, 7)
    assert message == (
        "the key 'kind' is indented by 6 spaces, as far in as the `- ` items of "
        "'acceptance_criteria' (line 12), so YAML expected another item there; it belongs "
        "with 'acceptance_criteria', which is indented by 4 spaces"
    )
    assert hint == "indent 'kind' by 4 spaces, like 'acceptance_criteria'"
    rule, line, column, message, hint = only(check(CRITERIA, "zh"))
    assert (rule, line, column) == ("yaml-indentation", 14, 7)
    assert message == (
        "键 'kind' 缩进了 6 个空格，和 'acceptance_criteria'（第 12 行）下面的 `- ` 列表项对齐了，"
        "YAML 因此以为这里还应该是一个列表项；它应当和缩进 4 个空格的 'acceptance_criteria' 同级"
    )
    assert hint == "把 'kind' 缩进 4 个空格，和 'acceptance_criteria' 对齐"
    fixed = CRITERIA.replace("      kind:", "    kind:")
    assert not [d for d in check(fixed).diagnostics if d.rule.startswith("yaml-")]


def test_a_key_after_a_list_of_mappings_may_belong_to_the_last_item() -> None:
    text = MINIMAL + "    flows:\n      - id: F1\n        steps:\n          - s\n"
    text += "        name: n\n      owner: x\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", 17, 7)
    assert message == (
        "the key 'owner' is indented by 6 spaces, as far in as the `- ` items of 'flows' "
        "(line 12), so YAML expected another item there"
    )
    assert hint == (
        "if 'owner' belongs to the item 'id: F1', indent it by 8 spaces, like 'name'; "
        "if it belongs with 'flows', by 4 spaces"
    )


def test_chinese_keys_at_the_column_of_the_dashes() -> None:
    text = (
        MINIMAL + "    验收标准:\n      - 名称: 下单\n        说明: 可以下单\n      负责人: 张三\n"
    )
    rule, line, column, message, hint = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-indentation", 15, 7)
    assert message == (
        "键 '负责人' 缩进了 6 个空格，和 '验收标准'（第 12 行）下面的 `- ` 列表项对齐了，"
        "YAML 因此以为这里还应该是一个列表项"
    )
    assert hint == (
        "如果 '负责人' 属于列表项 '名称: 下单'，请缩进 8 个空格，和 '说明' 对齐；"
        "如果它和 '验收标准' 同级，请缩进 4 个空格"
    )
    text = MINIMAL + "    验收标准:\n      - 用户可以下单\n      类型: 功能\n"
    rule, line, column, _, hint = only(check(text, "zh"))
    assert (rule, line, column) == ("yaml-indentation", 14, 7)
    assert hint == "把 '类型' 缩进 4 个空格，和 '验收标准' 对齐"


def test_a_key_deeper_than_a_text_item_is_not_aligned_with_the_text() -> None:
    text = MINIMAL + "    acceptance_criteria:\n      - a\n       kind: functional\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", 14, 8)
    assert message == (
        "the key 'kind' is indented by 7 spaces, but the key 'acceptance_criteria' on line 12, "
        "which it belongs with, by 4 spaces"
    )
    assert hint == "indent 'kind' by 4 spaces, like 'acceptance_criteria'"


def test_a_key_of_a_top_level_list_item_left_at_the_dash() -> None:
    text = "prdkit: 1\nrequirements:\n  - id: R1\n  title: x\n"
    rule, line, column, _, hint = only(check(text))
    assert (rule, line, column) == ("yaml-indentation", 4, 3)
    assert hint.startswith("if 'title' belongs to the item 'id: R1', indent it by 4 spaces")


def test_validate_explains_the_key_at_the_dashes_in_a_real_run(tmp_path: Path) -> None:
    path = tmp_path / "a.prd.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    result = run_prdkit("validate", "--lang", "zh", str(path))
    assert result.returncode == 1, result.stderr
    assert f"{path}:14:7: error yaml-indentation 键 'kind' 缩进了 6 个空格" in result.stdout
    assert "提示：把 'kind' 缩进 4 个空格，和 'acceptance_criteria' 对齐" in result.stdout
    assert "Traceback" not in result.stderr


# ---- a Windows path between double quotes -------------------------------------------------

PAGE = "pages:\n  - id: PG-1\n    name: Cart\n    prototypes:\n      - image: {value}\n"


@pytest.mark.parametrize(
    ("value", "escape", "column", "none"),
    [
        ('"images\\merchant-queue.png"', "\\m", 23, "is none"),  # no such escape
        ('"C:\\Users\\alex\\cart.png"', "\\U", 19, "wants hexadecimal digits after it"),
    ],
)
def test_a_backslash_that_starts_no_escape_is_named_with_both_fixes(
    value: str, escape: str, column: int, none: str
) -> None:
    text = MINIMAL + PAGE.format(value=value)
    written = value.strip('"')
    rule, line, at, message, hint = only(check(text))
    assert (rule, line, at) == ("yaml-syntax", 16, column)
    assert message == f"a backslash inside double quotes starts an escape, and `{escape}` {none}"
    slashed = '"' + written.replace("\\", "/") + '"'
    assert hint == (
        f"write `/` between folders: {slashed}; or use single quotes, inside which a "
        f"backslash is itself: '{written}'"
    )
    rule, line, at, message, hint = only(check(text, "zh"))
    assert message.startswith(f"双引号里的反斜杠表示转义，而 `{escape}` ")
    assert hint.startswith(f"文件夹之间请用 `/` 分隔：{slashed}；")


def test_an_escaped_quote_before_the_backslash_keeps_the_whole_text() -> None:
    text = MINIMAL + PAGE.format(value='"say \\"hi\\" in images\\m.png"')
    _, _, _, _, hint = only(check(text))
    assert hint.endswith("""backslash is itself: 'say \\"hi\\" in images\\m.png'""")


def test_a_backslash_that_makes_a_control_character_is_named_as_written() -> None:
    text = MINIMAL + PAGE.format(value='"images\\return-status.png"')
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("control-character", 16, 16)
    assert message == (
        "`\\r` inside double quotes is the control character U+000D, not a backslash and a letter"
    )
    assert hint.startswith('write `/` between folders: "images/return-status.png"; ')
    # A control character written as its escape code is still just that.
    text = MINIMAL + PAGE.format(value='"images/\\x0b.png"')
    rule, _, _, message, _ = only(check(text))
    assert (rule, message) == (
        "control-character",
        "text holds the control or non-character U+000B",
    )


@pytest.mark.parametrize(
    ("value", "escape"),
    [
        ("images\\new.png", "\\n"),
        ("x\\tab.png", "\\t"),
        ("images\\Products.png", "\\P"),
        ("images\\Logo.png", "\\L"),
        ("images\\Nav.png", "\\N"),
        ("images\\_x.png", "\\_"),
    ],
)
def test_a_backslash_that_makes_a_line_break_in_a_picture_path(value: str, escape: str) -> None:
    text = MINIMAL + PAGE.format(value=f'"{value}"')
    found = [d for d in check(text).diagnostics if d.rule == "image-path"]
    assert [(d.line, d.column) for d in found] == [(16, 16)]
    assert f"holds what `{escape}` stands for inside double quotes" in found[0].message


def test_a_value_starting_with_bold_text_is_one_finding_with_the_quoting_fix() -> None:
    # `*Phase 2*` reads as an alias; the parser then stumbles on the rest of the line,
    # which is the same mistake, not a second one.
    text = MINIMAL + "    description: *Phase 2*. See the plan.\n"
    rule, line, column, message, hint = only(check(text))
    assert (rule, line, column) == ("alias", 12, 18)
    assert message.startswith("YAML alias '*Phase'")
    assert hint.endswith('quote it: `"*Phase 2*. See the plan."`')


def test_a_message_quotes_a_line_separator_as_the_file_holds_it() -> None:
    # U+2028 is hidden from the parser (YAML 1.1 read it as a line break): the message
    # quoted the stand-in, U+FDD1, for it.
    text = "prdkit: 1\n{\u2028: 1}\n"
    rule, line, column, message, _ = only(check(text))
    assert (rule, line, column) == ("yaml-missing-colon", 2, 1)
    assert "{\u2028: 1}" in message and "\ufdd1" not in message


def test_a_key_indented_with_full_width_spaces_that_still_reads_is_told_so() -> None:
    # At the end of a document, `　　priority:` reads as a top-level key: it was an unknown
    # key with the list of top-level ones for a hint.
    text = MINIMAL.replace("    priority: could\n", "\u3000\u3000priority: could\n")
    result = check(text)
    (unknown,) = [d for d in result.diagnostics if d.rule == "schema-unknown-key"]
    assert unknown.line == line_of(text, "\u3000")
    assert unknown.hint == (
        "the key starts with full-width spaces (U+3000), which YAML does not count as "
        "indentation: indent 'priority' with half-width spaces"
    )


@pytest.mark.parametrize(
    ("old", "new", "item"),
    [
        ("  - id: R1\n", "  -id: R1\n", "id: R1"),
        ("    priority: could\n", "    priority: could\n    acceptance_criteria:\n"
         "      - Pays in one tap\n      -Sees the total\n", "Sees the total"),
    ],
)  # fmt: skip
def test_a_list_item_with_no_space_after_its_hyphen(old: str, new: str, item: str) -> None:
    # `-id: R1` read as a key '-id', and the hint was to indent the next key like it (which
    # made requirements a mapping); `-second` stood "on a line of its own".
    text = MINIMAL.replace(old, new)
    rule, line, column, message, hint = only(check(text))
    assert (rule, line) == ("yaml-indentation", line_of(text, "-" + item))
    assert column == text.split("\n")[line - 1].index("-") + 1
    assert message.startswith(f"'-{item}' has no space after its hyphen")
    assert hint == f"put a space after the hyphen: `- {item}`"


def test_a_negative_number_in_a_list_is_no_missing_space() -> None:
    text = MINIMAL + "metrics:\n  - id: M1\n    name: Margin\n    target: -5\n"
    assert all(d.rule != "yaml-indentation" for d in check(text).diagnostics)
