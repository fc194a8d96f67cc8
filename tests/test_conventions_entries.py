"""A team's fields on the lists inside items: a page's elements (标注), an event's properties
(是否必传), a flow's steps, a page's states: declared, checked at their line, shown in the
table that lists them, exported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.check import check_file
from prdkit.cli import app
from prdkit.config import clear_cache, config_for
from prdkit.conventions import entry_paths
from prdkit.layout import build as lay_out
from prdkit.layout.blocks import Table
from prdkit.layout.sheets import build as sheets
from tests.test_rules_base import at, document

runner = CliRunner()

TEAM = """\
[fields.elements.x-mark]
label = { en = "Mark", zh = "标注" }
pattern = "^[①-⑳]$"

[fields.properties.x-required]
label = { en = "Required", zh = "是否必传" }
type = "enum"
values = ["是", "否"]
required-from = "review"

[fields.steps.x-sla]
label = { en = "SLA", zh = "时限" }

[fields.states.x-toast]
label = { en = "Toast", zh = "提示文案" }
"""

SECTIONS = {
    "pages": """\
  - id: P1
    name: Group page
    elements:
      - name: Price
        kind: text
        x-mark: ①
      - name: Countdown
        kind: text
        x-mark: 7  # <bad-mark>
    states:
      - name: Sold out
        x-toast: 已抢光
""",
    "tracking": """\
  - id: E1
    event: group_joined
    name: Group joined
    trigger: The join succeeds.
    page: P1
    properties:
      - name: group_id
        type: string
        x-required: 是
      - name: size  # <missing>
        type: number
""",
    "flows": """\
  - id: FL1
    name: Join
    steps:
      - id: S1
        actor: Buyer
        action: Pays
        x-sla: 30 s
""",
}


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def _written(tmp_path: Path, status: str = "draft") -> tuple[Path, str]:
    (tmp_path / ".prdkit.toml").write_text(TEAM, encoding="utf-8")
    text = document(status, **SECTIONS)
    path = tmp_path / "a.prd.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_the_lists_inside_items_are_kinds_a_team_may_declare() -> None:
    assert dict(entry_paths()) == {
        "elements": ("pages", "elements"),
        "states": ("pages", "states"),
        "properties": ("tracking", "properties"),
        "steps": ("flows", "steps"),
    }  # from the schema; a prototype is a picture, with nowhere for a field to show


def test_a_prototypes_field_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text("[fields.prototypes.x-a]\n", encoding="utf-8")
    path = tmp_path / "a.prd.yaml"
    path.write_text(document(), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and "unknown item kind 'prototypes'" in result.output


def test_their_values_are_checked_at_their_line(tmp_path: Path) -> None:
    path, text = _written(tmp_path, "review")
    result = check_file(path, config_for(path))
    found = [(d.rule, d.line) for d in result.diagnostics if d.rule.startswith("custom-field")]
    assert found == [
        ("custom-field-invalid", at(text, "<bad-mark>")),
        ("custom-field-missing", at(text, "<missing>")),
    ]
    missing = next(d for d in result.diagnostics if d.rule == "custom-field-missing")
    assert missing.message.startswith("event property 'size' has no x-required")
    # A name is quoted, so a Chinese one does not run into the words after it.
    chinese = check_file(path, config_for(path), lang="zh")
    missing = next(d for d in chinese.diagnostics if d.rule == "custom-field-missing")
    assert missing.message.startswith("事件属性 'size' 缺少 x-required"), missing.message


def _table(laid: object, section: str, first: str) -> Table:
    blocks = next(s for s in laid.sections if s.key == section).blocks  # type: ignore[attr-defined]
    return next(b for b in blocks if isinstance(b, Table) and b.columns[0].label == first)


def test_they_show_as_columns_of_the_table_that_lists_them(tmp_path: Path) -> None:
    path, _ = _written(tmp_path)
    result = check_file(path, config_for(path))
    assert result.document is not None
    laid = lay_out(result.document, "zh")
    elements = _table(laid, "pages", "名称")
    assert elements.columns[-1].label == "标注"
    assert [row[-1].text for row in elements.rows] == ["①", "7"]  # type: ignore[union-attr]
    properties = _table(laid, "tracking", "事件")
    assert properties.columns[-1].label == "是否必传"
    assert [getattr(row[-1], "text", None) for row in properties.rows] == ["是", None]
    steps = _table(laid, "flows", "序号")
    assert steps.columns[-1].label == "时限"
    assert steps.rows[0][-1].text == "30 s"  # type: ignore[union-attr]
    states = [
        b
        for b in next(s for s in laid.sections if s.key == "pages").blocks
        if isinstance(b, Table) and b.columns[-1].label == "提示文案"
    ]
    assert len(states) == 1 and states[0].rows[0][-1].text == "已抢光"  # type: ignore[union-attr]


def test_an_event_propertys_field_is_exported(tmp_path: Path) -> None:
    path, _ = _written(tmp_path)
    result = check_file(path, config_for(path))
    assert result.document is not None
    book = sheets(result.document, "en")
    (sheet,) = [s for s in book.sheets if s.key == "event_properties"]
    assert sheet.table.columns[-1].label == "Required"
    assert getattr(sheet.table.rows[0][-1], "text", None) == "是"


def test_markdown_shows_an_elements_mark(tmp_path: Path) -> None:
    path, text = _written(tmp_path)
    path.write_text(text.replace("x-mark: 7", "x-mark: ⑦"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["render", str(path), "--to", "md", "-o", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    text = (out / "a.md").read_text(encoding="utf-8")
    assert "| 名称 | 类型 | 展示与交互逻辑 | 标注 |" in text
    assert "| Price | 文本 | | ① |" in text


def test_a_value_of_the_wrong_type_shows_as_the_data_reads(tmp_path: Path) -> None:
    # With custom-field-invalid switched off, a list, a mapping or true still reads as
    # written, not as Python's repr (['①'], True).
    (tmp_path / ".prdkit.toml").write_text(
        TEAM + '\n[rules]\ncustom-field-invalid = "off"\n', encoding="utf-8"
    )
    text = document(**SECTIONS).replace("x-mark: ①", "x-mark: [①, ②]")
    text = text.replace("x-mark: 7  # <bad-mark>", "x-mark: {a: true}")
    path = tmp_path / "a.prd.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_file(path, config_for(path))
    assert result.document is not None
    elements = _table(lay_out(result.document, "en"), "pages", "Name")
    assert [row[-1].text for row in elements.rows] == ['["①", "②"]', '{"a": true}']  # type: ignore[union-attr]
