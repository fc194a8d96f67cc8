"""Draw the prototype wireframes of the flash-sale example (examples/images/*.png).

Run `python scripts/wireframes.py` after changing a drawing; needs Pillow (a test
dependency, never a runtime one) and a Noto Sans CJK font. The output is byte-identical
for the same Pillow and font, so committed pictures change only when a drawing does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "images"
FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
)
BOLD = tuple(f.replace("Regular", "Bold") for f in FONTS)
SCALE = 2  # drawn at twice the phone's 390 × 844 points, as a phone screenshot is
W, H = 390, 844

INK, MUTED, LINE, PANEL, PAPER = "#1f2328", "#8a9099", "#d0d4da", "#f1f3f5", "#ffffff"
RED, RED_SOFT, AMBER = "#e03131", "#ffe3e3", "#f08c00"


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    for path in BOLD if bold else FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size * SCALE, index=2)  # index 2: Simplified Chinese
    sys.exit("wireframes: no Noto Sans CJK font found (apt-get install fonts-noto-cjk)")


class Canvas:
    """A phone screen in points; drawn at SCALE pixels per point."""

    def __init__(self) -> None:
        self.image = Image.new("RGB", (W * SCALE, H * SCALE), PAPER)
        self.draw = ImageDraw.Draw(self.image)

    def box(self, x: float, y: float, w: float, h: float, fill: str = PANEL, **kw: object) -> None:
        s = SCALE
        outline = kw.get("outline")
        radius = int(kw.get("radius", 6)) * s  # type: ignore[call-overload]
        self.draw.rounded_rectangle(
            (x * s, y * s, (x + w) * s, (y + h) * s), radius, fill=fill, outline=outline, width=s
        )

    def text(
        self,
        x: float,
        y: float,
        words: str,
        size: int = 14,
        colour: str = INK,
        bold: bool = False,
        anchor: str = "la",
    ) -> None:
        self.draw.text(
            (x * SCALE, y * SCALE), words, fill=colour, font=font(size, bold), anchor=anchor
        )

    def width(self, words: str, size: int) -> float:
        """The width of `words` in points."""
        return self.draw.textlength(words, font=font(size)) / SCALE

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = LINE) -> None:
        s = SCALE
        self.draw.line((x1 * s, y1 * s, x2 * s, y2 * s), fill=colour, width=s)

    def picture(self, x: float, y: float, w: float, h: float) -> None:
        """The wireframe sign for a product photo: a box with a cross."""
        self.box(x, y, w, h, fill=PANEL, outline=LINE, radius=4)
        self.line(x, y, x + w, y + h)
        self.line(x, y + h, x + w, y)

    def status_bar(self, title: str) -> None:
        self.text(20, 14, "9:41", 13, bold=True)
        for i in range(3):  # signal bars and a battery, drawn: fonts lack the symbols
            self.box(W - 78 + i * 7, 24 - 4 * i, 4, 6 + 4 * i, fill=INK, radius=1)
        self.box(W - 48, 14, 26, 14, fill=PAPER, outline=INK, radius=3)
        self.box(W - 45, 17, 16, 8, fill=INK, radius=1)
        self.text(20, 52, "‹", 26, anchor="lm")
        self.text(W / 2, 52, title, 17, bold=True, anchor="mm")
        self.line(0, 76, W, 76)

    def save(self, name: str) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        # A fixed palette keeps the files small; flat wireframe colours lose nothing.
        quantized = self.image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=0)
        quantized.save(OUT / name, optimize=True)


def channel() -> Canvas:
    """秒杀频道页: session tabs, countdown, product cards in three states."""
    c = Canvas()
    c.status_bar("限时秒杀")
    tabs = [("10:00", "已开抢"), ("12:00", "抢购中"), ("15:00", "即将开抢"), ("20:00", "即将开抢")]
    for i, (hour, state) in enumerate(tabs):
        x = 12 + i * 92
        current = i == 1
        c.box(x, 88, 84, 50, fill=RED if current else PANEL, radius=8)
        colour = PAPER if current else INK
        c.text(x + 42, 104, hour, 16, colour, bold=True, anchor="mm")
        c.text(x + 42, 126, state, 11, PAPER if current else MUTED, anchor="mm")
    c.box(12, 150, W - 24, 36, fill=RED_SOFT, radius=8)
    c.text(24, 168, "本场距结束", 13, RED, anchor="lm")
    c.text(W - 24, 168, "00 : 42 : 17", 16, RED, bold=True, anchor="rm")
    cards = [
        ("蓝牙降噪耳机 Pro 旗舰款", "¥ 199", "¥ 399", 0.76, "立即抢", RED),
        ("有机纯牛奶 250ml×24 盒", "¥ 39.9", "¥ 69", 1.0, "已抢光", MUTED),
        ("不粘锅炒锅 32cm 家用", "¥ 89", "¥ 159", 0.0, "提醒我", AMBER),
    ]
    for i, (name, price, was, sold, button, colour) in enumerate(cards):
        y = 200 + i * 196
        gone = button == "已抢光"
        c.box(12, y, W - 24, 184, fill=PAPER, outline=LINE, radius=10)
        c.picture(24, y + 12, 120, 120)
        c.text(156, y + 16, name, 14, MUTED if gone else INK, bold=True)
        c.text(156, y + 44, "限购 1 件 · 平台补贴", 12, MUTED)
        c.text(156, y + 76, price, 22, MUTED if gone else RED, bold=True)
        c.text(250, y + 84, was, 13, MUTED)
        c.line(250, y + 93, 250 + c.width(was, 13), y + 93, MUTED)
        if button == "提醒我":
            c.text(156, y + 120, "15:00 开抢 · 3,216 人已预约", 12, AMBER, anchor="lm")
        else:
            c.box(156, y + 116, 120, 8, fill=PANEL, radius=4)
            c.box(156, y + 116, 120 * sold, 8, fill=MUTED if gone else RED, radius=4)
            c.text(284, y + 120, f"已抢 {int(sold * 100)}%", 11, MUTED, anchor="lm")
        c.box(156, y + 140, W - 24 - 156, 32, fill=colour, radius=16)
        c.text((156 + W - 24) / 2 + 6, y + 156, button, 14, PAPER, bold=True, anchor="mm")
    return c


def checkout() -> Canvas:
    """确认订单: address, the item with its limit, payment countdown, submit bar."""
    c = Canvas()
    c.status_bar("确认订单")
    c.box(12, 88, W - 24, 78, fill=PAPER, outline=LINE, radius=10)
    c.text(24, 100, "张 *  138****5678", 14, bold=True)
    c.text(24, 126, "浙江省杭州市西湖区 文三路 ** 号", 13, MUTED)
    c.text(W - 24, 126, "›", 20, MUTED, anchor="rm")
    c.box(12, 178, W - 24, 132, fill=PAPER, outline=LINE, radius=10)
    c.picture(24, 190, 84, 84)
    c.text(120, 194, "蓝牙降噪耳机 Pro 旗舰款", 14, bold=True)
    c.text(120, 220, "颜色：曜石黑", 12, MUTED)
    c.text(120, 250, "¥ 199", 18, RED, bold=True)
    c.text(W - 24, 254, "× 1", 14, anchor="ra")
    c.text(24, 284, "秒杀商品每人限购 1 件", 12, AMBER)
    rows = [("商品金额", "¥ 199.00"), ("运费", "包邮"), ("平台秒杀补贴", "- ¥ 0.00")]
    c.box(12, 322, W - 24, 124, fill=PAPER, outline=LINE, radius=10)
    for i, (label, value) in enumerate(rows):
        c.text(24, 344 + i * 34, label, 13, MUTED, anchor="lm")
        c.text(W - 24, 344 + i * 34, value, 13, anchor="rm")
    c.box(12, 460, W - 24, 44, fill=RED_SOFT, radius=8)
    c.text(W / 2, 482, "库存已为你保留，请在 09:58 内完成支付", 13, RED, anchor="mm")
    c.line(0, H - 84, W, H - 84)
    c.text(20, H - 50, "实付", 13, MUTED, anchor="lm")
    c.text(56, H - 50, "¥ 199.00", 20, RED, bold=True, anchor="lm")
    c.box(W - 148, H - 72, 132, 44, fill=RED, radius=22)
    c.text(W - 82, H - 50, "提交订单", 16, PAPER, bold=True, anchor="mm")
    return c


def queue() -> Canvas:
    """排队中: shown when orders exceed capacity; the shopper waits without tapping again."""
    c = checkout()
    veil = Image.new("RGB", c.image.size, "#000000")
    c.image = Image.blend(c.image, veil, 0.45)
    c.draw = ImageDraw.Draw(c.image)
    c.box(40, 300, W - 80, 220, fill=PAPER, radius=14)
    c.text(W / 2, 340, "排队中…", 20, bold=True, anchor="mm")
    c.text(W / 2, 382, "前方还有约 1,200 人", 15, anchor="mm")
    c.text(W / 2, 410, "预计等待 8 秒，排到后自动进入确认页", 12, MUTED, anchor="mm")
    c.box(72, 440, W - 144, 10, fill=PANEL, radius=5)
    c.box(72, 440, (W - 144) * 0.6, 10, fill=RED, radius=5)
    c.text(W / 2, 486, "请勿关闭页面或重复点击", 12, MUTED, anchor="mm")
    return c


DRAWINGS: dict[str, Callable[[], Canvas]] = {
    "flash-sale-channel.png": channel,
    "flash-sale-checkout.png": checkout,
    "flash-sale-queue.png": queue,
}


def main() -> None:
    """Draw every wireframe into examples/images/."""
    for name, draw in DRAWINGS.items():
        draw().save(name)
        print(OUT / name)


if __name__ == "__main__":
    main()
