"""Markdown fields → Word paragraphs and runs, through two dispatch tables.

One small function per node type of `prdkit.richtext`'s parser. Node types without a
function get an explicit answer: their text, never dropped and never raw markup. Two
answers are deliberate: Markdown headings become bold paragraphs (the document's outline
stays the document's), and a picture the document names is embedded, while an http(s)
picture becomes its alt text linked to the address (a document never fetches anything).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from lxml import etree

from prdkit.images.files import Image
from prdkit.images.pictures import is_remote
from prdkit.richtext import (
    Node,
    line_end_joins,
    plain_paragraph,
    safe_link,
    spared_tree,
    visible_edge,
)
from prdkit.writers.docx.numbering import Numbering
from prdkit.writers.docx.oxml import PLAIN, Look, add_paragraph, sub, w
from prdkit.writers.docx.pictures import EMU_PER_TWIP, HEIGHT_SHARE, draw, size
from prdkit.writers.docx.tables import HEADER_LOOK, Table
from prdkit.writers.docx.writer import Writer


@dataclass(slots=True)
class Block:
    """Where block nodes go: the container, paragraph style and list state."""

    b: Writer
    container: etree._Element
    style: str  # paragraph style id
    width: int  # available width, twips
    level: int = -1  # list nesting level; -1 outside lists
    pending: tuple[int, int] | None = None  # (numId, level) for an item's first paragraph
    indent: int | None = None  # left indent of an item's later paragraphs


@dataclass(slots=True)
class Inline:
    """Where inline nodes go: a paragraph or hyperlink, its style and the current look."""

    b: Writer
    parent: etree._Element
    style: str
    look: Look
    width: int = 0  # the width a picture may take, twips (0: the text width)

    def but(self, look: Look, parent: etree._Element | None = None) -> Inline:
        """The same place with `look` (inside `parent` if given)."""
        # Not dataclasses.replace, which reads the fields anew for each of the tens of
        # thousands of bold words and links of a large file.
        return Inline(
            self.b, self.parent if parent is None else parent, self.style, look, self.width
        )


def render(b: Writer, container: etree._Element, text: str, style: str, width: int) -> None:
    """Render Markdown `text` into `container` with paragraphs of style id `style`."""
    render_text(text, Block(b, container, style, width))


def render_text(text: str, block: Block) -> None:
    """Render Markdown `text` as the blocks of `block`."""
    plain = plain_paragraph(text)
    if plain is not None:
        block.b.run(new_paragraph(block), plain, block.style)
        return
    for node in spared_tree(text).children:
        render_block(node, block)


def words(text: str) -> str:
    """The words of Markdown `text` without markup, on one line (`plain_text` of its tree)."""
    return plain_text(spared_tree(text))


def new_paragraph(
    block: Block, style: str | None = None, *, keep_next: bool = False, rule_below: bool = False
) -> etree._Element:
    """A paragraph in `block`, numbered when it opens a list item, indented after that."""
    num, block.pending = block.pending, None
    # A copy of one prototype paragraph per set of properties (`oxml.add_paragraph`). A
    # list's number is its own, so a numbered paragraph is a prototype used once.
    return add_paragraph(
        block.container,
        style or block.style,
        keep_next=keep_next,
        num=num,
        indent=block.indent if num is None else None,
        rule_below=rule_below,
    )


def render_block(node: Node, block: Block) -> None:
    """Render one block node through BLOCK_RULES, or as plain text when it has no rule."""
    BLOCK_RULES.get(node.type, _unsupported_block)(node, block)


def render_inline(node: Node, inline: Inline) -> None:
    """Render one inline node through INLINE_RULES, or as plain text when it has no rule."""
    INLINE_RULES.get(node.type, _unsupported_inline)(node, inline)


def _inlines(node: Node, para: etree._Element, block: Block, look: Look = PLAIN) -> None:
    inline = Inline(block.b, para, block.style, look, block.width)
    for child in node.children:
        render_inlines(child.children if child.type == "inline" else [child], inline)


def render_inlines(nodes: list[Node], inline: Inline) -> None:
    """Render sibling inline nodes in order.

    A line break looks at its neighbours here, by position: Node's sibling
    lookups search the list each time, quadratic in the lines of one paragraph.
    """
    for i, node in enumerate(nodes):
        kind = node.type
        if kind == "text":  # most nodes: no lookup of the rule
            if node.content:
                inline.b.run(inline.parent, node.content, inline.style, inline.look)
        elif kind == "softbreak":
            # A line break inside Chinese text is not a word boundary: a space there would
            # stand between two characters.
            if not line_end_joins(visible_edge(nodes, i, -1), visible_edge(nodes, i, 1)):
                inline.b.run(inline.parent, " ", inline.style, inline.look)
        else:
            INLINE_RULES.get(kind, _unsupported_inline)(node, inline)


def plain_text(node: Node) -> str:
    """The text of `node` and its descendants, without markup; a line end is a space, or
    nothing where it joins Chinese text (`line_end_joins`)."""
    parts: list[str | None] = []  # None: a soft line end, decided once its neighbours are known
    todo = [node]
    while todo:
        current = todo.pop()
        if current.type == "softbreak":
            parts.append(None)
        elif current.type == "hardbreak":
            parts.append(" ")
        elif current.children:
            todo.extend(reversed(current.children))
        elif current.type != "root":  # the tree of blank text: a root with nothing in it
            parts.append(current.content or "")
    if None not in parts:
        return "".join(parts)  # type: ignore[arg-type]
    # The first character after each part, found from the end: one pass each way.
    after = [""] * len(parts)
    following = ""
    for k in range(len(parts) - 1, -1, -1):
        after[k] = following
        part = parts[k]
        following = (part[:1] or following) if part is not None else " "
    out: list[str] = []
    before = ""
    for k, part in enumerate(parts):
        if part is None:
            part = "" if line_end_joins(before, after[k]) else " "
        out.append(part)
        before = part[-1:] or before
    return "".join(out)


# ---- blocks ------------------------------------------------------------------------------


def _paragraph(node: Node, block: Block) -> None:
    _inlines(node, new_paragraph(block), block)


def _heading(node: Node, block: Block) -> None:
    _inlines(node, new_paragraph(block, keep_next=True), block, Look(bold=True))


def _list(node: Node, block: Block) -> None:
    kind = "ordered" if node.type == "ordered_list" else "bullet"
    level = min(block.level + 1, 8)
    if block.pending is not None:
        new_paragraph(block)  # an item that opens with a list keeps its own marker
    start = node.attrs.get("start", 1) if kind == "ordered" else 1
    num_id = block.b.numbering.new_list(kind, level, int(start) if str(start).isdigit() else 1)
    indent = Numbering.indent(kind, level)
    for item in node.children:
        inner = replace(block, level=level, pending=(num_id, level), indent=indent)
        for child in item.children:
            render_block(child, inner)
        if inner.pending is not None:
            new_paragraph(inner)  # an empty item still shows its marker


def _blockquote(node: Node, block: Block) -> None:
    inner = replace(block, style=block.b.styles.id("Block Text"))
    for child in node.children:
        render_block(child, inner)
    block.pending = inner.pending


def _code(node: Node, block: Block) -> None:
    para = new_paragraph(block, block.b.styles.id("Source Code"))
    block.b.run(para, node.content.rstrip("\n"), block.b.styles.id("Source Code"))


def _rule(node: Node, block: Block) -> None:
    new_paragraph(block, rule_below=True)


def _table(node: Node, block: Block) -> None:

    rows = [tr for section in node.children for tr in section.children]
    if not rows:
        return
    columns = max(len(tr.children) for tr in rows)
    width = max(block.width - (block.indent or 0), 1440)
    table = Table(block.b, block.container, [1] * columns, width=width)
    for number, tr in enumerate(rows):
        header = number == 0 and node.children[0].type == "thead"
        row = table.row([], header=header)
        for index in range(columns):
            cell = tr.children[index] if index < len(tr.children) else None
            table.cell(row, index, _cell(block, table, cell, header), header=header)
    block.pending = None
    # Word joins tables that touch; an empty paragraph keeps the next one apart.
    new_paragraph(block)


_ALIGN = {"text-align:center": "center", "text-align:right": "right"}


def _cell(
    block: Block, table: Table, cell: Node | None, header: bool
) -> Callable[[etree._Element], None]:
    """The filler of one GFM table cell: its inlines, aligned as the delimiter row says."""

    def fill(para: etree._Element) -> None:
        if cell is None:
            return
        align = _ALIGN.get(str(cell.attrs.get("style", "")))
        if align:
            sub(para[0], "jc", {"val": align})
        _inlines(cell, para, replace(block, style=table.style), HEADER_LOOK if header else PLAIN)

    return fill


def _unsupported_block(node: Node, block: Block) -> None:
    text = plain_text(node)
    if text.strip():
        block.b.run(new_paragraph(block), text.strip("\n"), block.style)


BLOCK_RULES: dict[str, Callable[[Node, Block], None]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullet_list": _list,
    "ordered_list": _list,
    "blockquote": _blockquote,
    "code_block": _code,
    "fence": _code,
    "hr": _rule,
    "table": _table,
}


# ---- inlines -----------------------------------------------------------------------------


def _text(node: Node, inline: Inline) -> None:
    if node.content:
        inline.b.run(inline.parent, node.content, inline.style, inline.look)


def _styled(**change: object) -> Callable[[Node, Inline], None]:
    def rule(node: Node, inline: Inline) -> None:
        render_inlines(node.children, inline.but(_changed(inline.look, change)))

    return rule


_CODE = {"code": True}
_LOOKS: dict[tuple[object, ...], Look] = {}


def _changed(look: Look, change: dict[str, object]) -> Look:
    """`look.but(**change)`, one instance per distinct result (looks are never changed)."""
    key = (look.key(), *change.items())
    changed = _LOOKS.get(key)
    if changed is None:
        if len(_LOOKS) >= 256:
            _LOOKS.clear()
        changed = _LOOKS[key] = look.but(**change)
    return changed


def _code_inline(node: Node, inline: Inline) -> None:
    inline.b.run(inline.parent, node.content, inline.style, _changed(inline.look, _CODE))


def _link(node: Node, inline: Inline) -> None:
    url = safe_link(str(node.attrs.get("href", "")))
    if url is None:  # javascript:, data:, relative links: the words without the link
        render_inlines(node.children, inline)
        return
    link = inline.b.hyperlink(inline.parent, url)
    look = _changed(inline.look, {"style": inline.b.link_style})
    render_inlines(node.children, inline.but(look, link))


def _image(node: Node, inline: Inline) -> None:
    src = str(node.attrs.get("src", ""))
    alt = plain_text(node) or src
    image = inline.b.pictures.get(src)
    if image is not None:
        b = inline.b
        width = inline.width or b.width
        if _tall(image, width, b.height) and _has_text(inline.parent):
            # A picture stands on the line of the words before it, which sat at its foot
            # ("2." and the words under a phone screen): it starts a line of its own.
            b.run(inline.parent, "\n", inline.style, inline.look)
        draw(b.media, b.height, inline.parent, image, alt, width)
        return
    url = safe_link(src) if is_remote(src) else None
    parent, look = inline.parent, inline.look.but(italic=True)
    if url is not None:
        parent = inline.b.hyperlink(inline.parent, url)
        look = look.but(style=inline.b.link_style)
    inline.b.run(parent, alt, inline.style, look)


_P_TAG, _T_TAG, _BR_TAG = w("p"), w("t"), w("br")
TALL_LINE = 2 * 240  # twips: a picture taller than two lines of text is not an icon


def _tall(image: Image, width: int, page_height: int) -> bool:
    return size(image, width, int(page_height * HEIGHT_SHARE))[1] > TALL_LINE * EMU_PER_TWIP


def _has_text(parent: etree._Element) -> bool:
    """Whether the paragraph holding `parent` shows words on the line a picture would
    start: some text, and no line break since (`见下图<br>` ends its line already)."""
    para = parent
    while para.tag != _P_TAG and para.getparent() is not None:
        para = para.getparent()
    marks = list(para.iter(_T_TAG, _BR_TAG))  # a paragraph's few runs: a picture is rare
    if not marks or marks[-1].tag == _BR_TAG:
        return False
    return any(t.text and t.text.strip() for t in marks if t.tag == _T_TAG)


def _hardbreak(node: Node, inline: Inline) -> None:
    inline.b.run(inline.parent, "\n", inline.style, inline.look)


def _unsupported_inline(node: Node, inline: Inline) -> None:
    if node.children:
        render_inlines(node.children, inline)
    elif node.content:
        inline.b.run(inline.parent, node.content, inline.style, inline.look)


# No rule for "softbreak": a line break depends on its neighbours, which only
# `render_inlines` knows (a node of the light tree has no parent to ask).
INLINE_RULES: dict[str, Callable[[Node, Inline], None]] = {
    "text": _text,
    "strong": _styled(bold=True),
    "em": _styled(italic=True),
    "s": _styled(strike=True),
    "code_inline": _code_inline,
    "link": _link,
    "image": _image,
    "hardbreak": _hardbreak,
}
