"""What the Markdown and table renderers need from a render: a protocol, not the Builder.

`richtext` (Markdown fields) and `tables` are handed the render state as a parameter and
know it only by this protocol, so neither imports `builder`, which imports them.
"""

from __future__ import annotations

from typing import Any, Protocol

from lxml import etree

from prdkit.images.pictures import Pictures
from prdkit.writers.docx.numbering import Numbering
from prdkit.writers.docx.oxml import Look
from prdkit.writers.docx.pictures import Media
from prdkit.writers.docx.styles import StyleSheet

__all__ = ["Writer"]


class Writer(Protocol):
    """The render state as the renderers of Markdown and tables use it."""

    styles: StyleSheet
    numbering: Numbering
    width: int
    height: int  # text height in twips: pictures take at most a share of it
    pictures: Pictures
    media: Media
    cell_size: int
    link_style: str | None
    tables: list[Any]  # tables.Table, fitted to their content once the body is built
    ids: set[str]  # the items' ids, kept on one line in tables
    landscape: int | None  # the text width of a landscape page, where a table may turn

    def run(
        self, parent: etree._Element, text: str, style_id: str | None, look: Look = ...
    ) -> etree._Element:
        """Append a run of `text` to `parent`."""
        ...

    def record(self) -> None:
        """Gather the text of the runs written from now on, until `recorded`."""
        ...

    def recorded(self) -> tuple[str, bool]:
        """The text written since `record` as a cell's text reads, and whether it is bold."""
        ...

    def spill_mark(self, container: etree._Element) -> str | None:
        """The mark under which a table in `container` may serialize its rows as they are
        made, or None where it may not (see `tables.SPILL`)."""
        ...

    @property
    def hyphened(self) -> int:
        """How many texts made so far were noted for the hyphen pass."""
        ...

    def release(self, within: etree._Element, since: int) -> None:
        """Give the texts in `within` noted since the `since`-th their last touches, and
        forget `within`: it is about to be serialized apart."""
        ...

    def spilled(self, mark: str, rows: list[bytes]) -> None:
        """Take the serialized rows of the table marked `mark`, finished, to put in place."""
        ...

    def turn(self, tbl: etree._Element) -> None:
        """Put `tbl`, a table of the body, on landscape pages of its own."""
        ...

    def styled(self, para: etree._Element, style_id: str | None) -> None:
        """Note that `para`, about to be filled, has the style `style_id`."""
        ...

    def hyperlink(self, parent: etree._Element, url: str) -> etree._Element:
        """Append a link to external `url` and return it."""
        ...

    def markdown(
        self,
        container: etree._Element,
        text: str | None,
        style: str = ...,
        width: int | None = ...,
    ) -> None:
        """Render Markdown `text` into `container`."""
        ...
