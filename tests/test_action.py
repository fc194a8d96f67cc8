"""The composite GitHub Action, run step by step on this machine as a runner would.

`run:` steps execute with bash as GitHub runs them (`bash --noprofile --norc -eo pipefail`),
with `GITHUB_*` variables, `$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY` and `$RUNNER_TEMP`
set up here; `${{ }}` expressions are evaluated by a small evaluator below. `uses:` steps
(setup-python, upload-sarif, upload-artifact) are recorded with their inputs, not run.
`python` (the install step) and `gh` are stand-ins that log their arguments.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import MINIMAL, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BAD = MINIMAL + "features:\n  - id: F1\n    name: Pay\n    requirements: [R9]\n"
BAD_LINE = BAD.split("\n").index("    requirements: [R9]") + 1

_TOKEN = re.compile(r"\s*('[^']*'|&&|\|\||==|!=|!|\(|\)|[A-Za-z_][\w.-]*(?:\(\))?)")


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """A GitHub expression of the forms the action uses: names, literals, ==, !=, !, &&, ||."""
    python = []
    rest = expression.strip()
    while rest:
        match = _TOKEN.match(rest)
        assert match, f"cannot read {rest!r}"
        token, rest = match.group(1), rest[match.end() :]
        if token.startswith("'"):
            python.append(repr(token[1:-1]))
        elif token in ("&&", "||", "!"):
            python.append({"&&": " and ", "||": " or ", "!": " not "}[token])
        elif token in ("==", "!=", "(", ")"):
            python.append(token)
        elif token in ("always()", "success()"):
            python.append("True")
        elif token == "cancelled()":
            python.append("False")
        else:
            value: Any = context
            for part in token.split("."):
                value = value.get(part, "") if isinstance(value, dict) else ""
            python.append(repr(value))
    return eval("".join(python), {"__builtins__": {}})  # test-only, over our own tokens


def interpolate(text: Any, context: dict[str, Any]) -> str:
    """`${{ expr }}` replaced by its value, as GitHub does in env and with values."""
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m.group(1), context)), str(text))


@dataclass
class Run:
    """What running the action left behind."""

    logs: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    uses: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    summary: str = ""
    calls: list[list[str]] = field(default_factory=list)


def stand_in(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/bash\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def run_action(
    workspace: Path, inputs: dict[str, str], github: dict[str, Any] | None = None
) -> Run:
    temp = workspace.parent / "runner-temp"
    temp.mkdir(exist_ok=True)
    tools = workspace.parent / "tools"
    tools.mkdir(exist_ok=True)
    calls = workspace.parent / "calls.jsonl"
    log_args = 'python3 -c \'import json,sys; print(json.dumps(sys.argv[1:]))\' "$(basename "$0")" "$@" >> "$CALLS"\n'
    stand_in(tools, "python", log_args)
    # gh: lists existing comments (GH_EXISTING holds an id), and keeps the body it is given.
    stand_in(
        tools,
        "gh",
        log_args
        + 'if [[ " $* " == *" --paginate "* ]]; then [ -n "$GH_EXISTING" ] && echo "$GH_EXISTING"; exit 0; fi\n'
        + 'for a in "$@"; do case "$a" in body=@*) cp "${a#body=@}" "$CALLS.body";; esac; done\n',
    )
    summary = temp / "summary.md"
    summary.touch()
    github = {
        "action_path": str(ROOT),
        "event_name": "push",
        "token": "t0ken",
        "base_ref": "",
        "event": {},
        **(github or {}),
    }
    given = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    given.update(inputs)
    context: dict[str, Any] = {"github": github, "steps": {}}
    context["inputs"] = {k: interpolate(v, context) for k, v in given.items()}
    venv_bin = str(Path(sys.executable).parent)
    base_env = {
        "PATH": os.pathsep.join([str(tools), venv_bin, "/usr/bin", "/bin"]),
        "HOME": str(workspace.parent),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_REPOSITORY": "acme/shop",
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(temp),
        "CALLS": str(calls),
        "GH_EXISTING": github.get("existing_comment", ""),
        "NO_COLOR": "1",
    }
    result = Run()
    for n, step in enumerate(ACTION["runs"]["steps"]):
        name = step.get("id") or step.get("name") or step.get("uses")
        condition = str(step.get("if", "success()"))
        condition = condition.strip()
        if condition.startswith("${{"):
            condition = condition[3:-2]
        if not evaluate(condition, context):
            result.outcomes[name] = "skipped"
            continue
        if "uses" in step:
            with_ = {k: interpolate(v, context) for k, v in (step.get("with") or {}).items()}
            result.uses.append((step["uses"], with_))
            result.outcomes[name] = "success"
            continue
        assert step["shell"] == "bash"
        script = temp / f"step-{n}.sh"
        script.write_text(step["run"], encoding="utf-8")
        output = temp / f"output-{n}"
        output.touch()
        env = {k: interpolate(v, context) for k, v in (step.get("env") or {}).items()}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env={**base_env, **env, "GITHUB_OUTPUT": str(output)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        result.logs[name] = done
        outcome = "success" if done.returncode == 0 else "failure"
        result.outcomes[name] = outcome
        outputs = dict(
            line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
        )
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs, "outcome": outcome}
    result.summary = summary.read_text(encoding="utf-8")
    if calls.exists():
        result.calls = [json.loads(line) for line in calls.read_text().splitlines()]
    return result


def workspace_with_documents(tmp_path: Path) -> Path:
    workspace = tmp_path / "repo"
    (workspace / "docs").mkdir(parents=True)
    (workspace / "docs" / "bad.prd.yaml").write_text(BAD, encoding="utf-8")
    (workspace / "team docs").mkdir()
    (workspace / "team docs" / "good.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    return workspace


def test_an_invalid_document_is_annotated_summarised_and_sent_to_code_scanning(
    tmp_path: Path,
) -> None:
    workspace = workspace_with_documents(tmp_path)
    run = run_action(
        workspace,
        {"paths": "docs/bad.prd.yaml\nteam docs\n", "sarif": "true", "render": "md"},
    )
    # prdkit comes from the action's own checkout.
    assert [
        "python",
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--quiet",
        str(ROOT),
    ] in run.calls

    annotations = run.logs["validate"].stdout
    assert (
        f"::error file=docs/bad.prd.yaml,line={BAD_LINE},col=20,title=unresolved-reference::"
        in annotations
    )
    assert "::warning file=team docs/good.prd.yaml" in annotations  # a draft's warnings
    assert "unresolved-reference" in run.summary
    assert "team docs/good.prd.yaml" in run.summary  # the per-file table lists both

    sarif_path = Path(_output(run, "upload-sarif")["sarif_file"])
    sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    [result] = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    assert result["ruleId"] == "unresolved-reference"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/bad.prd.yaml"
    assert location["region"]["startLine"] == BAD_LINE
    assert _output(run, "upload-sarif")["category"] == "prdkit"

    # Only the valid document is rendered, and the folder is what gets uploaded.
    artifact = _output(run, "upload-artifact")
    assert artifact["name"] == "prd-documents"
    assert sorted(p.name for p in Path(artifact["path"]).iterdir()) == ["good.md"]

    assert run.outcomes["Comment the diff"] == "skipped"
    assert run.outcomes["Result"] == "failure"
    assert run.logs["Result"].returncode == 1


def test_a_valid_run_without_extras_succeeds_and_uploads_nothing(tmp_path: Path) -> None:
    workspace = workspace_with_documents(tmp_path)
    run = run_action(workspace, {"paths": "team docs"})
    # A single line is split on spaces: "team" and "docs" do not exist (exit 2).
    assert run.logs["Result"].returncode == 2
    run = run_action(workspace, {"paths": "team docs\n"})
    assert run.outcomes["Result"] == "success"
    assert "::error" not in run.logs["validate"].stdout
    assert "0 errors" in run.summary
    assert [u for u, _ in run.uses] == ["actions/setup-python@v5"]


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    workspace = tmp_path / "repo"
    workspace.mkdir()
    # A draft without its core sections: warnings, no errors.
    (workspace / "w.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    lenient = run_action(workspace, {})
    assert lenient.outcomes["Result"] == "success"
    assert "::warning file=w.prd.yaml" in lenient.logs["validate"].stdout
    strict = run_action(workspace, {"strict": "true"})
    assert strict.logs["Result"].returncode == 1


def _output(run: Run, action: str) -> dict[str, str]:
    return next(w for u, w in run.uses if u.split("@")[0].endswith(action))


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=PM", "-c", "user.email=pm@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_a_pull_request_gets_one_diff_comment_updated_in_place(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    (origin / "docs").mkdir(parents=True)
    (origin / "docs" / "shop.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    (origin / "docs" / "same.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "first")
    workspace = tmp_path / "repo"
    git(tmp_path, "clone", "-q", str(origin), str(workspace))
    git(workspace, "checkout", "-qb", "faster-checkout")
    changed = MINIMAL.replace("title: Checkout works", "title: Checkout works in one tap")
    (workspace / "docs" / "shop.prd.yaml").write_text(changed, encoding="utf-8")
    git(workspace, "commit", "-qam", "one tap")
    pull_request = {
        "event_name": "pull_request",
        "base_ref": "main",
        "event": {"pull_request": {"number": 42}},
    }

    run = run_action(workspace, {"paths": "docs", "comment-diff": "true"}, pull_request)
    assert run.outcomes["Comment the diff"] == "success", run.logs["Comment the diff"].stderr
    posts = [c for c in run.calls if c[0] == "gh" and "POST" in c]
    assert posts and posts[0][4] == "repos/acme/shop/issues/42/comments"
    body = (tmp_path / "calls.jsonl.body").read_text(encoding="utf-8")
    assert body.startswith("<!-- prdkit-diff -->\n")
    assert "Checkout works in one tap" in body
    assert "same.prd.yaml" not in body  # unchanged documents are not compared

    # The next push edits the comment the first one made.
    (tmp_path / "calls.jsonl").unlink()
    again = run_action(
        workspace,
        {"paths": "docs", "comment-diff": "true"},
        {**pull_request, "existing_comment": "777"},
    )
    assert again.outcomes["Comment the diff"] == "success"
    assert [c[4] for c in again.calls if c[0] == "gh" and "PATCH" in c] == [
        "repos/acme/shop/issues/comments/777"
    ]
    assert not [c for c in again.calls if c[0] == "gh" and "POST" in c]

    # Not a pull request: no comment step at all.
    push = run_action(workspace, {"paths": "docs", "comment-diff": "true"})
    assert push.outcomes["Comment the diff"] == "skipped"


def test_pdf_output_installs_the_pdf_extra(tmp_path: Path) -> None:
    # Only the install step: rendering PDF itself is tested with the writers.
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Install prdkit")
    calls = tmp_path / "calls.jsonl"
    tools = tmp_path / "tools"
    tools.mkdir()
    stand_in(tools, "python", 'echo "$*" >> "$CALLS"\n')
    for render, spec in (("docx, pdf", f"{ROOT}[pdf]"), ("docx,md", str(ROOT))):
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            env={
                "PATH": f"{tools}{os.pathsep}/usr/bin:/bin",
                "CALLS": str(calls),
                "ACTION_PATH": str(ROOT),
                "PRDKIT_RENDER": render,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert calls.read_text().splitlines()[-1].endswith(f"--quiet {spec}")
