"""Where a document names pictures: `![alt](path)` in any Markdown field, and prototypes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from prdkit.messages import Msg, msg
from prdkit.model import Document
from prdkit.source import join

# http(s) pictures are never fetched: writers show them as links.
_REMOTE = re.compile(r"https?://", re.IGNORECASE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# What a backslash and a letter stand for in double quotes, back to how they were written:
# a Windows path's "\new", "\Products", "\Logo", "\Nav" (a path holds none of these).
_ESCAPED = {
    "\n": "\\n",
    "\t": "\\t",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# `![alt](src)` left as text, with a scheme markdown-it never links; one level of
# parentheses in the address (`javascript:alert(1)`). Bounded: no backtracking past a
# bracket or a parenthesis.
_REFUSED = re.compile(
    r"!\[([^\[\]\n]{0,200})\]\(((?:file|data|javascript|vbscript):"
    r"(?:[^()\s]|\([^()\s]{0,200}\)){0,2000})\)",
    re.I,
)

# `![alt](a path with spaces)` left as text: Markdown ends a destination at its first space
# unless it is written in angle brackets. Bounded as `_REFUSED`.
_SPACED = re.compile(
    r"!\[((?:[^\[\]\n]|\[[^\[\]\n]{0,200}\]){0,200})\]\(([^()<>\n]{1,2000})\)"
)  # the alt text may hold brackets, one pair deep: ![flow [v2]](a b.png)
# …and its title, when it has one: `x y.png "Home"`.
_TITLED = re.compile(r"(.*?)\s+(\"[^\"]*\"|'[^']*')")


@dataclass(frozen=True, slots=True)
class ImageRef:
    """One picture named by the document.

    `src` is the reference as the writers meet it (markdown-it's normalised destination, or
    the prototype's `image` as written); `path` is the file path it stands for.
    """

    pointer: str
    src: str
    path: str
    alt: str = ""
    extent: int = 0  # length of the Markdown value naming it (0: the value is the path)
    # Written as a picture but shown as its text (a path with spaces outside angle brackets):
    # the picture as it should be written; None for a picture made.
    fix: str | None = None

    @property
    def remote(self) -> bool:
        """`True` for an http(s) address, which is linked and never fetched."""
        return is_remote(self.src)


def is_remote(src: str) -> bool:
    """`True` when `src` is an http(s) address (shown as a link, never fetched)."""
    return _REMOTE.match(src) is not None


def path_problem(path: str) -> tuple[str, Msg] | None:
    """(rule id, reason) when `path` cannot name a file inside the PRD's folder, else None."""
    if not path.strip():
        return "image-path", msg("image.no-file")
    if path.startswith("//"):
        return "image-path", msg("image.no-scheme")
    scheme = _SCHEME.match(path)
    if scheme is not None and len(scheme.group(1)) > 1:
        kind = scheme.group(1).lower()
        if kind == "data":
            return "image-path", msg("image.data-address")
        return "image-path", msg("image.other-address", scheme=kind)
    if "\\" in path:
        return "image-path", msg("image.backslashes")
    escaped = next((ch for ch in path if ch in _ESCAPED), None)
    if escaped is not None:  # "images\new.png" in double quotes: \n is a line break
        return "image-path", msg("image.escaped", escape=_ESCAPED[escaped])
    if path.startswith("/") or scheme is not None:  # /x.png, C:/x.png
        return "image-outside-folder", msg("image.absolute")
    depth = 0
    for part in path.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return "image-outside-folder", msg("image.goes-up")
        elif part not in ("", "."):
            depth += 1
    return None


def image_refs(data: Mapping[str, Any], doc: Document, text: str | None = None) -> list[ImageRef]:
    """Every picture the document names, in document order of the fields naming them.

    `text`, the source, spares the walk over every value when it holds no `![` at all.
    """
    refs: list[ImageRef] = []
    from prdkit.mdfields import any_string, markdown_values

    # "!" alone is found several times faster than "![" in a long text, and is often absent.
    if (text is None or ("!" in text and "![" in text)) and any_string(
        data, lambda value: "![" in value
    ):
        for pointer, text in markdown_values(data):
            if "![" in text:
                refs.extend(_in_markdown(pointer, text))
    for page in doc.pages:
        for proto in page.prototypes:
            here = join(proto.pointer, "image")
            refs.append(ImageRef(here, proto.image, proto.image, proto.caption or page.name))
    return refs


def _written_bare(text: str) -> set[str]:
    """The pictures with a space in their path written in `text`, the source, as they read:
    not those whose `!` is escaped (`\\![a](b c.png)`), which the author wrote to show the
    syntax as text. One pass over the text, however many there are."""
    bare = set()
    for match in _SPACED.finditer(text):
        at = match.start()
        slashes = 0
        while at > 0 and text[at - 1] == "\\":
            at -= 1
            slashes += 1
        if slashes % 2 == 0:
            bare.add(match.group())
    return bare


def _in_markdown(pointer: str, text: str) -> Iterator[ImageRef]:
    from prdkit.richtext import parse

    stack = [parse(text)]
    found = []
    bare: set[str] | None = None  # see `_written_bare`, read only when a text node needs it
    while stack:
        node = stack.pop()
        if node.type == "image":
            src = str(node.attrs.get("src", ""))
            found.append(ImageRef(pointer, src, unquote(src), node.content, len(text)))
        elif node.type == "text" and "](" in node.content:
            # A picture markdown-it refused to make (`file:`, `data:`, `javascript:`) shows
            # as its text: named here, so the author learns why it shows no picture.
            for match in _REFUSED.finditer(node.content):
                src = match.group(2)
                found.append(ImageRef(pointer, src, unquote(src), match.group(1), len(text)))
            for match in _SPACED.finditer(node.content):
                src = match.group(2).strip()
                spaced = " " in src or "\t" in src
                if spaced and _REFUSED.fullmatch(match.group()) is None:
                    if bare is None:
                        bare = _written_bare(text)
                    if match.group() not in bare:
                        continue  # an escaped `!` or an entity: the syntax shown as text
                    alt = match.group(1)
                    titled = _TITLED.fullmatch(src)
                    path, title = titled.groups() if titled else (src, "")
                    fix = f"![{alt}](<{path}>{' ' + title if title else ''})"
                    found.append(ImageRef(pointer, path, path, alt, len(text), fix=fix))
        stack.extend(reversed(node.children))
    yield from found
