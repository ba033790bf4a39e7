# Shared by the CLI tests: the program under test, a scratch folder, and assertions that fail
# the test with a message. Each test script is run with sh from the repository root.
set -u
CS=${CLUSTERSCOPE_BIN:-build/clusterscope}
T=$(mktemp -d "${CS_TMP:-/tmp}/cli.XXXXXX") || {
    echo "FAILED: no scratch folder under ${CS_TMP:-/tmp}" >&2
    exit 1
}
trap 'rm -rf "$T"' EXIT
checks=0
fail() {
    echo "FAILED: $*" >&2
    exit 1
}
check() {
    checks=$((checks + 1))
}
# expect_status N CMD...: runs CMD, keeps stdout/stderr in $T/out and $T/err
expect_status() {
    want=$1
    shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    check
    [ "$got" -eq "$want" ] || {
        cat "$T/err" >&2
        fail "'$*' exited $got, expected $want"
    }
}
expect_contains() {
    check
    grep -qF -- "$2" "$1" || {
        echo "--- $1:" >&2
        head -20 "$1" >&2
        fail "$1 does not contain: $2"
    }
}
done_checks() {
    echo "$checks checks passed"
}
