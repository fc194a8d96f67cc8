"""What changed between two versions of a document, item by item, for reviewers.

The comparison works on the loaded data, not on the model: it sees exactly what the
author wrote (`x-` fields included), it still works while a document is mid-edit and
fails the schema, and its pointers lead straight back into the file.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prdkit.config import Config
from prdkit.diff.changes import MISSING, DocumentDiff
from prdkit.diff.compare import compare
from prdkit.diff.report import FORMATTERS
from prdkit.errors import PrdkitError
from prdkit.limits import Limits
from prdkit.messages import msg

GIT_TIMEOUT = 60  # seconds
# A name spelled as a path is a file even when it holds `:`; `C:\` is a drive on Windows.
_PATH_PREFIXES = ("./", "../", "/") + ((".\\", "..\\", "\\") if os.name == "nt" else ())
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


class DiffError(PrdkitError):
    """A version that cannot be read or loaded; `code` is the exit code."""


@dataclass(frozen=True)
class Version:
    """One side of a diff: its name, bytes, whether it is strict JSON, and its configuration."""

    name: str
    raw: bytes
    json_mode: bool
    config: Config
    size: int = 0  # the file's size, when only its start was read


def is_revision(spec: str) -> bool:
    """`True` when `spec` is `REV:PATH`: it holds `:` and is not spelled as a path.

    Which files exist never decides it, so a pull request that adds a file named
    `origin/main:docs/a.prd.yaml` cannot stand in for the reviewed version.
    """
    if ":" not in spec or spec.startswith(_PATH_PREFIXES):
        return False
    return not (os.name == "nt" and _DRIVE.match(spec))


def read_version(spec: str) -> Version:
    """A file, or `REV:PATH` read with `git show`; read with the file's configuration."""
    from prdkit.check import read_document, size_if_cut
    from prdkit.config import config_for

    revision, _, name = spec.partition(":") if is_revision(spec) else ("", "", spec)
    config = config_for(Path(name or "."))
    limits = config.limits
    if revision:
        raw = git_show(revision, name, limits)
        size = _git_size(revision, name) if len(raw) > limits.max_bytes else 0
        return Version(spec, raw, name.endswith(".json"), config, size)
    raw = read_document(Path(spec), limits)
    return Version(spec, raw, spec.endswith(".json"), config, size_if_cut(Path(spec), raw, limits))


def git_show(revision: str, name: str, limits: Limits) -> bytes:
    """The bytes of `name` at `revision`, read by git (no shell; git's message on failure)."""
    if revision.startswith("-") or not name:
        raise DiffError(msg("diff.not-revision", spec=f"{revision}:{name}"))
    limit = limits.max_bytes
    try:
        process = subprocess.Popen(
            # `--`: a file named like the argument must not make git take it for a path.
            ["git", "show", f"{revision}:{name}", "--"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise DiffError(
            msg("diff.no-git", spec=f"{revision}:{name}", reason=exc.strerror or "")
        ) from None
    with process:
        assert process.stdout is not None and process.stderr is not None
        data = process.stdout.read(limit + 1)
        if len(data) > limit:
            process.kill()  # the loader would refuse it anyway; do not read the rest
        try:
            _, errors = process.communicate(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            raise DiffError(msg("diff.git-slow", spec=f"{revision}:{name}")) from None
    if process.returncode and len(data) <= limit:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        said = message[0] if message else msg("diff.git-failed")
        raise DiffError(msg("file.problem", path=f"git show {revision}:{name}", problem=said))
    return data


def _git_size(revision: str, name: str) -> int:
    """The size of `name` at `revision` as git stores it; 0 when git cannot say."""
    try:
        done = subprocess.run(
            ["git", "cat-file", "-s", f"{revision}:{name}", "--"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return 0
    text = done.stdout.strip()
    return int(text) if done.returncode == 0 and text.isdigit() and len(text) < 20 else 0


def load_version(version: Version, lang: str | None = None) -> Any:
    """The loaded data of one version; DiffError (exit 1) when it does not load, its
    diagnostics in `lang` (the run's `--lang`) when given."""
    from prdkit.loader import load_bytes

    loaded = load_bytes(
        version.raw, json_mode=version.json_mode, limits=version.config.limits, size=version.size
    )
    if not loaded.ok:
        from prdkit.check import check_bytes

        report = check_bytes(
            version.raw,
            version.name,
            json_mode=version.json_mode,
            config=version.config,
            limits=version.config.limits,
            size=version.size,
            lang=lang,
        )
        message = msg("diff.does-not-load", file=version.name)
        raise DiffError(message, 1, results=[report], language=report.lang)
    return loaded.data


def diff_versions(old: str, new: str, lang: str | None = None) -> DocumentDiff:
    """Read, load and compare two versions given as paths or `REV:PATH`; a version that does
    not load is reported in `lang` when given."""
    before, after = read_version(old), read_version(new)
    loaded = load_version(before, lang), load_version(after, lang)
    return compare(*loaded, before.name, after.name)


__all__ = ["FORMATTERS", "MISSING", "DiffError", "DocumentDiff", "compare", "diff_versions"]
