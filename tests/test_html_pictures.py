"""Pictures of the HTML page: each picture's bytes once on the page, however often shown."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from prdkit.check import check_file
from prdkit.render import render_options
from prdkit.writers import RenderOptions
from prdkit.writers.html import PageTooLarge, render_page
from tests.conftest import MINIMAL
from tests.pictures import png
from tests.test_html_writer import parse

SHOT, ONCE = png(300, 200), png(30, 20, rgb=b"\x90\x60\x30")
# shot.png from four places (copy.png holds the same bytes), once.png from one.
SOURCE = MINIMAL.replace(
    "    priority: could\n",
    "    priority: could\n"
    "    description: |\n"
    '      Before ![the list](shot.png) and after ![](copy.png "same bytes")\n',
) + (
    "pages:\n  - id: P1\n    name: Home\n    prototypes:\n"
    "      - image: shot.png\n        caption: The list\n"
    "      - image: once.png\n"
    "      - image: shot.png\n"
)


def uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    for name, data in {"shot.png": SHOT, "copy.png": SHOT, "once.png": ONCE}.items():
        (tmp_path / name).write_bytes(data)
    path = tmp_path / "doc.prd.yaml"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def page_of(source: Path, checked: bool = True, media: str = "screen", **kw: int) -> bytes:
    result = check_file(source)
    assert result.document is not None
    if checked:
        options = render_options(result, source, source.parent)
    else:  # a library call: the writer reads the pictures from the folder itself
        options = RenderOptions(lang="en", source_dir=source.parent)
    return render_page(result.document, options, media, **kw)


@pytest.mark.parametrize("checked", [True, False], ids=["checked", "unchecked"])
def test_a_picture_shown_again_is_defined_once_and_used_at_each_place(
    source: Path, checked: bool
) -> None:
    html = page_of(source, checked)
    assert html.count(uri(SHOT).encode()) == 1 and html.count(uri(ONCE).encode()) == 1
    page = parse(html)
    (defined,) = [a for t, a in page.elements if t == "image"]
    assert defined == {"id": "picture:1", "width": "300", "height": "200", "href": uri(SHOT)}
    places = [a for t, a in page.elements if t == "svg" and a.get("class") == "picture"]
    # Named by the alt text as an <img> is; a picture without one is hidden from readers.
    assert [(a.get("role"), a.get("aria-label"), a.get("aria-hidden")) for a in places] == [
        ("img", "the list", None),
        (None, None, "true"),
        ("img", "The list", None),
        ("img", "Home", None),
    ]
    assert {(a["width"], a["height"], a["viewbox"]) for a in places} == {
        ("300", "200", "0 0 300 200")
    }
    assert [a["href"] for t, a in page.elements if t == "use"] == ["#picture:1"] * 4
    assert "<title>same bytes</title><use " in html.decode()
    # A picture shown at one place stays an <img>, as on a page with no picture repeated.
    assert [(a["src"], a["alt"]) for t, a in page.elements if t == "img"] == [(uri(ONCE), "Home")]
    assert page.ids() >= {"picture:1"}
    assert page_of(source, checked) == html


def test_the_print_page_has_an_img_at_each_place_and_its_size_is_known_first(
    source: Path,
) -> None:
    # WeasyPrint follows no <use> from one inline <svg> into another.
    html = page_of(source, media="print")
    assert html.count(uri(SHOT).encode()) == 4 and b'<svg class="picture' not in html
    assert b"<image " not in html
    with pytest.raises(PageTooLarge) as refused:
        page_of(source, media="print", limit=len(html) - 1)
    assert refused.value.size == len(html)
    assert page_of(source, media="print", limit=len(html)) == html


def test_a_page_with_no_picture_shown_again_defines_none(source: Path) -> None:
    once = MINIMAL + "pages:\n  - id: P1\n    name: Home\n    prototypes:\n"
    source.write_text(once + "      - image: shot.png\n      - image: once.png\n", "utf-8")
    html = page_of(source)
    assert b'<svg class="picture' not in html and b'<svg class="pictures' not in html
    assert [a["src"] for t, a in parse(html).elements if t == "img"] == [uri(SHOT), uri(ONCE)]


def test_a_mark_spelt_in_the_text_is_not_a_picture(source: Path) -> None:
    # A place or the definitions are marks until the page is put together; text that spells
    # one (a configuration's label may hold NUL, though none is accepted now) stays text.
    from prdkit.images.pictures import NO_PICTURES
    from prdkit.writers.html.pictures import PagePictures

    pictures = PagePictures(NO_PICTURES, source.parent, shared=True)
    place = pictures.show("shot.png", "the list")
    assert place is not None and "picture" not in place
    forged = "a\x00picture:7\x00b\x00picture\x00c"
    page = pictures.page(f"{forged}{place}").decode()
    assert page.startswith(forged)
    assert page.endswith(f'<img src="{uri(SHOT)}" alt="the list">')
