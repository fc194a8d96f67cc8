"""Advances read from the sans faces installed here, for tests that hold an estimate of text
width to the glyphs LibreOffice really draws (fontTools and fontconfig; None where missing)."""

from __future__ import annotations

import shutil
import string
import subprocess
from collections.abc import Callable
from functools import cache

import pytest

# LibreOffice draws Arial with DejaVu Sans where Arial is missing; Noto Sans is the other
# common stand-in, and Noto Sans CJK SC sets the Chinese (and may set the Latin beside it).
SANS = ("DejaVu Sans", "Noto Sans", "Noto Sans CJK SC")
PRINTABLE = string.printable[:95]  # letters, digits, punctuation and the space


@cache
def advances(family: str, bold: bool = False) -> Callable[[str], float | None] | None:
    """The advance of a character in em in `family` (None for one it lacks), or None when
    the face or fontTools is not installed."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    if not shutil.which("fc-match"):
        return None
    weight = "bold" if bold else "regular"
    found = subprocess.run(
        ["fc-match", "-f", "%{file}|%{index}|%{family}", f"{family}:weight={weight}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    path, _, rest = found.partition("|")
    index, _, families = rest.partition("|")
    if family not in families.split(","):  # fontconfig answered with a substitute
        return None
    font = TTFont(path, fontNumber=int(index or 0), lazy=True)
    cmap = font.getBestCmap()
    metrics = font["hmtx"]
    unit = font["head"].unitsPerEm

    def advance(char: str) -> float | None:
        glyph = cmap.get(ord(char))
        return None if glyph is None else metrics[glyph][0] / unit

    return advance


def installed(bold: bool = False) -> dict[str, Callable[[str], float | None]]:
    """The faces of `SANS` found here, by family; the test skips when there is none."""
    faces = {family: advances(family, bold) for family in SANS}
    faces = {family: face for family, face in faces.items() if face is not None}
    if not faces:
        pytest.skip("needs fontTools and DejaVu Sans or Noto Sans (CJK) installed")
    return faces


def widest(text: str, bold: bool = False) -> float:
    """The width of `text` in em where each character takes its widest advance among the
    installed faces that have it."""
    faces = installed(bold).values()
    return sum(
        max((a for face in faces if (a := face(ch)) is not None), default=1.0) for ch in text
    )
