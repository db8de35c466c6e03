#!/bin/sh
# tests/phone/plugin.sh BUILD SRC: libphonenumber is a plugin (waba-phone.so) that only the
# commands parsing phone numbers load. An installed copy, moved to another prefix, finds it
# relative to its executable; without it, those commands stop with exit 2 and the reason,
# and every other command still runs.
. "$(dirname "$0")/../package/moved_install.sh" "$@"
plugin=$(find "$tmp/moved" -name waba-phone.so)
[ -n "$plugin" ] || fail "no waba-phone.so installed"
case $plugin in */waba-preflight/waba-phone.so) ;; *) fail "plugin installed at $plugin";; esac

out=$("$exe" phone --format json +5511987654321 2>"$tmp/err"); rc=$?
[ "$rc" = 0 ] || fail "phone with the plugin: exit $rc: $(cat "$tmp/err")"
echo "$out" | grep -q '"e164":[[:space:]]*"+5511987654321"' || fail "phone with the plugin: no e164 in $out"

rm "$plugin"
"$exe" phone +5511987654321 >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] || fail "phone without the plugin: exit $rc, not 2"
grep -q "cannot load the phone-number plugin .*waba-phone.so" "$tmp/err" || fail "phone without the plugin said: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "phone without the plugin wrote a report: $(cat "$tmp/out")"
"$exe" check "$src/examples/application.json" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] || fail "check without the plugin: exit $rc, not 2"
grep -q "phone-number plugin" "$tmp/err" || fail "check without the plugin said: $(cat "$tmp/err")"
"$exe" phone --lang pt +5511987654321 >/dev/null 2>"$tmp/err"
grep -q "plugin" "$tmp/err" && ! grep -q "cannot load" "$tmp/err" || fail "the reason is not translated: $(cat "$tmp/err")"

# commands without phone numbers never needed it
"$exe" --version >/dev/null || fail "--version without the plugin"
"$exe" lint "$src/examples/templates/order_shipped.json" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -lt 2 ] || fail "lint without the plugin: exit $rc: $(cat "$tmp/err")"
"$exe" name "Padaria Pão Quente" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -lt 2 ] || fail "name without the plugin: exit $rc: $(cat "$tmp/err")"
echo "ok"
