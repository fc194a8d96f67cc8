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
import gc
import os
import select
import struct
import sys
import threading
import time
from collections.abc import Callable, Sequence

_LENGTH = struct.Struct("<Q")
# A child that has used no processor time for this many seconds, while the parent waits for
# it, is taken for stuck (a lock a native thread held at the fork stays held): it is killed
# and its formats built here. One at work, however slow (a PDF can take minutes), is waited
# for.
_IDLE_LIMIT = 30.0
_LOOK_EVERY = 1.0  # seconds between looks at a child that sends nothing


def _threads() -> int:
    """The threads of this process, native ones too (a library's own, which `threading`
    does not list), where Linux says; else the ones `threading` knows."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return threading.active_count()


def _processors() -> int:
    """The processors this process may run on: its affinity, within a cgroup's CPU quota."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as limit:
            quota, period = limit.read().split()[:2]
        if quota != "max":
            count = min(count, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return count


def _forkable() -> bool:
    # Only on Linux: macOS's system libraries are not safe in a forked child, and Windows
    # has no fork. Only with no other thread: a lock another thread held would stay held in
    # the child (the progress bar of several documents has a thread of its own).
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and _processors() > 1
        and _threads() == 1
    )


def build_all(makers: Sequence[Callable[[], bytes]]) -> list[bytes]:
    """What each of `makers` returns, in order: the first made here, the others in forked
    children when that is safe and there are processors for them (see the module)."""
    if len(makers) < 2 or not _forkable():
        return [make() for make in makers]
    helpers = min(len(makers) - 1, _processors() - 1)
    groups = [list(range(1, len(makers)))[k::helpers] for k in range(helpers)]
    children: list[tuple[int, int, list[int]]] = []
    made: dict[int, bytes] = {}
    # What exists now is shared with the children until written: frozen, the collector
    # does not write to it (its bookkeeping would copy every page of the model).
    gc.freeze()
    try:
        for group in groups:
            child = _fork([makers[i] for i in group])
            if child is not None:  # no fork (a process limit, no memory): built here
                children.append((*child, group))
        made[0] = makers[0]()
        while children:
            pid, reader, group = children.pop(0)
            try:
                outputs = _collect(pid, reader, len(group))
            finally:
                _end(pid, reader)  # its pipe closed before anything is built again here
            for index, data in zip(group, outputs, strict=True):
                if data is not None:
                    made[index] = data
        # A child's failure is made again here, to fail as it would have.
        return [made[i] if i in made else makers[i]() for i in range(len(makers))]
    finally:
        gc.unfreeze()
        for pid, reader, _ in children:
            _end(pid, reader)


def _fork(makers: list[Callable[[], bytes]]) -> tuple[int, int] | None:
    """A child building `makers`, and the pipe its outputs come back through; None when
    the system gives no child."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        return None
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


def _cpu_ticks(pid: int) -> int | None:
    """The processor time `pid` has used so far, in clock ticks; None when not known."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, ValueError, IndexError):
        return None


def _receive(fd: int, size: int, pid: int) -> bytes:
    """`size` bytes from `fd`, or fewer if it ends first or the child stops working."""
    parts, left = [], size
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    ticks, idle_since = _cpu_ticks(pid), time.monotonic()
    while left:
        if not poller.poll(_LOOK_EVERY * 1000):
            now, used = time.monotonic(), _cpu_ticks(pid)
            if used != ticks:
                ticks, idle_since = used, now
            elif used is not None and now - idle_since > _IDLE_LIMIT:
                break
            continue
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            break
        parts.append(part)
        left -= len(part)
        ticks, idle_since = _cpu_ticks(pid), time.monotonic()
    return b"".join(parts)


def _collect(pid: int, reader: int, count: int) -> list[bytes | None]:
    """The outputs a child wrote whole, in order; None for each it did not."""
    got: list[bytes | None] = []
    try:
        for _ in range(count):
            head = _receive(reader, _LENGTH.size, pid)
            if len(head) < _LENGTH.size:
                break
            (length,) = _LENGTH.unpack(head)
            data = _receive(reader, length, pid)
            if len(data) < length:
                break
            got.append(data)
    except OSError:  # what was not read whole is built again here
        pass
    # An output is sent only once it is built whole: those the child sent are kept even if
    # it failed after them; a child stuck or still writing is not waited for.
    if len(got) < count:
        _stop(pid)
    return got + [None] * (count - len(got))


def _end(pid: int, reader: int) -> None:
    """Close the pipe and make sure the child is gone (and reaped), whatever happened."""
    with contextlib.suppress(OSError):
        os.close(reader)
    _stop(pid)


def _stop(pid: int) -> None:
    """Kill the child unless it has ended, and reap it."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if not finished:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
