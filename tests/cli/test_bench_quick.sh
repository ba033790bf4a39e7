# The short form of `make bench`'s end-to-end rows (bench/commands.sh with CS_BENCH_QUICK=1: a
# few thousand objects): every command runs end to end beside its peer, and the results agree
# with the peer's (same merges; the same k-means inertia, k-medoids objective and mean
# silhouette to 1e-9). Skipped, saying so, where the peers (SciPy, fastcluster, scikit-learn in
# /usr/bin/python3; R with cluster) are not installed (`scripts/deps.sh bench` installs them).
. tests/cli/lib.sh

if ! /usr/bin/python3 -c 'import scipy, fastcluster, sklearn' 2>/dev/null ||
    ! Rscript -e 'library(cluster)' >/dev/null 2>&1; then
    echo "skipped: the peers are not installed (scripts/deps.sh bench)"
    exit 0
fi
build=$(dirname "$CS")
CS_BENCH_QUICK=1 REPS=1 sh bench/commands.sh "$build" >"$T/out" 2>"$T/err" ||
    { cat "$T/err" >&2; fail "bench/commands.sh quick: exit $?"; }
check
# seven rows, each with a time, the peer's time and a ratio
rows=$(grep -cE '^(linkage|kmeans|kmedoids|silhouette) .* [0-9.]+ +[0-9.]+ +[0-9.]+x ' "$T/out")
[ "$rows" -eq 7 ] || fail "expected 7 rows, found $rows: $(cat "$T/out")"
check
# the three Euclidean linkages: every merge equal to the peer's
n=$(grep -cE 'linkage (average|complete|ward): .* ([0-9]+)/\2 merges identical' "$T/out")
[ "$n" -eq 3 ] || fail "linkage merges differ from the peer's: $(grep 'merges' "$T/out")"
check
# numbers that must agree: ours first, the peer's second on each line
agree() { # agree LABEL OURS PEERS
    awk -v a="$2" -v b="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(a != "" && b != "" && d <= 1e-9 * (m > 1 ? m : 1)) }' ||
        fail "$1: ours $2, peer $3"
    check
}
line=$(grep '^    kmeans:' "$T/out")
agree "k-means inertia" "$(echo "$line" | sed -n 's/.*inertia \([0-9.e+-]*\);.*/\1/p')" \
    "$(echo "$line" | sed -n 's/.* inertia=\([0-9.e+-]*\) .*/\1/p')"
line=$(grep '^    kmedoids:' "$T/out")
agree "k-medoids objective" "$(echo "$line" | sed -n 's/.*objective \([0-9.e+-]*\);.*/\1/p')" \
    "$(echo "$line" | sed -n 's/.* objective=\([0-9.e+-]*\) .*/\1/p')"
line=$(grep '^    silhouette:' "$T/out")
agree "mean silhouette" "$(echo "$line" | sed -n 's/.*ours mean \([0-9.e+-]*\);.*/\1/p')" \
    "$(echo "$line" | sed -n 's/.* silhouette=\([0-9.e+-]*\) .*/\1/p')"
done_checks
