"""Every example's Word file, converted to PDF by LibreOffice, reads as it should.

CI installs the converter and fonts (`apt-get install -y libreoffice-writer-nogui
fonts-noto-cjk poppler-utils`); without `soffice` and `pdftotext` these tests are skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from prdkit.check import check_file
from prdkit.i18n import SECTION_ORDER, label
from prdkit.render import source_timestamp
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write
from tests.conftest import EXAMPLES, libreoffice_pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="needs LibreOffice (soffice) and poppler (pdftotext): "
    "apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils",
)


def pdf_text(docx_path: Path, work: Path) -> str:
    """The text of the PDF LibreOffice makes of `docx_path`."""
    pdf = libreoffice_pdf(str(SOFFICE), docx_path, work)
    out = subprocess.run(
        [str(PDFTOTEXT), "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.prd.yaml")), ids=lambda p: p.name)
def test_example_pdf_holds_title_ids_and_headings(source: Path, tmp_path: Path):
    result = check_file(source)
    doc = result.document
    assert doc is not None and not result.failed()
    lang = doc.meta.language
    data = write(doc, RenderOptions(lang=lang, timestamp=source_timestamp(result)))
    docx_path = tmp_path / (source.name.split(".")[0] + ".docx")
    docx_path.write_bytes(data)
    text = pdf_text(docx_path, tmp_path)
    flat = " ".join(text.split())
    assert doc.meta.title in flat
    missing = [r.id for r in doc.requirements if r.id not in flat]
    assert not missing, f"requirement ids missing from the PDF: {missing}"
    present = [key for key in SECTION_ORDER if key != "meta" and getattr(doc, key, None)]
    headings = [label(f"section.{key}", lang) for key in present]
    assert headings and all(h in text for h in headings), [h for h in headings if h not in text]
    if lang == "zh":
        assert label("ui.toc", "zh") in text
        assert "第 2 页，共" in flat and "第 1 页，共" not in flat  # the cover has no footer
