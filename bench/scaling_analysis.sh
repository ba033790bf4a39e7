#!/bin/sh
# How the cost of the cluster-analysis commands grows with the work (issue 10): wall time and
# peak memory of `kmeans -k 20 --n-init 1 --max-iter 100` at n = 10^4 .. 10^7 objects x 16
# variables, and of `linkage --method average` at n = 5,000 .. 40,000 x 16, end to end from the
# CSV file to the written output, with the exponent b of time ~ n^b and of peak ~ n^b fitted by
# least squares on the logarithms of the measured points.
#
# Usage: bench/scaling_analysis.sh [BUILD_DIR] [kmeans|linkage|all]
# Environment: REPS (default 1) runs per size, the best kept; SCALING_QUICK=1 only the two
# smallest sizes of each command; SCALING_KMEANS / SCALING_LINKAGE override the sizes.
# Sizes that would not fit the machine are refused by the command itself, up front, with the
# memory they need; the table then shows that refusal instead of a time.
set -eu
BUILD=${1:-build}
what=${2:-all}
REPS=${REPS:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cs=$BUILD/clusterscope
[ -x "$cs" ] || { echo "scaling_analysis.sh: $cs not built (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scaling_analysis.sh: /usr/bin/time missing (scripts/deps.sh bench)" >&2; exit 2; }
out=$BUILD/bench/scaling
mkdir -p "$out"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 bench/gen_data.c -lm -o "$out/gen_data"

if [ "${SCALING_QUICK:-0}" = 1 ]; then
    km_sizes=${SCALING_KMEANS:-"10000 100000"}
    lk_sizes=${SCALING_LINKAGE:-"5000 10000"}
else
    km_sizes=${SCALING_KMEANS:-"10000 100000 1000000 10000000"}
    lk_sizes=${SCALING_LINKAGE:-"5000 10000 20000 40000"}
fi

points=$out/points.txt
: >"$points"
printf '%-10s %10s %10s %10s  %s\n' command n seconds peak_MB note

# measure COMMAND N CMD...: best of REPS; appends "COMMAND N SECONDS KB" to the points
measure() {
    name=$1 n=$2
    shift 2
    best_t="" best_kb=0 r=0
    while [ "$r" -lt "$REPS" ]; do
        if ! /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt"; then
            printf '%-10s %10s %10s %10s  %s\n' "$name" "$n" - - "refused: $(tail -1 "$out/err.txt")"
            return 0
        fi
        read -r t kb <"$out/time.txt"
        if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t best_kb=$kb; fi
        r=$((r + 1))
    done
    printf '%-10s %10s %10s %10d\n' "$name" "$n" "$best_t" $((best_kb / 1024))
    echo "$name $n $best_t $best_kb" >>"$points"
}

if [ "$what" = all ] || [ "$what" = kmeans ]; then
    for n in $km_sizes; do
        [ -f "$out/km$n.csv" ] || "$out/gen_data" numeric "$out/km$n" "$n" 16 20 5005
        measure kmeans "$n" "$cs" kmeans -k 20 --n-init 1 --max-iter 100 --format csv \
            -o "$out/km$n.out.csv" "$out/km$n.csv"
        rm -f "$out/km$n.out.csv"
    done
fi
if [ "$what" = all ] || [ "$what" = linkage ]; then
    for n in $lk_sizes; do
        [ -f "$out/lk$n.csv" ] || "$out/gen_data" numeric "$out/lk$n" "$n" 16 8 6006
        measure linkage "$n" "$cs" linkage --method average --format csv \
            -o "$out/lk$n.out.csv" "$out/lk$n.csv"
        rm -f "$out/lk$n.out.csv"
    done
fi

# b = slope of log(y) on log(n) over the measured points of each command (time, then peak)
echo
awk '
{ c = $1; k[c]++; x = log($2); yt = log($3 > 0.005 ? $3 : 0.005); ym = log($4)
  sx[c] += x; sxx[c] += x * x; st[c] += yt; sxt[c] += x * yt; sm[c] += ym; sxm[c] += x * ym }
END {
  for (c in k) {
    if (k[c] < 2) { printf "%-10s one point: no exponent\n", c; continue }
    d = k[c] * sxx[c] - sx[c] * sx[c]
    printf "%-10s time ~ n^%.2f, peak memory ~ n^%.2f (%d sizes)\n", c,
      (k[c] * sxt[c] - sx[c] * st[c]) / d, (k[c] * sxm[c] - sx[c] * sm[c]) / d, k[c]
  }
}' "$points"
