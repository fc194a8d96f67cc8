"""Several outputs of one document built at once, on as many processors as there are.

`prdkit render` builds Word and Markdown by default. Each is pure Python, so threads would
take turns; a forked child builds the later formats from the same checked document (its
memory shared until written) while this process builds the first, and hands back their
bytes. At 5,000 requirements Word and Markdown took their sum of time; they take about
Word's now.

Nothing a child does can change what is written or said: a child that fails in any way
(an error in the document, a refusal, a crash, a kill) hands back nothing, and its
formats are built again here, where the same failure is reported as it would have been.
The outputs are the same bytes either way, and they are written by the caller, all or none.
"""

from __future__ import annotations

import contextlib
import os
import struct
import sys
import threading
from collections.abc import Callable, Sequence

_LENGTH = struct.Struct("<Q")


def _forkable() -> bool:
    # Only on Linux: macOS's system libraries are not safe in a forked child, and Windows
    # has no fork. Only with no other thread: a lock another thread held would stay held in
    # the child (the progress bar of several documents has a thread of its own).
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1
        and (os.cpu_count() or 1) > 1
    )


def build_all(makers: Sequence[Callable[[], bytes]]) -> list[bytes]:
    """What each of `makers` returns, in order: the first made here, the others in forked
    children when that is safe and there are processors for them (see the module)."""
    if len(makers) < 2 or not _forkable():
        return [make() for make in makers]
    helpers = min(len(makers) - 1, (os.cpu_count() or 2) - 1)
    groups = [list(range(1, len(makers)))[k::helpers] for k in range(helpers)]
    children: list[tuple[int, int, list[int]]] = []
    try:
        for group in groups:
            children.append((*_fork([makers[i] for i in group]), group))
        made: dict[int, bytes] = {0: makers[0]()}
        for pid, reader, group in children:
            for index, data in zip(group, _collect(pid, reader, len(group)), strict=True):
                # A child's failure is made again here, to fail as it would have.
                made[index] = data if data is not None else makers[index]()
        return [made[i] for i in range(len(makers))]
    finally:
        for pid, reader, _ in children:
            _end(pid, reader)


def _fork(makers: list[Callable[[], bytes]]) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    # The child: it builds, writes each output's length and bytes, and leaves at once, by
    # os._exit, so that nothing the parent had buffered or registered runs twice.
    status = 1
    try:
        os.close(reader)
        for make in makers:
            data = make()
            _send(writer, _LENGTH.pack(len(data)))
            _send(writer, data)
        status = 0
    except BaseException:  # the parent builds it again, and reports what fails
        status = 1
    finally:
        os._exit(status)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int, size: int) -> bytes:
    """`size` bytes from `fd`, or fewer if it ends first."""
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _collect(pid: int, reader: int, count: int) -> list[bytes | None]:
    """The outputs a child wrote, each None unless the child wrote it whole and ended well."""
    got: list[bytes | None] = []
    try:
        for _ in range(count):
            head = _receive(reader, _LENGTH.size)
            if len(head) < _LENGTH.size:
                break
            (length,) = _LENGTH.unpack(head)
            data = _receive(reader, length)
            if len(data) < length:
                break
            got.append(data)
    except OSError:  # what was not read whole is built again here
        pass
    if not _ended_well(pid):
        got = []
    return got + [None] * (count - len(got))


def _ended_well(pid: int) -> bool:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return False
    return os.waitstatus_to_exitcode(status) == 0


def _end(pid: int, reader: int) -> None:
    """Close the pipe and make sure the child is gone (and reaped), whatever happened."""
    with contextlib.suppress(OSError):
        os.close(reader)
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if not finished:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
