"""Inputs within every default limit that once took tens of seconds or gigabytes.

Each of `CASES` is a valid document (the benchmark's runner refuses a failing command),
each of `REFUSED` one a limit refuses at once (exit 1); all are written deterministically.
`python benchmarks/run.py --attacks` measures validate, Markdown and Word on each against
the bound of 5 s of CPU time and 500 MiB; `tests/test_render_scale.py` keeps the ones a
test can afford.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

HEAD = """\
prdkit: 1
meta:
  id: attack
  title: Attack
  version: "0.1.0"
  status: draft
  owner: Ann
"""
ONE_REQUIREMENT = "requirements:\n  - id: R1\n    title: Checkout works\n    priority: could\n"
CPU_BOUND = 5.0  # seconds of CPU per command
MEMORY_BOUND = 500.0  # MiB of peak resident memory per command
DIFF_BOUND = 1.0  # seconds of CPU for `prdkit diff` on 40,000 ids


def role_chain(count: int) -> bytes:
    """`count` roles, each inheriting the next and granted an action of its own."""
    roles = "".join(
        f"    - id: role{i}\n      name: Role {i}\n"
        + (f"      inherits: [role{i + 1}]\n" if i < count - 1 else "")
        for i in range(count)
    )
    actions = "".join(f"    - id: act{i}\n      name: Act {i}\n" for i in range(count))
    grants = "".join(f"    role{i}: [act{i}]\n" for i in range(count))
    body = f"permissions:\n  roles:\n{roles}  actions:\n{actions}  grants:\n{grants}"
    return (HEAD + ONE_REQUIREMENT + body).encode()


def duties_chains(count: int) -> bytes:
    """Two inheritance chains of `count` / 2 roles that never meet, and `count` separation
    entries, each pairing an action of one chain with one of the other: all hold."""
    half = count // 2
    roles, actions, grants = [], [], []
    for side in "xy":
        for i in range(half):
            parent = f"      inherits: [{side}{i + 1}]\n" if i < half - 1 else ""
            roles.append(f"    - id: {side}{i}\n      name: {side.upper()} {i}\n{parent}")
            actions.append(f"    - id: a{side}{i}\n      name: Action {side}{i}\n")
            grants.append(f"    {side}{i}: [a{side}{i}]\n")
    entries = "".join(f"    - actions: [ax{i % half}, ay{(i * 7) % half}]\n" for i in range(count))
    body = (
        f"permissions:\n  roles:\n{''.join(roles)}  actions:\n{''.join(actions)}"
        f"  grants:\n{''.join(grants)}  separation_of_duties:\n{entries}"
    )
    return (HEAD + ONE_REQUIREMENT + body).encode()


def dense_dependencies(count: int) -> bytes:
    """`count` requirements, each depending on every later one: n²/2 references."""
    rows = "".join(
        f"  - id: R{i}\n    title: T{i}\n    priority: could\n"
        + (f"    depends_on: [{', '.join(f'R{j}' for j in range(i + 1, count))}]\n")
        for i in range(count - 1)
    )
    last = f"  - id: R{count - 1}\n    title: T\n    priority: could\n"
    return (HEAD + "requirements:\n" + rows + last).encode()


def milestone_dependencies(count: int) -> bytes:
    """`count` milestones, each depending on every later one: n²/2 references in one table."""

    def milestone(i: int) -> str:
        later = ", ".join(f"M{j}" for j in range(i + 1, count))
        depends = f"      depends_on: [{later}]\n" if later else ""
        return f"    - id: M{i}\n      name: M{i}\n      due: 2026-01-01\n{depends}"

    rows = "".join(milestone(i) for i in range(count))
    return (HEAD + ONE_REQUIREMENT + "schedule:\n  milestones:\n" + rows).encode()


def trace_fan(count: int) -> bytes:
    """One feature citing `count` requirements, named by `count` flows, delivered by `count`
    milestones and measured by `count` events: each of the traceability matrix's rows
    traces to all of them, 3n² references from n items of each kind."""
    requirements = "".join(
        f"  - {{id: R{i}, title: T{i}, priority: could}}\n" for i in range(count)
    )
    cited = ", ".join(f"R{i}" for i in range(count))
    feature = f"features:\n  - id: F1\n    name: Feature\n    requirements: [{cited}]\n"
    flows = "".join(
        f"  - id: FL{i}\n    name: Flow {i}\n    features: [F1]\n"
        "    steps:\n      - {id: a, action: Do}\n"
        for i in range(count)
    )
    milestones = "".join(
        f"    - {{id: M{i}, name: M{i}, due: 2026-01-01, deliverables: [F1]}}\n"
        for i in range(count)
    )
    events = "".join(
        f"  - {{id: E{i}, event: ev{i}, name: E{i}, trigger: t, feature: F1}}\n"
        for i in range(count)
    )
    body = (
        f"requirements:\n{requirements}{feature}flows:\n{flows}"
        f"schedule:\n  milestones:\n{milestones}tracking:\n{events}"
    )
    return (HEAD + body).encode()


def flows_to_the_end(steps: int, flows: int = 1) -> bytes:
    """`flows` flows of `steps` steps in a chain, each step also branching to the last: a
    layered layout crosses about `steps`² / 2 layers with those lines."""
    listed = "".join(
        f"      - id: s{i}\n        action: Step {i}\n"
        + (
            f"        branches:\n          - {{when: go, next: s{i + 1}}}\n"
            f"          - {{when: quit, next: s{steps - 1}}}\n"
            if i < steps - 1
            else ""
        )
        for i in range(steps)
    )
    body = "".join(f"  - id: F{f + 1}\n    name: Flow\n    steps:\n{listed}" for f in range(flows))
    return (HEAD + ONE_REQUIREMENT + "flows:\n" + body).encode()


def pages_to_the_end(count: int) -> bytes:
    """`count` pages in a chain, each also navigating to the last: the page map's lines
    cross about `count`² / 2 layers."""
    listed = "".join(
        f"  - id: pg{i}\n    name: Page {i}\n"
        f"    navigates_to: {f'[pg{i + 1}, pg{count - 1}]' if i < count - 1 else '[]'}\n"
        for i in range(count)
    )
    return (HEAD + ONE_REQUIREMENT + "pages:\n" + listed).encode()


def markdown_fields(count: int, unit: str, size: int = 99_000) -> bytes:
    """`count` requirements whose description is `unit` repeated to `size` characters."""
    text = (unit * (size // len(unit) + 1))[:size].rstrip()
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    rows = "".join(
        f'  - id: R{i}\n    title: T{i}\n    priority: could\n    description: "{quoted}"\n'
        for i in range(count)
    )
    return (HEAD + "requirements:\n" + rows).encode()


EMPHASIS = "*a* **b** _c_ `d` [e](https://example.com/e) "  # 12 marks in 44 characters
LIST_ITEMS = "- a\n"  # a list item per line
TABLE = "|a|b|\n|-|-|\n" + "|a|b|\n" * 20_000  # a table of one row per line


def emphasis_fields(count: int, size: int = 99_000) -> bytes:
    """`count` requirements whose description is `size` characters of emphasis and links."""
    return markdown_fields(count, EMPHASIS, size)


def misspelt_steps(flows: int, steps: int = 100) -> bytes:
    """`flows` flows of `steps` look-alike step ids, the first 25 of each going on to a
    missing look-alike: every one asks for a "did you mean" among all the flow's ids."""

    def step(i: int) -> str:
        return f"s{i:05d}abcdefghijklmnopqrstuvwx"

    listed = "".join(
        f"      - id: {step(i)}\n        action: a\n"
        + (f"        next: {step(100_000 + i)}\n" if i < 25 else "")
        for i in range(steps)
    )
    body = "".join(f"  - id: FL{f}\n    name: F\n    steps:\n{listed}" for f in range(flows))
    return (HEAD + ONE_REQUIREMENT + "flows:\n" + body).encode()


def long_dimensions(length: int, count: int = 4) -> bytes:
    """`count` declared competition dimensions of `length` CJK characters and as many
    undeclared near-copies in the matrix (explicit keys): each asks for a "did you mean"."""
    rng = random.Random(1)
    base = [chr(0x4E00 + rng.randrange(150)) for _ in range(length)]

    def near_copy(k: int) -> str:
        text = base[:]
        text[(k * 7919) % length] = "x"
        return "".join(text)

    declared = "".join(f'    - "{near_copy(k)}"\n' for k in range(count))
    matrix = "".join(f'      ? "{near_copy(count + k)}"\n      : 1\n' for k in range(count))
    body = f"competition:\n  dimensions:\n{declared}  matrix:\n    us:\n{matrix}"
    return (HEAD + ONE_REQUIREMENT + body).encode()


def id_list(count: int, *, shifted: bool) -> bytes:
    """One requirement listing `count` ids; `shifted` drops the first and adds one."""
    ids = [f"X{i}" for i in range(1 if shifted else 0, count + (1 if shifted else 0))]
    listed = "".join(f"      - {i}\n" for i in ids)
    return (HEAD + ONE_REQUIREMENT + f"    depends_on:\n{listed}").encode()


def goal_list(count: int, seed: int, texts: int = 100) -> bytes:
    """`count` goals drawn from `texts` texts, shuffled by `seed`: no text frequent enough
    for difflib to set it aside, two versions changed throughout."""
    goals = [f"g{i % texts}" for i in range(count)]
    random.Random(seed).shuffle(goals)
    listed = "".join(f"    - {goal}\n" for goal in goals)
    return (HEAD + f"  goals:\n{listed}" + ONE_REQUIREMENT).encode()


def comparison_matrix(competitors: int, dimensions: int, *, full: bool = False) -> bytes:
    """`competitors` competitors and `dimensions` declared dimensions; the matrix holds a
    single value (ours on the first dimension), or with `full` a value in every cell."""
    listed = "".join(f"    - {{id: c{i}, name: C{i}}}\n" for i in range(competitors))
    declared = "".join(f"    - d{j}\n" for j in range(dimensions))
    keys = ["us", *(f"c{i}" for i in range(competitors))] if full else ["us"]
    row = "".join(f"      d{j}: {j}\n" for j in range(dimensions if full else 1))
    matrix = "".join(f"    {key}:\n{row}" for key in keys)
    body = f"competition:\n  competitors:\n{listed}  dimensions:\n{declared}  matrix:\n{matrix}"
    return (HEAD + ONE_REQUIREMENT + body).encode()


# name → (document, commands measured on it)
CASES: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "roles-inherit-1000": (lambda: role_chain(1000), ("validate", "md", "docx")),
    "duties-6000": (lambda: duties_chains(6000), ("validate", "md", "docx")),
    "depends-dense-700": (lambda: dense_dependencies(700), ("validate", "md", "docx")),
    # (1,400 + 1) × 1,400 cells of a comparison grid from one value written.
    "matrix-sparse-1400": (lambda: comparison_matrix(1400, 1400), ("validate", "md", "docx")),
    # Diagrams whose layout is too large to draw: once 30 s and 500 MB (a flow), over 60 s
    # and 1.7 GB (the page map); and 120 flows each just under that size, which only the
    # document's budget for diagrams keeps from adding up (20 s).
    "flow-to-the-end-1000": (lambda: flows_to_the_end(1000), ("validate", "md", "docx")),
    "flows-to-the-end-120x98": (lambda: flows_to_the_end(98, 120), ("validate", "md", "docx")),
    "pages-to-the-end-2000": (lambda: pages_to_the_end(2000), ("validate", "md", "docx")),
    # The most Markdown work the default `max-markdown-marks` budget (200,000) admits, in
    # three shapes: 7 fields of dense emphasis (184,800 marks), 2 of list items (148,494),
    # 2 of table rows (197,994).
    "emphasis-7x99k": (lambda: emphasis_fields(7), ("validate", "md", "docx")),
    "list-items-2x99k": (lambda: markdown_fields(2, LIST_ITEMS), ("validate", "md", "docx")),
    "table-rows-2x99k": (lambda: markdown_fields(2, TABLE), ("validate", "md", "docx")),
    # Once 4.8 s and 728 MiB in Word: 244,650 dependencies, each a link.
    "milestones-dense-700": (lambda: milestone_dependencies(700), ("validate", "md", "docx")),
    # Once 39 s and 5.7 GB in Word: 3,000,000 references in the traceability matrix.
    "trace-fan-1000": (lambda: trace_fan(1000), ("validate", "md", "docx")),
}

# Inputs past a budget: refused at once, exit 1 and nothing written, never parsed; and
# inputs whose errors each ask for a "did you mean" (exit 1), once 11 s and 21 s.
REFUSED: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    # 7.9 MB, under `max-bytes`, every field under `max-markdown`: 2,112,000 marks.
    "emphasis-80x99k": (lambda: emphasis_fields(80), ("validate", "md", "docx")),
    "misspelt-steps-200": (lambda: misspelt_steps(200), ("validate",)),
    "long-dimensions-4x40k": (lambda: long_dimensions(40_000), ("validate",)),
}


def write_all(folder: Path) -> dict[str, Path]:
    """Every case under `folder`, plus the two versions the diff case compares."""
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, (make, _) in {**CASES, **REFUSED}.items():
        found[name] = folder / f"{name}.prd.yaml"
        found[name].write_bytes(make())
    for name, shifted in (("ids-old", False), ("ids-new", True)):
        found[name] = folder / f"{name}.prd.yaml"
        found[name].write_bytes(id_list(40_000, shifted=shifted))
    for name, seed in (("goals-old", 1), ("goals-new", 2)):
        found[name] = folder / f"{name}.prd.yaml"
        found[name].write_bytes(goal_list(64_000, seed))
    return found
