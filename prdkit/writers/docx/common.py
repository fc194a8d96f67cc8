"""Pieces the section writers share: labelled fields, inline lists, numbers and dates."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from prdkit.i18n import ENUMS
from prdkit.richtext import parse
from prdkit.writers.docx.numbering import Numbering
from prdkit.writers.docx.oxml import Look
from prdkit.writers.docx.richtext import Block, new_paragraph, plain_paragraph, render_block
from prdkit.writers.docx.tables import Fixed, fit

if TYPE_CHECKING:
    from prdkit.writers.docx.builder import Builder

MUTED = Look(color="595959")
STRONG = Look(bold=True)


def number(value: float | int | None, unit: str | None = None) -> str:
    """`value` with thousands separators and at most two decimals, then its unit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if not unit:
        return text
    # "5%", "3 s": symbols hug the number, words stand apart.
    return f"{text}{unit}" if not unit[0].isalnum() else f"{text} {unit}"


def section_heading(b: Builder, key: str) -> None:
    """The Heading 1 of top-level section `key`."""
    b.heading(1, b.label(f"section.{key}"))


def labelled_md(b: Builder, label_key: str, text: str | None, level: int = 0) -> None:
    """A field label (or a Heading 2 when `level` is 2) and its Markdown, when there is text."""
    if not text:
        return
    if level == 2:
        b.heading(2, b.label(label_key))
    else:
        b.paragraph(b.body, "Field Label", b.label(label_key))
    b.markdown(b.body, text)


def field_line(
    b: Builder, label_key: str, fill: Callable[[etree._Element], None], *, when: bool = True
) -> None:
    """A paragraph "Label: …" whose value `fill` appends, when `when`."""
    if not when:
        return
    para = b.paragraph(b.body, "Normal")
    b.run(para, f"{b.label(label_key)}{'：' if b.lang == 'zh' else ': '}", b.style_of(para), STRONG)
    fill(para)


def items(
    b: Builder,
    container: etree._Element,
    texts: Sequence[str],
    kind: str = "bullet",
    style: str = "Normal",
    width: int | None = None,
) -> None:
    """A list (its own numbering) whose items are Markdown texts."""
    if not texts:
        return
    style_id = b.styles.ids.get(style, style)
    num_id = b.numbering.new_list(kind, 0)
    indent = Numbering.indent(kind, 0)
    for text in texts:
        block = Block(b, container, style_id, width or b.width, 0, (num_id, 0), indent)
        plain = plain_paragraph(text)
        if plain is not None:
            b.run(new_paragraph(block), plain, style_id)
            continue
        for node in parse(text).children:
            render_block(node, block)
        if block.pending is not None:
            new_paragraph(block)


def id_col(values: Iterable[str]) -> Fixed:
    """A fixed column wide enough for the ids `values` on one line."""
    return fit(values, low=760)


def enum_col(b: Builder, group: str, header_key: str, *, badge: bool = False) -> Fixed:
    """A fixed column wide enough for every label (or badge) of enum `group` and its header."""
    pad = "_" if badge else ""
    labels = [f"{pad}{b.enum(group, v)}{pad}" for v in ENUMS[group]]
    return fit([*labels, f"{b.label(header_key)}_"], low=700)


def joined(b: Builder, values: Iterable[str]) -> str:
    """`values` joined by the language's list separator."""
    return b.comma.join(values)


def refs_filler(
    b: Builder, ids: Sequence[str], *, names: bool = False, lines: bool = False
) -> Callable[[etree._Element], None]:
    """A cell filler that lists linked references (see `Builder.refs`)."""

    def fill(para: etree._Element) -> None:
        if ids:
            b.refs(para, ids, names=names, lines=lines)

    return fill


def badge_filler(b: Builder, group: str, value: str | None) -> Callable[[etree._Element], None]:
    """A cell filler showing enum `value` of `group` as a badge."""

    def fill(para: etree._Element) -> None:
        b.badge(para, group, value)

    return fill


def anchored(b: Builder, item_id: str, text: str | None = None) -> Callable[[etree._Element], None]:
    """A cell filler showing `text` (default the id) and placing item `item_id`'s anchor."""

    def fill(para: etree._Element) -> None:
        b.run(para, text if text is not None else item_id, b.style_of(para))
        b.place(para, item_id)

    return fill
