"""Column widths as a reader meets them in Word: short Chinese names whole.

Widths are read back from the rendered .docx and held to the advances of the installed
fonts (`tests.fonts`), not to the writer's own estimate.
"""

from __future__ import annotations

import pytest

from prdkit.writers.docx.tables import CELL_MARGINS
from tests.fonts import widest
from tests.test_docx_print import ZH, render, tables_of

SIZE = 180  # twips in an em at the tables' 9 pt


def cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def room(text: str, bold: bool = False) -> int:
    """Twips a cell needs to hold `text` on one line, at its real width."""
    return round(widest(text, bold) * SIZE) + CELL_MARGINS


@pytest.fixture(scope="module")
def zh_tables() -> list[tuple[list[int], list[list[str]]]]:
    return list(tables_of(render(ZH)))


def table(tables, *headers: str) -> tuple[list[int], list[list[str]]]:
    """The first table whose header row begins with `headers`."""
    for cols, rows in tables:
        if [cell.strip() for cell in rows[0][: len(headers)]] == list(headers):
            return cols, [[cell.strip() for cell in row] for row in rows]
    raise AssertionError(f"no table headed {headers}")


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
