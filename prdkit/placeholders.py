"""The words that mark text as not written yet (TODO, TBD, 待定, 待补充).

The `placeholder` rule reports them; writers highlight them in drafts and documents in review.
"""

from __future__ import annotations

import re

__all__ = ["PLACEHOLDER", "WORDS", "may_hold"]

WORDS = ("TODO", "TBD", "待定", "待补充")
# TODO and TBD as whole words in upper case: letters, digits or `_` on either side make
# another word ("TODOS", "mytodo"), while CJK text around them does not ("描述TODO").
PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9_])(?:TODO|TBD)(?![A-Za-z0-9_])|待定|待补充")


def may_hold(text: str) -> bool:
    """False when `text` holds none of `WORDS`, so `PLACEHOLDER` finds nothing in it.

    Four substring tests: the pattern tries its lookbehind at every character, and a draft's
    Word file asks of every run (0.07 against 0.14 µs for 3 characters, 0.37 against 4.8 µs
    for 268).
    """
    return "TODO" in text or "TBD" in text or "待定" in text or "待补充" in text
