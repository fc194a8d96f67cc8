"""Building a site: check every document, render the changed ones, write the index.

Incremental by content: a page is rendered again only when its key changed — the digest of
the source bytes, the configuration it is checked under, the bytes of each image it embeds
by the place it is named from, the language and prdkit's version — or when the page is
missing. `.prdkit-site.json` in the output folder records every file
the site wrote, with the digest of its bytes: a run replaces or removes only those, and
refuses (exit 2, before writing anything) when a file it would write is someone else's.
Documents are checked, rendered and written one at a time, so memory does not grow with
the number of documents.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from prdkit import __version__
from prdkit.check import InputError, check_file, find_documents
from prdkit.config import ConfigError, config_for
from prdkit.errors import PrdkitError
from prdkit.i18n import LANGUAGES, language
from prdkit.messages import Msg, msg
from prdkit.outputs import OutputError, make_folders, refuse_unless_regular, write_atomic
from prdkit.render import output_stem, render_options
from prdkit.site.collect import Entry, entry
from prdkit.site.index import index_html

MANIFEST = ".prdkit-site.json"
INDEX = "index.html"


class SiteError(PrdkitError):
    """A site that cannot be built: the root or the output folder is unusable (exit 2)."""


@dataclass
class SiteReport:
    """What a run did: pages rendered and reused, documents invalid, problems of the run."""

    entries: list[Entry] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[str | Msg] = field(default_factory=list)  # said in the run's language
    lang: str = "en"  # the index's language

    @property
    def invalid(self) -> list[Entry]:
        """Documents listed with their diagnostics instead of a page."""
        return [e for e in self.entries if e.errors]


@dataclass
class Manifest:
    """The files a site wrote: page → (source, key, sha256 of its bytes), and the index's."""

    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    index: str | None = None
    found: bool = False  # False: no manifest, so the site owns no file in the folder yet

    def owns(self, out: Path, name: str) -> bool:
        """`True` when `name` in `out` is missing, or is a file this site wrote, unchanged."""
        path = out / name
        if not path.exists() and not path.is_symlink():
            return True
        recorded = self.index if name == INDEX else self.pages.get(name, {}).get("sha256")
        if not self.found or recorded is None or path.is_symlink() or not path.is_file():
            return False
        # An empty digest: claimed by a run that stopped before it could record the bytes.
        return recorded == "" or recorded == _file_digest(path)


def build_site(
    root: Path,
    out: Path,
    lang: str | None = None,
    progress: Callable[[], None] = lambda: None,
) -> SiteReport:
    """Render every PRD under `root` into `out` (created if missing) with an index."""
    from prdkit.writers import get_writer

    if root.is_symlink() and root.is_dir():
        raise SiteError(msg("file.symlink-folder", path=str(root)))
    if not root.is_dir() or root.is_symlink():
        raise SiteError(msg("file.not-folder", path=str(root)))
    _prepare(out)
    old = _read_manifest(out)
    report = SiteReport()
    documents = list(find_documents([root], report.problems))
    pages = _page_names(root, documents)
    _refuse_foreign(out, old, [*pages.values(), INDEX])
    # Claim every page before writing one: a run cut short still owns what it wrote.
    claimed = Manifest(
        {**{p: {"source": "", "key": "", "sha256": ""} for p in pages.values()}, **old.pages},
        old.index,
        True,
    )
    _write_manifest(out, claimed)
    by_source = {v["source"]: (p, v) for p, v in old.pages.items()}
    new: dict[str, dict[str, str]] = {}
    write_html = get_writer("html")
    for path in documents:
        source = path.relative_to(root).as_posix()
        try:
            config = config_for(path)
            result = check_file(path, config, config.limits, lang=lang)
        except (InputError, ConfigError) as exc:
            report.problems.append(exc.message)
            progress()
            continue
        page = None
        if not result.failed():
            page = pages[path]
            target = out / page
            numbers = config.number_headings  # off in every page when the team turns it off
            options = render_options(
                result, path, target.parent, lang, number_headings=numbers, limits=config.limits
            )
            # Which picture stands where (two swapped files change the page, not the set of
            # digests), and the configuration (a team's label changes every page).
            placed = sorted(f"{src}\0{image.digest}" for src, image in result.images.items())
            settings = repr(replace(config, source=None))
            key = _key(result.text, [settings, *placed], options.lang)
            known_page, known = by_source.get(source, (None, {}))
            if not _inside(out, target.parent):
                # A folder of the output that is a link elsewhere: writing would leave `out`.
                report.problems.append(msg("site.links-out", path=str(target.parent), page=page))
                page = None
            elif known_page == page and known.get("key") == key and target.is_file():
                report.reused.append(page)
                new[page] = dict(known)
            else:
                try:
                    html = write_html(result.document, options)
                    make_folders(target.parent)
                    write_atomic(target, html)
                except OutputError as exc:
                    report.problems.append(msg("file.problem", path=str(path), problem=exc.message))
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    report.problems.append(msg("file.problem", path=str(path), problem=reason))
                    page = None
                else:
                    report.rendered.append(page)
                    new[page] = {"source": source, "key": key, "sha256": _digest(html)}
        report.entries.append(entry(result, source, page))
        progress()
    report.lang = lang or _majority(Counter(language(e.language or None) for e in report.entries))
    index = index_html(report.entries, report.lang)
    write_atomic(out / INDEX, index)
    _write_manifest(out, Manifest(new, _digest(index), True))
    report.removed = _prune(out, old, new)
    return report


def _majority(languages: Counter[str]) -> str:
    """The language most documents are written in; a tie goes to the one listed first."""
    if not languages:
        return LANGUAGES[0]
    return max(LANGUAGES, key=lambda code: (languages[code], -LANGUAGES.index(code)))


def _refuse_foreign(out: Path, manifest: Manifest, names: Iterable[str]) -> None:
    """SiteError naming every file the run would replace that the site did not write."""
    foreign = [n for n in names if _inside(out, (out / n).parent) and not manifest.owns(out, n)]
    if foreign:
        shown = ", ".join(foreign[:5])
        if len(foreign) > 5:
            shown = msg("site.and-more", names=shown, count=len(foreign) - 5)
        raise SiteError(msg("site.foreign", path=str(out), names=shown))


def _prepare(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SiteError(msg("file.not-folder", path=str(out)))
    try:
        make_folders(out)
    except OSError as exc:
        raise SiteError(
            msg("output.cannot-create", path=str(out), reason=exc.strerror or "")
        ) from None


def _page_names(root: Path, documents: list[Path]) -> dict[Path, str]:
    """Each document's page, mirroring its folder; a name two sources share keeps its suffix."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in documents:  # sorted, so the same tree always gets the same names
        folder = path.parent.relative_to(root).as_posix()
        prefix = "" if folder == "." else folder + "/"
        name = prefix + output_stem(path) + ".html"
        if name in taken or name == INDEX:
            name = prefix + path.name.replace(".", "-") + ".html"
        # Another source's own name may already be that fallback (`a-prd-yml.prd.yaml`).
        stem, n = name[: -len(".html")], 2
        while name in taken:
            name, n = f"{stem}-{n}.html", n + 1
        taken.add(name)
        names[path] = name
    return names


def _key(text: str, inputs: Iterable[str], lang: str) -> str:
    """The digest that decides whether a page is rendered again; `inputs`, what else it is
    made from: the configuration it is checked under, and each picture it embeds (checked
    and read once by validation), by the place it is named from."""
    h = hashlib.sha256()
    for part in (__version__, lang, text, *inputs):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None


def _read_manifest(out: Path) -> Manifest:
    path = out / MANIFEST
    refuse_unless_regular(path)  # a FIFO would be read for ever
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return Manifest()
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        return Manifest()
    owned: dict[str, dict[str, str]] = {}
    for name, item in pages.items():
        if not isinstance(name, str) or not isinstance(item, dict):
            continue
        if isinstance(item.get("page"), str):  # the first format: keyed by source, no digest
            name, item = item["page"], {"source": name, "key": str(item.get("key", ""))}
        if name.endswith(".html") and name != INDEX:
            owned[name] = {k: str(item.get(k, "")) for k in ("source", "key", "sha256")}
    index = data.get("index")
    # The first format recorded no index digest: its index is taken as the site's own.
    return Manifest(owned, index if isinstance(index, str) else "", True)


def _write_manifest(out: Path, manifest: Manifest) -> None:
    body = {
        "generator": f"prdkit {__version__}",
        "index": manifest.index,
        "pages": dict(sorted(manifest.pages.items())),
    }
    try:
        data = (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode()
    except UnicodeEncodeError:  # a file name that is not UTF-8 (its bytes kept as surrogates)
        data = (json.dumps(body, indent=1) + "\n").encode()  # escaped, read back the same
    write_atomic(out / MANIFEST, data)


def _prune(out: Path, old: Manifest, new: dict[str, dict[str, str]]) -> list[str]:
    """Remove pages this site wrote before and no longer has: unchanged files inside `out`."""
    removed = []
    for page in old.pages:
        target = out / page
        if page in new or not _inside(out, target) or not old.owns(out, page):
            continue
        try:
            if target.is_file():
                target.unlink()
                removed.append(page)
        except OSError:
            continue
    return sorted(removed)


def _inside(out: Path, path: Path) -> bool:
    """`True` when `path`, its links followed, stays inside the folder `out`."""
    base = os.path.realpath(out)
    return os.path.commonpath([base, os.path.realpath(path)]) == base
