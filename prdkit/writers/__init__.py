"""The writer registry: every output format, each `write(doc, options) -> bytes`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import import_module
from pathlib import Path

from prdkit.images.pictures import NO_PICTURES, Pictures
from prdkit.limits import DEFAULT_LIMITS, Limits
from prdkit.model import Document


@dataclass(frozen=True)
class RenderOptions:
    """What a writer may be told besides the document."""

    lang: str = "en"
    reference_doc: Path | None = None
    timestamp: datetime | None = None  # for document properties; None: from the document
    source_dir: Path | None = None  # the PRD's folder, against which image paths resolve
    pictures: Pictures = NO_PICTURES  # the checked pictures the document names
    # Heading numbers: None numbers those of Word, HTML and PDF; True Markdown's too (its
    # GitHub anchors then hold them); False none.
    number_headings: bool | None = None
    # The document's current sign-off digest (from the loaded data), so approvals that
    # signed an earlier version show as stale; None: not known, nothing shown as stale.
    digest: str | None = None
    # The configured limits; the PDF writer refuses a page past `max_pdf_html`, or pictures
    # past `max_pdf_image_pixels`.
    limits: Limits = DEFAULT_LIMITS


# The dates a zip entry can hold (DOS time stamps: 1980 to 2107, even seconds). Word and
# Excel files are zips, and their own properties keep to the same range: a PRD dated
# 0999-06-01 made `<dcterms:created>999-06-01…`, which neither Excel nor python-docx reads.
ZIP_FIRST = datetime(1980, 1, 1, tzinfo=timezone.utc)
ZIP_LAST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc)


def zip_dated(when: datetime) -> datetime:
    """`when` (UTC) moved into the range a zip file's dates can hold."""
    return min(max(when.astimezone(timezone.utc), ZIP_FIRST), ZIP_LAST)


# format → (module, file suffix). Modules are imported only when used: python-docx is slow.
FORMATS: dict[str, tuple[str, str]] = {
    "md": ("prdkit.writers.markdown", ".md"),
    "docx": ("prdkit.writers.docx", ".docx"),
    "html": ("prdkit.writers.html", ".html"),
    "pdf": ("prdkit.writers.pdf", ".pdf"),
}

Writer = Callable[[Document, RenderOptions], bytes]


def get_writer(fmt: str) -> Writer:
    """The `write` function of format `fmt` (a key of FORMATS)."""
    module, _ = FORMATS[fmt]
    return import_module(module).write
