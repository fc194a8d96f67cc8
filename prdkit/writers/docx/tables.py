"""Tables built row by row as lxml elements: fitted column widths and a repeating header row.

python-docx's `table.cell()` and `add_row()` rescan the table on every call, which makes a
5,000-row table quadratic; here each w:tr/w:tc is created once and appended.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from types import NoneType

from lxml import etree

from prdkit.writers.docx.colwidths import (
    Measured,
    Needs,
    breaks,
    distribute,
    measurer,
    twips,
    with_nested,
)
from prdkit.writers.docx.oxml import PLAIN, Look, sub, w
from prdkit.writers.docx.writer import Writer

_W, _P, _TBL, _GRID, _TBL_W = w("w"), w("p"), w("tbl"), w("tblGrid"), w("tblW")
_TR, _TC = w("tr"), w("tc")
CELL_MARGINS = 170  # left + right cell margins of the table style, twips
SLACK = 60  # room a column is given beyond its estimated text, until words would break for it
MIN_COLUMN = 900  # a shared column keeps at least this much when others need room
KEEP = 0.7  # … and at least this share of its own width


def _scale(tbl: etree._Element, factor: float) -> None:
    """Scale every width in `tbl` (and the tables within it) by `factor`."""
    for tag in ("tblW", "gridCol", "tcW"):
        for element in tbl.iter(w(tag)):
            value = element.get(w("w")) or ""
            if value.isdigit():
                element.set(w("w"), str(int(int(value) * factor)))


class Md(str):
    """Cell text to render as Markdown (a plain `str` is shown as it is)."""

    __slots__ = ()


# A cell is plain text, Markdown, or a function that fills the cell's first paragraph.
Filler = Callable[[etree._Element], None]


class Keyed:
    """A filler that says what it writes: fillers of one `key` (not None) write the same,
    and nothing else (no bookmark), so a table makes and measures the first of their cells
    and copies it for the others."""

    __slots__ = ()
    key: Hashable

    def __call__(self, para: etree._Element) -> None:
        raise NotImplementedError


Content = str | Md | Filler | Keyed | None


HEADER_FILL = "1F3864"
HEADER_LOOK = Look(bold=True, color="FFFFFF")
SHORT = 300  # Markdown cells shorter than this keep their row on one page
MADE = 1 << 14  # cells a table keeps to copy: the most repeated soon come back


class Refs:
    """A shared column listing ids: its weight, and room for the longest of `ids` on a line."""

    __slots__ = ("least", "weight")

    def __init__(self, weight: float, ids: Iterable[str]) -> None:
        self.weight = weight
        self.least = text_width(ids)


class Fixed(int):
    """A column width in twips, where other columns take a share of what is left."""

    __slots__ = ()


def widths(total: int, weights: Sequence[float], least: Sequence[int] = ()) -> list[int]:
    """Split `total` twips: `Fixed` columns first, the rest in proportion to their weights.

    Columns narrower than their `least` width (the longest word of the header, the longest
    id) are widened as far as the shared columns can give without going below their own
    least width, each giving in proportion to what it has to spare.
    """
    fixed = sum(int(w_) for w_ in weights if isinstance(w_, Fixed))
    free = max(total - fixed, total // 5)
    whole = sum(w_ for w_ in weights if not isinstance(w_, Fixed)) or 1
    parts = [int(w_) if isinstance(w_, Fixed) else int(free * w_ / whole) for w_ in weights]
    if least:
        floors = [
            p if isinstance(w_, Fixed) else max(need, MIN_COLUMN, int(p * KEEP))
            for p, w_, need in zip(parts, weights, least, strict=True)
        ]
        needs = [max(need - p, 0) for p, need in zip(parts, least, strict=True)]
        spare = [max(p - floor, 0) for p, floor in zip(parts, floors, strict=True)]
        wanted, available = sum(needs), sum(spare)
        if wanted and available:
            ratio = min(1.0, available / wanted)
            taken = sum(int(n * ratio) for n in needs)
            parts = [
                p + int(n * ratio) - int(taken * s / available)
                for p, n, s in zip(parts, needs, spare, strict=True)
            ]
    parts[-1] += total - sum(parts)
    return parts


def longest_word(text: str, size: int = 18) -> int:
    """Twips the longest unbreakable piece of `text` needs (bold), margins included."""
    words = [w_ for w_ in text.replace("/", " ").split() if w_]
    latin = [w_ for w_ in words if all(ord(ch) < 0x2E80 for ch in w_)]
    return int(text_width(latin, size) * 1.1) if latin else 0


def text_width(texts: Iterable[str | None], size: int = 18) -> int:
    """Twips the longest of `texts` needs on one line at `size` half-points, margins included."""
    longest = 0.0
    for text in texts:
        if text:
            em = sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)
            longest = max(longest, em)
    return int(longest * size * 10) + CELL_MARGINS + 60


def fit(texts: Iterable[str | None], low: int = 700, high: int = 2400, size: int = 18) -> Fixed:
    """A fixed column as wide as the longest of `texts` (ids, dates), within low..high."""
    return Fixed(min(max(text_width(texts, size), low), high))


class Blank(Fixed):
    """An empty column as wide as room to write in by hand (a signature), however tight."""

    __slots__ = ()


DATE = Fixed(1230)  # "2026-01-31" at 9 pt, margins included


class _Skeleton:
    """A table's w:tbl with its properties and grid, and the prototypes of its rows and
    cells, as `Table` copies them."""

    __slots__ = ("p", "tbl", "tcs", "tcs_p", "tr", "tr_head", "tr_kept")

    def __init__(
        self,
        style: str | None,
        table_style: str | None,
        width: int,
        cols: Sequence[int],
        margins: int | None,
        header: bool,
        fitted: bool,
    ) -> None:
        self.tbl = etree.Element(_TBL)
        tbl_pr = sub(self.tbl, "tblPr")
        sub(tbl_pr, "tblStyle", {"val": table_style})  # type: ignore[dict-item]
        sub(tbl_pr, "tblW", {"w": str(width), "type": "dxa"})
        sub(tbl_pr, "tblLayout", {"type": "fixed"})
        if margins is not None:  # narrow cells (the Gantt weeks) need slimmer margins
            cell_mar = sub(tbl_pr, "tblCellMar")
            for side in ("left", "right"):
                sub(cell_mar, side, {"w": str(margins), "type": "dxa"})
        first = "1" if header else "0"
        sub(
            tbl_pr,
            "tblLook",
            {
                "val": "0420" if header else "0400",
                "firstRow": first,
                "lastRow": "0",
                "firstColumn": "0",
                "lastColumn": "0",
                "noHBand": "0",
                "noVBand": "1",
            },
        )
        grid = sub(self.tbl, "tblGrid")
        for col in cols:
            sub(grid, "gridCol", {"w": str(col)})
        # Prototypes copied per cell (lxml's __copy__ is deep): cheaper than rebuilding. Each
        # column's empty cell (its tcPr/tcW), and the same with its first paragraph, which
        # all but Markdown cells start with.
        self.p = etree.Element(_P)
        sub(sub(self.p, "pPr"), "pStyle", {"val": style})  # type: ignore[dict-item]
        self.tcs: list[etree._Element] = []
        self.tcs_p: list[etree._Element] = []
        for index, col in enumerate(cols):
            tc = etree.Element(_TC)
            # A fitted table's cells hold their column's marker until `finish` sets them.
            value = _marker(index) if fitted else str(col)
            sub(sub(tc, "tcPr"), "tcW", {"w": value, "type": "dxa"})
            self.tcs.append(tc)
            self.tcs_p.append(tc.__copy__())
            self.tcs_p[-1].append(self.p.__copy__())
        # Each kind of row's properties: rows kept on one page, header rows, other rows.
        self.tr_kept = etree.Element(_TR)
        sub(sub(self.tr_kept, "trPr"), "cantSplit")
        self.tr_head = self.tr_kept.__copy__()
        sub(self.tr_head[0], "tblHeader")
        self.tr = etree.Element(_TR)


def _marker(index: int) -> str:
    """What a fitted table's cells of column `index` hold as their width until `finish`: a
    tab, written `&#9;` in an attribute (text writes it as it is, and `"` in attributes as
    `&quot;`), so no text and no other width reads as the serialized marker."""
    return f"\t{index}"


def _marked(index: int) -> bytes:
    """`_marker(index)` as serialized in a cell's width."""
    return b'w:w="&#9;%d"' % index


# A long table at the top of the body serializes its rows as they are made, SPILL at a time,
# their widths left as column markers `finish` replaces in the bytes: its tree holds a few
# hundred rows, not 12,000 requirements' 800,000 elements (most of a 300 MB peak).
SPILL = 512
# Where a table's serialized rows go: a processing instruction, `<?prdkit-rows MARK?>` once
# serialized (markup, which no text or attribute value is written as).
ROWS_TARGET = "prdkit-rows"
ROWS_OPEN, ROWS_CLOSE = f"<?{ROWS_TARGET} ".encode(), b"?>"


_SKELETONS: dict[tuple[object, ...], _Skeleton] = {}
_SKELETONS_HELD = 256


class Table:
    """One w:tbl being filled; rows are appended in order."""

    def __init__(
        self,
        builder: Writer,
        container: etree._Element,
        weights: Sequence[float | Refs],
        *,
        header: Sequence[str] | None = None,
        width: int | None = None,
        margins: int | None = None,
        fit: bool = True,
    ) -> None:
        self.b = builder
        self.width = width or builder.width
        # Fitted to its content once filled (`finish`), unless its columns are a grid.
        self.fixed = [
            int(w_ * builder.cell_size / 18) if isinstance(w_, Fixed) else None for w_ in weights
        ]
        self.floors = [int(w_) if isinstance(w_, Blank) else 0 for w_ in weights]
        self.header_rows = 1 if header else 0
        self.rows = 0
        # What the columns need, gathered as cells are added; only a fitted table measures.
        self._needs = Needs(len(weights)) if fit else None
        self._measure = measurer(builder.ids)
        # A column's margins and slack, in ems (see `twips`), for the tables nested in it.
        self.pad = (CELL_MARGINS + SLACK) / (builder.cell_size * 10)
        if fit:
            builder.tables.append(self)
        # Widths are measured for 9 pt text; a reference document's cell style may be larger.
        scale = builder.cell_size / 18
        least = [longest_word(text) for text in header] if header else [0] * len(weights)
        for index, weight in enumerate(weights):
            if isinstance(weight, Refs):
                least[index] = max(least[index], weight.least)
        plain = [
            w_.weight
            if isinstance(w_, Refs)
            else Fixed(w_ * scale)
            if isinstance(w_, Fixed)
            else w_
            for w_ in weights
        ]
        self.cols = widths(self.width, plain, [int(n * scale) for n in least])
        self.style = builder.styles.id("Compact")
        # The table's own properties and the prototypes its rows and cells are copied from.
        # A fitted table's widths are all set by `finish`: its skeleton is shared by every
        # table of its shape, which spares 3,000 tables twenty elements each at 5,000
        # requirements. A grid keeps the widths it is made with.
        key = (self.style, builder.styles.id("PRD Table"), self.width, margins, bool(header))
        key += (len(self.cols),)
        skeleton = _SKELETONS.get(key) if fit else None
        if skeleton is None:
            skeleton = _Skeleton(
                self.style, key[1], self.width, self.cols, margins, bool(header), fit
            )
            if fit:
                if len(_SKELETONS) >= _SKELETONS_HELD:
                    _SKELETONS.clear()
                _SKELETONS[key] = skeleton
        self.tbl = skeleton.tbl.__copy__()
        last = next(reversed(container), None)  # len() would count every child
        if last is not None and last.tag == _TBL:
            # Word joins tables that touch into one; an empty paragraph keeps them apart.
            container.append(etree.Element(_P))
        container.append(self.tbl)
        self._p, self._tcs, self._tcs_p = skeleton.p, skeleton.tcs, skeleton.tcs_p
        self._tr_kept, self._tr_head, self._tr = skeleton.tr_kept, skeleton.tr_head, skeleton.tr
        # The cells holding a table, kept as they are made: `finish` scales the tables
        # without searching every cell for one.
        self._nesting: list[tuple[etree._Element, int]] = []
        # Rows serialized apart (see SPILL) under the mark of the instruction standing for
        # them; rows made since, and how many texts were noted for the hyphen pass by then.
        self._mark = builder.spill_mark(container) if fit else None
        # A table of the body as wide as the page may be turned to fit its words.
        self._turns = self._mark is not None and self.width == builder.width
        self._spilled: list[bytes] = []
        self._held = 0
        self._noted = builder.hyphened
        # Cells of a keyed content made so far (names, labels, references repeat down a
        # column), with what they need: copied whole, a deep copy being cheaper than
        # filling a cell again. Nothing changes a cell before the table is finished.
        self._made: dict[Hashable, tuple[etree._Element, Measured | None, bool]] = {}
        if header:
            self.row(list(header), header=True)

    def finish(self) -> None:
        """Set the column widths from the content (see `colwidths`), tables nested in a
        cell scaled along with their column."""
        self._made.clear()  # the cells are about to change
        size = self.b.cell_size
        pad = CELL_MARGINS + SLACK
        assert self._needs is not None, "a table laid out as a grid is not fitted"
        measured = [
            tuple(twips(ems, size) + pad for ems in column) for column in self._needs.result()
        ]
        old = self.cols
        self.cols = distribute(self.width, measured, self.fixed, self.floors, SLACK)  # type: ignore[arg-type]
        wide = self.b.landscape if self._turns else None
        if wide and breaks(self.cols, self._needs, size, pad, SLACK):
            cols = distribute(wide, measured, self.fixed, self.floors, SLACK)  # type: ignore[arg-type]
            if not breaks(cols, self._needs, size, pad, SLACK):
                # On landscape pages of its own, its words whole (see `sections`).
                self.width, self.cols = wide, cols
                self.tbl[0].find(_TBL_W).set(_W, str(wide))
                self.b.turn(self.tbl)
        values = [str(col) for col in self.cols]
        for grid_col, value in zip(self.tbl.find(_GRID), values, strict=True):
            grid_col.set(_W, value)
        for row in self._cells():
            for tc, value in zip(row, values, strict=False):  # a short row leaves some out
                tc[0][0].set(_W, value)  # tcPr/tcW, made first in every cell
        for tc, index in self._nesting:
            for nested in tc.iterchildren(_TBL):
                _scale(nested, self.cols[index] / max(old[index], 1))
        if self._spilled:
            widths = [(_marked(i), b'w:w="%s"' % v.encode()) for i, v in enumerate(values)]
            for number, rows in enumerate(self._spilled):
                for marker, width in widths:
                    rows = rows.replace(marker, width)
                self._spilled[number] = rows
            assert self._mark is not None
            self.b.spilled(self._mark, self._spilled)
            self._spilled = []

    def _spill_rows(self) -> None:
        """Serialize the rows made so far, as they read in the body but for their widths,
        and drop them from the tree."""
        assert self._mark is not None
        self.b.release(self.tbl, self._noted)  # ids joined; no paragraph of theirs kept
        self._made.clear()  # a cell kept to copy would keep its row
        if not self._spilled:
            self.tbl.find(_GRID).addnext(etree.PI(ROWS_TARGET, self._mark))
        text = etree.tostring(self.tbl, encoding="UTF-8")
        pi = ROWS_OPEN + self._mark.encode() + ROWS_CLOSE
        self._spilled.append(text[text.index(pi) + len(pi) : text.rindex(b"</w:tbl>")])
        # Cut as a slice, holding no row: a row removed while held has its whole tree
        # walked to make it stand alone, before it is freed.
        del self.tbl[self.tbl.index(self.tbl.find(_GRID)) + 2 :]
        self._held = 0
        self._noted = self.b.hyphened

    def row(
        self,
        cells: Sequence[Content],
        *,
        header: bool = False,
        fills: Sequence[str | None] | None = None,
    ) -> etree._Element:
        """Append a row; `header` rows repeat at the top of every page the table spans."""
        if self._mark is not None and self._held >= SPILL and not self._nesting:
            self._spill_rows()  # the rows made so far are whole: a row is made in one go
        self._held += 1
        # Short rows stay whole on a page; long Markdown rows may break like paragraphs.
        if header:
            tr = self._tr_head.__copy__()
        elif all(not isinstance(c, Md) or len(c) < SHORT for c in cells):
            tr = self._tr_kept.__copy__()
        else:
            tr = self._tr.__copy__()
        self.tbl.append(tr)
        self.rows += 1
        for index, content in enumerate(cells):
            self.cell(tr, index, content, fills[index] if fills else None, header=header)
        return tr

    def cell(
        self,
        tr: etree._Element,
        index: int,
        content: Content,
        fill: str | None = None,
        *,
        header: bool = False,
    ) -> etree._Element:
        """Append cell `index` of `tr` holding `content`, shaded `fill` when given.

        Header cells are shaded and lettered directly, not only through the table style's
        first-row look, because LibreOffice ignores that look's text colour.
        """
        in_header = self.rows <= self.header_rows  # cells fill the last row
        key = content.key if isinstance(content, Keyed) else None
        if key is not None:
            key = (index, key, fill, header, in_header)
            made = self._made.get(key)
            if made is not None:  # a cell made before, copied with what it needs
                tc = made[0].__copy__()
                tr.append(tc)
                if made[2]:  # its texts with a hyphen, noted as the first one's were
                    self.b.note_hyphened(tc)
                if self._needs is not None:
                    self._needs.add(index, made[1], in_header)
                return tc
        noted = self.b.hyphened
        # Text and fillers write runs only, into the cell's one paragraph: what they wrote
        # is its text. Markdown too, when it made one paragraph (most cells: 15,699 of
        # 16,122 at 5,000 requirements); a list or a table is read back, as other fillers.
        written = self._needs is not None and isinstance(content, (str, Keyed, NoneType))
        if written:
            self.b.record()
        tables = len(self.b.tables)
        tc = self._make(tr, index, content, fill, header)
        measured = None
        if self._needs is not None:  # measured now, filled: `finish` reads no cell back
            recorded = self.b.recorded() if written else None
            if recorded is not None and isinstance(content, Md) and len(tc) != 2:
                recorded = None  # more than its tcPr and one paragraph
            measured = self._measure.cell(tc, in_header, self._key(content, header), recorded)
            if len(self.b.tables) > tables:  # Markdown's own tables, made in it
                nested = [
                    t._needs.result()
                    for t in self.b.tables[tables:]
                    if t._needs is not None and t.tbl.getparent() is tc
                ]
                measured = with_nested(measured, nested, self.pad)
            self._needs.add(index, measured, in_header)
        if key is not None:
            if len(self._made) >= MADE:
                self._made.clear()
            self._made[key] = (tc, measured, self.b.hyphened != noted)
        return tc

    def _make(
        self, tr: etree._Element, index: int, content: Content, fill: str | None, header: bool
    ) -> etree._Element:
        markdown = isinstance(content, Md)
        tc = (self._tcs if markdown else self._tcs_p)[index].__copy__()
        tr.append(tc)
        fill = fill or (HEADER_FILL if header else None)
        if fill:
            sub(tc[0], "shd", {"val": "clear", "color": "auto", "fill": fill})
        if markdown:
            self.b.markdown(tc, content, "Compact", self.cols[index] - CELL_MARGINS)
            if tc.find(_TBL) is not None:  # Markdown's own table, scaled with its column
                self._nesting.append((tc, index))
            # A cell must end with a paragraph, even when Markdown ended it with a table
            # (other contents fill the paragraph the cell was made with, and only that).
            if tc[-1].tag != _P:
                self._para(tc)
        elif callable(content):
            para = tc[-1]
            self.b.styled(para, self.style)
            content(para)
        else:
            para = tc[-1]
            if content:
                self.b.run(para, content, self.style, HEADER_LOOK if header else PLAIN)
        return tc

    def _key(self, content: Content, header: bool) -> Hashable:
        """What decides the words of a cell holding `content` (None: the cell is read)."""
        if isinstance(content, Md):  # Markdown rarely repeats: its text is not kept
            return None
        if isinstance(content, str):
            return ("text", content, header)
        if isinstance(content, Keyed):
            return None if content.key is None else ("keyed", content.key)
        return ("blank",) if content is None else None

    def _cells(self) -> Iterator[Iterator[etree._Element]]:
        # Each row's cells, read from the tree: holding them all as made would cost memory.
        for tr in self.tbl.iterchildren(_TR):
            yield tr.iterchildren(_TC)

    def _para(self, tc: etree._Element) -> etree._Element:
        para = self._p.__copy__()
        tc.append(para)
        return para

    def text(self, para: etree._Element, text: str, look: Look = PLAIN) -> None:
        """Append `text` to a cell paragraph."""
        self.b.run(para, text, self.style, look)
