"""The Word file's zip: the body deflated while it is built and zipped as it was deflated."""

from __future__ import annotations

import gc
import threading
import time
import tracemalloc
import zipfile
import zlib
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.writers.docx.package import BATCH, IN_FLIGHT, Spool, _zip
from prdkit.writers.docx.ziparchive import Deflater, Packed, crc32_combine, deflate, join

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def spooled(pieces: list[bytes]) -> bytes:
    """`pieces` through a spool, and the spool's stream as an entry of its own."""
    spool = Spool()
    for piece in pieces:
        spool.append(piece)
    return unzip(join((spool.close(), deflate(b""))))


def unzip(packed: Packed) -> bytes:
    return zlib.decompress(b"".join(packed.chunks), -15)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=3000), max_size=40))
def test_the_spool_gives_back_every_byte_in_order(pieces: list[bytes]) -> None:
    assert spooled(pieces) == b"".join(pieces)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=5000), st.binary(max_size=5000))
def test_crc32_combine_is_the_crc_of_the_joined_bytes(first: bytes, second: bytes) -> None:
    combined = crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))
    assert combined == zlib.crc32(first + second)


def test_crc32_combine_past_four_gibibytes() -> None:
    # Lengths are taken bit by bit: a long one checked against zeros' CRC, worked out apart.
    zeros = zlib.crc32(bytes(1 << 20))
    crc = 0
    for _ in range(5):
        crc = crc32_combine(crc, zeros, 1 << 20)
    assert crc == zlib.crc32(bytes(5 << 20))
    assert crc32_combine(0x12345678, 0, 1 << 33) != crc32_combine(0x12345678, 0, 1 << 32)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.binary(max_size=2000), max_size=6), min_size=1, max_size=6))
def test_streams_deflated_apart_join_into_one(segments: list[list[bytes]]) -> None:
    streams = []
    for index, pieces in enumerate(segments):
        deflater = Deflater()
        for piece in pieces:
            deflater.add(piece)
        streams.append(deflater.close(last=index == len(segments) - 1))
    joined = join(streams)
    whole = b"".join(b"".join(pieces) for pieces in segments)
    assert unzip(joined) == whole
    assert (joined.crc, joined.size) == (zlib.crc32(whole), len(whole))


def test_the_spool_holds_a_fraction_of_what_it_is_given() -> None:
    # At most a batch gathering and IN_FLIGHT waiting or being deflated, whatever it is
    # given: 115 MB of body at 5,000 requirements.
    row = (
        b'<w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">REQ-%05d</w:t></w:r></w:p></w:tc></w:tr>'
    )
    part = b"".join(row % i for i in range(10_000))
    spool = Spool()
    tracemalloc.start()
    try:
        for _ in range(160):
            spool.append(part)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    given_bytes = 160 * len(part)
    assert given_bytes > 120_000_000
    bound = BATCH * (IN_FLIGHT + 2)
    assert held < bound < given_bytes / 6


@settings(max_examples=40, deadline=None)
@given(st.lists(st.binary(max_size=300_000), max_size=8))
def test_the_spool_deflates_as_one_deflater_given_everything_would(pieces: list[bytes]) -> None:
    # Batches go to another thread, but the stream is the one deflating in order gives:
    # a Word file is the same bytes on a machine of one processor or of many.
    spool = Spool()
    one = Deflater()
    for piece in pieces:
        spool.append(piece)
        one.add(piece)
    assert b"".join(spool.close().chunks) == b"".join(one.close(last=False).chunks)


def test_the_spool_deflates_off_the_thread_that_builds_the_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # zlib lets go of the interpreter while it works: deflating in a thread of its own
    # overlaps the body's deflating with its building.
    seen: list[tuple[str, int]] = []
    add = Deflater.add

    def watched(self: Deflater, piece: bytes) -> None:
        seen.append((threading.current_thread().name, len(piece)))
        add(self, piece)

    monkeypatch.setattr(Deflater, "add", watched)
    spool = Spool()
    for _ in range(3):
        spool.append(b"<w:p/>" * 100_000)
    spool.later(lambda: b"<w:sectPr/>")
    spool.append(b"<w:p/>")
    closed = spool.close()
    # The section break, made when the spool is closed, is deflated there.
    builder = threading.current_thread().name
    assert sum(size for name, size in seen if name != builder) == 6 * 300_001
    assert [size for name, size in seen if name == builder] == [11]
    assert unzip(join((closed, deflate(b"")))) == b"<w:p/>" * 300_000 + b"<w:sectPr/><w:p/>"


def test_a_spool_given_up_leaves_no_thread_behind() -> None:
    before = threading.active_count()
    spool = Spool()
    spool.append(b"<w:p/>" * 100_000)
    del spool
    gc.collect()
    for _ in range(100):  # the thread ends once it sees its spool is gone
        if threading.active_count() == before:
            break
        time.sleep(0.01)
    assert threading.active_count() == before


def test_whole_entries_zip_as_zipfile_zips_them() -> None:
    entries = {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:p>x</w:p>" * 5000,
        "word/media/\u56fe.png": bytes(range(256)) * 40,
    }
    ours = _zip({name: deflate(data) for name, data in entries.items()}, WHEN)
    theirs = BytesIO()
    with zipfile.ZipFile(theirs, "w") as target:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 1, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # as the Word writer zipped with zipfile
            target.writestr(info, data, compresslevel=6)
    assert ours == theirs.getvalue()


def test_an_entry_zipped_in_pieces_reads_as_the_entry_zipped_whole() -> None:
    pieces = [b"<w:document>", *(b"<w:p>%d</w:p>" % i * 50 for i in range(2000)), b"</w:document>"]
    spool = Spool()
    for piece in pieces[1:-1]:
        spool.append(piece)
    opening = Deflater()
    opening.add(pieces[0])
    body = join((opening.close(last=False), spool.close(), deflate(pieces[-1])))
    zipped = _zip({"[Content_Types].xml": deflate(b"<Types/>"), "word/document.xml": body}, WHEN)
    with zipfile.ZipFile(BytesIO(zipped)) as z:
        assert z.read("word/document.xml") == b"".join(pieces)
        assert z.testzip() is None


def test_a_document_dated_before_1980_keeps_readable_properties(tmp_path: Path) -> None:
    # python-docx wrote `999-06-01T…` for 0999 (strftime does not pad), and read it back
    # as nothing. Properties keep to the dates the zip can hold, as its entries do.
    import docx

    from tests.conftest import MINIMAL, run_prdkit

    text = MINIMAL.replace("  owner: Ann\n", "  owner: Ann\n  updated: 0999-06-01\n")
    (tmp_path / "old.prd.yaml").write_text(text, encoding="utf-8")
    result = run_prdkit("render", str(tmp_path / "old.prd.yaml"), "--to", "docx")
    assert result.returncode == 0, result.stderr
    properties = docx.Document(str(tmp_path / "old.docx")).core_properties
    assert properties.created == properties.modified == datetime(1980, 1, 1, tzinfo=timezone.utc)


def test_no_thread_to_be_had_deflates_here(monkeypatch: pytest.MonkeyPatch) -> None:
    # A process limit reached: the Word render ended in exit 3 ("can't start new thread").
    def refused(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refused)
    pieces = [b"<w:p/>" * 100_000, b"<w:p>x</w:p>" * 50_000]
    spool = Spool()
    for piece in pieces:
        spool.append(piece)
    spool.later(lambda: b"<w:sectPr/>")
    assert unzip(join((spool.close(), deflate(b"")))) == b"".join(pieces) + b"<w:sectPr/>"
