"""Pictures in the body: one on its own line, or tall ones (phone screens) in rows.

A PRD shows a page's screens side by side: one to a page, a phone screenshot scaled to the
text height left a page of whitespace beside it and the next screen pages away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from prdkit.images.files import Image
from prdkit.images.pictures import is_remote
from prdkit.layout.blocks import Figure, Figures
from prdkit.richtext import safe_link
from prdkit.writers.docx.oxml import Look, sub, w
from prdkit.writers.docx.pictures import draw

if TYPE_CHECKING:
    from prdkit.writers.docx.builder import Builder

__all__ = ["figure", "figures"]

MUTED = Look(color="595959")
TALL = 1.2  # height over width past which a picture is a screen that stands in a row
PER_ROW = 3  # screens in a row: three phone screens fit the portrait text width
CELL_MARGINS = 216  # Word's default left and right cell margins together, twips


def figure(b: Builder, block: Figure) -> None:
    """A picture on a line of its own at the text width, its caption under it."""
    para = b.paragraph(b.body, "Normal", keep_next=bool(block.caption), align="center")
    _picture(b, para, block, b.width)
    if block.caption and (b.pictures.get(block.src) is not None or block.caption != block.alt):
        b.paragraph(b.body, "caption", block.caption)


def _picture(b: Builder, para: etree._Element, block: Figure, width: int) -> None:
    image = b.pictures.get(block.src)
    url = safe_link(block.src) if is_remote(block.src) else None
    if image is not None:
        draw(b.media, b.height, para, image, block.alt, width)
    elif url is not None:  # never fetched: a link the reader may follow
        b.run(b.hyperlink(para, url), block.alt, b.style_of(para), Look(style=b.link_style))
    else:  # a picture that was not checked (its rule switched off): named, not shown
        b.run(para, f"{block.alt} ({block.src})", b.style_of(para), MUTED)


def figures(b: Builder, block: Figures) -> None:
    """Tall pictures in rows of up to three, each with its caption; others on their own."""
    for row in rows(block.figures, b.pictures.get):
        if len(row) == 1:
            figure(b, row[0])
        else:
            _row(b, row)


def rows(
    shown: Sequence[Figure], image_of: Callable[[str], Image | None]
) -> Iterator[tuple[Figure, ...]]:
    """`shown` in rows: runs of tall pictures split evenly into rows of at most PER_ROW
    (four as two and two, seven as three, two and two), every other figure alone."""
    run: list[Figure] = []
    for one in shown:
        image = image_of(one.src)
        if image is not None and image.header.height > image.header.width * TALL:
            run.append(one)
            continue
        yield from _split(run)
        run = []
        yield (one,)
    yield from _split(run)


def _split(run: list[Figure]) -> Iterator[tuple[Figure, ...]]:
    count = -(-len(run) // PER_ROW)  # rows needed
    start = 0
    for index in range(count):  # the first rows take one more where they do not divide
        size = len(run) // count + (index < len(run) % count)
        yield tuple(run[start : start + size])
        start += size


def _row(b: Builder, row: tuple[Figure, ...]) -> None:
    """One row of a borderless table, a picture and its caption in each cell."""
    last = next(reversed(b.body), None)
    if last is not None and last.tag == w("tbl"):
        sub(b.body, "p")  # Word joins tables that touch into one
    width = b.width // len(row)
    tbl = sub(b.body, "tbl")
    pr = sub(tbl, "tblPr")
    sub(pr, "tblW", {"w": str(width * len(row)), "type": "dxa"})
    sub(pr, "jc", {"val": "center"})
    sub(pr, "tblLayout", {"type": "fixed"})
    sub(pr, "tblLook", {"val": "0000", "firstRow": "0", "noHBand": "1", "noVBand": "1"})
    grid = sub(tbl, "tblGrid")
    for _ in row:
        sub(grid, "gridCol", {"w": str(width)})
    tr = sub(tbl, "tr")
    sub(sub(tr, "trPr"), "cantSplit")  # a row of screens is never cut across two pages
    for one in row:
        tc = sub(tr, "tc")
        sub(sub(tc, "tcPr"), "tcW", {"w": str(width), "type": "dxa"})
        para = b.paragraph(tc, "Normal", align="center", spacing={"after": "0"})
        _picture(b, para, one, width - CELL_MARGINS)
        if one.caption:
            b.paragraph(tc, "caption", one.caption, align="center")
