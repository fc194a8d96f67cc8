"""The Word writer: a styled, navigable, Chinese-ready and deterministic .docx of a document.

Modules follow the parts of the file:

- `base`: the starting document (python-docx's blank one, or a reference .docx), page setup
- `styledefs`, `styles`: the styles prdkit uses, East Asian fonts, style ids by name
- `numbering`: list definitions, a restarted w:num per list
- `fields`: TOC, PAGE and NUMPAGES fields, bookmarks
- `oxml`, `builder`, `tables`: element building, runs, links, fast tables
- `colwidths`: column widths measured from what a table holds, cell by cell as it is filled
- `writer`: the protocol `richtext` and `tables` know the render state by
- `richtext`: Markdown fields through a dispatch table, one function per node type
- `render`, `cells`: the document layer's blocks and cells, one function per kind
- `gantt`: the week grid a schedule is drawn as
- `document`: cover, table of contents, header and footer, assembly
- `package`: document properties and the deterministic zip

python-docx is imported by these modules only, so the rest of prdkit starts without it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from prdkit.model import Document
from prdkit.writers import RenderOptions

__all__ = ["write"]


def write(doc: Document, options: RenderOptions) -> bytes:
    """The .docx bytes of `doc`; `OutputError` when the reference document is unusable."""
    from prdkit.writers.docx.document import build

    with fewer_collections():
        return build(doc, options)


@contextmanager
def fewer_collections(threshold: int = 100_000) -> Iterator[None]:
    """Run the cyclic garbage collector less often inside the block.

    A render allocates millions of short-lived objects (parser tokens, element proxies) and
    frees them by reference counting; at the default threshold the collector still walks
    every live object over and over, a fifth of the time on a 99,000-character field.
    """
    before = gc.get_threshold()
    gc.set_threshold(threshold, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
