"""The loader: every reading hazard of the format is a diagnostic at its exact line."""

from __future__ import annotations

import pytest

from prdkit.limits import Limits
from prdkit.loader import MAX_PROBLEMS, load_bytes


def problems(raw: bytes, **kwargs: object) -> list[tuple[str, int, int]]:
    loaded = load_bytes(raw, **kwargs)  # type: ignore[arg-type]
    return [(f.rule, span.line, span.column) for f, span in loaded.problems]


def test_yaml_12_core_scalars() -> None:
    raw = b"a: no\nb: on\nc: yes\nd: 012\ne: 0x1F\nf: 0o17\ng: 1.5\nh: true\ni: ~\nj: 2026-01-02\nk: '1'\n"
    data = load_bytes(raw).data
    assert data == {
        "a": "no", "b": "on", "c": "yes", "d": 12, "e": 31, "f": 15, "g": 1.5,
        "h": True, "i": None, "j": "2026-01-02", "k": "1",
    }  # fmt: skip


def test_source_map_points_at_keys_and_values() -> None:
    loaded = load_bytes(b"meta:\n  id: x\nlist:\n  - a\n  -   b\n")
    assert loaded.source_map.value("/meta/id") is not None
    assert (
        loaded.source_map.value("/meta/id").line,
        loaded.source_map.value("/meta/id").column,
    ) == (2, 7)
    assert (loaded.source_map.key("/meta/id").line, loaded.source_map.key("/meta/id").column) == (
        2,
        3,
    )
    assert (loaded.source_map.value("/list/1").line, loaded.source_map.value("/list/1").column) == (
        5,
        7,
    )
    assert loaded.source_map.nearest("/meta/missing").line == 2


def test_keys_with_slash_and_tilde_are_escaped() -> None:
    loaded = load_bytes(b"m:\n  a/b: 1\n  c~d: 2\n")
    assert loaded.source_map.value("/m/a~1b").line == 2
    assert loaded.source_map.value("/m/c~0d").line == 3


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\nb:\n  c: 1\n  c: 2\n", [("duplicate-key", 4, 3)]),
        (b"a: 1\na: 2\n", [("duplicate-key", 2, 1)]),
        (b"a: !!binary aGk=\n", [("explicit-tag", 1, 4)]),
        (b"a: 1\nb: !!python/object:os.system x\n", [("explicit-tag", 2, 4)]),
        (b"a: !!set {x}\n", [("explicit-tag", 1, 4)]),
        (b"a: !!omap [x: 1]\n", [("explicit-tag", 1, 4)]),
        (b"a: 1\nb: !mine x\n", [("explicit-tag", 2, 4)]),
        (b"a: &x 1\nb: *x\n", [("alias", 1, 4), ("alias", 2, 4)]),
        (b"a: {x: 1}\nb:\n  <<: {y: 2}\n", [("merge-key", 3, 3)]),
        (b"a:\n\tb: 1\n", [("yaml-tab", 2, 1)]),
        (b"a: 1\n---\nb: 2\n", [("multiple-documents", 2, 1)]),
        (b"", [("empty-document", 1, 1)]),
        (b"# only a comment\n", [("empty-document", 1, 1)]),
        (b"- 1\n- 2\n", [("not-a-mapping", 1, 1)]),
        (b"just text\n", [("not-a-mapping", 1, 1)]),
        (b"a: 1\nb: .nan\n", [("bad-number", 2, 4)]),
        (b"a: 1\nb: -.inf\n", [("bad-number", 2, 4)]),
        (b"a: 1e999\n", [("bad-number", 1, 4)]),
        (b"a:\n  b: " + b"7" * 5000 + b"\n", [("bad-number", 2, 6)]),
        (b'a: 1\nb: "x\\0y"\n', [("control-character", 2, 4)]),
        (b'a: "\\e"\n', [("control-character", 1, 4)]),
        (b"a: 1\nb: x\x07y\n", [("control-character", 2, 5)]),
        (b"a: \xef\xbf\xbe\n", [("control-character", 1, 4)]),
        (b"a: 1\nb: \xff\n", [("encoding", 2, 4)]),
        (b"a: 1\nb: \xed\xa0\x80\n", [("encoding", 2, 4)]),
        ("a: 1\n".encode("utf-16"), [("encoding", 1, 1)]),
        ("a: 1\n".encode("utf-32"), [("encoding", 1, 1)]),
        ("a: 1\n".encode("utf-16-le"), [("encoding", 1, 1)]),
        (b"? [1, 2]\n: x\n", [("key-not-string", 1, 3)]),
        (b"a: 1\n1: x\n", [("key-not-string", 2, 1)]),
        (b"a: 1\nnull: x\n", [("key-not-string", 2, 1)]),
        (b"a: 1\nb: [1, 2\n", [("yaml-unclosed", 2, 4)]),
    ],
)
def test_hazards_are_reported_at_their_line(
    raw: bytes, expected: list[tuple[str, int, int]]
) -> None:
    assert problems(raw) == expected


def test_utf8_bom_and_crlf_are_accepted() -> None:
    plain = load_bytes(b"a: 1\nb:\n  - x\n")
    bom_crlf = load_bytes(b"\xef\xbb\xbfa: 1\r\nb:\r\n  - x\r\n")
    assert bom_crlf.ok and bom_crlf.data == plain.data
    assert bom_crlf.source_map.value("/b/0") == plain.source_map.value("/b/0")


def test_depth_limit_stops_block_nesting() -> None:
    raw = b"a:\n" + b"- " * 200 + b"x\n"
    assert problems(raw) == [("too-deep", 2, 1 + 2 * 63)]


def test_depth_limit_stops_flow_nesting() -> None:
    rules = [rule for rule, _, _ in problems(b"a: " + b"[" * 10_000 + b"]" * 10_000)]
    assert rules == ["too-deep"]


def test_size_limit_is_checked_before_parsing() -> None:
    assert problems(b"a: 1\n" * 10, limits=Limits(max_bytes=20)) == [("file-too-large", 1, 1)]


def test_long_string_limit() -> None:
    assert problems(b"a: 1\nb: " + b"x" * 50, limits=Limits(max_string=10)) == [
        ("string-too-long", 2, 4)
    ]


def test_node_limit() -> None:
    raw = b"a: [" + b"1, " * 100 + b"1]\n"
    assert problems(raw, limits=Limits(max_nodes=50))[0][0] == "too-many-nodes"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"a": 1,\n "b": [1, 2,]}', [("json-syntax", 2, 13)]),
        (b'{"a": 1,\n "a": 2}', [("duplicate-key", 2, 2)]),
        (b'{"a": NaN}', [("json-syntax", 1, 7)]),
        # A JSON file's slip is said in JSON's words (it was YAML syntax).
        (b'{"a": 1} // c', [("json-syntax", 1, 10)]),
    ],
)
def test_strict_json(raw: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert problems(raw, json_mode=True) == expected


def test_json_values_match_yaml_reading() -> None:
    loaded = load_bytes(
        b'{"prdkit": 1, "l": [1, 2.5, true, null, "s"], "d": "2026-01-01"}', json_mode=True
    )
    assert loaded.ok
    assert loaded.data == {"prdkit": 1, "l": [1, 2.5, True, None, "s"], "d": "2026-01-01"}


def test_many_problems_are_capped() -> None:
    # Far more than the text format lists: every one is kept up to the loader's bound.
    raw = b"".join(b"k%d: !!str x\n" % i for i in range(MAX_PROBLEMS + 200))
    assert len(problems(raw)) == MAX_PROBLEMS


@pytest.mark.parametrize(
    "text",
    [
        "a: plain text\nb: 'single ''quoted'''\n",
        'a: "esc\\x41pes \\u00e9 \\U0001F600 and \\\n  a folded line"\n',
        "a: |\n  kept\n  lines\n\n\nb: >-\n  folded\n  lines\n",
        "a: [1, 2.5, true, null, ~, 0x1F, 'x']\nb:\n  - plain\n    folded\n",
        "? complex\n: value\n",
    ],
)
def test_longest_bounds_every_text_value(text: str) -> None:
    # The check skips its walk over Markdown fields when `longest` is within the limit.
    from prdkit.mdfields import strings

    loaded = load_bytes(text.encode("utf-8"))
    assert loaded.ok
    assert loaded.longest >= max(map(len, strings(loaded.data)), default=0)


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("true", True),
        ("False", False),
        ("NULL", None),
        ("~", None),
        ("", None),
        ("truth", "truth"),
        ("nul", "nul"),
        ("F-001", "F-001"),
        ("~x", "~x"),
        ("t", "t"),
        ("1e3", 1000.0),
        ("0x1F", 31),
        ("2025-11-06", "2025-11-06"),
    ],
)
def test_plain_words_and_constants(plain: str, value: object) -> None:
    # Only constants and what starts as a number does are resolved; other words stay text.
    data = load_bytes(f"a: {plain}\n".encode()).data
    assert data == {"a": value}
    assert type(data["a"]) is type(value)


# Every character the loader refuses, and a neighbourhood of Chinese text, full-width forms
# and characters sharing their bytes (EF, B7, BF), where the quick byte scan must not miss one.
_REFUSED = [
    *map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]),
    *map(chr, [*range(0xFDD0, 0xFDF0), 0xFFFE, 0xFFFF]),
    *(chr((plane << 16) | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)),
    *map(chr, [*range(0x80, 0x85), *range(0x86, 0xA0)]),
]
_AROUND = [
    "需求",
    "，",
    "Ｗ",
    "\uff77",
    "\u4ff7",
    "\ufdcf",
    "\ufdf0",
    "\ufffd",
    "\U0001fffd",
    "a",
    "",
]


@pytest.mark.parametrize("bad", _REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_the_quick_scan_never_misses_a_refused_character(bad: str) -> None:
    from prdkit.loader import _may_hold_bad_chars

    for before in _AROUND:
        for after in _AROUND:
            raw = f"title: {before}{bad}{after}\n".encode("utf-8", "surrogatepass")
            assert _may_hold_bad_chars(raw), (before, bad, after)


def test_the_quick_scan_passes_clean_chinese_text() -> None:
    from prdkit.loader import _may_hold_bad_chars

    text = "".join(f"- 需求{i}：用户可以在结算页使用优惠券（Ｗ{i}）。\n" for i in range(2000))
    assert not _may_hold_bad_chars(text.encode())
    # Neighbours of the refused ones need not pass (a hit only means the exact search runs),
    # but these do.
    assert not _may_hold_bad_chars("\ufffd\U0001fffd\u4ff7\uff77 ｗＷ\n".encode())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A Latin file from Windows: an en dash (0x96) where UTF-8 wants a lead byte.
        (
            b"meta:\n  title: Returns \x96 refunds\n",
            "byte 0x96 is not UTF-8: the file looks saved as Windows-1252, where it reads '\u2013'",
        ),
        # A Chinese file from Windows: 购物车 in GB18030, read from its first byte.
        (
            "meta:\n  title: 购物车\n".encode("gb18030"),
            "byte 0xb9 is not UTF-8: the file looks saved as GB18030 (GBK), where it reads '购'",
        ),
        # 拼 in GB18030 (C6 B4) happens to be valid UTF-8 ('ƴ'): the file is still Chinese
        # saved as GBK, not a UTF-8 file with a stray byte at 团.
        (
            "meta:\n  title: 拼团下单\n".encode("gb18030"),
            "byte 0xcd is not UTF-8: the file looks saved as GB18030 (GBK), where it reads '团'",
        ),
        # Chinese in UTF-8 before the byte: a stray byte, though the rest pairs as GBK would.
        (
            "meta:\n  title: 拼团".encode() + "下单\n".encode("gb18030"),
            "byte 0xcf is not UTF-8, though the text before it is: a character pasted from "
            "another encoding",
        ),
        # Accented Latin in UTF-8 before the byte (é is C3 A9, which pairs as GBK would):
        # a Western UTF-8 file with a character pasted from GBK, not a GBK file.
        (
            "meta:\n  title: Café ".encode() + "购".encode("gb18030") + b"\n",
            "byte 0xb9 is not UTF-8, though the text before it is: a character pasted from "
            "another encoding",
        ),
        # Neither reads it (0x81 is unassigned in Windows-1252): the plain words.
        (b"meta:\n  title: \x81 x\n", "invalid UTF-8 (byte 0x81); save the file as UTF-8"),
        # A German name in Windows-1252: 'ü' before a letter pairs as GBK would, but 'r'
        # is no GB2312 byte: not taken for Chinese.
        (
            b"meta:\n  title: J\xfcrgen M\xfcller\n",
            "byte 0xfc is not UTF-8: the file looks saved as Windows-1252, where it reads '\xfc'",
        ),
        # UTF-8 text before the byte: one stray byte, not a file to reopen in Windows-1252.
        (
            "meta:\n  title: Renée \x96 café\n".encode().replace(b"\xc2\x96", b"\x96"),
            "byte 0x96 is not UTF-8, though the text before it is: a character pasted from "
            "another encoding",
        ),
        # A lone surrogate as UTF-8 bytes (an editor's buffer may hold one).
        (
            b"meta:\n  title: x\xed\xa0\x80\n",
            "a lone surrogate (U+D800 to U+DFFF), which no text may hold: delete it",
        ),
    ],
)
def test_a_file_not_saved_as_utf8_names_the_encoding_it_was_saved_in(
    raw: bytes, expected: str
) -> None:
    ((finding, span),) = load_bytes(raw).problems
    assert (finding.rule, span.line) == ("encoding", 2)
    assert finding.message.render("en") == expected


@pytest.mark.parametrize("json_mode", [False, True])
def test_an_escaped_lone_surrogate_is_named_at_its_escape(json_mode: bool) -> None:
    # '"\ud800"' was YAML syntax "invalid Unicode character escape code", in a JSON file too.
    raw = (
        b'{"prdkit": 1, "meta": {"title": "a\\ud800b"}}'
        if json_mode
        else b'prdkit: 1\nmeta:\n  title: "a\\ud800b"\n'
    )
    ((finding, span),) = load_bytes(raw, json_mode=json_mode).problems
    assert finding.rule == "control-character"
    assert finding.message.render("en").startswith("a lone surrogate (U+D800 to U+DFFF)")
    line = raw.decode().split("\n")[span.line - 1]
    assert line[span.column - 1 :].startswith("\\ud800")


def test_a_json_file_with_a_comment_is_told_so_once() -> None:
    # Strict JSON refused the comment, then YAML stumbled on what followed: two errors.
    raw = b'// draft\n{\n  "prdkit": 1\n}\n'
    problems = load_bytes(raw, json_mode=True).problems
    assert [f.rule for f, _ in problems] == ["json-syntax"]
