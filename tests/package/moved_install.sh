# tests/package/moved_install.sh, sourced by the plugin tests with BUILD and SRC as $1 $2:
# the build installed into a scratch prefix that is then moved (so only paths relative to
# the executable can work); sets build, src, tmp (removed at exit), exe, and fail().
set -u
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export NO_COLOR=1 LANG=C.UTF-8 LC_ALL=
unset WABA_PREFLIGHT_CHECKLISTS WABA_PREFLIGHT_LOCALEDIR
cmake --install "$build" --prefix "$tmp/inst" >/dev/null || fail "cmake --install"
mv "$tmp/inst" "$tmp/moved"
exe=$tmp/moved/bin/waba-preflight
