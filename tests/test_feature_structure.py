"""The feature structure (功能结构图): product → surfaces → features, in both outputs."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from prdkit.check import check_file
from prdkit.i18n import enum_label, label
from prdkit.layout import build as lay_out
from prdkit.layout.blocks import Diagram, Heading
from prdkit.layout.context import Layout
from prdkit.layout.sections.requirements import feature_graph
from prdkit.model import build
from prdkit.writers import RenderOptions
from prdkit.writers.docx import write as write_docx
from prdkit.writers.markdown import write as write_md
from tests.conftest import EXAMPLES

SOURCES = sorted(EXAMPLES.glob("*.prd.yaml"))
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document(source: Path):
    result = check_file(source)
    assert result.document is not None and not result.failed()
    return result.document


def test_the_graph_is_product_then_surfaces_in_first_use_then_features():
    doc = build(
        {
            "meta": {"id": "P", "title": "Shop", "version": "1", "status": "draft", "owner": "o"},
            "features": [
                {"id": "F1", "name": "Cart", "surface": "storefront"},
                {"id": "F2", "name": "Refunds", "surface": "admin"},
                {"id": "F3", "name": "Wishlist", "surface": "storefront"},
                {"id": "F4", "name": "Loose end"},
            ],
        }
    )
    graph = feature_graph(Layout(doc, "zh"), doc.features)
    assert graph.kind == "tree"
    texts = {n.id: (n.text, n.note) for n in graph.nodes}
    assert texts["r0"] == ("Shop", "")
    surfaces = [e.target for e in graph.edges if e.source == "r0"]
    assert [texts[s][0] for s in surfaces] == [
        enum_label("surface", "storefront", "zh"),
        enum_label("surface", "admin", "zh"),
        "其他",  # not "未填写": a box of that name reads as a surface called so
    ]
    under = {s: [texts[e.target] for e in graph.edges if e.source == s] for s in surfaces}
    assert under[surfaces[0]] == [("Cart", "F1"), ("Wishlist", "F3")]
    assert under[surfaces[2]] == [("Loose end", "F4")]


def test_features_without_a_surface_join_the_surface_other():
    doc = build(
        {
            "meta": {"id": "P", "title": "Shop", "version": "1", "status": "draft", "owner": "o"},
            "features": [
                {"id": "F1", "name": "Gifts", "surface": "other"},
                {"id": "F2", "name": "Loose end"},
                {"id": "F3", "name": "Refunds", "surface": "admin"},
            ],
        }
    )
    graph = feature_graph(Layout(doc, "zh"), doc.features)
    texts = {n.id: n.text for n in graph.nodes}
    surfaces = [e.target for e in graph.edges if e.source == "r0"]
    assert [texts[s] for s in surfaces] == ["其他", enum_label("surface", "admin", "zh")]
    assert [texts[e.target] for e in graph.edges if e.source == surfaces[0]] == [
        "Gifts",
        "Loose end",
    ]


def test_features_hang_from_the_product_when_none_names_a_surface():
    doc = build(
        {
            "meta": {"id": "P", "title": "Shop", "version": "1", "status": "draft", "owner": "o"},
            "features": [{"id": "F1", "name": "Cart"}, {"id": "F2", "name": "Refunds"}],
        }
    )
    graph = feature_graph(Layout(doc, "en"), doc.features)
    texts = {n.id: n.text for n in graph.nodes}
    assert [texts[e.target] for e in graph.edges if e.source == "r0"] == ["Cart", "Refunds"]
    assert len(graph.nodes) == 3 and label("ui.not_set", "en") not in texts.values()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_features_section_opens_with_the_structure_in_the_layer(source: Path):
    doc = document(source)
    laid = lay_out(doc)
    section = next(s for s in laid.sections if s.key == "features")
    assert isinstance(section.blocks[0], Heading)
    diagram = section.blocks[1]
    assert isinstance(diagram, Diagram) and diagram.graph.kind == "tree"
    assert diagram.title == label("ui.feature_structure", doc.meta.language)
    notes = [n.note for n in diagram.graph.nodes if n.note]
    assert notes == [f.id for f in doc.features]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_markdown_draws_the_structure_under_the_features_heading(source: Path):
    doc = document(source)
    lang = doc.meta.language
    text = write_md(doc, RenderOptions(lang=lang)).decode("utf-8")
    heading = f"## {label('section.features', lang)}\n\n"
    after = text[text.index(heading) + len(heading) :]
    assert after.startswith("```mermaid\nflowchart TD\n")
    block = after[: after.index("\n```\n")]
    for feature in doc.features:
        assert f'["{feature.id}<br>' in block
    assert "---" in block and "-->" not in block  # a hierarchy: lines, no arrows


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_word_draws_the_structure_under_the_features_heading(source: Path):
    doc = document(source)
    lang = doc.meta.language
    data = write_docx(doc, RenderOptions(lang=lang))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    paragraphs = list(body)
    heading = next(
        n
        for n, p in enumerate(paragraphs)
        if "".join(p.itertext()).strip().endswith(label("section.features", lang))
        and p.find(f"{W}pPr/{W}pStyle") is not None
        and "eading" in p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
    )
    drawn = paragraphs[heading + 1]
    doc_pr = drawn.find(f".//{WP}docPr")
    assert doc_pr is not None and doc_pr.get("descr") == label("ui.feature_structure", lang)
    texts = [" ".join(t.itertext()) for t in drawn.iter("{*}txbxContent")]
    shown = re.sub(r"\s+", "", "".join(texts))
    for feature in doc.features:
        assert re.sub(r"\s+", "", feature.name) in shown
    assert not list(drawn.iter(f"{A}tailEnd"))  # no arrowheads in a hierarchy
