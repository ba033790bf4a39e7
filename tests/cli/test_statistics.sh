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
expect_contains "$T/out1/statistics.csv" "de-be,,C10,2020,employment,50.5,stat-office,stated,,"
expect_contains "$T/out1/statistics.csv" "de-by,,C10,2021,employment,110,,estimated,,"
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

# the regional commands on the registry's statistics give exactly what the same data as a CSV
# file give
printf 'region,industry,value\nde-by,C10,100\nde-be,C10,50.5\nde-by,C20,30\nde-be,C20,0\nde-hh,C20,12\n' \
    >"$T/emp2020.csv"
for m in lq lq-binary krugman hoover herfindahl entropy gini diversity ubiquity co-occurrence relatedness density; do
    expect_status 0 "$CS" specialisation --measure "$m" --format csv "$T/emp2020.csv"
    mv "$T/out" "$T/file.out"
    expect_status 0 "$CS" specialisation --db "$db" --measure "$m" --year 2020 --format csv
    check
    cmp "$T/file.out" "$T/out" >&2 || fail "specialisation --measure $m: registry and file differ"
done
expect_contains "$T/file.out" "density"
# the establishments of 2020 (one row): --stat picks it
printf 'region,industry,value\nde-by,C10,4\n' >"$T/est.csv"
expect_status 0 "$CS" specialisation --measure lq --format json "$T/est.csv"
mv "$T/out" "$T/file.out"
expect_status 0 "$CS" specialisation --db "$db" --measure lq --stat establishments --year 2020 --format json
check
cmp "$T/file.out" "$T/out" >&2 || fail "--stat establishments: registry and file differ"
# several years without --year, a year not held, a measure not held, FILE with --stat
expect_status 3 "$CS" specialisation --db "$db" --measure lq
expect_contains "$T/err" "the registry's statistics: expected the values of one year, found 2 years (2020, 2021); choose one"
expect_status 3 "$CS" specialisation --db "$db" --measure lq --year 2030
expect_contains "$T/err" "the registry's statistics: expected a year of the registry's employment statistics (2020, 2021), found \"2030\""
expect_status 3 "$CS" specialisation --db "$db" --measure lq --stat wages --year 2020
expect_contains "$T/err" "the registry holds no statistics of measure wages"
expect_status 2 "$CS" specialisation --db "$db" --measure lq --stat wages "$T/est.csv"
expect_contains "$T/err" "--stat and --db are for the registry's statistics (no FILE)"
expect_status 1 "$CS" specialisation --db "$T/none.db" --measure lq

# strong-clusters: employment and establishments from the registry
cat >"$T/sc.csv" <<'CSV'
region,category,year,employment,establishments
de-by,C10,2020,100,4
de-be,C10,2020,50.5,2
de-by,C20,2020,30,1
de-be,C20,2020,0,0
de-hh,C20,2020,12,3
CSV
mkdir "$T/sc"
awk -F, 'NR == 1 { print "region,industry,year,measure,value"; next }
    { print $1 "," $2 "," $3 ",employment," $4; print $1 "," $2 "," $3 ",establishments," $5 }' \
    "$T/sc.csv" >"$T/sc/statistics.csv"
expect_status 0 "$CS" --db "$T/sc.db" init
expect_status 0 "$CS" --db "$T/sc.db" import "$T/countries.csv" "$T/regions.csv" "$T/sc/statistics.csv"
for args in "--rule cmp" "--rule eco" "--regions"; do
    # shellcheck disable=SC2086
    expect_status 0 "$CS" strong-clusters $args --format csv "$T/sc.csv"
    mv "$T/out" "$T/file.out"
    # shellcheck disable=SC2086
    expect_status 0 "$CS" strong-clusters --db "$T/sc.db" $args --format csv
    check
    cmp "$T/file.out" "$T/out" >&2 || fail "strong-clusters $args: registry and file differ"
done
expect_contains "$T/out" "de-by,0,130,0,2,50"
expect_status 0 "$CS" --db "$T/empty.db" init
expect_status 3 "$CS" strong-clusters --db "$T/empty.db" --year 2020
expect_contains "$T/err" "the registry holds no statistics of measure employment or establishments"
expect_status 2 "$CS" strong-clusters --db "$T/sc.db" "$T/sc.csv"
expect_contains "$T/err" "--db is for the registry's statistics (no FILE)"
done_checks
