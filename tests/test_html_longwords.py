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
from prdkit.writers.html.longwords import EVERY, LONG, break_long_words
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
        + "<p>" + "مرحبا" * 60 + "</p>"  # Arabic letters join
        + "<p>" + "e\u0301" * 300 + "</p>"  # a combining accent stays with its letter
        + "<p>" + "😀" * 300 + "</p>"
    )  # fmt: skip
    assert break_long_words(page) == page


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
                *"ab=-_/.é中文，。😀\u0301 ",
                *("&amp;", "&quot;", "&#39;", "<b>", "</b>", "<wbr>", "a" * 40, "中" * 40),
                '<a href="https://e.com/' + "x" * 120 + '">',
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_breaks_add_nothing_but_wbr_and_never_cut_an_entity_or_a_tag(text: str):
    page = f"<p>{text}</p>"
    broken = break_long_words(page)
    assert broken.replace("<wbr>", "") == page.replace("<wbr>", "")
    added = broken.count("<wbr>") - page.count("<wbr>")
    assert added >= 0
    if added:
        # each break sits between two text characters: never in an entity or in a tag
        assert not re.search(r"&[#0-9A-Za-z]*<wbr>", broken)
        tags = re.findall(r"<[^>]*>", broken)
        assert all(t == "<wbr>" or "<wbr" not in t for t in tags)
