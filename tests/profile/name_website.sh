#!/bin/sh
# name --website against a loopback server: brand read and compared, redirects followed,
# a page that cannot be read (404, redirect loop, size cap, timeout) is a name.website.unchecked
# warning with the reason, the offline checks still run (exit by the findings); a URL that is
# not http(s) is bad input: exit 2 with a one-line reason.
# usage: name_website.sh WABA_EXE SOURCE_DIR
set -u
EXE=$1
SRC=$2
TMP=$(mktemp -d)
python3 "$SRC/tests/profile/site_server.py" "$TMP/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$TMP/port")
BASE="http://127.0.0.1:$PORT"
fails=0

# expect EXIT ARGS... ; output in $TMP/out, $TMP/err
run() {
	want=$1
	shift
	NO_COLOR=1 "$EXE" "$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: $* -> exit $got, wanted $want"; cat "$TMP/out" "$TMP/err"; fails=$((fails + 1))
	fi
}
# JSON: compare with all whitespace removed
hasj() { # TEXT
	if ! tr -d ' \t\n' <"$TMP/out" | grep -qF -- "$(printf '%s' "$1" | tr -d ' \t\n')"; then
		echo "FAIL: JSON lacks: $1"; cat "$TMP/out"; fails=$((fails + 1))
	fi
}
has() { # FILE TEXT
	if ! grep -qF -- "$2" "$TMP/$1"; then
		echo "FAIL: $1 lacks: $2"; cat "$TMP/$1"; fails=$((fails + 1))
	fi
}

run 0 name "Casa Aurora Móveis" --website "$BASE/" --format json
hasj '"rule": "name.website.match"'
has out "the website's og:site_name says 'Casa Aurora Móveis'"
hasj '"website_match": true'
hasj '"organization": ["Casa Aurora Móveis", "Casa Aurora Móveis e Decoração Ltda."]'

run 0 name "Casa Aurora Móveis" --website "$BASE/old" --format json
hasj "\"url\": \"$BASE/\""
hasj '"website_match": true'

run 0 name "Casa Aurora Móveis" --website "$BASE/other"
has out "warning: the website does not call the business 'Casa Aurora Móveis': <title> 'Mobiliadora Paulista'; og:title 'Mobiliadora Paulista - sofás' [name.website.mismatch]"
run 1 name "Casa Aurora Móveis" --website "$BASE/other" --strict

run 0 name "Casa Aurora Móveis" --website "$BASE/bare"
has out "[name.website.no_brand]"

run 0 name "Casa Aurora Móveis" --website "$BASE/missing"
has out "Casa Aurora Móveis: warning: the name was not compared with the website: cannot read '$BASE/missing': the server answered HTTP 404 [name.website.unchecked]"
run 1 name "Casa Aurora Móveis" --website "$BASE/missing" --strict
run 0 name "Casa Aurora Móveis" --website "$BASE/loop"
has out "more than 5 redirects [name.website.unchecked]"
run 0 name "Casa Aurora Móveis" --website "$BASE/big"
has out "the page is larger than 2097152 bytes (name.website.max_bytes) [name.website.unchecked]"
# the offline checks still run: the emoji is an error whatever the website
run 1 name "Casa Aurora 🛋️" --website "$BASE/missing" --format json
hasj '"rule": "name.emoji"'
hasj '"rule": "name.website.unchecked"'
hasj '"website": null'
run 2 name "Casa Aurora Móveis" --website "ftp://127.0.0.1:$PORT/"
has err "must start with http:// or https://"
# the timeout comes from the checklist: a 1-second override
cat >"$TMP/fast.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<checklist version="1"><limit id="name.website.timeout_seconds" value="1"/></checklist>
XML
run 0 name "Casa Aurora Móveis" --website "$BASE/slow" --checklist "$TMP/fast.xml"
has out "cannot read '$BASE/slow'"
has out "timed out"
if grep -q "millisecond\| ms" "$TMP/out"; then echo "FAIL: the timing is in the message"; cat "$TMP/out"; fails=$((fails + 1)); fi

[ $fails -eq 0 ] && echo "name --website: all cases passed"
exit $fails
