"""The style sheet: the styles prdkit uses, East Asian fonts, and style ids by name.

Missing styles are created from `styledefs`; with prdkit's own blank document they replace
the template's, so every style names its fonts outright (no theme fonts).
"""

from __future__ import annotations

from lxml import etree

from prdkit.writers.docx.oxml import W_NS, make, sub, w
from prdkit.writers.docx.refstyles import free_id
from prdkit.writers.docx.safexml import xml_int
from prdkit.writers.docx.styledefs import EAST_ASIA, LATIN, REQUIRED, THEME_ATTRS, definitions

_NS = f'xmlns:w="{W_NS}"'


def _parse_style(xml: str) -> etree._Element:
    from docx.oxml.parser import parse_xml

    return parse_xml(xml.replace("<w:style ", f"<w:style {_NS} ", 1))


class StyleSheet:
    """The styles part seen through names: ids and East Asian fonts of the styles in use."""

    def __init__(self, styles: etree._Element, width: int, *, own: bool) -> None:
        self.element = styles
        self.ids: dict[str, str] = {}
        self._fonts: dict[str, str] = {}
        defs = definitions(width)
        by_name: dict[str, list[etree._Element]] = {}
        for style in styles.iter(w("style")):
            by_name.setdefault(self._name(style).lower(), []).append(style)
        taken = {style.get(w("styleId")) for style in styles.iter(w("style"))}
        created: list[etree._Element] = []
        for name in REQUIRED:
            fresh = _parse_style(defs[name])
            kind = _style_type(fresh)
            named = by_name.get(name.lower(), [])
            # Of two alike (LibreOffice keeps its own "Caption" beside Word's "caption"),
            # the last, as prdkit has always taken it.
            existing = next((s for s in reversed(named) if _style_type(s) == kind), None)
            if existing is not None and not own:
                self.ids[name] = existing.get(w("styleId"))
                continue
            # A style of the name but another type (a "heading 1" that is a character
            # style) cannot style what prdkit puts it on, and two of one name confuse
            # Word: prdkit's own takes its place, under an id no other style has.
            for other in named:
                if other is not existing:
                    taken.discard(other.get(w("styleId")))
                    other.getparent().remove(other)
            if existing is not None:
                existing.getparent().replace(existing, fresh)
            else:
                fresh.set(w("styleId"), free_id(fresh.get(w("styleId")) or "Style", taken))
                _sole_default(fresh, styles)
                styles.append(fresh)
            taken.add(fresh.get(w("styleId")))
            self.ids[name] = fresh.get(w("styleId"))
            created.append(fresh)
        self._link_bases(created)
        self._set_defaults(own)
        for style in styles.iter(w("style")):
            self._fix_fonts(style, own)

    def _link_bases(self, created: list[etree._Element]) -> None:
        # Definitions name the built-in ids; a localised reference document may use others
        # (Chinese Word calls Normal "a"), found by name or by the w:default flag.
        defaults = {
            s.get(w("type")): s.get(w("styleId"))
            for s in self.element.iter(w("style"))
            if s.get(w("default")) in ("1", "true", "on")
        }
        actual = {
            "Normal": self.ids.get("Normal") or defaults.get("paragraph"),
            "TableNormal": defaults.get("table"),
            "DefaultParagraphFont": defaults.get("character"),
        }
        for style in created:
            for tag in ("basedOn", "next"):
                link = style.find(w(tag))
                if link is None or link.get(w("val")) not in actual:
                    continue
                target = actual[link.get(w("val"))]
                if target:
                    link.set(w("val"), target)
                else:
                    style.remove(link)

    @staticmethod
    def _name(style: etree._Element) -> str:
        name = style.find(w("name"))
        return (name.get(w("val")) if name is not None else None) or ""

    def _set_defaults(self, own: bool) -> None:
        defaults = self.element.find(w("docDefaults"))
        if defaults is None:
            defaults = make("docDefaults")
            self.element.insert(0, defaults)
        rpr_default = defaults.find(w("rPrDefault"))
        if rpr_default is None:
            rpr_default = make("rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(w("rPr"))
        if rpr is None:
            rpr = sub(rpr_default, "rPr")
        fonts = rpr.find(w("rFonts"))
        if fonts is None:
            fonts = make("rFonts")
            rpr.insert(0, fonts)
        if own:
            for attr in ("ascii", "hAnsi", "cs"):
                fonts.set(w(attr), LATIN)
        _east_asia(fonts, own)

    def _fix_fonts(self, style: etree._Element, own: bool) -> None:
        # Styles without rFonts inherit from their base or the document defaults, both fixed;
        # table styles also name fonts in their conditional (first row, banding) formats.
        for fonts in style.iter(w("rFonts")):
            _east_asia(fonts, own)

    def id(self, name: str) -> str:
        """The style id of required style `name`."""
        return self.ids[name]

    def style(self, name: str) -> etree._Element | None:
        """The w:style element of required style `name`."""
        return self._by_id(self.ids[name])

    def east_asia(self, style_id: str | None) -> str:
        """The East Asian font a run in a paragraph of `style_id` shows, following basedOn."""
        key = style_id or ""
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = self._resolve(style_id, "rFonts", "eastAsia") or EAST_ASIA
        return font

    def size(self, style_id: str | None) -> int:
        """The font size (half-points) of text in paragraphs of `style_id`; 10 pt if unset."""
        size = xml_int(self._resolve(style_id, "sz", "val"), 0)
        return size if 0 < size <= 3276 else 20  # Word's largest size: 1,638 pt

    def inherited(
        self, style_id: str | None, char_style: str | None, tag: str, values: dict[str, str]
    ) -> bool:
        """Whether a run of character style `char_style` in a paragraph of `style_id` shows
        the `values` of rPr/`tag` (attribute: value) without saying them itself.

        Only the paragraph's style (its own or through basedOn) counts, never the document
        defaults alone: a table style comes between them and may say otherwise. The
        character style must say nothing else. A run saying what it inherits adds nothing
        (a Chinese body repeated its font and languages on 290,000 runs: 34 MB of XML).
        Word follows basedOn only between styles of one type: a paragraph style based on a
        character style inherits nothing from it, so the run says it.
        """
        if style_id is None:
            return False
        for attr, value in values.items():
            if self._declared(style_id, tag, attr, kind="paragraph") != value:
                return False
            if char_style and self._declared(char_style, tag, attr, kind="character") not in (
                None,
                value,
            ):
                return False
        return True

    def _resolve(self, style_id: str | None, tag: str, attr: str) -> str | None:
        """The value of rPr/`tag`/@`attr` for `style_id`, through basedOn, else the default."""
        found = self._declared(style_id, tag, attr)
        if found is not None:
            return found
        found = self.element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w(tag)}")
        return found.get(w(attr)) if found is not None else None

    def _declared(
        self, style_id: str | None, tag: str, attr: str, depth: int = 0, kind: str | None = None
    ) -> str | None:
        """The value of rPr/`tag`/@`attr` that `style_id` or a style it is based on says;
        only styles of type `kind` counting, when given."""
        style = self._by_id(style_id) if style_id and depth < 20 else None
        if style is None or (kind is not None and _style_type(style) != kind):
            return None
        found = style.find(f"{w('rPr')}/{w(tag)}")
        if found is not None and found.get(w(attr)):
            return found.get(w(attr))
        based = style.find(w("basedOn"))
        if based is None:
            return None
        return self._declared(based.get(w("val")), tag, attr, depth + 1, kind)

    def tab_stops(self, name: str) -> list[int]:
        """The positions (twips) of the tab stops a paragraph of required style `name`
        has, its own and those it inherits through basedOn, less those it clears."""
        chain = []
        style = self.style(name)
        while style is not None and len(chain) < 20:  # a basedOn loop ends somewhere
            chain.append(style)
            based = style.find(w("basedOn"))
            style = self._by_id(based.get(w("val"))) if based is not None else None
        stops: set[int] = set()
        for style in reversed(chain):  # the base first, each style over it
            for stop in style.iterfind(f"{w('pPr')}/{w('tabs')}/{w('tab')}"):
                pos = xml_int(stop.get(w("pos")), 0)
                if stop.get(w("val")) == "clear":
                    stops.discard(pos)
                else:
                    stops.add(pos)
        return sorted(stops)

    def _by_id(self, style_id: str) -> etree._Element | None:
        for style in self.element.iter(w("style")):
            if style.get(w("styleId")) == style_id:
                return style
        return None


def _style_type(style: etree._Element) -> str:
    """What `style` formats: paragraph (when unsaid), character, table or numbering."""
    return style.get(w("type")) or "paragraph"


def _sole_default(fresh: etree._Element, styles: etree._Element) -> None:
    """Keep `fresh` from being a second default style of its type (Word takes one)."""
    if fresh.get(w("default")) is None:
        return
    kind = _style_type(fresh)
    for style in styles.iter(w("style")):
        if style.get(w("default")) in ("1", "true", "on") and _style_type(style) == kind:
            del fresh.attrib[w("default")]
            return


def _east_asia(fonts: etree._Element, own: bool) -> None:
    """Name an explicit East Asian font and drop theme attributes that would override fonts.

    A reference document keeps its own Latin theme fonts (its look); only the East Asian
    theme link goes, replaced by an explicit font, so Chinese never falls to a Latin face.
    """
    if own:
        for attr in THEME_ATTRS:
            fonts.attrib.pop(attr, None)
    else:
        fonts.attrib.pop(w("eastAsiaTheme"), None)
    if not fonts.get(w("eastAsia")):
        fonts.set(w("eastAsia"), EAST_ASIA)


def font_table_entry() -> etree._Element:
    """The w:font entry describing the East Asian font, so a missing one is replaced well."""
    from docx.oxml.parser import parse_xml

    return parse_xml(
        f'<w:font {_NS} w:name="{EAST_ASIA}"><w:altName w:val="微软雅黑"/>'
        '<w:panose1 w:val="020B0503020204020204"/><w:charset w:val="86"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    )
