# The report's regional section (issue 13) on tests/data/regional/view.json: the strong
# clusters, strengths, ranks and percentiles worked by hand in tests/unit/test_regional_view.c,
# in English and Russian, in every format; the same numbers as `strong-clusters --regions` on
# the registry; a note without statistics; bad years and options refused.
. tests/cli/lib.sh

db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json tests/data/regional/view.json

# English: the rule, its source, the year, rows and sources, the table by rank
expect_status 0 "$CS" --db "$db" report --format md -o "$T/en.md"
expect_contains "$T/en.md" "## Regional specialisation and strong clusters"
expect_contains "$T/en.md" "[clustermapping/cmp](https://github.com/clustermapping/cmp)"
expect_contains "$T/en.md" "measures employment and establishments of 2020, 19 rows (9 of them name no source); sources: at-stat (Regional employment by cluster category (test data)). Years that hold both measures: 2018, 2020."
expect_contains "$T/en.md" "| 1 | Epsilon | 100.0% | 10 | 30 | biopharma (LQ 1.71) |"
expect_contains "$T/en.md" "| 2 | Alpha | 80.0% | 30 | 50 | biopharma (LQ 1.37) |"
expect_contains "$T/en.md" "| 3 | Beta | 80.0% | 50 | 50 | medical-devices (LQ 1.92) |"
expect_contains "$T/en.md" "| 5 | Delta | 0.0% | 90 | 10 |  |"
# Russian: the catalogue's words, names and decimal commas
expect_status 0 "$CS" --db "$db" report --lang ru --format md -o "$T/ru.md"
expect_contains "$T/ru.md" "## Региональная специализация и сильные кластеры"
expect_contains "$T/ru.md" "показатели реестра employment и establishments за 2020 год, строк: 19 (из них без источника: 9)"
nbsp=$(printf '\302\240') # the Russian per cent sign follows a no-break space
expect_contains "$T/ru.md" "| 2 | Альфа | 80,0${nbsp}% | 30 | 50 | biopharma (LQ 1,37) |"
# HTML: the bar chart, the table and the place of the map
expect_status 0 "$CS" --db "$db" report -o "$T/en.html"
expect_contains "$T/en.html" '<li><a href="#regional">Regional specialisation and strong clusters</a></li>'
expect_contains "$T/en.html" "Cluster strength by region"
expect_contains "$T/en.html" '<table class="regional">'
# the regions have no standard code: no map, a line that says why (in both formats)
expect_contains "$T/en.html" "No map: region Epsilon has no standard code (import regions with a code column"
expect_contains "$T/en.md" "No map: region Epsilon has no standard code"
expect_contains "$T/en.md" "Every category counts as traded: the statistics&#39; categories have no type in the registry"
expect_contains "$T/en.md" "Ranks are over all regions of the statistics (5 regions; region type: not given)."
check
! grep -q 'cs-choropleth' "$T/en.html" || fail "a map drawn for regions without codes"
expect_status 0 "$CS" --db "$db" report --lang ru -o "$T/ru.html"
expect_contains "$T/ru.html" "Сила кластеров по регионам"
expect_contains "$T/ru.html" "Карты нет: у региона Эпсилон нет стандартного кода"

# US states with ISO 3166-2 codes, a county of Texas, categories typed traded and local
# (tests/data/regional/us-states.json, worked by hand in tests/unit/test_regional_view.c): the
# map of the states, the county left out, strength over traded employment
us="$T/us.db"
expect_status 0 "$CS" --db "$us" init
expect_status 0 "$CS" --db "$us" import tests/data/regional/us-states.json
expect_status 0 "$CS" --db "$us" report -o "$T/us.html"
expect_contains "$T/us.html" '<svg xmlns="http://www.w3.org/2000/svg" class="cs-chart cs-choropleth"'
expect_contains "$T/us.html" "<title>Map of cluster strength</title>"
expect_contains "$T/us.html" 'data-code="US-WA" data-class="'
expect_contains "$T/us.html" "<title>Washington: 100.0</title>"
expect_contains "$T/us.html" "<title>Illinois: 80.0</title>"
expect_contains "$T/us.html" "<title>Texas: 0.0</title>"
expect_contains "$T/us.html" "<title>Ohio: not in the data</title>"
expect_contains "$T/us.html" ">Cluster strength, %</text>"
expect_contains "$T/us.html" "ranks are over the regions of type state (4 regions)"
expect_contains "$T/us.html" "left out: the regions of the other types (county), 1 region."
expect_contains "$T/us.html" "(local: 1; without a type, so counted as traded: 0)"
check
[ "$(grep -o '<path class="cs-region"' "$T/us.html" | wc -l)" -eq 51 ] || fail "not 51 states drawn"
# the map comes before the table
awk '/cs-choropleth/ { m = NR } /<table class="regional">/ { t = NR } END { exit !(m && t && m < t) }' \
    "$T/us.html" || fail "the map is not before the table"
expect_status 0 "$CS" --db "$us" report --lang ru -o "$T/us-ru.html"
expect_contains "$T/us-ru.html" "<title>Карта силы кластеров</title>"
expect_contains "$T/us-ru.html" ">Сила кластеров, %</text>"
expect_contains "$T/us-ru.html" "<title>Иллинойс: 80,0</title>"
# the US map has no Russian state names: a state not in the statistics keeps its English one
expect_contains "$T/us-ru.html" "<title>Ohio: нет в данных</title>"
expect_contains "$T/us-ru.html" "места считаются по регионам типа state (4 региона)"
expect_status 0 "$CS" --db "$us" report --format csv --table regional -o "$T/us.csv"
expect_contains "$T/us.csv" '"us-il","Illinois","2021","50","40","0.8","2","38","biopharma:1.9428571428571431"'
check
! grep -q "us-tx-harris" "$T/us.csv" || fail "the county is ranked with the states"
# Markdown: no picture (as the other charts), the same notes and table
expect_status 0 "$CS" --db "$us" report --format md -o "$T/us.md"
expect_contains "$T/us.md" "| 1 | Washington | 100.0% | 13 | 30 | medical-devices (LQ 1.70) |"
# JSON: the level, the classification and the codes
expect_status 0 "$CS" --db "$us" report --format json -o "$T/us.json"
check
python3 - "$T/us.json" <<'PY' || fail "the JSON report's regional member (US states)"
import json, sys
d = json.load(open(sys.argv[1]))["regional"]
assert d["classification"] == "cmp-test" and d["types_from_classification"] is True, d
assert d["local_categories"] == 1 and d["level"] == "state" and d["regions_left_out"] == 1, d
assert [(g["key"], g["code"]) for g in d["regions"]] == [
    ("us-wa", "US-WA"), ("us-il", "US-IL"), ("us-ny", "US-NY"), ("us-tx", "US-TX")], d["regions"]
assert d["regions"][1]["employment"] == 50 and d["regions"][1]["cluster_strength"] == 0.8
PY
# same registry, same bytes
expect_status 0 "$CS" --db "$us" report -o "$T/us2.html"
check
cmp "$T/us.html" "$T/us2.html" >&2 || fail "the report with the map is not byte-identical"
# codes of no map (FIPS counties), codes of two maps: no map, the line names the region
printf 'code,name_en\nUS,United States\nDE,Germany\n' >"$T/c.csv"
cat >"$T/regs.csv" <<'EOF'
key,country,name_en,name_ru,type,code
tx-harris,US,Harris County,Округ Харрис,county,48201
tx-dallas,US,Dallas County,Округ Даллас,county,48113
de-all,DE,Germany as a whole,Германия целиком,custom,DE
us-wa,US,Washington,Вашингтон,custom,US-WA
EOF
cat >"$T/st.csv" <<'EOF'
region,industry,year,measure,value
tx-harris,a,2020,employment,10
tx-harris,a,2020,establishments,1
tx-dallas,b,2020,employment,10
tx-dallas,b,2020,establishments,1
tx-dallas,a,2020,employment,3
tx-dallas,a,2020,establishments,1
de-all,a,2021,employment,10
de-all,a,2021,establishments,1
us-wa,a,2021,employment,5
us-wa,a,2021,establishments,1
EOF
odd="$T/odd.db"
expect_status 0 "$CS" --db "$odd" init
expect_status 0 "$CS" --db "$odd" import "$T/c.csv" "$T/regs.csv" "$T/st.csv"
expect_status 0 "$CS" --db "$odd" report --format md --regional-year 2020 -o "$T/fips.md"
expect_contains "$T/fips.md" "No map: code 48113 of region Dallas County is on none of the maps (countries: DE; US states: US-CA; Russian regions: RU-TA)."
expect_contains "$T/fips.md" "Ranks are over all regions of the statistics (2 regions; region type: county)."
expect_status 0 "$CS" --db "$odd" report --lang ru --regional-year 2021 -o "$T/mixed.html"
expect_contains "$T/mixed.html" "Карты нет: коды регионов относятся к разным картам (DE у региона Германия целиком, US-WA у региона Вашингтон)."
check
! grep -q 'cs-choropleth' "$T/mixed.html" "$T/fips.md" || fail "a map drawn for codes of no map or of two"

# a second classification (view.json's statistics name none): never mixed, the larger read
expect_status 0 "$CS" --db "$us" import tests/data/regional/view.json
expect_status 0 "$CS" --db "$us" report --format md -o "$T/two.md"
expect_contains "$T/two.md" "The statistics name several classifications, which are not mixed: this reads those of &#39;cmp-test&#39;, which hold the most rows, and leaves out those of &#39;&#39; (&#39;&#39; is none)."
expect_contains "$T/two.md" "| 1 | Washington | 100.0% | 13 | 30 | medical-devices (LQ 1.70) |"
check
! grep -q "Epsilon" "$T/two.md" || fail "the statistics of two classifications are mixed"

# CSV: every region by rank, numbers exact; the same as strong-clusters --regions
expect_status 0 "$CS" --db "$db" report --format csv --table regional -o "$T/regional.csv"
expect_contains "$T/regional.csv" '"at-e","Epsilon","2020","30","30","1","1","10","biopharma:1.7142857142857142"'
expect_contains "$T/regional.csv" '"at-b","Beta","2020","50","40","0.8","3","50","medical-devices:1.92"'
expect_status 0 "$CS" --db "$db" strong-clusters --regions --year 2020 --format csv -o "$T/cli.csv"
# region,strong_clusters,traded_employment,cluster_strength,rank,percentile from both
tr -d '"\r' <"$T/regional.csv" | awk -F, 'NR > 1 { n = $9 == "" ? 0 : split($9, a, ";");
    print $1 "," n "," $4 "," $6 "," $7 "," $8 }' | sort >"$T/report.rows"
tail -n +2 "$T/cli.csv" | sort >"$T/cli.rows"
check
cmp "$T/report.rows" "$T/cli.rows" >&2 || fail "the report and strong-clusters --regions differ"
# JSON: the section's member
expect_status 0 "$CS" --db "$db" report --format json -o "$T/r.json"
check
python3 - "$T/r.json" <<'PY' || fail "the JSON report's regional member"
import json, sys
d = json.load(open(sys.argv[1]))["regional"]
assert d["year"] == 2020 and d["rows"] == 19 and d["rows_without_source"] == 9, d
assert d["sources"] == ["at-stat"] and d["years"] == [2018, 2020], d
r = {g["key"]: g for g in d["regions"]}
assert [g["key"] for g in d["regions"]] == ["at-e", "at-a", "at-b", "at-c", "at-d"]
assert r["at-a"]["cluster_strength"] == 0.8 and r["at-a"]["rank"] == 2
assert r["at-b"]["strong_clusters"] == [{"category": "medical-devices", "employment": 40.0,
                                         "lq": 1.92, "strong10": True}], r["at-b"]
assert r["at-c"]["strong_clusters"] == [] and r["at-c"]["percentile"] == 70
PY
# XLSX (when the build writes it): the sheet regional with the same cells
if "$CS" --db "$db" report --format xlsx -o "$T/r.xlsx" 2>"$T/err"; then
    check
    python3 - "$T/r.xlsx" <<'PY' || fail "the workbook's sheet regional"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert 'name="regional"' in z.read("xl/workbook.xml").decode()
strings = z.read("xl/sharedStrings.xml").decode()
assert "biopharma:1.7142857142857142" in strings and "Epsilon" in strings, strings[:300]
PY
else
    expect_contains "$T/err" "this build writes no XLSX"
fi
# another year: 2018 holds both measures (one cell, from two sources)
expect_status 0 "$CS" --db "$db" report --format md --regional-year 2018 -o "$T/2018.md"
expect_contains "$T/2018.md" "of 2018, 2 rows (0 of them name no source); sources: at-census (Establishment census (test data)), at-stat"
# same registry, same bytes
expect_status 0 "$CS" --db "$db" report --format md -o "$T/en2.md"
check
cmp "$T/en.md" "$T/en2.md" >&2 || fail "the report is not byte-identical"

# bad input
expect_status 3 "$CS" --db "$db" report --regional-year 2019
expect_contains "$T/err" "the registry's statistics: expected a year that holds both employment and establishments (2018, 2020), found \"2019\""
expect_status 2 "$CS" --db "$db" report --regional-year 20x9
expect_contains "$T/err" "--regional-year takes a whole number"
expect_status 2 "$CS" --db "$db" report --no-regional --format csv --table regional
expect_contains "$T/err" "--table regional needs the regional section"
expect_status 2 "$CS" --db "$db" report --no-regional --regional-year 2020
expect_status 2 "$CS" --db "$db" report --table regional
expect_contains "$T/err" "--table applies to --format csv"

# no statistics: a note in the section, the table refused
db2="$T/empty.db"
expect_status 0 "$CS" --db "$db2" init
expect_status 0 "$CS" --db "$db2" import data/countries.json data/sources.json data/hse-biomedical-clusters.json
expect_status 0 "$CS" --db "$db2" report --format md -o "$T/none.md"
expect_contains "$T/none.md" "The registry holds no statistics of employment and establishments for one year"
expect_status 0 "$CS" --db "$db2" report --lang ru --format md -o "$T/none-ru.md"
expect_contains "$T/none-ru.md" "В реестре нет статистики занятости и числа предприятий за один год"
expect_status 0 "$CS" --db "$db2" report --format json -o "$T/none.json"
expect_contains "$T/none.json" '"regional": null'
expect_status 3 "$CS" --db "$db2" report --regional-year 2020
expect_contains "$T/err" "expected a year that holds both employment and establishments (the registry holds none), found \"2020\""
expect_status 1 "$CS" --db "$db2" report --format csv --table regional
expect_contains "$T/err" "the registry holds no statistics of employment and establishments"
# off: no section at all
expect_status 0 "$CS" --db "$db" report --format md --no-regional -o "$T/off.md"
check
! grep -q "Regional specialisation" "$T/off.md" || fail "--no-regional left the section in"
done_checks
