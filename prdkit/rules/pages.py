"""Pages: every page reachable in the page map from a page that a feature or flow step uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from prdkit.diagnostics import Finding
from prdkit.messages import msg
from prdkit.model import Document
from prdkit.rules._common import listing
from prdkit.rules.graph import reach

# At most this many followers are named in an unreachable-page message.
_NAMED_FOLLOWERS = 5


def entry_pages(doc: Document) -> list[str]:
    """Ids of the pages a feature or a flow step uses, in document order, each once."""
    used: list[str] = []
    for feature in doc.features:
        used.extend(feature.pages)
    # A page that names its features is used by them, as if they listed it.
    used.extend(page.id for page in doc.pages if page.features)
    for flow in doc.flows:
        used.extend(step.page for step in flow.steps if step.page is not None)
    return list(dict.fromkeys(used))


def check(doc: Document, data: Mapping[str, Any]) -> Iterator[Finding]:
    """`unreachable-page`: a page no feature or flow step uses, nor leads to from such a page."""
    if not doc.pages:
        return
    pages = {}
    for page in doc.pages:
        pages.setdefault(page.id, page)

    def successors(page_id: str) -> Iterable[str]:
        page = pages.get(page_id)
        return (t for t in page.navigates_to if t in pages) if page is not None else ()

    roots = [p for p in entry_pages(doc) if p in pages]
    reached = set(reach(roots, successors, set()))  # asked of every page: a set, not a list
    reported: set[str] = set()
    # The first page of each unreachable stretch is reported, naming the pages it leads to.
    for page in doc.pages:
        if page.id in reached or page.id in reported or pages[page.id] is not page:
            continue
        followers = [p for p in reach([page.id], successors, reached) if p != page.id]
        reported.add(page.id)
        reported.update(followers)
        message = msg("unreachable-page", page=page.id)
        if followers:
            shown = listing(followers[:_NAMED_FOLLOWERS])
            more = len(followers) - _NAMED_FOLLOWERS
            key = "unreachable-page.followers" + (".more" if more > 0 else "")
            message = msg(key, page=page.id, shown=shown, more=more)
        yield Finding("unreachable-page", page.pointer, message, hint=msg("unreachable-page.hint"))
