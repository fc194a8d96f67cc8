"""Reading open files in bounded pieces: documents and the pictures they name alike."""

from __future__ import annotations

import os

__all__ = ["read_at_most"]


def read_at_most(fd: int, count: int) -> bytes:
    """Up to `count` bytes of the open file `fd`, read in pieces of a megabyte at most."""
    chunks: list[bytes] = []
    while count > 0:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)
