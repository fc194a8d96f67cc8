"""The small functions every safety check goes through, on their own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from prdkit.diff import is_revision
from prdkit.limits import CEILINGS, DEFAULT_LIMITS, Limits
from prdkit.paths import NAME_MAX, PATH_MAX, PathError, check_path, sibling
from prdkit.reporters import safe_lines
from prdkit.writers.docx.safexml import UnsafeXML, parse, xml_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("a\n::error::x", "a\n\\u003a:error::x"),
        ("  ::warning::x", "  \\u003a:warning::x"),
        ("bidi \u202e and C1 \u009b", "bidi \\u202e and C1 \\u009b"),
        ("caf" + os.fsdecode(b"\xe9"), "caf\\udce9"),
        ("tab\there", "tab\\u0009here"),
    ],
)
def test_safe_lines(text: str, expected: str) -> None:
    assert safe_lines(text) == expected


def test_safe_lines_shortens_each_line() -> None:
    shown = safe_lines("x" * 5000 + "\nshort", limit=100)
    first, second = shown.split("\n")
    assert len(first) == 100 and first.endswith("…") and second == "short"


@pytest.mark.parametrize(
    ("spec", "revision"),
    [
        ("HEAD:docs/a.prd.yaml", True),
        ("origin/main:docs/a.prd.yaml", True),
        ("docs/a.prd.yaml", False),
        ("./v1:a.prd.yaml", False),
        ("../v1:a.prd.yaml", False),
        ("/abs/v1:a.prd.yaml", False),
    ],
)
def test_is_revision_never_looks_at_the_disk(
    spec: str, revision: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if ":" in spec and not spec.startswith("/"):
        target = tmp_path / spec
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("a file of that name exists", encoding="utf-8")
    assert is_revision(spec) is revision


def test_check_path_limits_each_component() -> None:
    check_path(Path("a" * NAME_MAX) / ("b" * NAME_MAX))
    with pytest.raises(PathError, match="256 bytes"):
        check_path(Path("ok") / ("c" * (NAME_MAX + 1)))
    with pytest.raises(PathError, match="256 bytes"):
        check_path("é" * 128)  # 128 characters, 256 bytes
    with pytest.raises(PathError, match="NUL"):
        check_path("a\x00b")


def test_sibling_fits_beside_any_name() -> None:
    assert sibling(Path("docs/a.prd.yaml"), ".lock") == Path("docs/.a.prd.yaml.lock")
    long = Path("docs") / ("n" * NAME_MAX)
    short = sibling(long, ".lock")
    assert short.parent == long.parent and len(short.name) + 16 <= NAME_MAX
    assert short == sibling(long, ".lock")  # the same name every time


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12240", 12240), ("-5", -5), ("1e999", 7), ("²⁴", 7), ("9" * 5000, 7), ("", 7), (None, 7)],
)
def test_xml_int_reads_only_what_word_writes(value: str | None, expected: int) -> None:
    assert xml_int(value, 7) == expected


def test_safe_parse_refuses_a_dtd_and_undefined_entities() -> None:
    assert parse(b"<r a='1'/>", "p").get("a") == "1"
    with pytest.raises(UnsafeXML, match="declares a DTD"):
        parse(b"<!DOCTYPE r [<!ENTITY e 'x'>]><r>&e;</r>", "p")
    with pytest.raises(UnsafeXML, match="not well-formed"):
        parse(b"<r>&e;</r>", "p")


def test_every_limit_has_a_ceiling_above_its_default() -> None:
    for name in Limits.__slots__:
        assert getattr(CEILINGS, name) >= getattr(DEFAULT_LIMITS, name), name
    assert CEILINGS.max_int_digits < 4300  # Python's own limit on converting digits


def test_check_path_limits_the_whole_path() -> None:
    limit = PATH_MAX or 4096
    deep = "/".join(["d" * 200] * (limit // 200 + 2))
    if PATH_MAX is None:
        pytest.skip("no system limit on a whole path here")
    with pytest.raises(PathError, match="byte limit of the system"):
        check_path(deep)
    check_path("/".join(["d" * 200] * ((limit - 1) // 201)))  # under the limit: fine


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{deep}.prd.yaml"],
        ["render", "{deep}.prd.yaml"],
        ["render", "{doc}", "-o", "{deep}"],
        ["export", "{doc}", "-o", "{deep}"],
        ["site", "{root}", "-o", "{deep}"],
        ["site", "{deep}"],
        ["new", "{deep}"],
        ["schema", "-o", "{deep}"],
        ["render", "{doc}", "--reference-doc", "{deep}.docx"],
    ],
)
def test_a_path_over_the_system_limit_is_a_usage_error(args: list[str], tmp_path: Path) -> None:
    from tests.conftest import MINIMAL, run_prdkit

    if PATH_MAX is None:
        pytest.skip("no system limit on a whole path here")
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    deep = str(tmp_path / "/".join(["d" * 200] * (PATH_MAX // 200 + 2)))
    filled = [a.format(deep=deep, doc=doc, root=tmp_path) for a in args]
    result = run_prdkit(*filled, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "byte limit of the system" in result.stderr
