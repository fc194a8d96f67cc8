"""The words of every diagnostic: message key → (English, Chinese), and rule texts in Chinese.

Keys start with the rule id they belong to (`placeholder`, `placeholder.many`,
`placeholder.hint`); shared pieces have their own prefix (`kind.`, `place.`, `type.`).
Parameters are `{name}` fields filled by `prdkit.messages`. Every rule of the rule table
needs a Chinese summary and fix in `RULE_ZH` and its messages and hints here, in both
languages (tests/test_messages.py checks it).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- shared pieces
    "place.document": ("the document", "文档"),
    "place.item": ("{kind} {name}", "{kind} {name}"),
    "place.in": ("{owner}, {rest}", "{owner} 的 {rest}"),
    "field.item": ("item {n} of {owner}", "{owner} 的第 {n} 项"),
    "field.list": ("the list", "列表"),
    "did-you-mean": ("did you mean '{name}'?", "是不是想写 '{name}'？"),
    "got.text": ("text {value}", "文字 {value}"),
    "got.number": ("the number {value}", "数字 {value}"),
    "got.bool": ("true/false", "布尔值 true/false"),
    "got.empty": ("an empty value", "空值"),
    "got.list": ("a list", "列表"),
    "got.mapping": ("a mapping", "映射（key: value）"),
    "type.string": ("text", "文字"),
    "type.array": ("a list", "列表"),
    "type.object": ("a mapping", "映射（key: value）"),
    "type.number": ("a number", "数字"),
    "type.integer": ("a whole number", "整数"),
    "type.boolean": ("true or false", "true 或 false"),
    "type.null": ("empty", "空值"),
    "type.or": ("{a} or {b}", "{a}或{b}"),
    "decision.approved": ("approved", "通过"),
    "decision.rejected": ("rejected", "驳回"),
    "decision.pending": ("pending", "待审核"),
    # Kinds of items, as rules name them (`requirement R1`).
    "kind.meta": ("meta", "文档信息"),
    "kind.link": ("link", "链接"),
    "kind.stakeholder": ("stakeholder", "干系人"),
    "kind.revision": ("revision", "修订记录"),
    "kind.market_research": ("market research", "市场调研"),
    "kind.target_user": ("target user", "目标用户"),
    "kind.market_size": ("market size", "市场规模"),
    "kind.finding": ("finding", "调研发现"),
    "kind.requirement": ("requirement", "需求"),
    "kind.rice": ("RICE score", "RICE 评分"),
    "kind.business_model": ("business model", "业务模式"),
    "kind.revenue_stream": ("revenue stream", "收入来源"),
    "kind.cost_item": ("cost item", "成本项"),
    "kind.competition": ("competition", "竞争分析"),
    "kind.competitor": ("competitor", "竞品"),
    "kind.feature": ("feature", "功能"),
    "kind.flow": ("flow", "流程"),
    "kind.step": ("step", "步骤"),
    "kind.branch": ("branch", "分支"),
    "kind.schedule": ("schedule", "排期"),
    "kind.milestone": ("milestone", "里程碑"),
    "kind.metric": ("metric", "指标"),
    "kind.resource": ("resource", "资源"),
    "kind.permissions": ("permissions", "权限体系"),
    "kind.role": ("role", "角色"),
    "kind.action": ("action", "操作"),
    "kind.sod_rule": ("separation-of-duties rule", "职责分离规则"),
    "kind.guardrail": ("guardrail", "防护规则"),
    "kind.operations": ("operations", "运营计划"),
    "kind.campaign": ("campaign", "活动"),
    "kind.risk": ("risk", "风险"),
    "kind.open_question": ("open question", "待解决问题"),
    "kind.glossary_entry": ("glossary entry", "术语"),
    "kind.approval": ("approval", "审核记录"),
    "kind.document": ("document", "文档"),
    # -- the text report
    "report.hint": ("hint: ", "提示："),
    # -- the language server's hover
    "lsp.item": ("{kind} `{id}` — line {line}", "{kind} `{id}`，第 {line} 行"),
    "lsp.unknown": ("no {kinds} has the id `{id}`", "没有编号为 `{id}` 的{kinds}"),
    "report.left-out": (
        "… {count} more diagnostics not listed (--max-diagnostics 0 lists all)",
        "…… 另有 {count} 条诊断未列出（--max-diagnostics 0 可列出全部）",
    ),
    # -- the GitHub job summary (severity words by the severity's id)
    "summary.file": ("File", "文件"),
    "summary.errors": ("Errors", "错误"),
    "summary.warnings": ("Warnings", "警告"),
    "summary.where": ("Where", "位置"),
    "summary.rule": ("Rule", "规则"),
    "summary.message": ("Message", "说明"),
    "summary.error": ("error", "错误"),
    "summary.warning": ("warning", "警告"),
    "summary.info": ("info", "提示"),
    "summary.more": ("{count} more diagnostics not shown.", "还有 {count} 条诊断未列出。"),
    "report.summary": (
        "{errors} errors, {warnings} warnings in {files} files",
        "{errors} 个错误，{warnings} 个警告，共 {files} 个文件",
    ),
    # -- the command line
    "cli.no-documents": (
        "no PRD files (*.prd.yaml, *.prd.yml, *.prd.json) in {places}",
        "{places} 中没有 PRD 文件（*.prd.yaml、*.prd.yml、*.prd.json）",
    ),
    "cli.wrote": ("wrote {path}", "已写入 {path}"),
    "cli.site": (
        "wrote {path}: {total} documents, {rendered} rendered, {reused} unchanged, "
        "{invalid} invalid",
        "已写入 {path}：共 {total} 份文档，生成 {rendered} 份，{reused} 份未变，"
        "{invalid} 份未通过校验",
    ),
    "cli.site.one": (
        "wrote {path}: 1 document, {rendered} rendered, {reused} unchanged, {invalid} invalid",
        "已写入 {path}：共 1 份文档，生成 {rendered} 份，{reused} 份未变，{invalid} 份未通过校验",
    ),
    "cli.new": (
        "wrote {path} (template {template}, {language})",
        "已写入 {path}（模板 {template}，{language}）",
    ),
    "cli.new-name-empty": (
        "{name} names no file: give the document a name, such as checkout-redesign",
        "{name} 不是文件名：请给文档起个名字，例如 购物车改版",
    ),
    "cli.new-name-bad": (
        "{name} cannot name a document: give a name on one line, such as checkout-redesign",
        "{name} 不能用作文档名：请用写在一行里的名字，例如 购物车改版",
    ),
    "lsp.header": (
        "the editor sent a message header prdkit cannot read (a Content-Length past any "
        "message); restart the language server",
        "编辑器发来的消息头无法读取（Content-Length 超出任何消息的长度）；请重启语言服务",
    ),
    "cli.exists": (
        "{path} already exists; use --force to overwrite it",
        "{path} 已存在；要覆盖它请加上 --force",
    ),
    "cli.invalid": (
        "nothing written for {file}: the document is invalid",
        "{file} 没有生成任何文件：文档有错误",
    ),
    "cli.rendered": ("rendered {done} of {total} documents", "共 {total} 份文档，已生成 {done} 份"),
    "cli.exported": ("exported {done} of {total} documents", "共 {total} 份文档，已导出 {done} 份"),
    # -- prdkit diff (field and area names stay as the source spells them)
    "diff.none": ("(none)", "（无）"),
    "diff.status": ("status: {old} → {new}", "状态：{old} → {new}"),
    "diff.version": ("version: {old} → {new}", "版本：{old} → {new}"),
    "diff.no-changes": ("no changes", "没有变化"),
    "diff.counts": (
        "{added} added, {removed} removed, {changed} changed",
        "新增 {added} 项，删除 {removed} 项，修改 {changed} 项",
    ),
    "diff.added": ("added", "新增"),
    "diff.removed": ("removed", "删除"),
    "diff.changed": ("changed", "修改"),
    "diff.md.title": ("## PRD changes: {title}", "## PRD 变更：{title}"),
    "diff.md.status": ("**Status:** {old} → {new}", "**状态**：{old} → {new}"),
    "diff.md.version": ("**Version:** {old} → {new}", "**版本**：{old} → {new}"),
    "diff.md.no-changes": ("No changes.", "没有变化。"),
    "diff.md.no-other-changes": ("No other changes.", "没有其他变化。"),
    "diff.md.summary": (
        "**{counts}** items in {count} areas: {areas}.",
        "**{counts}**，涉及 {count} 个部分：{areas}。",
    ),
    "diff.md.summary.one": (
        "**{counts}** items in {count} area: {areas}.",
        "**{counts}**，涉及 {count} 个部分：{areas}。",
    ),
    "diff.md.columns": (
        "| Change | Item | Field | Old | New |",
        "| 变更 | 条目 | 字段 | 原值 | 新值 |",
    ),
    "diff.md.more": (
        "*{rest} more areas not shown; run `prdkit diff` for all of them.*",
        "*另有 {rest} 个部分未显示；运行 `prdkit diff` 可查看全部。*",
    ),
    # -- prdkit approve
    "approve.added": (
        "{place}: {decision} by {name} (added); digest {digest}",
        "{place}: 已记录 {name} 的审核：{decision}（新增）；文档摘要 {digest}",
    ),
    "approve.replaced": (
        "{place}: {decision} by {name} (replaced the earlier entry); digest {digest}",
        "{place}: 已记录 {name} 的审核：{decision}（替换了此前的记录）；文档摘要 {digest}",
    ),
    "approve.digest": ("{place}: document digest {digest}", "{place}: 文档摘要 {digest}"),
    "approve.state": (
        "{place}: {state} {who}: {decision}{when}",
        "{place}: {state} {who}：{decision}{when}",
    ),
    "approve.state.current": ("current", "有效"),
    "approve.state.stale": ("stale", "已过期"),
    "approve.state.unsigned": ("unsigned", "未签名"),
    "approve.none": ("{place}: no approvals yet", "{place}: 还没有审核记录"),
    "approve.check-alone": (
        "--check only lists approvals; leave out --name, --role, --reject, --comment",
        "--check 只列出审核记录；请去掉 --name、--role、--reject、--comment",
    ),
    "approve.name-required": ("--name is required: who signs off", "缺少 --name：请写明由谁签字"),
    # -- files and folders named on the command line, and outputs
    "file.missing": ("{path}: no such file or folder", "{path}: 找不到这个文件或文件夹"),
    "file.unreadable": ("{path}: cannot read ({reason})", "{path}: 无法读取（{reason}）"),
    "file.symlink": (
        "{path}: is a symbolic link; give the real file",
        "{path}: 这是一个符号链接；请直接给出它指向的文件",
    ),
    "file.symlink-folder": (
        "{path}: is a symbolic link to a folder; links are not followed: give the real folder",
        "{path}: 这是指向文件夹的符号链接；链接不会被跟随，请直接给出它指向的文件夹",
    ),
    "config.symlink": (
        "{path}: is a symbolic link; a configuration must be a real file",
        "{path}: 这是一个符号链接；配置必须是真实的文件，链接不会被跟随",
    ),
    "file.folder": ("{path}: is a folder", "{path}: 这是文件夹，不是文件"),
    "file.not-folder": ("{path}: is not a folder", "{path}: 不是文件夹"),
    "file.not-regular": ("{path}: is not a regular file", "{path}: 不是普通文件"),
    "file.system": (
        "{path}: is a system file, not a regular file",
        "{path}: 这是系统文件，不是普通文件",
    ),
    "file.folder-unreadable": (
        "{path}: cannot read the folder ({reason})",
        "{path}: 无法读取这个文件夹（{reason}）",
    ),
    "file.problem": ("{path}: {problem}", "{path}: {problem}"),
    "output.parent-is-file": (
        "{path}: cannot create the folder (a parent is a file)",
        "{path}: 无法创建文件夹（上级路径中有一项是文件）",
    ),
    "output.cannot-create": (
        "{path}: cannot create the folder ({reason})",
        "{path}: 无法创建文件夹（{reason}）",
    ),
    "output.over-source": (
        "{path}: refusing to write over the source document",
        "{path}: 这是源文档，不能用输出覆盖它",
    ),
    "output.not-regular": (
        "{path}: is a link or a special file; prdkit writes over regular files only:"
        " remove it, or write elsewhere",
        "{path}: 这是链接或特殊文件；prdkit 只覆盖普通文件：请删除它，或写到别处",
    ),
    "output.cannot-write": ("{path}: cannot write ({reason})", "{path}: 无法写入（{reason}）"),
    "output.no-folder": ("{path}: output folder does not exist", "{path}: 输出文件夹不存在"),
    "output.lock-held": (
        "{path}: another process has been editing it for {wait} s (it holds {lock});"
        " try again once it is done",
        "{path}：另一个进程已经编辑它 {wait} 秒（持有 {lock}）；请等它结束后再试",
    ),
    "output.cannot-lock": (
        "{path}: cannot lock for editing ({reason})",
        "{path}: 无法锁定文件以进行编辑（{reason}）",
    ),
    "path.nul": ("{what} holds a NUL character", "{what}中含有 NUL 字符"),
    "path.too-long": (
        "{what} {name}: a file or folder name of {size} bytes, over the {limit}-byte limit"
        " of file systems",
        "{what} {name}: 文件或文件夹名长 {size} 字节，超过了文件系统 {limit} 字节的上限",
    ),
    "path.too-long-total": (
        "{what} {name}: a path of {size} bytes, over the {limit}-byte limit of the system",
        "{what} {name}: 路径长 {size} 字节，超过了系统 {limit} 字节的上限",
    ),
    "path.no-cwd": (
        "the current folder cannot be used ({reason}): it was deleted or moved; "
        "change to an existing folder and run again",
        "无法使用当前文件夹（{reason}）：它已被删除或移走；请切换到一个存在的文件夹后重新运行",
    ),
    "path.what.path": ("path", "路径"),
    "path.what.output": ("output", "输出文件"),
    "path.what.output-folder": ("output folder", "输出文件夹"),
    "path.what.reference": ("reference document", "参考文档"),
    "render.unknown-format": (
        "unknown format '{name}'; choose from {choices}",
        "不支持的格式 '{name}'；可选：{choices}",
    ),
    "export.unknown-format": (
        "unknown export format '{name}'; choose from {choices}",
        "不支持的导出格式 '{name}'；可选：{choices}",
    ),
    "template.unknown": (
        "unknown template '{name}'; choose one of: {choices}",
        "没有名为 '{name}' 的模板；可选：{choices}",
    ),
    "template.no-language": (
        "template '{name}' has no '{lang}' version; choose one of: {choices}",
        "模板 '{name}' 没有 '{lang}' 语言的版本；可选：{choices}",
    ),
    "cli.epoch": (
        "SOURCE_DATE_EPOCH={value} is not a usable time",
        "SOURCE_DATE_EPOCH={value} 不是有效的时间",
    ),
    "cli.write-failed": ("cannot write the output ({reason})", "无法输出结果（{reason}）"),
    "cli.step-summary": (
        "cannot write the step summary ({reason})",
        "无法写入步骤摘要（{reason}）",
    ),
    "cli.same-output": (
        "{first} and {second} would write the same output files",
        "{first} 和 {second} 会生成同名的输出文件",
    ),
    "cli.name-not-utf8": (
        "{path}: the name is not UTF-8 text, so it cannot title a document",
        "{path}: 文件名不是 UTF-8 文本，不能用作文档标题",
    ),
    "cli.name-invalid": (
        "{path}: this name cannot title a valid document ({problem})",
        "{path}: 这个名字不能用作有效文档的标题（{problem}）",
    ),
    "cli.needs-lsp": (
        "the language server needs pygls; install it with: pip install 'prdkit[lsp]'",
        "语言服务器需要 pygls；请用这条命令安装：pip install 'prdkit[lsp]'",
    ),
    "cli.interrupted": ("interrupted", "已中断"),
    "cli.progress": ("rendering", "生成中"),
    "cli.internal-error": (
        "internal error — please report it with the input that caused it"
        " (run with --debug for details)",
        "内部错误——请连同引发它的输入一起反馈（加上 --debug 可查看详情）",
    ),
    "site.links-out": (
        "{path}: links out of the output folder; {page} not written",
        "{path}: 链接到了输出文件夹之外；没有写入 {page}",
    ),
    "site.and-more": ("{names} and {count} more", "{names} 以及另外 {count} 个文件"),
    "site.foreign": (
        "{path}: refusing to replace {names}: not written by prdkit site (or changed since);"
        " move them away or choose another --output folder",
        "{path}: 不会替换 {names}：它们不是 prdkit site 生成的（或生成后被改过）；"
        "请把它们移走，或换一个 --output 文件夹",
    ),
    "diff.not-revision": (
        "'{spec}' is not REV:PATH (for example HEAD~1:docs/a.prd.yaml)",
        "'{spec}' 不是 REV:PATH 的写法（例如 HEAD~1:docs/a.prd.yaml）",
    ),
    "diff.no-git": (
        "cannot run git to read {spec} ({reason})",
        "无法运行 git 读取 {spec}（{reason}）",
    ),
    "diff.git-slow": ("git show {spec} took too long", "git show {spec} 耗时太久"),
    "diff.git-failed": ("failed", "失败"),
    "diff.does-not-load": (
        "{file} does not load, so it cannot be compared",
        "{file} 有错误，无法载入，所以没法比较",
    ),
    "approve.does-not-load": (
        "{file} does not load; fix the document first",
        "{file} 有错误，无法载入；请先修正文档",
    ),
    "approve.invalid": (
        "{file} does not pass the schema; fix the document before approving it "
        "(`--reject` still records a rejection)",
        "{file} 未通过结构校验；请先修正文档再批准（`--reject` 仍可记录驳回）",
    ),
    "approve.not-a-list": (
        "{file}: approvals is not a list; fix the document first",
        "{file}: approvals 不是列表；请先修正文档",
    ),
    "approve.signs-twice": (
        "{file}: '{name}' signs {count} approvals (lines {lines}); remove all but one,"
        " then approve again",
        "{file}: '{name}' 签了 {count} 条审核记录（第 {lines} 行）；只保留一条，再重新签字",
    ),
    "approve.cannot-edit": (
        "{file}: cannot edit in place: {reason}",
        "{file}: 无法直接在文件里修改：{reason}",
    ),
    "approve.layout.flow": (
        "the top level is a flow mapping ({braces})",
        "顶层是流式映射（{braces}）",
    ),
    "approve.layout.not-a-list": ("approvals is not a list", "approvals 不是列表"),
    "approve.by-hand": (
        "{file}: cannot edit this layout of approvals safely; nothing written."
        " Add this entry by hand: {entry}",
        "{file}: 这种 approvals 写法无法安全地自动修改，未写入任何内容。请手动加上这一条：{entry}",
    ),
    "approve.would-be-invalid": (
        "{file}: with this sign-off the document would be invalid ({problem}); nothing written",
        "{file}: 加上这条签字后文档会出错（{problem}）；未写入任何内容",
    ),
    "approve.json": (
        "{file}: approve edits YAML in place and leaves JSON files alone; add {entry} to approvals",
        "{file}: approve 只直接修改 YAML 文件，不改 JSON 文件；请在 approvals 中加上 {entry}",
    ),
    "approve.not-one-line": (
        "{option}: holds the {what} {char}; write it on one line without control characters",
        "{option}: 含有{what} {char}；请写在一行里，不要含控制字符",
    ),
    "approve.not-one-line.break": ("line break", "换行符"),
    "approve.not-one-line.control": ("control character", "控制字符"),
    "approve.not-utf8": ("{option}: is not UTF-8 text", "{option}: 不是 UTF-8 文字"),
    "approve.changed": (
        "{file}: the file changed while approving; nothing written",
        "{file}: 签字期间文件被别处改动了；未写入任何内容",
    ),
    "reference.not-found": (
        "{path}: reference document not found (expected a .docx file)",
        "{path}: 找不到参考文档（应为 .docx 文件）",
    ),
    "reference.not-zip": (
        "{path}: not a Word document (a .docx file is a zip archive)",
        "{path}: 不是 Word 文档（.docx 文件是 zip 压缩包）",
    ),
    "reference.not-docx": (
        "{path}: not a Word document (a zip archive, but not a .docx)",
        "{path}: 不是 Word 文档（是 zip 压缩包，但不是 .docx）",
    ),
    "reference.damaged": (
        "{path}: damaged Word document ({reason})",
        "{path}: Word 文档已损坏（{reason}）",
    ),
    "reference.unusable": (
        "{path}: not a usable reference document: {reason}",
        "{path}: 不能用作参考文档：{reason}",
    ),
    "reference.unusable-word": (
        "{path}: not a usable Word document ({reason})",
        "{path}: 这个 Word 文档无法使用（{reason}）",
    ),
    # Why a reference document cannot be used, said inside "reference.unusable".
    "reference.zip-damaged": ("damaged Word document ({detail})", "Word 文档已损坏（{detail}）"),
    "reference.too-many-parts": (
        "{count} parts; a Word document has a few dozen",
        "有 {count} 个部件，Word 文档通常只有几十个",
    ),
    "reference.directory-too-large": (
        "its zip directory takes {size} bytes; a Word document's takes a few thousand",
        "其 zip 目录有 {size} 字节；Word 文档的目录只有几千字节",
    ),
    "reference.no-content-types": (
        "[Content_Types].xml does not list content types",
        "[Content_Types].xml 没有列出内容类型",
    ),
    "reference.part-missing": ("{part} is missing", "缺少 {part}"),
    "reference.no-main-part": ("no main document part", "缺少正文部分"),
    "reference.not-a-docx": (
        "its main part {part} is of type {type}, not a Word document",
        "其正文部分 {part} 的类型是 {type}，不是 Word 文档",
    ),
    "reference.part-damaged": (
        "{part} cannot be read: the file is damaged",
        "{part} 无法读出：文件已损坏",
    ),
    "reference.part-encrypted": (
        "{part} is encrypted in the archive",
        "{part} 在压缩包里是加密的",
    ),
    "reference.part-compression": (
        "{part} is compressed in a way Word never writes",
        "{part} 使用了 Word 从不使用的压缩方式",
    ),
    "reference.part-markup": (
        "{part} holds more than {limit} elements and attributes, more than a part of a"
        " reference document may",
        "{part} 的元素和属性超过 {limit} 个，超出参考文档一个部件的上限",
    ),
    "reference.parts-markup": (
        "with {part}, its parts hold more than the {limit} elements and attributes a"
        " reference document may hold in all",
        "加上 {part}，各部件的元素和属性超过参考文档合计允许的 {limit} 个",
    ),
    "reference.not-a-document": (
        "its main part {part} holds <{root}>, not a Word document",
        "其正文部分 {part} 的内容是 <{root}>，不是 Word 文档",
    ),
    "reference.strict": (
        "saved as Strict Open XML, which prdkit cannot read: save it in Word as a Word"
        " Document (.docx)",
        "保存成了 Strict Open XML 格式，prdkit 无法读取：请在 Word 中另存为“Word 文档 (.docx)”",
    ),
    "reference.part-too-large": (
        "{part} inflates to {size} bytes; a part of a reference document may hold {mib} MiB",
        "{part} 解压后有 {size} 字节；参考文档的一个部件最多 {mib} MiB",
    ),
    "reference.parts-too-large": (
        "with {part}, its parts inflate to more than the {mib} MiB a reference document may"
        " hold in all",
        "加上 {part}，各部件解压后超过参考文档合计允许的 {mib} MiB",
    ),
    "reference.not-xml": (
        "{part} is not well-formed XML ({detail})",
        "{part} 不是格式正确的 XML（{detail}）",
    ),
    "reference.dtd": (
        "{part} declares a DTD, which Word documents never do",
        "{part} 声明了 DTD，Word 文档从不这样做",
    ),
    "pdf.needs-extra": (
        "--to pdf needs the optional extra: {install}",
        "--to pdf 需要先安装可选组件：{install}",
    ),
    "pdf.no-libraries": (
        "--to pdf cannot load WeasyPrint's system libraries ({reason}); see its install notes",
        "--to pdf 无法加载 WeasyPrint 依赖的系统库（{reason}）；请参考它的安装说明",
    ),
    "pdf.too-large": (
        "too large for a PDF: its print layout is {size} of HTML, over the max-pdf-html limit"
        " of {limit} (several hundred pages; laying it out would take minutes and gigabytes)."
        " Render it --to html or docx, split the document, or raise max-pdf-html in the"
        " configuration",
        "文档太大，无法生成 PDF：它的打印版式有 {size} 的 HTML，超过了 max-pdf-html 上限 {limit}"
        "（相当于几百页，排版要花几分钟、占用数 GB 内存）。请改用 --to html 或 docx，拆分文档，"
        "或在配置里调高 max-pdf-html",
    ),
    "pdf.layout-failed": (
        "WeasyPrint could not lay the page out for a PDF ({reason}); render it --to html or"
        " docx, and report the document that caused it",
        "WeasyPrint 无法排版生成 PDF（{reason}）；请改用 --to html 或 docx，并报告引发问题的文档",
    ),
    "pdf.too-many-pixels": (
        "too many pixels for a PDF: its pictures cost {total} pixels to decode, over the"
        " max-pdf-image-pixels limit of {limit} (a PDF decodes each picture at full size,"
        " whatever size it is shown at, and each row costs as much as 4 pixels more); the"
        " largest: {named}. Render it --to html or docx, make the pictures smaller, or raise"
        " max-pdf-image-pixels in the configuration",
        "图片像素太多，无法生成 PDF：文档的图片解码要处理 {total} 像素，超过了"
        " max-pdf-image-pixels 上限 {limit}（PDF 会按原尺寸解码每张图片，无论显示得多小，"
        "每一行还要多算 4 像素）；最大的几张：{named}。"
        "请改用 --to html 或 docx，把图片缩小，或在配置里调高 max-pdf-image-pixels",
    ),
    # -- the configuration (.prdkit.toml, [tool.prdkit])
    "config.not-toml": ("{path}: not valid TOML ({reason})", "{path}: 不是有效的 TOML（{reason}）"),
    "config.not-utf8": ("{path}: not UTF-8 text", "{path}: 不是 UTF-8 文本"),
    "config.too-deep": ("{path}: nested too deeply to read", "{path}: 嵌套层数太多，无法读取"),
    "config.too-large": (
        "{path}: larger than {kib} KiB; a configuration is a few lines",
        "{path}: 超过了 {kib} KiB；配置文件通常只有几行",
    ),
    "config.the-configuration": ("the configuration", "配置"),
    "config.not-table": ("{path}: {key} must be a table", "{path}: {key} 必须是表（table）"),
    "config.unknown-rule": (
        "{path}: {key}: unknown rule id '{rule}'",
        "{path}: {key}: 没有编号为 '{rule}' 的规则",
    ),
    "config.fixed-rule": (
        "{path}: {key}: '{rule}' is checked before the rules (reading or structure) and cannot"
        " be configured",
        "{path}: {key}: '{rule}' 在规则之前检查（读取或结构），不能配置",
    ),
    "config.severity": (
        "{path}: {key} must be one of {choices} (got {got})",
        "{path}: {key} 只能是以下之一：{choices}（现在是 {got}）",
    ),
    "config.not-positive": (
        "{path}: {key} must be a positive whole number",
        "{path}: {key} 必须是正整数",
    ),
    "config.ceiling": (
        "{path}: {key} = {value} is over its ceiling of {ceiling} (see docs/security.md)",
        "{path}: {key} = {value} 超过了上限 {ceiling}（见 docs/security.md）",
    ),
    "config.not-bool": (
        "{path}: {key} must be true or false",
        "{path}: {key} 只能是 true 或 false",
    ),
    "config.unknown-key": (
        "{path}: unknown key '{key}' (known: {known})",
        "{path}: 不认识的键 '{key}'（可用的键：{known}）",
    ),
    # -- the team's fields and labels in the configuration
    "convention.not-table": ("{name} must be a table of {what}", "{name} 应当是{what}的表"),
    "convention.of.item-kinds": ("item kinds", "条目类别"),
    "convention.of.x--fields": ("x- fields", "x- 字段"),
    "convention.of.settings": ("settings", "设置项"),
    "convention.of.enum-groups": ("enum groups", "枚举组"),
    "convention.of.values": ("values", "取值"),
    "convention.unknown-kind": (
        "unknown item kind '{kind}' (known: {known})",
        "不认识的条目类别 '{kind}'（可用的类别：{known}）",
    ),
    "convention.too-many-fields": (
        "{name} declares {count} x- fields; an item kind takes at most {most}",
        "{name} 声明了 {count} 个 x- 字段；每类条目最多 {most} 个",
    ),
    "convention.not-x": (
        "{name}: a custom field's name starts with 'x-'",
        "{name}：自定义字段的名字须以 'x-' 开头",
    ),
    "convention.unknown-setting": (
        "{name}: unknown setting '{setting}' (known: {known})",
        "{name}：不认识的设置项 '{setting}'（可用的设置项：{known}）",
    ),
    "convention.one-of": ("{name} must be one of {known}", "{name} 只能是 {known} 之一"),
    "convention.pattern-type": (
        "{name}.pattern is a regular expression for string or url",
        "{name}.pattern 是正则表达式，只用于 string 或 url 类型",
    ),
    "convention.pattern-invalid": (
        "{name}.pattern is not a valid expression ({reason})",
        "{name}.pattern 不是有效的正则表达式（{reason}）",
    ),
    "convention.pattern-slow": (
        "{name}.pattern cannot be matched in time linear in the value ({reason}); "
        "write it without look-around or back-references",
        "{name}.pattern 无法在与取值长度成正比的时间内匹配（{reason}）；"
        "请去掉前后查找（look-around）和反向引用",
    ),
    "convention.values": (
        "{name}.values must list the strings",
        "{name}.values 应当列出各个取值（文字）",
    ),
    "convention.values-enum": (
        '{name}.values needs type = "enum"',
        '{name}.values 需要 type = "enum"',
    ),
    "convention.column": (
        "{name}.column must be true or false",
        "{name}.column 只能是 true 或 false",
    ),
    "convention.unknown-enum": (
        "unknown enum '{group}' (known: {known})",
        "不认识的枚举 '{group}'（可用的枚举：{known}）",
    ),
    "convention.unlabelled": (
        "labels.{group} cannot be declared: the {what} always reads as prdkit names it, "
        "so a configuration cannot make one read as another",
        "labels.{group} 不能自定义：{what}总是按 prdkit 的叫法显示，"
        "配置不能让一个取值读起来像另一个",
    ),
    "convention.what.status": (
        "document status (draft, review, approved, deprecated)",
        "文档状态（draft、review、approved、deprecated）",
    ),
    "convention.what.decision": (
        "sign-off decision (pending, approved, rejected)",
        "签核结论（pending、approved、rejected）",
    ),
    "convention.not-a-value": (
        "labels.{group}: '{value}' is not a value of {group} ({known})",
        "labels.{group}：'{value}' 不是 {group} 的取值（{known}）",
    ),
    "convention.lookalike": (
        "{name}: '{text}' is how '{other}' reads already; each value needs a label of its own",
        "{name}：'{text}' 已经是 '{other}' 的叫法；每个取值需要自己的名称",
    ),
    "convention.label": (
        "{name} must be a text, or a table with en and zh texts",
        "{name} 应当是文字，或者含 en 和 zh 文字的表",
    ),
    "convention.control": (
        "{name} holds a control character",
        "{name} 含有控制字符",
    ),
    "convention.label-long": (
        "{name} is {length} characters long; a label is at most {most}",
        "{name} 有 {length} 个字符；名称最多 {most} 个字符",
    ),
    # -- reading the file
    "file-too-large": (
        "the file is {size} bytes, over the limit of {limit} bytes",
        "文件大小为 {size} 字节，超过了 {limit} 字节的上限",
    ),
    "encoding.utf32": (
        "the file is UTF-32; save it as UTF-8",
        "文件是 UTF-32 编码，请另存为 UTF-8",
    ),
    "encoding.utf16": (
        "the file is UTF-16; save it as UTF-8",
        "文件是 UTF-16 编码，请另存为 UTF-8",
    ),
    "encoding.no-bom": (
        "the file looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8",
        "文件看起来是不带字节序标记的 UTF-16 或 UTF-32 编码，请另存为 UTF-8",
    ),
    "encoding.invalid": (
        "invalid UTF-8 (byte 0x{byte}); save the file as UTF-8",
        "不是有效的 UTF-8（字节 0x{byte}），请把文件另存为 UTF-8",
    ),
    "encoding.stray": (
        "byte 0x{byte} is not UTF-8, though the text before it is: a character pasted from "
        "another encoding",
        "字节 0x{byte} 不是 UTF-8，但它前面的文字都是：这是从其他编码粘贴进来的一个字符",
    ),
    "encoding.stray.hint": (
        "type the character at this place again (the rest of the file is right as it is)",
        "在这个位置重新输入这个字符（文件其余部分不用改）",
    ),
    "encoding.surrogate": (
        "a lone surrogate (U+D800 to U+DFFF), which no text may hold: delete it",
        "孤立的代理码位（U+D800 到 U+DFFF），任何文字都不能包含它：请删除",
    ),
    "encoding.saved-as": (
        "byte 0x{byte} is not UTF-8: the file looks saved as {encoding}, where it reads '{shown}'",
        "字节 0x{byte} 不是 UTF-8：文件看起来是以 {encoding} 编码保存的，按它读作 '{shown}'",
    ),
    "encoding.resave": (
        "reopen the file in that encoding and save it as UTF-8 (in VS Code: Reopen with "
        "Encoding, then Save with Encoding)",
        "用该编码重新打开文件，再另存为 UTF-8（VS Code：“通过编码重新打开”，再“通过编码保存”）",
    ),
    "yaml-syntax": ("YAML syntax: {detail}", "YAML 语法错误：{detail}"),
    "yaml-escape": (
        "a backslash inside double quotes starts an escape, and `{escape}` is none",
        "双引号里的反斜杠表示转义，而 `{escape}` 不是有效的转义",
    ),
    "yaml-escape.hex": (
        "a backslash inside double quotes starts an escape, and `{escape}` wants hexadecimal "
        "digits after it",
        "双引号里的反斜杠表示转义，而 `{escape}` 后面应当是十六进制数字",
    ),
    "yaml-escape.hint": (
        "write `/` between folders: {slashed}; or use single quotes, inside which a "
        "backslash is itself: {single}",
        "文件夹之间请用 `/` 分隔：{slashed}；或改用单引号，单引号里的反斜杠就是它本身：{single}",
    ),
    "control-character.escaped": (
        "`{escape}` inside double quotes is the control character {char}, not a backslash "
        "and a letter",
        "双引号里的 `{escape}` 是控制字符 {char}，而不是反斜杠加字母",
    ),
    "yaml-syntax.hint": (
        "fix the syntax at the position shown; quote any text that holds `: ` or ` #`",
        "在标出的位置修正语法；含有 `: ` 或 ` #` 的文字请加引号",
    ),
    "libyaml.expected-key": ("{detail}", "这里应当是一个键（`键: 值`），但没有找到"),
    "libyaml.expected-dash": ("{detail}", "这一行在列表里，却没有以 `- ` 开头"),
    "libyaml.bad-character": ("{detail}", "这里的字符不能作为一个值的开头"),
    "libyaml.block-scalar": ("{detail}", "`|` 或 `>` 之后只能换行（或写注释），文字写在下一行"),
    "libyaml.mapping-values": ("{detail}", "这里不能出现 `: `"),
    "libyaml.sequence-entries": ("{detail}", "这里不能开始一个列表项 `- `"),
    "libyaml.no-content": ("{detail}", "这里缺少内容"),
    "libyaml.version": ("{detail}", "不支持这个 YAML 版本，请删掉 `%YAML` 这一行"),
    "libyaml.block-end": ("{detail}", "这一行和上面的内容对不齐"),
    "json-syntax": ("not strict JSON: {detail}", "不是严格的 JSON：{detail}"),
    "json-syntax.infinite": (
        "not strict JSON: {value} is not a finite number",
        "不是严格的 JSON：{value} 不是有限数值",
    ),
    "json-syntax.bare": (
        "not strict JSON: {value} is not a JSON value; quote text",
        "不是严格的 JSON：{value} 不是 JSON 值，文字请加双引号",
    ),
    "multiple-documents": (
        "the file holds more than one YAML document; keep one PRD per file",
        "文件里有不止一个 YAML 文档，一个文件只放一份 PRD",
    ),
    "empty-document": (
        "the file holds no document (it is empty or only comments)",
        "文件里没有内容（为空或只有注释）",
    ),
    "not-a-mapping.list": (
        "the document is a list; it must be a mapping of sections (prdkit:, meta:…)",
        "文档的顶层是一个列表，应当是由各章节组成的映射（prdkit:、meta: 等）",
    ),
    "not-a-mapping.value": (
        "the document is a single value; it must be a mapping of sections (prdkit:, meta:…)",
        "文档的顶层只有一个值，应当是由各章节组成的映射（prdkit:、meta: 等）",
    ),
    "duplicate-key": ("duplicate key '{key}'", "键 '{key}' 重复"),
    "duplicate-key.first": (
        "duplicate key '{key}' (first at line {line})",
        "键 '{key}' 重复（第一次出现在第 {line} 行）",
    ),
    "key-not-string": (
        "mapping key '{key}' is not text; quote it",
        "键 '{key}' 不是文字，请加引号",
    ),
    "key-not-string.empty": (
        "mapping key empty is not text; quote it",
        "键为空，请填写键名或加引号",
    ),
    "key-not-string.complex": (
        "a mapping key must be text, not a list or mapping",
        "键必须是文字，不能是列表或映射",
    ),
    "explicit-tag": (
        "explicit tag '{tag}' is not allowed; PRD values are plain",
        "不支持显式标签 '{tag}'，PRD 里的值只能是普通文字、数字、列表或映射",
    ),
    "alias.anchor": (
        "YAML anchor '&{name}' — anchors and aliases are not supported; write the value out",
        "YAML 锚点 '&{name}'：不支持锚点和别名，请把值完整写出来",
    ),
    "alias.alias": (
        "YAML alias '*{name}' — anchors and aliases are not supported; write the value out",
        "YAML 别名 '*{name}'：不支持锚点和别名，请把值完整写出来",
    ),
    "alias.hint": (
        "write the value out where it is used; if this was text, quote it: `{fix}`",
        "在用到的地方把值完整写出来；如果这本来是一段文字，请加引号：`{fix}`",
    ),
    "merge-key": (
        "merge keys ('<<') are not supported; write the keys out",
        "不支持合并键（'<<'），请把各个键完整写出来",
    ),
    "control-character": (
        "control or non-character {char} in the text",
        "文字中有控制字符或非字符 {char}",
    ),
    "control-character.escape": (
        "text holds the control or non-character {char}",
        "文字中含有控制字符或非字符 {char}",
    ),
    "too-deep": ("nesting is too deep", "嵌套层级太深"),
    "too-deep.limit": ("nesting is deeper than {limit} levels", "嵌套超过了 {limit} 层"),
    "too-many-nodes": (
        "the document has more than {limit} keys and values",
        "文档中的键和值超过了 {limit} 个",
    ),
    "markdown-budget": (
        "the Markdown fields hold {total} marks in all, over the budget of {limit}, "
        "which runs out at {name}",
        "Markdown 字段共有 {total} 个标记，超过了 {limit} 的上限，在 {name} 处已用完",
    ),
    "bad-number.digits": (
        "integer with more than {limit} digits; quote it to keep it as text",
        "整数超过了 {limit} 位；如果要当作文字，请加引号",
    ),
    "bad-number.length": (
        "number with more than {limit} characters; quote it to keep it as text",
        "数字超过了 {limit} 个字符；如果要当作文字，请加引号",
    ),
    "bad-number.large": (
        "number '{value}' is too large; quote it to keep it as text",
        "数字 '{value}' 太大；如果要当作文字，请加引号",
    ),
    "bad-number.infinite": (
        "'{value}' is not a finite number; quote it to keep it as text",
        "'{value}' 不是有限数值；如果要当作文字，请加引号",
    ),
    "string-too-long": (
        "text of {length} characters, over the limit of {limit}",
        "文字有 {length} 个字符，超过了 {limit} 的上限",
    ),
    "string-too-long.hint": (
        "shorten the text or move it to a linked document",
        "精简文字，或移到单独的文档再链接过来",
    ),
    "markdown-too-long": (
        "{name} has {length} characters of Markdown, over the limit of {limit}",
        "{name} 的 Markdown 有 {length} 个字符，超过了 {limit} 的上限",
    ),
    # -- YAML mistakes in plain words
    "yaml-indicator": (
        "the text starting with '{char}' is not read as text: YAML takes a leading '{char}' "
        "as {meaning}",
        "以 '{char}' 开头的内容没有被当作文字：YAML 把开头的 '{char}' 理解为{meaning}",
    ),
    "yaml-indicator.hint": ("quote the text: `{fix}`", "给这段文字加上引号：`{fix}`"),
    "indicator.*": ("an alias (a reference to an anchor)", "别名（引用锚点）"),
    "indicator.&": ("an anchor", "锚点"),
    "indicator.!": ("a tag", "标签"),
    "indicator.@": ("a reserved character", "保留字符"),
    "indicator.`": ("a reserved character", "保留字符"),
    "indicator.%": ("a directive", "指令"),
    "indicator.|": ("the start of a block of literal text", "多行文字块的开始"),
    "indicator.>": ("the start of a block of folded text", "折叠文字块的开始"),
    "indicator.[": ("the start of a list", "列表的开始"),
    "indicator.{": ("the start of a mapping", "映射（键: 值）的开始"),
    'indicator."': (
        "a quoted text that ends before the line does",
        "一段在行尾之前就结束的引号文字",
    ),
    "indicator.'": (
        "a quoted text that ends before the line does",
        "一段在行尾之前就结束的引号文字",
    ),
    "yaml-indentation": (
        "{what} '{name}' is indented by {spaces}, but {other} '{sibling}' on line {line}, "
        "which it belongs with, by {expected}",
        "{what} '{name}' 缩进了 {spaces}，而与它同级的{other} '{sibling}'（第 {line} 行）"
        "缩进了 {expected}",
    ),
    "yaml-indentation.full-width-space": (
        "this line is indented with a full-width space (U+3000), which YAML does not count as "
        "indentation",
        "这一行用全角空格（U+3000）缩进，YAML 不把它算作缩进",
    ),
    "yaml-indentation.full-width-dash": (
        "this line starts a list item with '{dash}', which YAML does not read as the hyphen "
        "that starts one",
        "这一行用 '{dash}' 开始列表项，YAML 只认半角连字符 '-'",
    ),
    "yaml-indentation.hyphen": (
        "'-{item}' has no space after its hyphen: YAML starts a list item with '-' and a"
        " space only",
        "'-{item}' 的连字符后面没有空格：YAML 只把 '-' 加一个空格当作列表项的开头",
    ),
    "yaml-indentation.hyphen.hint": (
        "put a space after the hyphen: `{fixed}`",
        "在连字符后面加一个空格：`{fixed}`",
    ),
    "yaml-indentation.full-width-after-hyphen": (
        "the space after this list item's hyphen is full-width (U+3000): YAML reads the "
        "hyphen and what follows as one piece of text, not an item",
        "这个列表项的连字符后面是全角空格（U+3000）：YAML 会把连字符和后面的内容读成一整段文字，"
        "而不是一个列表项",
    ),
    "yaml-missing-colon.full-width-space": (
        "the space after this colon is full-width (U+3000): YAML reads the key, the colon and "
        "the value as one piece of text",
        "这个冒号后面是全角空格（U+3000）：YAML 会把键、冒号和值读成一整段文字",
    ),
    "yaml-missing-colon.full-width-space.hint": (
        "type a half-width space after the colon: `{fix}` (switch the input method to half-width)",
        "在冒号后面改打半角空格：`{fix}`（把输入法切换到半角）",
    ),
    "yaml-indentation.full-width.hint": (
        "type it in half-width (ASCII) characters: spaces to indent, '-' and a space for an "
        "item (switch the input method to half-width)",
        "改用半角字符：用半角空格缩进，列表项用 '-' 加一个空格（把输入法切换到半角）",
    ),
    "yaml-indentation.hint": (
        "indent '{name}' by {expected}, like '{sibling}'",
        "把 '{name}' 缩进 {expected}，和 '{sibling}' 对齐",
    ),
    "yaml-indentation.list": (
        "the key '{name}' is indented by {spaces}, as far in as the `- ` items of '{sibling}' "
        "(line {line}), so YAML expected another item there; it belongs with '{sibling}', "
        "which is indented by {expected}",
        "键 '{name}' 缩进了 {spaces}，和 '{sibling}'（第 {line} 行）下面的 `- ` 列表项对齐了，"
        "YAML 因此以为这里还应该是一个列表项；它应当和缩进 {expected}的 '{sibling}' 同级",
    ),
    "yaml-indentation.items": (
        "the key '{name}' is indented by {spaces}, as far in as the `- ` items of '{sibling}' "
        "(line {line}), so YAML expected another item there",
        "键 '{name}' 缩进了 {spaces}，和 '{sibling}'（第 {line} 行）下面的 `- ` 列表项对齐了，"
        "YAML 因此以为这里还应该是一个列表项",
    ),
    "yaml-indentation.hint.items": (
        "if '{name}' belongs to the item '{item}', indent it by {inner}, like '{key}'; "
        "if it belongs with '{sibling}', by {expected}",
        "如果 '{name}' 属于列表项 '{item}'，请缩进 {inner}，和 '{key}' 对齐；"
        "如果它和 '{sibling}' 同级，请缩进 {expected}",
    ),
    "spaces": ("{count} spaces", "{count} 个空格"),
    "spaces.one": ("1 space", "1 个空格"),
    "indent.key": ("the key", "键"),
    "indent.item": ("the list item", "列表项"),
    "yaml-unclosed.quote": (
        "the quote {char} opened here is not closed on its line; YAML read on to line {end}",
        "这里开始的引号 {char} 在本行没有闭合，YAML 一直读到了第 {end} 行",
    ),
    "yaml-unclosed.quote.eof": (
        "the quote {char} opened here is never closed",
        "这里开始的引号 {char} 一直没有闭合",
    ),
    "yaml-unclosed.bracket": (
        "the bracket {char} opened here is not closed",
        "这里开始的括号 {char} 没有闭合",
    ),
    "yaml-unclosed.hint.quote": (
        "end the text with {char} on the same line, or quote it with the other kind of quote",
        "在同一行用 {char} 结束这段文字，或者换用另一种引号",
    ),
    "yaml-unclosed.hint.bracket": (
        "close it with {close}, or quote the text if the {char} is part of it",
        "用 {close} 闭合；如果 {char} 本来就是文字的一部分，请给整段文字加引号",
    ),
    "yaml-tab": (
        "a tab character is used for indentation; YAML indents with spaces only",
        "缩进里用了 Tab 字符，YAML 只能用空格缩进",
    ),
    "yaml-tab.hint": (
        "replace the tab with spaces (set your editor to insert spaces for Tab)",
        "把 Tab 换成空格（可以把编辑器设置为按 Tab 时插入空格）",
    ),
    "yaml-colon": (
        "the text after '{key}:' holds `: `, which YAML reads as the start of another key",
        "'{key}:' 后面的文字里有 `: `，YAML 会把它当作另一个键的开始",
    ),
    "yaml-colon.hint": ("quote the text: `{fix}`", "给这段文字加上引号：`{fix}`"),
    "yaml-missing-colon": (
        "'{text}' stands on a line of its own: YAML expected `key: value` or `- item` here",
        "'{text}' 单独占了一行：这里应当是 `键: 值` 或 `- 列表项`",
    ),
    "yaml-missing-colon.hint": (
        "if it is a key, add `: ` after it; if it continues the text above, indent it under "
        "that text (or write the text as a `|` block)",
        "如果它是一个键，请在后面加上 `: `；如果它是上一行文字的延续，请把它缩进到那段文字下面"
        "（或者把那段文字写成 `|` 文字块）",
    ),
    "yaml-missing-colon.block": (
        "the lines of a `|` block are indented deeper than its key: indent them further than"
        " `{key}:`",
        "`|` 文字块的各行要比它的键缩进得更深：请把它们缩进到 `{key}:` 的右边",
    ),
    "yaml-missing-colon.full-width": (
        "the key '{key}' is followed by a full-width colon '：', which YAML does not read as "
        "the end of a key",
        "键 '{key}' 后面是全角冒号 '：'（中文输入法打出来的），YAML 不把它当作键的结尾",
    ),
    "yaml-missing-colon.full-width.hint": (
        "type the colon in half-width, followed by a space: `{fix}`",
        "把它换成半角冒号并在后面空一格：`{fix}`",
    ),
    "comment-in-text": (
        "the text after ` #` was read as a comment and dropped: '{dropped}'",
        "` #` 之后的文字被当作注释丢掉了：'{dropped}'",
    ),
    "comment-in-text.hint": (
        "quote the value to keep it: `{fix}`; a deliberate comment takes two spaces before `#`",
        "给整个值加上引号就能保留：`{fix}`；如果确实是注释，请在 `#` 前空两格",
    ),
    # -- structure
    "schema-required": ("missing required field '{key}'", "缺少必填字段 '{key}'"),
    "schema-required.in": (
        "missing required field '{key}' in {name}",
        "{name} 缺少必填字段 '{key}'",
    ),
    "schema-unknown-key": ("unknown key '{key}'", "未知的键 '{key}'"),
    "schema-unknown-key.full-width": (
        "the key starts with full-width spaces (U+3000), which YAML does not count as"
        " indentation: indent '{key}' with half-width spaces",
        "这个键以全角空格（U+3000）开头，YAML 不把它算作缩进：请用半角空格缩进 '{key}'",
    ),
    "schema-unknown-key.in": ("unknown key '{key}' in {name}", "{name} 中有未知的键 '{key}'"),
    "schema-unknown-key.guess": (
        "unknown key '{key}' — did you mean '{guess}'?",
        "未知的键 '{key}'，是不是想写 '{guess}'？",
    ),
    "schema-unknown-key.in.guess": (
        "unknown key '{key}' in {name} — did you mean '{guess}'?",
        "{name} 中有未知的键 '{key}'，是不是想写 '{guess}'？",
    ),
    "schema-unknown-key.allowed": ("allowed here: {allowed}", "这里可以用的键：{allowed}"),
    "schema-unknown-key.allowed-or-team": (
        "allowed here: {allowed}; or, for a field of your team's own, name it 'x-{key}'",
        "这里可以用的键：{allowed}；如果是团队自己的字段，请命名为 'x-{key}'",
    ),
    "schema-enum": (
        "{name} must be one of {choices} (got {got})",
        "{name} 只能是以下之一：{choices}（现在是 {got}）",
    ),
    "schema-enum.hint": ("write '{choice}'", "写成 '{choice}'"),
    "schema-enum.team-label": (
        "'{value}' is the team's label for '{choice}', shown in the outputs: write '{choice}'",
        "'{value}' 是团队给 '{choice}' 起的显示名称，只用于输出：请写 '{choice}'",
    ),
    "schema-enum.label": (
        "'{value}' is how the outputs show '{choice}': write '{choice}'",
        "'{value}' 是 '{choice}' 在输出里的显示名称：请写 '{choice}'",
    ),
    "schema-type": ("{name} must be {wanted} (got {got})", "{name} 应当是{wanted}（现在是{got}）"),
    "schema-type.quote": (
        "put the value in quotes: unquoted, YAML reads it as a number (1.10 as 1.1)",
        "给这个值加上引号：不加引号时 YAML 把它读成数字（1.10 会变成 1.1）",
    ),
    "schema-type.quote-bool": (
        "put the value in quotes: unquoted, YAML reads true and false as a yes-or-no value",
        "给这个值加上引号：不加引号时 YAML 把 true 和 false 读成真假值",
    ),
    "schema-type.number": (
        "write the number alone: {number} (a unit or separator makes it text)",
        "只写数字：{number}（带上单位或分隔符就成了文字）",
    ),
    "schema-type.colon-bare": (
        "a colon and a space make YAML read {key} as a key: put the whole text in double quotes",
        "冒号加空格会让 YAML 把 {key} 读成键：请给整段文字加上双引号",
    ),
    "schema-type.as-list": (
        "write it as a list: each item on a line of its own, starting with '- '",
        "请写成列表：每一项单独一行，以 '- ' 开头",
    ),
    "schema-type.yes-no": (
        "write {value}: YAML reads {text} as text",
        "请写 {value}：YAML 把 {text} 读成文字",
    ),
    "schema-type.list-item": (
        "a list item starts with '-' and a space: put a space after it (an ASCII hyphen)",
        "列表项以 '-' 加一个空格开头：在它后面加一个空格（用半角连字符）",
    ),
    "schema-type.wide-brackets": (
        "a list is written in half-width brackets and commas: {fix}",
        "列表要用半角方括号和逗号：{fix}",
    ),
    "schema-pattern.id.full-width": (
        "{name} {value} is not a valid id: the '{char}' at column {column} is a full-width "
        "character, and ids are written in half-width (ASCII) characters",
        "{name} {value} 不是有效的编号：第 {column} 列的 '{char}' 是全角字符，"
        "编号只能用半角（英文）字符",
    ),
    "schema-pattern.id.full-width.many": (
        "{name} {value} is not a valid id: it holds the full-width characters {chars}, the "
        "first at column {column}, and ids are written in half-width (ASCII) characters",
        "{name} {value} 不是有效的编号：含有全角字符 {chars}（第一个在第 {column} 列），"
        "编号只能用半角（英文）字符",
    ),
    "schema-pattern.id.full-width.unplaced": (
        "{name} {value} is not a valid id: the '{char}' is a full-width character, and ids "
        "are written in half-width (ASCII) characters",
        "{name} {value} 不是有效的编号：其中的 '{char}' 是全角字符，编号只能用半角（英文）字符",
    ),
    "schema-pattern.id.full-width.many.unplaced": (
        "{name} {value} is not a valid id: it holds the full-width characters {chars}, and "
        "ids are written in half-width (ASCII) characters",
        "{name} {value} 不是有效的编号：含有全角字符 {chars}，编号只能用半角（英文）字符",
    ),
    "schema-pattern.id.full-width.hint": (
        "switch the input method to half-width and write `{fix}`",
        "把输入法切换到半角，写成 `{fix}`",
    ),
    "schema-pattern.id.wide-comma": (
        "part the ids with a half-width comma: {fix}",
        "编号之间用半角逗号分隔：{fix}",
    ),
    "schema-type.list-dash": (
        "a list item starts with the half-width hyphen '-' and a space, not '{dash}'",
        "列表项以半角连字符 '-' 加一个空格开头，不是 '{dash}'",
    ),
    "schema-pattern.invisible": (
        "{name} {value} holds the invisible character {char}, as text copied from a Word "
        "file or a web page does",
        "{name} {value} 含有看不见的字符 {char}，从 Word 文件或网页复制的文字常带有它",
    ),
    "schema-pattern.invisible.hint": (
        "delete it: write `{fix}`",
        "删掉它：写成 `{fix}`",
    ),
    "schema-pattern.id": (
        "{name} {value} is not a valid id: start with a letter, then letters, digits, '_', "
        "'.' or '-'",
        "{name} {value} 不是有效的编号：须以英文字母开头，"
        "后面只能是英文字母、数字、'_'、'.' 或 '-'",
    ),
    "schema-pattern.digest": (
        "{name} must be 'sha256:' followed by 64 lower-case hex digits",
        "{name} 须为 'sha256:' 加 64 位小写十六进制数字",
    ),
    "schema-pattern.date": (
        "{name} {value} is not a date; write YYYY-MM-DD",
        "{name} {value} 不是日期，请写成 YYYY-MM-DD",
    ),
    "schema-pattern.other": (
        "{name} {value} does not have the expected form. {described}",
        "{name} {value} 的格式不对。{described}",
    ),
    "schema-pattern.event": (
        "{name} {value} is not a valid event name: a lower-case letter, then lower-case "
        "letters, digits, '_' or '.'",
        "{name} {value} 不是有效的事件名：须以小写字母开头，后面只能是小写字母、数字、'_' 或 '.'",
    ),
    "schema-pattern.event.hint": (
        "write it as the client sends it, such as `flash_sale.buy_click`",
        "按客户端上报的写法填写，例如 `flash_sale.buy_click`",
    ),
    "schema-pattern.url": (
        "{name} {value} is not a link: start it with https://, http:// or mailto:",
        "{name} {value} 不是链接：须以 https://、http:// 或 mailto: 开头",
    ),
    "schema-pattern.url.hint": (
        "write the whole address, such as `https://wiki.example.com/prd`",
        "写完整的地址，例如 `https://wiki.example.com/prd`",
    ),
    "schema-pattern.digest.hint": (
        "`prdkit approve` writes the digest; do not type it by hand",
        "摘要由 `prdkit approve` 写入，不要手动填写",
    ),
    "schema-date.hint": (
        "write the date as YYYY-MM-DD, such as 2026-03-01",
        "日期写成 YYYY-MM-DD，例如 2026-03-01",
    ),
    "schema-pattern.other.hint": (
        "write it in the form described above",
        "按上面说明的格式填写",
    ),
    "schema-pattern.key": (
        "'{key}' is not a valid id for a key of {name}",
        "'{key}' 不能用作 {name} 的键：不是有效的编号",
    ),
    "schema-date": (
        "{name} {value} is not a real date (YYYY-MM-DD)",
        "{name} {value} 不是真实存在的日期（YYYY-MM-DD）",
    ),
    "schema-range.minimum": (
        "{name} must be at least {limit} (got {got})",
        "{name} 不能小于 {limit}（现在是 {got}）",
    ),
    "schema-range.maximum": (
        "{name} must be at most {limit} (got {got})",
        "{name} 不能大于 {limit}（现在是 {got}）",
    ),
    "schema-range.exclusiveMinimum": (
        "{name} must be more than {limit} (got {got})",
        "{name} 必须大于 {limit}（现在是 {got}）",
    ),
    "schema-range.exclusiveMaximum": (
        "{name} must be less than {limit} (got {got})",
        "{name} 必须小于 {limit}（现在是 {got}）",
    ),
    "schema-count.min.item": ("{name} needs at least {limit} items", "{name} 至少需要 {limit} 项"),
    "schema-count.min.item.one": ("{name} needs at least 1 item", "{name} 至少需要 1 项"),
    "schema-count.max.item": ("{name} allows at most {limit} items", "{name} 最多 {limit} 项"),
    "schema-count.max.item.one": ("{name} allows at most 1 item", "{name} 最多 1 项"),
    "schema-count.min.character": (
        "{name} needs at least {limit} characters",
        "{name} 至少需要 {limit} 个字符",
    ),
    "schema-count.min.character.one": (
        "{name} needs at least 1 character",
        "{name} 至少需要 1 个字符",
    ),
    "schema-count.max.character": (
        "{name} allows at most {limit} characters",
        "{name} 最多 {limit} 个字符",
    ),
    "schema-count.max.character.one": ("{name} allows at most 1 character", "{name} 最多 1 个字符"),
    "schema-const": ("{name} must be {value} (got {got})", "{name} 必须是 {value}（现在是 {got}）"),
    "schema-exclusive": (
        "'{other}' cannot be used together with '{trigger}'; keep one of them",
        "'{other}' 和 '{trigger}' 不能同时使用，请只保留其中一个",
    ),
    "schema.not-allowed": ("{name} is not allowed here", "这里不能有 {name}"),
    "schema": ("{name}: {detail}", "{name}：{detail}"),
    # -- references
    "ref.lists": ("{owner} lists '{target}' under {field}", "{owner} 的 {field} 里写了 '{target}'"),
    "ref.matrix-row": (
        "competition.matrix has a row for '{key}'",
        "competition.matrix 里有一行 '{key}'",
    ),
    "ref.matrix-row.hint": (
        "matrix rows are competitor ids, or 'us' for this product",
        "对比矩阵的每一行应是竞品编号，本产品写 'us'",
    ),
    "ref.guards": ("{owner} guards '{action}'", "{owner} 防护的操作是 '{action}'"),
    "ref.approver": ("{owner} names '{role}' as approver", "{owner} 指定 '{role}' 为审批人"),
    "ref.grants-entry": (
        "permissions.grants has an entry for '{role}'",
        "permissions.grants 里有 '{role}' 一项",
    ),
    "ref.grants-action": (
        "permissions.grants gives '{role}' the action '{action}'",
        "permissions.grants 给 '{role}' 授予了操作 '{action}'",
    ),
    "ref.kinds.or": ("{a} or {b}", "{a}或{b}"),
    "unresolved-reference": (
        "{intro}, but no item has the id '{target}'",
        "{intro}，但没有任何条目的编号是 '{target}'",
    ),
    "unresolved-reference.by-name": (
        "'{target}' is the name of {id}; a reference gives the id: write {id}",
        "'{target}' 是 {id} 的名称；引用要写编号：请写 {id}",
    ),
    "unresolved-reference.hint": (
        "fix the spelling of the id, or add the item it names",
        "检查编号的拼写，或者补上它指向的条目",
    ),
    "wrong-kind-reference": (
        "{intro}, but '{target}' is {kind}",
        "{intro}，但 '{target}' 是{kind}",
    ),
    "wrong-kind-reference.hint": ("{field} takes {kinds} ids", "{field} 里应填{kinds}的编号"),
    "duplicate-id": (
        "{kind} '{id}' reuses the id of {other} '{other_id}' on line {line}",
        "{kind} '{id}' 与第 {line} 行的{other} '{other_id}' 编号重复",
    ),
    "duplicate-id.hint": (
        "ids are unique across the whole document, whatever the kind of item",
        "整份文档里的编号都不能重复，不论条目类型",
    ),
    # -- cycles
    "cycle.depends": (
        "{subject} depends on {member}, {links}",
        "{subject} 依赖 {member}，{links}",
    ),
    "cycle.depends.which": ("which depends on {member}", "后者又依赖 {member}"),
    "cycle.depends.self": ("{subject} depends on itself", "{subject} 依赖它自己"),
    "cycle.inherits": (
        "{subject} inherits from {member}, {links}",
        "{subject} 继承自 {member}，{links}",
    ),
    "cycle.inherits.which": ("which inherits from {member}", "后者又继承自 {member}"),
    "cycle.inherits.self": ("{subject} inherits from itself", "{subject} 继承自它自己"),
    "cycle.more": ("… {count} more …", "……中间还有 {count} 个……"),
    "cycle.hint": (
        "remove one {field} entry of the cycle; this one closes it",
        "删掉环中的一条 {field}，这一条正是使它闭合的那条",
    ),
    # -- dates
    "date-order.meta": (
        "meta.updated ({updated}) is before meta.created ({created})",
        "meta.updated（{updated}）早于 meta.created（{created}）",
    ),
    "date-order.milestone": (
        "milestone {id} is due on {due}, before it starts ({start})",
        "里程碑 {id} 的截止日期 {due} 早于开始日期 {start}",
    ),
    "date-order.resource": (
        "resource {who} ends on {to}, before it starts ({start})",
        "资源 {who} 的结束日期 {to} 早于开始日期 {start}",
    ),
    "date-order.campaign": (
        "campaign {id} ends on {end}, before it starts ({start})",
        "活动 {id} 的结束日期 {end} 早于开始日期 {start}",
    ),
    "date-order.hint": ("swap or correct the dates", "对调或更正这两个日期"),
    "milestone-before-dependency": (
        "milestone {id} starts on {start}, before milestone {dep}, which it depends on, "
        "is due ({dep_due})",
        "里程碑 {id} 在 {start} 开始，但它依赖的里程碑 {dep} 要到 {dep_due} 才到期",
    ),
    "milestone-before-dependency.no-start": (
        "milestone {id} has no start and is due on {due}, before milestone {dep}, which it "
        "depends on, is due ({dep_due})",
        "里程碑 {id} 没有开始日期、{due} 到期，但它依赖的里程碑 {dep} 要到 {dep_due} 才到期",
    ),
    "milestone-before-dependency.hint": (
        "start {id} on or after {dep_due}, or drop the dependency",
        "让 {id} 在 {dep_due} 当天或之后开始，或者去掉这个依赖",
    ),
    # -- flows
    "duplicate-step-id": (
        "flow {flow} has a second step with the id '{step}'",
        "流程 {flow} 中有两个步骤的编号都是 '{step}'",
    ),
    "duplicate-step-id.hint": (
        "step ids are unique within their flow",
        "同一流程内的步骤编号不能重复",
    ),
    "unknown-step": (
        "step {step} of flow {flow} goes to '{target}', which is not a step of this flow",
        "流程 {flow} 的步骤 {step} 指向 '{target}'，但本流程没有这个步骤",
    ),
    "unknown-step.hint": (
        "name a step of this flow; steps of other flows cannot be targets",
        "请填写本流程中的步骤编号，不能指向其他流程的步骤",
    ),
    "unreachable-step": (
        "step {step} of flow {flow} cannot be reached from its first step {first}",
        "流程 {flow} 的步骤 {step} 从第一步 {first} 出发走不到",
    ),
    "unreachable-step.followers": (
        "step {step} of flow {flow} cannot be reached from its first step {first} "
        "(nor can {shown}, which follow it)",
        "流程 {flow} 的步骤 {step} 从第一步 {first} 出发走不到（它后面的 {shown} 也走不到）",
    ),
    "unreachable-step.followers.more": (
        "step {step} of flow {flow} cannot be reached from its first step {first} "
        "(nor can {shown} and {more} more, which follow it)",
        "流程 {flow} 的步骤 {step} 从第一步 {first} 出发走不到（它后面的 {shown} 等另外 "
        "{more} 个步骤也走不到）",
    ),
    "unreachable-step.hint": (
        "lead to it with `next` or a branch from an earlier step, or remove it",
        "在前面的步骤里用 `next` 或分支指向它，或者删掉它",
    ),
    "unknown-actor": (
        "step {step} of flow {flow} is done by '{actor}', who is not among the flow's actors "
        "({actors})",
        "流程 {flow} 的步骤 {step} 由 '{actor}' 执行，但它不在本流程的参与者（{actors}）之中",
    ),
    "unknown-actor.hint": ("add the actor to the flow's `actors`", "把它加到流程的 `actors` 里"),
    # -- market, competition, metrics
    "market-size-order": (
        "market_size: {small} ({small_value}) is larger than {big} ({big_value})",
        "market_size：{small}（{small_value}）大于 {big}（{big_value}）",
    ),
    "market-size-order.hint": (
        "TAM ≥ SAM ≥ SOM: each market is part of the one before",
        "应满足 TAM ≥ SAM ≥ SOM：后一个市场是前一个的一部分",
    ),
    "undeclared-dimension": (
        "competition.matrix row '{row}' compares '{dimension}', which is not listed in "
        "competition.dimensions",
        "competition.matrix 中 '{row}' 这一行比较了 '{dimension}'，但它不在 "
        "competition.dimensions 里",
    ),
    "undeclared-dimension.hint": (
        "add it to competition.dimensions",
        "把它加到 competition.dimensions 里",
    ),
    "metric-direction.increase": (
        "metric {id} should increase, but its target {target} is below its baseline {baseline}",
        "指标 {id} 应当提升，但目标值 {target} 低于基线 {baseline}",
    ),
    "metric-direction.decrease": (
        "metric {id} should decrease, but its target {target} is above its baseline {baseline}",
        "指标 {id} 应当降低，但目标值 {target} 高于基线 {baseline}",
    ),
    "metric-direction.increase.labelled": (
        "metric {id} is to go '{label}', but its target {target} is below its baseline {baseline}",
        "指标 {id} 的方向是“{label}”，但目标值 {target} 低于基线 {baseline}",
    ),
    "metric-direction.decrease.labelled": (
        "metric {id} is to go '{label}', but its target {target} is above its baseline {baseline}",
        "指标 {id} 的方向是“{label}”，但目标值 {target} 高于基线 {baseline}",
    ),
    "metric-direction.hint": (
        "fix the target or the baseline, or change `direction`",
        "更正目标值或基线，或者修改 `direction`",
    ),
    # -- permissions
    "separation-of-duties": (
        "role {role} holds {actions}, which separation_of_duties #{n} keeps apart",
        "角色 {role} 同时拥有 {actions}，而 separation_of_duties 第 {n} 条要求分开",
    ),
    "separation-of-duties.inherited": (
        "role {role} holds {actions} ({inherited} inherited), which separation_of_duties #{n} "
        "keeps apart",
        "角色 {role} 同时拥有 {actions}（其中 {inherited} 为继承所得），而 "
        "separation_of_duties 第 {n} 条要求分开",
    ),
    "separation-of-duties.hint": (
        "grant these actions to different roles",
        "把这些操作分别授予不同的角色",
    ),
    "guardrail-without-approver.approval": (
        "guardrail {id} is an approval of '{action}' but names no approver",
        "防护规则 {id} 是对 '{action}' 的审批，但没有指定审批人",
    ),
    "guardrail-without-approver.confirmation": (
        "guardrail {id} is a confirmation of '{action}' but names no approver",
        "防护规则 {id} 是对 '{action}' 的二次确认，但没有指定确认人",
    ),
    "guardrail-without-approver.approval.labelled": (
        "guardrail {id} is a '{label}' of '{action}' but names no approver",
        "防护规则 {id} 是对 '{action}' 的“{label}”，但没有指定审批人",
    ),
    "guardrail-without-approver.confirmation.labelled": (
        "guardrail {id} is a '{label}' of '{action}' but names no approver",
        "防护规则 {id} 是对 '{action}' 的“{label}”，但没有指定确认人",
    ),
    "guardrail-without-approver.hint": (
        "add `approver:` with a role that is not granted the action",
        "加上 `approver:`，填一个没有该操作权限的角色",
    ),
    "four-eyes": (
        "guardrail {id} has role {role} approve '{action}', but {role} may do '{action}' itself",
        "防护规则 {id} 让角色 {role} 审批 '{action}'，但 {role} 自己就能执行 '{action}'",
    ),
    "four-eyes.inherited": (
        "guardrail {id} has role {role} approve '{action}', but {role} may do '{action}' "
        "itself (inherited)",
        "防护规则 {id} 让角色 {role} 审批 '{action}'，但 {role} 通过继承自己就能执行 '{action}'",
    ),
    "four-eyes.hint": (
        "choose an approver role that is not granted the guarded action",
        "换一个没有该操作权限的角色来审批",
    ),
    "unguarded-high-risk-action": (
        "action {id} is high-risk, but no guardrail protects it",
        "操作 {id} 是高风险操作，但没有任何防护规则",
    ),
    "unguarded-high-risk-action.hint": (
        "add a guardrail (approval, confirmation, limit, monitoring or block)",
        "加一条防护规则（审批、二次确认、限额、监控告警或禁止）",
    ),
    # -- traceability and completeness
    "feature-without-requirement": (
        "feature {id} traces to no requirement",
        "功能 {id} 没有关联任何需求",
    ),
    "feature-without-requirement.hint": (
        "list the requirements it meets under `requirements`",
        "在它的 `requirements` 下列出它满足的需求",
    ),
    "must-without-feature": (
        "must-have requirement {id} is not delivered by any feature",
        "必须实现的需求 {id} 没有任何功能来交付",
    ),
    "must-without-feature.hint": (
        "list {id} under `requirements` of the feature that delivers it",
        "在交付它的功能的 `requirements` 下写上 {id}",
    ),
    "core-section-missing.missing.draft": (
        "core section {section} is missing; it is needed before review",
        "缺少核心章节 {section}，提交评审前需要补上",
    ),
    "core-section-missing.missing.review": (
        "core section {section} is missing; a document in review needs it",
        "缺少核心章节 {section}，评审中的文档必须有这一章",
    ),
    "core-section-missing.missing.approved": (
        "core section {section} is missing; an approved document needs it",
        "缺少核心章节 {section}，已批准的文档必须有这一章",
    ),
    "core-section-missing.missing.deprecated": (
        "core section {section} is missing",
        "缺少核心章节 {section}",
    ),
    "core-section-missing.empty.draft": (
        "core section {section} is empty; it is needed before review",
        "核心章节 {section} 是空的，提交评审前需要补上",
    ),
    "core-section-missing.empty.review": (
        "core section {section} is empty; a document in review needs it",
        "核心章节 {section} 是空的，评审中的文档必须写好这一章",
    ),
    "core-section-missing.empty.approved": (
        "core section {section} is empty; an approved document needs it",
        "核心章节 {section} 是空的，已批准的文档必须写好这一章",
    ),
    "core-section-missing.empty.deprecated": (
        "core section {section} is empty",
        "核心章节 {section} 是空的",
    ),
    "core-section-missing.hint": (
        "write the section, or keep the document in draft until it is written",
        "补写这一章，或者在写好之前让文档保持草稿（draft）状态",
    ),
    "acceptance-criteria-missing": (
        "must-have requirement {id} has no acceptance criteria",
        "必须实现的需求 {id} 没有验收标准",
    ),
    "acceptance-criteria-missing.hint": (
        "add `acceptance_criteria`: how a reviewer tells it is met",
        "补上 `acceptance_criteria`：评审人据此判断需求是否达成",
    ),
    # -- text
    "placeholder": (
        "{place} still holds the placeholder {found}",
        "{place} 里还留着占位符 {found}",
    ),
    "placeholder.many": (
        "{place} still holds the placeholders {found}",
        "{place} 里还留着占位符 {found}",
    ),
    "placeholder.hint": (
        "write the missing content, or move the question to open_questions",
        "补上缺的内容，或者把这个问题移到 open_questions（待解决问题）",
    ),
    "placeholder.hint.value": ("replace it with the real value", "换成实际的内容"),
    "bidi-control.value": (
        "the text of {place} holds invisible bidirectional control characters ({codes}), which "
        "can make it display differently from what it says",
        "{place} 的文字里有不可见的双向控制字符（{codes}），显示出来可能和实际内容不一样",
    ),
    "bidi-control.key": (
        "the key of {place} holds invisible bidirectional control characters ({codes}), which "
        "can make it display differently from what it says",
        "{place} 的键里有不可见的双向控制字符（{codes}），显示出来可能和实际内容不一样",
    ),
    "bidi-control.hint": (
        "delete the invisible characters; right-to-left text needs no overrides",
        "删掉这些不可见字符；从右到左书写的文字不需要方向控制符",
    ),
    # -- approvals
    "stale-approval": (
        "the {decision} sign-off by {name} is for an earlier version: the document changed since",
        "{name} 的签字（{decision}）针对的是旧版本：文档在那之后改过",
    ),
    "stale-approval.dated": (
        "the {decision} sign-off by {name} on {date} is for an earlier version: the document "
        "changed since",
        "{name} 在 {date} 的签字（{decision}）针对的是旧版本：文档在那之后改过",
    ),
    "stale-approval.hint": (
        "set `meta.status: review` while you change it, then have the approver run "
        "`prdkit approve` again",
        "修改期间请把 `meta.status` 改回 review，改完后请审批人重新执行 `prdkit approve`",
    ),
    "stale-approval.hint.unapproved": (
        "once the changes are done, have the approver run `prdkit approve` again",
        "改完后请审批人重新执行 `prdkit approve`",
    ),
    "approval-missing": (
        "the document is approved, but records no approval",
        "文档状态是已批准，但没有任何审核签字记录",
    ),
    "approval-missing.hint": (
        "record the sign-offs with `prdkit approve`, or set `meta.status: review`",
        "用 `prdkit approve` 记录签字，或者把 `meta.status` 改回 review",
    ),
    "approval-not-granted.pending": (
        "the document is approved, but the sign-off by {name} is still pending",
        "文档状态是已批准，但 {name} 的审核还没有结论",
    ),
    "approval-not-granted.rejected": (
        "the document is approved, but the sign-off by {name} is rejected",
        "文档状态是已批准，但 {name} 驳回了",
    ),
    "approval-not-granted.hint": (
        "settle the approval, or set `meta.status: review`",
        "先处理完这条审核，或者把 `meta.status` 改回 review",
    ),
    "open-question-unresolved": (
        "the document is approved, but open question {id} has no resolution",
        "文档状态是已批准，但待解决问题 {id} 还没有结论",
    ),
    "open-question-unresolved.hint": (
        "write down how the question was settled under `resolution`",
        "在 `resolution` 下写明问题是怎么解决的",
    ),
    # -- suppression
    "suppression-invalid.not-list": (
        "x-prdkit-ignore must be a list of rule ids",
        "x-prdkit-ignore 必须是规则编号的列表",
    ),
    "suppression-invalid.not-id": (
        "x-prdkit-ignore lists {shown}, which is not a rule id",
        "x-prdkit-ignore 里的 {shown} 不是规则编号",
    ),
    "suppression-invalid.unknown": (
        "x-prdkit-ignore names '{rule}', which is not a rule id",
        "x-prdkit-ignore 里的 '{rule}' 不是规则编号",
    ),
    "suppression-invalid.fixed": (
        "x-prdkit-ignore names '{rule}', which is checked before the rules and cannot be ignored",
        "x-prdkit-ignore 里的 '{rule}' 在语义规则之前检查，不能忽略",
    ),
    "suppression-invalid.signoff": (
        "x-prdkit-ignore names '{rule}', which guards sign-offs and cannot be ignored",
        "x-prdkit-ignore 里的 '{rule}' 守护签核，不能忽略",
    ),
    # -- the configuration
    "signoff-rules-weakened": (
        "{source} switches off or downgrades {rules}: an edit made after a sign-off could"
        " pass unnoticed",
        "{source} 关闭或降低了 {rules}：签核之后的修改可能不被发现",
    ),
    "signoff-rules-weakened.hint": (
        "remove those lines, or have them reviewed: docs/security.md#the-sign-off-policy",
        "删除这些设置，或交由负责人审查：见 docs/security.md#the-sign-off-policy",
    ),
    "suppression-invalid.hint": (
        "list ids of semantic rules, e.g. `x-prdkit-ignore: [placeholder]` (see docs/rules.md)",
        "列出语义规则的编号，例如 `x-prdkit-ignore: [placeholder]`（见 docs/rules.md）",
    ),
    # -- team labels in messages about must-haves
    "must-without-feature.labelled": (
        "{label} requirement {id} is not delivered by any feature",
        "{label} 需求 {id} 没有任何功能来交付",
    ),
    "acceptance-criteria-missing.labelled": (
        "{label} requirement {id} has no acceptance criteria",
        "{label} 需求 {id} 没有验收标准",
    ),
    # -- metric targets, assumptions, dependencies, alternatives and launch
    "metric-target-missing.draft": (
        "metric {id} has no target; it is needed before review",
        "指标 {id} 还没有目标值，提交评审前需要补上",
    ),
    "metric-target-missing.review": (
        "metric {id} has no target; a document in review needs it",
        "指标 {id} 没有目标值，评审中的文档必须写明",
    ),
    "metric-target-missing.approved": (
        "metric {id} has no target; an approved document needs it",
        "指标 {id} 没有目标值，已批准的文档必须写明",
    ),
    "metric-target-missing.deprecated": (
        "metric {id} has no target",
        "指标 {id} 没有目标值",
    ),
    "metric-target-missing.hint": (
        "add `target:` with the value to reach",
        "补上 `target:`，写明要达到的数值",
    ),
    "rollout-percent-decreasing": (
        "rollout stage {id} reaches {percent}% of users, fewer than the {widest}% of stage "
        "{before} before it",
        "灰度阶段 {id} 的放量比例是 {percent}%，比前面阶段 {before} 的 {widest}% 还小",
    ),
    "rollout-percent-decreasing.hint": (
        "order the stages from the smallest audience to the largest; a step back is a "
        "rollback, described under `rollback`",
        "按放量比例从小到大排列各阶段；缩量属于回滚，写在 `rollback` 里",
    ),
    "dependency-overdue": (
        "dependency {id} was needed by {date} but is still {state} (document updated {updated})",
        "外部依赖 {id} 最晚 {date} 就需要，但现在仍是“{state}”（文档更新于 {updated}）",
    ),
    "dependency-overdue.hint": (
        "record its new date or status, or plan around it",
        "写明新的日期或状态，或者调整计划绕开它",
    ),
    "assumption-open": (
        "the document is approved, but assumption {id} is still open",
        "文档状态是已批准，但假设 {id} 还没有验证",
    ),
    "assumption-open.labelled": (
        "the document is approved, but assumption {id} is still '{label}'",
        "文档状态是已批准，但假设 {id} 仍是“{label}”",
    ),
    "assumption-open.hint": (
        "check it and set `status` to validated or invalidated",
        "验证这条假设，并把 `status` 改为 validated（已验证）或 invalidated（已证伪）",
    ),
    "alternative-open": (
        "the document is approved, but alternative {id} is still undecided",
        "文档状态是已批准，但可选方案 {id} 还没有定论",
    ),
    "alternative-open.hint": (
        "set `decision` to chosen or rejected, with the `reason`",
        "把 `decision` 改为 chosen（采纳）或 rejected（不采纳），并在 `reason` 写明理由",
    ),
    # -- the team's custom fields
    "custom-field-invalid.type": (
        "{key} must be {expected}, not {value}",
        "{key} 应该是{expected}，现在是 {value}",
    ),
    "custom-field-invalid.choice": (
        "{key} is {value}, not one of {choices}",
        "{key} 的值 {value} 不在可选值 {choices} 之中",
    ),
    "custom-field-invalid.date": (
        "{key} is {value}, not a date written YYYY-MM-DD",
        "{key} 的值 {value} 不是 YYYY-MM-DD 格式的日期",
    ),
    "custom-field-invalid.url": (
        "{key} is {value}, not a web address (http:, https: or mailto:)",
        "{key} 的值 {value} 不是网址（应以 http:、https: 或 mailto: 开头）",
    ),
    "custom-field-invalid.pattern": (
        "{key} is {value}, which does not match {pattern}",
        "{key} 的值 {value} 不符合格式 {pattern}",
    ),
    "custom-field-invalid.hint": (
        "write {expected}, as the configuration declares",
        "按配置文件的声明填写：{expected}",
    ),
    "custom-field-missing.draft": (
        "{kind} {name} has no {key} ({label}), required from draft on",
        "{kind} {name} 缺少 {key}（{label}），从草稿起就必须填写",
    ),
    "custom-field-missing.review": (
        "{kind} {name} has no {key} ({label}), required from review on",
        "{kind} {name} 缺少 {key}（{label}），文档提交评审起必须填写",
    ),
    "custom-field-missing.approved": (
        "{kind} {name} has no {key} ({label}), required from approved on",
        "{kind} {name} 缺少 {key}（{label}），文档批准前必须补上",
    ),
    "custom-field-missing.hint": (
        "add `{key}:` ({expected})",
        "补上 `{key}:`（{expected}）",
    ),
    "kind.assumption": ("assumption", "假设"),
    "kind.dependency": ("dependency", "外部依赖"),
    "kind.alternative": ("alternative", "可选方案"),
    "kind.checklist_item": ("checklist item", "上线检查项"),
    "kind.rollout_stage": ("rollout stage", "灰度阶段"),
    "kind.launch": ("launch plan", "上线计划"),
    "kind.faq_entry": ("FAQ entry", "常见问题"),
    "custom.expected.number": ("a number", "数字"),
    "custom.expected.date": ("a date YYYY-MM-DD", "YYYY-MM-DD 格式的日期"),
    "custom.expected.url": ("a web address", "网址"),
    "custom.expected.text": ("text", "文字"),
    "custom.expected.pattern": ("text matching {pattern}", "符合 {pattern} 的文字"),
    "custom.expected.choice": ("one of {choices}", "以下之一：{choices}"),
    # -- pages, the tracking plan and pictures
    "kind.page": ("page", "页面"),
    "kind.prototype": ("prototype", "原型图"),
    "kind.element": ("page element", "页面元素"),
    "kind.page_state": ("page state", "页面状态"),
    "kind.event": ("event", "埋点事件"),
    "kind.event_property": ("event property", "事件属性"),
    "place.step": ("step {step} of flow {flow}", "流程 {flow} 的步骤 {step}"),
    "place.property": ("property '{name}' of event {id}", "事件 {id} 的属性 '{name}'"),
    "ref.step-page": (
        "{owner} happens on page '{page}'",
        "{owner} 所在的页面是 '{page}'",
    ),
    "ref.names-as": (
        "{owner} names '{target}' as its {kind}",
        "{owner} 把 '{target}' 写作它的{kind}",
    ),
    "unreachable-page": (
        "page {page} cannot be reached in the page map: no feature or flow step uses it, "
        "and no page they use leads to it",
        "页面 {page} 在页面逻辑图里进不去：没有功能或流程步骤用到它，用到的页面也都跳转不到它",
    ),
    "unreachable-page.followers": (
        "page {page} cannot be reached in the page map: no feature or flow step uses it, "
        "and no page they use leads to it (nor to {shown}, which it leads to)",
        "页面 {page} 在页面逻辑图里进不去：没有功能或流程步骤用到它，用到的页面也都跳转不到它"
        "（它跳转到的 {shown} 也进不去）",
    ),
    "unreachable-page.followers.more": (
        "page {page} cannot be reached in the page map: no feature or flow step uses it, "
        "and no page they use leads to it (nor to {shown} and {more} more, which it leads to)",
        "页面 {page} 在页面逻辑图里进不去：没有功能或流程步骤用到它，用到的页面也都跳转不到它"
        "（它跳转到的 {shown} 等另外 {more} 个页面也进不去）",
    ),
    "unreachable-page.hint": (
        "list the page under a feature's `pages` or a flow step's `page`, "
        "or lead to it with `navigates_to` from a page that is reached",
        "在功能的 `pages` 或流程步骤的 `page` 里写上这个页面，"
        "或者从能进入的页面用 `navigates_to` 跳转到它",
    ),
    "duplicate-event-name": (
        "event {id} sends '{event}', the name event {other} already sends",
        "事件 {id} 上报的事件名 '{event}' 和事件 {other} 重复",
    ),
    "duplicate-event-name.hint": (
        "event names are unique in the document: analytics cannot tell two events with one "
        "name apart",
        "事件名在文档内不能重复：同名的两个事件在数据分析里分不开",
    ),
    "duplicate-event-property": (
        "event {id} lists the property '{name}' twice",
        "事件 {id} 的属性 '{name}' 写了两次",
    ),
    "duplicate-event-property.hint": (
        "give each property of an event one entry",
        "同一事件的每个属性只写一条",
    ),
    "enum-values.none": (
        "{where} is an enum but lists no values",
        "{where} 是枚举类型，但没有列出取值",
    ),
    "enum-values.none.hint": (
        "list the allowed values under `values`",
        "在 `values` 下列出允许的取值",
    ),
    "enum-values.typed": (
        "{where} lists values but has type {type}",
        "{where} 列了取值，但类型是 {type}",
    ),
    "enum-values.untyped": (
        "{where} lists values but has no type",
        "{where} 列了取值，但没有写类型",
    ),
    "enum-values.typed.hint": (
        "set `type: enum`, or remove `values`",
        "把类型改成 `type: enum`，或者删掉 `values`",
    ),
    "property-example.type": (
        "the example {example} of {where} is not of its type, {type}",
        "{where} 的示例 {example} 不是它的类型 {type}",
    ),
    "property-example.values.hint": (
        "write one of its values: {values}",
        "写成它的取值之一：{values}",
    ),
    "property-example.quote.hint": (
        "quote it to make it text",
        "给它加上引号，当作文字",
    ),
    "property-example.type.hint": (
        "give an example of the property's type",
        "按属性的类型给出示例",
    ),
    "property-example.array.hint": (
        "write the example as a list, such as `[a, b]`",
        "把示例写成列表，例如 `[a, b]`",
    ),
    "property-example.object.hint": (
        'write the example as a mapping, such as `{sku_id: "1001"}`',
        '把示例写成键值对，例如 `{sku_id: "1001"}`',
    ),
    "property-example.value": (
        "the example '{example}' of {where} is not one of its values ({values})",
        "{where} 的示例 '{example}' 不在它的取值（{values}）之中",
    ),
    "property-example.value.hint": (
        "use one of the listed values as the example",
        "从列出的取值里选一个作示例",
    ),
    "image.problem": ("image '{src}' {reason}", "图片 '{src}' {reason}"),
    "image.no-file": ("names no file", "没有写出文件名"),
    "image.no-scheme": (
        "is an address without http: or https:",
        "是缺少 http: 或 https: 的地址",
    ),
    "image.data-address": (
        "is a data: address; save the picture as a file beside the PRD",
        "是 data: 地址；请把图片另存为 PRD 旁边的文件",
    ),
    "image.other-address": (
        "is a {scheme}: address; only pictures named by a relative path, or by an http(s) "
        "address, are shown",
        "是 {scheme}: 地址；只能显示用相对路径或 http(s) 地址指明的图片",
    ),
    "image.escaped": (
        "holds what `{escape}` stands for inside double quotes (a line break, a tab or a "
        "separator), not a backslash and a letter; write `/` between folders",
        "含有双引号里 `{escape}` 所代表的字符（换行、制表符或分隔符），而不是反斜杠加字母；"
        "文件夹之间请用 `/` 分隔",
    ),
    "image.backslashes": (
        "uses backslashes; separate folders with '/'",
        "用了反斜杠；文件夹之间请用 '/' 分隔",
    ),
    "image.spaces": (
        "has a space, which ends a Markdown address: the picture shows as its text",
        "含有空格，Markdown 的地址到空格就结束了：图片会显示成这段文字",
    ),
    "image.spaces.hint": (
        "put the path in angle brackets, `{fix}`, or rename the file without spaces",
        "把路径写在尖括号里：`{fix}`，或者把文件改成不带空格的名字",
    ),
    "image.absolute": ("is an absolute path", "是绝对路径"),
    "image.goes-up": (
        "goes up out of the PRD's folder with '..'",
        "用 '..' 跳出了 PRD 所在的文件夹",
    ),
    "image.link-outside": (
        "is a link that resolves outside the PRD's folder",
        "是指向 PRD 文件夹之外的链接",
    ),
    "image-outside-folder.hint": (
        "keep pictures in the PRD's folder or below it, such as images/page.png",
        "把图片放在 PRD 所在的文件夹或其子文件夹里，例如 images/page.png",
    ),
    "image.absent": ("does not exist", "不存在"),
    "image-missing.case": (
        "the file is '{path}': Windows and macOS overlook the case of a name, Linux (and so "
        "CI) does not; write it as the file is named",
        "文件名是 '{path}'：Windows 和 macOS 不区分大小写，Linux（以及 CI）区分；"
        "请按文件的实际名称写",
    ),
    "image-missing.close": ("did you mean '{path}'?", "是不是想写 '{path}'？"),
    "image-missing.hint": (
        "check the spelling and the folder: paths are relative to the PRD file",
        "检查文件名和文件夹：路径是相对 PRD 文件来写的",
    ),
    "image.unreadable": ("cannot be read ({reason})", "无法读取（{reason}）"),
    "image.unreadable.hint": ("check the file's permissions", "检查文件的读取权限"),
    "image.folder": ("is a folder, not a picture", "是文件夹，不是图片"),
    "image.folder.hint": ("name the picture file itself", "写出图片文件本身的路径"),
    "image.special": ("is not a regular file", "不是普通文件"),
    "image.special.hint": ("name a PNG, JPEG or GIF file", "请写 PNG、JPEG 或 GIF 文件"),
    "image.over-size": (
        "is {size}, over the limit of {limit} per picture (max-image-bytes)",
        "有 {size}，超过了单张图片 {limit} 的上限（max-image-bytes）",
    ),
    "image-too-large.hint": (
        "compress the picture or scale it down",
        "压缩图片或把尺寸改小",
    ),
    "images-too-large": (
        "image '{src}' brings the pictures of the document to more than {limit} (max-images-bytes)",
        "加上图片 '{src}' 后，文档里的图片合计超过 {limit}（max-images-bytes）",
    ),
    "images-too-large.hint": (
        "compress the pictures, or split the document",
        "压缩图片，或者把文档拆开",
    ),
    "image.pixels": (
        "is {width} × {height} pixels, over the limit of {limit} pixels (max-image-pixels)",
        "有 {width} × {height} 像素，超过了 {limit} 像素的上限（max-image-pixels）",
    ),
    "image.pixels.hint": (
        "scale the picture down: a page prototype rarely needs 2,000 pixels across",
        "把图片缩小：页面原型图宽度很少需要超过 2000 像素",
    ),
    "image.frames": (
        "has more than {limit} frames (max-image-frames)",
        "超过 {limit} 帧（max-image-frames）",
    ),
    "image.frames.hint": (
        "shorten the animation, or use a still picture",
        "缩短动画，或者改用静态图片",
    ),
    "image.damaged": ("cannot be read: {detail}", "无法读取：{detail}"),
    "image-corrupt.hint": ("export or save the picture again", "重新导出或保存这张图片"),
    "image.not-a-picture": (
        "is not a PNG, JPEG or GIF picture ({what})",
        "不是 PNG、JPEG 或 GIF 图片（{what}）",
    ),
    "image-format.hint": ("export the picture as PNG or JPEG", "把图片导出为 PNG 或 JPEG"),
    "image.what.empty": ("the file is empty", "文件是空的"),
    "image.what.webp": ("it is a WebP picture", "它是 WebP 图片"),
    "image.what.heic": ("it is a HEIC or MP4 file", "它是 HEIC 或 MP4 文件"),
    "image.what.bmp": ("it is a BMP picture", "它是 BMP 图片"),
    "image.what.tiff": ("it is a TIFF picture", "它是 TIFF 图片"),
    "image.what.pdf": ("it is a PDF", "它是 PDF 文件"),
    "image.what.lfs": (
        "it is a Git LFS pointer, not the picture: fetch it with `git lfs pull`",
        "它是 Git LFS 指针文件，不是图片本身：请用 `git lfs pull` 取回",
    ),
    "image.what.svg": ("it is an SVG or other XML file", "它是 SVG 或其他 XML 文件"),
    "image.what.binary": ("its bytes are of another kind", "它是其他格式的文件"),
    "image.what.text": ("its bytes are text", "它的内容是文字"),
    "image.png-truncated": (
        "the PNG file ends early: it is truncated",
        "PNG 文件不完整，提前结束了",
    ),
    "image.png-checksum": (
        "the PNG chunk {name} is damaged (checksum mismatch)",
        "PNG 数据块 {name} 已损坏（校验和不符）",
    ),
    "image.png-depth": (
        "its bit depth {depth} does not go with its colour type {colour}, and no viewer"
        " draws such a PNG",
        "位深度 {depth} 与颜色类型 {colour} 不匹配，这样的 PNG 没有查看器能显示",
    ),
    "image.png-no-header": (
        "the PNG file has no header chunk (IHDR) first",
        "PNG 文件开头没有文件头数据块（IHDR）",
    ),
    "image.png-no-data": ("the PNG file holds no image data", "PNG 文件里没有图像数据"),
    "image.png-chunks": (
        "the PNG file has more than {count} chunks",
        "PNG 文件的数据块超过 {count} 个",
    ),
    "image.jpeg-truncated": (
        "the JPEG file ends early: it is truncated",
        "JPEG 文件不完整，提前结束了",
    ),
    "image.jpeg-marker": (
        "the JPEG file is damaged (a segment marker is missing)",
        "JPEG 文件已损坏（缺少段标记）",
    ),
    "image.jpeg-no-data": (
        "the JPEG file ends before its image data",
        "JPEG 文件在图像数据之前就结束了",
    ),
    "image.jpeg-frame": ("the JPEG frame header is damaged", "JPEG 帧头已损坏"),
    "image.jpeg-no-frame": (
        "the JPEG file has no frame header before its data",
        "JPEG 文件在图像数据之前没有帧头",
    ),
    "image.gif-truncated": (
        "the GIF file ends early: it is truncated",
        "GIF 文件不完整，提前结束了",
    ),
    "image.gif-no-image": ("the GIF file holds no image", "GIF 文件里没有图像"),
    "image.gif-block": (
        "the GIF file is damaged (an unknown block)",
        "GIF 文件已损坏（有无法识别的数据块）",
    ),
    "image.zero-size": (
        "the picture says it is {width} × {height} pixels",
        "图片文件头写的尺寸是 {width} × {height} 像素",
    ),
    "image.impossible-size": (
        "the picture's header states an impossible size",
        "图片文件头写的尺寸不可能成立",
    ),
}

# rule id → (summary, fix) in Chinese; the English ones stand in the rule table.
RULE_ZH: dict[str, tuple[str, str]] = {
    "file-too-large": ("文件超过了配置的大小上限。", "拆分文档，或在配置里调高 `max-bytes`。"),
    "encoding": ("文件不是 UTF-8 文本（UTF-16/32 或含无效字节）。", "把文件另存为 UTF-8。"),
    "yaml-syntax": (
        "文字不是格式正确的 YAML。",
        "在标出的位置修正语法；缩进只能用空格，不能用 Tab。",
    ),
    "yaml-indicator": (
        "一段文字以 `*`、`&`、`!`、`@`、`` ` ``、`%`、`|` 或 `>` 开头，"
        "或者以括号、引号括起的部分开头"
        '且后面还有文字（`[P0] …`、`"拉新" …`），YAML 不会把它当作普通文字。',
        '给整段文字加上引号，例如 `- "**拉新**：新用户首单立减"`。',
    ),
    "yaml-indentation": (
        "某个键或列表项的缩进和同级的对不齐。",
        "让它和同级的键或列表项缩进相同的空格数。",
    ),
    "yaml-unclosed": (
        "引号或括号没有闭合（在开始的位置报告）。",
        "在同一行补上闭合的引号或括号；文字本身含引号时，换用另一种引号。",
    ),
    "yaml-tab": ("缩进里用了 Tab 字符。", "把 Tab 换成空格。"),
    "yaml-missing-colon": (
        "某一行既不是 `键: 值` 也不是 `- 列表项`：键后面漏了冒号，或者换行的文字没有缩进。",
        "键后面加上 `: `；上一行文字的延续请缩进到那段文字下面，或者写成 `|` 文字块。",
    ),
    "yaml-colon": (
        "不带引号的文字里有 `: `，YAML 会把它当作另一个键。",
        '给整段文字加上引号，例如 `title: "注意: 仅限新用户"`。',
    ),
    "comment-in-text": (
        "不带引号的文字里有 ` #`，后面的内容被当作注释悄悄丢掉了。",
        "给整个值加上引号；如果确实是注释，在 `#` 前空两格。",
    ),
    "json-syntax": (
        "`.prd.json` 文件不是严格的 JSON。",
        "去掉多余的逗号和注释；使用 null/true/false 和有限数值。",
    ),
    "multiple-documents": (
        "文件里有不止一个 YAML 文档。",
        "一个文件只放一份 PRD，删掉多余的 `---` 文档。",
    ),
    "empty-document": ("文件里没有内容。", "用 `prdkit new 名称` 从模板开始。"),
    "not-a-mapping": (
        "文档的顶层不是由各章节组成的映射。",
        "顶层必须是 `key: value` 形式，例如 `prdkit: 1` 和 `meta:`。",
    ),
    "duplicate-key": (
        "同一个映射里有两个相同的键。",
        "删除或重命名其中一个；否则 YAML 会悄悄只保留后一个。",
    ),
    "key-not-string": ("键不是文字（是数字、列表或空值）。", "给键加引号或换个名字。"),
    "explicit-tag": (
        "使用了显式 YAML 标签，例如 `!!binary` 或 `!custom`。",
        "去掉标签；PRD 里的值只能是文字、数字、布尔值、列表和映射。如果这是一段文字，请加引号。",
    ),
    "alias": (
        "使用了 YAML 锚点（`&a`）或别名（`*a`）。",
        "在用到的地方把值完整写出来；如果这是一段以 `*` 或 `&` 开头的文字，请加引号。",
    ),
    "merge-key": ("使用了 YAML 合并键（`<<`）。", "把合并进来的键完整写出来。"),
    "control-character": (
        "文字中有控制字符、孤立代理项或 Unicode 非字符。",
        "删掉这个不可见字符；只允许 Tab 和换行。",
    ),
    "too-deep": ("嵌套层级超过了配置的上限。", "PRD 只需要几层嵌套，请把结构拉平。"),
    "too-many-nodes": ("文档中的值超过了配置的上限。", "拆分文档。"),
    "markdown-budget": (
        "所有 Markdown 字段的标记（`*`、`_`、`` ` ``、`[`、`]`、`!`、`~`、`<`、`&`、`\\`、`|`，"
        "每个换行和每个 `<`（可能是 `<br>`）算三个）合计超过了配置的上限。",
        "把大段排版文字移到单独的文档再链接过来，或在配置中调高 `max-markdown-marks`。",
    ),
    "bad-number": (
        "数字不是有限值，或位数太多。",
        "使用普通的有限数字；如果要当作文字，请加引号。",
    ),
    "string-too-long": ("一段文字超过了配置的长度上限。", "精简文字，或移到单独的文档再链接过来。"),
    "schema-required": ("缺少必填字段。", "补上这个字段；`prdkit schema` 列出了所有字段。"),
    "schema-unknown-key": (
        "格式中没有定义的键（通常是拼写错误）。",
        "更正拼写，或给私有键加上 `x-` 前缀。",
    ),
    "schema-type": ("值的类型不对（比如该写列表的地方写了文字）。", "按字段要求的类型填写。"),
    "schema-enum": ("值不在允许的选项之内。", "从说明里列出的选项中选一个。"),
    "schema-pattern": (
        "文字的格式不对（编号、摘要值等）。",
        "编号以英文字母开头，只能用英文字母、数字、`_`、`.` 和 `-`。",
    ),
    "schema-date": (
        "日期不是真实存在的 `YYYY-MM-DD` 日期。",
        "日期写成 YYYY-MM-DD，例如 2026-03-01。",
    ),
    "schema-range": ("数字超出了允许的范围。", "按说明里给出的范围填写。"),
    "schema-count": ("列表的项数太少，或文字太短、太长。", "补上缺少的项，或调整文字长度。"),
    "schema-exclusive": ("两个不能同时使用的字段同时出现了。", "只保留其中一个。"),
    "schema-const": ("值必须是固定的某一个（例如 `prdkit: 1`）。", "按说明里给出的值填写。"),
    "schema": ("其他结构问题。", "参见 `prdkit schema`。"),
    "duplicate-id": (
        "两个条目的编号相同；整份文档里的编号必须唯一。",
        "重命名其中一个，并更新原本指向它的引用。",
    ),
    "unresolved-reference": (
        "引用的编号在文档中找不到对应的条目。",
        "检查编号的拼写，或者补上它指向的条目。",
    ),
    "wrong-kind-reference": (
        "引用指向了错误类型的条目（比如该填需求的地方填了干系人）。",
        "填写该字段要求的类型的编号，说明里写明了是哪一类。",
    ),
    "requirement-cycle": (
        "需求之间循环依赖（`depends_on`）。",
        "删掉使循环闭合的那条依赖，说明里列出了整个环。",
    ),
    "milestone-cycle": (
        "里程碑之间循环依赖（`schedule.milestones.depends_on`）。",
        "删掉使循环闭合的那条依赖，说明里列出了整个环。",
    ),
    "role-cycle": (
        "角色之间循环继承（`permissions.roles.inherits`）。",
        "删掉使循环闭合的那条继承，说明里列出了整个环。",
    ),
    "date-order": (
        "时间段的结束早于开始：里程碑 `start` 晚于 `due`、资源 `from` 晚于 `to`、活动 `start` 晚于 "
        "`end`，或 `meta.created` 晚于 `meta.updated`。",
        "对调或更正这两个日期。",
    ),
    "milestone-before-dependency": (
        "里程碑在它依赖的里程碑到期之前就开始了（没有 `start` 的里程碑按到期日算开始）。",
        "把开始日期推到依赖到期之后，或者去掉这个依赖。",
    ),
    "duplicate-step-id": (
        "同一流程中有两个步骤编号相同。",
        "重命名其中一个；步骤编号在流程内唯一。",
    ),
    "unknown-step": (
        "步骤或分支的 `next` 指向了本流程中不存在的步骤。",
        "填写本流程中的步骤编号，不能指向其他流程的步骤。",
    ),
    "unreachable-step": (
        "从流程的第一步出发走不到的步骤。",
        "在前面的步骤里用 `next` 或分支指向它，或者删掉它。",
    ),
    "unknown-actor": (
        "步骤的 `actor` 不在流程的 `actors` 里。",
        "把它加到 `actors`，或者更正步骤的执行者。",
    ),
    "market-size-order": (
        "市场规模顺序不对：应满足 TAM ≥ SAM ≥ SOM。",
        "核对数字和单位；可服务市场是总市场的一部分。",
    ),
    "undeclared-dimension": (
        "对比矩阵中用了 `competition.dimensions` 里没有的维度。",
        "把维度加到 `dimensions`，或更正行里的拼写。",
    ),
    "metric-direction": (
        "指标的目标值相对基线朝 `direction` 的反方向变化。",
        "更正目标值或基线，或者把 `direction` 改成真正的成功方向。",
    ),
    "separation-of-duties": (
        "某个角色（算上继承的权限）拥有了 `separation_of_duties` 要求分开的全部操作。",
        "把这些冲突的操作授予不同的角色。",
    ),
    "four-eyes": (
        "审批或确认类防护规则的审批人自己就能执行被防护的操作（直接或继承）。",
        "换一个没有该操作权限的角色来审批。",
    ),
    "guardrail-without-approver": (
        "审批或确认类防护规则没有指定 `approver` 角色。",
        "加上 `approver:`，填负责签字的角色。",
    ),
    "unguarded-high-risk-action": (
        "`high` 风险的操作没有任何防护规则。",
        "为它加一条防护规则（审批、二次确认、限额、监控告警或禁止）。",
    ),
    "feature-without-requirement": (
        "功能没有列出它服务的需求。",
        "在功能的 `requirements` 下列出它满足的需求。",
    ),
    "must-without-feature": (
        "`must` 需求没有被任何功能列在 `requirements` 里。",
        "把需求加到交付它的功能里，或者新增这个功能。",
    ),
    "core-section-missing": (
        "八个核心章节（`market_research`、`requirements`、`business_model`、`competition`、"
        "`features`、`flows`、`schedule`、`metrics`）之一缺失或为空。",
        "补写这一章，或者在写好之前让文档保持 `draft` 状态。",
    ),
    "acceptance-criteria-missing": (
        "`must` 需求没有验收标准（`rejected` 或 `deferred` 的除外）。",
        "补上 `acceptance_criteria`：评审人据此判断需求是否达成。",
    ),
    "placeholder": (
        "文字里还留着占位符：`TODO` 或 `TBD`（大写的完整单词，"
        "全角输入的 `ＴＯＤＯ`、`ＴＢＤ` 也算）、`待定` 或 `待补充`"
        "（普通词语里的不算，如 `等待定时`、`待定价`、`待补充资料`）。",
        "问题类字段：补上内容，或把问题移到 `open_questions`；"
        "其他字段（负责人、日期等）：换成实际的值。",
    ),
    "bidi-control": (
        "文字中有 Unicode 双向控制字符（U+202A–U+202E、U+2066–U+2069），"
        "显示出来可能和实际内容不一样。",
        "删掉这个不可见字符；从右到左书写的文字不需要方向控制符。",
    ),
    "approval-missing": (
        "文档状态是 `approved`，却没有任何审核记录。",
        "用 `prdkit approve` 记录签字，或把状态改回 `review`。",
    ),
    "approval-not-granted": (
        "`approved` 文档中有审核记录仍是 `pending` 或 `rejected`。",
        "先处理完这条审核，或把状态改回 `review`。",
    ),
    "open-question-unresolved": (
        "`approved` 文档中有待解决问题没有写 `resolution`。",
        "在 `resolution` 下写明问题是怎么解决的。",
    ),
    "stale-approval": (
        "审核记录的 `digest` 与文档不再一致：签字之后文档被改过。",
        "修改期间把 `meta.status` 改回 `review`，改完后请审批人重新执行 `prdkit approve`。",
    ),
    "signoff-rules-weakened": (
        "配置关闭或降低了签核规则（`stale-approval`、`approval-missing`、`approval-not-granted`）："
        "签核之后的修改可能不被发现。配置适用的每份文档都会报告。",
        "从 `[rules]` 里删除该规则，并用 CODEOWNERS 保护配置文件（见 docs/ci.md）。",
    ),
    "suppression-invalid": (
        "`x-prdkit-ignore` 不是规则编号列表，或写了不存在、不能忽略的规则。",
        "列出语义规则的编号，例如 `x-prdkit-ignore: [placeholder]`。",
    ),
    "metric-target-missing": (
        "指标没有目标值（`target`）：草稿可以先空着，进入评审后必须写明。",
        "补上 `target:` 写明要达到的数值，或者让文档保持草稿（draft）状态。",
    ),
    "rollout-percent-decreasing": (
        "某个灰度阶段的放量比例比前面的阶段还小。",
        "按放量比例从小到大排列各阶段；缩量属于回滚，写在 `rollback` 里。",
    ),
    "dependency-overdue": (
        "外部依赖过了 `needed_by` 日期（以 `meta.updated` 为准）仍是 `open`、`blocked` "
        "或没有状态。",
        "写明新的日期或状态，或者调整计划绕开它。",
    ),
    "assumption-open": (
        "已批准的文档里还有状态为 `open`（或没写状态）的假设。",
        "验证这条假设，把 `status` 改为 `validated` 或 `invalidated`。",
    ),
    "alternative-open": (
        "已批准的文档里还有 `decision` 为 `open` 的可选方案。",
        "做出决定：把 `decision` 改为 `chosen` 或 `rejected`，并写明 `reason`。",
    ),
    "custom-field-invalid": (
        "团队声明的自定义字段取值不对：类型不符、不匹配 `pattern`，或不在 `values` 之中。",
        "按配置文件里的声明填写这个字段。",
    ),
    "custom-field-missing": (
        "文档到了 `required-from` 指定的状态，条目却缺少团队要求的自定义字段。",
        "在条目里补上这个字段。",
    ),
    "unreachable-page": (
        "没有功能或流程步骤用到、用到的页面也跳转不到的页面。",
        "在功能的 `pages` 或步骤的 `page` 里写上它，或者从能进入的页面用 `navigates_to` 跳转到它。",
    ),
    "duplicate-event-name": (
        "两个埋点事件上报同一个事件名。",
        "给每个事件起不同的 `event` 名；同名事件在数据分析里分不开。",
    ),
    "duplicate-event-property": (
        "同一个事件把某个属性写了两次。",
        "同一事件的每个属性只写一条。",
    ),
    "enum-values": (
        "`enum` 类型的属性没有列出 `values`，或者其他类型的属性列了取值。",
        "在 `values` 下列出枚举的取值；其他类型不写取值。",
    ),
    "property-example": (
        "属性的 `example` 与 `type` 不符，或者不在枚举的 `values` 之中。",
        "按属性的类型给出示例（当作文字的数字要加引号）。",
    ),
    "image-path": (
        "图片引用没有指向可用的文件：为空、是 `data:` 或其他非 http 地址、路径里用了反斜杠，"
        "或者 Markdown 图片的路径含有空格却没写在尖括号里（图片会显示成文字）。",
        "把图片保存在 PRD 旁边，用相对路径引用，例如 `images/home.png`；或者写 http(s) 地址。",
    ),
    "image-outside-folder": (
        "图片路径跳出了 PRD 所在的文件夹：用 `..` 往上走、写了绝对路径，或是指向外面的链接。"
        "这样的文件一概不读。",
        "把图片放在 PRD 所在的文件夹或其子文件夹里，例如 `images/home.png`。",
    ),
    "image-missing": (
        "图片文件不存在、是文件夹，或者无法读取。",
        "检查文件名和文件夹：路径是相对 PRD 文件来写的。",
    ),
    "image-format": (
        "按文件内容看不是 PNG、JPEG 或 GIF 图片（不看扩展名）。",
        "把图片导出为 PNG 或 JPEG。",
    ),
    "image-corrupt": (
        "图片文件已损坏：不完整、校验和不符，或者没有图像数据。",
        "重新导出或保存这张图片。",
    ),
    "image-dimensions": (
        "按文件头，图片的像素超过 `max-image-pixels`，或帧数超过 `max-image-frames`"
        "（检查时不解压图像）。",
        "把图片缩小，或者缩短动画。",
    ),
    "image-too-large": (
        "图片文件超过 `max-image-bytes`。",
        "压缩图片或把尺寸改小；上限可以调高，但不能超过它的最高值。",
    ),
    "images-too-large": (
        "一份文档里的图片合计超过 `max-images-bytes`；报告在超出上限的那张图片上。",
        "压缩图片，或者把文档拆开。",
    ),
}
