"""Bounds on the work one document may cause; past any of them: a clear error, fast."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable ceilings for reading and checking one document."""

    max_bytes: int = 8 * 1024 * 1024
    max_depth: int = 64
    # Checking costs ~14 µs per value: 300,000 values (a 5,000-requirement PRD with every
    # section filled has ~165,000) keep the worst file near 4 s.
    max_nodes: int = 300_000
    max_int_digits: int = 30
    max_string: int = 200_000
    max_markdown: int = 100_000
    max_diagnostics: int = 50
    # Pictures the document names (prototypes, `![alt](path)`): read into memory and
    # embedded in outputs, so each has a size, a pixel count and a frame count bound.
    max_image_bytes: int = 8 * 1024 * 1024
    max_images_bytes: int = 64 * 1024 * 1024
    max_image_pixels: int = 40_000_000
    max_image_frames: int = 500


# Configuration may raise a limit up to its ceiling, never past it: these bound the memory
# and the work one document can demand of prdkit and of the programs opening its outputs.
CEILINGS: dict[str, int] = {
    "max_image_bytes": 64 * 1024 * 1024,
    "max_images_bytes": 256 * 1024 * 1024,
    "max_image_pixels": 100_000_000,
    "max_image_frames": 5_000,
}


DEFAULT_LIMITS = Limits()
