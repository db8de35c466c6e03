#!/bin/sh
# tests/package/plugins.sh BUILD SRC: libxml2 (with ICU, libstdc++, zlib, liblzma under it)
# is a plugin (waba-xml.so) loaded only by what reads or writes XML: a checklist other than
# the bundled one, a JUnit report, a web page; libedit (with libtinfo, libbsd, libmd) is one
# (waba-edit.so) loaded only by the wizard; libpng and libjpeg-turbo are one (waba-image.so)
# loaded only by what reads or writes a photo. An installed copy, moved to another prefix, finds
# them relative to its executable; without one, what needs it stops with exit 2 and the
# reason, and lint, check and --version, which never needed them, still run. (The phone and
# network plugins: tests/phone/plugin.sh, tests/package/test_package.sh.)
. "$(dirname "$0")/moved_install.sh" "$@"
plugin=$(find "$tmp/moved" -name waba-xml.so)
case $plugin in */waba-preflight/waba-xml.so) ;; *) fail "waba-xml.so installed at '$plugin'";; esac
if command -v ldd >/dev/null 2>&1 && ldd "$exe" | grep -E "libxml2|libedit|libicu|libpng|libjpeg"; then
  fail "the program links libxml2, libedit, libpng or libjpeg itself"
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

# the wizard on a terminal: with waba-edit.so it asks its first question; without, exit 2
wizard() { # wizard OUT: runs it on a pty in a scratch folder, Ctrl-D at once; its exit code
  mkdir -p "$tmp/wz" && rm -f "$tmp/wz/"*
  (cd "$tmp/wz" && python3 -c '
import os, pty, sys, select, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "wizard", "--lang", "en"])
out, end, status = b"", time.time() + 20, None
while time.time() < end:
    if select.select([fd], [], [], 0.2)[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
        if b"[y/n]" in out:
            os.write(fd, b"\x04")
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = st
        break
else:
    os.kill(pid, 9)
if status is None:
    status = os.waitpid(pid, 0)[1]
open(sys.argv[2], "wb").write(out)
sys.exit(os.waitstatus_to_exitcode(status))
' "$exe" "$1")
}
wizard "$tmp/wz.out"
grep -q "registered" "$tmp/wz.out" || fail "the wizard with waba-edit.so did not ask: $(cat "$tmp/wz.out")"
rm "$(find "$tmp/moved" -name waba-edit.so)"
wizard "$tmp/wz.out"; rc=$?
[ "$rc" = 2 ] || fail "the wizard without waba-edit.so: exit $rc, not 2: $(cat "$tmp/wz.out")"
grep -q "cannot load the line-editing plugin .*waba-edit.so" "$tmp/wz.out" ||
  fail "the wizard without waba-edit.so said: $(cat "$tmp/wz.out")"

# photo: with waba-image.so the example decodes (its size in the report); without, exit 2
"$exe" photo --format json "$src/examples/photo.png" >"$tmp/photo.json" 2>"$tmp/err"; rc=$?
[ "$rc" -le 1 ] && grep -q '"width":[[:space:]]*[1-9]' "$tmp/photo.json" ||
  fail "photo with waba-image.so: exit $rc: $(cat "$tmp/err" "$tmp/photo.json")"
rm "$(find "$tmp/moved" -name waba-image.so)"
"$exe" photo "$src/examples/photo.png" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] || fail "photo without waba-image.so: exit $rc, not 2"
grep -q "cannot load the image plugin .*waba-image.so" "$tmp/err" || fail "photo without waba-image.so said: $(cat "$tmp/err")"
"$exe" lint "$tpl" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -lt 2 ] || fail "lint without the plugins: exit $rc: $(cat "$tmp/err")"
echo "ok"
