"""The picture files a document names: resolved inside its folder, read once, checked.

Only regular files inside the PRD's folder tree are ever opened: a path that leaves it
(`..`, absolute, or a link resolving outside) is reported without reading anything.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.images.headers import Header, Unreadable, probe
from prdkit.images.refs import ImageRef, image_refs, path_problem
from prdkit.limits import Limits
from prdkit.model import Document
from prdkit.reading import read_at_most
from prdkit.source import SourceMap, Span

_SHOWN = 80  # a longer reference is shortened in messages
_INSIDE = "keep pictures in the PRD's folder or below it, such as images/page.png"


@dataclass(frozen=True, slots=True)
class Image:
    """A checked local picture: where it is, its bytes and its header."""

    path: Path  # the file read (links resolved)
    name: str  # its path from the PRD's folder, as written but normalised ('/'-separated)
    data: bytes = field(repr=False)
    header: Header

    @property
    def digest(self) -> str:
        """The hex SHA-256 of the bytes (outputs name media parts by it)."""
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ImageCheck:
    """Problems found, each placed at the line naming the picture, and the pictures read."""

    problems: list[tuple[Finding, Span]] = field(default_factory=list)
    images: dict[str, Image] = field(default_factory=dict)  # reference as written → picture


def check_images(
    data: Mapping[str, Any],
    doc: Document,
    folder: Path | None,
    limits: Limits,
    source_map: SourceMap,
    text: str,
) -> ImageCheck:
    """Check every picture `doc` names; files are read only when `folder` is given."""
    result = ImageCheck()
    placer = _Placer(source_map, text)
    root = os.path.realpath(folder) if folder is not None else None
    read: dict[str, Image | tuple[str, str, str]] = {}  # real path → picture or problem
    total = 0
    over_total = False
    for ref in image_refs(data, doc, text):
        if ref.remote:
            continue
        shown = _shorten(ref.src)
        problem = path_problem(ref.path)
        if problem is not None:
            rule, reason = problem
            hint = _INSIDE if rule == "image-outside-folder" else None
            result.problems.append(_found(rule, ref, f"image '{shown}' {reason}", hint, placer))
            continue
        if root is None or over_total:
            continue
        real = os.path.realpath(os.path.join(root, ref.path))
        if os.path.commonpath([root, real]) != root:
            message = f"image '{shown}' is a link that resolves outside the PRD's folder"
            result.problems.append(_found("image-outside-folder", ref, message, _INSIDE, placer))
            continue
        outcome = read.get(real)
        if outcome is None:
            outcome = read[real] = _load(Path(real), posixpath.normpath(ref.path), limits)
            if isinstance(outcome, Image):
                total += len(outcome.data)
                if total > limits.max_images_bytes:
                    over_total = True
                    message = (
                        f"image '{shown}' brings the pictures of the document to more than "
                        f"{_size(limits.max_images_bytes)} (max-images-bytes)"
                    )
                    hint = "compress the pictures, or split the document"
                    result.problems.append(_found("images-too-large", ref, message, hint, placer))
                    continue
        if isinstance(outcome, Image):
            result.images.setdefault(ref.src, outcome)
        else:
            rule, reason, hint = outcome
            result.problems.append(_found(rule, ref, f"image '{shown}' {reason}", hint, placer))
    return result


def _load(path: Path, name: str, limits: Limits) -> Image | tuple[str, str, str]:
    """The picture at `path` (real, inside the folder), or (rule, reason, hint)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return (
            "image-missing",
            "does not exist",
            "check the spelling and the folder: paths are relative to the PRD file",
        )
    except OSError as exc:
        return "image-missing", f"cannot be read ({exc.strerror})", "check the file's permissions"
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return "image-missing", "is a folder, not a picture", "name the picture file itself"
        if not stat.S_ISREG(info.st_mode):
            return "image-missing", "is not a regular file", "name a PNG, JPEG or GIF file"
        if info.st_size > limits.max_image_bytes:
            return _too_large(info.st_size, limits)
        data = read_at_most(fd, limits.max_image_bytes + 1)
    except OSError as exc:
        return "image-missing", f"cannot be read ({exc.strerror})", "check the file's permissions"
    finally:
        os.close(fd)
    if len(data) > limits.max_image_bytes:  # grew while being read
        return _too_large(len(data), limits)
    try:
        header = probe(data, limits.max_image_frames)
    except Unreadable as exc:
        if exc.corrupt:
            return "image-corrupt", f"cannot be read: {exc}", "export or save the picture again"
        return "image-format", str(exc), "export the picture as PNG or JPEG"
    pixels = header.width * header.height
    if pixels > limits.max_image_pixels:
        return (
            "image-dimensions",
            f"is {header.width:,} × {header.height:,} pixels, over the limit of "
            f"{limits.max_image_pixels:,} pixels (max-image-pixels)",
            "scale the picture down: a page prototype rarely needs 2,000 pixels across",
        )
    if header.frames > limits.max_image_frames:
        return (
            "image-dimensions",
            f"has more than {limits.max_image_frames:,} frames (max-image-frames)",
            "shorten the animation, or use a still picture",
        )
    return Image(path, name, data, header)


def _too_large(size: int, limits: Limits) -> tuple[str, str, str]:
    return (
        "image-too-large",
        f"is {_size(size)}, over the limit of {_size(limits.max_image_bytes)} per picture "
        "(max-image-bytes)",
        "compress the picture or scale it down",
    )


def _size(n: int) -> str:
    """A byte count for people: 12.3 MB, 640 KB."""
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def _shorten(src: str) -> str:
    return src if len(src) <= _SHOWN else src[: _SHOWN - 1] + "…"


def _found(
    rule: str, ref: ImageRef, message: str, hint: str | None, placer: _Placer
) -> tuple[Finding, Span]:
    return Finding(rule, ref.pointer, message, hint), placer.place(ref)


class _Placer:
    """The line and column naming a picture: inside a multi-line Markdown value, its own line."""

    def __init__(self, source_map: SourceMap, text: str) -> None:
        self._map = source_map
        self._lines = text.split("\n")
        self._cursor: dict[str, tuple[int, int]] = {}  # pointer → where the last search ended

    def place(self, ref: ImageRef) -> Span:
        """Where `ref` is written; the start of its value when it cannot be found in the text."""
        start = self._map.nearest(ref.pointer)
        line, column = self._cursor.get(ref.pointer, (start.line - 1, start.column - 1))
        needles = [n for n in dict.fromkeys((ref.path, ref.src)) if n]
        # The source of a value is not much longer than the value (indentation, quotes,
        # escapes): the search stops there rather than run into the fields that follow.
        budget = 2 * ref.extent + 200
        for index in range(line, len(self._lines)):
            text = self._lines[index]
            offset = column if index == line else 0
            hits = [h for h in (text.find(n, offset) for n in needles) if h >= 0]
            if hits:
                found = min(hits)
                self._cursor[ref.pointer] = (index, found + 1)
                return Span(index + 1, found + 1)
            budget -= len(text) + 1
            if budget < 0:
                break
        return start
