"""GitHub heading anchors, and the outline that hands them out in document order."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

__all__ = ["Heading", "Outline", "Slugger", "slug"]


@cache  # asked once per character: headings are made of the same few thousand
def _kept(char: str) -> bool:
    # GitHub keeps letters, marks and numbers of any script (Chinese included), `-`, `_` and
    # the ASCII space; every other character (punctuation, symbols, emoji) is dropped.
    return char in "-_ " or unicodedata.category(char)[0] in "LMN"


# What `_kept` drops of ASCII: every character but letters, digits, `-`, `_` and the space.
_ASCII_DROPPED = {
    code: None for code in range(128) if not (chr(code) in "-_ " or chr(code).isalnum())
}


def slug(text: str) -> str:
    """The anchor GitHub derives from heading text: lower-cased, punctuation dropped, ` ` → `-`."""
    lowered = text.strip().lower()
    if lowered.isascii():
        kept = lowered.translate(_ASCII_DROPPED)
    else:
        kept = "".join(c for c in lowered if _kept(c))
    return kept.replace(" ", "-")


class Slugger:
    """Unique anchors for a sequence of headings: a repeat of `x` becomes `x-1`, `x-2`, …"""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def add(self, text: str) -> str:
        """The anchor of the next heading whose text is `text`."""
        base = slug(text)
        anchor = base
        # A later heading may already own `x-1` (written as such): keep counting past it.
        while anchor in self._seen:
            self._seen[base] += 1
            anchor = f"{base}-{self._seen[base]}"
        self._seen[anchor] = 0
        return anchor


@dataclass(frozen=True)
class Heading:
    """One heading of the rendered document, with its anchor."""

    level: int
    text: str
    anchor: str
    item_id: str | None
    in_toc: bool


@dataclass
class Outline:
    """Every heading in the order it is written, so anchors match GitHub's numbering."""

    headings: list[Heading] = field(default_factory=list)
    _slugger: Slugger = field(default_factory=Slugger)

    def add(self, level: int, text: str, *, item_id: str | None = None, toc: bool = True) -> str:
        """Record a heading whose visible text is `text`; returns its anchor."""
        anchor = self._slugger.add(text)
        self.headings.append(Heading(level, text, anchor, item_id, toc))
        return anchor
