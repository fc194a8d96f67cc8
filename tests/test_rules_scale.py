"""Large documents: no recursion on data, nothing quadratic."""

from __future__ import annotations

import time

from prdkit.reporters import render_text
from prdkit.rules.graph import closure, cycles
from tests.test_rules_base import at, check, document

N = 5000


def chain(n: int, close: bool) -> str:
    """R1 depends on R2 … on Rn; with `close`, Rn depends on R1."""
    out = ""
    for i in range(1, n + 1):
        target = i + 1 if i < n else (1 if close else None)
        out += f"  - id: R{i}\n    title: Requirement {i}\n    priority: could\n"
        if target is not None:
            out += f"    depends_on: [R{target}]  # <{i}>\n"
    return out


def test_long_dependency_chain_without_cycle() -> None:
    assert check(document(requirements=chain(N, close=False))).diagnostics == []


def test_long_cycle_is_one_finding_with_a_short_message() -> None:
    text = document(requirements=chain(N, close=True))
    started = time.process_time()
    result = check(text)
    elapsed = time.process_time() - started
    assert [(d.rule, d.line) for d in result.diagnostics] == [
        ("requirement-cycle", at(text, f"<{N}>"))
    ]
    assert result.diagnostics[0].message == (
        f"R1 depends on R2, which depends on R3, … {N - 6:,} more …, which depends on R{N - 2}, "
        f"which depends on R{N - 1}, which depends on R{N}, which depends on R1"
    )
    assert elapsed < 10, f"{elapsed:.1f}s for {N} requirements"


def test_many_requirements_with_many_findings_stay_fast() -> None:
    # Each requirement: an unresolved reference (error) and no feature (warning); the
    # requirements form one ring (one error); the features section is missing (one warning).
    reqs = "".join(
        f"  - id: R{i}\n    title: Requirement {i}\n    priority: must\n"
        f"    acceptance_criteria: [Works]\n    depends_on: [X{i}, R{i - 1 if i > 1 else N}]\n"
        for i in range(1, N + 1)
    )
    started = time.process_time()
    result = check(document(requirements=reqs, features=None))
    elapsed = time.process_time() - started
    assert (result.errors, result.warnings) == (N + 1, N + 1)
    assert len(result.diagnostics) == 2 * N + 2  # every one kept; only text lists fewer
    assert elapsed < 20, f"{elapsed:.1f}s"


def test_graph_walks_are_iterative() -> None:
    successors = {i: [(i + 1, i)] for i in range(100_000)}
    assert list(cycles(range(100_000), lambda i: successors.get(i, []))) == []
    ring = {i: [((i + 1) % 100_000, i)] for i in range(100_000)}
    found = list(cycles(range(100_000), lambda i: ring[i]))
    assert len(found) == 1 and found[0].length == 100_000 and found[0].edge == 99_999
    held = closure(list(range(100_000)), lambda i: [i + 1] if i < 99_999 else [0], lambda i: 1 << i)
    assert held[0] == (1 << 100_000) - 1 and held[0] is held[99_999]


def test_long_role_inheritance_chain() -> None:
    # role i inherits role i+1 and is granted action i; the last role's action and the
    # first's are kept apart, so only the first role, holding both, breaks the rule.
    n = 3000
    roles = "".join(
        f"    - id: RO{i}\n      name: Role {i}\n"
        + (f"      inherits: [RO{i + 1}]\n" if i < n else "")
        for i in range(1, n + 1)
    )
    actions = "".join(f"    - id: A{i}\n      name: Action {i}\n" for i in range(1, n + 1))
    grants = "".join(f"    RO{i}: [A{i}]  # <{i}>\n" for i in range(1, n + 1))
    text = document(
        permissions=f"  roles:\n{roles}  actions:\n{actions}  grants:\n{grants}"
        f"  separation_of_duties:\n    - actions: [A1, A{n}]\n"
    )
    started = time.process_time()
    result = check(text)
    elapsed = time.process_time() - started
    assert [(d.rule, d.line) for d in result.diagnostics] == [
        ("separation-of-duties", at(text, "<1>"))
    ]
    assert elapsed < 10, f"{elapsed:.1f}s"


def test_errors_are_listed_before_warnings_crowd_them_out() -> None:
    # 60 requirements without a feature (warnings), the last one's reference unresolved.
    reqs = "".join(
        f"  - id: R{i}\n    title: Requirement {i}\n    priority: must\n"
        f"    acceptance_criteria: [Works]\n"
        for i in range(1, 61)
    )
    text = document(requirements=reqs + "    depends_on: [NOPE]  # <late>\n", features=None)
    result = check(text)
    assert (result.errors, result.listed) == (1, 50)
    lines = render_text([result]).splitlines()
    located = [line for line in lines if line.startswith("t.prd.yaml:")]
    assert len(located) == 50 + 1  # fifty listed, then the count of those left out
    assert f"t.prd.yaml:{at(text, '<late>')}:" in "\n".join(
        line for line in located if " error " in line
    )
    positions = [int(line.split(":")[1]) for line in located[:-1]]
    assert positions == sorted(positions)  # still in the order of the file


def test_separation_of_duties_on_a_long_chain_with_as_many_entries() -> None:
    # 6,000 roles, each inheriting the next and granted its own action; 6,000 entries each
    # keep two neighbouring actions apart. Each entry breaks at exactly one role (the first
    # holding both); trying every entry at every role was 36 million checks.
    n = 6000
    roles = "".join(
        f"    - id: RO{i}\n      name: Role {i}\n"
        + (f"      inherits: [RO{i + 1}]\n" if i < n else "")
        for i in range(1, n + 1)
    )
    actions = "".join(f"    - id: A{i}\n      name: Action {i}\n" for i in range(1, n + 1))
    grants = "".join(f"    RO{i}: [A{i}]  # <{i}>\n" for i in range(1, n + 1))
    entries = "".join(f"    - actions: [A{i}, A{i + 1}]\n" for i in range(1, n))
    text = document(
        permissions=f"  roles:\n{roles}  actions:\n{actions}  grants:\n{grants}"
        f"  separation_of_duties:\n{entries}"
    )
    started = time.process_time()
    result = check(text)
    elapsed = time.process_time() - started
    found = [(d.rule, d.line) for d in result.diagnostics]
    # Entry i breaks at RO{i}, which holds A{i} itself and inherits A{i+1}.
    assert found == [("separation-of-duties", at(text, f"<{i}>")) for i in range(1, n)]
    assert elapsed < 12, f"{elapsed:.1f}s of CPU"
