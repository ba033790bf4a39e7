# Classifications, hierarchies and concordances (issue 13, migration 0011) from the command
# line: files named by their kind or recognised by their header, regions with parent, type and
# code, statistics in wide form; export and import back give the same bytes (CSV and JSON);
# every refusal exits 3 with file:line:column and stores nothing.
. tests/cli/lib.sh

db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
printf 'code,name_en\nDE,Germany\nFR,France\n' >"$T/countries.csv"
printf 'key,title\nstat,Statistical office\n' >"$T/sources.csv"
# a child before its parent, in both hierarchies
printf 'key,country,name_en,parent,type,code\nde-mitte,DE,Mitte,de-be,municipality,\nde-be,DE,Berlin,,state,DE-BE\nfr-idf,FR,IdF,,nuts1,FR-IDF\n' >"$T/regions.csv"
printf 'key,kind,name_en,name_ru,source\nnace2,industry,NACE Rev. 2,ОКВЭД,stat\nus-cmp,category,US clusters,,\n' >"$T/c1.csv"
printf 'classification,code,name_en,parent,type\nnace2,21.10,Basic pharmaceuticals,21,\nnace2,21,Pharmaceuticals,C,\nnace2,C,Manufacturing,,\nus-cmp,21,Biopharmaceuticals,,traded\nus-cmp,22,Local health,,local\n' >"$T/c2.csv"
printf 'classification,industry,scheme,category,source\nnace2,21.10,us-cmp,21,stat\n' >"$T/c3.csv"
# unnamed files: each header fits one kind only
expect_status 0 "$CS" --db "$db" import "$T/countries.csv" "$T/sources.csv" "$T/regions.csv" \
    "$T/c1.csv" "$T/c2.csv" "$T/c3.csv"
expect_contains "$T/out" "classifications          2 new"
expect_contains "$T/out" "industries               5 new"
expect_contains "$T/out" "concordance              1 new"
check
[ "$(sqlite3 "$db" "SELECT parent || '/' || type FROM region WHERE key = 'de-mitte'")" = de-be/municipality ] ||
    fail "region parent and type not stored"
check

# statistics in wide form, both ways; an empty cell stores no row
printf 'region,classification,industry,measure,2019,2020\nde-be,nace2,21.10,employment,5,\nde-mitte,nace2,C,employment,1,2\n' >"$T/w1.csv"
printf 'region,year,measure,classification,21,C\nfr-idf,2021,employment,nace2,7,\n' >"$T/w2.csv"
expect_status 0 "$CS" --db "$db" import --kind statistics "$T/w1.csv" "$T/w2.csv"
expect_contains "$T/out" "statistics               4 new"
check
[ "$(sqlite3 "$db" "SELECT count(*) FROM statistic WHERE region = 'de-be'")" = 1 ] ||
    fail "an empty wide cell stored a row"
check

# export and back: the same bytes
expect_status 0 "$CS" --db "$db" export --format csv -o "$T/out1"
expect_contains "$T/out1/regions.csv" "de-mitte,DE,Mitte,,de-be,municipality,"
expect_contains "$T/out1/statistics.csv" "de-be,nace2,21.10,2019,employment,5,,,,"
expect_status 0 "$CS" --db "$T/r2.db" init
expect_status 0 "$CS" --db "$T/r2.db" import "$T"/out1/*.csv
expect_status 0 "$CS" --db "$T/r2.db" export --format csv -o "$T/out2"
check
diff -r "$T/out1" "$T/out2" >&2 || fail "classifications do not round-trip through CSV"
expect_status 0 "$CS" --db "$db" export -o "$T/all.json"
expect_status 0 "$CS" --db "$T/r3.db" init
expect_status 0 "$CS" --db "$T/r3.db" import "$T/all.json"
expect_status 0 "$CS" --db "$T/r3.db" export --format csv -o "$T/out3"
check
diff -r "$T/out1" "$T/out3" >&2 || fail "classifications do not round-trip through JSON"

# refusals: exit 3, file:line:column, nothing stored
sqlite3 "$db" .dump >"$T/before.sql"
bad() { # bad KIND FILE TEXT MESSAGE
    printf "$3" >"$T/$2"
    expect_status 3 "$CS" --db "$db" import --kind "$1" "$T/$2"
    expect_contains "$T/err" "$4"
    sqlite3 "$db" .dump >"$T/after.sql"
    cmp -s "$T/before.sql" "$T/after.sql" || fail "$2: a refused import stored something"
    check
}
bad regions cycle.csv 'key,country,name_en,parent\na1,DE,A1,a2\na2,DE,A2,a1\n' \
    'cycle.csv:2:4: expected a parent chain without a cycle (a1 -> a2 -> a1), found "a2"'
bad regions country.csv 'key,country,name_en,parent\nb1,DE,B1,fr-idf\n' \
    'country.csv:2:4: expected a parent region in the country of region b1, DE (fr-idf is in FR)'
bad regions type.csv 'key,country,name_en,type\nb1,DE,B1,city\n' \
    "type.csv:2:4: expected one of federal_district|federal_subject|municipality|state|county|economic_area|metro_area|nuts1|nuts2|nuts3|custom in 'type', found \"city\""
bad regions code.csv 'key,country,name_en,code\nb1,DE,B1,FR-IDF\n' \
    'code.csv:2:4: expected a code no other region has (region fr-idf has it), found "FR-IDF"'
bad industries unknown.csv 'classification,code\nokved2,21\n' \
    'unknown.csv:2:1: expected the key of a known classification (import it first or in the same import), found "okved2"'
bad industries parent.csv 'classification,code,parent\nnace2,22,X\n' \
    'parent.csv:2:3: expected a code of classification nace2 (stored, or in this import), found "X"'
bad concordance twice.csv 'classification,industry,scheme,category\nnace2,C,us-cmp,21\nnace2,21,us-cmp,22\nnace2,C,us-cmp,22\n' \
    'twice.csv:4:2: expected industry C mapped once in scheme us-cmp (line 2 maps it to 21), found it again'
bad concordance scheme.csv 'classification,industry,scheme,category\nnace2,C,nace2,21\n' \
    'scheme.csv:2:3: expected a scheme of cluster categories (a classification of kind category; nace2 is of kind industry), found "nace2"'
bad concordance category.csv 'classification,industry,scheme,category\nnace2,C,us-cmp,99\n' \
    'category.csv:2:4: expected a category of classification us-cmp, found "99"'
bad statistics code.csv 'region,classification,industry,year,measure,value\nde-be,nace2,99.99,2020,employment,1\n' \
    'code.csv:2:3: expected an industry of classification nace2, found "99.99"'
bad statistics wide.csv 'region,industry,measure,2019,2020\nde-be,C,employment,1,-2\n' \
    'wide.csv:2:5: expected a value of at least 0, found "-2"'
bad statistics region.csv 'region,year,measure,C,D\nde-be,2020,employment,1,2\nxx,2020,employment,,3\n' \
    'region.csv:3:1: expected the key of a known region (import it first or in the same import), found "xx"'
done_checks
