"""The Word file's zip: the body held compressed while it is built, the same bytes as whole."""

from __future__ import annotations

import tracemalloc
import zipfile
from datetime import datetime, timezone
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st

from prdkit.writers.docx.package import Spool, _zip

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


def spooled(pieces: list[bytes]) -> list[bytes]:
    """`pieces` through a spool, as the zip reads them back."""
    spool = Spool()
    for piece in pieces:
        spool.append(piece)
    return list(spool.drain())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=3000), max_size=40))
def test_the_spool_gives_back_every_byte_in_order(pieces: list[bytes]) -> None:
    assert b"".join(spooled(pieces)) == b"".join(pieces)


def test_a_run_of_repeated_text_comes_back_a_mebibyte_at_a_time() -> None:
    text = b"<w:t>" + b"x" * 30_000_000 + b"</w:t>"
    back = spooled([text[i : i + 7_000_000] for i in range(0, len(text), 7_000_000)])
    assert b"".join(back) == text
    assert max(len(piece) for piece in back) <= 1 << 20


def test_the_spool_holds_a_fraction_of_what_it_is_given() -> None:
    row = (
        b'<w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">REQ-%05d</w:t></w:r></w:p></w:tc></w:tr>'
    )
    spool = Spool()
    tracemalloc.start()
    try:
        for n in range(20):
            spool.append(b"".join(row % (n * 10_000 + i) for i in range(10_000)))
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    given_bytes = 20 * 10_000 * len(row % 0)
    assert given_bytes > 15_000_000
    assert held < given_bytes / 8


def test_an_entry_zipped_in_pieces_is_the_entry_zipped_whole() -> None:
    pieces = [b"<w:document>", *(b"<w:p>%d</w:p>" % i * 50 for i in range(2000)), b"</w:document>"]
    entries = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"".join(pieces)}
    whole = _zip(dict(entries), WHEN)
    in_pieces = _zip({**entries, "word/document.xml": iter(spooled(pieces))}, WHEN)
    assert in_pieces == whole
    with zipfile.ZipFile(BytesIO(in_pieces)) as z:
        assert z.read("word/document.xml") == b"".join(pieces)
        assert z.testzip() is None
