"""The stylesheet every HTML page of prdkit carries inline (no request to any other host).

Screen: a sticky contents sidebar beside the text, tables that scroll sideways on a phone.
Print (and the PDF made from the same page): A4, each top-level section on a new page, the
contents with page numbers, the title and "page X of Y" in the margins.
"""

from __future__ import annotations

# Latin faces first, then a Simplified Chinese face so CJK text never falls back to a
# Japanese one; Noto Sans CJK SC is what Linux machines (and the PDF writer) have.
FONT_STACK = (
    '"Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK SC", '
    '"Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
ZH_FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"Segoe UI", Arial, sans-serif'
)
MONO_STACK = '"SFMono-Regular", Consolas, "Liberation Mono", "Noto Sans Mono", monospace'

# Tones of enum chips (text colour, fill), the same as the Word writer's badges.
TONES: dict[str, tuple[str, str]] = {
    "red": ("#B42318", "#FDE7E4"),
    "amber": ("#8A5300", "#FEF0C7"),
    "green": ("#1E6B34", "#DDF1E1"),
    "blue": ("#1F5F99", "#DCEBF8"),
    "grey": ("#4D4D4D", "#EBEDF0"),
}

TONE_CSS = "".join(
    f".tone-{name} {{ color: {fg}; background: {bg}; }}\n" for name, (fg, bg) in TONES.items()
)

BASE_CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; }}
body {{ margin: 0; font-family: {FONT_STACK}; font-size: 16px; line-height: 1.6;
  color: #1f2328; background: #fff; }}
:lang(zh) body, body:lang(zh) {{ font-family: {ZH_FONT_STACK}; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; min-width: 0; }}
h1, h2, h3, h4, h5, h6 {{ line-height: 1.3; margin: 1.6em 0 .6em; }}
h1 {{ font-size: 1.9rem; margin-top: .4em; }}
h2 {{ font-size: 1.5rem; padding-bottom: .25em; border-bottom: 1px solid #d8dee4; }}
h3 {{ font-size: 1.2rem; }}
h4 {{ font-size: 1.05rem; }}
a {{ color: #0b5cad; }}
code, pre {{ font-family: {MONO_STACK}; font-size: .9em; }}
code {{ background: #f3f4f6; padding: .1em .3em; border-radius: 4px; }}
pre {{ background: #f6f8fa; padding: .8em 1em; overflow-x: auto; border-radius: 6px; }}
pre code {{ background: none; padding: 0; }}
blockquote {{ margin: 0 0 1em; padding: 0 1em; color: #57606a; border-left: 4px solid #d0d7de; }}
.table-wrap {{ overflow-x: auto; margin: 0 0 1.2em; }}
table {{ border-collapse: collapse; width: 100%; font-size: .92em; }}
th, td {{ border: 1px solid #d0d7de; padding: .35em .6em; text-align: left; vertical-align: top; }}
thead th {{ background: #f6f8fa; }}
td p {{ margin: 0 0 .4em; }} td p:last-child {{ margin-bottom: 0; }}
td ul, td ol {{ margin: 0; padding-left: 1.2em; }}
.chip {{ display: inline-block; padding: .05em .55em; border-radius: 999px; font-size: .85em;
  font-weight: 600; white-space: nowrap; }}
.source {{ color: #57606a; font-size: .85em; }}
.invalid {{ color: #b42318; margin: .2em 0; font-weight: 600; }}
"""
