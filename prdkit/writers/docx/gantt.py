"""The schedule as a Gantt view: one row per milestone, one column per week, bars shaded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import groupby

from lxml import etree

from prdkit.layout.blocks import Schedule, Task
from prdkit.writers.docx.builder import Builder
from prdkit.writers.docx.colwidths import BOLD, em_width, twips
from prdkit.writers.docx.oxml import Look, sub, w
from prdkit.writers.docx.palette import GANTT
from prdkit.writers.docx.tables import HEADER_LOOK, Table

MAX_COLUMNS = 26  # past half a year, a column covers several weeks
TINY = 14  # half-points: 7 pt week labels
MARGIN = 15  # twips each side of a grid cell: the weeks are narrow
WEEKS_HEIGHT = 640  # twips: the row of week labels, set upright ("12-29" at 7 pt)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def spans(milestones: Sequence[Task]) -> list[tuple[Task, date, date]]:
    """(milestone, first day, due day) of every milestone with a readable due date."""
    out = []
    for ms in milestones:
        due = _day(ms.due)
        if due is None:
            continue
        start = _day(ms.start) or due
        out.append((ms, min(start, due), due))
    return out


def columns(first: date, last: date) -> tuple[list[date], int]:
    """Column start days (Mondays) covering first..last, and the days each column spans."""
    monday = first - timedelta(days=first.weekday())
    weeks = (last - monday).days // 7 + 1
    per = -(-weeks // MAX_COLUMNS)
    count = -(-weeks // per)
    return [monday + timedelta(days=7 * per * i) for i in range(count)], 7 * per


def _after(day: date, days: int) -> date:
    """`days` after `day`, or the last day a date can hold: a milestone due 9999-12-31
    is valid, and its week's end is past it."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


def gantt(b: Builder, schedule: Schedule) -> None:
    """A Heading 2, the week grid with a shaded bar per task, and a colour legend."""
    rows = spans(schedule.tasks)
    if not rows:
        return
    starts, days = columns(min(s for _, s, _ in rows), max(d for _, _, d in rows))
    b.heading(2, schedule.title)
    name_share = 0.3
    weights = [name_share * len(starts) / (1 - name_share)] + [1] * len(starts)
    table = Table(b, b.body, weights, margins=MARGIN, fit=False)  # a calendar grid
    if starts[0].year != starts[-1].year:
        # Across a year boundary "12-29, 01-05" alone misleads: the years head the weeks.
        header = _years(b, table, starts, schedule.lane)
    else:
        header = table.row([], header=True)
        table.cell(header, 0, schedule.lane, header=True)
    small = HEADER_LOOK.but(size=TINY)
    for index, start in enumerate(starts, start=1):
        label = start.strftime("%m-%d")
        tc = table.cell(header, index, lambda p, t=label: table.text(p, t, small), header=True)
        sub(tc[0], "textDirection", {"val": "btLr"})
        sub(tc[0], "vAlign", {"val": "center"})
    tr_pr = header.find(w("trPr"))
    sub(tr_pr, "trHeight", {"val": str(WEEKS_HEIGHT), "hRule": "atLeast"})
    for ms, first, due in rows:
        fill = GANTT.get(ms.status or "planned", GANTT["planned"])
        tr = table.row([])
        table.cell(tr, 0, lambda p, ms=ms: _name(b, table, p, ms))
        for index, start in enumerate(starts, start=1):
            end = _after(start, days - 1)
            on = first <= end and start <= due
            marker = "◆" if start <= due <= end else ""
            tc = table.cell(
                tr,
                index,
                (lambda p, m=marker: table.text(p, m, Look(size=TINY, color="FFFFFF")))
                if marker
                else None,
                fill if on else None,
            )
            tc[-1].find(w("pPr")).append(_center())
    _legend(b, schedule, starts, days)


def _years(b: Builder, table: Table, starts: list[date], lane: str) -> etree._Element:
    """A header row of years, each spanning its weeks, over the row of weeks it returns."""
    top = table.row([], header=True)
    _span(table.cell(top, 0, lane, header=True), vmerge="restart")
    index = 1
    turned = False
    for year, weeks in groupby(starts, key=lambda day: day.year):
        count = len(list(weeks))
        width = sum(table.cols[index : index + count])
        text, look, upright = _year_label(year, width - 2 * MARGIN, b.cell_size)
        tc = table.cell(top, index, lambda p, t=text, k=look: table.text(p, t, k), header=True)
        _span(tc, columns=count, width=width)
        if not upright:  # a year over one narrow week reads up its column, as the weeks do
            sub(tc[0], "textDirection", {"val": "btLr"})
            turned = True
        index += count
    if turned:  # LibreOffice grows no row for turned text: as tall as the row of weeks
        sub(top.find(w("trPr")), "trHeight", {"val": str(WEEKS_HEIGHT), "hRule": "atLeast"})
    weeks_row = table.row([], header=True)
    _span(table.cell(weeks_row, 0, None, header=True), vmerge="continue")
    return weeks_row


def _year_label(year: int, room: int, size: int) -> tuple[str, Look, bool]:
    """How a year is written over `room` twips of weeks: "2025" where it fits on one line,
    else "'25", else "'25" in the weeks' small size, else "2025" small and turned upright
    (text, look, whether it runs left to right); never broken across lines."""
    short = f"'{year % 100:02d}"
    small = HEADER_LOOK.but(size=TINY)
    for text, look in ((str(year), HEADER_LOOK), (short, HEADER_LOOK), (short, small)):
        if twips(em_width(text) * BOLD, look.size or size) <= room:
            return text, look, True
    return str(year), small, False


def _span(tc: etree._Element, *, columns: int = 1, width: int = 0, vmerge: str = "") -> None:
    """Let cell `tc` span `columns` grid columns (`width` twips) or merge down (`vmerge`)."""
    tc_w = tc.find(f"{w('tcPr')}/{w('tcW')}")
    if columns > 1:
        tc_w.set(w("w"), str(width))
        span = etree.Element(w("gridSpan"))
        span.set(w("val"), str(columns))
        tc_w.addnext(span)
        tc_w = span
    if vmerge:
        merge = etree.Element(w("vMerge"))
        merge.set(w("val"), vmerge)
        tc_w.addnext(merge)


def _name(b: Builder, table: Table, para: etree._Element, ms: Task) -> None:
    b.ref(para, ms.id, ms.anchor, Look(size=16))
    table.text(para, f" {ms.name}", Look(size=16))


def _center() -> etree._Element:
    jc = etree.Element(w("jc"))
    jc.set(w("val"), "center")
    return jc


def _legend(b: Builder, schedule: Schedule, starts: list[date], days: int) -> None:
    para = b.paragraph(b.body, "Compact", spacing={"before": "80", "after": "200"})
    style = b.style_of(para)
    for status, label in schedule.statuses:
        b.run(para, "■", style, Look(color=GANTT.get(status, GANTT["planned"])))
        b.run(para, f" {label}    ", style)
    b.run(para, "◆", style, Look(color="404040"))
    b.run(para, f" {schedule.due}    ", style)
    last = _after(starts[-1], days - 1)
    b.run(para, f"{starts[0].isoformat()} – {last.isoformat()}", style, Look(color="7F7F7F"))
