#!/bin/bash
# tests/lint-corpus/jobs.sh EXE SRC: `lint` checks files on several threads and hands them
# over in walk order, so the report must be byte for byte the same with 1, 2 or 5 threads:
# every format, the test corpus (drafts with suppressions, duplicates across files) and a
# generated one (a third with findings; one file per template, and one big file, whose
# templates are checked by several threads, also written on one line), standard
# input among files. A bad --jobs is refused with exit 2.
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 LANG=C.UTF-8 LC_ALL=
unset GITHUB_STEP_SUMMARY
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
/usr/bin/python3 "$src/bench/gen_templates.py" --bad 0.33 300 "$tmp/many" 7 || fail "gen_templates"
/usr/bin/python3 "$src/bench/gen_templates.py" --bad 0.33 --one-file 300 "$tmp/one" 7 || fail "gen_templates --one-file"
cp "$tmp/many/tpl_000001.json" "$tmp/many/tpl_000001_copy.json" # duplicates across files
# the big file on one line too (columns counted from the code-point table; its templates split across threads)
mkdir -p "$tmp/line"
/usr/bin/python3 -c 'import json, sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], "w"), ensure_ascii=False, separators=(",", ":"))' \
  "$tmp/one/all.json" "$tmp/line/all.json" || fail "one-line copy"
cd "$src/tests/lint-corpus" || exit 2
for input in "bad clean" "$tmp/many" "$tmp/one/all.json $tmp/many/tpl_000002.json" "$tmp/line"; do
  for format in text json sarif github gitlab junit; do
    # shellcheck disable=SC2086 # $input is a list of paths
    "$exe" lint $input --format "$format" --jobs 1 >"$tmp/1" 2>"$tmp/1.err"; rc1=$?
    for jobs in 2 5; do
      # shellcheck disable=SC2086
      "$exe" lint $input --format "$format" --jobs "$jobs" >"$tmp/n" 2>"$tmp/n.err"; rcn=$?
      [ "$rc1" = "$rcn" ] || fail "$input $format: exit $rc1 with 1 thread, $rcn with $jobs"
      cmp -s "$tmp/1" "$tmp/n" || fail "$input $format: the report differs with $jobs threads: $(diff "$tmp/1" "$tmp/n" | head -5)"
      cmp -s "$tmp/1.err" "$tmp/n.err" || fail "$input $format: stderr differs with $jobs threads"
    done
    [ -s "$tmp/1" ] || fail "$input $format: empty report"
    [ "$rc1" = 1 ] || fail "$input $format: exit $rc1, expected 1 (findings at error)"
  done
done
"$exe" lint "$tmp/many/tpl_000003.json" - "$tmp/many/tpl_000004.json" --format json --jobs 1 <"$tmp/many/tpl_000005.json" >"$tmp/1"
"$exe" lint "$tmp/many/tpl_000003.json" - "$tmp/many/tpl_000004.json" --format json --jobs 2 <"$tmp/many/tpl_000005.json" >"$tmp/n"
cmp -s "$tmp/1" "$tmp/n" || fail "standard input among files: the report differs with 2 threads"
for bad in 0 17 x 2x ""; do
  "$exe" lint "$tmp/many" --jobs "$bad" >/dev/null 2>"$tmp/err"; rc=$?
  [ "$rc" = 2 ] || fail "--jobs '$bad': exit $rc, expected 2"
  grep -q -- "--jobs takes a number from 1 to 16" "$tmp/err" || fail "--jobs '$bad' said: $(cat "$tmp/err")"
done
[ "$fails" = 0 ] && echo "ok"
exit "$fails"
