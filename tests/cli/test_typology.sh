# Cluster analysis from the CLI: linkage, kmeans, kmedoids, kmodes and silhouette on small CSV
# files (checked against SciPy's numbers), every kind of bad input with its exit status, the
# memory limit, progress, determinism; then classify on the bundled data with the study's
# reference types: labels, --compare, the stored partition and its reproduction, and an older
# registry migrated forward.
. tests/cli/lib.sh
bad=tests/data/bad/typology

# ---------------------------------------------------------------- small data
cat >"$T/num.csv" <<'EOF'
id,x,y,z
a,1.0,2.0,0.5
b,1.5,1.8,0.7
c,5.0,8.0,3.0
d,8.0,8.0,2.5
e,1.0,0.6,0.2
f,9.0,11.0,4.0
g,8.5,9.0,3.5
EOF
cat >"$T/bin.csv" <<'EOF'
id,v1,v2,v3,v4
p,1,0,1,1
q,1,0,1,0
r,0,1,0,0
s,0,1,1,0
t,1,1,1,1
EOF
cat >"$T/bin-unknown.csv" <<'EOF'
id,v1,v2,v3,v4
p,1,0,1,?
q,1,0,?,0
r,0,1,0,0
s,?,1,1,0
t,1,1,1,NA
EOF
cat >"$T/cat.csv" <<'EOF'
id,colour,size,flag
p1,red,small,1
p2,red,small,1
p3,blue,large,0
p4,blue,large,0
p5,red,large,1
p6,green,small,0
EOF
cat >"$T/mixed.csv" <<'EOF'
id,age,colour,member,grade
m1,34,red,1,2
m2,36,red,1,3
m3,70,blue,0,1
m4,68,blue,0,1
m5,35,green,1,2
EOF

# linkage equals scipy.cluster.hierarchy.linkage (the rows below are SciPy 1.10's, %.17g)
expect_linkage() { # METHOD EXPECTED-ROWS (';'-separated)
    expect_status 0 "$CS" linkage --method "$1" --format csv "$T/num.csv"
    check
    got=$(tail -n +2 "$T/out" | tr '\n' ';')
    [ "$got" = "$2;" ] || fail "linkage $1: got $got, SciPy gives $2"
}
expect_linkage average "0,1,0.57445626465380284,2;4,7,1.4123104670230235,3;3,6,1.5,2;5,9,2.810660171779821,3;2,10,3.9382117976388873,4;8,11,10.365511524729756,7"
expect_linkage complete "0,1,0.57445626465380284,2;4,7,1.4317821063276353,3;3,6,1.5,2;5,9,3.5,3;2,10,5.0990195135927845,4;8,11,13.660161053223348,7"
expect_linkage single "0,1,0.57445626465380284,2;4,7,1.3928388277184121,3;3,6,1.5,2;5,9,2.1213203435596424,3;2,10,3.0413812651491097,4;8,11,7.4819783480039561,7"
expect_linkage ward "0,1,0.57445626465380284,2;3,6,1.5,2;4,7,1.5968719422671314,3;5,8,3.2274861218395139,3;2,10,4.605250626549366,4;9,11,19.082508819784227,7"
expect_contains "$T/out" "left,right,height,size"
# binary distances (SciPy: pdist(B, 'hamming' / 'jaccard'), average linkage)
expect_status 0 "$CS" linkage --distance hamming --format csv "$T/bin.csv"
check
[ "$(tail -n +2 "$T/out" | tr '\n' ';')" = "0,1,0.25,2;2,3,0.25,2;4,5,0.375,3;6,7,0.70833333333333337,5;" ] ||
    fail "hamming linkage differs from SciPy: $(cat "$T/out")"
expect_status 0 "$CS" linkage --distance jaccard --format csv "$T/bin.csv"
check
[ "$(tail -n +2 "$T/out" | tr '\n' ';')" = "0,4,0.25,2;1,5,0.41666666666666663,3;2,3,0.5,2;6,7,0.77777777777777768,5;" ] ||
    fail "jaccard linkage differs from SciPy: $(cat "$T/out")"
# binary distances with unknown cells (pairwise) and Gower on mixed types
expect_status 0 "$CS" linkage --distance hamming "$T/bin-unknown.csv"
expect_contains "$T/out" "average linkage of 5 objects on hamming distances"
expect_status 0 "$CS" linkage --distance gower --types numeric,nominal,binary,ordinal "$T/mixed.csv"
expect_contains "$T/out" "gower distances"
# JSON: the matrix, the ids and the cophenetic correlation (SciPy: 0.93871477234740497)
expect_status 0 "$CS" linkage --format json "$T/num.csv"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["objects"] == list("abcdefg"), d["objects"]
assert len(d["linkage"]) == 6 and d["linkage"][5] == [8, 11, 10.365511524729756, 7], d["linkage"]
assert abs(d["cophenetic_correlation"] - 0.93871477234740497) < 1e-12
' "$T/out" || fail "linkage JSON"
check
expect_status 0 "$CS" linkage --cophenetic --format csv "$T/num.csv"
check
awk 'NR == 2 { d = $1 - 0.93871477234740497; exit !(d < 1e-12 && d > -1e-12) }' "$T/out" ||
    fail "cophenetic correlation: $(cat "$T/out")"
# cuts: by number of groups (fcluster maxclust) and by height (fcluster distance), groups
# numbered by first appearance
expect_status 0 "$CS" linkage -k 2 --format csv "$T/num.csv"
check
[ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "a,1 b,1 c,2 d,2 e,1 f,2 g,2 " ] || fail "cut -k 2: $(cat "$T/out")"
expect_status 0 "$CS" linkage --height 3 --format csv "$T/num.csv"
check
[ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "a,1 b,1 c,2 d,3 e,1 f,3 g,3 " ] || fail "cut at 3: $(cat "$T/out")"
expect_status 0 "$CS" linkage -k 3 --format json "$T/num.csv"
expect_contains "$T/out" '"groups": 3'
# ids are text: in CSV guarded against formulas and quoted when needed, in JSON escaped, as by
# every writer (util/textout.h)
cat >"$T/ids.csv" <<'EOF'
id,x,y
"=cmd|' /C calc'!A0",1,2
"a,b",1.1,2
-c,9,9
EOF
expect_status 0 "$CS" linkage -k 2 --format csv "$T/ids.csv"
expect_contains "$T/out" "'=cmd|' /C calc'!A0,1"
expect_contains "$T/out" '"a,b",1'
expect_contains "$T/out" "'-c,2"
expect_status 0 "$CS" linkage -k 2 --format json "$T/ids.csv"
expect_contains "$T/out" '{"id": "=cmd|'"'"' /C calc'"'"'!A0", "group": 1}, {"id": "a,b", "group": 1}'
expect_status 0 "$CS" linkage --format json "$T/ids.csv"
expect_contains "$T/out" '"objects": ["=cmd|'"'"' /C calc'"'"'!A0", "a,b", "-c"]'
# in a table for the terminal, a control byte of an id, a column name or a category is a space
printf 'id,x,y\nev\033[2Jil,1,2\nb,1.5,2\nc,9,9\nd,9.5,9\ne,5,5\n' >"$T/esc.csv"
printf 'id,c\033]0;x\007,c2\nev\033[2Jil,r\033d,s\nb,red,s\nc,blue,l\nd,blue,l\n' >"$T/escc.csv"
printf 'id,group\nev\033[2Jil,g\033one\nb,g\033one\nc,two\nd,two\ne,two\n' >"$T/esc-labels.csv"
for cmd in "linkage -k 2" "kmeans -k 2 --seed 1" "kmedoids -k 2" "silhouette --labels $T/esc-labels.csv" \
    "kmodes -k 2 --seed 1 --types nominal"; do
    f="$T/esc.csv"
    case $cmd in kmodes*) f="$T/escc.csv" ;; esac
    expect_status 0 $CS $cmd "$f"
    expect_contains "$T/out" "ev [2Jil"
    check
    ! grep -q "$(printf '[\033\007]')" "$T/out" || fail "$cmd wrote a control byte to the terminal"
done
expect_contains "$T/out" "c ]0;x "
expect_contains "$T/out" "r d"
expect_status 0 "$CS" silhouette --labels "$T/esc-labels.csv" "$T/esc.csv"
expect_contains "$T/out" "g one"
expect_status 2 "$CS" linkage -k 2 --height 1 "$T/num.csv"
expect_status 2 "$CS" linkage --method ward --distance cityblock "$T/num.csv"
expect_status 2 "$CS" linkage --method ward "$T/bin-unknown.csv"
expect_contains "$T/err" "as-zero"
expect_status 0 "$CS" linkage --method ward --unknown as-zero "$T/bin-unknown.csv"

# k-means: the two obvious groups, their centres, a scan, stability, JSON
expect_status 0 "$CS" kmeans -k 2 --format csv -o "$T/km.csv" "$T/num.csv"
check
[ "$(tail -n +2 "$T/km.csv" | tr '\n' ' ')" = "a,2 b,2 c,1 d,1 e,2 f,1 g,1 " ] || fail "kmeans: $(cat "$T/km.csv")"
expect_status 0 "$CS" kmeans -k 2 "$T/num.csv"
expect_contains "$T/out" "inertia 18.377500"
expect_contains "$T/out" "7.625000"
expect_status 0 "$CS" kmeans --scan 2..4 --format csv "$T/num.csv"
check
[ "$(wc -l <"$T/out")" -eq 4 ] || fail "kmeans scan: $(cat "$T/out")"
expect_contains "$T/out" "k,inertia,silhouette,calinski_harabasz,davies_bouldin"
expect_status 0 "$CS" kmeans -k 2 --bootstrap 20 --format json "$T/num.csv"
python3 -c 'import json,sys; d = json.load(sys.stdin); assert d["stability_mean_ari"] == 1, d' <"$T/out" ||
    fail "kmeans bootstrap JSON"
check
expect_status 3 "$CS" kmeans -k 2 "$T/bin-unknown.csv"
expect_contains "$T/err" "unknown"
expect_status 2 "$CS" kmeans -k 2 --unknown pairwise "$T/bin-unknown.csv"
expect_status 0 "$CS" kmeans -k 2 --unknown as-zero "$T/bin-unknown.csv"

# k-medoids on any distance; k-modes on categories; silhouette of a partition and a scan
expect_status 0 "$CS" kmedoids -k 2 --format csv "$T/num.csv"
check
[ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "a,1 b,1 c,2 d,2 e,1 f,2 g,2 " ] || fail "kmedoids: $(cat "$T/out")"
expect_status 0 "$CS" kmedoids -k 2 --method pam --distance gower --types numeric,nominal,binary,ordinal "$T/mixed.csv"
expect_contains "$T/out" "medoids:"
expect_status 0 "$CS" kmedoids -k 2 --distance hamming "$T/bin-unknown.csv"
expect_status 0 "$CS" kmedoids --scan 2..4 --format json "$T/num.csv"
python3 -c 'import json,sys; d = json.load(sys.stdin); assert [r["k"] for r in d["scan"]] == [2, 3, 4]' <"$T/out" ||
    fail "kmedoids scan JSON"
check
expect_status 0 "$CS" kmodes -k 2 "$T/cat.csv"
expect_contains "$T/out" "red"
expect_contains "$T/out" "blue"
expect_status 0 "$CS" kmodes -k 2 --format csv "$T/cat.csv"
check
[ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "p1,1 p2,1 p3,2 p4,2 p5,1 p6,1 " ] || fail "kmodes: $(cat "$T/out")"
expect_status 3 "$CS" kmodes -k 2 "$T/num.csv"
expect_contains "$T/err" "categorical"
expect_status 0 "$CS" silhouette --labels "$T/km.csv" "$T/num.csv"
expect_contains "$T/out" "mean silhouette 0.7720"
expect_status 0 "$CS" silhouette --labels "$T/km.csv" --format csv "$T/num.csv"
expect_contains "$T/out" "a,2,0.90"
expect_status 0 "$CS" silhouette --scan 2..5 "$T/num.csv"
expect_contains "$T/out" "best k: 2"
expect_status 0 "$CS" silhouette --scan 2..4 --algorithm pam --format csv "$T/num.csv"
expect_contains "$T/out" "k,groups,silhouette"
expect_status 2 "$CS" silhouette "$T/num.csv"
expect_status 2 "$CS" silhouette --scan 1..3 "$T/num.csv"
printf 'id,group\na,1\nb,1\n' >"$T/short-labels.csv"
expect_status 3 "$CS" silhouette --labels "$T/short-labels.csv" "$T/num.csv"
expect_contains "$T/err" "has no group"

# ties: FasterPAM used to swap two equally good medoids forever on these (R's pam(variant =
# "faster") still does), and k-means with more groups than distinct objects to run to max_iter
printf 'id,x,y\na,1,2\nb,1.1,2\nc,9,9\nd,9.5,9\n' >"$T/pam4.csv"
head -4 "$T/pam4.csv" >"$T/pam3.csv"
for method in fasterpam pam; do
    expect_status 0 timeout 60 "$CS" kmedoids -k 2 --method $method --format csv "$T/pam4.csv"
    check
    [ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "a,1 b,1 c,2 d,2 " ] || fail "kmedoids $method pam4: $(cat "$T/out")"
    expect_status 0 timeout 60 "$CS" kmedoids -k 2 --method $method --format csv "$T/pam3.csv"
    check
    [ "$(tail -n +2 "$T/out" | tr '\n' ' ')" = "a,1 b,1 c,2 " ] || fail "kmedoids $method pam3: $(cat "$T/out")"
done
printf 'id,x,y\na,3.3,1.7\nb,3.3,1.7\nc,3.3,1.7\nd,3.3,1.7\ne,3.3,1.7\n' >"$T/equal.csv"
expect_status 0 timeout 60 "$CS" kmeans -k 3 --seed 1 "$T/equal.csv"
expect_contains "$T/out" "1 iterations, converged"
expect_status 0 timeout 60 "$CS" kmedoids -k 3 "$T/equal.csv"
expect_contains "$T/out" "total deviation 0.000000, 0 swaps"

# ---------------------------------------------------------------- bad input
# each: exit 3 (bad data) with a message naming the problem
expect_bad() { # MESSAGE CMD...
    msg=$1
    shift
    expect_status 3 "$@"
    expect_contains "$T/err" "$msg"
}
expect_bad 'expected a finite number with a decimal point, found "abc"' "$CS" linkage $bad/text-in-numeric.csv
expect_bad "text-in-numeric.csv:3:2" "$CS" kmeans -k 2 $bad/text-in-numeric.csv
expect_bad 'variable "y" is constant (Gower range 0)' "$CS" linkage --distance gower $bad/constant-column.csv
expect_bad "constant-column.csv" "$CS" kmedoids -k 2 --distance gower $bad/constant-column.csv
expect_status 0 "$CS" linkage --distance gower --allow-constant $bad/constant-column.csv
expect_bad 'found "NaN"' "$CS" linkage $bad/nan.csv
expect_bad 'found "inf"' "$CS" kmeans -k 2 $bad/infinity.csv
# a first value that is a number but not finite: a numeric column refused at that cell, never
# categories (Gower read -inf and 1e400 as two more levels)
expect_bad 'minus-inf-first.csv:2:2: expected a finite number (not inf or nan, and one a double holds), found "-inf"' "$CS" linkage --distance gower $bad/minus-inf-first.csv
expect_bad 'overflow-first.csv:2:2: expected a finite number (not inf or nan, and one a double holds), found "1e400"' "$CS" linkage --distance gower $bad/overflow-first.csv
expect_bad 'overflow-first.csv:2:2:' "$CS" kmeans -k 2 $bad/overflow-first.csv
# finite values whose squares overflow: k-means said "inertia inf" and exit 0
expect_bad 'k-means: row 1, column 1: expected a number whose squares can be summed' "$CS" kmeans -k 2 $bad/squares-overflow.csv
expect_bad 'found an infinite distance between objects "a" and "b"' "$CS" linkage $bad/squares-overflow.csv
expect_bad "needs at least 2 objects, found 1" "$CS" linkage $bad/one-object.csv
expect_bad "needs at least 2 objects, found 1" "$CS" kmedoids -k 1 $bad/one-object.csv
expect_bad 'expected a unique object id (this one is also on line 2), found "a"' "$CS" linkage $bad/duplicate-ids.csv
expect_bad "needs at least 2 objects, found 0" "$CS" linkage $bad/empty-matrix.csv
expect_bad "found an empty file" "$CS" kmodes -k 1 $bad/empty-file.csv
expect_bad 'column "y", found only unknown cells' "$CS" linkage $bad/unknown-column.csv
expect_bad 'metric euclidean cannot use nominal variable "colour"' "$CS" linkage $bad/nominal.csv
expect_bad 'metric jaccard needs binary variables, but "colour" is nominal' "$CS" linkage --distance jaccard $bad/nominal.csv
expect_bad 'k-means needs numbers, but column "colour" is nominal' "$CS" kmeans -k 2 $bad/nominal.csv
expect_bad 'metric hamming needs binary variables' "$CS" kmedoids -k 2 --distance hamming "$T/num.csv"
# k < 1, k > n: usage (exit 2)
for cmd in linkage kmeans kmedoids kmodes; do
    expect_status 2 "$CS" $cmd -k 0 "$T/cat.csv"
    expect_contains "$T/err" "-k takes a whole number"
done
expect_status 2 "$CS" linkage -k 8 "$T/num.csv"
expect_contains "$T/err" "-k 8 is more than the 7 objects"
expect_status 2 "$CS" kmeans -k 9 "$T/num.csv"
expect_contains "$T/err" "more than the 7 objects"
expect_status 2 "$CS" kmedoids -k 8 "$T/num.csv"
expect_status 2 "$CS" kmodes -k 7 "$T/cat.csv"
expect_status 2 "$CS" silhouette --scan 2..7 "$T/num.csv"
# other usage errors
expect_status 2 "$CS" linkage --method median --distance jaccard "$T/num.csv"
expect_status 2 "$CS" linkage --distance nosuch "$T/num.csv"
expect_status 2 "$CS" linkage --format xml "$T/num.csv"
expect_status 2 "$CS" linkage --max-memory lots "$T/num.csv"
expect_status 2 "$CS" linkage
expect_status 2 "$CS" kmeans --types numeric,bogus -k 2 "$T/num.csv"
expect_status 1 "$CS" linkage "$T/no-such-file.csv"
expect_contains "$T/err" "cannot open"

# ---------------------------------------------------------------- memory limit
# 20,000 objects: the condensed matrix alone is 1.6 GB; refused before allocating
awk 'BEGIN { print "id,x,y"; for (i = 0; i < 20000; i++) printf "o%d,%d.5,%d\n", i, i % 97, i % 13 }' >"$T/big.csv"
expect_status 1 "$CS" linkage --max-memory 64M "$T/big.csv"
expect_contains "$T/err" "over the memory limit of 64.0 MiB"
expect_status 1 "$CS" kmedoids -k 3 --max-memory 64M "$T/big.csv"
expect_contains "$T/err" "over the memory limit"
expect_status 1 "$CS" silhouette --scan 2..3 --max-memory 64M "$T/big.csv"
expect_contains "$T/err" "over the memory limit"
expect_status 1 "$CS" kmeans -k 2 --max-memory 1K "$T/num.csv"
expect_contains "$T/err" "over the memory limit"
# k-means needs O(n p): fine within the same limit
expect_status 0 "$CS" kmeans -k 3 --n-init 1 --max-memory 64M --format csv "$T/big.csv"

# ---------------------------------------------------------------- determinism, output files
for cmd in "linkage --format json" "kmeans -k 3 --seed 7 --format json" "kmedoids -k 3 --init random --seed 7" \
    "kmodes -k 2 --init huang --seed 3 --types nominal" "silhouette --scan 2..5 --format json"; do
    f="$T/num.csv"
    case $cmd in kmodes*) f="$T/cat.csv" ;; esac
    $CS $cmd -o "$T/run1" "$f" >/dev/null 2>&1 || fail "$cmd"
    $CS $cmd -o "$T/run2" "$f" >/dev/null 2>&1 || fail "$cmd"
    check
    cmp -s "$T/run1" "$T/run2" || fail "$cmd: two runs differ"
done
# a failed run leaves an existing output file alone (atomic write)
echo "keep" >"$T/kept"
expect_status 3 "$CS" linkage -o "$T/kept" $bad/nan.csv
check
[ "$(cat "$T/kept")" = "keep" ] || fail "a failed run replaced its output file"

# ---------------------------------------------------------------- progress
# quiet when standard error is not a terminal
expect_status 0 "$CS" kmeans --scan 2..5 "$T/num.csv"
check
[ ! -s "$T/err" ] || fail "progress written to a non-terminal: $(cat "$T/err")"
if command -v script >/dev/null 2>&1; then
    script -qec "$CS kmeans --scan 2..5 -o $T/scan.txt $T/num.csv" /dev/null >"$T/tty" 2>&1
    expect_contains "$T/tty" "kmeans: 100%"
fi

# ---------------------------------------------------------------- classify on the bundled data
db="$T/reg.db"
"$CS" --db "$db" init >/dev/null || fail "init"
"$CS" --db "$db" import data/*.json >/dev/null || fail "import of data/"
# without reference types: classify works (assessing first), unlabelled, with a note
expect_status 1 "$CS" --db "$db" classify --no-store
expect_contains "$T/err" "no stored assessment"
expect_status 0 "$CS" --db "$db" classify -k 2 -o "$T/unlabelled.txt"
expect_contains "$T/err" "assessed the registry and stored it as run 1"
expect_contains "$T/err" "the groups are not labelled"
expect_status 1 "$CS" --db "$db" classify --compare --no-store
expect_contains "$T/err" "reference-groups.json"
# the reference types: a bad document is refused whole, the good one loads
printf '{"format": "clusterscope-reference-types", "version": 1, "source": "hse-2019", "description": "x", "profile_method": "hse-biomedical-2019", "groups": [{"id": 1, "name_en": "G"}], "assignments": [{"cluster": "no-such-cluster", "group": 1, "basis": "stated"}]}\n' >"$T/ref-bad.json"
expect_status 3 "$CS" --db "$db" import "$T/ref-bad.json"
expect_contains "$T/err" 'found "no-such-cluster"'
printf '{"format": "clusterscope-reference-types", "version": 1, "source": "hse-2019", "description": "x", "profile_method": "m", "groups": [{"id": 1, "name_en": "G", "profile": [{"item": "size", "share_min": 0.8, "share_max": 0.5, "published": "p", "basis": "table"}]}]}\n' >"$T/ref-bad2.json"
expect_status 3 "$CS" --db "$db" import "$T/ref-bad2.json"
expect_contains "$T/err" "share_min"
check
[ "$(sqlite3 "$db" 'SELECT count(*) FROM reference_set')" -eq 0 ] || fail "a refused reference document was stored"
expect_status 0 "$CS" --db "$db" import data/reference/reference-groups.json
expect_status 0 "$CS" --db "$db" import data/reference/reference-groups.json
check
[ "$(sqlite3 "$db" 'SELECT count(*) || "/" || sum(size_published) FROM reference_type')" = "3/41" ] ||
    fail "reference types: $(sqlite3 "$db" 'SELECT number, size_published FROM reference_type')"
check
[ "$(sqlite3 "$db" 'SELECT sample_size || "/" || published_sum FROM reference_set')" = "40/41" ] || fail "41-vs-40 note"
check
[ "$(sqlite3 "$db" 'SELECT count(type_number) FROM reference_assignment')" -eq 24 ] || fail "24 assigned clusters"
check
[ "$(sqlite3 "$db" "SELECT type_number FROM reference_assignment WHERE cluster_key = 'massbio'")" -eq 1 ] || fail "massbio in G1"

# classify --compare: parameters, group table, labels with reasons, agreement
expect_status 0 "$CS" --db "$db" classify --compare
cp "$T/out" "$T/classify.txt"
expect_contains "$T/err" "stored as partition 2"
for s in "typology of assessment run 1 (hse-biomedical-2019 version 2)" "variables:   23 items" \
    "unknown:     pairwise" "average linkage on hamming distances" \
    "k = 3, best mean silhouette over k = 2..8" "cophenetic correlation" \
    "label (nearest reference type)" "members the study places are in G" "share of clusters meeting" \
    "I9.rd_biomedicine" "B1 mean indicators met (of 6)" "countries:" \
    "task-force-health-care: 0 of 23 items known, the minimum is 5" "adjusted Rand index: " \
    "out of the method's scope, not assessed (14; the method's scope, not coverage, leaves them out):" \
    "angara-yenisei: A biomedical cluster: not met (kind is other)" \
    "contingency table (rows: groups found; columns: the study's groups)" \
    "published group sizes: G1 10, G2 20, G3 11 (sum 41 for a sample of 40)"; do
    expect_contains "$T/classify.txt" "$s"
done
# the agreement figures (hand-checked: the Hubert-Arabie formula on the contingency table
# [[6, 2, 1], [1, 4, 0], [1, 0, 1]] gives 0.16863)
expect_contains "$T/classify.txt" "adjusted Rand index: 0.1686"
expect_contains "$T/classify.txt" "compared: 16 clusters analysed here"
# the clusters out of the method's scope are not members of the partition
check
grep -q '^  group [0-9] ([0-9]*):.*kaliningrad-amber' "$T/classify.txt" && fail "an amber cluster was grouped"
# the same partition, stored: every parameter, one row per cluster of the run
check
[ "$(sqlite3 "$db" "SELECT method_id, view, unknown_policy, distance, algorithm, k, seed, software_version, assessment_run FROM typology_partition WHERE id = 2")" = "hse-biomedical-2019|items|pairwise|hamming|average|3|1|0.1.0|1" ] ||
    fail "stored parameters: $(sqlite3 "$db" 'SELECT * FROM typology_partition WHERE id = 2')"
check
[ "$(sqlite3 "$db" 'SELECT count(*), count(group_number), count(left_out) FROM typology_member WHERE partition_id = 2')" = "38|23|15" ] ||
    fail "stored members"
check
# every group carries its nearest type's name with the reason, or says why it has none (another
# group nearer to the same type); no two groups carry one type's name
[ "$(sqlite3 "$db" "SELECT count(*) FROM typology_group WHERE partition_id = 2 AND label_reason LIKE '%members the study places%' AND (label_type IS NOT NULL OR label_reason LIKE '%is left without the type''s name%')")" -eq "$(sqlite3 "$db" "SELECT count(*) FROM typology_group WHERE partition_id = 2")" ] ||
    fail "stored labels"
check
[ -z "$(sqlite3 "$db" "SELECT label_type FROM typology_group WHERE partition_id = 2 AND label_type IS NOT NULL GROUP BY label_type HAVING count(*) > 1")" ] ||
    fail "two groups carry one type's name"
check
sqlite3 "$db" "SELECT profile FROM typology_group WHERE partition_id = 2 AND number = 1" |
    python3 -c 'import json,sys; p = json.load(sys.stdin); assert p["size"] > 0 and "items" in p and "blocks" in p' ||
    fail "stored profile"
# reproduce from the stored parameters: by the command, and by hand from the table
expect_status 0 "$CS" --db "$db" classify --reproduce 2
expect_contains "$T/out" "partition 2 reproduced from its stored parameters"
sqlite3 -separator ' ' "$db" "SELECT assessment_run, view, unknown_policy, distance, algorithm, k, seed FROM typology_partition WHERE id = 2" >"$T/params"
read -r run view unknown distance algorithm k seed <"$T/params"
expect_status 0 "$CS" --db "$db" classify --no-store --run "$run" --view "$view" --unknown "$unknown" \
    --distance "$distance" --algorithm "$algorithm" -k "$k" --seed "$seed" --format csv
sqlite3 -separator ',' "$db" "SELECT cluster_key, ifnull(group_number, '') FROM typology_member WHERE partition_id = 2 ORDER BY cluster_key" >"$T/stored-members"
# the rows after the members are the clusters out of the method's scope, not members
python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
for r in rows:
    if not r.get("out_of_scope"):
        print(r["cluster"] + "," + r["group"])
' "$T/out" | sort >"$T/rerun-members"
check
cmp -s "$T/stored-members" "$T/rerun-members" || fail "the stored partition does not come back from its parameters"
expect_status 2 "$CS" --db "$db" classify --reproduce 2 -k 3
expect_status 1 "$CS" --db "$db" classify --reproduce 99
# determinism: same registry and options, byte-identical output in every format
for fmt in table csv json; do
    "$CS" --db "$db" classify --no-store --compare --format $fmt -o "$T/c1" 2>/dev/null || fail "classify $fmt"
    "$CS" --db "$db" classify --no-store --compare --format $fmt -o "$T/c2" 2>/dev/null || fail "classify $fmt"
    check
    cmp -s "$T/c1" "$T/c2" || fail "classify --format $fmt: two runs differ"
done
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "clusterscope-partition"
assert d["parameters"]["unknown"] == "pairwise" and d["parameters"]["k"] == 3
assert len(d["members"]) == 38 and d["analysed"] == 23
assert d["parameters"]["min_known"] == 5 and d["parameters"]["unknown_means"] == "unknown kept apart"
out = {e["cluster"]: e for e in d["out_of_scope"]}
assert len(out) == 14 and out["kaliningrad-amber"]["found"] == "industrial", out
assert not set(out) & {m["cluster"] for m in d["members"]}
c = d["compare"]
assert c["columns"] == ["G1", "G2", "G3"] and len(c["contingency"]) == 3
assert sum(map(sum, c["contingency"])) == c["compared"] == 16
assert c["published_sizes"] == {"G1": 10, "G2": 20, "G3": 11} and c["sample_size"] == 40
' "$T/c1" || fail "classify JSON"
check
"$CS" --db "$db" classify --no-store --compare --format csv -o "$T/c.csv" 2>/dev/null || fail "classify csv"
expect_contains "$T/c.csv" "cluster,country,group,label,silhouette,left_out,study_group,known,unknown,unknown_means,min_known,imputed_pairs,assumptions,out_of_scope"
expect_contains "$T/c.csv" "kaliningrad-amber,,,,,,,,,,,,,A biomedical cluster: not met (kind is industrial)"
expect_contains "$T/c.csv" "medicon-valley,DK,1,G1,"
# massbio is in group 3, nearest to G1 as group 1 is: no label of its own
expect_contains "$T/c.csv" "massbio,US,3,,"
# other settings
expect_status 0 "$CS" --db "$db" classify --no-store --unknown as-zero --compare --min-known 1
expect_contains "$T/out" "unknown:     as-zero — the study's scoring: unknown counted as not met"
expect_contains "$T/out" "37 analysed"
expect_status 0 "$CS" --db "$db" classify --no-store --view indicators -k 3
expect_contains "$T/out" "variables:   15 indicators"
expect_status 0 "$CS" --db "$db" classify --no-store --algorithm pam -k 3 --seed 5
expect_contains "$T/out" "pam on hamming distances"
expect_status 0 "$CS" --db "$db" classify --no-store --algorithm kmodes --unknown as-zero -k 3
expect_status 0 "$CS" --db "$db" classify --no-store --distance jaccard
expect_status 3 "$CS" --db "$db" classify --no-store --unknown error
expect_contains "$T/err" 'the unknown-value policy is "error"'
expect_status 2 "$CS" --db "$db" classify --no-store --algorithm ward
expect_contains "$T/err" "not Euclidean"
expect_status 2 "$CS" --db "$db" classify --no-store --algorithm kmeans
expect_status 2 "$CS" --db "$db" classify --no-store -k 24
expect_contains "$T/err" "more than the 23 clusters that can be analysed"
expect_status 2 "$CS" --db "$db" classify -k 0
expect_status 2 "$CS" --db "$db" classify --algorithm bogus
expect_status 2 "$CS" --db "$db" classify --view rows
expect_status 1 "$CS" --db "$db" classify --no-store --run 99
expect_status 1 "$CS" --db "$db" classify --max-memory 1K --no-store
expect_contains "$T/err" "over the memory limit"
if command -v script >/dev/null 2>&1; then
    script -qec "$CS --db $db classify --no-store -o $T/c3" /dev/null >"$T/tty" 2>&1
    expect_contains "$T/tty" "classify: 100%"
fi
expect_status 0 "$CS" --db "$db" classify --no-store -o "$T/c4"
check
[ ! -s "$T/err" ] || fail "classify wrote to a non-terminal standard error: $(cat "$T/err")"

# ---------------------------------------------------------------- an older registry migrates
old="$T/old.db"
"$CS" --db "$old" init >/dev/null || fail "init"
"$CS" --db "$old" import data/*.json >/dev/null || fail "import"
"$CS" --db "$old" assess --no-store >/dev/null || fail "assess"
# make it schema 1 exactly as migration 0001 left it: no typology tables, no factors, no scope
sqlite3 "$old" "DROP TABLE digest_entry; DROP TABLE digest_text; DROP TABLE digest_issue; DROP TABLE news_link; DROP TABLE news_qa; DROP TABLE news_item; DROP TABLE link; DROP TABLE project_stage; DROP TABLE project_member; DROP TABLE project; DROP TABLE chain_stage; DROP TABLE target; DROP TABLE listing; DROP TABLE application; DROP TABLE round_share; DROP TABLE programme_round; DROP TABLE programme; DROP INDEX region_code; ALTER TABLE region DROP COLUMN code; DROP TABLE concordance; DROP TABLE industry; DROP TABLE classification; DROP INDEX region_parent; ALTER TABLE region DROP COLUMN parent; ALTER TABLE region DROP COLUMN type; DROP TABLE statistic; DROP TABLE session; DROP TABLE registration; DROP TABLE api_token; DROP TABLE account; DROP TABLE revision; DROP TABLE search_index; DROP TABLE reference_case; DROP TABLE reference_factor; DROP TABLE reference_model;
    DROP TABLE typology_member; DROP TABLE typology_group; DROP TABLE typology_partition;
    DROP TABLE reference_assignment; DROP TABLE reference_trait; DROP TABLE reference_type;
    DROP TABLE reference_set; DROP TABLE assessment_out_of_scope; PRAGMA user_version = 1;" ||
    fail "downgrade"
expect_status 1 "$CS" --db "$old" classify --no-store
expect_contains "$T/err" "schema version 1, expected 13"
expect_status 0 "$CS" --db "$old" import data/reference/reference-groups.json
check
[ "$(sqlite3 "$old" 'PRAGMA user_version')" -eq 13 ] || fail "not migrated to schema 13"
check
[ "$(sqlite3 "$old" 'SELECT count(*) FROM reference_case')" -eq 31 ] || fail "no cases after migration"
check
[ "$(sqlite3 "$old" 'SELECT count(*) FROM cluster')" -eq 52 ] || fail "migration lost clusters"
expect_status 0 "$CS" --db "$old" classify --compare
expect_contains "$T/out" "adjusted Rand index"
done_checks
