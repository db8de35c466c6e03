#!/bin/bash
# The commands of the GitHub Action (action.yml), in one script so that a test can run them
# (tests/ci/). Usage:
#   lint-action.sh install            apt-get the build dependencies (Debian/Ubuntu runners)
#   lint-action.sh build              configure + build waba-preflight into $WABA_BUILD_DIR
#   lint-action.sh lint [PATHS...]    one lint run: GitHub annotations on stdout, SARIF written to
#                                     $WABA_SARIF (--format github,sarif:FILE), a summary to
#                                     $GITHUB_STEP_SUMMARY; outputs exit-code and sarif-ok (the
#                                     SARIF is whole and valid JSON); exits as lint does
#                                     PATHS come from $WABA_PATHS, one per line (the action's input)
# Environment: WABA_EXE (use this binary instead of building), WABA_BUILD_DIR, WABA_SARIF,
# WABA_STRICT ("true": warnings fail too), WABA_ARGS (extra lint options).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WABA_BUILD_DIR:-$root/build-action}
exe=${WABA_EXE:-$build/waba-preflight}
step=${1:?usage: lint-action.sh install|build|lint PATHS...}
shift
case $step in
install)
  pkgs="build-essential cmake pkg-config libcurl4-openssl-dev libxml2-dev libcjson-dev libpng-dev
        libjpeg-dev libphonenumber-dev libutf8proc-dev libedit-dev gettext"
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
  # shellcheck disable=SC2086
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs
  ;;
build)
  [ -n "${WABA_EXE:-}" ] && { echo "lint-action: using $WABA_EXE"; exit 0; }
  cmake -B "$build" -S "$root" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null &&
  cmake --build "$build" -j"$(nproc)" --target waba-preflight
  ;;
lint)
  # paths: one per line ($WABA_PATHS, else the arguments); no word splitting, no globbing
  paths=()
  if [ -n "${WABA_PATHS:-}" ]; then
    while IFS= read -r p || [ -n "$p" ]; do
      p=${p%$'\r'}
      [ -n "$p" ] && paths+=("$p")
    done <<< "$WABA_PATHS"
  else
    paths=("$@")
  fi
  [ ${#paths[@]} -gt 0 ] || paths=(.)
  sarif=${WABA_SARIF:-waba-preflight.sarif}
  strict=(); [ "${WABA_STRICT:-false}" = true ] && strict=(--strict)
  set -f # options only: split on blanks, never globbed
  # shellcheck disable=SC2206
  extra=(${WABA_ARGS:-})
  set +f
  rm -f "$sarif"
  # one run: annotations (and the step summary) on stdout, SARIF written to a file beside it
  "$exe" lint --format "github,sarif:$sarif" "${strict[@]}" "${extra[@]}" -- "${paths[@]}"
  code=$?
  ok=false
  if [ "$code" -le 1 ] && [ -s "$sarif" ] &&
     python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d.get("version")=="2.1.0" and d.get("runs") else 1)' "$sarif" 2>/dev/null; then
    ok=true
  fi
  if [ "$code" -ge 2 ]; then
    echo "::error title=waba-preflight could not run::waba-preflight lint exited $code; its reason is the line above (no SARIF is uploaded)"
  fi
  { echo "exit-code=$code"; echo "sarif-ok=$ok"; } >> "${GITHUB_OUTPUT:-/dev/null}"
  exit $code
  ;;
*)
  echo "lint-action: unknown step '$step'" >&2; exit 2
  ;;
esac
