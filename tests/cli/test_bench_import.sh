# The short form of bench/import.sh's statistics case (CS_BENCH_QUICK=1: 50 regions x 1,000
# industries, 50,000 rows in long form, one run): the import runs end to end beside sqlite3's
# .import of the same CSV, prints its row with time, ratio and peak memory, and stores exactly
# the file's rows (the script compares their count and the sum of their values).
. tests/cli/lib.sh

command -v sqlite3 >/dev/null 2>&1 || { echo "skipped: no sqlite3 command"; exit 0; }
build=$(dirname "$CS")
start=$(date +%s)
CS_BENCH_QUICK=1 sh bench/import.sh "$build" >"$T/out" 2>"$T/err" ||
    { cat "$T/err" >&2; fail "bench/import.sh quick: exit $?"; }
check
grep -qE '^import 50 regions x 1000 industries = 50000 statistics +[0-9.]+ +[0-9.]+ +[0-9.]+x +[0-9]+ +[0-9]+$' "$T/out" ||
    fail "no statistics row: $(cat "$T/out")"
check
expect_contains "$T/out" "rows stored: 50000 "
# time-bounded: 50,000 rows take well under a second on a quiet machine
[ $(($(date +%s) - start)) -lt 60 ] || fail "the quick import bench took over 60 s"
check
done_checks
