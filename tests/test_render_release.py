"""A render lets go of the checked source before the writers run, and loses nothing by it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from prdkit.check import check_file
from prdkit.render import release_source, render, render_options
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


def test_nothing_holds_the_released_data(tmp_path: Path) -> None:
    # The digest's memo kept the loaded mapping it last digested: 30 MiB of a 5,000-requirement
    # Word render's peak, and more than a sixth of a Markdown render's, held to the end.
    source = tmp_path / "flash-sale.prd.yaml"
    shutil.copy(EXAMPLES / "flash-sale.prd.yaml", source)
    result = check_file(source)
    assert render_options(result, source, tmp_path).digest is not None
    data = result.data
    release_source(result)
    assert sys.getrefcount(data) == 2  # `data` here and the call's argument
