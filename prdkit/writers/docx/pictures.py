"""Pictures in Word: one `word/media/` part per picture, drawn inline where it is named.

A picture is scaled to fit the width it is drawn in (the text width, or a table cell's)
and a share of the page's height, never enlarged past its own size at 96 pixels per inch,
its aspect kept; its alt text becomes the drawing's description for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from prdkit.images.files import Image
from prdkit.writers.docx.oxml import place_in_ppr, sub, w

__all__ = ["Media", "draw"]

EMU_PER_PIXEL = 9525  # at 96 pixels per inch
EMU_PER_TWIP = 635
# A tall phone screenshot would fill a page: pictures take at most this share of its height,
# which leaves room for the caption and the heading above.
HEIGHT_SHARE = 0.6
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_EXT = {"png": "png", "jpeg": "jpeg", "gif": "gif"}


class Media:
    """The pictures of one document: each stored once, numbered in the order first drawn."""

    def __init__(self, part: Any, new_rid: Callable[[], str]) -> None:
        self._part = part  # the document part the pictures are related to
        self._new_rid = new_rid
        self._rids: dict[str, str] = {}  # picture digest → relationship id
        self._shapes = 0

    def relate(self, image: Image) -> str:
        """The relationship id of `image`'s media part, adding the part on first use."""
        from docx.opc.packuri import PackURI
        from docx.parts.image import ImagePart

        digest = image.digest
        rid = self._rids.get(digest)
        if rid is None:
            name = f"/word/media/prdkit-image{len(self._rids) + 1}.{_EXT[image.header.kind]}"
            # The part takes the bytes as checked: python-docx's own header parsing is not
            # needed (the size is known) and would be a second parser to trust.
            part = ImagePart(PackURI(name), image.header.mime, image.data)
            rid = self._rids[digest] = self._new_rid()
            self._part.rels.add_relationship(RT_IMAGE, part, rid)
        return rid

    def shape_id(self) -> int:
        """A drawing id no other drawing of the document uses."""
        self._shapes += 1
        return 10_000 + self._shapes  # a reference document's own drawings number below


def size(image: Image, width_twips: int, height_twips: int) -> tuple[int, int]:
    """The extent (cx, cy) in EMU of `image` fitted into the given box, never enlarged."""
    cx = image.header.width * EMU_PER_PIXEL
    cy = image.header.height * EMU_PER_PIXEL
    scale = min(1.0, width_twips * EMU_PER_TWIP / cx, height_twips * EMU_PER_TWIP / cy)
    return max(1, round(cx * scale)), max(1, round(cy * scale))


def draw(
    media: Media,
    page_height: int,
    parent: etree._Element,
    image: Image,
    alt: str,
    width_twips: int,
) -> None:
    """Append a run holding `image` inline to `parent` (a paragraph or a hyperlink).

    It fits `width_twips` and a share of `page_height` (the text height, twips).
    """
    from docx.oxml.shape import CT_Inline

    cx, cy = size(image, width_twips, int(page_height * HEIGHT_SHARE))
    inline = CT_Inline.new_pic_inline(media.shape_id(), media.relate(image), image.name, cx, cy)
    # The description is what a screen reader says; the name stays the file's.
    inline.docPr.set("descr", alt)
    for pic_pr in inline.iter("{*}cNvPr"):
        pic_pr.set("descr", alt)
    drawing = sub(sub(parent, "r"), "drawing")
    drawing.append(inline)
    _grow_line(parent)


def _grow_line(parent: etree._Element) -> None:
    """Let the line holding a picture grow to its height.

    Table cells use an exact line height (one baseline for Latin and Chinese); Word and
    LibreOffice clip an inline picture to it, so a picture in a cell showed as a sliver.
    """
    para = parent
    while etree.QName(para).localname != "p":
        para = para.getparent()
    ppr = para.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        para.insert(0, ppr)
    spacing = ppr.find(w("spacing"))
    if spacing is None:
        spacing = place_in_ppr(ppr, etree.Element(w("spacing")))
    spacing.set(w("line"), "240")
    spacing.set(w("lineRule"), "auto")
