#!/bin/bash
# --fix and --preview end to end: every fixable fixture becomes a 640x640 PNG that
# passes `photo --strict` (and pngcheck), the preview is a 640x640 RGBA PNG, and an
# output that cannot be written is exit 2 with one line on stderr.
# Usage: fix.sh WABA_EXE SOURCE_DIR
set -u
exe=$1 src=$2/tests/cli/photo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 LANG=C.UTF-8
fail=0
for spec in "progressive-not-square/wide.jpg|" "transparency/alpha.png|" "exif-orientation/rot6.jpg|--crop" \
            "interlaced-16bit/interlaced16.png|--background #1e6fd9" "palette-below-recommended/mid.png|--crop"; do
  in=$src/${spec%%|*} opt=${spec#*|}
  out=$tmp/$(basename "$in").fixed.png prev=$tmp/$(basename "$in").preview.png
  # shellcheck disable=SC2086
  "$exe" photo "$in" --fix "$out" --preview "$prev" $opt --format json > "$tmp/report.json"
  code=$?
  [ "$code" = 0 ] || [ "$code" = 1 ] || { echo "FAIL $in: exit $code"; fail=1; continue; }
  python3 - "$tmp/report.json" "$out" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))
items = [i for i in r["items"] if i["input"] == sys.argv[2]]
assert items and items[0]["width"] == 640 and items[0]["height"] == 640 and items[0]["format"] == "png", r["items"]
assert any(f["rule"] == "photo.fixed" for f in r["findings"]), r["findings"]
PY
  "$exe" photo "$out" --strict > "$tmp/recheck.txt" || { echo "FAIL $in: the fixed photo does not pass --strict"; cat "$tmp/recheck.txt"; fail=1; }
  pngcheck -q "$out" "$prev" || { echo "FAIL $in: pngcheck"; fail=1; }
  head -c 26 "$prev" | od -An -tx1 | tr -d ' \n' | grep -q '00000280000002800806' \
    || { echo "FAIL $in: preview is not a 640x640 RGBA PNG"; fail=1; }
done
# not decodable: nothing written, exit 2
"$exe" photo "$src/truncated-png/truncated.png" --fix "$tmp/never.png" > /dev/null 2> "$tmp/err"
[ $? = 2 ] && [ ! -e "$tmp/never.png" ] && grep -q "could not be decoded" "$tmp/err" || { echo "FAIL truncated --fix"; fail=1; }
# unwritable output
"$exe" photo "$src/png-ok/ok.png" --fix /nonexistent/dir/out.png > /dev/null 2> "$tmp/err"
[ $? = 2 ] && [ "$(wc -l < "$tmp/err")" = 1 ] && grep -q "^waba-preflight: cannot write" "$tmp/err" || { echo "FAIL unwritable"; cat "$tmp/err"; fail=1; }
exit $fail
