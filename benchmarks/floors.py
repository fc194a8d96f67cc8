"""What a job cannot go below on this machine: the floors the absolute targets are set by.

    python benchmarks/floors.py validate|md|docx|docx-text SOURCE [DOCX] [--repeat N]

Prints one JSON line, {"cpu": s, "wall": s}: the medians of N runs, in this process, of the
least work each job must do, as the performance issue sets it:

- validate: libyaml's event parse of the file, nothing composed;
- md: every Markdown value of the document (found through the schema beforehand) parsed
  with prdkit's markdown-it set-up and rendered by markdown-it's own HTML renderer, the
  output joined;
- docx: the `word/document.xml` prdkit made for SOURCE (read from DOCX and parsed
  beforehand), built again element by element with lxml, serialized and deflated at
  prdkit's level;
- docx-text: the same XML written as text (strings joined, escaped as lxml escapes), then
  deflated: what a writer of text rather than of lxml elements could reach.

A floor leaves out the interpreter's start and the imports (0.1 to 0.3 s here), which the
measured commands include, so a ratio of 1.0 is out of reach by that much.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` and prdkit importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree


def _validate(source: Path, _docx: Path | None) -> Callable[[], object]:
    import yaml

    text = source.read_bytes()

    def work() -> object:
        return sum(1 for _ in yaml.parse(text, Loader=yaml.CSafeLoader))

    return work


def _md(source: Path, _docx: Path | None) -> Callable[[], object]:
    import yaml

    from prdkit.mdfields import markdown_values
    from prdkit.richtext import MD

    data = yaml.load(source.read_bytes(), Loader=yaml.CSafeLoader)
    texts = [text for _, text in markdown_values(data)]

    def work() -> object:
        return "".join(MD.render(text) for text in texts)

    return work


# (parent's index, tag, attributes, namespaces it declares, text, tail)
Plan = list[
    tuple[int, str, dict[str, str], "dict[str | None, str] | None", "str | None", "str | None"]
]


def flatten(root: etree._Element) -> Plan:
    """`root`'s tree as a plan to build it again, parents before their children."""
    plan: Plan = []
    stack: list[tuple[int, etree._Element, dict[str | None, str]]] = [(-1, root, {})]
    while stack:
        parent, element, outer = stack.pop()
        nsmap = element.nsmap
        declared = {k: v for k, v in nsmap.items() if outer.get(k) != v} or None
        plan.append(
            (parent, element.tag, dict(element.attrib), declared, element.text, element.tail)
        )
        index = len(plan) - 1
        stack.extend((index, child, nsmap) for child in reversed(element))
    return plan


def rebuild(plan: Plan) -> bytes:
    """The XML of the tree `plan` describes, built again element by element."""
    built: list[etree._Element] = []
    sub = etree.SubElement
    for parent, tag, attrib, nsmap, text, tail in plan:
        if parent < 0:
            element = etree.Element(tag, attrib, nsmap=nsmap)
        elif nsmap:
            element = sub(built[parent], tag, attrib, nsmap=nsmap)
        else:
            element = sub(built[parent], tag, attrib)
        if text is not None:
            element.text = text
        if tail is not None:
            element.tail = tail
        built.append(element)
    return etree.tostring(built[0], xml_declaration=True, encoding="UTF-8", standalone=True)


# An element as a writer of text knows it: its name and its attributes' names with their
# prefixes, the namespaces it declares (written), its text, tail and children.
Node = tuple[str, "list[tuple[str, str]]", str, "str | None", "str | None", "tuple[Node, ...]"]
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
_SPECIAL_TEXT = re.compile("[&<>\r]")
_SPECIAL_ATTR = re.compile('[&<>"\t\n\r]')


def nodes(root: etree._Element) -> Node:
    """`root`'s tree as a writer of text would hold it."""

    def name(clark: str, nsmap: dict[str | None, str]) -> str:
        qname = etree.QName(clark)
        if qname.namespace is None:
            return qname.localname
        if qname.namespace == "http://www.w3.org/XML/1998/namespace":
            return f"xml:{qname.localname}"
        prefix = next(p for p, uri in nsmap.items() if uri == qname.namespace)
        return f"{prefix}:{qname.localname}" if prefix else qname.localname

    def node(element: etree._Element, outer: dict[str | None, str]) -> Node:
        nsmap = element.nsmap
        declared = "".join(
            f' xmlns:{p}="{uri}"' if p else f' xmlns="{uri}"'
            for p, uri in nsmap.items()
            if outer.get(p) != uri
        )
        attrs = [(name(k, nsmap), v) for k, v in element.attrib.items()]
        kids = tuple(node(child, nsmap) for child in element)
        return (name(element.tag, nsmap), attrs, declared, element.text, element.tail, kids)

    return node(root, {})


def as_text(root: Node) -> bytes:
    """The XML of `root` written as text, as a writer building strings would."""
    out: list[str] = ["<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"]
    put = out.append

    def text(value: str) -> str:
        return value.translate(_TEXT_ESCAPES) if _SPECIAL_TEXT.search(value) else value

    def attr(value: str) -> str:
        return value.translate(_ATTR_ESCAPES) if _SPECIAL_ATTR.search(value) else value

    def write(node: Node) -> None:
        tag, attrs, declared, inner, tail, kids = node
        put(f"<{tag}{declared}" + "".join(f' {k}="{attr(v)}"' for k, v in attrs))
        if kids or inner:
            put(">")
            if inner:
                put(text(inner))
            for kid in kids:
                write(kid)
            put(f"</{tag}>")
        else:
            put("/>")
        if tail:
            put(text(tail))

    write(root)
    return "".join(out).encode("utf-8")


def _document_xml(docx: Path | None) -> etree._Element:
    if docx is None:
        sys.exit("the docx floors need the .docx prdkit made")
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _deflated(make: Callable[[], bytes]) -> Callable[[], object]:
    """Work that makes document.xml with `make` and deflates it at prdkit's level."""
    from prdkit.writers.docx.ziparchive import LEVEL

    def work() -> object:
        packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        return len(packer.compress(make()) + packer.flush())

    return work


def _docx(_source: Path, docx: Path | None) -> Callable[[], object]:
    plan = flatten(_document_xml(docx))  # beforehand: the timed part only builds
    return _deflated(lambda: rebuild(plan))


def _docx_text(_source: Path, docx: Path | None) -> Callable[[], object]:
    root = nodes(_document_xml(docx))  # beforehand: the timed part only writes
    return _deflated(lambda: as_text(root))


JOBS = {"validate": _validate, "md": _md, "docx": _docx, "docx-text": _docx_text}


def measure(job: str, source: Path, docx: Path | None = None, repeat: int = 3) -> dict[str, float]:
    """Median CPU and wall seconds of `repeat` runs of `job`'s floor on `source`."""
    work = JOBS[job](source, docx)
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # the floor is the work, not the collector's passes over what it made
        start_cpu, start = time.process_time(), time.perf_counter()
        work()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
        gc.enable()
    return {"cpu": statistics.median(cpu), "wall": statistics.median(wall)}


def main(argv: list[str] | None = None) -> int:
    """Command line: print one floor as a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("source", type=Path)
    parser.add_argument("docx", type=Path, nargs="?")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.job, args.source, args.docx, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
