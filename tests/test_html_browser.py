"""HTML pages and the site index in a real headless Chromium."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from prdkit.check import check_file
from prdkit.render import render
from tests.browser import browser, needs_browser, visit
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit
from tests.test_html_writer import HOSTILE, PNG_1x1

pytestmark = needs_browser

UNRESOLVED = """
() => [...document.querySelectorAll('a[href^="#"]')]
  .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
  .filter(id => !document.getElementById(id))
"""
SVG_SIZES = """
() => [...document.querySelectorAll('svg')].map(s => {
  const r = s.getBoundingClientRect(); return [r.width, r.height];
})
"""


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("html")
    rendered = {}
    for path in sorted(EXAMPLES.glob("*.prd.yaml")):
        for lang in ("en", "zh"):
            folder = out / lang
            folder.mkdir(exist_ok=True)
            (item,) = render(check_file(path), path, ["html"], folder, lang)
            rendered[f"{path.stem}.{lang}"] = item.path
    return rendered


@pytest.mark.parametrize(
    "name",
    [
        f"{stem}.{lang}"
        for stem in ("flash-sale.prd", "loyalty-checkout.prd")
        for lang in ("en", "zh")
    ],
)
def test_example_pages_load_clean(chromium, pages: dict[str, Path], name: str) -> None:
    seen = visit(chromium, pages[name])
    page = seen.page
    assert seen.errors == []
    assert [u for u in seen.requests if not u.startswith("data:")] == []
    assert page.evaluate(UNRESOLVED) == []
    sizes = page.evaluate(SVG_SIZES)
    assert all(w > 0 and h > 0 for w, h in sizes), sizes
    assert page.locator("nav.toc a").count() > 20
    # The sidebar stays in view while the reader scrolls.
    page.mouse.wheel(0, 6000)
    assert page.evaluate("document.querySelector('nav.toc').getBoundingClientRect().top") == 0
    shot = page.screenshot()
    assert len(shot) > 30_000  # a blank page compresses to a few kilobytes
    page.close()


def test_pages_fit_a_phone(chromium, pages: dict[str, Path]) -> None:
    seen = visit(chromium, pages["flash-sale.prd.zh"], width=390, height=844)
    # Wide tables scroll inside their own box; the page itself never scrolls sideways.
    assert seen.page.evaluate("document.documentElement.scrollWidth") <= 390
    seen.page.close()


@pytest.mark.parametrize("width", [901, 1024, 1100])
def test_beside_the_contents_only_wide_tables_scroll(
    chromium, pages: dict[str, Path], width: int
) -> None:
    # With the contents beside it (past 900 px), the text column grew to the least width of
    # its widest table (839 px in 752 at 1024 px): the whole page scrolled, text cut off.
    seen = visit(chromium, pages["flash-sale.prd.zh"], width=width)
    page = seen.page
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("getComputedStyle(document.querySelector('.layout')).display") == "grid"
    scrolled = page.evaluate(
        "[...document.querySelectorAll('main .table-wrap')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert scrolled >= 1  # the tracking plan's table, in its own box
    page.close()


def test_an_unbroken_word_wraps_inside_the_page(chromium, tmp_path: Path) -> None:
    word = "W" * 3000  # a pasted token, a hash, a URL without a break opportunity
    source = tmp_path / "long.prd.yaml"
    text = MINIMAL.replace("  owner: Ann\n", f"  owner: Ann{word}\n")
    source.write_text(text.replace("title: Checkout works", f"title: Checkout {word}"))
    (item,) = render(check_file(source), source, ["html"], tmp_path)
    seen = visit(chromium, item.path)
    assert seen.page.evaluate("document.documentElement.scrollWidth") <= 1280
    seen.page.close()


ONE_LINE = """
(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.textContent.trim())
  .map(e => {
    // The lines its text fills: the rects of its text nodes, tops more than 5 px apart.
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    const tops = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange(); range.selectNodeContents(node);
      for (const r of range.getClientRects()) tops.push(r.top);
    }
    tops.sort((a, b) => a - b);
    const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 5).length;
    return [e.textContent.trim(), lines];
  })
"""


def test_ids_dates_and_references_read_whole_in_a_narrow_table(chromium, tmp_path: Path) -> None:
    # Nine columns at a phone's width: REQ-/001 or 2026-/10-05 at a line end read as two
    # things. A web address gives way instead, inside its column.
    source = tmp_path / "metrics.prd.yaml"
    metric = (
        "metrics:\n  - id: MET-time-to-refund\n    name: Median time to refund\n"
        "    baseline: 11.4\n    target: 3\n    unit: days\n    direction: decrease\n"
        "    by: 2027-09-30\n    owner: Alex Morgan\n    frequency: weekly\n"
        "    requirements: [R1]\n"
        "    definition: See https://looker.example.com/dashboards/412/returns-refunds\n"
    )
    source.write_text(MINIMAL + metric, encoding="utf-8")
    (item,) = render(check_file(source), source, ["html"], tmp_path, "en")
    seen = visit(chromium, item.path, width=700)
    measured = seen.page.evaluate(ONE_LINE, "td.col-id, td.col-date, td.col-ref a")
    assert {"MET-time-to-refund", "2027-09-30", "R1"} <= {text for text, _ in measured}
    assert all(lines == 1 for _, lines in measured), measured
    seen.page.close()


WIDTHS = """
(selector) => [...document.querySelectorAll(selector)].map(e => [
  e.textContent.trim(), e.clientWidth / parseFloat(getComputedStyle(e).fontSize)])
"""


def test_short_chinese_names_read_whole_on_a_phone(chromium, tmp_path: Path) -> None:
    # Squeezed by the ids beside them, 客户 and 类型 read a character a line, and the
    # concerns two: a short name or label stays whole, running text a few characters wide.
    source = tmp_path / "people.prd.yaml"
    people = "".join(
        f"  - id: SH-{n}-stakeholder\n    name: 入驻商家{n}\n    kind: customer\n"
        f"    interests: 价格更低；不成团能及时退款；分享不打扰好友。\n"
        f"    contact: merchant-ops-{n}@example.com\n"
        for n in range(3)
    )
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  language: zh\n")
    source.write_text(text + "stakeholders:\n" + people, encoding="utf-8")
    (item,) = render(check_file(source), source, ["html"], tmp_path)
    seen = visit(chromium, item.path, width=390, height=844)
    short = {"客户", "类型", "名称", "入驻商家0", "入驻商家1", "入驻商家2"}
    whole = [m for m in seen.page.evaluate(ONE_LINE, "th, td") if m[0] in short]
    assert {text for text, _ in whole} == short
    assert all(lines == 1 for _, lines in whole), whole
    widths = seen.page.evaluate(WIDTHS, "td.col-markdown")
    assert widths and all(ems >= 5 for _, ems in widths), widths
    seen.page.close()


def test_hostile_text_stays_inert(chromium, tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(PNG_1x1)
    source = tmp_path / "hostile.prd.yaml"
    source.write_text(HOSTILE)
    (item,) = render(check_file(source), source, ["html"], tmp_path)
    seen = visit(chromium, item.path)
    page = seen.page
    assert seen.dialogs == [] and seen.errors == []
    assert page.evaluate("document.scripts.length") == 0
    body = page.evaluate("document.body.innerText")
    assert "<script>alert(1)</script>" in body and "</style>" in body
    assert page.evaluate("document.title").startswith("Demo </title><script>")
    page.click("text=click")  # a javascript: link was never made a link
    assert seen.dialogs == []
    page.close()


def test_site_index_filters_and_searches(chromium, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "team").mkdir(parents=True)
    for path in EXAMPLES.glob("*.prd.yaml"):
        (docs / path.name).write_bytes(path.read_bytes())
    shutil.copytree(EXAMPLES / "images", docs / "images")  # the pictures they name
    (docs / "team" / "broken.prd.yaml").write_text(
        "prdkit: 1\nmeta:\n  id: broken\n  title: Broken doc\n"
    )
    out = tmp_path / "site"
    result = run_prdkit("site", str(docs), "-o", str(out))
    assert result.returncode == 1, result.stderr  # one document is invalid
    seen = visit(chromium, out / "index.html")
    page = seen.page
    assert seen.errors == [] and seen.requests == []
    rows = page.locator("#documents tbody tr")
    assert rows.count() == 3
    assert page.is_visible("#filters")

    def shown() -> int:
        return page.evaluate(
            "[...document.querySelectorAll('#documents tbody tr')].filter(r => !r.hidden).length"
        )

    page.select_option("#f-status", "approved")
    assert shown() == 2
    page.select_option("#f-status", "")
    page.fill("#f-search", "broken")
    assert shown() == 1
    assert "required" in page.locator("#documents tbody tr:not([hidden])").inner_text()
    page.fill("#f-search", "flash-sale")
    assert shown() == 1
    page.fill("#f-search", "")
    owner = page.evaluate("document.querySelectorAll('#f-owner option')[1].value")
    page.select_option("#f-owner", owner)
    assert shown() == 1
    # Every title of a valid document links to its page, and each page loads.
    links = page.evaluate("[...document.querySelectorAll('#documents a')].map(a => a.href)")
    assert len(links) == 2
    page.close()


def test_right_to_left_text_reads_right_to_left(chromium, tmp_path: Path) -> None:
    from tests.test_html_writer import RTL

    source = tmp_path / "rtl.prd.yaml"
    source.write_text(RTL, encoding="utf-8")
    (item,) = render(check_file(source), source, ["html"], tmp_path)
    page = visit(chromium, item.path).page
    directions = page.evaluate(
        """() => [...document.querySelectorAll('h3, p, li, td')]
          .filter(e => /[\\u0590-\\u06ff]/.test(e.textContent) && !e.querySelector('h3, p, li, td') && !e.closest('nav'))
          .map(e => [e.tagName, getComputedStyle(e).direction])"""
    )
    assert {tag for tag, _ in directions} >= {"H3", "P", "LI", "TD"}
    assert {d for _, d in directions} == {"rtl"}, directions
    assert page.eval_on_selector("h1", "(el) => getComputedStyle(el).direction") == "ltr"


# A wide picture shown from four places (one in a Markdown field, one under another name),
# and one of the same size shown once, as an <img>: every place must show the picture's
# pixels, laid out as that <img> is, on screen and in print.
SHOWN_AGAIN = MINIMAL.replace(
    "    priority: could\n",
    "    priority: could\n    description: |\n      See ![the list](red.png) and ![](copy.png)\n",
) + (
    "pages:\n  - id: P1\n    name: Home\n    prototypes:\n"
    "      - image: red.png\n        caption: The list\n"
    "      - image: blue.png\n"
    "      - image: red.png\n"
)
RED, BLUE = (208, 32, 32), (32, 32, 208)
PLACES = """
() => [...document.querySelectorAll('main img, main svg.picture')].map(e => {
  const r = e.getBoundingClientRect();
  return [e.tagName, Math.round(r.width), Math.round(r.height)];
})
"""


def test_a_picture_shown_again_is_drawn_at_every_place(chromium, tmp_path: Path) -> None:
    from PIL import Image

    from tests.pictures import png

    for name, rgb in {"red.png": RED, "copy.png": RED, "blue.png": BLUE}.items():
        (tmp_path / name).write_bytes(png(3000, 1000, rgb=bytes(rgb)))
    source = tmp_path / "doc.prd.yaml"
    source.write_text(SHOWN_AGAIN, encoding="utf-8")
    (item,) = render(check_file(source), source, ["html"], tmp_path)
    assert item.path.read_text(encoding="utf-8").count("data:image/png") == 2
    seen = visit(chromium, item.path)
    page = seen.page
    assert seen.errors == [] and [u for u in seen.requests if not u.startswith("data:")] == []
    # Four <svg> places and the one <img>, each the width of the text, aspect kept.
    places = page.evaluate(PLACES)
    assert [tag for tag, _, _ in places] == ["svg", "svg", "svg", "IMG", "svg"]
    (size,) = {(w, h) for _, w, h in places}
    assert size[0] > 600 and abs(size[0] - 3 * size[1]) <= 3
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        colours = []
        located = page.locator("main img, main svg.picture")
        for i in range(located.count()):
            shot = Image.open(io.BytesIO(located.nth(i).screenshot())).convert("RGB")
            width, height = shot.size
            colours.append(shot.getpixel((width // 2, height // 2)))
        assert colours == [RED, RED, RED, BLUE, RED], media
    page.close()


LABEL_PIXELS = """
() => [...document.querySelectorAll('figure.diagram svg')].map(s => {
  const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
  const sizes = [...s.querySelectorAll('text')].map(t => Number(t.getAttribute('font-size')));
  return Math.min(...sizes) * scale;
})
"""


def test_diagram_labels_stay_readable_on_a_phone(chromium, pages: dict[str, Path]) -> None:
    # Shrunk to the phone's width, the page map's labels were 8 px: a diagram is drawn at
    # its own size (up to two screens wide) and scrolls inside its figure.
    seen = visit(chromium, pages["flash-sale.prd.zh"], width=390, height=844)
    smallest = seen.page.evaluate(LABEL_PIXELS)
    assert smallest and min(smallest) >= 10, smallest
    assert seen.page.evaluate("document.documentElement.scrollWidth") <= 390
    seen.page.close()


def test_site_index_headers_read_whole(chromium, tmp_path: Path) -> None:
    # Beside a title column widened by a diagnostic, 错误 and 警告 read a character a line
    # at 1280 px: a short Chinese header stays on one line, as in a document's tables.
    docs = tmp_path / "docs"
    docs.mkdir()
    zh = MINIMAL.replace("  owner: Ann\n", "  owner: 李想（交易增长产品组）\n  language: zh\n")
    (docs / "ok.prd.yaml").write_text(zh, encoding="utf-8")
    bad = zh.replace("id: R1", "id: REQ－01")  # a fullwidth dash: a long diagnostic
    (docs / "bad.prd.yaml").write_text(bad.replace("id: demo", "id: repro"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_prdkit("site", str(docs), "-o", str(out))
    assert result.returncode == 1, result.stderr  # one document is invalid
    seen = visit(chromium, out / "index.html", width=1280)
    headers = seen.page.evaluate(ONE_LINE, "#documents th")
    assert {"错误", "警告", "待解决问题", "失效签核"} <= {text for text, _ in headers}, headers
    assert all(lines == 1 for _, lines in headers), headers
    seen.page.close()
