"""Every heading and label the writers show, in English and Chinese, in one table."""

from __future__ import annotations

__all__ = [
    "CURRENCY_WORDS",
    "ENUMS",
    "ENUM_OF",
    "HEADING_NUMBERS",
    "LABELS",
    "LANGUAGES",
    "LOCALES",
    "PUNCT",
    "SCALES",
    "SECTION_ORDER",
    "enum_label",
    "label",
    "language",
    "page_pieces",
    "punct",
]

# The languages prdkit writes; any other request falls back to the first.
LANGUAGES: tuple[str, ...] = ("en", "zh")

# The locale each language is tagged with in files that carry one (Word, HTML).
LOCALES: dict[str, str] = {"en": "en-US", "zh": "zh-CN"}

# Punctuation differs by language but has no words to translate: colon after a label, list
# separator, brackets around an aside. A third language adds one row here.
PUNCT: dict[str, dict[str, str]] = {
    # `quote_open`/`quote_close` set a name apart (「倒计时」), `part` an entry from its field.
    "en": {
        "colon": ": ",
        "list": ", ",
        "open": " (",
        "close": ")",
        "quote_open": "[",
        "quote_close": "]",
        "part": ".",
    },
    "zh": {
        "colon": "：",
        "list": "、",
        "open": "（",
        "close": "）",
        "quote_open": "「",
        "quote_close": "」",
        "part": "·",
    },
}

# The format's top-level sections in rendering order (`prdkit`, the version, is not rendered).
SECTION_ORDER: tuple[str, ...] = (
    "meta",
    "stakeholders",
    "revisions",
    "market_research",
    "requirements",
    "business_model",
    "competition",
    "features",
    "pages",
    "tracking",
    "flows",
    "schedule",
    "metrics",
    "resources",
    "permissions",
    "guardrails",
    "operations",
    "assumptions",
    "dependencies",
    "alternatives",
    "launch",
    "faq",
    "risks",
    "open_questions",
    "glossary",
    "approvals",
)

# Enum groups: `enum_label(group, value, lang)` reads LABELS[f"{group}.{value}"]. Several fields
# share a value set (`level` serves action risk, likelihood and impact).
ENUMS: dict[str, tuple[str, ...]] = {
    "status": ("draft", "review", "approved", "deprecated"),
    "language": ("en", "zh"),
    "stakeholder_kind": ("internal", "customer", "merchant", "partner", "regulator"),
    "priority": ("must", "should", "could", "wont"),
    "req_kind": ("business", "user", "functional", "nonfunctional", "operational"),
    "req_status": ("proposed", "accepted", "in_progress", "done", "rejected", "deferred"),
    "revenue_kind": ("sales", "commission", "subscription", "advertising", "service_fee", "other"),
    "surface": ("storefront", "admin", "merchant", "api", "mobile", "other"),
    "milestone_status": ("planned", "in_progress", "done", "at_risk"),
    "direction": ("increase", "decrease"),
    "frequency": ("daily", "weekly", "monthly", "quarterly"),
    "level": ("low", "medium", "high"),
    "control": ("approval", "confirmation", "limit", "monitoring", "block"),
    "campaign_kind": ("promotion", "theme", "brand", "seo", "sem", "other"),
    "decision": ("pending", "approved", "rejected"),
    "element_kind": ("text", "image", "button", "link", "input", "list", "tab", "banner", "other"),
    "property_type": ("string", "number", "boolean", "enum", "array", "object"),
    "assumption_status": ("open", "validated", "invalidated"),
    "dependency_kind": ("team", "system", "vendor", "legal", "other"),
    "dependency_status": ("open", "agreed", "delivered", "blocked"),
    "alternative_decision": ("chosen", "rejected", "open"),
}

# How each heading level is numbered, per language: (Word's w:numFmt of the level's counter,
# the pattern with %N standing for the counter of level N, the text between number and heading).
# Chinese documents number 一、 / （一） / 1.; the ideographic punctuation needs no space after it.
HEADING_NUMBERS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "en": (("decimal", "%1", " "), ("decimal", "%1.%2", " "), ("decimal", "%1.%2.%3", " ")),
    "zh": (
        ("chineseCounting", "%1、", ""),
        ("chineseCounting", "（%2）", ""),
        ("decimal", "%3.", " "),
    ),
}

# Large amounts as each language reads them: (power of ten, suffix), largest first. Chinese
# counts in 万 (10⁴) and 亿 (10⁸), exactly; English summaries round to millions and up.
SCALES: dict[str, tuple[tuple[int, str], ...]] = {
    "zh": ((12, "万亿"), (8, "亿"), (4, "万")),
    "en": ((12, "T"), (9, "B"), (6, "M")),
}
# Currencies a Chinese reader names in words after a scaled amount (1.5 万亿元, 3 亿美元).
CURRENCY_WORDS: dict[str, str] = {
    "CNY": "元",
    "RMB": "元",
    "USD": "美元",
    "EUR": "欧元",
    "HKD": "港元",
    "JPY": "日元",
    "GBP": "英镑",
}

# (item kind as model.kind_of names it, field) → enum group, so writers need not guess.
ENUM_OF: dict[tuple[str, str], str] = {
    ("meta", "status"): "status",
    ("meta", "language"): "language",
    ("stakeholder", "kind"): "stakeholder_kind",
    ("requirement", "priority"): "priority",
    ("requirement", "kind"): "req_kind",
    ("requirement", "status"): "req_status",
    ("revenue_stream", "kind"): "revenue_kind",
    ("feature", "surface"): "surface",
    ("feature", "priority"): "priority",
    ("milestone", "status"): "milestone_status",
    ("metric", "direction"): "direction",
    ("metric", "frequency"): "frequency",
    ("action", "risk"): "level",
    ("guardrail", "control"): "control",
    ("campaign", "kind"): "campaign_kind",
    ("risk", "likelihood"): "level",
    ("risk", "impact"): "level",
    ("approval", "decision"): "decision",
    ("page", "surface"): "surface",
    ("element", "kind"): "element_kind",
    ("event_property", "type"): "property_type",
    ("assumption", "status"): "assumption_status",
    ("dependency", "kind"): "dependency_kind",
    ("dependency", "status"): "dependency_status",
    ("alternative", "decision"): "alternative_decision",
}

# key → (en, zh). Keys: section.<top-level key>, field.<format key>, <enum group>.<value>, ui.<x>.
LABELS: dict[str, tuple[str, str]] = {
    # Section titles.
    "section.meta": ("Document information", "文档信息"),
    "section.stakeholders": ("Stakeholders", "干系人"),
    "section.revisions": ("Revision history", "修订记录"),
    "section.market_research": ("Market research", "市场调研"),
    "section.requirements": ("Requirements", "需求说明"),
    "section.business_model": ("Business model", "业务模式"),
    "section.competition": ("Competitive analysis", "竞争分析"),
    "section.features": ("Features", "功能设计"),
    "section.pages": ("Pages", "页面说明"),
    "section.tracking": ("Tracking plan", "埋点方案"),
    "section.flows": ("Flows", "流程设计"),
    "section.schedule": ("Schedule", "执行周期规划"),
    "section.metrics": ("Success metrics", "量化标准"),
    "section.resources": ("Resources", "资源调控"),
    "section.permissions": ("Permissions", "权限体系"),
    "section.guardrails": ("Guardrails", "容错体系"),
    "section.operations": ("Operations plan", "运营计划"),
    "section.risks": ("Risks", "风险"),
    "section.open_questions": ("Open questions", "待解决问题"),
    "section.glossary": ("Glossary", "术语表"),
    "section.approvals": ("Approvals", "审核签字"),
    # Field labels, named by the format's keys.
    "field.id": ("ID", "编号"),
    "field.title": ("Title", "标题"),
    "field.version": ("Version", "版本"),
    "field.status": ("Status", "状态"),
    "field.owner": ("Owner", "负责人"),
    "field.authors": ("Authors", "作者"),
    "field.created": ("Created", "创建日期"),
    "field.updated": ("Updated", "更新日期"),
    "field.language": ("Language", "语言"),
    "field.summary": ("Summary", "概述"),
    "field.background": ("Background", "背景"),
    "field.goals": ("Goals", "目标"),
    "field.non_goals": ("Non-goals", "非目标"),
    "field.links": ("Links", "相关链接"),
    "field.url": ("URL", "链接"),
    "field.name": ("Name", "名称"),
    "field.kind": ("Kind", "类型"),
    "field.interests": ("Interests", "关注点"),
    "field.contact": ("Contact", "联系方式"),
    "field.date": ("Date", "日期"),
    "field.author": ("Author", "修订人"),
    "field.changes": ("Changes", "变更内容"),
    "field.target_users": ("Target users", "目标用户"),
    "field.segment": ("Segment", "用户群体"),
    "field.description": ("Description", "描述"),
    "field.size": ("Size", "规模"),
    "field.market_size": ("Market size", "市场规模"),
    "field.tam": ("TAM", "潜在市场总量（TAM）"),
    "field.sam": ("SAM", "可服务市场（SAM）"),
    "field.som": ("SOM", "可获得市场（SOM）"),
    "field.currency": ("Currency", "币种"),
    "field.year": ("Year", "年份"),
    "field.source": ("Source", "来源"),
    "field.findings": ("Findings", "调研发现"),
    "field.statement": ("Finding", "发现"),
    "field.evidence": ("Evidence", "依据"),
    "field.priority": ("Priority", "优先级"),
    "field.rationale": ("Rationale", "理由"),
    "field.requested_by": ("Requested by", "提出方"),
    "field.acceptance_criteria": ("Acceptance criteria", "验收标准"),
    "field.depends_on": ("Depends on", "依赖"),
    "field.rice": ("RICE", "RICE 评估"),
    "field.rice_score": ("RICE score", "RICE 评分"),
    "field.reach": ("Reach", "覆盖面"),
    "field.impact": ("Impact", "影响"),
    "field.confidence": ("Confidence", "信心"),
    "field.effort": ("Effort", "工作量"),
    "field.value_proposition": ("Value proposition", "价值主张"),
    "field.customer_segments": ("Customer segments", "客户细分"),
    "field.channels": ("Channels", "渠道"),
    "field.revenue_streams": ("Revenue streams", "收入来源"),
    "field.estimate": ("Estimate", "估算"),
    "field.cost_structure": ("Cost structure", "成本结构"),
    "field.key_partners": ("Key partners", "关键合作伙伴"),
    "field.competitors": ("Competitors", "竞争对手"),
    "field.positioning": ("Positioning", "定位"),
    "field.strengths": ("Strengths", "优势"),
    "field.weaknesses": ("Weaknesses", "劣势"),
    "field.pricing": ("Pricing", "定价"),
    "field.dimensions": ("Dimensions", "对比维度"),
    "field.matrix": ("Comparison matrix", "对比矩阵"),
    "field.differentiation": ("Differentiation", "差异化"),
    "field.surface": ("Surface", "终端"),
    "field.requirements": ("Requirements", "关联需求"),
    "field.permissions": ("Permissions", "所需权限"),
    "field.ux": ("UX notes", "交互与体验"),
    "field.actors": ("Actors", "参与者"),
    "field.features": ("Features", "关联功能"),
    "field.steps": ("Steps", "步骤"),
    "field.step": ("Step", "步骤"),
    "field.action": ("Action", "操作"),
    "field.actor": ("Actor", "执行者"),
    "field.next": ("Next", "下一步"),
    "field.branches": ("Branches", "分支"),
    "field.when": ("When", "条件"),
    "field.milestones": ("Milestones", "里程碑"),
    "field.start": ("Start", "开始日期"),
    "field.end": ("End", "结束日期"),
    "field.due": ("Due", "截止日期"),
    "field.deliverables": ("Deliverables", "交付内容"),
    "field.target": ("Target", "目标值"),
    "field.baseline": ("Baseline", "基线值"),
    "field.unit": ("Unit", "单位"),
    "field.direction": ("Direction", "方向"),
    "field.definition": ("Definition", "定义"),
    "field.by": ("By", "达成日期"),
    "field.frequency": ("Frequency", "统计频率"),
    "field.team": ("Team", "团队"),
    "field.role": ("Role", "角色"),
    "field.people": ("People", "人数"),
    "field.effort_days": ("Effort (days)", "工作量（人天）"),
    "field.from": ("From", "开始日期"),
    "field.to": ("To", "结束日期"),
    "field.notes": ("Notes", "备注"),
    "field.roles": ("Roles", "角色"),
    "field.inherits": ("Inherits", "继承自"),
    "field.actions": ("Actions", "操作"),
    "field.risk": ("Risk", "风险等级"),
    "field.grants": ("Grants", "授权"),
    "field.separation_of_duties": ("Separation of duties", "职责分离"),
    "field.reason": ("Reason", "原因"),
    "field.control": ("Control", "控制方式"),
    "field.condition": ("Condition", "触发条件"),
    "field.approver": ("Approver", "审批人"),
    "field.alert": ("Alert", "告警"),
    "field.campaigns": ("Campaigns", "运营活动"),
    "field.budget": ("Budget", "预算"),
    "field.metrics": ("Metrics", "关联指标"),
    "field.data_review": ("Data review", "数据复盘"),
    "field.communication": ("Communication", "沟通管理"),
    "field.likelihood": ("Likelihood", "可能性"),
    "field.mitigation": ("Mitigation", "应对措施"),
    "field.question": ("Question", "问题"),
    "field.resolution": ("Resolution", "解决方案"),
    "field.term": ("Term", "术语"),
    "field.decision": ("Decision", "审核结论"),
    "field.comment": ("Comment", "意见"),
    "field.digest": ("Digest", "签署摘要"),
    # Pages and the tracking plan.
    "field.pages": ("Pages", "关联页面"),
    "field.page": ("Page", "所在页面"),
    "field.entry": ("Entry", "入口"),
    "field.prototypes": ("Prototypes", "原型图"),
    "field.image": ("Image", "图片"),
    "field.caption": ("Caption", "图注"),
    "field.elements": ("Elements", "页面元素"),
    "field.rule": ("Rule", "展示与交互逻辑"),
    "field.states": ("States", "页面状态"),
    "field.navigates_to": ("Leads to", "跳转至"),
    "field.event": ("Event", "事件名"),
    "field.trigger": ("Trigger", "触发时机"),
    "field.feature": ("Feature", "关联功能"),
    "field.properties": ("Properties", "事件参数"),
    "field.type": ("Type", "类型"),
    "field.values": ("Values", "取值"),
    "field.example": ("Example", "示例"),
    "field.events": ("Events", "埋点事件"),
    "ui.page_map": ("Page map", "页面逻辑图"),
    "ui.metric_events": ("Events feeding each metric", "指标对应的埋点事件"),
    "ui.metric": ("Metric", "指标"),
    "ui.event": ("Event", "事件"),
    "ui.event_properties": ("Event properties", "事件参数"),
    "ui.where": ("Page / feature", "所在页面 / 功能"),
    # Enum values, by group (see ENUMS).
    "status.draft": ("Draft", "草稿"),
    "status.review": ("In review", "评审中"),
    "status.approved": ("Approved", "已批准"),
    "status.deprecated": ("Deprecated", "已废弃"),
    "language.en": ("English", "英文"),
    "language.zh": ("Chinese", "中文"),
    "stakeholder_kind.internal": ("Internal", "内部"),
    "stakeholder_kind.customer": ("Customer", "客户"),
    "stakeholder_kind.merchant": ("Merchant", "商家"),
    "stakeholder_kind.partner": ("Partner", "合作伙伴"),
    "stakeholder_kind.regulator": ("Regulator", "监管机构"),
    "priority.must": ("Must", "必须"),
    "priority.should": ("Should", "应该"),
    "priority.could": ("Could", "可以"),
    "priority.wont": ("Won't", "暂不"),
    "req_kind.business": ("Business", "业务需求"),
    "req_kind.user": ("User", "用户需求"),
    "req_kind.functional": ("Functional", "功能需求"),
    "req_kind.nonfunctional": ("Non-functional", "非功能需求"),
    "req_kind.operational": ("Operational", "运营需求"),
    "req_status.proposed": ("Proposed", "已提出"),
    "req_status.accepted": ("Accepted", "已接受"),
    "req_status.in_progress": ("In progress", "进行中"),
    "req_status.done": ("Done", "已完成"),
    "req_status.rejected": ("Rejected", "已拒绝"),
    "req_status.deferred": ("Deferred", "已延后"),
    "revenue_kind.sales": ("Sales", "销售收入"),
    "revenue_kind.commission": ("Commission", "佣金"),
    "revenue_kind.subscription": ("Subscription", "订阅"),
    "revenue_kind.advertising": ("Advertising", "广告"),
    "revenue_kind.service_fee": ("Service fee", "服务费"),
    "revenue_kind.other": ("Other", "其他"),
    "surface.storefront": ("Storefront", "前台商城"),
    "surface.admin": ("Admin console", "管理后台"),
    "surface.merchant": ("Merchant portal", "商家后台"),
    "surface.api": ("API", "开放接口（API）"),
    "surface.mobile": ("Mobile app", "移动端"),
    "surface.other": ("Other", "其他"),
    "milestone_status.planned": ("Planned", "计划中"),
    "milestone_status.in_progress": ("In progress", "进行中"),
    "milestone_status.done": ("Done", "已完成"),
    "milestone_status.at_risk": ("At risk", "有风险"),
    "direction.increase": ("Increase", "提升"),
    "direction.decrease": ("Decrease", "降低"),
    "frequency.daily": ("Daily", "每日"),
    "frequency.weekly": ("Weekly", "每周"),
    "frequency.monthly": ("Monthly", "每月"),
    "frequency.quarterly": ("Quarterly", "每季度"),
    "level.low": ("Low", "低"),
    "level.medium": ("Medium", "中"),
    "level.high": ("High", "高"),
    "control.approval": ("Approval", "审批"),
    "control.confirmation": ("Confirmation", "二次确认"),
    "control.limit": ("Limit", "限额"),
    "control.monitoring": ("Monitoring", "监控告警"),
    "control.block": ("Block", "禁止"),
    "campaign_kind.promotion": ("Promotion", "促销活动"),
    "campaign_kind.theme": ("Themed event", "主题活动"),
    "campaign_kind.brand": ("Brand", "品牌活动"),
    "campaign_kind.seo": ("SEO", "搜索引擎优化（SEO）"),
    "campaign_kind.sem": ("SEM", "搜索引擎营销（SEM）"),
    "campaign_kind.other": ("Other", "其他"),
    "decision.pending": ("Pending", "待审核"),
    "decision.approved": ("Approved", "通过"),
    "decision.rejected": ("Rejected", "驳回"),
    "element_kind.text": ("Text", "文本"),
    "element_kind.image": ("Image", "图片"),
    "element_kind.button": ("Button", "按钮"),
    "element_kind.link": ("Link", "链接"),
    "element_kind.input": ("Input", "输入框"),
    "element_kind.list": ("List", "列表"),
    "element_kind.tab": ("Tab", "标签页"),
    "element_kind.banner": ("Banner", "横幅"),
    "element_kind.other": ("Other", "其他"),
    "property_type.string": ("String", "字符串"),
    "property_type.number": ("Number", "数字"),
    "property_type.boolean": ("Boolean", "布尔值"),
    "property_type.enum": ("Enum", "枚举"),
    "property_type.array": ("Array", "数组"),
    "property_type.object": ("Object", "对象"),
    # Assumptions, dependencies, alternatives, launch and FAQ.
    "section.assumptions": ("Assumptions", "假设"),
    "section.dependencies": ("External dependencies", "外部依赖"),
    "section.alternatives": ("Alternatives considered", "可选方案"),
    "section.launch": ("Launch plan", "上线计划"),
    "section.faq": ("FAQ", "常见问题"),
    "field.validation": ("How it is checked", "验证方式"),
    "field.needed_by": ("Needed by", "需要日期"),
    "field.pros": ("Pros", "优点"),
    "field.cons": ("Cons", "缺点"),
    "field.item": ("Item", "事项"),
    "field.done": ("Done", "已完成"),
    "field.audience": ("Audience", "灰度范围"),
    "field.percent": ("Share of users", "放量比例"),
    "field.criteria": ("Go / no-go criteria", "放量标准"),
    "field.rollback": ("Rollback", "回滚方案"),
    "field.checklist": ("Launch checklist", "上线检查清单"),
    "field.rollout": ("Staged rollout", "灰度发布"),
    "field.answer": ("Answer", "回答"),
    "ui.assumption": ("Assumption", "假设"),
    "ui.decided": ("Decision", "决定"),
    "ui.target_not_set": ("target not set", "未设定"),
    "assumption_status.open": ("Open", "待验证"),
    "assumption_status.validated": ("Validated", "已验证"),
    "assumption_status.invalidated": ("Invalidated", "已证伪"),
    "dependency_kind.team": ("Team", "团队"),
    "dependency_kind.system": ("System", "系统"),
    "dependency_kind.vendor": ("Vendor", "供应商"),
    "dependency_kind.legal": ("Legal", "法务"),
    "dependency_kind.other": ("Other", "其他"),
    "dependency_status.open": ("Open", "待确认"),
    "dependency_status.agreed": ("Agreed", "已确认"),
    "dependency_status.delivered": ("Delivered", "已交付"),
    "dependency_status.blocked": ("Blocked", "受阻"),
    "alternative_decision.chosen": ("Chosen", "采纳"),
    "alternative_decision.rejected": ("Rejected", "不采纳"),
    "alternative_decision.open": ("Undecided", "待决定"),
    # Everything else the writers print.
    "ui.document": ("Product requirements document", "产品需求文档"),
    "ui.document_id": ("Document ID", "文档编号"),
    "ui.generated": ("Generated", "生成时间"),
    "ui.toc": ("Contents", "目录"),
    "ui.traceability": ("Traceability matrix", "需求追踪矩阵"),
    "ui.covered_by": ("Covered by", "覆盖功能"),
    "ui.not_covered": ("Not covered", "未覆盖"),
    "ui.gap": ("—", "—"),
    "ui.none": ("None", "无"),
    "ui.not_set": ("Not set", "未填写"),
    "ui.yes": ("Yes", "是"),
    "ui.no": ("No", "否"),
    "ui.us": ("Us", "我方"),
    "ui.inherited": ("inherited", "继承"),
    # How a diff names an entry of an item's list and its field (Chinese headings).
    "diff.entry_place": ("#{n}", "第 {n} 条"),
    "ui.step_no": ("No.", "序号"),
    "ui.end_of_flow": ("End of flow", "流程结束"),
    "ui.continues": ("Continues to the next step", "进入下一步"),
    "ui.diagram": ("Diagram", "流程图"),
    "ui.feature_structure": ("Feature structure", "功能结构图"),
    "ui.diagram_too_wide": (
        "Too wide to draw legibly on a page: the same content follows below.",
        "此图过宽，无法在页面内清晰绘制，相同内容见下文。",
    ),
    # In place of a diagram whose layout is too large to read or to compute
    # (`diagrams.budget`); the same content stays in the table or sections below it.
    "ui.flow_not_drawn": (
        "This flow's {steps} steps and {links} links are too many to draw legibly; "
        "its steps are listed below",
        "该流程有 {steps} 个步骤、{links} 条连线，过多而无法清晰绘制；步骤见下表",
    ),
    "ui.page_map_not_drawn": (
        "The {pages} pages and {links} links between them are too many to draw legibly; "
        "the pages are listed below",
        "共 {pages} 个页面、{links} 条跳转，过多而无法清晰绘制；页面见下表",
    ),
    "ui.features_not_drawn": (
        "The {features} features are too many to draw legibly; each is described below",
        "共 {features} 个功能，过多而无法清晰绘制；各功能见下文",
    ),
    "ui.diagrams_spent": (
        "The diagrams before this one are as many as one document draws: this one is left "
        "out, and what it shows is listed below",
        "本文档此前的图示已达可绘制的上限，此图从略；其内容见下文",
    ),
    "ui.signature": ("Signature", "签字"),
    "field.signer": ("Name", "姓名"),
    "field.signoff": ("Sign-off", "签署状态"),
    "ui.unsigned": ("Not signed yet", "尚未签署"),
    "ui.stale": ("stale: the document changed after this sign-off", "已失效：签署后文档有改动"),
    "ui.stale_short": ("stale", "已失效"),
    "ui.overview": ("Overview", "总览"),
    "ui.gantt": ("Timeline", "甘特图"),
    "ui.requirement": ("Requirement", "需求"),
    "ui.flows": ("Flows", "关联流程"),
    "ui.gap_legend": (
        "a gap: a {must} requirement that no feature delivers",
        "缺口：没有任何功能实现的{must}需求",
    ),
    # A long list cut short where every link it holds is shown in full elsewhere.
    "ui.and_more": ("… and {count} more", "…… 另有 {count} 项"),
    "ui.and_more_legend": (
        "a cell of more than {count} lists its first {count}; the others are listed in full where"
        " each link is written (a feature's requirements and flows, a milestone's deliverables,"
        " a metric's requirements, an event's feature and metrics)",
        "超过 {count} 项的单元格只列出前 {count} 项；其余各项在写明关联之处完整列出"
        "（功能的关联需求与关联流程、里程碑的交付内容、指标的关联需求、埋点事件的功能与关联指标）",
    ),
    "ui.untraced_features": ("Features that trace to no requirement", "未关联需求的功能"),
    "ui.start": ("Start", "开始"),
    "ui.baseline_to_target": ("Baseline → target", "基线 → 目标"),
    "ui.total": ("Total", "合计"),
    "ui.permission_matrix": ("Roles × actions", "角色权限矩阵"),
    "ui.granted_legend": (
        "granted; “inherited” marks a grant that comes from an inherited role",
        "已授权；标注“继承”的授权来自所继承的角色",
    ),
    "ui.grants_by_role": ("Grants by role", "各角色的授权"),
    "ui.granted": ("Granted", "直接授予"),
    "ui.grants_listed": (
        "{roles} roles × {actions} actions is too large a grid to read: each role lists the "
        "actions granted to it and the roles it inherits, whose actions it holds too",
        "{roles} 个角色 × {actions} 个操作，矩阵过大难以阅读：改为逐个角色列出直接授予的操作"
        "及其继承的角色（同时拥有被继承角色的全部操作）",
    ),
    "ui.comparison_values": ("Comparison values", "对比取值"),
    "ui.product": ("Product", "产品"),
    "ui.dimension": ("Dimension", "对比维度"),
    "ui.value": ("Value", "取值"),
    "ui.comparison_listed": (
        "{products} products × {dimensions} dimensions is too large a grid to read: each value "
        "written is listed with its product and dimension, and empty cells are left out",
        "{products} 个产品 × {dimensions} 个对比维度，矩阵过大难以阅读：改为逐条列出已填写的取值"
        "及其产品和对比维度，空白单元格从略",
    ),
    "ui.risk_matrix": ("Likelihood × impact", "风险矩阵（可能性 × 影响）"),
    "ui.unresolved": ("Unresolved", "未解决"),
    # The marking of a document not (or no longer) in force, on its cover and every page.
    "mark.draft": (
        "Draft — not approved; its contents may still change",
        "草稿：尚未批准，内容仍可能变更",
    ),
    "mark.review": ("In review — not yet approved", "评审中：尚未批准"),
    "mark.deprecated": ("Deprecated — no longer in force", "已废弃：不再有效"),
    # One pattern per language; page_pieces splits it around the Word PAGE/NUMPAGES fields.
    "ui.page_of_pages": ("Page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
    # The title `prdkit new` gives a document whose file name is not in the template's words.
    "new.title": ("TODO: product name", "待补充：产品名称"),
    # The site index (`prdkit site`).
    "site.title": ("Product requirements", "产品需求文档"),
    "site.summary": (
        "{count} documents. Select a title to open it.",
        "共 {count} 份文档，点击标题查看。",
    ),
    "site.summary.one": (
        "1 document. Select its title to open it.",
        "共 1 份文档，点击标题查看。",
    ),
    "site.all_statuses": ("All statuses", "全部状态"),
    "site.all_owners": ("All owners", "全部负责人"),
    "site.search": ("Search titles, ids, owners", "搜索标题、编号、负责人"),
    "site.shown": ("{shown} of {total} shown", "显示 {shown} / {total} 份"),
    "site.open_questions": ("Open questions", "待解决问题"),
    "site.errors": ("Errors", "错误"),
    "site.warnings": ("Warnings", "警告"),
    "site.stale_approvals": ("Stale sign-offs", "失效签核"),
    "site.invalid": ("Not rendered: the document is invalid", "未生成页面：文档未通过校验"),
    "site.empty": ("No PRD files found.", "未找到需求文档。"),
}


def language(requested: str | None) -> str:
    """The language to write for `requested` (`--lang` or `meta.language`): one we have."""
    return requested if requested in LANGUAGES else LANGUAGES[0]


def punct(lang: str) -> dict[str, str]:
    """The punctuation of `lang` (see PUNCT)."""
    return PUNCT[language(lang)]


def label(key: str, lang: str) -> str:
    """The label of `key` in `lang` (English for a language prdkit lacks); KeyError for an
    unknown key. LABELS rows hold one text per language, in the order of LANGUAGES."""
    return LABELS[key][LANGUAGES.index(language(lang))]


def counted(key: str, count: int, lang: str) -> str:
    """The label of `key` for `count` things, `{count}` filled in: `key.one` for exactly one
    where the catalogue has it (English), `key` otherwise (Chinese has one form)."""
    one = f"{key}.one"
    text = label(one if count == 1 and one in LABELS else key, lang)
    return text.format(count=count)


def enum_label(field: str, value: str, lang: str) -> str:
    """The label of enum `value` in group `field` (see ENUMS), or `value` itself if unknown."""
    texts = LABELS.get(f"{field}.{value}")
    if texts is None:
        return value
    return texts[LANGUAGES.index(language(lang))]


def page_pieces(lang: str) -> tuple[str, str, str]:
    """Text before the page number, between it and the page count, and after the count."""
    pattern = label("ui.page_of_pages", lang)
    before, rest = pattern.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    return before, between, after
