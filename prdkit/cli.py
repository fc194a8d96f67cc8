"""The `prdkit` command line: options → library call → report → exit code."""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from prdkit import __version__
from prdkit.errors import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, PrdkitError

if TYPE_CHECKING:
    from prdkit.check import CheckResult
    from prdkit.config import Config
    from prdkit.messages import Msg

app = typer.Typer(
    name="prdkit",
    help="Validate and render product-requirements documents (PRDs) written as YAML.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Every Path parameter says `readable=False`: typer checks readability by default and then
# prints the command-line library's English message; prdkit's own reading names the file
# in the run's language, with the exit code of cli.md.

# `lang`: the command's `--lang`, once the command runs; messages not about one document
# are said in it, else in the locale's language.
_state: dict[str, object] = {"debug": False, "lang": None}


class OutputFormat(str, Enum):
    """Output shapes of `validate`."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class Language(str, Enum):
    """Languages of messages, headings and labels."""

    en = "en"
    zh = "zh"


def complete_templates(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of `--template`: the installed templates, with their description."""
    from prdkit.templates import available

    names: dict[str, str] = {}
    for template in available():
        names.setdefault(template.name, template.description)
    return [(name, about) for name, about in names.items() if name.startswith(incomplete)]


def complete_formats(incomplete: str) -> list[str]:
    """Shell completion of `--to`: the next output format after those already typed."""
    from prdkit.writers import FORMATS

    typed, _, current = incomplete.rpartition(",")
    chosen = set(typed.split(",")) if typed else set()
    prefix = typed + "," if typed else ""
    return [prefix + f for f in FORMATS if f.startswith(current) and f not in chosen]


def emit(text: str, *, err: bool = False) -> bool:
    """Write to stdout (or stderr); a reader that went away (`| head`) is not an error.

    `False` when nothing more can be written there (no stream, or its reader went away).
    """
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # started with the stream closed (`>&-`): nowhere to write
        return False
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _discard(stream)
        return False
    except OSError as exc:
        _discard(stream)
        if not err:  # a full disk or a failing device: the output is lost, say so (exit 2)
            raise fail(_say("cli.write-failed", None, reason=exc.strerror or "")) from None
        return False
    return True


EMIT_BATCH = 1 << 16  # characters a streamed report gathers before each write


def emit_all(pieces: Iterable[str]) -> None:
    """Write a report to stdout as it is made, in batches; stop when its reader goes away."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= EMIT_BATCH:
            if emit("".join(batch)) is False:  # only a stream gone stops it
                return
            batch, size = [], 0
    emit("".join(batch))


def _discard(stream: TextIO) -> None:
    """Point `stream` at /dev/null so the interpreter's final flush stays quiet."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _reserve_standard_streams() -> None:
    """Put /dev/null on a closed stdin, stdout or stderr, so no file we open lands there."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:
                    os.dup2(opened, fd)
                    os.close(opened)
    # Python leaves sys.stdout/sys.stderr None for a stream closed at start (`>&-`).
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def complain(message: str | Msg, kind: str | None = "error") -> None:
    """Print `prdkit: KIND: message` on stderr, escaped: messages carry names and document text.

    KIND stays English, as severities do in diagnostics: scripts look for it.
    """
    from prdkit.messages import render
    from prdkit.reporters import safe_lines

    head = f"prdkit: {kind}: " if kind else "prdkit: "
    emit(f"{head}{safe_lines(render(message, _language()) or '')}\n", err=True)


def _language(written: object = None) -> str:
    """The run's `--lang`, else `written` (a document's `meta.language`), else the locale's."""
    from prdkit.messages import pick_language

    return pick_language(_state["lang"], written)  # type: ignore[arg-type]


def _words(exc: PrdkitError) -> str:
    """The error's message in the language of the run, or of the document it concerns."""
    return exc.words(_language(exc.language))


def _say(key: str, lang: Language | None, /, **params: object) -> str:
    """A message of the catalogue in `lang`, else in the run's language."""
    from prdkit.messages import msg

    return msg(key, **params).render(lang.value if lang else _language())


def _no_documents(places: list[Path], lang: Language | None) -> str:
    return _say("cli.no-documents", lang, places=", ".join(map(str, places)))


def fail(message: str | Msg, code: int = EXIT_USAGE) -> typer.Exit:
    """Print `prdkit: error: message` on stderr; return the Exit to raise."""
    complain(message)
    return typer.Exit(code)


def check_paths(*paths: Path | None, what: str = "path") -> None:
    """PathError (exit 2) when a given path is one no file system can hold; exit 2 too
    when there is a path but no current folder to find it from."""
    from prdkit.paths import check_path

    for path in paths:
        if path is not None:
            _check_current_folder()
            check_path(path, what)


def reported(command: Callable[..., None]) -> Callable[..., None]:
    """`command`, with every `PrdkitError` it raises reported (its documents' diagnostics,
    then its message) and turned into the error's exit code: the one place commands fail."""

    @functools.wraps(command)
    def run(*args: object, **kwargs: object) -> None:
        lang = kwargs.get("lang")
        _state["lang"] = lang.value if isinstance(lang, Language) else None
        try:
            command(*args, **kwargs)
        except PrdkitError as exc:
            if exc.results:
                from prdkit.reporters import render_text

                emit(render_text(exc.results), err=True)
            raise fail(_words(exc), exc.code) from None

    return run


def _check_current_folder() -> None:
    """Exit 2 when the current folder is gone (`cd x && rmdir ../x`): relative paths, the
    default `.`, and the names shown in reports are resolved against it."""
    try:
        os.getcwd()
    except OSError as exc:
        raise fail(_say("path.no-cwd", None, reason=exc.strerror or "")) from None


def _version(value: bool) -> None:
    if value:
        emit(f"prdkit {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    """Validate and render product-requirements documents (PRDs) written as YAML."""
    _state["debug"] = debug


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


@app.command()
@reported
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files, or folders searched for *.prd.yaml/.yml/.json.", readable=False
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="Output shape (default: text).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="List errors and the summary only.")
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of messages (default: meta.language, else locale)."),
    ] = None,
    max_diagnostics: Annotated[
        int | None,
        typer.Option(
            "--max-diagnostics",
            min=0,
            help="Text format: diagnostics listed per file (default 50; 0 lists all).",
        ),
    ] = None,
) -> None:
    """Check PRD files against the format and its rules."""
    from prdkit.check import check_file, find_documents
    from prdkit.config import ConfigError, config_for
    from prdkit.reporters import REPORTERS

    fmt = (output_format or _default_format()).value
    results = []
    targets = paths or [Path(".")]
    check_paths(*targets)
    unreadable: list[str] = []
    documents = list(find_documents(targets, unreadable))
    for problem in unreadable:
        complain(problem)
    io_failed = bool(unreadable)
    if not documents:
        raise fail(_no_documents(targets, lang))
    for document in documents:
        try:
            config = config_for(document)
            language = lang.value if lang else None
            results.append(
                check_file(document, config, config.limits, lang=language, one_shot=True)
            )
        except ConfigError:
            raise  # a configuration problem stops the run
        except PrdkitError as exc:  # this file's problem: the others are still checked
            io_failed = True
            complain(_words(exc))
    color = fmt == "text" and _use_color()
    # Only the text format is capped; the machine formats carry every diagnostic.
    capped: dict[str, object] = {}
    if fmt == "text":
        capped = {"max_diagnostics": max_diagnostics, "lang": _language()}
    elif fmt == "github":  # read by people in the job's log, as the text report
        capped = {"lang": _language()}
    emit_all(REPORTERS[fmt](results, quiet=quiet, color=color, strict=strict, **capped))
    if fmt == "github":
        _write_step_summary(results)
    if io_failed:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_INVALID if any(r.failed(strict) for r in results) else EXIT_OK)


def _write_step_summary(results: list) -> None:
    """All diagnostics to $GITHUB_STEP_SUMMARY, when set: annotations beyond the cap survive."""
    from prdkit.summary import append_step_summary

    try:
        append_step_summary(results, lang=_language())
    except OSError as exc:
        complain(_say("cli.step-summary", None, reason=exc.strerror or ""), "warning")


def _default_format() -> OutputFormat:
    """GitHub annotations when running in GitHub Actions, text otherwise."""
    return OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.text


# Arguments shared by the commands that write files for each document.
Sources = Annotated[
    list[Path],
    typer.Argument(
        help="PRD files, or folders searched for *.prd.yaml/.yml/.json.", readable=False
    ),
]
OutFolder = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Output folder (default: beside each source).", readable=False
    ),
]


@app.command()
@reported
def render(
    sources: Sources,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Comma-separated formats: docx, md, html, pdf.",
            autocompletion=complete_formats,
        ),
    ] = "docx,md",
    out: OutFolder = None,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of headings (default: meta.language)."),
    ] = None,
    reference_doc: Annotated[
        Path | None,
        typer.Option(
            "--reference-doc",
            help="A .docx whose styles, page setup, header and footer to use.",
            readable=False,
        ),
    ] = None,
    number_headings: Annotated[
        bool | None,
        typer.Option(
            "--number-headings/--no-number-headings",
            help="Number headings (1 / 1.1, 一、/（一）) in Markdown as well as Word, HTML and "
            "PDF, or in none (default: the config's number-headings, else all but Markdown).",
        ),
    ] = None,
) -> None:
    """Render valid PRDs to Word, Markdown, HTML or PDF; every failure is reported at the end."""
    from prdkit.render import parse_formats
    from prdkit.render import render as render_document

    check_paths(reference_doc, what="reference")
    formats = parse_formats(to)
    language = lang.value if lang else None

    def make(result: CheckResult, document: Path, config: Config) -> list[Path]:
        numbers = config.number_headings if number_headings is None else number_headings
        rendered = render_document(
            result, document, formats, out, language, reference_doc, numbers, config.limits
        )
        return [item.path for item in rendered]

    _produce(sources, out, lang, make, "cli.rendered")


def _produce(
    sources: list[Path],
    out: Path | None,
    lang: Language | None,
    make: Callable[[CheckResult, Path, Config], list[Path]],
    done_key: str,
) -> None:
    """Check each document and `make` the outputs of the valid ones; report, then exit.

    `done_key` is the catalogue message saying how many documents were done of how many.
    """
    from prdkit.check import check_file
    from prdkit.config import config_for
    from prdkit.messages import msg
    from prdkit.outputs import OutputError, ensure_folder
    from prdkit.reporters import render_text, shown_path

    check_paths(*sources)
    check_paths(out, what="output-folder")
    if out is not None and (out.exists() or out.is_symlink()) and not out.is_dir():
        raise OutputError(msg("file.not-folder", path=str(out)))  # a missing one is created
    unreadable: list[str] = []
    documents = _render_targets(sources, out, lang, unreadable)
    language = lang.value if lang else None
    invalid, problems = [], []
    with _progress(len(documents)) as advance:
        for document in documents:
            result = None
            try:
                config = config_for(document)
                result = check_file(document, config, config.limits, lang=language, one_shot=True)
                if result.failed():
                    invalid.append(result)
                else:
                    if out is not None:
                        ensure_folder(out)  # created once the first document is valid
                    for path in make(result, document, config):
                        # In the document's language, as its diagnostics would be.
                        wrote = msg("cli.wrote", path=shown_path(str(path)))
                        emit(wrote.render(result.lang) + "\n")
            except PrdkitError as exc:  # this document's problem: the others still go on
                problems.append(exc.words(result.lang) if result is not None else _words(exc))
            advance()
    # Every failure at the end, after the progress bar is gone: nothing scrolls away.
    if invalid:
        emit(render_text(invalid, color=_use_color()))
    for message in unreadable + problems:
        complain(message)
    for result in invalid:
        complain(msg("cli.invalid", file=result.file).render(result.lang), None)
    if len(documents) > 1 and (invalid or problems):
        done = len(documents) - len(invalid) - len(problems)
        complain(_say(done_key, lang, done=done, total=len(documents)), None)
    if problems or unreadable:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_INVALID if invalid else EXIT_OK)


@app.command()
@reported
def export(
    sources: Sources,
    to: Annotated[
        str, typer.Option("--to", help="Comma-separated formats: xlsx, csv, jira.")
    ] = "xlsx",
    out: OutFolder = None,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of headers and labels (default: meta.language)."),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start CSV files with a UTF-8 byte-order mark (Excel).")
    ] = False,
) -> None:
    """Export the items of valid PRDs: an Excel workbook, a CSV per kind, a Jira import CSV."""
    from prdkit.export import ExportOptions, parse_exports
    from prdkit.export import export as export_document

    formats = parse_exports(to)
    options = ExportOptions(formats, lang.value if lang else None, bom)
    _produce(
        sources, out, lang, lambda r, d, _c: export_document(r, d, out, options), "cli.exported"
    )


def _render_targets(
    sources: list[Path], out: Path | None, lang: Language | None, unreadable: list[str]
) -> list[Path]:
    """The documents to render, once each; exit 2 when two would write the same output."""
    from prdkit.check import find_documents
    from prdkit.render import output_stem

    documents: dict[str, Path] = {}
    for path in find_documents(sources, unreadable):
        # A file named twice is rendered once. A link to a document is no alias of it: it
        # is refused and reported, as validate does, and the file it points to still goes.
        documents.setdefault(str(path) if path.is_symlink() else os.path.realpath(path), path)
    if not documents:
        for problem in unreadable:
            complain(problem)
        raise fail(_no_documents(sources, lang))
    outputs: dict[str, Path] = {}
    for path in documents.values():
        target = os.path.realpath((out or path.parent) / output_stem(path))
        if target in outputs:
            raise fail(_say("cli.same-output", lang, first=str(outputs[target]), second=str(path)))
        outputs[target] = path
    return list(documents.values())


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal and there is more than one document."""
    if total < 2 or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn(_say("cli.progress", None)),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
        # Lines written to stdout go above the bar only when stdout is the same terminal.
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task("render", total=total)
        yield lambda: bar.advance(task)


@app.command()
@reported
def site(
    root: Annotated[
        Path, typer.Argument(help="Folder searched for *.prd.yaml/.yml/.json.", readable=False)
    ],
    out: Annotated[
        Path,
        typer.Option("--output", "-o", help="Output folder (created if missing).", readable=False),
    ] = Path("site"),
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of the index and pages (default: each document's)."),
    ] = None,
) -> None:
    """Every PRD under ROOT as an HTML page, plus an index of them all; only changes re-render."""
    from prdkit.reporters import shown_path
    from prdkit.site import build_site

    check_paths(root)
    check_paths(out, what="output-folder")
    with _progress(sum(1 for _ in _count_documents(root))) as advance:
        report = build_site(root, out, lang.value if lang else None, progress=advance)
    for message in report.problems:
        complain(message)
    total = len(report.entries)
    summary = _say(
        "cli.site.one" if total == 1 else "cli.site",
        lang,
        path=shown_path(str(out / "index.html")),
        total=total,
        rendered=len(report.rendered),
        reused=len(report.reused),
        invalid=len(report.invalid),
    )
    emit(summary + "\n")
    if report.problems:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_INVALID if report.invalid else EXIT_OK)


def _count_documents(root: Path) -> Iterator[Path]:
    from prdkit.check import find_documents

    return find_documents([root])


@app.command()
@reported
def new(
    name: Annotated[str, typer.Argument(help="Name of the new document: writes NAME.prd.yaml.")],
    template: Annotated[
        str,
        typer.Option(
            "--template",
            "-t",
            help="Template name (see `prdkit templates`).",
            autocompletion=complete_templates,
        ),
    ] = "minimal",
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of the template and messages (default: en)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Start a new PRD from a template."""
    from prdkit.outputs import write_atomic, write_new
    from prdkit.render import output_stem
    from prdkit.reporters import shown_path
    from prdkit.templates import find, instantiate

    target = Path(name if name.endswith((".prd.yaml", ".prd.yml")) else name + ".prd.yaml")
    check_paths(target)
    _check_new_name(name, target, lang)
    # The template is English unless asked; messages follow --lang, else the locale.
    chosen = find(template, lang.value if lang else "en")
    if (target.exists() or target.is_symlink()) and not force:
        raise fail(_say("cli.exists", lang, path=target))
    text = instantiate(chosen, output_stem(target), _today())
    data = _new_document_bytes(target, text, chosen.lang)
    if force:
        write_atomic(target, data)
    else:
        try:
            write_new(target, data)  # made meanwhile (another `new`, an editor): refused too
        except FileExistsError:
            raise fail(_say("cli.exists", lang, path=target)) from None
    shown = shown_path(str(target))
    emit(_say("cli.new", lang, path=shown, template=chosen.name, language=chosen.lang) + "\n")


def _check_new_name(name: str, target: Path, lang: Language | None) -> None:
    """Exit 2 for a name that makes no file a person can find and type: empty (a hidden
    `.prd.yaml`), blank, or holding a line break or a tab (other control characters
    cannot title a valid document, which `_new_document_bytes` says)."""
    stem = target.name.removesuffix(".prd.yaml").removesuffix(".prd.yml")
    if not "".join(ch for ch in stem if ch.isprintable()).strip():
        raise fail(_say("cli.new-name-empty", lang, name=repr(name)))
    # Every line break Python knows (\n, \v, \x85, \u2028…), and the tab.
    if len(f"{name}x".splitlines()) > 1 or "\t" in name:
        raise fail(_say("cli.new-name-bad", lang, name=repr(name)))


def _new_document_bytes(target: Path, text: str, lang: str) -> bytes:
    """The new document's bytes; exit 2 unless it validates (the name becomes its id and title)."""
    from prdkit.check import check_bytes
    from prdkit.messages import msg

    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise fail(msg("cli.name-not-utf8", path=str(target))) from None
    result = check_bytes(data, str(target), lang=lang, one_shot=True)
    if result.failed():
        first = next(d for d in result.diagnostics if d.severity.value == "error")
        raise fail(msg("cli.name-invalid", path=str(target), problem=first.message))
    return data


def _today():
    from datetime import date, datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            raise fail(_say("cli.epoch", None, value=epoch[:30])) from None
    return date.today()


@app.command("templates")
@reported
def list_templates() -> None:
    """List the templates `prdkit new` can start from."""
    from prdkit.templates import available

    rows = available()
    width = max((len(t.name) for t in rows), default=0)
    emit("".join(f"{t.name:<{width}}  {t.lang}  {t.description}\n" for t in rows))


@app.command()
@reported
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schema to FILE.", readable=False),
    ] = None,
) -> None:
    """Print the JSON Schema of the format (for editors)."""
    from prdkit.schemafile import schema_text

    check_paths(output)
    text = schema_text()
    if output is None:
        emit(text if text.endswith("\n") else text + "\n")
        return
    from prdkit.outputs import write_atomic

    write_atomic(output, text.encode("utf-8"))


@app.command()
@reported
def approve(
    source: Annotated[
        Path, typer.Argument(help="The PRD file to sign off (YAML).", readable=False)
    ],
    name: Annotated[str | None, typer.Option("--name", "-n", help="Who signs off.")] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="Their role (default: kept from before).")
    ] = None,
    reject: Annotated[
        bool, typer.Option("--reject", help="Record a rejection instead of an approval.")
    ] = False,
    comment: Annotated[
        str | None,
        typer.Option("--comment", help="A remark (Markdown; default: kept for the same decision)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="List each approval as current or stale (exit 1 if stale)."),
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of messages (default: meta.language, else locale)."),
    ] = None,
) -> None:
    """Sign off a PRD: record an approval with the document's digest, editing it in place."""
    from prdkit.approve import Signoff, approve_file
    from prdkit.config import config_for
    from prdkit.messages import msg, pick_language
    from prdkit.reporters import clean, shown_path

    check_paths(source)
    if check:
        if name is not None or role is not None or reject or comment is not None:
            raise fail(_say("approve.check-alone", lang))
        _check_approvals(source, lang)
        return
    if not name or not name.strip():
        raise fail(_say("approve.name-required", lang))
    decision = "rejected" if reject else "approved"
    signoff = Signoff(name, _today().isoformat(), decision, role, comment)
    recorded = approve_file(source, signoff, config_for(source), lang.value if lang else None)
    line = msg(
        "approve.replaced" if recorded.replaced else "approve.added",
        place=f"{shown_path(str(source))}:{recorded.line}",
        decision=msg(f"decision.{decision}"),
        name=clean(name),
        digest=recorded.digest,
    )
    emit(line.render(pick_language(lang and lang.value, recorded.language)) + "\n")


def _check_approvals(source: Path, lang: Language | None) -> None:
    from prdkit.approve import approval_states, describe, load_for_approval
    from prdkit.check import read_document, size_if_cut
    from prdkit.config import config_for
    from prdkit.digest import digest

    config = config_for(source)
    raw = read_document(source, config.limits)
    loaded = load_for_approval(
        raw,
        str(source),
        json_mode=source.name.endswith(".json"),
        config=config,
        size=size_if_cut(source, raw, config.limits),
    )
    from prdkit.messages import choose_language

    states = approval_states(loaded.data, loaded.source_map)
    language = choose_language(lang and lang.value, loaded.data)
    emit(describe(str(source), states, digest(loaded.data), language))
    raise typer.Exit(EXIT_INVALID if any(s.state == "stale" for s in states) else EXIT_OK)


class DiffFormat(str, Enum):
    """Output shapes of `diff`."""

    text = "text"
    md = "md"
    json = "json"


@app.command()
@reported
def diff(
    old: Annotated[
        str,
        typer.Argument(help="The earlier version: a file, or REV:PATH (always read from git)."),
    ],
    new: Annotated[
        str,
        typer.Argument(help="The later version: a file (./NAME when NAME holds ':'), or REV:PATH."),
    ],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, md (a PR comment) or json.")
    ] = DiffFormat.text,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Language of text and md (default: the later meta.language, else locale).",
        ),
    ] = None,
) -> None:
    """Show what changed between two versions of a PRD, item by item."""
    from prdkit.config import config_for
    from prdkit.diff import FORMATTERS, diff_versions
    from prdkit.diff.labels import relabel
    from prdkit.messages import pick_language

    _check_current_folder()
    # A file (not REV:PATH) with a path no file system holds: said as for every command.
    from prdkit.diff import is_revision

    check_paths(*(Path(spec) for spec in (old, new) if not is_revision(spec)))
    changes = diff_versions(old, new, lang and lang.value)
    language = pick_language(lang and lang.value, changes.language)
    if output_format is not DiffFormat.json:
        # People read the labels the document shows; JSON keeps the source's values.
        place = new if ":" not in new or Path(new).exists() else new.partition(":")[2]
        changes = relabel(changes, config_for(place).conventions, language)
    emit(FORMATTERS[output_format.value](changes, language))


@app.command()
@reported
def lsp(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Accepted for editors that pass it: stdio is the transport."),
    ] = False,
) -> None:
    """Run the language server for editors: live diagnostics, hover, definition, completion."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        from prdkit.messages import locale_language, msg

        # The language server reads no --lang: its own messages follow the locale.
        raise fail(msg("cli.needs-lsp").render(locale_language())) from None
    from prdkit.lsp.server import run

    code = run()
    if code:
        raise typer.Exit(code)


def _leave(exc: SystemExit) -> None:
    """End the process with `exc`'s exit code, skipping the interpreter's teardown.

    Everything the run built (loaded data, model, a Word tree) would be freed object by
    object at exit: a tenth of validating 5,000 requirements, and nothing any output needs.
    Outputs are already written and renamed into place; only the standard streams may still
    hold text, so they are flushed first. The exit goes the interpreter's usual way when
    they cannot be (a closed pipe), when the code is not a small number, and under a
    profiler or tracer (cProfile, coverage), which write what they gathered at exit.
    """
    code = 0 if exc.code is None else exc.code
    if type(code) is not int or not 0 <= code <= 255 or sys.getprofile() or sys.gettrace():
        raise exc
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # any failure, ^C too, leaves the usual way
        raise exc from None
    os._exit(code)


def _stop_on_signals() -> None:
    """End the run on SIGTERM and SIGHUP as on ^C: through Python, so the temporary files
    of outputs being written are removed (the default action kills the process on the spot
    and leaves them behind). A signal the caller chose to ignore stays ignored."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        with contextlib.suppress(OSError, ValueError):
            if signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, _stopped)


def _stopped(signum: int, _frame: object) -> NoReturn:
    raise SystemExit(128 + signum)  # the shell's code for a run ended by that signal


def main() -> None:
    """Entry point: run the app, map every outcome to an exit code, never a bare traceback."""
    _reserve_standard_streams()
    _stop_on_signals()
    # A run builds hundreds of thousands of long-lived objects (data, model, syntax trees)
    # and frees few cycles: collecting every 700 allocations spent a quarter of a Markdown
    # render re-scanning them. Young objects are collected a hundred times less often; the
    # older generations as often as before, so cyclic garbage (syntax trees of 99,000-character
    # fields) does not pile up.
    gc.set_threshold(70_000, 10, 10)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        # Typer reports usage errors itself (exit 2) and turns typer.Exit into sys.exit.
        app()
    except SystemExit as exc:
        if exc.code == 130:  # typer turns ^C into this exit, saying nothing
            emit(f"prdkit: {_say('cli.interrupted', None)}\n", err=True)
        if exc.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            # The framework's own write (the help) met a reader gone (`--help | head`): it
            # exits 1, the code of an invalid document; a reader leaving is no error.
            exc = SystemExit(EXIT_OK)
        _leave(exc)
    except KeyboardInterrupt:
        emit(f"prdkit: {_say('cli.interrupted', None)}\n", err=True)
        sys.exit(130)
    except BrokenPipeError:
        if sys.stdout is not None:
            _discard(sys.stdout)
        sys.exit(EXIT_OK)
    except OSError as exc:
        if exc.errno not in _WRITE_FAILURES:
            _internal_error()
        # A write the framework makes itself (help, a usage message) failed: an I/O problem
        # of the run, told as when a report cannot be written (see `emit`).
        if sys.stdout is not None:
            _discard(sys.stdout)
        complain(_say("cli.write-failed", None, reason=exc.strerror or ""))
        sys.exit(EXIT_USAGE)
    except Exception:
        _internal_error()


# Errors of a write that failed for want of room or of a working device, not of a bug.
_WRITE_FAILURES = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS")
    if hasattr(errno, name)
)


def _internal_error() -> NoReturn:
    """Exit 3 with the one line asking for a report; the traceback only when debugging.

    Called while the unexpected exception is being handled, whose traceback it shows.
    """
    if _state["debug"] or os.environ.get("PRDKIT_DEBUG"):
        import traceback

        emit(traceback.format_exc(), err=True)
    emit(f"prdkit: {_say('cli.internal-error', None)}\n", err=True)
    sys.exit(EXIT_INTERNAL)
