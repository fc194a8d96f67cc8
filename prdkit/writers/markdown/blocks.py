"""Markdown fields of the source re-rendered from their syntax tree, as blocks or table cells.

Re-rendering (rather than copying the author's text) is what keeps raw HTML literal, drops
unsafe links and keeps headings inside a field below the heading the field sits under.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from prdkit.images.pictures import NO_PICTURES, Pictures
from prdkit.richtext import Node, plain_paragraph, spared_tree
from prdkit.writers.markdown.anchors import Outline
from prdkit.writers.markdown.inline import BR, render_inline, render_text, visible_text
from prdkit.writers.markdown.tables import table
from prdkit.writers.markdown.text import code_span, escape, heading_end

__all__ = ["Fields"]

Lines = list[str]
_TIGHT = {"paragraph", "bullet_list", "ordered_list"}
# A list item cannot open with these on its marker line and still pass markdownlint (MD058,
# MD031, MD022), and `- ---` would even read as a rule: a no-break space leads such an item.
_NO_ITEM_START = {"table", "fence", "code_block", "heading", "hr"}
ITEM_LEAD = "&nbsp;"
_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


def _indent(lines: Lines, first: str, rest: str) -> Lines:
    out = [(first + lines[0]).rstrip() if lines else first.rstrip()]
    out.extend(rest + line if line else "" for line in lines[1:])
    return out


def _lead(kind: str, body: Lines) -> Lines:
    return [ITEM_LEAD, "", *body] if kind in _NO_ITEM_START and body else body


def _join(blocks: list[Lines], tight: bool = False) -> Lines:
    out: Lines = []
    for block in blocks:
        if not block:
            continue
        if out and not tight:
            out.append("")
        out.extend(block)
    return out


def _code_lines(content: str) -> Lines:
    # Tabs and trailing blanks are changed (MD010, MD009); code keeps its meaning otherwise.
    content = content.replace("\x00", "\ufffd")  # NUL marks the writer's own references
    return [line.expandtabs(4).rstrip() for line in content.rstrip("\n").split("\n")]


class _Blocks:
    """One field being rendered: where its headings start and the level of the last one."""

    def __init__(self, fields: Fields, level: int) -> None:
        self.fields = fields
        self.outline = fields.outline
        self.pictures = fields.pictures
        self.base = level
        self.previous = level
        self.nested = 0  # inside how many lists and quotes (where a bold line is no heading)

    def children(self, node: Node) -> Lines:
        return _join([self.block(child) for child in node.children])

    def block(self, node: Node) -> Lines:
        return _BLOCK_RULES.get(node.type, _unknown_block)(self, node)


# markdownlint refuses a paragraph that is nothing but one emphasised line, unless it ends
# in one of these (MD036).
_SENTENCE_END = ".,;:!?。，；：！？"


def _paragraph(state: _Blocks, node: Node) -> Lines:
    if not node.children:
        return []
    inline = node.children[0]
    kids = [c for c in inline.children if c.type != "text" or c.content]  # empty texts: none
    only = kids[0] if len(kids) == 1 else None
    if (
        only is not None
        and state.nested == 0
        and only.type in ("em", "strong")
        and all(c.type == "text" for c in only.children)
        and not visible_text(only).rstrip().endswith(tuple(_SENTENCE_END))
    ):
        # A line of bold text standing alone is the author's sub-heading: written as one.
        return _emit_heading(state, 1, only)
    return _lines(render_inline(inline, pictures=state.pictures))


def _lines(text: str) -> Lines:
    return text.split("\n") if text.strip() else []  # `[](javascript:…)` leaves nothing


def _heading(state: _Blocks, node: Node) -> Lines:
    if not node.children:
        return []
    return _emit_heading(state, int(node.tag[1]), node.children[0])


def _emit_heading(state: _Blocks, written: int, inline: Node) -> Lines:
    # `# x` in a field sits one level below the heading the field is under, and a field never
    # skips a level (MD001): its outline nests under the document's, never breaks it.
    text = (
        render_inline(inline, pictures=state.pictures)
        .replace("\\\n", " ")
        .replace("\n", " ")
        .strip()
    )
    if not text:
        return []
    level = min(state.base + written, state.previous + 1, 6)
    level = max(level, state.base + 1)
    state.previous = level
    state.outline.add(level, visible_text(inline), toc=False)
    return [f"{'#' * level} {heading_end(text)}"]


def _list(state: _Blocks, node: Node) -> Lines:
    ordered = node.type == "ordered_list"
    items = node.children
    tight = all(c.hidden for item in items for c in item.children if c.type == "paragraph")
    rendered = []
    start = _start(node)
    for number, item in enumerate(items, start=start):
        marker = f"{number}. " if ordered else "- "
        state.nested += 1
        blocks = [(c.type, b) for c in item.children if (b := state.block(c))]
        state.nested -= 1
        body: Lines = []
        for i, (kind, block) in enumerate(blocks):
            # In a tight list a paragraph and a nested list sit on adjacent lines; anything
            # else (code, tables, headings) needs blank lines around it (MD031, MD058, MD022).
            if body and not (tight and {blocks[i - 1][0], kind} <= _TIGHT):
                body.append("")
            body.extend(block)
        body = _lead(blocks[0][0], body) if blocks else body
        rendered.append(_indent(body, marker, " " * len(marker)))
    loose = not tight or any("" in lines for lines in rendered)
    # A list the author numbered on from an earlier one (steps 3 and 4 after a code block)
    # keeps its numbers, as the HTML page and Word do; markdownlint's MD029, which wants
    # every list to count from 0 or 1, is turned off for the document (see `Fields`).
    if start not in (0, 1):
        state.fields.renumbered = True
    return _join(rendered, tight=not loose)


# What turns MD029 off, in a comment GitHub does not show: a comment beside the list itself
# would stand in a list item when the list opens one (an acceptance criterion "3. …").
MD029_OFF = "<!-- markdownlint-disable MD029 -->"


def _start(node: Node) -> int:
    """The number the source's ordered list starts at (1 for a bullet list)."""
    start = node.attrs.get("start", 1) if node.type == "ordered_list" else 1
    return start if isinstance(start, int) else 1


def _blockquote(state: _Blocks, node: Node) -> Lines:
    state.nested += 1
    inner = state.children(node)
    state.nested -= 1
    return [f"> {line}" if line else ">" for line in inner]


def _fence(state: _Blocks, node: Node) -> Lines:
    info = node.info.split()[0] if node.type == "fence" and node.info.strip() else ""
    # Every fence names a language (MD040); a backtick cannot sit in a backtick fence's info.
    info = info.replace("`", "").replace("\x00", "") or "text"
    lines = _code_lines(node.content)
    longest = max((len(run) for run in re.findall(r"`+", node.content)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, *lines, fence]


def _hr(state: _Blocks, node: Node) -> Lines:
    return ["---"]


def _table(state: _Blocks, node: Node) -> Lines:
    rows = [tr for section in node.children for tr in section.children]
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    align = [
        (m[1] if (m := _ALIGN.search(str(cell.attrs.get("style", "")))) else "")
        for cell in header.children
    ]

    def cells(tr: Node) -> list[str]:
        return [
            render_inline(c.children[0], cell=True, pictures=state.pictures) if c.children else ""
            for c in tr.children
        ]

    return table(cells(header), [cells(tr) for tr in body], align)


def _unknown_block(state: _Blocks, node: Node) -> Lines:
    # Raw HTML blocks (kept as text by the parser anyway) and node types this writer does not
    # know: their content shown as escaped text, or their children rendered.
    if node.children:
        return state.children(node)
    lines = [line.strip() for line in node.content.splitlines() if line.strip()]
    return [escape(line, line_start=True) for line in lines]


_BLOCK_RULES: dict[str, Callable[[_Blocks, Node], Lines]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullet_list": _list,
    "ordered_list": _list,
    "blockquote": _blockquote,
    "fence": _fence,
    "code_block": _fence,
    "hr": _hr,
    "table": _table,
    "html_block": _unknown_block,
}


def _cell_block(node: Node, pictures: Pictures, depth: int = 0) -> str:
    def inline(of: Node) -> str:
        return render_inline(of.children[0], cell=True, pictures=pictures) if of.children else ""

    kind = node.type
    if kind == "paragraph":
        return inline(node)
    if kind == "heading":
        text = inline(node)
        return f"**{text}**" if text else ""
    if kind in ("bullet_list", "ordered_list"):
        lines = []
        for number, item in enumerate(node.children, start=_start(node)):
            marker = f"{number}." if kind == "ordered_list" else ("•" if depth == 0 else "◦")
            body = BR.join(b for c in item.children if (b := _cell_block(c, pictures, depth + 1)))
            lines.append(f"{marker} {body}")
        return BR.join(lines)
    if kind in ("fence", "code_block"):
        return BR.join(code_span(line, in_table=True) for line in _code_lines(node.content) if line)
    if kind == "table":
        rows = [tr for section in node.children for tr in section.children]
        return BR.join(" · ".join(inline(c) for c in tr.children if c.children) for tr in rows)
    if kind == "hr":
        return "—"
    if node.children:  # blockquote, or a node type this writer does not know
        return BR.join(b for c in node.children if (b := _cell_block(c, pictures, depth)))
    return BR.join(escape(line.strip()) for line in node.content.splitlines() if line.strip())


class Fields:
    """Renders the source's Markdown fields; headings found in them are added to `outline`."""

    def __init__(self, outline: Outline, pictures: Pictures = NO_PICTURES) -> None:
        self.outline = outline
        self.pictures = pictures
        # Whether a field wrote a list numbered from past 1: the document then turns
        # markdownlint's MD029 off (`MD029_OFF`) under its title.
        self.renumbered = False

    # Text without Markdown syntax (`plain_paragraph`) is one paragraph of itself: it is
    # written as such without parsing it.

    def blocks(self, md: str, level: int) -> Lines:
        """The lines of field `md` placed under a heading of `level`."""
        plain = plain_paragraph(md)
        if plain is not None:
            return _lines(render_text(plain))
        return _Blocks(self, level).children(spared_tree(md))

    def item(self, md: str, level: int) -> Lines:
        """Field `md` as the body of a list item (led by a no-break space where it must be)."""
        plain = plain_paragraph(md)
        if plain is not None:
            return _lines(render_text(plain))
        root = spared_tree(md)
        state = _Blocks(self, level)
        state.nested = 1
        body = state.children(root)
        return _lead(root.children[0].type, body) if root.children else body

    def inline(self, md: str) -> str | None:
        """Field `md` as an inline run when it is one paragraph; else None."""
        plain = plain_paragraph(md)
        if plain is not None:
            return render_text(plain)
        root = spared_tree(md)
        if len(root.children) == 1 and root.children[0].type == "paragraph":
            return render_inline(root.children[0].children[0], pictures=self.pictures)
        return None

    def cell(self, md: str) -> str:
        """Field `md` on one line for a table cell: `|` escaped, hard breaks as `<br>`."""
        plain = plain_paragraph(md)
        if plain is not None:
            return render_text(plain, cell=True)
        root = spared_tree(md)
        parts = [b for child in root.children if (b := _cell_block(child, self.pictures))]
        return (BR + BR).join(parts)
