#!/bin/sh
# The commands a user runs, end to end, beside their peers (issue 10): each of our rows is the
# wall time of `clusterscope COMMAND FILE -o OUT` from the CSV file to the written output; each
# peer row is the peer's computation alone, on the same numbers already in memory (its reading
# of a binary copy is not timed), so our ratio is the conservative one.
#
# Usage: bench/commands.sh [BUILD_DIR]    (BUILD_DIR holds clusterscope; default build)
# Environment: REPS (default 3) runs per side, alternating ours and the peer's, the best kept;
# CS_BENCH_QUICK=1 small sizes (checks the script itself in seconds).
# Peaks: resident memory of each process from /usr/bin/time -f %M (ours includes reading the
# CSV; the peer's includes Python or R and the binary data).
# Threads: ours use OpenMP's default (all cores); so does scikit-learn's KMeans; SciPy's pdist,
# fastcluster, scikit-learn's silhouette_score and R's pam have no parallel path.
set -eu
BUILD=${1:-build}
REPS=${REPS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cs=$BUILD/clusterscope
PY=/usr/bin/python3
[ -x "$cs" ] || { echo "commands.sh: $cs not built (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "commands.sh: /usr/bin/time missing (scripts/deps.sh bench)" >&2; exit 2; }
$PY -c 'import scipy, fastcluster, sklearn' 2>/dev/null ||
    { echo "commands.sh: $PY with scipy, fastcluster and sklearn missing (scripts/deps.sh bench)" >&2; exit 2; }
if ! Rscript -e 'library(cluster)' >/dev/null 2>&1; then
    echo "commands.sh: Rscript with r-cran-cluster missing (scripts/deps.sh bench)" >&2
    exit 2
fi
out=$BUILD/bench/commands
mkdir -p "$out"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 bench/gen_data.c -lm -o "$out/gen_data"

if [ "${CS_BENCH_QUICK:-0}" = 1 ]; then
    NH=2000 NKM=20000 NKD=1000 NS=2000
else
    NH=20000 NKM=1000000 NKD=10000 NS=20000
fi

# gen KIND NAME ARGS...: writes $out/NAME.* once with gen_data KIND (deterministic, so a file
# that is there is the file it would write)
gen() {
    kind=$1 name=$2
    shift 2
    [ -f "$out/$name.csv" ] || "$out/gen_data" "$kind" "$out/$name" "$@"
}

# ours NAME CMD...: wall seconds and peak kB of the whole command -> OURS_T, OURS_KB
ours() {
    name=$1
    shift
    if ! /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" >"$out/$name.stdout" 2>"$out/$name.err"; then
        echo "commands.sh: $name failed:" >&2
        cat "$out/$name.err" >&2
        exit 1
    fi
    read -r OURS_T OURS_KB <"$out/$name.time"
}
# peer NAME CMD...: the computation's seconds as the peer prints them ("seconds=" or "time=")
# and its peak kB -> PEER_T, PEER_KB, PEER_LINE
peer() {
    name=$1
    shift
    if ! /usr/bin/time -f "%M" -o "$out/$name.peer.rss" "$@" >"$out/$name.peer.out" 2>"$out/$name.peer.err"; then
        echo "commands.sh: peer of $name failed:" >&2
        cat "$out/$name.peer.err" >&2
        exit 1
    fi
    PEER_LINE=$(cat "$out/$name.peer.out")
    PEER_T=$(echo "$PEER_LINE" | sed -n 's/.*\(seconds\|time\)=\([0-9.]*\).*/\2/p')
    PEER_KB=$(cat "$out/$name.peer.rss")
}

# bench NAME TARGET 'OUR COMMAND' 'PEER COMMAND': best of REPS on each side, then the row
printf '%-46s %9s %9s %8s %7s %9s %9s\n' case ours_s peer_s ratio target ours_MB peer_MB
FAILED=0
NOTES=""
bench() {
    name=$1 target=$2 label=$3 ourcmd=$4 peercmd=$5
    best_o="" best_p="" kb_o=0 kb_p=0
    r=0
    while [ "$r" -lt "$REPS" ]; do
        # shellcheck disable=SC2086
        ours "$name" $ourcmd
        if [ -z "$best_o" ] || awk "BEGIN{exit !($OURS_T < $best_o)}"; then best_o=$OURS_T; fi
        [ "$OURS_KB" -gt "$kb_o" ] && kb_o=$OURS_KB
        # shellcheck disable=SC2086
        peer "$name" $peercmd
        if [ -z "$best_p" ] || awk "BEGIN{exit !($PEER_T < $best_p)}"; then
            best_p=$PEER_T
            best_line=$PEER_LINE
        fi
        [ "$PEER_KB" -gt "$kb_p" ] && kb_p=$PEER_KB
        r=$((r + 1))
    done
    # a time printed as 0.00 is below the clock's resolution: count it as 0.01 s
    ratio=$(awk "BEGIN{o = $best_o < 0.01 ? 0.01 : $best_o; printf \"%.2f\", $best_p / o}")
    verdict=$(awk "BEGIN{print ($ratio >= $target) ? \"met\" : \"MISSED\"}")
    [ "$verdict" = met ] || FAILED=1
    printf '%-46s %9s %9s %7sx %6sx %9d %9d  %s\n' "$label" "$best_o" "$best_p" "$ratio" "$target" \
        $((kb_o / 1024)) $((kb_p / 1024)) "$verdict"
    PEER_BEST=$best_line
}
note() {
    NOTES="$NOTES    $1
"
}

# ---- hierarchical linkage, n x 16 numeric and n x 64 binary --------------------------------
gen numeric "hier$NH" "$NH" 16 8 20240614
gen binary "hierbin$NH" "$NH" 64 20240615
for method in average complete ward; do
    if [ "$method" = ward ]; then peername="fastcluster.linkage_vector"; else peername="pdist + fastcluster"; fi
    bench "linkage_$method" 3 "linkage --method $method, $NH x 16" \
        "$cs linkage --method $method --format csv -o $out/linkage_$method.csv $out/hier$NH.csv" \
        "$PY bench/hier_peer.py numeric $NH 16 $out/hier$NH.x euclidean $method $out/linkage_$method.peer.f64"
    note "linkage $method: peer $peername; $($PY bench/hier_compare.py "$NH" "$out/linkage_$method.csv" "$out/linkage_$method.peer.f64")"
done
bench linkage_jaccard 5 "linkage --distance jaccard, $NH x 64 binary" \
    "$cs linkage --method average --distance jaccard --format csv -o $out/linkage_jaccard.csv $out/hierbin$NH.csv" \
    "$PY bench/hier_peer.py binary $NH 64 $out/hierbin$NH.u8 jaccard average $out/linkage_jaccard.peer.f64"
note "linkage jaccard: peer pdist + fastcluster; $($PY bench/hier_compare.py "$NH" "$out/linkage_jaccard.csv" "$out/linkage_jaccard.peer.f64") (Jaccard distances on 64 binary variables take few values, so the tree is not unique: each program breaks ties by its own rule, see docs/typology.md, Ties)"

# ---- k-means, n x 16, k = 20, 100 iterations from the same centres ------------------------
gen numeric "km$NKM" "$NKM" 16 20 1001
bench kmeans 3 "kmeans -k 20, 100 iter, $NKM x 16" \
    "$cs kmeans -k 20 --centres $out/km$NKM-centres.csv --max-iter 100 --tol 0 --format json -o $out/kmeans.json $out/km$NKM.csv" \
    "$PY bench/partition_peers.py kmeans $out/km$NKM $NKM 16 20 100"
ours_iter=$(sed -n 's/.*"iterations": \([0-9]*\).*/\1/p' "$out/kmeans.json" | head -1)
ours_inertia=$(sed -n 's/.*"inertia": \([0-9.e+-]*\).*/\1/p' "$out/kmeans.json" | head -1)
note "kmeans: ours $ours_iter iterations, inertia $ours_inertia; scikit-learn KMeans(lloyd, tol=0): $PEER_BEST"

# ---- the data-file reader alone, on the k-means file -----------------------------------------
# Its throughput beside the disk's: dd with O_DIRECT reads past the page cache (where the file
# system allows it; else the row says so).
# (a sanitized library does not link into a plain driver: then the row says so)
# shellcheck disable=SC2046
if ${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -fopenmp -Iinclude bench/read_bench.c "$BUILD/libclusterscope.a" \
    $(pkg-config --libs sqlite3 jansson) -lcsv -lm -o "$out/read_bench" 2>/dev/null; then
    read_line=$("$out/read_bench" "$out/km$NKM.csv" "$REPS")
    disk=$(dd if="$out/km$NKM.csv" of=/dev/null bs=4M iflag=direct 2>&1 | sed -n 's/.*, \([0-9.]* [GMk]B\/s\)$/\1/p')
    note "reading $out/km$NKM.csv ($(($(wc -c <"$out/km$NKM.csv") / 1000000)) MB) into a data matrix: $read_line; the disk reads it (dd, O_DIRECT) at ${disk:-an unknown speed}"
else
    note "reading: bench/read_bench.c does not link against $BUILD/libclusterscope.a (a sanitized build?)"
fi

# ---- k-medoids, FasterPAM, n x 16, k = 10 from the same medoids ---------------------------
gen numeric "kd$NKD" "$NKD" 16 10 2002
bench kmedoids 3 "kmedoids FasterPAM -k 10, $NKD x 16" \
    "$cs kmedoids -k 10 --medoids $out/kd$NKD-medoids.csv --format json -o $out/kmedoids.json $out/kd$NKD.csv" \
    "Rscript bench/partition_pam.R $out/kd$NKD $NKD 16 10"
ours_obj=$(sed -n 's/.*"objective": \([0-9.e+-]*\).*/\1/p' "$out/kmedoids.json" | head -1)
note "kmedoids: ours objective $ours_obj; R pam(variant = \"faster\"): $PEER_BEST"

# ---- silhouette of a given partition, n x 16 ----------------------------------------------
gen numeric "sil$NS" "$NS" 16 10 3003
bench silhouette 3 "silhouette --labels, $NS x 16" \
    "$cs silhouette --labels $out/sil$NS-labels.csv --format json -o $out/silhouette.json $out/sil$NS.csv" \
    "$PY bench/partition_peers.py silhouette $out/sil$NS $NS 16 10"
ours_mean=$(sed -n 's/.*"mean": \([0-9.e+-]*\).*/\1/p' "$out/silhouette.json" | head -1)
note "silhouette: ours mean $ours_mean; scikit-learn silhouette_score: $PEER_BEST"

printf '\n%s' "$NOTES"
if [ "$FAILED" = 1 ]; then
    echo "commands.sh: a ratio is below its target (MISSED above)"
    [ "${CS_BENCH_QUICK:-0}" = 1 ] || exit 1
fi
exit 0
