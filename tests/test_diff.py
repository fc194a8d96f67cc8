"""`prdkit diff`: item-level changes between two versions, as text, Markdown and JSON."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.cli import app
from prdkit.diff.changes import MISSING
from prdkit.diff.compare import compare
from prdkit.loader import load_bytes
from tests.conftest import EXAMPLES, MINIMAL

runner = CliRunner()
EXAMPLE = EXAMPLES / "loyalty-checkout.prd.yaml"

NEW_REQUIREMENT = """\
  - id: REQ-900
    title: Show points earned on the order confirmation page
    priority: could
"""


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def revised(text: str) -> tuple[str, str]:
    """A second version of the example, as a reviewer would see it in a pull request.

    Returns the new text and the id of the requirement it removes.
    """
    text = replace_once(
        text, '  version: "1.3.0"\n  status: approved\n', '  version: "1.4.0"\n  status: review\n'
    )
    text = replace_once(
        text,
        "title: Earn points on eligible purchases\n    priority: must\n",
        "title: Earn points on eligible purchases\n    priority: should\n",
    )
    text = replace_once(
        text,
        "reach: 600000\n      impact: 2\n      confidence: 0.8\n      effort: 3\n  - id: REQ-002\n",
        "reach: 650000\n      impact: 2\n      confidence: 0.8\n      effort: 3\n  - id: REQ-002\n",
    )
    # References in another order are the same references.
    text = replace_once(
        text,
        "      - SH-04\n      - SH-01\n      - SH-06\n",
        "      - SH-06\n      - SH-04\n      - SH-01\n",
    )
    text = replace_once(
        text,
        "restores the full balance immediately.",
        "restores the full balance within one second.",
    )
    # Remove the last requirement and add a new one in its place.
    data = load_bytes(text.encode("utf-8")).data
    last = data["requirements"][-1]["id"]
    start = text.index(f"  - id: {last}\n")
    end = start + re.search(r"\n(?! |\n)", text[start:]).start() + 1
    return text[:start] + NEW_REQUIREMENT + text[end:], last


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path, str]:
    old = tmp_path / "old.prd.yaml"
    shutil.copyfile(EXAMPLE, old)
    text, removed = revised(EXAMPLE.read_text("utf-8"))
    new = tmp_path / "new.prd.yaml"
    new.write_text(text, encoding="utf-8")
    return old, new, removed


def diff_json(*args: str) -> dict:
    result = runner.invoke(app, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def fields(item: dict) -> dict[str, tuple]:
    return {f["field"]: (f.get("old"), f.get("new")) for f in item["fields"]}


def test_item_level_changes_of_two_versions(versions: tuple[Path, Path, str]) -> None:
    old, new, removed = versions
    report = diff_json(str(old), str(new))
    assert report["status"] == {"old": "approved", "new": "review"}
    assert report["version"] == {"old": "1.3.0", "new": "1.4.0"}
    assert [a["area"] for a in report["areas"]] == ["requirements"]
    items = {(i["change"], i["key"]): i for i in report["areas"][0]["items"]}
    assert set(items) == {
        ("added", "REQ-900"),
        ("removed", removed),
        ("changed", "REQ-001"),
        ("changed", "REQ-002"),
    }
    assert items["added", "REQ-900"]["label"] == "Show points earned on the order confirmation page"
    assert fields(items["changed", "REQ-001"]) == {
        "priority": ("must", "should"),
        "rice.reach": (600000, 650000),
    }
    (criterion,) = items["changed", "REQ-002"]["fields"]  # requested_by only moved: not a change
    assert criterion["field"] == "acceptance_criteria[#2]"
    assert criterion["old"].endswith("restores the full balance immediately.")
    assert criterion["new"].endswith("restores the full balance within one second.")
    assert report["summary"] == {"added": 1, "removed": 1, "changed": 2}


def test_markdown_is_a_pull_request_comment(versions: tuple[Path, Path, str]) -> None:
    old, new, removed = versions
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "md"])
    assert result.exit_code == 0
    md = result.output
    title = load_bytes(EXAMPLE.read_bytes()).data["meta"]["title"]
    assert md.startswith("## PRD changes: " + title.replace("&", "\\&") + "\n")
    assert "**Status:** `approved` → `review` · **Version:** `1.3.0` → `1.4.0`" in md
    assert "**1 added, 1 removed, 2 changed** items in 1 area: Requirements." in md
    assert "### Requirements\n\n| Change | Item | Field | Old | New |\n| --- |" in md
    assert (
        "| changed | `REQ-001` Earn points on eligible purchases | `priority` | `must` | `should` |"
        in md
    )
    assert "|  |  | `rice.reach` | `600000` | `650000` |" in md
    assert f"| removed | `{removed}` " in md
    for row in (line for line in md.splitlines() if line.startswith("|")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row  # five cells in every row


def test_text_lists_items_and_fields(versions: tuple[Path, Path, str]) -> None:
    old, new, removed = versions
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:4] == [
        f"--- {old}",
        f"+++ {new}",
        "status: approved → review",
        "version: 1.3.0 → 1.4.0",
    ]
    assert "  + REQ-900  Show points earned on the order confirmation page" in lines
    assert any(line.startswith(f"  - {removed}  ") for line in lines)
    assert "      priority: must → should" in lines
    assert lines[-1] == "1 added, 1 removed, 2 changed"


def test_old_version_from_git(
    tmp_path: Path, versions: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    old, new, _ = versions
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    shutil.copyfile(old, repo / "doc.prd.yaml")
    subprocess.run([*git, "add", "doc.prd.yaml"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "v1"], check=True)
    shutil.copyfile(new, repo / "doc.prd.yaml")
    monkeypatch.chdir(repo)
    from_git = runner.invoke(app, ["diff", "HEAD:doc.prd.yaml", "doc.prd.yaml", "-f", "json"])
    from_files = diff_json(str(old), str(new))
    assert from_git.exit_code == 0, from_git.output
    report = json.loads(from_git.output)
    assert report["old"] == "HEAD:doc.prd.yaml"
    assert report["areas"] == from_files["areas"]


def test_bad_revision_is_exit_2_with_gits_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    result = runner.invoke(app, ["diff", "no-such-rev:a.prd.yaml", "a.prd.yaml"])
    assert result.exit_code == 2
    assert "git show no-such-rev:a.prd.yaml: fatal:" in result.output


def test_a_revision_that_looks_like_an_option_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.prd.yaml").write_text(MINIMAL, encoding="utf-8")
    result = runner.invoke(app, ["diff", "--", "--output=x:a.prd.yaml", "a.prd.yaml"])
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == [tmp_path / "a.prd.yaml"]


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    doc = tmp_path / "a.prd.yaml"
    doc.write_text(MINIMAL, encoding="utf-8")
    assert runner.invoke(app, ["diff", str(tmp_path / "gone.prd.yaml"), str(doc)]).exit_code == 2


def test_a_version_that_does_not_load_is_exit_1(tmp_path: Path) -> None:
    good, bad = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad.write_text(MINIMAL + "meta: twice\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:12:1: error duplicate-key" in result.output
    assert "does not load, so it cannot be compared" in result.output


def test_a_version_that_does_not_load_is_reported_in_the_asked_language(tmp_path: Path) -> None:
    # `--lang zh` still printed the version's diagnostics in English, and said the file
    # could not be read (无法读取) when it was read but did not load.
    good, bad = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad.write_text(MINIMAL + "meta: twice\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(good), str(bad), "--lang", "zh"])
    assert result.exit_code == 1
    assert f"{bad}:12:1: error duplicate-key 键 'meta' 重复" in result.output
    assert f"{bad} 有错误，无法载入，所以没法比较" in result.output
    assert "无法读取" not in result.output


def test_schema_invalid_versions_still_compare(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    a.write_text(MINIMAL, encoding="utf-8")
    b.write_text(MINIMAL.replace("priority: could", "priority: high"), encoding="utf-8")
    report = diff_json(str(a), str(b))
    (item,) = report["areas"][0]["items"]
    assert (item["key"], fields(item)) == ("R1", {"priority": ("could", "high")})


def test_identical_versions(tmp_path: Path) -> None:
    a = tmp_path / "a.prd.yaml"
    a.write_text(MINIMAL, encoding="utf-8")
    assert runner.invoke(app, ["diff", str(a), str(a)]).output.endswith("no changes\n")
    md = runner.invoke(app, ["diff", str(a), str(a), "-f", "md"]).output
    assert md.endswith("No changes.\n")


FLOW = """\
flows:
  - id: FL1
    name: Pay
    steps:
      - id: s1
        action: Open the cart
      - id: s2
        action: Pay
        branches:
          - when: card declined
            next: s1
"""


def test_nested_steps_are_named_by_id_and_text_lists_by_position(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    a.write_text(MINIMAL + "    acceptance_criteria: [one, two]\n" + FLOW, encoding="utf-8")
    changed = FLOW.replace("action: Pay", "action: Pay now").replace(
        "        action: Open the cart\n",
        "        action: Open the cart\n      - id: s3\n        action: Wait\n",
    )
    b.write_text(MINIMAL + "    acceptance_criteria: [two, one]\n" + changed, encoding="utf-8")
    report = diff_json(str(a), str(b))
    by_area = {a["area"]: a["items"] for a in report["areas"]}
    (flow,) = by_area["flows"]
    assert fields(flow) == {
        "steps[s2].action": ("Pay", "Pay now"),
        "steps[s3]": (None, {"id": "s3", "action": "Wait"}),
    }
    (requirement,) = by_area["requirements"]
    # Acceptance criteria are ordered text: a swap is a change, unlike a list of references.
    assert fields(requirement) == {
        "acceptance_criteria[#1]": (None, "two"),
        "acceptance_criteria[#2]": ("two", None),
    }


def test_markdown_escapes_document_text(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    a.write_text(MINIMAL, encoding="utf-8")
    hostile = "Pay | <img src=x onerror=alert(1)> `code` [link](http://x) ::error::x"
    b.write_text(MINIMAL.replace("Checkout works", json.dumps(hostile)), encoding="utf-8")
    md = runner.invoke(app, ["diff", str(a), str(b), "-f", "md"]).output
    # Outside code spans (which GitHub shows literally) nothing is markup.
    prose = re.sub(r"(`+).+?\1", "", md)
    assert re.search(r"(?<!\\)[<\[]", prose) is None
    row = next(line for line in md.splitlines() if "`title`" in line)
    assert len(re.findall(r"(?<!\\)\|", row)) == 6
    text = runner.invoke(app, ["diff", str(a), str(b)]).output
    assert not any(line.startswith("::") for line in text.splitlines())


def test_a_version_bump_alone(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    a.write_text(MINIMAL, encoding="utf-8")
    b.write_text(MINIMAL.replace('"0.1.0"', '"0.2.0"'), encoding="utf-8")
    md = runner.invoke(app, ["diff", str(a), str(b), "-f", "md"]).output
    assert md.endswith("**Version:** `0.1.0` → `0.2.0`\n\nNo other changes.\n")
    report = diff_json(str(a), str(b))
    assert (report["version"], report["areas"]) == ({"old": "0.1.0", "new": "0.2.0"}, [])


PAGES = """\
pages:
  - id: P-list
    name: Flash sale list
    navigates_to: [P-detail, P-cart]
    prototypes:
      - image: img/list-v1.png
        caption: The list
    elements:
      - name: Countdown
        kind: text
        rule: Counts down to the start.
      - name: Buy button
        kind: button
        rule: Opens the detail page.
  - id: P-detail
    name: Product detail
tracking:
  - id: E-view
    event: flash_sale.view
    name: List viewed
    trigger: The list opens.
    properties:
      - name: source
        type: enum
        values: [push, banner]
  - id: E-buy
    event: flash_sale.buy
    name: Buy tapped
    trigger: The buy button is tapped.
"""


def test_pages_and_tracking_events_compare_item_by_item(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    a.write_text(MINIMAL + PAGES, encoding="utf-8")
    changed = (
        PAGES.replace("[P-detail, P-cart]", "[P-cart, P-detail]")  # the same arrows
        .replace(
            "img/list-v1.png\n        caption: The list",
            "img/list-v1.png\n        caption: The list, sold out",
        )
        .replace("rule: Opens the detail page.", "rule: Adds to the cart.")
        .replace("values: [push, banner]", "values: [push, banner, search]")
        .replace(
            "  - id: E-buy\n    event: flash_sale.buy\n    name: Buy tapped\n"
            "    trigger: The buy button is tapped.\n",
            "  - id: E-share\n    event: flash_sale.share\n    name: Shared\n    trigger: On share.\n",
        )
    )
    b.write_text(MINIMAL + changed, encoding="utf-8")
    report = diff_json(str(a), str(b))
    by_area = {a["area"]: a["items"] for a in report["areas"]}
    (page,) = by_area["pages"]
    assert (page["change"], page["key"]) == ("changed", "P-list")
    assert fields(page) == {
        "prototypes[img/list-v1.png].caption": ("The list", "The list, sold out"),
        "elements[Buy button].rule": ("Opens the detail page.", "Adds to the cart."),
    }
    events = {(e["change"], e["key"]) for e in by_area["tracking"]}
    assert events == {("added", "E-share"), ("removed", "E-buy"), ("changed", "E-view")}
    (view,) = [e for e in by_area["tracking"] if e["key"] == "E-view"]
    assert fields(view) == {
        "properties[source].values[#3]": (None, "search"),
    }


def test_long_reference_lists_compare_as_sets_in_linear_time() -> None:
    ids = [f"R{i}" for i in range(40_000)]
    old = {"requirements": [{"id": "R", "title": "T", "depends_on": ids}]}
    new = {"requirements": [{"id": "R", "title": "T", "depends_on": [*ids[:0:-1], "R40000"]}]}
    started = time.process_time()
    found = compare(old, new, "a", "b")
    elapsed = time.process_time() - started
    ((change,),) = [item.fields for area in found.areas for item in area.items]
    assert change.added == ("R40000",) and change.removed == ("R0",)
    # Membership tested in lists was quadratic: 28 s of CPU for these 40,000 ids.
    assert elapsed < 3, f"{elapsed:.1f}s of CPU"


def _goal_changes(old: list[str], new: list[str]) -> list[tuple[str, object, object]]:
    found = compare({"meta": {"goals": old}}, {"meta": {"goals": new}}, "a", "b")
    return [(f.field, f.old, f.new) for area in found.areas for i in area.items for f in i.fields]


def test_a_long_text_list_edited_at_one_place_is_matched_around_it() -> None:
    # 1,000 × 1,000 items are past MATCHED_PAIRS: the equal ends are set aside, and what
    # lies between is matched as a short list would be.
    goals = [f"goal {i}" for i in range(1000)]
    edited = [*goals[:500], "a new goal", *goals[500:700], *goals[701:]]
    assert _goal_changes(goals, edited) == [
        ("goals[#501]", MISSING, "a new goal"),
        ("goals[#701]", "goal 700", MISSING),
    ]


def test_long_text_lists_changed_throughout_compare_by_position_in_linear_time() -> None:
    # Two shuffles of 64,000 goals drawn from 100 texts, none of them frequent enough for
    # difflib to set it aside: matching them took 13.7 s of CPU.
    rng = random.Random(1)
    old = [f"g{i % 100}" for i in range(64_000)]
    new = old[:]
    rng.shuffle(old)
    rng.shuffle(new)
    started = time.process_time()
    changes = _goal_changes(old, new)
    elapsed = time.process_time() - started
    differing = [k for k in range(64_000) if old[k] != new[k]]
    assert changes == [(f"goals[#{k + 1}]", old[k], new[k]) for k in differing]
    assert elapsed < 3, f"{elapsed:.1f}s of CPU"
    # One list longer than the other: what it holds past the other's end is added.
    assert _goal_changes(old, [*old, "more"])[-1] == ("goals[#64001]", MISSING, "more")


def test_a_long_id_is_named_short_in_each_change_and_whole_in_its_path() -> None:
    # Every change under a step repeats its id in the change's label: 4,000 changed branches
    # of a step whose id is 100,000 characters long made a 400 MB report from 247 KB.
    def flow(when: str, step: str = "S" * 10_000) -> dict:
        branches = [{"when": f"w{i}{when}", "next": "E"} for i in range(200)]
        steps = [{"id": step, "action": "go", "branches": branches}, {"id": "E", "action": "end"}]
        return {"flows": [{"id": "F1", "name": "Flow", "steps": steps}]}

    found = compare(flow("a"), flow("b"), "a", "b")
    changes = [f for area in found.areas for item in area.items for f in item.fields]
    assert len(changes) == 200
    named = "S" * 47 + "…" + "S" * 16  # 64 characters: its start and its end
    assert changes[0].field == f"steps[{named}].branches[#1].when"
    assert changes[0].path == ("steps", "0", "branches", "0", "when")
    assert (changes[0].old, changes[0].new) == ("w0a", "w0b")
    # An id of 64 characters is named whole.
    whole = compare(flow("a", "T" * 64), flow("b", "T" * 64), "a", "b")
    assert whole.areas[0].items[0].fields[0].field == f"steps[{'T' * 64}].branches[#1].when"


PLANNING = """\
assumptions:
  - id: A1
    statement: Shoppers keep a card on file.
    status: open
dependencies:
  - id: D1
    name: Refund API
    status: open
    requirements: [R1]
alternatives:
  - id: ALT1
    name: Wallet of our own
    decision: open
launch:
  checklist:
    - id: C1
      item: Support briefed
  rollout:
    - id: S1
      name: Canary
      percent: 5
    - id: S2
      name: Everyone
      percent: 100
  rollback: Switch the flag off.
faq:
  - question: Does it work for guests?
    answer: Not yet.
"""


def test_planning_sections_compare_item_by_item(tmp_path: Path) -> None:
    a, b = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    a.write_text(MINIMAL + PLANNING, encoding="utf-8")
    changed = (
        PLANNING.replace("status: open\ndependencies", "status: validated\ndependencies")
        .replace("    status: open\n    requirements", "    status: agreed\n    requirements")
        .replace("decision: open", "decision: rejected")
        .replace("      percent: 5\n", "      percent: 10\n")
        .replace("    answer: Not yet.\n", "    answer: From June.\n")
        .replace(
            "      item: Support briefed\n",
            "      item: Support briefed\n    - id: C2\n      item: Status page ready\n",
        )
    )
    b.write_text(MINIMAL + changed, encoding="utf-8")
    by_area = {x["area"]: x["items"] for x in diff_json(str(a), str(b))["areas"]}
    assert list(by_area) == [
        "assumptions",
        "dependencies",
        "alternatives",
        "launch.checklist",
        "launch.rollout",
        "faq",
    ]
    assert [(i["key"], fields(i)) for i in by_area["assumptions"]] == [
        ("A1", {"status": ("open", "validated")})
    ]
    assert [(i["key"], fields(i)) for i in by_area["dependencies"]] == [
        ("D1", {"status": ("open", "agreed")})
    ]
    assert [(i["key"], fields(i)) for i in by_area["alternatives"]] == [
        ("ALT1", {"decision": ("open", "rejected")})
    ]
    assert [(i["key"], i["change"]) for i in by_area["launch.checklist"]] == [("C2", "added")]
    assert [(i["key"], fields(i)) for i in by_area["launch.rollout"]] == [
        ("S1", {"percent": (5, 10)})
    ]
    # FAQ entries have no id: the question names them.
    assert [(i["key"], fields(i)) for i in by_area["faq"]] == [
        ("Does it work for guests?", {"answer": ("Not yet.", "From June.")})
    ]


def test_text_and_markdown_show_the_team_labels_json_keeps_the_source(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text(
        '[labels.priority]\nmust = "P0"\ncould = "P2"\n',
        encoding="utf-8",
    )
    a, b = tmp_path / "a.prd.yaml", tmp_path / "b.prd.yaml"
    a.write_text(MINIMAL, encoding="utf-8")
    b.write_text(
        MINIMAL.replace("priority: could", "priority: must").replace(
            "status: draft", "status: review"
        ),
        encoding="utf-8",
    )
    text = runner.invoke(app, ["diff", str(a), str(b)]).output
    assert "status: draft → review" in text  # the status is never relabelled
    assert "priority: P2 → P0" in text
    md = runner.invoke(app, ["diff", str(a), str(b), "-f", "md"]).output
    assert "| `priority` | `P2` | `P0` |" in md
    report = diff_json(str(a), str(b))
    (item,) = report["areas"][0]["items"]
    assert fields(item) == {"priority": ("could", "must")}


def test_diff_with_a_bad_config_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / ".prdkit.toml").write_text("[labels.priority]\nurgent = 1\n", encoding="utf-8")
    a = tmp_path / "a.prd.yaml"
    a.write_text(MINIMAL, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(a), str(a)])
    assert result.exit_code == 2
    assert ".prdkit.toml:2:" in result.output


@pytest.mark.parametrize(
    ("section", "value"),
    [
        ("launch", {"rollback": "Undo it"}),
        ("business_model", {"summary": "Fees"}),
        ("competition", {"summary": "Two rivals"}),
        ("schedule", {"milestones": [{"id": "M1", "name": "Beta"}]}),
        ("permissions", {"roles": [{"id": "ROLE-a", "name": "A"}]}),
        ("operations", {"summary": "Weekly"}),
    ],
)
def test_a_section_left_as_its_bare_header_compares_as_empty(section: str, value: dict) -> None:
    # `launch:` alone loads as null: the diff ended in an internal error, both ways.
    old, new = {section: value}, {section: None}
    for a, b in ((old, new), (new, old)):
        found = compare(a, b, "a", "b")
        assert [area.area for area in found.areas if area.items]


def test_a_path_no_file_system_holds_is_said_as_for_every_command(tmp_path: Path) -> None:
    # diff printed only the path, 2,000 characters of it, without the reason.
    long = "a/" * 3000 + "x.prd.yaml"
    result = runner.invoke(app, ["diff", long, str(EXAMPLES / "flash-sale.prd.yaml")])
    assert result.exit_code == 2
    assert "a path of 6,010 bytes, over the 4,096-byte limit of the system" in result.output


def test_an_added_record_and_a_changed_text_read_as_a_reviewer_reads_them() -> None:
    # An added page element showed as JSON cut mid-escape ({"name": …, "rule": "Shows \…);
    # a sentence changed a few words in read from mid-word ("…y in 2 hours").
    from prdkit.diff.report import short, short_pair

    element = {"name": "Pickup badge", "kind": "banner", "rule": 'Shows "Pick up today"'}
    assert short(element, 200) == 'name: Pickup badge; kind: banner; rule: Shows "Pick up today"'
    assert short({"done": False, "items": [1, "two"]}) == "done: false; items: [1, two]"
    old = "Ready in 2 hours, with real store stock on the product page."
    new = "Ready in 2 hours (1 hour in pilot stores), with real store stock on the product page."
    shown = short_pair(old, new)
    assert shown[0] == old and shown[1].startswith("Ready in 2 hours (1 hour")


def test_values_that_read_alike_and_differ_are_told_apart() -> None:
    from prdkit.diff.report import short_pair

    # An example as a list of a mapping, a number and true, then as three texts; "1" and 1.
    assert short_pair([{"a": "b"}, 1, True], ["a: b", "1", "true"]) == (
        '[{"a": "b"}, 1, true]',
        '["a: b", "1", "true"]',
    )
    assert short_pair("1", 1) == ('"1"', "1")
    # Values that read differently keep the reviewer's words.
    assert short_pair({"name": "Pickup"}, {"name": "Drop"}) == ("name: Pickup", "name: Drop")
