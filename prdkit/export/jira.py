"""Requirements and features as a CSV that Jira's importer maps without manual work.

Each requirement becomes an Epic and each feature a Story whose Parent is the Epic of its
first requirement (Jira allows one parent; the others are listed in the description and
as labels). Epics come first, as the importer needs parents before children. Column names
are the ones the importer maps by itself: Issue ID, Issue Type, Summary, Priority,
Description, Parent, Labels (repeated, one label each). The team's declared fields of
requirements and features follow Parent, a column each under its label, for the importer
to map to a field of the team's Jira (an existing issue key, a squad).

What is not being built is left out: requirements of priority `wont`, rejected or deferred,
and features of priority `wont`. Imported, they would be work nobody is to do.
"""

from __future__ import annotations

from typing import Any

from prdkit.export.csvfiles import rows_to_csv
from prdkit.export.jiramarkup import escape, to_jira
from prdkit.export.text import clip, plain
from prdkit.layout.context import Layout
from prdkit.layout.custom import custom_cell
from prdkit.model import Document, Feature, Requirement
from prdkit.views import shelved

# Jira's default priority scheme.
PRIORITIES = {"must": "Highest", "should": "High", "could": "Medium", "wont": "Lowest"}
EPIC, STORY = "Epic", "Story"
MAX_SUMMARY = 255  # Jira refuses longer summaries
MAX_TEXT = 32_767  # and longer text fields: the row would fail to import
HEADER = ("Issue ID", "Issue Type", "Summary", "Priority", "Description", "Parent")


def _priority(doc: Document, value: str | None) -> str:
    """The team's own priority name when it declares one (must → P0), else Jira's default."""
    if not value:
        return ""
    return doc.conventions.relabelled("priority", value) or PRIORITIES.get(value, "")


def _summary(item_id: str, title: str) -> str:
    return clip(" ".join(f"{item_id} {title}".split()), MAX_SUMMARY)


def _label(value: str) -> str:
    """A Jira label: no spaces."""
    return "_".join(value.split())


def _section(lay: Layout, key: str, body: str | None) -> list[str]:
    if not body or not body.strip():
        return []
    return [f"*{escape(lay.t(key))}*", to_jira(body)]


def _numbered(lay: Layout, key: str, texts: tuple[str, ...]) -> list[str]:
    kept = [to_jira(t).replace("\n", " ") for t in texts if t.strip()]
    if not kept:
        return []
    return [f"*{escape(lay.t(key))}*", "\n".join(f"# {t}" for t in kept)]


def _ids(lay: Layout, key: str, ids: tuple[str, ...]) -> list[str]:
    if not ids:
        return []
    # Only as many as the description can hold: it is cut at MAX_TEXT, and 500 features
    # naming 500 requirements of 10 KB titles escaped 2.5 GB of text (18 s) to keep 16 MB.
    separator, named, size = lay.punct["list"], [], 0
    for item_id in ids:
        name = lay.name_of(item_id)
        named.append((f"{item_id} {name}" if name else item_id)[:MAX_TEXT])
        size += len(named[-1]) + len(separator)
        if size > MAX_TEXT:
            break
    return [f"*{escape(lay.t(key))}*" + lay.punct["colon"] + escape(separator.join(named))]


def _source(lay: Layout, item_id: str) -> str:
    """Where the issue came from: `Title (doc-id 1.2.0): REQ-001`."""
    meta = lay.doc.meta
    return escape(
        f"{meta.title}{lay.aside(f'{meta.id} {meta.version}')}{lay.punct['colon']}{item_id}"
    )


# Labels an issue carries at most: every row has a column for each label of the row with
# the most, so one feature citing 8,000 requirements made 8,000 columns of every row (a
# 129 MB file from 843 KB). A feature's requirements are listed in its description too.
MAX_LABELS = 20

# What a description holds, in order: (how it is shown, label key, field of the item).
_REQUIREMENT = (
    (_section, "field.description", "description"),
    (_section, "field.rationale", "rationale"),
    (_numbered, "field.acceptance_criteria", "acceptance_criteria"),
    (_ids, "field.depends_on", "depends_on"),
    (_ids, "field.requested_by", "requested_by"),
)
_FEATURE = (
    (_section, "field.description", "description"),
    (_section, "field.ux", "ux"),
    (_numbered, "field.acceptance_criteria", "acceptance_criteria"),
    (_ids, "field.requirements", "requirements"),
    (_ids, "field.permissions", "permissions"),
)


def _description(lay: Layout, item: Requirement | Feature, spec: tuple[Any, ...]) -> str:
    """The issue's description: the item's fields under their labels, then its source."""
    parts = [part for show, key, attr in spec for part in show(lay, key, getattr(item, attr))]
    # The source line stays whole at the end, where the reader looks for it.
    tail = f"----\n\n{_source(lay, item.id)}"
    if not parts:
        return _source(lay, item.id)  # a rule under nothing: and "----" reads as a formula
    return clip("\n\n".join(parts), MAX_TEXT - len(tail) - 2) + "\n\n" + tail


def rows(doc: Document, lang: str | None = None) -> list[list[str]]:
    """The header and one row per requirement (Epic) and feature (Story)."""
    lay = Layout(doc, lang or doc.meta.language or "en")
    # The team's fields: requirements' first, then the features' (a key both declare is
    # one column, under the requirements' label).
    team = {}
    for kind in ("requirements", "features"):
        for declared in doc.conventions.fields_of(kind):
            team.setdefault(declared.key, {})[kind] = declared
    issue_of: dict[str, str] = {}
    body: list[tuple[list[str], list[str], str | None]] = []  # fields, labels, last label
    for req in doc.requirements:
        if shelved(req):
            continue
        issue_of.setdefault(req.id, str(len(body) + 1))
        labels = [doc.meta.id, req.id, *([req.kind] if req.kind else [])]
        fields = [
            str(len(body) + 1),
            EPIC,
            _summary(req.id, req.title),
            _priority(doc, req.priority),
            _description(lay, req, _REQUIREMENT),
            "",
            *_team(lay, team, "requirements", req),
        ]
        body.append((fields, labels, None))
    for feature in doc.features:
        if feature.priority == "wont":
            continue
        parent = next((issue_of[r] for r in feature.requirements if r in issue_of), "")
        labels = [doc.meta.id, feature.id, *feature.requirements]
        fields = [
            str(len(body) + 1),
            STORY,
            _summary(feature.id, feature.name),
            _priority(doc, feature.priority),
            _description(lay, feature, _FEATURE),
            parent,
            *_team(lay, team, "features", feature),
        ]
        body.append((fields, labels, feature.surface))
    kept = [_kept(labels, last) for _, labels, last in body]
    width = max(map(len, kept), default=1)
    named = _headers([next(iter(kinds.values())) for kinds in team.values()], lay.lang)
    table = [[*HEADER, *named, *["Labels"] * width]]
    for (fields, _, _), cleaned in zip(body, kept, strict=True):
        table.append(fields + cleaned + [""] * (width - len(cleaned)))
    return table


def _headers(declared: list[Any], lang: str) -> list[str]:
    """The team's fields' column names: their labels, or, where a label is one of the
    importer's own columns (Priority, Labels) or another field's, the label and the key.
    Jira maps columns by their names: two named Priority could not be told apart."""
    taken = {*HEADER, "Labels"}
    names = []
    for field in declared:
        name = field.label(lang)
        if name in taken:
            name = f"{name} ({field.key})"
        taken.add(name)
        names.append(name)
    return names


def _team(lay: Layout, team: dict[str, Any], kind: str, item: Requirement | Feature) -> list[str]:
    """The item's values of the team's fields, as text ("" where it has none)."""
    values = lay.doc.custom_of(item)
    cells = []
    for key, kinds in team.items():
        declared = kinds.get(kind)
        value = values.get(key) if declared is not None else None
        cells.append(clip(plain(custom_cell(lay, declared, value)), MAX_TEXT) if declared else "")
    return cells


def _kept(labels: list[str], last: str | None) -> list[str]:
    """An issue's labels, then `last`, each once and at most `MAX_LABELS`: `last` (a
    feature's surface, after its requirements) is kept in place of one of them."""
    cleaned = list(dict.fromkeys(_label(x) for x in [*labels, *([last] if last else [])]))
    if len(cleaned) <= MAX_LABELS:
        return cleaned
    if last:
        return [*cleaned[: MAX_LABELS - 1], cleaned[-1]]
    return cleaned[:MAX_LABELS]


def write(doc: Document, lang: str | None = None, *, bom: bool = False) -> bytes:
    """The Jira import file as CSV bytes."""
    return rows_to_csv(rows(doc, lang), bom=bom)
