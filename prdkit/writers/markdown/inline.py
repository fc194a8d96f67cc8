"""Inline Markdown re-rendered from the syntax tree: one function per node type."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from prdkit.images.pictures import NO_PICTURES, Pictures, is_remote
from prdkit.richtext import MD, Node, is_spared, line_end_joins, safe_link, visible_edge
from prdkit.writers.markdown.delimiters import DELIMITING, next_char, touches, usable
from prdkit.writers.markdown.text import code_span, escape, guard_line, url_destination

__all__ = ["BR", "render_inline", "render_text", "visible_text"]

BR = "<br>"  # the one HTML element the output uses: a line break inside a table cell


class _Inline:
    """One inline run being written: its parts, its context, and the node that comes next."""

    def __init__(
        self,
        cell: bool,
        *,
        in_link: bool = False,
        line_start: bool = True,
        marks: bool = True,
        doubt: list[bool] | None = None,
        nested: bool = False,
        pictures: Pictures = NO_PICTURES,
    ) -> None:
        self.cell = cell
        self.pictures = pictures
        self.in_link = in_link
        self.marks = marks  # False: emphasis is written as its bare text
        self.line_start = line_start  # whether the run itself opens a line
        # Shared by a run and its inner runs: set when an emphasis sits where delimiter runs
        # could pair up differently from the source's, so the whole run is read back.
        self.doubt = doubt if doubt is not None else [False]
        self.nested = nested  # inside an emphasis: same-character runs may pair up anew
        self.parts: list[str] = []
        self.following: Node | None = None
        self.index, self.siblings = 0, []  # the current node's place among its siblings

    def tail(self, size: int) -> str:
        """The last `size` characters written (without joining everything: storms stay linear)."""
        out = ""
        for part in reversed(self.parts):
            out = part[-(size - len(out)) :] + out
            if len(out) >= size:
                break
        return out

    def at_line_start(self) -> bool:
        last = self.tail(1)
        return last == "\n" if last else self.line_start

    def inner(
        self, *, in_link: bool | None = None, line_start: bool = False, nested: bool = False
    ) -> _Inline:
        """A run for the children of a link or an emphasis (after its opening marker)."""
        return _Inline(
            self.cell,
            in_link=self.in_link if in_link is None else in_link,
            line_start=line_start,
            marks=self.marks,
            doubt=self.doubt,
            nested=self.nested or nested,
            pictures=self.pictures,
        )

    def children(self, node: Node) -> None:
        kids = node.children
        for i, child in enumerate(kids):
            # Siblings are looked up by position: Node.next_sibling is a linear search.
            self.following = kids[i + 1] if i + 1 < len(kids) else None
            self.index, self.siblings = i, kids
            _RULES.get(child.type, _unknown)(self, child)

    def followed_by_text(self) -> bool:
        """True when text, a line break or nothing follows the current node."""
        return _followed_by_text(self.siblings, self.index)


def _followed_by_text(siblings: list[Node], index: int) -> bool:
    """True when text, a line break or nothing follows `siblings[index]`."""
    # Indexed, not sliced: a paragraph of thousands of runs would copy its list each time.
    for i in range(index + 1, len(siblings)):
        sibling = siblings[i]
        if sibling.type not in _KNOWN_AFTER:
            return False
        if sibling.type != "text" or sibling.content:
            return True
    return True


def _text(state: _Inline, node: Node) -> None:
    line_start = state.at_line_start()
    state.parts.append(escape(node.content, line_start=line_start, autolink=not state.in_link))


_MARKS = frozenset("*_~`")  # the last character of a closing emphasis or code mark
_MARKED = frozenset({"em", "strong", "s", "code_inline", "link"})  # nodes opening with one


def _next_kind(siblings: list[Node], index: int) -> str:
    """The type of the first node after `siblings[index]` that writes something."""
    for i in range(index + 1, len(siblings)):
        if siblings[i].type != "text" or siblings[i].content:
            return siblings[i].type
    return ""


def _softbreak(state: _Inline, node: Node) -> None:
    # A line end inside a paragraph is where the author's editor wrapped, not a break: GitHub
    # shows it as a space, so a cell shows it as one too (only a hard break, or a new block,
    # is written `<br>`). Between Chinese characters it is nothing at all (`line_end_joins`):
    # browsers draw a kept line end there as a space between two characters.
    siblings, index = state.siblings, state.index
    joins = line_end_joins(visible_edge(siblings, index, -1), visible_edge(siblings, index, 1))
    # Unless the marks of two emphases would touch (`**手册****第二章**` pairs up anew): the
    # line end then stays, and the lines keep their space.
    if joins and (state.tail(1) not in _MARKS or _next_kind(siblings, index) not in _MARKED):
        return
    state.parts.append(" " if state.cell else "\n")


def _hardbreak(state: _Inline, node: Node) -> None:
    state.parts.append(BR if state.cell else "\\\n")


def _join_code(state: _Inline, text: str) -> None:
    # Two code spans side by side would read as one (`a``b`): a space keeps them apart. They
    # meet only where an emphasis between them was left out.
    if text.startswith("`") and touches(state.tail(2), "`", end=True):
        state.parts.append(" ")
    state.parts.append(text)


def _code(state: _Inline, node: Node) -> None:
    _join_code(state, code_span(node.content, in_table=state.cell))


_KNOWN_AFTER = frozenset({"text", "softbreak", "hardbreak"})


def _wrap(marker: str) -> Callable[[_Inline, Node], None]:
    def rule(state: _Inline, node: Node) -> None:
        before, after = state.tail(2), next_char(state.following)
        inner = state.inner(nested=True)
        inner.children(node)
        body = "".join(inner.parts)
        if not body:
            return
        # Always `*` (and `~~`): markdownlint wants one emphasis style (MD049, MD050).
        if state.marks and usable(marker, before, body, after, node.type):
            state.parts.append(f"{marker}{body}{marker}")
            edges = (before[-1:], body[:1], body[-1:], after)
            following = state.following
            linked = following is not None and following.content.startswith(("http", "www."))
            # A run's very start is a line's start only for the outermost run (`line_start`);
            # what follows is known only when it is text (a link may be written as its words).
            opening = not before and not state.line_start
            unknown = not state.followed_by_text()
            if (
                any(c and c in DELIMITING for c in edges)
                or opening
                or unknown
                or linked
                or state.nested
            ):
                state.doubt[0] = True
            return
        state.doubt[0] = True
        # No run can open or close here (next to another emphasis, or around an autolink
        # this writer added, `*<url>*a`): the text stays, this emphasis goes. Without its
        # marker the text may open a line, where `>` or `1.` would start a block.
        if state.at_line_start():
            inner = state.inner(line_start=True, nested=True)
            inner.children(node)
            body = "".join(inner.parts)
        _join_code(state, body)

    return rule


def _title(node: Node) -> str:
    title = node.attrs.get("title")
    if not title:
        return ""
    cleaned = " ".join(str(title).replace("\x00", "\ufffd").split())
    for char in '\\"|':
        cleaned = cleaned.replace(char, "\\" + char)
    return f' "{cleaned}"'


_VAGUE = {"click here", "here", "link", "more"}


def _link(state: _Inline, node: Node) -> None:
    href = safe_link(str(node.attrs.get("href", "")))
    if href is not None and node.markup == "autolink":
        shown = "".join(c.content for c in node.children)
        if re.fullmatch(r"[^\s<>|]+", shown):  # `|` would end a table cell
            state.parts.append(f"<{shown}>")
            return
    # Link text never holds another link: URLs in it stay text.
    inner = state.inner(in_link=href is not None)
    inner.children(node)
    text = "".join(inner.parts)
    if href is None:
        # javascript:, data:, relative links: the words stay, the link goes.
        state.parts.append(text)
        return
    state.parts.append(_link_to(href, text, visible_text(node), _title(node)))


def _link_to(href: str, text: str, shown: str, title: str) -> str:
    """A link to `href` written `text` (Markdown of the words a reader sees, `shown`)."""
    words = " ".join(re.sub(r"[^\w]+", " ", shown.lower()).split())
    if words in _VAGUE:
        # "click [here](…)" says nothing out of context (markdownlint MD059): the words stay
        # and the address itself becomes the link.
        return f"{text} (<{url_destination(href)}>)"
    label = text or escape(href, autolink=False)
    return f"[{label}]({url_destination(href)}{title})"


def _image(state: _Inline, node: Node) -> None:
    written = str(node.attrs.get("src", ""))
    local = state.pictures.path_from_output(written)
    # An http(s) picture is a link, as in Word: a reader's viewer would fetch it on sight,
    # telling its owner who read the document and when.
    url = safe_link(written) if is_remote(written) else None
    inner = state.inner(in_link=local is not None or url is not None)
    inner.children(node)
    alt = "".join(inner.parts)
    if local is not None:
        label = alt or escape(posixpath.basename(local))  # an image needs alt text (MD045)
        state.parts.append(f"![{label}]({url_destination(local)}{_title(node)})")
    elif url is None:
        state.parts.append(alt)
    elif not alt:
        state.parts.append(f"<{url_destination(url)}>")
    else:
        state.parts.append(f"[{alt}]({url_destination(url)}{_title(node)})")


def _unknown(state: _Inline, node: Node) -> None:
    # Raw HTML (the parser keeps it as text, but be explicit) and any node type this writer
    # does not know: shown as the literal text it holds, escaped, never as markup.
    if node.children:
        inner = state.inner()
        inner.children(node)
        state.parts.append("".join(inner.parts))
    else:
        state.parts.append(escape(node.content, line_start=state.at_line_start()))


_RULES: dict[str, Callable[[_Inline, Node], None]] = {
    "text": _text,
    "softbreak": _softbreak,
    "hardbreak": _hardbreak,
    "code_inline": _code,
    "em": _wrap("*"),
    "strong": _wrap("**"),
    "s": _wrap("~~"),
    "link": _link,
    "image": _image,
    "html_inline": _unknown,
}


def _joined(state: _Inline) -> str:
    return _finished("".join(state.parts), state.cell)


def _finished(written: str, cell: bool) -> str:
    text = written.strip(" ")
    if cell:
        return text
    # A line may start with text that followed markup left out (`*1*)` without its emphasis
    # is `1)`, a list): every line start is checked once the run is whole.
    return "\n".join(_keep_end(guard_line(line)) for line in text.split("\n"))


def _keep_end(line: str) -> str:
    # A no-break space (or any space CommonMark keeps) ending a line is a lint error (MD009)
    # as a character and invisible either way: written as a reference, it stays.
    if not line or not line[-1].isspace():
        return line
    end = len(line)
    while end and line[end - 1].isspace():
        end -= 1
    return line[:end] + "".join(f"&#{ord(c)};" for c in line[end:])


def _bare(node: Node, cell: bool, pictures: Pictures) -> str:
    state = _Inline(cell, marks=False, pictures=pictures)
    state.children(node)
    return _joined(state)


def _reads_as(markdown: str, cell: bool) -> str:
    """What a reader sees of `markdown`, whitespace aside."""
    # The inline tokens' children in order are the tree's text in walk order, without
    # building the tree (a fifth of a long field's Markdown render went into it).
    tokens = MD.parse(markdown.replace(BR, "\n") if cell else markdown)
    seen = (
        child.content
        for token in tokens
        if token.type == "inline"
        for child in token.children or ()
        if child.type in ("text", "code_inline")
    )
    return re.sub(r"\s+", "", "".join(seen))


def render_inline(node: Node, *, cell: bool = False, pictures: Pictures = NO_PICTURES) -> str:
    """Markdown for the inline children of `node`; in a cell, hard line breaks become `<br>`.

    `pictures` are the checked pictures: an image naming one points at it from the output.
    """
    if is_spared(node):
        fast = _spared_run(node.children, cell)
        if fast is not None:
            return fast
    return _render_inline(node, cell, pictures)


def _render_inline(node: Node, cell: bool, pictures: Pictures) -> str:
    state = _Inline(cell, pictures=pictures)
    state.children(node)
    written = _joined(state)
    if not state.doubt[0]:
        return written
    # Delimiter runs interact across a whole paragraph (CommonMark's "rule of 3"); if the
    # emphasis as written would swallow or show an asterisk, the paragraph goes without it.
    bare = _bare(node, cell, pictures)
    return written if _reads_as(written, cell) == _reads_as(bare, cell) else bare


def _spared_run(children: list[Node], cell: bool) -> str | None:
    """What `_Inline` writes for the children of a spared inline node, without a state per
    node; None where an emphasis would leave a doubt (the general path then decides)."""
    # The spared grammar has no line breaks and no images, and nothing it writes holds a line
    # end: a child opens the line when nothing visible was written before it.
    parts: list[str] = []
    last = ""  # the last two characters written (`_Inline.tail(2)`)
    for i, child in enumerate(children):
        kind = child.type
        if kind == "text":
            if not child.content:
                continue
            part = escape(child.content, line_start=not last)
        elif kind == "code_inline":
            part = code_span(child.content, in_table=cell)
            if part.startswith("`") and touches(last, "`", end=True):
                part = " " + part
        elif kind == "strong":
            following = children[i + 1] if i + 1 < len(children) else None
            part = _spared_strong(child, last, following, children, i)
            if part is None:
                return None
        else:  # a link of one text, to an address `safe_link` keeps as it is, untitled
            shown = child.children[0].content
            part = _link_to(str(child.attrs["href"]), escape(shown, autolink=False), shown, "")
        parts.append(part)
        last = (last + part)[-2:]
    return _finished("".join(parts), cell)


def _spared_strong(
    node: Node, before: str, following: Node | None, siblings: list[Node], index: int
) -> str | None:
    """`_wrap("**")` for a spared bold text outside any other run; None where it would doubt."""
    body = escape(node.children[0].content)
    if not body or not usable("**", before, body, next_char(following), "strong"):
        return None
    edges = (before[-1:], body[:1], body[-1:], next_char(following))
    if any(c and c in DELIMITING for c in edges):
        return None
    if following is not None and following.content.startswith(("http", "www.")):
        return None
    return f"**{body}**" if _followed_by_text(siblings, index) else None


def render_text(text: str, *, cell: bool = False) -> str:
    """What `render_inline` writes for a paragraph of `text` alone (`richtext.plain_paragraph`)."""
    state = _Inline(cell)
    state.parts.append(escape(text, line_start=True))
    return _joined(state)


def visible_text(node: Node) -> str:
    """The text a reader sees in `node` (what GitHub builds a heading's anchor from)."""
    parts, todo = [], list(reversed(node.children))
    while todo:
        child = todo.pop()
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type != "image":  # an image shows no text, so its alt text is not counted
            todo.extend(reversed(child.children))
    return "".join(parts)
