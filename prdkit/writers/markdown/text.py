"""Plain text made safe for Markdown: escapes, code spans and bare URLs turned into autolinks."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "code_span",
    "escape",
    "guard_line",
    "heading_end",
    "heading_text",
    "inline_plain",
    "url_destination",
]

# Characters with a meaning anywhere inline: emphasis, code, links, tables, strikethrough,
# GitHub math (`$`), escapes themselves, and `#` (heading closers, so escaped everywhere).
_ALWAYS = {c: "\\" + c for c in "\\`*[]|~$#"}
_ALWAYS["<"] = "&lt;"  # never the start of a tag or an autolink the author did not write
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# At the start of a line these open a block: quote, list, setext underline, ordered list.
_LINE_START = re.compile(r"^(?:([>+=-])|(\d{1,9})([.)]))")
# Bare URLs and e-mail addresses, which GitHub links on its own and markdownlint (MD034)
# rejects: written as autolinks instead. A URL stops at whitespace, `<`, `|` (a table cell
# ends there), or non-ASCII punctuation such as `，` (Chinese text runs on after a link).
_BARE = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"|`\\]+)"
    r"|(?P<mail>(?<![\w.+-])[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
    re.ASCII,
)
_URL_BEFORE = set(" \t\n*_~(")
_NUL = "\x00"


def _ends_url(char: str) -> bool:
    return ord(char) > 127 and unicodedata.category(char)[0] in "PZ"


def _trim_url(url: str) -> str:
    for i, char in enumerate(url):
        if _ends_url(char):
            url = url[:i]
            break
    url = url.rstrip("?!.,:;*_~'\"")
    # A closing parenthesis belongs to the URL only when it balances an opening one.
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip("?!.,:;*_~'\"")
    return url


# Every character `_escape_char` may change; text holding none is written as it is.
_SPECIAL = re.compile(r"[\\`*\[\]|~$#<_&\x00-\x1f]")


def _escape_char(match: re.Match[str]) -> str:
    char, i, text = match[0], match.start(), match.string
    if char in _ALWAYS:
        return _ALWAYS[char]
    if char == "_":
        # Between two letters or digits `_` can never delimit emphasis: keep snake_case.
        inner = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
        return "_" if inner else "\\_"
    if char == "&":
        # `&copy;` written by the author stays those six characters.
        return "&amp;" if _ENTITY.match(text, i) else "&"
    if char == "\t":
        return " "  # hard tabs are lint errors (MD010) and read as spaces anyway
    if char == _NUL:
        return "\ufffd"  # as CommonMark itself reads it
    # A control character (or line break) written as `&#10;` in the source stays a
    # reference: a raw one could start a new block, `&#10;# x` a heading.
    return f"&#{ord(char)};"


def _escape_run(text: str) -> str:
    return _SPECIAL.sub(_escape_char, text)


def url_destination(url: str) -> str:
    """`url` as a link destination: no spaces, no parentheses or angle brackets left bare."""
    for char, code in (
        (" ", "%20"),
        ("(", "%28"),
        (")", "%29"),
        ("<", "%3C"),
        (">", "%3E"),
        ("|", "%7C"),
        ("\n", ""),
    ):
        url = url.replace(char, code)
    return url


def _linked(text: str) -> str:
    # Every bare URL or address holds one of these: most text is spared the search.
    if "http" not in text and "www." not in text and "@" not in text:
        return _escape_run(text)
    out, pos = [], 0
    for match in _BARE.finditer(text):
        start = match.start()
        if start < pos or (start > 0 and text[start - 1] not in _URL_BEFORE and match["url"]):
            continue
        found = _trim_url(match["url"]) if match["url"] else match["mail"]
        if not found or found in ("www.", "http://", "https://") or "." not in found:
            continue
        out.append(_escape_run(text[pos:start]))
        if found.startswith("www."):
            out.append(f"[{_escape_run(found)}]({url_destination('http://' + found)})")
        else:
            out.append(f"<{found}>")
        pos = start + len(found)
    out.append(_escape_run(text[pos:]))
    return "".join(out)


def escape(text: str, *, line_start: bool = False, autolink: bool = True) -> str:
    """`text` (one line) escaped so Markdown shows it literally; bare URLs become autolinks
    unless `autolink` is False (inside a link's text, where a link cannot nest)."""
    result = _linked(text) if autolink else _escape_run(text)
    if line_start:
        result = guard_line(result.lstrip(" \t"))
    return result


# What a line opening a block starts with: any other line is kept as it is, unsearched.
_BLOCK_OPENERS = frozenset(">+=-0123456789")


def guard_line(line: str) -> str:
    """`line` with a backslash where its start would open a quote, a list or an underline."""
    if not line or line[0] not in _BLOCK_OPENERS:
        return line
    return _LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], line, 1)


def inline_plain(
    text: str, *, separator: str, line_start: bool = False, autolink: bool = True
) -> str:
    """A plain (non-Markdown) string inline, its lines joined by `separator` (e.g. `<br>`).

    `line_start` says the text opens a line (a list item), where `1.` or `-` would start a block;
    `autolink=False` keeps URLs as text (a link's own text, where no link may nest).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return separator.join(
        escape(line, line_start=(line_start and i == 0) or separator == "\n", autolink=autolink)
        for i, line in enumerate(lines)
    )


def heading_text(text: str) -> str:
    """A plain string on one line, whitespace collapsed, for a heading."""
    return " ".join(text.split())


# markdownlint refuses a heading that ends in one of these (MD026) but not one that ends in a
# character reference, which readers see as the same character: `Ready!` → `Ready&#33;`.
_HEADING_TAIL = ".,;:!。，；：！"
_REFERENCE_END = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")


def heading_end(markdown: str) -> str:
    """Heading Markdown whose final punctuation, if any, is written as a character reference."""
    if not markdown or markdown[-1] not in _HEADING_TAIL or _REFERENCE_END.search(markdown):
        return markdown  # `&lt;` ends in a reference already, and MD026 lets that be
    return f"{markdown[:-1]}&#{ord(markdown[-1])};"


def code_span(content: str, *, in_table: bool = False) -> str:
    """`content` as a code span whose backtick fence is longer than any run inside it."""
    # Code spans repeat (a field's few identifiers, a table's column of codes); a long one
    # rarely does and would only fill the cache.
    if len(content) <= 200:
        return _cached_code_span(content, in_table)
    return _code_span(content, in_table)


def _code_span(content: str, in_table: bool) -> str:
    # Spaces at the edges are trimmed: markdownlint refuses them (MD038), readers miss them.
    content = " ".join(content.replace(_NUL, "\ufffd").splitlines()).strip(" ")
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = content.startswith("`") or content.endswith("`")
    if in_table:
        content = content.replace("|", "\\|")  # GFM splits cells before reading code spans
    if not content:
        return ""
    return f"{fence} {content} {fence}" if pad else f"{fence}{content}{fence}"


_cached_code_span = lru_cache(maxsize=1 << 12)(_code_span)
