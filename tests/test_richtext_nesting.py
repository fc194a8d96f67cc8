"""Proposed additions to tests/test_richtext.py: nesting past the parser's limit."""

from __future__ import annotations

import pytest

from prdkit.richtext import MD, parse


def _text(tree) -> str:
    return "".join(n.content for n in tree.walk() if n.type in ("text", "code_block"))


@pytest.mark.parametrize(
    "text",
    [
        "> " * 1000 + "word",
        "- " * 1000 + "word",
        "1. " * 1000 + "word",
        "".join("  " * i + f"- {i}\n" for i in range(10)) + "  " * 10 + "- word\n",
        "> " * (MD.options.maxNesting) + "word",
    ],
)
def test_text_nested_past_the_limit_is_kept_whole_as_a_code_block(text: str) -> None:
    tree = parse(text)
    assert [c.type for c in tree.children] == ["code_block"]
    assert tree.children[0].content == text.rstrip("\n") + "\n"


@pytest.mark.parametrize(
    "text",
    ["> " * (MD.options.maxNesting - 1) + "word", "".join("  " * i + "- word\n" for i in range(9))],
)
def test_nesting_up_to_the_limit_is_parsed(text: str) -> None:
    tree = parse(text)
    assert tree.children[0].type in ("blockquote", "bullet_list")
    assert "word" in _text(tree)


def test_the_kept_text_has_the_parsers_line_endings_and_no_nul() -> None:
    content = parse("a\r\nb\rc\x00\n" + "> " * 30 + "d").children[0].content
    assert content == "a\nb\nc\ufffd\n" + "> " * 30 + "d\n"
