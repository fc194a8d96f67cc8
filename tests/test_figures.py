"""A page's prototypes side by side: tall screens in rows, a wide picture on its own."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from prdkit.check import check_file
from prdkit.layout import build as lay_out
from prdkit.layout.blocks import Figure, Figures
from prdkit.render import render
from prdkit.writers.docx.figures import rows
from tests.browser import browser, needs_browser, visit
from tests.conftest import MINIMAL
from tests.pictures import png

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
EMU_PER_TWIP = 635
SCREENS = {"home.png": (400, 860), "cart.png": (400, 860), "pay.png": (400, 860)}
WIDE = {"console.png": (1600, 900)}


def _document(tmp_path: Path, names: list[str]) -> Path:
    for name, (width, height) in {**SCREENS, **WIDE}.items():
        (tmp_path / name).write_bytes(png(width, height))
    shots = "".join(f"      - image: {n}\n        caption: Shot {n[:-4]}\n" for n in names)
    source = tmp_path / "doc.prd.yaml"
    source.write_text(
        MINIMAL + f"pages:\n  - id: P1\n    name: Checkout\n    prototypes:\n{shots}",
        encoding="utf-8",
    )
    return source


def test_a_page_with_several_prototypes_lays_them_out_together(tmp_path: Path) -> None:
    source = _document(tmp_path, ["home.png", "cart.png"])
    laid = lay_out(check_file(source).document)  # type: ignore[arg-type]
    blocks = next(s for s in laid.sections if s.key == "pages").blocks
    (together,) = [b for b in blocks if isinstance(b, Figures)]
    assert [f.src for f in together.figures] == ["home.png", "cart.png"]
    assert not any(isinstance(b, Figure) for b in blocks)
    one = lay_out(check_file(_document(tmp_path, ["home.png"])).document)  # type: ignore[arg-type]
    blocks = next(s for s in one.sections if s.key == "pages").blocks
    assert [b.src for b in blocks if isinstance(b, Figure)] == ["home.png"]


@pytest.mark.parametrize(
    ("count", "expected"), [(1, [1]), (3, [3]), (4, [2, 2]), (5, [3, 2]), (7, [3, 2, 2])]
)
def test_tall_screens_go_in_even_rows_of_three_at_most(count: int, expected: list[int]) -> None:
    class Header:
        width, height = 400, 860

    class Tall:
        header = Header

    shots = [Figure(f"s{i}.png", "") for i in range(count)]
    assert [len(r) for r in rows(shots, lambda _: Tall)] == expected  # type: ignore[arg-type,return-value]


def test_word_sets_tall_screens_in_one_row_and_a_wide_picture_alone(tmp_path: Path) -> None:
    source = _document(tmp_path, ["home.png", "cart.png", "pay.png", "console.png"])
    (made,) = render(check_file(source), source, ["docx"], tmp_path)
    with zipfile.ZipFile(made.path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    pictures = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
    inlines = [i for i in body.iter(f"{WP}inline") if next(i.iter(pictures), None) is not None]
    assert len(inlines) == 4
    in_rows = [i for i in inlines if any(a.tag == f"{W}tc" for a in i.iterancestors())]
    assert len(in_rows) == 3
    (row,) = {next(a for a in i.iterancestors() if a.tag == f"{W}tr") for i in in_rows}
    cells = row.findall(f"{W}tc")
    assert len(cells) == 3 and row.find(f"{W}trPr/{W}cantSplit") is not None
    for cell, inline in zip(cells, in_rows, strict=True):
        width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
        extent = inline.find(f"{WP}extent")
        assert int(extent.get("cx")) <= width * EMU_PER_TWIP  # fits its cell
        texts = ["".join(p.itertext()) for p in cell.findall(f"{W}p")]
        assert texts[-1].startswith("Shot "), texts  # the caption under its screen
    wide = inlines[3]
    assert not any(a.tag == f"{W}tc" for a in wide.iterancestors())  # on a line of its own


def test_markdown_shows_each_picture_in_turn(tmp_path: Path) -> None:
    source = _document(tmp_path, ["home.png", "cart.png"])
    (made,) = render(check_file(source), source, ["md"], tmp_path)
    text = made.path.read_text(encoding="utf-8")
    assert text.index("![Shot home](home.png)") < text.index("*Shot home*")
    assert text.index("*Shot home*") < text.index("![Shot cart](cart.png)")


BOXES = """
() => [...document.querySelectorAll('main .figures figure img, main .figures svg.picture')]
  .map(e => { const r = e.getBoundingClientRect();
    return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)]; })
"""


@needs_browser
@pytest.mark.parametrize("media", ["screen", "print"])
def test_html_sets_screens_side_by_side(tmp_path: Path, media: str) -> None:
    source = _document(tmp_path, ["home.png", "cart.png", "pay.png", "console.png"])
    (made,) = render(check_file(source), source, ["html"], tmp_path)
    with browser() as chromium:
        seen = visit(chromium, made.path, 1280, 900)
        seen.page.emulate_media(media=media)
        boxes = seen.page.evaluate(BOXES)
    assert seen.errors == []
    assert len(boxes) == 4
    screens, wide = boxes[:3], boxes[3]
    assert len({top for _, top, _, _ in screens}) == 1  # one row
    assert screens[0][0] < screens[1][0] < screens[2][0]
    for _, _, width, height in screens:
        assert abs(height / width - 860 / 400) < 0.05  # aspect kept
    assert wide[1] > max(top + height for _, top, _, height in screens)  # a row of its own
    assert wide[2] > 1.5 * max(width for _, _, width, _ in screens)


WORDS_AND_PICTURE = """
() => { const li = [...document.querySelectorAll('main li')]
    .find(e => e.textContent.includes('See the screen'));
  const picture = li.querySelector('img, svg.picture').getBoundingClientRect();
  const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
  let text = walk.nextNode();
  while (!text.data.includes('See the screen')) text = walk.nextNode();
  const range = document.createRange(); range.selectNodeContents(text);
  const words = range.getBoundingClientRect();
  return [words.top, words.bottom, picture.top, picture.bottom]; }
"""


@needs_browser
def test_html_words_before_a_picture_sit_at_its_top(tmp_path: Path) -> None:
    (tmp_path / "tall.png").write_bytes(png(400, 860))
    source = tmp_path / "doc.prd.yaml"
    source.write_text(
        MINIMAL + "    acceptance_criteria:\n      - 'See the screen ![screen](tall.png)'\n",
        encoding="utf-8",
    )
    (made,) = render(check_file(source), source, ["html"], tmp_path)
    with browser() as chromium:
        seen = visit(chromium, made.path, 1280, 900)
        top, bottom, picture_top, picture_bottom = seen.page.evaluate(WORDS_AND_PICTURE)
    assert picture_bottom - picture_top > 200
    assert abs(top - picture_top) < 12 and bottom < picture_top + 40  # not at its foot
