"""The market and the business: research, business model, competitive analysis."""

from __future__ import annotations

from prdkit.layout.blocks import Block, Column, Facts, Items, Matrix, Note, RichText, Table
from prdkit.layout.cells import Cell, Many, Text
from prdkit.layout.context import Layout, facts
from prdkit.layout.numbers import money, number
from prdkit.layout.sections.front import link
from prdkit.model import Competition

__all__ = ["business_model", "competition", "market_research"]

# Past this many product columns or cells a comparison grid no longer reads, and its gaps
# grow with products × dimensions whatever was written: 1,000 competitors on 1,000
# dimensions with a single value filled in were a million cells (over a minute and 1.7 GB
# in Word). 62 products beside the dimensions' column are 63 columns, the most a Word table
# holds; 2,400 cells, as the permissions grid, are some five pages of table.
MAX_MATRIX_COLUMNS = 62
MAX_MATRIX_CELLS = 2_400


def market_research(lay: Layout) -> list[Block]:
    """Summary, target users, market size and findings."""
    mr = lay.doc.market_research
    size = mr.market_size if mr else None
    sized = size is not None and any(
        v is not None for v in (size.tam, size.sam, size.som, size.year, size.source)
    )
    if mr is None or not (mr.summary or mr.target_users or sized or mr.findings):
        return []
    out: list[Block] = [lay.heading(1, "section.market_research", "market_research")]
    if mr.summary and mr.summary.strip():
        out.append(RichText(mr.summary, 1))
    if mr.target_users:
        out.append(lay.heading(2, "field.target_users", "market_research/target_users"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.segment")),
                    Column(lay.t("field.size"), "number"),
                    Column(lay.t("field.description"), "markdown"),
                ),
                tuple(
                    (
                        lay.own(u.id),
                        lay.field(u, "segment"),
                        number(u.size)
                        if isinstance(u.size, int | float) and not isinstance(u.size, bool)
                        else lay.field(u, "size"),
                        lay.field(u, "description"),
                    )
                    for u in mr.target_users
                ),
            )
        )
    if size is not None and sized:
        out.append(lay.heading(2, "field.market_size", "market_research/market_size"))
        rows = [
            (
                lay.t(f"field.{key}"),
                money(v, size.currency, lay.lang, summary=True) if v is not None else None,
            )
            for key, v in (("tam", size.tam), ("sam", size.sam), ("som", size.som))
        ]
        year = lay.text(str(size.year)) if size.year is not None else None
        rows += [(lay.t("field.year"), year), (lay.t("field.source"), lay.field(size, "source"))]
        out.append(Facts(facts(rows), boxed=True))
    if mr.findings:
        out.append(lay.heading(2, "field.findings", "market_research/findings"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.statement"), "markdown"),
                    Column(lay.t("field.source")),
                    Column(lay.t("field.evidence"), "markdown"),
                ),
                tuple(
                    (
                        lay.own(f.id),
                        lay.field(f, "statement"),
                        lay.field(f, "source"),
                        lay.field(f, "evidence"),
                    )
                    for f in mr.findings
                ),
            )
        )
    return out


def _names(lay: Layout, item: object, name: str) -> tuple[Cell, ...]:
    texts = getattr(item, name)
    return tuple(c for c, t in zip(lay.fields(item, name), texts, strict=True) if t.strip())


def business_model(lay: Layout) -> list[Block]:
    """Value proposition, segments, channels, revenue, costs and partners."""
    bm = lay.doc.business_model
    parts = (bm.summary, bm.value_proposition, bm.customer_segments, bm.channels) if bm else ()
    if bm is None or not any((*parts, bm.revenue_streams, bm.cost_structure, bm.key_partners)):
        return []
    out: list[Block] = [lay.heading(1, "section.business_model", "business_model")]
    if bm.summary and bm.summary.strip():
        out.append(RichText(bm.summary, 1))
    if bm.value_proposition and bm.value_proposition.strip():
        out.append(lay.heading(2, "field.value_proposition", "business_model/value_proposition"))
        out.append(RichText(bm.value_proposition, 2))
    for key, names in (
        ("field.customer_segments", bm.customer_segments),
        ("field.channels", bm.channels),
    ):
        if any(name.strip() for name in names):
            out.append(lay.heading(2, key, f"business_model/{key[6:]}"))
            out.append(Items(_names(lay, bm, key[6:]), 2))
    if bm.revenue_streams:
        out.append(lay.heading(2, "field.revenue_streams", "business_model/revenue_streams"))
        out.append(
            Table(
                (
                    Column(lay.t("field.name")),
                    Column(lay.t("field.kind"), "enum", "revenue_kind"),
                    Column(lay.t("field.estimate")),
                    Column(lay.t("field.description"), "markdown"),
                ),
                tuple(
                    (
                        lay.field(r, "name"),
                        lay.enum("revenue_kind", r.kind),
                        lay.field(r, "estimate"),
                        lay.field(r, "description"),
                    )
                    for r in bm.revenue_streams
                ),
            )
        )
    if bm.cost_structure:
        out.append(lay.heading(2, "field.cost_structure", "business_model/cost_structure"))
        out.append(
            Table(
                (
                    Column(lay.t("field.name")),
                    Column(lay.t("field.estimate")),
                    Column(lay.t("field.description"), "markdown"),
                ),
                tuple(
                    (lay.field(c, "name"), lay.field(c, "estimate"), lay.field(c, "description"))
                    for c in bm.cost_structure
                ),
            )
        )
    if any(name.strip() for name in bm.key_partners):
        out.append(lay.heading(2, "field.key_partners", "business_model/key_partners"))
        out.append(Items(_names(lay, bm, "key_partners"), 2))
    return out


def comparison_value(lay: Layout, value: object) -> Cell:
    """A comparison value: ✓ or ✗, a number, or the words on one line."""
    if isinstance(value, bool):
        return Text("✓", "good") if value else Text("✗", "bad")
    if isinstance(value, int | float):
        return number(value)
    return Text(" ".join(str(value).split())) if value is not None else None


def _comparison(lay: Layout, comp: Competition) -> list[Block]:
    """The products × dimensions grid when it is readable, else each value written, listed."""
    if not comp.matrix:
        return []
    rows: dict[str, dict[str, object]] = {}  # key → its first row, as `Competition.row` reads
    for key, cells in comp.matrix:
        rows.setdefault(key, dict(cells))
    # Declared dimensions first (as declared, repeats too), then the undeclared ones the
    # matrix uses, in written order.
    dimensions = list(comp.dimensions)
    seen = set(dimensions)
    for _, cells in comp.matrix:
        for d, _ in cells:
            if d not in seen:
                seen.add(d)
                dimensions.append(d)
    if not dimensions:
        return []
    # Our own column first, then the competitors in the order they are described.
    columns: list[tuple[str, Cell]] = [("us", Text(lay.t("ui.us")))] if rows.get("us") else []
    columns += [(c.id, Text(c.name)) for c in comp.competitors]
    known = {key for key, _ in columns}
    columns += [(key, Text(key)) for key, _ in comp.matrix if key not in known]
    count = len(columns)
    if count > MAX_MATRIX_COLUMNS or count * len(dimensions) > MAX_MATRIX_CELLS:
        names: dict[str, Cell] = {}
        for key, name in columns:
            names.setdefault(key, name)
        return _comparison_list(lay, comp, names, count, len(dimensions))
    values = [rows.get(key, {}) for key, _ in columns]
    gap = Text(lay.t("ui.gap"), "gap")
    return [
        lay.heading(2, "field.matrix", "competition/matrix"),
        Matrix(
            lay.t("field.dimensions"),
            tuple(name for _, name in columns),
            tuple(
                (
                    Text(d),
                    tuple(comparison_value(lay, row[d]) if d in row else gap for row in values),
                )
                for d in dimensions
            ),
            highlight=0 if columns and columns[0][0] == "us" else None,
        ),
    ]


def _comparison_list(
    lay: Layout, comp: Competition, names: dict[str, Cell], products: int, dimensions: int
) -> list[Block]:
    """Each value written, as the matrix holds it: product, dimension, value; no gaps."""
    note = lay.t("ui.comparison_listed").format(
        products=f"{products:,}", dimensions=f"{dimensions:,}"
    )
    out: list[Block] = [
        lay.heading(2, "ui.comparison_values", "competition/matrix"),
        Note(((Text(note, "muted"),),)),
    ]
    dimension: dict[str, Cell] = {}  # one cell per dimension, however many rows name it
    rows = tuple(
        (names[key], dimension.setdefault(d, Text(d)), comparison_value(lay, value))
        for key, cells in comp.matrix
        for d, value in cells
    )
    if rows:
        out.append(
            Table(
                (
                    Column(lay.t("ui.product")),
                    Column(lay.t("ui.dimension")),
                    Column(lay.t("ui.value")),
                ),
                rows,
            )
        )
    return out


def competition(lay: Layout) -> list[Block]:
    """Competitors, the comparison matrix (us first) and the differentiation."""
    comp = lay.doc.competition
    if comp is None or not (
        comp.summary or comp.competitors or comp.matrix or comp.differentiation
    ):
        return []
    out: list[Block] = [lay.heading(1, "section.competition", "competition")]
    if comp.summary and comp.summary.strip():
        out.append(RichText(comp.summary, 1))
    if comp.competitors:
        out.append(lay.heading(2, "field.competitors", "competition/competitors"))
        out.append(
            Table(
                (
                    Column(lay.t("field.id"), "id"),
                    Column(lay.t("field.name")),
                    Column(lay.t("field.positioning"), "markdown"),
                    Column(lay.t("field.strengths")),
                    Column(lay.t("field.weaknesses")),
                    Column(lay.t("field.pricing")),
                ),
                tuple(
                    (
                        lay.own(c.id),
                        link(lay, c.name, c.url),
                        lay.field(c, "positioning"),
                        Many(lay.fields(c, "strengths"), layout="bullets"),
                        Many(lay.fields(c, "weaknesses"), layout="bullets"),
                        lay.field(c, "pricing"),
                    )
                    for c in comp.competitors
                ),
            )
        )
    out += _comparison(lay, comp)
    if comp.differentiation and comp.differentiation.strip():
        out.append(lay.heading(2, "field.differentiation", "competition/differentiation"))
        out.append(RichText(comp.differentiation, 2))
    return out
