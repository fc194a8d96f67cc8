"""The print page offers a break every few letters inside very long words (longwords)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.check import check_bytes
from prdkit.writers import RenderOptions, html
from prdkit.writers.html import render_page
from prdkit.writers.html.longwords import BOXED, EVERY, LONG, break_long_words
from tests.conftest import MINIMAL


def pieces(html: str) -> list[str]:
    return html.split("<wbr>")


def test_a_long_latin_word_gets_a_break_every_few_letters():
    word = "ab" * 150
    broken = break_long_words(f"<td>{word}</td>")
    assert broken.replace("<wbr>", "") == f"<td>{word}</td>"
    inner = broken[len("<td>") : -len("</td>")]
    lengths = [len(p) for p in pieces(inner)]
    assert lengths == [EVERY] * 18 + [300 - 18 * EVERY]
    assert lengths[-1] >= EVERY // 2  # never a letter or two alone on the last line


def test_words_up_to_the_limit_and_every_other_text_are_left_alone():
    page = (
        f"<p>{'a' * LONG} {'b' * LONG}</p>"  # long, but not past the limit
        + f"<p>https://example.com/{'x' * 70} sha256:{'0' * 64}</p>"  # fit on a line
        + "<p>" + "中，" * 99 + "</p>"  # no two ideographs side by side
        + "<p>" + "e\u0301" * LONG + "</p>"  # accents do not count: 96 letters
        + "<p>" + "👨\u200d👩\u200d👧" * 32 + "</p>"  # 96 characters, 32 emoji
        + "<p>" + "a\u200b" * 300 + "</p>"  # a zero-width space is a break already
    )  # fmt: skip
    assert break_long_words(page) == page


# Each piece must start with a letter that may start a line, and end with one that may end it.
NEVER_FIRST = re.compile(
    "^[\u0300-\u036f\u094d\u0e31\u0e48\u200c\u200d\ufe0f\U0001f3fb-\U0001f3ff]"
)
NEVER_LAST = re.compile("[\u094d\u0e40-\u0e44\u200c\u200d\u1100-\u115f]$")


@pytest.mark.parametrize(
    "cluster",
    [
        "e\u0301",  # an accent typed apart from its letter (NFD)
        "नमस्ते",  # Devanagari: a virama makes "स्त" one conjunct
        "เกมสนุก",  # Thai: a vowel written before its consonant, tone marks above it
        "\u1100\u1161\u11a8",  # Hangul typed as its three parts
        "👨\u200d👩\u200d👧",  # a family of three emoji joined into one
        "👍🏽",  # a skin tone
        "❤\ufe0f",  # an emoji presentation
        "─",  # a rule of box-drawing lines
        "ab\u00a0",  # words joined by no-break spaces
        "3×",  # a product
    ],
)
def test_every_script_gets_breaks_and_never_splits_a_letter(cluster: str):
    word = cluster * (600 // len(cluster))
    broken = break_long_words(f"<td>{word}</td>")[len("<td>") : -len("</td>")]
    assert "\u200b" not in broken  # written left to right, nothing joins across a break
    parts = pieces(broken)
    assert "".join(parts) == word
    assert len(parts) >= 600 // len(cluster) // 2 // EVERY
    for before, after in itertools.pairwise(parts):
        assert not NEVER_LAST.search(before) and not NEVER_FIRST.search(after), (before, after)


def test_scripts_broken_by_dictionary_get_breaks_only_past_a_thousand_letters():
    # Thai writes no space between words; a break of ours could fall inside one. A
    # sentence of 130 letters wrapped inside หน้า.
    sentence = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ" * 3
    assert break_long_words(f"<p>{sentence}</p>") == f"<p>{sentence}</p>"
    for word in ("ทำงาน" * 400, "ຄຳນາມ" * 400, "ကင်" * 600):  # 1,200 units each
        parts = pieces(break_long_words(f"<p>{word}</p>")[3:-4])
        assert "".join(parts) == word and len(parts) > 20
        for after in parts[1:]:
            # a vowel that follows its consonant, or a Myanmar final, never starts a piece
            assert after[0] not in "\u0e30\u0e32\u0e33\u0eb0\u0eb2\u0eb3" and after[1] != "\u103a"


def test_breaks_keep_signs_with_the_letters_they_go_with():
    # Chinese punctuation written as an entity is punctuation still.
    escaped = "abcdef&#65289;" * 20
    broken = break_long_words(f"<p>{escaped}</p>")
    assert "<wbr>" in broken and "<wbr>&#65289;" not in broken
    assert "&#12300;<wbr>" not in break_long_words("<p>" + "abcdef&#12300;" * 20 + "</p>")
    # an Arabic number sign spans the digits after it; Malayalam's dot reph joins what follows
    for word in ("\u0600\u0661\u0662" * 40, "\u0d4e\u0d15\u0d15" * 40):
        broken = break_long_words(f"<p>{word}</p>")
        assert "\u200b" in broken or "<wbr>" in broken
        assert not re.search("[\u0600\u0d4e](<wbr>|\u200b)", broken)
    # old Hangul typed as its parts
    broken = break_long_words("<p>" + "\ua960\ud7b0\ud7cb" * 120 + "</p>")
    assert "<wbr>" in broken and not re.search("<wbr>[\ud7b0-\ud7ff]|\ua960<wbr>", broken)


def test_flags_break_between_two_flags_never_inside_one():
    flags = "🇨🇳🇬🇧" * 100  # each flag is two regional indicators
    parts = pieces(break_long_words(f"<p>{flags}</p>")[3:-4])
    assert "".join(parts) == flags and len(parts) > 10
    assert all(len(p) % 2 == 0 and flags.startswith(p[:2]) for p in parts)


def test_right_to_left_letters_break_with_a_zero_width_space_that_keeps_their_joins():
    # WeasyPrint lays out the text on each side of <wbr> apart: Arabic letters lost their
    # joins there, Hebrew pieces were put in the wrong order. A zero-width space keeps both
    # (pixel for pixel); an element's break every 256 letters keeps the time linear, and
    # nothing is added there: joiners gave a letter that joins nothing the shape of one
    # that does.
    for word in ("שלום" * 75, "سلام" * 75, "ܫܠܡ" * 100):
        broken = break_long_words(f"<p>{word}</p>")[3:-4]
        assert "<wbr>" not in broken
        assert broken.count("\u200b") >= 300 // 20
        assert broken.replace("\u200b", "") == word
    long = "سلام" * 2000
    broken = break_long_words(f"<p>{long}</p>")[3:-4]
    assert broken.count("<wbr>") >= 8000 // (EVERY * BOXED) - 1
    assert "\u200d" not in broken
    assert broken.replace("<wbr>", "").replace("\u200b", "") == long
    # between a right-to-left letter and a left-to-right one, as between two of the first
    mixed = break_long_words("<p>" + "אב12" * 75 + "</p>")
    assert "<wbr>" not in mixed and "\u200b" in mixed


def test_a_break_never_splits_an_entity_and_signs_alone_are_broken_too():
    text = "&amp;".join("abcdefghijklmnopqrstuvwxyz" for _ in range(10))
    broken = break_long_words(f"<p>{text}</p>")
    assert "<wbr>" in broken
    assert broken.replace("<wbr>", "") == f"<p>{text}</p>"
    assert not re.search(r"&[^;<]*<wbr>", broken)
    rule = "=" * 300  # a line of signs, as long and as slow to lay out
    assert break_long_words(f"<p>{rule}</p>").count("<wbr>") == 18
    # every character beside an entity (quotes of inline JSON, a row of them alone)
    for text in ("[" + ",".join('"a"' for _ in range(200)) + "]", '"' * 400):
        escaped = text.replace('"', "&quot;")
        broken = break_long_words(f"<p>{escaped}</p>")
        assert broken.count("<wbr>") >= len(text) // 20
        assert broken.replace("<wbr>", "") == f"<p>{escaped}</p>"
        assert not re.search(r"&[^;<]*<wbr>", broken)


def test_chinese_gets_breaks_only_between_two_ideographs():
    # A line may break between two ideographs already: the <wbr> changes no line, but
    # WeasyPrint measures the text in pieces (a cell of 1,000 characters took 0.85 s).
    text = "秒杀场次开抢前十分钟推送提醒，用户点击后进入频道页（REQ-001）。" * 10
    broken = break_long_words(f"<td>{text}</td>")
    assert broken.replace("<wbr>", "") == f"<td>{text}</td>"
    pieces = broken[len("<td>") : -len("</td>")].split("<wbr>")
    assert len(pieces) >= len(text) // 20
    for before, after in itertools.pairwise(pieces):
        assert "\u4e00" <= before[-1] <= "\u9fff" and "\u4e00" <= after[0] <= "\u9fff"
    assert break_long_words("<p>" + "中" * LONG + "</p>") == "<p>" + "中" * LONG + "</p>"


def test_no_break_inside_tags_pictures_styles_or_the_title():
    word = "x" * 500
    page = (
        f"<html><head><title>{word}</title><style>.a{{b:{word}}}</style></head><body>"
        f'<a href="https://e.com/{word}" title="{word}">ok</a>'
        f'<svg viewBox="0 0 1 1"><svg><text>{word}</text></svg><text>{word}</text></svg>'
        "</body></html>"
    )
    assert break_long_words(page) == page


def test_only_the_print_page_is_given_breaks(monkeypatch: pytest.MonkeyPatch):
    word = "q" * 500
    text = MINIMAL.replace("title: Checkout works", f"title: {word}")
    doc = check_bytes(text.encode(), "w.prd.yaml").document
    assert doc is not None
    options = RenderOptions(lang="en")
    screen = render_page(doc, options).decode()
    printed = render_page(doc, options, media="print").decode()
    assert "<wbr>" not in screen
    assert "<wbr>" in printed
    assert not any(word in t for t in re.findall(">([^<]*)<", printed))  # in ids, not text
    monkeypatch.setattr(html, "break_long_words", lambda page: page)
    assert printed.replace("<wbr>", "") == render_page(doc, options, media="print").decode()


def test_entities_in_a_stretch_too_short_to_break_cost_no_backtracking():
    # Inline JSON in Chinese prose: each `"` is `&quot;`. `&` read both as an entity's
    # start and as a sign made a failed match try every way of splitting the entities.
    import time

    text = (
        '埋点：{"k0":"v0","k1":"v1","k2":"v2","k3":"v3","k4":"v4","k5":"v5","k6":"v6"}' + "中" * 300
    )
    page = "<p>" + text.replace('"', "&quot;") + "</p>"
    started = time.process_time()
    broken = break_long_words(page)
    assert time.process_time() - started < 1
    assert broken.replace("<wbr>", "") == page
    assert "<wbr>" not in broken[: broken.index("}")]  # the ideographs after it have theirs


def test_entities_count_as_one_unit_toward_the_limit():
    url = "https://e.com/list?" + "&amp;".join(
        f"k{i}=v{i}" for i in range(12)
    )  # 94 units, 138 characters
    assert break_long_words(f"<p>{url}</p>") == f"<p>{url}</p>"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [
                *"ab=-_/.é中文，。😀\u0301 \u00a0שس\u094d\u200d",
                *("&amp;", "&quot;", "&#39;", "<b>", "</b>", "<wbr>", "a" * 40, "中" * 40),
                *("ש" * 40, "س" * 200, "🇨🇳", "क\u094dष"),
                '<a href="https://e.com/' + "x" * 120 + '">',
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_breaks_add_nothing_but_breaks_and_never_cut_an_entity_a_tag_or_a_letter(text: str):
    page = f"<p>{text}</p>"
    broken = break_long_words(page)

    def bare(made: str) -> str:
        return made.replace("<wbr>", "").replace("\u200b", "")

    assert bare(broken) == bare(page)
    assert broken.count("\u200d") == page.count("\u200d")
    assert broken.count("<wbr>") >= page.count("<wbr>")
    added = broken.count("<wbr>") - page.count("<wbr>") + broken.count("\u200b")
    if added:
        # each break sits between two text characters: never in an entity or in a tag
        assert not re.search("&[#0-9A-Za-z]*(<wbr>|\u200b|\u200d)", broken)
        tags = re.findall(r"<[^>]*>", broken)
        assert all(t == "<wbr>" or "<wbr" not in t for t in tags)
        # nor before an accent or a virama, nor after a virama or a joiner
        split = "(<wbr>|\u200b)[\u0301\u094d\u200d]|[\u094d\u200d](<wbr>|\u200b)"
        assert len(re.findall(split, broken)) == len(re.findall(split, page))


@pytest.mark.parametrize(
    "tail",
    [
        "🇨🇳🇨🇳",  # two flags of two halves each
        "👨\u200d👩\u200d👧",  # a family joined into one emoji
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # a flag of tags
        "\u1100\u1161\u11a8",  # Hangul typed as its parts
        "e\u0301\u0301",  # a letter and two accents
    ],
)
def test_the_running_head_is_cut_between_letters_never_inside_one(tail: str):
    from prdkit.writers.html import HEAD_LONGEST, running_head

    title = "a" * (HEAD_LONGEST - 1) + tail + "zzz"
    head = running_head(title)
    assert head.endswith("…") and title.startswith(head[:-1])
    assert head[:-1] == "a" * (HEAD_LONGEST - 1)  # the cluster that straddled the cut, dropped
    short = "a" * (HEAD_LONGEST - 1 - len(tail)) + tail
    assert running_head(short) == short
