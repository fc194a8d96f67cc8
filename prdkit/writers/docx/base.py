"""The document a render starts from: python-docx's blank one, or the user's reference .docx.

As in pandoc, a reference document lends its styles, page setup, header and footer; its
body text is dropped. Styles prdkit needs and the reference lacks are created.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from prdkit.messages import msg
from prdkit.outputs import OutputError
from prdkit.writers.docx.oxml import make, sub, w
from prdkit.writers.docx.reference import (
    MAX_DIRECTORY,
    MAX_ENTRIES,
    UnusableReference,
    clean_package,
    directory_of,
)
from prdkit.writers.docx.safexml import UnsafeXML, parse, serialize, xml_int
from prdkit.writers.docx.styledefs import EAST_ASIAN_LANG, LATIN_LANG
from prdkit.writers.docx.styles import EAST_ASIA, StyleSheet, font_table_entry

RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_FONT_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
RT_EXTENDED = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
)

# A4 with 2 cm side margins: room for wide tables in both languages.
A4 = {"w": "11906", "h": "16838"}
MARGINS = {
    "top": "1304",
    "right": "1134",
    "bottom": "1304",
    "left": "1134",
    "header": "567",
    "footer": "567",
    "gutter": "0",
}

# settings.xml children that must follow w:updateFields (schema order).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)

_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>prdkit</Application><DocSecurity>0</DocSecurity>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc></Properties>"
)


@dataclass
class Base:
    """The opened document and what the writer learned from it."""

    document: Any  # docx.document.Document
    styles: StyleSheet
    width: int  # text width in twips
    own: bool  # True: python-docx's blank document, styled by prdkit
    height: int = 14570  # text height in twips (A4 less 2 cm margins when unknown)
    # A reference that is a file prdkit wrote, untouched since: its header and footer are
    # an earlier render's (another status, another version), made anew.
    rendered: bool = False


def open_base(reference: Path | None) -> Base:
    """The starting document, emptied and styled; OutputError for an unusable reference."""
    import docx

    if reference is None:
        document = docx.Document()
        own = True
    else:
        document = _open_reference(reference)
        own = False
    try:
        sect_pr = _empty_body(document)
        # A page with no room to write in (a size of 0, margins past the page) gets
        # prdkit's: LibreOffice wrote no PDF at all of a document on a page of size 0.
        if own or not _has_room(sect_pr):
            _page_setup(sect_pr)
        width = _text_width(sect_pr)
        styles = StyleSheet(document.styles.element, width, own=own)
    except (etree.LxmlError, KeyError, ValueError, AttributeError, TypeError) as exc:
        raise OutputError(
            msg("reference.unusable-word", path=str(reference), reason=str(exc))
        ) from None
    rendered = not own and _written_by_prdkit(document)
    if rendered:
        from prdkit.writers.docx.numbering import drop_unused

        drop_unused(document)
    _drop_parts(document, own)
    _settings(document)
    _language(styles)
    _font_table(document)
    return Base(document, styles, width, own, _text_height(sect_pr), rendered)


def _written_by_prdkit(document: Any) -> bool:
    """Whether `document` is as prdkit wrote it: Word names itself in the file it saves."""
    for rel in document.part.package.rels.values():
        if rel.reltype == RT_EXTENDED and not rel.is_external:
            return b"<Application>prdkit</Application>" in rel.target_part.blob
    return False


def _open_reference(path: Path) -> Any:
    import docx

    if not path.is_file():
        raise OutputError(msg("reference.not-found", path=str(path)))
    if not zipfile.is_zipfile(path):
        raise OutputError(msg("reference.not-zip", path=str(path)))
    try:
        declared, directory = directory_of(path)
        if declared > MAX_ENTRIES or directory > MAX_DIRECTORY:
            reason = (
                msg("reference.too-many-parts", count=declared)
                if declared > MAX_ENTRIES
                else msg("reference.directory-too-large", size=directory)
            )
            raise OutputError(msg("reference.unusable", path=str(path), reason=reason))
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise OutputError(_damaged(path, exc)) from None
    if "[Content_Types].xml" not in names:
        raise OutputError(msg("reference.not-docx", path=str(path)))
    try:
        cleaned = clean_package(path)
    except UnusableReference as exc:
        raise OutputError(msg("reference.unusable", path=str(path), reason=exc.reason)) from None
    except OSError as exc:
        raise OutputError(
            msg("file.unreadable", path=str(path), reason=exc.strerror or "")
        ) from None
    try:
        document = docx.Document(io.BytesIO(cleaned))
        document.styles.element  # noqa: B018 - a broken styles part fails here, not later
        len(document.sections)  # a body without sections is fine: _empty_body adds one
    # Templates and macro documents, which python-docx refuses, are refused when cleaned.
    except (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, OSError) as exc:
        raise OutputError(_damaged(path, exc)) from None
    return document


def _damaged(path: Path, exc: Exception) -> object:
    return msg("reference.damaged", path=str(path), reason=str(exc))


def _empty_body(document: Any) -> etree._Element:
    body = document.element.body
    sect_pr = body.find(w("sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is None:
        sect_pr = sub(body, "sectPr")
        _page_setup(sect_pr)
    # The headers and footers of the sections emptied with the body would ride along in
    # the file unseen (an earlier render's landscape header, saying DRAFT).
    used = {ref.get(_R_ID) for ref in sect_pr if ref.tag in _REFERENCES}
    part = document.part
    for rid in [rid for rid, rel in part.rels.items() if rel.reltype in _HEADER_FOOTER]:
        if rid not in used:
            del part.rels[rid]
            part.rels.related_parts.pop(rid, None)
    return sect_pr


_REFERENCES = (w("headerReference"), w("footerReference"))
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HEADER_FOOTER = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
)


def _page_setup(sect_pr: etree._Element) -> None:
    for tag in ("pgSz", "pgMar"):
        old = sect_pr.find(w(tag))
        if old is not None:
            sect_pr.remove(old)
    # pgSz and pgMar follow header/footer references and footnote settings in sectPr.
    anchor = 0
    for index, child in enumerate(sect_pr):
        if etree.QName(child).localname in (
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
        ):
            anchor = index + 1
    sect_pr.insert(anchor, make("pgMar", MARGINS))
    sect_pr.insert(anchor, make("pgSz", A4))


def _twips(element: etree._Element | None, attr: str, default: int) -> int:
    return default if element is None else xml_int(element.get(w(attr)), default)


def room(sect_pr: etree._Element) -> tuple[int, int]:
    """The width and height (twips) of the text area of the page `sect_pr` sets up."""
    size, margins = sect_pr.find(w("pgSz")), sect_pr.find(w("pgMar"))
    across = (
        _twips(size, "w", 11906) - _twips(margins, "left", 1134) - _twips(margins, "right", 1134)
    )
    down = _twips(size, "h", 16838) - _twips(margins, "top", 1134) - _twips(margins, "bottom", 1134)
    return across, down


def _has_room(sect_pr: etree._Element) -> bool:
    """Whether the page `sect_pr` sets up has an inch of text width and height."""
    return min(room(sect_pr)) > 1440


def _text_width(sect_pr: etree._Element) -> int:
    width = room(sect_pr)[0]
    return width if width > 1440 else 9638


def _text_height(sect_pr: etree._Element) -> int:
    height = room(sect_pr)[1]
    return height if height > 1440 else 14570


def _drop_parts(document: Any, own: bool) -> None:
    # A thumbnail would preview the template, not this document; the rest is template baggage.
    drops = [(document.part.package, RT_THUMBNAIL)]
    if own:
        drops += [(document.part, RT_STYLES_WITH_EFFECTS), (document.part, RT_CUSTOM_XML)]
    for owner, reltype in drops:
        for rid in [rid for rid, rel in owner.rels.items() if rel.reltype == reltype]:
            del owner.rels[rid]
            owner.rels.related_parts.pop(rid, None)
    for rel in document.part.package.rels.values():
        if rel.reltype == RT_EXTENDED and not rel.is_external:
            rel.target_part._blob = _APP_XML


def _settings(document: Any) -> None:
    settings = document.settings.element
    # Word refreshes the table of contents and page count when the file is opened.
    if settings.find(w("updateFields")) is None:
        update = make("updateFields", {"val": "true"})
        follower = next(
            (c for c in settings if etree.QName(c).localname in _AFTER_UPDATE_FIELDS), None
        )
        if follower is None:
            settings.append(update)
        else:
            follower.addprevious(update)
    theme_lang = settings.find(w("themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(w("eastAsia"), EAST_ASIAN_LANG)
    # Proof state and rsids describe some earlier editing session, not this document.
    for tag in ("proofState", "rsids"):
        old = settings.find(w(tag))
        if old is not None:
            settings.remove(old)


def _language(styles: StyleSheet) -> None:
    """Tag Latin-script text as English and East Asian text as Simplified Chinese.

    Latin text stays English even in a Chinese document: its words are ids, names and
    English terms, and layouts that take it for Chinese break it between any two letters.
    The East Asian tag decides the glyph forms where Microsoft YaHei is missing: LibreOffice
    and WPS then ask for a face of that language, so zh-CN gives Noto Sans CJK SC (or Source
    Han Sans SC) rather than the Japanese forms of the same characters. Every style carries
    it too, since a reference document's styles may name another East Asian language.
    """
    defaults = styles.element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    targets = [] if defaults is None else [defaults]
    for style in styles.element.iter(w("style")):
        if style.get(w("type")) in ("paragraph", "character"):  # rPr is their last child
            rpr = style.find(w("rPr"))
            if rpr is None:
                rpr = sub(style, "rPr")
            targets.append(rpr)
    for rpr in targets:
        tag = rpr.find(w("lang"))
        if tag is None:
            tag = _insert_lang(rpr)
        tag.set(w("val"), LATIN_LANG)
        tag.set(w("eastAsia"), EAST_ASIAN_LANG)


def _insert_lang(rpr: etree._Element) -> etree._Element:
    # w:lang comes before these rPr children (schema order).
    follower = next(
        (c for c in rpr if etree.QName(c).localname in ("eastAsianLayout", "specVanish", "oMath")),
        None,
    )
    tag = make("lang")
    if follower is not None:
        follower.addprevious(tag)
    else:
        rpr.append(tag)
    return tag


def _font_table(document: Any) -> None:
    part = next(
        (r.target_part for r in document.part.rels.values() if r.reltype == RT_FONT_TABLE), None
    )
    if part is None or not hasattr(part, "_blob"):
        return
    try:
        fonts = parse(part.blob, "word/fontTable.xml")
    except UnsafeXML:
        return
    if any(f.get(w("name")) == EAST_ASIA for f in fonts.iter(w("font"))):
        return
    fonts.append(font_table_entry())
    part._blob = serialize(fonts)
