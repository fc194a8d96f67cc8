"""Ranges in the client's units, as the server sends them: what pygls's codec answers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

pytest.importorskip("pygls", reason="the language server needs the extra prdkit[lsp]")

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition

from prdkit.lsp.analysis import Range, analyse, problems
from prdkit.lsp.server import ClientColumns, diagnostics

LINES = [
    "  goals: [TODO, 长 TODO, 😀TODO, TODO\t, 'TODO', \"😀 TODO\"]  # 😀",
    "plain ascii",
    "\U00010348\U00010348 é\r",
    "",
    "长" * 40 + "😀" * 40,
]
ENCODINGS = [
    types.PositionEncodingKind.Utf16,
    types.PositionEncodingKind.Utf8,
    types.PositionEncodingKind.Utf32,
]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_each_position_is_the_codec_s(encoding: types.PositionEncodingKind) -> None:
    codec = PositionCodec(encoding)
    columns = ClientColumns(codec, LINES)
    # Past the end of a line, negative columns, lines past the last: as the codec takes them.
    for line in range(len(LINES) + 2):
        for column in range(-3, 130):
            expected = codec.position_to_client_units(LINES, ServerTextPosition(line, column))
            assert columns.position(line, column) == expected, (line, column)
    where = Range(0, 10, 4, 85)
    expected_range = types.Range(
        start=codec.position_to_client_units(LINES, ServerTextPosition(0, 10)),
        end=codec.position_to_client_units(LINES, ServerTextPosition(4, 85)),
    )
    assert columns.range(where) == expected_range


def test_many_diagnostics_on_one_line_are_converted_in_linear_time() -> None:
    # 4,000 placeholders in one flow list, after wide characters: pygls's codec summed the
    # line up to each range's start and end (6.5 s of CPU; 25 s a check for 8,000).
    goals = ", ".join(["长 😀", *["TODO"] * 4000])
    text = MINIMAL.replace("  owner: Ann\n", f"  owner: Ann\n  goals: [{goals}]\n")
    codec = PositionCodec()
    started = time.process_time()
    snapshot = analyse(text, Path("one-line.prd.yaml"))
    sent = diagnostics(snapshot, ClientColumns(codec, snapshot.lines))
    elapsed = time.process_time() - started
    placed = [p for p in problems(snapshot) if p.rule == "placeholder"]
    assert len(placed) == 4000
    line = snapshot.lines[placed[0].range.start_line]
    assert line.startswith("  goals: [长 😀, TODO")
    last = next(d for d in reversed(sent) if d.code == "placeholder")
    start = len(line.encode("utf-16-le")) // 2 - len("TODO]")
    assert (last.range.start.character, last.range.end.character) == (start, start + 4)
    assert elapsed < 2, f"{elapsed:.1f}s of CPU"
