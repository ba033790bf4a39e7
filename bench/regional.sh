#!/bin/sh
# The regional measures end to end on a long-form CSV file beside a numpy/pandas peer
# (bench/regional_peer.py, the same definitions): LQ, Krugman, Herfindahl, entropy and the CMP's
# strong-cluster flags on 3,000 regions x 1,000 industries x 10 years (one year chosen), the
# issue's size. Both sides read the CSV, keep one year, compute and write CSV; the ratio is the
# peer's wall time over ours, and the peer's own computation time is printed beside it. Peak
# memory from /usr/bin/time. CS_BENCH_QUICK=1: 300 x 100 x 3 (to check the script itself).
# Usage: bench/regional.sh BUILD_DIR
set -eu
BUILD=${1:?usage: bench/regional.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$BUILD/bench-regional
PY=/usr/bin/python3
CS=$BUILD/clusterscope
mkdir -p "$OUT"
[ -x "$CS" ] || { echo "regional.sh: $CS is missing (run make)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "regional.sh: /usr/bin/time is missing (scripts/deps.sh bench)" >&2; exit 1; }
if ! $PY -c 'import numpy, pandas' 2>/dev/null; then
    echo "regional.sh: skipped: numpy and pandas are not installed (scripts/deps.sh bench)"
    exit 0
fi
if [ "${CS_BENCH_QUICK:-0}" = 1 ]; then
    NR=300 NI=100 NY=3
else
    NR=3000 NI=1000 NY=10
fi
YEAR=$((2010 + NY - 1))
${CC:-cc} -O2 -o "$OUT/gen_regional" "$ROOT/bench/gen_regional.c"
[ -s "$OUT/spec-$NR-$NI-$NY.csv" ] || "$OUT/gen_regional" spec $NR $NI $NY >"$OUT/spec-$NR-$NI-$NY.csv"
[ -s "$OUT/cmp-$NR-$NI-$NY.csv" ] || "$OUT/gen_regional" cmp $NR $NI $NY >"$OUT/cmp-$NR-$NI-$NY.csv"

# timed NAME CMD...: sets SECS (wall) and MIB (peak RSS)
timed() {
    name=$1
    shift
    if ! /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; then
        echo "regional.sh: $name failed:" >&2
        cat "$OUT/$name.err" >&2
        exit 1
    fi
    SECS=$(awk '{print $1}' "$OUT/$name.time")
    MIB=$(awk '{printf "%.0f", $2 / 1024}' "$OUT/$name.time")
}

echo "regional measures, $NR regions x $NI industries x $NY years (year $YEAR), CSV in and out"
printf '%-12s %9s %9s %9s %7s %10s %10s\n' "measure" "ours_s" "peer_s" "peer_comp" "ratio" "ours_MiB" "peer_MiB"
for m in lq krugman herfindahl entropy cmp; do
    if [ $m = cmp ]; then
        in=$OUT/cmp-$NR-$NI-$NY.csv
        timed "ours-$m" "$CS" strong-clusters --year $YEAR --format csv -o "$OUT/ours-$m.csv" "$in"
    else
        in=$OUT/spec-$NR-$NI-$NY.csv
        timed "ours-$m" "$CS" specialisation --measure $m --year $YEAR --format csv -o "$OUT/ours-$m.csv" "$in"
    fi
    os=$SECS om=$MIB
    timed "peer-$m" $PY "$ROOT/bench/regional_peer.py" $m $YEAR "$in" "$OUT/peer-$m.csv"
    comp=$(sed -n 's/.*compute=\([0-9.]*\).*/\1/p' "$OUT/peer-$m.out")
    ratio=$(awk -v a="$SECS" -v b="$os" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
    printf '%-12s %9s %9s %9s %7s %10s %10s\n' $m "$os" "$SECS" "$comp" "$ratio" "$om" "$MIB"
    # the same numbers on both sides (flags exactly, values to 1e-9)
    $PY - "$OUT/ours-$m.csv" "$OUT/peer-$m.csv" <<'PYEOF' || { echo "regional.sh: $m differs from the peer" >&2; exit 1; }
import sys, pandas as pd, numpy as np
a, b = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
assert list(a.columns) == list(b.columns) and len(a) == len(b), (a.columns, b.columns, len(a), len(b))
for c in a.columns[1:]:
    if a[c].dtype.kind in "fi":
        x, y = a[c].to_numpy(float), b[c].to_numpy(float)
        assert np.array_equal(np.isnan(x), np.isnan(y)), c
        k = ~np.isnan(x)
        assert np.all(np.abs(x[k] - y[k]) <= 1e-9 * np.maximum(1, np.abs(y[k]))), c
PYEOF
done
