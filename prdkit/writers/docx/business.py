"""The business around the product: business model and competitive analysis."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from prdkit.model import Competition, Competitor
from prdkit.richtext import safe_link
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.common import (
    STRONG,
    enum_col,
    items,
    labelled_md,
    number,
    section_heading,
)
from prdkit.writers.docx.oxml import Look
from prdkit.writers.docx.palette import RED
from prdkit.writers.docx.tables import Md, Table


def business_model(b: Builder) -> None:
    """How the product makes money and what it costs."""
    bm = b.doc.business_model
    if bm is None:
        return
    section_heading(b, "business_model")
    b.markdown(b.body, bm.summary)
    labelled_md(b, "field.value_proposition", bm.value_proposition, level=2)
    for key, values in (
        ("field.customer_segments", bm.customer_segments),
        ("field.channels", bm.channels),
    ):
        if values:
            b.heading(2, b.label(key))
            items(b, b.body, values)
    if bm.revenue_streams:
        b.heading(2, b.label("field.revenue_streams"))
        table = Table(
            b,
            b.body,
            [2, enum_col(b, "revenue_kind", "field.kind"), 4.2, 2],
            header=[
                b.label(k)
                for k in ("field.name", "field.kind", "field.description", "field.estimate")
            ],
        )
        for stream in bm.revenue_streams:
            table.row(
                [
                    stream.name,
                    b.enum("revenue_kind", stream.kind),
                    Md(stream.description or ""),
                    stream.estimate,
                ]
            )
    if bm.cost_structure:
        b.heading(2, b.label("field.cost_structure"))
        table = Table(
            b,
            b.body,
            [2, 5.4, 2.2],
            header=[b.label(k) for k in ("field.name", "field.description", "field.estimate")],
        )
        for cost in bm.cost_structure:
            table.row([cost.name, Md(cost.description or ""), cost.estimate])
    if bm.key_partners:
        b.heading(2, b.label("field.key_partners"))
        items(b, b.body, bm.key_partners)


def competition(b: Builder) -> None:
    """Competitors, the comparison matrix and how we differ."""
    comp = b.doc.competition
    if comp is None:
        return
    section_heading(b, "competition")
    b.markdown(b.body, comp.summary)
    if comp.competitors:
        b.heading(2, b.label("field.competitors"))
        table = Table(
            b,
            b.body,
            [1.6, 3, 2.2, 2.2, 1.6],
            header=[
                b.label(k)
                for k in (
                    "field.name",
                    "field.positioning",
                    "field.strengths",
                    "field.weaknesses",
                    "field.pricing",
                )
            ],
        )
        for c in comp.competitors:
            table.row(
                [
                    _competitor(b, c),
                    Md(c.positioning or ""),
                    Md("\n".join(f"- {_escape(s)}" for s in c.strengths)),
                    Md("\n".join(f"- {_escape(s)}" for s in c.weaknesses)),
                    c.pricing,
                ]
            )
    if comp.matrix and comp.dimensions:
        _matrix(b, comp)
    labelled_md(b, "field.differentiation", comp.differentiation, level=2)


def _escape(text: str) -> str:
    # Competitor names and bullet texts are plain strings: keep Markdown from reading them.
    return "".join("\\" + ch if ch in "\\`*_[]<>#|~&!" else ch for ch in text)


def _competitor(b: Builder, c: Competitor) -> Callable[[etree._Element], None]:
    def fill(para: etree._Element) -> None:
        url = safe_link(c.url) if c.url else None
        if url is None:
            b.run(para, c.name, b.style_of(para), STRONG)
        else:
            link = b.hyperlink(para, url)
            b.run(link, c.name, b.style_of(para), Look(bold=True, style=b.link_style))
        b.place(para, c.id)

    return fill


def _matrix(b: Builder, comp: Competition) -> None:
    b.heading(2, b.label("field.matrix"))
    keys = [key for key, _ in comp.matrix]
    names = {c.id: c.name for c in comp.competitors}
    header = [b.label("field.dimensions")] + [
        b.label("ui.us") if key == "us" else names.get(key, key) for key in keys
    ]
    table = Table(b, b.body, [2.2] + [1.6] * len(keys), header=header)
    rows = {key: dict(cells) for key, cells in comp.matrix}
    yes, no = Look(bold=True, color="1E6B34"), Look(bold=True, color=RED[0])
    for dimension in comp.dimensions:
        cells: list[object] = [dimension]
        for key in keys:
            value = rows[key].get(dimension)

            def fill(para: etree._Element, value: object = value) -> None:
                if isinstance(value, bool):
                    table.text(para, b.label("ui.yes" if value else "ui.no"), yes if value else no)
                elif isinstance(value, int | float):
                    table.text(para, number(value))
                elif value is not None:
                    table.text(para, str(value))

            cells.append(fill)
        table.row(cells, fills=[None] + ["EAF1FB" if k == "us" else None for k in keys])  # type: ignore[arg-type]


SECTIONS = {"business_model": business_model, "competition": competition}
