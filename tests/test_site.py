"""`prdkit site`: every document a page, an index of all, only changes rendered again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.cli import app
from prdkit.site import build_site
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit
from tests.pictures import png
from tests.test_html_writer import PNG_1x1


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "team").mkdir(parents=True)
    for path in EXAMPLES.glob("*.prd.yaml"):
        shutil.copy(path, root / path.name)
    shutil.copytree(EXAMPLES / "images", root / "images")  # the pictures they name
    (root / "team" / "demo.prd.yaml").write_text(MINIMAL)
    return root


def test_first_run_renders_all_then_nothing(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "nested"  # created, parents too
    first = build_site(docs, out)
    assert sorted(first.rendered) == ["flash-sale.html", "loyalty-checkout.html", "team/demo.html"]
    index = (out / "index.html").read_bytes()
    pages = {p: (out / p).read_bytes() for p in first.rendered}
    second = build_site(docs, out)
    assert second.rendered == [] and len(second.reused) == 3
    assert (out / "index.html").read_bytes() == index
    assert {p: (out / p).read_bytes() for p in first.rendered} == pages


def test_a_changed_document_alone_is_rendered_again(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(docs, out)
    demo = docs / "team" / "demo.prd.yaml"
    demo.write_text(MINIMAL.replace("title: Demo", "title: Demo two"))
    again = build_site(docs, out)
    assert again.rendered == ["team/demo.html"]
    assert "Demo two" in (out / "team" / "demo.html").read_text()
    assert "Demo two" in (out / "index.html").read_text()


def test_a_changed_picture_renders_its_page_again(tmp_path: Path) -> None:
    root, out = tmp_path / "docs", tmp_path / "site"
    root.mkdir()
    (root / "pic.png").write_bytes(PNG_1x1)
    text = MINIMAL.replace("priority: could", "priority: could\n    description: See ![c](pic.png)")
    (root / "a.prd.yaml").write_text(text)
    build_site(root, out)
    before = (out / "a.html").read_text()
    (root / "pic.png").write_bytes(png(2, 1))
    report = build_site(root, out)
    assert report.rendered == ["a.html"]
    assert (out / "a.html").read_text() != before
    assert build_site(root, out).rendered == []


def test_a_missing_page_is_rendered_again(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(docs, out)
    (out / "flash-sale.html").unlink()
    assert build_site(docs, out).rendered == ["flash-sale.html"]


def test_pages_of_removed_documents_are_pruned_and_nothing_else(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(docs, out)
    (out / "notes.html").write_text("mine")
    (docs / "team" / "demo.prd.yaml").unlink()
    report = build_site(docs, out)
    assert report.removed == ["team/demo.html"]
    assert not (out / "team" / "demo.html").exists()
    assert (out / "notes.html").read_text() == "mine"


def test_a_tampered_manifest_cannot_delete_outside(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(docs, out)
    victim = tmp_path / "victim.html"
    victim.write_text("keep")
    manifest = json.loads((out / ".prdkit-site.json").read_text())
    manifest["pages"]["gone.prd.yaml"] = {"key": "x", "page": "../victim.html"}
    (out / ".prdkit-site.json").write_text(json.dumps(manifest))
    build_site(docs, out)
    assert victim.read_text() == "keep"


def test_invalid_documents_are_listed_with_their_diagnostics(docs: Path, tmp_path: Path) -> None:
    (docs / "team" / "broken.prd.yaml").write_text("prdkit: 1\nmeta:\n  id: b\n  title: Broken\n")
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", str(docs), "-o", str(out)])
    assert result.exit_code == 1
    assert "1 invalid" in result.output
    index = (out / "index.html").read_text()
    assert "Broken" in index and "team/broken.prd.yaml" in index
    assert "required" in index  # its schema diagnostics
    assert not (out / "team" / "broken.html").exists()


def test_index_lists_status_owner_and_stale_sign_offs(docs: Path, tmp_path: Path) -> None:
    approved = docs / "loyalty-checkout.prd.yaml"
    approved.write_text(approved.read_text().replace("title:", "title: Edited", 1))
    out = tmp_path / "site"
    report = build_site(docs, out)
    (entry,) = [e for e in report.entries if e.source == "loyalty-checkout.prd.yaml"]
    assert entry.stale_approvals >= 1 and entry.errors >= 1  # edited after sign-off
    index = (out / "index.html").read_text()
    assert "Ann" in index and "0.1.0" in index


def test_two_sources_with_one_name_get_two_pages(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.prd.yaml").write_text(MINIMAL)
    (root / "a.prd.yml").write_text(MINIMAL.replace("id: demo", "id: other"))
    report = build_site(root, tmp_path / "site")
    assert sorted(report.rendered) == ["a-prd-yml.html", "a.html"]


def test_a_fallback_name_another_source_already_has_gets_its_own_page(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    for name, ident in (("a-prd-yml.prd.yaml", "x"), ("a.prd.yaml", "y"), ("a.prd.yml", "z")):
        (root / name).write_text(MINIMAL.replace("id: demo", f"id: {ident}"))
    out = tmp_path / "site"
    report = build_site(root, out)
    pages = {e.source: e.page for e in report.entries}
    assert len(set(pages.values())) == 3, pages
    for source, ident in (("a-prd-yml.prd.yaml", "x"), ("a.prd.yaml", "y"), ("a.prd.yml", "z")):
        assert f"<dd>{ident}</dd>" in (out / str(pages[source])).read_text()


def test_a_tampered_manifest_cannot_delete_the_index(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(docs, out)
    manifest = json.loads((out / ".prdkit-site.json").read_text())
    manifest["pages"]["gone.prd.yaml"] = {"key": "x", "page": "index.html"}
    (out / ".prdkit-site.json").write_text(json.dumps(manifest))
    report = build_site(docs, out)
    assert report.removed == [] and "flash-sale.html" in (out / "index.html").read_text()


def test_a_linked_folder_inside_the_output_is_not_written_through(
    docs: Path, tmp_path: Path
) -> None:
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "team").symlink_to(elsewhere, target_is_directory=True)
    result = CliRunner().invoke(app, ["site", str(docs), "-o", str(out)])
    assert result.exit_code == 2 and "team/demo.html not written" in result.output
    assert list(elsewhere.iterdir()) == []
    assert (out / "flash-sale.html").is_file()  # the other pages are built all the same


def test_usage_problems_exit_2(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x")
    result = run_prdkit("site", str(tmp_path), "-o", str(file))
    assert result.returncode == 2 and "not a folder" in result.stderr
    result = run_prdkit("site", str(tmp_path / "missing"), "-o", str(tmp_path / "o"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_index_in_chinese(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", str(docs), "-o", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text()
    assert "产品需求文档" in index and "已批准" in index


def test_a_changed_prototype_renders_its_page_again(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_prdkit("site", str(docs), "-o", str(out)).returncode == 0
    before = (out / "flash-sale.html").read_bytes()
    picture = docs / "images" / "flash-sale-queue.png"
    picture.write_bytes((EXAMPLES / "images" / "flash-sale-channel.png").read_bytes())
    assert run_prdkit("site", str(docs), "-o", str(out)).returncode == 0
    after = (out / "flash-sale.html").read_bytes()
    assert after != before


def test_the_index_lists_an_error_that_warnings_would_crowd_out(tmp_path: Path) -> None:
    from tests.test_rules_base import document

    reqs = "".join(
        f"  - id: R{i}\n    title: Requirement {i}\n    priority: must\n"
        f"    acceptance_criteria: [Works]\n"
        for i in range(1, 31)
    )
    root = tmp_path / "docs"
    root.mkdir()
    text = document(requirements=reqs + "    depends_on: [NOPE]\n", features=None)
    (root / "a.prd.yaml").write_text(text)
    (entry,) = build_site(root, tmp_path / "site").entries
    assert entry.errors == 1 and len(entry.diagnostics) == 20
    assert [d.severity.value for d in entry.diagnostics].count("error") == 1
