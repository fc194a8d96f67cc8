"""The comparison matrix compares only the dimensions the section declares."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.rules._common import Suggester
from prdkit.source import join


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`undeclared-dimension` for each matrix cell whose dimension is not declared.

    Matrix row keys are references (competitor ids or `us`): see `references`.
    """
    competition = doc.competition
    if competition is None or not competition.matrix:
        return
    declared = set(competition.dimensions)
    suggester = Suggester(competition.dimensions)
    matrix = join(competition.pointer, "matrix")
    for row, cells in competition.matrix:
        for dimension, _value in cells:
            if dimension in declared or dimension.startswith("x-"):
                continue
            hint = suggester.hint(dimension) or msg("undeclared-dimension.hint")
            yield Finding(
                "undeclared-dimension",
                join(matrix, row, dimension),
                msg("undeclared-dimension", row=row, dimension=dimension),
                hint=hint,
                at="key",
            )
