"""The Word writer: a styled, navigable, Chinese-ready and deterministic .docx of a document.

Modules follow the parts of the file:

- `base`: the starting document (python-docx's blank one, or a reference .docx), page setup
- `styledefs`, `styles`: the styles prdkit uses, East Asian fonts, style ids by name
- `numbering`: list definitions, a restarted w:num per list
- `fields`: TOC, PAGE and NUMPAGES fields, bookmarks
- `oxml`, `builder`, `tables`: element building, runs, links, fast tables
- `colwidths`: column widths measured from what a filled table holds
- `writer`: the protocol `richtext` and `tables` know the render state by
- `richtext`: Markdown fields through a dispatch table, one function per node type
- `render`, `cells`: the document layer's blocks and cells, one function per kind
- `gantt`: the week grid a schedule is drawn as
- `document`: cover, table of contents, header and footer, assembly
- `package`: document properties and the deterministic zip

python-docx is imported by these modules only, so the rest of prdkit starts without it.
"""

from __future__ import annotations

from prdkit.model import Document
from prdkit.writers import RenderOptions

__all__ = ["write"]


def write(doc: Document, options: RenderOptions) -> bytes:
    """The .docx bytes of `doc`; `OutputError` when the reference document is unusable."""
    from prdkit.writers.docx.document import build

    return build(doc, options)
