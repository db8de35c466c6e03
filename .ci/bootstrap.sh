#!/bin/sh
# The README's two commands:
#   sh .ci/bootstrap.sh example   install what is missing, build, run `check` on examples/
#   sh .ci/bootstrap.sh test      install what is missing, build, run the whole test suite
# Works as root or as a user with sudo (apt-get is run through sudo when needed).
set -eu
cd "$(dirname "$0")/.."
mode=${1:-example}

PACKAGES="build-essential cmake pkg-config git libcurl4-openssl-dev libxml2-dev libxml2-utils
libcjson-dev libpng-dev libjpeg-dev libphonenumber-dev libutf8proc-dev libedit-dev libcmocka-dev
gettext clang clang-format libclang-rt-14-dev python3 python3-phonenumbers python3-aiosmtpd python3-jsonschema
pngcheck locales openssl ca-certificates tmux libssl-dev python3-pyte dpkg-dev strace zsh fish chromium
pre-commit"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "bootstrap: need root (or sudo) to run: $*" >&2; exit 2
  fi
}

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bootstrap: installing:$missing"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# Portuguese and Spanish locales, so that --lang pt|es works even under LANG=C.UTF-8.
if ! locale -a 2>/dev/null | grep -qi '^pt_BR.utf8$' || ! locale -a 2>/dev/null | grep -qi '^es_AR.utf8$'; then
  for l in pt_BR.UTF-8 es_AR.UTF-8 es_ES.UTF-8; do
    grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null || echo "$l UTF-8" | as_root tee -a /etc/locale.gen >/dev/null
  done
  as_root locale-gen >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
build() { # build DIR [cmake options...]: quiet unless it fails. -Werror here, never for packagers.
  dir=$1; shift
  echo "== building in $dir"
  mkdir -p "$dir"
  if ! { cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWABA_WERROR=ON "$@" && cmake --build "$dir" -j "$jobs"; } \
       >"$dir/build.log" 2>&1; then
    tail -n 60 "$dir/build.log"
    echo "bootstrap: the build failed (full log: $dir/build.log)" >&2
    exit 2
  fi
}

case "$mode" in
example)
  build build
  echo
  echo "== waba-preflight check examples/application.json"
  set +e
  ./build/waba-preflight check examples/application.json
  rc=$?
  set -e
  echo
  echo "(exit status $rc. 0: no errors; 1: errors to fix before sending; 2: could not run)"
  [ "$rc" -le 1 ]
  ;;
test)
  build build -DCMAKE_BUILD_TYPE=Release
  # a second compiler (clang, -Werror) builds the program and the fuzz targets in
  # tests/fuzz/run-all.sh below: it catches what GCC does not warn about
  echo "== test suite (release build)"
  set +e
  ctest --test-dir build -j "$jobs" --output-on-failure --timeout 300
  rc1=$?
  set -e
  echo "== test suite under AddressSanitizer + UBSan"
  build build-asan -DCMAKE_BUILD_TYPE=Debug -DWABA_SANITIZE=ON
  set +e
  # use_tls=0: GCC 12's LeakSanitizer crashes at exit while scanning the dynamic TLS of the
  # libraries the plugins open (src/cli/main.c says more); a leak held only there would be
  # reported, never hidden
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=use_tls=0:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan -j "$jobs" --output-on-failure --timeout 600 -LE 'bench|nosan'
  rc2=$?
  rc3=0
  if [ -x tests/fuzz/run-all.sh ]; then
    echo "== fuzz targets (short run; tests/fuzz/run-all.sh SECONDS for a long one)"
    tests/fuzz/run-all.sh "${WABA_FUZZ_SECONDS:-60}"
    rc3=$?
  fi
  set -e
  if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || [ $rc3 -ne 0 ]; then
    echo "bootstrap: tests failed (release: $rc1, sanitizers: $rc2, fuzz: $rc3)" >&2
    exit 1
  fi
  echo "bootstrap: all tests passed"
  ;;
*)
  echo "usage: sh .ci/bootstrap.sh example|test" >&2
  exit 2
  ;;
esac
