"""Hostile reference documents: a real .docx with a header, then one part rewritten."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

import docx

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_TEXT = "ACME confidential"
EVIL = "evil.example"

Edit = bytes | Callable[[bytes], bytes]


def tiny_png() -> bytes:
    """A 1x1 PNG, for a header picture that must survive."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def base_reference() -> dict[str, bytes]:
    """The parts of a plain reference: python-docx's blank document, a header with a picture."""
    document = docx.Document()
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = HEADER_TEXT
    header.paragraphs[0].add_run().add_picture(io.BytesIO(tiny_png()))
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_reference(path: Path, edits: Mapping[str, Edit]) -> Path:
    """The base reference with `edits` applied (new bytes, or a function of the old ones)."""
    parts = base_reference()
    for name, edit in edits.items():
        parts[name] = edit(parts.get(name, b"")) if callable(edit) else edit
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def add_rel(rel_id: str, kind: str, target: str, external: bool = True) -> Callable[[bytes], bytes]:
    """An edit of a .rels part adding one relationship."""
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rel_id}" Type="{RT}/{kind}" Target="{target}"{mode}/>'

    def edit(old: bytes) -> bytes:
        if not old:
            old = f'<?xml version="1.0"?><Relationships xmlns="{RELS_NS}"></Relationships>'.encode()
        return old.replace(b"</Relationships>", rel.encode() + b"</Relationships>")

    return edit


def in_header(markup: str) -> Callable[[bytes], bytes]:
    """An edit of the header adding `markup` (w:, r:, v: and a: are declared there)."""

    def edit(old: bytes) -> bytes:
        return old.replace(b"</w:hdr>", markup.encode() + b"</w:hdr>")

    return edit


def with_doctype(doctype: str) -> Callable[[bytes], bytes]:
    """An edit putting `doctype` between the XML declaration and the root."""

    def edit(old: bytes) -> bytes:
        head, _, rest = old.partition(b"?>")
        return head + b"?>" + doctype.encode() + rest

    return edit


def replace(old: str, new: str) -> Callable[[bytes], bytes]:
    """An edit replacing the first `old` with `new`."""

    def edit(data: bytes) -> bytes:
        assert old.encode() in data, old
        return data.replace(old.encode(), new.encode(), 1)

    return edit


def inflating(path: Path, name: str, size: int, declared: int | None = None) -> Path:
    """A reference whose XML part `name` inflates to `size` bytes of well-formed XML
    (blank space before its closing tag), declared as `declared` bytes when given."""
    parts = base_reference()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            if part == name:
                head, _, tail = data.rpartition(b"</")
                with archive.open(part, "w", force_zip64=True) as out:
                    out.write(head)
                    block = b" " * (1 << 20)
                    for _ in range(size >> 20):
                        out.write(block)
                    out.write(b"</" + tail)
            else:
                archive.writestr(part, data)
    if declared is not None:
        _lie_about_size(path, name, size, declared)
    return path


def _lie_about_size(path: Path, name: str, size: int, declared: int) -> None:
    """Rewrite the archive so that `name` claims `declared` inflated bytes, not `size`."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        blobs = {i.filename: _raw_member(path, i) for i in infos}
    with open(path, "wb") as out:
        central = b""
        for info in infos:
            raw, crc = blobs[info.filename]
            usize = declared if info.filename == name else info.file_size
            encoded = info.filename.encode()
            offset = out.tell()
            local = (b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(raw), usize, len(encoded), 0)
            out.write(struct.pack("<4sHHHHHIIIHH", *local))
            out.write(encoded + raw)
            central += struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(raw),
                usize,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            central += encoded
        start = out.tell()
        out.write(central)
        count = len(infos)
        out.write(
            struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
        )


def _raw_member(path: Path, info: zipfile.ZipInfo) -> tuple[bytes, int]:
    """The deflated bytes of one member, recompressed raw (no zip64 extra), and its CRC."""
    with zipfile.ZipFile(path) as archive, archive.open(info) as member:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        crc = 0
        raw = b""
        while chunk := member.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
            raw += compressor.compress(chunk)
        raw += compressor.flush()
    return raw, crc & 0xFFFFFFFF
