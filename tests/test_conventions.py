"""Team conventions: custom x- fields validated at their line, labels in diagnostics, and
declarations that cannot be used refused with the configuration file's line (exit 2)."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.check import check_bytes, check_file
from prdkit.cli import app
from prdkit.config import ConfigError, clear_cache, config_for, parse, tomllib
from tests.conftest import run_prdkit
from tests.test_rules_base import at, check, document

runner = CliRunner()

JIRA = """\
[fields.requirements.x-jira]
label = { en = "Jira", zh = "Jira 单号" }
type = "string"
pattern = "^[A-Z]+-[0-9]+$"
required-from = "review"

[labels.priority]
must = "P0"
should = "P1"
could = "P2"
wont = "P3"
"""

REQUIREMENTS = """\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [A returning shopper pays in one tap]
    x-jira: PAY-12
  - id: R2
    title: Refunds
    priority: could
    x-jira: pay-13  # <bad>
  - id: R3  # <missing>
    title: Dark mode
    priority: should
"""


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def config(text: str = JIRA):
    return parse(tomllib.loads(text), "team.toml")


@pytest.mark.parametrize(("status", "missing"), [("draft", "warning"), ("review", "error")])
def test_jira_key_checked_at_its_line(status: str, missing: str) -> None:
    text = document(status, requirements=REQUIREMENTS)
    result = check(text, config())
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("custom-field-invalid", at(text, "<bad>"), "error"),
        ("custom-field-missing", at(text, "<missing>"), missing),
    ]
    bad, absent = result.diagnostics
    assert bad.column == len("    x-jira: ") + 1
    assert bad.message == "x-jira is 'pay-13', which does not match ^[A-Z]+-[0-9]+$"
    assert absent.message == "requirement R3 has no x-jira (Jira), required from review on"


@pytest.mark.parametrize("pattern", ["^.*.*.*.*X$", "^(a+)+$", "^(a|aa)*b$"])
def test_a_crafted_value_cannot_stall_a_pattern(pattern: str) -> None:
    # The configuration arrives in the pull request it configures: its patterns are matched
    # in time linear in the value, so 40 values of 5,000 characters cost next to nothing
    # (Python's own engine spends minutes on one of them with the first pattern).
    team = JIRA.replace('pattern = "^[A-Z]+-[0-9]+$"', f'pattern = "{pattern}"')
    rows = "".join(
        f"  - id: R{i}\n    title: T\n    priority: could\n    x-jira: {'a' * 5000}!\n"
        for i in range(40)
    )
    started = time.process_time()
    result = check(document("draft", requirements=rows), config(team))
    assert time.process_time() - started < 20  # CPU seconds; a few tenths when linear
    assert [d.rule for d in result.diagnostics].count("custom-field-invalid") == 40


def test_undeclared_x_keys_stay_ignored() -> None:
    text = document("review", requirements=REQUIREMENTS)
    assert check(text).diagnostics == []


def test_declared_field_values_reach_the_model() -> None:
    doc = check(document(requirements=REQUIREMENTS), config()).document
    assert doc.custom_of(doc.requirements[0]) == {"x-jira": "PAY-12"}
    assert doc.custom_of(doc.requirements[2]) == {}
    assert doc.conventions.enum_label("priority", "must", "zh") == "P0"
    assert doc.conventions.enum_label("priority", "must", "en") == "P0"
    # Without a team label the catalogue's label stands.
    assert doc.conventions.enum_label("req_status", "done", "zh") == "已完成"


TYPED = """\
[fields.features.x-designer]
type = "string"
required-from = "approved"
[fields.features.x-points]
type = "number"
[fields.features.x-ship]
type = "date"
[fields.features.x-spec]
type = "url"
[fields.features.x-team]
type = "enum"
values = ["web", "app"]
"""


def test_each_type_is_checked() -> None:
    text = document(
        features="""\
  - id: F1  # <designer>
    name: One-tap pay
    requirements: [R1]
    x-points: lots  # <points>
    x-ship: 2026-02-30  # <ship>
    x-spec: ftp://spec  # <spec>
    x-team: tv  # <team>
  - id: F2
    name: Saved cards
    requirements: [R1]
    x-designer: Mei
    x-points: 3
    x-ship: 2026-02-28
    x-spec: https://example.com/spec
    x-team: web
""",
    )
    result = check(text, config(TYPED))
    assert [(d.rule, d.line, d.severity.value) for d in result.diagnostics] == [
        ("custom-field-missing", at(text, "<designer>"), "warning"),
        ("custom-field-invalid", at(text, "<points>"), "error"),
        ("custom-field-invalid", at(text, "<ship>"), "error"),
        ("custom-field-invalid", at(text, "<spec>"), "error"),
        ("custom-field-invalid", at(text, "<team>"), "error"),
    ]
    assert [d.message for d in result.diagnostics[1:]] == [
        "x-points must be a number, not 'lots'",
        "x-ship is '2026-02-30', not a date written YYYY-MM-DD",
        "x-spec is 'ftp://spec', not a web address (http:, https: or mailto:)",
        "x-team is 'tv', not one of web, app",
    ]


def test_nested_item_kinds_are_known() -> None:
    text = document(
        schedule="""\
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
      x-budget: many  # <1>
""",
    )
    declared = config('[fields.milestones.x-budget]\ntype = "number"\n')
    assert [(d.rule, d.line) for d in check(text, declared).diagnostics] == [
        ("custom-field-invalid", at(text, "<1>"))
    ]


def test_priority_labels_appear_in_diagnostics() -> None:
    text = document(
        "review",
        requirements="""\
  - id: R1
    title: One-tap checkout
    priority: must
    acceptance_criteria: [Pays]
    x-jira: PAY-1
  - id: R2
    title: Refunds
    priority: must
    x-jira: PAY-2
""",
    )
    messages = {d.rule: d.message for d in check(text, config()).diagnostics}
    assert messages == {
        "acceptance-criteria-missing": "P0 requirement R2 has no acceptance criteria",
        "must-without-feature": "P0 requirement R2 is not delivered by any feature",
    }
    plain = {d.rule: d.message for d in check(text).diagnostics}
    assert plain["must-without-feature"] == (
        "must-have requirement R2 is not delivered by any feature"
    )


def _messages(text: str, team: str, lang: str) -> dict[str, str]:
    result = check_bytes(text.encode("utf-8"), "t.prd.yaml", config=config(team), lang=lang)
    return {d.rule: d.message for d in result.diagnostics}


@pytest.mark.parametrize(
    ("required", "en", "zh"),
    [
        ("draft", "required from draft on", "从草稿起就必须填写"),
        ("review", "required from review on", "文档提交评审起必须填写"),
        ("approved", "required from approved on", "文档批准前必须补上"),
    ],
)
def test_a_missing_field_reads_in_the_language_of_the_run(required: str, en: str, zh: str) -> None:
    team = (
        "[fields.requirements.x-owner]\n"
        'label = { en = "Owner", zh = "负责人" }\n'
        f'required-from = "{required}"\n'
    )
    text = document("draft", requirements="  - id: R1\n    title: Refunds\n    priority: could\n")
    assert _messages(text, team, "zh")["custom-field-missing"] == (
        f"需求 R1 缺少 x-owner（负责人），{zh}"
    )
    assert _messages(text, team, "en")["custom-field-missing"] == (
        f"requirement R1 has no x-owner (Owner), {en}"
    )


def test_a_team_label_written_for_its_value_names_the_value() -> None:
    # Every output shows P0, so the author writes it: the hint names the value it stands for.
    text = document(
        "draft",
        requirements="  - id: R1\n    title: Refunds\n    priority: P0  # <label>\n"
        "    x-jira: PAY-1\n",
    )
    (found,) = check(text, config()).diagnostics
    assert (found.rule, found.line) == ("schema-enum", at(text, "<label>"))
    assert found.hint == "'P0' is the team's label for 'must', shown in the outputs: write 'must'"
    # Without the team's labels, the hint is the rule's own.
    (plain,) = check(text).diagnostics
    assert plain.rule == "schema-enum" and "team" not in (plain.hint or "")
    # A field whose group of values is named otherwise: a requirement's status.
    status = document(
        "draft",
        requirements="  - id: R1\n    title: Refunds\n    priority: must\n    status: Go\n",
    )
    (found,) = check(status, config('[labels.req_status]\naccepted = "Go"\n')).diagnostics
    assert found.hint == (
        "'Go' is the team's label for 'accepted', shown in the outputs: write 'accepted'"
    )


def test_a_label_of_prdkits_own_written_for_its_value_names_the_value() -> None:
    # The outputs show 草稿 and In progress: authors copy them back, in either language.
    text = document(
        "草稿",
        requirements="  - id: R1\n    title: Refunds\n    priority: must\n"
        "    status: In progress  # <label>\n",
    )
    status, progress = check(text).diagnostics
    assert status.rule == progress.rule == "schema-enum"
    assert status.hint == "'草稿' is how the outputs show 'draft': write 'draft'"
    assert progress.line == at(text, "<label>")
    assert (
        progress.hint == "'In progress' is how the outputs show 'in_progress': write 'in_progress'"
    )
    # Nothing like a label: the rule's own hint.
    (plain,) = check(document("drafted")).diagnostics
    assert "outputs" not in (plain.hint or "")
    # A value the team labels shows the team's label, not prdkit's: 必须 names nothing shown.
    team = config('[labels.priority]\nmust = { en = "Top", zh = "最高" }\n')
    must = document("draft", requirements="  - id: R1\n    title: Refunds\n    priority: 必须\n")
    (found,) = check(must, team).diagnostics
    assert "outputs" not in (found.hint or "")


def test_labels_in_diagnostics_follow_the_language_of_the_run() -> None:
    # The document is written in English; a Chinese run reads the Chinese label and status.
    text = document(
        "review",
        requirements="  - id: R2\n    title: Refunds\n    priority: must\n",
        dependencies="""\
  - id: D1
    name: Refund API
    needed_by: 2026-01-15
""",
    ).replace("  owner: Ann\n", "  owner: Ann\n  updated: 2026-02-01\n", 1)
    team = '[labels.priority]\nmust = { en = "P0", zh = "最高优先" }\n'
    zh = _messages(text, team, "zh")
    assert zh["must-without-feature"] == "最高优先需求 R2 没有任何功能来交付"
    assert zh["dependency-overdue"] == (
        "外部依赖 D1 最晚 2026-01-15 就需要，但现在仍是“待确认”（文档更新于 2026-02-01）"
    )
    en = _messages(text, team, "en")
    assert en["must-without-feature"] == "P0 requirement R2 is not delivered by any feature"
    assert en["dependency-overdue"] == (
        "dependency D1 was needed by 2026-01-15 but is still open (document updated 2026-02-01)"
    )


# -- declarations that cannot be used: exit 2 with the file and line


@pytest.mark.parametrize(
    ("text", "line", "complaint"),
    [
        (
            '[fields.requirments.x-jira]\ntype = "string"\n',
            1,
            "unknown item kind 'requirments'",
        ),
        ('[fields.requirements.jira]\ntype = "string"\n', 1, "starts with 'x-'"),
        (
            '# team fields\n[fields.requirements.x-jira]\nlabel = "Jira"\ntype = "text"\n',
            4,
            "x-jira.type must be one of string, number, date, url, enum",
        ),
        ('[fields.requirements.x-jira]\npattern = "([A-Z"\n', 2, "not a valid expression"),
        ('[fields.requirements.x-jira]\npattern = "^(?=P)[A-Z]+$"\n', 2, "look-around"),
        ('[fields.requirements.x-jira]\npattern = "^(a)\\\\1$"\n', 2, "back-references"),
        (
            '[fields.requirements]\nx-ok = { type = "date" }\nx-jira = { type = "text" }\n',
            3,
            "x-jira.type must be one of",
        ),
        ('[fields]\nrequirements.x-jira.type = "text"\n', 2, "x-jira.type must be one of"),
        ('[fields.requirements.x-jira]\ntype = "enum"\n', 1, "values must list the strings"),
        ('[fields.requirements.x-jira]\nvalues = ["a"]\n', 2, 'needs type = "enum"'),
        ('[fields.requirements.x-jira]\nrequired-from = "launch"\n', 2, "required-from must"),
        ("[fields.requirements.x-jira]\nrequired = true\n", 2, "unknown setting 'required'"),
        ('[fields.requirements.x-jira]\nlabel = { fr = "x" }\n', 2, "label must be a text"),
        ('[labels.prio]\nmust = "P0"\n', 1, "unknown enum 'prio'"),
        ('[labels.priority]\nmust = "P0"\nurgent = "P-1"\n', 3, "'urgent' is not a value"),
        ("labels = 3\n", 1, "labels must be a table"),
        # A label that passes one value off as another: a sign-off or status never, and no
        # value under another's name or label, in either language.
        ('[labels.decision]\nrejected = "approved"\n', 1, "labels.decision cannot be declared"),
        ('[labels]\ndecision.rejected = "Approved"\n', 2, "labels.decision cannot be declared"),
        ('[labels.status]\ndraft = "P0"\n', 1, "labels.status cannot be declared"),
        ('[labels.priority]\nmust = "should"\n', 2, "'should' is how 'should' reads"),
        ('[labels.priority]\nmust = "P0"\nshould = " p0 "\n', 3, "' p0 ' is how 'must' reads"),
        (
            '[labels.priority]\nwont = { en = "Later", zh = "应该" }\n',
            2,
            "'应该' is how 'should' reads",
        ),
        ('[labels.req_status]\nrejected = "DONE"\n', 2, "'DONE' is how 'done' reads"),
        # A label is shown in every output: no control character, which TOML allows.
        ('[labels.priority]\nmust = "P0\\u0000x"\n', 2, "priority.must holds a control"),
        ('[fields.requirements.x-a]\nlabel = { zh = "a\\tb" }\n', 2, "label holds a control"),
        # Nor a paragraph: it is repeated wherever its value is (2,000 times, 500 MB).
        (f'[labels.priority]\nmust = "{"x" * 81}"\n', 2, "must is 81 characters long; a label"),
        (
            f'[fields.requirements.x-a]\nlabel = {{ en = "a", zh = "{"长" * 81}" }}\n',
            2,
            "x-a.label is 81 characters long",
        ),
    ],
)
def test_bad_declaration_names_file_and_line(
    tmp_path: Path, text: str, line: int, complaint: str
) -> None:
    path = tmp_path / ".prdkit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        config_for(tmp_path / "a.prd.yaml")
    assert str(raised.value).startswith(f"{path}:{line}: "), str(raised.value)
    assert complaint in str(raised.value)


def _fields(count: int, kind: str = "requirements") -> str:
    return "".join(f'[fields.{kind}.x-f{i}]\ntype = "string"\n' for i in range(count))


def test_an_item_kind_takes_at_most_50_fields(tmp_path: Path) -> None:
    # Each may be a column of the kind's table and a fact of every item: 4,000 declared on
    # requirements cost 8.6 s to validate 4,000 requirements.
    assert len(config(_fields(50) + _fields(50, "features")).conventions.fields) == 100
    path = tmp_path / ".prdkit.toml"
    path.write_text(_fields(51), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        config_for(tmp_path / "a.prd.yaml")
    assert str(raised.value) == (
        f"{path}:1: fields.requirements declares 51 x- fields; an item kind takes at most 50"
    )


def test_fields_are_checked_item_by_item_in_declaration_order() -> None:
    # Values are read from the item's own keys, missing fields from the required ones only;
    # the diagnostics come in the order the fields are declared, wherever the keys are.
    team = config(
        '[fields.requirements.x-b]\ntype = "number"\nrequired-from = "draft"\n'
        '[fields.requirements.x-a]\ntype = "number"\nrequired-from = "draft"\n'
        '[fields.requirements.x-c]\ntype = "number"\n'
    )
    text = document(
        requirements="""\
  - id: R1  # <1>
    title: One-tap checkout
    priority: must
    acceptance_criteria: [A returning shopper pays in one tap]
    x-c: many  # <c>
  - id: R2
    title: Refunds
    priority: could
    x-a: one  # <a>
    x-b: two  # <b>
"""
    )
    result = check(text, team)
    found = [(d.rule, d.line, d.message) for d in result.diagnostics if d.rule.startswith("custom")]
    assert [(rule, line) for rule, line, _ in found] == [
        ("custom-field-missing", at(text, "<1>")),
        ("custom-field-missing", at(text, "<1>")),
        ("custom-field-invalid", at(text, "<c>")),
        ("custom-field-invalid", at(text, "<a>")),
        ("custom-field-invalid", at(text, "<b>")),
    ]
    assert "x-b" in found[0][2] and "x-a" in found[1][2]


def test_a_label_may_keep_its_own_words() -> None:
    team = config('[labels.priority]\nmust = "Must"\nshould = { en = "P1", zh = "应该" }\n')
    assert team.conventions.labels["priority"] == {
        "must": ("Must", "Must"),
        "should": ("P1", "应该"),
    }


def test_bad_declaration_in_pyproject_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.prdkit.fields.requirements.x-jira]\n'
        'type = "string"\nrequired-from = "someday"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        config_for(tmp_path / "a.prd.yaml")
    assert str(raised.value).startswith(f"{tmp_path / 'pyproject.toml'}:6: ")


def test_cli_exit_2_on_bad_declaration(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text('[fields.widgets.x-a]\ntype = "string"\n')
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(document(), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(doc)])
    assert result.exit_code == 2
    assert f"{tmp_path / '.prdkit.toml'}:1:" in result.output
    assert "unknown item kind 'widgets'" in result.output
    real = run_prdkit("validate", str(doc))
    assert real.returncode == 2 and "Traceback" not in real.stderr
    assert "unknown item kind 'widgets'" in real.stderr


@pytest.mark.parametrize(
    ("toml", "chinese"),
    [
        ('[fields.widgets.x-a]\ntype = "string"\n', "不认识的条目类别 'widgets'（可用的类别："),
        ('[fields.requirements.x-a]\ntype = "text"\n', "fields.requirements.x-a.type 只能是 "),
        ("[fields.requirements]\nx-a = 1\n", "fields.requirements.x-a 应当是设置项的表"),
        ('[labels.status]\ndraft = "P0"\n', "labels.status 不能自定义：文档状态（draft、"),
    ],
)
def test_a_bad_declaration_is_told_in_the_run_language(
    tmp_path: Path, toml: str, chinese: str
) -> None:
    (tmp_path / ".prdkit.toml").write_text(toml, encoding="utf-8")
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(document(), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--lang", "zh", str(doc)])
    assert result.exit_code == 2
    assert chinese in result.output, result.output
    english = runner.invoke(app, ["validate", "--lang", "en", str(doc)]).output
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english), english


def test_cli_checks_declared_fields(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text(JIRA, encoding="utf-8")
    doc = tmp_path / "a.prd.yaml"
    text = document("draft", requirements=REQUIREMENTS)
    doc.write_text(text, encoding="utf-8")
    result = check_file(doc, config_for(doc))
    assert [(d.rule, d.line) for d in result.diagnostics] == [
        ("custom-field-invalid", at(text, "<bad>")),
        ("custom-field-missing", at(text, "<missing>")),
    ]
    real = run_prdkit("validate", str(doc))
    assert real.returncode == 1
    assert f"a.prd.yaml:{at(text, '<bad>')}:13: error custom-field-invalid" in real.stdout


def test_other_labels_reach_their_diagnostics() -> None:
    text = document(
        dependencies="""\
  - id: D1
    name: Refund API
    needed_by: 2026-01-15  # <1>
    status: blocked
""",
    ).replace("  owner: Ann\n", "  owner: Ann\n  updated: 2026-02-01\n", 1)
    team = config('[labels.dependency_status]\nblocked = { en = "stuck", zh = "卡住" }\n')
    (diagnostic,) = check(text, team).diagnostics
    assert (diagnostic.rule, diagnostic.line) == ("dependency-overdue", at(text, "<1>"))
    assert diagnostic.message == (
        "dependency D1 was needed by 2026-01-15 but is still stuck (document updated 2026-02-01)"
    )


MILESTONE_FIELDS = """\
[fields.milestones.x-train]
label = { en = "Release train", zh = "发布火车" }
type = "string"
[fields.milestones.x-review]
label = { en = "Review", zh = "评审日期" }
type = "date"
"""


def _milestones(team: str):  # type: ignore[no-untyped-def]
    text = document(
        schedule="""\
  milestones:
    - id: M1
      name: Beta
      due: 2026-03-01
      x-train: 2026-R08
    - id: M2
      name: Launch
      due: 2026-04-01
""",
    )
    result = check(text, config(team))
    assert result.document is not None and not result.failed()
    return result.document


def _milestone_tables(team: str) -> list[tuple[list[str], list[list[str]]]]:
    from prdkit.layout import build
    from prdkit.layout.blocks import Table
    from prdkit.layout.cells import Date, Id, Ref, Text

    def shown(cell: object) -> str:
        if isinstance(cell, Id | Ref):
            return cell.id
        return cell.text if isinstance(cell, Text | Date) else ""

    laid = build(_milestones(team), "en")
    (schedule,) = [s for s in laid.sections if s.key == "schedule"]
    tables = [b for b in schedule.blocks if isinstance(b, Table)]
    return [([c.label for c in t.columns], [[shown(c) for c in r] for r in t.rows]) for t in tables]


def test_fields_that_would_widen_a_table_past_nine_columns_get_a_table_of_their_own() -> None:
    # The milestones' eight columns and two fields made ten: names and statuses printed a
    # character a line in Word. The fields follow in a table naming each item with values.
    (columns, _), (own_columns, own_rows) = _milestone_tables(MILESTONE_FIELDS)[-2:]
    assert len(columns) == 8 and "Release train" not in columns
    assert own_columns == ["ID", "Release train", "Review"]
    assert own_rows == [["M1", "2026-R08", ""]]  # M2 has no value: no row


def test_a_field_that_keeps_a_table_within_nine_columns_is_one_of_its_columns() -> None:
    one = MILESTONE_FIELDS.split("[fields.milestones.x-review]")[0]
    columns, rows = _milestone_tables(one)[-1]
    assert len(columns) == 9 and columns[-1] == "Release train"
    assert [row[-1] for row in rows] == ["2026-R08", ""]


def test_word_keeps_the_table_of_fields_apart_from_the_table_before_it() -> None:
    # Word joins tables that touch into one: the fields would read as rows of the milestones.
    import io
    import zipfile

    from prdkit.writers import RenderOptions
    from prdkit.writers.docx import write

    data = write(_milestones(MILESTONE_FIELDS), RenderOptions(lang="en"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    assert "Release train" in body
    assert "</w:tbl><w:tbl>" not in body


def test_requirements_past_nine_columns_show_their_fields_in_each_entry_only() -> None:
    # The summary table added its fields itself, past any width: six fields made ten
    # columns. Each requirement's entry lists every field anyway.
    from prdkit.layout import build
    from prdkit.layout.blocks import Facts, Table

    team = "".join(f'[fields.requirements.x-f{n}]\ntype = "number"\n' for n in range(6))
    values = "".join(f"    x-f{n}: {n}\n" for n in range(6))
    text = document(requirements=f"  - id: R1\n    title: One-tap\n    priority: must\n{values}")
    result = check(text, config(team))
    assert result.document is not None and not result.failed()
    (section,) = [s for s in build(result.document, "en").sections if s.key == "requirements"]
    summary = next(b for b in section.blocks if isinstance(b, Table))
    assert [c.label for c in summary.columns] == ["ID", "Title", "Priority", "Status"]
    facts = [dict(b.rows) for b in section.blocks if isinstance(b, Facts)]
    assert any({f"f{n}" for n in range(6)} <= set(f) for f in facts)  # labels: key sans x-
    fewer = team.split("[fields.requirements.x-f5]")[0]  # 5 fields: 9 columns, kept
    result = check(text, config(fewer))
    assert result.document is not None
    (section,) = [s for s in build(result.document, "en").sections if s.key == "requirements"]
    summary = next(b for b in section.blocks if isinstance(b, Table))
    assert len(summary.columns) == 9


def test_a_team_field_of_every_item_kind_reaches_every_writer(tmp_path: Path) -> None:
    # Checked on 31 kinds, shown for 22: a glossary entry's, a revision's or a sign-off's
    # fields were in no output (their rows name no item by id).
    import yaml

    from prdkit.conventions import item_paths, items_of
    from prdkit.render import render

    template = Path(__file__).parent.parent / "templates" / "ecommerce.en.prd.yaml"
    data = yaml.safe_load(template.read_text(encoding="utf-8"))
    data["meta"]["status"] = "draft"
    marked = []
    for kind in item_paths():
        found = list(items_of(data, kind))
        if found:
            found[0][1]["x-zz"] = f"ZZ{kind.replace('_', '')}"
            marked.append(kind)
    assert len(marked) > 20
    source = tmp_path / "all.prd.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    (tmp_path / ".prdkit.toml").write_text(
        "".join(f'[fields.{k}.x-zz]\nlabel = "Team note"\n' for k in item_paths()), "utf-8"
    )
    result = check_file(source, config_for(source))
    assert not result.failed(), result.diagnostics
    (tmp_path / "out").mkdir()
    written = render(result, source, ["md", "html", "docx"], tmp_path / "out")
    texts = {}
    for item in written:
        data_bytes = item.path.read_bytes()
        if item.fmt == "docx":
            data_bytes = zipfile.ZipFile(io.BytesIO(data_bytes)).read("word/document.xml")
        texts[item.fmt] = data_bytes.decode("utf-8")
    for kind in marked:
        for fmt, text in texts.items():
            assert f"ZZ{kind.replace('_', '')}" in text, (kind, fmt)
    # An item without an id is told by its place too: two resources may share a team.
    assert "| No. | Team | Team note |" in texts["md"]


def test_a_rule_that_names_a_labelled_value_names_its_label() -> None:
    # "still open", "should increase", "an approval of": the team's labels reached other
    # rules' messages but not these.
    text = document(
        "approved",
        metrics="""\
  - id: M1
    name: Conversion
    baseline: 5
    target: 4
    direction: increase
""",
        permissions="""\
  roles:
    - {id: ROLE-a, name: A}
  actions:
    - {id: ACT-a, name: Refund}
  grants:
    ROLE-a: [ACT-a]
""",
        guardrails="  - {id: GR1, action: ACT-a, control: approval}\n",
        assumptions="  - {id: AS1, statement: Shoppers pay by card}\n",
    )
    team = config(
        '[labels.direction]\nincrease = "Up"\n[labels.control]\napproval = "Sign-off"\n'
        '[labels.assumption_status]\nopen = "Unchecked"\n'
    )
    messages = {d.rule: d.message for d in check(text, team).diagnostics}
    assert messages["metric-direction"].startswith("metric M1 is to go 'Up', but its target 4")
    assert messages["guardrail-without-approver"] == (
        "guardrail GR1 is a 'Sign-off' of 'ACT-a' but names no approver"
    )
    assert messages["assumption-open"] == (
        "the document is approved, but assumption AS1 is still 'Unchecked'"
    )
    # Without labels, the rules' own words.
    plain = {d.rule: d.message for d in check(text).diagnostics}
    assert plain["assumption-open"].endswith("assumption AS1 is still open")
