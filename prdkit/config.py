"""Project configuration: rule switches, severities and limits from the nearest config file.

Looked up from the validated file's folder upward, up to the root of the repository holding
it (a folder with `.git` or `.hg`): files above a checkout, in a CI runner's home or a parent
folder of the clone, belong to someone else. In each folder `.prdkit.toml` (the whole file
is prdkit's) comes before `pyproject.toml` (its `[tool.prdkit]` table). The first file that
configures prdkit wins; a `pyproject.toml` whose text never names `tool.prdkit` is passed
over unparsed, even when it is no valid TOML: it is another tool's file. A file of either
name that is a symbolic link is refused, as documents are, except a linked `pyproject.toml`
without `[tool.prdkit]`: another tool's file, passed over.

    [tool.prdkit]
    max-bytes = 8388608          # any limit of prdkit.limits.Limits, in kebab-case,
                                 # up to its ceiling (prdkit.limits.CEILINGS)
    number-headings = false      # true: Markdown headings too; unset: Word, HTML and PDF
    [tool.prdkit.rules]
    placeholder = "off"          # or "error", "warning", "info"
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from prdkit.conventions import NO_CONVENTIONS, Conventions
from prdkit.diagnostics import Severity
from prdkit.errors import PrdkitError
from prdkit.limits import CEILINGS, CONFIG_MAX_BYTES, DEFAULT_LIMITS, Limits
from prdkit.messages import Listing, msg

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE = ".prdkit.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES = ("off", "error", "warning", "info")
# Folders that end the lookup: the root of a Git (a folder, or a file in a worktree) or
# Mercurial checkout.
REPOSITORY_MARKERS = (".git", ".hg")
# How a `pyproject.toml` configuring prdkit spells it: `[tool.prdkit]`, `[tool.prdkit.rules]`,
# a dotted `tool.prdkit.…` key, quoted or spaced; or a `prdkit` key under `[tool]`. A file
# without any of these is never parsed, so another tool's broken file stops no run.
_NAMES_PRDKIT = re.compile(rb"""tool\s*\.\s*["']?prdkit\b|^\s*["']?prdkit["']?\s*[.=]""", re.M)
LIMIT_KEYS: dict[str, str] = {f.name.replace("_", "-"): f.name for f in fields(Limits)}


class ConfigError(PrdkitError):
    """A configuration file that cannot be used (a usage problem: exit 2)."""


@dataclass(frozen=True)
class Config:
    """Per-rule overrides (a severity, or None to switch the rule off) and limits."""

    overrides: Mapping[str, Severity | None] = field(default_factory=dict)
    source: str | None = None
    limits: Limits = DEFAULT_LIMITS
    conventions: Conventions = NO_CONVENTIONS
    number_headings: bool | None = None  # see RenderOptions.number_headings

    def severity(self, rule: str, default: Severity) -> Severity | None:
        """The severity `rule` gets under this configuration; None when switched off."""
        return self.overrides.get(rule, default)

    def weakened(self) -> list[str]:
        """The sign-off rules this configuration switches off or grades below error."""
        from prdkit.ruletable import SIGNOFF_RULES

        return sorted(
            rule
            for rule in SIGNOFF_RULES
            if self.overrides.get(rule, Severity.ERROR) is not Severity.ERROR
        )


DEFAULT_CONFIG = Config()

# Folder → the configuration that applies to documents in it; one lookup per folder per run.
_cache: dict[Path, Config] = {}


def clear_cache() -> None:
    """Forget every lookup (for long-running callers and tests that write config files)."""
    _cache.clear()


def config_for(document: object) -> Config:
    """The configuration that applies to `document` (a path), found from its folder upward."""
    path = os.fspath(document) if isinstance(document, str | os.PathLike) else str(document)
    folder = Path(os.path.abspath(path)).parent
    visited: list[Path] = []
    found = DEFAULT_CONFIG
    for here in (folder, *folder.parents):
        cached = _cache.get(here)
        if cached is not None:
            found = cached
            break
        visited.append(here)
        config = _config_in(here)
        if config is not None:
            found = config
            break
        if _is_repository_root(here):
            break
    for here in visited:
        _cache[here] = found
    return found


def _is_repository_root(folder: Path) -> bool:
    """Whether `folder` is the top of a checkout: the lookup goes no higher."""
    return any(os.path.lexists(folder / marker) for marker in REPOSITORY_MARKERS)


def _config_in(folder: Path) -> Config | None:
    dedicated = folder / CONFIG_FILE
    if _present(dedicated):
        return parse(_read(dedicated), str(dedicated))
    pyproject = folder / PYPROJECT
    if _linked_elsewhere(pyproject):
        return None
    if _present(pyproject):
        raw = _bytes_of(pyproject)
        if not _NAMES_PRDKIT.search(raw):
            return None
        table = _toml(raw, pyproject).get("tool", {})
        if isinstance(table, Mapping) and "prdkit" in table:
            return parse(table["prdkit"], str(pyproject), prefix="tool.prdkit")
    return None


def _linked_elsewhere(pyproject: Path) -> bool:
    """True for a `pyproject.toml` that is a link to a readable project file without a
    `[tool.prdkit]` table: another tool's file, passed over as a real one would be.

    Workspaces and monorepos link their `pyproject.toml`; refusing those would stop every
    run beneath them. A link whose target configures prdkit, is not a regular file, or
    cannot be read stays refused by `_present`.
    """
    if not pyproject.is_symlink():
        return False
    try:
        if not pyproject.is_file():
            return False
        with pyproject.open("rb") as handle:
            raw = handle.read(CONFIG_MAX_BYTES + 1)
        if not _NAMES_PRDKIT.search(raw):
            return True
        table = tomllib.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    tool = table.get("tool", {})
    return not (isinstance(tool, Mapping) and "prdkit" in tool)


def _present(path: Path) -> bool:
    """Whether a configuration file stands at `path`; a link there is refused, as documents are.

    A link could point a run at a file the pull request does not show (another team's
    configuration, a file of the runner), so it is never followed. A folder of that name is
    passed over; a FIFO or device is refused when read.
    """
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise ConfigError(
            msg("file.unreadable", path=str(path), reason=exc.strerror or "")
        ) from None
    if stat.S_ISLNK(info.st_mode):
        raise ConfigError(msg("config.symlink", path=str(path)))
    return not stat.S_ISDIR(info.st_mode)


def _read(path: Path) -> dict[str, Any]:
    return _toml(_bytes_of(path), path)


def _bytes_of(path: Path) -> bytes:
    try:
        return _read_bounded(path)
    except OSError as exc:
        raise ConfigError(
            msg("file.unreadable", path=str(path), reason=exc.strerror or "")
        ) from None


def _toml(raw: bytes, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(msg("config.not-toml", path=str(path), reason=str(exc))) from None
    except UnicodeDecodeError:
        raise ConfigError(msg("config.not-utf8", path=str(path))) from None
    except RecursionError:  # tomllib recurses on nested arrays
        raise ConfigError(msg("config.too-deep", path=str(path))) from None


def _read_bounded(path: Path) -> bytes:
    """The bytes of a configuration file: a regular file of at most CONFIG_MAX_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)  # a link swapped in after _present is not followed
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError(msg("file.not-regular", path=str(path)))
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(CONFIG_MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(raw) > CONFIG_MAX_BYTES:
        raise ConfigError(msg("config.too-large", path=str(path), kib=CONFIG_MAX_BYTES // 1024))
    return raw


def parse(table: Any, source: str, prefix: str = "") -> Config:
    """The `Config` of one prdkit table; `source` names the file in error messages."""
    from prdkit.ruletable import RULES, configurable

    def where(key: str) -> str:
        return ".".join(p for p in (prefix, key) if p)

    if not isinstance(table, Mapping):
        what = prefix or msg("config.the-configuration")
        raise ConfigError(msg("config.not-table", path=source, key=what))
    overrides: dict[str, Severity | None] = {}
    limits: dict[str, int] = {}
    team: dict[str, Any] = {}
    number_headings: bool | None = None
    for key, value in table.items():
        if key == "rules":
            if not isinstance(value, Mapping):
                raise ConfigError(msg("config.not-table", path=source, key=where("rules")))
            for rule, choice in value.items():
                if rule not in RULES:
                    raise ConfigError(
                        msg("config.unknown-rule", path=source, key=where("rules"), rule=rule)
                    )
                if not configurable(rule):
                    raise ConfigError(
                        msg("config.fixed-rule", path=source, key=where("rules"), rule=rule)
                    )
                if choice not in SEVERITIES:
                    raise ConfigError(
                        msg(
                            "config.severity",
                            path=source,
                            key=f"{where('rules')}.{rule}",
                            choices=Listing(tuple(SEVERITIES), "", quoted=False),
                            got=repr(choice),
                        )
                    )
                overrides[rule] = None if choice == "off" else Severity(choice)
        elif key in LIMIT_KEYS:
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(msg("config.not-positive", path=source, key=where(key)))
            ceiling = getattr(CEILINGS, LIMIT_KEYS[key])
            if value > ceiling:
                raise ConfigError(
                    msg("config.ceiling", path=source, key=where(key), value=value, ceiling=ceiling)
                )
            limits[LIMIT_KEYS[key]] = value
        elif key in TEAM_KEYS:
            team[key] = value
        elif key == "number-headings":
            if not isinstance(value, bool):
                raise ConfigError(msg("config.not-bool", path=source, key=where(key)))
            number_headings = value
        else:
            known = Listing(("rules", "number-headings", *TEAM_KEYS, *LIMIT_KEYS), "", quoted=False)
            raise ConfigError(msg("config.unknown-key", path=source, key=where(key), known=known))
    return Config(
        overrides=overrides,
        source=source,
        limits=replace(DEFAULT_LIMITS, **limits),
        conventions=_conventions(team, source, prefix),
        number_headings=number_headings,
    )


TEAM_KEYS = ("fields", "labels")


def _conventions(team: Mapping[str, Any], source: str, prefix: str) -> Conventions:
    # Team conventions have their own module; here only the file and line are added.
    if not team:
        return NO_CONVENTIONS
    from prdkit import conventions

    try:
        return conventions.parse(team.get("fields"), team.get("labels"))
    except conventions.ConventionError as exc:
        full = (*(p for p in prefix.split(".") if p), *exc.path)
        line = conventions.line_of(Path(source), full)
        place = f"{source}:{line}" if line else source
        raise ConfigError(msg("file.problem", path=place, problem=exc.args[0])) from None
