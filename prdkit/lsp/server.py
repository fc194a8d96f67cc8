"""The language server: pygls glue between the protocol and `prdkit.lsp.analysis`."""

from __future__ import annotations

import asyncio
import logging
from itertools import accumulate
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace.position_codec import PositionCodec

from prdkit import __version__
from prdkit.check import is_document_name
from prdkit.config import clear_cache
from prdkit.errors import PrdkitError
from prdkit.lsp import analysis
from prdkit.lsp.analysis import Range, Snapshot
from prdkit.messages import msg

# Checks wait this long after the last keystroke, so typing stays smooth in large documents.
DEBOUNCE_SECONDS = 0.3

_SYMBOL_KINDS = {
    "section": types.SymbolKind.Namespace,
    "group": types.SymbolKind.Field,
    "item": types.SymbolKind.Object,
}
_SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


class LspInputError(PrdkitError):
    """What the editor sent cannot be read as the protocol's messages (exit 2)."""


class PrdServer(LanguageServer):
    """Holds the last checked version of each open document and its pending re-check."""

    def __init__(self) -> None:
        super().__init__("prdkit", __version__)
        self.snapshots: dict[str, Snapshot] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        # The process's exit code: 1 when the client said exit without shutdown first, as
        # the protocol asks (pygls ends its loop either way and returns).
        self.exit_code = 0

    def columns(self, lines: list[str]) -> ClientColumns:
        """Ranges on `lines` in the client's position encoding (UTF-16 unless agreed otherwise)."""
        return ClientColumns(self.workspace.position_codec, lines)

    def ask(self, uri: str, position: types.Position, question: Any) -> tuple[Snapshot, Any]:
        """`question(snapshot, line, column)` at the client's `position`; (snapshot, answer)."""
        snapshot = self.snapshots.get(uri)
        if snapshot is None or position.line >= len(snapshot.lines):
            return None, None  # type: ignore[return-value]
        found = self.workspace.position_codec.position_from_client_units(snapshot.lines, position)
        return snapshot, question(snapshot, found.line, found.character)

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        """Send the diagnostics of one version of `uri` (an empty list clears them)."""
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    async def check(self, uri: str, delay: float = 0.0) -> None:
        """Check the document's current text (after `delay`) and publish its diagnostics."""
        if delay:
            await asyncio.sleep(delay)
        if unquote(uri) not in self.workspace.text_documents:
            return  # never opened, or closed meanwhile: not the editor's to show
        document = self.workspace.get_text_document(uri)
        text, version = plain_lines(document.source), document.version
        path = Path(to_fs_path(uri) or "untitled.prd.yaml")
        if not is_document_name(path.name):
            # Editors start the server for every YAML file; only PRDs are ours to judge.
            self.publish(uri, version, [])
            return
        previous = self.snapshots.get(uri)
        loop = asyncio.get_running_loop()
        # In a thread: a large document must not hold up hover and completion meanwhile.
        snapshot = await loop.run_in_executor(None, analysis.analyse, text, path, previous)
        if self.workspace.get_text_document(uri).version != version:
            return  # an edit arrived meanwhile; its own check follows
        self.snapshots[uri] = snapshot
        self.publish(uri, version, diagnostics(snapshot, self.columns(snapshot.lines)))

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay`, replacing a check still waiting."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        task = asyncio.ensure_future(self.check(uri, delay))
        task.add_done_callback(self._report_failure)
        self.pending[uri] = task

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A message the server could not handle (not JSON-RPC, out of order) goes to the
        editor's log in one line, not to a pop-up with Python's words."""
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Error,
                message=f"prdkit: could not handle a message: {type(error).__name__}: {error}",
            )
        )

    def _report_failure(self, task: asyncio.Task[None]) -> None:
        """A check that crashed is said in the editor's log, not lost in a dropped task."""
        if task.cancelled() or task.exception() is None:
            return
        error = task.exception()
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Error,
                message=f"prdkit: internal error while checking: {error!r}; please report it",
            )
        )


class ClientColumns:
    """Code-point columns of one text in the client's units, each line's sums made once.

    pygls's codec sums the units of `line[:column]` for every position it converts: a
    line holding thousands of diagnostics would be summed thousands of times.
    """

    __slots__ = ("_codec", "_sums", "lines")

    def __init__(self, codec: PositionCodec, lines: list[str]) -> None:
        self._codec = codec
        self.lines = lines
        self._sums: dict[int, list[int] | None] = {}  # line → units before each column

    def position(self, line: int, column: int) -> types.Position:
        """What `codec.position_to_client_units` answers for `line`, `column`."""
        try:
            text = self.lines[line]
        except IndexError:
            return types.Position(line=len(self.lines), character=0)
        # How many characters `text[:column]` holds.
        count = min(column, len(text)) if column >= 0 else max(len(text) + column, 0)
        if line not in self._sums:
            self._sums[line] = self._units(text)
        sums = self._sums[line]
        return types.Position(line=line, character=count if sums is None else sums[count])

    def range(self, where: Range) -> types.Range:
        """`where` in the client's units."""
        return types.Range(
            start=self.position(where.start_line, where.start_column),
            end=self.position(where.end_line, where.end_column),
        )

    def _units(self, text: str) -> list[int] | None:
        """The units before each column of `text`; None when each character is one unit."""
        # Every position encoding counts an ASCII character as one unit.
        if text.isascii():
            return None
        units = list(map(self._count, text))
        if all(unit == 1 for unit in units):
            return None
        return list(accumulate(units, initial=0))

    def _count(self, char: str) -> int:
        # A lone surrogate (an error the check reports) is one unit of UTF-16 and three bytes
        # of UTF-8 as written; the codec cannot encode it.
        try:
            return self._codec.client_num_units(char)
        except UnicodeEncodeError:
            return (
                len(char.encode("utf-8", "surrogatepass"))
                if "8" in str(self._codec.encoding)
                else 1
            )


def diagnostics(snapshot: Snapshot, columns: ClientColumns) -> list[types.Diagnostic]:
    """The problems of `snapshot` as the protocol sends them."""
    return [
        types.Diagnostic(
            range=columns.range(p.range),
            severity=_SEVERITIES[p.severity.value],
            code=p.rule,
            source="prdkit",
            message=p.message,
        )
        for p in analysis.problems(snapshot)
    ]


server = PrdServer()


@server.feature(types.EXIT)
def _exit(ls: PrdServer, *_args: Any) -> None:
    ls.exit_code = 0 if getattr(ls.protocol, "_shutdown", True) else 1


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _opened(ls: PrdServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0.0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _changed(ls: PrdServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _saved(ls: PrdServer, params: types.DidSaveTextDocumentParams) -> None:
    # A .prdkit.toml written, changed or deleted since counts now: the configurations found
    # so far are looked up again (a few file checks a folder).
    clear_cache()
    ls.schedule(params.text_document.uri, 0.0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _closed(ls: PrdServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.snapshots.pop(uri, None)
    ls.publish(uri, None, [])


@server.feature(types.TEXT_DOCUMENT_HOVER)
def _hover(ls: PrdServer, params: types.HoverParams) -> types.Hover | None:
    snapshot, answer = ls.ask(params.text_document.uri, params.position, analysis.hover)
    if answer is None:
        return None
    text, where = answer
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=ls.columns(snapshot.lines).range(where),
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def _definition(ls: PrdServer, params: types.DefinitionParams) -> types.Location | None:
    uri = params.text_document.uri
    snapshot, target = ls.ask(uri, params.position, analysis.definition)
    if target is None:
        return None
    return types.Location(uri=uri, range=ls.columns(snapshot.lines).range(target))


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[" ", "[", ","]),
)
def _completion(ls: PrdServer, params: types.CompletionParams) -> types.CompletionList | None:
    uri = params.text_document.uri
    snapshot = ls.snapshots.get(uri)
    if snapshot is None:
        return None
    # The text as it is now, which may be ahead of the last check.
    document = ls.workspace.get_text_document(uri)
    source = plain_lines(document.source)
    lines = source.split("\n")
    where = ls.workspace.position_codec.position_from_client_units(lines, params.position)
    items = analysis.completion(snapshot, source, where.line, where.character)
    if items is None:
        return None
    return types.CompletionList(
        is_incomplete=False,
        items=[
            types.CompletionItem(
                label=item.id,
                kind=types.CompletionItemKind.Reference,
                detail=item.kind.replace("_", " "),
                documentation=item.title or None,
                sort_text=f"{n:06d}",
            )
            for n, item in enumerate(items)
        ],
    )


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def _symbols(ls: PrdServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    snapshot = ls.snapshots.get(params.text_document.uri)
    if snapshot is None:
        return []
    columns = ls.columns(snapshot.lines)
    return [_symbol(columns, s) for s in analysis.symbols(snapshot)]


def _symbol(columns: ClientColumns, symbol: analysis.Symbol) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=symbol.name,
        detail=symbol.detail or None,
        kind=_SYMBOL_KINDS[symbol.kind],
        range=columns.range(symbol.range),
        selection_range=columns.range(symbol.selection),
        children=[_symbol(columns, c) for c in symbol.children] or None,
    )


def plain_lines(text: str) -> str:
    """`text` with its line ends as `\\n`: the protocol counts `\\r\\n` and a lone `\\r` as
    one (so does the check), and `\\r`-only text split at `\\n` is one line."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class _OneLine(logging.Formatter):
    """A log record in one line: what happened and the exception's words, no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        # pygls puts a formatted traceback in some messages themselves: the first line says
        # what happened.
        lines = record.getMessage().splitlines() or [""]
        text = f"prdkit lsp: {lines[0]}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            words = str(error).splitlines() or [""]
            text += f": {type(error).__name__}: {words[0]}"
        return text


def run(**_options: Any) -> int:
    """Serve over stdin/stdout until the client says exit; the process's exit code."""
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    handler.setLevel(logging.WARNING)
    pygls_log = logging.getLogger("pygls")
    pygls_log.addHandler(handler)
    pygls_log.propagate = False  # Python's own last-resort output prints the traceback
    try:
        server.start_io()
    except (OverflowError, MemoryError):  # a Content-Length past what any message holds
        raise LspInputError(msg("lsp.header")) from None
    return server.exit_code
