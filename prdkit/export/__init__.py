"""Items out to spreadsheets and trackers: xlsx, one CSV per kind, and a Jira import CSV.

All three read the same typed tables (`prdkit.layout.sheets`); every file of one document
is built in memory first, then written all or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prdkit.check import CheckResult
from prdkit.messages import Listing, msg
from prdkit.outputs import OutputError, write_all
from prdkit.render import output_stem, source_timestamp

EXPORTS: tuple[str, ...] = ("xlsx", "csv", "jira")


@dataclass(frozen=True)
class ExportOptions:
    """What an export may be told besides the document."""

    formats: tuple[str, ...] = ("xlsx",)
    lang: str | None = None
    bom: bool = False  # a UTF-8 byte-order mark on CSV files, for Excel on Windows


def parse_exports(spec: str) -> tuple[str, ...]:
    """`"xlsx,csv"` → ("xlsx", "csv"); OutputError names the choices for an unknown one."""
    formats = [f.strip().lower() for f in spec.split(",") if f.strip()]
    unknown = [f for f in formats if f not in EXPORTS]
    if unknown or not formats:
        shown = ",".join(unknown) or spec
        raise OutputError(
            msg(
                "export.unknown-format",
                name=shown,
                choices=Listing(tuple(EXPORTS), "", quoted=False),
            )
        )
    return tuple(dict.fromkeys(formats))


def build(result: CheckResult, options: ExportOptions) -> list[tuple[str, bytes]]:
    """(file name suffix, bytes) of every file the formats make for one valid document."""
    from prdkit.layout.sheets import build as sheets

    doc = result.document
    book = sheets(doc, options.lang)
    files: list[tuple[str, bytes]] = []
    for fmt in options.formats:
        if fmt == "xlsx":
            from prdkit.export import xlsx

            files.append((".xlsx", xlsx.write(book, source_timestamp(result))))
        elif fmt == "csv":
            from prdkit.export import csvfiles

            files += csvfiles.write(book, bom=options.bom)
        else:
            from prdkit.export import jira

            files.append((".jira.csv", jira.write(doc, book.lang, bom=options.bom)))
    return files


def export(
    result: CheckResult, source: Path, out_dir: Path | None, options: ExportOptions
) -> list[Path]:
    """Write the exports of one valid document beside it (or into `out_dir`); their paths."""
    folder = out_dir if out_dir is not None else source.parent
    stem = output_stem(source)
    built = [(folder / (stem + suffix), data) for suffix, data in build(result, options)]
    write_all(built, source=source)
    return [path for path, _ in built]


__all__ = ["EXPORTS", "ExportOptions", "OutputError", "export", "parse_exports"]
