#!/bin/bash
# tests/lint-corpus/slices.sh EXE SRC: one big template list is parsed element by element
# (cli/cmd_lint.c, core/json_split.c) and its report written template by template; the
# report must be byte for byte the one of the whole-document parse (WABA_PREFLIGHT_LINT_SLICES=0),
# for every format, with 1, 2 or 5 threads, on lists that tempt a slicing bug: a syntax
# error in the middle, templates that are not objects, strings holding brackets and
# escaped quotes, duplicate names and bodies far apart, structure findings after the
# first template (they belong to the file's first item), CRLF, a byte-order mark, invalid
# UTF-8, the Graph API list response, and an object with both "data" and "components".
set -u
exe=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 LANG=C.UTF-8 LC_ALL=
unset GITHUB_STEP_SUMMARY WABA_PREFLIGHT_LINT_SLICES
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
/usr/bin/python3 "$src/bench/gen_templates.py" --bad 0.33 --one-file 120 "$tmp/gen" 11 || fail "gen_templates"
/usr/bin/python3 - "$tmp/gen/all.json" "$tmp" <<'EOF' || fail "writing the lists"
import json, sys
src, out = sys.argv[1], sys.argv[2]
tpls = json.load(open(src, encoding="utf-8"))
def dump(name, text, enc=True):
    with open(f"{out}/{name}.json", "wb") as f:
        f.write(text.encode("utf-8") if enc else text)
def pretty(v):
    return json.dumps(v, ensure_ascii=False, indent=2)
tricky = [dict(t) for t in tpls]
# strings holding brackets, braces, escaped quotes and backslashes, \u escapes and a surrogate pair
tricky[3]["components"] = [{"type": "BODY", "text": "Pedido {{1}} ] } [ { \"ok\" \\ \\\" fim \u00e9 \U0001F600"}]
tricky[3]["name"] = "brackets_]}\"_\\"
tricky[110]["components"] = [{"type": "BODY", "text": "} ] , \" , {"}]
tricky[60] = "a string, not a template"
tricky[61] = 42
tricky[62] = [{"name": "inside an array"}]
tricky[63] = None
tricky[64] = {}
tricky[90]["components"] = {"type": "BODY"}        # a structure finding after the first template
tricky[91]["name"] = 7                              # ... and another
tricky[100] = dict(tricky[10])                      # the same name, language and body far apart
tricky[101] = dict(tricky[100])                     # ... twice
text = pretty(tricky)
dump("tricky", text)
dump("oneline", json.dumps(tricky, ensure_ascii=False, separators=(",", ":")))
dump("escaped", json.dumps(tricky))                 # every non-ASCII character as \u escapes
dump("crlf", text.replace("\n", "\r\n"))
dump("bom", "\ufeff" + text)                        # whole-document path (cJSON skips the mark)
dump("response", pretty({"data": tricky, "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}}))
dump("response_components", pretty({"data": tricky, "components": [], "name": "x"}))
lines = text.split("\n")
mid = len(lines) // 2
dump("syntax_middle", "\n".join(lines[:mid] + [lines[mid] + ","] + lines[mid + 1:]))
dump("unclosed", text[:-2])
dump("trailing", text + "\n]")
dump("duplicate_key", text.replace('"name": "brackets', '"name": "first", "name": "brackets', 1))
raw = text.encode("utf-8")
cut = raw.index(b"fim")
dump("bad_utf8", raw[:cut] + b"\xff" + raw[cut + 1:], enc=False)
dump("empty_list", "[]")
dump("numbers", "[1, -0.5e3, true, null, \"x\", 1" + "0" * 80 + "]")
dump("deep", "[" + "[" * 300 + "]" * 300 + "]")
EOF
cd "$tmp" || exit 2
# every format on the lists taken element by element; json and sarif on the rest
for input in tricky response "tricky.json crlf.json" oneline escaped crlf bom response_components syntax_middle \
  unclosed trailing duplicate_key bad_utf8 empty_list numbers deep; do
  files="" formats="json sarif"
  case $input in tricky | response | "tricky.json crlf.json") formats="text json sarif github gitlab junit html" ;; esac
  for f in $input; do files="$files ${f%.json}.json"; done
  for format in $formats; do
    # shellcheck disable=SC2086 # $files is a list of paths
    WABA_PREFLIGHT_LINT_SLICES=0 "$exe" lint $files --format "$format" --jobs 1 >"$tmp/whole" 2>"$tmp/whole.err"; rc0=$?
    [ -s "$tmp/whole" ] || fail "$input $format: empty report"
    for run in 1:1 1:5 :2; do # WABA_PREFLIGHT_LINT_SLICES:--jobs
      slices=${run%:*} jobs=${run#*:}
      # shellcheck disable=SC2086
      WABA_PREFLIGHT_LINT_SLICES=$slices "$exe" lint $files --format "$format" --jobs "$jobs" >"$tmp/n" 2>"$tmp/n.err"; rcn=$?
      [ "$rc0" = "$rcn" ] || fail "$input $format slices=$slices jobs=$jobs: exit $rcn, $rc0 when parsed whole"
      cmp -s "$tmp/whole" "$tmp/n" ||
        fail "$input $format slices=$slices jobs=$jobs: the report differs: $(diff "$tmp/whole" "$tmp/n" | head -5)"
      cmp -s "$tmp/whole.err" "$tmp/n.err" || fail "$input $format slices=$slices jobs=$jobs: stderr differs"
    done
  done
done
# the cases are what they claim: findings after the first template, a syntax error reported
WABA_PREFLIGHT_LINT_SLICES=1 "$exe" lint tricky.json --format json >"$tmp/t.json"
grep -q '"template.structure"' "$tmp/t.json" || fail "tricky.json: no template.structure finding"
grep -q '"template.name.duplicate"' "$tmp/t.json" || fail "tricky.json: no template.name.duplicate finding"
WABA_PREFLIGHT_LINT_SLICES=1 "$exe" lint syntax_middle.json --format json >"$tmp/s.json"
grep -q '"input.json.syntax"' "$tmp/s.json" || fail "syntax_middle.json: no input.json finding"
[ "$fails" = 0 ] && echo "ok"
exit "$fails"
