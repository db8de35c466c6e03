#!/bin/sh
# bench/phone/run.sh [BUILD_DIR] [N]: numbers per second for N (default 100000) phone
# numbers, waba-preflight's parser (libphonenumber C++ through the shim) beside Python's
# phonenumbers package (Debian python3-phonenumbers) on the same list. CPU time is the
# figure to compare on a busy machine; wall time is printed too.
# Build first: cmake --build BUILD_DIR --target phone_bench
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
n=${2:-100000}
py=/usr/bin/python3   # Debian's python, where python3-phonenumbers is installed
list=$(mktemp)
trap 'rm -f "$list"' EXIT
"$py" "$here/gen_numbers.py" "$n" 1 > "$list"
echo "list: $n numbers from 20 regions, every type, E.164 / international / national, 5% garbage"
"$build/tests/phone_bench" "$list"
"$build/tests/phone_bench" "$list" --check
"$py" "$here/phonenumbers_bench.py" "$list"
