# Regional statistics in the registry (issue 13, migration 0010): a long-form CSV imports into
# the statistic table, exports back to the same bytes, and bad rows are refused with
# file:line:column and nothing stored.
. tests/cli/lib.sh

db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
printf 'code,name_en\nDE,Germany\n' >"$T/countries.csv"
printf 'key,country,name_en\nde-by,DE,Bavaria\nde-be,DE,Berlin\nde-hh,DE,Hamburg\n' >"$T/regions.csv"
printf 'key,title\nstat-office,Statistical office\n' >"$T/sources.csv"
expect_status 0 "$CS" --db "$db" import "$T/countries.csv" "$T/regions.csv" "$T/sources.csv"
cat >"$T/statistics.csv" <<'CSV'
region,industry,year,measure,value,source,status
de-by,C10,2020,employment,100,stat-office,stated
de-be,C10,2020,employment,50.5,stat-office,stated
de-by,C20,2020,employment,30,,
de-be,C20,2020,employment,0,,
de-hh,C20,2020,employment,12,,
de-by,C10,2020,establishments,4,,
de-by,C10,2021,employment,110,,estimated
CSV
expect_status 0 "$CS" --db "$db" import "$T/statistics.csv"
expect_contains "$T/out" "statistics               7 new"
check
[ "$(sqlite3 "$db" "SELECT value FROM statistic WHERE region = 'de-be' AND industry = 'C10'")" = 50.5 ] ||
    fail "value not stored"
check
[ "$(sqlite3 "$db" "SELECT source || '/' || status FROM statistic WHERE region = 'de-by' AND industry = 'C10' AND year = 2020 AND measure = 'employment'")" = stat-office/stated ] ||
    fail "source and status not stored"

# export and import back: the same bytes
expect_status 0 "$CS" --db "$db" export --format csv -o "$T/out1"
expect_contains "$T/out1/statistics.csv" "de-be,C10,2020,employment,50.5,stat-office,stated,,"
expect_contains "$T/out1/statistics.csv" "de-by,C10,2021,employment,110,,estimated,,"
expect_status 0 "$CS" --db "$T/r2.db" init
expect_status 0 "$CS" --db "$T/r2.db" import "$T"/out1/*.csv
expect_status 0 "$CS" --db "$T/r2.db" export --format csv -o "$T/out2"
check
diff -r "$T/out1" "$T/out2" >&2 || fail "statistics do not round-trip through CSV"
expect_status 0 "$CS" --db "$db" export -o "$T/all.json"
expect_status 0 "$CS" --db "$T/r3.db" init
expect_status 0 "$CS" --db "$T/r3.db" import "$T/all.json"
expect_status 0 "$CS" --db "$T/r3.db" export --format csv -o "$T/out3"
check
diff -r "$T/out1" "$T/out3" >&2 || fail "statistics do not round-trip through JSON"

# bad rows: refused with file:line:column, exit 3, nothing stored
bad() { # bad NAME ROW MESSAGE
    printf 'region,industry,year,measure,value\nde-by,C30,2020,employment,1\n%s\n' "$2" >"$T/$1.csv"
    expect_status 3 "$CS" --db "$db" import --kind statistics "$T/$1.csv"
    expect_contains "$T/err" "$3"
}
bad unknown 'de-xx,C30,2020,employment,5' \
    "unknown.csv:3:1: expected the key of a known region (import it first or in the same import), found \"de-xx\""
bad negative 'de-hh,C30,2020,employment,-1' "negative.csv:3:5: expected a value of at least 0, found \"-1\""
bad text 'de-hh,C30,2020,employment,many' "text.csv:3:5: expected a finite number in 'value', found \"many\""
bad repeated 'de-by,C30,2020,employment,2' \
    "repeated.csv:3:4: expected a statistic key not used before in this import (first at line 2"
bad status 'de-hh,C30,2020,employment,1,,guessed' "status.csv:3:"
check
[ "$(sqlite3 "$db" "SELECT count(*) FROM statistic")" -eq 7 ] || fail "a refused import stored rows"
check
[ "$(sqlite3 "$db" "SELECT count(*) FROM statistic WHERE industry = 'C30'")" -eq 0 ] ||
    fail "a refused import stored its good rows"
done_checks
