# Assessment from the CLI on the bundled data: table, CSV and JSON output, determinism, stored
# scores, explain down to the source, the second method, and bad method files.
. tests/cli/lib.sh
db="$T/reg.db"
expect_status 1 "$CS" --db "$db" assess
expect_contains "$T/err" "no registry at $db"

"$CS" --db "$db" init >/dev/null || fail "init"
"$CS" --db "$db" import data/*.json >/dev/null || fail "import of data/"

expect_status 0 "$CS" --db "$db" assess
expect_contains "$T/out" "hse-biomedical-2019"
expect_contains "$T/out" "ind/15"
expect_contains "$T/out" "pts/23"
# HealthCapital: the group-level country facts make I1 and I2 met, and its item points are known
grep '^healthcapital-berlin-brandenburg ' "$T/out" >"$T/hc" || fail "no HealthCapital row"
expect_contains "$T/hc" " DE "

# CSV: one row per cluster plus the header (the 38 scored, then the 14 out of the method's
# scope); unknown is an empty cell, never 0
expect_status 0 "$CS" --db "$db" assess --no-store --format csv -o "$T/a.csv"
check
[ "$(wc -l <"$T/a.csv")" -eq 53 ] || fail "expected 53 CSV lines, found $(wc -l <"$T/a.csv")"
head -1 "$T/a.csv" >"$T/header"
expect_contains "$T/header" "cluster"
# a cluster in scope with no item known has empty indicator cells
grep '^kobe-biomedical-innovation-cluster,' "$T/a.csv" >"$T/z" || fail "no Kobe row"
check
grep -q ',0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,' "$T/z" && fail "unknown scored as zeros: $(cat "$T/z")"

# byte-identical output for the same input
expect_status 0 "$CS" --db "$db" assess --no-store --format json -o "$T/a1.json"
expect_status 0 "$CS" --db "$db" assess --no-store --format json -o "$T/a2.json"
cmp -s "$T/a1.json" "$T/a2.json" || fail "two runs differ"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/a1.json" || fail "JSON output does not parse"

# scores are stored with the method id and version (the first assess above stored run 1)
check
n=$(sqlite3 "$db" "SELECT count(*) FROM assessment_score s JOIN assessment_run r ON r.id = s.run_id WHERE r.method_id = 'hse-biomedical-2019' AND r.method_version <> ''")
[ "$n" -eq 38 ] || fail "expected 38 stored scores (the biomedical clusters), found $n"
check
items=$(sqlite3 "$db" "SELECT length(items) FROM assessment_score WHERE cluster_key = 'medicon-valley'")
[ "$items" -eq 23 ] || fail "expected 23 item codes, found $items"

# explain: rule, fact as written, status, source title and locator
expect_status 0 "$CS" --db "$db" assess --explain healthcapital-berlin-brandenburg
expect_contains "$T/out" "foreign_patients"
expect_contains "$T/out" ">200000"
expect_contains "$T/out" "derived"
expect_contains "$T/out" "Биомедицинские кластеры в мире"
expect_contains "$T/out" "3254"
# a fact recorded as unknown shows no status: nothing was stated about it
expect_status 0 "$CS" --db "$db" assess --explain medicon-valley
expect_contains "$T/out" "country DK bloomberg_efficiency_rank, 2014: unknown"
check
grep -q 'bloomberg_efficiency_rank, 2014: "' "$T/out" && fail "an unknown fact is shown with a value or status"
expect_status 0 "$CS" --db "$db" assess --explain medicon-valley --format json
python3 -c "import json,sys; json.load(sys.stdin)" <"$T/out" || fail "explain JSON does not parse"
expect_status 1 "$CS" --db "$db" assess --explain no-such-cluster
expect_contains "$T/err" "no-such-cluster"
expect_status 2 "$CS" --db "$db" assess --explain medicon-valley --format csv

# a second, different indicator system
expect_status 0 "$CS" --db "$db" assess --method eccp-profile-2017 --no-store
expect_contains "$T/out" "eccp-profile-2017"
expect_status 0 "$CS" methods
expect_contains "$T/out" "hse-biomedical-2019"
expect_contains "$T/out" "eccp-profile-2017"
expect_status 0 "$CS" methods hse-biomedical-2019
expect_contains "$T/out" "15 indicators, 23 item points, 3 blocks"

# usage errors and bad method files
expect_status 2 "$CS" --db "$db" assess --format xml
expect_status 2 "$CS" --db "$db" assess --year 19x9
expect_status 1 "$CS" --db "$db" assess --method no-such-method
for f in tests/data/bad/methods/*.json; do
    expect_status 3 "$CS" --db "$db" assess --no-store --method "$f"
    expect_contains "$T/err" "$(basename "$f")"
done
done_checks
