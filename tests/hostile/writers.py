"""Skipping tests of a writer that does not exist yet, and only then."""

from __future__ import annotations

import importlib.util

import pytest

from prdkit.writers import FORMATS


def writer_exists(fmt: str) -> bool:
    """`True` when the module of format `fmt` is present (importing it may still fail)."""
    return importlib.util.find_spec(FORMATS[fmt][0]) is not None


def needs_writers(*formats: str) -> pytest.MarkDecorator:
    """Skip until every writer in `formats` exists; a broken writer fails, it is not skipped."""
    missing = [f for f in formats if not writer_exists(f)]
    return pytest.mark.skipif(bool(missing), reason=f"writer not built yet: {', '.join(missing)}")
