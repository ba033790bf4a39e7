# Every bad input of the regional commands (issue 13, "Bad input"), each on both paths where it
# applies: a CSV file given to the command, and the registry (`import` of the bad file, then the
# command without FILE). Each refusal exits 3 with FILE:LINE:COLUMN (or the registry and what it
# lacks) and the words expected and found; a refused import leaves the registry byte-for-byte as
# it was. Also the 0/0 cells (an empty category, an empty region) and the rounded table.
. tests/cli/lib.sh

db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
printf 'code,name_en\nUS,United States\n' >"$T/countries.csv"
printf 'key,country,name_en,type,parent\nus-ca,US,California,state,\nc1,US,County 1,county,us-ca\nc2,US,County 2,county,us-ca\nc3,US,County 3,county,us-ca\n' \
    >"$T/regions.csv"
printf 'key,kind,name_en\nnaics,industry,NAICS\ncmp,category,CMP\n' >"$T/classifications.csv"
printf 'classification,code,type\nnaics,111,\nnaics,112,\nnaics,211,\ncmp,A,traded\ncmp,B,traded\n' \
    >"$T/industries.csv"
printf 'classification,industry,scheme,category\nnaics,111,cmp,A\nnaics,112,cmp,A\nnaics,211,cmp,B\n' \
    >"$T/concordance.csv"
expect_status 0 "$CS" --db "$db" import "$T/countries.csv" "$T/regions.csv" \
    "$T/classifications.csv" "$T/industries.csv" "$T/concordance.csv"
# employment 2019 and 2020, establishments 2020 only; industry 211 is 0 everywhere in 2020 (an
# empty category), county c3 is 0 in every industry in 2020 (an empty region)
cat >"$T/statistics.csv" <<'CSV'
region,classification,industry,year,measure,value
c1,naics,111,2020,employment,10
c1,naics,112,2020,employment,20
c1,naics,211,2020,employment,0
c2,naics,111,2020,employment,30
c2,naics,112,2020,employment,10
c3,naics,111,2020,employment,0
c1,naics,111,2019,employment,8
c2,naics,112,2019,employment,9
c1,naics,111,2020,establishments,1
c1,naics,112,2020,establishments,2
c2,naics,111,2020,establishments,3
c2,naics,112,2020,establishments,1
c1,naics,111,2020,zeros,0
c2,naics,112,2020,zeros,0
CSV
expect_status 0 "$CS" --db "$db" import "$T/statistics.csv"
sqlite3 "$db" .dump >"$T/before.sql"
unchanged() { # unchanged WHAT: the registry is byte-for-byte what it was before the refusals
    sqlite3 "$db" .dump >"$T/after.sql"
    check
    cmp -s "$T/before.sql" "$T/after.sql" || fail "$1: the registry changed"
}
# refused IMPORT-ARGS... -- MESSAGE: a refused import, exit 3, its message, nothing stored
refused_import() {
    msg=$1
    shift
    expect_status 3 "$CS" --db "$db" import "$@"
    expect_contains "$T/err" "$msg"
    unchanged "import $*"
}

# ---- 1. a region or industry not in its classification
# import: a region, a classification, an industry code the registry lacks; the good rows
# before the bad one are not stored either
printf 'region,classification,industry,year,measure,value\nc1,naics,111,2021,employment,4\nxx,naics,111,2021,employment,5\n' \
    >"$T/region.csv"
refused_import 'region.csv:3:1: expected the key of a known region (import it first or in the same import), found "xx"' \
    "$T/region.csv"
printf 'region,year,measure,classification,111,112\nc1,2021,employment,naics,1,2\nc9,2021,employment,naics,3,\n' \
    >"$T/wide.csv"
refused_import 'wide.csv:3:1: expected the key of a known region (import it first or in the same import), found "c9"' \
    --kind statistics "$T/wide.csv"
printf 'region,classification,industry,year,measure,value\nc1,nace,111,2021,employment,4\n' >"$T/class.csv"
refused_import 'class.csv:2:2: expected the key of a known classification (import it first or in the same import), found "nace"' \
    "$T/class.csv"
printf 'region,classification,industry,year,measure,value\nc1,naics,111,2021,employment,4\nc1,naics,999,2021,employment,4\n' \
    >"$T/code.csv"
refused_import 'code.csv:3:3: expected an industry of classification naics, found "999"' "$T/code.csv"
# ... with a good file of another kind in the same import: nothing of it is stored either
printf 'key,country,name_en,type,parent\nc4,US,County 4,county,us-ca\n' >"$T/more_regions.csv"
refused_import 'code.csv:3:3: expected an industry of classification naics, found "999"' \
    "$T/more_regions.csv" "$T/code.csv"
# the commands: a classification or scheme the registry lacks
expect_status 3 "$CS" specialisation --db "$db" --classification nace --measure lq --year 2020
expect_contains "$T/err" "clusterscope: the registry's statistics: expected a classification the registry holds (cmp, naics), found \"nace\""
expect_status 3 "$CS" strong-clusters --db "$db" --classification naics --concordance eco --year 2020
expect_contains "$T/err" "clusterscope: the registry's statistics: expected a concordance scheme from classification 'naics' (cmp), found \"eco\""
expect_status 3 "$CS" shift-share --db "$db" --classification naics --concordance eco --from 2019 --to 2020
expect_contains "$T/err" "expected a concordance scheme from classification 'naics' (cmp), found \"eco\""
expect_status 3 "$CS" specialisation --db "$db" --classification naics --measure lq --stat wages --year 2020
expect_contains "$T/err" "clusterscope: the registry holds no statistics of measure wages in classification 'naics'"
# a file given to a command has no classification to check against: its codes are its own

# ---- 2. a concordance that maps one industry twice: in one file, in two files of one import
printf 'classification,industry,scheme,category\nnaics,111,cmp,A\nnaics,111,cmp,B\n' >"$T/twice.csv"
refused_import 'twice.csv:3:2: expected industry 111 mapped once in scheme cmp (line 2 maps it to A), found it again' \
    "$T/twice.csv"
printf 'classification,industry,scheme,category\nnaics,112,cmp,B\n' >"$T/twice2.csv"
printf 'classification,industry,scheme,category\nnaics,112,cmp,A\n' >"$T/twice1.csv"
refused_import "twice2.csv:2:2: expected industry 112 mapped once in scheme cmp ($T/twice1.csv line 2 maps it to A), found it again" \
    "$T/twice1.csv" "$T/twice2.csv"

# ---- 3. negative values: every statistic is a count or a sum (the measures divide by totals)
printf 'region,classification,industry,year,measure,value\nc1,naics,111,2021,employment,4\nc2,naics,111,2021,employment,-3\n' \
    >"$T/negative.csv"
refused_import 'negative.csv:3:6: expected a value of at least 0, found "-3"' "$T/negative.csv"
printf 'region,classification,industry,measure,2020,2021\nc1,naics,111,wages,5,-0.5\n' >"$T/negwide.csv"
refused_import 'negwide.csv:2:6: expected a value of at least 0, found "-0.5"' --kind statistics "$T/negwide.csv"
printf 'region,industry,value\nA,x,3\nA,y,-2\n' >"$T/neg.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/neg.csv"
expect_contains "$T/err" "neg.csv:3:3: expected a value of at least 0, found \"-2\""
printf 'region,category,establishments,employment\nA,x,1,3\nA,y,1,-2\n' >"$T/negsc.csv"
expect_status 3 "$CS" strong-clusters "$T/negsc.csv"
expect_contains "$T/err" "negsc.csv:3:4: expected a value of at least 0, found \"-2\""
printf 'region,category,employment,establishments\nA,x,3,-1\n' >"$T/negest.csv"
expect_status 3 "$CS" strong-clusters "$T/negest.csv"
expect_contains "$T/err" "negest.csv:2:4: expected a value of at least 0, found \"-1\""

# ---- 4. a year outside the data: --year, shift-share --from and --to, on a file and the registry
printf 'region,industry,year,value\nA,x,2019,1\nA,y,2020,2\nB,x,2020,4\n' >"$T/years.csv"
expect_status 3 "$CS" specialisation --measure lq --year 2030 "$T/years.csv"
expect_contains "$T/err" "years.csv: expected a year the file holds (2019, 2020), found \"2030\""
expect_status 3 "$CS" shift-share --from 2018 --to 2020 "$T/years.csv"
expect_contains "$T/err" "years.csv: expected a year the file holds (2019, 2020), found \"2018\""
expect_status 3 "$CS" shift-share --from 2019 --to 2031 "$T/years.csv"
expect_contains "$T/err" "years.csv: expected a year the file holds (2019, 2020), found \"2031\""
printf 'region,category,employment,establishments,year\nA,x,1,1,2020\n' >"$T/scyear.csv"
expect_status 3 "$CS" strong-clusters --year 2019 "$T/scyear.csv"
expect_contains "$T/err" "scyear.csv: expected a year the file holds (2020), found \"2019\""
expect_status 3 "$CS" specialisation --db "$db" --measure lq --year 2030
expect_contains "$T/err" "clusterscope: the registry's statistics: expected a year of the registry's employment statistics in classification 'naics' (2019, 2020), found \"2030\""
expect_status 3 "$CS" specialisation --db "$db" --classification naics --measure lq --year 2018
expect_contains "$T/err" "expected a year of the registry's employment statistics in classification 'naics' (2019, 2020), found \"2018\""
expect_status 3 "$CS" shift-share --db "$db" --from 2018 --to 2020
expect_contains "$T/err" "the registry's statistics: expected a year of the registry's employment statistics in classification 'naics' (2019, 2020), found \"2018\""
expect_status 3 "$CS" shift-share --db "$db" --from 2019 --to 2021
expect_contains "$T/err" "the registry's statistics: expected a year of the registry's employment statistics in classification 'naics' (2019, 2020), found \"2021\""
expect_status 3 "$CS" strong-clusters --db "$db" --year 2030
expect_contains "$T/err" "the registry's statistics: expected a year of the registry's employment or establishments statistics in classification 'naics' (2019, 2020), found \"2030\""
expect_status 3 "$CS" specialisation --db "$db" --measure lq
expect_contains "$T/err" "the registry's statistics: expected the values of one year, found 2 years (2019, 2020); choose one"
check
! grep -q "the file holds" "$T/err" || fail "a message about the registry speaks of a file"

# ---- 5. a measure on data that lack it: the CMP rule needs establishments
printf 'region,category,employment\nA,x,1\nB,x,2\n' >"$T/noest.csv"
expect_status 3 "$CS" strong-clusters "$T/noest.csv"
expect_contains "$T/err" "noest.csv:1: expected a column 'establishments' in the header, found \"region,category,employment\""
printf 'category,category2,strength,related\nx,y,1,1\n' >"$T/table0.csv"
expect_status 3 "$CS" related-clusters --table "$T/table0.csv" "$T/noest.csv"
expect_contains "$T/err" "noest.csv:1: expected a column 'establishments' in the header"
expect_status 0 "$CS" strong-clusters --rule eco --format csv "$T/noest.csv" # ECO needs none
# the registry: establishments are held for 2020, not 2019
expect_status 3 "$CS" strong-clusters --db "$db" --year 2019
expect_contains "$T/err" "clusterscope: the registry's statistics: expected values of measure establishments in 2019 beside employment (the command needs both), found none; the registry holds establishments statistics in classification 'naics' for the years 2020"
expect_status 3 "$CS" strong-clusters --db "$db" --regions --classification naics --concordance cmp --year 2019
expect_contains "$T/err" "expected values of measure establishments in 2019 beside employment (the command needs both), found none; the registry holds establishments statistics in classification 'naics' for the years 2020"
printf 'category,category2,strength,related\nA,B,1,1\n' >"$T/table.csv"
expect_status 3 "$CS" related-clusters --table "$T/table.csv" --db "$db" --year 2019
expect_contains "$T/err" "expected values of measure establishments in 2019 beside employment"
expect_status 0 "$CS" strong-clusters --db "$db" --rule eco --year 2019 --format csv
expect_contains "$T/out" "c1,111,"
expect_status 0 "$CS" strong-clusters --db "$db" --year 2020 --format csv
expect_contains "$T/out" "c1,111,"

# ---- 6. 0/0: an empty category (211, 0 everywhere), an empty region (c3), data of only zeros
# LQ: 0, as EconGeo's location_quotient and the CMP's code do, and a note says so; measures
# whose reference has no value (Gini of an empty industry, Krugman of an empty region) are
# undefined: empty in CSV, null in JSON, "?" in the table. Only zeros: refused.
cat >"$T/empty.csv" <<'CSV'
region,industry,value
c1,111,10
c1,112,20
c1,211,0
c2,111,30
c2,112,10
c3,111,0
CSV
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/empty.csv"
mv "$T/out" "$T/file.out"
expect_contains "$T/file.out" "c1,211,0"
expect_contains "$T/file.out" "c3,111,0"
expect_contains "$T/err" "clusterscope: note: $T/empty.csv: 1 industry ('211') is 0 in every region and 1 region ('c3') is 0 in every industry: their location quotients are 0/0, given as 0 (as EconGeo's location_quotient)"
expect_status 0 "$CS" specialisation --db "$db" --measure lq --year 2020 --format csv
check
cmp "$T/file.out" "$T/out" >&2 || fail "0/0 cells: the registry and the file differ"
expect_contains "$T/err" "clusterscope: note: the registry's statistics: 1 industry ('211') is 0 in every region and 1 region ('c3') is 0 in every industry"
expect_status 0 "$CS" specialisation --measure gini --format csv "$T/empty.csv"
expect_contains "$T/out" "211,"
check
grep -qx "211," "$T/out" || fail "the Gini of an empty industry is not an empty cell"
expect_status 0 "$CS" specialisation --measure krugman --format json "$T/empty.csv"
expect_contains "$T/out" '"region": "c3",'
check
grep -A1 '"region": "c3"' "$T/out" | grep -q '"krugman": null' || fail "Krugman of an empty region is not null"
expect_status 0 "$CS" specialisation --measure krugman "$T/empty.csv"
check
grep -Eq '^c3 +\?$' "$T/out" || fail "an undefined value is not '?' in the table: $(cat "$T/out")"
printf 'region,category,employment,establishments\nc1,A,5,1\nc1,B,0,0\nc2,A,7,2\n' >"$T/emptysc.csv"
expect_status 0 "$CS" strong-clusters --format csv "$T/emptysc.csv"
expect_contains "$T/out" "c1,B,0,0,0,0,0"
expect_contains "$T/err" "note: $T/emptysc.csv: 1 category ('B') is 0 in every region: their location quotients are 0/0, given as 0 and no flag (as the CMP's code)"
expect_status 0 "$CS" specialisation --measure co-occurrence --format csv "$T/empty.csv"
expect_contains "$T/err" "1 industry ('211') is 0 in every region and 1 region ('c3') is 0 in every industry"
expect_status 0 "$CS" specialisation --measure herfindahl --format csv "$T/empty.csv"
expect_contains "$T/out" "c3,"
check
[ ! -s "$T/err" ] || fail "a note for a measure whose 0/0 is undefined: $(cat "$T/err")"
# no note where there is no 0/0
printf 'region,industry,value\nA,x,1\nB,y,2\nB,x,3\n' >"$T/full.csv"
expect_status 0 "$CS" specialisation --measure lq "$T/full.csv"
check
[ ! -s "$T/err" ] || fail "a note without an empty category: $(cat "$T/err")"
# only zeros: every share is 0/0, refused (a file, one year of a file, the registry)
printf 'region,industry,value\nA,x,0\nB,y,0\n' >"$T/zeros.csv"
for m in lq krugman gini relatedness; do
    expect_status 3 "$CS" specialisation --measure "$m" "$T/zeros.csv"
    expect_contains "$T/err" "zeros.csv: expected some value above 0 (every share and quotient divides by its total), found only zeros"
done
printf 'region,category,employment,establishments\nA,x,0,1\n' >"$T/zerosc.csv"
expect_status 3 "$CS" strong-clusters "$T/zerosc.csv"
expect_contains "$T/err" "zerosc.csv: expected some employment above 0"
printf 'region,category,employment,establishments\nA,x,3,0\n' >"$T/zeroest.csv"
expect_status 3 "$CS" strong-clusters "$T/zeroest.csv"
expect_contains "$T/err" "zeroest.csv: expected some establishments above 0"
expect_status 0 "$CS" strong-clusters --rule eco "$T/zeroest.csv"
printf 'region,industry,year,value\nA,x,2019,0\nA,x,2020,5\n' >"$T/zeroyear.csv"
expect_status 3 "$CS" shift-share --from 2019 --to 2020 "$T/zeroyear.csv"
expect_contains "$T/err" "zeroyear.csv: expected some value above 0 in 2019 (every share and quotient divides by its total), found only zeros"
expect_status 3 "$CS" specialisation --db "$db" --stat zeros --measure lq
expect_contains "$T/err" "clusterscope: the registry's statistics: expected some zeros above 0 in 2020 (every share and quotient divides by its total), found only zeros"

# ---- 7. the table rounds (3 decimals at most, as many as the column needs) in the language's
# style; CSV and JSON stay exact
printf 'region,industry,value\nA,x,1\nA,y,2\nB,x,3000\n' >"$T/round.csv"
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/round.csv"
expect_contains "$T/out" "A,y,1001" # (2/3) / (2/3003)
expect_contains "$T/out" "A,x,0.3335554815061646" # (1/3) / (3001/3003)
expect_status 0 "$CS" specialisation --measure lq "$T/round.csv"
expect_contains "$T/out" "A       y         1,001.000"
expect_contains "$T/out" "A       x             0.334"
expect_contains "$T/out" "B       y             0.000"
expect_status 0 "$CS" specialisation --measure lq --lang ru "$T/round.csv"
expect_contains "$T/out" "A       y        1001,000"
expect_contains "$T/out" "A       x           0,334"
expect_status 0 "$CS" specialisation --measure diversity "$T/round.csv"
expect_contains "$T/out" "A               1"

# the commands above read the registry; none of them changed it
unchanged "the commands"
done_checks
