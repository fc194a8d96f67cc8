"""Hostile pictures: huge headers, bombs, damaged files, endless animations, links out.

Each ends in a clear diagnostic at the line naming the picture, or a bounded run: never
exit 3, never past the usual time and memory bounds. Nothing is decompressed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from prdkit.writers.pdf import available
from tests.conftest import MINIMAL
from tests.hostile.guarantees import checked, text_diagnostics
from tests.hostile.runner import run_cli
from tests.pictures import bomb_png, deep_png, gif, jpeg, noise_png, png

DOCUMENT = MINIMAL + "pages:\n  - id: P1\n    name: Home\n    prototypes:\n      - image: {}\n"
needs_pdf = pytest.mark.skipif(available() is not None, reason=f"{available()}")
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


# -- the PDF decodes every picture at full size: their pixels are a budget


def prototypes(folder: Path, pictures: dict[str, bytes]) -> Path:
    """A document showing each picture as a prototype, the pictures written beside it."""
    lines = [MINIMAL + "pages:\n  - id: P1\n    name: Home\n    prototypes:\n"]
    for name, content in pictures.items():
        (folder / name).write_bytes(content)
        lines.append(f"      - image: {name}\n")
    source = folder / "doc.prd.yaml"
    source.write_text("".join(lines), encoding="utf-8")
    return source


@needs_pdf
def test_pictures_past_the_pdf_pixel_budget_are_refused_unread(tmp_path: Path) -> None:
    # Four 309 KB pictures within every reading limit: 6.5 s and 487 MB as a PDF before.
    pictures = {f"deep{i}.png": deep_png(6300, str(i).encode()) for i in range(4)}
    source = prototypes(tmp_path, pictures)
    checked(run_cli("validate", source), 0)
    out = tmp_path / "out"
    run = checked(run_cli("render", source, "--to", "md,pdf", "-o", out), 2)
    # 4 × (6,300 × 6,300 pixels + 4 a row for its 6,300 rows)
    assert "doc.prd.yaml: too many pixels for a PDF: its pictures cost 158,860,800" in run.stderr
    assert "max-pdf-image-pixels limit of 100,000,000" in run.stderr
    assert "deep0.png (6,300 × 6,300), deep1.png (6,300 × 6,300)" in run.stderr
    assert not out.exists() or not list(out.iterdir())  # all or none, as for max-pdf-html
    checked(run_cli("render", source, "--to", "docx,md,html", "-o", out), 0)
    assert sorted(p.name for p in out.iterdir()) == ["doc.docx", "doc.html", "doc.md"]


@needs_pdf
def test_the_pdf_pixel_budget_counts_each_picture_once_and_is_configured(tmp_path: Path) -> None:
    # 20 × 20 pixels, shown twice and copied once under another name: 400 pixels to decode,
    # and 20 rows of 4 more each (see `pdf.ROW_PIXELS`).
    source = prototypes(tmp_path, {"a.png": png(20, 20), "b.png": png(20, 20)})
    source.write_text(source.read_text(encoding="utf-8") + "      - image: a.png\n")
    config = tmp_path / ".prdkit.toml"
    config.write_text("max-pdf-image-pixels = 480\n", encoding="utf-8")
    checked(run_cli("render", source, "--to", "pdf"), 0)
    assert (tmp_path / "doc.pdf").read_bytes().startswith(b"%PDF-")
    config.write_text("max-pdf-image-pixels = 479\n", encoding="utf-8")
    run = checked(run_cli("render", source, "--to", "pdf"), 2)
    assert "its pictures cost 480 pixels" in run.stderr and "a.png (20 × 20)" in run.stderr


# -- the HTML page embeds pictures: each picture's bytes once, however often it is shown


def shown_everywhere(folder: Path) -> Path:
    """One 2.3 MB picture shown from 100 places: 40 in a Markdown field, 60 prototypes."""
    (folder / "shot.png").write_bytes(noise_png(900, 850))
    shots = "".join(f"      ![screen {i}](shot.png)\n" for i in range(40))
    text = MINIMAL.replace(
        "    priority: could\n", f"    priority: could\n    description: |\n{shots}"
    )
    source = folder / "doc.prd.yaml"
    source.write_text(
        text
        + "pages:\n  - id: P1\n    name: Home\n    prototypes:\n"
        + "      - image: shot.png\n" * 60,
        encoding="utf-8",
    )
    return source


def test_a_picture_shown_at_many_places_is_embedded_once(tmp_path: Path) -> None:
    # A data URI at each place made a 306 MB page: 3.9 s of CPU and 2.1 GB before.
    source = shown_everywhere(tmp_path)
    out = tmp_path / "out"
    run = checked(run_cli("render", source, "--to", "html", "-o", out), 0)
    picture = (tmp_path / "shot.png").stat().st_size
    assert (out / "doc.html").stat().st_size < picture * 4 / 3 + 200_000
    assert run.cpu_seconds < 2.5 and run.peak_bytes < 150 * 1024 * 1024
    run = checked(run_cli("site", tmp_path, "-o", tmp_path / "site"), 0)
    assert (tmp_path / "site" / "doc.html").stat().st_size < picture * 4 / 3 + 200_000
    assert run.cpu_seconds < 2.5 and run.peak_bytes < 150 * 1024 * 1024


@needs_pdf
def test_a_print_page_over_the_pdf_limit_is_refused_before_it_is_made(tmp_path: Path) -> None:
    # The PDF's page keeps a data URI at each place (WeasyPrint needs them): 306 MB of HTML,
    # made and then refused, 2 GB before; now its size is known and refused first.
    run = checked(run_cli("render", shown_everywhere(tmp_path), "--to", "pdf"), 2)
    assert "too large for a PDF: its print layout is 292.0 MiB of HTML" in run.stderr
    assert run.cpu_seconds < 2.5 and run.peak_bytes < 150 * 1024 * 1024


def test_a_picture_the_checks_refused_is_not_embedded_with_its_rule_off(tmp_path: Path) -> None:
    # The page read a picture the checks had refused from the folder itself, past every
    # picture budget; it shows only the pictures the checks read, as Word and Markdown do.
    source = prototypes(tmp_path, {"big.png": noise_png(40, 40)})
    config = '[tool.prdkit]\nmax-image-bytes = 1000\n[tool.prdkit.rules]\nimage-too-large = "off"\n'
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    checked(run_cli("render", source, "--to", "html,md"), 0)
    page = (tmp_path / "doc.html").read_text(encoding="utf-8")
    assert "data:image" not in page and "Home (big.png)" in page
