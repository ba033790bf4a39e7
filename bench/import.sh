#!/bin/sh
# Import benchmark: 1,000,000 organisations and 2,000,000 memberships from CSV into an empty
# registry (with clusters, countries and sources already there), against sqlite3's own .import
# of the same two files into plain tables. Prints times, the ratio, peak resident memory and the
# CPU time (user + sys; on a shared machine the steadier figure).
# usage: bench/import.sh BUILD_DIR [N_ORGANISATIONS N_MEMBERSHIPS]
set -eu
build=$1
n_org=${2:-1000000}
n_mem=${3:-2000000}
cs="$build/clusterscope"
work="${BENCH_TMP:-/tmp}/clusterscope-bench-import"
mkdir -p "$work"
data="$work/data-$n_org-$n_mem"
[ -f "$data/memberships.csv" ] || python3 bench/gen_registry.py "$data" "$n_org" "$n_mem" 10000
best() { # best of three: the machine may be busy (wall-clock and CPU each their best)
    best_t=""
    best_c=""
    for _ in 1 2 3; do
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
best run_ours
ours_t=$t ours_m=$m ours_c=$c
best run_sqlite
peer_t=$t peer_m=$m peer_c=$c
ratio=$(echo "scale=2; $ours_t / $peer_t" | bc)
printf '%-52s %8s %8s %7s %10s %10s\n' "case" "ours s" "peer s" "ratio" "ours MB" "peer MB"
printf '%-52s %8s %8s %7s %10d %10d\n' "import ${n_org} orgs + ${n_mem} memberships (sqlite3 .import)" \
    "$ours_t" "$peer_t" "${ratio}x" $((ours_m / 1024)) $((peer_m / 1024))
printf '%-52s %8s %8s %7s\n' "the same, CPU time (user + sys)" "$ours_c" "$peer_c" \
    "$(echo "scale=2; $ours_c / $peer_c" | bc)x"
echo "target: ratio <= 1.5, ours under 200 MB"
