"""Bounds on the work one document may cause; past any of them: a clear error, fast."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable ceilings for reading and checking one document."""

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 64
    # Checking costs ~14 µs per value: 300,000 values keep the worst file near 4 s. That is
    # ~4,000 requirements with every section filled, pages and tracking included (the
    # benchmark's 5,000-requirement PRD has ~380,000 values and raises this limit).
    max_nodes: int = 300_000
    max_int_digits: int = 30
    max_string: int = 200_000
    max_markdown: int = 100_000
    # Markdown marks of all Markdown fields together: each `*` `_` `` ` `` `[` `]` `!` `~`
    # `<` `&` `\` `|`, and three for each line break (a line may open a list item, a quote
    # or a table row). Rendering costs up to ~20 µs per mark in either writer, whatever the
    # construct, so this bounds the Markdown part of a render near 4 s; a document at the
    # `max-nodes` limit written like the benchmark's (markup in every field) has ~100,000,
    # the examples a few hundred.
    max_markdown_marks: int = 200_000
    max_diagnostics: int = 50
    # `--to pdf` lays out the document's print page at ~0.15 s of CPU and ~2.5 MB of memory
    # per A4 page; the page's HTML size foretells both (500 requirements with every section
    # filled: 1.8 MB of HTML, 445 pages, ~60 s, ~1 GB). Past this, a clear refusal at once.
    max_pdf_html: int = 2 * 1024 * 1024
    # WeasyPrint decodes every picture of the page at full size, whatever size it is shown
    # at: ~40 ns of CPU and up to 8 bytes of memory a pixel (a 6,300 × 6,300 PNG: 1.5 s and
    # 315 MB). Summed over the distinct pictures, so their number cannot multiply the cost;
    # at this budget the pictures add ~4 s to a PDF.
    max_pdf_image_pixels: int = 100_000_000
    # Pictures the document names (prototypes, `![alt](path)`): read into memory and
    # embedded in outputs, so each has a size, a pixel count and a frame count bound.
    max_image_bytes: int = 8 * 1024 * 1024
    max_images_bytes: int = 64 * 1024 * 1024
    max_image_pixels: int = 40_000_000
    max_image_frames: int = 500


DEFAULT_LIMITS = Limits()

# Hard ceilings: a configuration file is part of the pull request it arrives in, so it may
# raise a limit only this far. At every ceiling together the worst document still costs
# seconds and a few hundred megabytes, not minutes and gigabytes.
CEILINGS = Limits(
    max_bytes=16 * 1024 * 1024,
    max_depth=100,
    max_nodes=600_000,
    # Python refuses to convert integers of over 4,300 digits from text.
    max_int_digits=300,
    max_string=1_000_000,
    max_markdown=500_000,
    max_markdown_marks=1_000_000,
    max_diagnostics=100_000,
    max_pdf_html=6 * 1024 * 1024,
    max_pdf_image_pixels=400_000_000,
    # Pictures: what Word, browsers and WeasyPrint are still asked to decode and embed.
    max_image_bytes=64 * 1024 * 1024,
    max_images_bytes=256 * 1024 * 1024,
    max_image_pixels=100_000_000,
    max_image_frames=5_000,
)

CONFIG_MAX_BYTES = 256 * 1024  # a configuration file larger than this is refused unread
