"""The rule reference, `docs/rules.md`, written from the rule table."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from prdkit.config import LIMIT_KEYS, SEVERITIES
from prdkit.diagnostics import Rule
from prdkit.limits import CEILINGS, DEFAULT_LIMITS
from prdkit.ruletable import FIXED_FAMILIES, GRADING, RULES

REGENERATE = "python -m prdkit.rulesdoc > docs/rules.md"

# Family → heading, in the order the reference presents them.
FAMILY_TITLES = {
    "io": "Reading the file",
    "load": "Reading the file",
    "schema": "Structure",
    "references": "Ids and references",
    "cycles": "Cycles",
    "dates": "Dates",
    "flows": "Flows",
    "pages": "Pages",
    "tracking": "Tracking plan",
    "images": "Pictures",
    "market": "Market research",
    "competition": "Competition",
    "metrics": "Metrics",
    "permissions": "Permissions and guardrails",
    "traceability": "Traceability",
    "completeness": "Completeness",
    "text": "Text",
    "approvals": "Approvals",
    "suppression": "Suppression",
}

_INTRO = """\
Every diagnostic names the rule that raised it (`FILE:LINE:COL: SEVERITY RULE-ID message`).
Rule ids are stable and never reused. Rules of *reading the file* and *structure* run
first; the semantic rules below them run only on a document that passed both.

A semantic finding points at the offending value: the reference that does not resolve,
the dependency that closes a cycle, the date that comes too early. Something missing is
reported at the mapping that should hold it (a missing section at `meta.status`, since
the status is what makes it required)."""

_STATUS = """\
Some rules depend on `meta.status`: a draft may be incomplete, a document under review or
approved may not. A `deprecated` document is kept for the record: its status-aware rules
only warn, so retired documents never fail CI, yet their problems stay visible. The
approval rules apply to `approved` documents only; an approval recorded without a
`digest` is not checked for staleness (nothing says what was signed)."""

_SUPPRESSION = """\
For the rare justified exception, any mapping of the document (an item, a section, or
the document itself) may carry `x-prdkit-ignore`, a list of rule ids. Findings of those
rules at that mapping or anywhere below it are dropped; other rules still apply. Only
semantic rules can be ignored: rules of reading the file and of structure cannot. A
malformed list or an unknown id is itself reported (`suppression-invalid`).

```yaml
requirements:
  - id: R7
    title: Legal notice in the footer
    priority: must
    x-prdkit-ignore: [must-without-feature]  # delivered by the legal team's site-wide footer
```

Keep the reason in a comment beside it; a project-wide switch belongs in the
configuration instead."""


def render() -> str:
    """The Markdown reference of every rule: the same text for the same table."""
    return "\n".join(_lines()).rstrip("\n") + "\n"


def _lines() -> Iterator[str]:
    yield "# Rules"
    yield ""
    yield f"<!-- Generated from prdkit/ruletable.py by `{REGENERATE}`; do not edit. -->"
    yield ""
    yield _INTRO
    yield ""
    yield from _overview()
    yield "## Severities and the document's status"
    yield ""
    yield _STATUS
    yield ""
    yield "| rule | severity |"
    yield "| --- | --- |"
    for rule_id, grading in GRADING.items():
        yield f"| [`{rule_id}`](#{rule_id}) | {grading} |"
    yield ""
    yield from _configuration()
    yield "## Ignoring a rule for one item"
    yield ""
    yield _SUPPRESSION
    yield ""
    for title, rules in _by_title().items():
        yield f"## {title}"
        yield ""
        for rule in rules:
            yield from _rule(rule)


def _by_title() -> dict[str, list[Rule]]:
    groups: dict[str, list[Rule]] = {}
    order = list(FAMILY_TITLES)
    for rule in sorted(RULES.values(), key=lambda r: _rank(order, r.family)):
        groups.setdefault(FAMILY_TITLES.get(rule.family, rule.family.title()), []).append(rule)
    return groups


def _rank(order: list[str], family: str) -> int:
    return order.index(family) if family in order else len(order)


def _overview() -> Iterator[str]:
    yield "## All rules"
    yield ""
    yield "| rule | default severity | what it catches |"
    yield "| --- | --- | --- |"
    for rules in _by_title().values():
        for rule in rules:
            yield f"| [`{rule.id}`](#{rule.id}) | {_severity(rule)} | {_cell(rule.summary)} |"
    yield ""


def _severity(rule: Rule) -> str:
    return rule.severity.value + (" (by status)" if rule.id in GRADING else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _configuration() -> Iterator[str]:
    yield "## Configuration"
    yield ""
    yield (
        "Rules are switched off or re-graded in `[tool.prdkit.rules]` of a `pyproject.toml`, "
        "or in `[rules]` of a `.prdkit.toml`. prdkit looks from the validated file's folder "
        "upward and uses the nearest file that configures it (in one folder, `.prdkit.toml` "
        "comes first; a `pyproject.toml` without `[tool.prdkit]` is passed over). Each rule "
        f"takes one of {', '.join(f'`{s}`' for s in SEVERITIES)}; the new severity replaces "
        "the default and the status-based grading alike. An unknown rule id or key, or a bad "
        "severity, is a usage error (exit code 2). Rules of reading the file and of "
        "structure cannot be configured."
    )
    yield ""
    yield "```toml"
    yield "[tool.prdkit]"
    yield "max-bytes = 16777216"
    yield ""
    yield "[tool.prdkit.rules]"
    yield 'placeholder = "off"'
    yield 'metric-direction = "error"'
    yield 'unguarded-high-risk-action = "info"'
    yield "```"
    yield ""
    yield (
        "The limits of reading a file and the pictures it names can be set in the same "
        "table, each up to its ceiling:"
    )
    yield ""
    yield "| key | default | at most |"
    yield "| --- | --- | --- |"
    for key, name in LIMIT_KEYS.items():
        ceiling = CEILINGS.get(name)
        most = f"{ceiling:,}" if ceiling is not None else ""
        yield f"| `{key}` | {getattr(DEFAULT_LIMITS, name):,} | {most} |"
    yield ""


def _rule(rule: Rule) -> Iterator[str]:
    yield f"### {rule.id}"
    yield ""
    grading = GRADING.get(rule.id)
    severity = f"{rule.severity.value} ({grading})" if grading else rule.severity.value
    fixed = " Cannot be configured or ignored." if rule.family in FIXED_FAMILIES else ""
    yield f"**Severity:** {severity}.{fixed}"
    yield ""
    yield rule.summary
    yield ""
    if rule.example:
        yield "Example:"
        yield ""
        yield "```yaml"
        yield rule.example.rstrip("\n")
        yield "```"
        yield ""
    if rule.fix:
        yield f"**Fix:** {rule.fix}"
        yield ""


def main() -> None:
    """Print the reference (regenerate with `python -m prdkit.rulesdoc > docs/rules.md`)."""
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
