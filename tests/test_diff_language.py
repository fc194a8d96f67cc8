"""`prdkit diff` speaks the author's language: `--lang`, else the later `meta.language`, else
the locale; JSON keys and values never change with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.cli import app
from tests.conftest import run_prdkit

runner = CliRunner()

BEFORE = """\
prdkit: 1
meta:
  id: points
  title: 会员积分
  version: "0.1.0"
  status: draft
  owner: Ann
  language: zh
requirements:
  - id: R1
    title: 下单可用积分
    priority: could
  - id: R2
    title: 积分过期提醒
    priority: should
"""

AFTER = """\
prdkit: 1
meta:
  id: points
  title: 会员积分
  version: "0.2.0"
  status: review
  owner: Ann
  language: zh
requirements:
  - id: R1
    title: 下单可用积分
    priority: must
  - id: R3
    title: 积分兑换
    priority: could
schedule:
  milestones:
    - id: M1
      title: 上线
      date: 2026-01-01
"""


def versions(tmp_path: Path, language: str = "zh") -> tuple[str, str]:
    """The two versions as files; `language` is the later one's `meta.language`."""
    old, new = tmp_path / "old.prd.yaml", tmp_path / "new.prd.yaml"
    old.write_text(BEFORE.replace("language: zh", f"language: {language}"), encoding="utf-8")
    new.write_text(AFTER.replace("language: zh", f"language: {language}"), encoding="utf-8")
    return str(old), str(new)


def test_text_speaks_chinese_for_a_chinese_document(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    result = runner.invoke(app, ["diff", old, new])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:] == [
        "状态：草稿 → 评审中",
        "版本：0.1.0 → 0.2.0",
        "[需求说明]",
        "  + R3  积分兑换",
        "  - R2  积分过期提醒",
        "  ~ R1  下单可用积分",
        "      优先级（priority）: 可以 → 必须",
        "[执行周期规划 › 里程碑]",
        "  + M1  上线",
        "新增 2 项，删除 1 项，修改 1 项",
    ]
    same = runner.invoke(app, ["diff", old, old])
    assert same.output.splitlines()[-1] == "没有变化"


def test_lang_overrides_the_document_both_ways(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    english = runner.invoke(app, ["diff", "--lang", "en", old, new]).output.splitlines()
    assert english[2:5] == ["status: draft → review", "version: 0.1.0 → 0.2.0", "[requirements]"]
    assert english[-1] == "2 added, 1 removed, 1 changed"
    old, new = versions(tmp_path, "en")
    chinese = runner.invoke(app, ["diff", "--lang", "zh", old, new]).output.splitlines()
    assert chinese[-1] == "新增 2 项，删除 1 项，修改 1 项"
    assert runner.invoke(app, ["diff", old, new]).output.splitlines()[-1] == (
        "2 added, 1 removed, 1 changed"
    )


def test_markdown_speaks_chinese(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    result = runner.invoke(app, ["diff", "-f", "md", old, new])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "## PRD 变更：会员积分"
    assert "**状态**：`草稿` → `评审中` · **版本**：`0.1.0` → `0.2.0`" in lines
    assert (
        "**新增 2 项，删除 1 项，修改 1 项**，涉及 2 个部分：需求说明、执行周期规划 › 里程碑。"
        in lines
    )
    assert lines.count("| 变更 | 条目 | 字段 | 原值 | 新值 |") == 2
    assert "| 修改 | `R1` 下单可用积分 | 优先级 `priority` | `可以` | `必须` |" in lines
    assert "| 新增 | `M1` 上线 | | | |" in lines
    assert "### 执行周期规划 › 里程碑" in lines
    assert not any(w in result.output for w in ("added", "changed", "Change", "Status", "area"))
    same = runner.invoke(app, ["diff", "-f", "md", old, old]).output
    assert same.splitlines()[-1] == "没有变化。"


def test_markdown_in_english_is_unchanged_by_a_chinese_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    old, new = versions(tmp_path, "en")
    lines = runner.invoke(app, ["diff", "-f", "md", old, new]).output.splitlines()
    assert lines[0] == "## PRD changes: 会员积分"
    assert (
        "**2 added, 1 removed, 1 changed** items in 2 areas: Requirements, Schedule › milestones."
        in lines
    )


def test_json_keys_and_values_do_not_translate(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    report = json.loads(runner.invoke(app, ["diff", "-f", "json", "--lang", "zh", old, new]).output)
    assert report["summary"] == {"added": 2, "removed": 1, "changed": 1}
    assert [a["area"] for a in report["areas"]] == ["requirements", "schedule.milestones"]
    assert report["areas"][0]["items"][0]["change"] == "added"
    english = runner.invoke(app, ["diff", "-f", "json", "--lang", "en", old, new]).output
    assert json.loads(english) == report


def test_the_locale_decides_when_the_document_does_not_say(tmp_path: Path) -> None:
    old, new = versions(tmp_path)
    for path, text in ((old, BEFORE), (new, AFTER)):
        Path(path).write_text(text.replace("  language: zh\n", ""), encoding="utf-8")
    chinese = run_prdkit("diff", old, new, env={"LC_ALL": "zh_CN.UTF-8"})
    assert chinese.returncode == 0, chinese.stderr
    assert chinese.stdout.splitlines()[-1] == "新增 2 项，删除 1 项，修改 1 项"
    english = run_prdkit("diff", old, new, env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    assert english.stdout.splitlines()[-1] == "2 added, 1 removed, 1 changed"


def test_chinese_names_each_changed_field_as_the_document_heads_it(tmp_path: Path) -> None:
    # Built-in fields by their label, a team's field by its declared Chinese label, the
    # source's key kept beside it; English and JSON keep the key alone.
    (tmp_path / ".prdkit.toml").write_text(
        '[fields.requirements.x-jira]\nlabel = { en = "Jira", zh = "Jira 单号" }\n',
        encoding="utf-8",
    )
    old, new = versions(tmp_path)
    Path(old).write_text(
        BEFORE.replace("    priority: could\n", "    priority: could\n    x-jira: SHOP-1\n"),
        encoding="utf-8",
    )
    Path(new).write_text(
        AFTER.replace("    priority: must\n", "    priority: must\n    x-jira: SHOP-2\n").replace(
            "  owner: Ann", "  owner: Bo"
        ),
        encoding="utf-8",
    )
    text = runner.invoke(app, ["diff", old, new]).output.splitlines()
    assert "  ~ 负责人（owner）: Ann → Bo" in text
    assert "      优先级（priority）: 可以 → 必须" in text
    assert "      Jira 单号（x-jira）: SHOP-1 → SHOP-2" in text
    md = runner.invoke(app, ["diff", old, new, "-f", "md"]).output.splitlines()
    assert "|  |  | Jira 单号 `x-jira` | `SHOP-1` | `SHOP-2` |" in md
    english = runner.invoke(app, ["diff", old, new, "--lang", "en"]).output.splitlines()
    # A team's field by its label in English too (a reviewer knows "Jira", not "x-jira").
    assert "      Jira (x-jira): SHOP-1 → SHOP-2" in english
    english_md = runner.invoke(app, ["diff", old, new, "-f", "md", "--lang", "en"]).output
    assert "| Jira `x-jira` | `SHOP-1` | `SHOP-2` |" in english_md
    report = json.loads(runner.invoke(app, ["diff", old, new, "-f", "json"]).output)
    changed = [f for a in report["areas"] for i in a["items"] for f in i["fields"]]
    assert {f["field"] for f in changed} == {"owner", "priority", "x-jira"}
    assert all(set(f) <= {"field", "path", "old", "new", "added", "removed"} for f in changed)


def test_a_label_mended_to_its_value_reads_as_a_change(tmp_path: Path) -> None:
    # `status: 草稿`, then `status: draft`: both sides read 草稿, and the change read as none.
    from prdkit.conventions import NO_CONVENTIONS
    from prdkit.diff.changes import DocumentDiff
    from prdkit.diff.labels import relabel

    diff = DocumentDiff("a", "b", "T", ("草稿", "draft"), None, (), "zh")
    assert relabel(diff, NO_CONVENTIONS, "zh").status == ("草稿", "draft")
    same = DocumentDiff("a", "b", "T", ("draft", "review"), None, (), "zh")
    assert relabel(same, NO_CONVENTIONS, "zh").status == ("草稿", "评审中")


def test_fields_within_an_items_lists_are_named_in_chinese(tmp_path: Path) -> None:
    before = BEFORE.replace(
        "    priority: could\n", "    priority: could\n    acceptance_criteria: [一秒内到账]\n", 1
    ) + (
        "pages:\n  - id: PG-1\n    name: 拼团页\n    elements:\n"
        "      - name: 倒计时\n        rule: 精确到秒\n"
    )
    after = AFTER.replace(
        "    priority: must\n", "    priority: must\n    acceptance_criteria: [半秒内到账]\n", 1
    ) + (
        "pages:\n  - id: PG-1\n    name: 拼团页\n    elements:\n"
        "      - name: 倒计时\n        rule: 精确到 0.1 秒\n"
    )
    old, new = tmp_path / "old.prd.yaml", tmp_path / "new.prd.yaml"
    old.write_text(before, encoding="utf-8")
    new.write_text(after, encoding="utf-8")
    lines = runner.invoke(app, ["diff", str(old), str(new)]).output.splitlines()
    assert "      验收标准第 1 条（acceptance_criteria[#1]）: 一秒内到账 → 半秒内到账" in lines
    assert (
        "      页面元素「倒计时」·展示与交互逻辑（elements[倒计时].rule）: 精确到秒 → 精确到 0.1 秒"
        in lines
    )
    english = runner.invoke(app, ["diff", "--lang", "en", str(old), str(new)]).output
    assert "      elements[倒计时].rule: 精确到秒 → 精确到 0.1 秒" in english.splitlines()


def test_an_entrys_enum_values_and_team_fields_read_as_the_document_shows_them(
    tmp_path: Path,
) -> None:
    (tmp_path / ".prdkit.toml").write_text(
        '[fields.elements.x-mark]\nlabel = { en = "Mark", zh = "标注" }\n', encoding="utf-8"
    )
    page = (
        "pages:\n  - id: PG-1\n    name: 拼团页\n    elements:\n"
        "      - name: 按钮\n        kind: {kind}\n        x-mark: {mark}\n"
    )
    tracking = (
        "tracking:\n  - id: EV-1\n    event: joined\n    name: 参团\n    trigger: 参团成功\n"
        "    properties:\n      - name: tags\n        type: object\n        example: {example}\n"
    )
    old, new = tmp_path / "old.prd.yaml", tmp_path / "new.prd.yaml"
    old.write_text(
        BEFORE
        + page.format(kind="text", mark="①")
        + tracking.format(example="{k: [1, 2.5], d: x}"),
        encoding="utf-8",
    )
    new.write_text(
        AFTER + page.format(kind="button", mark="②") + tracking.format(example="{k: [1], d: y}"),
        encoding="utf-8",
    )
    lines = runner.invoke(app, ["diff", str(old), str(new)]).output.splitlines()
    assert "      页面元素「按钮」·类型（elements[按钮].kind）: 文本 → 按钮" in lines
    assert "      页面元素「按钮」·标注（elements[按钮].x-mark）: ① → ②" in lines
    # Deeper than an entry's own field: as the source spells it, never a misread label.
    deep = [line for line in lines if "example" in line]
    assert deep and all(line.strip().startswith("properties[tags].example") for line in deep)
