"""Text everywhere in the document: placeholders left in, and bidirectional control characters."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from prdkit.diagnostics import Finding
from prdkit.model import Document
from prdkit.rules._common import Places, graded, listing
from prdkit.source import join

# TODO and TBD as whole words in upper case: letters, digits or `_` on either side make
# another word ("TODOS", "mytodo"), while CJK text around them does not ("描述TODO").
PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9_])(?:TODO|TBD)(?![A-Za-z0-9_])|待定|待补充")
# Embeddings, overrides and isolates: U+202A–U+202E and U+2066–U+2069.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`placeholder` (graded by status) and `bidi-control`, each field reported once."""
    severity = graded(doc)
    places = Places(doc)
    # (parent pointer, key or index, value, inside an x- extension), walked with a stack and
    # never recursively; a value's own pointer is built only when it is needed.
    stack: list[tuple[str, str | int | None, Any, bool]] = [("", None, data, False)]
    while stack:
        parent, token, value, extension = stack.pop()
        if isinstance(value, str):
            placeholders = None if extension else PLACEHOLDER.findall(value)
            bidi = BIDI.search(value)
            if placeholders or bidi:
                pointer = parent if token is None else join(parent, token)
            if placeholders:
                found = list(dict.fromkeys(placeholders))
                noun = "placeholder" if len(found) == 1 else "placeholders"
                yield Finding(
                    "placeholder",
                    pointer,
                    f"{places.describe(pointer)} still holds the {noun} {listing(found)}",
                    hint="write the missing content, or move the question to open_questions",
                    severity=severity,
                )
            if bidi:
                yield _bidi(pointer, value, places, "value")
            continue
        pointer = parent if token is None else join(parent, token)
        if isinstance(value, Mapping):
            for key in value:
                if BIDI.search(key):
                    yield _bidi(join(pointer, key), key, places, "key")
            stack.extend(
                (pointer, key, child, extension or key.startswith("x-"))
                for key, child in reversed(list(value.items()))
            )
        elif isinstance(value, list):
            stack.extend((pointer, i, v, extension) for i, v in reversed(list(enumerate(value))))


def _bidi(pointer: str, text: str, places: Places, at: Literal["value", "key"]) -> Finding:
    codes = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in BIDI.findall(text)))
    what = "key" if at == "key" else "text"
    return Finding(
        "bidi-control",
        pointer,
        f"the {what} of {places.describe(pointer)} holds invisible bidirectional control "
        f"characters ({codes}), which can make it display differently from what it says",
        hint="delete the invisible characters; right-to-left text needs no overrides",
        at=at,
    )
