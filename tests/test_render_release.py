"""A render lets go of the checked source before the writers run, and loses nothing by it."""

from __future__ import annotations

import shutil
from pathlib import Path

from prdkit.check import check_file
from prdkit.render import render, render_options
from prdkit.writers import get_writer
from tests.conftest import EXAMPLES


def test_the_source_is_released_and_every_output_is_as_from_a_full_result(
    tmp_path: Path,
) -> None:
    source = tmp_path / "loyalty-checkout.prd.yaml"
    shutil.copy(EXAMPLES / "loyalty-checkout.prd.yaml", source)
    shutil.copytree(EXAMPLES / "images", tmp_path / "images")
    out = tmp_path / "out"
    out.mkdir()
    result = check_file(source)
    assert result.data is not None and result.text and result.source_map.value("/meta")
    formats = ["docx", "md", "html"]
    rendered = render(result, source, formats, out)
    assert result.data is None and result.text == ""
    assert result.source_map.value("/meta") is None
    # The same outputs as writers given a result that kept everything (the sign-off digest
    # and the pictures are taken before the source goes).
    full = check_file(source)
    options = render_options(full, source, out)
    assert options.digest is not None
    for item in rendered:
        assert item.path.read_bytes() == get_writer(item.fmt)(full.document, options)
    assert [item.fmt for item in rendered] == formats
