"""A UTF-8 BOM or CR/CRLF line endings change nothing: outputs are byte-identical to the twin's.

All twins go through one `prdkit render` call; each sits in its own folder as `doc.prd.*`,
so the outputs share a name and can be compared byte for byte.
"""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, MINIMAL
from tests.hostile.corpus import mixed_endings
from tests.hostile.guarantees import assert_bounded, assert_no_crash
from tests.hostile.runner import Run, run_cli
from tests.hostile.writers import needs_writers

pytestmark = needs_writers("md", "docx")

# Block scalars and multi-line quoted text are where line endings could leak into output.
MULTILINE = MINIMAL + (
    "    description: |\n      First line.\n\n      - a list item\n      - another\n"
    '    rationale: "folded\n      across lines"\n'
    "    acceptance_criteria:\n      - >\n        folded text\n        continues here\n"
)


def sources() -> dict[str, tuple[str, str]]:
    """name → (suffix, plain UTF-8 text with LF endings)."""
    found = {
        p.name.split(".")[0]: (".prd.yaml", p.read_text("utf-8"))
        for p in EXAMPLES.glob("*.prd.yaml")
    }
    found["minimal"] = (".prd.yaml", MINIMAL)
    found["multiline"] = (".prd.yaml", MULTILINE)
    as_json = json.dumps(yaml.safe_load(MULTILINE), ensure_ascii=False, indent=2) + "\n"
    found["multiline-json"] = (".prd.json", as_json)
    return found


def variants(text: str) -> dict[str, bytes]:
    """The plain file and its twins."""
    plain = text.encode("utf-8")
    crlf = plain.replace(b"\n", b"\r\n")
    mixed = mixed_endings(plain)
    return {
        "plain": plain,
        "bom": codecs.BOM_UTF8 + plain,
        "crlf": crlf,
        "bom-crlf": codecs.BOM_UTF8 + crlf,
        "cr": plain.replace(b"\n", b"\r"),
        "mixed": mixed,
    }


TWINS = [(s, v) for s in sources() for v in variants("x\n") if v != "plain"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    root = tmp_path_factory.mktemp("twins")
    paths = []
    for name, (suffix, text) in sources().items():
        for variant, raw in variants(text).items():
            folder = root / name / variant
            folder.mkdir(parents=True)
            (folder / ("doc" + suffix)).write_bytes(raw)
            # The pictures the examples name sit beside them; twins need them as well.
            shutil.copytree(EXAMPLES / "images", folder / "images")
            paths.append(folder / ("doc" + suffix))
    run = run_cli("render", *paths, "--to", "md,docx", timeout=120)
    return root, run


def test_every_twin_renders(rendered: tuple[Path, Run]) -> None:
    _, run = rendered
    assert_no_crash(run)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


@pytest.mark.parametrize(("name", "variant"), TWINS, ids=[f"{s}-{v}" for s, v in TWINS])
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_twin_is_byte_identical(
    rendered: tuple[Path, Run], name: str, variant: str, suffix: str
) -> None:
    root, _ = rendered
    plain = (root / name / "plain" / ("doc" + suffix)).read_bytes()
    twin = (root / name / variant / ("doc" + suffix)).read_bytes()
    assert plain, "empty output"
    assert twin == plain


def test_one_twin_alone_is_within_bounds(tmp_path: Path) -> None:
    example = sorted(EXAMPLES.glob("*.prd.yaml"))[0]
    source = tmp_path / "doc.prd.yaml"
    source.write_bytes(codecs.BOM_UTF8 + example.read_bytes().replace(b"\n", b"\r\n"))
    shutil.copytree(EXAMPLES / "images", tmp_path / "images")
    run = run_cli("render", source, "--to", "md,docx")
    assert_no_crash(run)
    assert run.returncode == 0
    assert_bounded(run)
