"""Text everywhere in the document: placeholders left in, and bidirectional control characters."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.placeholders import PLACEHOLDER, SPELLINGS, may_hold
from prdkit.rules._common import Places, graded, listing, verbatim
from prdkit.source import join

# Embeddings, overrides and isolates: U+202A–U+202E and U+2066–U+2069.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BIDI_CHARS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def idle(source: str) -> bool:
    """True when `source` proves the walk below finds nothing (it is most of a large check)."""
    # Substring tests, not the patterns: on megabytes of text they are many times faster.
    # A word's first character alone is found faster still, and rules out the word if absent.
    words = (*SPELLINGS, *_BIDI_CHARS)
    return verbatim(source) and not any(word[0] in source and word in source for word in words)


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
            placeholders = None if extension or not may_hold(value) else PLACEHOLDER.findall(value)
            bidi = BIDI.search(value)
            if placeholders or bidi:
                pointer = parent if token is None else join(parent, token)
            if placeholders:
                found = list(dict.fromkeys(placeholders))
                yield Finding(
                    "placeholder",
                    pointer,
                    msg(
                        "placeholder" + ("" if len(found) == 1 else ".many"),
                        place=places.describe(pointer),
                        found=listing(found),
                    ),
                    hint=msg(_placeholder_hint(parent, token)),
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
    return Finding(
        "bidi-control",
        pointer,
        msg(f"bidi-control.{at}", place=places.describe(pointer), codes=codes),
        hint=msg("bidi-control.hint"),
        at=at,
    )


# Fields where a placeholder stands for a question still open; elsewhere (an owner, a date,
# a title) the value itself is simply missing.
_QUESTION_FIELDS = frozenset({"summary", "description", "background", "notes", "rationale"})


def _placeholder_hint(parent: str, token: str | int | None) -> str:
    if isinstance(token, str) and token not in _QUESTION_FIELDS:
        return "placeholder.hint.value"
    return "placeholder.hint"
