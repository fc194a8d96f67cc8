"""The Markdown writer: a GitHub-ready document with tables, traceability and Mermaid diagrams.

Layout: `text` and `inline` escape and re-render inline Markdown, `blocks` re-renders the
source's Markdown fields, `tables` writes GFM tables, `anchors` gives GitHub heading anchors,
`mermaid` draws flows and the schedule, `context` holds one render's state, and `overview`,
`requirements`, `process`, `governance` write the sections in the format's order. The
traceability matrix and inherited grants come from `prdkit.views`, shared with Word.
"""

from __future__ import annotations

from collections.abc import Callable

from prdkit.i18n import SECTION_ORDER
from prdkit.model import Document
from prdkit.writers import RenderOptions
from prdkit.writers.markdown import governance, overview, process, requirements
from prdkit.writers.markdown.context import Context
from prdkit.writers.markdown.text import escape

__all__ = ["render", "write"]

# Section key (as in i18n.SECTION_ORDER) → its writer; `meta` is the overview.
SECTIONS: dict[str, Callable[[Context], None]] = {
    "meta": overview.overview,
    "stakeholders": overview.stakeholders,
    "revisions": overview.revisions,
    "market_research": overview.market_research,
    "requirements": requirements.requirements,
    "business_model": overview.business_model,
    "competition": overview.competition,
    "features": requirements.features,
    "flows": process.flows,
    "schedule": process.schedule,
    "metrics": process.metrics,
    "resources": process.resources,
    "permissions": governance.permissions,
    "guardrails": governance.guardrails,
    "operations": governance.operations,
    "risks": governance.risks,
    "open_questions": governance.open_questions,
    "glossary": governance.glossary,
    "approvals": governance.approvals,
}


def _contents(ctx: Context) -> list[str]:
    lines = []
    for heading in ctx.outline.headings:
        if heading.in_toc and heading.level in (2, 3):
            indent = "  " * (heading.level - 2)
            text = escape(heading.text, autolink=False)  # link text holds no other link
            lines.append(f"{indent}- [{text}](#{heading.anchor})")
    return lines


def render(doc: Document, lang: str) -> str:
    """The Markdown text of `doc` with headings and labels in `lang`."""
    ctx = Context(doc, lang)
    overview.title_block(ctx)
    # The contents heading comes before every section, so it takes its anchor first.
    ctx.heading(2, ctx.raw("ui.toc"), toc=False)
    contents_at = len(ctx.blocks)
    for key in SECTION_ORDER:
        if key in SECTIONS:  # a section this writer does not show is left out
            SECTIONS[key](ctx)
    ctx.blocks.insert(contents_at, _contents(ctx))
    text = "\n\n".join("\n".join(block) for block in ctx.blocks if block)
    return ctx.resolve(text) + "\n"


def write(doc: Document, options: RenderOptions) -> bytes:
    """The document as UTF-8 Markdown (LF line ends, one final newline): same input, same bytes."""
    return render(doc, options.lang).encode("utf-8")
