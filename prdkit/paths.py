"""Path safety: names the file system can hold, checked before anything is opened.

File names come from pull requests and command lines; a component longer than the system
allows, or a NUL, makes every later call fail in its own way. One check here turns each of
them into a clear usage error.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from prdkit.errors import PrdkitError
from prdkit.messages import msg

NAME_MAX = 255  # bytes per path component on Linux, macOS and Windows alike


def _path_max() -> int | None:
    """The bytes a whole path may hold in one system call (4096 on Linux, 1024 on macOS);
    None where the system sets no such limit that Python can ask about (Windows)."""
    try:
        limit = os.pathconf("/", "PC_PATH_MAX")
    except (AttributeError, OSError, ValueError):
        return None
    return limit if limit > 0 else None


PATH_MAX = _path_max()


class PathError(PrdkitError):
    """A path no file system can hold (a usage problem: exit 2)."""


def check_path(path: os.PathLike[str] | str, what: str = "path") -> None:
    """Raise PathError when a component of `path`, or the whole of it, is too long, or the
    path holds a NUL: every system call would fail on it with ENAMETOOLONG, which `pathlib`'s
    `exists()` and `is_dir()` pass on rather than answer.

    `what` names the path in the message: `path`, `output`, `output-folder`, `reference`.
    """
    name = os.fspath(path)
    if "\x00" in name:
        raise PathError(msg("path.nul", what=msg(f"path.what.{what}")))
    total = len(os.fsencode(name))
    if PATH_MAX is not None and total >= PATH_MAX:  # the limit counts the closing NUL
        raise PathError(
            msg(
                "path.too-long-total",
                what=msg(f"path.what.{what}"),
                name=name[:40] + "…",
                size=total,
                limit=PATH_MAX,
            )
        )
    for part in Path(name).parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            shown = part[:40] + "…"
            raise PathError(
                msg(
                    "path.too-long",
                    what=msg(f"path.what.{what}"),
                    name=shown,
                    size=size,
                    limit=NAME_MAX,
                )
            )


def sibling(path: Path, suffix: str) -> Path:
    """A hidden file beside `path` (`.NAME{suffix}`), its name shortened to fit the system.

    Temporary and lock files get a name of their own next to the target; for a target
    whose name is already near the limit, the middle is replaced by a digest of it.
    """
    name = f".{path.name}{suffix}"
    if len(os.fsencode(name)) > NAME_MAX - 16:  # room for mkstemp's random letters
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]
        name = f".{digest}{suffix}"
    return path.with_name(name)
