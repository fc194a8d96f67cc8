"""What CommonMark's delimiter rules make of an emphasis run the writer puts around a text."""

from __future__ import annotations

import unicodedata

from prdkit.richtext import MD, Node

__all__ = ["DELIMITING", "flanking", "next_char", "reads_back", "touches", "usable"]


def touches(text: str, char: str, *, end: bool) -> bool:
    """True when a run of `char` at `text`'s end (or start) would merge with it (unescaped)."""
    if end:
        return text.endswith(char) and not text.endswith("\\" + char)
    return text.startswith(char)


def flanking(char: str) -> str:
    """The class CommonMark's flanking rules give `char`: "space", "punct" or "other"."""
    if not char or char.isspace():
        return "space"
    if unicodedata.category(char)[0] in "PS":
        return "punct"
    return "other"


def next_char(after: Node | None) -> str:
    """The first character written for node `after` ("*" for markup, "" for a line end)."""
    if after is None or after.type in ("softbreak", "hardbreak"):
        return ""
    return after.content[:1] if after.type == "text" else "*"  # other nodes open with markup


def reads_back(run: str, body: str, kind: str) -> bool:
    """True when `run` + `body` + `run` parses as one `kind` node spanning all of it."""
    tokens = MD.parseInline(f"{run}{body}{run}")[0].children or []
    depth = 0
    for i, token in enumerate(tokens):
        depth += {f"{kind}_open": 1, f"{kind}_close": -1}.get(token.type, 0)
        if depth == 0 and (i < len(tokens) - 1 or token.type != f"{kind}_close"):
            return False
        if i == 0 and token.type != f"{kind}_open":
            return False
    return bool(tokens)


def usable(run: str, before: str, body: str, after: str, kind: str) -> bool:
    """True when `run` around `body`, between `before` and `after`, reads back as `kind`."""
    char = run[0]
    if touches(before, char, end=True):
        return False  # it would merge with the run before it: `*a**b*`
    first, last, prev = flanking(body[:1]), flanking(body[-1:]), flanking(before[-1:])
    opens = first != "space" and (first != "punct" or prev != "other")
    closes = last != "space" and (last != "punct" or flanking(after) != "other")
    if not (opens and closes):
        return False
    if body.startswith(char) or touches(body, char, end=True):
        return reads_back(run, body, kind)  # `***a***` is fine, `**\*a*\**` is not
    return True


# Next to these, a delimiter run may join or split runs differently than in the source; a
# run at the very start of an inner run has unknown neighbours.
DELIMITING = set("*_~\\<>[]`")
