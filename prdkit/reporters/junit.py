"""JUnit XML: a test case per file, failing when the file fails validation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence

from prdkit.check import CheckResult
from prdkit.reporters.common import listed, ordered, summary
from prdkit.reporters.safety import clean

# Characters XML 1.0 cannot carry at all, even escaped: all but tab, LF, CR, U+0020–U+D7FF,
# U+E000–U+FFFD and U+10000 upwards. Spelt as what is refused, not as the negation of what
# is allowed: compiling the negated class took 6 ms of every run that imports this module.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _xml_text(text: str) -> str:
    """`text` as element text, escaped as ElementTree escapes it (`&`, `<`, `>`). Not
    xml.sax.saxutils: it imports urllib.request, ssl and email, 10 ms of every command."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def report_junit(
    results: Sequence[CheckResult],
    *,
    quiet: bool = False,
    color: bool = False,
    strict: bool = False,
) -> Iterator[str]:
    """JUnit XML: one test case per file, failing when the file fails validation.

    The text ElementTree gives the whole tree indented by `ET.indent`, written a line of a
    test case at a time; the tags with attributes are ElementTree's own.
    """
    files = ordered(results)
    failed = sum(r.failed(strict) for r in files)
    counts = {"tests": str(len(files)), "failures": str(failed), "errors": "0", "skipped": "0"}
    attributes = {"name": "prdkit validate", **counts}
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield _start_tag("testsuites", attributes) + "\n  "
    if not files:
        yield _empty_tag("testsuite", attributes) + "\n</testsuites>\n"
        return
    yield _start_tag("testsuite", attributes)
    for result in files:
        name = _xml(clean(result.file, 4096))
        case = {"classname": "prdkit", "name": name, "file": name}
        shown = listed(result, quiet)
        if result.failed(strict):
            headline = summary([result]).rsplit(" in ", 1)[0]
            inner = ("failure", {"message": headline, "type": "invalid"})
        elif shown:
            inner = ("system-out", {})
        else:
            yield "\n    " + _empty_tag("testcase", case)
            continue
        yield "\n    " + _start_tag("testcase", case) + "\n      "
        if not shown:  # an element without text closes itself, as ElementTree writes it
            yield _empty_tag(*inner)
        else:
            yield _start_tag(*inner)
            for i, d in enumerate(shown):
                line = f"{d.line}:{d.column}: {d.severity.value} {d.rule} {clean(d.message, 1000)}"
                # Escaped as ElementTree escapes text: &, < and >.
                yield ("\n" if i else "") + _xml_text(_xml(line))
            yield f"</{inner[0]}>"
        yield "\n    </testcase>"
    yield "\n  </testsuite>\n</testsuites>\n"


def _empty_tag(tag: str, attributes: dict[str, str]) -> str:
    """`<tag a="v" />`, its attributes escaped by ElementTree."""
    return ET.tostring(ET.Element(tag, attributes), encoding="unicode")


def _start_tag(tag: str, attributes: dict[str, str]) -> str:
    return _empty_tag(tag, attributes).removesuffix(" />") + ">"
