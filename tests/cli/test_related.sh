# related-clusters: the related categories each region lacks on a hand-made five-category
# fixture (tests/data/related; worked out in docs/regional.md), the three formats, one region,
# the table's pairs, bad input with its position and exit status, and the real CMP
# relatedClusters.json (from ../shared, never committed; skipped when absent) against a count of
# strongly related pairs computed here in Python.
. tests/cli/lib.sh
D=tests/data/related

# ---------------------------------------------------------------- regions on the fixture
expect_status 0 "$CS" related-clusters --table "$D/table.csv" --format csv "$D/regions.csv"
cat >"$T/want.csv" <<'CSV'
region,category,status,links,strength,related_to
R1,a,strong,,,
R1,b,strong,,,
R1,c,related,2,4,a;b
R1,d,related,1,0.5,b
R2,d,strong,,,
R2,e,related,1,5,d
R2,b,related,1,0.5,d
R3,c,strong,,,
R3,e,strong,,,
R3,d,related,1,5,e
R3,a,related,1,3,c
R3,b,related,1,1,c
R5,b,strong,,,
R5,e,strong,,,
R5,d,related,2,5.5,e;b
R5,a,related,1,3,b
R5,c,related,1,1,b
CSV
check
cmp -s "$T/out" "$T/want.csv" || { diff "$T/want.csv" "$T/out" >&2; fail "related-clusters csv"; }
# the strong flags are strong-clusters' own
"$CS" strong-clusters --format csv "$D/regions.csv" | awk -F, 'NR > 1 && $6 == 1 { print $1 "," $2 ",strong,,," }' >"$T/strong.csv"
grep ',strong,' "$T/want.csv" >"$T/want_strong.csv"
check
cmp -s "$T/strong.csv" "$T/want_strong.csv" || fail "strong rows differ from strong-clusters"

expect_status 0 "$CS" related-clusters --table "$D/table.csv" --format json --region R5 -o "$T/r5.json" "$D/regions.csv"
check
python3 - "$T/r5.json" <<'PY' || fail "json of R5"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["measure"] == "related-clusters", d
rows = [(r["region"], r["category"], r["status"], r["links"], r["strength"], r["related_to"]) for r in d["rows"]]
assert rows == [("R5", "b", "strong", 0, None, []), ("R5", "e", "strong", 0, None, []),
                ("R5", "d", "related", 2, 5.5, ["e", "b"]), ("R5", "a", "related", 1, 3, ["b"]),
                ("R5", "c", "related", 1, 1, ["b"])], rows
PY
expect_status 0 "$CS" related-clusters --table "$D/table.csv" --lang ru --region R2 "$D/regions.csv"
expect_contains "$T/out" "регион  категория  статус"
expect_contains "$T/out" "R2      e          связанный, отсутствует      1   5,0  d" # rounded in the language's style
expect_contains "$T/out" "R2      b          связанный, отсутствует      1   0,5  d"
# same input, same bytes
"$CS" related-clusters --table "$D/table.csv" "$D/regions.csv" >"$T/a.txt"
"$CS" related-clusters --table "$D/table.csv" "$D/regions.csv" >"$T/b.txt"
check
cmp -s "$T/a.txt" "$T/b.txt" || fail "output differs between runs"

# a table of some categories: the table's strong categories first, then the file's others;
# categories the table lacks have no links
printf 'category,category2,strength,related\nb,c,1,1\n' >"$T/sub.csv"
expect_status 0 "$CS" related-clusters --table "$T/sub.csv" --format csv --region R1 "$D/regions.csv"
printf 'region,category,status,links,strength,related_to\nR1,b,strong,,,\nR1,a,strong,,,\nR1,c,related,1,1,b\n' >"$T/want_sub.csv"
check
cmp -s "$T/out" "$T/want_sub.csv" || { diff "$T/want_sub.csv" "$T/out" >&2; fail "a partial table"; }

# ---------------------------------------------------------------- the table's pairs
expect_status 0 "$CS" related-clusters --table "$D/table.csv" --format csv
check
[ "$(sed 1d "$T/out" | wc -l)" -eq 10 ] || fail "expected 10 ordered strongly related pairs"
expect_contains "$T/out" "d,b,0.5"
check
! grep -q '^a,e' "$T/out" || fail "a,e is not related (related 0)"

# ---------------------------------------------------------------- bad input
expect_status 2 "$CS" related-clusters "$D/regions.csv"
expect_contains "$T/err" "--table TABLE is required"
expect_status 2 "$CS" related-clusters --table "$D/table.csv" --region R1
expect_contains "$T/err" "--region needs a data FILE (region,category,employment,establishments) or the registry's statistics (--registry)"
expect_status 2 "$CS" related-clusters --table "$D/table.csv" --format xml
expect_status 3 "$CS" related-clusters --table "$D/table.csv" --region R9 "$D/regions.csv"
expect_contains "$T/err" "regions.csv: expected --region to name a region of the file, found 'R9'"
printf 'category,category2,strength,related\na,b,3,1\nb,c,high,1\n' >"$T/t1.csv"
expect_status 3 "$CS" related-clusters --table "$T/t1.csv"
expect_contains "$T/err" "t1.csv:3:3: expected the strength as a number, found 'high'"
printf 'category,category2,strength,related\na,b,3,1\nb,a,3,1\na,b,2,1\n' >"$T/t2.csv"
expect_status 3 "$CS" related-clusters --table "$T/t2.csv"
expect_contains "$T/err" "t2.csv:4:1: expected each pair of categories once, found 'a','b' again (first at 2)"
printf 'category,category2,strength,related\n,b,3,1\n' >"$T/t3.csv"
expect_status 3 "$CS" related-clusters --table "$T/t3.csv"
expect_contains "$T/err" "t3.csv:2:1: expected a category, found an empty cell"
printf 'category,strength,related\na,3,1\n' >"$T/t4.csv"
expect_status 3 "$CS" related-clusters --table "$T/t4.csv"
expect_contains "$T/err" "t4.csv:1: expected a column 'category2'"
printf 'category,category2,strength,related\na,b,3,2\n' >"$T/t5.csv"
expect_status 3 "$CS" related-clusters --table "$T/t5.csv"
expect_contains "$T/err" "t5.csv:2:4: expected related as 0 or 1, found '2'"
printf '[{"cluster_code":1,"cluster_code_2":2,"cr_all":"x","cr_all_pc":"99","rel_all_90_v3":"1","rel_i20_all_min_90_v3":"1"}]' >"$T/t6.json"
expect_status 3 "$CS" related-clusters --table "$T/t6.json"
expect_contains "$T/err" "t6.json: row 1: expected 'cr_all' as a number, found 'x'"
printf '[{"cluster_code":1,' >"$T/t7.json"
expect_status 3 "$CS" related-clusters --table "$T/t7.json"
expect_contains "$T/err" "t7.json:1:"
expect_status 1 "$CS" related-clusters --table "$T/missing.csv"

# ---------------------------------------------------------------- the real CMP table
REAL=${CS_SHARED:-../shared}/data/cmp/relatedClusters.json
[ -f "$REAL" ] || REAL=/work/shared/data/cmp/relatedClusters.json
if [ -f "$REAL" ]; then
    expect_status 0 "$CS" related-clusters --table "$REAL" --format csv
    check
    python3 - "$REAL" "$T/out" <<'PY' || fail "strongly related pairs of relatedClusters.json"
import csv, json, sys
rows = json.load(open(sys.argv[1]))
want = {(str(r["cluster_code"]), str(r["cluster_code_2"])) for r in rows
        if float(r["cr_all_pc"]) >= 90 and r["rel_all_90_v3"] == "1"
        and r["rel_i20_all_min_90_v3"] == "1" and r["cluster_code"] != r["cluster_code_2"]}
got = [(r["category"], r["category2"]) for r in csv.DictReader(open(sys.argv[2]))]
assert want, "no strongly related pair: the rule read nothing"
assert len(got) == len(want) and set(got) == want, (len(got), len(want))
PY
    # codes in numeric order: on a file of codes, strong rows run 8, 9, 10 ..., not 10, 8, 9
    printf 'region,category,employment,establishments\nA,8,500,50\nA,10,500,50\nA,9,10,1\nB,8,10,1\nB,10,10,1\nB,9,500,50\nC,8,20,2\nC,10,20,2\nC,9,20,2\nD,8,30,3\nD,10,30,3\nD,9,30,3\n' >"$T/codes.csv"
    expect_status 0 "$CS" related-clusters --table "$REAL" --format csv --region A "$T/codes.csv"
    check
    [ "$(grep -c ',strong,' "$T/out")" -eq 2 ] && sed -n 2,3p "$T/out" | cut -d, -f2 | tr '\n' ' ' | grep -qx '8 10 ' ||
        { cat "$T/out" >&2; fail "strong codes in numeric order"; }
else
    echo "skipped the real table: relatedClusters.json is not in ../shared/data/cmp"
fi
done_checks
