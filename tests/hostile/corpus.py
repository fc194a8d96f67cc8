"""The hostile corpus: every hazard of "Reading the file", built at test time.

Each case is a small valid document with one hazard placed at a known line, so the test can
ask for `file:LINE:` and the rule. The valid base is `tests.conftest.MINIMAL` (11 lines): a
hazard appended to it starts on line 12. JSON cases use `JSON_BASE`, whose hazard is line 5.
"""

from __future__ import annotations

import codecs
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import MINIMAL

BASE_LINES = MINIMAL.count("\n")  # 11: an appended hazard is on line 12
HAZARD = BASE_LINES + 1
MIB = 1024 * 1024

JSON_BASE = """\
{
  "prdkit": 1,
  "meta": {"id": "demo", "title": "Demo", "version": "0.1.0", "status": "draft", "owner": "Ann"},
  "requirements": [{"id": "R1", "title": "Checkout works", "priority": "could"}]%s
}
"""
JSON_HAZARD = 5


@dataclass(frozen=True)
class Case:
    """One hostile file and what `prdkit validate` must make of it."""

    name: str
    make: Callable[[], bytes]
    exit: int  # 0: valid; 1: a document problem
    line: int | None = None  # the line an error must name, when the hazard has one
    rule: str | None = None  # the rule of that error
    suffix: str = ".prd.yaml"
    heavy: bool = False  # large or slow: run in a process of its own
    bug: str | None = None  # a known bug elsewhere: this case is an expected failure

    @property
    def filename(self) -> str:
        """The file name the case is written to."""
        return self.name + self.suffix


def _cr_lines(fields: int, items: int) -> bytes:
    """MINIMAL and more requirements, each with a description of `items` list items, every
    line ended by CR alone."""
    more = "".join(
        f"  - id: R{n}\n    title: T{n}\n    priority: could\n" for n in range(2, fields + 1)
    )
    text = MINIMAL + more
    block = "    description: |\n" + "      - a\n" * items
    text = text.replace("    priority: could\n", "    priority: could\n" + block)
    return text.replace("\n", "\r").encode()


def after(extra: str | bytes) -> Callable[[], bytes]:
    """MINIMAL with `extra` appended: the hazard starts on line 12."""
    tail = extra.encode("utf-8") if isinstance(extra, str) else extra
    return lambda: MINIMAL.encode("utf-8") + tail


def replaced(old: str, new: str | bytes) -> Callable[[], bytes]:
    """MINIMAL with one line changed."""
    assert MINIMAL.count(old) == 1, old

    def make() -> bytes:
        head, tail = MINIMAL.split(old)
        value = new if isinstance(new, bytes) else new.encode("utf-8")
        return head.encode("utf-8") + value + tail.encode("utf-8")

    return make


def fixed(raw: str | bytes) -> Callable[[], bytes]:
    """Exactly `raw`."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return lambda: data


def json_doc(entry: str | bytes = "") -> Callable[[], bytes]:
    """JSON_BASE with `entry` (`"key": value`) as its last member, on line 5."""
    if isinstance(entry, bytes):
        head, tail = JSON_BASE.split("%s")
        glue = b",\n  " if entry else b""
        return lambda: head.encode() + glue + entry + tail.encode()
    text = JSON_BASE % (",\n  " + entry if entry else "")
    return lambda: text.encode("utf-8")


def endings(newline: bytes, *, bom: bool = False, text: str = MINIMAL) -> Callable[[], bytes]:
    """`text` with its line endings replaced, optionally behind a UTF-8 BOM."""
    body = text.encode("utf-8").replace(b"\n", newline)
    return lambda: (codecs.BOM_UTF8 if bom else b"") + body


def mixed_endings(plain: bytes) -> bytes:
    """`plain` with LF, CRLF and CR line endings in turn.

    A CR before an empty line would read as one CRLF, so such a line ends in CRLF instead.
    """
    lines = plain.split(b"\n")
    ends = [b"\n", b"\r\n", b"\r"]
    out = []
    for i, line in enumerate(lines[:-1]):
        end = ends[i % 3]
        out.append(line + (b"\r\n" if end == b"\r" and not lines[i + 1] else end))
    return b"".join(out) + lines[-1]


def alias_bomb() -> bytes:
    """The classic exponential alias bomb, about 400 bytes, nine levels of nine."""
    names = "abcdefghi"
    lines = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in itertools.pairwise(names):
        lines.append(f"x-{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return MINIMAL.encode() + ("\n".join(lines) + "\n").encode()


def deep_block_mapping(levels: int) -> bytes:
    """`levels` nested block mappings, one more space of indent each."""
    rows = ["x-deep:"] + [" " * i + "k:" for i in range(1, levels)] + [" " * levels + "k: end"]
    return MINIMAL.encode() + ("\n".join(rows) + "\n").encode()


def fifty_mib() -> bytes:
    """A 50 MiB document: a valid head and a long block scalar."""
    row = b"  " + b"x" * 77 + b"\n"
    return MINIMAL.encode() + b"x-pad: |\n" + row * (50 * MIB // len(row))


def requirements(count: int, extra: str = "") -> bytes:
    """A valid draft with `count` requirements (each with `extra` lines)."""
    head = MINIMAL.split("requirements:")[0] + "requirements:\n"
    rows = "".join(
        f"  - id: R{i}\n    title: Requirement {i}\n    priority: could\n{extra}"
        for i in range(count)
    )
    return (head + rows).encode()


def depends_chain(count: int) -> bytes:
    """`count` requirements, each depending on the next: a long path for the cycle rule."""
    head = MINIMAL.split("requirements:")[0] + "requirements:\n"
    rows = "".join(
        f"  - id: R{i}\n    title: T\n    priority: could\n    depends_on: [R{i + 1}]\n"
        for i in range(count)
    )
    return (head + rows + f"  - id: R{count}\n    title: T\n    priority: could\n").encode()


def inherit_chain(count: int) -> bytes:
    """`count` roles, each inheriting from the next, with grants: inherited-rights closure."""
    roles = "".join(
        f"    - id: role{i}\n      name: Role {i}\n      inherits: [role{i + 1}]\n"
        for i in range(count)
    )
    roles += f"    - id: role{count}\n      name: Last\n"
    grants = "".join(f"    role{i}: [act{i % 48}]\n" for i in range(0, count, 7))
    actions = "".join(
        f"    - id: act{i}\n      name: Act {i}\n      risk: low\n" for i in range(50)
    )
    body = "permissions:\n  roles:\n" + roles + "  actions:\n" + actions + "  grants:\n" + grants
    body += "  separation_of_duties:\n    - actions: [act48, act49]\n"
    return MINIMAL.encode() + body.encode()


def flow_steps(count: int) -> bytes:
    """One flow of `count` steps, each branching to the next two: the reachability walk."""
    steps = "".join(
        f"      - id: s{i}\n        action: Step {i}\n"
        + (
            f"        branches:\n          - when: a\n            next: s{i + 1}\n"
            f"          - when: b\n            next: s{min(i + 2, count - 1)}\n"
            if i < count - 1
            else "        end: true\n"
        )
        for i in range(count)
    )
    return MINIMAL.encode() + ("flows:\n  - id: F1\n    name: Flow\n    steps:\n" + steps).encode()


DIGITS = "7" * 5000
DEEP = 10_000

CASES: tuple[Case, ...] = (
    # -- anchors, aliases, merge keys
    Case("alias-bomb", alias_bomb, 1, HAZARD, "alias"),
    Case("alias-recursive-list", after("x-r: &r [*r]\n"), 1, HAZARD, "alias"),
    Case("alias-recursive-map", after("x-r: &r {a: *r}\n"), 1, HAZARD, "alias"),
    Case("alias-as-key", after("x-a: &k key\n*k : value\n"), 1, HAZARD, "alias"),
    Case("alias-undefined", after("x-a: *nowhere\n"), 1, HAZARD, "alias"),
    Case("merge-key", after("x-base: {a: 1}\nx-m:\n  <<: {b: 2}\n"), 1, HAZARD + 2, "merge-key"),
    Case("merge-key-alias", after("x-base: &b {a: 1}\nx-m:\n  <<: *b\n"), 1, HAZARD, "alias"),
    Case("merge-key-top", after("<<: {x-a: 1}\n"), 1, HAZARD, "merge-key"),
    # -- nesting 10,000 deep
    Case("deep-flow-list", after("x-d: " + "[" * DEEP + "]" * DEEP + "\n"), 1, HAZARD, "too-deep"),
    Case(
        "deep-flow-map", after("x-d: " + "{a: " * DEEP + "}" * DEEP + "\n"), 1, HAZARD, "too-deep"
    ),
    Case("deep-block-list", after("x-d:\n" + "- " * DEEP + "x\n"), 1, HAZARD + 1, "too-deep"),
    # Block mappings need one more space per level: 3,000 levels is 4.5 MB already.
    Case("deep-block-map", lambda: deep_block_mapping(3000), 1, HAZARD + 64, "too-deep"),
    Case(
        "deep-json-array",
        json_doc('"x-d": ' + "[" * DEEP + "]" * DEEP),
        1,
        JSON_HAZARD,
        "too-deep",
        ".prd.json",
    ),
    Case(
        "deep-json-object",
        json_doc('"x-d": ' + '{"a": ' * DEEP + "}" * DEEP),
        1,
        JSON_HAZARD,
        "too-deep",
        ".prd.json",
    ),
    # -- size
    Case("file-50mib", fifty_mib, 1, 1, "file-too-large", heavy=True),
    Case("line-1mb-text", after("x-long: " + "x" * 1_000_000 + "\n"), 1, HAZARD, "string-too-long"),
    Case(
        "line-1mb-title",
        replaced("  title: Demo\n", "  title: " + "t" * 1_000_000 + "\n"),
        1,
        4,
        "string-too-long",
    ),
    Case("line-1mb-flow", after("x-l: [" + "1, " * 333_333 + "1]\n"), 1, HAZARD, "too-many-nodes"),
    Case(
        "keys-50000",
        after("".join(f"k{i}: 1\n" for i in range(50_000))),
        1,
        HAZARD,
        "schema-unknown-key",
        heavy=True,
    ),
    Case(
        "keys-160000",
        after("".join(f"k{i}: 1\n" for i in range(160_000))),
        1,
        None,
        "too-many-nodes",
        heavy=True,
    ),
    Case(
        "keys-40000-unknown",
        after("".join(f"k{i}: 1\n" for i in range(40_000))),
        1,
        HAZARD,
        "schema-unknown-key",
        heavy=True,
    ),
    Case(
        "keys-40000-extension",
        after("x-k:\n" + "".join(f"  k{i}: 1\n" for i in range(40_000))),
        0,
        heavy=True,
    ),
    Case("items-100000", after("x-items:\n" + "  - 1\n" * 100_000), 0, heavy=True),
    Case(
        "items-300001",
        after("x-items:\n" + "  - 1\n" * 300_001),
        1,
        None,
        "too-many-nodes",
        heavy=True,
    ),
    Case("requirements-15000", lambda: requirements(15_000), 0, heavy=True),
    Case("requirements-60000", lambda: requirements(60_000), 1, None, "too-many-nodes", heavy=True),
    Case(
        "requirements-10000-bad",
        lambda: requirements(10_000, "    kind: epic\n"),
        1,
        12,
        "schema-enum",
        heavy=True,
    ),
    Case("depends-chain-9000", lambda: depends_chain(9_000), 0, heavy=True),
    Case("roles-inherit-3000", lambda: inherit_chain(3_000), 0, heavy=True),
    Case("flow-steps-5000", lambda: flow_steps(5_000), 0, heavy=True),
    # -- encodings
    Case("utf8-invalid-byte", after(b"x-b: caf\xe9\n"), 1, HAZARD, "encoding"),
    Case("utf8-overlong", after(b"x-b: \xc0\xaf\n"), 1, HAZARD, "encoding"),
    Case("utf8-truncated-at-end", after(b"x-b: \xe4\xb8"), 1, HAZARD, "encoding"),
    Case("utf8-raw-surrogate", after(b"x-b: \xed\xa0\x80\n"), 1, HAZARD, "encoding"),
    Case("utf16-le-bom", fixed(MINIMAL.encode("utf-16-le")), 1, 1, "encoding"),
    Case(
        "utf16-be-bom", fixed(codecs.BOM_UTF16_BE + MINIMAL.encode("utf-16-be")), 1, 1, "encoding"
    ),
    Case("utf16-le-with-bom", fixed(MINIMAL.encode("utf-16")), 1, 1, "encoding"),
    Case(
        "utf32-le-bom", fixed(codecs.BOM_UTF32_LE + MINIMAL.encode("utf-32-le")), 1, 1, "encoding"
    ),
    Case(
        "utf32-be-bom", fixed(codecs.BOM_UTF32_BE + MINIMAL.encode("utf-32-be")), 1, 1, "encoding"
    ),
    Case("utf8-bom", endings(b"\n", bom=True), 0),
    Case("utf8-bom-json", lambda: codecs.BOM_UTF8 + json_doc()(), 0, suffix=".prd.json"),
    # -- control characters, surrogates, non-characters
    Case("nul-raw", after(b"x-n: a\x00b\n"), 1, HAZARD, "control-character"),
    Case("escape-raw", after(b"x-n: a\x1b[31mred\n"), 1, HAZARD, "control-character"),
    Case("del-raw", after(b"x-n: a\x7fb\n"), 1, HAZARD, "control-character"),
    Case("vertical-tab-raw", after(b"x-n: a\x0bb\n"), 1, HAZARD, "control-character"),
    Case("nul-escaped", after('x-n: "a\\0b"\n'), 1, HAZARD, "control-character"),
    Case("escape-escaped", after('x-n: "\\e[2J"\n'), 1, HAZARD, "control-character"),
    Case("bell-escaped-u", after('x-n: "\\u0007"\n'), 1, HAZARD, "control-character"),
    Case("control-in-key", after('"x-\\x01": 1\n'), 1, HAZARD, "control-character"),
    Case(
        "nul-json", json_doc('"x-n": "a\\u0000b"'), 1, JSON_HAZARD, "control-character", ".prd.json"
    ),
    Case("surrogate-escaped", after('x-s: "\\ud800"\n'), 1, HAZARD, None),
    Case("surrogate-json", json_doc('"x-s": "\\udc00"'), 1, JSON_HAZARD, None, ".prd.json"),
    Case("surrogate-pair-json", json_doc('"x-s": "\\ud83d\\ude00"'), 0, suffix=".prd.json"),
    Case("noncharacter-raw", after("x-n: a\ufffeb\n"), 1, HAZARD, "control-character"),
    Case("noncharacter-fdd0", after("x-n: \ufdd0\n"), 1, HAZARD, "control-character"),
    Case("noncharacter-escaped", after('x-n: "\\U0010FFFF"\n'), 1, HAZARD, "control-character"),
    Case("bidi-override-title", replaced("  title: Demo\n", "  title: Demo \u202eevil\u202c\n"), 0),
    # -- values that are echoed: bidi, C1 controls, workflow commands, long text
    Case(
        "echo-bidi",
        replaced("    priority: could\n", '    priority: "must\\u202e\\u2066x"\n'),
        1,
        11,
        "schema-enum",
    ),
    Case(
        "echo-c1-csi",
        replaced("    priority: could\n", '    priority: "\\u009b2J\\u0085x"\n'),
        1,
        11,
        "schema-enum",
    ),
    Case(
        "echo-workflow-command",
        replaced("    priority: could\n", "    priority: '::error file=a::pwned'\n"),
        1,
        11,
        "schema-enum",
    ),
    Case(
        "echo-workflow-command-newline",
        replaced("    priority: could\n", '    priority: "a\\n::error::pwned\\n::warning::x"\n'),
        1,
        11,
        "schema-enum",
    ),
    Case(
        "echo-workflow-command-key",
        after('"::add-mask::x\\n::error::y": 1\n'),
        1,
        HAZARD,
        "schema-unknown-key",
    ),
    Case(
        "echo-long-value",
        replaced("    priority: could\n", "    priority: " + "\u202e::" + "q" * 150_000 + "\n"),
        1,
        11,
        "schema-enum",
    ),
    Case("echo-long-key", after("? " + "k" * 150_000 + "\n: 1\n"), 1, HAZARD, "schema-unknown-key"),
    Case(
        "echo-long-line-error",
        after("x-a: " + "a" * 100_000 + ": b: c\n"),
        1,
        HAZARD,
        "yaml-colon",
    ),
    # -- patterns: `$` must not let a trailing newline through, as Python's re.search does
    Case(
        "id-trailing-newline",
        replaced("  - id: R1\n", '  - id: "R1\\n"\n'),
        1,
        9,
        "schema-pattern",
    ),
    Case(
        "digest-trailing-newline",
        after(
            'approvals:\n  - name: A\n    decision: pending\n    digest: "sha256:'
            + "0" * 64
            + '\\n"\n'
        ),
        1,
        HAZARD + 3,
        "schema-pattern",
    ),
    # -- duplicate keys
    Case("dup-key-top", after("meta:\n  id: again\n"), 1, HAZARD, "duplicate-key"),
    Case(
        "dup-key-nested",
        replaced("  owner: Ann\n", "  owner: Ann\n  owner: Bob\n"),
        1,
        8,
        "duplicate-key",
    ),
    Case("dup-key-quoted", after('"meta": {}\n'), 1, HAZARD, "duplicate-key"),
    Case("dup-key-escaped", after('"m\\x65ta": {}\n'), 1, HAZARD, "duplicate-key"),
    Case("dup-key-json-top", json_doc('"prdkit": 1'), 1, JSON_HAZARD, "duplicate-key", ".prd.json"),
    Case(
        "dup-key-json-nested",
        fixed(JSON_BASE.replace('"owner": "Ann"', '"owner": "Ann", "owner": "Bob"') % ""),
        1,
        3,
        "duplicate-key",
        ".prd.json",
    ),
    # -- keys that are not text
    Case("key-int", after("1: x\n"), 1, HAZARD, "key-not-string"),
    Case("key-null", after("~: x\n"), 1, HAZARD, "key-not-string"),
    Case("key-bool", after("true: x\n"), 1, HAZARD, "key-not-string"),
    Case("key-float", after("1.5: x\n"), 1, HAZARD, "key-not-string"),
    Case("key-empty", after(": x\n"), 1, None, None),
    Case("key-list", after("? [a, b]\n: x\n"), 1, HAZARD, "key-not-string"),
    Case("key-map", after("? {a: 1}\n: x\n"), 1, HAZARD, "key-not-string"),
    Case("key-flow-list", after("x-f: {[a]: x}\n"), 1, HAZARD, "key-not-string"),
    Case("key-nested-complex", after("? [[a, {b: [c]}]]\n: [d]\n"), 1, HAZARD, "key-not-string"),
    Case("key-json-number", json_doc('"x-f": {1: 2}'), 1, JSON_HAZARD, None, ".prd.json"),
    # -- explicit tags
    Case(
        "tag-python-apply",
        after('x-p: !!python/object/apply:os.system ["echo pwned"]\n'),
        1,
        HAZARD,
        "explicit-tag",
    ),
    Case("tag-python-name", after("x-p: !!python/name:os.system\n"), 1, HAZARD, "explicit-tag"),
    Case(
        "tag-python-module", after("x-p: !!python/module:subprocess\n"), 1, HAZARD, "explicit-tag"
    ),
    Case("tag-binary", after("x-b: !!binary aGVsbG8=\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-set", after("x-s: !!set {a, b}\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-omap", after("x-o: !!omap [a: 1, b: 2]\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-str", after("x-s: !!str 12\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-custom", after("x-c: !vault |\n  c2VjcmV0\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-verbatim", after("x-v: !<tag:yaml.org,2002:int> 1\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-non-specific", after("x-n: ! 12\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-on-key", after("!!str x-k: 1\n"), 1, HAZARD, "explicit-tag"),
    Case("tag-on-mapping", after("x-m: !!map {a: 1}\n"), 1, HAZARD, "explicit-tag"),
    Case(
        "tag-directive",
        fixed("%TAG !e! tag:example.com,2000:\n---\n" + MINIMAL + "x-t: !e!thing x\n"),
        1,
        HAZARD + 2,
        "explicit-tag",
    ),
    Case("tag-unterminated", after("x-t: !<tag:x 1\n"), 1, HAZARD, "yaml-indicator"),
    Case("tag-undefined-handle", after("x-t: !nope!x 1\n"), 1, HAZARD, "yaml-indicator"),
    # -- dates
    Case(
        "date-impossible",
        replaced("  owner: Ann\n", "  owner: Ann\n  created: 2026-02-30\n"),
        1,
        8,
        "schema-date",
    ),
    Case(
        "date-not-leap",
        replaced("  owner: Ann\n", "  owner: Ann\n  created: 2025-02-29\n"),
        1,
        8,
        "schema-date",
    ),
    Case(
        "date-month-13",
        replaced("  owner: Ann\n", '  owner: Ann\n  updated: "2026-13-01"\n'),
        1,
        8,
        "schema-date",
    ),
    Case(
        "date-year-zero",
        replaced("  owner: Ann\n", "  owner: Ann\n  created: 0000-01-01\n"),
        1,
        8,
        "schema-date",
    ),
    Case(
        "date-timestamp",
        replaced("  owner: Ann\n", "  owner: Ann\n  created: 2026-01-01T10:00:00Z\n"),
        1,
        8,
        None,
    ),
    Case("date-leap-ok", replaced("  owner: Ann\n", "  owner: Ann\n  created: 2024-02-29\n"), 0),
    # -- numbers
    Case("int-5000-digits", after("x-n: " + DIGITS + "\n"), 1, HAZARD, "bad-number"),
    Case("int-5000-digits-negative", after("x-n: -" + DIGITS + "\n"), 1, HAZARD, "bad-number"),
    Case("int-5000-hex", after("x-n: 0x" + "f" * 5000 + "\n"), 1, HAZARD, "bad-number"),
    Case("float-5000-digits", after("x-n: 1." + DIGITS + "\n"), 1, HAZARD, "bad-number"),
    Case("float-huge-exponent", after("x-n: 1e" + DIGITS + "\n"), 1, HAZARD, "bad-number"),
    Case(
        "int-5000-digits-json",
        json_doc('"x-n": ' + DIGITS),
        1,
        JSON_HAZARD,
        "bad-number",
        ".prd.json",
    ),
    Case(
        "int-5000-in-field",
        lambda: (
            MINIMAL.encode() + f"metrics:\n  - id: K1\n    name: M\n    target: {DIGITS}\n".encode()
        ),
        1,
        HAZARD + 3,
        "bad-number",
    ),
    Case("nan", after("x-n: .nan\n"), 1, HAZARD, "bad-number"),
    Case("inf", after("x-n: .inf\n"), 1, HAZARD, "bad-number"),
    Case("negative-inf", after("x-n: -.Inf\n"), 1, HAZARD, "bad-number"),
    Case("overflow-float", after("x-n: 1e999\n"), 1, HAZARD, "bad-number"),
    Case("nan-json", json_doc('"x-n": NaN'), 1, JSON_HAZARD, "json-syntax", ".prd.json"),
    Case("infinity-json", json_doc('"x-n": -Infinity'), 1, JSON_HAZARD, "json-syntax", ".prd.json"),
    Case("overflow-json", json_doc('"x-n": 1e400'), 1, JSON_HAZARD, "bad-number", ".prd.json"),
    # -- YAML 1.1 scalars stay YAML 1.2
    Case(
        "yaml11-words",
        fixed(
            MINIMAL.replace("title: Demo", "title: no")
            .replace("owner: Ann", "owner: on")
            .replace("title: Checkout works", "title: yes")
            + "x-a: [y, n, off, 1_000, 0b101, 12:30:00, 2001-12-14t21:59:43.10-05:00]\n"
        ),
        0,
    ),
    Case("yaml11-octal", replaced('  version: "0.1.0"\n', "  version: 012\n"), 1, 5, "schema-type"),
    Case("yaml11-float-version", replaced('  version: "0.1.0"\n', "  version: 1.10\n"), 1, 5),
    Case("yaml11-directive", fixed("%YAML 1.1\n---\n" + MINIMAL.replace("Demo", "no")), 0),
    Case("yaml-version-2", fixed("%YAML 2.0\n---\n" + MINIMAL), 1, 1, "yaml-syntax"),
    # -- tabs
    Case("tab-indent", replaced("  id: demo\n", "\tid: demo\n"), 1, 3, "yaml-tab"),
    Case("tab-indent-list", replaced("  - id: R1\n", "\t- id: R1\n"), 1, 9, "yaml-tab"),
    Case("tab-after-colon", fixed(MINIMAL.replace("title: Demo", "title:\tDemo")), 0),
    Case("tab-in-value", fixed(MINIMAL.replace("title: Demo", 'title: "De\\tmo"')), 0),
    # -- empty, comments, not a mapping, several documents
    Case("empty", fixed(b""), 1, 1, "empty-document"),
    Case("whitespace-only", fixed(b"  \n\n   \n"), 1, 1, "empty-document"),
    Case("comment-only", fixed(b"# nothing here\n# at all\n"), 1, 1, "empty-document"),
    Case("bom-only", fixed(codecs.BOM_UTF8), 1, 1, "empty-document"),
    Case("document-marker-only", fixed(b"---\n"), 1, None, "not-a-mapping"),
    Case("top-level-list", fixed(b"- prdkit: 1\n- meta: {}\n"), 1, 1, "not-a-mapping"),
    Case("top-level-scalar", fixed(b"just some text\n"), 1, 1, "not-a-mapping"),
    Case("top-level-null", fixed(b"~\n"), 1, 1, "not-a-mapping"),
    Case("top-level-json-array", fixed(b"[1, 2]\n"), 1, 1, "not-a-mapping", ".prd.json"),
    Case("top-level-json-string", fixed(b'"text"\n'), 1, 1, "not-a-mapping", ".prd.json"),
    Case("empty-json", fixed(b""), 1, 1, "empty-document", ".prd.json"),
    Case("several-documents", after("---\nprdkit: 1\n"), 1, HAZARD, "multiple-documents"),
    Case("document-end-then-more", after("...\n---\nb: 1\n"), 1, HAZARD + 1, "multiple-documents"),
    Case("leading-document-marker", fixed("---\n" + MINIMAL), 0),
    # -- line endings
    Case("crlf", endings(b"\r\n"), 0),
    Case("cr-only", endings(b"\r"), 0),
    Case("mixed-endings", lambda: mixed_endings(MINIMAL.encode()), 0),
    Case("bom-crlf", endings(b"\r\n", bom=True), 0),
    Case(
        "crlf-error-line",
        endings(b"\r\n", text=MINIMAL.replace("could", "sometimes")),
        1,
        11,
        "schema-enum",
    ),
    Case(
        "mixed-endings-error-line",
        lambda: mixed_endings(MINIMAL.replace("could", "sometimes").encode()),
        1,
        11,
        "schema-enum",
    ),
    # -- strict JSON
    Case(
        "json-trailing-comma",
        json_doc('"x-l": [1, 2,]'),
        1,
        JSON_HAZARD,
        "json-syntax",
        ".prd.json",
    ),
    Case(
        "json-trailing-comma-object",
        fixed(JSON_BASE % ",\n"),
        1,
        None,
        "json-syntax",
        ".prd.json",
    ),
    Case("json-comment", json_doc('"x-l": 1 // note'), 1, JSON_HAZARD, None, ".prd.json"),
    Case(
        "json-single-quotes",
        json_doc("\"x-l\": 'text'"),
        1,
        JSON_HAZARD,
        "json-syntax",
        ".prd.json",
    ),
    Case("json-unquoted", json_doc('"x-l": text'), 1, JSON_HAZARD, "json-syntax", ".prd.json"),
    Case("json-yaml-block", fixed(MINIMAL), 1, None, None, ".prd.json"),
    # -- the Markdown bound
    Case(
        "markdown-over-limit",
        replaced(
            "    priority: could\n", "    priority: could\n    description: " + "a" * 100_001 + "\n"
        ),
        1,
        12,
        "schema-count",
    ),
    # 8 descriptions of 9,000 list items: 216,000 marks, past the budget of 200,000, in a
    # file whose lines end in CR alone (the bound before the walk once saw no line there).
    Case("markdown-budget-cr-lines", lambda: _cr_lines(8, 9_000), 1, 63_040, "markdown-budget"),
    Case(
        "markdown-pathological-at-limit",
        replaced(
            "    priority: could\n",
            "    priority: could\n    description: '" + "*a" * 50_000 + "'\n",
        ),
        0,
    ),
)
