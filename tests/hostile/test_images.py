"""Hostile pictures: huge headers, bombs, damaged files, endless animations, links out.

Each ends in a clear diagnostic at the line naming the picture, or a bounded run: never
exit 3, never past the usual time and memory bounds. Nothing is decompressed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.hostile.guarantees import checked, text_diagnostics
from tests.hostile.runner import run_cli
from tests.pictures import bomb_png, gif, jpeg, png

DOCUMENT = MINIMAL + "pages:\n  - id: P1\n    name: Home\n    prototypes:\n      - image: {}\n"
LINE = DOCUMENT.count("\n")  # the prototype's line: the last one


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def outside(path: Path) -> None:
    secret = path.parent.parent / "secret.png"
    secret.write_bytes(png())
    path.symlink_to(secret)


def loop(path: Path) -> None:
    path.symlink_to(path.name + ".other")
    (path.parent / (path.name + ".other")).symlink_to(path.name)


# name → (how the picture file is made, the rule it must end in; None: valid, bounded)
CASES: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "png-20000x20000-header": (data(png(20_000, 20_000, pixels=False)), "image-dimensions"),
    "png-truncated": (data(png(300, 200)[:-20]), "image-corrupt"),
    "png-decompression-bomb": (data(bomb_png(30_000)), "image-dimensions"),
    "png-bomb-within-limits": (data(bomb_png(6_000)), None),
    "gif-10000-frames": (data(gif(frames=10_000)), "image-dimensions"),
    "gif-400-frames": (data(gif(frames=400)), None),
    "jpeg-markers-only": (data(jpeg(640, 480)), None),
    "png-that-is-text": (data(b"not a picture at all\n" * 10), "image-format"),
    "png-empty": (data(b""), "image-format"),
    "link-outside-folder": (outside, "image-outside-folder"),
    "link-to-dev-zero": (link("/dev/zero"), "image-outside-folder"),
    "link-loop": (loop, "image-missing"),
    "fifo": (lambda path: os.mkfifo(path), "image-missing"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_picture(tmp_path: Path, name: str) -> None:
    make, rule = CASES[name]
    folder = tmp_path / "prd"
    folder.mkdir()
    make(folder / "pic.png")
    source = folder / "doc.prd.yaml"
    source.write_text(DOCUMENT.format("pic.png"), encoding="utf-8")
    run = checked(run_cli("validate", source), 1 if rule else 0)
    found = text_diagnostics(run).get(str(source), [])
    errors = [(line, r) for line, severity, r in found if severity == "error"]
    assert errors == ([(LINE, rule)] if rule else [])
    (tmp_path / "out").mkdir()
    rendered = checked(run_cli("render", source, "-o", tmp_path / "out"), 1 if rule else 0)
    written = sorted(p.name for p in (tmp_path / "out").glob("*")) if not rule else []
    assert rendered.returncode == 1 or written == ["doc.docx", "doc.md"]
