"""What a reader of the LibreOffice PDF sees: heading numbers, whole ids, CJK glyphs, marks.

Skipped without LibreOffice and poppler, like `test_docx_pdf`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from prdkit.check import check_file
from prdkit.render import source_timestamp
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write
from tests.conftest import EXAMPLES, libreoffice_pdf
from tests.test_docx_pdf import SOFFICE

PDFFONTS = shutil.which("pdffonts")


def to_pdf(docx_path: Path, work: Path) -> Path:
    """The PDF LibreOffice makes of `docx_path`, in `work`."""
    return libreoffice_pdf(str(SOFFICE), docx_path, work)


TEMPLATES = EXAMPLES.parent / "templates"

pytestmark = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None or PDFFONTS is None,
    reason="needs LibreOffice (soffice) and poppler (pdftotext, pdffonts): "
    "apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils",
)

SOURCES = {
    "zh": EXAMPLES / "flash-sale.prd.yaml",
    "en": EXAMPLES / "loyalty-checkout.prd.yaml",
    "draft": TEMPLATES / "ecommerce.zh.prd.yaml",
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("pdfs")
    out = {}
    for key, source in SOURCES.items():
        result = check_file(source)
        doc = result.document
        assert doc is not None and not result.failed()
        options = RenderOptions(lang=doc.meta.language, timestamp=source_timestamp(result))
        path = work / f"{key}.docx"
        path.write_bytes(write(doc, options))
        out[key] = to_pdf(path, work)
    return out


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def words(pdf: Path) -> list[tuple[str, float, float, float]]:
    """Every word of `pdf` in reading order: text, top of its line, left and right edge.
    Words that touch on a line are one (poppler splits at a non-breaking hyphen)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>'
    out: list[tuple[str, float, float, float]] = []
    for left, top, right, text in re.findall(pattern, xml):
        x0, y0, x1 = float(left), float(top), float(right)
        if out and abs(out[-1][1] - y0) < 1 and -1 < x0 - out[-1][3] < 0.5:
            last = out[-1]
            out[-1] = (last[0] + text, last[1], last[2], x1)
        else:
            out.append((text, y0, x0, x1))
    return out


def broken_ids(pdf: Path, ids: set[str]) -> list[str]:
    """Ids split over two lines: a word's Latin end and the start of the word that goes on
    under it (the next line of the same cell or paragraph) make one id, at a hyphen
    (ROLE-ops- / lead) or anywhere (ACT-pr / opose-price)."""
    found = words(pdf)
    broken = set()
    for index, (word, top, left, _right) in enumerate(found):
        tail = re.findall(r"[A-Za-z0-9_-]+$", word)
        if not tail or tail[0] in ids:
            continue
        # The next line is at least half a 9 pt line lower; other cells' lines may sit a
        # point or two off this one.
        later = [w for w in found[index + 1 : index + 400] if w[1] > top + 6]
        if not later:
            continue
        line = min(w[1] for w in later)
        under = [w for w in later if abs(w[1] - line) < 3 and w[2] <= left + 1]
        if not under:
            continue
        head = re.findall(r"^[A-Za-z0-9_-]+", max(under, key=lambda w: w[2])[0])
        if head and tail[0] + head[0] in ids:
            broken.add(tail[0] + head[0])
    return sorted(broken)


def test_heading_numbers_in_the_body_and_the_contents(pdfs: dict[str, Path]):
    zh = "\n".join(pages(pdfs["zh"]))
    for heading in ("一、总览", "（一）概述", "二、干系人", "五、需求说明"):
        assert zh.count(heading) >= 2, heading  # once in the contents, once in the body
    en = "\n".join(pages(pdfs["en"]))
    for heading in ("1 Overview", "1.1 Summary", "2 Stakeholders"):
        assert en.count(heading) >= 2, heading


@pytest.mark.parametrize("key", ["zh", "en"])
def test_no_id_breaks_across_lines(pdfs: dict[str, Path], key: str):
    doc = check_file(SOURCES[key]).document
    assert doc is not None
    ids = {item.id for item in doc.identified()}
    assert not broken_ids(pdfs[key], ids)


@pytest.mark.parametrize(
    ("key", "whole"),
    [
        # names in the persona and resource tables, a header of the 8-column resource table
        ("zh", ("价格敏感型家庭用户", "学生与初入职场人群", "交易中台研发", "工作量（人天）")),
        # header words of the 8-column resource table ("Effort (days)" may break at its space)
        ("en", ("People", "Effort", "(days)", "Milestones")),
    ],
)
def test_short_names_and_header_words_stay_on_one_line(
    pdfs: dict[str, Path], key: str, whole: tuple[str, ...]
):
    lines = [line.strip() for page in pages(pdfs[key]) for line in page.splitlines()]
    words = {word for line in lines for word in line.split()}
    for text in whole:
        assert text in words or text in lines, text


def test_chinese_text_is_set_in_a_cjk_face(pdfs: dict[str, Path]):
    # Noto Sans CJK ships as one collection whose faces share a glyph table named
    # "NotoSansCJKjp"; which face (SC) drew the text follows from the zh-CN tags, which the
    # XML tests check. Here: the Chinese text got a CJK font, not a Latin fallback.
    fonts = subprocess.run(
        [str(PDFFONTS), str(pdfs["zh"])], check=True, capture_output=True
    ).stdout.decode()
    assert re.search(r"NotoSansCJK|NotoSansSC|SourceHanSans", fonts), fonts


def test_a_draft_is_marked_on_every_page_and_an_approved_document_nowhere(
    pdfs: dict[str, Path],
):
    draft = pages(pdfs["draft"])
    assert len(draft) > 5
    unmarked = [n for n, page in enumerate(draft, start=1) if "草稿" not in page]
    assert not unmarked
    assert "草稿：尚未批准" in draft[0]
    approved = pages(pdfs["zh"])
    assert not any("草稿" in page or "评审中" in page for page in approved)


def test_market_size_reads_in_wan_and_yi(pdfs: dict[str, Path]):
    flat = " ".join("\n".join(pages(pdfs["zh"])).split())
    assert "1.5 万亿元" in flat and "1800 亿元" in flat and "13 亿元" in flat
    assert "1,500,000,000,000" not in flat


# ---- which Chinese glyph forms LibreOffice draws ------------------------------------------
# Noto Sans CJK is one collection whose faces share a glyph table named "NotoSansCJKjp", so
# pdffonts cannot tell the Simplified Chinese face from the Japanese one. The glyphs can:
# 令 ends in 丶 and a hook in Chinese, in マ in Japanese. Our title's 令 is compared with the
# same character set explicitly in each face.

GLYPH = "令"


def _gray(pdf: Path, work: Path) -> tuple[int, int, bytes]:
    """Page 1 of `pdf` at 150 dpi in grey: width, height, one byte per pixel."""
    stem = work / pdf.stem
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-gray",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )
    data = stem.with_suffix(".pgm").read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    return int(width), int(height), pixels


def _glyphs(pdf: Path, work: Path) -> list[list[str]]:
    """Every occurrence of GLYPH standing alone on page 1, as rows of ink ('#') and paper."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    width, _, pixels = _gray(pdf, work)
    scale = 150 / 72
    out = []
    for box in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">' + GLYPH + "<",
        xml,
    ):
        x0, y0, x1, y1 = (int(float(v) * scale) for v in box.groups())
        rows = [
            "".join("#" if pixels[y * width + x] < 128 else "." for x in range(x0, x1))
            for y in range(y0, y1)
        ]
        inked = [r for r in rows if "#" in r]
        left = min(r.index("#") for r in inked)
        right = max(r.rindex("#") for r in inked)
        out.append([r[left : right + 1] for r in inked])
    return out


def _distance(a: list[str], b: list[str]) -> int:
    height, width = min(len(a), len(b)), min(len(a[0]), len(b[0]))
    return (
        sum(a[y][x] != b[y][x] for y in range(height) for x in range(width))
        + abs(len(a) - len(b)) * width
    )


def test_chinese_text_is_drawn_in_simplified_chinese_forms(tmp_path: Path):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from prdkit.check import check_bytes

    source = (
        "prdkit: 1\n"
        f"meta: {{id: glyph, title: {GLYPH}, version: '1', status: approved, owner: A, "
        "language: zh}\n"
        "requirements:\n  - {id: R1, title: x, priority: must}\n"
    )
    result = check_bytes(source.encode(), "glyph.prd.yaml")
    assert result.document is not None
    ours = tmp_path / "ours.docx"
    ours.write_bytes(write(result.document, RenderOptions(lang="zh")))
    reference = docx.Document()
    for face in ("Noto Sans CJK SC", "Noto Sans CJK JP"):
        run = reference.add_paragraph().add_run(GLYPH)
        run.font.size, run.font.bold = Pt(28), True  # the Title style: 28 pt bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    faces = tmp_path / "faces.docx"
    reference.save(str(faces))
    (title,) = _glyphs(to_pdf(ours, tmp_path), tmp_path)[:1]
    simplified, japanese = _glyphs(to_pdf(faces, tmp_path), tmp_path)
    assert _distance(simplified, japanese) > 20  # the two forms do differ at this size
    assert _distance(title, simplified) < _distance(title, japanese)
