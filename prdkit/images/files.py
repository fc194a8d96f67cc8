"""The picture files a document names: resolved inside its folder, read once, checked.

Only regular files inside the PRD's folder tree are ever opened: a path that leaves it
(`..`, absolute, or a link resolving outside) is reported without reading anything.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import posixpath
import stat
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.images.headers import Header, Unreadable, probe
from prdkit.images.refs import ImageRef, image_refs, path_problem
from prdkit.limits import Limits
from prdkit.messages import Msg, msg
from prdkit.model import Document
from prdkit.reading import read_at_most
from prdkit.source import SourceMap, Span

_SHOWN = 80  # a longer reference is shortened in messages
_INSIDE = msg("image-outside-folder.hint")


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
    folders = _Folders()
    total = 0
    over_total = False
    for ref in image_refs(data, doc, text):
        if ref.remote:
            continue
        shown = _shorten(ref.path or ref.src)  # as the author wrote it, not percent-encoded
        if ref.fix is not None:
            hint = msg("image.spaces.hint", fix=ref.fix)
            message = _problem(shown, msg("image.spaces"))
            result.problems.append(_found("image-path", ref, message, hint, placer))
            continue
        problem = path_problem(ref.path)
        if problem is not None:
            rule, reason = problem
            hint = _INSIDE if rule == "image-outside-folder" else None
            result.problems.append(_found(rule, ref, _problem(shown, reason), hint, placer))
            continue
        if root is None or over_total:
            continue
        real = os.path.realpath(os.path.join(root, ref.path))
        if os.path.commonpath([root, real]) != root:
            message = _problem(shown, msg("image.link-outside"))
            result.problems.append(_found("image-outside-folder", ref, message, _INSIDE, placer))
            continue
        outcome = read.get(real)
        if outcome is None:
            name = posixpath.normpath(ref.path)
            outcome = read[real] = _load(Path(real), name, limits, folders)
            if isinstance(outcome, Image):
                total += len(outcome.data)
                if total > limits.max_images_bytes:
                    over_total = True
                    message = msg(
                        "images-too-large", src=shown, limit=_size(limits.max_images_bytes)
                    )
                    hint = msg("images-too-large.hint")
                    result.problems.append(_found("images-too-large", ref, message, hint, placer))
                    continue
        if isinstance(outcome, Image):
            result.images.setdefault(ref.src, outcome)
        else:
            rule, reason, hint = outcome
            result.problems.append(_found(rule, ref, _problem(shown, reason), hint, placer))
    return result


# Names of a folder compared with a missing picture's, at most: a folder of a million
# files is not read through for a hint. A close name is looked for among at most
# `_CLOSE_AMONG` names, for at most `_CLOSE_TRIES` missing pictures a check: each look is a
# comparison with every name (1,000 missing pictures in a folder of 10,000 files took 38 s).
_LOOKED_AT = 10_000
_CLOSE_AMONG = 1_000
_CLOSE_TRIES = 50


class _Folders:
    """The names of the folders holding missing pictures, each folder read once a check."""

    def __init__(self) -> None:
        self._names: dict[Path, tuple[list[str], dict[str, str]] | None] = {}
        self.tries = _CLOSE_TRIES

    def names(self, folder: Path) -> tuple[list[str], dict[str, str]] | None:
        """The folder's names, and each by its case-folded form (the first of a fold)."""
        if folder not in self._names:
            try:
                with os.scandir(folder) as entries:
                    names = [e.name for _, e in zip(range(_LOOKED_AT), entries, strict=False)]
            except OSError:
                self._names[folder] = None
            else:
                folded: dict[str, str] = {}
                for found in names:
                    folded.setdefault(found.casefold(), found)
                self._names[folder] = (names, folded)
        return self._names[folder]

    def hint(self, path: Path, name: str) -> Msg:
        """The hint for a picture not found at `path` (`name` as written, normalized): the
        file whose name differs only in case or is close to it, where its folder holds one."""
        listed = self.names(path.parent)
        if listed is None:
            return msg("image-missing.hint")
        names, folded = listed
        folder = posixpath.dirname(name)
        same = folded.get(path.name.casefold())
        if same is not None:  # Windows and macOS forgive the case, Linux (and so CI) does not
            return msg("image-missing.case", path=posixpath.join(folder, same))
        if len(names) <= _CLOSE_AMONG and self.tries > 0:
            self.tries -= 1
            close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.8)
            if close:
                return msg("image-missing.close", path=posixpath.join(folder, close[0]))
        return msg("image-missing.hint")


def _load(path: Path, name: str, limits: Limits, folders: _Folders) -> Image | tuple[str, Msg, Msg]:
    """The picture at `path` (real, inside the folder), or (rule, reason, hint)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return "image-missing", msg("image.absent"), folders.hint(path, name)
    except OSError as exc:
        return _unreadable(exc)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return "image-missing", msg("image.folder"), msg("image.folder.hint")
        if not stat.S_ISREG(info.st_mode):
            return "image-missing", msg("image.special"), msg("image.special.hint")
        if info.st_size > limits.max_image_bytes:
            return _too_large(info.st_size, limits)
        data = read_at_most(fd, limits.max_image_bytes + 1)
    except OSError as exc:
        return _unreadable(exc)
    finally:
        os.close(fd)
    if len(data) > limits.max_image_bytes:  # grew while being read
        return _too_large(len(data), limits)
    try:
        header = probe(data, limits.max_image_frames)
    except Unreadable as exc:
        if exc.corrupt:
            reason = msg("image.damaged", detail=exc.message)
            return "image-corrupt", reason, msg("image-corrupt.hint")
        return "image-format", exc.message, msg("image-format.hint")
    pixels = header.width * header.height
    if pixels > limits.max_image_pixels:
        size = msg(
            "image.pixels", width=header.width, height=header.height, limit=limits.max_image_pixels
        )
        return "image-dimensions", size, msg("image.pixels.hint")
    if header.frames > limits.max_image_frames:
        frames = msg("image.frames", limit=limits.max_image_frames)
        return "image-dimensions", frames, msg("image.frames.hint")
    return Image(path, name, data, header)


def _too_large(size: int, limits: Limits) -> tuple[str, Msg, Msg]:
    reason = msg("image.over-size", size=_size(size), limit=_size(limits.max_image_bytes))
    return "image-too-large", reason, msg("image-too-large.hint")


def _unreadable(exc: OSError) -> tuple[str, Msg, Msg]:
    reason = msg("image.unreadable", reason=exc.strerror or "")
    return "image-missing", reason, msg("image.unreadable.hint")


def _problem(shown: str, reason: Msg) -> Msg:
    """`image 'x.png' <reason>`, in the run's language."""
    return msg("image.problem", src=shown, reason=reason)


def _size(n: int) -> str:
    """A byte count for people: 12.3 MB, 640 KB."""
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def _shorten(src: str) -> str:
    return src if len(src) <= _SHOWN else src[: _SHOWN - 1] + "…"


def _found(
    rule: str, ref: ImageRef, message: Msg, hint: Msg | None, placer: _Placer
) -> tuple[Finding, Span]:
    return Finding(rule, ref.pointer, message, hint), placer.place(ref)


# How many times over the searches for pictures may read the text (see `_Placer._first`).
SEARCHED = 20


class _Placer:
    """The line and column naming a picture: inside a multi-line Markdown value, its own line."""

    def __init__(self, source_map: SourceMap, text: str) -> None:
        self._map = source_map
        self._text = text
        self._split: list[str] | None = None  # the text's lines, split at the first search
        self._starts: list[int] = []  # where each line starts in the text, then len(text) + 1
        self._cursor: dict[str, tuple[int, int]] = {}  # pointer → where the last search ended
        self._seen: dict[str, _Scanned] = {}  # needle → what the text was searched for it
        self._left = SEARCHED * len(text) + 1_000_000  # characters the searches may read

    @property
    def _lines(self) -> list[str]:
        # Most documents have no picture problem to place: their text is never split.
        if self._split is None:
            self._split = self._text.split("\n")
            self._starts = list(accumulate((len(line) + 1 for line in self._split), initial=0))
        return self._split

    def place(self, ref: ImageRef) -> Span:
        """Where `ref` is written; the start of its value when it cannot be found in the text."""
        start = self._map.nearest(ref.pointer)
        line, column = self._cursor.get(ref.pointer, (start.line - 1, start.column - 1))
        names = [n for n in dict.fromkeys((ref.path, ref.src)) if n]
        bare = [(n, 0) for n in names]
        if ref.fix is not None:
            # Left as text: its whole syntax, alt text included, tells it from the same path
            # in a code span or an escaped one before it.
            written = f"![{ref.alt}]("
            marked = [(written + ref.path, len(written))]
            found = self._find(line, column, ref.extent, marked)
        elif ref.extent:
            # In Markdown the destination follows "](" (or "](<", or "]: " in a reference
            # definition): the same path in the prose or inside a link is not this picture.
            marked = [(m + n, len(m)) for n in names for m in ("](<", "](", "]: ")]
            found = self._find(line, column, ref.extent, marked or [("]()", 2)])
            found = found or self._find(line, column, ref.extent, bare)
        else:
            found = self._find(line, column, ref.extent, bare)
        if found is None:
            return start
        self._cursor[ref.pointer] = (found.line - 1, found.column)
        return found

    def _find(
        self, line: int, column: int, extent: int, needles: list[tuple[str, int]]
    ) -> Span | None:
        """The first of `needles` (text, where the path starts in it) from `line`, `column`.

        The rest of `line` is searched, then the lines after it while the budget lasts; on
        the first line holding any needle, the one that starts first wins.
        """
        lines, starts = self._lines, self._starts
        if line >= len(lines):
            return None
        # The source of a value is not much longer than the value (indentation, quotes,
        # escapes): the search stops there rather than run into the fields that follow.
        budget = 2 * extent + 200
        # The lines searched: through the first whose end takes the budget below zero.
        after = bisect_right(starts, starts[line] + budget, line + 1)
        end = starts[min(after, len(lines))] - 1  # the end of the last line searched
        size = len(lines[line])
        # `column` as str.find takes a start: past the end clips to it, negative counts back.
        begin = starts[line] + (min(column, size) if column >= 0 else max(size + column, 0))
        found: list[tuple[int, int]] = []  # (line, column of the path) of each needle met
        for needle, skip in needles:
            if "\n" in needle:
                continue  # never inside one line
            at = self._first(needle, begin, end)
            if at >= 0:
                index = bisect_right(starts, at) - 1
                found.append((index, at - starts[index] + skip))
        if not found:
            return None
        first_line, first_column = min(found)
        return Span(first_line + 1, first_column + 1)

    def _first(self, needle: str, begin: int, end: int) -> int:
        """Where `needle` first occurs wholly within text[begin:end], or -1.

        Each needle's search resumes where its last one stopped, so the same path missed or
        met again (every prototype on one line naming it) costs no new pass over the text.
        """
        seen = self._seen.get(needle)
        if seen is None or not seen.start <= begin <= seen.stop:
            seen = self._seen[needle] = _Scanned(begin, begin, [])
        at = bisect_left(seen.hits, begin)
        if at < len(seen.hits):
            hit = seen.hits[at]
        elif seen.stop >= end - len(needle) + 1:
            return -1  # every place it could start in text[begin:end] was looked at
        else:
            # Distinct paths not written as read (escapes) are each searched for anew: all
            # of them together read at most `_left` characters, then are placed at their
            # value (5 fields of 7,000 such pictures on a line each took 14 s).
            if end - seen.stop > self._left:
                return -1
            hit = self._text.find(needle, seen.stop, end)
            self._left -= (hit + len(needle) if hit >= 0 else end) - seen.stop
            if hit < 0:
                seen.stop = end - len(needle) + 1
                return -1
            seen.hits.append(hit)
            seen.stop = hit + 1
        return hit if hit + len(needle) <= end else -1


@dataclass(slots=True)
class _Scanned:
    """Where a needle was looked for: every place from `start` to `stop`; it is met at `hits`."""

    start: int
    stop: int
    hits: list[int]
