#!/bin/sh
# agree.sh PHONE_BENCH BENCH_DIR: on 3000 generated numbers, waba_phone_parse (C++
# libphonenumber) and Python's phonenumbers must give the same E.164 and type.
set -eu
bench=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$dir/gen_numbers.py" 3000 7 > "$tmp/list"
"$bench" "$tmp/list" --print > "$tmp/c"
/usr/bin/python3 "$dir/phonenumbers_bench.py" "$tmp/list" --print > "$tmp/py"
valid=$(grep -vc '^-' "$tmp/c" || true)
if [ "$valid" -lt 1000 ]; then echo "only $valid valid numbers parsed: the list or the parser is broken"; exit 1; fi
if ! diff "$tmp/py" "$tmp/c" > "$tmp/diff"; then
  echo "waba_phone_parse and python phonenumbers disagree:"
  paste "$tmp/list" "$tmp/py" "$tmp/c" | awk -F'\t' '$3 != $5 || $4 != $6' | head -20
  exit 1
fi
echo "3000 numbers, $valid valid: same E.164 and type as python phonenumbers"
