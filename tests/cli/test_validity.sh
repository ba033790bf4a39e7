# No command does work its user did not ask for: the O(n^2) validity indices (silhouette,
# cophenetic correlation) are computed unasked only up to 10,000 objects, with --validity at any
# n, never with --no-validity; kmeans --centres and kmedoids --medoids start from a given start
# (reproducing a run, refusing bad files with file, line and column); linkage refuses up front,
# naming the MiB, when its one distance matrix is over --max-memory.
. tests/cli/lib.sh

# ---------------------------------------------------------------- around the bound
# 10,001 objects on a grid; the first 10,000 of them are exactly at the bound
awk 'BEGIN { print "id,x,y"; for (i = 0; i < 10001; i++) printf "o%d,%d,%d\n", i, i % 101, int(i / 101) % 7 }' \
    >"$T/n10001.csv"
head -n 10001 "$T/n10001.csv" >"$T/n10000.csv"
[ "$(wc -l <"$T/n10000.csv")" -eq 10001 ] || fail "the 10,000-object file"
check

# kmeans: null above the bound, a number at it, a number above it with --validity
expect_status 0 "$CS" kmeans -k 3 --n-init 1 --format json "$T/n10001.csv"
expect_contains "$T/out" '"silhouette": null'
expect_status 0 "$CS" kmeans -k 3 --n-init 1 "$T/n10001.csv"
expect_contains "$T/out" "mean silhouette: not computed (n > 10000; --validity computes it)"
expect_status 0 "$CS" kmeans -k 3 --n-init 1 --validity --format json "$T/n10001.csv"
grep -qE '"silhouette": 0\.[0-9]+' "$T/out" || fail "kmeans --validity: no silhouette"
check
expect_status 0 "$CS" kmeans -k 3 --n-init 1 --format json "$T/n10000.csv"
grep -qE '"silhouette": 0\.[0-9]+' "$T/out" || fail "kmeans at n = 10000: no silhouette"
check
# the scan: an empty silhouette cell above the bound, Calinski-Harabasz and Davies-Bouldin kept
expect_status 0 "$CS" kmeans --scan 2..3 --n-init 1 --format csv "$T/n10001.csv"
grep -qE '^2,[0-9.e+]+,,[0-9.e+]+,[0-9.e+]+$' "$T/out" || fail "kmeans scan above the bound: $(cat "$T/out")"
check
expect_status 0 "$CS" kmeans --scan 2..3 --n-init 1 --validity --format csv "$T/n10001.csv"
grep -qE '^2,[0-9.e+]+,0\.[0-9]+,[0-9.e+]+,[0-9.e+]+$' "$T/out" || fail "kmeans scan --validity"
check

# linkage (single: from the data in O(n) memory): the cophenetic correlation likewise, and the
# one asked for with --cophenetic is the same number
expect_status 0 "$CS" linkage --method single --format json "$T/n10001.csv"
expect_contains "$T/out" '"cophenetic_correlation": null'
expect_status 0 "$CS" linkage --method single "$T/n10001.csv"
expect_contains "$T/out" "cophenetic correlation: not computed (n > 10000; --validity computes it)"
expect_status 0 "$CS" linkage --method single --validity --format json "$T/n10001.csv"
json=$(sed -n 's/.*"cophenetic_correlation": \([0-9.e-]*\)}$/\1/p' "$T/out")
[ -n "$json" ] || fail "linkage --validity: no cophenetic correlation"
check
expect_status 0 "$CS" linkage --method single --cophenetic --format csv "$T/n10001.csv"
[ "$(sed -n 2p "$T/out")" = "$json" ] || fail "--cophenetic $(sed -n 2p "$T/out") != JSON $json"
check

# ---------------------------------------------------------------- --no-validity, small data
cat >"$T/num.csv" <<'CSV'
id,x,y,z
a,1.0,2.0,0.5
b,1.5,1.8,0.7
c,5.0,8.0,3.0
d,8.0,8.0,2.5
e,1.0,0.6,0.2
f,9.0,11.0,4.0
g,8.5,9.0,3.5
CSV
expect_status 0 "$CS" kmeans -k 2 --format json "$T/num.csv"
grep -qE '"silhouette": 0\.[0-9]+' "$T/out" || fail "kmeans small: no silhouette"
check
expect_status 0 "$CS" kmeans -k 2 --no-validity --format json "$T/num.csv"
expect_contains "$T/out" '"silhouette": null'
expect_status 0 "$CS" kmeans -k 2 --no-validity "$T/num.csv"
expect_contains "$T/out" "mean silhouette: not computed (--no-validity)"
expect_status 0 "$CS" kmedoids -k 2 --format json "$T/num.csv"
grep -qE '"silhouette": 0\.[0-9]+' "$T/out" || fail "kmedoids small: no silhouette"
check
expect_status 0 "$CS" kmedoids -k 2 --no-validity --format json "$T/num.csv"
expect_contains "$T/out" '"silhouette": null'
expect_status 0 "$CS" kmedoids --scan 2..3 --no-validity --format csv "$T/num.csv"
grep -qE '^2,[0-9.e+]+,$' "$T/out" || fail "kmedoids scan --no-validity: $(cat "$T/out")"
check
expect_status 0 "$CS" linkage --format json "$T/num.csv"
grep -qE '"cophenetic_correlation": 0\.[0-9]+' "$T/out" || fail "linkage small: no correlation"
check
expect_status 0 "$CS" linkage --no-validity --format json "$T/num.csv"
expect_contains "$T/out" '"cophenetic_correlation": null'
expect_status 0 "$CS" kmodes -k 2 --no-validity --types nominal "$T/num.csv"
expect_status 2 "$CS" kmeans -k 2 --validity --no-validity "$T/num.csv"
expect_contains "$T/err" "give one of them"
expect_status 2 "$CS" linkage --cophenetic --no-validity "$T/num.csv"
for cmd in kmeans linkage kmedoids kmodes; do
    expect_status 0 "$CS" help "$cmd"
    expect_contains "$T/out" "--no-validity"
done

# ---------------------------------------------------------------- kmeans --centres
# by hand: 0, 1 | 10, 11 from centres 0 and 10 (columns by name, in another order)
cat >"$T/line.csv" <<'CSV'
id,x,y
p,0,5
q,1,5
r,10,5
s,11,5
CSV
printf 'name,y,x\nlow,5,0\nhigh,5,10\n' >"$T/c2.csv"
expect_status 0 "$CS" kmeans --centres "$T/c2.csv" --format json "$T/line.csv"
expect_contains "$T/out" '"k": 2'
expect_contains "$T/out" '"inertia": 1,'
expect_contains "$T/out" '"centres": [[0.5, 5], [10.5, 5]]'
expect_contains "$T/out" '{"id": "q", "group": 1}, {"id": "r", "group": 2}'
expect_status 0 "$CS" kmeans -k 2 --centres "$T/c2.csv" --max-iter 100 --tol 0 --format csv -o "$T/o.csv" "$T/line.csv"
[ "$(tr '\n' ' ' <"$T/o.csv")" = "id,group p,1 q,1 r,2 s,2 " ] || fail "--centres csv: $(cat "$T/o.csv")"
check
# a run of the library from k-means++ is reproduced from its final centres: same labels, centres
expect_status 0 "$CS" kmeans -k 3 --n-init 1 --seed 4 --format json "$T/num.csv"
cp "$T/out" "$T/run.json"
python3 - "$T/run.json" "$T/c3.csv" <<'PY' || fail "centres file"
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("group,z,x,y\n")
    for g, c in enumerate(d["centres"]):
        f.write("g%d,%r,%r,%r\n" % (g + 1, c[2], c[0], c[1]))
PY
expect_status 0 "$CS" kmeans --centres "$T/c3.csv" --format json "$T/num.csv"
python3 - "$T/run.json" "$T/out" <<'PY' || fail "--centres does not reproduce the run"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["labels"] == b["labels"], (a["labels"], b["labels"])
assert a["centres"] == b["centres"], (a["centres"], b["centres"])
assert b["iterations"] == 1 and b["converged"], b
PY
check
# bad centres files: file, line, column, expected, found
printf 'name,x,w\na,1,2\nb,3,4\n' >"$T/bad.csv"
expect_status 3 "$CS" kmeans --centres "$T/bad.csv" "$T/line.csv"
expect_contains "$T/err" "bad.csv:1, column 3: expected a variable of $T/line.csv, found \"w\""
printf 'name,x,y\na,1,2\nb,3,two\n' >"$T/bad.csv"
expect_status 3 "$CS" kmeans --centres "$T/bad.csv" "$T/line.csv"
expect_contains "$T/err" "bad.csv:3, column 3 (\"y\"): expected a number, found \"two\""
printf 'name,x,y\na,1,2\nb,3\n' >"$T/bad.csv"
expect_status 3 "$CS" kmeans --centres "$T/bad.csv" "$T/line.csv"
expect_contains "$T/err" "bad.csv:3: expected 3 fields as in the header, found 2"
printf 'name,x\na,1\n' >"$T/bad.csv"
expect_status 3 "$CS" kmeans --centres "$T/bad.csv" "$T/line.csv"
expect_contains "$T/err" "bad.csv:1: expected a name column and the 2 variables of $T/line.csv, found 2 columns"
printf 'name,x,x\na,1,1\n' >"$T/bad.csv"
expect_status 3 "$CS" kmeans --centres "$T/bad.csv" "$T/line.csv"
expect_contains "$T/err" "bad.csv:1, column 3: variable \"x\" appears twice"
expect_status 3 "$CS" kmeans -k 3 --centres "$T/c2.csv" "$T/line.csv"
expect_contains "$T/err" "c2.csv: expected k = 3 rows of centres, found 2"
expect_status 2 "$CS" kmeans --centres "$T/c2.csv" --scan 2..3 "$T/line.csv"
expect_status 2 "$CS" kmeans --centres "$T/c2.csv" --n-init 5 "$T/line.csv"
expect_status 2 "$CS" kmeans -k 2 --tol -1 "$T/line.csv"

# ---------------------------------------------------------------- kmedoids --medoids
# from the medoids of a run, the run again: no swap, same medoids and labels
expect_status 0 "$CS" kmedoids -k 3 --format json "$T/num.csv"
cp "$T/out" "$T/pam.json"
python3 - "$T/pam.json" "$T/m3.csv" <<'PY' || fail "medoids file"
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("id\n" + "".join(m + "\n" for m in d["medoids"]))
PY
expect_status 0 "$CS" kmedoids --medoids "$T/m3.csv" --format json "$T/num.csv"
python3 - "$T/pam.json" "$T/out" <<'PY' || fail "--medoids does not reproduce the run"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["labels"] == b["labels"] and a["medoids"] == b["medoids"], (a, b)
assert b["swaps"] == 0 and b["objective"] == a["objective"], b
PY
check
# by hand: from a and c, FasterPAM ends at a medoid of {a, b, e} and one of {c, d, f, g}
printf 'id\na\nc\n' >"$T/m2.csv"
expect_status 0 "$CS" kmedoids --medoids "$T/m2.csv" --format csv "$T/num.csv"
[ "$(tr '\n' ' ' <"$T/out")" = "id,group a,1 b,1 c,2 d,2 e,1 f,2 g,2 " ] || fail "--medoids: $(cat "$T/out")"
check
printf 'id\na\nzz\n' >"$T/bad.csv"
expect_status 3 "$CS" kmedoids --medoids "$T/bad.csv" "$T/num.csv"
expect_contains "$T/err" "bad.csv:3, column 1: expected an object id of $T/num.csv, found \"zz\""
printf 'id\na\nb\na\n' >"$T/bad.csv"
expect_status 3 "$CS" kmedoids --medoids "$T/bad.csv" "$T/num.csv"
expect_contains "$T/err" "bad.csv:4, column 1: object \"a\" is already a medoid (line 2)"
expect_status 3 "$CS" kmedoids -k 3 --medoids "$T/m2.csv" "$T/num.csv"
expect_contains "$T/err" "m2.csv: expected k = 3 rows of medoids, found 2"
expect_status 2 "$CS" kmedoids --medoids "$T/m2.csv" --init lab "$T/num.csv"
expect_status 2 "$CS" kmedoids --medoids "$T/m2.csv" --scan 2..3 "$T/num.csv"

# ---------------------------------------------------------------- the paths without a matrix
# FasterPAM from given medoids and the silhouette of given labels compute Euclidean distances as
# they go: above the bound the silhouette then follows the rule (no matrix to read it from)
printf 'id\no1\no500\no9000\n' >"$T/m10001.csv"
expect_status 0 "$CS" kmedoids --medoids "$T/m10001.csv" --format json "$T/n10001.csv"
expect_contains "$T/out" '"silhouette": null'
expect_status 0 "$CS" kmedoids --medoids "$T/m10001.csv" --validity --format json "$T/n10001.csv"
grep -qE '"silhouette": 0\.[0-9]+' "$T/out" || fail "kmedoids --medoids --validity: no silhouette"
check
# ... and decline values whose squared distances overflow: the matrix path names the pair
cat >"$T/huge.csv" <<'CSV'
id,x,y
a,1e200,0
b,-1e200,1
c,0,2
d,3,3
CSV
printf 'id\na\nc\n' >"$T/mhuge.csv"
printf 'id,group\na,1\nb,1\nc,2\nd,2\n' >"$T/lhuge.csv"
for run in "kmedoids --medoids $T/mhuge.csv" "silhouette --labels $T/lhuge.csv"; do
    # shellcheck disable=SC2086
    expect_status 3 "$CS" $run "$T/huge.csv"
    expect_contains "$T/err" 'found an infinite distance between objects "a" and "b"'
done
# Ward from 4,096 objects works on centroids: no distance matrix, so a limit that refuses the
# average linkage's matrix lets it run; and it declines values that would overflow likewise
awk 'BEGIN { print "id,x"; for (i = 0; i < 10000; i++) printf "o%d,%d\n", i, i % 997 }' >"$T/n10000w.csv"
expect_status 0 "$CS" linkage --method ward --max-memory 64M --format csv "$T/n10000w.csv"
[ "$(wc -l <"$T/out")" -eq 10000 ] || fail "ward on centroids: $(wc -l <"$T/out") lines"
check
expect_status 1 "$CS" linkage --method average --max-memory 64M --format csv "$T/n10000w.csv"
expect_contains "$T/err" "over the memory limit of 64.0 MiB"
awk 'BEGIN { print "id,x,y"; for (i = 0; i < 5000; i++) printf "o%d,%s,%d\n", i, i == 0 ? "1e200" : i == 1 ? "-1e200" : i % 97, i % 13 }' \
    >"$T/hugew.csv"
expect_status 3 "$CS" linkage --method ward --format csv "$T/hugew.csv"
expect_contains "$T/err" 'found an infinite distance between objects "o0" and "o1"'

# ---------------------------------------------------------------- linkage memory, up front
# 40,000 objects: one condensed matrix of 6.4 GB, refused before any distance is computed
awk 'BEGIN { print "id,x"; for (i = 0; i < 40000; i++) printf "o%d,%d\n", i, i % 997 }' >"$T/n40000.csv"
expect_status 1 "$CS" linkage --method average --max-memory 1G "$T/n40000.csv"
grep -qE "the linkage needs about 61[0-9][0-9]\.[0-9] MiB, over the memory limit of 1024\.0 MiB" "$T/err" ||
    fail "linkage estimate: $(cat "$T/err")"
check
expect_status 1 "$CS" linkage --method average --max-memory 100K "$T/num.csv"
expect_contains "$T/err" "MiB"
done_checks
