"""The validation pipeline: read → load → schema → model → rules → placed diagnostics."""

from __future__ import annotations

import dataclasses
import gc
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from prdkit.config import DEFAULT_CONFIG, Config
from prdkit.diagnostics import Diagnostic, Finding, Severity
from prdkit.errors import PrdkitError
from prdkit.limits import DEFAULT_LIMITS, Limits
from prdkit.messages import ColumnOf, LineOf, Msg, choose_language, msg, render
from prdkit.reading import read_at_most
from prdkit.ruletable import RULES
from prdkit.source import SourceMap, Span

SUFFIXES = (".prd.yaml", ".prd.yml", ".prd.json")


class InputError(PrdkitError):
    """A fault of the run, not of a document: missing path, unreadable or special file."""


@dataclass
class CheckResult:
    """Everything validation learnt about one file."""

    file: str
    text: str = ""
    data: Any = None
    source_map: SourceMap = field(default_factory=SourceMap)
    document: Any = None  # prdkit.model.Document when the file is valid enough to model
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Pictures the document names, read and checked: reference as written → Image.
    images: dict[str, Any] = field(default_factory=dict)
    listed: int = 50  # how many diagnostics the text format lists (configured per file)
    errors: int = 0
    warnings: int = 0
    lang: str = "en"  # the language of the messages

    def failed(self, strict: bool = False) -> bool:
        """`True` when the file is invalid (with `strict`, warnings count too)."""
        return self.errors > 0 or (strict and self.warnings > 0)


def is_document_name(name: str) -> bool:
    """`True` for names prdkit treats as PRD sources."""
    return name.endswith(SUFFIXES)


def _walk(
    top: Path, onerror: Callable[[OSError], None]
) -> Iterator[tuple[str, list[str], list[str]]]:
    """`os.walk(top, onerror=onerror)`, top-down, its `dirs` pruned in place, links to
    folders listed but not followed; without recursion: Python 3.11's os.walk recurses once
    a level, and a pull request adding a thousand nested folders crashed every scan."""
    stack = [os.fspath(top)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            onerror(exc)
            continue
        dirs, files = [], []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry.name)
        yield folder, dirs, files
        for name in reversed(dirs):
            below = os.path.join(folder, name)
            if not os.path.islink(below):
                stack.append(below)


def find_documents(
    paths: Iterable[Path], unreadable: list[str | Msg] | None = None
) -> Iterator[Path]:
    """The given files, and PRD sources found recursively in the given folders, sorted.

    A folder that cannot be listed is named in `unreadable` (when given), never skipped
    silently: its documents would otherwise pass unchecked.
    """

    def refused(exc: OSError) -> None:
        if unreadable is not None:
            unreadable.append(
                msg("file.folder-unreadable", path=str(exc.filename), reason=exc.strerror or "")
            )

    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found: list[Path] = []
            for folder, dirs, files in _walk(path, refused):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                names = files + [d for d in dirs if is_document_name(d)]
                found.extend(Path(folder, n) for n in names if is_document_name(n))
            found = [p for p in found if not p.is_dir() or p.is_symlink()]
            yield from sorted(set(found))
        else:
            yield path


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a regular file, refusing links and special files; at most the limit + 1."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise InputError(msg("file.missing", path=str(path))) from None
    except OSError as exc:
        raise InputError(_unreadable(path, exc)) from None
    if stat.S_ISLNK(info.st_mode):
        # A link to a folder is not searched either: say so, "give the real file" misleads.
        key = "file.symlink-folder" if os.path.isdir(path) else "file.symlink"
        raise InputError(msg(key, path=str(path)))
    if stat.S_ISDIR(info.st_mode):
        raise InputError(msg("file.folder", path=str(path)))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(msg("file.not-regular", path=str(path)))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(_unreadable(path, exc)) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # swapped between lstat and open
            raise InputError(msg("file.not-regular", path=str(path)))
        raw = read_at_most(fd, limits.max_bytes + 1)
        if opened.st_size == 0 and raw:
            # Kernel pseudo-files (/proc/self/environ) claim to be empty regular files; their
            # text (environment secrets) must never be echoed in excerpts.
            raise InputError(msg("file.system", path=str(path)))
        return raw
    except OSError as exc:
        raise InputError(_unreadable(path, exc)) from None
    finally:
        os.close(fd)


def _unreadable(path: Path, exc: OSError) -> Msg:
    return msg("file.unreadable", path=str(path), reason=exc.strerror or "")


def check_file(
    path: Path,
    config: Config = DEFAULT_CONFIG,
    limits: Limits = DEFAULT_LIMITS,
    *,
    lang: str | None = None,
    one_shot: bool = False,
) -> CheckResult:
    """Validate one file; raises InputError for faults of the run.

    Messages are in `lang`, else the document's `meta.language`, else the locale's language.
    `one_shot`: see `check_bytes`.
    """
    raw = read_document(path, limits)
    size = size_if_cut(path, raw, limits)
    return check_bytes(
        raw,
        str(path),
        json_mode=path.name.endswith(".json"),
        config=config,
        limits=limits,
        lang=lang,
        folder=path.parent,
        size=size,
        one_shot=one_shot,
    )


def size_if_cut(path: Path, raw: bytes, limits: Limits) -> int:
    """The size of `path` on disk when `raw`, read from it, stopped past the limit; else 0."""
    if len(raw) <= limits.max_bytes:
        return 0
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def check_bytes(
    raw: bytes,
    file: str,
    *,
    json_mode: bool = False,
    config: Config = DEFAULT_CONFIG,
    limits: Limits = DEFAULT_LIMITS,
    lang: str | None = None,
    folder: Path | None = None,
    size: int = 0,
    one_shot: bool = False,
) -> CheckResult:
    """Validate one document given as bytes; `file` is the name used in diagnostics.

    Pictures are looked for in `folder` (the document's own); without one, only the form
    of their paths is checked. `one_shot` says the process ends once it has used the
    result (the command line), so that what the check made may join the long-lived
    objects at once (see `_collecting_less`); a long-running caller leaves it False.
    """
    from prdkit.loader import load_bytes

    with _collecting_less(one_shot) as read:
        loaded = load_bytes(raw, json_mode=json_mode, limits=limits, size=size)
        read()
        return _check_loaded(loaded, raw, file, config, limits, lang, folder, json_mode)


def _check_loaded(
    loaded: Any,
    raw: bytes,
    file: str,
    config: Config,
    limits: Limits,
    lang: str | None,
    folder: Path | None,
    json_mode: bool = False,
) -> CheckResult:
    """The rest of `check_bytes` once the text is loaded: schema, model, rules, diagnostics."""
    if loaded.data is not None:
        language = choose_language(lang, loaded.data)
    else:
        language = choose_language(lang, loaded.partial, loaded.text)
    result = CheckResult(
        file=file, text=loaded.text, data=loaded.data, source_map=loaded.source_map, lang=language
    )
    place = partial(_place, file=file, config=config, lang=language)
    placed: list[Diagnostic | None] = [place(f, span) for f, span in loaded.problems]
    if loaded.data is not None:
        from prdkit import schema

        findings = schema.check(loaded.data)
        if findings:
            findings = [_label_hint(f, loaded.data, config) for f in findings]
            if json_mode:  # "quote it", "a colon makes a key": how YAML reads, not JSON
                findings = [_without_yaml_hint(f) for f in findings]
        if not findings:
            from prdkit import model, rules
            from prdkit.mdfields import too_long
            from prdkit.mdmarks import over_budget

            # The loader knows how long the longest value it read is: below the limit, the
            # walk over every Markdown field (a fifth of a small file's check) finds nothing.
            if loaded.longest > limits.max_markdown:
                findings = list(too_long(loaded.data, limits.max_markdown))
            budget = limits.max_markdown_marks
            overspent = list(over_budget(loaded.data, budget, raw, loaded.line_breaks))
            findings.extend(overspent)
            result.document = model.build(loaded.data, config.conventions)
            from prdkit.rules.comments import check_cuts

            cuts = check_cuts(loaded.data, loaded.comment_cuts)
            findings.extend(rules.run(result.document, loaded.data, cuts, loaded.text))
            if not overspent:  # finding pictures parses Markdown, which the budget bounds
                placed.extend(_pictures(result, folder, limits, place))
        source_map = loaded.source_map
        lines = _Lines(loaded.text)
        placed.extend(
            place(_lines_in(f, source_map, lines), _span(f, source_map)) for f in findings
        )
    placed.extend(place(f, Span(1, 1)) for f in _config_findings(config))
    _finish(result, placed, limits)
    return result


# The young generation's threshold while checking; see `_collecting_less`.
CHECK_GC_THRESHOLD = 100_000

# Held by the check whose `_collecting_less` has the collector's settings in hand: they are
# the process's, and the language server checks in several threads at once.
_SETTINGS = threading.Lock()


@contextmanager
def _collecting_less(one_shot: bool = False) -> Iterator[Callable[[], None]]:
    """Spare the cyclic garbage collector the loaded data while the document is checked.

    Loading leaves hundreds of thousands of long-lived, acyclic objects (data, source map):
    the collector is held off while they are made, then they are frozen (call the function
    yielded once the document is read), so no collection ever walks them; while checking,
    the young generation is also collected less often. All is put back afterwards (the
    language server checks again and again), and objects a caller froze stay frozen.
    Freezing, not collecting, also ends the hold: a collection right after reading would
    walk everything read.

    `one_shot`: the young objects are then moved to the oldest generation at the end, so
    that restoring the threshold does not set off a collection of all the check made (its
    count is past the threshold restored: 18 ms of validating 5,000 requirements, 40 ms at
    12,000). That moves every young object of the process, garbage too, out of reach of all
    but a full collection: right for a command that ends soon, not for the language server.

    One check at a time holds the settings; a check that starts meanwhile leaves them alone
    and runs under the other's. Otherwise it could take the other's raised threshold for
    the one to restore, or unfreeze the other's data in the middle of its check.
    """
    if not _SETTINGS.acquire(blocking=False):
        yield lambda: None
        return
    before = gc.get_threshold()
    enabled = gc.isenabled()
    frozen = False
    gc.disable()

    def read() -> None:
        nonlocal frozen
        frozen = gc.get_freeze_count() == 0
        if frozen:
            gc.freeze()
        gc.set_threshold(max(before[0], CHECK_GC_THRESHOLD), *before[1:])
        if enabled:
            gc.enable()

    try:
        yield read
    finally:
        gc.set_threshold(*before)
        if frozen:
            if one_shot:
                gc.freeze()  # the young objects join the frozen ones…
            gc.unfreeze()  # …and all go to the oldest generation
        if enabled:
            gc.enable()
        _SETTINGS.release()


def _pictures(
    result: CheckResult, folder: Path | None, limits: Limits, place: Any
) -> Iterator[Diagnostic | None]:
    """The picture checks: they need the document's folder, so they run here, not as rules."""
    from prdkit.images.files import check_images
    from prdkit.rules import suppression

    found = check_images(
        result.data, result.document, folder, limits, result.source_map, result.text
    )
    result.images = found.images
    ignores, _ = suppression.collect(result.data, result.text)
    kept = {id(f) for f in suppression.apply([f for f, _ in found.problems], ignores)}
    for finding, span in found.problems:
        if id(finding) in kept:
            yield place(finding, span)


def _config_findings(config: Config) -> list[Finding]:
    """What the configuration itself weakens: sign-off rules switched off are always told."""
    from prdkit.messages import Listing, msg

    weakened = config.weakened()
    if not weakened:
        return []
    message = msg("signoff-rules-weakened", source=config.source, rules=Listing(tuple(weakened)))
    return [Finding("signoff-rules-weakened", "", message, hint=msg("signoff-rules-weakened.hint"))]


# Hints about how YAML reads a value, which a JSON file does not need.
_YAML_HINTS = frozenset(
    f"schema-type.{name}"
    for name in (
        *("colon-bare", "quote", "quote-bool", "yes-no"),
        *("list-item", "list-dash", "as-list"),
    )
)


def _without_yaml_hint(finding: Finding) -> Finding:
    hint = finding.hint
    if isinstance(hint, Msg) and hint.key in _YAML_HINTS:
        return dataclasses.replace(finding, hint=None)
    return finding


def _label_hint(finding: Finding, data: Any, config: Config) -> Finding:
    """`finding` with a hint naming the value a label stands for, when the author wrote the
    label the outputs show (the team's `priority: P0`, prdkit's `status: 草稿`) where the
    format wants its value (`must`, `draft`)."""
    if finding.rule != "schema-enum":
        return finding
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in finding.pointer.split("/")[1:]]
    value: Any = data
    for token in tokens:
        if isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        elif isinstance(value, dict) and token in value:
            value = value[token]
        else:
            return finding
    if not isinstance(value, str) or not tokens:
        return finding
    # The field's group of values (a requirement's `status` is `req_status`), as the
    # team's `[labels.GROUP]` names it.
    from prdkit.i18n import ENUM_OF
    from prdkit.model import kind_at

    kind = kind_at(tuple(t for t in tokens[:-1] if not t.isdigit()))
    group = ENUM_OF.get((kind, tokens[-1]), tokens[-1]) if kind else tokens[-1]
    labelled = config.conventions.labels.get(group, {})
    for choice, words in labelled.items():
        if value.strip() in words:
            return replace(finding, hint=msg("schema-enum.team-label", value=value, choice=choice))
    # Or prdkit's own label of a value, in either language (`status: 草稿`, `In progress`);
    # a value in capitals (`Must`) has its hint already.
    from prdkit.i18n import ENUMS, LANGUAGES, enum_label

    wrote = value.strip().casefold()
    for choice in ENUMS.get(group, ()):
        if choice in labelled:  # the outputs show the team's label, not prdkit's
            continue
        labels = {enum_label(group, choice, lang).casefold() for lang in LANGUAGES}
        if wrote in labels and wrote != choice:
            return replace(finding, hint=msg("schema-enum.label", value=value, choice=choice))
    return finding


def _span(finding: Finding, source_map: SourceMap) -> Span:
    if finding.span is not None:
        return finding.span
    span = source_map.key(finding.pointer) if finding.at == "key" else None
    return span or source_map.nearest(finding.pointer)


class _Lines:
    """The lines of a document's text, split the first time one is asked for: few findings
    name a column, and a large document's text is not split for none."""

    __slots__ = ("_lines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    def __getitem__(self, line: int) -> str:
        """Line `line` (1-based); empty past the end."""
        if self._lines is None:
            self._lines = self._text.split("\n")  # as the text reporter shows them
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""


def _lines_in(finding: Finding, source_map: SourceMap, lines: _Lines) -> Finding:
    """`finding` with the lines (`LineOf`) and columns (`ColumnOf`) its message names found
    in the source map and the text."""
    message = finding.message
    if not isinstance(message, Msg) or not any(
        type(v) is LineOf or type(v) is ColumnOf for _, v in message.params
    ):
        return finding
    params = tuple((name, _placed(v, source_map, lines)) for name, v in message.params)
    key = message.key
    if any(type(v) is ColumnOf and not v.column for _, v in params):
        key += ".unplaced"  # the message that names no column
    return replace(finding, message=Msg(key, params))


def _placed(value: Any, source_map: SourceMap, lines: _Lines) -> Any:
    if type(value) is LineOf:
        return LineOf(value.pointer, source_map.nearest(value.pointer).line)
    if type(value) is not ColumnOf:
        return value
    span = source_map.nearest(value.pointer)
    # The character itself on the value's line, from where the value starts: a quote or a
    # flow list's bracket before it is passed over. Written as an escape ("\uFF0D") or on
    # a line of its own (a `>-` block), it is not there: no column is named (0).
    line = lines[span.line]
    found = line.find(value.char, span.column - 1 + value.offset)
    if found < 0:  # a key, before its value on the line
        found = line.find(value.char)
    return ColumnOf(value.pointer, value.char, value.offset, found + 1 if found >= 0 else 0)


@lru_cache(maxsize=512)
def _fix(rule_id: str, lang: str) -> str | None:
    """The fix the rule table gives for `rule_id`, as a hint in `lang` (when a finding has none)."""
    from prdkit.catalogue import RULE_ZH

    rule = RULES.get(rule_id)
    if rule is None:
        return None
    if lang == "zh" and rule_id in RULE_ZH:
        return RULE_ZH[rule_id][1].removesuffix("。") or None
    fix = rule.fix.removesuffix(".")
    return fix[:1].lower() + fix[1:] if fix[1:2].islower() else fix or None


def _place(
    finding: Finding, span: Span, *, file: str, config: Config, lang: str
) -> Diagnostic | None:
    default = finding.severity or RULES[finding.rule].severity
    severity = config.severity(finding.rule, default)
    if severity is None:
        return None
    hint = render(finding.hint, lang) if finding.hint is not None else _fix(finding.rule, lang)
    return Diagnostic(
        file=file,
        line=span.line,
        column=span.column,
        severity=severity,
        rule=finding.rule,
        message=render(finding.message, lang) or "",
        pointer=finding.pointer,
        hint=hint,
    )


def _finish(result: CheckResult, placed: list[Diagnostic | None], limits: Limits) -> None:
    kept = sorted((d for d in placed if d is not None), key=Diagnostic.sort_key)
    result.errors = sum(d.severity is Severity.ERROR for d in kept)
    result.warnings = sum(d.severity is Severity.WARNING for d in kept)
    # Every diagnostic is kept for the machine formats; only the text format lists fewer.
    result.diagnostics = kept
    result.listed = limits.max_diagnostics
