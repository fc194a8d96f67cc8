"""What a reference .docx may lend: its look, never its content, links or active parts.

A reference document can come from a pull request, so it is read as hostile: a new package
is built from it before python-docx sees it, holding only the parts a look is made of
(styles, numbering, settings, fonts, theme, headers and footers with their images), each
parsed by `safexml` and written out again. Relationships that leave the package (remote
templates, `file://` images, web links) are dropped together with the markup that uses
them, and header and footer fields that fetch or run something (`INCLUDEPICTURE`,
`INCLUDETEXT`, `LINK`, `DDE`…) give way to their last shown result. What is inflated is
bounded before it is read.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from prdkit.messages import Msg, msg
from prdkit.writers.docx.oxml import w
from prdkit.writers.docx.refmarkup import defuse_fields, drop_dangling, drop_links, tidy_sections
from prdkit.writers.docx.refstyles import tidy_styles
from prdkit.writers.docx.safexml import UnsafeXML, parse, parse_without_body, serialize

_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}Types"
_OVERRIDE = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships"
MAX_ENTRIES = 2000
# A Word document's zip directory is a few KB: 2,000 entries of long names fit in 2 MiB.
MAX_DIRECTORY = 2 * 1024 * 1024
MAX_PART = 16 * 1024 * 1024  # bytes inflated, one part
# Markup read, one part and all parts together: its elements and attributes, counted as
# "<" and "=" before parsing. Parsed, each takes about 200 bytes: a style part of 16 MB of
# empty elements came to 580 MB, one of 330,000 empty styles to 560 MB. Word's own style
# part counts 26,000.
MAX_PART_MARKUP = 400_000
MAX_MARKUP = 1_000_000
MAX_TOTAL = 48 * 1024 * 1024  # bytes inflated, every part kept

# Relationship types (their last path segment) worth following, by the kind of their source.
_KEEP = {
    "package": {"officeDocument", "core-properties", "extended-properties"},
    "document": {
        "styles",
        "stylesWithEffects",
        "numbering",
        "settings",
        "fontTable",
        "theme",
        "webSettings",
        "header",
        "footer",
        "footnotes",
        "endnotes",
    },
    "header": {"image"},
    "footer": {"image"},
    "numbering": {"image"},  # picture bullets
}
# Pictures a header may keep, by signature: PNG, JPEG, GIF, BMP, TIFF (both byte orders).
_RASTER = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
)
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PROPS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# Word documents saved as Strict Open XML: python-docx reads none of their parts.
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# The main part's content type: python-docx renders into a document, and refuses a
# template (.dotx) or a macro document (.docm, .dotm). Their look is a document's: taken
# as one (their macros are parts never followed), a corporate template serves as it is.
_DOCUMENT = _WML + "document.main+xml"
_WORD_MAIN = frozenset(
    {
        _DOCUMENT,
        _WML + "template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
# By the type of the relationship that reaches a part: its content type (a part lends one
# thing, as what it says it is; python-docx picks the class it reads a part as by the exact
# type, and fails deep inside one it reads as plain data), and the root element it must
# have (styles whose root is a body, another namespace: python-docx fails on those
# too). A part that is not both is left out. Pictures are judged by their content type and
# signature (`_RASTER`).
_PARTS = {
    "officeDocument": (_DOCUMENT, w("document")),
    "core-properties": (
        "application/vnd.openxmlformats-package.core-properties+xml",
        etree.QName(_PROPS, "coreProperties").text,
    ),
    "extended-properties": (
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        etree.QName(_APP, "Properties").text,
    ),
    "styles": (_WML + "styles+xml", w("styles")),
    "stylesWithEffects": (
        "application/vnd.ms-word.stylesWithEffects+xml",
        w("styles"),
    ),
    "numbering": (_WML + "numbering+xml", w("numbering")),
    "settings": (_WML + "settings+xml", w("settings")),
    "fontTable": (_WML + "fontTable+xml", w("fonts")),
    "theme": (
        "application/vnd.openxmlformats-officedocument.theme+xml",
        etree.QName(_A, "theme").text,
    ),
    "webSettings": (_WML + "webSettings+xml", w("webSettings")),
    "header": (_WML + "header+xml", w("hdr")),
    "footer": (_WML + "footer+xml", w("ftr")),
    "footnotes": (_WML + "footnotes+xml", w("footnotes")),
    "endnotes": (_WML + "endnotes+xml", w("endnotes")),
}
# The kinds python-docx reads as a class of its own, chosen by the exact content type; it
# keeps the others as data, whatever their type's vendor prefix.
_READ_AS_CLASSES = frozenset(
    {"core-properties", "styles", "numbering", "settings", "header", "footer"}
)
_MANY = frozenset({"header", "footer"})
# settings.xml children that tie the document to other files or data.
_SETTINGS_DROPPED = (
    "attachedTemplate",
    "linkStyles",
    "mailMerge",
    "saveThroughXslt",
    "attachedSchema",
    "docVars",
)


class UnusableReference(Exception):
    """A reference document that cannot be used safely; `reason` says why."""

    def __init__(self, reason: Msg) -> None:
        super().__init__(str(reason))
        self.reason = reason


def directory_of(path: Path) -> tuple[int, int]:
    """How many entries the zip at `path` says it holds, and the size of its directory, read
    from its end record alone; (0, 0) without one. zipfile reads the whole directory before
    it can be asked (1.5 million entries took 800 MB), and reads it by its size, whatever
    the count says: both are checked first."""
    with path.open("rb") as file:
        # zipfile's own reader of the end record (Zip64 too), a private name of Python 3.10
        # to 3.13 at least, kept in step with the zipfile that reads the archive afterwards.
        end = zipfile._EndRecData(file)  # type: ignore[attr-defined]
    if not end:
        return 0, 0
    return int(end[zipfile._ECD_ENTRIES_TOTAL]), int(end[zipfile._ECD_SIZE])  # type: ignore[attr-defined]


def clean_package(path: Path) -> bytes:
    """The reference at `path` rebuilt with only the parts a look is made of, as .docx bytes."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _Cleaner(archive).run()
    except UnsafeXML as exc:
        raise UnusableReference(exc.reason) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise UnusableReference(msg("reference.zip-damaged", detail=str(exc))) from None


class _Cleaner:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnusableReference(msg("reference.too-many-parts", count=len(infos)))
        self.archive = archive
        self.infos = {info.filename: info for info in infos}
        self.parts: dict[str, bytes] = {}
        self.taken_as: dict[str, str] = {}  # part → the relationship type it was taken for
        self.total = self.markup = 0
        self.types = etree.Element("Types")
        # Content types by part name and by extension, as python-docx reads them: the
        # first entry of a name (duplicates are dropped when the types are written out).
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}

    def run(self) -> bytes:
        types = self.types = self._parse("[Content_Types].xml")
        if types.tag != _TYPES:
            raise UnusableReference(msg("reference.no-content-types"))
        self._read_types()
        self._follow("", "package")
        # python-docx would look for it and fail with an error that names no part.
        main = next((n for n, k in self.taken_as.items() if k == "officeDocument"), None)
        if main is None:
            raise UnusableReference(msg("reference.no-main-part"))
        if self._content_type(main) != _DOCUMENT:  # a template or a macro document
            for entry in types.iterchildren(_OVERRIDE):
                if (entry.get("PartName") or "").lower() == "/" + main.lower():
                    types.remove(entry)
            etree.SubElement(types, _OVERRIDE, PartName="/" + main, ContentType=_DOCUMENT)
        kept = {name.lower() for name in self.parts}  # part names match in any case
        seen: set[tuple[str, str]] = set()
        for entry in list(types):
            local = etree.QName(entry).localname
            key = (entry.get("PartName") if local == "Override" else entry.get("Extension")) or ""
            part = key.lstrip("/").lower()
            if (local, key.lower()) in seen or (local == "Override" and part not in kept):
                types.remove(entry)
            seen.add((local, key.lower()))
        self.parts["[Content_Types].xml"] = serialize(types)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in self.parts.items():
                target.writestr(name, data)
        return out.getvalue()

    def _read_types(self) -> None:
        for entry in self.types:
            local = etree.QName(entry).localname
            kind = entry.get("ContentType") or ""
            if local == "Override":
                self.overrides.setdefault((entry.get("PartName") or "").lower(), kind)
            elif local == "Default":
                self.defaults.setdefault((entry.get("Extension") or "").lower(), kind)

    def _parse(self, name: str, *, text: bool = True) -> etree._Element:
        """The XML of part `name`, its markup counted against the bounds before parsing;
        without `text`, a document part whose text is let go as it is read."""
        data = self._read(name)
        if not text:
            return parse_without_body(data, name, MAX_PART_MARKUP)
        markup = data.count(b"<") + data.count(b"=")
        if markup > MAX_PART_MARKUP:
            limit = MAX_PART_MARKUP
            raise UnusableReference(msg("reference.part-markup", part=name, limit=limit))
        self.markup += markup
        if self.markup > MAX_MARKUP:
            raise UnusableReference(msg("reference.parts-markup", part=name, limit=MAX_MARKUP))
        return parse(data, name)

    def _read(self, name: str) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise UnusableReference(msg("reference.part-missing", part=name))
        if info.file_size > MAX_PART:
            limit = MAX_PART // 2**20
            raise UnusableReference(
                msg("reference.part-too-large", part=name, size=info.file_size, mib=limit)
            )
        if self.total + info.file_size > MAX_TOTAL:
            limit = MAX_TOTAL // 2**20
            raise UnusableReference(msg("reference.parts-too-large", part=name, mib=limit))
        self.total += info.file_size
        # In small pieces: zipfile stops at the declared size (a longer part fails its CRC),
        # but one unbounded read would inflate the whole stream before cutting it there.
        pieces = []
        try:
            with self.archive.open(info) as member:
                while piece := member.read(1 << 16):
                    pieces.append(piece)
        except NotImplementedError:  # a compression method zipfile does not read
            raise UnusableReference(msg("reference.part-compression", part=name)) from None
        except RuntimeError:  # zipfile asks for a password
            raise UnusableReference(msg("reference.part-encrypted", part=name)) from None
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError):
            # a bad checksum, a name unlike the directory's, data that does not inflate
            raise UnusableReference(msg("reference.part-damaged", part=name)) from None
        return b"".join(pieces)

    def _follow(self, source: str, kind: str, root: etree._Element | None = None) -> None:
        """Keep the parts `source` (its XML `root`) relates to that its kind may use; then
        clean `source`."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        kept_ids: set[str] = set()
        rels = self._parse(rels_name) if rels_name in self.infos else None
        if rels is not None and rels.tag == _RELS:  # else python-docx could not read it
            seen: set[str] = set()
            for rel in list(rels):
                reltype = rel.get("Type", "").rsplit("/", 1)[-1]
                target = self._target(rel, folder, kind)
                # One relationship of each kind but pictures, headers and footers; a part
                # taken as one kind is never another (a loop, or styles that are the body).
                if (
                    not rel.get("Id")  # nothing can name it; python-docx cannot load it
                    or target is None
                    or (reltype in _PARTS and reltype not in _MANY and reltype in seen)
                    or self.taken_as.get(target, reltype) != reltype
                    or not self._is_a(target, reltype)
                    # a part left out before stays out: it is read and judged once
                    or (target not in self.parts and target in self.taken_as)
                    or (target not in self.parts and not self._take(target, reltype))
                ):
                    rels.remove(rel)
                    continue
                seen.add(reltype)
                kept_ids.add(rel.get("Id"))
                # Named as the part it was followed to (see `_target`): python-docx takes
                # the reference as written ("st%79les.xml", "//word/styles.xml").
                rel.set("Target", "/" + target)
            self.parts[rels_name] = serialize(rels)
        if root is not None:
            self._clean_part(source, root, kind, kept_ids)

    def _target(self, rel: etree._Element, folder: str, kind: str) -> str | None:
        """The part name `rel` leads to, or None when it is external or not for a look."""
        if rel.get("TargetMode") == "External":
            return None
        if rel.get("Type", "").rsplit("/", 1)[-1] not in _KEEP.get(kind, set()):
            return None
        target = unquote(rel.get("Target") or "")
        if "://" in target or target.startswith("\\\\"):
            return None
        name = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        )
        if name.startswith("..") or name not in self.infos:
            return None
        return name

    def _content_type(self, name: str) -> str:
        """The content type of part `name`, as python-docx finds it."""
        declared = self.overrides.get("/" + name.lower())
        if declared is None:
            base = posixpath.basename(name)
            extension = base.rsplit(".", 1)[1].lower() if "." in base else ""
            declared = self.defaults.get(extension, "")
        return declared

    def _is_a(self, name: str, reltype: str) -> bool:
        """`True` when the content type of part `name` is the one `reltype` expects."""
        declared = self._content_type(name)
        if reltype == "image":
            return declared.startswith("image/")
        if reltype == "officeDocument":  # a template or macro document is named as such
            return declared.endswith(".main+xml")
        expected = _PARTS[reltype][0]
        if reltype in _READ_AS_CLASSES:
            return declared == expected
        return declared.endswith("." + expected.rsplit(".", 1)[-1])  # ".theme+xml"

    def _take(self, name: str, reltype: str) -> bool:
        """Keep part `name`, reached as `reltype`, and say whether it was kept: XML whose
        root is the one `reltype` has, cleaned; a picture only if it is a plain raster image.
        """
        self.taken_as[name] = reltype
        if reltype == "image":
            data = self._read(name)
            if not data.startswith(_RASTER):  # SVG, EMF, OLE: formats that can reach out
                return False
            self.parts[name] = data
            return True
        main = reltype == "officeDocument"
        if main and self._content_type(name) not in _WORD_MAIN:
            kind = self._content_type(name)
            raise UnusableReference(msg("reference.not-a-docx", part=name, type=kind))
        root = self._parse(name, text=not main)
        if root.tag != _PARTS[reltype][1]:
            if main:  # nothing to render into: say what it holds
                strict = etree.QName(root).namespace == _STRICT_W
                key = "reference.strict" if strict else "reference.not-a-document"
                raise UnusableReference(msg(key, part=name, root=etree.QName(root).localname))
            return False
        self.parts[name] = b""  # a placeholder: each part is reached once, even in a cycle
        self._follow(name, "document" if main else reltype, root)
        return True

    def _clean_part(self, name: str, root: etree._Element, kind: str, kept_ids: set[str]) -> None:
        drop_dangling(root, kept_ids)
        drop_links(root)
        if kind == "document":
            body = root.find(w("body"))
            if body is None:  # Word's schema lets a document leave its body out
                etree.SubElement(root, w("body"))  # last: only a background comes before
            else:  # the body is the reference's text: only its sectPr stays
                sect_pr = body.find(w("sectPr"))
                for child in list(body):
                    if child is not sect_pr:
                        body.remove(child)
                # Nor any text around it: the body is found by its empty form when saved.
                body.text = None
                if sect_pr is not None:
                    sect_pr.tail = None
            tidy_sections(root)
        if kind in ("styles", "stylesWithEffects"):
            tidy_styles(root)
        if kind == "settings":
            for tag in _SETTINGS_DROPPED:
                for element in root.findall(w(tag)):
                    root.remove(element)
        defuse_fields(root)
        self.parts[name] = serialize(root)
