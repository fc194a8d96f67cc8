"""Words for generated PRDs: English and Chinese phrases, and Markdown made from them."""

from __future__ import annotations

import random

SUBJECTS = {
    "en": [
        "Shoppers",
        "Returning customers",
        "Merchants",
        "Warehouse staff",
        "Support agents",
        "Campaign managers",
        "Finance reviewers",
        "First-time buyers",
    ],
    "zh": [
        "消费者",
        "老客",
        "入驻商家",
        "仓库人员",
        "客服专员",
        "活动运营",
        "财务复核人员",
        "新用户",
    ],
}
VERBS = {
    "en": [
        "can compare",
        "see the status of",
        "are reminded about",
        "can cancel",
        "receive a receipt for",
        "can search",
        "approve changes to",
        "export a report of",
    ],
    "zh": [
        "可以比较",
        "能看到",
        "会收到提醒的",
        "可以取消",
        "能拿到凭证的",
        "可以搜索",
        "审批",
        "导出",
    ],
}
OBJECTS = {
    "en": [
        "their orders",
        "flash-sale slots",
        "delivery windows",
        "coupon balances",
        "refund requests",
        "stock reservations",
        "price changes",
        "loyalty points",
    ],
    "zh": [
        "订单",
        "秒杀场次",
        "配送时段",
        "优惠券余额",
        "退款申请",
        "库存预占",
        "价格变更",
        "会员积分",
    ],
}
TAILS = {
    "en": [
        "within two seconds",
        "without calling support",
        "on app and web",
        "before the sale starts",
        "with an audit trail",
        "in their language",
    ],
    "zh": [
        "两秒内完成",
        "无需联系客服",
        "App 与网页都可用",
        "开抢前完成",
        "全程留痕",
        "用用户的语言",
    ],
}
NOUNS = {
    "en": ["checkout", "inventory pool", "reminder service", "risk engine", "merchant portal"],
    "zh": ["结算页", "库存池", "提醒服务", "风控引擎", "商家后台"],
}
NAMES = {
    "en": ["Ann Lee", "Omar Haddad", "Priya Nair", "Tom Becker", "Sara Kim", "Luis Ortega"],
    "zh": ["陈思远", "刘佳怡", "王博", "周蕾", "黄晓东", "孙雅文"],
}
TERMS = {
    "en": ["slot", "reservation", "oversell", "strike-through price", "four-eyes rule"],
    "zh": ["场次", "预扣", "超卖", "划线价", "四眼原则"],
}


def other(lang: str) -> str:
    """The other of the two languages."""
    return "zh" if lang == "en" else "en"


def sentence(rng: random.Random, lang: str) -> str:
    """One plain sentence."""
    parts = [rng.choice(SUBJECTS[lang]), rng.choice(VERBS[lang]), rng.choice(OBJECTS[lang])]
    tail = rng.choice(TAILS[lang])
    if lang == "zh":
        return "".join(parts) + "，" + tail + "。"
    return " ".join(parts) + " " + tail + "."


def title(rng: random.Random, lang: str, n: int) -> str:
    """A short item title, numbered so titles differ."""
    noun = rng.choice(NOUNS[lang])
    thing = rng.choice(OBJECTS[lang])
    return f"{noun}：{thing}（{n}）" if lang == "zh" else f"{noun.capitalize()} for {thing} ({n})"


def inline_md(rng: random.Random, lang: str) -> str:
    """A sentence with inline Markdown: bold, code or a link."""
    text = sentence(rng, lang)
    pick = rng.randrange(4)
    word = rng.choice(NOUNS[lang])
    if pick == 0:
        return text.replace(word, f"**{word}**", 1) if word in text else f"**{word}** {text}"
    if pick == 1:
        return f"{text} (`{rng.choice(['POST /orders', 'stock.reserve', 'sku_id', 'slot_at'])}`)"
    if pick == 2:
        return f"{text} [{word}](https://wiki.example.com/p/{rng.randrange(10**6)})"
    return text


def paragraph(rng: random.Random, lang: str, sentences: int = 2) -> str:
    """Several sentences, some with inline Markdown; one line, no final newline."""
    glue = "" if lang == "zh" else " "
    return glue.join(inline_md(rng, lang) for _ in range(sentences))


def rich(rng: random.Random, lang: str) -> str:
    """A multi-line Markdown field: a paragraph and a list, table or quote; ends with newline."""
    lead = paragraph(rng, lang, 2)
    shape = rng.randrange(4)
    if shape == 0:
        body = "\n".join(f"- {sentence(rng, lang)}" for _ in range(3))
    elif shape == 1:
        body = "\n".join(f"{i}. {inline_md(rng, lang)}" for i in range(1, 4))
    elif shape == 2:
        head = "| 指标 | 现状 | 目标 |" if lang == "zh" else "| Measure | Now | Target |"
        rows = [
            f"| {rng.choice(OBJECTS[lang])} | {rng.randrange(5, 60)}% | {rng.randrange(60, 99)}% |"
            for _ in range(3)
        ]
        body = "\n".join([head, "| --- | --- | --- |", *rows])
    else:
        body = "> " + sentence(rng, other(lang))
    return f"{lead}\n\n{body}\n"
