"""The command line in the author's language, every diagnostic for machines, `-o` folders."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from prdkit.cli import app
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit

runner = CliRunner()
N = 120


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def many_errors(tmp_path: Path) -> Path:
    """A document with N errors: each requirement misspells `priority`."""
    items = "".join(f"  - id: R{i}\n    title: Item {i}\n    prority: must\n" for i in range(N))
    head = MINIMAL.split("requirements:\n")[0]
    return write(tmp_path / "many.prd.yaml", head + "requirements:\n" + items)


def test_json_and_sarif_carry_every_diagnostic(tmp_path: Path) -> None:
    doc = many_errors(tmp_path)
    report = json.loads(runner.invoke(app, ["validate", "-f", "json", str(doc)]).output)
    assert (
        report["errors"] == len(report["diagnostics"]) == N
    )  # the misspelt key; the missing one is not repeated
    sarif = json.loads(runner.invoke(app, ["validate", "-f", "sarif", str(doc)]).output)
    assert len(sarif["runs"][0]["results"]) == N
    github = runner.invoke(app, ["validate", "-f", "github", str(doc)]).output
    assert github.count("::error ") == N and "not listed" not in github
    junit = ET.fromstring(runner.invoke(app, ["validate", "-f", "junit", str(doc)]).output)
    (failure,) = junit.iter("failure")
    assert failure.text is not None and len(failure.text.splitlines()) == N


def test_text_lists_fifty_and_says_how_many_it_left_out(tmp_path: Path) -> None:
    doc = many_errors(tmp_path)
    output = runner.invoke(app, ["validate", str(doc)]).output
    listed = re.findall(r"^\S+:\d+:\d+: error ", output, re.MULTILINE)
    assert len(listed) == 50
    assert f"{doc}: … {N - 50} more diagnostics not listed (--max-diagnostics 0 lists all)" in (
        output
    )
    assert output.splitlines()[-1] == f"{N} errors, 0 warnings in 1 file"
    every = runner.invoke(app, ["validate", "--max-diagnostics", "0", str(doc)]).output
    assert len(re.findall(r"^\S+:\d+:\d+: error ", every, re.MULTILINE)) == N
    assert "not listed" not in every
    few = runner.invoke(app, ["validate", "--max-diagnostics", "7", str(doc)]).output
    assert len(re.findall(r"^\S+:\d+:\d+: error ", few, re.MULTILINE)) == 7
    refused = runner.invoke(app, ["validate", "--max-diagnostics", "-1", str(doc)])
    assert refused.exit_code == 2


def test_messages_follow_lang_then_the_document_then_the_locale(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", MINIMAL.replace("priority: could", "priority: 高"))
    zh = runner.invoke(app, ["validate", "--lang", "zh", str(doc)])
    assert zh.exit_code == 1
    assert zh.output.splitlines()[0] == (
        f"{doc}:11:15: error schema-enum priority 只能是以下之一：must（必须）、should（应该）、"
        "could（可以）、wont（暂不）（现在是 '高'）"
    )
    assert zh.output.splitlines()[-1] == "1 个错误，0 个警告，共 1 个文件"
    assert "        提示：从说明里列出的选项中选一个" in zh.output
    chinese_doc = write(
        tmp_path / "b.prd.yaml",
        MINIMAL.replace("priority: could", "priority: 高").replace(
            "  owner: Ann\n", "  owner: Ann\n  language: zh\n"
        ),
    )
    assert "只能是以下之一" in runner.invoke(app, ["validate", str(chinese_doc)]).output
    english = runner.invoke(app, ["validate", "--lang", "en", str(chinese_doc)]).output
    assert "must be one of must, should, could, wont" in english
    by_locale = run_prdkit("validate", str(doc), env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert by_locale.returncode == 1 and "只能是以下之一" in by_locale.stdout
    as_json = json.loads(
        runner.invoke(app, ["validate", "-f", "json", "--lang", "zh", str(doc)]).output
    )
    (d,) = as_json["diagnostics"]
    assert (d["rule"], d["line"], d["column"], d["pointer"]) == (
        "schema-enum",
        11,
        15,
        "/requirements/0/priority",
    )


def test_output_folder_is_created_with_its_parents(tmp_path: Path) -> None:
    source = EXAMPLES / "loyalty-checkout.prd.yaml"
    out = tmp_path / "build" / "docs" / "prd"
    result = runner.invoke(app, ["render", str(source), "--to", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "loyalty-checkout.md").is_file()
    again = run_prdkit("render", str(source), "--to", "md", "-o", str(tmp_path / "x" / "y"))
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "x" / "y" / "loyalty-checkout.md").is_file()


def test_output_folder_refuses_a_file_or_a_link_to_one(tmp_path: Path) -> None:
    source = EXAMPLES / "loyalty-checkout.prd.yaml"
    a_file = write(tmp_path / "notes.txt", "x")
    link = tmp_path / "link"
    link.symlink_to(a_file)
    for target, words in (
        (a_file, "is not a folder"),
        (link, "is not a folder"),
        (a_file / "sub", "cannot create the folder"),
    ):
        result = run_prdkit("render", str(source), "--to", "md", "-o", str(target))
        assert result.returncode == 2 and words in result.stderr, result.stderr
    assert a_file.read_text(encoding="utf-8") == "x"


def test_invalid_document_creates_no_output_folder(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", MINIMAL.replace("priority: could", "priority: 高"))
    out = tmp_path / "out" / "deep"
    result = runner.invoke(app, ["render", str(doc), "--to", "md", "-o", str(out)])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()


def test_render_speaks_the_chosen_language(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.prd.yaml", MINIMAL.replace("priority: could", "priority: 高"))
    good = write(tmp_path / "good.prd.yaml", MINIMAL)
    result = run_prdkit("render", str(bad), str(good), "--to", "md", "--lang", "zh")
    assert result.returncode == 1
    assert f"已写入 {tmp_path / 'good.md'}" in result.stdout
    assert "priority 只能是以下之一" in result.stdout
    assert f"prdkit: {bad} 没有生成任何文件：文档有错误" in result.stderr
    assert "prdkit: 共 2 份文档，已生成 1 份" in result.stderr
    english = run_prdkit("render", str(bad), "--to", "md")
    assert f"prdkit: nothing written for {bad}: the document is invalid" in english.stderr
    (tmp_path / "empty").mkdir()
    nothing = runner.invoke(app, ["validate", str(tmp_path / "empty"), "--lang", "zh"])
    assert nothing.exit_code == 2
    assert f"{tmp_path / 'empty'} 中没有 PRD 文件（*.prd.yaml、*.prd.yml、*.prd.json）" in (
        nothing.output
    )


def test_new_speaks_the_language_of_its_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["new", "launch", "--lang", "zh"])
    assert made.exit_code == 0 and made.output == "已写入 launch.prd.yaml（模板 minimal，zh）\n"
    again = runner.invoke(app, ["new", "launch", "--lang", "zh"])
    assert again.exit_code == 2 and "launch.prd.yaml 已存在；要覆盖它请加上 --force" in again.output


@pytest.mark.parametrize("template", ["minimal", "feature", "launch", "ecommerce"])
def test_a_chinese_template_gets_a_chinese_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    # A Latin file name does not become the title of a Chinese document: a Chinese
    # placeholder does, which validate flags until the author writes the real title.
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["new", "shop", "--lang", "zh", "--template", template])
    assert made.exit_code == 0, made.output
    meta = yaml.safe_load((tmp_path / "shop.prd.yaml").read_text(encoding="utf-8"))["meta"]
    assert meta["title"] == "待补充：产品名称" and meta["id"] == "shop"
    check = runner.invoke(app, ["validate", "shop.prd.yaml"])
    assert check.exit_code == 0 and "/meta/title" not in check.output
    assert "placeholder" in check.output
    # A name written in Chinese is the title; an English template keeps the file's words.
    assert runner.invoke(app, ["new", "会员积分", "--lang", "zh"]).exit_code == 0
    assert (
        yaml.safe_load(Path("会员积分.prd.yaml").read_text("utf-8"))["meta"]["title"] == "会员积分"
    )
    assert runner.invoke(app, ["new", "flash-sale", "--lang", "en"]).exit_code == 0
    assert (
        yaml.safe_load(Path("flash-sale.prd.yaml").read_text("utf-8"))["meta"]["title"]
        == "Flash sale"
    )


def test_the_summary_speaks_the_asked_language_when_no_file_could_be_read(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.prd.yaml")
    done = runner.invoke(app, ["validate", "--lang", "zh", missing])
    assert done.exit_code == 2
    assert done.stdout.strip().splitlines()[-1] == "0 个错误，0 个警告，共 0 个文件"
    done = runner.invoke(app, ["validate", missing])
    assert done.stdout.strip().splitlines()[-1] == "0 errors, 0 warnings in 0 files"


def test_github_annotations_speak_the_documents_language(tmp_path: Path) -> None:
    # Read by people in the job's log: hints and the summary as the text report has them.
    text = MINIMAL.replace("requirements:\n", "requirements:\n  - id: R-1\n    prority: must\n")
    doc = write(tmp_path / "zh.prd.yaml", text.replace("meta:\n", "meta:\n  language: zh\n"))
    github = runner.invoke(app, ["validate", "-f", "github", str(doc)]).output
    lines = github.splitlines()
    assert lines[0].startswith("::error ") and "%0A提示：" in lines[0], lines[0]
    assert "hint: " not in github
    assert lines[-1] == "2 个错误，0 个警告，共 1 个文件"
    english = runner.invoke(app, ["validate", "-f", "github", "--lang", "en", str(doc)]).output
    assert "%0Ahint: " in english and english.splitlines()[-1].endswith("in 1 file")
