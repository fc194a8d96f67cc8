"""`prdkit approve` and `approve --check` speak the author's language: `--lang`, else the
document's `meta.language`, else the locale."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.cli import app
from prdkit.digest import digest
from prdkit.loader import load_bytes
from tests.conftest import MINIMAL, run_prdkit

runner = CliRunner()
EPOCH = {"SOURCE_DATE_EPOCH": "1770076800", "NO_COLOR": "1"}  # 2026-02-03
CHINESE = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  language: zh\n")


def document(tmp_path: Path, text: str = CHINESE) -> Path:
    path = tmp_path / "a.prd.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def approve(*args: str):
    return runner.invoke(app, ["approve", *args], env=EPOCH)


def line_of(path: Path, text: str) -> int:
    """The line of `path` that holds `text`."""
    lines = path.read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def current_digest(path: Path) -> str:
    return digest(load_bytes(path.read_bytes()).data)


def test_a_sign_off_is_reported_in_chinese(tmp_path: Path) -> None:
    doc = document(tmp_path)
    first = approve(str(doc), "--name", "张三", "--role", "产品负责人")
    assert first.exit_code == 0, first.output
    signed = current_digest(doc)
    assert (
        first.output
        == f"{doc}:{line_of(doc, 'name: 张三')}: 已记录张三的审核：通过（新增）；文档摘要 {signed}\n"
    )
    again = approve(str(doc), "--name", "张三", "--reject")
    assert again.output == (
        f"{doc}:{line_of(doc, 'name: 张三')}: 已记录张三的审核：驳回（替换了此前的记录）；文档摘要 {signed}\n"
    )
    english = approve(str(doc), "--name", "Bob", "--lang", "en")
    assert (
        english.output
        == f"{doc}:{line_of(doc, 'name: Bob')}: approved by Bob (added); digest {signed}\n"
    )


def test_check_lists_approvals_in_chinese_and_lines_them_up(tmp_path: Path) -> None:
    doc = document(tmp_path)
    assert approve(str(doc), "--name", "张三", "--role", "产品负责人").exit_code == 0
    doc.write_text(doc.read_text("utf-8").replace("Checkout works", "Checkout"), "utf-8")
    assert approve(str(doc), "--name", "Bob").exit_code == 0
    with doc.open("a", encoding="utf-8") as out:
        out.write("  - name: Carol\n    decision: pending\n")
    result = approve("--check", str(doc))
    zhang, bob, carol = (line_of(doc, f"name: {n}") for n in ("张三", "Bob", "Carol"))
    assert result.exit_code == 1  # 张三 signed an earlier text
    assert result.output.splitlines() == [
        f"{doc}: 文档摘要 {current_digest(doc)}",
        f"{doc}:{zhang}: 已过期 张三（产品负责人）：通过 2026-02-03",
        f"{doc}:{bob}: 有效   Bob：通过 2026-02-03",
        f"{doc}:{carol}: 未签名 Carol：待审核",
    ]
    english = approve("--check", "--lang", "en", str(doc)).output.splitlines()
    assert english[1:] == [
        f"{doc}:{zhang}: stale    张三 (产品负责人): approved 2026-02-03",
        f"{doc}:{bob}: current  Bob: approved 2026-02-03",
        f"{doc}:{carol}: unsigned Carol: pending",
    ]


def test_no_approvals_yet(tmp_path: Path) -> None:
    doc = document(tmp_path)
    assert approve("--check", str(doc)).output.splitlines()[-1] == f"{doc}: 还没有审核记录"
    english = document(tmp_path, MINIMAL)
    assert approve("--check", str(english)).output.splitlines()[-1] == (
        f"{english}: no approvals yet"
    )


def test_usage_mistakes_follow_lang_then_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = document(tmp_path, MINIMAL)
    missing = approve(str(doc), "--lang", "zh")
    assert missing.exit_code == 2
    assert "prdkit: error: 缺少 --name：请写明由谁签字" in missing.output
    both = approve("--check", "--name", "Ann", str(doc))
    assert both.exit_code == 2
    assert (
        "prdkit: error: --check only lists approvals; leave out --name, --role, --reject,"
        " --comment" in both.output
    )
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    both = approve("--check", "--name", "Ann", str(doc))
    assert "prdkit: error: --check 只列出审核记录；请去掉 --name、--role、--reject、--comment" in (
        both.output
    )


def test_the_real_command_follows_the_locale(tmp_path: Path) -> None:
    doc = document(tmp_path, MINIMAL)
    chinese = run_prdkit(
        "approve", str(doc), "--name", "Ann", env={**EPOCH, "LC_ALL": "zh_CN.UTF-8"}
    )
    assert chinese.returncode == 0, chinese.stderr
    assert chinese.stdout.startswith(
        f"{doc}:{line_of(doc, 'name: Ann')}: 已记录 Ann 的审核：通过（新增）；文档摘要 sha256:"
    )
    check = run_prdkit("approve", "--check", str(doc), env={"LC_ALL": "C.UTF-8"})
    assert check.returncode == 0
    assert (
        check.stdout.splitlines()[1]
        == f"{doc}:{line_of(doc, 'name: Ann')}: current  Ann: approved 2026-02-03"
    )


def test_a_bad_option_is_refused_in_the_documents_language(tmp_path: Path) -> None:
    # The other refusals of approve spoke the document's Chinese; these spoke English.
    doc = document(tmp_path)
    result = approve(str(doc), "--name", "a\nb")
    assert result.exit_code == 2
    assert "--name: 含有换行符 U+000A" in result.output
    result = approve(str(doc), "--name", "Me", "--comment", "a\x01")
    assert result.exit_code == 2 and "--comment" in result.output and "控制" in result.output
    english = approve(str(doc), "--name", "a\nb", "--lang", "en")
    assert "--name: holds the line break U+000A" in english.output
