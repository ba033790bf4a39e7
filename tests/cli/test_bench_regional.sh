# The short form of bench/regional.sh (CS_BENCH_QUICK=1: 300 regions x 100 industries x 3
# years): every measure runs end to end beside the numpy/pandas peer, whose numbers it must
# equal (the script compares the two CSV outputs and fails on a difference). Skipped, saying
# so, when numpy and pandas are not installed (scripts/deps.sh bench installs them).
. tests/cli/lib.sh

if ! /usr/bin/python3 -c 'import numpy, pandas' 2>/dev/null; then
    echo "skipped: numpy and pandas are not installed (scripts/deps.sh bench)"
    exit 0
fi
build=$(dirname "$CS")
CS_BENCH_QUICK=1 sh bench/regional.sh "$build" >"$T/out" 2>"$T/err" ||
    { cat "$T/err" >&2; fail "bench/regional.sh quick: exit $?"; }
check
rows=$(grep -cE '^(lq|krugman|herfindahl|entropy|cmp) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+x +[0-9]+ +[0-9]+$' "$T/out")
[ "$rows" -eq 5 ] || fail "expected 5 rows, found $rows: $(cat "$T/out")"
check
done_checks
