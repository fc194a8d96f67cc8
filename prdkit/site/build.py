"""Building a site: check every document, render the changed ones, write the index.

Incremental by content: a page is rendered again only when its key changed — the digest of
the source bytes, the bytes of the images it embeds, the language and prdkit's version —
or when the page is missing. `.prdkit-site.json` in the output folder records the keys and
the pages this run owns; pages of documents that are gone are removed, nothing else is.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from prdkit import __version__
from prdkit.check import InputError, check_file, find_documents
from prdkit.config import ConfigError, config_for
from prdkit.errors import PrdkitError
from prdkit.outputs import OutputError, write_all
from prdkit.render import output_stem, render_options
from prdkit.site.collect import Entry, entry
from prdkit.site.index import index_html

MANIFEST = ".prdkit-site.json"


class SiteError(PrdkitError):
    """A site that cannot be built: the root or the output folder is unusable (exit 2)."""


@dataclass
class SiteReport:
    """What a run did: pages rendered and reused, documents invalid, problems of the run."""

    entries: list[Entry] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def invalid(self) -> list[Entry]:
        """Documents listed with their diagnostics instead of a page."""
        return [e for e in self.entries if e.errors]


def build_site(
    root: Path,
    out: Path,
    lang: str | None = None,
    progress: Callable[[], None] = lambda: None,
) -> SiteReport:
    """Render every PRD under `root` into `out` (created if missing) with an index."""
    from prdkit.writers import get_writer

    if not root.is_dir() or root.is_symlink():
        raise SiteError(f"{root}: not a folder")
    _prepare(out)
    old = _read_manifest(out)
    new: dict[str, dict[str, str]] = {}
    report = SiteReport()
    outputs: list[tuple[Path, bytes]] = []
    documents = list(find_documents([root], report.problems))
    pages = _page_names(root, documents)
    write_html = get_writer("html")
    for path in documents:
        source = path.relative_to(root).as_posix()
        try:
            config = config_for(path)
            result = check_file(path, config, config.limits, lang=lang)
        except (InputError, ConfigError) as exc:
            report.problems.append(str(exc))
            progress()
            continue
        page = None
        if not result.failed():
            page = pages[path]
            doc_lang = lang if lang else (result.document.meta.language or "en")
            digests = sorted(image.digest for image in result.images.values())
            key = _key(result.text, digests, doc_lang)
            target = out / page
            if not _inside(out, target.parent):
                # A folder of the output that is a link elsewhere: writing would leave `out`.
                report.problems.append(
                    f"{target.parent}: links out of the output folder; {page} not written"
                )
                report.entries.append(entry(result, source, None))
                progress()
                continue
            known = old.get(source, {})
            if known.get("key") == key and known.get("page") == page and target.is_file():
                report.reused.append(page)
            else:
                options = render_options(result, path, target.parent, doc_lang)
                try:
                    outputs.append((target, write_html(result.document, options)))
                except OutputError as exc:
                    report.problems.append(f"{path}: {exc}")
                    progress()
                    continue
                report.rendered.append(page)
            new[source] = {"key": key, "page": page}
        report.entries.append(entry(result, source, page))
        progress()
    for target, _ in outputs:
        target.parent.mkdir(parents=True, exist_ok=True)
    outputs.append((out / "index.html", index_html(report.entries, lang or "en")))
    outputs.append((out / MANIFEST, _manifest_bytes(new)))
    write_all(outputs)
    report.removed = _prune(out, old, new)
    return report


def _prepare(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SiteError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SiteError(f"{out}: cannot create the output folder ({exc.strerror})") from None


def _page_names(root: Path, documents: list[Path]) -> dict[Path, str]:
    """Each document's page, mirroring its folder; a name two sources share keeps its suffix."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for path in documents:  # sorted, so the same tree always gets the same names
        folder = path.parent.relative_to(root).as_posix()
        prefix = "" if folder == "." else folder + "/"
        name = prefix + output_stem(path) + ".html"
        if name in taken or name == "index.html":
            name = prefix + path.name.replace(".", "-") + ".html"
        # Another source's own name may already be that fallback (`a-prd-yml.prd.yaml`).
        stem, n = name[: -len(".html")], 2
        while name in taken:
            name, n = f"{stem}-{n}.html", n + 1
        taken.add(name)
        names[path] = name
    return names


def _key(text: str, pictures: Iterable[str], lang: str) -> str:
    """The digest that decides whether a page is rendered again; `pictures` are the digests
    of the pictures it embeds (checked and read once by validation), part of its input."""
    h = hashlib.sha256()
    for part in (__version__, lang, text, *pictures):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _read_manifest(out: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        return {}
    return {
        k: v
        for k, v in pages.items()
        if isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("page"), str)
    }


def _manifest_bytes(pages: dict[str, dict[str, str]]) -> bytes:
    body = {"generator": f"prdkit {__version__}", "pages": dict(sorted(pages.items()))}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode()


def _prune(out: Path, old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> list[str]:
    """Remove pages this site wrote before and no longer has; only plain files inside `out`."""
    kept = {v["page"] for v in new.values()}
    removed = []
    for item in old.values():
        page = item["page"]
        if page in kept or page == "index.html" or not page.endswith(".html"):
            continue
        target = out / page
        if not _inside(out, target) or target.is_symlink():
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
