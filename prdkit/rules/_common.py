"""Helpers shared by the rule families: status grading, names, suggestions, item labels."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from prdkit.diagnostics import Severity
from prdkit.messages import Kind, Listing, Msg, msg
from prdkit.model import Document, kind_of
from prdkit.source import join

# Work bounds for "did you mean" hints. Candidates are names of near length only; a hint
# is for a misspelt name or id, so a word longer than `_MAX_HINT_LENGTH` gets none (difflib's
# cost grows with the product of the lengths: 131 µs a pair of 64 characters, seconds for a
# pair of 40,000-character dimensions). And all the suggesters of one rule over a document
# share `HINT_WORK` characters compared (their lengths multiplied), about a third of a
# second at worst: per flow, 1,000 flows of 25 misspelt steps each once took 55 s.
_MAX_LENGTH_GAP = 3
_MAX_HINT_LENGTH = 64
HINT_WORK = 10_000_000


def verbatim(source: str) -> bool:
    """True when every key and value read from `source` is written in it as it reads.

    Only escapes (`"\\x54ODO"`, `"\\u202e"`) make a value hold what its text does not: with no
    backslash, a word absent from the text is absent from every key and value. (Folded lines
    join with a space, so they make no new word either.)
    """
    return "\\" not in source


def graded(doc: Document) -> Severity:
    """Severity of a status-aware rule: error in review/approved, warning in draft/deprecated."""
    return Severity.ERROR if doc.meta.status in ("review", "approved") else Severity.WARNING


def must_message(doc: Document, key: str, item_id: str) -> Msg:
    """The message `key` about a `must` requirement, naming the team's label (P0) if any."""
    return labelled(doc, key, "priority", "must", id=item_id)


def labelled(doc: Document, key: str, group: str, value: str, **params: object) -> Msg:
    """The message `key`, or `key.labelled` naming the team's `label` of enum `value` where
    the team labels it: a message that says "still open" or "should increase" in its own
    words would not read as the document shows the value."""
    if doc.conventions.relabelled(group, value) is None:
        return msg(key, **params)
    return msg(f"{key}.labelled", label=doc.conventions.value_words(group, value), **params)


def kind_name(item: object, article: bool = False) -> Kind:
    """A reader's name for the kind of `item`: "requirement", "an open question", "需求"…"""
    return Kind(kind_of(item), article)


def listing(words: Iterable[str], conjunction: str = "and") -> Listing:
    """`'a'`, `'a' and 'b'`, `'a', 'b' and 'c'` in the language of the run."""
    return Listing(tuple(words), conjunction)


class HintWork:
    """What is left of `HINT_WORK` for the suggesters of one rule over one document."""

    __slots__ = ("left",)

    def __init__(self, work: int = HINT_WORK) -> None:
        self.left = work


class Suggester:
    """Close matches for misspelt names, with a budget so hints stay cheap: at most `budget`
    hints, and at most the `work` it shares with the rule's other suggesters."""

    def __init__(
        self, candidates: Iterable[str], budget: int = 25, work: HintWork | None = None
    ) -> None:
        self._candidates = list(dict.fromkeys(candidates))
        self._folded = {c.casefold(): c for c in self._candidates}
        self._budget = budget
        self._work = work if work is not None else HintWork()
        self._by_length: dict[int, list[str]] | None = None

    def hint(self, word: str) -> Msg | None:
        """`did you mean 'X'?` for the closest candidate, or None."""
        match = self._folded.get(word.casefold())
        if match is None and self._budget > 0 and len(word) <= _MAX_HINT_LENGTH:
            near = self._near(len(word))
            cost = len(word) * sum(map(len, near))
            if near and cost <= self._work.left:
                self._budget -= 1
                self._work.left -= cost
                close = difflib.get_close_matches(word, near, n=1, cutoff=0.75)
                match = close[0] if close else None
        return msg("did-you-mean", name=match) if match is not None and match != word else None

    def _near(self, size: int) -> list[str]:
        """The candidates whose length is within `_MAX_LENGTH_GAP` of `size` (their order
        does not matter: difflib breaks ties between equal scores by the names)."""
        if self._by_length is None:
            self._by_length = {}
            for candidate in self._candidates:
                self._by_length.setdefault(len(candidate), []).append(candidate)
        lengths = range(size - _MAX_LENGTH_GAP, size + _MAX_LENGTH_GAP + 1)
        return [c for n in lengths for c in self._by_length.get(n, ())]


def _label(item: Any) -> Msg | Kind:
    kind = kind_name(item)
    for attr in ("id", "name", "term", "team", "version", "title"):
        value = getattr(item, attr, None)
        if isinstance(value, str) and value:
            return msg("place.item", kind=kind, name=value)
    return kind


def _items(doc: Document) -> Iterator[Any]:
    # Every model object that has a pointer, walked iteratively (no recursion on data).
    stack: list[Any] = [doc]
    while stack:
        obj = stack.pop()
        yield obj
        for f in fields(obj):
            if not f.compare:
                continue  # pointers and the team's conventions: not items of the source
            value = getattr(obj, f.name, None)
            if isinstance(value, tuple):
                stack.extend(v for v in value if is_dataclass(v))
            elif is_dataclass(value):
                stack.append(value)


class Places:
    """Names the place a JSON Pointer points at: `requirement R1, acceptance_criteria #2`."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._owners: dict[str, Msg | Kind] | None = None

    def _owner_map(self) -> dict[str, Msg | Kind]:
        if self._owners is None:
            owners = {}
            for item in _items(self._doc):
                if item is self._doc or kind_of(item) == "meta" or not item.pointer:
                    continue
                # Section objects (meta, competition...) read better as paths.
                if any(hasattr(item, a) for a in ("id", "name", "term", "team", "version")):
                    owners[item.pointer] = _label(item)
            self._owners = owners
        return self._owners

    def describe(self, pointer: str) -> Msg | Kind | str:
        """A short, readable name for the value at `pointer`."""
        owners = self._owner_map()
        tokens = [_unescape(t) for t in pointer.split("/")[1:]]
        for cut in range(len(tokens), 0, -1):
            owner = owners.get(join("", *tokens[:cut]))
            if owner is not None:
                rest = _path(tokens[cut:])
                return msg("place.in", owner=owner, rest=rest) if rest else owner
        return _path(tokens) or msg("place.document")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _path(tokens: list[str]) -> str:
    out = ""
    for token in tokens:
        if token.isdigit():
            out += f" #{int(token) + 1}"
        else:
            out += ("." if out else "") + token
    return out


def present(value: Any) -> bool:
    """`True` for a value that says something: not None, not empty text, list or mapping."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, tuple | list | Mapping):
        return len(value) > 0
    return True
