"""The rule reference, `docs/rules.md`, written from the rule table."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from prdkit.config import LIMIT_KEYS, SEVERITIES
from prdkit.diagnostics import Rule
from prdkit.limits import CEILINGS, CONFIG_MAX_BYTES, DEFAULT_LIMITS
from prdkit.ruletable import BY_STATUS, FIXED_FAMILIES, GRADING, RULES, SIGNOFF_RULES

REGENERATE = "python -m prdkit.rulesdoc > docs/rules.md"
REGENERATE_ZH = "python -m prdkit.rulesdoc --lang zh > docs/rules.zh.md"

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
    "planning": "Assumptions, dependencies, alternatives and launch",
    "custom": "Custom fields",
    "suppression": "Suppression",
    "config": "Weakened configuration",
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
semantic rules can be ignored: rules of reading the file and of structure cannot, and
neither can the sign-off rules (`stale-approval`, `approval-missing`,
`approval-not-granted`): the edit that invalidates a sign-off must not be able to hide
it. A malformed list, an unknown id or one of these is itself reported
(`suppression-invalid`).

```yaml
requirements:
  - id: R7
    title: Legal notice in the footer
    priority: must
    x-prdkit-ignore: [must-without-feature]  # delivered by the legal team's site-wide footer
```

Keep the reason in a comment beside it; a project-wide switch belongs in the
configuration instead."""


def render(lang: str = "en") -> str:
    """The Markdown reference of every rule: the same text for the same table."""
    lines = _lines_zh() if lang == "zh" else _lines()
    return "\n".join(lines).rstrip("\n") + "\n"


def _lines() -> Iterator[str]:
    yield "# Rules"
    yield ""
    yield f"<!-- Generated from prdkit/ruletable.py by `{REGENERATE}`; do not edit. -->"
    yield ""
    yield "[中文版](rules.zh.md)"
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
    yield from _conventions()
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
        "comes first; a `pyproject.toml` without `[tool.prdkit]` is passed over unread, even "
        "when it is no valid TOML). The search stops at the root of the repository holding "
        "the file (the folder with `.git`, a folder or a worktree's file, or `.hg`): files "
        "above a checkout, in a parent folder of the clone or a CI runner's home, belong to "
        "someone else and are never read. Each rule "
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
    yield "| key | default | ceiling |"
    yield "| --- | --- | --- |"
    for key, name in LIMIT_KEYS.items():
        yield f"| `{key}` | {getattr(DEFAULT_LIMITS, name):,} | {getattr(CEILINGS, name):,} |"
    yield ""
    yield (
        "A configuration comes with the pull request it is part of, so no limit can be raised"
        " past its ceiling (exit 2), and a configuration file over"
        f" {CONFIG_MAX_BYTES // 1024} KiB is refused unread. As with documents, a"
        " configuration file that is a symbolic link is refused, never followed (exit 2)."
    )
    yield ""


def _conventions() -> Iterator[str]:
    from prdkit.conventions import (
        FIELD_TYPES,
        MAX_FIELDS_PER_KIND,
        MAX_LABEL,
        STATUS_ORDER,
        UNLABELLED,
        entry_paths,
    )
    from prdkit.layout.custom import WIDEST

    yield "## Team conventions: custom fields and labels"
    yield ""
    yield (
        "The same file declares the team's own fields and names. A custom field belongs to an "
        "item kind (a section name of the format: `requirements`, `features`, `milestones`, "
        "...; or a list inside an item: "
        f"{', '.join(f'`{k}`' for k in entry_paths())}) and starts with `x-`. A field of a "
        "list inside an item (a page's elements, an event's properties) is a column of the "
        "table that lists it, and an event property's of the properties sheet of `export`. "
        "Its type is one of "
        f"{', '.join(f'`{t}`' for t in FIELD_TYPES)} (`enum` lists its `values`); a `pattern` "
        "constrains text (a JSON Schema regular expression, matched by RE2 in time linear in "
        "the value, so look-around and back-references are refused); `required-from` names "
        "the status from which every item needs it "
        f"({', '.join(f'`{s}`' for s in STATUS_ORDER)}): missing before that status it is a "
        "warning, from it on an error (`custom-field-missing`). A value of the wrong type, "
        "pattern or choice is `custom-field-invalid`, at its line. Every writer shows a "
        "declared field in the item's detail and, for short values (numbers, dates, choices, "
        "patterned text; or `column = true`), as a column of the section's table. A table "
        f"the fields would widen past {WIDEST} columns keeps only its own: the fields are then "
        "in each item's detail, or, for items shown only in the table (milestones), in a "
        "table of them that follows, each row naming its item. An item "
        f"kind takes at most {MAX_FIELDS_PER_KIND} declared fields (more is a configuration "
        "error, exit 2). An undeclared `x-` key stays ignored."
    )
    yield ""
    yield (
        "Labels replace how an enum value is shown, in every rendered output, in the text and "
        "Markdown of `prdkit diff` and in diagnostics; the source (and `diff --format json`) "
        "keeps the format's value. A label is one text for both languages, or "
        f"`{{ en = ..., zh = ... }}`, of at most {MAX_LABEL} characters (a label, or a field's, "
        "is repeated wherever its value is). A configuration comes with the pull request it "
        "is part of, "
        "so no label may pass one value off as another: "
        f"{' and '.join(f'`{g}`' for g in UNLABELLED)} (the document's status and a "
        "sign-off's decision) cannot be relabelled, and a label may not be, in either language "
        "and whatever its case, the name or the label of another value of its enum "
        '(`must = "should"`, `could = "Must"`, two values both `"P0"`). An unknown item kind, '
        "enum or value, or a declaration that cannot be used, is a usage error (exit code 2) "
        "naming the file and line."
    )
    yield ""
    yield "```toml"
    yield "[tool.prdkit.fields.requirements.x-jira]   # .prdkit.toml: [fields.requirements.x-jira]"
    yield 'label = { en = "Jira", zh = "Jira 单号" }'
    yield 'type = "string"'
    yield 'pattern = "^[A-Z]+-[0-9]+$"'
    yield 'required-from = "review"'
    yield ""
    yield "[tool.prdkit.labels.priority]              # .prdkit.toml: [labels.priority]"
    yield 'must = "P0"'
    yield 'should = "P1"'
    yield 'could = "P2"'
    yield 'wont = "P3"'
    yield "```"
    yield ""


def _rule(rule: Rule) -> Iterator[str]:
    yield f"### {rule.id}"
    yield ""
    grading = GRADING.get(rule.id)
    severity = f"{rule.severity.value} ({grading})" if grading else rule.severity.value
    fixed = " Cannot be configured or ignored." if rule.family in FIXED_FAMILIES else ""
    if rule.id in SIGNOFF_RULES:
        fixed = (
            " Cannot be ignored in the document; a configuration that switches it off or"
            " downgrades it is reported (`signoff-rules-weakened`)."
        )
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


# -- the Chinese reference: the same table, the rules' Chinese texts (prdkit/catalogue.py)

FAMILY_TITLES_ZH = {
    "Reading the file": "读取文件",
    "Structure": "结构",
    "Ids and references": "编号与引用",
    "Cycles": "循环",
    "Dates": "日期",
    "Flows": "流程",
    "Pages": "页面",
    "Tracking plan": "埋点方案",
    "Pictures": "图片",
    "Market research": "市场调研",
    "Competition": "竞争分析",
    "Metrics": "指标",
    "Permissions and guardrails": "权限与防护",
    "Traceability": "需求追踪",
    "Completeness": "完整性",
    "Text": "文字",
    "Approvals": "审核签字",
    "Assumptions, dependencies, alternatives and launch": "假设、外部依赖、可选方案与上线",
    "Custom fields": "自定义字段",
    "Suppression": "忽略规则",
    "Weakened configuration": "被削弱的配置",
}

_GRADING_ZH = {
    BY_STATUS: "`review` 和 `approved` 状态下为错误；`draft` 和 `deprecated` 状态下为警告",
    "checked in `approved` documents only": "只检查 `approved` 状态的文档",
    "error in `approved`; warning in any other status": "`approved` 状态下为错误，其他状态下为警告",
    "error from the field's `required-from` status on; warning before": (
        "从字段的 `required-from` 状态起为错误，之前为警告"
    ),
}

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

_INTRO_ZH = (
    "每条诊断都写明触发它的规则（`文件:行:列: 级别 规则编号 说明`）。规则编号固定不变，"
    "也不会重复使用。先检查“读取文件”和“结构”两类规则；两者都通过后，才运行下面的语义规则。"
    "\n"
    "\n"
    "语义规则的诊断指向出问题的值：找不到的引用、使依赖闭合成环的那一条、过早的日期。缺少的内容"
    "报告在应当包含它的映射上（缺少章节时报告在 `meta.status`，因为正是状态要求它"
    "必须存在）。\n"
    "\n"
    "诊断说明的语言：`--lang en|zh`，否则按文档的 `meta.language`"
    "，再否则按系统区域设置；规则编号、位置和 JSON 键名不随语言变化。"
)

_STATUS_ZH = (
    "有些规则取决于 `meta.status`：草稿可以不完整，评审中或已批准的文档不行。`d"
    "eprecated`（已废弃）的文档只作存档：它的状态相关规则只给警告，已退役的文档不会让"
    " CI 失败，但问题依然可见。审核类规则只适用于 `approved` 的文档；没有 `d"
    "igest` 的审核记录不检查是否过期（没有依据说明签的是哪个版本）。"
)

_SUPPRESSION_ZH = (
    "确有正当理由的例外，可以在文档的任意映射（条目、章节或整份文档）上加 `x-prdkit-"
    "ignore`，写规则编号的列表。该映射及其下面的这些规则的诊断会被忽略，其他规则照常检查"
    "。只有语义规则可以忽略，读取文件和结构类规则不行；签核规则（`stale-approval`、"
    "`approval-missing`、`approval-not-granted`）也不行：让签核失效的修改不能同时把它藏起来。"
    "列表格式不对、写了不存在的编号或这几条规则，本身也会报告（`suppression-invalid`）。\n"
    "\n"
    "```yaml\n"
    "requirements:\n"
    "  - id: R7\n"
    "    title: 页脚法律声明\n"
    "    priority: must\n"
    "    x-prdkit-ignore: [must-without-feature]  "
    "# 由法务团队的全站页脚统一交付\n"
    "```\n"
    "\n"
    "请在旁边的注释里写明理由；整个项目都要关闭的规则，请写在配置里。"
)

_CONFIGURATION_ZH = (
    "在 `pyproject.toml` 的 `[tool.prdkit.rules]` 或 "
    "`.prdkit.toml` 的 `[rules]` 里可以关闭规则或调整级别。prdki"
    "t从被检查文件所在的文件夹向上查找，使用最近的配置文件（同一文件夹里 `.prdkit.t"
    "oml` 优先；没有 `[tool.prdkit]`的 `pyproject.toml` "
    "会被跳过，不解析，即使它不是有效的 TOML）。查找到文件所在仓库的根目录为止（含有 `.git`"
    "（文件夹，或工作树里的文件）或 `.hg` 的文件夹）：仓库之外的文件，比如克隆目录的上级文件夹"
    "或 CI 机器主目录里的文件，属于别人，不会被读取。"
    "每条规则可取 {severities} 之一；新级别同时取代默认级别和按状态分"
    "级。未知的规则编号或键、错误的级别都是用法错误（退出码 2）。读取文件和结构类规则不能配置"
    "。"
)


def _lines_zh() -> Iterator[str]:
    from prdkit.catalogue import RULE_ZH

    yield "# 规则"
    yield ""
    yield f"<!-- Generated from prdkit/ruletable.py by `{REGENERATE_ZH}`; do not edit. -->"
    yield ""
    yield "[English](rules.md)"
    yield ""
    yield _INTRO_ZH
    yield ""
    yield "## 全部规则"
    yield ""
    yield "| 规则 | 默认级别 | 检查什么 |"
    yield "| --- | --- | --- |"
    groups = _by_title()
    for rules in groups.values():
        for rule in rules:
            severity = _SEVERITY_ZH[rule.severity.value] + (
                "（按状态）" if rule.id in GRADING else ""
            )
            summary = _cell(RULE_ZH.get(rule.id, (rule.summary, ""))[0])
            yield f"| [`{rule.id}`](#{rule.id}) | {severity} | {summary} |"
    yield ""
    yield "## 级别与文档状态"
    yield ""
    yield _STATUS_ZH
    yield ""
    yield "| 规则 | 级别 |"
    yield "| --- | --- |"
    for rule_id, grading in GRADING.items():
        yield f"| [`{rule_id}`](#{rule_id}) | {_GRADING_ZH.get(grading, grading)} |"
    yield ""
    yield "## 配置"
    yield ""
    yield _CONFIGURATION_ZH.format(severities="、".join(f"`{s}`" for s in SEVERITIES))
    yield ""
    yield "读取文件的各项上限也可以在同一个表里设置："
    yield ""
    yield "| 键 | 默认值 | 上限 |"
    yield "| --- | --- | --- |"
    for key, name in LIMIT_KEYS.items():
        yield f"| `{key}` | {getattr(DEFAULT_LIMITS, name):,} | {getattr(CEILINGS, name):,} |"
    yield ""
    yield (
        "配置随拉取请求一起提交，所以任何上限都不能调过它的最高值（退出码 2）；超过"
        f" {CONFIG_MAX_BYTES // 1024} KiB 的配置文件不读，直接拒绝。"
        "和文档一样，配置文件若是符号链接，也不跟随、直接拒绝（退出码 2）。"
    )
    yield ""
    yield "## 对单个条目忽略规则"
    yield ""
    yield _SUPPRESSION_ZH
    yield ""
    for title, rules in groups.items():
        yield f"## {FAMILY_TITLES_ZH.get(title, title)}"
        yield ""
        for rule in rules:
            summary, fix = RULE_ZH.get(rule.id, (rule.summary, rule.fix))
            yield f"### {rule.id}"
            yield ""
            grading = GRADING.get(rule.id)
            severity = _SEVERITY_ZH[rule.severity.value]
            if grading:
                severity += f"（{_GRADING_ZH.get(grading, grading)}）"
            fixed = "不能配置，也不能忽略。" if rule.family in FIXED_FAMILIES else ""
            if rule.id in SIGNOFF_RULES:
                fixed = "不能在文档里忽略；配置关闭或降级它时会报告（`signoff-rules-weakened`）。"
            yield f"**级别：**{severity}。{fixed}"
            yield ""
            yield summary
            yield ""
            yield "示例："
            yield ""
            yield "```yaml"
            yield rule.example.rstrip("\n")
            yield "```"
            yield ""
            yield f"**修改方法：**{fix}"
            yield ""


def main() -> None:
    """Print the reference: `python -m prdkit.rulesdoc [--lang zh]`."""
    lang = "zh" if sys.argv[1:] == ["--lang", "zh"] else "en"
    sys.stdout.buffer.write(render(lang).encode("utf-8"))


if __name__ == "__main__":
    main()
