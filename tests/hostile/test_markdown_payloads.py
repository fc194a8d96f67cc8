"""Markdown and text payloads: never live in either output, never gone, always fast.

The Markdown output is read the way a permissive viewer would show it (raw HTML allowed);
the Word output is opened and its text, link targets and field codes are read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.hostile.guarantees import assert_bounded, assert_no_crash
from tests.hostile.inspect_outputs import (
    live_html,
    markdown_page,
    mermaid_injections,
    read_docx,
    unsafe_link,
)
from tests.hostile.payloads import MARKDOWN_PAYLOADS, TEXT_PAYLOADS, marker, payload_document
from tests.hostile.runner import Run, run_cli
from tests.hostile.writers import needs_writers

pytestmark = needs_writers("md", "docx")

# Costly Markdown kept out of the shared document: each is rendered and timed on its own.
STORMS = ("emphasis-storm", "underscore-storm", "backtick-storm", "nested-brackets", "table-wide")
# Pictures that are never shown (an address of another kind): validate names them, so a
# document holding one does not render at all (see the test at the end).
REFUSED = ("data-image",)


class Rendered:
    """One `prdkit render` of a document: the run, both outputs and the markers."""

    def __init__(self, folder: Path, raw: bytes, markers: dict[str, str]) -> None:
        source = folder / "doc.prd.yaml"
        source.write_bytes(raw)
        out = folder / "out"
        out.mkdir()
        self.markers = markers
        self.run: Run = run_cli("render", source, "--to", "md,docx", "-o", out, timeout=20)
        self.markdown = (out / "doc.md").read_text(encoding="utf-8") if self.ok else ""
        self.word = read_docx((out / "doc.docx").read_bytes()) if self.ok else None
        self.page = markdown_page(self.markdown)
        self.visible = "".join(self.page.text)

    @property
    def ok(self) -> bool:
        """`True` when the render succeeded."""
        return self.run.returncode == 0


def _shared_payloads() -> tuple[bytes, dict[str, str]]:
    raw, markers = payload_document(skip=STORMS + REFUSED)
    return raw, markers


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    raw, markers = _shared_payloads()
    return Rendered(tmp_path_factory.mktemp("payloads"), raw, markers)


def test_shared_payloads_render_within_bounds(shared: Rendered) -> None:
    assert_no_crash(shared.run)
    assert shared.ok, shared.run.stdout[-2000:] + shared.run.stderr[-2000:]
    assert_bounded(shared.run)


def test_markdown_output_has_no_live_html_or_unsafe_links(shared: Rendered) -> None:
    assert shared.ok
    assert live_html(shared.page) == []
    assert mermaid_injections(shared.markdown) == []


def test_word_output_has_no_unsafe_links(shared: Rendered) -> None:
    assert shared.word is not None
    assert [t for t in shared.word.targets if unsafe_link(t)] == []
    assert not [f for f in shared.word.fields if "script:" in f.lower() or "data:" in f.lower()]
    assert not [p for p in shared.word.parts if "afchunk" in p.lower() or p.endswith(".html")]


@pytest.mark.parametrize(
    "name", [n for n in [*MARKDOWN_PAYLOADS, *TEXT_PAYLOADS] if n not in STORMS + REFUSED]
)
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_payload_stays_visible(shared: Rendered, name: str, fmt: str) -> None:
    word = shared.markers[name]
    if fmt == "md":
        assert word in shared.visible, f"{name}: its text vanished from the Markdown output"
    else:
        assert shared.word is not None and word in shared.word.text, f"{name}: gone from Word"


@pytest.mark.parametrize("name", STORMS)
def test_costly_markdown_renders_in_time(tmp_path: Path, name: str) -> None:
    word = marker(999)
    text = MARKDOWN_PAYLOADS[name].replace("MARK", word)
    raw = MINIMAL.replace(
        "    priority: could\n", "    priority: could\n    description: " + _quoted(text) + "\n"
    )
    rendered = Rendered(tmp_path, raw.encode("utf-8"), {name: word})
    assert_no_crash(rendered.run)
    assert rendered.ok, rendered.run.stdout[-2000:]
    assert_bounded(rendered.run)
    assert word in rendered.visible
    assert rendered.word is not None and word in rendered.word.text
    assert live_html(rendered.page) == []


def _quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar."""
    import json

    return json.dumps(text, ensure_ascii=False)


@pytest.mark.parametrize("name", REFUSED)
def test_a_picture_never_shown_is_named_not_rendered(tmp_path: Path, name: str) -> None:
    text = MARKDOWN_PAYLOADS[name].replace("MARK", marker(998))
    raw = MINIMAL.replace(
        "    priority: could\n", "    priority: could\n    description: " + _quoted(text) + "\n"
    )
    source = tmp_path / "doc.prd.yaml"
    source.write_text(raw, encoding="utf-8")
    run = run_cli("validate", source)
    assert_no_crash(run)
    assert run.returncode == 1
    assert f"{source}:12:" in run.stdout and "error image-path" in run.stdout
