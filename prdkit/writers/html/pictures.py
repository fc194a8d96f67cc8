"""Pictures on a page: each picture's bytes written once, however often it is shown.

A picture shown at one place is an `<img>` with a data URI. A picture shown at several
places (one screen under many prototypes, an icon in many fields) would repeat its data
URI at each: the images budget counts a file once, so one 8 MB picture named 40 times made
a 410 MB page. Such a picture is defined once instead, an SVG `<image>` in a hidden `<svg>`
at the top of the body, and every place shows it through `<use>` in an `<svg>` of the
picture's size, named by its alt text (`role="img"`). Browsers size that `<svg>` as they
size the `<img>` (its width and height, then the stylesheet's `max-width`, `max-height`
and `height: auto`, aspect kept), print it, and fetch nothing: the page's policy allows
`data:` pictures, which is what the `<image>` holds.

WeasyPrint draws every inline `<svg>` on its own and cannot follow a `<use>` into
another, so the print variant (the PDF's page) keeps an `<img>` at each place; the page's
size is known before it is put together, so a PDF past its budget is refused unbuilt.

Places and the definitions are markers until then (`page`): the data URIs are made once,
as bytes, and joined into the page once.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from html import escape
from pathlib import Path

from prdkit.images.headers import Header, Unreadable, probe
from prdkit.images.pictures import Pictures
from prdkit.writers.html.assets import read_picture, sniff

__all__ = ["PagePictures", "PageTooLarge"]

# A place showing picture N, or (no number) where the shared pictures are defined, named by
# a token of the page's own: the loader refuses NUL in every value, but a team's labels come
# from a configuration file, where TOML allows it; a mark spelt there must not be one.
_MARK = "\x00{token}{number}\x00"
# Frames are not counted here: the header is read for the picture's size alone.
_ANY_FRAMES = 1 << 30


class PageTooLarge(Exception):
    """The page would be `size` bytes, over the limit it was built for."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


@dataclass(eq=False)
class _Picture:
    """One distinct picture of the page: its bytes, size and how many places show it."""

    key: int
    data: bytes
    header: Header  # its kind and size, as the checks read them
    places: int = 0

    @property
    def ident(self) -> str:
        # ':' is in no heading slug and no element id the layer's anchors give.
        return f"picture:{self.key}"

    def uri(self) -> bytes:
        mime = self.header.mime
        return f"data:{mime};base64,".encode("ascii") + base64.b64encode(self.data)


class PagePictures:
    """The pictures one page shows, found by the reference as written, and their places."""

    def __init__(self, pictures: Pictures, source_dir: Path | None, shared: bool) -> None:
        self._checked = pictures
        # A checked document shows only the pictures its checks read, within their budgets;
        # the folder is read directly only when nothing was checked (a library call).
        self._folder = source_dir if pictures.source_dir is None else None
        self._shared = shared  # False: an `<img>` at every place (the PDF's page)
        self._by_src: dict[str, _Picture | None] = {}
        self._by_digest: dict[str, _Picture] = {}
        self._places: list[tuple[_Picture, str, str | None]] = []  # picture, alt, title
        self._uris: dict[int, bytes] = {}  # key → data URI, while the page is put together
        self._token = secrets.token_hex(16)  # never in the page: marks are all replaced
        self._marks = re.compile(_MARK.format(token=self._token, number="(?::([0-9]+))?"))

    def show(self, src: str, alt: str, title: str | None = None) -> str | None:
        """A place showing the picture `src` names, filled in by `page`; None when there is
        no picture to embed."""
        if src not in self._by_src:
            self._by_src[src] = self._find(src)
        picture = self._by_src[src]
        if picture is None:
            return None
        picture.places += 1
        self._places.append((picture, alt, title))
        return _MARK.format(token=self._token, number=f":{len(self._places) - 1}")

    def definitions(self) -> str:
        """Where the pictures shown at several places are defined (at the top of the body)."""
        shared = self._shared and any(p.places > 1 for p in self._by_digest.values())
        return _MARK.format(token=self._token, number="") if shared else ""

    def page(self, html: str, limit: int | None = None) -> bytes:
        """`html` as UTF-8 with every picture in its place; `PageTooLarge` instead of a page
        over `limit` bytes."""
        pieces: list[bytes] = []
        for i, part in enumerate(self._marks.split(html)):
            if i % 2 == 0:
                pieces.append(part.encode())
            elif part is None:
                pieces += self._defined()
            else:
                pieces += self._placed(int(part))
        self._uris.clear()
        size = sum(map(len, pieces))
        if limit is not None and size > limit:
            raise PageTooLarge(size)
        return b"".join(pieces)

    def _uri(self, picture: _Picture) -> bytes:
        uri = self._uris.get(picture.key)
        if uri is None:
            uri = self._uris[picture.key] = picture.uri()
        return uri

    def _find(self, src: str) -> _Picture | None:
        image = self._checked.get(src)
        if image is not None:
            digest, data, header = image.digest, image.data, image.header
        else:
            data = read_picture(self._folder, src) if self._folder is not None else None
            if data is None or sniff(data[:16]) is None:
                return None
            try:
                header = probe(data, _ANY_FRAMES)
            except Unreadable:
                return None
            digest = hashlib.sha256(data).hexdigest()
        picture = self._by_digest.get(digest)
        if picture is None:  # the same bytes under another name are the same picture
            picture = _Picture(len(self._by_digest) + 1, data, header)
            self._by_digest[digest] = picture
        return picture

    def _defined(self) -> list[bytes]:
        # Sized 0 × 0 as well as hidden by the stylesheet: a page read without its styles
        # shows no empty box.
        pieces = [
            b'<svg class="pictures" width="0" height="0" aria-hidden="true" focusable="false">'
            b"<defs>"
        ]
        for p in self._by_digest.values():
            if p.places > 1:
                size = f'width="{p.header.width}" height="{p.header.height}"'
                head = f'<image id="{p.ident}" {size} href="'
                pieces += [head.encode("ascii"), self._uri(p), b'"/>']
        pieces.append(b"</defs></svg>")
        return pieces

    def _placed(self, index: int) -> list[bytes]:
        picture, alt, title = self._places[index]
        tip = f' title="{escape(title)}"' if title else ""
        if picture.places == 1 or not self._shared:
            end = f'" alt="{escape(alt)}"{tip}>'
            return [b'<img src="', self._uri(picture), end.encode()]
        w, h = picture.header.width, picture.header.height
        named = f' role="img" aria-label="{escape(alt)}"' if alt else ' aria-hidden="true"'
        tip = f"<title>{escape(title)}</title>" if title else ""
        svg = (
            f'<svg class="picture"{named} width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f'{tip}<use href="#{picture.ident}"/></svg>'
        )
        return [svg.encode()]
