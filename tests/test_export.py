"""`prdkit export`: the workbook reopened with openpyxl, the CSV files read with the csv module."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from typer.testing import CliRunner

from prdkit.check import check_bytes
from prdkit.cli import app
from prdkit.export import EXPORTS, ExportOptions, build
from prdkit.schema import load_schema
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit
from tests.hostile.schemagen import documents, to_yaml

openpyxl = pytest.importorskip("openpyxl", reason="the tests read workbooks with openpyxl")

FLASH = EXAMPLES / "flash-sale.prd.yaml"  # a Chinese document
DATA = yaml.safe_load(FLASH.read_text(encoding="utf-8"))


def export(tmp_path: Path, *args: str, source: Path = FLASH) -> list[str]:
    result = CliRunner().invoke(app, ["export", str(source), "-o", str(tmp_path), *args])
    assert result.exit_code == 0, result.output
    # "wrote PATH", in the document's language (已写入 for a Chinese one).
    return [line.split(" ", 1)[1] for line in result.output.splitlines()]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("xlsx")
    assert export(folder) == [str(folder / "flash-sale.xlsx")]
    return openpyxl.load_workbook(folder / "flash-sale.xlsx")


def test_one_sheet_per_item_kind_after_the_metadata(workbook) -> None:
    # Every item kind that has items, in the format's order.
    assert workbook.sheetnames == [
        "文档信息",
        "相关链接",
        "干系人",
        "修订记录",
        "目标用户",
        "调研发现",
        "需求说明",
        "收入来源",
        "成本结构",
        "竞争对手",
        "对比矩阵",
        "功能设计",
        "页面说明",
        "埋点方案",
        "事件参数",
        "流程设计",
        "里程碑",
        "量化标准",
        "资源调控",
        "角色",
        "操作",
        "授权",
        "职责分离",
        "容错体系",
        "运营活动",
        "风险",
        "待解决问题",
        "术语表",
        "审核签字",
    ]
    meta = {row[0]: row[1] for row in workbook["文档信息"].iter_rows(values_only=True)}
    assert meta["标题"] == DATA["meta"]["title"]
    assert meta["版本"] == DATA["meta"]["version"]
    assert meta["状态"] == "已批准"  # the status label in the document's language
    sizes = {
        "需求说明": "requirements",
        "功能设计": "features",
        "页面说明": "pages",
        "埋点方案": "tracking",
        "量化标准": "metrics",
        "风险": "risks",
    }
    for sheet, key in sizes.items():
        assert workbook[sheet].max_row == len(DATA[key]) + 1
    assert workbook["里程碑"].max_row == len(DATA["schedule"]["milestones"]) + 1
    properties = sum(len(e.get("properties", [])) for e in DATA["tracking"])
    assert workbook["事件参数"].max_row == properties + 1


def test_pages_and_tracking_events_have_their_sheets_with_links(workbook) -> None:
    pages = workbook["页面说明"]
    head = [c.value for c in pages[1]]
    assert head == [
        "编号",
        "名称",
        "终端",
        "入口",
        "描述",
        "原型图",
        "页面元素",
        "页面状态",
        "跳转至",
        "关联功能",
    ]
    first = DATA["pages"][0]
    row = {h: c for h, c in zip(head, pages[2], strict=True)}
    assert row["编号"].value == first["id"] and row["名称"].value == first["name"]
    # An element a line, with its kind and its rule: what the page spec says of it.
    assert row["页面元素"].value.split("\n") == [
        " · ".join(str(e[k]) for k in ("name", "kind", "rule") if e.get(k))
        for e in first["elements"]
    ]
    # A Chinese sheet lists ids as the Chinese document does: with `、`.
    assert row["跳转至"].value == "、".join(first["navigates_to"])
    # A page's features are those it names and those that name it, as in the document.
    assert row["关联功能"].value == "F-01、F-04、F-06"
    assert row["跳转至"].hyperlink.location == "'页面说明'!A3"
    events = workbook["埋点方案"]
    head = [c.value for c in events[1]]
    event = DATA["tracking"][0]
    row = {h: c for h, c in zip(head, events[2], strict=True)}
    assert (row["编号"].value, row["事件名"].value) == (event["id"], event["event"])
    assert row["所在页面"].value == event["page"]
    assert row["所在页面"].hyperlink.location == "'页面说明'!A2"
    # Metrics that list the event count too: MET-04 names EV-01 from its side.
    assert row["关联指标"].value == "MET-01、MET-04、MET-08"
    props = workbook["事件参数"]
    assert [c.value for c in props[1]] == ["事件", "名称", "类型", "取值", "示例", "描述"]
    source = [c.value for c in props[3]]
    assert source[:3] == ["EV-01", "source", "枚举"]
    assert source[3].split("\n") == event["properties"][1]["values"]
    assert props["A3"].hyperlink.location == "'埋点方案'!A2"


def test_the_header_is_frozen_filtered_and_the_columns_fit(workbook) -> None:
    sheet = workbook["需求说明"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["编号", "标题", "优先级", "类型", "状态"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "B2"  # header row and id column stay in view
    assert sheet.auto_filter.ref == f"A1:P{len(DATA['requirements']) + 1}"
    titles = [r["title"] for r in DATA["requirements"]]
    widest = max(2 * len(t) for t in titles)  # Chinese characters are two columns wide
    width = sheet.column_dimensions["B"].width
    assert widest <= width <= 40 + 3
    assert sheet.column_dimensions["A"].width < width  # ids stay narrow
    # Long Markdown is capped and wraps instead of making a column screens wide.
    assert sheet.column_dimensions["K"].width <= 60 + 3  # the description
    assert sheet["K2"].alignment.wrap_text


def test_cells_keep_their_types_and_chinese_text(workbook) -> None:
    sheet = workbook["需求说明"]
    first = DATA["requirements"][0]
    assert sheet["A2"].value == first["id"]
    assert sheet["B2"].value == first["title"]  # Chinese text, intact
    assert sheet["C2"].value == "必须"  # priority must, localised
    rice = first["rice"]
    score = rice["reach"] * rice["impact"] * rice["confidence"] / rice["effort"]
    assert sheet["F2"].value == pytest.approx(score)  # a number, not text
    milestone = workbook["里程碑"]
    due = DATA["schedule"]["milestones"][0]["due"]
    assert milestone["D2"].value == datetime.fromisoformat(str(due))
    assert milestone["D2"].number_format == "yyyy-mm-dd"


def test_a_reference_links_to_the_row_of_its_item(workbook) -> None:
    features = workbook["功能设计"]
    header = [c.value for c in features[1]]
    cell = features.cell(row=2, column=header.index("关联需求") + 1)
    first_ref = DATA["features"][0]["requirements"][0]
    assert cell.value == "、".join(DATA["features"][0]["requirements"])
    row = [r["id"] for r in DATA["requirements"]].index(first_ref) + 2
    assert cell.hyperlink.location == f"'需求说明'!A{row}"
    assert workbook["需求说明"][f"A{row}"].value == first_ref


def test_english_labels_on_request_and_identical_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    export(one, "--lang", "en")
    export(two, "--lang", "en")
    assert (one / "flash-sale.xlsx").read_bytes() == (two / "flash-sale.xlsx").read_bytes()
    book = openpyxl.load_workbook(one / "flash-sale.xlsx")
    assert book.sheetnames[:3] == ["Document information", "Links", "Stakeholders"]
    assert [c.value for c in book["Requirements"][1]][:3] == ["ID", "Title", "Priority"]
    assert book["Requirements"]["C2"].value == "Must"


def test_csv_one_utf8_file_per_kind(tmp_path: Path) -> None:
    written = export(tmp_path, "--to", "csv")
    kinds = [
        "links",
        "stakeholders",
        "revisions",
        "target_users",
        "findings",
        "requirements",
        "revenue_streams",
        "cost_structure",
        "competitors",
        "comparison",
        "features",
        "pages",
        "tracking",
        "event_properties",
        "flows",
        "milestones",
        "metrics",
        "resources",
        "roles",
        "actions",
        "grants",
        "separation_of_duties",
        "guardrails",
        "campaigns",
        "risks",
        "open_questions",
        "glossary",
        "approvals",
    ]
    assert written == [str(tmp_path / f"flash-sale.{k}.csv") for k in kinds]
    raw = (tmp_path / "flash-sale.requirements.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0][:3] == ["编号", "标题", "优先级"]
    assert len(rows) == len(DATA["requirements"]) + 1
    first = DATA["requirements"][0]
    assert rows[1][:3] == [first["id"], first["title"], "必须"]
    assert rows[1][12].split("\n") == [c.strip() for c in first["acceptance_criteria"]]
    assert rows[1][15] == ", ".join(first["depends_on"])
    props = (tmp_path / "flash-sale.event_properties.csv").read_text("utf-8").splitlines()
    # A boolean example reads as the client sends it, not as Python writes it.
    assert "EV-03,sms_opt_in,布尔值,,false,是否同时勾选了短信提醒。" in props


@pytest.mark.parametrize(
    "title", ["=1+1", "+1+1", "-2+3+cmd|' /C calc'!A0", "- 2+3", "@SUM(A1:A2)", "\t=1"]
)
def test_csv_with_a_bom_for_excel_and_formulas_kept_as_text(tmp_path: Path, title: str) -> None:
    source = tmp_path / "calc.prd.yaml"
    quoted = json.dumps(title)
    source.write_text(MINIMAL.replace("title: Checkout works", f"title: {quoted}"), "utf-8")
    export(tmp_path, "--to", "csv,xlsx", "--bom", source=source)
    raw = (tmp_path / "calc.requirements.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfID,Title,")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1][1] == "'" + title.strip(" ")  # a spreadsheet would run it as a formula
    cell = openpyxl.load_workbook(tmp_path / "calc.xlsx")["Requirements"]["B2"]
    assert (cell.value, cell.data_type) == (title.strip(" "), "s")


def _shelved(req: dict[str, Any]) -> bool:
    return req["priority"] == "wont" or req.get("status") in ("rejected", "deferred")


def test_jira_leaves_out_what_is_not_being_built(tmp_path: Path) -> None:
    # Imported, a won't-do requirement became an Epic: work nobody is to do.
    reqs = "".join(
        f"  - id: R{n}\n    title: T{n}\n    priority: {p}\n"
        + (f"    status: {st}\n" if st else "")
        for n, (p, st) in enumerate(
            [("must", None), ("wont", None), ("could", "rejected"), ("should", "deferred")]
        )
    )
    feats = (
        "features:\n  - id: F1\n    name: Lockers\n    priority: wont\n    requirements: [R0]\n"
        "  - id: F2\n    name: Picker\n    priority: must\n    requirements: [R1, R0]\n"
    )
    text = MINIMAL[: MINIMAL.index("requirements:")] + "requirements:\n" + reqs + feats
    source = tmp_path / "s.prd.yaml"
    source.write_text(text, encoding="utf-8")
    export(tmp_path, "--to", "jira,csv", source=source)
    rows = list(csv.reader(io.StringIO((tmp_path / "s.jira.csv").read_text("utf-8"), newline="")))
    assert [(r[0], r[1], r[2], r[5]) for r in rows[1:]] == [
        ("1", "Epic", "R0 T0", ""),
        ("2", "Story", "F2 Picker", "1"),  # under its first requirement being built
    ]
    # The spreadsheets keep everything.
    assert (tmp_path / "s.requirements.csv").read_text("utf-8").count("\nR") == 4


def test_jira_csv_maps_requirements_to_epics_and_features_to_their_stories(
    tmp_path: Path,
) -> None:
    export(tmp_path, "--to", "jira")
    text = (tmp_path / "flash-sale.jira.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    assert header[:6] == ["Issue ID", "Issue Type", "Summary", "Priority", "Description", "Parent"]
    assert set(header[6:]) == {"Labels"}
    reqs = [r for r in DATA["requirements"] if not _shelved(r)]
    feats = DATA["features"]
    assert len(reqs) < len(DATA["requirements"])  # REQ-015, wont and deferred, is left out
    assert len(rows) == 1 + len(reqs) + len(feats)
    assert [r[1] for r in rows[1:]] == ["Epic"] * len(reqs) + ["Story"] * len(feats)

    feature = feats[0]
    row = rows[1 + len(reqs)]
    parent = next(r for r in rows[1:] if r[2].startswith(feature["requirements"][0] + " "))
    assert row[0] == str(len(reqs) + 1)
    assert row[2] == f"{feature['id']} {feature['name']}"
    assert row[3] == {"must": "Highest", "should": "High", "could": "Medium"}[feature["priority"]]
    assert row[5] == parent[0]  # the Parent column holds the Epic's Issue ID
    labels = [x for x in row[6:] if x]
    assert labels[:3] == [DATA["meta"]["id"], feature["id"], feature["requirements"][0]]
    # Description in Jira's markup: criteria numbered, code as {{...}}, every requirement named.
    description = row[4]
    for criterion in feature["acceptance_criteria"]:
        assert f"# {criterion.strip()}" in description
    assert "{{title}}" in description
    assert all(r in description for r in feature["requirements"])

    epic = rows[1]
    assert epic[2] == f"{reqs[0]['id']} {reqs[0]['title']}"
    assert epic[3] == "Highest" and epic[5] == ""


def test_a_jira_description_fits_jira_s_text_field(tmp_path: Path) -> None:
    # Jira refuses a row whose description passes 32,767 characters; the source line
    # that ends the description is kept whole.
    source = tmp_path / "long.prd.yaml"
    long = "长文本。" * 12_000
    source.write_text(
        MINIMAL.replace("    priority: could\n", f"    priority: could\n    description: {long}\n"),
        "utf-8",
    )
    export(tmp_path, "--to", "jira", source=source)
    text = (tmp_path / "long.jira.csv").read_text(encoding="utf-8")
    (row,) = list(csv.reader(io.StringIO(text, newline="")))[1:]
    description = row[4]
    assert len(description) == 32_767
    head, tail = description.split("\n\n----\n\n")
    assert head.endswith("…") and head.count("长文本。") > 7_000
    assert tail == "Demo (demo 0.1.0): R1"


def test_a_jira_issue_carries_at_most_20_labels(tmp_path: Path) -> None:
    # Every row has a column per label of the row with the most: one feature citing 8,000
    # requirements made 8,000 columns of every row (129 MB). The requirements past the
    # labels are named in the description; a feature keeps its surface.
    reqs = "".join(f"  - {{id: R{i}, title: T{i}, priority: could}}\n" for i in range(30))
    cited = ", ".join(f"R{i}" for i in range(30))
    source = tmp_path / "wide.prd.yaml"
    source.write_text(
        MINIMAL.split("requirements:")[0]
        + f"requirements:\n{reqs}features:\n  - id: F1\n    name: F\n    surface: mobile\n"
        + f"    requirements: [{cited}]\n",
        "utf-8",
    )
    export(tmp_path, "--to", "jira", source=source)
    text = (tmp_path / "wide.jira.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows[0]) == 6 + 20 and all(len(row) == 26 for row in rows)
    story = rows[-1]
    assert story[6:] == ["demo", "F1", *(f"R{i}" for i in range(17)), "mobile"]  # its surface kept
    assert all(f"R{i} T{i}" in story[4] for i in range(30))


def test_an_invalid_document_exports_nothing_and_a_bad_format_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.prd.yaml"
    bad.write_text(MINIMAL.replace("priority: could", "priority: urgent"), "utf-8")
    done = run_prdkit("export", str(bad), "--to", "xlsx,csv,jira")
    assert done.returncode == 1
    assert "schema-enum" in done.stdout
    assert f"nothing written for {bad}" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.prd.yaml"]
    done = run_prdkit("export", str(FLASH), "--to", "pdf", "-o", str(tmp_path))
    assert done.returncode == 2
    assert "unknown export format 'pdf'; choose from xlsx, csv, jira" in done.stderr
    assert "Traceback" not in done.stderr


def test_export_through_the_real_command(tmp_path: Path) -> None:
    done = run_prdkit("export", str(FLASH), "--to", "xlsx,jira", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flash-sale.jira.csv", "flash-sale.xlsx"]


@settings(
    max_examples=int(os.environ.get("PRDKIT_FUZZ_EXAMPLES", "40")),
    derandomize=not os.environ.get("PRDKIT_FUZZ_RANDOM"),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=documents(load_schema()))
def test_every_valid_document_exports_to_every_format(document: dict) -> None:
    result = check_bytes(to_yaml(document).encode("utf-8"), "drawn.prd.yaml")
    assume(result.document is not None and not result.failed())
    options = ExportOptions(EXPORTS, document["meta"].get("language"))
    files = build(result, options)
    assert build(result, options) == files  # byte-identical reruns
    book = openpyxl.load_workbook(io.BytesIO(dict(files)[".xlsx"]))
    assert book.sheetnames[0] in ("Document information", "文档信息")
    jira = dict(files)[".jira.csv"].decode("utf-8")
    rows = list(csv.reader(io.StringIO(jira, newline="")))
    built = [r for r in document["requirements"] if not _shelved(r)]
    kept = [f for f in document.get("features", []) if f.get("priority") != "wont"]
    assert len(rows) == 1 + len(built) + len(kept)


def test_a_score_past_the_largest_number_stays_readable_text(tmp_path: Path) -> None:
    source = tmp_path / "huge.prd.yaml"
    rice = "    rice: {reach: 1.0e+308, impact: 10, confidence: 1, effort: 1}\n"
    source.write_text(MINIMAL + rice, "utf-8")
    export(tmp_path, source=source)
    cell = openpyxl.load_workbook(tmp_path / "huge.xlsx")["Requirements"]["F2"]
    assert cell.data_type == "s" and cell.value == "inf"


def team_export(tmp_path: Path, config: str, extra: str, *formats: str) -> None:
    """Export MINIMAL with `extra` under its requirement, the team's `config` beside it."""
    (tmp_path / ".prdkit.toml").write_text(config, encoding="utf-8")
    source = tmp_path / "team.prd.yaml"
    source.write_text(MINIMAL + extra, encoding="utf-8")
    export(tmp_path, *formats, source=source)


def test_the_teams_fields_and_priority_labels_reach_every_export(tmp_path: Path) -> None:
    team_export(
        tmp_path,
        '[fields.requirements.x-jira]\nlabel = { en = "Jira", zh = "Jira 单号" }\n'
        'type = "string"\n\n[labels.priority]\nmust = "P0"\nshould = "P1"\ncould = "P2"\n',
        "    x-jira: SHOP-12\n",
        "--to",
        "xlsx,csv,jira",
    )
    sheet = openpyxl.load_workbook(tmp_path / "team.xlsx")["Requirements"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "Jira"
    assert sheet.cell(row=2, column=len(header)).value == "SHOP-12"
    assert sheet["C2"].value == "P2"  # the team's label for `could`
    rows = list(csv.reader(io.StringIO((tmp_path / "team.requirements.csv").read_text("utf-8"))))
    assert rows[0][-1] == "Jira" and rows[1][-1] == "SHOP-12"
    jira = list(csv.reader(io.StringIO((tmp_path / "team.jira.csv").read_text("utf-8"))))
    assert jira[1][3] == "P2"  # Jira's Priority takes the team's name
    # The team's field follows Parent, under its label, for the importer to map.
    assert jira[0][5:8] == ["Parent", "Jira", "Labels"]
    assert jira[1][6] == "SHOP-12"


def test_a_team_field_named_as_a_jira_column_keeps_a_column_of_its_own(tmp_path: Path) -> None:
    # Labelled Priority and Labels, the team's fields made the importer's header hold two
    # columns named Priority: Jira maps columns by their names.
    team_export(
        tmp_path,
        '[fields.requirements.x-prio]\nlabel = "Priority"\n'
        '[fields.requirements.x-tags]\nlabel = "Labels"\n',
        "    x-prio: Highest\n    x-tags: web\n",
        "--to",
        "jira",
    )
    jira = list(csv.reader(io.StringIO((tmp_path / "team.jira.csv").read_text("utf-8"))))
    assert jira[0][5:9] == ["Parent", "Priority (x-prio)", "Labels (x-tags)", "Labels"]
    assert jira[0].count("Priority") == 1


def test_dependencies_have_their_sheet(tmp_path: Path) -> None:
    export(tmp_path, "--lang", "en", source=EXAMPLES / "loyalty-checkout.prd.yaml")
    book = openpyxl.load_workbook(tmp_path / "loyalty-checkout.xlsx")
    assert "External dependencies" in book.sheetnames
    data = yaml.safe_load((EXAMPLES / "loyalty-checkout.prd.yaml").read_text(encoding="utf-8"))
    sheet = book["External dependencies"]
    assert [c.value for c in sheet["A"][1:]] == [d["id"] for d in data["dependencies"]]


def test_csv_numbers_read_as_numbers_in_every_locale(tmp_path: Path) -> None:
    # "162,000" reads as 162 where a comma marks the decimals; a unit keeps the text shown.
    source = tmp_path / "score.prd.yaml"
    rice = "    rice: {reach: 2000, impact: 3, confidence: 0.9, effort: 0.5}\n"
    metric = "metrics:\n  - id: K1\n    name: Conversion\n    target: 1200\n    unit: ms\n"
    source.write_text(MINIMAL + rice + metric, "utf-8")
    export(tmp_path, "--to", "csv", "--lang", "en", source=source)
    rows = list(csv.reader(io.StringIO((tmp_path / "score.requirements.csv").read_text("utf-8"))))
    assert rows[0][5] == "RICE score" and rows[1][5] == "10800"
    # A score shows two decimals at most, in the CSV too (not 53333.333333333336).
    source.write_text(
        MINIMAL + "    rice: {reach: 200000, impact: 2, confidence: 0.8, effort: 6}\n", "utf-8"
    )
    export(tmp_path, "--to", "csv", "--lang", "en", source=source)
    rows = list(csv.reader(io.StringIO((tmp_path / "score.requirements.csv").read_text("utf-8"))))
    assert rows[1][5] == "53333.33"
    metrics = list(csv.reader(io.StringIO((tmp_path / "score.metrics.csv").read_text("utf-8"))))
    target = metrics[0].index("Target")
    assert metrics[1][0] == "K1" and metrics[1][target] == "1200"


def test_no_csv_cell_reads_as_a_formula_whatever_it_comes_from(tmp_path: Path) -> None:
    # A team's label (Jira's Priority, a column header) and generated text are cells too.
    team_export(
        tmp_path,
        '[fields.requirements.x-cost]\nlabel = { en = "=HYPERLINK(1)" }\ntype = "number"\n\n'
        '[labels.priority]\ncould = "=cmd|x"\n',
        "    x-cost: -5\n",
        "--to",
        "csv,jira",
        "--lang",
        "en",
    )
    for name in ("team.requirements.csv", "team.jira.csv"):
        rows = list(csv.reader(io.StringIO((tmp_path / name).read_text("utf-8"))))
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@") or c[:2] == "--"], name
    requirements = list(csv.reader(io.StringIO((tmp_path / "team.requirements.csv").read_text())))
    assert requirements[0][-1] == "'=HYPERLINK(1)" and requirements[1][-1] == "-5"
    jira = list(csv.reader(io.StringIO((tmp_path / "team.jira.csv").read_text("utf-8"))))
    assert jira[1][3] == "'=cmd|x"
    assert jira[1][4].startswith("Demo")  # no description: the source line, no rule above it


@pytest.mark.parametrize(
    "template", ["ecommerce.zh.prd.yaml", "ecommerce.en.prd.yaml", "launch.zh.prd.yaml"]
)
def test_every_value_of_every_item_reaches_its_kinds_csv(tmp_path: Path, template: str) -> None:
    # A page's element rules, a flow's branches, a guardrail, a rollout stage: whatever an
    # item says is in the file of its kind.
    from prdkit.conventions import item_paths, items_of
    from prdkit.i18n import ENUMS, label

    source = Path(__file__).parent.parent / "templates" / template
    lang = "zh" if ".zh." in template else "en"
    export(tmp_path, "--to", "csv", source=source)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    stem = template.removesuffix(".prd.yaml")
    checked = 0
    for kind in item_paths():
        items = list(items_of(data, kind))
        if not items:
            continue
        csv_text = (tmp_path / f"{stem}.{kind}.csv").read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(csv_text)))[1:]
        assert len(rows) == len(items), kind  # a row an item, in the document's order
        extra = ""
        if kind == "tracking":  # an event's properties have a sheet of their own
            extra = (tmp_path / f"{stem}.event_properties.csv").read_text(encoding="utf-8")
        for (_, item), row in zip(items, rows, strict=True):
            text = "\n".join(row) + extra  # each value in its own item's row
            for value in _strings(item):
                # An enum value reads as its label, in the document's language.
                shown = [label(f"{g}.{value}", lang) for g in ENUMS if value in ENUMS[g]]
                assert any(v in text for v in [value, *shown]), (kind, item, value)
                checked += 1
    assert checked > 50


def _strings(value: object):
    """Every scalar of a loaded item as text, Markdown's first line (the CSV keeps the rest)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if not str(key).startswith("x-"):
                yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)
    elif isinstance(value, str) and value.strip():
        yield value.strip().split("\n")[0].strip()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield str(value)


def test_grants_and_the_comparison_matrix_have_their_sheets(tmp_path: Path) -> None:
    # Mappings rather than lists of items, who may do what and how the products compare
    # were in no export.
    export(tmp_path, "--to", "csv")
    grants = list(csv.reader(io.StringIO((tmp_path / "flash-sale.grants.csv").read_text("utf-8"))))
    written = DATA["permissions"]["grants"]
    assert grants[0] == ["角色", "操作"]
    assert [row[0] for row in grants[1:]] == list(written)
    assert grants[1][1] == ", ".join(written[grants[1][0]])
    compared = list(
        csv.reader(io.StringIO((tmp_path / "flash-sale.comparison.csv").read_text("utf-8")))
    )
    assert compared[0][0] == "产品" and compared[1][0] == "我方"
    matrix = DATA["competition"]["matrix"]
    assert len(compared) == len(matrix) + 1
    dimension = compared[0][1]
    assert compared[1][1] == matrix["us"][dimension]


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("https:example.com", "no // after the scheme: XlsxWriter cannot classify it"),
        ("https://e.example/?q=" + "a" * 2100 + "\n::error file=x::forged", "past Excel's length"),
    ],
)
def test_a_link_excel_cannot_hold_keeps_its_text_and_says_nothing(
    tmp_path: Path, address: str, why: str
) -> None:
    # Exit 3 for the first; for the second a warning on stderr quoting the document (a
    # forged GitHub annotation) and an empty cell.
    (tmp_path / ".prdkit.toml").write_text(
        '[fields.requirements.x-link]\nlabel = "Link"\ntype = "url"\n', encoding="utf-8"
    )
    text = MINIMAL.replace("priority: could", f"priority: could\n    x-link: {json.dumps(address)}")
    (tmp_path / "u.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("export", str(tmp_path / "u.prd.yaml"), "--to", "xlsx")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", why
    sheet = openpyxl.load_workbook(tmp_path / "u.xlsx")["Requirements"]
    (column,) = [c.column for c in sheet[1] if c.value == "Link"]
    cell = sheet.cell(2, column)
    assert cell.value == address.replace("\n", " ") or cell.value.startswith(address[:50])
    assert cell.hyperlink is None


def test_a_tooltip_is_cut_as_excel_counts_an_emoji(tmp_path: Path) -> None:
    # 255 characters, but an emoji is two UTF-16 units to Excel: exit 3.
    title = "🚀 Launch: " + "a" * 250
    quoted = json.dumps(title, ensure_ascii=False)
    text = MINIMAL.replace("title: Checkout works", f"title: {quoted}")
    text += "features:\n  - id: F1\n    name: F\n    requirements: [R1]\n"
    (tmp_path / "e.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("export", str(tmp_path / "e.prd.yaml"), "--to", "xlsx")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "e.xlsx") as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        tips = re.findall(r'tooltip="([^"]*)"', "".join(book.read(n).decode() for n in sheets))
    assert tips and all(len(t.encode("utf-16-le")) <= 2 * 255 for t in tips)
    assert any(t.startswith("R1 🚀 Launch") or t.startswith("🚀 Launch") for t in tips)


def test_a_jira_description_naming_many_long_titles_costs_what_it_keeps() -> None:
    # 200 features naming 200 requirements of 10 KB titles escaped 400 MB of names to
    # keep 32 KB of each description: 3.5 s of CPU, 18 s at 500. Bounded in CPU time.
    from prdkit.check import check_bytes
    from prdkit.export import jira

    n = 200
    reqs = "".join(
        f"  - id: R{i}\n    title: {'t' * 10_000}\n    priority: could\n" for i in range(n)
    )
    ids = ", ".join(f"R{i}" for i in range(n))
    feats = "".join(f"  - id: F{i}\n    name: F\n    requirements: [{ids}]\n" for i in range(n))
    head = MINIMAL[: MINIMAL.index("requirements:")]
    result = check_bytes(f"{head}requirements:\n{reqs}features:\n{feats}".encode(), "j.prd.yaml")
    assert not result.failed()
    start = time.process_time()
    rows = jira.rows(result.document)
    assert time.process_time() - start < 1.5
    description = rows[1 + n][4]
    assert len(description) <= jira.MAX_TEXT and "R0 tttt" in description


def test_a_code_block_cannot_close_itself_in_jira() -> None:
    # Nothing escapes inside {noformat}: its own closer in the text ended it, and what
    # followed (a heading, a link) was live markup.
    from prdkit.export.jiramarkup import to_jira

    for fence in ("```", "```sql"):
        text = f"{fence}\n{{noformat}}\nh1. URGENT [here|https://evil.example]\n{{CODE}}\n```\n"
        lines = to_jira(text).split("\n")
        opener, closer = lines[0], lines[-1]
        assert opener in ("{noformat}", "{code:sql}") and closer in ("{noformat}", "{code}")
        inside = "\n".join(lines[1:-1])
        assert "{noformat}" not in inside.lower() and "{code}" not in inside.lower()
        assert (
            inside.replace("\u2060", "")
            == "{noformat}\nh1. URGENT [here|https://evil.example]\n{CODE}"
        )


def test_a_document_dated_before_1900_exports_a_workbook_excel_reads(tmp_path: Path) -> None:
    # `<dcterms:created>999-06-01…` (strftime does not pad the year), which openpyxl
    # refuses, and dates as negative day numbers, which Excel shows as #VALUE!.
    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  created: 0999-06-01\n")
    text = text.replace("  owner: Ann\n", "  owner: Ann\n  updated: 1900-01-01\n")
    (tmp_path / "old.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("export", str(tmp_path / "old.prd.yaml"), "--to", "xlsx")
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "old.xlsx")
    assert book.properties.created.year == 1980  # the earliest date a zip holds
    values = {c.value for row in book.worksheets[0].iter_rows() for c in row}
    assert {"1900-01-01", "0999-06-01"} <= values  # as written, as text (1900-01-01 is day 0)


def test_inline_code_cannot_open_a_jira_macro() -> None:
    from prdkit.export.jiramarkup import to_jira

    shown = to_jira("Use `{code}` here, then `{NoFormat}`.")
    assert "{code}" not in shown.lower() and "{noformat}" not in shown.lower()
    assert shown.replace("\u2060", "") == "Use {{{code}}} here, then {{{NoFormat}}}."
