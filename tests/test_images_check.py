"""Pictures a document names: every failure at the exact line naming the picture."""

from __future__ import annotations

import gc
import os
import re
import time
from pathlib import Path

import pytest

from prdkit import config as config_module
from prdkit.check import check_bytes, check_file
from prdkit.config import ConfigError, parse
from prdkit.images import files as files_module
from prdkit.images.refs import image_refs
from prdkit.source import Span
from tests.pictures import bomb_png, gif, png
from tests.test_rules_base import at

HEAD = """\
prdkit: 1
meta:
  id: pics
  title: Pictures
  version: "1.0"
  status: draft
  owner: Ann
"""
TAIL = """\
requirements:
  - id: R1
    title: Show the page
    priority: could
features:
  - id: F1
    name: Home
    requirements: [R1]
    pages: [P1]
"""


def page(*images: str) -> str:
    lines = "".join(f"      - image: {image}  # <{n}>\n" for n, image in enumerate(images, 1))
    return f"pages:\n  - id: P1\n    name: Home\n    prototypes:\n{lines}"


def run(tmp_path: Path, text: str, **files: bytes) -> list[tuple[str, int]]:
    for name, data in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    source = tmp_path / "doc.prd.yaml"
    source.write_text(text, encoding="utf-8")
    return pictures(check_file(source).diagnostics)


def pictures(diagnostics: list) -> list[tuple[str, int]]:
    """(rule, line) of the picture diagnostics (a bare draft also warns of empty sections)."""
    return [(d.rule, d.line) for d in diagnostics if d.rule.startswith(("image", "schema"))]


def pictures_of(result) -> list:
    return [d for d in result.diagnostics if d.rule.startswith("image")]


def test_good_pictures_are_read_once_and_kept(tmp_path: Path) -> None:
    text = HEAD + "  summary: |\n    Today:\n    ![home](img/home.png)\n" + TAIL
    text += page("img/home.png", "img/anim.gif")
    for name, data in (("home.png", png(40, 30)), ("anim.gif", gif(frames=3))):
        (tmp_path / "img").mkdir(exist_ok=True)
        (tmp_path / "img" / name).write_bytes(data)
    source = tmp_path / "doc.prd.yaml"
    source.write_text(text, encoding="utf-8")
    result = check_file(source)
    assert pictures(result.diagnostics) == []
    assert sorted(result.images) == ["img/anim.gif", "img/home.png"]
    home = result.images["img/home.png"]
    assert (home.header.kind, home.header.width, home.header.height) == ("png", 40, 30)
    assert home.data == png(40, 30)


def test_missing_prototype_and_folder(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    text = HEAD + TAIL + page("img/nope.png", "img")
    assert run(tmp_path, text) == [
        ("image-missing", at(text, "<1>")),
        ("image-missing", at(text, "<2>")),
    ]


def test_a_missing_pictures_hint_names_the_file_it_was_meant_to_be(tmp_path: Path) -> None:
    # .PNG for .png works on a PM's Windows or Mac, and fails in CI on Linux.
    text = HEAD + TAIL + page("img/Home.PNG", "img/hmoe.png", "img/other.png")
    run(tmp_path, text, **{"img/home.png": png()})
    if (tmp_path / "img" / "HOME.PNG").exists():
        pytest.skip("this file system overlooks the case of names")
    case, close, far = pictures_of(check_file(tmp_path / "doc.prd.yaml"))
    assert [d.line for d in (case, close, far)] == [at(text, f"<{n}>") for n in (1, 2, 3)]
    assert case.hint.startswith("the file is 'img/home.png': Windows and macOS overlook")
    assert close.hint == "did you mean 'img/home.png'?"
    assert far.hint == "check the spelling and the folder: paths are relative to the PRD file"


def test_a_picture_inside_a_block_of_markdown_is_placed_on_its_own_line(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  background: |
    The list today:

    ![list](img/list.png) and ![detail](img/missing.png)  # <1>
  goals:
    - "Faster: ![chart](img/gone.png)"  # <2>
"""
        + TAIL
    )
    found = run(tmp_path, text, **{"img/list.png": png()})
    assert found == [("image-missing", at(text, "<1>")), ("image-missing", at(text, "<2>"))]
    result = check_file(tmp_path / "doc.prd.yaml")
    first = next(d for d in result.diagnostics if d.rule == "image-missing")
    assert first.column == text.split("\n")[first.line - 1].index("img/missing.png") + 1
    assert first.message == "image 'img/missing.png' does not exist"
    assert first.pointer == "/meta/background"


def test_a_picture_is_placed_where_it_is_named_not_where_its_path_is_mentioned(
    tmp_path: Path,
) -> None:
    text = (
        HEAD
        + """\
  background: |
    The file img/gone.png was removed, see [its history](https://example.com/img/gone.png).

    ![chart](img/gone.png)  # <1>

    Nothing here: ![empty]()  # <2>
  goals:
    - "Icon: ![图标](图片/logo.png)"  # <3>
"""
        + TAIL
    )
    found = run(tmp_path, text)
    assert [line for _, line in found] == [at(text, "<1>"), at(text, "<2>"), at(text, "<3>")]
    result = check_file(tmp_path / "doc.prd.yaml")
    first, _, third = pictures_of(result)
    assert first.column == text.split("\n")[first.line - 1].index("img/gone.png") + 1
    # The path as the author wrote it, not markdown-it's percent-encoded destination.
    assert third.message == "image '图片/logo.png' does not exist"


def test_paths_leaving_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "prd"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(png())
    os.symlink(tmp_path / "secret.png", folder / "link.png")
    os.symlink(folder / "inside.png", folder / "alias.png")
    (folder / "inside.png").write_bytes(png())
    text = HEAD + TAIL + page("../secret.png", "/etc/passwd", "link.png", "a/../../x.png")
    text += "      - image: alias.png\n      - image: a/../inside.png\n"
    assert run(folder, text) == [("image-outside-folder", at(text, f"<{n}>")) for n in range(1, 5)]
    messages = [
        d.message
        for d in check_file(folder / "doc.prd.yaml").diagnostics
        if d.rule.startswith("image")
    ]
    assert messages[2] == "image 'link.png' is a link that resolves outside the PRD's folder"


def test_a_file_outside_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "prd"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(png())
    os.symlink(tmp_path / "secret.png", folder / "link.png")
    opened: list[str] = []
    real_open = os.open

    def spy(path: object, *args: object, **kwargs: object) -> int:
        opened.append(os.fspath(path))  # type: ignore[arg-type]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files_module.os, "open", spy)
    text = HEAD + TAIL + page("link.png", "../secret.png")
    run(folder, text)
    assert not any("secret" in p for p in opened), opened


def test_wrong_bytes_damaged_and_oversized_pictures(tmp_path: Path) -> None:
    text = HEAD + TAIL + page("notes.png", "cut.png", "huge.png", "bomb.png", "many.gif")
    found = run(
        tmp_path,
        text,
        **{
            "notes.png": b"these are my meeting notes\n",
            "cut.png": png(40, 30)[:50],
            "huge.png": png(20_000, 20_000, pixels=False),
            "bomb.png": bomb_png(),
            "many.gif": gif(frames=10_000),
        },
    )
    assert found == [
        ("image-format", at(text, "<1>")),
        ("image-corrupt", at(text, "<2>")),
        ("image-dimensions", at(text, "<3>")),
        ("image-dimensions", at(text, "<4>")),
        ("image-dimensions", at(text, "<5>")),
    ]
    messages = [
        d.message
        for d in check_file(tmp_path / "doc.prd.yaml").diagnostics
        if d.rule.startswith("image")
    ]
    assert messages[0] == (
        "image 'notes.png' is not a PNG, JPEG or GIF picture (its bytes are text)"
    )
    assert messages[2] == (
        "image 'huge.png' is 20,000 × 20,000 pixels, over the limit of 40,000,000 pixels "
        "(max-image-pixels)"
    )
    assert messages[4] == "image 'many.gif' has more than 500 frames (max-image-frames)"


def test_size_limits_per_picture_and_per_document(tmp_path: Path) -> None:
    with open(tmp_path / "big.png", "wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: over 8 MB without writing it
    text = HEAD + TAIL + page("big.png", "a.png", "b.png", "a.png")
    (tmp_path / ".prdkit.toml").write_text("max-images-bytes = 1000\n", encoding="utf-8")
    config_module.clear_cache()
    source = tmp_path / "doc.prd.yaml"
    for name, colour in (("a.png", b"\x01\x02\x03"), ("b.png", b"\x04\x05\x06")):
        (tmp_path / name).write_bytes(png(rgb=colour) + b"\x00" * 600)  # after IEND: ignored
    source.write_text(text, encoding="utf-8")
    cfg = config_module.config_for(source)
    result = check_file(source, cfg, cfg.limits)
    assert pictures(result.diagnostics) == [
        ("image-too-large", at(text, "<1>")),
        ("images-too-large", at(text, "<3>")),
    ]
    assert pictures_of(result)[0].message == (
        "image 'big.png' is 9.0 MB, over the limit of 8.0 MB per picture (max-image-bytes)"
    )


def test_limits_have_a_ceiling() -> None:
    with pytest.raises(
        ConfigError, match=r"max-image-bytes = 1,073,741,824 is over its ceiling of 67,108,864"
    ):
        parse({"max-image-bytes": 1 << 30}, "pyproject.toml", prefix="tool.prdkit")
    assert parse({"max-image-pixels": 50_000_000}, "x").limits.max_image_pixels == 50_000_000


def test_addresses_and_paths_of_other_forms(tmp_path: Path) -> None:
    text = (
        HEAD
        + """\
  summary: "![logo](https://example.com/logo.png) ![x](data:image/png;base64,AAAA)"  # <s>
  background: "![y](ftp://example.com/y.png)"  # <b>
"""
        + TAIL
        + page('"img\\\\home.png"')
    )
    assert run(tmp_path, text) == [
        ("image-path", at(text, "<s>")),
        ("image-path", at(text, "<b>")),
        ("image-path", at(text, "<1>")),
    ]


def test_a_picture_markdown_leaves_as_text_is_still_named(tmp_path: Path) -> None:
    # markdown-it makes no picture of a file: or javascript: address: the text showed it
    # and nothing said why. A code span showing the syntax is no picture.
    text = (
        HEAD
        + """  summary: "![l](file:///etc/passwd) ![m](javascript:alert(1))"  # <s>
  background: "Write `![x](file:///a.png)` to break the build."
"""
        + TAIL
    )
    run(tmp_path, text)
    found = pictures_of(check_file(tmp_path / "doc.prd.yaml"))
    assert [(d.rule, d.line, d.column) for d in found] == [
        ("image-path", at(text, "<s>"), 18),
        ("image-path", at(text, "<s>"), 43),
    ]
    assert "'file:///etc/passwd' is a file: address" in found[0].message


def test_a_picture_whose_path_has_a_space_is_named_with_its_fix(tmp_path: Path) -> None:
    # Markdown ends an address at its first space: the picture showed as its text, in every
    # format, and nothing said why. In angle brackets, the same path is a picture.
    text = (
        HEAD
        + """  background: |
    退款流程如下：

    ![退款流程草图](images/flow sketch.png)  <s>

    ![ok](<images/flow sketch.png>) and `![x](a b.png)` in code
"""
        + TAIL
    )
    run(tmp_path, text, **{"images/flow sketch.png": png()})
    found = pictures_of(check_file(tmp_path / "doc.prd.yaml"))
    assert [(d.rule, d.line, d.column) for d in found] == [("image-path", at(text, "<s>"), 15)]
    assert "has a space" in found[0].message
    assert found[0].hint is not None
    assert "`![退款流程草图](<images/flow sketch.png>)`" in found[0].hint


def test_a_picture_with_brackets_in_its_alt_text_and_a_space_is_named(tmp_path: Path) -> None:
    text = HEAD + '  background: "See ![flow [v2] sketch](a b.png) here."  # <s>\n' + TAIL
    run(tmp_path, text, **{"a b.png": png()})
    found = pictures_of(check_file(tmp_path / "doc.prd.yaml"))
    assert [(d.rule, d.line, d.column) for d in found] == [("image-path", at(text, "<s>"), 40)]


def test_a_picture_syntax_shown_as_text_on_purpose_is_no_error(tmp_path: Path) -> None:
    # An escaped `!` or an entity shows the syntax as text, as the author asked: it was an
    # error, and the document did not render. A title goes after the angle brackets.
    text = (
        HEAD
        + """  background: |
    Type \\![alt](images/my file.png) or ![alt]&#40;images/my file.png) to embed.

    ![home](images/my file.png "Home")  <s>
"""
        + TAIL
    )
    run(tmp_path, text, **{"images/my file.png": png()})
    found = pictures_of(check_file(tmp_path / "doc.prd.yaml"))
    assert [(d.rule, d.line) for d in found] == [("image-path", at(text, "<s>"))]
    assert found[0].hint is not None
    assert '`![home](<images/my file.png> "Home")`' in found[0].hint


def test_without_a_folder_only_the_form_of_paths_is_checked() -> None:
    text = HEAD + TAIL + page("img/nope.png", "../up.png")
    result = check_bytes(text.encode("utf-8"), "doc.prd.yaml")
    assert pictures(result.diagnostics) == [("image-outside-folder", at(text, "<2>"))]


def test_an_ignored_rule_drops_the_picture_finding(tmp_path: Path) -> None:
    text = HEAD + TAIL + page("img/nope.png") + "    x-prdkit-ignore: [image-missing]\n"
    assert run(tmp_path, text) == []


def test_a_git_lfs_pointer_is_named_in_both_languages(tmp_path: Path) -> None:
    pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"0" * 64 + b"\nsize 9\n"
    text = HEAD + TAIL + page("shot.png")
    assert run(tmp_path, text, **{"shot.png": pointer}) == [("image-format", at(text, "<1>"))]
    source = tmp_path / "doc.prd.yaml"
    english = pictures_of(check_file(source, lang="en"))[0].message
    chinese = pictures_of(check_file(source, lang="zh"))[0].message
    assert "Git LFS pointer" in english and "git lfs pull" in english
    assert "Git LFS 指针文件" in chinese and "git lfs pull" in chinese


class LineByLine(files_module._Placer):
    """The placer's search as it was: every needle along each line, from the cursor."""

    def _find(
        self, line: int, column: int, extent: int, needles: list[tuple[str, int]]
    ) -> Span | None:
        budget = 2 * extent + 200
        for index in range(line, len(self._lines)):
            text = self._lines[index]
            offset = column if index == line else 0
            hits = [h + skip for n, skip in needles if (h := text.find(n, offset)) >= 0]
            if hits:
                return Span(index + 1, min(hits) + 1)
            budget -= len(text) + 1
            if budget < 0:
                break
        return None


# Paths written as YAML or Markdown escapes (never found as read), CJK, emoji, tabs, the same
# path many times on one line, reference definitions, and paths written plainly nearby.
MANY = " ".join([r"![a](m\_.png)", "![b](长.png)", "![c](😀.png)"] * 40)
TRICKY = (
    HEAD
    + '  summary: "![a](m\\x41.png) 长\\t![b](\\U0001F600.png) ![c](m\\_.png) ![a](mA.png)"\n'
    + "  background: |\n"
    + "    The file 长.png was removed; ![x](img/长.png)\tand ![x](img/长.png) again.\n"
    + "    ![e](img/😀\\_.png) ![r][r] ![r][r] ![sp](<sp ace.png>)\n"
    + "\n    [r]: ref.png\n"
    + "  goals:\n"
    + f"    - '{MANY}'\n"
    + '    - "![g](m\\x41.png)"\n'
    + TAIL
    + "pages:\n  - id: P1\n    name: Home\n    prototypes: ["
    + '{image: "m\\x41.png"}, {image: mA.png}, {image: \'长.png\'}, {image: "\\U0001F600.png"}, '
    + "{image: 😀.png}]\n"
    + "  - id: P2\n    name: Away\n    prototypes:\n"
    + '      - image: "\\t长.png"  # a tab, written as an escape\n'
    + "      - image: sp ace.png\n      - {image: ref.png}\n"
)


def test_pictures_are_placed_where_a_search_line_by_line_places_them() -> None:
    result = check_bytes(TRICKY.encode("utf-8"), "doc.prd.yaml")
    refs = image_refs(result.data, result.document, result.text)
    assert len(refs) == 139
    placer = files_module._Placer(result.source_map, result.text)
    reference = LineByLine(result.source_map, result.text)
    placed = [placer.place(ref) for ref in refs]
    assert placed == [reference.place(ref) for ref in refs]
    lines = TRICKY.split("\n")
    # `m\x41.png` reads `mA.png`: the summary's first picture is placed where that is written.
    summary = lines.index(next(line for line in lines if line.startswith("  summary:")))
    assert placed[0] == Span(summary + 1, lines[summary].index("](mA.png)") + 3)
    # Every `m\_.png` on the goal's line is missed: each is placed at the start of the value.
    goal = placed[10]
    assert [placed[i] for i in range(10, 130, 3)] == [goal] * 40
    assert lines[goal.line - 1][goal.column - 1 :].startswith("'![a]")


def _placed(text: str) -> tuple[list[Span], float]:
    """Where each picture of `text` is placed, and the CPU seconds the placing took."""
    result = check_bytes(text.encode("utf-8"), "doc.prd.yaml")
    refs = image_refs(result.data, result.document, result.text)
    placer = files_module._Placer(result.source_map, result.text)
    # Timed without the collector: in a long test session its passes over every object the
    # session holds cost ten times the placing itself.
    gc.disable()
    try:
        started = time.process_time()
        placed = [placer.place(ref) for ref in refs]
        return placed, time.process_time() - started
    finally:
        gc.enable()


def _prototypes(paths: list[str]) -> str:
    """A document of one page whose prototypes, on one line, name `paths` as escaped text."""
    protos = ", ".join(f'{{image: "{path}"}}' for path in paths)
    return HEAD + TAIL + f"pages:\n  - id: P1\n    name: Home\n    prototypes: [{protos}]\n"


def test_pictures_not_found_as_written_are_placed_in_linear_time() -> None:
    # 20,000 prototypes on one line, each `"m\x41.png"` (a missing file): the path as read
    # is nowhere in the text. Every miss searched the rest of the line again: 3.7 s of CPU
    # for the whole check once; a path's search now resumes where its last one stopped.
    text = _prototypes(["m\\x41.png"] * 20_000)
    placed, elapsed = _placed(text)
    line = text.count("\n")
    values = re.finditer(r'"m\\x41\.png"', text.split("\n")[line - 1])
    assert placed == [Span(line, value.start() + 1) for value in values]
    assert elapsed < 1, f"{elapsed:.1f}s of CPU"


def test_distinct_pictures_not_found_as_written_share_a_bounded_search() -> None:
    # The same, each naming a different missing file (`m\x410.png`, `m\x411.png`, …): no
    # search can resume another's, and each read the rest of the line (3.5 s of CPU for the
    # whole check). Together they now read at most `SEARCHED` times the text, then are
    # placed at their value, where a miss is placed anyway.
    text = _prototypes([f"m\\x41{i}.png" for i in range(20_000)])
    placed, elapsed = _placed(text)
    line = text.count("\n")
    values = re.finditer(r'"m\\x41\d+\.png"', text.split("\n")[line - 1])
    assert placed == [Span(line, value.start() + 1) for value in values]
    assert elapsed < 1, f"{elapsed:.1f}s of CPU"


def test_hints_for_many_missing_pictures_read_their_folder_once(tmp_path: Path) -> None:
    # Each missing picture read its folder again and compared its name with every file
    # there: 1,000 missing pictures in a folder of 10,000 files took 38 s to validate.
    (tmp_path / "img").mkdir()
    for n in range(10_000):
        (tmp_path / "img" / f"screen-{n:05d}.png").write_bytes(b"")
    text = HEAD + TAIL + page(*(f"img/gone-{n}.png" for n in range(1_000)))
    (tmp_path / "doc.prd.yaml").write_text(text, encoding="utf-8")
    started = time.process_time()
    result = check_file(tmp_path / "doc.prd.yaml")
    elapsed = time.process_time() - started
    assert sum(d.rule == "image-missing" for d in result.diagnostics) == 1_000
    assert elapsed < 5, f"{elapsed:.1f} s of CPU"
