"""Set-up of what the benchmark compares: prdkit itself, check-jsonschema and pandoc."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
# Pinned so that figures from different days compare the same peer.
CHECK_JSONSCHEMA = "check-jsonschema==0.39.0"


@dataclass(frozen=True)
class Tool:
    """A command to measure, or the reason it cannot be."""

    name: str
    argv: tuple[str, ...] = ()
    version: str = ""
    skipped: str = ""  # why the tool is unavailable; empty when it is ready

    @property
    def ready(self) -> bool:
        """`True` when the tool can be run."""
        return not self.skipped


def _say(message: str) -> None:
    print(f"[setup] {message}", file=sys.stderr, flush=True)


def _bin(env: Path, name: str) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin") / name


def _make_venv(env: Path, requirements: list[str], stamp: str) -> None:
    """Create `env` and pip-install `requirements`, unless it was built with the same stamp."""
    marker = env / ".bench-stamp"
    if marker.is_file() and marker.read_text() == stamp:
        return
    _say(f"creating {env.relative_to(ROOT)} with {' '.join(requirements)}")
    if env.exists():
        shutil.rmtree(env)
    venv.create(env, with_pip=True, clear=True)
    pip = [
        str(_bin(env, "python")),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    subprocess.run([*pip, *requirements], check=True)
    marker.write_text(stamp)


def _version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"? ({exc})"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def prdkit(use_current: bool) -> Tool:
    """prdkit of this checkout: the current interpreter's, or an editable install of its own."""
    if use_current:
        script = Path(sys.executable).parent / "prdkit"
        argv = [str(script)] if script.exists() else [sys.executable, "-m", "prdkit"]
        probe = [sys.executable, "-c", "import prdkit, sys; sys.stdout.write(prdkit.__file__)"]
        where = subprocess.run(probe, capture_output=True, text=True).stdout
        if not where.startswith(str(ROOT)):
            return Tool(
                "prdkit", skipped=f"the current Python's prdkit is not this checkout ({where})"
            )
    else:
        env = WORK / "venv-prdkit"
        stamp = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
        stamp += sys.version
        _make_venv(env, ["--editable", str(ROOT)], stamp)
        argv = [str(_bin(env, "prdkit"))]
    return Tool("prdkit", tuple(argv), _version([*argv, "--version"]))


def check_jsonschema() -> Tool:
    """check-jsonschema from PyPI, in its own virtual environment."""
    env = WORK / "venv-check-jsonschema"
    try:
        _make_venv(env, [CHECK_JSONSCHEMA], CHECK_JSONSCHEMA + sys.version)
    except subprocess.CalledProcessError as exc:
        return Tool("check-jsonschema", skipped=f"pip install failed ({exc.returncode})")
    argv = [str(_bin(env, "check-jsonschema"))]
    return Tool("check-jsonschema", tuple(argv), _version([*argv, "--version"]))


def pandoc() -> Tool:
    """pandoc from the system; installed from Debian's packages when root and absent."""
    found = shutil.which("pandoc")
    if found is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        _say("installing pandoc with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "--no-install-recommends", "pandoc"]
        if subprocess.run(install, env=env).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env)
            subprocess.run(install, env=env)
        found = shutil.which("pandoc")
    if found is None:
        return Tool(
            "pandoc", skipped="pandoc is not installed (install it: apt-get install pandoc)"
        )
    return Tool("pandoc", (found,), _version([found, "--version"]))
