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
import posixpath
import zipfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from prdkit.messages import Msg, msg
from prdkit.writers.docx.oxml import w
from prdkit.writers.docx.refmarkup import defuse_fields, drop_dangling, drop_links
from prdkit.writers.docx.safexml import UnsafeXML, parse, serialize

_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}Types"
MAX_ENTRIES = 2000
MAX_PART = 16 * 1024 * 1024  # bytes inflated, one part
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
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PROPS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
# Word documents saved as Strict Open XML: python-docx reads none of their parts.
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
# By the type of the relationship that reaches a part: what its content type must end with
# (a part lends one thing, as what it says it is), and the root element it must have. A
# part holding something else (styles whose root is a body, another namespace) is not what
# python-docx reads it as and fails deep inside it: it is left out, as one of the wrong
# content type. Pictures are judged by their content type and signature (`_RASTER`).
_PARTS = {
    # a document, template or macro document: python-docx judges which
    "officeDocument": (".main+xml", etree.QName(_W, "document").text),
    "core-properties": (".core-properties+xml", etree.QName(_PROPS, "coreProperties").text),
    "extended-properties": (".extended-properties+xml", etree.QName(_APP, "Properties").text),
    "styles": (".styles+xml", etree.QName(_W, "styles").text),
    "stylesWithEffects": (".stylesWithEffects+xml", etree.QName(_W, "styles").text),
    "numbering": (".numbering+xml", etree.QName(_W, "numbering").text),
    "settings": (".settings+xml", etree.QName(_W, "settings").text),
    "fontTable": (".fontTable+xml", etree.QName(_W, "fonts").text),
    "theme": (".theme+xml", etree.QName(_A, "theme").text),
    "webSettings": (".webSettings+xml", etree.QName(_W, "webSettings").text),
    "header": (".header+xml", etree.QName(_W, "hdr").text),
    "footer": (".footer+xml", etree.QName(_W, "ftr").text),
    "footnotes": (".footnotes+xml", etree.QName(_W, "footnotes").text),
    "endnotes": (".endnotes+xml", etree.QName(_W, "endnotes").text),
}
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


def clean_package(path: Path) -> bytes:
    """The reference at `path` rebuilt with only the parts a look is made of, as .docx bytes."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _Cleaner(archive).run()
    except UnsafeXML as exc:
        raise UnusableReference(exc.reason) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise UnusableReference(msg("reference.zip-damaged", detail=str(exc))) from None
    except RuntimeError as exc:  # an encrypted part: zipfile asks for a password
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
        self.total = 0
        self.types = etree.Element("Types")

    def run(self) -> bytes:
        types = self.types = parse(self._read("[Content_Types].xml"), "[Content_Types].xml")
        if types.tag != _TYPES:
            raise UnusableReference(msg("reference.no-content-types"))
        self._follow("", "package")
        # python-docx would look for it and fail with an error that names no part.
        if "officeDocument" not in self.taken_as.values():
            raise UnusableReference(msg("reference.no-main-part"))
        kept = set(self.parts)
        for override in list(types):
            part = (override.get("PartName") or "").lstrip("/")
            if etree.QName(override).localname == "Override" and part not in kept:
                types.remove(override)
        self.parts["[Content_Types].xml"] = serialize(types)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in self.parts.items():
                target.writestr(name, data)
        return out.getvalue()

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
        with self.archive.open(info) as member:
            while piece := member.read(1 << 16):
                pieces.append(piece)
        return b"".join(pieces)

    def _follow(self, source: str, kind: str, root: etree._Element | None = None) -> None:
        """Keep the parts `source` (its XML `root`) relates to that its kind may use; then
        clean `source`."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        kept_ids: set[str] = set()
        if rels_name in self.infos:
            rels = parse(self._read(rels_name), rels_name)
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
                # Followed by the part name it decodes to (see `_target`), so python-docx,
                # which takes the reference as written, finds the same part.
                written = rel.get("Target") or ""
                if unquote(written) != written:
                    rel.set("Target", unquote(written))
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

    def _is_a(self, name: str, reltype: str) -> bool:
        """`True` when the content type of part `name` is the one `reltype` expects."""
        declared = ""
        extension = name.rsplit(".", 1)[-1].lower()
        for entry in self.types:
            local = etree.QName(entry).localname
            if local == "Override" and (entry.get("PartName") or "").lstrip("/") == name:
                declared = entry.get("ContentType") or ""
                break
            if local == "Default" and (entry.get("Extension") or "").lower() == extension:
                declared = declared or entry.get("ContentType") or ""
        if reltype == "image":
            return declared.startswith("image/")
        return declared.endswith(_PARTS[reltype][0])

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
        root = parse(self._read(name), name)
        if root.tag != _PARTS[reltype][1]:
            if reltype == "officeDocument":  # nothing to render into: say what it holds
                strict = etree.QName(root).namespace == _STRICT_W
                key = "reference.strict" if strict else "reference.not-a-document"
                raise UnusableReference(msg(key, part=name, root=etree.QName(root).localname))
            return False
        self.parts[name] = b""  # a placeholder: each part is reached once, even in a cycle
        self._follow(name, "document" if reltype == "officeDocument" else reltype, root)
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
        if kind == "styles":
            for style in root.findall(w("style")):
                if not style.get(w("styleId")):  # no paragraph can name it
                    root.remove(style)
        if kind == "settings":
            for tag in _SETTINGS_DROPPED:
                for element in root.findall(w(tag)):
                    root.remove(element)
        defuse_fields(root)
        self.parts[name] = serialize(root)
