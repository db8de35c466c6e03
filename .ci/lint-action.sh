#!/bin/bash
# The commands of the GitHub Action (action.yml), in one script so that a test can run them
# (tests/ci/). Usage:
#   lint-action.sh install            apt-get the build dependencies (Debian/Ubuntu runners)
#   lint-action.sh build              configure + build waba-preflight into $WABA_BUILD_DIR
#   lint-action.sh lint PATHS...      write SARIF to $WABA_SARIF, print GitHub annotations,
#                                     and a summary to $GITHUB_STEP_SUMMARY; exits as lint does
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
  [ $# -gt 0 ] || set -- .
  sarif=${WABA_SARIF:-waba-preflight.sarif}
  strict=(); [ "${WABA_STRICT:-false}" = true ] && strict=(--strict)
  # shellcheck disable=SC2206
  extra=(${WABA_ARGS:-})
  "$exe" lint "$@" --format sarif "${strict[@]}" "${extra[@]}" > "$sarif"
  code=$?
  # annotations on the pull request (and the step summary when GITHUB_STEP_SUMMARY is set)
  "$exe" lint "$@" --format github "${strict[@]}" "${extra[@]}"
  echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
  exit $code
  ;;
*)
  echo "lint-action: unknown step '$step'" >&2; exit 2
  ;;
esac
