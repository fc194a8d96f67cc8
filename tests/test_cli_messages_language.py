"""Usage errors and input problems in the run's language: `--lang`, else the document's
`meta.language` once one was read, else the locale. `prdkit: error:` and exit codes stay."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.cli import app
from tests.conftest import MINIMAL, run_prdkit

runner = CliRunner()
CHINESE = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  language: zh\n")


def doc(folder: Path, text: str = MINIMAL, name: str = "a.prd.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_lines(*args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, list(args))
    return result.exit_code, [line for line in result.output.splitlines() if "prdkit:" in line]


@pytest.mark.parametrize(
    ("case", "english", "chinese"),
    [
        ("missing", "no such file or folder", "找不到这个文件或文件夹"),
        ("folder", "is a folder", "这是文件夹，不是文件"),
        (
            "link",
            "is a symbolic link; give the real file",
            "这是一个符号链接；请直接给出它指向的文件",
        ),
        (
            "folder-link",
            "is a symbolic link to a folder; links are not followed: give the real folder",
            "这是指向文件夹的符号链接；链接不会被跟随，请直接给出它指向的文件夹",
        ),
    ],
)
def test_an_input_problem_in_both_languages(
    tmp_path: Path, case: str, english: str, chinese: str
) -> None:
    target = tmp_path / "x.prd.yaml"
    if case == "folder":
        target.mkdir()
    elif case == "link":
        target.symlink_to(doc(tmp_path))
    elif case == "folder-link":
        (tmp_path / "real").mkdir()
        doc(tmp_path / "real")
        target.symlink_to(tmp_path / "real", target_is_directory=True)
    # A folder named like a document is searched for documents by validate and render.
    commands = (
        ("approve", "diff") if case == "folder" else ("validate", "render", "approve", "diff")
    )
    if case == "folder-link":
        commands = (*commands, "site")
    for command in commands:
        extra = {"approve": ["--name", "Ann"], "diff": [str(doc(tmp_path))]}.get(command, [])
        code, lines = error_lines(command, str(target), *extra)
        assert code == 2 and f"prdkit: error: {target}: {english}" in lines, (command, lines)
        code, lines = error_lines(command, "--lang", "zh", str(target), *extra)
        assert code == 2 and f"prdkit: error: {target}: {chinese}" in lines, (command, lines)


def test_an_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = doc(tmp_path)
    path.chmod(0)
    code, lines = error_lines("validate", "--lang", "zh", str(path))
    assert code == 2 and lines == [f"prdkit: error: {path}: 无法读取（Permission denied）"]


def test_the_summary_of_a_run_that_read_nothing_follows_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "none.prd.yaml")])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "0 个错误，0 个警告，共 0 个文件"
    assert f"prdkit: error: {tmp_path / 'none.prd.yaml'}: 找不到这个文件或文件夹" in result.output
    english = runner.invoke(app, ["validate", "--lang", "en", str(tmp_path / "none.prd.yaml")])
    assert english.output.splitlines()[-1] == "0 errors, 0 warnings in 0 files"


def test_unknown_format_and_template(tmp_path: Path) -> None:
    source = str(doc(tmp_path))
    assert error_lines("render", "--to", "docx,odt", source) == (
        2,
        ["prdkit: error: unknown format 'odt'; choose from md, docx, html, pdf"],
    )
    assert error_lines("render", "--lang", "zh", "--to", "odt", source) == (
        2,
        ["prdkit: error: 不支持的格式 'odt'；可选：md、docx、html、pdf"],
    )
    assert error_lines("export", "--lang", "zh", "--to", "pdf", source) == (
        2,
        ["prdkit: error: 不支持的导出格式 'pdf'；可选：xlsx、csv、jira"],
    )
    code, lines = error_lines("new", str(tmp_path / "n"), "--template", "nope", "--lang", "zh")
    assert code == 2 and lines[0].startswith("prdkit: error: 没有名为 'nope' 的模板；可选：")
    assert "minimal" in lines[0] and not (tmp_path / "n.prd.yaml").exists()
    code, lines = error_lines("new", str(tmp_path / "n"), "--template", "nope")
    assert lines[0].startswith("prdkit: error: unknown template 'nope'; choose one of: ")


def test_output_folder_problems(tmp_path: Path) -> None:
    source = doc(tmp_path)
    a_file = doc(tmp_path, "x", "file.txt")
    assert error_lines("render", "--lang", "zh", "-o", str(a_file), str(source)) == (
        2,
        [f"prdkit: error: {a_file}: 不是文件夹"],
    )
    assert error_lines("render", "-o", str(a_file / "sub"), "--to", "md", str(source)) == (
        2,
        # Said in prdkit's words, in either language, not the system's "Not a directory".
        [f"prdkit: error: {a_file / 'sub'}: cannot create the folder (a parent is a file)"],
    )
    code, lines = error_lines("render", "--lang", "zh", "-o", str(a_file / "sub"), str(source))
    assert lines == [f"prdkit: error: {a_file / 'sub'}: 无法创建文件夹（上级路径中有一项是文件）"]
    long = "x" * 300
    code, lines = error_lines("render", "--lang", "zh", "-o", long, str(source))
    assert code == 2 and lines == [
        f"prdkit: error: 输出文件夹 {'x' * 40}…: 文件或文件夹名长 300 字节，超过了文件系统 255 字节的上限"
    ]
    code, lines = error_lines("render", "-o", long, str(source))
    assert lines == [
        f"prdkit: error: output folder {'x' * 40}…: a file or folder name of 300 bytes, over the"
        " 255-byte limit of file systems"
    ]


def test_nothing_written_and_two_sources_one_output(tmp_path: Path) -> None:
    broken = doc(tmp_path, CHINESE.replace("priority: could", "priority: 高"))
    result = runner.invoke(app, ["render", "--to", "md", str(broken)])
    assert result.exit_code == 1
    assert f"prdkit: {broken} 没有生成任何文件：文档有错误" in result.output
    (tmp_path / "b").mkdir()
    twin = doc(tmp_path / "b")
    code, lines = error_lines(
        "render", "--lang", "zh", "-o", str(tmp_path / "out"), str(doc(tmp_path)), str(twin)
    )
    assert code == 2
    assert lines == [f"prdkit: error: {tmp_path / 'a.prd.yaml'} 和 {twin} 会生成同名的输出文件"]


def test_a_document_read_speaks_its_own_language(tmp_path: Path) -> None:
    broken = doc(tmp_path, CHINESE.replace("requirements:", "requirements: [\n"))
    result = runner.invoke(app, ["approve", str(broken), "--name", "Ann"])
    assert result.exit_code == 1
    assert f"prdkit: error: {broken} 有错误，无法载入；请先修正文档" in result.output
    english = runner.invoke(app, ["approve", "--lang", "en", str(broken), "--name", "Ann"])
    assert f"prdkit: error: {broken} does not load; fix the document first" in english.output
    listed = doc(tmp_path, CHINESE + "approvals: {name: Ann}\n", "b.prd.yaml")
    code, lines = error_lines("approve", str(listed), "--name", "Bob")
    assert code == 1 and lines == [f"prdkit: error: {listed}: approvals 不是列表；请先修正文档"]
    good = doc(tmp_path, MINIMAL, "c.prd.yaml")
    code, lines = error_lines("diff", str(good), str(broken))
    assert code == 1 and lines == [f"prdkit: error: {broken} 有错误，无法载入，所以没法比较"]


def test_diff_revisions_and_approve_options(tmp_path: Path) -> None:
    good = str(doc(tmp_path))
    assert error_lines("diff", "--lang", "zh", "--", "-x:a.prd.yaml", good) == (
        2,
        ["prdkit: error: '-x:a.prd.yaml' 不是 REV:PATH 的写法（例如 HEAD~1:docs/a.prd.yaml）"],
    )
    assert error_lines("diff", "--", "-x:a.prd.yaml", good)[1] == [
        "prdkit: error: '-x:a.prd.yaml' is not REV:PATH (for example HEAD~1:docs/a.prd.yaml)"
    ]
    code, lines = error_lines("approve", "--lang", "zh", good, "--name", "A\x07")
    assert code == 2 and lines[0].startswith("prdkit: error: --name: ")


def test_the_real_command_follows_the_locale(tmp_path: Path) -> None:
    missing = tmp_path / "none.prd.yaml"
    chinese = run_prdkit("render", str(missing), env={"LC_ALL": "zh_CN.UTF-8"})
    assert chinese.returncode == 2
    assert chinese.stderr.splitlines()[0] == f"prdkit: error: {missing}: 找不到这个文件或文件夹"
    english = run_prdkit("render", str(missing), env={"LC_ALL": "C.UTF-8"})
    assert english.stderr.splitlines()[0] == f"prdkit: error: {missing}: no such file or folder"
    told = run_prdkit("render", "--lang", "en", str(missing), env={"LC_ALL": "zh_CN.UTF-8"})
    assert told.stderr.splitlines()[0] == f"prdkit: error: {missing}: no such file or folder"


def test_a_configuration_problem_in_both_languages(tmp_path: Path) -> None:
    source = str(doc(tmp_path, CHINESE))
    (tmp_path / ".prdkit.toml").write_text('[rules]\nplaceholder = "loud"\n', encoding="utf-8")
    config = tmp_path / ".prdkit.toml"
    assert error_lines("validate", "--lang", "zh", source) == (
        2,
        [
            f"prdkit: error: {config}: rules.placeholder 只能是以下之一：off、error、warning、info"
            "（现在是 'loud'）"
        ],
    )
    assert error_lines("validate", "--lang", "en", source)[1] == [
        f"prdkit: error: {config}: rules.placeholder must be one of off, error, warning, info"
        " (got 'loud')"
    ]
    config.write_text("max-bytes = 999999999999\n", encoding="utf-8")
    code, lines = error_lines("render", "--lang", "zh", source)
    assert code == 2 and lines[0].startswith(
        f"prdkit: error: {config}: max-bytes = 999,999,999,999 超过了上限"
    )


def test_a_sign_off_name_on_two_lines_and_a_linked_configuration(tmp_path: Path) -> None:
    source = str(doc(tmp_path, CHINESE))
    # --lang, else the document's language, as every refusal of approve.
    code, lines = error_lines("approve", source, "--name", "Ann\nBob")
    assert code == 2 and lines[0].startswith("prdkit: error: --name: 含有换行符 ")
    assert lines[0].endswith("；请写在一行里，不要含控制字符")
    code, lines = error_lines("approve", "--lang", "en", source, "--name", "Ann\nBob")
    assert lines[0].startswith("prdkit: error: --name: holds the line break ")
    team = tmp_path / "team"  # a folder of its own: configurations are cached per folder
    team.mkdir()
    real = tmp_path / "real.toml"
    real.write_text("", encoding="utf-8")
    (team / ".prdkit.toml").symlink_to(real)
    code, lines = error_lines("validate", "--lang", "zh", str(doc(team, CHINESE)))
    assert code == 2 and lines == [
        f"prdkit: error: {team / '.prdkit.toml'}: 这是一个符号链接；配置必须是真实的文件，"
        "链接不会被跟随"
    ]


def test_what_was_written_is_said_in_the_documents_language(tmp_path: Path) -> None:
    # A Chinese document's failures were told in Chinese and its outputs in English.
    source = doc(tmp_path, CHINESE)
    result = runner.invoke(app, ["render", str(source), "--to", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"已写入 {tmp_path / 'a.md'}\n"
    result = runner.invoke(app, ["render", str(source), "--to", "md", "--lang", "en"])
    assert result.output == f"wrote {tmp_path / 'a.md'}\n"
