"""Rendering one checked document to the requested formats, written atomically."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from prdkit.check import SUFFIXES, CheckResult
from prdkit.digest import digest, forget
from prdkit.forking import build_all
from prdkit.i18n import language
from prdkit.images.pictures import Pictures
from prdkit.limits import DEFAULT_LIMITS, Limits
from prdkit.messages import Listing, msg
from prdkit.outputs import OutputError, write_all
from prdkit.source import SourceMap
from prdkit.writers import FORMATS, RenderOptions, get_writer


def parse_formats(spec: str) -> list[str]:
    """`"docx,md"` → ["docx", "md"]; OutputError names the choices for an unknown one."""
    formats = [f.strip().lower() for f in spec.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise OutputError(
            msg(
                "render.unknown-format",
                name=",".join(unknown),
                choices=Listing(tuple(FORMATS), "", quoted=False),
            )
        )
    return list(dict.fromkeys(formats))


def output_stem(source: Path) -> str:
    """`NAME` of `NAME.prd.yaml` (or of any other file name)."""
    name = source.name
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return source.stem


def source_timestamp(result: CheckResult) -> datetime:
    """SOURCE_DATE_EPOCH when set, else the document's updated/created date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise OutputError(msg("cli.epoch", value=epoch[:30])) from None
    meta = result.document.meta
    day = meta.updated or meta.created or "2000-01-01"
    return datetime.fromisoformat(f"{day}T00:00:00+00:00")


@dataclass(frozen=True)
class Rendered:
    """One output written."""

    fmt: str
    path: Path


def render_options(
    result: CheckResult,
    source: Path,
    folder: Path,
    lang: str | None = None,
    reference_doc: Path | None = None,
    number_headings: bool | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> RenderOptions:
    """How `result` (checked from `source`) is rendered into `folder`: one construction for
    every command that renders, so the language, pictures, sign-off digest (stale approvals
    show) and configured limits reach each output."""
    return RenderOptions(
        lang=language(lang or result.document.meta.language),
        reference_doc=reference_doc,
        timestamp=source_timestamp(result),
        source_dir=source.parent,
        pictures=Pictures(result.images, source.parent, folder),
        number_headings=number_headings,
        digest=digest(result.data) if isinstance(result.data, Mapping) else None,
        limits=limits,
    )


def release_source(result: CheckResult) -> None:
    """Let go of what only checking reads: the source text, loaded data and source map.

    No writer reads them (they render the model), and they are half of what a checked
    document holds: about 90 MiB at 5,000 requirements, room the Word writer's trees need.
    """
    forget(result.data)  # the digest's memo held on to it
    result.text = ""
    result.data = None
    result.source_map = SourceMap()


def render(
    result: CheckResult,
    source: Path,
    formats: list[str],
    out_dir: Path | None,
    lang: str | None = None,
    reference_doc: Path | None = None,
    number_headings: bool | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Rendered]:
    """Render a valid checked document; every output is built in memory, then written.

    `result` gives up its source once the options are made (see `release_source`).
    """
    doc = result.document
    folder = out_dir if out_dir is not None else source.parent
    options = render_options(result, source, folder, lang, reference_doc, number_headings, limits)
    release_source(result)
    # Every output is built before any is written, and written all or none; the formats
    # after the first are built in forked children when there are processors for them.
    makers = [partial(get_writer(fmt), doc, options) for fmt in formats]
    try:
        built = [
            (folder / (output_stem(source) + FORMATS[fmt][1]), data)
            for fmt, data in zip(formats, build_all(makers), strict=True)
        ]
    except OutputError as exc:  # a writer's refusal names the document it concerns
        raise OutputError(msg("file.problem", path=str(source), problem=exc.message)) from None
    write_all(built, source=source)
    return [Rendered(fmt, path) for fmt, (path, _) in zip(formats, built, strict=True)]
