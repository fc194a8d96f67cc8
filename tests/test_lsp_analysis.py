"""The language server's answers, without the protocol: places, hover, completion, outline."""

from __future__ import annotations

import time
from pathlib import Path

from prdkit.lsp.analysis import Range, analyse, completion, definition, hover, problems, symbols
from prdkit.lsp.tokens import ID_CHARS, LineTokens, Tokens
from prdkit.schemapath import item_kind, refers_to
from tests.conftest import EXAMPLES, MINIMAL
from tests.pictures import png

# The minimal document's head (prdkit, meta), then sections that reference each other.
HEAD = MINIMAL[: MINIMAL.index("requirements:")]
SOURCE = (
    HEAD
    + """\
stakeholders:
  - id: S1
    name: 运营
requirements:
  - id: R1
    title: Checkout works
    priority: could
    requested_by: [S1]
  - id: R2
    title: "支付成功"
    priority: could
    depends_on: [R1, R9]
features:
  - id: F1
    name: One-tap pay
    requirements:
      - R2
flows:
  - id: FL1
    name: Pay
    steps:
      - id: open
        action: Open the cart
        next: pay
      - id: pay
        action: Pay
permissions:
  roles:
    - id: admin
      name: Admin
  actions:
    - id: refund
      name: Refund
  grants:
    admin: [refund]
"""
)


def snapshot(text: str = SOURCE):
    return analyse(text, Path("demo.prd.yaml"))


def test_pictures_are_looked_for_beside_the_file_as_validate_does(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "home.png").write_bytes(png())
    text = MINIMAL + (
        "pages:\n  - id: P1\n    name: Home\n    prototypes:\n"
        "      - image: images/home.png\n      - image: images/gone.png\n"
    )
    found = [(p.rule, p.range.start_line) for p in problems(analyse(text, tmp_path / "a.prd.yaml"))]
    assert ("image-missing", text.count("\n") - 1) in found
    assert [rule for rule, _ in found].count("image-missing") == 1


def test_a_path_too_long_to_look_up_is_still_checked() -> None:
    # A URI of 10,000 bytes: looking its folder up raised "File name too long", and the
    # editor got an internal error in its log and no diagnostics.
    path = Path("/" + "a/" * 5000 + "x.prd.yaml")
    again = "  - id: R1\n    title: Again\n    priority: could\n"
    rules = [p.rule for p in problems(analyse(MINIMAL + again, path))]
    assert "duplicate-id" in rules


def test_references_take_their_kinds_from_the_schema() -> None:
    assert refers_to("/features/0/requirements/3") == ("requirement",)
    assert refers_to("/schedule/milestones/0/deliverables/0") == ("feature", "requirement")
    assert refers_to("/permissions/grants/admin", key=True) == ("role",)
    assert refers_to("/permissions/grants/admin/0") == ("action",)
    assert refers_to("/requirements/0/title") == ()
    assert item_kind("/market_research/findings/2") == "finding"


def test_a_dangling_reference_is_a_problem_over_the_id_alone() -> None:
    found = [p for p in problems(snapshot()) if p.rule == "unresolved-reference"]
    assert [p.range for p in found] == [Range(18, 21, 18, 23)]


def test_hover_names_the_item_behind_a_reference_a_key_and_a_definition() -> None:
    snap = snapshot()
    text, where = hover(snap, 23, 9)  # "      - R2"
    assert text == "**支付成功**\n\nrequirement `R2` — line 16"
    assert where == Range(23, 8, 23, 10)
    assert hover(snap, 41, 5)[0].startswith("**Admin**\n\nrole `admin`")  # a grants key
    assert hover(snap, 11, 9)[0].startswith("**Checkout works**")  # the id itself
    assert hover(snap, 18, 22)[0] == "no requirement has the id `R9`"
    assert hover(snap, 12, 12) is None  # a title is not an id


def test_definition_jumps_to_the_id_and_step_ids_stay_in_their_flow() -> None:
    snap = snapshot()
    assert definition(snap, 14, 20) == Range(8, 8, 8, 10)  # S1
    assert definition(snap, 30, 15) == Range(31, 12, 31, 15)  # next: pay
    assert definition(snap, 18, 22) is None


def test_completion_offers_ids_of_the_right_kind_while_typing() -> None:
    snap = snapshot()
    typing = SOURCE.replace("      - R2\n", "      - R2\n      - \n")
    assert [i.id for i in completion(snap, typing, 24, 8)] == ["R1", "R2"]
    typing = SOURCE.replace("requested_by: [S1]", "requested_by: [S1, ]")
    assert [i.id for i in completion(snap, typing, 14, 23)] == ["S1"]
    typing = SOURCE.replace("admin: [refund]", "admin: [re")
    assert [i.id for i in completion(snap, typing, 41, 14)] == ["refund"]
    assert [i.id for i in completion(snap, SOURCE, 30, 14)] == ["open", "pay"]
    assert completion(snap, SOURCE, 12, 12) is None


def test_ids_survive_an_edit_that_breaks_the_yaml() -> None:
    broken = analyse(SOURCE + "  - [\n", Path("demo.prd.yaml"), snapshot())
    assert broken.result.data is None
    assert "R1" in broken.items


def test_the_outline_lists_sections_groups_and_items() -> None:
    outline = {s.name: s for s in symbols(snapshot())}
    assert list(outline)[:4] == ["prdkit", "meta", "stakeholders", "requirements"]
    reqs = outline["requirements"]
    assert reqs.range == Range(10, 0, 18, 24)
    assert [(c.name, c.detail, c.range.start_line, c.range.end_line) for c in reqs.children] == [
        ("R1", "Checkout works", 11, 14),
        ("R2", "支付成功", 15, 18),
    ]
    groups = outline["permissions"].children
    assert [(g.name, [i.name for i in g.children]) for g in groups] == [
        ("roles", ["admin"]),
        ("actions", ["refund"]),
    ]


def test_no_answer_crashes_while_a_document_is_typed_line_by_line() -> None:
    # Every prefix of the document is a moment of typing: half a key, an open list, no value.
    text = (EXAMPLES / "loyalty-checkout.prd.yaml").read_text(encoding="utf-8")
    previous = None
    step = max(1, len(text) // 24)
    for end in range(0, len(text), step):
        typed = text[:end]
        snap = analyse(typed, Path("typing.prd.yaml"), previous)
        previous = snap
        problems(snap)
        symbols(snap)
        lines = typed.split("\n")
        line = len(lines) - 1
        for column in range(0, len(lines[-1]) + 1, 4):
            hover(snap, line, column)
            definition(snap, line, column)
        completion(snap, typed, line, len(lines[-1]))


def test_completion_reads_the_document_with_the_team_s_limits(tmp_path: Path) -> None:
    # A document that validates only with a raised limit must still complete while typed.
    (tmp_path / ".prdkit.toml").write_text("max-string = 300000\n", encoding="utf-8")
    long = SOURCE.replace('title: "支付成功"', f'title: "{"长" * 250_000}"')
    typing = long.replace("      - R2\n", "      - R2\n      - \n")
    snap = analyse(long, tmp_path / "demo.prd.yaml")
    assert [i.id for i in completion(snap, typing, 24, 8)] == ["R1", "R2"]


def scanned_end(line: str, start: int) -> int:
    """Where a token ends, scanning the line from `start` (and before it) every time."""
    if start >= len(line):
        return start
    if line[start] in "\"'":
        end = line.find(line[start], start + 1)
        return len(line) if end < 0 else end + 1
    if line[start] in ID_CHARS:
        end = start
        while end < len(line) and line[end] in ID_CHARS:
            end += 1
        if end == len(line) or line[end] in " ,]}#\t":
            return end
    in_flow = any(c in "[{" for c in line[:start])
    end = start
    while end < len(line):
        if (in_flow and line[end] in ",]}") or (line[end] == "#" and line[end - 1] in " \t"):
            break
        end += 1
    return max(start + 1, len(line[:end].rstrip()))


TRICKY_LINES = [
    "",
    "  goals: [TODO, 长 TODO, 😀TODO, TODO\t, 'TODO', \"😀 TODO\", {k: TODO}]  # 😀 TODO",
    "    description: 长😀 x\t\x01 plain text #not a comment # a comment \u3000\xa0 ",
    "    - 'it''s \"quoted\"', \"unclosed",
    "#comment with a space at the end ",
    "\t[a,\tb ,c\t]\t# tabbed",
    "x" * 300 + " ![a](m\\_.png) ![b](😀.png), ![c](<sp ace.png>)} " * 20,
    "key: value   ",
]


def test_token_ends_are_those_of_a_scan_from_each_start() -> None:
    for line in TRICKY_LINES:
        kept = LineTokens(line)
        # Out of order, and each start twice: what one token finds must not mislead another.
        starts = [*reversed(range(len(line) + 2)), *range(len(line) + 2)]
        assert [kept.end(s) for s in starts] == [scanned_end(line, s) for s in starts], line
    tokens = Tokens(TRICKY_LINES)
    assert tokens.end(1, 9) == scanned_end(TRICKY_LINES[1], 9)
    assert tokens.end(len(TRICKY_LINES), 4) == 4  # past the last line: an empty one


def test_many_problems_on_one_long_line_are_placed_in_linear_time() -> None:
    # 1,000 control characters in a value of 1 MB, each a diagnostic on that line: each
    # token's end was found by scanning the line before and after it (36 s of CPU).
    value = ("x" * 1000 + "\x01") * 1000
    text = MINIMAL + f"    description: {value}\n"
    snap = snapshot(text)
    started = time.process_time()
    found = [p for p in problems(snap) if p.rule == "control-character"]
    elapsed = time.process_time() - started
    assert len(found) == 1000
    line = text.count("\n") - 1
    assert found[-1].range == Range(line, 17 + 1000 * 1001 - 1, line, 17 + 1000 * 1001)
    assert elapsed < 2, f"{elapsed:.1f}s of CPU"
