#!/bin/sh
# Runs the whole suite against BUILD (default build): every cmocka program in BUILD/tests,
# every tests/cli/test_*.sh, the browser tests tests/browser/test_*.sh, and the style check. Prints one line per suite and a closing
# "N passed, N failed" line; exits non-zero when anything failed.
set -u
BUILD=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
export CLUSTERSCOPE_BIN="$root/$BUILD/clusterscope"
export CS_BUILD_DIR="$BUILD"
export CS_SANITIZE="${SANITIZE:-0}"
# the leaks of other libraries that are kept on purpose (tests/lsan.supp says which and why)
if [ "$CS_SANITIZE" = 1 ]; then
    export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi
export CS_TMP="${TMPDIR:-/tmp}/clusterscope-tests.$$"
mkdir -p "$CS_TMP"
trap 'rm -rf "$CS_TMP"' EXIT
passed=0
failed=0
failures=""
run() {
    name=$1
    shift
    log="$CS_TMP/$(echo "$name" | tr '/ ' '__').log"
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "ok    $name"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        echo "FAIL  $name"
        sed 's/^/      /' "$log" | tail -40
    fi
}
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run "unit/$(basename "$t")" "$t"
done
for t in tests/cli/test_*.sh; do
    [ -f "$t" ] || continue
    run "cli/$(basename "$t" .sh)" sh "$t"
done
for t in tests/browser/test_*.sh; do
    [ -f "$t" ] || continue
    run "browser/$(basename "$t" .sh)" sh "$t"
done
run "format-check" scripts/format-check.sh
echo
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
