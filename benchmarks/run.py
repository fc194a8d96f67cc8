"""Benchmark prdkit against check-jsonschema and pandoc; print medians, ratios and memory.

    python benchmarks/run.py [--repeat N] [--quick] [--large] [--current-python] [--update-readme]
    python benchmarks/run.py --attacks [--repeat N] [--current-python]

Sets up its peers (check-jsonschema from PyPI and prdkit itself in virtual environments
under benchmarks/.work/, pandoc from the system or Debian), generates the documents,
checks that they are valid, then runs every scenario several times, alternating with
its peer. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import attacks, peers
from benchmarks.generate import write
from benchmarks.measure import CHILD_ENV, CommandFailed, Series, alternate
from benchmarks.report import Row, machine, scaling_table, scenario_table

ROOT, WORK = peers.ROOT, peers.WORK
SCHEMA = ROOT / "schemas" / "prd.schema.json"
README = ROOT / "benchmarks" / "README.md"
# Run by the benchmark's own Python, which has lxml: this script runs on any Python 3.10.
FLOORS = ROOT / "benchmarks" / "floors.py"
SINGLE_REQUIREMENTS = 25  # about 50 KB of YAML
MANY = 100
MAX_NODES = 2_000_000  # past prdkit's ceilings: see benchmarks/uncapped.py
MAX_BYTES = 64 * 1024 * 1024  # 12,000 requirements are about 19 MB
MAX_MARKS = 1_000_000  # Markdown marks: 12,000 requirements hold about 300,000
TARGETS = {"startup": 0.4, "validate": 0.5, "docx": 1.0, "growth": 12.0, "growth-large": 2.6}
LARGE = 12_000  # requirements: 2.4× the largest default size
# The performance targets in seconds were set on 5,000 requirements of the sections the
# format had then; the full document has grown a third since (see generate.LATER).
TARGETED = 5000
TARGETED_DOC = "req-5000-targeted"
TARGETED_NAME = f"{TARGETED:,} requirements, without the later sections"
# The absolute targets on that document, in CPU seconds (and MiB for Word's peak).
ABSOLUTE = {"validate": 1.1, "md": 3.5, "docx": 5.5}
ABSOLUTE_PEAK = {"docx": 300.0}


def corpus(sizes: list[int]) -> dict[str, Path]:
    """Write every benchmark document under .work/docs; return them by name."""
    docs = WORK / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "many").mkdir(parents=True)
    found = {"single": write(docs / "single.prd.yaml", SINGLE_REQUIREMENTS, seed=1, lang="en")}
    for i in range(1, MANY + 1):
        lang = "en" if i % 2 else "zh"
        write(docs / "many" / f"doc-{i:03d}.prd.yaml", SINGLE_REQUIREMENTS, seed=i, lang=lang)
    for n in sizes:
        found[f"req-{n}"] = write(docs / f"req-{n}.prd.yaml", n, seed=0, lang="zh")
    if TARGETED in sizes:  # the document the absolute targets were set on, for comparison
        path = docs / f"req-{TARGETED}-targeted.prd.yaml"
        found[TARGETED_DOC] = write(path, TARGETED, seed=0, lang="zh", later=False)
    return found


def _probe(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=WORK, env=CHILD_ENV, capture_output=True, text=True)


def uncapped(prdkit: peers.Tool) -> list[str]:
    """The command line of `prdkit` run through benchmarks/uncapped.py, in the same Python."""
    first = Path(prdkit.argv[0])
    python = first.parent / "python" if first.name == "prdkit" else first
    return [str(python), str(ROOT / "benchmarks" / "uncapped.py")]


def check_corpus(run: list[str], docs: dict[str, Path], many: list[Path]) -> str | None:
    """Stop unless prdkit finds every generated document clean; a raised limit is noted."""
    argv = [*run, "validate", *map(str, [*docs.values(), *many])]
    done = _probe(argv)
    note = None
    if done.returncode != 0 and any(
        rule in done.stdout for rule in ("too-many-nodes", "file-too-large", "markdown-budget")
    ):
        # The biggest document has more values than the default ceiling allows.
        (WORK / "docs" / ".prdkit.toml").write_text(
            f"max-nodes = {MAX_NODES}\nmax-bytes = {MAX_BYTES}\nmax-markdown-marks = {MAX_MARKS}\n"
        )
        note = (
            f"prdkit's default limits refuse the largest documents; the run sets "
            f"max-nodes = {MAX_NODES:,}, max-bytes = {MAX_BYTES:,} and max-markdown-marks = "
            f"{MAX_MARKS:,} in .work/docs/.prdkit.toml, past the ceilings a configuration may "
            "reach, through benchmarks/uncapped.py"
        )
        done = _probe(argv)
    if done.returncode != 0 or " 0 errors, 0 warnings" not in " " + done.stdout:
        sys.exit(f"generated documents are not clean:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return note


def peer_verdict(cjs: peers.Tool, files: list[Path]) -> str:
    """What check-jsonschema says of the documents (it must read them to be a fair peer)."""
    done = _probe([*cjs.argv, "--schemafile", str(SCHEMA), *map(str, files)])
    if done.returncode == 0:
        return "check-jsonschema reads the same .prd.yaml files and finds them valid."
    first = (done.stdout + done.stderr).strip().splitlines()[:3]
    return "check-jsonschema reports errors on the documents: " + " / ".join(first)


def _series(label: str, argv: list[str]) -> Series:
    return Series(label, tuple(argv))


def main(argv: list[str] | None = None) -> int:
    """Set up, generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, help="runs per command (default 9/5/3 by cost)")
    parser.add_argument("--quick", action="store_true", help="50 and 500 only, 3 runs each")
    parser.add_argument(
        "--current-python", action="store_true", help="measure the current Python's prdkit"
    )
    parser.add_argument("--update-readme", action="store_true", help="write the table in README")
    parser.add_argument("--large", action="store_true", help=f"add {LARGE:,} requirements")
    parser.add_argument(
        "--attacks", action="store_true", help="only the inputs that once blew up (attacks.py)"
    )
    args = parser.parse_args(argv)
    sizes = [50, 500] if args.quick else [50, 500, 5000]
    if args.large:
        sizes.append(LARGE)
    growth = TARGETS["growth-large" if args.large else "growth"]

    def repeat(weight: str) -> int:
        return args.repeat or (3 if args.quick else {"light": 9, "mid": 5, "heavy": 3}[weight])

    WORK.mkdir(parents=True, exist_ok=True)
    start_load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    prdkit = peers.prdkit(args.current_python)
    if not prdkit.ready:
        sys.exit(prdkit.skipped)
    if args.attacks:
        print(attack_table([*prdkit.argv], args.repeat or 3))
        return 0
    cjs, pandoc = peers.check_jsonschema(), peers.pandoc()
    docs = corpus(sizes)
    many = sorted((WORK / "docs" / "many").glob("*.prd.yaml"))
    run = uncapped(prdkit)
    limit_note = check_corpus(run, docs, many)
    notes = [f"{t.name}: {t.version or t.skipped}" for t in (prdkit, cjs, pandoc)]
    notes.append(
        f"times are medians of wall time, CPU seconds (user + system) in brackets; "
        f"load average at the start: {start_load}"
    )
    if limit_note:
        notes.append(limit_note)
    if cjs.ready:
        notes.append(peer_verdict(cjs, [*docs.values(), *many]))

    out = WORK / "out"
    shutil.rmtree(out, ignore_errors=True)
    for sub in ("md", "docx", "pandoc", "probe", "export"):
        (out / sub).mkdir(parents=True)
    rows: list[Row] = []
    scale: dict[str, dict[int, Series]] = {}
    absolute: dict[str, Series] = {}  # the jobs on the targeted document
    cjs_cmd = [*cjs.argv, "--schemafile", str(SCHEMA)]

    print("measuring startup…", file=sys.stderr, flush=True)
    peer = _series("check-jsonschema --version", [*cjs.argv, "--version"]) if cjs.ready else None
    for flag in ("--help", "--version"):
        ours = _series(f"prdkit {flag}", [*prdkit.argv, flag])
        alternate([ours, peer] if peer else [ours], repeat("light"), WORK)
        rows.append(Row(f"startup: prdkit {flag}", ours, peer, TARGETS["startup"]))

    print("measuring validate…", file=sys.stderr, flush=True)
    cases = [("one ~50 KB file", [docs["single"]], "mid"), (f"{MANY} files, one call", many, "mid")]
    cases += [
        (f"{n:,} requirements", [docs[f"req-{n}"]], "heavy" if n > 500 else "mid") for n in sizes
    ]
    if TARGETED_DOC in docs:  # its name ends otherwise: no point of the growth table
        cases.append((TARGETED_NAME, [docs[TARGETED_DOC]], "heavy"))
    for name, files, weight in cases:
        paths = [str(p) for p in files]
        ours = _series("prdkit validate", [*run, "validate", *paths])
        peer = _series("check-jsonschema", [*cjs_cmd, *paths]) if cjs.ready else None
        alternate([ours, peer] if peer else [ours], repeat(weight), WORK)
        rows.append(Row(f"validate: {name}", ours, peer, TARGETS["validate"]))
        if name == TARGETED_NAME:
            absolute["validate"] = ours
        if name.endswith("requirements"):
            n = int(name.split()[0].replace(",", ""))
            scale.setdefault("prdkit validate", {})[n] = ours
            if peer:
                scale.setdefault("check-jsonschema", {})[n] = peer

    print("measuring render…", file=sys.stderr, flush=True)
    _render(run, pandoc, docs, sizes, repeat, rows, scale, notes, absolute)

    print("measuring export…", file=sys.stderr, flush=True)
    _export(run, docs, sizes, repeat, rows, scale)

    print("measuring site…", file=sys.stderr, flush=True)
    _site(run, many, repeat, rows)

    text = "\n".join(
        [
            f"Measured {machine()}.",
            "",
            scenario_table(rows),
            "",
            *_absolute(run, docs, absolute),
            scaling_table(scale, sizes, growth),
            "",
            *(f"- {note}" for note in notes),
        ]
    )
    print(text)
    _save(rows, scale, text)
    if args.update_readme:
        _update_readme(text)
    return 0


def _render(
    run: list[str],
    pandoc: peers.Tool,
    docs: dict[str, Path],
    sizes: list[int],
    repeat: Callable[[str], int],
    rows: list[Row],
    scale: dict[str, dict[int, Series]],
    notes: list[str],
    absolute: dict[str, Series],
) -> None:
    """`--to md` alone and `--to docx` against pandoc on prdkit's own Markdown."""
    out = WORK / "out"
    works = {}
    for fmt in ("md", "docx"):
        probe = [*run, "render", str(docs["single"]), "--to", fmt, "-o", str(out / "probe")]
        done = _probe(probe)
        works[fmt] = done.returncode == 0
        if not works[fmt]:
            reason = (done.stderr.strip().splitlines() or ["?"])[-1]
            notes.append(f"render --to {fmt} not measured: prdkit fails ({reason})")
    for n in sizes:
        src, weight = str(docs[f"req-{n}"]), "heavy" if n > 500 else "mid"
        if works["md"]:
            md = _series(
                "prdkit render --to md", [*run, "render", src, "--to", "md", "-o", str(out / "md")]
            )
            alternate([md], repeat(weight), WORK)
            rows.append(Row(f"render md: {n:,} requirements", md))
            scale.setdefault("prdkit render --to md", {})[n] = md
        if n == TARGETED and TARGETED_DOC in docs:
            absolute.update(_targeted(run, str(docs[TARGETED_DOC]), works, repeat, rows))
        if not works["docx"]:
            continue
        docx = _series(
            "prdkit render --to docx",
            [*run, "render", src, "--to", "docx", "-o", str(out / "docx")],
        )
        ours_md = out / "md" / f"req-{n}.md"
        peer = None
        if pandoc.ready and ours_md.is_file():
            target, source = str(out / "pandoc" / f"req-{n}.docx"), str(ours_md)
            peer = _series("pandoc -f gfm", [*pandoc.argv, "-f", "gfm", "-o", target, source])
        alternate([docx, peer] if peer else [docx], repeat(weight), WORK)
        rows.append(Row(f"render docx: {n:,} requirements", docx, peer, TARGETS["docx"]))
        scale.setdefault("prdkit render --to docx", {})[n] = docx
        if peer:
            scale.setdefault("pandoc -f gfm -o x.docx", {})[n] = peer


def _targeted(
    run: list[str],
    src: str,
    works: dict[str, bool],
    repeat: Callable[[str], int],
    rows: list[Row],
) -> dict[str, Series]:
    """Markdown, Word and both (the default: built at once, see prdkit/forking.py) on the
    document the absolute targets were set on (no peer); the series by format."""
    measured = {}
    for fmt in ("md", "docx", "docx,md"):
        if all(works[one] for one in fmt.split(",")):
            argv = [*run, "render", src, "--to", fmt, "-o", str(WORK / "out" / fmt)]
            series = _series(f"prdkit render --to {fmt}", argv)
            alternate([series], repeat("heavy"), WORK)
            rows.append(Row(f"render {fmt}: {TARGETED_NAME}", series))
            measured[fmt] = series
    return measured


def _absolute(
    run: list[str], docs: dict[str, Path], measured: dict[str, Series], out: Path = WORK / "out"
) -> list[str]:
    """The absolute targets on the targeted document, each job beside its floor measured on
    this machine (see floors.py); no lines when that document was not measured."""
    if TARGETED_DOC not in docs or not measured:
        return []
    source = docs[TARGETED_DOC]
    made = out / "docx" / f"{source.name.removesuffix('.prd.yaml')}.docx"
    lines = [
        f"Absolute targets on {TARGETED_NAME}, in CPU seconds, against each job's floor: "
        "the least work it must do, timed in one process (see benchmarks/floors.py).",
        "",
        "| job | prdkit cpu (wall) | target | floor cpu | prdkit/floor | peak |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    python = run[0]

    def floor(job: str) -> float | None:
        argv = [python, str(FLOORS), job, str(source), str(made)]
        done = subprocess.run(argv, env=CHILD_ENV, capture_output=True, text=True)
        return json.loads(done.stdout)["cpu"] if done.returncode == 0 else None

    for job, series in measured.items():
        if job not in ABSOLUTE:
            continue
        least = floor(job)
        cpu, target = series.cpu_median, ABSOLUTE[job]
        verdicts = [f"≤ {target:g} s {'ok' if cpu <= target else '**over**'}"]
        peak_target = ABSOLUTE_PEAK.get(job)
        if peak_target is not None:
            verdicts.append(
                f"≤ {peak_target:g} MiB {'ok' if series.peak <= peak_target else '**over**'}"
            )
        shown = f"{least:.3f} s" if least is not None else "not measured"
        if job == "docx":  # and what a writer of text could reach
            as_text = floor("docx-text")
            shown += f" (as text: {as_text:.3f} s)" if as_text is not None else ""
        lines.append(
            f"| {job} | {cpu:.2f} s ({series.median:.2f} s) | {', '.join(verdicts)} | "
            f"{shown} | {f'{cpu / least:.2f}×' if least else ''} | {series.peak:.0f} MiB |"
        )
    return [*lines, ""]


def attack_table(run: list[str], repeat: int) -> str:
    """CPU median and peak memory of each command on each attack input, against the bounds."""
    docs = attacks.write_all(WORK / "attacks")
    out = WORK / "out" / "attacks"
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        f"Attack inputs: median CPU of {repeat} runs, largest peak; bounds "
        f"{attacks.CPU_BOUND:g} s and {attacks.MEMORY_BOUND:g} MiB "
        f"(diff {attacks.DIFF_BOUND:g} s).",
        "",
        "| input | command | cpu | peak | verdict |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    jobs: list[tuple[str, str, list[str], float]] = []
    for name, (_, commands) in {**attacks.CASES, **attacks.REFUSED}.items():
        label = f"{name} (refused)" if name in attacks.REFUSED else name
        for command in commands:
            argv = [*run, "validate", str(docs[name])]
            if command != "validate":
                argv = [*run, "render", str(docs[name]), "--to", command, "-o", str(out)]
            if name in attacks.REFUSED:
                # Refused is the expected outcome: exit 1, anything else fails the run.
                argv = ["sh", "-c", '"$@"; test $? -eq 1', "sh", *argv]
            jobs.append((label, command, argv, attacks.CPU_BOUND))
    diff = [*run, "diff", str(docs["ids-old"]), str(docs["ids-new"])]
    jobs.append(("ids-40000", "diff", diff, attacks.DIFF_BOUND))
    goals = [*run, "diff", str(docs["goals-old"]), str(docs["goals-new"])]
    jobs.append(("goals-64000", "diff", goals, attacks.CPU_BOUND))
    for name, command, argv, bound in jobs:
        print(f"measuring {name} {command}…", file=sys.stderr, flush=True)
        series = _series(command, argv)
        alternate([series], repeat, WORK)
        cpu, peak = series.cpu_median, series.peak
        ok = cpu <= bound and peak <= attacks.MEMORY_BOUND
        lines.append(
            f"| {name} | {command} | {cpu:.2f} s | {peak:.0f} MiB | {'ok' if ok else '**over**'} |"
        )
    return "\n".join(lines)


def _export(
    run: list[str],
    docs: dict[str, Path],
    sizes: list[int],
    repeat: Callable[[str], int],
    rows: list[Row],
    scale: dict[str, dict[int, Series]],
) -> None:
    """`export --to xlsx,csv,jira`: every export format of one document in one call."""
    label = "prdkit export --to xlsx,csv,jira"
    for n in sizes:
        src, weight = str(docs[f"req-{n}"]), "heavy" if n > 500 else "mid"
        argv = [*run, "export", src, "--to", "xlsx,csv,jira", "-o", str(WORK / "out" / "export")]
        ours = _series(label, argv)
        alternate([ours], repeat(weight), WORK)
        rows.append(Row(f"export xlsx,csv,jira: {n:,} requirements", ours))
        scale.setdefault(label, {})[n] = ours


def _site(run: list[str], many: list[Path], repeat: Callable[[str], int], rows: list[Row]) -> None:
    """`prdkit site` over the many-documents folder: cold (empty output), then warm."""
    folder, out = str(many[0].parent), WORK / "out" / "site"
    # The cold run starts from an empty folder every time; `sh` costs ~1 ms of it.
    cold = _series(
        "prdkit site (cold)",
        ["sh", "-c", 'rm -rf "$0" && exec "$@"', str(out), *run, "site", folder, "-o", str(out)],
    )
    alternate([cold], repeat("mid"), WORK)
    rows.append(Row(f"site: {len(many)} PRDs, cold", cold))
    warm = _series("prdkit site (warm)", [*run, "site", folder, "-o", str(out)])
    alternate([warm], repeat("mid"), WORK)
    rows.append(Row(f"site: {len(many)} PRDs, nothing changed", warm))


def _save(rows: list[Row], scale: dict[str, dict[int, Series]], text: str) -> None:
    """Keep the raw figures of the last run in .work/results.json."""
    data = {
        "rows": [
            {
                "scenario": r.scenario,
                "prdkit": {"argv": r.ours.argv, "seconds": r.ours.seconds, "mib": r.ours.peak_mib},
                "peer": None
                if r.peer is None
                else {"argv": r.peer.argv, "seconds": r.peer.seconds, "mib": r.peer.peak_mib},
            }
            for r in rows
        ],
        "table": text,
    }
    (WORK / "results.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))


def _update_readme(text: str) -> None:
    """Replace the table between the markers of benchmarks/README.md."""
    readme = README.read_text(encoding="utf-8")
    block = f"<!-- bench:start -->\n{text}\n<!-- bench:end -->"
    pattern = r"<!-- bench:start -->.*?<!-- bench:end -->"
    updated, count = re.subn(pattern, lambda _: block, readme, flags=re.S)
    if count != 1:
        sys.exit("README.md has no <!-- bench:start --> … <!-- bench:end --> block")
    README.write_text(updated, encoding="utf-8")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CommandFailed as exc:
        sys.exit(f"benchmark command failed: {exc}")
