"""The styles prdkit defines: fonts, colours and the w:style XML of each, by style name.

Fonts: Latin text in Arial (every Windows and macOS has it; LibreOffice maps it to the
metric-compatible Liberation Sans) and Chinese in Microsoft YaHei, the Simplified Chinese
sans-serif of every Windows since Vista and of Office for Mac. Where YaHei is missing the
fallback runs: its Chinese name 微软雅黑 (the font table's altName), then, from the GB2312
charset, the sans-serif family and the zh-CN language tag on the text, a Simplified Chinese
sans-serif: Noto Sans CJK SC or Source Han Sans SC on Linux (LibreOffice, WPS), PingFang SC
on macOS; never a Latin face, never the Japanese forms of a CJK font.
"""

from __future__ import annotations

from prdkit.writers.docx.oxml import w

LATIN = "Arial"
EAST_ASIA = "Microsoft YaHei"
CODE = "Consolas"
# The languages text is tagged with (w:lang): Latin script and East Asian script.
LATIN_LANG = "en-US"
EAST_ASIAN_LANG = "zh-CN"

INK = "262626"
NAVY = "1F3864"
BLUE = "2E5C8A"
GREY = "595959"

# Theme font attributes win over the explicit fonts beside them, so they go.
THEME_ATTRS = tuple(w(a) for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme", "hint"))


def _rfonts(latin: str = LATIN, east_asia: str = EAST_ASIA) -> str:
    return (
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}"/>'
    )


def _para(
    sid: str, name: str, ppr: str = "", rpr: str = "", based: str = "Normal", extra: str = ""
) -> str:
    basedon = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{basedon}'
        f"{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{_rfonts()}{rpr}</w:rPr></w:style>"
    )


def _heading(level: int, size: int, color: str, before: int, after: int, border: str = "") -> str:
    return _para(
        f"Heading{level}",
        f"heading {level}",
        f'<w:keepNext/><w:keepLines/>{border}<w:spacing w:before="{before}" w:after="{after}"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>',
        f'<w:b/><w:bCs/><w:color w:val="{color}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
        extra='<w:next w:val="Normal"/><w:uiPriority w:val="9"/>',
    )


def _toc(level: int, width: int) -> str:
    look = "<w:b/><w:bCs/>" if level == 1 else '<w:sz w:val="20"/><w:szCs w:val="20"/>'
    before = 100 if level == 1 else 0
    return _para(
        f"TOC{level}",
        f"toc {level}",
        f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
        f'<w:spacing w:before="{before}" w:after="20" w:line="252" w:lineRule="auto"/>'
        f'<w:ind w:left="{(level - 1) * 300}"/>',
        look,
        extra='<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
    )


def definitions(width: int) -> dict[str, str]:
    """Style name → w:style XML of every style prdkit uses; `width` is the text width in twips."""
    border = f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="{NAVY}"/></w:pBdr>'
    char = (
        '<w:style w:type="character" w:styleId="{0}"><w:name w:val="{1}"/>{2}'
        "<w:rPr>{3}</w:rPr></w:style>"
    )
    return {
        "Normal": (
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:qFormat/><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr>{_rfonts()}<w:color w:val="{INK}"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
            "</w:rPr></w:style>"
        ),
        "Title": _para(
            "Title",
            "Title",
            '<w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/>',
            f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="56"/><w:szCs w:val="56"/>',
        ),
        "Subtitle": _para(
            "Subtitle",
            "Subtitle",
            f'<w:pBdr><w:top w:val="single" w:sz="36" w:space="18" w:color="{NAVY}"/></w:pBdr>'
            '<w:spacing w:before="2400" w:after="120"/>',
            f'<w:caps/><w:color w:val="{BLUE}"/><w:spacing w:val="20"/><w:sz w:val="24"/>'
            '<w:szCs w:val="24"/>',
        ),
        "heading 1": _heading(1, 32, NAVY, 360, 160, border),
        "heading 2": _heading(2, 26, BLUE, 280, 100),
        "heading 3": _heading(3, 22, NAVY, 220, 80),
        "TOC Heading": _para(
            "TOCHeading",
            "TOC Heading",
            '<w:keepNext/><w:spacing w:before="0" w:after="240"/><w:outlineLvl w:val="9"/>',
            f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
            extra='<w:next w:val="Normal"/>',
        ),
        "toc 1": _toc(1, width),
        "toc 2": _toc(2, width),
        "Compact": _para(
            "Compact",
            "Compact",
            # An exact line height keeps Latin and Chinese cells of a row on one baseline.
            '<w:spacing w:before="20" w:after="20" w:line="270" w:lineRule="exact"/>',
            '<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        "Field Label": _para(
            "FieldLabel",
            "Field Label",
            '<w:keepNext/><w:spacing w:before="160" w:after="40"/>',
            f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="19"/><w:szCs w:val="19"/>',
            extra='<w:next w:val="Normal"/>',
        ),
        "caption": _para(
            "Caption",
            "caption",
            '<w:jc w:val="center"/><w:spacing w:before="60" w:after="240"/>',
            f'<w:i/><w:iCs/><w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
        ),
        "Block Text": _para(
            "BlockText",
            "Block Text",
            '<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="BFC8D6"/></w:pBdr>'
            '<w:ind w:left="284" w:right="284"/>',
            f'<w:color w:val="{GREY}"/>',
        ),
        "Source Code": _para(
            "SourceCode",
            "Source Code",
            '<w:shd w:val="clear" w:color="auto" w:fill="F3F4F6"/>'
            '<w:spacing w:before="60" w:after="120" w:line="240" w:lineRule="auto"/>',
            '<w:sz w:val="18"/><w:szCs w:val="18"/>',
        ).replace(_rfonts(), _rfonts(CODE)),
        "header": _para(
            "Header",
            "header",
            f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="BFC8D6"/></w:pBdr>'
            f'<w:tabs><w:tab w:val="right" w:pos="{width}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
            '<w:color w:val="7F7F7F"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
        ),
        "footer": _para(
            "Footer",
            "footer",
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
            '<w:color w:val="7F7F7F"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
        ),
        "Hyperlink": char.format(
            "Hyperlink",
            "Hyperlink",
            '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
            "<w:unhideWhenUsed/>",
            f'{_rfonts()}<w:color w:val="0563C1"/><w:u w:val="single"/>',
        ),
        "Verbatim Char": char.format(
            "VerbatimChar",
            "Verbatim Char",
            '<w:basedOn w:val="DefaultParagraphFont"/>',
            f'{_rfonts(CODE)}<w:shd w:val="clear" w:color="auto" w:fill="F3F4F6"/>',
        ),
        "PRD Table": (
            '<w:style w:type="table" w:styleId="PRDTable"><w:name w:val="PRD Table"/>'
            '<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
            '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblBorders>'
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="C5CDD8"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/>'
            '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
            '<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr></w:tblStylePr>'
            '<w:tblStylePr w:type="band2Horz"><w:tcPr>'
            '<w:shd w:val="clear" w:color="auto" w:fill="F2F5F9"/></w:tcPr></w:tblStylePr>'
            "</w:style>"
        ),
    }


# Style names the writer refers to, so callers never spell ids (a reference doc may differ).
REQUIRED = (
    "Normal",
    "Title",
    "Subtitle",
    "heading 1",
    "heading 2",
    "heading 3",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "Compact",
    "Field Label",
    "Block Text",
    "caption",
    "Source Code",
    "header",
    "footer",
    "Hyperlink",
    "Verbatim Char",
    "PRD Table",
)
