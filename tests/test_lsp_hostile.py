"""The language server meets a careless or broken client: it answers, logs one line, and
never prints Python's traceback nor ends as an internal error."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, run_prdkit
from tests.test_lsp import Client, client  # noqa: F401 - the fixture

pytest.importorskip("pygls", reason="the language server needs the extra prdkit[lsp]")


@pytest.mark.parametrize("length", ["99999999999999999999", "1000000000000"])
def test_a_content_length_past_any_message_is_exit_2(length: str, tmp_path: Path) -> None:
    # Past the largest index (OverflowError), or more than the memory holds (MemoryError).
    run = run_prdkit("lsp", stdin=f"Content-Length: {length}\r\n\r\n{{}}", cwd=tmp_path)
    assert run.returncode == 2
    assert "message header prdkit cannot read" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("body", [b"{}", b"[]", b"5", b"{not json", b"\xff\xfe", b'{"id": null}'])
def test_a_body_that_is_no_message_is_logged_in_one_line(body: bytes, tmp_path: Path) -> None:
    frame = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    done = subprocess.run(
        [sys.executable, "-m", "prdkit", "lsp"],
        input=frame,
        capture_output=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert b"Error in server" not in done.stdout  # no pop-up in the editor
    assert all(line.startswith("prdkit lsp: ") for line in stderr.splitlines()), stderr


def test_carriage_return_line_ends_are_lines(client: Client, tmp_path: Path) -> None:  # noqa: F811
    uri = (tmp_path / "cr.prd.yaml").as_uri()
    text = MINIMAL.replace("priority: could", "priority: high").replace("\n", "\r")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    found = client.diagnostics(uri, 1)
    # The line the check names is the client's line: `priority: high`, the 11th.
    (enum,) = [d for d in found if d["code"] == "schema-enum"]
    assert enum["range"]["start"] == {"line": 10, "character": 14}
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    meta = next(s for s in symbols if s["name"] == "meta")
    assert meta["range"]["start"]["line"] == 1
    assert meta["range"]["end"]["line"] >= meta["range"]["start"]["line"]


def test_a_lone_surrogate_is_a_diagnostic(client: Client, tmp_path: Path) -> None:  # noqa: F811
    uri = (tmp_path / "s.prd.yaml").as_uri()
    text = MINIMAL.replace("title: Demo", "title: De\ud800mo")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    found = client.diagnostics(uri, 1)
    assert [d["code"] for d in found] == ["encoding"]
    assert found[0]["range"]["start"]["line"] == 3


def test_notifications_for_a_document_never_opened_are_ignored(
    client: Client,  # noqa: F811
    tmp_path: Path,
) -> None:
    ghost = (tmp_path / "ghost.prd.yaml").as_uri()
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": ghost, "version": 2}, "contentChanges": [{"text": "x"}]},
    )
    client.notify("textDocument/didSave", {"textDocument": {"uri": ghost}})
    time.sleep(1.0)  # past the debounce: the checks they asked for have run
    # Everything the server says until it answers the next request.
    said: list[dict] = []
    client.next_id += 1
    asked = {"textDocument": {"uri": ghost}}
    client.send({"id": client.next_id, "method": "textDocument/documentSymbol", "params": asked})
    answer = client.wait(
        lambda m: said.append(m) or (m.get("id") == client.next_id and "method" not in m)
    )
    assert answer.get("result") == []
    assert not [m for m in said if m.get("method") == "window/showMessage"], said
    logged = [m["params"]["message"] for m in said if m.get("method") == "window/logMessage"]
    assert not [line for line in logged if "internal error" in line], logged
    assert client.close() == 0
    stderr = client.proc.stderr.read().decode("utf-8", "replace")  # type: ignore[union-attr]
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr


def test_a_request_that_fails_is_logged_in_one_line(client: Client, tmp_path: Path) -> None:  # noqa: F811
    # pygls puts the traceback in the message it logs: the log keeps its first line.
    uri = (tmp_path / "h.prd.yaml").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": MINIMAL}},
    )
    client.diagnostics(uri, 1)
    client.next_id += 1
    where = {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}
    client.send({"id": client.next_id, "method": "textDocument/hover", "params": where})
    # The request cannot be read (no answer may come): the server goes on answering.
    assert client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert client.close() == 0
    stderr = client.proc.stderr.read().decode("utf-8", "replace")  # type: ignore[union-attr]
    assert "Traceback" not in stderr, stderr
    assert all(line.startswith("prdkit lsp: ") for line in stderr.splitlines()), stderr
