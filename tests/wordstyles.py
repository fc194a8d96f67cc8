"""What a Word run shows, read as Word reads it: the run's own properties, then its
character style, then its paragraph's style, then its table's style (each through basedOn;
a table style's conditional formats aside), then the document defaults. Written apart from
the writer, to check where the writer chose to say things."""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Shown:
    """The styles of one document, to ask what its runs show."""

    def __init__(self, styles: etree._Element) -> None:
        self._by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
        self._default_para = next(
            (
                s.get(f"{W}styleId")
                for s in styles.iter(f"{W}style")
                if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true")
            ),
            None,
        )
        self._defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def value(self, run: etree._Element, tag: str, attr: str) -> str | None:
        """The value of rPr/`tag`/@`attr` that `run` shows."""
        rpr = run.find(f"{W}rPr")
        if rpr is not None:
            found = _said(rpr, tag, attr)
            if found is not None:
                return found
            char = rpr.find(f"{W}rStyle")
            if char is not None:
                found = self._chain(char.get(f"{W}val"), tag, attr)
                if found is not None:
                    return found
        para = next(a for a in run.iterancestors() if a.tag == f"{W}p")
        pstyle = para.find(f"{W}pPr/{W}pStyle")
        style_id = pstyle.get(f"{W}val") if pstyle is not None else self._default_para
        found = self._chain(style_id, tag, attr)
        if found is not None:
            return found
        table = next((a for a in para.iterancestors() if a.tag == f"{W}tbl"), None)
        tstyle = table.find(f"{W}tblPr/{W}tblStyle") if table is not None else None
        if tstyle is not None:
            found = self._chain(tstyle.get(f"{W}val"), tag, attr)
            if found is not None:
                return found
        return _said(self._defaults, tag, attr) if self._defaults is not None else None

    def _chain(self, style_id: str | None, tag: str, attr: str) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._by_id.get(style_id)
            if style is None:
                return None
            rpr = style.find(f"{W}rPr")
            found = _said(rpr, tag, attr) if rpr is not None else None
            if found is not None:
                return found
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return None


def _said(rpr: etree._Element, tag: str, attr: str) -> str | None:
    element = rpr.find(f"{W}{tag}")
    return element.get(f"{W}{attr}") if element is not None else None


def text_runs(root: etree._Element) -> list[etree._Element]:
    """The runs of `root` that hold text."""
    return [r for r in root.iter(f"{W}r") if r.find(f"{W}t") is not None]
