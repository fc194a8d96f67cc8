"""Schema errors read as plain sentences and land on the offending value's line."""

from __future__ import annotations

import difflib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.check import check_bytes
from prdkit.schema import _guess
from tests.conftest import MINIMAL


def diagnose(text: str) -> list[tuple[str, int, int, str]]:
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml")
    # Only errors: a bare draft also draws completeness warnings, which are not at issue here.
    return [
        (d.rule, d.line, d.column, d.message) for d in result.diagnostics if d.severity == "error"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "priority: could",
            "priority: high",
            (
                "schema-enum",
                11,
                15,
                "priority must be one of must, should, could, wont (got 'high')",
            ),
        ),
        (
            "requirements:",
            "requirments:",
            (
                "schema-unknown-key",
                8,
                1,
                "unknown key 'requirments' — did you mean 'requirements'?",
            ),
        ),
        ("  owner: Ann\n", "", ("schema-required", 3, 3, "missing required field 'owner' in meta")),
        (
            'version: "0.1.0"',
            "version: [1]",
            ("schema-type", 5, 12, "version must be text (got a list)"),
        ),
        (
            "- id: R1",
            "- id: 1R",
            (
                "schema-pattern",
                9,
                9,
                "id '1R' is not a valid id: start with a letter, then letters, digits, '_', '.' or '-'",
            ),
        ),
        (
            "  owner: Ann\n",
            "  owner: Ann\n  created: 2026-02-30\n",
            ("schema-date", 8, 12, "created '2026-02-30' is not a real date (YYYY-MM-DD)"),
        ),
        ("prdkit: 1", "prdkit: 2", ("schema-const", 1, 9, "prdkit must be 1 (got 2)")),
        (
            "status: draft",
            "status: Draft",
            (
                "schema-enum",
                6,
                11,
                "status must be one of draft, review, approved, deprecated (got 'Draft')",
            ),
        ),
        (
            "    priority: could\n",
            "    priority: could\n    rice: {reach: 10, impact: 1, confidence: 1.5, effort: 1}\n",
            ("schema-range", 12, 46, "confidence must be at most 1 (got 1.5)"),
        ),
        (
            "requirements:\n  - id: R1\n    title: Checkout works\n    priority: could\n",
            "requirements: []\n",
            ("schema-count", 8, 15, "requirements needs at least 1 item"),
        ),
        (
            "    priority: could\n",
            "    priority: could\n    kind: functional\n    colour: red\n",
            ("schema-unknown-key", 13, 5, "unknown key 'colour' in item 1 of requirements"),
        ),
    ],
)
def test_schema_message_shapes(old: str, new: str, expected: tuple[str, int, int, str]) -> None:
    assert old in MINIMAL
    assert diagnose(MINIMAL.replace(old, new)) == [expected]


def test_extension_keys_are_accepted_everywhere() -> None:
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  x-jira: PRD-1\n") + "x-team: growth\n"
    assert diagnose(text) == []


def test_exclusive_step_keys_land_on_the_second_key() -> None:
    text = MINIMAL + (
        "flows:\n"
        "  - id: FL1\n"
        "    name: Pay\n"
        "    steps:\n"
        "      - id: s1\n"
        "        action: Pay\n"
        "        next: s1\n"
        "        end: true\n"
    )
    assert diagnose(text) == [
        ("schema-exclusive", 19, 9, "'end' cannot be used together with 'next'; keep one of them")
    ]


def test_one_mistake_gives_one_message() -> None:
    text = MINIMAL.replace("priority: could", "priority: [must]")
    assert diagnose(text) == [("schema-type", 11, 15, "priority must be text (got a list)")]


TRACKING = "tracking:\n  - id: E1\n    event: {}\n    name: Buy\n    trigger: Tap.\n"


@pytest.mark.parametrize(
    ("text", "line", "lang", "message", "hint"),
    [
        (
            MINIMAL + TRACKING.format("Buy-Click"),
            14,
            "en",
            "event 'Buy-Click' is not a valid event name: a lower-case letter, then lower-case "
            "letters, digits, '_' or '.'",
            "write it as the client sends it, such as `flash_sale.buy_click`",
        ),
        (
            MINIMAL + TRACKING.format("点击购买"),
            14,
            "zh",
            "event '点击购买' 不是有效的事件名：须以小写字母开头，后面只能是小写字母、数字、'_' 或 '.'",
            "按客户端上报的写法填写，例如 `flash_sale.buy_click`",
        ),
        (
            MINIMAL.replace(
                "  owner: Ann\n",
                "  owner: Ann\n  links:\n    - title: Wiki\n      url: wiki.example.com/prd\n",
            ),
            10,
            "en",
            "url 'wiki.example.com/prd' is not a link: start it with https://, http:// or mailto:",
            "write the whole address, such as `https://wiki.example.com/prd`",
        ),
    ],
)
def test_a_value_of_the_wrong_form_gets_a_hint_for_its_kind(
    text: str, line: int, lang: str, message: str, hint: str
) -> None:
    # The rule's own fix speaks of ids; an event name following it would fail again.
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml", lang=lang)
    (found,) = [d for d in result.diagnostics if d.rule == "schema-pattern"]
    assert (found.line, found.message, found.hint) == (line, message, hint)


def test_a_slash_date_is_one_mistake_one_message() -> None:
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  created: 2026/02/01\n")
    assert diagnose(text) == [
        ("schema-pattern", 8, 12, "created '2026/02/01' is not a date; write YYYY-MM-DD")
    ]


def test_a_language_with_its_region_is_answered_in_that_language_with_the_fix() -> None:
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  language: zh-CN\n")
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.rule == "schema-enum"]
    assert (found.line, found.hint) == (8, "写成 'zh'")
    assert found.message.startswith("language 只能是以下之一")
    text = MINIMAL.replace("priority: could", "priority: Could")
    (found,) = [d for d in check_bytes(text.encode(), "t.prd.yaml").diagnostics if d.line == 11]
    assert found.hint == "write 'could'"


_KEYS = st.text(alphabet="abcdeimnqrstu_-0159中文", max_size=14)


@settings(max_examples=400, derandomize=True, deadline=None, database=None)
@given(
    keys=st.lists(_KEYS, min_size=1, max_size=6),
    known=st.lists(_KEYS.filter(bool), max_size=12, unique=True),
)
def test_an_unknown_keys_guess_is_difflibs_own(keys: list[str], known: list[str]) -> None:
    # Keys that cannot reach the cutoff are left out before difflib compares, and the keys
    # left are kept for the next key of the same characters and length: each guess must
    # be the one difflib finds among them all.
    likely_of: dict = {}
    for key in [*keys, *(k[::-1] for k in keys)]:
        wanted = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        assert _guess(key, known, likely_of) == wanted


def test_an_unknown_key_near_a_known_one_is_guessed() -> None:
    assert _guess("requirments", ["meta", "requirements", "risks"], {}) == ["requirements"]
    assert _guess("k49999", ["meta", "requirements", "risks"], {}) == []


@pytest.mark.parametrize("hidden", ["\u2060", "\u200b", "\ufeff"])
def test_an_id_right_but_for_an_invisible_character_names_it(hidden: str) -> None:
    # An id copied from a Word file carries its word joiners (REQ⁠-⁠001): right as seen.
    text = MINIMAL.replace("- id: R1", f"- id: R{hidden}1")
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (found.rule, found.line, found.column) == ("schema-pattern", 9, 9)
    code = f"U+{ord(hidden):04X}"
    assert f"holds the invisible character {code}, as text copied from a Word file" in (
        found.message
    )
    assert found.hint == "delete it: write `R1`"


METRIC = """\
metrics:
  - id: M1
    name: Conversion
    target: 3
"""


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        # YAML read them as a number or a boolean, where the format wants text.
        ('version: "0.1.0"', "version: 1.10", "put the value in quotes: unquoted, YAML reads "),
        ("owner: Ann", "owner: False", "put the value in quotes: unquoted, YAML reads true"),
        # A unit or separators around a number.
        ("target: 3", "target: 15%", "write the number alone: 15 "),
        ("target: 3", "target: '¥ 2,000'", "write the number alone: 2000 "),
        # A list item with no space after its hyphen reads as text.
        (
            "priority: could",
            "priority: could\n    acceptance_criteria:\n      -Shows the total",
            "a list item starts with '-' and a space",
        ),
        # A colon and a space inside text made it a key and its value.
        (
            "priority: could",
            "priority: could\n    acceptance_criteria:\n      - Note: safety stock is 2 units.",
            "a colon and a space make YAML read 'Note' as a key: put the whole text in double"
            " quotes",
        ),
        # One sentence where a list belongs.
        (
            "priority: could",
            "priority: could\n    acceptance_criteria: Pays in one tap.",
            "write it as a list: each item on a line of its own, starting with '- '",
        ),
    ],
)
def test_a_wrong_type_from_a_common_slip_says_how_to_write_it(old: str, new: str, hint: str):
    text = (MINIMAL + METRIC).replace(old, new, 1)
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.rule == "schema-type"]
    assert (found.hint or "").startswith(hint), found.hint


def test_a_decimal_comma_is_not_taken_for_thousands() -> None:
    text = (MINIMAL + METRIC).replace("target: 3", "target: 1,5")
    result = check_bytes(text.encode(), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.rule == "schema-type"]
    assert found.line == 15 and "number alone" not in (found.hint or "")


def test_full_width_list_punctuation_gets_the_half_width_list() -> None:
    # A Chinese input method types '，' and '【】': YAML sees one id, or text.
    comma = (
        MINIMAL
        + "  - id: R2\n    title: Refunds\n    priority: could\n"
        + ("  - id: R3\n    title: Returns\n    priority: could\n    depends_on: [R1，R2]\n")
    )
    (found,) = [d for d in check_bytes(comma.encode(), "t.prd.yaml").diagnostics if d.line == 18]
    assert found.rule == "schema-pattern"
    assert found.hint == "part the ids with a half-width comma: R1, R2"
    brackets = comma.replace("[R1，R2]", "【R1，R2】")
    (found,) = [d for d in check_bytes(brackets.encode(), "t.prd.yaml").diagnostics if d.line == 18]
    assert found.rule == "schema-type"
    assert found.hint == "a list is written in half-width brackets and commas: [R1, R2]"
    # Text in brackets is no list: a title's 【重要】, or items YAML would need quoted.
    for text in ("【重要】提升转化率，降低退货率", "【#1 fast, [x]】"):
        titled = comma.replace("[R1，R2]", text)
        result = check_bytes(titled.encode(), "t.prd.yaml")
        assert all("brackets" not in (d.hint or "") for d in result.diagnostics), text
    # One id, not an item of a list: no list to write.
    single = comma.replace("[R1，R2]", "[R1]").replace("  - id: R3\n", "  - id: R3，R4\n")
    result = check_bytes(single.encode(), "t.prd.yaml")
    assert all("comma" not in (d.hint or "") for d in result.diagnostics)


def test_full_width_digits_and_dashes_get_a_fix_that_works() -> None:
    # １５％ was told to write １５, still text; '－ a' to put a space after the hyphen.
    text = (MINIMAL + METRIC).replace("target: 3", "target: １５％")
    (found,) = [d for d in check_bytes(text.encode(), "t.prd.yaml").diagnostics if d.line == 15]
    assert (found.hint or "").startswith("write the number alone: 15 ")
    spaced = (MINIMAL + METRIC).replace("target: 3", "target: 1 2")
    (found,) = [d for d in check_bytes(spaced.encode(), "t.prd.yaml").diagnostics if d.line == 15]
    assert "number alone" not in (found.hint or "")
    dashed = MINIMAL.replace(
        "priority: could", "priority: could\n    acceptance_criteria:\n      － Shows the total"
    )
    (found,) = [d for d in check_bytes(dashed.encode(), "t.prd.yaml").diagnostics]
    assert found.hint == "a list item starts with the half-width hyphen '-' and a space, not '－'"


def test_yes_and_no_where_true_or_false_belongs() -> None:
    # YAML 1.1 read them as booleans; prdkit reads YAML 1.2, where they are text.
    launch = "launch:\n  checklist:\n    - id: C1\n      item: Legal review\n      done: no\n"
    result = check_bytes((MINIMAL + launch).encode(), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.rule == "schema-type"]
    assert found.hint == "write false: YAML reads 'no' as text"


def test_an_unknown_key_where_team_fields_may_go_names_the_x_form() -> None:
    text = MINIMAL.replace("priority: could", "priority: could\n    jira: BOPIS-1")
    result = check_bytes(text.encode(), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.rule == "schema-unknown-key"]
    assert found.hint.startswith("allowed here: id, title, priority")
    assert found.hint.endswith("or, for a field of your team's own, name it 'x-jira'")


def test_the_colon_hint_never_rewrites_the_authors_text() -> None:
    # "Order id: 00123" was offered back as "Order id: 123" (YAML read a number).
    items = "".join(
        f"\n      - {t}"
        for t in ("Order id: 00123", "Max retries: 0x10", "Ok: true", "Fix: see #12 for details")
    )
    text = MINIMAL.replace("priority: could", "priority: could\n    acceptance_criteria:" + items)
    result = check_bytes(text.encode(), "t.prd.yaml")
    hints = [d.hint for d in result.diagnostics if d.rule == "schema-type"]
    assert len(hints) == 4
    # No text to copy: "Fix: see" would have lost "#12 for details" (a YAML comment).
    assert all(h.endswith("put the whole text in double quotes") for h in hints), hints


def test_a_json_file_gets_no_hint_about_how_yaml_reads() -> None:
    data = {
        "prdkit": 1,
        "meta": {"id": "d", "title": "D", "version": "1", "status": "draft", "owner": "A"},
        "requirements": [{"id": "R1", "title": {"Note": "x"}, "priority": "could"}],
        "launch": {"checklist": [{"id": "C1", "item": "Legal", "done": "no"}]},
    }
    data["meta"]["authors"] = "Alex Morgan"  # a list of texts: "- " a line is YAML's
    result = check_bytes(json.dumps(data).encode(), "t.prd.json", json_mode=True)
    hints = [d.hint or "" for d in result.diagnostics if d.rule == "schema-type"]
    assert len(hints) == 3 and not any("YAML" in h or "'- '" in h for h in hints), hints


def test_a_key_already_starting_x_in_capitals_is_not_told_to_add_x() -> None:
    text = MINIMAL.replace("priority: could", "priority: could\n    X-jira: BOPIS-1")
    result = check_bytes(text.encode(), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.rule == "schema-unknown-key"]
    assert "x-X-jira" not in (found.hint or "")


def test_a_list_of_records_is_not_told_to_start_items_with_a_hyphen() -> None:
    # `links: https://…`: "- " a line makes a list of texts, and links are records.
    text = MINIMAL.replace(
        "  owner: Ann\n", "  owner: Ann\n  links: https://wiki.example.com/prd\n"
    )
    result = check_bytes(text.encode(), "t.prd.yaml")
    (found,) = [d for d in result.diagnostics if d.rule == "schema-type"]
    assert "'- '" not in (found.hint or "")


def test_an_id_in_chinese_is_told_the_letters_are_english_ones() -> None:
    # 需 is a letter to Unicode: "须以字母开头" read as allowing 需求-01.
    text = MINIMAL.replace("- id: R1", "- id: 需求-01")
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml", lang="zh")
    (found,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (found.rule, found.line, found.column) == ("schema-pattern", 9, 9)
    assert found.message == (
        "id '需求-01' 不是有效的编号：须以英文字母开头，后面只能是英文字母、数字、'_'、'.' 或 '-'"
    )
    assert found.hint == "编号以英文字母开头，只能用英文字母、数字、`_`、`.` 和 `-`"


def _id_error(text: str, lang: str = "en") -> tuple[int, int, str, str | None]:
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml", lang=lang)
    (found,) = [d for d in result.diagnostics if d.severity == "error"]
    assert found.rule == "schema-pattern"
    return found.line, found.column, found.message, found.hint


def test_an_id_typed_in_full_width_names_the_character_and_its_column() -> None:
    # REQ－01: the input method left in full-width mode; the general message did not say
    # which character, and the '－' looks like the '-' it stands for.
    text = MINIMAL.replace("- id: R1", "- id: REQ－01")
    assert _id_error(text, "zh") == (
        9,
        9,
        "id 'REQ－01' 不是有效的编号：第 12 列的 '－' 是全角字符，编号只能用半角（英文）字符",
        "把输入法切换到半角，写成 `REQ-01`",
    )
    assert _id_error(text) == (
        9,
        9,
        "id 'REQ－01' is not a valid id: the '－' at column 12 is a full-width character, and "
        "ids are written in half-width (ASCII) characters",
        "switch the input method to half-width and write `REQ-01`",
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "found", "fix"),
    [
        # A quote before the value: the column is the character's, not its offset's.
        ("- id: R1", '- id: "R＿1"', 9, "the '＿' at column 11", "R_1"),
        # An item of a flow list, found after the bracket.
        (
            "priority: could",
            "priority: could\n    depends_on: [R１]",
            12,
            "'１' at column 19",
            "R1",
        ),
        # Several: each named once, the column the first one's.
        (
            "- id: R1",
            "- id: ＲＥＱ－０１",
            9,
            "the full-width characters 'Ｒ', 'Ｅ', 'Ｑ', '－', '０' and '１', the first at "
            "column 9",
            "REQ-01",
        ),
    ],
)
def test_full_width_characters_in_an_id_are_found_where_they_are_written(
    old: str, new: str, line: int, found: str, fix: str
) -> None:
    at_line, _, message, hint = _id_error(MINIMAL.replace(old, new))
    assert at_line == line and found in message, message
    assert hint == f"switch the input method to half-width and write `{fix}`"


@pytest.mark.parametrize(
    "new",
    [
        '- id: "R\\uFF3F1"',  # written as an escape: not on the line as it reads
        "- id: >-\n      R＿1",  # on a line of its own, under the key's line
    ],
)
def test_a_full_width_character_not_on_the_ids_line_is_named_without_a_column(new: str) -> None:
    _, _, message, hint = _id_error(MINIMAL.replace("- id: R1", new))
    assert message == (
        "id 'R＿1' is not a valid id: the '＿' is a full-width character, and ids are written "
        "in half-width (ASCII) characters"
    )
    assert hint == "switch the input method to half-width and write `R_1`"


def test_an_id_wrong_also_in_half_width_gets_the_general_message() -> None:
    # 需求－01 in half-width is still no id: its fix would fail again.
    text = MINIMAL.replace("- id: R1", "- id: 需求－01")
    _, _, message, hint = _id_error(text)
    assert "full-width" not in message and "half-width" not in (hint or "")


PERMISSIONS = """\
permissions:
  roles:
    - id: R-1
      name: Buyer
    - id: R-2
      name: Seller
  actions:
    - id: A-1
      name: Pay
  grants:
    R-1: [A-1]
    {key}: [A-1]
"""


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("Ｒ-2", "the 'Ｒ' at column 5 is a full-width character"),
        ("9R", "start with a letter"),
    ],
)
def test_a_bad_key_of_a_mapping_of_ids_is_reported_at_the_key(key: str, words: str) -> None:
    text = MINIMAL + PERMISSIONS.format(key=key)
    line = text.split("\n").index(f"    {key}: [A-1]") + 1
    at_line, column, message, _ = _id_error(text)
    assert (at_line, column) == (line, 5)  # not at the mapping's first key, R-1
    assert words in message, message
