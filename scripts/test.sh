#!/usr/bin/env bash
# The whole test suite from a clean clone: system tools, a virtualenv, lint, tests.
# Run from anywhere: `bash scripts/test.sh`. CI (.ci/run) calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# 1. System tools some tests need: LibreOffice and CJK fonts (Word → PDF checks), poppler
#    (pdftotext), Node for markdownlint-cli2, Chromium (HTML tests), Pango (PDF writer).
#    scripts/system-needs.sh lists the missing ones; installed when we may install.
mapfile -t need < <(bash scripts/system-needs.sh)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing ${need[*]}"
    if ! { apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
      echo "== WARNING: could not install ${need[*]}; the tests that need them are skipped"
    fi
  else
    echo "== not installing ${need[*]} (needs root and apt-get); the tests that need them are skipped"
  fi
fi

# 2. Node tools, pinned in tools/package.json, installed into tools/node_modules.
if command -v npm >/dev/null 2>&1; then
  (cd tools && npm install --no-audit --no-fund --silent >/dev/null)
  export MARKDOWNLINT_CLI2="$ROOT/tools/node_modules/.bin/markdownlint-cli2"
  export SARIF_SCHEMA_DIR="$ROOT/tools/node_modules"
fi

# 3. Python: a virtualenv with prdkit and its test dependencies.
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,lsp]"

# 4. Lint, then the suite.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
