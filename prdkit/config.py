"""Project configuration: rule switches and severities from pyproject.toml or .prdkit.toml."""

from __future__ import annotations

from dataclasses import dataclass, field

from prdkit.diagnostics import Severity


class ConfigError(Exception):
    """A configuration file that cannot be used (a usage problem: exit 2)."""


@dataclass(frozen=True)
class Config:
    """Per-rule overrides: a severity, or None to switch the rule off."""

    overrides: dict[str, Severity | None] = field(default_factory=dict)
    source: str | None = None

    def severity(self, rule: str, default: Severity) -> Severity | None:
        """The severity `rule` gets under this configuration; None when switched off."""
        return self.overrides.get(rule, default)


DEFAULT_CONFIG = Config()


def config_for(document: object) -> Config:
    """The configuration that applies to `document` (discovery comes with the rules work)."""
    return DEFAULT_CONFIG
