"""`prdkit lsp` driven as an editor drives it: JSON-RPC over the subprocess's stdin/stdout."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, MINIMAL, ROOT

pytest.importorskip("pygls", reason="the language server needs the extra prdkit[lsp]")

SOURCE = (EXAMPLES / "flash-sale.prd.yaml").read_text(encoding="utf-8")
LINES = SOURCE.split("\n")
# Deadlock guard only: every answer normally takes well under a second.
PATIENCE = 120


def line_of(text: str) -> int:
    """0-based number of the first line that is exactly `text`."""
    return LINES.index(text)


class Client:
    """A minimal LSP client: Content-Length framing, requests with ids, notifications."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "prdkit", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.inbox.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        answer = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in answer, answer
        return answer["result"]

    def wait(self, wanted: Any) -> dict[str, Any]:
        while True:
            message = self.inbox.get(timeout=PATIENCE)
            if wanted(message):
                return message

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )
        return message["params"]["diagnostics"]

    def close(self) -> int:
        self.request("shutdown", {})
        self.notify("exit", {})
        return self.proc.wait(timeout=PATIENCE)


@pytest.fixture
def client(tmp_path: Path):
    c = Client(tmp_path)
    c.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": tmp_path.as_uri(),
            "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}}},
        },
    )
    c.notify("initialized", {})
    yield c
    if c.proc.poll() is None:
        c.proc.kill()
        c.proc.wait()


def test_a_dangling_reference_is_reported_then_cleared_and_ids_are_navigable(
    client: Client, tmp_path: Path
) -> None:
    # The example's prototypes travel with it, or every picture would be missing too.
    shutil.copytree(EXAMPLES / "images", tmp_path / "images")
    path = tmp_path / "flash-sale.prd.yaml"
    uri = path.as_uri()
    row = line_of("      - REQ-001")  # the first requirement of feature F-01
    broken = "\n".join([*LINES[:row], "      - REQ-404", *LINES[row + 1 :]])
    path.write_text(broken, encoding="utf-8")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": broken}},
    )

    # The edit also makes the document's sign-offs stale: they are for the original text.
    found = client.diagnostics(uri, 1)
    assert {d["code"] for d in found} == {"unresolved-reference", "stale-approval"}
    found = [d for d in found if d["code"] == "unresolved-reference"]
    assert len(found) == 1
    assert found[0]["severity"] == 1
    assert found[0]["source"] == "prdkit"
    assert found[0]["range"] == {
        "start": {"line": row, "character": 8},
        "end": {"line": row, "character": 15},
    }
    assert "'REQ-404'" in found[0]["message"]

    # Hover on a reference: the item's title and kind.
    ref_row = line_of("      - REQ-009")
    answer = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": ref_row, "character": 10}},
    )
    data = yaml.safe_load(SOURCE)
    title = next(r["title"] for r in data["requirements"] if r["id"] == "REQ-009")
    assert answer["contents"]["kind"] == "markdown"
    assert title in answer["contents"]["value"]
    assert "需求 `REQ-009`，第" in answer["contents"]["value"]  # the document is Chinese

    # Definition: from the reference to the item's id.
    target = client.request(
        "textDocument/definition",
        {"textDocument": {"uri": uri}, "position": {"line": ref_row, "character": 8}},
    )
    defined = line_of("  - id: REQ-009")
    assert target["uri"] == uri
    assert target["range"]["start"] == {"line": defined, "character": 8}

    # Completion offers only ids of the kind the field takes (from the schema's x-refers-to).
    requirement_ids = {r["id"] for r in data["requirements"]}
    action_ids = {a["id"] for a in data["permissions"]["actions"]}
    offered = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": ref_row, "character": 8}},
    )
    assert {i["label"] for i in offered["items"]} == requirement_ids
    assert {i["detail"] for i in offered["items"]} == {"requirement"}
    perm_row = line_of("      - ACT-apply-slot")
    offered = client.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": perm_row, "character": 8}},
    )
    assert {i["label"] for i in offered["items"]} == action_ids

    # Not a reference field (a name): no id completion.
    name_row = line_of("    name: 商家报名中心")
    assert (
        client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": name_row, "character": 12}},
        )
        is None
    )

    # The outline: sections, with items under them.
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    features = next(s for s in symbols if s["name"] == "features")
    assert [c["name"] for c in features["children"]][:2] == ["F-01", "F-02"]

    # The fix: the edit is checked (after the debounce) and the diagnostic goes away.
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {
                    "range": {
                        "start": {"line": row, "character": 8},
                        "end": {"line": row, "character": 15},
                    },
                    "text": "REQ-001",
                }
            ],
        },
    )
    assert client.diagnostics(uri, 2) == []
    assert client.close() == 0


def test_positions_count_utf16_units_after_wide_characters(client: Client, tmp_path: Path) -> None:
    # An emoji is two UTF-16 units: the range must be where the editor shows the id.
    text = (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    minimal = text.split('MINIMAL = """\\\n', 1)[1].split('"""', 1)[0]
    source = minimal + "features:\n  - {id: F1, name: 😀 pay, requirements: [R1, R7]}\n"
    uri = (tmp_path / "wide.prd.yaml").as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": source}},
    )
    found = [d for d in client.diagnostics(uri, 1) if d["code"] == "unresolved-reference"]
    line = source.split("\n").index("  - {id: F1, name: 😀 pay, requirements: [R1, R7]}")
    column = "  - {id: F1, name: 😀 pay, requirements: [R1, ".encode("utf-16-le").__len__() // 2
    assert found[0]["range"]["start"] == {"line": line, "character": column}
    assert found[0]["range"]["end"] == {"line": line, "character": column + 2}


def test_exit_without_shutdown_ends_with_code_1(client: Client) -> None:
    # The protocol asks for 1 when the client says exit without shutdown first (a crash
    # of the client, as the editor reports it); it was 0.
    client.notify("exit", {})
    assert client.proc.wait(timeout=PATIENCE) == 1


def test_without_pygls_the_command_names_the_extra_and_exits_2() -> None:
    probe = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['prdkit', 'lsp'];"
        " from prdkit.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=PATIENCE,
    )
    assert done.returncode == 2
    assert "pip install 'prdkit[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_other_yaml_files_are_left_alone(client: Client, tmp_path: Path) -> None:
    # Editors start the server for every YAML file; a compose file is not a PRD.
    uri = (tmp_path / "docker-compose.yml").as_uri()
    text = "services:\n  web:\n    image: nginx\n"
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    assert client.diagnostics(uri, 1) == []


def test_a_configuration_written_or_removed_counts_once_the_document_is_saved(
    client: Client, tmp_path: Path
) -> None:
    # The server looked configurations up once: a .prdkit.toml switching rules off (or
    # deleted) changed nothing until it was restarted, unlike `prdkit validate`.
    path = tmp_path / "doc.prd.yaml"
    text = MINIMAL.replace("title: Checkout works", "title: TODO name it")
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )

    def after_save() -> set[str]:
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        published = client.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        return {d["code"] for d in published["params"]["diagnostics"]}

    assert "placeholder" in {d["code"] for d in client.diagnostics(uri, 1)}
    (tmp_path / ".prdkit.toml").write_text('[rules]\nplaceholder = "off"\n', encoding="utf-8")
    assert "placeholder" not in after_save()
    (tmp_path / ".prdkit.toml").unlink()
    assert "placeholder" in after_save()
