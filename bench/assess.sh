#!/bin/sh
# Assessment benchmark: 100,000 clusters with about 12 facts each, assessed on the HSE method
# (written as CSV, not stored), against the time to just read the same clusters and facts out
# of the registry with sqlite3. Prints both, the ratio and peak memory.
# usage: bench/assess.sh BUILD_DIR [N_CLUSTERS]
set -eu
build=$1
n=${2:-100000}
cs="$build/clusterscope"
work="${BENCH_TMP:-/tmp}/clusterscope-bench-assess"
mkdir -p "$work"
data="$work/data-$n"
[ -f "$data/facts.csv" ] || python3 bench/gen_assess.py "$data" "$n"
db="$work/reg-$n.db"
if [ ! -f "$db" ]; then
    "$cs" --db "$db" init >/dev/null
    "$cs" --db "$db" import "$data"/*.csv >/dev/null
fi
best() {
    best_t=""
    for _ in 1 2 3; do
        "$@"
        read -r t m <"$work/time"
        if [ -z "$best_t" ] || [ "$(echo "$t < $best_t" | bc)" = 1 ]; then best_t=$t; best_m=$m; fi
    done
    t=$best_t
    m=$best_m
}
read_only() {
    /usr/bin/time -f "%e %M" -o "$work/time" sqlite3 "$db" \
        "SELECT * FROM cluster" "SELECT * FROM fact" >/dev/null
}
assess() {
    /usr/bin/time -f "%e %M" -o "$work/time" "$cs" --db "$db" assess --no-store --format csv \
        -o "$work/out.csv"
}
best read_only
read_t=$t read_m=$m
best assess
ours_t=$t ours_m=$m
ratio=$(echo "scale=2; $ours_t / $read_t" | bc)
printf '%-52s %8s %8s %7s %10d %10d\n' "assess $n clusters (vs sqlite3 reading them)" \
    "$ours_t" "$read_t" "${ratio}x" $((ours_m / 1024)) $((read_m / 1024))
echo "target: ratio < 2"
