"""The `prdkit` command line: options → library call → report → exit code."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from prdkit import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="prdkit",
    help="Validate and render product-requirements documents (PRDs) written as YAML.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}


class OutputFormat(str, Enum):
    """Output shapes of `validate`."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


def emit(text: str, *, err: bool = False) -> None:
    """Write to stdout (or stderr); a reader that went away (`| head`) is not an error."""
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        # Point the stream at /dev/null so the interpreter's final flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print `prdkit: error: message` on stderr; return the Exit to raise."""
    emit(f"prdkit: error: {message}\n", err=True)
    return typer.Exit(code)


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
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files, or folders searched for *.prd.yaml/.yml/.json."),
    ] = None,
    output_format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="Output shape (default: text).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="List errors and the summary only.")
    ] = False,
) -> None:
    """Check PRD files against the format and its rules."""
    from prdkit.check import InputError, check_file, find_documents
    from prdkit.config import ConfigError, config_for
    from prdkit.reporters import REPORTERS

    fmt = (output_format or _default_format()).value
    results = []
    io_failed = False
    targets = paths or [Path(".")]
    documents = list(find_documents(targets))
    if not documents:
        raise fail(
            f"no PRD files (*.prd.yaml, *.prd.yml, *.prd.json) in {', '.join(map(str, targets))}"
        )
    for document in documents:
        try:
            results.append(check_file(document, config_for(document)))
        except InputError as exc:
            io_failed = True
            emit(f"prdkit: error: {exc}\n", err=True)
        except ConfigError as exc:
            raise fail(str(exc)) from None
    emit(REPORTERS[fmt](results, quiet=quiet, color=fmt == "text" and _use_color()))
    if io_failed:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_INVALID if any(r.failed(strict) for r in results) else EXIT_OK)


def _default_format() -> OutputFormat:
    """GitHub annotations when running in GitHub Actions, text otherwise."""
    return OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.text


class Language(str, Enum):
    """Languages of headings and labels."""

    en = "en"
    zh = "zh"


@app.command()
def render(
    source: Annotated[Path, typer.Argument(help="The PRD file to render.")],
    to: Annotated[str, typer.Option("--to", help="Comma-separated formats: docx, md.")] = "docx,md",
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output folder (default: beside the source)."),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="Language of headings (default: meta.language)."),
    ] = None,
    reference_doc: Annotated[
        Path | None,
        typer.Option(
            "--reference-doc", help="A .docx whose styles, page setup, header and footer to use."
        ),
    ] = None,
) -> None:
    """Render a valid PRD to Word and/or Markdown."""
    from prdkit.check import InputError, check_file
    from prdkit.config import ConfigError, config_for
    from prdkit.outputs import OutputError
    from prdkit.render import parse_formats
    from prdkit.render import render as render_document
    from prdkit.reporters import render_text

    try:
        formats = parse_formats(to)
        if out is not None and not out.is_dir():
            raise OutputError(f"{out}: output folder does not exist")
        result = check_file(source, config_for(source))
    except (InputError, OutputError, ConfigError) as exc:
        raise fail(str(exc)) from None
    if result.failed():
        emit(render_text([result], color=_use_color()))
        emit("prdkit: nothing written: the document is invalid\n", err=True)
        raise typer.Exit(EXIT_INVALID)
    try:
        written = render_document(
            result, source, formats, out, lang.value if lang else None, reference_doc
        )
    except OutputError as exc:
        raise fail(str(exc)) from None
    for item in written:
        emit(f"wrote {item.path}\n")


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="Name of the new document: writes NAME.prd.yaml.")],
    template: Annotated[
        str, typer.Option("--template", "-t", help="Template name (see `prdkit templates`).")
    ] = "minimal",
    lang: Annotated[
        Language, typer.Option("--lang", help="Language of the template.")
    ] = Language.en,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Start a new PRD from a template."""
    from prdkit.outputs import OutputError, write_atomic
    from prdkit.render import output_stem
    from prdkit.templates import TemplateError, find, instantiate

    target = Path(name if name.endswith((".prd.yaml", ".prd.yml")) else name + ".prd.yaml")
    try:
        chosen = find(template, lang.value)
    except TemplateError as exc:
        raise fail(str(exc)) from None
    if (target.exists() or target.is_symlink()) and not force:
        raise fail(f"{target} already exists; use --force to overwrite it")
    text = instantiate(chosen, output_stem(target), _today())
    try:
        write_atomic(target, text.encode("utf-8"))
    except OutputError as exc:
        raise fail(str(exc)) from None
    emit(f"wrote {target} (template {chosen.name}, {chosen.lang})\n")


def _today():
    from datetime import date, datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


@app.command("templates")
def list_templates() -> None:
    """List the templates `prdkit new` can start from."""
    from prdkit.templates import available

    rows = available()
    width = max((len(t.name) for t in rows), default=0)
    emit("".join(f"{t.name:<{width}}  {t.lang}  {t.description}\n" for t in rows))


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the schema to FILE.")
    ] = None,
) -> None:
    """Print the JSON Schema of the format (for editors)."""
    from prdkit.schema import schema_text

    text = schema_text()
    if output is None:
        emit(text if text.endswith("\n") else text + "\n")
        return
    from prdkit.outputs import OutputError, write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OutputError as exc:
        raise fail(str(exc)) from None


def main() -> None:
    """Entry point: run the app, map every outcome to an exit code, never a bare traceback."""
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        # Typer reports usage errors itself (exit 2) and turns typer.Exit into sys.exit.
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        emit("prdkit: interrupted\n", err=True)
        sys.exit(130)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception:
        if _state["debug"] or os.environ.get("PRDKIT_DEBUG"):
            import traceback

            emit(traceback.format_exc(), err=True)
        emit(
            "prdkit: internal error — please report it with the input that caused it"
            " (run with --debug for details)\n",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
