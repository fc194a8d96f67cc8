"""Picture headers read from bytes: kinds, sizes, frames, and every way a file is damaged."""

from __future__ import annotations

import pytest

from prdkit.images.headers import Unreadable, probe
from tests.pictures import bomb_png, chunk, gif, jpeg, png


def test_png_jpeg_gif_sizes() -> None:
    assert (probe(png(40, 30), 10).kind, probe(png(40, 30), 10).width) == ("png", 40)
    assert probe(png(40, 30), 10).height == 30
    header = probe(jpeg(640, 480), 10)
    assert (header.kind, header.width, header.height, header.mime) == (
        "jpeg",
        640,
        480,
        "image/jpeg",
    )
    header = probe(gif(5, 7, frames=3), 10)
    assert (header.kind, header.width, header.height, header.frames) == ("gif", 5, 7, 3)


def test_a_huge_header_is_read_without_decompressing() -> None:
    header = probe(png(20_000, 20_000, pixels=False), 10)
    assert (header.width, header.height) == (20_000, 20_000)
    assert probe(bomb_png(), 10).width == 30_000


def test_gif_frames_are_counted_only_past_the_limit() -> None:
    assert probe(gif(frames=10_000), 500).frames == 501


def _header(data: bytes, depth: int = 8, colour: int = 2) -> bytes:
    """`data`, a PNG, with its IHDR's bit depth and colour type set (checksum fixed)."""
    body = data[16:24] + bytes([depth, colour]) + data[26:29]
    return data[:8] + chunk(b"IHDR", body) + data[33:]


@pytest.mark.parametrize(
    ("data", "corrupt", "words"),
    [
        (b"just some notes\n", False, "its bytes are text"),
        (b"", False, "the file is empty"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", False, "WebP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", False, "SVG"),
        (b"\x00\x01\x02\xff\xfe" * 10, False, "another kind"),
        (
            b"version https://git-lfs.github.com/spec/v1\n"
            b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
            b"size 12345\n",
            False,
            "Git LFS pointer, not the picture: fetch it with `git lfs pull`",
        ),
        (png()[:40], True, "truncated"),
        (png()[:-12], True, "truncated"),
        (png()[:19] + b"\x07" + png()[20:], True, "checksum"),
        (png()[:33] + png()[-12:], True, "no image data"),
        (jpeg()[:30], True, "truncated"),
        (jpeg()[:-2], True, "truncated"),
        (gif()[:-1], True, "truncated"),
        (gif()[:10], True, "truncated"),
        (gif(0, 0), True, "0 × 0"),
        (png(0, 5), True, "0 × 5"),
        # A header no viewer draws (bit depth 3, colour type 7): validated, then a broken
        # picture in Word and none at all in the PDF.
        (_header(png(), depth=3), True, "bit depth 3 does not go with its colour type 2"),
        (_header(png(), colour=7), True, "bit depth 8 does not go with its colour type 7"),
    ],
)
def test_unreadable_pictures(data: bytes, corrupt: bool, words: str) -> None:
    with pytest.raises(Unreadable) as caught:
        probe(data, 10)
    assert caught.value.corrupt is corrupt
    assert words in str(caught.value)
