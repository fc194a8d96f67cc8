"""The .docx's zip, written whole: each entry deflated once, the body as it was packed.

The body of a large document is deflated while it is built (see `package.Spool`), before
the contents that precede it are known. Python's zipfile can only deflate an entry itself,
so the body had to be inflated again and deflated a second time (0.6 s of 5,000
requirements). Deflate streams made apart join into one when each but the last ends on
a byte boundary (a sync flush) and none refers back past its own start; their checksums
join with `crc32_combine`. Entries are laid out as zipfile lays them out (no data
descriptors, no extra fields), so the same input gives the same bytes on every Python.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

LEVEL = 6  # zlib's default, as zipfile's
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate needs a reader of version 2.0
_DEFLATED = 8
_UTF8_NAME = 0x800
_EXTERNAL = 0o600 << 16  # rw-------, as zipfile has always stamped the Word file's entries
_LIMIT = 0xFFFFFFFF  # past this, a size or an offset needs Zip64, which nothing here writes


class Packed:
    """One deflate stream in pieces, with the CRC-32 and length of what it holds."""

    __slots__ = ("chunks", "crc", "size")

    def __init__(self, chunks: list[bytes], crc: int, size: int) -> None:
        self.chunks, self.crc, self.size = chunks, crc, size

    @property
    def packed_size(self) -> int:
        """The stream's length in bytes."""
        return sum(map(len, self.chunks))


class Deflater:
    """Deflates the pieces it is given, in order, into a `Packed` stream."""

    def __init__(self, level: int = LEVEL) -> None:
        # Raw deflate (no zlib header): what a zip entry holds.
        self._packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._chunks: list[bytes] = []
        self._crc = 0
        self._size = 0

    def add(self, piece: bytes) -> None:
        """Deflate `piece` after the others."""
        self._crc = zlib.crc32(piece, self._crc)
        self._size += len(piece)
        packed = self._packer.compress(piece)
        if packed:
            self._chunks.append(packed)

    def close(self, *, last: bool = True) -> Packed:
        """The stream; one that is not `last` ends on a byte boundary, for another to follow."""
        self._chunks.append(self._packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH))
        return Packed(self._chunks, self._crc, self._size)


def deflate(data: bytes, *, last: bool = True) -> Packed:
    """`data` as a deflate stream (see `Deflater.close` for `last`)."""
    deflater = Deflater()
    deflater.add(data)
    return deflater.close(last=last)


def join(streams: Iterable[Packed]) -> Packed:
    """One stream of `streams` in order: all but the last closed with `last=False`."""
    chunks: list[bytes] = []
    crc = size = 0
    for stream in streams:
        chunks += stream.chunks
        crc = crc32_combine(crc, stream.crc, stream.size)
        size += stream.size
    return Packed(chunks, crc, size)


def write(entries: Iterable[tuple[str, Packed]], stamp: tuple[int, ...]) -> bytes:
    """The zip of `entries` (name, deflated content), in order, all dated `stamp`
    (year, month, day, hour, minute, even second, from 1980 on)."""
    year, month, day, hour, minute, second = stamp
    dos_date = (year - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, packed in entries:
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else _UTF8_NAME
        length = packed.packed_size
        if max(length, packed.size, offset) >= _LIMIT:
            raise ValueError(f"{name}: too large for a zip without Zip64")
        fields = (_VERSION, 0, flags, _DEFLATED, dos_time, dos_date, packed.crc, length)
        local = _LOCAL.pack(b"PK\x03\x04", *fields, packed.size, len(raw), 0)
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                _VERSION,
                0,
                *fields,
                packed.size,
                len(raw),
                0,
                0,
                0,
                0,
                _EXTERNAL,
                offset,
            )
            + raw
        )
        out += (local, raw, *packed.chunks)
        offset += len(local) + len(raw) + length
    directory = b"".join(central)
    if offset + len(directory) >= _LIMIT or len(central) > 0xFFFF:
        raise ValueError("too large for a zip without Zip64")
    end = _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join((*out, directory, end))


# CRC-32 of joined data from the CRCs of its parts, as zlib's crc32_combine (which Python's
# zlib module does not offer): multiplication of polynomials modulo CRC-32's, reflected.
_POLY = 0xEDB88320


def _multmodp(a: int, b: int) -> int:
    # a × b modulo the CRC polynomial.
    if not a:
        return 0
    m, p = 1 << 31, 0
    while True:
        if a & m:
            p ^= b
            if not a & (m - 1):
                return p
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def _powers() -> list[int]:
    # x^(2^n) modulo the polynomial, n = 0..31 (x itself is 1 << 30, reflected).
    table = [1 << 30]
    for _ in range(31):
        table.append(_multmodp(table[-1], table[-1]))
    return table


_X2N = _powers()


def _x2nmodp(n: int, k: int) -> int:
    # x^(n × 2^k) modulo the polynomial.
    p = 1 << 31  # x^0
    while n:
        if n & 1:
            p = _multmodp(_X2N[k & 31], p)
        n >>= 1
        k += 1
    return p


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A followed by B, from A's CRC, B's CRC and B's length in bytes."""
    return _multmodp(_x2nmodp(length2, 3), crc1) ^ crc2
