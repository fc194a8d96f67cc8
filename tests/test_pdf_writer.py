"""`--to pdf`: contents with true page numbers, a Simplified Chinese font, stable bytes."""

from __future__ import annotations

import base64
import json
import re
import shlex
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from importlib.metadata import distribution
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from prdkit.writers.pdf import available
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit

needs_pdf = pytest.mark.skipif(
    available() is not None or shutil.which("pdftotext") is None,
    reason="needs WeasyPrint (pip install '.[pdf]') and poppler (pdftotext, pdffonts)",
)
LEADER = re.compile(r"^(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)$")


@pytest.fixture(scope="module")
def chinese_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    result = run_prdkit(
        "render", str(EXAMPLES / "flash-sale.prd.yaml"), "--to", "pdf", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    return out / "flash-sale.pdf"


def pages_of(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def assert_nothing_past_the_right_edge(pdf: Path) -> None:
    """No word of `pdf` ends within 20 points of its page's right edge, or past it."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for width, words in re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', boxes, re.S):
        right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', words)]
        assert all(x <= float(width) - 20 for x in right), (width, max(right, default=0))


def forty_columns(header: Callable[[int], str], cell: Callable[[int, int], str], rows: int) -> str:
    """A Markdown table of 40 columns, indented for a description's block."""
    lines = ["| " + " | ".join(header(c) for c in range(40)) + " |", "|" + "---|" * 40]
    lines += ["| " + " | ".join(cell(r, c) for c in range(40)) + " |" for r in range(rows)]
    return "\n".join("      " + line for line in lines)


def with_description(lead: str, markdown: str) -> str:
    """The minimal document, its requirement described by `lead`, then `markdown` (each of
    its lines indented for the block)."""
    return MINIMAL.replace(
        "priority: could", f"priority: could\n    description: |\n      {lead}\n\n{markdown}"
    )


def words_on(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """The words of page `page` of `pdf`, each with its box (left, top, right, bottom)."""
    boxes = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(x0), float(y0), float(x1), float(y1), word)
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">'
            r"([^<]*)</word>",
            boxes,
        )
    ]


def timed_pdf(text: str, lang: str, path: Path) -> float:
    """Print the document `text` to `path` in `lang`; the CPU seconds the PDF took."""
    from prdkit.check import check_bytes
    from prdkit.writers import RenderOptions
    from prdkit.writers.pdf import write

    doc = check_bytes(text.encode(), path.name).document
    assert doc is not None
    started = time.process_time()
    data = write(doc, RenderOptions(lang=lang))
    spent = time.process_time() - started
    path.write_bytes(data)
    return spent


@needs_pdf
def test_contents_page_numbers_point_at_their_headings(chinese_pdf: Path) -> None:
    pages = pages_of(chinese_pdf)
    entries = []
    for page in pages[:4]:
        for line in page.splitlines():
            match = LEADER.match(line.strip())
            if match:
                entries.append((match["title"].strip(), int(match["page"])))
    assert len(entries) > 40, entries[:5]
    titles = [t for t, _ in entries]
    # Numbered as Word numbers them, so readers of either cite the same section.
    assert titles[:2] == ["一、总览", "（一）概述"]
    assert "五、需求说明" in titles and "十一、流程设计" in titles
    for title, number in entries:
        lines = [" ".join(line.split()) for line in pages[number - 1].splitlines()]
        assert " ".join(title.split()) in lines, (title, number)


@needs_pdf
def test_chinese_text_in_a_simplified_chinese_font(chinese_pdf: Path) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(chinese_pdf)], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "CJK-SC" in line.replace(" ", "-")]
    assert cjk, fonts
    assert all(" yes " in line for line in cjk)  # embedded
    # The running title and the page numbers too: no serif face anywhere.
    assert "Serif" not in fonts, fonts


def simplified_chinese_installed() -> bool:
    """Whether fontconfig has Noto Sans CJK SC itself, not a stand-in for it."""
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(
        ["fc-list", ":family=Noto Sans CJK SC", "family"], capture_output=True, text=True
    ).stdout
    return "Noto Sans CJK SC" in found


@needs_pdf
def test_chinese_in_a_diagram_is_drawn_with_simplified_chinese_glyphs(chinese_pdf: Path) -> None:
    # The flows' text is drawn by WeasyPrint's own SVG code, which read the diagram's font
    # list as "Arial" plus names it could not find, so fontconfig fell back to the first CJK
    # face for no language: Noto Sans CJK JP, whose 骨 直 户 角 are Japanese shapes.
    if not simplified_chinese_installed():
        pytest.skip("needs Noto Sans CJK SC (apt-get install fonts-noto-cjk)")
    fonts = subprocess.run(
        ["pdffonts", str(chinese_pdf)], capture_output=True, text=True, check=True
    ).stdout
    names = fonts.replace(" ", "-")
    assert "CJK-SC" in names, fonts
    assert not [f"CJK-{other}" for other in ("JP", "KR", "TC", "HK") if f"CJK-{other}" in names], (
        fonts
    )


@needs_pdf
def test_footer_counts_pages(chinese_pdf: Path) -> None:
    pages = [p for p in pages_of(chinese_pdf) if p.strip()]
    total = len(pages)
    assert f"第 1 页，共 {total} 页" in pages[0]
    assert f"第 {total} 页，共 {total} 页" in pages[-1]


@needs_pdf
def test_same_input_same_bytes(chinese_pdf: Path, tmp_path: Path) -> None:
    result = run_prdkit(
        "render", str(EXAMPLES / "flash-sale.prd.yaml"), "--to", "pdf", "-o", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "flash-sale.pdf").read_bytes() == chinese_pdf.read_bytes()


def test_without_the_extra_exit_2_names_the_install_command(tmp_path: Path) -> None:
    fake = tmp_path / "shadow" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not installed')\n")
    result = run_prdkit(
        "render",
        str(EXAMPLES / "flash-sale.prd.yaml"),
        "--to",
        "md,pdf",
        "-o",
        str(tmp_path),
        env={"PYTHONPATH": str(tmp_path / "shadow")},
    )
    assert result.returncode == 2
    # The command for the Python prdkit runs on, and from the folder it was installed
    # from, where `prdkit[pdf]` would fetch another copy from the package index.
    origin = json.loads(distribution("prdkit").read_text("direct_url.json") or "{}")
    folder = unquote(urlsplit(origin.get("url", "")).path) if "dir_info" in origin else None
    wanted = f"{folder}[pdf]" if folder else "prdkit[pdf]"
    assert f"{shlex.quote(sys.executable)} -m pip install " in result.stderr
    assert wanted in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "flash-sale.md").exists()  # all or none


@needs_pdf
def test_the_pdf_fetches_nothing_but_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The page never names a file or a host; should one ever slip in, it stays unread.
    from prdkit.check import check_file
    from prdkit.writers import RenderOptions, html, pdf
    from tests.test_html_writer import PNG_1x1

    picture = tmp_path / "local.png"
    picture.write_bytes(PNG_1x1)
    embedded = "data:image/png;base64," + base64.b64encode(PNG_1x1).decode()
    doc = check_file(EXAMPLES / "flash-sale.prd.yaml").document

    def images(page: str) -> int:
        monkeypatch.setattr(html, "render_page", lambda *args, **kwargs: page.encode())
        return pdf.write(doc, RenderOptions(lang="en")).count(b"/Subtype /Image")

    assert images(f'<p><img src="{embedded}"></p>') > 0
    both = f'<p><img src="{picture.as_uri()}"><img src="{embedded}"></p>'
    assert images(both) == images(f'<p><img src="{embedded}"></p>')


def test_a_page_past_the_pdf_limit_is_refused_at_once(tmp_path: Path) -> None:
    # The limit is read from the document's configuration like every other limit; the
    # refusal comes before any layout, names the document and writes nothing at all.
    shutil.copy(EXAMPLES / "flash-sale.prd.yaml", tmp_path / "flash-sale.prd.yaml")
    shutil.copytree(EXAMPLES / "images", tmp_path / "images")
    (tmp_path / ".prdkit.toml").write_text("max-pdf-html = 20000\n")
    result = run_prdkit(
        "render", str(tmp_path / "flash-sale.prd.yaml"), "--to", "md,pdf", "-o", str(tmp_path)
    )
    assert result.returncode == 2, result.stderr
    # A Chinese document is refused in Chinese; --lang en asks for English.
    assert "flash-sale.prd.yaml: 文档太大，无法生成 PDF" in result.stderr
    assert "上限 20 KiB" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "flash-sale.md").exists() and not (tmp_path / "flash-sale.pdf").exists()
    result = run_prdkit(
        "render", str(tmp_path / "flash-sale.prd.yaml"), "--to", "pdf", "--lang", "en"
    )
    assert result.returncode == 2, result.stderr
    assert "flash-sale.prd.yaml: too large for a PDF" in result.stderr
    assert "over the max-pdf-html limit of 20 KiB" in result.stderr


def test_the_pdf_limit_has_a_ceiling(tmp_path: Path) -> None:
    from prdkit.config import ConfigError, parse
    from prdkit.limits import CEILINGS, DEFAULT_LIMITS

    assert parse({"max-pdf-html": 3_000_000}, "t").limits.max_pdf_html == 3_000_000
    assert DEFAULT_LIMITS.max_pdf_html < CEILINGS.max_pdf_html
    with pytest.raises(ConfigError, match="ceiling"):
        parse({"max-pdf-html": CEILINGS.max_pdf_html + 1}, "t")


def test_a_tall_narrow_picture_counts_its_rows_against_the_pdf_budget(tmp_path: Path) -> None:
    # 1 × 39,000,000 pixels, inside every limit, took 1.4 GB to decode: rows cost too.
    from prdkit.images.files import Image
    from prdkit.images.headers import Header
    from prdkit.images.pictures import Pictures
    from prdkit.outputs import OutputError
    from prdkit.writers.pdf import ROW_PIXELS, _check_pictures

    def picture(name: str, width: int, height: int) -> Image:
        return Image(tmp_path / name, name, name.encode(), Header("png", width, height))

    tall = picture("tall.png", 1, 39_000_000)
    with pytest.raises(OutputError) as refused:
        _check_pictures(Pictures({"tall.png": tall}), 100_000_000)
    words = refused.value.words("en")  # type: ignore[attr-defined]
    assert f"cost {39_000_000 * (1 + ROW_PIXELS):,} pixels to decode" in words
    assert "tall.png (1 × 39,000,000)" in words
    # A square picture of as many pixels passes, as before: its rows cost next to nothing.
    square = picture("square.png", 6_245, 6_245)
    _check_pictures(Pictures({"square.png": square}), 39_100_000)


@needs_pdf
def test_a_picture_taller_than_a_page_in_the_summary_is_shrunk_to_fit(tmp_path: Path) -> None:
    # A phone's whole screen in the cover's summary tripped WeasyPrint's layout (exit 3).
    shutil.copy(EXAMPLES / "images" / "flash-sale-queue.png", tmp_path / "proto.png")
    cover = "  authors: [A, B]\n  created: 2026-01-01\n  updated: 2026-02-01\n"
    cover += '  summary: "Intro ![shot](proto.png)"\n'
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n" + cover)
    (tmp_path / "tall.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "tall.prd.yaml"), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "tall.pdf").read_bytes().count(b"/Subtype /Image") >= 1


@needs_pdf
def test_weasyprints_own_failure_is_a_clear_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint

    from prdkit.check import check_file
    from prdkit.outputs import OutputError
    from prdkit.writers import RenderOptions, pdf

    def fails(*args: object, **kwargs: object) -> None:
        raise AssertionError

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", fails)
    (tmp_path / "a.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    doc = check_file(tmp_path / "a.prd.yaml").document
    with pytest.raises(OutputError) as refused:
        pdf.write(doc, RenderOptions(lang="en"))
    assert refused.value.words("en").startswith(  # type: ignore[attr-defined]
        "WeasyPrint could not lay the page out for a PDF (AssertionError)"
    )


def test_a_table_too_wide_for_a_portrait_page_is_turned() -> None:
    from prdkit.layout.blocks import Column, Table
    from prdkit.layout.cells import Enum, Id, Markdown, Ref, Text
    from prdkit.writers.html.turned import turned

    def table(columns: list[Column], row: list[object]) -> Table:
        return Table(tuple(columns), (tuple(row),))  # type: ignore[arg-type]

    # The guardrails of a Chinese PRD: ids and references whole, 控制方式 and 审批 whole.
    wide = table(
        [Column("编号", "id"), Column("操作", "ref"), Column("控制方式", "enum")]
        + [Column(h, "markdown") for h in ("触发条件", "审批人", "告警", "描述")],
        [
            Id("GR-group-approve"),
            Ref("ACT-group-config", "配置拼团活动", named=True),
            Enum("control", "approval", "审批"),
            Markdown("拼团价低于单买价 50%"),
            Ref("ROLE-ops-lead", "运营主管", named=True),
            Text("#pay-alert 飞书群"),
            Markdown("运营主管审核补贴力度"),
        ],
    )
    assert turned(wide)
    narrow = table(
        [Column("ID", "id"), Column("Question", "text"), Column("Answer", "markdown")],
        [Id("Q1"), Text("Who pays for returns?"), Markdown("The merchant, within 7 days.")],
    )
    assert not turned(narrow)


# A page's elements as in a Chinese PRD: a name, its kind and its rule, one rule holding the
# address of the prototype.
ADDRESS = (
    "https://lanhuapp.example.com/web/#/item/project/stage"
    "?pid=abcdef0123456789abcdef0123456789&image_id=fedcba9876543210"
)
ELEMENTS = f"""\
pages:
  - id: PG-01
    name: 详情页
    elements:
      - name: 拼团价
        kind: text
        rule: 红色大号字展示拼团价，下方灰色删除线展示单买价。
      - name: 原型链接
        kind: link
        rule: 见 {ADDRESS}
"""


def test_a_web_address_does_not_turn_or_shrink_a_table() -> None:
    from prdkit.layout.blocks import Column, Table
    from prdkit.layout.cells import Enum, Markdown, Text
    from prdkit.writers.html.turned import turned

    columns = (Column("名称", "text"), Column("类型", "enum"), Column("展示与交互逻辑", "markdown"))
    # An address breaks anywhere: it was counted one word 85 ems wide, and this small
    # table went alone on a landscape page.
    small = Table(
        columns,
        (
            (Text("拼团价"), Enum("kind", "text", "文本"), Markdown("红色大号字展示拼团价。")),
            (Text("原型链接"), Enum("kind", "link", "链接"), Markdown(f"见 {ADDRESS}")),
        ),
    )
    assert turned(small) == ""
    # Beside a long English name and a nested table it made the table "dense", its type
    # shrunk past reading: the name alone turns it, in full-size type.
    nested = "| 状态 | 左按钮 | 右按钮 |\n| --- | --- | --- |\n| 未开始 | 单独购买 | 提醒我 |"
    name = "VeryLongEnglishIdentifierWithoutAnySpaces_pintuan_detail_price_area_v2"
    rich = Table(
        columns,
        (
            (Text("②按钮区"), Enum("kind", "button", "按钮"), Markdown(nested)),
            (Text(name), Enum("kind", "other", "其他"), Markdown(f"见 {ADDRESS}")),
        ),
    )
    assert turned(rich) == "turned"


@needs_pdf
def test_a_small_table_holding_a_web_address_prints_portrait_and_whole(tmp_path: Path) -> None:
    # The table went alone onto a landscape page, its heading left on an empty portrait
    # one; then, kept portrait, 类型 and 文本 printed a character a line beside the address.
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  language: zh\n") + ELEMENTS
    (tmp_path / "e.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "e.prd.yaml"), "--to", "pdf,html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert not re.search(r'<div class="[^"]*(?:turned|dense-)', html)
    info = subprocess.run(
        ["pdfinfo", "-l", "99", str(tmp_path / "e.pdf")], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)
    assert sizes and all(float(w) < float(h) for w, h in sizes), sizes  # all portrait
    words = set(" ".join(pages_of(tmp_path / "e.pdf")).split())
    assert {"PG-01", "详情页", "类型", "文本", "链接", "原型链接"} <= words, words
    printed = "".join("".join(page.split()) for page in pages_of(tmp_path / "e.pdf"))
    assert ADDRESS in printed
    assert_nothing_past_the_right_edge(tmp_path / "e.pdf")


@needs_pdf
def test_wide_tables_print_on_landscape_pages_with_their_heading_and_legend(
    tmp_path: Path,
) -> None:
    # The roles × actions grid and the guardrails of the loyalty example broke their words
    # on portrait pages; in print they go on landscape ones, their headings and legend along.
    result = run_prdkit(
        "render", str(EXAMPLES / "loyalty-checkout.prd.yaml"), "--to", "pdf,html", "-o",
        str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf_path = tmp_path / "loyalty-checkout.pdf"
    texts = pages_of(pdf_path)

    def landscape(number: int) -> bool:
        info = subprocess.run(
            ["pdfinfo", "-f", str(number), "-l", str(number), str(pdf_path)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        width, height = re.search(r"size:\s+([\d.]+) x ([\d.]+)", info).groups()  # type: ignore[union-attr]
        return float(width) > float(height)

    grid = next(n for n, t in enumerate(texts, 1) if "Roles × actions" in t and "granted" in t)
    guardrails = next(
        n for n, t in enumerate(texts, 1) if re.search(r"^\s*[\d.]+ Guardrails\s*$", t, re.M)
    )
    assert landscape(grid) and landscape(guardrails)
    assert not landscape(1) and not landscape(grid - 1)
    # A screen is unchanged: the page is one column, whatever its tables.
    html = (tmp_path / "loyalty-checkout.html").read_text(encoding="utf-8")
    assert html.count('<div class="turned">') >= 2


@needs_pdf
@pytest.mark.parametrize("count", [8, 26])
def test_a_table_too_wide_even_for_a_landscape_page_loses_nothing(
    tmp_path: Path, count: int
) -> None:
    # Turned, and its short Chinese values kept on one line, the eighth column ran past the
    # landscape page's edge, cut off: they print in smaller type, and where even the
    # smallest cannot hold them on one line (26 columns), they wrap.
    fields = "".join(f'[fields.open_questions.x-f{n}]\nlabel = "字段{n}"\n' for n in range(count))
    (tmp_path / ".prdkit.toml").write_text(fields, encoding="utf-8")
    values = "".join(f"    x-f{n}: 十个汉字的值之第{n}号\n" for n in range(count))
    questions = "".join(
        f"  - id: Q{q}\n    question: 一二三四五六七八九十\n{values}" for q in range(3)
    )
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  language: zh\n")
    (tmp_path / "w.prd.yaml").write_text(text + "open_questions:\n" + questions, "utf-8")
    result = run_prdkit("render", str(tmp_path / "w.prd.yaml"), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    printed = "".join("".join(page.split()) for page in pages_of(tmp_path / "w.pdf"))
    # Wrapped cells read interleaved: every header and every value's last character count.
    assert all(f"字段{n}" in printed for n in range(count))
    assert printed.count("值") >= count * 3 and printed.count("号") >= count * 3
    # And nothing is drawn past a page's right edge.
    assert_nothing_past_the_right_edge(tmp_path / "w.pdf")


@needs_pdf
def test_a_markdown_table_too_wide_for_any_page_prints_whole_and_smaller(
    tmp_path: Path,
) -> None:
    # Forty columns in a requirement's description: the last dozen were cut at the
    # portrait page's edge. The table goes on a landscape page, in smaller type.
    table = forty_columns(lambda c: f"H{c}", lambda r, c: f"r{r}c{c}", rows=3)
    text = with_description("Before.", table)
    (tmp_path / "t40.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "t40.prd.yaml"), "--to", "pdf,html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "t40.html").read_text(encoding="utf-8")
    assert '<div class="turned dense-' in html
    pages = pages_of(tmp_path / "t40.pdf")
    (page,) = [n for n, t in enumerate(pages, 1) if "H39" in t]
    info = subprocess.run(
        ["pdfinfo", "-f", str(page), "-l", str(page), str(tmp_path / "t40.pdf")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "841.89 x 595.276" in info  # landscape
    words = set(pages[page - 1].split())
    assert {f"H{c}" for c in range(40)} <= words


@needs_pdf
def test_a_requirements_heading_and_lead_in_print_with_its_turned_table(tmp_path: Path) -> None:
    # The requirement's heading, its "Priority" line and the sentence introducing the table
    # stayed at the foot of a portrait page, the table alone on the landscape one after.
    row = "| " + " | ".join(["Reconciliation"] * 8) + " |"
    table = "\n".join("      " + line for line in (row, "|" + "---|" * 8, row))
    text = MINIMAL.replace(
        "priority: could",
        "priority: could\n    description: |\n      Routing by channel:\n\n" + table,
    )
    (tmp_path / "lead.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "lead.prd.yaml"), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    pages = pages_of(tmp_path / "lead.pdf")
    (page,) = [n for n, t in enumerate(pages, 1) if "Routing by channel" in t]
    assert "R1" in pages[page - 1] and "Priority" in pages[page - 1]
    assert "Reconciliation" in pages[page - 1]
    info = subprocess.run(
        ["pdfinfo", "-f", str(page), "-l", str(page), str(tmp_path / "lead.pdf")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "841.89 x 595.276" in info  # landscape


@needs_pdf
def test_table_headers_and_ids_print_whole_words(tmp_path: Path) -> None:
    # Cells broke "anywhere", so a table laid out narrower than its words when it had room
    # for them: "Kin|d", "Versio|n", "Accountin|g", ids cut mid-way. A word breaks only
    # when its column is narrower than the word itself.
    source = EXAMPLES / "loyalty-checkout.prd.yaml"
    result = run_prdkit("render", str(source), "--to", "pdf,html", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "loyalty-checkout.html").read_text(encoding="utf-8")
    headers = {re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", html)}
    words = {h for h in headers if re.fullmatch(r"[A-Za-z]{4,}", h)}
    assert {"Kind", "Version", "Priority"} <= words
    ids = set(re.findall(r"\b(?:REQ|F|M|MS)-\d+\b", html))
    assert len(ids) > 10
    printed = set(" ".join(pages_of(tmp_path / "loyalty-checkout.pdf")).split())
    assert words - printed == set()
    assert ids - printed == set()


@needs_pdf
def test_a_code_block_wider_than_the_page_wraps_and_loses_nothing(tmp_path: Path) -> None:
    # The page cannot scroll as the screen does: a long line was cut at its edge.
    token = "eyJ" + "".join(f"{n:03d}" for n in range(60)) + "END"
    code = f'{{"orderId": "BP-10442", "storeId": "NW-0142", "pickupToken": "{token}"}}'
    block = f"      ```json\n      {code}\n      ```\n"
    text = with_description("Payload:", block)
    (tmp_path / "c.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "c.prd.yaml"), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    printed = "".join("".join(page.split()) for page in pages_of(tmp_path / "c.pdf"))
    assert "".join(code.split()) in printed
    assert_nothing_past_the_right_edge(tmp_path / "c.pdf")


@needs_pdf
def test_a_very_long_word_prints_whole_in_time_linear_in_its_length(tmp_path: Path) -> None:
    # WeasyPrint measured a word of thousands of letters with no space in time growing with
    # the square of its length: 6,000 letters, in a heading, a table cell and a paragraph,
    # took about a minute of CPU; given breaks every few letters, about 3 s.
    word = "ab" * 3000
    text = with_description(f"Token {word} ends here.", "")
    text = text.replace("title: Checkout works", f"title: {word}")
    spent = timed_pdf(text, "en", tmp_path / "w.pdf")
    assert spent < 25  # CPU seconds
    # Each page's text, without its running head and foot, read on from the page before.
    bodies = [page.strip().splitlines()[1:-1] for page in pages_of(tmp_path / "w.pdf")]
    printed = "".join("".join("".join(lines).split()) for lines in bodies if lines)
    assert printed.count(word) >= 2  # heading, paragraph (and the table)
    # The contents show its first 160 characters, as the running head (see running_head).
    entry = re.search("R1([ab]{150,160})…", printed)
    assert entry is not None and word.startswith(entry.group(1))
    assert_nothing_past_the_right_edge(tmp_path / "w.pdf")


@needs_pdf
def test_long_chinese_cells_print_whole_in_time_linear_in_their_length(tmp_path: Path) -> None:
    # A glossary of long Chinese definitions: WeasyPrint measured each cell in time growing
    # with the square of its text (40 cells of 1,000 characters: 34 s). And a word of 150
    # Cyrillic letters, too long for a line, ran past the page's edge in its table cell.
    sentence = "秒杀场次开抢前十分钟推送提醒，用户点击后进入频道页并看到倒计时与限购提示。"
    definition = sentence * 40  # 1,480 characters
    glossary = "".join(f"  - term: 术语{n}\n    definition: {definition}\n" for n in range(10))
    word = "щ" * 150
    text = MINIMAL.replace("title: Checkout works", f"title: {word}") + "glossary:\n" + glossary
    spent = timed_pdf(text, "zh", tmp_path / "g.pdf")
    assert spent < 15  # CPU seconds; about 20 before, 3 after
    bodies = [page.strip().splitlines()[1:-1] for page in pages_of(tmp_path / "g.pdf")]
    printed = "".join("".join("".join(lines).split()) for lines in bodies if lines)
    assert printed.count(definition) == 10
    assert printed.count(word) >= 2  # the table and the heading
    assert_nothing_past_the_right_edge(tmp_path / "g.pdf")


@needs_pdf
def test_long_words_of_every_script_print_whole_in_time_linear_in_their_length(
    tmp_path: Path,
) -> None:
    # Words of other scripts than Latin, Greek, Cyrillic and Chinese got no breaks: in a
    # table cell, WeasyPrint made the column as wide as the word and the rest ran off the
    # page (1,103 of 8,000 Hebrew letters printed), and Thai took time growing with the
    # square of its length (8,000 letters: 15 s of CPU, 16,000: over a minute).
    words = {
        "hebrew": "שלום" * 1500,
        "arabic": "سلام" * 1500,
        "box": "─" * 6000,
        "accents": "e\u0301" * 3000,
        "thai": "สวัสดี" * 1000,
    }
    glossary = "".join(
        f"  - term: {name}\n    definition: {word}\n" for name, word in words.items()
    )
    text = MINIMAL + "glossary:\n" + glossary
    spent = timed_pdf(text, "en", tmp_path / "s.pdf")
    assert spent < 40  # CPU seconds
    # Decomposed: the text reads the accented letters back composed (é).
    printed = unicodedata.normalize("NFD", "".join(pages_of(tmp_path / "s.pdf")))
    for name, word in words.items():
        if name == "thai":
            continue  # timed only: no Thai face is installed to read its letters back
        for letter in set(word) - {"e"}:  # each word's own letters, all of them
            assert printed.count(letter) == word.count(letter), name
    assert_nothing_past_the_right_edge(tmp_path / "s.pdf")


@needs_pdf
def test_a_title_of_one_long_word_wraps_in_the_running_head(tmp_path: Path) -> None:
    # The head copies the title: 150 letters without a space ran off both edges of every
    # page and over the DRAFT mark.
    title = "Loyalty" * 21 + "Loy"
    text = MINIMAL.replace("title: Demo", f"title: {title}")
    (tmp_path / "t.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "t.prd.yaml"), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    head = [w for w in words_on(tmp_path / "t.pdf", 2) if w[3] < 60]  # in the top margin
    mark = next(w for w in head if w[4] == "DRAFT")
    pieces = [w for w in head if w is not mark]
    assert "".join(w[4] for w in pieces) == title
    for x0, _y0, x1, _y1, _word in pieces:
        assert x0 >= 0 and x1 <= mark[0] + 1  # on the page, clear of the mark
    assert_nothing_past_the_right_edge(tmp_path / "t.pdf")


@needs_pdf
def test_a_title_of_thousands_of_letters_heads_each_page_cut_short_in_linear_time(
    tmp_path: Path,
) -> None:
    # The head repeats the title on every page, and WeasyPrint measured it again on each in
    # time growing with the square of its longest word: 5,000 letters took over ten
    # minutes. The head shows its first 160 characters; the cover shows it whole.
    title = "Loyalty" * 714 + "Lo"  # 5,000 letters
    text = MINIMAL.replace("title: Demo", f"title: {title}")
    spent = timed_pdf(text, "en", tmp_path / "t.pdf")
    assert spent < 30  # CPU seconds; about 4 here
    pages = len(pages_of(tmp_path / "t.pdf")) - 1  # the text ends with a page break
    body = ""
    for page in range(1, pages + 1):
        words = words_on(tmp_path / "t.pdf", page)
        body += "".join(w[4] for w in words if 60 <= w[3] < 780)  # not head nor foot
        if page > 1:
            head = "".join(w[4] for w in words if w[3] < 60).replace("DRAFT", "")
            assert head == title[:160] + "…"
    assert body.count(title) == 1  # the cover's, whole


@needs_pdf
def test_a_long_chinese_title_in_the_contents_prints_in_memory_linear_in_its_length(
    tmp_path: Path,
) -> None:
    # The contents laid an entry out in memory growing with the square of its text: a
    # requirement titled with 24,000 Chinese characters took 1.2 GB (12,000: 435 MB). Its
    # entry shows the first 160 characters, as the running head; its heading shows it all.
    title = ("秒杀库存预扣与防超卖" * 1600)[:16000]
    source = tmp_path / "t.prd.yaml"
    source.write_text(MINIMAL.replace("title: Checkout works", f"title: {title}"), "utf-8")
    # Its peak, read by a process of its own whose one child is the render (which leaves
    # by os._exit, past any code of its own that would read it).
    watcher = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:])\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
    )
    argv = [sys.executable, "-m", "prdkit", "render", str(source), "--to", "pdf", "--lang", "zh"]
    done = subprocess.run(
        [sys.executable, "-c", watcher, *argv], capture_output=True, text=True, check=True
    )
    code, peak = map(int, done.stdout.split()[-2:])
    assert code == 0, done.stderr
    assert peak < 400  # MiB; about 215 here, 635 before
    pages = pages_of(tmp_path / "t.pdf")
    printed = "".join("".join(page.split()) for page in pages)
    entry = re.search(f"（二）R1({title[:10]}[^…]{{0,200}})…", printed)  # the contents'
    assert entry is not None and title.startswith(entry.group(1))
    assert 150 <= len(entry.group(1)) <= 160
    # Each page's text without its running head and foot, read on from the page before.
    bodies = [page.strip().splitlines()[1:-1] for page in pages]
    assert title in "".join("".join("".join(lines).split()) for lines in bodies)  # the heading


@needs_pdf
def test_a_flow_taller_than_a_page_prints_whole_under_its_heading(tmp_path: Path) -> None:
    # A drawing cannot break across pages: a tall one left its heading alone on a page
    # and was cut at the next one's foot, its last steps lost.
    steps = "".join(
        f"      - id: s{i}\n        action: Shopper does tok{i}x next\n        actor: Shopper\n"
        for i in range(30)
    )
    text = MINIMAL + "flows:\n  - id: FL-1\n    name: Long\n    steps:\n" + steps
    (tmp_path / "f.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "f.prd.yaml"), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    pages = pages_of(tmp_path / "f.pdf")
    # In the steps' table and in the drawing, on the heading's page.
    (page,) = [p for p in pages if "FL-1" in p and "tok0x" in p]
    assert all(page.count(f"tok{i}x") == 1 for i in range(30))
    printed = " ".join(pages)
    assert all(printed.count(f"tok{i}x") == 2 for i in range(30))


@needs_pdf
def test_a_table_of_long_words_too_wide_for_any_page_still_prints_every_column(
    tmp_path: Path,
) -> None:
    # Words of 14 characters in 40 columns: with words kept whole, half the columns ran
    # past the landscape page's edge. In the densest type a word may break anywhere.
    table = forty_columns(
        lambda c: f"Heading{c:02d}xyzw", lambda r, c: f"valu{r}col{c:02d}abcde", rows=2
    )
    text = with_description("Before.", table)
    (tmp_path / "w.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "w.prd.yaml"), "--to", "pdf")
    assert result.returncode == 0, result.stderr
    printed = "".join("".join(page.split()) for page in pages_of(tmp_path / "w.pdf"))
    # Broken words read interleaved; letters do not break: one "z" a header, one "b" a cell.
    assert printed.count("z") >= 40 and printed.count("b") >= 80
    assert_nothing_past_the_right_edge(tmp_path / "w.pdf")


@needs_pdf
def test_an_ordered_list_prints_from_the_authors_number(tmp_path: Path) -> None:
    # WeasyPrint numbers every list from 1 whatever `start` says: "3. Pick" printed as "1.".
    source = tmp_path / "steps.prd.yaml"
    source.write_text(with_description("Steps:", "      3. Pick\n      4. Pack\n"), "utf-8")
    result = run_prdkit("render", str(source), "--to", "pdf,html", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert '<ol style="counter-reset: list-item 2"' in (tmp_path / "steps.html").read_text()
    text = "\n".join(pages_of(tmp_path / "steps.pdf"))
    assert re.search(r"3\.\s+Pick", text) and re.search(r"4\.\s+Pack", text), text
