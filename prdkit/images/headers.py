"""What a picture is and how big, read from its bytes: PNG, JPEG and GIF headers, bounded.

Nothing is decompressed: the pixel count comes from the header, so a decompression bomb
costs no more than its file size to inspect. Every walk moves forward through the bytes
(a chunk, a segment, a sub-block at a time), so the work is linear in the file size.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from prdkit.messages import Msg, msg

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What a checkout holds in place of a picture tracked by Git LFS whose content was not fetched.
LFS_POINTER = b"version https://git-lfs.github.com/spec/"
# More chunks than this is no picture an author drew (encoders write a few dozen).
MAX_PNG_CHUNKS = 100_000


@dataclass(frozen=True, slots=True)
class Header:
    """A picture's kind ("png", "jpeg", "gif"), size in pixels and number of frames."""

    kind: str
    width: int
    height: int
    frames: int = 1

    @property
    def mime(self) -> str:
        """The media type Word and browsers expect for this kind."""
        return f"image/{self.kind}"


class Unreadable(Exception):
    """Bytes that are no picture prdkit takes; `corrupt` tells a damaged one from another kind."""

    def __init__(self, message: Msg, corrupt: bool) -> None:
        super().__init__(message)
        self.message = message  # in the catalogue's words; str() is the English
        self.corrupt = corrupt


def probe(data: bytes, max_frames: int) -> Header:
    """The header of a PNG, JPEG or GIF; `Unreadable` for anything else or a damaged file.

    Counting GIF frames stops past `max_frames`: the header then says `max_frames + 1`.
    """
    if data.startswith(PNG_SIGNATURE):
        return _png(data, max_frames)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _gif(data, max_frames)
    raise Unreadable(msg("image.not-a-picture", what=_what(data)), corrupt=False)


def _what(data: bytes) -> Msg:
    """A reader's guess at what the bytes are instead, for the message."""
    head = data[:64]
    if not data:
        return msg("image.what.empty")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return msg("image.what.webp")
    if head[4:8] == b"ftyp":
        return msg("image.what.heic")
    if head.startswith(b"BM"):
        return msg("image.what.bmp")
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return msg("image.what.tiff")
    if head.startswith(b"%PDF"):
        return msg("image.what.pdf")
    if head.startswith(LFS_POINTER):
        return msg("image.what.lfs")
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<svg", b"<?xml")):
        return msg("image.what.svg")
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return msg("image.what.binary")
    return msg("image.what.text")


# The bit depths the PNG standard allows for each colour type (grey, RGB, palette,
# grey with alpha, RGB with alpha).
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}


def _png(data: bytes, max_frames: int) -> Header:
    pos = len(PNG_SIGNATURE)
    width = height = 0
    frames = 1
    seen_data = False
    for count in range(MAX_PNG_CHUNKS):
        if pos + 12 > len(data):
            raise Unreadable(msg("image.png-truncated"), corrupt=True)
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise Unreadable(msg("image.png-truncated"), corrupt=True)
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : end])
        if zlib.crc32(kind + body) != crc:
            name = kind.decode("latin-1")
            raise Unreadable(msg("image.png-checksum", name=name), corrupt=True)
        if count == 0:
            if kind != b"IHDR" or length != 13:
                raise Unreadable(msg("image.png-no-header"), corrupt=True)
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth not in _PNG_DEPTHS.get(colour, ()):
                # No viewer draws it: Word and browsers show a broken picture, WeasyPrint
                # left it out of the PDF without a word.
                raise Unreadable(msg("image.png-depth", depth=depth, colour=colour), corrupt=True)
        elif kind == b"acTL" and length >= 4:
            frames = struct.unpack(">I", body[:4])[0]
        elif kind == b"IDAT":
            seen_data = True
        elif kind == b"IEND":
            if not seen_data:
                raise Unreadable(msg("image.png-no-data"), corrupt=True)
            return _sized("png", width, height, min(frames, max_frames + 1))
        pos = end
    raise Unreadable(msg("image.png-chunks", count=MAX_PNG_CHUNKS), corrupt=True)


# Start-of-frame markers carry the size; C4 (huffman tables), C8 and CC are not frames.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset([0x01, *range(0xD0, 0xD8)])


def _jpeg(data: bytes) -> Header:
    pos = 2
    size: tuple[int, int] | None = None
    while True:
        # Markers may be preceded by any number of 0xFF fill bytes.
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            raise Unreadable(msg("image.jpeg-truncated"), corrupt=True)
        marker = data[pos]
        pos += 1
        if data[pos - 2] != 0xFF:
            raise Unreadable(msg("image.jpeg-marker"), corrupt=True)
        if marker in _STANDALONE:
            continue
        if marker == 0xD9:
            raise Unreadable(msg("image.jpeg-no-data"), corrupt=True)
        if pos + 2 > len(data):
            raise Unreadable(msg("image.jpeg-truncated"), corrupt=True)
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            raise Unreadable(msg("image.jpeg-truncated"), corrupt=True)
        if marker in _SOF and size is None:
            if length < 7:
                raise Unreadable(msg("image.jpeg-frame"), corrupt=True)
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            size = (width, height)
        if marker == 0xDA:  # start of scan: entropy-coded data follows, up to the end marker
            if size is None:
                raise Unreadable(msg("image.jpeg-no-frame"), corrupt=True)
            if data.rfind(b"\xff\xd9") < pos + length:
                raise Unreadable(msg("image.jpeg-truncated"), corrupt=True)
            return _sized("jpeg", *size, 1)
        pos += length


def _gif(data: bytes, max_frames: int) -> Header:
    if len(data) < 13:
        raise Unreadable(msg("image.gif-truncated"), corrupt=True)
    width, height, packed = struct.unpack("<HHB", data[6:11])
    pos = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    frames = 0
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:  # trailer
            if frames == 0:
                raise Unreadable(msg("image.gif-no-image"), corrupt=True)
            return _sized("gif", width, height, frames)
        if block == 0x2C:  # image descriptor, optional local colour table, LZW code size
            if pos + 10 > len(data):
                break
            frames += 1
            if frames > max_frames:
                return _sized("gif", width, height, frames)
            flags = data[pos + 9]
            pos += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        elif block == 0x21:  # extension: label, then sub-blocks
            pos += 2
        else:
            raise Unreadable(msg("image.gif-block"), corrupt=True)
        pos = _skip_sub_blocks(data, pos)
        if pos < 0:
            break
    raise Unreadable(msg("image.gif-truncated"), corrupt=True)


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    """The position after a run of sub-blocks ended by a zero length; -1 if the data ends."""
    while pos < len(data):
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos
    return -1


def _sized(kind: str, width: int, height: int, frames: int) -> Header:
    if width == 0 or height == 0:
        raise Unreadable(msg("image.zero-size", width=width, height=height), corrupt=True)
    if width > 0x7FFFFFFF or height > 0x7FFFFFFF:
        raise Unreadable(msg("image.impossible-size"), corrupt=True)
    return Header(kind, width, height, frames)
