"""Document properties and the final zip: the same input always gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any, TypeVar

from prdkit.i18n import LOCALES, language
from prdkit.layout import Properties
from prdkit.writers import zip_dated
from prdkit.writers.docx.oxml import R_NS, W_NS, clean
from prdkit.writers.docx.richtext import words
from prdkit.writers.docx.ziparchive import Deflater, Packed, deflate, join, write

# Entries every reader looks for first; the rest follow in name order.
_FIRST = ("[Content_Types].xml", "_rels/.rels")
T = TypeVar("T")

# The body goes to the deflating thread in batches of about this many bytes, so that the
# hand-overs are few: each makes the building thread give the interpreter up, and in
# batches of 256 KiB that cost as much processor time as the overlap saved (5,000
# requirements: 0.35 s more, 0.06 s sooner; in 4 MiB, none more and 0.37 s sooner). At
# most this many batches wait there, so that little is held.
BATCH = 1 << 22
IN_FLIGHT = 2


def _short(text: str, limit: int = 255) -> str:
    # python-docx refuses core property text longer than 255 characters.
    text = " ".join(clean(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def set_properties(
    document: Any, meta: Properties, lang: str, when: datetime, subject: str
) -> None:
    """Fill the core properties from the document, replacing whatever the template had."""
    status = meta.status
    props = document.core_properties
    element = props._element
    for child in list(element):
        element.remove(child)
    props.title = _short(meta.title)
    props.subject = _short(subject)
    props.author = _short("; ".join(meta.authors) if meta.authors else meta.owner)
    props.last_modified_by = _short(meta.owner)
    props.keywords = _short(", ".join((meta.document_id, meta.version, status)))
    props.identifier = _short(meta.document_id)
    props.version = _short(meta.version)
    props.content_status = _short(status)
    props.language = LOCALES[language(lang)]
    props.category = _short(subject)
    if meta.summary:
        props.comments = _short(words(meta.summary))
    props.revision = 1
    when = zip_dated(when).replace(microsecond=0, tzinfo=None)
    props.created = when
    props.modified = when


def timestamp(date: str | None, given: datetime | None) -> datetime:
    """`given`, else the document's own date (updated or created): never the clock."""
    if given is not None:
        return given if given.tzinfo else given.replace(tzinfo=timezone.utc)
    day = date or "2000-01-01"
    try:
        return datetime.fromisoformat(f"{day}T00:00:00+00:00")
    except ValueError:
        return datetime(2000, 1, 1, tzinfo=timezone.utc)


class Spool:
    """Serialized pieces of the body, deflated as they come, until the zip takes them.

    The body is serialized a heading at a time but zipped only at the end, after the
    contents before it are filled. Held as they are, the pieces of 5,000 requirements come
    to 115 MB (300 MB at 12,000); deflated, to 4 MB, and the zip takes them as they are.

    The deflating is done by a thread of its own, in batches, while the body goes on being
    built: zlib lets go of the interpreter while it works, so on a machine of two
    processors its 0.3 s at 5,000 requirements come off the render's time. The bytes are
    those of deflating in the thread building the body, batch for batch.
    """

    def __init__(self) -> None:
        self._deflater = Deflater()
        # The streams closed before a piece known only later, and those pieces' makers.
        self._before: list[Future[Packed] | Callable[[], bytes]] = []
        self._batch: list[bytes] = []
        self._batched = 0
        # A spool given up half-built (an error while rendering) needs no closing: its
        # thread ends once the spool is collected.
        self._worker: ThreadPoolExecutor | None = ThreadPoolExecutor(
            1, thread_name_prefix="prdkit-deflate"
        )
        self._sent: deque[Future[None]] = deque()

    def append(self, piece: bytes) -> None:
        """Add `piece` after the others."""
        self._batch.append(piece)
        self._batched += len(piece)
        if self._batched >= BATCH:
            self._send()

    def later(self, piece: Callable[[], bytes]) -> None:
        """Add the piece `piece` will give when the spool is closed, after the others."""
        self._send()
        self._before += (self._submit(self._deflater.close, last=False), piece)
        self._deflater = Deflater()

    def close(self) -> Packed:
        """What was added, as a stream another may follow."""
        self._send()
        try:
            while self._sent:  # a batch that failed fails the spool
                self._sent.popleft().result()
            last = self._submit(self._deflater.close, last=False).result()
            made = [
                s.result() if isinstance(s, Future) else deflate(s(), last=False)
                for s in self._before
            ]
        finally:
            if self._worker is not None:
                self._worker.shutdown()
        return join((*made, last)) if made else last

    def _submit(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """`work` done by the deflating thread; here, when no thread can be started (a
        process limit reached): the same bytes, without the overlap."""
        if self._worker is not None:
            try:
                return self._worker.submit(work, *args, **kwargs)
            except RuntimeError:  # "can't start new thread"
                self._worker = None
        done: Future[T] = Future()
        done.set_result(work(*args, **kwargs))
        return done

    def _send(self) -> None:
        if not self._batch:
            return
        batch = self._batch[0] if len(self._batch) == 1 else b"".join(self._batch)
        self._batch, self._batched = [], 0
        # A body built faster than it is deflated waits, rather than holding its pieces.
        while len(self._sent) >= IN_FLIGHT:
            self._sent.popleft().result()
        self._sent.append(self._submit(self._deflater.add, batch))


def _segment(piece: bytes | Spool) -> Packed:
    return piece.close() if isinstance(piece, Spool) else deflate(piece, last=False)


class _Entries:
    """Collects what python-docx's package writer would put in the zip, by member name."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        """Keep `blob` under the zip member name of `pack_uri`."""
        self.entries[pack_uri.membername] = blob


def save(document: Any, when: datetime, body: Sequence[bytes | Spool] = ()) -> bytes:
    """The .docx bytes of `document`, entries in a fixed order and all dated `when`.

    python-docx's own save stamps entries with the current time; its package writer's
    steps are reused to gather the entries, which are then zipped once, deterministically.
    `body`, when given, is the serialized content of the body in pieces (bytes, or spools
    of them), which take the place of the document's own (empty) body in its XML. Each is
    deflated apart and the zip joins them: the body is never held whole (115 MB at 5,000
    requirements) nor deflated twice.
    """
    old = document.element.body
    # As the document's XML writes its empty body: a reference document may give Word's
    # namespace as the default one, without a prefix.
    token = (f"<{old.prefix}:body/>" if old.prefix else "<body/>").encode()
    if body and len(old):
        raise ValueError("the document's own body must be empty to take another")
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    sink = _Entries()
    try:
        PackageWriter._write_content_types_stream(sink, parts)
        PackageWriter._write_pkg_rels(sink, package.rels)
        PackageWriter._write_parts(sink, parts)
    except AttributeError:  # a python-docx without these steps: save, then re-zip
        out = io.BytesIO()
        document.save(out)
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as source:
            sink.entries = {name: source.read(name) for name in source.namelist()}
    name = document.part.partname.membername
    packed = {
        entry: deflate(content)
        for entry, content in sink.entries.items()
        if not (body and entry == name)  # its body is spliced in below
    }
    if body:
        head, found, tail = sink.entries[name].partition(token)
        if not found:
            raise ValueError(f"no {token.decode()} in {name}")
        start = _segment(head + _open_body(document.element.nsmap))
        end = deflate(b"</w:body>" + tail)
        packed[name] = join((start, *map(_segment, body), end))
    return _zip(packed, when)


def _open_body(root: dict[str | None, str]) -> bytes:
    """The start tag of w:body, declaring the namespaces its content uses that `root` does not."""
    own = {"w": W_NS, "r": R_NS}
    missing = "".join(f' xmlns:{p}="{uri}"' for p, uri in own.items() if root.get(p) != uri)
    return f"<w:body{missing}>".encode()


def _zip(entries: dict[str, Packed], when: datetime) -> bytes:
    when = zip_dated(when)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)
    order = [n for n in _FIRST if n in entries] + sorted(n for n in entries if n not in _FIRST)
    return write([(name, entries[name]) for name in order], stamp)
