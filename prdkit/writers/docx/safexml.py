"""Parsing XML from a reference document, which may come from anyone.

One parser for every part: it resolves no entity, loads no DTD and reaches no network,
whatever the lxml version's defaults are. A part that declares a DTD at all is refused:
Office documents never carry one (ECMA-376 forbids it), so one that does is hostile.
"""

from __future__ import annotations

import io
import re

from lxml import etree

from prdkit.messages import Msg, msg
from prdkit.writers.docx.oxml import w

_OPTIONS = {
    "resolve_entities": False,
    "load_dtd": False,
    "dtd_validation": False,
    "no_network": True,
    "huge_tree": False,
    "remove_pis": True,
    # Nothing reads a comment, and code walking children expects elements only.
    "remove_comments": True,
}
_PARSER = etree.XMLParser(**_OPTIONS)  # type: ignore[arg-type]
_BODY, _SECT_PR = w("body"), w("sectPr")
_INT = re.compile(r"[+-]?[0-9]{1,9}")


class UnsafeXML(Exception):
    """A part that is not well-formed XML, or declares a DTD; `reason` says which (a
    catalogue message, put in words in the run's language)."""

    def __init__(self, reason: Msg) -> None:
        super().__init__(str(reason))
        self.reason = reason


def parse(data: bytes, name: str) -> etree._Element:
    """The root element of part `name`; UnsafeXML when it is malformed or has a DTD."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXML(msg("reference.not-xml", part=name, detail=exc.msg)) from None
    return _checked(root, name)


def parse_without_body(data: bytes, name: str, limit: int) -> etree._Element:
    """The root element of document part `name`, its body emptied as it is read but for the
    body's section properties (the first), as `parse` checks it; what is kept may hold
    `limit` elements and attributes.

    A reference's text is never kept: read whole, a long document counted more elements
    than a part may hold, and could take hundreds of MB. Each element of the body is let
    go once read: a child of the body when its next sibling starts (its tail, read by
    then, goes with it, so no text of the body is left behind), deeper ones as they end.
    """
    reading = etree.iterparse(io.BytesIO(data), events=("start", "end"), **_OPTIONS)  # type: ignore[call-overload]
    depth, body, kept, held = 0, 0, 0, 0  # depths of the body and of its section properties
    read: etree._Element | None = None  # the child of the body read last, yet to go

    def dropped(at: int) -> bool:  # whether what is at depth `at` is the body's content
        return body > 0 and at > body and not (kept > 0 and at >= kept)

    try:
        for event, element in reading:
            if event == "start":
                depth += 1
                if depth == 2 and element.tag == _BODY and body == 0:
                    body = depth
                elif body > 0 and depth == body + 1:
                    if read is not None:
                        element.getparent().remove(read)
                        read = None
                    if element.tag == _SECT_PR and kept == 0:
                        kept = depth
                if not dropped(depth):
                    held += 1 + len(element.attrib)
                    if held > limit:
                        raise UnsafeXML(msg("reference.part-markup", part=name, limit=limit))
                continue
            if dropped(depth):
                if depth == body + 1:
                    read = element
                else:
                    element.getparent().remove(element)
            if depth == kept:
                kept = -1  # the section properties read: any later ones go
            if depth == body:
                if read is not None:
                    element.remove(read)
                    read = None
                body = -1  # only the first body is emptied as read
            depth -= 1
    except etree.XMLSyntaxError as exc:
        raise UnsafeXML(msg("reference.not-xml", part=name, detail=exc.msg)) from None
    return _checked(reading.root, name)


def _checked(root: etree._Element, name: str) -> etree._Element:
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise UnsafeXML(msg("reference.dtd", part=name))
    return root


def serialize(root: etree._Element) -> bytes:
    """`root` as a standalone UTF-8 part."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def xml_int(value: str | None, default: int) -> int:
    """An integer attribute as Word writes it (ASCII digits), else `default`.

    Superscript digits, `1e999` or ids thousands of digits long are read as absent.
    """
    if value is None or not _INT.fullmatch(value):
        return default
    return int(value)
