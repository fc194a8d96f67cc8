"""`comment-in-text`: a ` #` after unquoted text starts a YAML comment and drops the rest."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.mdfields import prose_values
from prdkit.messages import msg
from prdkit.source import Span


def check_cuts(
    data: Mapping[str, Any], cuts: Iterable[tuple[str, Span, str, str]]
) -> Iterator[Finding]:
    """A warning for each value the loader saw cut by a comment, in text and Markdown fields.

    Other fields (ids, dates, numbers) cannot hold a meaningful ` #`; their comments stay
    quiet, as do comments after quoted or block values, which the loader never notes.
    """
    cuts = list(cuts)
    if not cuts:
        return
    prose = {pointer for pointer, _ in prose_values(data)}
    for pointer, span, value, dropped in cuts:
        if pointer not in prose:
            continue
        whole = f"{value} {dropped}".replace("\\", "\\\\").replace('"', '\\"')
        yield Finding(
            "comment-in-text",
            pointer,
            msg("comment-in-text", dropped=_short(dropped)),
            hint=msg("comment-in-text.hint", fix=_short(f'"{whole}"', 120)),
            span=span,
        )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
