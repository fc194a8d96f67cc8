"""Text made safe for a terminal, a CI log or a report: one escaping for every output of
document text and file names."""

from __future__ import annotations

import re

# Characters that must never reach a terminal or CI log raw: controls, bidi overrides,
# line and paragraph separators, the BOM/zero-width no-break space, non-characters, and the
# lone surrogates Python uses for bytes of a file name that are not UTF-8 (unencodable).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def clean(text: str, limit: int = 300) -> str:
    """`text` made safe for one output line: invisible characters escaped, long text cut."""
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def safe_lines(text: str, limit: int = 2000) -> str:
    """Text of several lines for a terminal or CI log: each line cleaned, none a command.

    Every message that may carry document text or a file name reaches stderr through here,
    so a value holding `\n::error::…` can neither break a line nor start a workflow command.
    """
    return "\n".join(_defused(clean(line, limit)) for line in text.split("\n"))


def _defused(line: str) -> str:
    """`line` unable to start a workflow command: a leading `::` gets its first colon escaped."""
    body = line.lstrip()
    if not body.startswith("::"):
        return line
    return line[: len(line) - len(body)] + "\\u003a" + body[1:]


def shown_path(file: str) -> str:
    """A file name safe at the start of a line: `::x` (a CI workflow command) becomes `./::x`."""
    text = clean(file, 500)
    return "./" + text if text.startswith((":", "-")) else text
