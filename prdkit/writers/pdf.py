"""`--to pdf`: the HTML page laid out for print by WeasyPrint (the optional `prdkit[pdf]`).

WeasyPrint needs no browser: it reads the same self-contained page the HTML writer makes,
honours its print stylesheet (A4, contents with page numbers through `target-counter`,
"page X of Y" in the margins), turns headings into PDF bookmarks and draws the inline SVG
diagrams as vectors. Fonts come from fontconfig: the stylesheet asks for Noto Sans CJK SC
for Chinese, so the PDF embeds a Simplified Chinese face where one is installed.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shlex
import sys
from importlib.metadata import PackageNotFoundError, distribution
from urllib.parse import unquote, urlsplit

from prdkit.images.files import Image
from prdkit.images.pictures import Pictures
from prdkit.messages import Joined, Msg, msg
from prdkit.model import Document
from prdkit.outputs import OutputError
from prdkit.writers import RenderOptions

EXTRA = "prdkit[pdf]"
_NAMED = 3  # pictures named when the budget is exceeded, the largest first


def available() -> Msg | None:
    """None when the PDF writer can run; otherwise the reason and the install command."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return msg("pdf.needs-extra", install=install_command())
    except OSError as exc:  # the Python package is there, its system libraries (Pango) are not
        return msg("pdf.no-libraries", reason=str(exc))
    return None


def install_command() -> str:
    """The command that adds the extra to the Python prdkit runs on: from the folder prdkit
    was installed from (a clone, where `prdkit[pdf]` would look on the package index for
    another copy), else from the index. Named by that Python's path: a bare `pip` may be
    another Python's, or refused outside a virtual environment (PEP 668)."""
    target, editable = EXTRA, False
    try:
        recorded = distribution("prdkit").read_text("direct_url.json")
        origin = json.loads(recorded or "{}")
        url, folder = origin.get("url", ""), origin.get("dir_info")
        if isinstance(url, str) and url.startswith("file://") and isinstance(folder, dict):
            target = _local_path(url) + "[pdf]"
            editable = folder.get("editable") is True
    except (PackageNotFoundError, OSError, ValueError, AttributeError):
        pass  # not installed as a distribution (run from a source tree): the index
    quote = _quoted if os.name == "nt" else shlex.quote
    pip = [quote(sys.executable), "-m", "pip", "install"]
    return " ".join([*pip, *(["-e"] if editable else []), quote(target)])


def _quoted(text: str) -> str:
    """`text` as cmd.exe reads one argument: double quotes where it holds a space (shlex
    quotes for a POSIX shell, and every Windows path, for its backslashes)."""
    return f'"{text}"' if " " in text or "&" in text else text


def _local_path(url: str) -> str:
    """The path of a `file://` URL (not urllib.request's url2pathname: importing it costs
    30 ms, ssl and email included)."""
    path = unquote(urlsplit(url).path)
    if os.name == "nt" and path[:1] == "/" and path[2:3] == ":":  # /C:/x → C:/x
        path = path[1:]
    return path


def write(doc: Document, options: RenderOptions) -> bytes:
    """The PDF of `doc`: the print layout of its HTML page, byte-identical for the same input."""
    problem = available()
    if problem:
        raise OutputError(problem)
    import weasyprint

    from prdkit.writers.html import PageTooLarge, render_page

    _check_pictures(options.pictures, options.limits.max_pdf_image_pixels)
    limit = options.limits.max_pdf_html
    try:
        # Refused before any layout, and before the page is made: the print page has a
        # picture's data URI at each place showing it, so its size is known beforehand.
        page = render_page(doc, options, media="print", limit=limit)
    except PageTooLarge as exc:
        raise OutputError(msg("pdf.too-large", size=_mib(exc.size), limit=_mib(limit))) from None
    # WeasyPrint logs every CSS property it does not know (the screen-only rules) as a warning.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = weasyprint.HTML(string=page.decode("utf-8"), base_url=None, url_fetcher=_data_only())
    buffer = io.BytesIO()
    # The identifier comes from the page itself: same input, same bytes.
    try:
        html.write_pdf(buffer, pdf_identifier=hashlib.sha256(page).hexdigest()[:32].encode())
    except (AssertionError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # WeasyPrint's own failure to lay a page out (a picture in a grid, taller than a
        # page, once tripped its assertion): the other formats still serve.
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise OutputError(msg("pdf.layout-failed", reason=reason[:200])) from None
    return buffer.getvalue()


# Decoding costs by the row too, about as much as 4 pixels: a 1 × 39,000,000 picture, 39
# million pixels, took 1.4 GB (35 bytes a pixel, where a square one takes at most 8).
ROW_PIXELS = 4


def _cost(image: Image) -> int:
    """What decoding `image` costs, in pixels."""
    return image.header.width * image.header.height + ROW_PIXELS * image.header.height


def _check_pictures(pictures: Pictures, limit: int) -> None:
    """Refuse, before any layout, pictures whose decoding would cost more than the budget.

    Pixels come from the headers read when the document was checked: nothing is decoded to
    count them. Identical pictures are embedded, and decoded, once.
    """
    distinct: dict[str, Image] = {}
    for image in pictures.images.values():  # named by the first reference to each
        distinct.setdefault(image.digest, image)
    total = sum(_cost(image) for image in distinct.values())
    if total <= limit:
        return
    by_size = sorted(distinct.values(), key=lambda i: -_cost(i))
    named = Joined(
        tuple(f"{i.name} ({i.header.width:,} × {i.header.height:,})" for i in by_size[:_NAMED])
    )
    total_text, limit_text = f"{total:,}", f"{limit:,}"
    raise OutputError(msg("pdf.too-many-pixels", total=total_text, limit=limit_text, named=named))


def _mib(size: int) -> str:
    """A size people read: KiB below a MiB (a small configured limit must not read 0.0 MiB)."""
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} KiB"
    return f"{size / (1024 * 1024):,.1f} MiB"


def _data_only() -> object:
    """A fetcher of `data:` URLs alone: the page embeds every picture, so a file or host
    named in it is never read (the HTML page forbids it by its own policy too)."""
    import weasyprint

    if hasattr(weasyprint, "URLFetcher"):  # newer releases take a fetcher object
        return weasyprint.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args: object, **kwargs: object) -> object:
        if not url.lower().startswith("data:"):
            raise ValueError("prdkit embeds every picture; nothing else is fetched")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch
