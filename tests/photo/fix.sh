#!/bin/bash
# --fix and --preview end to end: every fixable fixture becomes a square PNG (640x640, or
# its own size when smaller: never scaled up) that passes `photo --strict` (and pngcheck);
# a full-bleed square is padded until nothing is in the circle's corners; the preview is a
# 640x640 RGBA PNG; a photo below the minimum is refused and nothing is written; an output
# that cannot be written is exit 2 with one line on stderr.
# Usage: fix.sh WABA_EXE SOURCE_DIR
set -u
exe=$1 src=$2/tests/cli/photo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 LANG=C.UTF-8
fail=0
for spec in "progressive-not-square/wide.jpg||640" "transparency/alpha.png||640" "exif-orientation/rot6.jpg|--crop|400" \
            "interlaced-16bit/interlaced16.png|--background #1e6fd9|640" "circle-corners/full.png||640"; do
  in=$src/${spec%%|*} rest=${spec#*|} opt=${rest%|*} side=${rest#*|}
  out=$tmp/$(basename "$in").fixed.png prev=$tmp/$(basename "$in").preview.png
  # shellcheck disable=SC2086
  "$exe" photo "$in" --fix "$out" --preview "$prev" $opt --format json > "$tmp/report.json" 2> "$tmp/err"
  code=$?
  [ "$code" = 0 ] || [ "$code" = 1 ] || { echo "FAIL $in: exit $code"; fail=1; continue; }
  python3 - "$tmp/report.json" "$out" "$side" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))
side = int(sys.argv[3])
items = [i for i in r["items"] if i["input"] == sys.argv[2]]
assert items and items[0]["width"] == side and items[0]["height"] == side and items[0]["format"] == "png", r["items"]
assert any(f["rule"] == "photo.fixed" for f in r["findings"]), r["findings"]
# judged on the output: the original's problems are notes now
assert all(f["severity"] == "note" for f in r["findings"] if f.get("file") != sys.argv[2]), r["findings"]
PY
  strict=--strict
  [ "$side" = 640 ] || strict= # smaller: the recommended-size warning stays
  "$exe" photo "$out" $strict > "$tmp/recheck.txt" || { echo "FAIL $in: the fixed photo does not pass $strict"; cat "$tmp/recheck.txt"; fail=1; }
  pngcheck -q "$out" "$prev" || { echo "FAIL $in: pngcheck"; fail=1; }
  head -c 26 "$prev" | od -An -tx1 | tr -d ' \n' | grep -q '00000280000002800806' \
    || { echo "FAIL $in: preview is not a 640x640 RGBA PNG"; fail=1; }
done
# not scaled up: a 300x300 photo stays 300x300 (the recommended-size warning remains, as it should)
"$exe" photo "$src/palette-below-recommended/mid.png" --fix "$tmp/mid.png" > /dev/null
[ $? = 0 ] && head -c 24 "$tmp/mid.png" | od -An -tx1 | tr -d ' \n' | grep -q '0000012c0000012c$' || { echo "FAIL mid.png was scaled"; fail=1; }
# below the minimum: refused, nothing written, exit 2 after the report
"$exe" photo "$src/too-small/small.png" --fix "$tmp/small.png" > "$tmp/out" 2> "$tmp/err"
[ $? = 2 ] && [ ! -e "$tmp/small.png" ] && grep -q "was not fixed" "$tmp/err" && grep -q "photo.min_size" "$tmp/out" \
  || { echo "FAIL small --fix"; cat "$tmp/out" "$tmp/err"; fail=1; }
# not decodable: nothing written, exit 2
"$exe" photo "$src/truncated-png/truncated.png" --fix "$tmp/never.png" > /dev/null 2> "$tmp/err"
[ $? = 2 ] && [ ! -e "$tmp/never.png" ] && grep -q "could not be decoded" "$tmp/err" || { echo "FAIL truncated --fix"; fail=1; }
# unwritable output
"$exe" photo "$src/png-ok/ok.png" --fix /nonexistent/dir/out.png > /dev/null 2> "$tmp/err"
[ $? = 2 ] && [ "$(wc -l < "$tmp/err")" = 1 ] && grep -q "^waba-preflight: cannot write" "$tmp/err" || { echo "FAIL unwritable"; cat "$tmp/err"; fail=1; }
exit $fail
