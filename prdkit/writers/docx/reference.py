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
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from prdkit.writers.docx.safexml import UnsafeXML, parse, serialize

MAX_ENTRIES = 2000
MAX_PART = 16 * 1024 * 1024  # bytes inflated, one part
MAX_TOTAL = 48 * 1024 * 1024  # bytes inflated, every part kept

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

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
# Fields a header or footer may keep: numbers, dates and the document's own properties.
SAFE_FIELDS = frozenset(
    {
        "PAGE",
        "NUMPAGES",
        "SECTIONPAGES",
        "SECTION",
        "DATE",
        "TIME",
        "CREATEDATE",
        "SAVEDATE",
        "PRINTDATE",
        "TITLE",
        "SUBJECT",
        "AUTHOR",
        "KEYWORDS",
        "COMMENTS",
        "LASTSAVEDBY",
        "DOCPROPERTY",
        "STYLEREF",
        "FILENAME",
    }
)
# settings.xml children that tie the document to other files or data.
_SETTINGS_DROPPED = (
    "attachedTemplate",
    "linkStyles",
    "mailMerge",
    "saveThroughXslt",
    "attachedSchema",
    "docVars",
)
# Where an element that uses a dropped relationship is removed whole.
_CONTAINERS = {f"{{{_W}}}{tag}" for tag in ("drawing", "pict", "object")}


class ReferenceError(Exception):
    """A reference document that cannot be used safely; the message says why."""


def clean_package(path: Path) -> bytes:
    """The reference at `path` rebuilt with only the parts a look is made of, as .docx bytes."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _Cleaner(archive).run()
    except UnsafeXML as exc:
        raise ReferenceError(str(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise ReferenceError(f"damaged Word document ({exc})") from None
    except RuntimeError as exc:  # an encrypted part: zipfile asks for a password
        raise ReferenceError(f"damaged Word document ({exc})") from None


class _Cleaner:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ReferenceError(f"{len(infos):,} parts; a Word document has a few dozen")
        self.archive = archive
        self.infos = {info.filename: info for info in infos}
        self.parts: dict[str, bytes] = {}
        self.total = 0

    def run(self) -> bytes:
        types = parse(self._read("[Content_Types].xml"), "[Content_Types].xml")
        self._follow("", "package")
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
            raise ReferenceError(f"{name} is missing")
        if info.file_size > MAX_PART or self.total + info.file_size > MAX_TOTAL:
            raise ReferenceError(
                f"{name} inflates to {info.file_size:,} bytes; a reference document may hold"
                f" parts of {MAX_PART // 2**20} MiB, {MAX_TOTAL // 2**20} MiB in all"
            )
        self.total += info.file_size
        # In small pieces: zipfile stops at the declared size (a longer part fails its CRC),
        # but one unbounded read would inflate the whole stream before cutting it there.
        pieces = []
        with self.archive.open(info) as member:
            while piece := member.read(1 << 16):
                pieces.append(piece)
        return b"".join(pieces)

    def _follow(self, source: str, kind: str) -> None:
        """Keep the parts `source` relates to that its kind may use; then clean `source`."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        kept_ids: set[str] = set()
        if rels_name in self.infos:
            rels = parse(self._read(rels_name), rels_name)
            for rel in list(rels):
                target = self._target(rel, folder, kind)
                if target is None:
                    rels.remove(rel)
                    continue
                kept_ids.add(rel.get("Id") or "")
                if target not in self.parts:
                    self._take(target, rel.get("Type", "").rsplit("/", 1)[-1])
            self.parts[rels_name] = serialize(rels)
        if source:
            self._clean_part(source, kind, kept_ids)

    def _target(self, rel: etree._Element, folder: str, kind: str) -> str | None:
        """The part name `rel` leads to, or None when it is external or not for a look."""
        if rel.get("TargetMode") == "External":
            return None
        if rel.get("Type", "").rsplit("/", 1)[-1] not in _KEEP.get(kind, set()):
            return None
        target = rel.get("Target") or ""
        if "://" in target or target.startswith("\\\\"):
            return None
        name = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        )
        if name.startswith("..") or name not in self.infos:
            return None
        return name

    def _take(self, name: str, reltype: str) -> None:
        kind = "document" if reltype == "officeDocument" else reltype
        if name.endswith(".xml"):
            self.parts[name] = b""  # a placeholder: reached once, even through a cycle
            self._follow(name, kind)
        else:
            self.parts[name] = self._read(name)

    def _clean_part(self, name: str, kind: str, kept_ids: set[str]) -> None:
        root = parse(self._read(name), name)
        _drop_dangling(root, kept_ids)
        _drop_links(root)
        if kind == "document":
            body = root.find(f"{{{_W}}}body")
            if body is not None:  # the body is the reference's text: only its sectPr stays
                sect_pr = body.find(f"{{{_W}}}sectPr")
                for child in list(body):
                    if child is not sect_pr:
                        body.remove(child)
        if kind == "settings":
            for tag in _SETTINGS_DROPPED:
                for element in root.findall(f"{{{_W}}}{tag}"):
                    root.remove(element)
        _defuse_fields(root)
        self.parts[name] = serialize(root)


def _drop_dangling(root: etree._Element, kept_ids: set[str]) -> None:
    """Remove markup that uses a relationship no longer there (a hyperlink keeps its text)."""
    for element in list(root.iter()):
        used = [v for k, v in element.attrib.items() if k.startswith(f"{{{_R}}}")]
        if not used or all(v in kept_ids for v in used):
            continue
        parent = element.getparent()
        if parent is None:
            continue
        if etree.QName(element).localname == "hyperlink":
            _unwrap(element)
            continue
        container = next((a for a in element.iterancestors() if a.tag in _CONTAINERS), None)
        doomed = container if container is not None else element
        if doomed.getparent() is not None:
            doomed.getparent().remove(doomed)


def _drop_links(root: etree._Element) -> None:
    """Drop attributes that point outside (VML `o:href`, `src`): a reader would fetch them."""
    for element in root.iter():
        for key in [k for k in element.attrib if etree.QName(k).localname in ("href", "src")]:
            if ":" in element.attrib[key]:
                del element.attrib[key]


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _instruction(text: str) -> str:
    words = text.strip().split()
    return words[0].upper() if words else ""


def _defuse_fields(root: etree._Element) -> None:
    """Unsafe fields give way to their last result: simple ones unwrapped, complex ones cut."""
    for simple in list(root.iter(f"{{{_W}}}fldSimple")):
        if _instruction(simple.get(f"{{{_W}}}instr") or "") not in SAFE_FIELDS:
            _unwrap(simple)
    doomed: list[etree._Element] = []
    for runs in _unsafe_field_code(list(root.iter(f"{{{_W}}}r"))):
        doomed.extend(runs)
    for run in doomed:
        if run.getparent() is not None:
            run.getparent().remove(run)


def _unsafe_field_code(runs: list[etree._Element]) -> Iterator[list[etree._Element]]:
    """The runs holding the code (begin to separate, and end) of each unsafe complex field.

    Fields nest: the runs of an inner field inside an outer field's code are code of both.
    """
    stack: list[_Field] = []
    for run in runs:
        char = run.find(f"{{{_W}}}fldChar")
        kind = char.get(f"{{{_W}}}fldCharType") if char is not None else None
        if kind == "begin":
            stack.append(_Field())
        if not stack:
            continue
        for field in stack:
            if not field.separated or (kind == "end" and field is stack[-1]):
                field.code.append(run)
        top = stack[-1]
        if not top.separated:
            top.instruction += "".join(t.text or "" for t in run.iter(f"{{{_W}}}instrText"))
        if kind == "separate":
            top.separated = True
        elif kind == "end":
            stack.pop()
            if _instruction(top.instruction) not in SAFE_FIELDS:
                yield top.code


class _Field:
    """A complex field being read: its code runs, its instruction, and past `separate`?"""

    def __init__(self) -> None:
        self.code: list[etree._Element] = []
        self.instruction = ""
        self.separated = False
