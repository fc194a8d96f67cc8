"""Column widths as a reader meets them in Word: short Chinese names and header words whole.

Widths are read back from the rendered .docx and held to the advances of the installed
fonts (`tests.fonts`), not to the writer's own estimate.
"""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from prdkit.layout import build as lay_out
from prdkit.writers.docx.base import open_base
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.colwidths import (
    PROSE_LEAST,
    Measurer,
    Needs,
    _cell_text,
    _unbreakable,
    distribute,
    em_width,
    needs,
)
from prdkit.writers.docx.oxml import W_NS, Look
from prdkit.writers.docx.runmarks import HAS_BOLD
from prdkit.writers.docx.tables import CELL_MARGINS, Md, Table
from tests.fonts import PRINTABLE, installed, widest
from tests.test_docx_print import EN, ZH, model, part, render, tables_of

SIZE = 180  # twips in an em at the tables' 9 pt
TEMPLATES = ZH.parent.parent / "templates"
# A Latin header word may break after a hyphen or a slash; a CJK header of up to eight
# characters is one word; a longer one's phrases (after a comma, before a bracket) are.
_LATIN_PARTS = re.compile(r"[^-/]+[-/]?")
_CJK_WORDS = re.compile(
    r"[（【「《“][^，、。；：！？（【「《“]*|[^，、。；：！？（【「《“]+[，、。；：！？]?"
)


def cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def header_words(header: str) -> list[str]:
    if cjk(header) and len(header.strip()) <= 8:
        return [header.strip()]  # CJK text breaks anywhere: a short header is one word
    words = []
    for token in header.split():
        if not cjk(token):
            words += _LATIN_PARTS.findall(token)
        elif len(token) <= 8:
            words.append(token)
        else:
            words += _CJK_WORDS.findall(token)
    return words


def room(text: str, bold: bool = False) -> int:
    """Twips a cell needs to hold `text` on one line, at its real width."""
    return round(widest(text, bold) * SIZE) + CELL_MARGINS


@pytest.fixture(scope="module")
def zh_tables() -> list[tuple[list[int], list[list[str]]]]:
    return list(tables_of(render(ZH)))


@pytest.fixture(scope="module")
def en_tables() -> list[tuple[list[int], list[list[str]]]]:
    return list(tables_of(render(EN)))


def table(tables, *headers: str) -> tuple[list[int], list[list[str]]]:
    """The first table whose header row begins with `headers`."""
    for cols, rows in tables:
        if [cell.strip() for cell in rows[0][: len(headers)]] == list(headers):
            return cols, [[cell.strip() for cell in row] for row in rows]
    raise AssertionError(f"no table headed {headers}")


def test_latin_text_is_estimated_at_least_as_wide_as_the_fonts_draw_it():
    # Regular faces; bold is estimated a tenth wider, the headers' real bold widths are
    # checked below.
    for family, advance in installed().items():
        for char in PRINTABLE:
            real = advance(char)
            assert real is None or em_width(char) >= real, (family, char, em_width(char), real)


@pytest.mark.parametrize(
    ("headers", "column"),
    [
        (("编号", "名称", "类型"), 1),  # stakeholders
        (("编号", "用户群体"), 1),  # personas
        (("团队", "角色"), 0),  # resources
        (("团队", "角色"), 1),
    ],
)
def test_short_chinese_names_keep_to_one_line(zh_tables, headers, column):
    cols, rows = table(zh_tables, *headers)
    names = [row[column] for row in rows[1:] if cjk(row[column]) and len(row[column]) <= 10]
    assert names
    for name in names:
        assert room(name) <= cols[column], (name, room(name), cols[column])


def test_the_names_that_broke_are_among_those_checked(zh_tables):
    _, personas = table(zh_tables, "编号", "用户群体")
    _, resources = table(zh_tables, "团队", "角色")
    assert "价格敏感型家庭用户" in [row[1] for row in personas]
    assert "交易中台研发" in [row[0] for row in resources]


@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        ("zh", ("团队", "角色")),  # resources: 8 columns
        ("zh", ("编号", "名称", "开始日期")),  # milestones: 8
        ("zh", ("编号", "名称", "基线 → 目标")),  # metrics: 8
        ("zh", ("编号", "操作", "控制方式")),  # guardrails: 7
        ("zh", ("编号", "名称", "类型", "开始日期")),  # campaigns: 9
        ("en", ("Team", "Role")),  # resources: 8
        ("en", ("ID", "Name", "Start")),  # milestones: 8
        ("en", ("ID", "Name", "Baseline → target")),  # metrics: 8
        ("en", ("ID", "Action", "Control")),  # guardrails: 7
        ("en", ("ID", "Name", "Kind", "Owner")),  # dependencies: 7
    ],
)
def test_header_words_of_wide_tables_are_not_split(zh_tables, en_tables, lang, headers):
    cols, rows = table(zh_tables if lang == "zh" else en_tables, *headers)
    assert len(cols) > 6
    for col, header in zip(cols, rows[0], strict=True):
        for word in header_words(header):
            assert room(word, bold=True) <= col, (header, word, room(word, bold=True), col)


def test_header_words_split_into_words_where_they_may():
    assert header_words("Effort (days)") == ["Effort", "(days)"]
    assert header_words("Read-only analyst") == ["Read-", "only", "analyst"]
    assert header_words("工作量（人天）") == ["工作量（人天）"]
    assert header_words("基线 → 目标") == ["基线 → 目标"]
    assert header_words("潜在市场总量（TAM）") == ["潜在市场总量", "（TAM）"]


# ---- sharing out a width too narrow for every word ----------------------------------------


def test_words_that_nearly_fit_give_up_their_slack_first():
    # 5 × 1000 wanted in 4800: each column gives up some of its 60 of slack; none breaks.
    widths = distribute(4800, [(0, 1000, 1000, 1000)] * 5, [None] * 5, slack=60)
    assert sum(widths) == 4800 and all(width >= 940 for width in widths)
    # Without the slack to give up, one column breaks its word.
    assert min(distribute(4800, [(0, 1000, 1000, 1000)] * 5, [None] * 5)) < 940


def test_ids_keep_their_room_where_they_fit_and_the_words_share_the_rest():
    # (id, words, a few words of running text, typical line), in twips
    needs = [(2600, 0, 0, 2600), (0, 1000, 1000, 1000), (0, 1000, 1000, 1000)]
    assert distribute(4000, needs, [None] * 3) == [2600, 700, 700]


def test_ids_too_long_for_the_table_break_rather_than_starve_a_column_of_its_words():
    needs = [(2800, 0, 0, 2800), (2000, 0, 0, 2000), (0, 900, 900, 900)]
    assert distribute(4400, needs, [None] * 3) == [1500, 2000, 900]


def test_as_many_words_as_can_be_stay_whole():
    # 76 twips short: one column breaks a word, rather than every column by a little.
    needs = [(0, want, want, want) for want in (1500, 1600, 1700, 1800, 1900, 1114)]
    widths = distribute(9538, needs, [None] * 6)
    short = [
        i for i, (width, need) in enumerate(zip(widths, needs, strict=True)) if width < need[1]
    ]
    assert len(short) == 1 and sum(widths) == 9538


@given(
    st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 3000)), min_size=1, max_size=9),
    st.integers(1000, 12000),
)
def test_no_column_is_starved_when_words_do_not_fit(columns, total):
    needs = [(ids, words, words, words) for ids, words in columns]
    widths = distribute(total, needs, [None] * len(needs))
    assert sum(widths) == total and min(widths) >= 0
    ids = [need for need, _ in columns]
    cap = total // 4
    wants = [max(need, min(words, cap)) for need, words in columns]
    if sum(wants) <= total:
        return
    if sum(ids) <= total:  # every id whole; the words get at least half their share
        assert all(width >= need for width, need in zip(widths, ids, strict=True))
        share = min((total - sum(ids)) / (sum(wants) - sum(ids)), 0.5)
        have = ids
    else:
        share = min(total / sum(wants), 0.5)
        have = [0] * len(ids)
    for width, want, start in zip(widths, wants, have, strict=True):
        assert width >= start + int((want - start) * share) - 1, (widths, wants)


@pytest.mark.parametrize(
    ("headers", "prose"),
    [
        (("编号", "操作", "控制方式", "触发条件"), "描述"),  # guardrails: 7 columns
        (("编号", "名称", "类型", "开始日期"), "描述"),  # operations: 9 columns
        (("团队", "角色", "人数"), "备注"),  # resources: 8 columns
    ],
)
def test_running_text_keeps_a_few_words_a_line_in_a_wide_table(zh_tables, headers, prose):
    # Where not every column's words fit, a description was left the width of its header:
    # two characters a line, its row half a page tall, to keep short names whole elsewhere.
    cols, rows = table(zh_tables, *headers)
    width = cols[rows[0].index(prose)]
    assert width - CELL_MARGINS >= PROSE_LEAST * SIZE, (cols, rows[0])


def test_a_column_of_running_text_counts_a_few_words_among_its_words():
    gathered = Needs(2)
    gathered.add(0, (0.0, 2.0, 30.0), False)  # a description: a long line, short words
    gathered.add(1, (0.0, 3.0, 3.0), False)  # a name
    (_, prose_words, _, _), (_, name_words, _, _) = gathered.result()
    assert (prose_words, name_words) == (PROSE_LEAST, 3.0)


@pytest.mark.parametrize(
    "text",
    [
        "https://looker.example.com/dashboards/412",
        "见 https://wiki.example.com/pages/returns-policy-2026",
        "www.example.com/returns/policy",
        "看板：https://looker.example.com/dashboards/412",
    ],
)
def test_a_web_address_claims_no_word_to_keep_whole(text):
    # Readers break an address where they must; kept whole, one would claim a quarter of
    # the table from every other column. It still counts in the line the column wants.
    _, word, line = Measurer(set()).text(text, False, False)
    assert word < em_width("example") + 0.01
    assert line == em_width(text)
    assert _unbreakable(text, True, set())[1] < em_width("example") + 0.01


def test_a_cells_text_keeps_its_empty_paragraphs_and_leaves_out_its_nested_tables():
    tc = etree.fromstring(
        f'<w:tc xmlns:w="{W_NS}"><w:tcPr/><w:p/>'
        "<w:p><w:r><w:t>REQ\u2060-\u2060001</w:t><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:noBreakHyphen/></w:r></w:p></w:tc>"
    )
    assert _cell_text(tc) == "\nREQ-001 a\nb\n-"


NESTED = """\
prdkit: 1
meta: {id: r, title: 复现, version: "1", status: draft, owner: 李明, language: zh}
requirements:
  - {id: R1, title: 需求, priority: must, acceptance_criteria: [ok]}
market_research:
  target_users:
    - id: TU-lowtier
      segment: 三四线城市价格敏感用户
      size: 约 1.2 亿人（QuestMobile 2026）
      description: |
        | 维度 | 描述 |
        |---|---|
        | 年龄 | 25–45 岁 |
        | 设备 | 90% 使用微信小程序 |
"""


def test_a_column_holding_a_table_is_wide_enough_for_its_words(tmp_path, monkeypatch):
    # Measured by its own (empty) paragraphs, the column holding the table got 867 twips
    # of 9,638 while 规模 got 4,406: 维度 and 年龄 broke a character a line.
    path = tmp_path / "nested.prd.yaml"
    path.write_text(NESTED, encoding="utf-8")
    checked = agreeing(monkeypatch)
    body = part(render(path), "word/document.xml").find(f"{{{W_NS}}}body")
    assert len(checked) >= 3
    (nested,) = [t for t in body.iter(f"{{{W_NS}}}tbl") if t.getparent().tag.endswith("}tc")]
    cols = [int(g.get(f"{{{W_NS}}}w")) for g in nested.find(f"{{{W_NS}}}tblGrid")]
    assert cols[0] >= room("维度", bold=True)
    assert cols[1] >= room("90% 使用微信小程序") - CELL_MARGINS  # a line or two, not one a word


def test_word_joiners_take_no_room_and_widths_add_up_from_the_left():
    assert em_width("REQ\u2060-\u2060001") == em_width("REQ-001")
    total = 0.0
    for ch in "Mixed 中文 text, é and \u00a0":
        total += em_width(ch)
    assert em_width("Mixed 中文 text, é and \u00a0") == total
    assert em_width("中") == 1.0


# Pieces a cell's text is made of: ids, brackets, CJK stops, hyphens, slashes, spaces.
_PIECES_OF_TEXT = st.sampled_from(
    [
        *("REQ-001", "ACT-x", "2026-01-31", "42", "data", "on/off", "well-known", "-", "/", "a"),
        *"数据分析师交易中台（）【】「」《》“”，、。；：！？()[],;.: \t\n\u00a0\u2060",
        *("\U0001f600", "ﾀ"),
    ]
)


@given(st.lists(_PIECES_OF_TEXT, max_size=30).map("".join))
def test_a_measurer_finds_in_a_body_cell_what_the_plain_reading_finds(text: str):
    whole = {"REQ-001", "ACT-x", "数", "a"}
    measurer = Measurer(whole)
    for _ in range(2):  # the second time from what it kept
        assert measurer._unbreakable(text) == _unbreakable(text, False, whole)


def agreeing(monkeypatch) -> list[Table]:
    """The tables finished from now on, each checked to need, as gathered cell by cell,
    what its tree read back once filled says it needs."""
    checked = []

    def finish(table: Table) -> None:
        read = needs(table._cells(), len(table.cols), table.header_rows, table.b.ids, table.pad)
        assert table._needs is not None and table._needs.result() == read
        checked.append(table)
        unchecked(table)

    unchecked = Table.finish
    monkeypatch.setattr(Table, "finish", finish)
    return checked


def test_tables_gather_as_they_are_filled_what_their_filled_cells_need(monkeypatch):
    # Measured cell by cell (cells of one key once), a table needs what its tree, read
    # back once filled, says it needs.
    checked = agreeing(monkeypatch)
    for path in (ZH, EN, TEMPLATES / "ecommerce.zh.prd.yaml"):
        render(path)
    assert len(checked) > 20


@functools.cache
def _builder() -> Builder:
    builder = Builder(open_base(None), lay_out(model(EN), "en"))
    builder.flag_placeholders = True  # TODO and 待补充 split into runs of their own
    return builder


def _joined(pieces: list[str], most: int) -> st.SearchStrategy[str]:
    """Texts of up to `most` of `pieces` in a row."""
    return st.lists(st.sampled_from(pieces), max_size=most).map("".join)


_WRITTEN = _joined(
    [
        "REQ-001",
        "-",
        "a b",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "TODO",
        "待补充",
        "\u2060",
        "\x01",
        " ",
        "中",
    ],
    6,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["run", "bold", "id", "ref", "badge"]), _WRITTEN)))
@example([("run", "\r"), ("run", "\n")])  # two breaks, not one CRLF
def test_what_a_cell_was_written_is_what_reading_it_back_finds(writes):
    # A table measures its text and filler cells from the runs written into them; reading
    # the cell back must find the same text (tabs as spaces, breaks as newlines, word
    # joiners dropped) and the same boldness.
    b = _builder()
    tc = etree.Element(f"{{{W_NS}}}tc")
    para = b.paragraph(tc, "Compact")
    style = b.style_of(para)
    b.record()
    for kind, text in writes:
        if kind == "id":
            b.item_id(para, text, style)
        elif kind == "ref":
            b.ref(para, text, next(iter(b.anchors)))
        elif kind == "badge":
            b.badge(para, text, "good")
        else:
            b.run(para, text, style, Look(bold=kind == "bold"))
    assert b.recorded() == (_cell_text(tc), bool(HAS_BOLD(tc)))


_MARKDOWN = _joined(
    [
        "a b",
        "**bold**",
        "`co-de`",
        "[REQ-001](https://example.com/x)",
        "*em*",
        "~~gone~~",
        "REQ-001",
        "2026-01-31",
        "TODO",
        "待补充",
        "中文，",
        "\t",
        "\n",
        "  \n",
        "\\\n",
        "\n\n",
        "# ",
        "> ",
        "- ",
        "1. ",
        "```\n",
        "| a | b |\n| - | - |\n| c | d |\n",
        "![alt](https://example.com/p.png)",
        "<b>",
        "\u2060",
    ],
    8,
)


@settings(max_examples=200, deadline=None)
@given(_MARKDOWN)
@example("a  \nb")  # a hard break: one paragraph of two lines
@example("- a\n- b")  # two paragraphs: read back
def test_a_markdown_cell_of_one_paragraph_reads_as_it_was_written(md):
    # A Markdown cell that came out as one paragraph is measured from the runs written into
    # it (see `Table.cell`): that must be what reading the paragraph back finds.
    b = _builder()
    tc = etree.Element(f"{{{W_NS}}}tc")
    b.record()
    b.markdown(tc, md, "Compact", 4000)
    recorded = b.recorded()
    if len(tc) == 1 and tc[0].tag == f"{{{W_NS}}}p":
        assert recorded == (_cell_text(tc), bool(HAS_BOLD(tc)))


def test_markdown_cells_of_more_than_one_paragraph_are_read_back(monkeypatch):
    # A list or a table in a cell is measured from the tree: its paragraphs' breaks and its
    # nested table's text are not in what was written.
    read = []
    original = Measurer._read

    def reading(self, tc, header):
        read.append(len(tc))
        return original(self, tc, header)

    monkeypatch.setattr(Measurer, "_read", reading)
    b = _builder()
    container = b.paragraph(etree.Element(f"{{{W_NS}}}body"), "Normal").getparent()
    table = Table(b, container, [1.0, 1.0], header=["a", "b"])
    table.row([Md("one **paragraph**"), Md("- a\n- b")])
    table.row([Md("| x | y |\n| - | - |\n| 1 | 2 |"), Md("")])
    # The list's cell (tcPr and two paragraphs) and the table's (tcPr, the table and the
    # paragraph a cell ends with); the nested table's own cells are read as its fillers'.
    assert [n for n in read if n != 2] == [3, 3]
    assert read.count(2) == 4
