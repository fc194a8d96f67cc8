#!/usr/bin/env bash
# The Debian packages of system tools some tests need that are missing here, one a line
# (scripts/test.sh installs them when it may).
set -euo pipefail

# Read a listing to its end: `grep -q` stops at the first match, the lister writing on then
# dies of SIGPIPE (exit 141), and pipefail takes that for "not found".
lists() { grep -i -- "$1" >/dev/null; }
# ldconfig lives in /sbin, which is not on every user's PATH.
LDCONFIG=$(command -v ldconfig || echo /sbin/ldconfig)

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | lists "noto sans cjk" || need+=(fonts-noto-cjk)
# DejaVu Sans: what LibreOffice draws Arial with here; the width tables are checked against it.
fc-list 2>/dev/null | lists "dejavu sans" || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# WeasyPrint (--to pdf) draws text with Pango.
"$LDCONFIG" -p 2>/dev/null | lists libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if ((${#need[@]})); then
  printf '%s\n' "${need[@]}"
fi
