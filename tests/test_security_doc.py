"""docs/security.md names the tests that hold each guarantee: every one it names exists."""

from __future__ import annotations

import ast
import fnmatch
import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "security.md"
HOSTILE = ROOT / "tests" / "hostile"
_SPAN = re.compile(r"`([^`]+)`")
_FILE = re.compile(r"(?:tests/hostile/)?(test_\w+\.py)(?:::(.+))?$")


def references() -> list[tuple[str, str | None]]:
    """(file, test name pattern or None) for every test named in the guarantee tables."""
    found: list[tuple[str, str | None]] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| guarantee"):
            continue
        current = None
        for span in _SPAN.findall(line.rsplit(" | ", 1)[-1]):
            match = _FILE.match(span)
            if match:
                current = match[1]
                found.append((current, match[2]))
            elif span.startswith("::") and current:
                found.append((current, span[2:]))
    return found


def test_the_guarantee_tables_name_tests() -> None:
    assert len(references()) >= 30


def test_every_named_test_exists() -> None:
    missing = []
    for file, pattern in references():
        path = HOSTILE / file
        if not path.is_file():
            missing.append(file)
            continue
        if pattern is None:
            continue
        names = [
            node.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
        ]
        if not fnmatch.filter(names, pattern.split("[", 1)[0]):
            missing.append(f"{file}::{pattern}")
    assert missing == []
