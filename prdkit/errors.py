"""Exit codes, and the one base class of the problems a command reports instead of crashing.

Each module raises its own subclass (InputError, OutputError, ApproveError…); the CLI
catches `PrdkitError` once, prints the diagnostics of any documents the error carries
through the text reporter, then the message, and exits with the error's code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prdkit.messages import Msg

__all__ = ["EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "PrdkitError"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class PrdkitError(Exception):
    """A problem of a run, not a bug: `code` is the exit code (2, a usage problem, unless
    the document is at fault: 1); `results` are checked documents that explain it.

    The message is a catalogue message (`msg(...)`) where it can be, so the command line
    says it in the run's language; `str()` gives it in English. `language` is the
    `meta.language` of the document the problem is in, when one was read.
    """

    code: int = EXIT_USAGE

    def __init__(
        self,
        message: str | Msg,
        code: int | None = None,
        results: Iterable[Any] = (),
        language: object = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.results = tuple(results)
        self.language = language

    @property
    def message(self) -> str | Msg:
        """The message as raised, for a caller that reports it later."""
        return self.args[0]

    def words(self, lang: str) -> str:
        """The message in `lang`."""
        from prdkit.messages import render

        return render(self.args[0], lang) or ""
