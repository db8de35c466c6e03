#!/bin/sh
# docs/rules.md must equal what the registry generates.
# Usage: check_docs_fresh.sh WABA_EXE SOURCE_DIR
exe=$1 src=$2
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT
"$exe" rules --format markdown > "$tmp" || { echo "rules --format markdown failed"; exit 1; }
if ! diff -u "$src/docs/rules.md" "$tmp"; then
  echo "docs/rules.md is out of date: run '$exe rules --format markdown > docs/rules.md'"
  exit 1
fi
