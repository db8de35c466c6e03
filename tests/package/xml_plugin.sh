#!/bin/sh
# tests/package/xml_plugin.sh BUILD SRC: libxml2 (with ICU, libstdc++, zlib, liblzma under it)
# is a plugin (waba-xml.so) loaded only by what reads or writes XML: a checklist other than
# the bundled one, a JUnit report, a web page. An installed copy, moved to another prefix,
# finds it relative to its executable; without it, those stop with exit 2 and the reason,
# and lint, check and --version, which never needed it, still run.
. "$(dirname "$0")/moved_install.sh" "$@"
plugin=$(find "$tmp/moved" -name waba-xml.so)
case $plugin in */waba-preflight/waba-xml.so) ;; *) fail "waba-xml.so installed at '$plugin'";; esac
if command -v ldd >/dev/null 2>&1 && ldd "$exe" | grep -q "libxml2"; then
  fail "the program links libxml2 itself: $(ldd "$exe" | grep libxml2)"
fi
printf '<?xml version="1.0"?>\n<checklist><rule id="business.id.length" severity="off"/></checklist>\n' >"$tmp/off.xml"
tpl=$src/examples/templates/order_shipped.json

# with the plugin: a JUnit report that parses, a user checklist that turns a rule off
"$exe" lint --format junit "$tpl" >"$tmp/junit.xml" 2>"$tmp/err"; rc=$?
[ "$rc" -le 1 ] || fail "junit with the plugin: exit $rc: $(cat "$tmp/err")"
grep -q '<testcase classname="waba-preflight.template" name=".*order_shipped' "$tmp/junit.xml" ||
  fail "junit with the plugin: $(cat "$tmp/junit.xml")"
"$exe" business 12345678 --format json >"$tmp/on.json" 2>"$tmp/err"
grep -q '"business.id.length"' "$tmp/on.json" || fail "business 12345678 has no business.id.length: $(cat "$tmp/on.json")"
"$exe" business 12345678 --checklist "$tmp/off.xml" --format json >"$tmp/off.json" 2>"$tmp/err"; rc=$?
[ "$rc" -le 1 ] || fail "--checklist with the plugin: exit $rc: $(cat "$tmp/err")"
grep -q '"business.id.length"' "$tmp/off.json" && fail "the user checklist did not turn the rule off: $(cat "$tmp/off.json")"

rm "$plugin"
"$exe" lint --format junit "$tpl" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] || fail "junit without the plugin: exit $rc, not 2"
grep -q "cannot load the XML plugin .*waba-xml.so" "$tmp/err" || fail "junit without the plugin said: $(cat "$tmp/err")"
"$exe" business 12345678 --checklist "$tmp/off.xml" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] || fail "--checklist without the plugin: exit $rc, not 2"
grep -q "XML plugin" "$tmp/err" || fail "--checklist without the plugin said: $(cat "$tmp/err")"
"$exe" lint --lang pt --format junit "$tpl" >/dev/null 2>"$tmp/err"
grep -q "plugin de XML" "$tmp/err" || fail "the reason is not translated: $(cat "$tmp/err")"

# what never needed it
"$exe" --version >/dev/null || fail "--version without the plugin"
"$exe" lint --format sarif "$tpl" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -lt 2 ] || fail "lint without the plugin: exit $rc: $(cat "$tmp/err")"
"$exe" check "$src/examples/application.json" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -lt 2 ] || fail "check without the plugin: exit $rc: $(cat "$tmp/err")"
echo "ok"
