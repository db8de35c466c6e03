#!/bin/sh
# Run every libFuzzer target for a share of SECONDS (default 60 in all), starting from the
# seed corpus in tests/fuzz/corpus/<name>/ (copied: the repository is not modified).
# A crash stops with exit 1 and leaves the reproducer in build-fuzz/artifacts/.
# The build is clang's, warnings as errors, and includes the program (CI's second compiler).
#   tests/fuzz/run-all.sh 3600     # an hour of fuzzing, shared among the targets
set -eu
cd "$(dirname "$0")/../.."
total=${1:-60}
command -v clang >/dev/null || { echo "run-all: clang is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWABA_FUZZ=ON -DWABA_WERROR=ON \
  -DWABA_SANITIZE=ON -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link" -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
targets=$(cd tests/fuzz && ls fuzz_*.c | grep -v fuzz_replay | sed 's/\.c$//')
# shellcheck disable=SC2086
if ! cmake --build build-fuzz -j "$(nproc)" --target waba-preflight $targets >build-fuzz/build.log 2>&1; then
  tail -n 60 build-fuzz/build.log; echo "run-all: the clang build failed (build-fuzz/build.log)" >&2; exit 2
fi
n=$(echo "$targets" | wc -w)
each=$(( total / n )); [ "$each" -ge 1 ] || each=1
mkdir -p build-fuzz/artifacts
status=0
for t in $targets; do
  short=${t#fuzz_}
  work=build-fuzz/corpus-$short
  mkdir -p "$work"
  [ -d "tests/fuzz/corpus/$short" ] && cp -n tests/fuzz/corpus/$short/* "$work"/ 2>/dev/null || true
  log=build-fuzz/$t.log
  if ASAN_OPTIONS=detect_leaks=1 ./build-fuzz/tests/$t "$work" -max_total_time="$each" -max_len=65536 \
       -rss_limit_mb=2048 -timeout=10 -artifact_prefix=build-fuzz/artifacts/$t- >"$log" 2>&1; then
    # libFuzzer's last line is "Done N runs in S second(s)"; the recommended dictionary
    # printed before it has "# Uses: N" lines, so a bare '#N' is not a count.
    execs=$(sed -n 's/^Done \([0-9][0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    echo "fuzz $t: ${each}s, ${execs:-?} executions, no crash"
  else
    echo "fuzz $t: CRASH (see $log and build-fuzz/artifacts/)"; tail -30 "$log"; status=1
  fi
done
exit $status
