# The regional commands on the registry's statistics selected and summed (issue 13, migration
# 0011): --classification, --level (counties summed into their state) and --concordance
# (industries summed into cluster categories, what has no category left out with a note),
# shift-share and related-clusters without FILE. Every sum is worked by hand below, and each
# result equals what the same sums give as a CSV file, byte for byte.
. tests/cli/lib.sh

db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
printf 'code,name_en\nUS,United States\n' >"$T/countries.csv"
cat >"$T/regions.csv" <<'CSV'
key,country,name_en,type,parent
us-ca,US,California,state,
us-ny,US,New York,state,
c1,US,County 1,county,us-ca
c2,US,County 2,county,us-ca
c3,US,County 3,county,us-ny
c9,US,County 9,county,
CSV
printf 'key,kind,name_en\nnaics,industry,NAICS\nokved,industry,OKVED 2\ncmp,category,CMP\n' \
    >"$T/classifications.csv"
cat >"$T/industries.csv" <<'CSV'
classification,code,type
naics,111,
naics,112,
naics,211,
naics,311,
okved,111,
cmp,A,traded
cmp,B,local
CSV
printf 'classification,industry,scheme,category\nnaics,111,cmp,A\nnaics,112,cmp,A\nnaics,211,cmp,B\n' \
    >"$T/concordance.csv"
expect_status 0 "$CS" --db "$db" import "$T/countries.csv" "$T/regions.csv" \
    "$T/classifications.csv" "$T/industries.csv" "$T/concordance.csv"
check
# employment 2020 and 2019, establishments 2020 (naics); jobs spans two classifications;
# payroll has a county without a state; sales is held by a state and by its county; visits by
# a state itself and by a county of the other state
cat >"$T/statistics.csv" <<'CSV'
region,classification,industry,year,measure,value
c1,naics,111,2020,employment,10
c1,naics,112,2020,employment,20
c1,naics,211,2020,employment,5
c1,naics,311,2020,employment,5
c2,naics,111,2020,employment,30
c2,naics,211,2020,employment,15
c3,naics,111,2020,employment,5
c3,naics,112,2020,employment,45
c3,naics,211,2020,employment,10
c1,naics,111,2019,employment,8
c1,naics,112,2019,employment,20
c2,naics,111,2019,employment,20
c3,naics,111,2019,employment,5
c3,naics,112,2019,employment,40
c3,naics,211,2019,employment,10
c1,naics,111,2020,establishments,1
c1,naics,112,2020,establishments,2
c1,naics,211,2020,establishments,1
c2,naics,111,2020,establishments,3
c2,naics,211,2020,establishments,2
c3,naics,111,2020,establishments,1
c3,naics,112,2020,establishments,4
c3,naics,211,2020,establishments,1
c1,naics,111,2020,jobs,1
c1,okved,111,2020,jobs,1
c1,naics,111,2020,payroll,1
c9,naics,111,2020,payroll,1
us-ca,naics,111,2020,sales,4
c1,naics,111,2020,sales,1
us-ny,naics,111,2020,visits,7
c1,naics,111,2020,visits,3
c1,naics,112,2020,visits,1
CSV
expect_status 0 "$CS" --db "$db" import "$T/statistics.csv"

same() { # same WHAT FILE-OUTPUT: the registry's output ($T/out) equals the file's
    check
    cmp "$2" "$T/out" >&2 || fail "$1: registry and file differ"
}

# ---- --classification alone: the counties as stored
printf 'region,industry,value\nc1,111,10\nc1,112,20\nc1,211,5\nc1,311,5\nc2,111,30\nc2,211,15\nc3,111,5\nc3,112,45\nc3,211,10\n' \
    >"$T/county.csv"
for m in lq krugman gini relatedness; do
    expect_status 0 "$CS" specialisation --measure "$m" --format csv "$T/county.csv"
    mv "$T/out" "$T/file.out"
    expect_status 0 "$CS" specialisation --db "$db" --classification naics --measure "$m" \
        --year 2020 --format csv
    same "specialisation --measure $m --classification naics" "$T/file.out"
done

# ---- --level state: us-ca = c1 + c2: 111 40, 112 20, 211 20, 311 5 (85); us-ny = c3: 111 5,
# 112 45, 211 10 (60); 111 in all 45 of 145. LQ(us-ca, 111) = (40/85) / (45/145) = 232/153
printf 'region,industry,value\nus-ca,111,40\nus-ca,112,20\nus-ca,211,20\nus-ca,311,5\nus-ny,111,5\nus-ny,112,45\nus-ny,211,10\n' \
    >"$T/state.csv"
for m in lq hoover herfindahl entropy; do
    expect_status 0 "$CS" specialisation --measure "$m" --format csv "$T/state.csv"
    mv "$T/out" "$T/file.out"
    expect_status 0 "$CS" specialisation --db "$db" --classification naics --level state \
        --measure "$m" --year 2020 --format csv
    same "specialisation --measure $m --level state" "$T/file.out"
done
expect_status 0 "$CS" specialisation --db "$db" --classification naics --level state \
    --measure lq --year 2020 --format csv
check
awk -F, '$1 == "us-ca" && $2 == "111" { d = $3 - 232 / 153; ok = d < 1e-12 && d > -1e-12 }
    END { exit !ok }' "$T/out" || fail "LQ(us-ca, 111) is not 232/153: $(cat "$T/out")"
[ "$(grep -c '^c[0-9]' "$T/out")" -eq 0 ] || fail "--level state left a county in the output"
check
# a region itself of the level counts for itself: visits us-ny 111 7; us-ca = c1: 111 3, 112 1
printf 'region,industry,value\nus-ca,111,3\nus-ca,112,1\nus-ny,111,7\n' >"$T/visits.csv"
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/visits.csv"
mv "$T/out" "$T/file.out"
expect_status 0 "$CS" specialisation --db "$db" --stat visits --level state --measure lq --format csv
same "--level state with a state's own row" "$T/file.out"
expect_contains "$T/out" "us-ny,111,1.1" # (7/7) / (10/11)

# ---- --concordance cmp: 111, 112 -> A (traded), 211 -> B (local), 311 has no category (5 of
# 145 left out). With --level state: us-ca A 60, B 20; us-ny A 50, B 10.
# LQ(us-ca, A) = (60/80) / (110/140) = 21/22
printf 'region,industry,value\nus-ca,A,60\nus-ca,B,20\nus-ny,A,50\nus-ny,B,10\n' >"$T/cmp.csv"
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/cmp.csv"
mv "$T/out" "$T/file.out"
expect_status 0 "$CS" specialisation --db "$db" --classification naics --level state \
    --concordance cmp --measure lq --year 2020 --format csv
same "specialisation --level state --concordance cmp" "$T/file.out"
expect_contains "$T/err" "clusterscope: note: the registry's statistics: 1 of 9 rows have an industry without a category in scheme 'cmp' and are left out (employment 5 of 145, 3.4%)"
check
awk -F, '$1 == "us-ca" && $2 == "A" { d = $3 - 21 / 22; ok = d < 1e-12 && d > -1e-12 }
    END { exit !ok }' "$T/out" || fail "LQ(us-ca, A) is not 21/22: $(cat "$T/out")"
# counties into categories, no level: c1 A 30, B 5; c2 A 30, B 15; c3 A 50, B 10
printf 'region,industry,value\nc1,A,30\nc1,B,5\nc2,A,30\nc2,B,15\nc3,A,50\nc3,B,10\n' >"$T/cmpc.csv"
expect_status 0 "$CS" specialisation --measure krugman --format csv "$T/cmpc.csv"
mv "$T/out" "$T/file.out"
expect_status 0 "$CS" specialisation --db "$db" --classification naics --concordance cmp \
    --measure krugman --year 2020 --format csv
same "specialisation --concordance cmp (counties)" "$T/file.out"

# ---- strong-clusters with the scheme's types (A traded, B local); establishments us-ca A 6,
# B 3; us-ny A 5, B 1. Traded employment of us-ca is A's 60, not 80
cat >"$T/sc.csv" <<'CSV'
region,category,employment,establishments,type
us-ca,A,60,6,traded
us-ca,B,20,3,local
us-ny,A,50,5,traded
us-ny,B,10,1,local
CSV
for args in "--rule cmp" "--rule eco" "--regions"; do
    # shellcheck disable=SC2086
    expect_status 0 "$CS" strong-clusters $args --format csv "$T/sc.csv"
    mv "$T/out" "$T/file.out"
    # shellcheck disable=SC2086
    expect_status 0 "$CS" strong-clusters --db "$db" --classification naics --level state \
        --concordance cmp --year 2020 $args --format csv
    same "strong-clusters $args --level state --concordance cmp" "$T/file.out"
done
expect_contains "$T/out" "us-ca,1,60,1,1,25"
# the type column is what makes the difference: without it every category is traded
sed 's/,local$/,traded/' "$T/sc.csv" >"$T/sc_traded.csv"
expect_status 0 "$CS" strong-clusters --regions --format csv "$T/sc_traded.csv"
check
! cmp -s "$T/out" "$T/file.out" || fail "the categories' types change nothing in the test"

# ---- shift-share without FILE: employment 2019 -> 2020 of the counties, and of the states
cat >"$T/ss.csv" <<'CSV'
region,industry,year,value
c1,111,2020,10
c1,112,2020,20
c1,211,2020,5
c1,311,2020,5
c2,111,2020,30
c2,211,2020,15
c3,111,2020,5
c3,112,2020,45
c3,211,2020,10
c1,111,2019,8
c1,112,2019,20
c2,111,2019,20
c3,111,2019,5
c3,112,2019,40
c3,211,2019,10
CSV
expect_status 0 "$CS" shift-share --from 2019 --to 2020 --format csv "$T/ss.csv"
mv "$T/out" "$T/file.out"
expect_status 0 "$CS" shift-share --db "$db" --classification naics --from 2019 --to 2020 --format csv
same "shift-share" "$T/file.out"
# us-ca 2019: 111 28, 112 20 (48); 2020: 111 40, 112 20, 211 20, 311 5 (85)
printf 'region,industry,year,value\nus-ca,111,2019,28\nus-ca,112,2019,20\nus-ny,111,2019,5\nus-ny,112,2019,40\nus-ny,211,2019,10\nus-ca,111,2020,40\nus-ca,112,2020,20\nus-ca,211,2020,20\nus-ca,311,2020,5\nus-ny,111,2020,5\nus-ny,112,2020,45\nus-ny,211,2020,10\n' \
    >"$T/ss_state.csv"
expect_status 0 "$CS" shift-share --from 2019 --to 2020 --format csv "$T/ss_state.csv"
mv "$T/out" "$T/file.out"
expect_status 0 "$CS" shift-share --db "$db" --classification naics --level state --stat employment \
    --from 2019 --to 2020 --format csv
same "shift-share --level state" "$T/file.out"
expect_contains "$T/out" "us-ca,48,85,37,"
expect_status 3 "$CS" shift-share --db "$db" --classification naics --stat establishments --from 2019 --to 2020
expect_contains "$T/err" "the registry's statistics: expected a year of the registry's establishments statistics in classification 'naics' (2020), found \"2019\""

# ---- related-clusters from the registry
printf 'category,category2,strength,related\nA,B,2,1\n' >"$T/table.csv"
expect_status 0 "$CS" related-clusters --table "$T/table.csv" --format csv "$T/sc.csv"
mv "$T/out" "$T/file.out"
expect_status 0 "$CS" related-clusters --table "$T/table.csv" --db "$db" --classification naics \
    --level state --concordance cmp --year 2020 --format csv
same "related-clusters" "$T/file.out"
expect_status 0 "$CS" related-clusters --table "$T/table.csv" --region us-ny --format csv "$T/sc.csv"
mv "$T/out" "$T/file.out"
CLUSTERSCOPE_DB="$db" expect_status 0 "$CS" related-clusters --table "$T/table.csv" --registry \
    --region us-ny --classification naics --level state --concordance cmp --year 2020 --format csv
same "related-clusters --registry --region" "$T/file.out"
expect_status 3 "$CS" related-clusters --table "$T/table.csv" --db "$db" --region c1 \
    --classification naics --level state --concordance cmp --year 2020
expect_contains "$T/err" "the registry's statistics: expected --region to name a region of the statistics, found 'c1'"

# ---- bad selections: exit 3 with what was expected and found, exit 2 for usage
expect_status 3 "$CS" specialisation --db "$db" --classification nace --measure lq --year 2020
expect_contains "$T/err" "the registry's statistics: expected a classification the registry holds (cmp, naics, okved), found \"nace\""
expect_status 3 "$CS" specialisation --db "$db" --classification okved --measure lq --year 2020
expect_contains "$T/err" "the registry holds no statistics of measure employment in classification 'okved'"
expect_status 3 "$CS" specialisation --db "$db" --stat jobs --measure lq --year 2020
expect_contains "$T/err" "the registry's statistics: expected the values of one classification, found 2 classifications ('naics', 'okved'; '' is none); choose one"
expect_status 0 "$CS" specialisation --db "$db" --stat jobs --classification okved --measure lq --year 2020 --format csv
expect_contains "$T/out" "c1,111,1"
expect_status 3 "$CS" specialisation --db "$db" --classification naics --concordance eco --measure lq --year 2020
expect_contains "$T/err" "the registry's statistics: expected a concordance scheme from classification 'naics' (cmp), found \"eco\""
expect_status 3 "$CS" specialisation --db "$db" --stat jobs --classification okved --concordance cmp --measure lq --year 2020
expect_contains "$T/err" "expected a concordance scheme from classification 'okved' (it has none), found \"cmp\""
expect_status 3 "$CS" specialisation --db "$db" --classification naics --level nuts2 --measure lq --year 2020
expect_contains "$T/err" "the registry's statistics: expected a region type the registry's regions have (county, state), found \"nuts2\""
expect_status 3 "$CS" specialisation --db "$db" --stat payroll --level state --measure lq
expect_contains "$T/err" "the registry's statistics: expected region 'c9' (type county) to be of type 'state' or to have an ancestor of that type, found none among its parents"
expect_status 0 "$CS" specialisation --db "$db" --stat payroll --level county --measure lq --format csv
expect_contains "$T/out" "c9,111,1"
expect_status 3 "$CS" specialisation --db "$db" --stat sales --level state --measure lq
expect_contains "$T/err" "the registry's statistics: expected each value once in the sums of level 'state', found sales of '111' in 2020 both for 'us-ca' and for its part 'c1'"
expect_status 3 "$CS" specialisation --db "$db" --stat employment --measure lq
expect_contains "$T/err" "the registry's statistics: expected the values of one year, found 2 years (2019, 2020); choose one"
for cmd in "specialisation --measure lq" "strong-clusters" "shift-share --from 2019 --to 2020"; do
    for opt in "--classification naics" "--level state" "--concordance cmp"; do
        # shellcheck disable=SC2086
        expect_status 2 "$CS" $cmd $opt "$T/cmp.csv"
        expect_contains "$T/err" "${opt% *} is for the registry's statistics (no FILE)"
    done
done
expect_status 2 "$CS" specialisation --measure lq --level ''
expect_contains "$T/err" "--level takes a name, not ''"
expect_status 2 "$CS" related-clusters --table "$T/table.csv" --concordance cmp
expect_contains "$T/err" "--concordance needs a data FILE (region,category,employment,establishments) or the registry's statistics (--registry)"
expect_status 2 "$CS" related-clusters --table "$T/table.csv" --registry "$T/sc.csv"
expect_contains "$T/err" "--registry and --db are for the registry's statistics (no FILE)"
expect_status 2 "$CS" shift-share --db "$db" --stat '' --from 2019 --to 2020
expect_contains "$T/err" "--stat takes a measure name such as employment"
done_checks
