"""Pictures made byte by byte for tests: valid, truncated, oversized, many-framed."""

from __future__ import annotations

import random
import struct
import zlib
from functools import lru_cache


def chunk(kind: bytes, body: bytes) -> bytes:
    """One PNG chunk with its length and checksum."""
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(
    width: int = 4, height: int = 3, pixels: bool = True, rgb: bytes = b"\x30\x60\x90"
) -> bytes:
    """A PNG of one colour; `pixels=False` keeps only one row of data (for huge headers)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = height if pixels else 1
    raw = (b"\x00" + rgb * width) * rows
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def bomb_png(side: int = 30_000) -> bytes:
    """A small PNG whose data would inflate to gigabytes: side × side black pixels."""
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    body = b"".join(compressor.compress(row) for _ in range(200)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def deep_png(side: int, note: bytes = b"") -> bytes:
    """A 16-bit RGBA PNG of side × side transparent pixels, as small as deflate makes it
    (6,300 pixels a side: 309 KB); `note`, a text chunk, makes pictures of the same pixels
    differ in their bytes."""
    ihdr = struct.pack(">IIBBBBB", side, side, 16, 6, 0, 0, 0)
    text = chunk(b"tEXt", b"Comment\x00" + note) if note else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + text
        + chunk(b"IDAT", _zero_rows(side, side * 8))
        + chunk(b"IEND", b"")
    )


@lru_cache(maxsize=4)
def _zero_rows(rows: int, width: int) -> bytes:
    # Deflating a 6,300-sided picture takes a second: made once per test run.
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    return b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()


def gif(width: int = 2, height: int = 2, frames: int = 1) -> bytes:
    """A GIF with a two-colour table and `frames` one-pixel-code frames."""
    head = (
        b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    )
    frame = (
        b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 0.1 s delay
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, width, height, 0)
        + b"\x02\x02\x44\x01\x00"  # LZW code size 2, one sub-block, end
    )
    return head + frame * frames + b"\x3b"


def jpeg(width: int = 8, height: int = 6) -> bytes:
    """The markers of a baseline JPEG (its scan data is filler): enough for its header."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + app0 + sof + sos + b"\x12\x34\x56" + b"\xff\xd9"


def noise_png(width: int, height: int, seed: int = 7) -> bytes:
    """An RGB PNG of random pixels stored uncompressed: as large in bytes as in pixels."""
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 0))
        + chunk(b"IEND", b"")
    )
