"""Shared fixtures: paths of the repository and a minimal valid document."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

MINIMAL = """\
prdkit: 1
meta:
  id: demo
  title: Demo
  version: "0.1.0"
  status: draft
  owner: Ann
requirements:
  - id: R1
    title: Checkout works
    priority: could
"""


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages follow the locale when nothing else decides: tests expect English."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL


def run_prdkit(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `python -m prdkit` in a subprocess."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "prdkit", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def libreoffice_pdf(soffice: str, docx_path: Path, work: Path) -> Path:
    """The PDF LibreOffice makes of `docx_path`, written into `work`."""
    profile = work / "profile"  # a private profile: parallel runs never share a lock
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return work / (docx_path.stem + ".pdf")
