"""The package's import graph: no loops, and writers that know blocks rather than sections.

Imports are read from the source (module level, inside functions, and under
TYPE_CHECKING alike): a loop hidden in a function or a type-only import is still a loop a
reader has to untangle.
"""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

from prdkit.model import Document
from tests.conftest import ROOT

PACKAGE = ROOT / "prdkit"


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(module: str) -> set[str]:
    """The prdkit modules `module` imports, its own parent packages aside."""
    path = MODULES[module]
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    # A submodule needs its packages loaded first anyway: that edge is no loop of its own.
    return {m for m in found if m in MODULES and m != module and not module.startswith(m + ".")}


def cycles() -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    graph = {m: sorted(imports(m)) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others():
    assert cycles() == []


def test_the_walk_sees_a_loop_when_there_is_one(monkeypatch):
    # The walk itself can fail: two modules importing each other are reported.
    real = imports

    def looped(module: str) -> set[str]:
        extra = {"prdkit.model"} if module == "prdkit.source" else set()
        return real(module) | extra

    monkeypatch.setitem(globals(), "imports", looped)
    # The group also holds what model reaches source through (its conventions, say).
    assert any({"prdkit.model", "prdkit.source"} <= set(group) for group in cycles())


SECTIONS = {f.name for f in fields(Document) if f.init and f.name not in ("prdkit", "pointer")}


def test_writers_read_blocks_not_sections():
    offenders = []
    for module, path in MODULES.items():
        if not module.startswith("prdkit.writers"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in SECTIONS:
                offenders.append(f"{module}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module == "prdkit.model":
                names = {alias.name for alias in node.names}
                if names - {"Document"}:
                    offenders.append(f"{module}:{node.lineno} imports {sorted(names)}")
            if isinstance(node, ast.ImportFrom) and node.module == "prdkit.views":
                offenders.append(f"{module}:{node.lineno} imports prdkit.views")
    assert offenders == []
