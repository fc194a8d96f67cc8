"""The Markdown parser: the supported syntax, raw HTML kept as text, and safe links."""

from __future__ import annotations

import pytest

from prdkit.richtext import parse, safe_link


def types(node) -> list[str]:
    """Node types in document order, walked without recursion."""
    out, todo = [], [node]
    while todo:
        current = todo.pop()
        out.append(current.type)
        todo.extend(reversed(current.children))
    return out


def test_lists():
    tree = parse("- one\n- two\n\n1. first\n2. second\n")
    assert [c.type for c in tree.children] == ["bullet_list", "ordered_list"]
    assert len(tree.children[0].children) == 2
    assert tree.children[1].children[1].children[0].children[0].content == "second"


def test_gfm_table():
    tree = parse("| a | b |\n| --- | ---: |\n| 1 | 2 |\n")
    table = tree.children[0]
    assert table.type == "table"
    assert types(table).count("td") == 2
    assert types(table).count("th") == 2


def test_link_and_emphasis():
    tree = parse('See [the *site*](https://example.com "t") now.')
    link = next(n for n in tree.walk() if n.type == "link")
    assert link.attrs["href"] == "https://example.com"
    assert "em" in types(link)


def test_code_block_and_inline_code():
    tree = parse("Use `x`.\n\n```python\nprint(1)\n```\n")
    fence = tree.children[1]
    assert fence.type == "fence" and fence.info == "python" and fence.content == "print(1)\n"
    assert "code_inline" in types(tree.children[0])


def test_strikethrough():
    assert "s" in types(parse("~~gone~~"))


def test_raw_html_stays_text():
    tree = parse("<script>alert(1)</script>\n\nHi <b>there</b>")
    kinds = types(tree)
    assert "html_block" not in kinds and "html_inline" not in kinds
    texts = "".join(n.content for n in tree.walk() if n.type == "text")
    assert "<script>alert(1)</script>" in texts and "<b>" in texts


def test_bare_urls_are_not_linked():
    assert "link" not in types(parse("Visit https://example.com today"))


def test_unsafe_markdown_link_is_not_a_link():
    assert "link" not in types(parse("[x](javascript:alert(1))"))


def test_parse_is_cached():
    assert parse("same *text*") is parse("same *text*")


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a?b=1", "http://x.org", "mailto:a@b.c", "HTTPS://EXAMPLE.COM"],
)
def test_safe_link_accepts(url):
    assert safe_link(url) == url


def test_safe_link_trims_and_drops_controls():
    assert safe_link("  https://example.com \n") == "https://example.com"
    assert safe_link("ht\ttps://example.com") == "https://example.com"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:x",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "#anchor",
        "",
        "java script:alert(1)",
    ],
)
def test_safe_link_refuses(url):
    assert safe_link(url) is None
