"""The Word writer, checked by reopening its output with python-docx and as raw XML."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from prdkit.check import check_bytes, check_file
from prdkit.i18n import label, page_pieces
from prdkit.messages import Msg
from prdkit.model import Document, build
from prdkit.outputs import OutputError
from prdkit.render import render as render_files
from prdkit.richtext import parse
from prdkit.writers import RenderOptions
from prdkit.writers.docx import reference, write
from prdkit.writers.docx.richtext import BLOCK_RULES, INLINE_RULES, plain_paragraph
from tests.conftest import EXAMPLES, run_prdkit
from tests.wordstyles import Shown, text_runs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)

RICH = """\
prdkit: 1
meta:
  id: rich-doc
  title: Rich document
  version: "2.1.0"
  status: draft
  owner: Ann Lee
  authors: [Ann Lee, Bo Chen]
  created: 2026-01-05
  updated: 2026-02-01
  summary: |
    Read the [spec](https://example.com/spec), write to [us](mailto:team@example.com),
    never [this](javascript:alert(1)). Some **bold**, *italic*, `code` and ~~gone~~.

    1. first
    2. second
       - nested bullet

    3) third list starts fresh

    | a | b |
    | --- | ---: |
    | 1 | 2 |

    > quoted

    ```
    code block
    ```

    # A heading inside a field

    ![diagram](https://example.com/d.png)
  goals:
    - Raise repeat orders
    - Cut refunds
requirements:
  - id: R1
    title: Checkout works
    priority: must
    status: accepted
    description: The checkout works.
    acceptance_criteria:
      - Pays by card
      - Pays by wallet
    rice: {reach: 1000, impact: 2, confidence: 0.5, effort: 4}
  - id: R2
    title: Refunds are fast
    priority: could
    depends_on: [R1]
    acceptance_criteria:
      - Refund within a day
features:
  - id: F1
    name: Checkout page
    priority: must
    requirements: [R1]
flows:
  - id: FL1
    name: Pay
    features: [F1]
    steps:
      - id: start
        action: Shopper opens checkout
      - id: pay
        action: Shopper pays
        branches:
          - when: card declined
            next: start
          - when: paid
            next: done
      - id: done
        action: Order confirmed
        end: true
schedule:
  milestones:
    - id: M1
      name: Build
      start: 2026-03-02
      due: 2026-03-20
      status: in_progress
      deliverables: [F1]
    - id: M2
      name: Launch
      due: 2026-04-10
      depends_on: [M1]
risks:
  - id: K1
    description: Card provider outage
    likelihood: high
    impact: medium
"""


def document(text: str = RICH) -> Document:
    """The model of a valid YAML document."""
    result = check_bytes(text.encode(), "test.prd.yaml")
    assert result.document is not None and not result.failed(), result.diagnostics
    return result.document


def render(doc: Document | None = None, **options: object) -> bytes:
    """The .docx bytes of `doc` (default: the rich document)."""
    opts = {"lang": "en", "timestamp": WHEN, **options}
    return write(doc or document(), RenderOptions(**opts))  # type: ignore[arg-type]


def part(data: bytes, name: str) -> etree._Element:
    """The parsed XML of package part `name`."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def outline(data: bytes) -> list[str]:
    """`Style|text` of every heading paragraph, in order."""
    opened = docx.Document(io.BytesIO(data))
    return [
        f"{p.style.name}|{p.text}"
        for p in opened.paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]


@pytest.fixture(scope="module")
def rich() -> bytes:
    return render()


def test_outline_follows_the_sections(rich: bytes):
    assert outline(rich) == [
        "Title|Rich document",
        "Heading 1|Overview",
        "Heading 2|Summary",
        "Heading 2|Goals",
        "Heading 1|Requirements",
        "Heading 2|Traceability matrix",
        "Heading 2|R1  Checkout works",
        "Heading 2|R2  Refunds are fast",
        "Heading 1|Features",
        "Heading 2|F1  Checkout page",
        "Heading 1|Flows",
        "Heading 2|FL1  Pay",
        "Heading 1|Schedule",
        "Heading 2|Timeline",
        "Heading 2|Milestones",
        "Heading 1|Risks",
        "Heading 2|Likelihood × impact",
    ]


def tables(data: bytes) -> dict[str, object]:
    """Every top-level table, keyed by the texts of its first two cells ("ID|Title")."""
    opened = docx.Document(io.BytesIO(data))
    return {"|".join(c.text for c in t.rows[0].cells[:2]): t for t in opened.tables}


def shape(table) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return len(table.rows), len(table.columns)


def test_table_shapes(rich: bytes):
    found = tables(rich)
    assert shape(found["Document ID|rich-doc"]) == (9, 2)  # the cover: id … updated, summary
    assert shape(found["a|b"]) == (2, 2)  # the GFM table of the summary
    assert shape(found["ID|Title"]) == (3, 5)  # requirements: header + two rows
    assert shape(found["Requirement|Features"]) == (3, 5)  # traceability
    assert shape(found["ID|Name"]) == (3, 8)  # milestones (after features, same header)
    assert shape(found["No.|ID"]) == (4, 5)  # flow steps: header + three
    weeks = (datetime(2026, 4, 10) - datetime(2026, 3, 2)).days // 7 + 1
    assert shape(found["Milestones|03-02"]) == (3, 1 + weeks)  # the Gantt view
    assert shape(found["Likelihood ↓ Impact →|Low"]) == (4, 4)


def test_header_rows_repeat_and_rows_are_built_without_gaps(rich: bytes):
    body = part(rich, "word/document.xml")
    for tbl in body.iter(f"{W}tbl"):
        rows = tbl.findall(f"{W}tr")
        grid = len(tbl.find(f"{W}tblGrid"))
        assert all(len(tr.findall(f"{W}tc")) == grid for tr in rows)
    summary = list(body.iter(f"{W}tbl"))[2]
    first = summary.find(f"{W}tr")
    assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert [t.text for t in first.iter(f"{W}t")][:2] == ["ID", "Title"]


def test_hyperlinks_have_external_relationships_for_safe_schemes_only(rich: bytes):
    body = part(rich, "word/document.xml")
    rels = part(rich, "word/_rels/document.xml.rels")
    targets = {
        rel.get("Id"): (rel.get("Target"), rel.get("TargetMode"))
        for rel in rels
        if rel.get("Type").endswith("/hyperlink")
    }
    linked = {}
    for link in body.iter(f"{W}hyperlink"):
        rid = link.get(f"{R}id")
        if rid is not None:
            linked[targets[rid][0]] = "".join(t.text for t in link.iter(f"{W}t"))
            assert targets[rid][1] == "External"
    assert linked["https://example.com/spec"] == "spec"
    assert linked["mailto:team@example.com"] == "us"
    assert not any(t.startswith("javascript") for t, _ in targets.values())
    styles = {s.get(f"{W}styleId") for s in part(rich, "word/styles.xml").iter(f"{W}style")}
    assert "Hyperlink" in styles


ALL_SOURCES = [
    *sorted(EXAMPLES.glob("*.prd.yaml")),
    *sorted((EXAMPLES.parent / "templates").glob("*.prd.yaml")),
]


@pytest.mark.parametrize("path", [None, *ALL_SOURCES], ids=lambda p: p.name if p else "rich")
def test_internal_links_point_at_bookmarks(path: Path | None):
    doc = document(path.read_text(encoding="utf-8")) if path else document()
    body = part(render(doc), "word/document.xml")
    marks = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert len(marks) == len(set(marks))  # no bookmark twice
    anchors = {h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")} - {None}
    assert anchors and anchors <= set(marks)


def test_python_docx_loads_only_when_rendering_word():
    code = (
        "import sys, prdkit.cli, prdkit.writers.docx; "
        "assert 'docx' not in sys.modules; "
        "from prdkit.writers.docx import document; "
        "assert 'docx' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_each_list_restarts_its_numbering(rich: bytes):
    body = part(rich, "word/document.xml")
    numbering = part(rich, "word/numbering.xml")
    used = [int(n.get(f"{W}val")) for n in body.iter(f"{W}numId")]
    lists = set(used)
    nums = {int(n.get(f"{W}numId")): n for n in numbering.iter(f"{W}num")}
    # summary: ordered, nested bullet, ordered "3)"; goals; two acceptance lists
    assert len(lists) >= 6
    starts = []
    for num_id in sorted(lists, key=used.index):
        override = nums[num_id].find(f"{W}lvlOverride/{W}startOverride")
        assert override is not None
        starts.append(int(override.get(f"{W}val")))
    assert starts[:3] == [1, 1, 3]


def test_east_asian_font_on_styles_and_runs_without_theme_fonts(rich: bytes):
    styles = part(rich, "word/styles.xml")
    for fonts in styles.iter(f"{W}rFonts"):
        assert fonts.get(f"{W}eastAsia"), etree.tostring(fonts)
        assert not any(a.endswith("Theme") for a in fonts.attrib), etree.tostring(fonts)
    shown = Shown(styles)
    runs = text_runs(part(rich, "word/document.xml"))
    assert runs
    for run in runs:
        assert shown.value(run, "rFonts", "eastAsia") == "Microsoft YaHei", etree.tostring(run)
    table = part(rich, "word/fontTable.xml")
    assert "Microsoft YaHei" in {f.get(f"{W}name") for f in table.iter(f"{W}font")}


def instructions(element: etree._Element) -> list[str]:
    return [t.text.strip() for t in element.iter(f"{W}instrText")]


def test_toc_page_fields_and_update_on_open(rich: bytes):
    body = part(rich, "word/document.xml")
    sdt = body.find(f"{W}body/{W}sdt")
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    assert gallery.get(f"{W}val") == "Table of Contents"
    assert instructions(sdt)[0].startswith("TOC \\o")
    entries = ["".join(t.text for t in p.iter(f"{W}t")) for p in sdt.iter(f"{W}p")]
    assert entries[:3] == ["Contents", "1 Overview", "1.1 Summary"]
    begin = next(sdt.iter(f"{W}fldChar"))
    assert begin.get(f"{W}dirty") == "true"
    footers = [instructions(part(rich, f"word/footer{n}.xml")) for n in (1, 2)]
    assert ["PAGE", "NUMPAGES"] in footers
    settings_ = part(rich, "word/settings.xml")
    assert settings_.find(f"{W}updateFields").get(f"{W}val") == "true"


def test_core_properties_come_from_the_document(rich: bytes):
    props = docx.Document(io.BytesIO(rich)).core_properties
    assert props.title == "Rich document"
    assert props.author == "Ann Lee; Bo Chen"
    assert props.subject == "Product requirements document"
    assert props.keywords == "rich-doc, 2.1.0, Draft"
    assert props.created == WHEN
    assert props.last_modified_by == "Ann Lee"
    with zipfile.ZipFile(io.BytesIO(rich)) as z:
        assert not any(b"python-docx" in z.read(name) for name in z.namelist())
        assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_two_renders_are_byte_identical_with_fixed_entries():
    first, second = render(), render()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
    assert [i.filename for i in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert {i.date_time for i in infos} == {(2026, 3, 1, 9, 30, 0)}
    assert render(timestamp=datetime(2026, 3, 2, tzinfo=timezone.utc)) != first


def test_without_timestamp_the_documents_date_is_used():
    data = render(timestamp=None)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.modified == datetime(2026, 2, 1, tzinfo=timezone.utc)


def test_chinese_labels_toc_and_footer():
    data = render(lang="zh")
    heads = outline(data)
    assert "Heading 1|需求说明" in heads and "Heading 2|需求追踪矩阵" in heads
    body = part(data, "word/document.xml")
    sdt = body.find(f"{W}body/{W}sdt")
    assert next(sdt.iter(f"{W}t")).text == "目录"
    before, between, after = page_pieces("zh")
    footer = "".join(
        t.text for n in (1, 2) for t in part(data, f"word/footer{n}.xml").iter(f"{W}t")
    )
    assert before.strip() in footer and between.strip() in footer and after.strip() in footer
    lang = part(data, "word/styles.xml").find(f"{W}docDefaults//{W}lang")
    assert lang.get(f"{W}val") == "en-US" and lang.get(f"{W}eastAsia") == "zh-CN"


def test_softbreaks_join_chinese_without_spaces():
    doc = document(
        RICH.replace("The checkout works.", "|\n      第一行\n      第二行 and\n      more")
    )
    body = part(render(doc), "word/document.xml")
    text = "".join(t.text or "" for t in body.iter(f"{W}t"))
    assert "第一行第二行 and more" in text


def test_markdown_heading_and_image_have_explicit_answers(rich: bytes):
    opened = docx.Document(io.BytesIO(rich))
    para = next(p for p in opened.paragraphs if p.text == "A heading inside a field")
    assert not para.style.name.startswith("Heading")
    assert all(r.bold for r in para.runs)
    image = next(p for p in opened.paragraphs if p.text == "diagram")
    link = image._p.find(f"{W}hyperlink")
    rels = opened.part.rels
    assert rels[link.get(f"{R}id")].target_ref == "https://example.com/d.png"


def test_unsupported_node_types_render_their_text():
    tokens = [
        Token("widget_open", "div", 1),
        Token(
            "inline",
            "",
            0,
            content="kept words",
            children=[Token("text", "", 0, content="kept words")],
        ),
        Token("widget_close", "div", -1),
    ]
    tree = SyntaxTreeNode(tokens)
    assert tree.children[0].type not in BLOCK_RULES
    from prdkit.layout import build as build_layout
    from prdkit.writers.docx.base import open_base
    from prdkit.writers.docx.builder import Builder
    from prdkit.writers.docx.richtext import Block, render_block

    b = Builder(open_base(None), build_layout(document(), "en"))
    container = etree.Element(f"{W}body")
    render_block(tree.children[0], Block(b, container, "Normal", b.width))
    assert ["".join(t.text for t in p.iter(f"{W}t")) for p in container] == ["kept words"]
    assert {"text", "strong", "em", "link", "image", "code_inline"} <= set(INLINE_RULES)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_plain_fast_path_agrees_with_the_parser(text: str):
    plain = plain_paragraph(text)
    if plain is None:
        return
    tree = parse(text)
    assert [n.type for n in tree.children] == ["paragraph"]
    leaves = tree.children[0].children[0].children
    assert [n.type for n in leaves] == ["text"] and leaves[0].content == plain


def test_characters_xml_cannot_hold_never_reach_the_file():
    doc = document()
    doc = build(
        {
            "prdkit": 1,
            "meta": {**_meta(doc), "title": "Bad\x01title\ufffe"},
            "requirements": [{"id": "R1", "title": "x\x0bz", "priority": "must"}],
        }
    )
    data = render(doc)
    assert docx.Document(io.BytesIO(data)).core_properties.title == "Badtitle"
    assert "Heading 2|R1  xz" in outline(data)


def _meta(doc: Document) -> dict[str, object]:
    m = doc.meta
    return {
        "id": m.id,
        "title": m.title,
        "version": m.version,
        "status": m.status,
        "owner": m.owner,
    }


def test_gantt_shades_the_weeks_of_each_milestone(rich: bytes):
    gantt = tables(rich)["Milestones|03-02"]
    shaded = [
        sum(1 for tc in row._tr.iter(f"{W}tc") if tc.find(f"{W}tcPr/{W}shd") is not None)
        for row in gantt.rows[1:]
    ]
    assert shaded == [3, 1]  # 2 to 20 March spans three weeks; a due date alone, one


def test_flow_steps_show_next_steps_branches_and_ends(rich: bytes):
    steps = tables(rich)["No.|ID"]
    nexts = [row.cells[4].text for row in steps.rows[1:]]
    assert nexts == ["pay", "card declined → start\npaid → done", "End of flow"]
    # Each next step links to the row of that step.
    links = [h.get(f"{W}anchor") for h in steps._tbl.iter(f"{W}hyperlink")]
    marks = {b.get(f"{W}name") for b in steps._tbl.iter(f"{W}bookmarkStart")}
    assert len(links) == 3 and set(links) <= marks


def test_reference_document_lends_styles_page_and_header(tmp_path: Path):
    ref = docx.Document()
    heading = ref.styles["Heading 1"]
    heading.font.color.rgb = docx.shared.RGBColor(0x12, 0x34, 0x56)
    section = ref.sections[0]
    section.page_width, section.page_height = docx.shared.Inches(8.5), docx.shared.Inches(11)
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "ACME confidential"
    ref.add_paragraph("body text that must not survive")
    path = tmp_path / "corp.docx"
    ref.save(path)
    data = render(reference_doc=path)
    opened = docx.Document(io.BytesIO(data))
    assert opened.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0x12, 0x34, 0x56)
    assert opened.sections[0].page_width == docx.shared.Inches(8.5)
    assert opened.sections[0].header.paragraphs[0].text == "ACME confidential"
    assert "PRD Table" in [s.name for s in opened.styles]  # created, the reference lacks it
    assert all("must not survive" not in p.text for p in opened.paragraphs)


def test_an_earlier_render_as_reference_lends_no_header_of_its_own(tmp_path: Path):
    # A team renders with last week's file as the reference: its header said DRAFT on an
    # approved document, and each render added a line to it.
    earlier = tmp_path / "earlier.docx"
    earlier.write_bytes(render(document(RICH)))  # a draft
    draft = document(RICH)
    approved = dataclasses.replace(draft, meta=dataclasses.replace(draft.meta, status="approved"))
    first = render(approved, reference_doc=earlier)
    again_path = tmp_path / "again.docx"
    again_path.write_bytes(first)
    second = render(approved, reference_doc=again_path)
    plain = render(approved)

    def headers(data: bytes) -> list[str]:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = sorted(n for n in z.namelist() if re.match(r"word/header\d+\.xml$", n))
            return ["".join(etree.fromstring(z.read(n)).itertext()) for n in names]

    assert headers(first) == headers(second) == headers(plain)
    assert not any("DRAFT" in text for text in headers(first))
    # Nor the lists of its emptied body: the file grew at every render before.
    third_path = tmp_path / "third.docx"
    third_path.write_bytes(second)
    assert render(approved, reference_doc=third_path) == second
    # A reference edited in Word (which names itself in the file) keeps its header.
    with zipfile.ZipFile(earlier) as source, zipfile.ZipFile(tmp_path / "word.docx", "w") as out:
        for member in source.namelist():
            data = source.read(member)
            if member == "docProps/app.xml":
                data = data.replace(b">prdkit<", b">Microsoft Office Word<")
            out.writestr(member, data)
    edited = render(approved, reference_doc=tmp_path / "word.docx")
    assert any("DRAFT" in text for text in headers(edited))


def edited_reference(
    path: Path, name: str, *pairs: tuple[bytes | re.Pattern[bytes], bytes]
) -> Path:
    """python-docx's default document saved at `path`, with each (old, new) of `pairs`
    replaced in turn in its part `name` (old a string or a pattern)."""
    plain = io.BytesIO()
    docx.Document().save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.namelist():
            data = source.read(member)
            if member == name:
                for old, new in pairs:
                    data = (
                        old.sub(new, data)
                        if isinstance(old, re.Pattern)
                        else data.replace(old, new)
                    )
            target.writestr(member, data)
    return path


def respelled_reference(path: Path, how: str) -> Path:
    """A reference document whose document.xml writes Word's namespace `how`: as the
    default namespace, or under ns0: with w: bound to another."""
    if how == "default":
        declare = b'xmlns="' + W[1:-1].encode() + b'" xmlns:w='
        pairs = ((b"<w:", b"<"), (b"</w:", b"</"))
    else:
        declare = b'xmlns:w="urn:x-other" xmlns:ns0='
        pairs = ((b"<w:", b"<ns0:"), (b"</w:", b"</ns0:"), (b" w:", b" ns0:"))
    return edited_reference(path, "word/document.xml", (b"xmlns:w=", declare), *pairs)


def _names(data: bytes) -> list[tuple[object, ...]]:
    """The body as namespaces, names, attributes and text, whatever the prefixes."""
    body = part(data, "word/document.xml").find(f"{W}body")
    return [(e.tag, sorted(e.attrib.items()), e.text, e.tail) for e in body.iter()]


@pytest.mark.parametrize("how", ["default", "ns0"])
def test_a_reference_document_may_spell_words_namespace_its_own_way(tmp_path: Path, how):
    plain = tmp_path / "plain.docx"
    docx.Document().save(plain)
    odd = respelled_reference(tmp_path / f"{how}.docx", how)
    assert _names(render(reference_doc=odd)) == _names(render(reference_doc=plain))


# Files Word opens, written as Word would not, or with what Word leaves out.
_ODD_REFERENCES = {
    "no section properties": (
        "word/document.xml",
        re.compile(rb"<w:sectPr.*?</w:sectPr>", re.S),
        b"",
    ),
    "a page height with a decimal point": (
        "word/document.xml",
        re.compile(rb'(<w:pgSz[^>]*w:h=")([0-9]+)"'),
        rb'\g<1>\2.0"',
    ),
    "a style without an id": ("word/styles.xml", b'w:styleId="Heading1"', b""),
    "a heading style that is a character style": (
        "word/styles.xml",
        b'w:type="paragraph" w:styleId="Heading1"',
        b'w:type="character" w:styleId="Heading1"',
    ),
    "core properties whose root is something else": (
        "docProps/core.xml",
        b"cp:coreProperties",
        b"cp:other",
    ),
    "a template (.dotx), which python-docx refuses": (
        "[Content_Types].xml",
        b"wordprocessingml.document.main+xml",
        b"wordprocessingml.template.main+xml",
    ),
    "a macro document (.docm)": (
        "[Content_Types].xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    ),
    "a document without a body": (
        "word/document.xml",
        re.compile(rb"<w:body>.*</w:body>", re.S),
        b"",
    ),
    "a relationship without an id": (
        "word/_rels/document.xml.rels",
        re.compile(rb' Id="rId3"'),
        b"",
    ),
    "a comment among relationships": (
        "word/_rels/document.xml.rels",
        b"<Relationship ",
        b"<!-- c --><Relationship ",
    ),
    "a comment among content types": ("[Content_Types].xml", b"<Default ", b"<!-- c --><Default "),
    "a comment in the settings": (
        "word/settings.xml",
        re.compile(rb"(<w:settings[^>]*>)"),
        rb"\1<!-- c -->",
    ),
    "a comment in a style": ("word/styles.xml", b"<w:rPr>", b"<w:rPr><!-- c -->"),
    "a percent-encoded target": (
        "word/_rels/document.xml.rels",
        b'Target="styles.xml"',
        b'Target="st%79les.xml"',
    ),
}


@pytest.mark.parametrize("odd", sorted(_ODD_REFERENCES))
def test_an_odd_but_readable_reference_document_renders(tmp_path: Path, odd: str):
    name, old, new = _ODD_REFERENCES[odd]
    path = edited_reference(tmp_path / "odd.docx", name, (old, new))
    plain = edited_reference(tmp_path / "plain.docx", name)
    with zipfile.ZipFile(path) as odd_zip, zipfile.ZipFile(plain) as plain_zip:
        assert odd_zip.read(name) != plain_zip.read(name)  # the edit took
    data = render(reference_doc=path)
    assert outline(data) == outline(render(reference_doc=plain))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"plain text, not a zip", "not a Word document"),
        (None, "not a Word document (a zip archive, but not a .docx)"),
        (
            "workbook",
            "is of type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        ),
        ("types", "[Content_Types].xml does not list content types"),
        ("root", "its main part word/document.xml holds <ftr>, not a Word document"),
    ],
)
def test_broken_reference_document_is_a_clear_error(tmp_path: Path, content, message):
    path = tmp_path / "corp.docx"
    if content == "workbook":  # an Excel workbook renamed
        pair = (b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml")
        edited_reference(path, "[Content_Types].xml", pair)
    elif content == "types":  # a part of that name that is something else
        edited_reference(
            path, "[Content_Types].xml", (re.compile(rb"<Types.*</Types>", re.S), b"<a/>")
        )
    elif content == "root":  # the main part holds something other than a document
        tags = (re.compile(rb"<w:document\b"), b"<w:ftr"), (b"</w:document>", b"</w:ftr>")
        edited_reference(path, "word/document.xml", *tags)
    elif content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "a zip, but no Word document")
    else:
        path.write_bytes(content)
    with pytest.raises(OutputError, match=re.escape(message)):
        render(reference_doc=path)
    with pytest.raises(OutputError, match="not found"):
        render(reference_doc=tmp_path / "missing.docx")


def headed_reference(path: Path, *pairs: tuple[bytes | re.Pattern[bytes], bytes]) -> Path:
    """A reference document with a header of its own, each (old, new) of `pairs` replaced
    in the document's relationships; the header part's root is then a footer's."""
    made = io.BytesIO()
    corp = docx.Document()
    corp.sections[0].header.paragraphs[0].text = "Corp"
    corp.save(made)
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.namelist():
            data = source.read(member)
            if member == "word/_rels/document.xml.rels":
                for old, new in pairs:
                    data = (
                        old.sub(new, data)
                        if isinstance(old, re.Pattern)
                        else data.replace(old, new)
                    )
            elif member.startswith("word/header"):
                data = data.replace(b"w:hdr", b"w:ftr")
            target.writestr(member, data)
    return path


def test_a_header_that_is_not_one_is_left_out_and_read_once(tmp_path: Path, monkeypatch):
    # Three more relationships to the same header part: judged once, each left out.
    again = re.compile(rb'(<Relationship Id="(rId\d+)"[^>]*relationships/header"[^>]*/>)')
    path = headed_reference(tmp_path / "corp.docx", (again, rb"\1\1\1\1"))
    reads: list[str] = []
    cleaner = reference._Cleaner
    original = cleaner._read
    monkeypatch.setattr(
        cleaner, "_read", lambda self, name: reads.append(name) or original(self, name)
    )
    data = render(reference_doc=path)
    assert len(reads) == len(set(reads)), reads
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        headers = [z.read(n) for n in z.namelist() if n.startswith("word/header")]
    # prdkit's own header and its blank first-page one; none with a footer's root
    assert {etree.fromstring(h).tag for h in headers} == {f"{W}hdr"}
    assert not any(b"Corp" in h for h in headers)


def test_of_two_styles_named_alike_the_last_is_used(tmp_path: Path):
    twin = b'<w:style w:type="paragraph" w:styleId="Title2"><w:name w:val="title"/></w:style>'
    path = edited_reference(
        tmp_path / "corp.docx", "word/styles.xml", (b"</w:styles>", twin + b"</w:styles>")
    )
    body = part(render(reference_doc=path), "word/document.xml")
    styles = [e.get(f"{W}val") for e in body.iter(f"{W}pStyle")]
    assert "Title2" in styles and "Title" not in styles


def test_a_reference_keeps_its_theme_and_kinds_of_parts_are_known(tmp_path: Path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(plain)
    with zipfile.ZipFile(io.BytesIO(render(reference_doc=plain))) as z:
        assert "word/theme/theme1.xml" in z.namelist()
    kept = set().union(*reference._KEEP.values()) - {"image"}
    assert kept <= set(reference._PARTS)


@pytest.mark.parametrize(
    ("edit", "zh", "en"),
    [
        ((b"<w:styles", b"<!DOCTYPE x><w:styles"), "声明了 DTD", "declares a DTD"),
        ((b"</w:styles>", b""), "不是格式正确的 XML", "not well-formed XML"),
    ],
)
def test_why_a_reference_is_refused_is_said_in_the_documents_language(
    tmp_path: Path, edit, zh: str, en: str
):
    path = edited_reference(tmp_path / "corp.docx", "word/styles.xml", edit)
    with pytest.raises(OutputError) as refused:
        render(reference_doc=path)
    said = refused.value.message
    assert isinstance(said, Msg)
    assert zh in said.render("zh") and en not in said.render("zh")
    assert en in said.render("en") and "word/styles.xml" in said.render("zh")


def test_cli_renders_atomically_and_refuses_a_broken_reference(tmp_path: Path):
    source = tmp_path / "rich.prd.yaml"
    source.write_text(RICH, encoding="utf-8")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    refused = run_prdkit("render", str(source), "--to", "docx", "--reference-doc", str(bad))
    assert refused.returncode == 2, refused.stderr
    assert "bad.docx" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "rich.docx").exists()
    done = run_prdkit("render", str(source), "--to", "docx")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx", "rich.docx", "rich.prd.yaml"]
    assert outline((tmp_path / "rich.docx").read_bytes())[0] == "Title|Rich document"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.prd.yaml")), ids=lambda p: p.name)
def test_examples_render_every_requirement(path: Path):
    doc = document(path.read_text(encoding="utf-8"))
    data = render(doc, lang=doc.meta.language)
    heads = outline(data)
    for req in doc.requirements:
        assert f"Heading 2|{req.id}  {req.title}" in heads
    section = label("section.requirements", doc.meta.language)
    assert f"Heading 1|{section}" in heads


def markdown_headings(doc: Document, level: int) -> list[str]:
    """The headings of `level` in the Markdown writer's output, spaces collapsed."""
    from prdkit.writers.markdown import render as markdown

    marker = "#" * level + " "
    lines = markdown(doc, doc.meta.language).splitlines()
    return [" ".join(line[len(marker) :].split()) for line in lines if line.startswith(marker)]


@pytest.mark.parametrize(
    "path",
    [
        *sorted(EXAMPLES.glob("*.prd.yaml")),
        *sorted((EXAMPLES.parent / "templates").glob("*.prd.yaml")),
    ],
    ids=lambda p: p.name,
)
def test_same_sections_and_items_as_the_markdown_writer(path: Path):
    doc = document(path.read_text(encoding="utf-8"))
    heads = [h.split("|", 1) for h in outline(render(doc, lang=doc.meta.language))]
    sections = [" ".join(text.split()) for style, text in heads if style == "Heading 1"]
    items = {" ".join(text.split()) for style, text in heads if style == "Heading 2"}
    assert sections == markdown_headings(doc, 2)[1:]  # the Markdown contents heading aside
    assert set(markdown_headings(doc, 3)) <= items


def test_column_widths_fill_the_table_and_keep_header_words_whole():
    from prdkit.writers.docx.tables import Fixed, longest_word, widths

    parts = widths(9000, [Fixed(1200), 1, 3, 1])
    assert sum(parts) == 9000 and parts[0] == 1200 and parts[2] == 3 * parts[1]
    need = longest_word("Requirements")
    free = widths(9000, [Fixed(3000), 6, 0.5, 2])
    narrow = widths(9000, [Fixed(3000), 6, 0.5, 2], [0, 0, need, 0])
    assert free[2] < need <= narrow[2]
    assert sum(narrow) == 9000 and narrow[0] == 3000  # a fixed column never gives
    assert free[1] - narrow[1] > free[3] - narrow[3] > 0  # the widest gives the most


@pytest.mark.parametrize("text", ["plain", " edges ", "", "a\tb\nc", "bad\x01char", "\u00a0x"])
def test_runs_read_as_the_element_builder_writes_them(text: str):
    from prdkit.layout import build as build_layout
    from prdkit.writers.docx.base import open_base
    from prdkit.writers.docx.builder import Builder
    from prdkit.writers.docx.oxml import Look, add_text, body, inner

    b = Builder(open_base(None), build_layout(document(), "en"))
    look = Look(bold=True)
    made, expected = body(b.nsmap), body(b.nsmap)
    para = etree.SubElement(made, f"{W}p")
    first = b.run(para, text, None, look)
    second = b.run(para, "other", None, look)
    etree.SubElement(expected, f"{W}p").append(etree.Element(f"{W}r"))
    expected[0][0].append(b.rpr(look, None))
    add_text(expected[0][0], text)
    # A run's properties are a mark until the body is serialized (see runmarks).
    para.remove(second)
    assert b.serialized(made) == inner(expected)
    # Each run is a copy of its own: setting one's text leaves the other and the next alone.
    assert [t.text for t in second.iter(f"{W}t")] == ["other"]
    para.remove(first)
    b.run(para, text, None, look)
    assert b.serialized(made) == inner(expected)


@pytest.mark.parametrize("name", ["flash-sale.prd.yaml", "loyalty-checkout.prd.yaml"])
def test_cells_of_one_value_copied_read_as_cells_filled_one_by_one(monkeypatch, name):
    # A table copies a cell it made for the same value and look (and measures it once);
    # every cell filled anew, as for the ids that place their bookmark, gives the same file.
    from prdkit.writers.docx import cells
    from tests.test_docx_print import render

    copied = render(EXAMPLES / name)
    monkeypatch.setattr(cells, "_places", lambda cell: True)
    assert render(EXAMPLES / name) == copied


def test_copied_cells_keep_their_ids_and_dates_whole(monkeypatch):
    # Dates and ids repeat down a column of a long document; a copied cell's texts go
    # through the same hyphen pass as the cell they were copied from.
    from benchmarks.generate import generate
    from prdkit.writers.docx import cells

    doc = document(generate(60, seed=3, lang="zh"))
    copied = render(doc)
    monkeypatch.setattr(cells, "_places", lambda cell: True)
    assert render(doc) == copied


def test_a_copied_cell_keeps_its_own_shading_and_column(monkeypatch):
    from prdkit.layout import build as build_layout
    from prdkit.layout.cells import Enum, Ref, Text
    from prdkit.writers.docx import cells
    from prdkit.writers.docx.base import open_base
    from prdkit.writers.docx.builder import Builder
    from prdkit.writers.docx.cells import filler
    from prdkit.writers.docx.tables import Table

    def table() -> bytes:
        b = Builder(open_base(None), build_layout(document(), "en"))
        made = Table(b, etree.Element(f"{W}body"), [1, 2], header=["A", "B"])
        name, ref = Text("Ann", tone="good"), Ref("REQ-1", "Checkout", None, named=True)
        for fills in ([None, None], ["EEF2F7", None], [None, "FF0000"], [None, None]):
            made.row([filler(b, name), filler(b, ref)], fills=fills)
        made.row([filler(b, ref), filler(b, Enum("status", "x", "X", "good"))])
        made.row([filler(b, name, cells.LOOKS["bad"]), filler(b, name)])
        made.finish()
        return etree.tostring(made.tbl)

    copied = table()
    monkeypatch.setattr(cells, "_places", lambda cell: True)  # every cell filled anew
    assert table() == copied


def test_table_cells_made_from_prototypes_stay_apart():
    from prdkit.layout import build as build_layout
    from prdkit.writers.docx.base import open_base
    from prdkit.writers.docx.builder import Builder
    from prdkit.writers.docx.tables import Table

    b = Builder(open_base(None), build_layout(document(), "en"))
    table = Table(b, etree.Element(f"{W}body"), [1, 1], header=["A", "B"])
    table.row(["x", "y"], fills=["FF0000", None])
    table.row(["z", lambda para: table.text(para, "w")])
    rows = list(table.tbl.iterchildren(f"{W}tr"))
    assert [len(list(r.iter(f"{W}tblHeader"))) for r in rows] == [1, 0, 0]
    assert [len(list(r.iter(f"{W}shd"))) for r in rows] == [2, 1, 0]
    assert ["".join(t.text for t in r.iter(f"{W}t")) for r in rows] == ["AB", "xy", "zw"]
    assert [len(list(tc.iterchildren(f"{W}p"))) for tc in rows[2].iterchildren(f"{W}tc")] == [1, 1]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="RQ-0 1\tTODO待定\n", max_size=16),
    st.booleans(),
)
def test_item_ids_joined_up_front_read_as_joined_after(text: str, flag: bool):
    from prdkit.layout import build as build_layout
    from prdkit.writers.docx.base import open_base
    from prdkit.writers.docx.builder import Builder
    from prdkit.writers.docx.oxml import Look, unbroken_hyphens

    b = Builder(open_base(None), build_layout(document(), "en"))
    b.flag_placeholders = flag
    look = Look(bold=True)
    fast = etree.Element(f"{W}p")
    b.item_id(fast, text, "Compact", look)
    # The way it was first written: the run made, then the hyphens of its first w:t joined.
    slow = etree.Element(f"{W}p")
    t = b.run(slow, text, "Compact", look).find(f"{W}t")
    if t is not None and "-" in text:
        unbroken_hyphens(t)
    assert etree.tostring(fast) == etree.tostring(slow)


def test_looks_changed_alike_are_one_look():
    from prdkit.writers.docx.oxml import PLAIN, Look

    linked = PLAIN.but(style="Hyperlink")
    assert linked is PLAIN.but(style="Hyperlink")
    assert linked.key() == Look(style="Hyperlink").key()
    assert PLAIN.but(bold=True, color="FF0000").key() == Look(bold=True, color="FF0000").key()
    assert PLAIN.key() == Look().key()


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.prd.yaml")), ids=lambda p: p.name)
def test_ids_kept_whole_as_texts_are_made_as_from_the_noted_texts_and_a_search(path: Path):
    from prdkit.layout import build as build_layout
    from prdkit.writers.docx.base import open_base
    from prdkit.writers.docx.builder import _JOINED, Builder
    from prdkit.writers.docx.oxml import unbroken_hyphens
    from prdkit.writers.docx.render import render as render_block

    doc = document(path.read_text(encoding="utf-8"))
    laid = build_layout(doc, doc.meta.language)

    def built(joins_ids: bool) -> Builder:
        b = Builder(open_base(None), laid)
        b.joins_ids = joins_ids  # False: every text with a hyphen is left to `finished`
        for section in laid.sections:
            for block in section.blocks:
                render_block(b, block)
        return b

    noted, made = built(False), built(True)
    # The pass as it searched the part: every w:t holding a hyphen not yet joined, in a
    # paragraph other than a heading.
    searched = noted.body.__copy__()
    before = [t.text for t in searched.iter(f"{W}t")]
    headings = {noted.styles.id(f"heading {level}") for level in (1, 2, 3)}
    hyphened = etree.XPath("descendant::w:t[contains(text(), '-')]", namespaces={"w": W[1:-1]})
    for t in hyphened(searched):
        if t.text.count("-") == t.text.count(_JOINED):
            continue
        if any(p.tag == f"{W}p" and noted.style_of(p) not in headings for p in t.iterancestors()):
            unbroken_hyphens(t, noted.ids)
    texts = [t.text for t in searched.iter(f"{W}t")]
    assert texts != before  # the pass had mentions to join
    assert made.hyphened < noted.hyphened / 2  # most were joined as they were made
    for b in (noted, made):
        assert [t.text for t in b.finished(b.body).iter(f"{W}t")] == texts


@pytest.mark.parametrize("keep_next", [False, True])
@pytest.mark.parametrize("indent", [None, 720])
@pytest.mark.parametrize("rule_below", [False, True])
@pytest.mark.parametrize("pending", [None, (3, 1)])
def test_a_field_paragraph_copied_from_its_prototype_is_the_one_built(
    keep_next, indent, rule_below, pending
):
    # Markdown fields copy most paragraphs from a prototype per kind; numbered ones are
    # built. Both read as the paragraph the properties alone make, again and again.
    from prdkit.layout import build as build_layout
    from prdkit.writers.docx.base import open_base
    from prdkit.writers.docx.builder import Builder
    from prdkit.writers.docx.oxml import body, paragraph_properties
    from prdkit.writers.docx.richtext import Block, new_paragraph

    b = Builder(open_base(None), build_layout(document(), "en"))
    container = body()
    for _ in range(2):
        block = Block(b, container, "Compact", b.width, pending=pending, indent=indent)
        made = new_paragraph(block, keep_next=keep_next, rule_below=rule_below)
        assert block.pending is None
        expected = etree.SubElement(body(), f"{W}p")
        paragraph_properties(
            expected,
            "Compact",
            keep_next=keep_next,
            num=pending,
            indent=indent if pending is None else None,
            rule_below=rule_below,
        )
        assert made.getparent() is container
        assert etree.tostring(made) == etree.tostring(expected)


@pytest.mark.parametrize(
    "ppr",
    [{}, {"keep_next": True, "spacing": {"after": "0"}}, {"num": (3, 1)}, {"indent": 360}],
)
def test_paragraphs_copied_whole_read_as_paragraphs_given_properties(ppr: dict[str, object]):
    from prdkit.writers.docx.oxml import add_paragraph, paragraph_properties

    whole, made = etree.Element(f"{W}body"), etree.Element(f"{W}body")
    add_paragraph(whole, "Compact", **ppr)
    paragraph_properties(etree.SubElement(made, f"{W}p"), "Compact", **ppr)
    assert etree.tostring(whole) == etree.tostring(made)


def test_ids_in_the_header_stay_as_written_and_in_the_body_stay_whole():
    # The title's date is kept whole where the title is prose (the cover), and as written in
    # the page header, which is made after the body's texts were joined.
    from tests.conftest import MINIMAL

    data = render(document(MINIMAL.replace("title: Demo", "title: Launch 2026-01-31 REQ-9")))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        headers = [n for n in z.namelist() if n.startswith("word/header")]
        header_text = "".join(
            t.text or "" for n in headers for t in etree.fromstring(z.read(n)).iter(f"{W}t")
        )
    body = "".join(t.text or "" for t in part(data, "word/document.xml").iter(f"{W}t"))
    assert "Launch 2026-01-31 REQ-9" in header_text
    assert "Launch 2026\u2060-\u206001\u2060-\u206031 REQ-9" in body


def test_an_items_facts_keep_with_what_follows_them():
    # A page's heading and facts left at the foot of a page, its prototype on the next.
    text = (
        "prdkit: 1\n"
        "meta: {id: P, title: Shop, version: '1', status: draft, owner: o}\n"
        "requirements: [{id: R1, title: Orders, priority: should, description: Orders.}]\n"
        "pages:\n"
        "  - id: PG-admin\n"
        "    name: Merchant console\n"
        "    surface: admin\n"
        "    entry: From the menu.\n"
        "    description: The console.\n"
    )
    result = check_bytes(text.encode(), "p.prd.yaml")
    assert result.document is not None
    body = part(render(result.document), "word/document.xml")
    paras = body.findall(f".//{W}p")
    texts = ["".join(p.itertext()) for p in paras]
    facts = [i for i, t in enumerate(texts) if t.startswith(label("field.surface", "en") + ":")]
    assert facts, texts
    for i in facts:
        assert paras[i].find(f"{W}pPr/{W}keepNext") is not None, texts[i]


def test_a_tall_picture_after_words_starts_a_line_of_its_own(tmp_path: Path):
    from tests.pictures import png

    (tmp_path / "tall.png").write_bytes(png(400, 860))
    (tmp_path / "icon.png").write_bytes(png(16, 16))
    text = (
        "prdkit: 1\n"
        "meta: {id: P, title: Shop, version: '1', status: draft, owner: o}\n"
        "requirements:\n"
        "  - id: R1\n    title: Orders\n    priority: should\n"
        "    acceptance_criteria:\n"
        "      - 'See the screen ![screen](tall.png)'\n"
        "      - 'Tap ![icon](icon.png) to share'\n"
        "      - '![alone](tall.png)'\n"
        "      - 'See below<br>![after a break](tall.png)'\n"
    )
    source = tmp_path / "p.prd.yaml"
    source.write_text(text, encoding="utf-8")
    (made,) = render_files(check_file(source), source, ["docx"], tmp_path)
    body = part(made.path.read_bytes(), "word/document.xml")
    drawn = {}
    for para in body.iter(f"{W}p"):
        runs = list(para.iter(f"{W}r"))
        for i, run in enumerate(runs):
            docpr = next(run.iter("{*}docPr"), None)
            if docpr is not None:
                breaks = sum(1 for r in runs[:i] for _ in r.iter(f"{W}br"))
                drawn[docpr.get("descr")] = breaks
    # The words stay above the screen, one break apart; an icon stays in its sentence; a
    # picture alone, or after a break of the author's, needs none more.
    assert drawn == {"screen": 1, "icon": 0, "alone": 0, "after a break": 1}


def test_a_long_chinese_list_of_ids_may_break_after_each_comma():
    # Past the linked ones a list of ids is one text; LibreOffice split its ids at their
    # hyphen ("REQ" | "-51") when no break was allowed after 、.
    items = "".join(
        f"  - id: REQ-{i}\n    title: 需求 {i}\n    priority: could\n" for i in range(2, 62)
    )
    text = (
        "prdkit: 1\n"
        "meta: {id: P, title: 店铺, version: '1', status: draft, owner: o, language: zh}\n"
        "requirements:\n"
        "  - id: REQ-1\n    title: 总需求\n    priority: could\n"
        f"    depends_on: [{', '.join(f'REQ-{i}' for i in range(2, 62))}]\n" + items
    )
    result = check_bytes(text.encode(), "p.prd.yaml")
    assert result.document is not None and not result.failed()
    xml = part(render(result.document, lang="zh"), "word/document.xml")
    texts = [t.text or "" for t in xml.iter(f"{W}t")]
    listed = next(t for t in texts if t.count("、") >= 50)
    assert re.findall("、(?!\u200b)", listed) == []
    assert listed.count("、\u200b") == 59
