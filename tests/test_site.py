"""`prdkit site`: every document a page, an index of all, only changes rendered again."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prdkit.cli import app
from prdkit.config import clear_cache
from prdkit.site import SiteError, build_site
from tests.conftest import EXAMPLES, MINIMAL, run_prdkit
from tests.pictures import png
from tests.test_html_writer import PNG_1x1
from tests.test_rules_base import document


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


def test_swapped_pictures_and_a_new_configuration_render_the_page_again(tmp_path: Path) -> None:
    root, out = tmp_path / "docs", tmp_path / "site"
    root.mkdir()
    (root / "a.png").write_bytes(PNG_1x1)
    (root / "b.png").write_bytes(png(2, 1))
    text = MINIMAL.replace(
        "priority: could", "priority: could\n    description: See ![first](a.png) ![second](b.png)"
    )
    (root / "a.prd.yaml").write_text(text)
    build_site(root, out)
    before = (out / "a.html").read_text()
    # The same two pictures, each where the other was: the same digests, another page.
    (root / "a.png").write_bytes(png(2, 1))
    (root / "b.png").write_bytes(PNG_1x1)
    assert build_site(root, out).rendered == ["a.html"]
    assert (out / "a.html").read_text() != before
    # A team's label shows on the page: a new configuration renders it again.
    (root / ".prdkit.toml").write_text('[labels.priority]\ncould = "P2"\n', encoding="utf-8")
    clear_cache()  # as a new run finds it
    assert build_site(root, out).rendered == ["a.html"]
    assert "P2" in (out / "a.html").read_text()
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
    assert index.count("schema-required") == index.count("<li><code>")  # listed, not counted again
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
        assert f'<dd dir="auto">{ident}</dd>' in (out / str(pages[source])).read_text()


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
    assert entry.errors == 1 and [d.rule for d in entry.diagnostics] == ["unresolved-reference"]
    # The thirty warnings are one count, not thirty lines.
    assert ("warning", "must-without-feature", 30) in entry.counts
    index = (tmp_path / "site" / "index.html").read_text()
    assert index.count("must-without-feature") == 1 and "must-without-feature</code> × 30" in index


def test_a_draft_s_warnings_are_counts_linked_to_its_page(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    reqs = "".join(
        f"  - id: R{i}\n    title: TODO {i}\n    priority: could\n    acceptance_criteria: [TODO]\n"
        for i in range(1, 11)
    )
    (root / "a.prd.yaml").write_text(document(requirements=reqs, features=None))
    build_site(root, tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text()
    assert index.count("<code>placeholder</code>") == 1
    assert re.search(r'<p class="counts"><a href="a.html">.*<code>placeholder</code> × 20', index)
    assert '<ul class="diagnostics">' not in index  # a valid page lists no diagnostics


def test_one_document_is_one_document_in_both_languages(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.prd.yaml").write_text(MINIMAL)
    build_site(root, tmp_path / "en")
    assert "1 document. " in (tmp_path / "en" / "index.html").read_text()
    build_site(root, tmp_path / "zh", lang="zh")
    assert "共 1 份文档" in (tmp_path / "zh" / "index.html").read_text()
    (root / "b.prd.yaml").write_text(MINIMAL.replace("id: demo", "id: b"))
    build_site(root, tmp_path / "en")
    assert "2 documents. " in (tmp_path / "en" / "index.html").read_text()


def test_the_index_speaks_the_language_most_documents_are_in(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    zh = MINIMAL.replace("meta:\n", "meta:\n  language: zh\n", 1)
    for name in ("a", "b"):
        (root / f"{name}.prd.yaml").write_text(zh.replace("id: demo", f"id: {name}"))
    (root / "c.prd.yaml").write_text(MINIMAL.replace("id: demo", "id: c"))
    report = build_site(root, tmp_path / "site")
    assert report.lang == "zh"
    index = (tmp_path / "site" / "index.html").read_text()
    assert '<html lang="zh-CN">' in index and "共 3 份文档" in index
    assert build_site(root, tmp_path / "en", lang="en").lang == "en"


def test_a_hand_made_file_with_a_page_s_name_is_never_replaced(tmp_path: Path) -> None:
    # The output folder is the source folder: notes.html and index.html are someone's own.
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.prd.yaml").write_text(MINIMAL)
    (root / "a.html").write_text("my own page")
    result = run_prdkit("site", str(root), "-o", str(root))
    assert result.returncode == 2, result.stderr
    assert "refusing to replace a.html" in result.stderr and "Traceback" not in result.stderr
    assert (root / "a.html").read_text() == "my own page"
    assert not (root / "index.html").exists() and not (root / ".prdkit-site.json").exists()
    (root / "a.html").unlink()
    (root / "index.html").write_text("my own index")
    with pytest.raises(SiteError, match=r"index\.html"):
        build_site(root, root)
    assert (root / "index.html").read_text() == "my own index"
    (root / "index.html").unlink()
    assert build_site(root, root).rendered == ["a.html"]  # its own files it replaces freely
    (root / "a.prd.yaml").write_text(MINIMAL.replace("title: Demo", "title: Demo two"))
    assert build_site(root, root).rendered == ["a.html"]


def test_a_page_edited_by_hand_is_neither_replaced_nor_pruned(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(docs, out)
    (out / "team" / "demo.html").write_text("edited by hand")
    (docs / "team" / "demo.prd.yaml").write_text(MINIMAL.replace("title: Demo", "title: Two"))
    with pytest.raises(SiteError, match=r"team/demo\.html"):
        build_site(docs, out)
    (docs / "team" / "demo.prd.yaml").unlink()
    assert build_site(docs, out).removed == []
    assert (out / "team" / "demo.html").read_text() == "edited by hand"


def test_pages_are_written_one_at_a_time(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each page is on disk before the next document is checked: memory holds one page.
    import prdkit.site.build as build

    out = tmp_path / "site"
    seen: list[list[str]] = []
    real = build.check_file

    def check(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(sorted(p.name for p in out.rglob("*.html")))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(build, "check_file", check)
    build_site(docs, out)
    assert seen == [[], ["flash-sale.html"], ["flash-sale.html", "loyalty-checkout.html"]]


def test_a_manifest_of_the_first_format_still_owns_its_pages(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(docs, out)
    first = {
        "pages": {
            "flash-sale.prd.yaml": {"key": "old", "page": "flash-sale.html"},
            "loyalty-checkout.prd.yaml": {"key": "old", "page": "loyalty-checkout.html"},
            "team/demo.prd.yaml": {"key": "old", "page": "team/demo.html"},
        }
    }
    (out / ".prdkit-site.json").write_text(json.dumps(first))
    assert len(build_site(docs, out).rendered) == 3


def test_a_site_page_is_the_page_render_writes(docs: Path, tmp_path: Path) -> None:
    # One set of options for both: an approval edited after sign-off shows as stale in both.
    approved = docs / "loyalty-checkout.prd.yaml"
    text = approved.read_text().replace("title:", "title: Edited", 1)
    approved.write_text(text.replace("status: approved", "status: review", 1))
    build_site(docs, tmp_path / "site")
    result = run_prdkit("render", str(approved), "--to", "html", "-o", str(tmp_path / "r"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "loyalty-checkout.html").read_bytes()
    assert b"tone-bad" in page  # the stale sign-off, marked
    assert page == (tmp_path / "r" / "loyalty-checkout.html").read_bytes()


def test_the_command_counts_one_document_as_one(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.prd.yaml").write_text(MINIMAL)
    result = CliRunner().invoke(app, ["site", str(root), "-o", str(tmp_path / "s")])
    assert result.exit_code == 0 and ": 1 document, 1 rendered, 0 unchanged" in result.output
    result = CliRunner().invoke(app, ["site", str(root), "-o", str(tmp_path / "s"), "--lang", "zh"])
    assert "共 1 份文档，生成 1 份，0 份未变" in result.output


def test_a_run_cut_short_still_owns_the_pages_it_wrote(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import prdkit.site.build as build

    out = tmp_path / "site"
    real = build.write_atomic
    written: list[Path] = []

    def stop_after_one(path: Path, data: bytes) -> None:
        if path.suffix == ".html" and written:
            raise KeyboardInterrupt
        real(path, data)
        if path.suffix == ".html":
            written.append(path)

    monkeypatch.setattr(build, "write_atomic", stop_after_one)
    with pytest.raises(KeyboardInterrupt):
        build_site(docs, out)
    monkeypatch.setattr(build, "write_atomic", real)
    assert (out / "flash-sale.html").is_file()
    report = build_site(docs, out)  # not refused as someone else's file
    assert len(report.rendered) == 3


def test_a_file_name_that_is_not_utf8_gets_its_page_and_link(tmp_path: Path) -> None:
    # Linux file names are bytes: '\xff\xfe.prd.yaml' ended the run with an internal error.
    root, out = tmp_path / "docs", tmp_path / "site"
    root.mkdir()
    name = os.fsdecode(b"\xff\xfe.prd.yaml")
    (root / name).write_text(MINIMAL, encoding="utf-8")
    first = build_site(root, out)
    page = os.fsdecode(b"\xff\xfe.html")
    assert first.rendered == [page] and (out / page).is_file()
    index = (out / "index.html").read_text("utf-8")  # UTF-8 throughout
    assert 'href="%FF%FE.html"' in index and "\ufffd\ufffd.prd.yaml" in index
    assert build_site(root, out).reused == [page]  # its record read back as written


def test_a_manifest_that_is_a_fifo_is_refused_not_read_for_ever(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    os.mkfifo(out / ".prdkit-site.json")
    result = run_prdkit("site", str(docs), "-o", str(out))
    assert result.returncode == 2, result.stderr
    assert "is a link or a special file" in result.stderr


def test_pages_number_headings_unless_the_team_turns_numbers_off(tmp_path: Path) -> None:
    root, out = tmp_path / "docs", tmp_path / "site"
    root.mkdir()
    (root / "a.prd.yaml").write_text(MINIMAL)
    build_site(root, out)
    assert 'class="num"' in (out / "a.html").read_text()  # as `render --to html`
    (root / ".prdkit.toml").write_text("number-headings = false\n", encoding="utf-8")
    clear_cache()
    build_site(root, out)
    assert 'class="num"' not in (out / "a.html").read_text()
