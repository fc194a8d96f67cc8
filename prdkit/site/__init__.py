"""`prdkit site`: every PRD under a folder as an HTML page, plus an index of them all.

collect.py  one checked document → the facts the index shows (`Entry`)
index.py    the entries → `index.html` (a table, filters and search)
build.py    the run: check, render what changed (by content digest), write, prune
"""

from __future__ import annotations

from prdkit.site.build import SiteError, SiteReport, build_site

__all__ = ["SiteError", "SiteReport", "build_site"]
