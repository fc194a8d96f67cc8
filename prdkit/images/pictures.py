"""The checked pictures of one document as writers use them: found by the reference as
written, embedded by their bytes (Word, HTML) or pointed at from the output's folder
(Markdown).

Markdown refers to each picture by a relative path rather than copying it beside the
output: the pictures stay where the author keeps them (one copy, reviewed in the same
pull request as the PRD), and a rendered file beside its source, the default, uses the
very paths the source does, so GitHub shows it as the author sees it. Rendering into
another folder rewrites the paths to climb back to the PRD's folder.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from prdkit.images.files import Image
from prdkit.images.refs import is_remote

__all__ = ["NO_PICTURES", "Pictures", "is_remote"]


@dataclass(frozen=True)
class Pictures:
    """Checked pictures by reference as written; the folders of the source and the output."""

    images: Mapping[str, Image] = field(default_factory=dict)
    source_dir: Path | None = None
    out_dir: Path | None = None

    def get(self, src: str) -> Image | None:
        """The checked picture `src` names, or None (an address, or nothing checked)."""
        return None if is_remote(src) else self.images.get(src)

    def path_from_output(self, src: str) -> str | None:
        """The path from the output's folder to the picture `src` names, '/'-separated,
        as a link's address: what a path may hold and an address reads otherwise escaped."""
        image = self.get(src)
        if image is None:
            return None
        if self.source_dir is None or self.out_dir is None:
            return _address(image.name)
        source, out = os.path.abspath(self.source_dir), os.path.abspath(self.out_dir)
        if source == out:
            return _address(image.name)
        try:
            up = os.path.relpath(source, out)
        except ValueError:  # another drive: no relative path leads there
            return _address(image.name)
        return _address(posixpath.normpath(posixpath.join(up.replace(os.sep, "/"), image.name)))


def _address(path: str) -> str:
    """`path` as a link's address: '%', '#' and '?' (an escape, a fragment and a query
    there) escaped; a folder name that is not UTF-8, whose bytes are kept as surrogates no
    UTF-8 file can hold, written as the escapes that resolve to those same bytes."""
    path = path.replace("%", "%25").replace("#", "%23").replace("?", "%3F")
    return _UNDECODED.sub(lambda found: f"%{ord(found.group()) - 0xDC00:02X}", path)


_UNDECODED = re.compile("[\udc80-\udcff]")


NO_PICTURES = Pictures()
