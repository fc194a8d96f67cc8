"""Configuration: discovery upward, switching rules off, re-grading, limits, usage errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.check import check_file
from prdkit.cli import app
from prdkit.config import DEFAULT_CONFIG, ConfigError, clear_cache, config_for
from prdkit.diagnostics import Severity
from tests.test_rules_base import document

runner = CliRunner()

# A draft with one placeholder (warning) and one metric moving the wrong way (warning).
TEXT = document(
    metrics="""\
  - id: K1
    name: Conversion rate
    baseline: 3
    target: 2
""",
).replace("  owner: Ann\n", "  owner: Ann\n  summary: TBD\n")


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_of(path: Path) -> list[tuple[str, str]]:
    result = check_file(path, config_for(path))
    return [(d.rule, d.severity.value) for d in result.diagnostics]


def test_no_config_file_means_defaults(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", TEXT)
    assert config_for(doc) is DEFAULT_CONFIG
    assert sorted(rules_of(doc)) == [("metric-direction", "warning"), ("placeholder", "warning")]


def test_pyproject_found_upward_switches_off_and_regrades(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.prdkit.rules]\n'
        'placeholder = "off"\nmetric-direction = "error"\n',
    )
    doc = write(tmp_path / "docs" / "prd" / "a.prd.yaml", TEXT)
    config = config_for(doc)
    assert config.source == str(tmp_path / "pyproject.toml")
    assert config.severity("placeholder", Severity.WARNING) is None
    assert rules_of(doc) == [("metric-direction", "error")]


def test_nearest_file_wins_and_pyproject_without_prdkit_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / ".prdkit.toml", '[rules]\nplaceholder = "off"\n')
    write(tmp_path / "team" / "pyproject.toml", '[project]\nname = "team"\n')
    write(tmp_path / "team" / "sub" / ".prdkit.toml", '[rules]\nmetric-direction = "info"\n')
    outer = write(tmp_path / "team" / "a.prd.yaml", TEXT)
    inner = write(tmp_path / "team" / "sub" / "b.prd.yaml", TEXT)
    assert config_for(outer).source == str(tmp_path / ".prdkit.toml")
    assert sorted(rules_of(outer)) == [("metric-direction", "warning")]
    # The nearest file is the whole configuration: its parent's switches do not add up.
    assert sorted(rules_of(inner)) == [("metric-direction", "info"), ("placeholder", "warning")]


def test_dot_prdkit_toml_comes_before_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.prdkit.rules]\nplaceholder = "error"\n')
    write(tmp_path / ".prdkit.toml", '[rules]\nplaceholder = "info"\n')
    doc = write(tmp_path / "a.prd.yaml", TEXT)
    assert ("placeholder", "info") in rules_of(doc)


def test_lookups_are_cached_per_folder(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", TEXT)
    first = config_for(doc)
    write(tmp_path / ".prdkit.toml", '[rules]\nplaceholder = "off"\n')
    assert config_for(tmp_path / "b.prd.yaml") is first  # same folder: not looked up again
    clear_cache()
    assert config_for(doc).source == str(tmp_path / ".prdkit.toml")


def test_limits_from_config(tmp_path: Path) -> None:
    write(tmp_path / ".prdkit.toml", "max-bytes = 100\nmax-diagnostics = 5\n")
    doc = write(tmp_path / "a.prd.yaml", TEXT)
    config = config_for(doc)
    assert (config.limits.max_bytes, config.limits.max_diagnostics) == (100, 5)
    result = check_file(doc, config, config.limits)
    assert [d.rule for d in result.diagnostics] == ["file-too-large"]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('[rules]\nplaceholdr = "off"\n', "unknown rule id 'placeholdr'"),
        ('[rules]\nplaceholder = "loud"\n', "rules.placeholder must be one of off, error"),
        ('[rules]\nyaml-syntax = "off"\n', "'yaml-syntax' is checked before the rules"),
        ("rulez = {}\n", "unknown key 'rulez'"),
        ("rules = 3\n", "rules must be a table"),
        ("max-bytes = -1\n", "max-bytes must be a positive whole number"),
        ("max-bytes = true\n", "max-bytes must be a positive whole number"),
        ("[rules\n", "not valid TOML"),
    ],
)
def test_bad_config_is_a_config_error_naming_the_file(
    tmp_path: Path, text: str, complaint: str
) -> None:
    config = write(tmp_path / ".prdkit.toml", text)
    with pytest.raises(ConfigError) as raised:
        config_for(tmp_path / "a.prd.yaml")
    assert str(raised.value).startswith(f"{config}: ")
    assert complaint in str(raised.value)


def test_bad_pyproject_table_names_its_path(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.prdkit]\nstrict = true\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.prdkit\.strict'"):
        config_for(tmp_path / "a.prd.yaml")


def test_cli_exit_2_on_unknown_rule_id(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.prdkit.rules]\nno-such-rule = "off"\n')
    doc = write(tmp_path / "a.prd.yaml", TEXT)
    result = runner.invoke(app, ["validate", str(doc)])
    assert result.exit_code == 2
    assert "no-such-rule" in result.output and "pyproject.toml" in result.output


def test_cli_applies_the_config(tmp_path: Path) -> None:
    doc = write(tmp_path / "a.prd.yaml", TEXT)
    assert runner.invoke(app, ["validate", "--strict", str(doc)]).exit_code == 1
    clear_cache()
    write(tmp_path / ".prdkit.toml", '[rules]\nplaceholder = "off"\nmetric-direction = "info"\n')
    result = runner.invoke(app, ["validate", "--strict", str(doc)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 errors, 0 warnings in 1 file")
    clear_cache()
    write(tmp_path / ".prdkit.toml", '[rules]\nmetric-direction = "error"\n')
    assert runner.invoke(app, ["validate", str(doc)]).exit_code == 1


@pytest.mark.parametrize(("marker", "is_folder"), [(".git", True), (".git", False), (".hg", True)])
def test_the_lookup_stops_at_the_repository_root(
    tmp_path: Path, marker: str, is_folder: bool
) -> None:
    # Files above a checkout (a CI runner's home, a parent folder of the clone) are not its own.
    write(tmp_path / ".prdkit.toml", '[rules]\nplaceholder = "off"\n')
    write(tmp_path / "pyproject.toml", "[tool.prdkit\nbroken")
    checkout = tmp_path / "clone"
    if is_folder:
        (checkout / marker).mkdir(parents=True)
    else:  # a worktree: `.git` is a file naming the real one
        write(checkout / marker, "gitdir: /elsewhere/.git/worktrees/clone\n")
    doc = write(checkout / "docs" / "a.prd.yaml", TEXT)
    assert config_for(doc) is DEFAULT_CONFIG
    assert sorted(rules_of(doc)) == [("metric-direction", "warning"), ("placeholder", "warning")]
    # The checkout's own file, at its root, is still found.
    clear_cache()
    write(checkout / ".prdkit.toml", '[rules]\nmetric-direction = "off"\n')
    assert config_for(doc).source == str(checkout / ".prdkit.toml")
    assert rules_of(doc) == [("placeholder", "warning")]


@pytest.mark.parametrize(
    "text",
    [
        "[project\nname = ",  # not TOML
        '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n[project]\n',  # a table twice
        "\xff\xfe not UTF-8",
    ],
)
def test_a_broken_pyproject_that_never_names_prdkit_is_passed_over(
    tmp_path: Path, text: str
) -> None:
    write(tmp_path / ".prdkit.toml", '[rules]\nplaceholder = "off"\n')
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "pyproject.toml").write_bytes(text.encode("latin-1"))
    doc = write(tmp_path / "app" / "a.prd.yaml", TEXT)
    assert config_for(doc).source == str(tmp_path / ".prdkit.toml")


@pytest.mark.parametrize(
    "text",
    [
        '[tool.prdkit.rules]\nplaceholder = "off"\n',
        '[tool."prdkit".rules]\nplaceholder = "off"\n',
        '[tool]\nprdkit.rules.placeholder = "off"\n',
        'tool.prdkit.rules.placeholder = "off"\n',
        '[tool.prdkit]\nrules = { placeholder = "off" }\n',
    ],
)
def test_every_spelling_of_the_prdkit_table_is_read(tmp_path: Path, text: str) -> None:
    write(tmp_path / "pyproject.toml", text)
    doc = write(tmp_path / "a.prd.yaml", TEXT)
    assert config_for(doc).severity("placeholder", Severity.WARNING) is None


def test_a_broken_pyproject_that_names_prdkit_is_still_an_error(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.prdkit.rules\nplaceholder = "off"\n')
    with pytest.raises(ConfigError, match="not valid TOML"):
        config_for(tmp_path / "a.prd.yaml")
