"""Property-based tests: mutated documents never crash; schema-drawn valid ones always render.

CI runs a fixed, derandomised set of examples per property (PRDKIT_FUZZ_EXAMPLES, default
40) so the suite stays fast and repeatable. A longer local run draws fresh examples too:

    PRDKIT_FUZZ_EXAMPLES=5000 PRDKIT_FUZZ_RANDOM=1 python -m pytest tests/test_properties.py

Hypothesis prints the smallest failing document; paste it into a corpus case in
tests/hostile/corpus.py so it stays covered.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, event, given, settings
from hypothesis import strategies as st

from prdkit.check import check_bytes
from prdkit.diagnostics import Severity
from prdkit.loader import MAX_PROBLEMS, load_bytes
from prdkit.render import source_timestamp
from prdkit.ruletable import RULES
from prdkit.schema import load_schema
from prdkit.writers import RenderOptions, get_writer
from tests.conftest import EXAMPLES, MINIMAL
from tests.hostile.schemagen import documents, to_yaml
from tests.hostile.writers import needs_writers

EXAMPLES_PER_PROPERTY = int(os.environ.get("PRDKIT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES_PER_PROPERTY,
    derandomize=not os.environ.get("PRDKIT_FUZZ_RANDOM"),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain"
)

# Seeds: the smallest document and every shipped example, as bytes and as data.
SEEDS: dict[str, bytes] = {"minimal": MINIMAL.encode("utf-8")} | {
    p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.prd.yaml"))
}

ODD_VALUES = [
    None, True, False, 0, -1, 1.5, -0.0, 10**29, 1e308, 5e-324, "", " ", "text", "2026-02-30",
    "<script>x</script>", "::error::x", "\u202eevil", "a\nb", "x" * 5000, [], {}, ["x"],
    {"k": "v"}, [[[]]], {"id": "R1"}, "R1", "must", "TODO",
]  # fmt: skip
HOSTILE_BYTES = [
    b"\x00", b"\xff", b"\xef\xbb\xbf", b"&a ", b"*a ", b"!!binary ", b"<<: ", b"\t", b"\r",
    b"\r\n", b"---\n", b"...\n", b"[", b"{", b"'", b'"', b"\\", b"? ", b": ", b"- ", b"#",
    b"%YAML 1.1\n", b"\xe2\x80\xae", b"\xed\xa0\x80", b"9" * 40, b".nan", b"~",
]  # fmt: skip


def check_never_crashes(raw: bytes, *, json_mode: bool = False) -> Any:
    """check_bytes on `raw`: no exception, and a report that is consistent with itself."""
    result = check_bytes(
        raw, "fuzz.prd.json" if json_mode else "fuzz.prd.yaml", json_mode=json_mode
    )
    # Every diagnostic is kept (only the text format lists fewer); reading stops at a bound.
    if result.data is None:
        assert len(result.diagnostics) <= MAX_PROBLEMS
    # Lines of the text, or of the raw bytes when they could not be decoded; a problem at
    # the very end may sit one line past the last.
    lines = max(result.text.count("\n"), raw.count(b"\n") + raw.count(b"\r")) + 2
    for d in result.diagnostics:
        assert d.rule in RULES, d.rule
        assert 1 <= d.line <= max(lines, 2), (d.line, lines, d.rule, d.message)
        assert d.column >= 1
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    assert errors == result.errors
    assert (result.errors > 0) == result.failed()
    event("valid" if not result.failed() else "invalid")
    return result


# -- (1) mutations of valid documents


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for token in path[:-1]:
        data = data[token]
    return data


def _with_ids(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            found.append(node)
        for value in node.values():
            found += _with_ids(value)
    elif isinstance(node, list):
        for value in node:
            found += _with_ids(value)
    return found


def mutate(data: dict[str, Any], draw: st.DrawFn) -> str:
    """Change `data` in place by one drawn mutation; return its name."""
    paths = [p for p in _paths(data) if p]
    how = draw(
        st.sampled_from(["delete", "retype", "duplicate-id", "copy-item", "rename", "unknown"])
    )
    path = draw(st.sampled_from(paths))
    parent = _parent(data, path)
    if how == "delete":
        del parent[path[-1]]
    elif how == "retype":
        parent[path[-1]] = draw(st.sampled_from(ODD_VALUES))
    elif how == "duplicate-id":
        items = _with_ids(data)
        if len(items) >= 2:
            first, second = draw(st.sampled_from(items)), draw(st.sampled_from(items))
            second["id"] = first["id"]
    elif how == "copy-item" and isinstance(parent, list):
        parent.append(json.loads(json.dumps(parent[path[-1]])))
    elif how == "rename" and isinstance(parent, dict):
        parent[str(path[-1]) + draw(st.sampled_from(["s", "_", "x"]))] = parent.pop(path[-1])
    elif how == "unknown" and isinstance(parent, dict):
        parent[draw(st.sampled_from(["requirments", "x-extra", "Meta", "", "1"]))] = "value"
    return how


@FUZZ
@given(seed=st.sampled_from(sorted(SEEDS)), data=st.data(), as_json=st.booleans())
def test_mutated_documents_never_crash(seed: str, data: st.DataObject, as_json: bool) -> None:
    document = load_bytes(SEEDS[seed]).data
    assert document is not None
    for _ in range(data.draw(st.integers(1, 3))):
        event(mutate(document, data.draw))
    text = json.dumps(document, ensure_ascii=False) if as_json else to_yaml(document)
    check_never_crashes(text.encode("utf-8"), json_mode=as_json)


@FUZZ
@given(seed=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_cut_or_spliced_bytes_never_crash(seed: str, data: st.DataObject) -> None:
    raw = SEEDS[seed]
    at = data.draw(st.integers(0, len(raw)))
    how = data.draw(st.sampled_from(["cut", "splice", "replace", "drop-line", "repeat-line"]))
    event(how)
    if how == "cut":
        raw = raw[:at]
    elif how == "splice":
        raw = raw[:at] + data.draw(st.sampled_from(HOSTILE_BYTES)) + raw[at:]
    elif how == "replace":
        raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=4)) + raw[at + 4 :]
    else:
        lines = raw.split(b"\n")
        index = data.draw(st.integers(0, len(lines) - 1))
        lines[index : index + 1] = [] if how == "drop-line" else [lines[index]] * 2
        raw = b"\n".join(lines)
    check_never_crashes(raw, json_mode=data.draw(st.booleans()))


@FUZZ
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    check_never_crashes(raw)
    check_never_crashes(raw, json_mode=True)


# -- (2) documents drawn from the schema


@FUZZ
@given(document=documents(load_schema()), as_json=st.booleans())
def test_schema_documents_read_back_exactly(document: dict[str, Any], as_json: bool) -> None:
    text = json.dumps(document, ensure_ascii=False) if as_json else to_yaml(document)
    loaded = load_bytes(text.encode("utf-8"), json_mode=as_json)
    assert loaded.ok, loaded.problems[:3]
    assert loaded.data == document


@needs_writers("md", "docx")
@FUZZ
@given(document=documents(load_schema()), as_json=st.booleans())
def test_valid_schema_documents_render_to_both_formats(
    document: dict[str, Any], as_json: bool
) -> None:
    text = json.dumps(document, ensure_ascii=False) if as_json else to_yaml(document)
    result = check_never_crashes(text.encode("utf-8"), json_mode=as_json)
    assume(not result.failed())
    options = RenderOptions(
        lang=document["meta"].get("language", "en"), timestamp=source_timestamp(result)
    )
    for fmt in ("md", "docx"):
        output = get_writer(fmt)(result.document, options)
        assert isinstance(output, bytes) and output
        assert get_writer(fmt)(result.document, options) == output  # byte-identical reruns
    markdown = get_writer("md")(result.document, options).decode("utf-8")
    assert document["meta"]["title"].strip() == "" or _visible(document["meta"]["title"], markdown)


def _visible(title: str, markdown: str) -> bool:
    """`True` when some word of the title shows in the Markdown output."""
    words = [w for w in title.split() if w.isalnum()]
    return not words or any(w in markdown for w in words)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seeds_are_valid(seed: str) -> None:
    assert not check_bytes(SEEDS[seed], seed).failed()
    assert yaml.safe_load(SEEDS[seed])
