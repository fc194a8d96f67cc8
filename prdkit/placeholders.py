"""The words that mark text as not written yet (TODO, TBD, 待定, 待补充).

The `placeholder` rule reports them; writers highlight them in drafts and documents in review.
"""

from __future__ import annotations

import re

__all__ = ["PLACEHOLDER", "WORDS"]

WORDS = ("TODO", "TBD", "待定", "待补充")
# TODO and TBD as whole words in upper case: letters, digits or `_` on either side make
# another word ("TODOS", "mytodo"), while CJK text around them does not ("描述TODO").
PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9_])(?:TODO|TBD)(?![A-Za-z0-9_])|待定|待补充")
