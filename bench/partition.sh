#!/bin/sh
# Benchmarks of the partitioning code against its peers (scikit-learn, R's cluster).
# Usage: bench/partition.sh BUILD_DIR     (needs BUILD_DIR/libclusterscope.a)
#
# Both sides read the same files, written by bench/partition_bench.c from fixed seeds. Times are
# the wall time of the computation alone, measured by each program; peak RSS comes from
# /usr/bin/time and includes the data. Each case runs REPEAT times (default 1) and the fastest
# run is kept. CS_BENCH_QUICK=1 uses small sizes (to check the script itself).
# Threads: ours and scikit-learn's KMeans use OpenMP's default (all cores); scikit-learn's
# silhouette_score and R's pam run on one thread (they have no parallel path).
set -eu
BUILD=${1:?usage: bench/partition.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$BUILD/bench-partition
REPEAT=${REPEAT:-1}
PY=/usr/bin/python3
mkdir -p "$OUT"
[ -f "$BUILD/libclusterscope.a" ] || { echo "partition.sh: $BUILD/libclusterscope.a is missing (run make)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "partition.sh: /usr/bin/time is missing (scripts/deps.sh bench)" >&2; exit 1; }
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -fopenmp -I"$ROOT/include" "$ROOT/bench/partition_bench.c" \
    "$BUILD/libclusterscope.a" -lm -o "$OUT/partition_bench"
DRV=$OUT/partition_bench

if [ "${CS_BENCH_QUICK:-0}" = 1 ]; then
    NKM=20000 NKD=1000 NS=2000 NSBIG=20000
else
    NKM=1000000 NKD=10000 NS=20000 NSBIG=200000
fi

# run NAME CMD...: the fastest of REPEAT runs; sets LINE (its output) and RSS (its peak, MiB)
run() {
    name=$1
    shift
    best=""
    i=0
    while [ $i -lt "$REPEAT" ]; do
        i=$((i + 1))
        if ! /usr/bin/time -f "%M" -o "$OUT/$name.rss" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; then
            echo "partition.sh: $name failed:" >&2
            cat "$OUT/$name.err" >&2
            exit 1
        fi
        t=$(sed -n 's/.*time=\([0-9.]*\).*/\1/p' "$OUT/$name.out")
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
            best=$t
            LINE=$(cat "$OUT/$name.out")
            RSS=$(awk '{printf "%.0f", $1 / 1024}' "$OUT/$name.rss")
        fi
    done
}

field() { echo "$1" | sed -n "s/.*$2=\([^ ]*\).*/\1/p"; }

printf '%-38s %9s %9s %7s %10s %10s\n' "case" "ours_s" "peer_s" "ratio" "ours_MiB" "peer_MiB"
row() { # case ours_line ours_rss peer_line peer_rss
    ot=$(field "$2" time)
    if [ -n "$4" ]; then
        pt=$(field "$4" time)
        ratio=$(awk "BEGIN{printf \"%.1fx\", $pt / $ot}")
    else
        pt="-" ratio="-"
    fi
    printf '%-38s %9s %9s %7s %10s %10s\n' "$1" "$ot" "$pt" "$ratio" "$3" "${5:--}"
}
NOTES=""
note() { NOTES="$NOTES$1
"; }

for kind in uniform blobs; do
    base=$OUT/km_$kind
    "$DRV" gen $kind "$base" $NKM 16 20 1001
    run km_ours_$kind "$DRV" kmeans "$base" $NKM 16 20 100
    ol=$LINE ors=$RSS
    run km_peer_$kind $PY "$ROOT/bench/partition_peers.py" kmeans "$base" $NKM 16 20 100
    row "k-means $kind n=$NKM p=16 k=20" "$ol" "$ors" "$LINE" "$RSS"
    note "k-means $kind: ours n_iter=$(field "$ol" n_iter) inertia=$(field "$ol" inertia) threads=$(field "$ol" threads); scikit-learn n_iter=$(field "$LINE" n_iter) inertia=$(field "$LINE" inertia) threads=$(field "$LINE" threads)"
done

base=$OUT/kmedoids
"$DRV" gen blobs "$base" $NKD 16 10 2002
run kd_ours "$DRV" kmedoids "$base" $NKD 16 10
ol=$LINE ors=$RSS
run kd_peer Rscript "$ROOT/bench/partition_pam.R" "$base" $NKD 16 10
row "k-medoids FasterPAM n=$NKD p=16 k=10" "$ol" "$ors" "$LINE" "$RSS"
note "k-medoids (distances included on both sides, same start): ours objective=$(field "$ol" objective) threads=$(field "$ol" threads); R pam(variant=\"faster\") objective=$(field "$LINE" objective) threads=1"

base=$OUT/sil
"$DRV" gen blobs "$base" $NS 16 10 3003
run sil_ours "$DRV" silhouette "$base" $NS 16 10
ol=$LINE ors=$RSS
run sil_peer $PY "$ROOT/bench/partition_peers.py" silhouette "$base" $NS 16 10
row "silhouette n=$NS p=16 k=10" "$ol" "$ors" "$LINE" "$RSS"
note "silhouette n=$NS: ours $(field "$ol" silhouette) threads=$(field "$ol" threads); scikit-learn $(field "$LINE" silhouette)"

base=$OUT/silbig
"$DRV" gen blobs "$base" $NSBIG 16 10 4004
run silbig_ours "$DRV" silhouette "$base" $NSBIG 16 10
row "silhouette n=$NSBIG p=16 k=10 (ours)" "$LINE" "$RSS" "" ""
note "silhouette n=$NSBIG: ours $(field "$LINE" silhouette), default memory limit $(awk '/MemTotal/{printf "%.0f", $2/2048}' /proc/meminfo) MiB; scikit-learn not run (quadratic time, about 100x the n=$NS case)"

printf '\n%s' "$NOTES"
