"""Looking inside rendered outputs as a reader's viewer would: live HTML, links, visible text."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO

from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http:", "https:", "mailto:")
# Elements a Markdown renderer itself produces, plus the <br> writers use inside table cells.
MARKDOWN_TAGS = frozenset(
    {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "s", "del", "code"}
    | {"pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr"}
    | {"th", "td"}
)
# A viewer that lets raw HTML through (as many Markdown viewers do); GFM tables on.
VIEWER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROLS = re.compile(r"[\x00-\x20\x7f-\x9f]")


@dataclass
class Page(HTMLParser):
    """The elements, links and visible text of an HTML page."""

    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("href", "src", "action", "formaction", "srcset") and value is not None:
                self.links.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def markdown_page(markdown: str) -> Page:
    """`markdown` as a permissive viewer shows it."""
    page = Page()
    page.feed(VIEWER.render(markdown))
    page.close()
    return page


def unsafe_link(url: str) -> bool:
    """`True` for a link a browser would follow to script, data or local files."""
    cleaned = _CONTROLS.sub("", url)
    match = _SCHEME.match(cleaned)
    return match is not None and (match.group(1).lower() + ":") not in SAFE_SCHEMES


def live_html(page: Page) -> list[str]:
    """Everything in `page` a reader's browser would run or follow unsafely."""
    problems = [f"<{t}>" for t in page.tags if t not in MARKDOWN_TAGS]
    problems += [f"handler {h}" for h in page.handlers]
    problems += [f"link {u[:80]}" for u in page.links if unsafe_link(u)]
    return problems


def mermaid_blocks(markdown: str) -> list[str]:
    """The bodies of ```mermaid fences."""
    return re.findall(r"^```mermaid\n(.*?)^```", markdown, flags=re.M | re.S)


def mermaid_injections(markdown: str) -> list[str]:
    """Mermaid lines that are directives or click handlers rather than diagram text."""
    found = []
    for block in mermaid_blocks(markdown):
        for line in block.splitlines():
            stripped = line.strip()
            # Labels are quoted with their own quotes encoded, so text stays text; a line of
            # its own starting a directive would be the author's text breaking out.
            if stripped.startswith(("click ", "%%{", "style ", "classDef ", "linkStyle ")):
                found.append(stripped[:120])
    return found


@dataclass
class WordFile:
    """The text and the external link targets of a .docx."""

    text: str
    targets: list[str]
    parts: list[str]
    fields: list[str]


def read_docx(data: bytes) -> WordFile:
    """Every run of text, every external relationship target and field code of `data`."""
    texts: list[str] = []
    targets: list[str] = []
    fields: list[str] = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        names = archive.namelist()
        for name in names:
            if not name.endswith(".xml") and not name.endswith(".rels"):
                continue
            xml = archive.read(name).decode("utf-8")
            if name.endswith(".rels"):
                for target, mode in re.findall(
                    r'Target="([^"]*)"(?:\s+TargetMode="([^"]*)")?', xml
                ):
                    if mode == "External":
                        targets.append(_unescape(target))
                continue
            texts.extend(_unescape(t) for t in re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
            fields.extend(
                _unescape(t)
                for t in re.findall(r"<w:instrText(?:\s[^>]*)?>([^<]*)</w:instrText>", xml)
            )
            fields.extend(_unescape(t) for t in re.findall(r'w:instr="([^"]*)"', xml))
    return WordFile("".join(texts), targets, names, fields)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
