"""Markdown fields as Jira wiki markup, the text format Jira's CSV importer reads.

One small function per node type of the Markdown tree; a node type not listed keeps its
text, so nothing an author wrote is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.tree import SyntaxTreeNode

from prdkit.richtext import parse, safe_link

# Characters that start markup in Jira text: escaped so an author's `*` or `{` stays literal.
_SPECIAL = re.compile(r"([*_{}\[\]|^~!+\\])")
_LINE_START = re.compile(r"^([#\-]|h[1-6]\.|bq\.)", re.M)


def escape(text: str) -> str:
    """`text` as literal Jira text."""
    return _LINE_START.sub(r"\\\1", _SPECIAL.sub(r"\\\1", text))


def _inline(node: SyntaxTreeNode) -> str:
    return "".join(_INLINE.get(c.type, _text_of)(c) for c in node.children)


def _text_of(node: SyntaxTreeNode) -> str:
    return escape(node.content) if not node.children else _inline(node)


def _link(node: SyntaxTreeNode) -> str:
    href = safe_link(str(node.attrs.get("href", "")))
    label = _inline(node)
    return f"[{label}|{href}]" if href else label


def _image(node: SyntaxTreeNode) -> str:
    # Pictures live beside the PRD, not in Jira: their description and where they are.
    alt = escape("".join(c.content for c in node.children)) or "image"
    return f"({alt}: {{{{{node.attrs.get('src', '')}}}}})"


_INLINE: dict[str, Callable[[SyntaxTreeNode], str]] = {
    "text": lambda n: escape(n.content),
    "strong": lambda n: f"*{_inline(n)}*",
    "em": lambda n: f"_{_inline(n)}_",
    "s": lambda n: f"-{_inline(n)}-",
    # `{code}` in inline code would open a code macro that swallows what follows.
    "code_inline": lambda n: "{{" + _MACRO.sub("{\u2060", n.content.replace("}}", "} }")) + "}}",
    "softbreak": lambda n: "\n",
    "hardbreak": lambda n: "\\\\\n",
    "link": _link,
    "image": _image,
}


def _list(node: SyntaxTreeNode, marks: str) -> list[str]:
    mark = marks + ("#" if node.type == "ordered_list" else "*")
    lines = []
    for item in node.children:
        first = True
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                lines += _list(child, mark)
                continue
            for line in _block(child, mark):
                lines.append(f"{mark} {line}" if first else line)
                first = False
        if first:  # an empty item
            lines.append(f"{mark} ")
    return lines


def _table(node: SyntaxTreeNode) -> list[str]:
    lines = []
    for section in node.children:
        for row in section.children:
            cells = [_one_line(_inline(c.children[0])) if c.children else "" for c in row.children]
            bar = "||" if section.type == "thead" else "|"
            lines.append(bar + bar.join(c or " " for c in cells) + bar)
    return lines


def _one_line(text: str) -> str:
    """`text` for a place that ends at the line's end (a table row, a heading): a hard
    break (`<br>`) as Jira's `\\` alone, other line ends as spaces."""
    return text.replace("\\\\\n", "\\\\ ").replace("\n", " ")


def _code(node: SyntaxTreeNode) -> list[str]:
    language = (node.info or "").split()[0] if node.type == "fence" and node.info else ""
    opener = f"{{code:{language}}}" if re.fullmatch(r"[A-Za-z0-9_+-]+", language) else "{noformat}"
    closer = "{code}" if opener.startswith("{code") else "{noformat}"
    # Nothing escapes inside a code block, and its first `{code}` or `{noformat}` ends it:
    # what followed would be live markup (a heading, a link). An invisible word joiner
    # after the brace keeps such a word from being read as the macro.
    body = _MACRO.sub("{\u2060", node.content.rstrip("\n"))
    return [opener, *body.split("\n"), closer]


_MACRO = re.compile(r"\{(?=(?:code|noformat)\b)", re.IGNORECASE)


def _block(node: SyntaxTreeNode, marks: str = "") -> list[str]:
    kind = node.type
    if kind == "paragraph":
        return _inline(node.children[0]).split("\n") if node.children else []
    if kind == "heading":
        return [f"h{int(node.tag[1])}. {_one_line(_inline(node.children[0]))}"]
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, marks)
    if kind in ("fence", "code_block"):
        return _code(node)
    if kind == "blockquote":
        return ["{quote}", *blocks(node.children), "{quote}"]
    if kind == "hr":
        return ["----"]
    if kind == "table":
        return _table(node)
    return escape(node.content).split("\n") if node.content else []


def blocks(nodes: list[SyntaxTreeNode]) -> list[str]:
    """Block nodes as lines, a blank line between blocks."""
    lines: list[str] = []
    for node in nodes:
        if lines:
            lines.append("")
        lines += _block(node)
    return lines


# Text with none of these is plain paragraphs to both Markdown and Jira: no parse needed.
# (Markup and escape characters, entities, list numbers, indents, hard breaks, blank lines
# holding spaces.)
_MAY_BE_MARKUP = re.compile(r"[\\`*_\[\]!<>#|~{}+^&=\-]|^[ \t]|[ \t]$|^\d+[.)]|\r", re.M)
_BLANK_LINES = re.compile(r"\n{2,}")


def to_jira(markdown: str) -> str:
    """A Markdown field as Jira wiki markup."""
    if not _MAY_BE_MARKUP.search(markdown):
        return _BLANK_LINES.sub("\n\n", markdown.strip("\n"))
    return _parsed(markdown)


def _parsed(markdown: str) -> str:
    """`to_jira` without the shortcut for plain paragraphs (tests compare the two)."""
    return "\n".join(blocks(parse(markdown).children)).strip("\n")
