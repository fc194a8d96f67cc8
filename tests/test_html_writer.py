"""The HTML writer: self-contained, escaped, anchors as the Markdown's, pictures embedded."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from prdkit.check import check_bytes, check_file
from prdkit.writers import RenderOptions
from prdkit.writers.html import CSP, write
from prdkit.writers.markdown import render as render_markdown
from tests.conftest import EXAMPLES, MINIMAL, ROOT
from tests.pictures import png

# A whole, valid picture: validation reads every picture and reports a damaged one.
PNG_1x1 = png(1, 1)


class Page(HTMLParser):
    """Every element with its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if a.get("id")}


def parse(html: bytes) -> Page:
    page = Page()
    page.feed(html.decode("utf-8"))
    return page


def render(path: Path, lang: str | None = None) -> bytes:
    result = check_file(path)
    assert result.document is not None, result.diagnostics
    return write(
        result.document,
        RenderOptions(lang=lang or result.document.meta.language or "en", source_dir=path.parent),
    )


def render_text(text: str, folder: Path) -> bytes:
    result = check_bytes(text.encode(), str(folder / "doc.prd.yaml"))
    assert result.document is not None, [d.message for d in result.diagnostics]
    return write(result.document, RenderOptions(lang="en", source_dir=folder))


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.prd.yaml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_self_contained_and_scriptless(path: Path) -> None:
    html = render(path)
    page = parse(html)
    tags = {tag for tag, _ in page.elements}
    assert "script" not in tags and "iframe" not in tags and "link" not in tags
    csp = [
        a["content"] for t, a in page.elements if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp == [CSP] and "default-src 'none'" in CSP
    for _, attrs in page.elements:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith("//"), value
            if name == "src" and name in attrs:
                assert value.startswith("data:image/"), value
            if value and not value.startswith("#"):
                assert value.startswith(("https://", "http://", "mailto:", "data:image/")), value


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_link_to_an_anchor_resolves(path: Path) -> None:
    page = parse(render(path))
    ids = page.ids()
    targets = {
        a["href"][1:]
        for t, a in page.elements
        if t == "a" and (a.get("href") or "").startswith("#")
    }
    assert targets, "the contents link to the sections"
    assert targets <= ids, sorted(targets - ids)[:5]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_heading_ids_match_the_markdown_anchors(path: Path, lang: str) -> None:
    result = check_file(path)
    markdown = render_markdown(result.document, lang)
    anchors = re.findall(r"^\s*- \[.*\]\(#([^)]+)\)$", markdown, flags=re.M)
    assert len(anchors) > 10
    ids = parse(render(path, lang)).ids()
    assert set(anchors) <= ids, sorted(set(anchors) - ids)[:5]


def test_same_input_same_bytes() -> None:
    path = EXAMPLES / "flash-sale.prd.yaml"
    assert render(path) == render(path)


HOSTILE = MINIMAL.replace(
    "    priority: could\n",
    """    priority: could
    description: |
      <script>alert(1)</script> and </style><b>bold</b>
      [click](javascript:alert(2)) [mail](mailto:a@example.com) [rel](../etc/passwd)
      ![remote](https://example.com/x.png) ![up](../secret.png) ![here](pic.png)
      ![abs](/etc/hostname)
""",
).replace("  title: Demo\n", '  title: "Demo </title><script>alert(3)</script>"\n')


def test_document_text_stays_inert(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(PNG_1x1)
    (tmp_path.parent / "secret.png").write_bytes(PNG_1x1)
    html = render_text(HOSTILE, tmp_path)
    page = parse(html)
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text and "</style><b>bold</b>" in text
    assert "</title><script>alert(3)</script>" in text
    assert not [a for t, a in page.elements if t in ("script", "b")]
    hrefs = [a.get("href") for t, a in page.elements if t == "a"]
    assert "mailto:a@example.com" in hrefs
    assert not [h for h in hrefs if h and ("javascript" in h or "passwd" in h)]
    # A remote picture is a link, never fetched; only the picture inside the folder is embedded.
    assert "https://example.com/x.png" in hrefs
    images = [a for t, a in page.elements if t == "img"]
    assert [a["alt"] for a in images] == ["here"]
    assert images[0]["src"].startswith("data:image/png;base64,")
    assert "up" in text and "abs" in text  # the alt text stands in for a refused picture


def test_text_pretending_to_be_a_picture_is_not_embedded(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_text("not a picture")
    page = parse(render_text(HOSTILE, tmp_path))
    assert not [a for t, a in page.elements if t == "img"]


def test_a_picture_linking_outside_the_folder_is_not_embedded(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG_1x1)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "pic.png").symlink_to(outside)
    page = parse(render_text(HOSTILE, folder))
    assert not [a for t, a in page.elements if t == "img"]


def test_chinese_page_is_marked_chinese() -> None:
    html = render(EXAMPLES / "flash-sale.prd.yaml", "zh").decode()
    assert '<html lang="zh-CN"' in html
    assert "Noto Sans CJK SC" in html
    assert str(ROOT) not in html  # no path of this machine leaks into the page


RTL = MINIMAL.replace("title: Checkout works", "title: תשלום בקופה").replace(
    "priority: could",
    "priority: could\n    description: |\n      الدفع عند الاستلام متاح.\n\n      - بند أول",
)


def test_user_text_takes_its_own_direction(tmp_path: Path) -> None:
    # Every element holding the author's words says dir="auto": Hebrew and Arabic read right
    # to left inside an English page; the page's own words keep its direction.
    page = render_text(RTL, tmp_path).decode()
    assert re.search(
        r'<h3 id="[^"]*" dir="auto"><span class="num">[\d.]+ </span><span dir="ltr">R1</span>'
        r" תשלום בקופה</h3>",
        page,
    )
    assert '<p dir="auto">الدفع عند الاستلام متاح.</p>' in page
    assert '<li dir="auto">بند أول</li>' in page
    assert re.search(r'<td class="col-text" dir="auto">תשלום בקופה</td>', page)
    assert '<html lang="en"' in page and 'dir="auto"' not in page.split("<body>")[0]


@pytest.mark.parametrize(
    ("status", "word", "note"),
    [
        ("draft", "DRAFT", "Draft — not approved; its contents may still change"),
        ("review", "IN REVIEW", "In review — not yet approved"),
    ],
)
def test_a_document_not_approved_is_stamped_above_its_title_and_on_every_printed_page(
    tmp_path: Path, status: str, word: str, note: str
) -> None:
    # Word stamps a draft on its cover and every page; the page and its PDF said nothing,
    # so a printed draft read as the approved text.
    page = render_text(MINIMAL.replace("status: draft", f"status: {status}"), tmp_path).decode()
    stamp = page.index('<p class="stamp">')
    assert stamp < page.index('<h1 class="title"')
    assert f'<strong class="stamp-word stamp-{status}">{word}</strong>' in page
    assert f'<span class="stamp-note">{note}</span>' in page
    assert "string-set: doc-mark content()" in page  # its word in the printed pages' corner
    assert "@top-right { content: string(doc-mark)" in page


def test_an_approved_document_carries_no_stamp() -> None:
    page = render(EXAMPLES / "flash-sale.prd.yaml").decode()
    assert 'class="stamp"' not in page


def test_lines_wrapped_beside_chinese_text_are_joined(tmp_path: Path) -> None:
    # A kept line end between two Chinese characters is drawn as a space ("配置， 库存"), as
    # Word and the Markdown do not; one between English words stays the space it reads as.
    summary = (
        "  summary: |\n    手工配置，\n    库存扣减。Then English\n    words **粗体**\n    结尾.\n"
    )
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n" + summary)
    page = render_text(text, tmp_path).decode()
    assert "手工配置，库存扣减。Then English\nwords <strong>粗体</strong>结尾." in page


def test_a_web_address_written_as_text_may_break_anywhere(tmp_path: Path) -> None:
    # overflow-wrap: break-word does not count in a table column's least width: a long
    # address written as plain text widened its column past the page. Marked, it breaks.
    address = "https://wiki.example.com/prd/checkout?tab=rules&v=2"
    text = MINIMAL.replace(
        "priority: could",
        f"priority: could\n    description: 见 {address}，或问 Ann's team.",
    )
    text += f"pages:\n  - id: PG-1\n    name: Cart\n    elements:\n      - name: {address}\n"
    html = render_text(text, tmp_path).decode("utf-8")
    shown = '<span class="url">' + address.replace("&", "&amp;") + "</span>"
    assert f"见 {shown}，或问 Ann's team." in html  # the sentence's "，" is not taken in
    assert f'<td class="col-text" dir="auto">{shown}</td>' in html  # a plain-text cell too
    assert "td .url" in html and "overflow-wrap: anywhere" in html


def _word_contents(data: bytes) -> list[str]:
    """The entries of a Word file's contents as cached for readers that do not update it:
    each heading's number and text."""
    import io
    import zipfile

    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    entries = []
    for para in etree.fromstring(xml).iter(f"{w}p"):
        style = para.find(f"{w}pPr/{w}pStyle")
        if style is None or style.get(f"{w}val") not in ("TOC1", "TOC2"):
            continue
        text = "".join(t.text or "" for t in para.iter(f"{w}t")).replace("\u2060", "")
        entries.append(" ".join(text.split()))
    return entries


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_headings_carry_the_numbers_word_gives_them(lang: str) -> None:
    # A reviewer holding the Word file and one holding the PDF cite the same section: the
    # page's headings and contents show Word's numbers, and keep their unnumbered ids.
    from prdkit.writers.docx import write as write_docx

    doc = check_file(EXAMPLES / "flash-sale.prd.yaml").document
    assert doc is not None
    page = write(doc, RenderOptions(lang=lang)).decode()
    nav = page[page.index('<nav class="toc"') : page.index("</nav>")]
    contents = [
        " ".join(re.sub("<[^>]+>", "", entry).replace("&amp;", "&").split())
        for entry in re.findall(r'<a href="#[^"]*">(.*?)</a>', nav)
    ]
    word = _word_contents(write_docx(doc, RenderOptions(lang=lang)))
    # Word alone heads the schedule's Gantt chart and milestones apart.
    lanes = {"（一）甘特图", "（二）里程碑", "12.1 Timeline", "12.2 Milestones"}
    assert contents == [entry for entry in word if entry not in lanes]
    first = "一、" if lang == "zh" else "1 "
    assert contents[0].startswith(first)
    assert re.search(f'<h2 id="[^"]*" dir="auto"><span class="num">{first}</span>', page)
    assert '<h2 id="overview"' in page or '<h2 id="总览"' in page  # ids as unnumbered
    plain = write(doc, RenderOptions(lang=lang, number_headings=False)).decode()
    assert 'class="num"' not in plain
