"""scripts/system-needs.sh: which system packages the test suite still needs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-needs.sh"


def fake(folder: Path, name: str, body: str) -> None:
    tool = folder / name
    tool.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    tool.chmod(0o755)


def needs(bin_dir: Path) -> subprocess.CompletedProcess[str]:
    # No /sbin or /usr/sbin on PATH, as for many users: ldconfig is found at /sbin.
    path = f"{bin_dir}:/usr/bin:/bin"
    return subprocess.run(
        ["bash", str(SCRIPT)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=60,
    )


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    for name in ("soffice", "pdftotext", "npm", "chromium"):
        fake(tmp_path, name, "exit 0")
    return tmp_path


def test_a_long_font_listing_that_matches_early_is_found(bin_dir: Path) -> None:
    # grep -q would stop at the first line and the lister would die of SIGPIPE (141).
    fake(
        bin_dir,
        "fc-list",
        "seq 1 400000 | sed 's|^|/usr/share/fonts/x.ttc: Noto Sans CJK SC,DejaVu Sans |'",
    )
    run = needs(bin_dir)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    found = run.stdout.splitlines()
    assert "fonts-noto-cjk" not in found and "fonts-dejavu-core" not in found, found
    assert not {"libreoffice-writer-nogui", "poppler-utils", "nodejs", "chromium"} & set(found)


def test_missing_fonts_and_tools_are_listed(bin_dir: Path) -> None:
    fake(bin_dir, "fc-list", "echo '/usr/share/fonts/a.ttf: Liberation Serif'")
    (bin_dir / "chromium").unlink()
    found = needs(bin_dir).stdout.splitlines()
    assert {"fonts-noto-cjk", "fonts-dejavu-core"} <= set(found)
    if shutil.which("chromium", path="/usr/bin:/bin") is None:
        assert "chromium" in found


def test_ldconfig_outside_path_is_still_asked(bin_dir: Path) -> None:
    ldconfig = Path("/sbin/ldconfig")
    if not ldconfig.exists():
        pytest.skip("no /sbin/ldconfig")
    listed = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    found = needs(bin_dir).stdout.splitlines()
    assert ("libpango-1.0-0" in found) == ("libpango-1.0" not in listed)
