# classify's selection only improves with data, on the bundled registry: the Bloomberg 2014
# case (tests/data/assume, a fixture: only RU = 51 is the index's published rank), --min-known
# stored and reproduced, the policies named by what they mean (as-zero: the study's scoring) in
# every output and in the report, and assumptions (--assume) that leave the registry untouched,
# with every bad input refused where it stands.
. tests/cli/lib.sh
fx=tests/data/assume
db="$T/reg.db"
five="healthcapital-berlin-brandenburg medicon-valley health-valley-netherlands eurasante
life-science-nord"

# the clusters analysed in a CSV partition (a group in column 3)
analysed() {
    awk -F, 'NR > 1 && $3 != "" { print $1 }' "$1" | sort
}
# every line of $1 is a line of $2
subset() {
    check
    missing=$(comm -23 "$1" "$2")
    [ -z "$missing" ] || fail "analysed before, left out after adding data: $missing"
}
has_five() {
    for k in $five; do
        check
        grep -qx "$k" "$1" || fail "$k is not analysed ($1)"
    done
}

"$CS" --db "$db" init >/dev/null || fail "init"
"$CS" --db "$db" import data/*.json data/reference/reference-groups.json >/dev/null || fail "import"
# the registry as it was before the Bloomberg ranks were recorded: the bundled data less them
sqlite3 "$db" "DELETE FROM fact WHERE name = 'bloomberg_efficiency_rank'" || fail "sqlite3"
"$CS" --db "$db" assess >/dev/null || fail "assess"

# ---------------------------------------------------------------- the method's coverage rule
expect_status 0 "$CS" --db "$db" classify --no-store --format csv -o "$T/p0.csv"
analysed "$T/p0.csv" >"$T/a0"
has_five "$T/a0"
expect_status 0 "$CS" --db "$db" classify --no-store
expect_contains "$T/out" "coverage:    a cluster is analysed with at least 5 of its 23 items known"
expect_contains "$T/out" "  china-shenzhen-beijing-shanghai-clusters: 2 of 23 items known, the minimum is 5"
expect_contains "$T/out" "  task-force-health-care: 0 of 23 items known, the minimum is 5"

# ------------------------------------------- the Bloomberg 2014 (and 2013, 2016) ranks added back
# (data/countries.json: Russia last of 51 in 2014, and the other ranks public reports give)
expect_status 0 "$CS" --db "$db" import data/countries.json
"$CS" --db "$db" assess >/dev/null || fail "assess"
expect_status 0 "$CS" --db "$db" classify --no-store --format csv -o "$T/p1.csv"
analysed "$T/p1.csv" >"$T/a1"
has_five "$T/a1"
subset "$T/a0" "$T/a1"
check
[ "$(wc -l <"$T/a1")" -eq 23 ] || fail "expected 23 clusters with 5 of 23 items known"
expect_status 0 "$CS" --db "$db" classify --no-store
expect_contains "$T/out" "imputed:     7 pairs with no variable known for both"
# then the fixture's ranks (placeholders but Russia's) on top: again nobody analysed is lost
expect_status 0 "$CS" --db "$db" import "$fx/bloomberg-2014-fixture.json"
"$CS" --db "$db" assess >/dev/null || fail "assess"
expect_status 0 "$CS" --db "$db" classify --no-store --format csv -o "$T/p2.csv"
analysed "$T/p2.csv" >"$T/a2"
has_five "$T/a2"
subset "$T/a1" "$T/a2"
expect_contains "$T/p2.csv" "pairwise,unknown kept apart,5,"

# ---------------------------------------------------------------- --min-known, stored, reproduced
expect_status 0 "$CS" --db "$db" classify --min-known 3 --format json -o "$T/m3.json"
expect_contains "$T/m3.json" '"min_known": 3,'
expect_contains "$T/m3.json" '"imputed_pairs": '
expect_contains "$T/err" "stored as partition 1"
check
[ "$(sqlite3 "$db" 'SELECT min_known FROM typology_partition WHERE id = 1')" = 3 ] ||
    fail "min_known not stored"
expect_status 0 "$CS" --db "$db" classify --reproduce 1
expect_contains "$T/out" "at least 3 known"
expect_contains "$T/out" "all 38 clusters placed as stored"
# a partition stored before the coverage rule (min_known NULL) reads as 1
sqlite3 "$db" "UPDATE typology_partition SET min_known = NULL WHERE id = 1" || fail "sqlite3"
expect_status 1 "$CS" --db "$db" classify --reproduce 1
expect_contains "$T/err" "not reproduced"
expect_status 0 "$CS" --db "$db" classify --min-known 1 --no-store
expect_contains "$T/out" "at least 1 of its 23 items known"
# exported and imported back with the partition
expect_status 0 "$CS" --db "$db" export --format csv -o "$T/exp"
expect_contains "$T/exp/partitions.csv" "min_known,imputed_pairs"

# bad values: usage errors (exit 2) that say what was expected
for bad in 0 -1 abc 2x ""; do
    expect_status 2 "$CS" --db "$db" classify --no-store --min-known "$bad"
    expect_contains "$T/err" "--min-known takes a whole number from 1"
done
expect_status 2 "$CS" --db "$db" classify --no-store --min-known 24
expect_contains "$T/err" "a cluster cannot have 24 items known: the method has 23 to classify on; lower --min-known"
expect_status 3 "$CS" --db "$db" classify --no-store --min-known 23
expect_contains "$T/err" "fewer than 23 items known); cluster analysis needs at least 2"
expect_status 2 "$CS" --db "$db" classify --reproduce 1 --min-known 3

# the method file's setting: checked with its position
sed 's/"min_known": 5/"min_known": 0/' methods/hse-biomedical-2019.json >"$T/m0.json"
expect_status 3 "$CS" --db "$db" classify --no-store --method "$T/m0.json"
expect_contains "$T/err" "analysis.min_known"
expect_contains "$T/err" "a whole number of variables from 1"
sed 's/"min_known": 5/"min_known": 24/' methods/hse-biomedical-2019.json >"$T/m24.json"
expect_status 3 "$CS" --db "$db" classify --no-store --method "$T/m24.json"
expect_contains "$T/err" "at most 23 (the method's scored items)"
sed 's/"min_known": 5/"min_known": "5"/' methods/hse-biomedical-2019.json >"$T/ms.json"
expect_status 3 "$CS" --db "$db" classify --no-store --method "$T/ms.json"
expect_contains "$T/err" "analysis.min_known"

# ---------------------------------------------------------------- the study's scoring, named
expect_status 0 "$CS" --db "$db" classify --no-store --unknown as-zero
expect_contains "$T/out" "unknown:     as-zero — the study's scoring: unknown counted as not met"
expect_status 0 "$CS" --db "$db" classify --no-store --unknown as-zero --format csv
expect_contains "$T/out" ",as-zero,the study's scoring: unknown counted as not met,5,0,"
expect_status 0 "$CS" --db "$db" classify --no-store --unknown as-zero --format json
expect_contains "$T/out" '"unknown_means": "the study'"'"'s scoring: unknown counted as not met"'
expect_status 0 "$CS" --db "$db" classify --unknown as-zero
id=$(sed -n 's/^stored as partition \([0-9]*\).*/\1/p' "$T/err")
check
[ "$(sqlite3 "$db" "SELECT unknown_policy FROM typology_partition WHERE id = $id")" = as-zero ] ||
    fail "policy not stored"
expect_status 0 "$CS" --db "$db" classify --reproduce "$id"
expect_contains "$T/out" "unknown values as-zero (the study's scoring: unknown counted as not met)"
expect_status 0 "$CS" --db "$db" report --format markdown --partition "$id"
# (Markdown writes the apostrophe as &#39;)
expect_contains "$T/out" "Unknown values, policy: as-zero — the study&#39;s scoring: unknown counted as not met."
expect_contains "$T/out" "as-zero: the study&#39;s scoring: unknown counted as not met"
expect_status 0 "$CS" --db "$db" report --format markdown
expect_contains "$T/out" "Unknown values, policy: pairwise — unknown kept apart."

# ---------------------------------------------------------------- assumptions
# a fresh registry without the Bloomberg facts (the bundled data less them); the fixture's
# source is in it for the CSV file
a="$T/assume.db"
"$CS" --db "$a" init >/dev/null || fail "init"
"$CS" --db "$a" import data/*.json data/reference/reference-groups.json >/dev/null || fail "import"
sqlite3 "$a" "DELETE FROM fact WHERE name = 'bloomberg_efficiency_rank'" || fail "sqlite3"
"$CS" --db "$a" assess >/dev/null || fail "assess"
sum_before=$(cksum <"$a")
expect_status 0 "$CS" --db "$a" classify --assume "$fx/bloomberg-2014-fixture.json"
expect_contains "$T/out" "typology (hse-biomedical-2019 version 2)"
expect_contains "$T/out" "ASSUMED:     these results are built on assumed facts (21, from $fx/bloomberg-2014-fixture.json)"
expect_contains "$T/out" "  country RU: bloomberg_efficiency_rank = 51 in 2014 ($fx/bloomberg-2014-fixture.json:165)"
expect_contains "$T/err" "built on 21 assumed facts from $fx/bloomberg-2014-fixture.json"
expect_contains "$T/err" "nothing is stored"
expect_status 0 "$CS" --db "$a" classify --assume "$fx/bloomberg-2014-fixture.json" --format csv -o "$T/as.csv"
expect_contains "$T/as.csv" "country:RU bloomberg_efficiency_rank=51@2014 ($fx/bloomberg-2014-fixture.json:165)"
analysed "$T/as.csv" >"$T/as"
# the same results as importing the facts: the assumption is applied, not just listed
check
diff "$T/as" "$T/a2" >/dev/null || fail "assumed facts give other clusters than imported ones"
expect_status 0 "$CS" --db "$a" classify --assume "$fx/bloomberg-2014-fixture.json" --format json
expect_contains "$T/out" '"built_on_assumptions": true,'
expect_contains "$T/out" '"assessment_run": null,'
expect_status 0 "$CS" --db "$a" report --format markdown --assume "$fx/bloomberg-2014-ru.json"
expect_contains "$T/out" "These results are built on assumed facts (1), not on the registry alone"
# and at the top, for every section: the assessment, the cards and the factors rest on them too
expect_contains "$T/out" "A scenario: this report is built on assumed facts (1) as well as the registry"
check
[ "$(grep -c "country RU: bloomberg\\\\_efficiency\\\\_rank = 51 (2014)" "$T/out")" -eq 2 ] ||
    fail "the assumed fact is not listed both at the top and in the typology section"
expect_contains "$T/out" "country RU: bloomberg\\_efficiency\\_rank = 51 (2014) ($fx/bloomberg-2014-ru.json, line 15)"
expect_status 0 "$CS" --db "$a" report --format json --no-cards --assume "$fx/bloomberg-2014-ru.json"
check
python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["typology"]
assert t["unknown"] == "pairwise" and t["unknown_means"] == "unknown kept apart", t
assert t["min_known"] == 5 and t["imputed_pairs"] >= 0
a = t["assumptions"]
assert len(a) == 1 and a[0]["subject"] == "RU" and a[0]["value"] == "51" and a[0]["line"] == 15, a
' "$T/out" || fail "report JSON: the typology's basis"
check
[ "$(cksum <"$a")" = "$sum_before" ] || fail "an assumption changed the registry"
check
[ "$(sqlite3 "$a" "SELECT count(*) FROM fact WHERE name = 'bloomberg_efficiency_rank' AND value <> ''")" -eq 0 ] ||
    fail "assumed facts reached the registry"
check
[ "$(sqlite3 "$a" 'SELECT count(*) FROM typology_partition')" -eq 0 ] || fail "a scenario was stored"

# an assumed fact overrides the registry's of the same subject, name and year
"$CS" --db "$a" import "$fx/bloomberg-2014-ru.json" >/dev/null || fail "import"
sum_before=$(cksum <"$a")
cat >"$T/facts.csv" <<'EOF'
subject_kind,subject,fact,year,value,status,source
country,RU,bloomberg_efficiency_rank,2014,3,estimated,test-fixture-bloomberg-2014
EOF
expect_status 0 "$CS" --db "$a" classify --assume "$T/facts.csv"
expect_contains "$T/out" "  country RU: bloomberg_efficiency_rank = 3 in 2014 ($T/facts.csv:2)"
check
[ "$(sqlite3 "$a" "SELECT value FROM fact WHERE subject = 'RU' AND name = 'bloomberg_efficiency_rank'")" = 51 ] ||
    fail "the registry's fact was replaced"
expect_status 0 "$CS" --db "$a" classify --assume "$fx/facts.bloomberg-2014-ru.csv" --no-store

# bad files: file, line, column, expected and found; exit 3; the registry untouched
printf 'subject_kind,subject,fact,year,value,status,source\ncountry,RU,bloomberg_efficiency_rank,20x4,51,estimated,test-fixture-bloomberg-2014\n' >"$T/facts.bad.csv"
expect_status 3 "$CS" --db "$a" classify --assume "$T/facts.bad.csv"
expect_contains "$T/err" "facts.bad.csv:2:4: expected a year such as 1994 in 'year', found \"20x4\""
printf 'subject_kind,subject,fact,year,value,status,source\ncountry,RU,bloomberg_efficiency_rank,2014,51,estimated,no-such-source\n' >"$T/facts.src.csv"
expect_status 3 "$CS" --db "$a" classify --assume "$T/facts.src.csv"
expect_contains "$T/err" "facts.src.csv:2:7: expected the key of a known source"
printf 'subject_kind,subject,fact,year,value,source\ncountry,RU,no_such_fact,2014,51,test-fixture-bloomberg-2014\n' >"$T/facts.name.csv"
expect_status 3 "$CS" --db "$a" classify --assume "$T/facts.name.csv"
expect_contains "$T/err" "facts.name.csv:2:"
printf '{"format": "clusterscope-registry", "version": 1, "facts": [\n {"subject_kind": "country", "subject": "RU", "fact": "bloomberg_efficiency_rank", "year": 2014, "value": "51", "status": "estimated", "source": "test-fixture-bloomberg-2014"},\n {"subject_kind": "planet", "subject": "RU", "fact": "bloomberg_efficiency_rank", "source": "test-fixture-bloomberg-2014"}\n]}\n' >"$T/bad.json"
expect_status 3 "$CS" --db "$a" classify --assume "$T/bad.json"
expect_contains "$T/err" "bad.json:3:"
expect_contains "$T/err" "planet"
printf '{"format": "clusterscope-registry", "version": 1, "facts": [\n' >"$T/cut.json"
expect_status 3 "$CS" --db "$a" classify --assume "$T/cut.json"
expect_contains "$T/err" "cut.json:"
printf 'key,name_en,country\nnew-cluster,New,RU\n' >"$T/clusters.csv"
expect_status 3 "$CS" --db "$a" classify --assume "$T/clusters.csv"
expect_contains "$T/err" "clusters.csv:2: expected facts, and the sources they cite, in a file of assumptions, found \"clusters\""
expect_status 3 "$CS" --db "$a" classify --assume data/reference/reference-groups.json
expect_contains "$T/err" "expected at least one fact to assume, found none"
printf 'subject_kind,subject,fact,year,value,source\n' >"$T/facts.empty.csv"
expect_status 3 "$CS" --db "$a" classify --assume "$T/facts.empty.csv"
expect_status 1 "$CS" --db "$a" classify --assume "$T/no-such-file.csv"
expect_contains "$T/err" "no-such-file.csv"
expect_status 3 "$CS" --db "$a" report --assume "$T/facts.bad.csv"
expect_contains "$T/err" "facts.bad.csv:2:4:"
expect_status 2 "$CS" --db "$a" classify --assume "$T/facts.csv" --run 1
expect_status 2 "$CS" --db "$a" classify --assume "$T/facts.csv" --reproduce 1
expect_status 2 "$CS" --db "$a" report --assume "$T/facts.csv" --partition 1
check
[ "$(cksum <"$a")" = "$sum_before" ] || fail "a refused assumption changed the registry"

# same input, same output
"$CS" --db "$a" classify --assume "$fx/bloomberg-2014-fixture.json" --format json >"$T/j1" 2>/dev/null
"$CS" --db "$a" classify --assume "$fx/bloomberg-2014-fixture.json" --format json >"$T/j2" 2>/dev/null
check
cmp -s "$T/j1" "$T/j2" || fail "not byte-identical"
# the help names every new setting
expect_status 0 "$CS" classify --help
expect_contains "$T/out" "--min-known N     analyse a cluster with at least N variables known"
expect_contains "$T/out" "--assume FILE     facts (CSV or JSON, as import reads them) assumed"
expect_contains "$T/out" "as-zero: the study's scoring,"
expect_status 0 "$CS" help report
expect_contains "$T/out" "--assume FILE    facts (CSV or JSON, as import reads them) assumed"
done_checks
