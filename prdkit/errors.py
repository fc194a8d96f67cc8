"""Exit codes, and the one base class of the problems a command reports instead of crashing.

Each module raises its own subclass (InputError, OutputError, ApproveError…); the CLI
catches `PrdkitError` once, prints the diagnostics of any documents the error carries
through the text reporter, then the message, and exits with the error's code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "PrdkitError"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class PrdkitError(Exception):
    """A problem of a run, not a bug: `code` is the exit code (2, a usage problem, unless
    the document is at fault: 1); `results` are checked documents that explain it."""

    code: int = EXIT_USAGE

    def __init__(self, message: str, code: int | None = None, results: Iterable[Any] = ()) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.results = tuple(results)
