"""A reference document's style sheet made safe to read, for prdkit and for word processors.

Styles only count as children of the style sheet: one nested elsewhere (inside the latent
styles, another style, an unknown element) is ignored by Word, yet found by a search of
the whole tree, which then named it for headings no reader would style. A style without
an id can be named by no paragraph, and an id names one style. A style's `basedOn` chain
must end: a loop (heading 1 based on heading 2 based on heading 1) or a chain of thousands
left LibreOffice converting the rendered document for minutes.
"""

from __future__ import annotations

from collections.abc import Container

from lxml import etree

from prdkit.writers.docx.oxml import w

# The most styles one `basedOn` chain holds (real style sheets hold a handful).
MAX_CHAIN = 32
_STYLE, _BASED_ON, _ID, _VAL = w("style"), w("basedOn"), w("styleId"), w("val")


def tidy_styles(root: etree._Element) -> None:
    """Drop the styles of style sheet `root` no reader uses, and end every `basedOn` chain
    that loops or runs past `MAX_CHAIN`."""
    for style in list(root.iter(_STYLE)):
        if style.getparent() is not root or not style.get(_ID):
            style.getparent().remove(style)
    # An id names one style: a later style of a taken id gets one of its own (a paragraph
    # style "heading 1" after a character style of its id was found by its name, then
    # named a character style for the headings).
    taken = {style.get(_ID) for style in root.iterchildren(_STYLE)}
    by_id: dict[str, etree._Element] = {}
    for style in root.iterchildren(_STYLE):
        style_id: str = style.get(_ID)  # type: ignore[assignment]
        if style_id in by_id:
            style_id = free_id(style_id, taken)
            style.set(_ID, style_id)
            taken.add(style_id)
        by_id[style_id] = style
    # How many styles each style's chain holds, itself included, once known.
    height: dict[str, int] = {}
    for start in by_id:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current in by_id and current not in height:
            if current in on_path:  # a loop: the style that closes it keeps no base
                _unbase(by_id[path[-1]])
                current = None
                break
            path.append(current)
            on_path.add(current)
            based = by_id[current].find(_BASED_ON)
            current = based.get(_VAL) if based is not None else None
        below = height.get(current, 0) if current is not None else 0
        for style_id in reversed(path):
            if below >= MAX_CHAIN:
                _unbase(by_id[style_id])
                below = 0
            below += 1
            height[style_id] = below


def free_id(wanted: str, taken: Container[str | None]) -> str:
    """`wanted` if no style in `taken` has it, else it with the first number free ("Heading12")."""
    style_id, number = wanted, 1
    while style_id in taken:
        number += 1
        style_id = f"{wanted}{number}"
    return style_id


def _unbase(style: etree._Element) -> None:
    based = style.find(_BASED_ON)
    if based is not None:
        style.remove(based)
