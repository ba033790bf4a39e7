#!/bin/sh
# Import benchmark: 1,000,000 organisations and 2,000,000 memberships from CSV into an empty
# registry (with clusters, countries and sources already there), against sqlite3's own .import
# of the same two files into plain tables; then 3,000 regions x 1,000 industries x 1 year of
# statistics (3,000,000 rows in long form) into an empty statistic table (the regions already
# there), against sqlite3's .import of the same CSV. Prints times, the ratio, peak resident
# memory and the CPU time (user + sys; on a shared machine the steadier figure).
# usage: bench/import.sh BUILD_DIR [N_ORGANISATIONS N_MEMBERSHIPS]
# CS_BENCH_IMPORT=organisations|statistics runs one case (both by default); CS_BENCH_QUICK=1 runs
# the statistics case once on 50 regions x 1,000 industries (tests/cli/test_bench_import.sh).
set -eu
build=$1
n_org=${2:-1000000}
n_mem=${3:-2000000}
only=${CS_BENCH_IMPORT:-all}
quick=${CS_BENCH_QUICK:-0}
[ "$quick" = 1 ] && only=statistics
cs="$build/clusterscope"
work="${BENCH_TMP:-/tmp}/clusterscope-bench-import"
[ "$quick" = 1 ] && work="${CS_TMP:-${TMPDIR:-/tmp}}/clusterscope-bench-import-quick.$$"
mkdir -p "$work"
data="$work/data-$n_org-$n_mem"
[ "$only" = statistics ] || [ -f "$data/memberships.csv" ] ||
    python3 bench/gen_registry.py "$data" "$n_org" "$n_mem" 10000
reps=3
[ "$quick" = 1 ] && reps=1
best() { # best of three: the machine may be busy (wall-clock and CPU each their best)
    best_t=""
    best_c=""
    for _ in $(seq "$reps"); do
        "$@"
        if [ -z "$best_t" ] || [ "$(echo "$t < $best_t" | bc)" = 1 ]; then best_t=$t; best_m=$m; fi
        if [ -z "$best_c" ] || [ "$(echo "$c < $best_c" | bc)" = 1 ]; then best_c=$c; fi
    done
    t=$best_t
    m=$best_m
    c=$best_c
}
run_ours() {
    rm -f "$work/ours.db"
    "$cs" --db "$work/ours.db" init >/dev/null
    "$cs" --db "$work/ours.db" import "$data/sources.csv" "$data/countries.csv" "$data/clusters.csv" >/dev/null
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$cs" --db "$work/ours.db" import \
        "$data/organisations.csv" "$data/memberships.csv" >/dev/null
    read -r t m u s <"$work/time"
    c=$(printf "%.2f" "$(echo "$u + $s" | bc)")
}
run_sqlite() {
    rm -f "$work/plain.db"
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" sqlite3 "$work/plain.db" ".mode csv" \
        ".import $data/organisations.csv organisations" ".import $data/memberships.csv memberships"
    read -r t m u s <"$work/time"
    c=$(printf "%.2f" "$(echo "$u + $s" | bc)")
}
printf '%-52s %8s %8s %7s %10s %10s\n' "case" "ours s" "peer s" "ratio" "ours MB" "peer MB"
if [ "$only" != statistics ]; then
    best run_ours
    ours_t=$t ours_m=$m ours_c=$c
    best run_sqlite
    peer_t=$t peer_m=$m peer_c=$c
    ratio=$(echo "scale=2; $ours_t / $peer_t" | bc)
    printf '%-52s %8s %8s %7s %10d %10d\n' "import ${n_org} orgs + ${n_mem} memberships (sqlite3 .import)" \
        "$ours_t" "$peer_t" "${ratio}x" $((ours_m / 1024)) $((peer_m / 1024))
    printf '%-52s %8s %8s %7s\n' "the same, CPU time (user + sys)" "$ours_c" "$peer_c" \
        "$(echo "scale=2; $ours_c / $peer_c" | bc)x"
    echo "target: ratio <= 1.5, ours under 200 MB"
fi
[ "$only" = organisations ] && exit 0

# ---- statistics: regions x industries x 1 year, long form, one transaction ----
n_reg=3000
n_ind=1000
[ "$quick" = 1 ] && n_reg=50
sdata="$work/statistics-$n_reg-$n_ind"
if [ ! -f "$sdata/statistics.csv" ]; then
    mkdir -p "$sdata"
    printf 'code,name_en\nXX,Benchland\n' >"$sdata/countries.csv"
    awk -v n="$n_reg" 'BEGIN { print "key,country,name_en"
        for (r = 0; r < n; r++) printf "r%05d,XX,Region %d\n", r, r }' >"$sdata/regions.csv"
    # values from a fixed linear congruential sequence: the same file on every machine
    awk -v nr="$n_reg" -v ni="$n_ind" 'BEGIN { print "region,industry,year,measure,value"
        x = 12345
        for (r = 0; r < nr; r++)
            for (i = 0; i < ni; i++) {
                x = (x * 1103515245 + 12345) % 2147483648
                printf "r%05d,i%04d,2020,employment,%d\n", r, i, x % 5000
            } }' >"$sdata/statistics.csv"
fi
run_ours_statistics() {
    rm -f "$work/stats.db"
    "$cs" --db "$work/stats.db" init >/dev/null
    "$cs" --db "$work/stats.db" import "$sdata/countries.csv" "$sdata/regions.csv" >/dev/null
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$cs" --db "$work/stats.db" import \
        "$sdata/statistics.csv" >/dev/null
    read -r t m u s <"$work/time"
    c=$(printf "%.2f" "$(echo "$u + $s" | bc)")
}
run_sqlite_statistics() {
    rm -f "$work/plain-stats.db"
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" sqlite3 "$work/plain-stats.db" ".mode csv" \
        ".import $sdata/statistics.csv statistics"
    read -r t m u s <"$work/time"
    c=$(printf "%.2f" "$(echo "$u + $s" | bc)")
}
best run_ours_statistics
ours_t=$t ours_m=$m ours_c=$c
best run_sqlite_statistics
peer_t=$t peer_m=$m peer_c=$c
n_rows=$((n_reg * n_ind))
# the rows stored are the file's: their number and the sum of their values
stored=$(sqlite3 "$work/stats.db" "SELECT count(*) || ' ' || CAST(sum(value) AS INTEGER) FROM statistic")
expected=$(awk -F, 'NR > 1 { n++; s += $5 } END { printf "%d %.0f", n, s }' "$sdata/statistics.csv")
[ "$stored" = "$expected" ] || { echo "statistics stored ($stored) differ from the file ($expected)" >&2; exit 1; }
printf '%-52s %8s %8s %7s %10d %10d\n' "import ${n_reg} regions x ${n_ind} industries = ${n_rows} statistics" \
    "$ours_t" "$peer_t" "$(echo "scale=2; $ours_t / $peer_t" | bc)x" $((ours_m / 1024)) $((peer_m / 1024))
printf '%-52s %8s %8s %7s\n' "the same, CPU time (user + sys)" "$ours_c" "$peer_c" \
    "$(echo "scale=2; $ours_c / $peer_c" | bc)x"
echo "rows stored: $stored (count, sum of values), as in the file"
echo "target: ratio <= 2"
[ "$quick" = 1 ] && rm -rf "$work"
exit 0
