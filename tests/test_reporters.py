"""Reporters: text, json, github, sarif and junit, one run over many files, and escaping."""

from __future__ import annotations

import json
import os
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from prdkit.check import CheckResult, check_bytes
from prdkit.cli import app
from prdkit.reporters import (
    REPORTERS,
    render_github,
    render_json,
    render_junit,
    render_sarif,
    render_text,
)
from prdkit.ruletable import RULES
from tests.conftest import MINIMAL, ROOT
from tests.hostile.guarantees import assert_bounded, assert_no_crash
from tests.hostile.runner import Run, run_cli
from tests.test_rules_base import at, document

runner = CliRunner()

# Two diagnostics: an error (unknown actor, which echoes document text) and a warning.
ACTOR = "Cashier %0A\n::error file=x::injected\n::warning::again"
FLOWS = f"""\
  - id: FL1
    name: Pay
    actors: [Shopper]
    steps:
      - id: S1
        action: Pay
        actor: {json.dumps(ACTOR)}  # <1>
"""
METRICS = """\
  - id: K1
    name: Conversion rate
    baseline: 3
    target: 2  # <2>
"""
TEXT = document(flows=FLOWS, metrics=METRICS)


def result(name: str = "docs/a.prd.yaml", text: str = TEXT) -> CheckResult:
    return check_bytes(text.encode("utf-8"), name)


def test_fixture_has_one_error_and_one_warning() -> None:
    r = result()
    assert [(d.rule, d.line) for d in r.diagnostics] == [
        ("unknown-actor", at(TEXT, "<1>")),
        ("metric-direction", at(TEXT, "<2>")),
    ]


# -- text


def test_text_lines_excerpt_caret_and_summary() -> None:
    out = render_text([result()]).split("\n")
    line = at(TEXT, "<2>")
    index = out.index(
        f"docs/a.prd.yaml:{line}:13: warning metric-direction metric K1 should increase, "
        "but its target 2 is below its baseline 3"
    )
    assert out[index + 1] == f"{line:>5} |     target: 2  # <2>"
    assert out[index + 2] == " " * 20 + "^"
    assert out[-2] == "1 error, 1 warning in 1 file"
    assert "\x1b[" not in "\n".join(out)
    assert "\x1b[1;31merror\x1b[0m" in render_text([result()], color=True)


def test_text_caret_sits_under_the_value_after_chinese_text() -> None:
    # A terminal draws each Chinese character two columns wide: counting characters put
    # the caret under "按" instead of under the `: ` it points at.
    text = MINIMAL.replace(
        "    title: Checkout works\n", '    title: 用户点击"发起拼团"按钮时上报，注意: 支付前上报\n'
    )
    r = check_bytes(text.encode("utf-8"), "a.prd.yaml", lang="zh")
    (d,) = r.diagnostics
    assert (d.rule, d.column) == ("yaml-colon", 30)
    out = render_text([r]).split("\n")
    shown, caret = out[1], out[2]
    assert shown == '   10 |     title: 用户点击"发起拼团"按钮时上报，注意: 支付前上报'
    # gutter 8 + "    title: " 11 + 用户点击 8 + " 1 + 发起拼团 8 + " 1 + 按钮时上报， 12 + 注意 4
    assert caret == " " * (8 + 11 + 8 + 1 + 8 + 1 + 12 + 4) + "^"


def test_text_excerpts_of_a_long_line_with_tabs_show_the_piece_around_each_column() -> None:
    # Tabs read as one space each, and only 60 characters before the column are shown.
    goals = ", ".join(["TODO"] * 40)
    text = TEXT.replace("  owner: Ann\n", f"  owner: Ann\n  goals: [\t{goals}]\n", 1)
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines, 1) if line.startswith("  goals:"))
    out = render_text([result(text=text)], max_diagnostics=0).split("\n")
    excerpts = [
        (out[i + 1], out[i + 2])
        for i, line in enumerate(out)
        if line.startswith(f"docs/a.prd.yaml:{row}:")
    ]
    assert len(excerpts) == 40
    for (shown, caret), column in zip(excerpts, range(12, 12 + 6 * 40, 6), strict=True):
        start = max(0, column - 61)
        piece = lines[row - 1].replace("\t", " ")
        assert shown == f"{row:>5} | " + ("…" if start else "") + piece[start : start + 120]
        assert caret == " " * (8 + (1 if start else 0) + column - 1 - start) + "^"


def test_text_of_many_diagnostics_is_linear_in_them() -> None:
    # 12,500 placeholders, each with its excerpt: the source was split again for each one
    # (3.9 s of CPU).
    goals = "".join(f"    - TODO {i}\n" for i in range(12_500))
    text = TEXT.replace("  owner: Ann\n", f"  owner: Ann\n  goals:\n{goals}", 1)
    checked = result(text=text)
    started = time.process_time()
    out = render_text([checked], max_diagnostics=0)
    elapsed = time.process_time() - started
    assert out.count(" |     - TODO ") == 12_500
    assert elapsed < 1.5, f"{elapsed:.1f}s of CPU"


def test_text_quiet_lists_errors_and_summary_only() -> None:
    out = render_text([result()], quiet=True).splitlines()
    assert [line.split(" ")[2] for line in out[:-1]] == ["unknown-actor"]
    assert out[-1] == "1 error, 1 warning in 1 file"


def test_text_never_prints_document_text_raw() -> None:
    out = render_text([result()])
    assert not any(line.startswith("::") for line in out.splitlines())
    assert "\r" not in out


# -- json


def test_json_document() -> None:
    report = json.loads(render_json([result()]))
    assert report["files"] == 1
    first = report["diagnostics"][0]
    assert {k: first[k] for k in ("file", "line", "column", "severity", "rule", "pointer")} == {
        "file": "docs/a.prd.yaml",
        "line": at(TEXT, "<1>"),
        "column": 16,
        "severity": "error",
        "rule": "unknown-actor",
        "pointer": "/flows/0/steps/0/actor",
    }
    assert "\\u000a::error" in first["message"]


# -- github

COMMAND = re.compile(
    r"::(error|warning|notice) file=[^,:\r\n]*,line=[1-9]\d*,col=[1-9]\d*,"
    r"title=[a-z0-9-]+::[^\r\n]*"
)


def test_github_lines_are_well_formed_commands() -> None:
    lines = render_github([result(), result("docs/b.prd.yaml")]).split("\n")
    assert lines[-1] == ""
    commands, rest = lines[:-2], lines[-2]
    assert len(commands) == 4 and all(COMMAND.fullmatch(line) for line in commands)
    assert commands[0].startswith(f"::error file=docs/a.prd.yaml,line={at(TEXT, '<1>')},col=16,")
    assert commands[1].startswith("::warning file=docs/a.prd.yaml,")
    assert rest == "2 errors, 2 warnings in 2 files"


def test_github_document_text_cannot_inject_a_command() -> None:
    out = render_github([result()])
    # One line per diagnostic and the summary: the newlines in the actor started nothing.
    assert len(out.splitlines()) == 3
    assert sum(line.startswith("::") for line in out.splitlines()) == 2
    error = out.splitlines()[0]
    message = error.split("::", 2)[2]
    assert "%250A" in message  # a literal %0A stays literal once the runner decodes it
    decoded = message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    assert "Cashier %0A\\u000a::error file=x::injected\\u000a::warning::again" in decoded


def test_github_properties_are_escaped() -> None:
    name = "odd,name:x%\n::error::y\r.prd.yaml"
    line = render_github([result(name)]).splitlines()[0]
    assert COMMAND.fullmatch(line)
    assert line.startswith(
        "::error file=odd%2Cname%3Ax%25\\u000a%3A%3Aerror%3A%3Ay\\u000d.prd.yaml,line="
    )


def test_github_notice_for_info(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text('[rules]\nmetric-direction = "info"\n', "utf-8")
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(document(metrics=METRICS), encoding="utf-8")
    out = runner.invoke(app, ["validate", "--format", "github", str(doc)]).output
    assert out.startswith(f"::notice file={str(doc).replace(':', '%3A')},line=")


# -- sarif


def sarif_schema() -> dict:
    """The SARIF 2.1.0 JSON Schema shipped by an installed package, if any."""
    names = ("sarif-schema-2.1.0.json", "sarif-2.1.0.schema.json")
    roots = [os.environ.get("SARIF_SCHEMA_DIR", ""), str(ROOT / "tools" / "node_modules")]
    for root in filter(None, roots):
        for folder, _dirs, files in os.walk(root):
            for name in names:
                if name in files:
                    schema = json.loads(Path(folder, name).read_text(encoding="utf-8"))
                    if "SARIF" in schema.get("title", "") and "2.1.0" in schema["title"]:
                        return schema
    pytest.skip(
        "no SARIF 2.1.0 schema installed: run `npm install` in tools/ (package "
        "@microsoft/sarif-multitool-ts ships assets/sarif-2.1.0.schema.json) or point "
        "SARIF_SCHEMA_DIR at a folder holding sarif-schema-2.1.0.json"
    )


def test_sarif_validates_against_the_sarif_schema() -> None:
    schema = sarif_schema()
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    check = validator(schema, format_checker=validator.FORMAT_CHECKER)
    log = json.loads(render_sarif([result(), result("docs/b c.prd.yaml")]))
    assert [e.message for e in check.iter_errors(log)] == []
    log["runs"][0]["results"][0]["level"] = "fatal"  # the schema really is checking
    assert list(check.iter_errors(log))


def test_sarif_content() -> None:
    log = json.loads(render_sarif([result()]))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "unknown-actor"
    assert first["level"] == "error" and run["results"][1]["level"] == "warning"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/a.prd.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": at(TEXT, "<1>"), "startColumn": 16}
    assert rules[first["ruleIndex"]]["help"]["text"] == RULES["unknown-actor"].fix


# -- junit


def test_junit_one_case_per_file() -> None:
    clean = check_bytes(document().encode("utf-8"), "docs/clean.prd.yaml")
    warned = check_bytes(document(metrics=METRICS).encode("utf-8"), "docs/warned.prd.yaml")
    root = ET.fromstring(render_junit([result(), clean, warned]))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["docs/a.prd.yaml", "docs/clean.prd.yaml", "docs/warned.prd.yaml"]
    failure = cases["docs/a.prd.yaml"].find("failure")
    assert failure is not None and failure.get("message") == "1 error, 1 warning"
    assert f"{at(TEXT, '<1>')}:16: error unknown-actor" in (failure.text or "")
    assert list(cases["docs/clean.prd.yaml"]) == []
    assert cases["docs/warned.prd.yaml"].find("failure") is None
    assert "metric-direction" in (cases["docs/warned.prd.yaml"].findtext("system-out") or "")
    strict = ET.fromstring(render_junit([warned], strict=True)).find("testsuite/testcase/failure")
    assert strict is not None


def test_junit_escapes_and_strips_what_xml_cannot_hold() -> None:
    odd = result("docs/<&\"'\udcff>.prd.yaml")
    text = render_junit([odd])
    root = ET.fromstring(text)  # parses: markup escaped, the byte of the lone surrogate shown
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "docs/<&\"'\\udcff>.prd.yaml"


def test_junit_replaces_exactly_the_characters_xml_cannot_hold() -> None:
    from prdkit.reporters.junit import _xml

    def allowed(c: int) -> bool:  # XML 1.0, production 2 (Char)
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or c >= 0x10000

    every = "".join(map(chr, range(0x110000)))
    kept = _xml(every)
    assert len(kept) == len(every)
    assert [c for c in range(0x110000) if (kept[c] == every[c]) != allowed(c)] == []


# -- the machine formats are written as they are made, each the text one document gives


def varied() -> list[CheckResult]:
    """Escapes and hints, two files, odd names, a clean file and one with a warning only."""
    clean = check_bytes(document().encode("utf-8"), "docs/clean.prd.yaml")
    warned = check_bytes(document(metrics=METRICS).encode("utf-8"), 'docs/<&"\tw é>.prd.yaml')
    return [result(), result("docs/b c.prd.yaml"), clean, warned]


RUNS = {
    "none": ([], {}),
    "one": ([result()], {}),
    "varied": (varied(), {}),
    "quiet": (varied(), {"quiet": True}),
    "strict-quiet": (varied(), {"strict": True, "quiet": True}),  # a failure with no line
}


@pytest.mark.parametrize("name", list(RUNS))
def test_json_and_sarif_are_the_text_json_dumps_gives(name: str) -> None:
    results, options = RUNS[name]
    for render in (render_json, render_sarif):
        out = render(results, **options)
        assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", list(RUNS))
def test_junit_is_the_text_element_tree_gives(name: str) -> None:
    results, options = RUNS[name]
    out = render_junit(results, **options)
    root = ET.fromstring(out)
    ET.indent(root)
    assert out == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "junit"])
def test_reports_come_a_diagnostic_at_a_time(fmt: str) -> None:
    results, options = RUNS["varied"]
    report = REPORTERS[fmt](results, **options)
    assert not isinstance(report, str)
    pieces = list(report)
    assert len(pieces) > sum(len(r.diagnostics) for r in results)
    render = {"json": render_json, "github": render_github, "sarif": render_sarif}
    assert "".join(pieces) == render.get(fmt, render_junit)(results, **options)


def todo_goals(folder: Path, count: int) -> Path:
    """A document of `count` goals each `TODO`: a placeholder warning each."""
    goals = "  goals:\n" + "  - TODO\n" * count
    path = folder / "todo.prd.yaml"
    path.write_text(MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n" + goals), "utf-8")
    return path


@pytest.fixture(scope="module")
def fifty_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """The document of 50,000 warnings, and its text report (50 of them listed)."""
    source = todo_goals(tmp_path_factory.mktemp("todo"), 50_000)
    run = run_cli("validate", source)
    assert_no_crash(run)
    assert run.returncode == 0 and "5000" in run.stdout.splitlines()[-1], run.stderr
    return source, run


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_every_diagnostic_costs_a_machine_format_next_to_nothing(
    fifty_thousand: tuple[Path, Run], fmt: str
) -> None:
    # Built as one structure, then dumped: sarif took 1.5 s and 300 MB more than the text
    # report of the same 50,000 warnings (200,000: 8 s and 1.2 GB), json 80 MB more.
    source, text = fifty_thousand
    run = run_cli("validate", "--format", fmt, source)
    assert_no_crash(run)
    assert_bounded(run)
    assert run.returncode == 0 and run.stdout.count("TODO") >= 50_000
    extra_cpu, extra_memory = run.cpu_seconds - text.cpu_seconds, run.peak_bytes - text.peak_bytes
    # CPU measured in two processes varies: junit once cost 1.27 s more on a busy 2-CPU
    # machine, where it costs 0.2 to 0.6 s. The memory bound below catches the regression
    # this guards (sarif: 1.5 s and 300 MB more) whatever the machine.
    bound = max(1.5, 0.5 * text.cpu_seconds)
    assert extra_cpu < bound, f"{extra_cpu:.2f} s of CPU more than the text report's"
    assert extra_memory < 16 * 1024 * 1024, f"{extra_memory / 2**20:.0f} MiB more than text"


# -- many files in one run


def test_two_hundred_documents_in_one_validate_call(tmp_path: Path) -> None:
    errors = warnings = 0
    for n in range(200):
        extra = {}
        if n % 10 == 3:  # an unresolved reference: an error
            extra["features"] = "  - id: F1\n    name: Pay\n    requirements: [R1, R404]\n"
            errors += 1
        if n % 7 == 0:  # a target below the baseline: a warning
            extra["metrics"] = METRICS
            warnings += 1
        folder = tmp_path / f"team{n % 4}"
        folder.mkdir(exist_ok=True)
        (folder / f"doc{n:03}.prd.yaml").write_text(document(**extra), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1] == f"{errors} errors, {warnings} warnings in 200 files"
    report = runner.invoke(app, ["validate", "--format", "json", str(tmp_path)])
    data = json.loads(report.output)
    assert (data["files"], data["errors"], data["warnings"]) == (200, errors, warnings)
    keys = [(d["file"], d["line"]) for d in data["diagnostics"]]
    assert keys == sorted(keys) and len(keys) == errors + warnings
    quiet = runner.invoke(app, ["validate", "--quiet", str(tmp_path)])
    assert len(quiet.output.splitlines()) == errors + 1


def test_cli_formats_are_parseable(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(TEXT, encoding="utf-8")
    sarif = runner.invoke(app, ["validate", "--format", "sarif", str(doc)])
    assert sarif.exit_code == 1 and json.loads(sarif.output)["runs"][0]["results"]
    junit = runner.invoke(app, ["validate", "--format", "junit", str(doc)])
    assert junit.exit_code == 1 and ET.fromstring(junit.output).tag == "testsuites"
    github = runner.invoke(app, ["validate", "--format", "github", str(doc)])
    assert github.exit_code == 1 and github.output.startswith("::error file=")


def test_github_escaping_functions() -> None:
    from prdkit.reporters.github import _github_data, _github_property

    assert _github_data("50%\r\n::x:y,z") == "50%25%0D%0A::x:y,z"
    assert _github_property("50%\r\n::x:y,z") == "50%25%0D%0A%3A%3Ax%3Ay%2Cz"
