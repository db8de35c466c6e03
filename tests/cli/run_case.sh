#!/bin/bash
# Run one CLI test case folder and compare with what it expects.
#
# A case folder holds:
#   args            the command line after `waba-preflight` (one line, shell words;
#                   run from inside the case folder, so input files are relative)
#   stdin           (optional) fed to standard input
#   env             (optional) lines NAME=VALUE exported before the run
#   expected.exit   the exit code
#   expected.json   (optional) the full stdout, compared as JSON with "version" normalised
#   expected.stdout (optional) stdout compared as text
#   expected.stderr (optional) lines that must each appear in stderr (grep -F)
#   expected.absent (optional) lines that must NOT appear in stdout or stderr
#
# $CASE_TMP is a fresh empty folder for the files a case writes (`photo --fix "$CASE_TMP/out.png"`);
# where its path appears in stdout or stderr it reads `$CASE_TMP`, so expectations do not
# depend on it. It is removed afterwards.
#
# Usage: run_case.sh WABA_EXE CASE_DIR [--update]
set -u
exe=$1 dir=$2 update=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
python=${WABA_PYTHON:-python3}
cd "$dir" || exit 2
out=$(mktemp) err=$(mktemp)
CASE_TMP=$(mktemp -d)
export CASE_TMP
trap 'rm -f "$out" "$err"; rm -rf "$CASE_TMP"' EXIT
export NO_COLOR=1 LANG=C.UTF-8 LC_ALL=
unset GITHUB_STEP_SUMMARY WABA_PREFLIGHT_TOKEN
if [ -f env ]; then
  while IFS= read -r line; do [ -n "$line" ] && export "$line"; done < env
fi
eval "set -- $(cat args)"
if [ -f stdin ]; then
  "$exe" "$@" < stdin > "$out" 2> "$err"; code=$?
else
  "$exe" "$@" < /dev/null > "$out" 2> "$err"; code=$?
fi
# the temporary folder's path reads $CASE_TMP (mktemp's name has no sed metacharacter but '.')
sed -i "s|$CASE_TMP|\$CASE_TMP|g" "$out" "$err"
if [ "$update" = "--update" ]; then
  echo "$code" > expected.exit
  if [ -f expected.json ]; then
    "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["version"]="@VERSION@"; print(json.dumps(d, indent=2, ensure_ascii=False))' "$out" > expected.json
  fi
  [ -f expected.stdout ] && cp "$out" expected.stdout
  echo "updated $dir"; exit 0
fi
fail=0
want=$(cat expected.exit)
if [ "$code" != "$want" ]; then
  echo "exit code: got $code, want $want"; fail=1
fi
# stdout is the expected JSON report (version normalised), and every report is valid against the
# published schema (docs/report.schema.json): one interpreter start for both
if [ -f expected.json ]; then
  "$python" - "$out" expected.json "$here/../../docs/report.schema.json" <<'PY' || fail=1
import json, sys
try:
    got = json.load(open(sys.argv[1]))
except Exception as e:
    print("stdout is not JSON:", e); print(open(sys.argv[1]).read()[:2000]); sys.exit(1)
want = json.load(open(sys.argv[2]))
if isinstance(got, dict) and got.get("tool") == "waba-preflight":
    import jsonschema
    try:
        jsonschema.validate(got, json.load(open(sys.argv[3])))
    except jsonschema.ValidationError as e:
        print("the JSON report does not match docs/report.schema.json:", e.message); sys.exit(1)
got["version"] = "@VERSION@"
# the report's format version (docs/report.schema.json); the expectations predate it
if "format_version" not in want:
    if got.get("format_version") != 1:
        print("format_version: got", got.get("format_version"), "want 1"); sys.exit(1)
    got.pop("format_version")
if got != want:
    print("JSON report differs:")
    print("--- want"); print(json.dumps(want, indent=2, ensure_ascii=False))
    print("--- got"); print(json.dumps(got, indent=2, ensure_ascii=False))
    sys.exit(1)
PY
fi
if [ -f expected.stdout ] && ! diff -u expected.stdout "$out"; then
  echo "stdout differs"; fail=1
fi
if [ -f expected.stderr ]; then
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    grep -qF -- "$line" "$err" || { echo "stderr lacks: $line"; fail=1; }
  done < expected.stderr
fi
if [ -f expected.absent ]; then
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    if grep -qF -- "$line" "$out" "$err"; then echo "output must not contain: $line"; fail=1; fi
  done < expected.absent
fi
if [ $fail -ne 0 ]; then
  echo "--- stderr"; cat "$err"
  echo "--- stdout (first 40 lines)"; head -40 "$out"
fi
exit $fail
