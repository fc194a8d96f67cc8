"""Pictures of a page rendered without checks: read from the PRD's folder tree only, sniffed.

A checked document's page embeds the very bytes its checks read, within their budgets
(`pictures`). A page rendered without them (a library call) reads the files here, and this
is its guard: never a file from outside the tree, nor anything that is not a picture.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import unquote

__all__ = ["MAX_IMAGE_BYTES", "read_picture", "sniff"]

# A picture larger than this is not embedded (validation's default limit is lower).
MAX_IMAGE_BYTES = 20 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff(head: bytes) -> str | None:
    """The media type of a PNG, JPEG or GIF from its first bytes; None for anything else."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def read_picture(folder: Path | None, reference: str) -> bytes | None:
    """The bytes of a picture inside `folder`'s tree, or None (outside, missing, not a picture)."""
    if folder is None or not reference or "\x00" in reference:
        return None
    relative = unquote(reference.split("#", 1)[0].split("?", 1)[0])
    if not relative or os.path.isabs(relative) or relative.startswith(("/", "\\")):
        return None
    base = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(base, relative))
    if os.path.commonpath([base, target]) != base:
        return None
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(target, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IMAGE_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_IMAGE_BYTES or sniff(data[:16]) is None:
        return None
    return data
