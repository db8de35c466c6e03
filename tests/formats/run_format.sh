#!/bin/sh
# run_format.sh: run a command that writes a report to stdout, then validate it.
#
#   run_format.sh OUT COMMAND... -- VALIDATOR...
#
# COMMAND's stdout goes to OUT (stderr to OUT.err); it must exit 0 or 1 (findings
# are not a failure here). If it exits 2 saying the sub-command "is not built yet",
# the test is skipped (exit 77). Then VALIDATOR... OUT decides. If
# GITHUB_STEP_SUMMARY is set, that file is emptied first.
set -u
out=$1
shift
cmd=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	cmd="$cmd '$(printf '%s' "$1" | sed "s/'/'\\\\''/g")'"
	shift
done
[ $# -gt 0 ] || { echo "usage: run_format.sh OUT COMMAND... -- VALIDATOR..." >&2; exit 2; }
shift
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	: > "$GITHUB_STEP_SUMMARY"
fi
eval "$cmd" > "$out" 2> "$out.err"
rc=$?
if [ $rc -eq 2 ] && grep -q "is not built yet" "$out.err"; then
	echo "skipped: $(cat "$out.err")"
	exit 77
fi
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
	echo "the command exited $rc:" >&2
	cat "$out.err" >&2
	exit 1
fi
"$@" "$out"
