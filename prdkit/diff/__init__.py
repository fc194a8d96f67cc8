"""What changed between two versions of a document, item by item, for reviewers.

The comparison works on the loaded data, not on the model: it sees exactly what the
author wrote (`x-` fields included), it still works while a document is mid-edit and
fails the schema, and its pointers lead straight back into the file.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prdkit.diff.changes import MISSING, DocumentDiff
from prdkit.diff.compare import compare
from prdkit.diff.report import FORMATTERS
from prdkit.errors import PrdkitError
from prdkit.limits import DEFAULT_LIMITS

GIT_TIMEOUT = 60  # seconds


class DiffError(PrdkitError):
    """A version that cannot be read or loaded; `code` is the exit code."""


@dataclass(frozen=True)
class Version:
    """One side of a diff: its name, bytes, and whether it is strict JSON."""

    name: str
    raw: bytes
    json_mode: bool


def read_version(spec: str) -> Version:
    """A file, or `REV:PATH` read with `git show` when no file of that name exists."""
    from prdkit.check import InputError, read_document

    path = Path(spec)
    if ":" not in spec or path.exists() or path.is_symlink():
        try:
            return Version(spec, read_document(path), spec.endswith(".json"))
        except InputError as exc:
            raise DiffError(str(exc)) from None
    revision, _, name = spec.partition(":")
    return Version(spec, git_show(revision, name), name.endswith(".json"))


def git_show(revision: str, name: str) -> bytes:
    """The bytes of `name` at `revision`, read by git (no shell; git's message on failure)."""
    if revision.startswith("-") or not name:
        raise DiffError(f"'{revision}:{name}' is not REV:PATH (for example HEAD~1:docs/a.prd.yaml)")
    limit = DEFAULT_LIMITS.max_bytes
    try:
        process = subprocess.Popen(
            ["git", "show", f"{revision}:{name}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise DiffError(f"cannot run git to read {revision}:{name} ({exc.strerror})") from None
    with process:
        assert process.stdout is not None and process.stderr is not None
        data = process.stdout.read(limit + 1)
        if len(data) > limit:
            process.kill()  # the loader would refuse it anyway; do not read the rest
        try:
            _, errors = process.communicate(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            raise DiffError(f"git show {revision}:{name} took too long") from None
    if process.returncode and len(data) <= limit:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git show {revision}:{name}: {message[0] if message else 'failed'}")
    return data


def load_version(version: Version) -> Any:
    """The loaded data of one version; DiffError (exit 1) when it does not load."""
    from prdkit.loader import load_bytes

    loaded = load_bytes(version.raw, json_mode=version.json_mode)
    if not loaded.ok:
        from prdkit.check import check_bytes

        report = check_bytes(version.raw, version.name, json_mode=version.json_mode)
        message = f"{version.name} does not load, so it cannot be compared"
        raise DiffError(message, 1, results=[report])
    return loaded.data


def diff_versions(old: str, new: str) -> DocumentDiff:
    """Read, load and compare two versions given as paths or `REV:PATH`."""
    before, after = read_version(old), read_version(new)
    return compare(load_version(before), load_version(after), before.name, after.name)


__all__ = ["FORMATTERS", "MISSING", "DiffError", "DocumentDiff", "compare", "diff_versions"]
