"""A headless Chromium for tests: the system's browser driven through Playwright.

Playwright downloads no browser here: it drives Debian's `chromium` (installed by
scripts/test.sh). Tests that need it are skipped, with the reason, where either is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without these, Chromium tries to reach Google's hosts at start (refused on a closed network).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    return sync_playwright


needs_browser = pytest.mark.skipif(
    CHROMIUM is None or _playwright() is None,
    reason="needs Chromium (apt-get install chromium) and Playwright (pip install '.[test]')",
)


@dataclass
class Visit:
    """What happened while a page was open: console errors, uncaught errors, requests."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def browser() -> Iterator[Any]:
    """A running headless Chromium."""
    with _playwright()() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def visit(chromium: Any, path: Path, width: int = 1280, height: int = 900) -> Visit:
    """Open `path` (a file) in a new page and record everything it does."""
    page = chromium.new_page(viewport={"width": width, "height": height})
    seen = Visit(page)
    url = path.resolve().as_uri()
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url) if r.url != url else None)

    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(url, wait_until="load")
    return seen
