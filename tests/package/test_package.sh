#!/bin/sh
# test_package.sh BUILD_DIR SOURCE_DIR: build the packages, unpack them, use them.
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G "DEB;TGZ" -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack"; }
deb=$(ls "$tmp"/out/*.deb) tgz=$(ls "$tmp"/out/*.tar.gz)

# --- the .deb's metadata --------------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libcurl libxml2 libcjson libpng libjpeg libutf8proc libedit libphonenumber; do
  echo "$depends" | grep -q "$lib" || fail "Depends lacks $lib: $depends"
done
dpkg-deb -f "$deb" Version | grep -q "^$(sed -n 's/^project(waba-preflight VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")" ||
  fail "package version is not the project's"
dpkg-deb -c "$deb" >"$tmp/contents"
for f in ./usr/bin/waba-preflight ./usr/share/man/man1/waba-preflight.1 \
         ./usr/share/waba-preflight/checklists/checklist.rng ./usr/share/waba-preflight/checklists/templates.xml \
         ./usr/share/locale/pt/LC_MESSAGES/waba-preflight.mo ./usr/share/locale/es/LC_MESSAGES/waba-preflight.mo \
         ./usr/share/bash-completion/completions/waba-preflight ./usr/share/zsh/vendor-completions/_waba-preflight \
         ./usr/share/fish/vendor_completions.d/waba-preflight.fish ./usr/share/doc/waba-preflight/copyright \
         ./usr/share/doc/waba-preflight/LICENSE; do
  grep -q " $f\$" "$tmp/contents" || grep -q " $f " "$tmp/contents" || fail "the .deb lacks $f"
done
# the phone-number plug-in, in LIBDIR/waba-preflight (lib, lib64 or lib/<multiarch>)
grep -Eq ' \./usr/lib(64)?(/[^/]+)?/waba-preflight/waba-phone\.so$' "$tmp/contents" || fail "the .deb lacks the phone plug-in"
# the network plug-in (libcurl and OpenSSL, loaded only by the commands that go online)
grep -Eq ' \./usr/lib(64)?(/[^/]+)?/waba-preflight/waba-net\.so$' "$tmp/contents" || fail "the .deb lacks the network plug-in"
# the XML plug-in (libxml2: checklists other than the bundled one, JUnit, web pages)
grep -Eq ' \./usr/lib(64)?(/[^/]+)?/waba-preflight/waba-xml\.so$' "$tmp/contents" || fail "the .deb lacks the XML plug-in"
# the line-editing plug-in (libedit, for the wizard) and the image one (libpng, libjpeg)
grep -Eq ' \./usr/lib(64)?(/[^/]+)?/waba-preflight/waba-image\.so$' "$tmp/contents" || fail "the .deb lacks the image plug-in"
grep -Eq ' \./usr/lib(64)?(/[^/]+)?/waba-preflight/waba-edit\.so$' "$tmp/contents" || fail "the .deb lacks the line-editing plug-in"

# --- unpacked somewhere else, run from yet another folder -----------------------------
use() { # use ROOT_BIN LABEL
  exe=$1 label=$2
  work="$tmp/work-$label"
  mkdir -p "$work"
  cp -r "$src/examples/." "$work/"
  cd "$work"
  # the example application: exit 0 or 1 (findings), never 2 (data not found)
  set +e
  env -u WABA_PREFLIGHT_CHECKLISTS -u WABA_PREFLIGHT_LOCALEDIR LANG=C.UTF-8 \
    "$exe" check application.json >"$tmp/check.out" 2>&1
  rc=$?
  set -e
  [ "$rc" -le 1 ] || { cat "$tmp/check.out"; fail "$label: check exited $rc"; }
  grep -q "Ready to send\|ready\|Readiness" "$tmp/check.out" || { cat "$tmp/check.out"; fail "$label: no readiness checklist"; }
  set +e
  env -u WABA_PREFLIGHT_CHECKLISTS -u WABA_PREFLIGHT_LOCALEDIR "$exe" lint templates >"$tmp/lint.out" 2>&1
  rc=$?
  set -e
  [ "$rc" -le 1 ] || { cat "$tmp/lint.out"; fail "$label: lint exited $rc"; }
  env -u WABA_PREFLIGHT_CHECKLISTS -u WABA_PREFLIGHT_LOCALEDIR LANG=C.UTF-8 \
    "$exe" check --lang pt application.json >"$tmp/pt.out" 2>&1 || true
  grep -q "verificados" "$tmp/pt.out" || { cat "$tmp/pt.out"; fail "$label: --lang pt is not Portuguese"; }
  grep -q "no translations" "$tmp/pt.out" && fail "$label: translations not found"
  # the phone-number plug-in (libphonenumber, loaded only when needed) travels with the binary
  "$exe" phone --format json '+55 11 3456-7890' >"$tmp/phone.out" 2>&1 ||
    { cat "$tmp/phone.out"; fail "$label: phone did not run"; }
  grep -q '"e164":[[:space:]]*"+551134567890"' "$tmp/phone.out" || { cat "$tmp/phone.out"; fail "$label: phone gave no E.164"; }
  # the network plug-in travels with it too: libcurl checks the Graph URL (refused: not HTTPS)
  set +e
  "$exe" business --online --graph-url http://example.com 123456789012345 >"$tmp/net.out" 2>&1
  rc=$?
  set -e
  [ "$rc" = 2 ] && grep -q "use https://" "$tmp/net.out" || { cat "$tmp/net.out"; fail "$label: the network plug-in did not load"; }
  # the XML plug-in travels with it too: a JUnit report of the templates, parsed back
  set +e
  env -u WABA_PREFLIGHT_CHECKLISTS -u WABA_PREFLIGHT_LOCALEDIR "$exe" lint --format junit templates >"$tmp/junit.xml" 2>"$tmp/junit.err"
  rc=$?
  set -e
  [ "$rc" -le 1 ] && xmllint --noout "$tmp/junit.xml" && grep -q "<testsuites" "$tmp/junit.xml" ||
    { cat "$tmp/junit.err" "$tmp/junit.xml"; fail "$label: the XML plug-in did not load (lint --format junit)"; }
  # no file of the build or source tree is opened
  if command -v strace >/dev/null 2>&1; then
    env -u WABA_PREFLIGHT_CHECKLISTS -u WABA_PREFLIGHT_LOCALEDIR strace -f -e trace=open,openat,stat,newfstatat \
      -o "$tmp/trace" "$exe" check --lang es application.json >/dev/null 2>&1 || true
    if grep -F -e "\"$build" -e "\"$src" "$tmp/trace" | grep -v ENOENT | grep -q .; then
      grep -F -e "\"$build" -e "\"$src" "$tmp/trace" | head >&2
      fail "$label: the unpacked binary read the build or source tree"
    fi
  fi
  cd "$tmp"
}

mkdir "$tmp/deb-root"
dpkg-deb -x "$deb" "$tmp/deb-root"
use "$tmp/deb-root/usr/bin/waba-preflight" deb

mkdir "$tmp/tgz-root"
tar -xzf "$tgz" -C "$tmp/tgz-root"
tgz_exe=$(find "$tmp/tgz-root" -path '*/bin/waba-preflight' -type f | head -n 1)
[ -n "$tgz_exe" ] || fail "the tarball has no bin/waba-preflight"
use "$tgz_exe" tgz

# a moved prefix still works (the tarball's tree renamed)
moved="$tmp/moved-prefix"
mv "$(dirname "$(dirname "$tgz_exe")")" "$moved"
use "$moved/bin/waba-preflight" moved

# the translations missing: said once on stderr, English output
rm -rf "$moved/share/locale"
cd "$tmp/work-moved"
"$moved/bin/waba-preflight" check --lang pt application.json >"$tmp/nolocale.out" 2>"$tmp/nolocale.err" || true
[ "$(grep -c "no translations for 'pt'" "$tmp/nolocale.err")" = 1 ] || { cat "$tmp/nolocale.err"; fail "missing translations not reported once"; }
echo "ok: .deb and .tar.gz unpacked and used ($(wc -l <"$tmp/contents") files in the .deb)"
