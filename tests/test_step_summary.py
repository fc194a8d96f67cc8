"""`validate --format github` also writes every diagnostic to $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import MINIMAL, run_prdkit


def many_errors(count: int) -> str:
    """A document with `count` schema errors (one bad priority per requirement)."""
    items = "".join(
        f"  - id: R{i}\n    title: Item {i} | pipe <b>\n    priority: p{i}|x\n"
        for i in range(count)
    )
    return MINIMAL.split("requirements:\n")[0] + "requirements:\n" + items


def test_every_diagnostic_reaches_the_summary_beyond_the_annotation_cap(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(many_errors(30), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_prdkit(
        "validate",
        str(doc),
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    assert result.stdout.count("::error ") == 30  # github format was chosen by itself
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n## prdkit validate\n")  # appended, not replaced
    assert "**30 errors, " in text
    rows = [line for line in text.splitlines() if "`schema-enum`" in line]
    assert len(rows) == 30
    for row in rows:  # document text cannot add cells or markup
        assert len(re.findall(r"(?<!\\)\|", row)) == 5, row
    lines = {int(m.group(1)) for m in re.finditer(r"a\.prd\.yaml:(\d+):\d+", text)}
    assert lines == {11 + 3 * i for i in range(30)}


def test_no_summary_for_other_formats(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_prdkit(
        "validate", str(doc), "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 0
    assert not summary.exists()


def test_an_unwritable_summary_warns_and_keeps_the_exit_code(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    result = run_prdkit(
        "validate",
        str(doc),
        "--format",
        "github",
        env={"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "such" / "folder.md")},
    )
    assert result.returncode == 0
    assert "cannot write the step summary" in result.stderr


def test_the_summary_speaks_the_documents_language(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(many_errors(2).replace("meta:\n", "meta:\n  language: zh\n"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_prdkit(
        "validate", "--format", "github", str(doc), env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 1
    lines = summary.read_text("utf-8").splitlines()
    assert "**2 个错误，0 个警告，共 1 个文件**" in lines
    assert "| 文件 | 错误 | 警告 |" in lines
    assert "| | 位置 | 规则 | 说明 |" in lines
    assert sum(1 for line in lines if line.startswith("| ❌ 错误 | ")) == 2
