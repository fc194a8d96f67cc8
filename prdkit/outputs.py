"""Writing outputs: atomic replace in the same folder, never over the source."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from prdkit.errors import PrdkitError
from prdkit.messages import msg
from prdkit.paths import check_path, sibling


class OutputError(PrdkitError):
    """An output that cannot or must not be written (exit 2)."""


def same_file(a: Path, b: Path) -> bool:
    """`True` when `a` and `b` name the same file, through links too."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def make_folders(folder: Path) -> None:
    """`folder.mkdir(parents=True, exist_ok=True)` without recursion: pathlib recurses once
    a missing parent, and a site of a thousand nested folders ended in exit 3."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for below in reversed(missing):
        try:
            below.mkdir()
        except FileExistsError:
            if not below.is_dir():
                raise


def ensure_folder(folder: Path) -> None:
    """Create the output `folder` and its missing parents; refuse a file or a link to one."""
    if folder.is_dir():
        return
    if folder.exists() or folder.is_symlink():
        raise OutputError(msg("file.not-folder", path=str(folder)))
    try:
        make_folders(folder)
    except FileExistsError:  # a parent is a file
        raise OutputError(msg("output.parent-is-file", path=str(folder))) from None
    except OSError as exc:
        raise OutputError(
            msg("output.cannot-create", path=str(folder), reason=exc.strerror or "")
        ) from None


def write_atomic(
    path: Path,
    data: bytes,
    *,
    source: Path | None = None,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    `mode`: the permissions the file has from the moment it appears (an edited file keeps
    its own), else a new file's. `owner`: the user and group it is given where the system
    lets (an edited file keeps its own, even when an administrator edits it).
    """
    write_all([(path, data)], source=source, mode=mode, owner=owner)


def write_all(
    outputs: Sequence[tuple[Path, bytes]],
    *,
    source: Path | None = None,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
) -> None:
    """Write every output or none: each is staged in a temporary file, then all are renamed.

    A failure while staging (a full disk, a missing folder) leaves every existing output
    byte-identical and no temporary file behind. `mode`, `owner`: see `write_atomic`.
    """
    for path, _ in outputs:
        check_path(path, "output")
        if source is not None and same_file(path, source):
            raise OutputError(msg("output.over-source", path=str(path)))
        refuse_unless_regular(path)
    staged: list[tuple[str, Path]] = []
    current = None
    try:
        for current, data in outputs:
            staged.append((_stage(current, data, mode, owner), current))
        with _signals_held():  # ^C or a TERM now would leave some outputs old, some new
            while staged:
                temp, current = staged[0]
                os.replace(temp, current)
                staged.pop(0)
    except BaseException as exc:
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(_unwritable(current, exc)) from None
        raise


def refuse_unless_regular(path: Path) -> None:
    """Refuse to replace (or read back) anything but a regular file, or nothing: OutputError.
    The rename would put a file where a link or a device was: `-o /dev/stdout` run as root
    in a container made its /dev/stdout a file, and all the job printed after went into it.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return  # nothing there (or nothing readable): staging says what is wrong
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(msg("file.folder", path=str(path)))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(msg("output.not-regular", path=str(path)))


# The signals that stop a run: ^C, `kill`/`timeout`/a cancelled CI job, a closed terminal.
_STOPPING = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back the stopping signals (delivered when the block ends) where the system can."""
    try:
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not on POSIX
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def write_new(path: Path, data: bytes) -> None:
    """Write `data` to `path` only when nothing stands there, a dangling link included.

    The file is staged beside `path` and then hard-linked into place: the link fails when
    another run (or an editor) made `path` meanwhile, so of two runs creating the same file
    one wins and the other gets FileExistsError, instead of replacing what the first wrote.
    A file system without hard links gets an exclusive create instead.
    """
    check_path(path, "output")
    temp = _stage(path, data)
    try:
        os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise OutputError(_unwritable(path, exc)) from None
        _create_exclusive(path, data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


# Errors of a file system that holds no hard links (FAT, some network and FUSE mounts;
# Windows reports FAT's refusal as EINVAL).
_NO_LINKS = frozenset(
    getattr(errno, name)
    for name in ("EPERM", "EOPNOTSUPP", "ENOTSUP", "EMLINK", "ENOSYS", "EINVAL")
    if hasattr(errno, name)
)


def _create_exclusive(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        raise
    except OSError as exc:
        raise OutputError(_unwritable(path, exc)) from None
    try:
        _write_synced(fd, data)
    except BaseException as exc:  # a full disk, or ^C / a TERM while writing: no half file
        with contextlib.suppress(OSError):
            os.unlink(path)
        if isinstance(exc, OSError):
            raise OutputError(_unwritable(path, exc)) from None
        raise


def _write_synced(fd: int, data: bytes) -> None:
    """Write `data` to the open file `fd`, on the disk before it is closed."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _unwritable(path: Path | None, exc: OSError) -> object:
    return msg("output.cannot-write", path=str(path), reason=exc.strerror or "")


def _stage(
    path: Path, data: bytes, mode: int | None = None, owner: tuple[int, int] | None = None
) -> str:
    """A temporary file beside `path` holding `data`, synced, with `mode` (else a new
    file's mode) and, where the system lets, `owner` (user, group)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(msg("output.no-folder", path=str(folder)))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=sibling(path, ".").name, suffix=".tmp")
    except OSError as exc:
        raise OutputError(_unwritable(path, exc)) from None
    try:
        _write_synced(fd, data)
        if owner is not None and hasattr(os, "chown"):
            # Before the mode: a change of owner may clear set-id bits. Only an administrator
            # may give a file away, and a user only to a group of theirs: otherwise the
            # file is theirs, as any file they write.
            with contextlib.suppress(OSError):
                os.chown(temp, *owner)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


# How long an edit waits for another to finish before it gives up: an edit takes well
# under a second, and one held longer is a process stopped or hung, not one finishing.
LOCK_WAIT = 30.0


def _wait_for(fd: int, fcntl: Any, lock_path: Path, path: Path) -> None:
    """Take the lock on `fd`, waiting at most `LOCK_WAIT` seconds; OutputError past it."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OutputError(
                    msg(
                        "output.lock-held",
                        path=str(path),
                        lock=str(lock_path),
                        wait=f"{LOCK_WAIT:.0f}",
                    )
                ) from None
            time.sleep(0.05)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock for editing `path`, on the sibling file `.NAME.lock`.

    The document itself cannot carry the lock: an atomic write replaces its inode, and a
    waiter would then hold a lock nobody else asks for. The lock file is removed by its
    holder before the lock is released, so a waiter that wakes on a removed file retries.
    Without `fcntl` (Windows) edits are not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    lock_path = sibling(path, ".lock")
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        try:
            fd = os.open(lock_path, flags, 0o600)
        except OSError as exc:
            raise OutputError(
                msg("output.cannot-lock", path=str(path), reason=exc.strerror or "")
            ) from None
        try:
            _wait_for(fd, fcntl, lock_path, path)
            current = os.lstat(lock_path)
        except FileNotFoundError:
            os.close(fd)
            continue
        except BaseException:
            os.close(fd)
            raise
        if os.path.samestat(os.fstat(fd), current):
            break
        os.close(fd)  # the previous holder removed it and another made a new one: retry
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        os.close(fd)
