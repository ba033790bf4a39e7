#!/bin/sh
# Benchmark of hierarchical linkage from raw data against SciPy's pdist + fastcluster.
# Usage: bench/hierarchical.sh [BUILD_DIR]   (BUILD_DIR holds libclusterscope.a; default build)
# Environment: REPS (default 3) runs per side, alternating ours and the peer's; the best run of
# each side is reported. N (default 20000) objects.
#
# Both sides read the same data file (written here from a fixed seed); reading it is not timed on
# either side. Timed: distances + linkage (ours: cs_linkage_data; peer: pdist + fastcluster.linkage,
# or fastcluster.linkage_vector for Ward). Peak RSS of each process from /usr/bin/time -f %M.
set -eu
BUILD=${1:-build}
REPS=${REPS:-3}
N=${N:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f "$BUILD/libclusterscope.a" ] || { echo "hierarchical.sh: $BUILD/libclusterscope.a not built" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "hierarchical.sh: /usr/bin/time missing (scripts/deps.sh bench)" >&2; exit 2; }
/usr/bin/python3 -c 'import scipy, fastcluster' 2>/dev/null ||
    { echo "hierarchical.sh: /usr/bin/python3 with scipy and fastcluster missing (scripts/deps.sh bench)" >&2; exit 2; }
out="$BUILD/bench/hierarchical"
mkdir -p "$out"
# shellcheck disable=SC2046
cc -std=c11 -D_GNU_SOURCE -O2 -fopenmp -Iinclude bench/hier_bench.c "$BUILD/libclusterscope.a" \
    $(pkg-config --libs sqlite3 jansson) -lcsv -lm -o "$out/hier_bench"
"$out/hier_bench" gen numeric "$N" 16 20240614 "$out/numeric.f64"
"$out/hier_bench" gen binary "$N" 64 20240615 "$out/binary.u8"

# run SIDE CMD...: prints "seconds kb" of the run
measure() {
    /usr/bin/time -f "maxrss_kb=%M" -o "$out/time.txt" "$@" > "$out/run.txt"
    s=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$out/run.txt")
    kb=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' "$out/time.txt")
    echo "$s $kb"
}

printf '%-34s %9s %9s %7s %11s %11s\n' case ours_s peer_s ratio ours_rss peer_rss
bench_case() {
    name=$1 kind=$2 p=$3 file=$4 metric=$5 method=$6
    best_o="" best_p="" rss_o=0 rss_p=0
    r=0
    while [ "$r" -lt "$REPS" ]; do
        set -- $(measure "$out/hier_bench" run "$kind" "$N" "$p" "$file" "$metric" "$method" "$out/z_ours.f64")
        if [ -z "$best_o" ] || awk "BEGIN{exit !($1 < $best_o)}"; then best_o=$1; fi
        [ "$2" -gt "$rss_o" ] && rss_o=$2
        set -- $(measure /usr/bin/python3 bench/hier_peer.py "$kind" "$N" "$p" "$file" "$metric" "$method" "$out/z_peer.f64")
        if [ -z "$best_p" ] || awk "BEGIN{exit !($1 < $best_p)}"; then best_p=$1; fi
        [ "$2" -gt "$rss_p" ] && rss_p=$2
        r=$((r + 1))
    done
    ratio=$(awk "BEGIN{printf \"%.2f\", $best_p / $best_o}")
    printf '%-34s %9s %9s %6sx %8s MB %8s MB\n' "$name" "$best_o" "$best_p" "$ratio" \
        $((rss_o / 1024)) $((rss_p / 1024))
    printf '    %s\n' "$(/usr/bin/python3 bench/hier_compare.py "$N" "$out/z_ours.f64" "$out/z_peer.f64")"
}
bench_case "average, euclidean, $N x 16" numeric 16 "$out/numeric.f64" euclidean average
bench_case "complete, euclidean, $N x 16" numeric 16 "$out/numeric.f64" euclidean complete
bench_case "ward, euclidean, $N x 16" numeric 16 "$out/numeric.f64" euclidean ward
bench_case "average, jaccard, $N x 64 binary" binary 64 "$out/binary.u8" jaccard average
