"""Shell completion of option values, through the real command and its completion protocol."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from prdkit.cli import complete_formats, complete_templates
from prdkit.templates import available
from prdkit.writers import FORMATS

# The installed command: completion is keyed to the program's name (`_PRDKIT_COMPLETE`).
PRDKIT = Path(sys.executable).with_name("prdkit")


def completions(words: str) -> list[str]:
    """What bash completion offers after `words` (a trailing space starts a new word)."""
    current = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {"_PRDKIT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(current)}
    result = subprocess.run(
        [str(PRDKIT)], env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("prdkit new x --template ", sorted({t.name for t in available()})),
        ("prdkit new x --template e", ["ecommerce"]),
        ("prdkit new x --lang ", ["en", "zh"]),
        ("prdkit render a.prd.yaml --to ", list(FORMATS)),
        ("prdkit render a.prd.yaml --to docx,", [f"docx,{f}" for f in FORMATS if f != "docx"]),
        ("prdkit render a.prd.yaml --lang ", ["en", "zh"]),
        ("prdkit validate --format ", ["text", "json", "github", "sarif", "junit"]),
        ("prdkit validate --lang ", ["en", "zh"]),
        ("prdkit diff a b --format ", ["text", "md", "json"]),
    ],
)
@pytest.mark.skipif(not PRDKIT.exists(), reason="the prdkit command is not installed here")
def test_option_values_are_completed(words: str, offered: list[str]) -> None:
    assert completions(words) == offered


def test_templates_come_with_their_description() -> None:
    assert ("minimal", next(t.description for t in available() if t.name == "minimal")) in (
        complete_templates("min")
    )


def test_formats_already_chosen_are_not_offered_again() -> None:
    assert complete_formats("md,") == [f"md,{f}" for f in FORMATS if f != "md"]
    assert complete_formats(",".join(FORMATS) + ",") == []
    assert complete_formats("x") == []
