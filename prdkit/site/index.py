"""The site's `index.html`: every document with its status and validation results.

The table is complete and readable without the script; the small inline script only adds
filtering by status and owner and a text search. The Content-Security-Policy allows that one
script by its hash and nothing from any other host.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from prdkit.diagrams.measure import short_cjk
from prdkit.i18n import counted, enum_label, label
from prdkit.layout.context import TONES
from prdkit.site.collect import Entry
from prdkit.writers.html.style import BASE_CSS, TONE_CSS

SCRIPT = """\
(function () {
  var bar = document.getElementById("filters");
  var status = document.getElementById("f-status");
  var owner = document.getElementById("f-owner");
  var search = document.getElementById("f-search");
  var count = document.getElementById("f-count");
  var rows = document.querySelectorAll("#documents tbody tr");
  bar.hidden = false;
  function apply() {
    var s = status.value, o = owner.value, q = search.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var ok = (!s || row.dataset.status === s) && (!o || row.dataset.owner === o) &&
        (!q || row.dataset.text.indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = String(shown);
  }
  status.addEventListener("change", apply);
  owner.addEventListener("change", apply);
  search.addEventListener("input", apply);
  apply();
})();
"""

INDEX_CSS = """
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 1rem 0; }
.filters input { min-width: 14rem; }
.diagnostics { margin: .4rem 0 0; padding-left: 1.1rem; font-size: .85em; color: #7a271a; }
.diagnostics code { color: inherit; }
.counts { margin: .3rem 0 0; font-size: .85em; color: #57606a; }
.counts a { color: inherit; text-decoration: none; }
.counts span { white-space: nowrap; }
.counts .count-error { color: #b42318; }
.site-index main { max-width: 84rem; }
#documents td:nth-child(2), #documents td:nth-child(3), #documents td:nth-child(n+5) {
  white-space: nowrap; }
#documents td:first-child { min-width: 15rem; }
.filters select { max-width: 16rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.bad { color: #b42318; font-weight: 600; }
"""


def script_hash() -> str:
    """The CSP source that allows exactly the index's script."""
    digest = hashlib.sha256(SCRIPT.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def index_html(entries: Sequence[Entry], lang: str) -> bytes:
    """The whole index page; deterministic for the same entries and language."""
    title = label("site.title", lang)
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_hash()}; base-uri 'none'; form-action 'none'"
    )
    statuses = sorted({e.status for e in entries if e.status})
    owners = sorted({e.owner for e in entries if e.owner})
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{BASE_CSS}{TONE_CSS}{INDEX_CSS}</style>",
        "</head>",
        '<body class="site-index">',
        "<main>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(counted('site.summary', len(entries), lang))}</p>",
        _filters(statuses, owners, len(entries), lang),
        _table(entries, lang),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    # A file name that is not UTF-8 shows its undecodable bytes as U+FFFD (its link, quoted,
    # keeps them: see `_href`).
    text = "\n".join(parts)
    try:
        return text.encode()
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")  # a name's bytes, as read
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "replace").encode()


def _filters(statuses: list[str], owners: list[str], total: int, lang: str) -> str:
    def select(ident: str, all_key: str, values: list[str], shown: dict[str, str]) -> str:
        options = [f'<option value="">{escape(label(all_key, lang))}</option>']
        options += [
            f'<option value="{escape(v)}">{escape(shown.get(v, v))}</option>' for v in values
        ]
        name = escape(label(all_key, lang))
        return f'<select id="{ident}" aria-label="{name}">{"".join(options)}</select>'

    status_names = {s: enum_label("status", s, lang) for s in statuses}
    count = label("site.shown", lang).format(
        shown=f'<span id="f-count">{total}</span>', total=total
    )
    return (
        '<div id="filters" class="filters" hidden>'
        + select("f-status", "site.all_statuses", statuses, status_names)
        + select("f-owner", "site.all_owners", owners, {})
        + f'<input id="f-search" type="search" placeholder="{escape(label("site.search", lang))}"'
        + f' aria-label="{escape(label("site.search", lang))}">'
        + f"<span>{count}</span>"
        + "</div>"
    )


def _th(text: str) -> str:
    # A short Chinese header stays on one line (th.whole, as in a document's tables): beside
    # a title column widened by its diagnostics, 错误 and 警告 read a character a line even
    # at 1280 px. An English one may still wrap, between its words.
    whole = ' class="whole"' if short_cjk(text, header=True) else ""
    return f'<th scope="col"{whole}>{escape(text)}</th>'


HEADERS = (
    "field.title",
    "field.id",
    "field.status",
    "field.owner",
    "field.version",
    "field.updated",
    "site.open_questions",
    "site.errors",
    "site.warnings",
    "site.stale_approvals",
)


def _table(entries: Sequence[Entry], lang: str) -> str:
    head = "".join(_th(label(k, lang)) for k in HEADERS)
    rows = [_row(e, lang) for e in entries]
    if not rows:
        rows = [f'<tr><td colspan="{len(HEADERS)}">{escape(label("site.empty", lang))}</td></tr>']
    return (
        '<div class="table-wrap"><table id="documents">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _row(entry: Entry, lang: str) -> str:
    searchable = " ".join(
        (entry.title, entry.doc_id, entry.owner, entry.source, entry.status, entry.version)
    ).lower()
    if entry.page is not None:
        title = f'<a href="{escape(_href(entry.page))}">{escape(entry.title)}</a>'
    else:
        title = escape(entry.title)
    title += f'<div class="source"><code>{escape(entry.source)}</code></div>'
    if not entry.valid:
        title += f'<p class="invalid">{escape(label("site.invalid", lang))}</p>'
    if entry.diagnostics:
        items = "".join(
            f"<li><code>{d.line}:{d.column}</code> {escape(d.severity.value)} "
            f"<code>{escape(d.rule)}</code> {escape(d.message)}</li>"
            for d in entry.diagnostics
        )
        title += f'<ul class="diagnostics">{items}</ul>'
    title += _counts(entry)
    status = ""
    if entry.status:
        tone = TONES.get(("status", entry.status), "muted")
        shown = escape(enum_label("status", entry.status, lang))
        status = f'<span class="chip tone-{tone}">{shown}</span>'
    cells = [
        title,
        f"<code>{escape(entry.doc_id)}</code>" if entry.doc_id else "",
        status,
        escape(entry.owner),
        escape(entry.version),
        escape(entry.updated),
        _count(entry.open_questions),
        _count(entry.errors),
        _count(entry.warnings),
        _count(entry.stale_approvals),
    ]
    attrs = (
        f' data-status="{escape(entry.status)}" data-owner="{escape(entry.owner)}"'
        f' data-text="{escape(searchable)}"'
    )
    return (
        f"<tr{attrs}>"
        + "".join(
            f'<td class="num{" bad" if i >= 7 and c not in ("0", "") else ""}">{c}</td>'
            if i >= 6
            else f"<td>{c}</td>"
            for i, c in enumerate(cells)
        )
        + "</tr>"
    )


def _counts(entry: Entry) -> str:
    """One line of how many diagnostics each rule gave, linked to the document's page: a
    draft's twenty placeholders read as one count, not twenty lines."""
    # Errors already listed one by one above are not counted again.
    listed = entry.errors <= len(entry.diagnostics)
    parts = [
        f'<span class="count-{escape(severity)}"><code>{escape(rule)}</code> × {n}</span>'
        for severity, rule, n in entry.counts
        if not (listed and severity == "error")
    ]
    if not parts:
        return ""
    line = " · ".join(parts)
    if entry.page is not None:
        line = f'<a href="{escape(_href(entry.page))}">{line}</a>'
    return f'<p class="counts">{line}</p>'


def _count(n: int) -> str:
    return str(n)


def _href(page: str) -> str:
    """A relative URL for a page path: each segment percent-encoded, never a scheme."""
    from urllib.parse import quote

    # A name that is not UTF-8 keeps its bytes as surrogates: they are the bytes to request.
    return "/".join(quote(part, errors="surrogateescape") for part in page.split("/"))
