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
expect_contains "$T/en.html" "The map of cluster strength goes here once the maps are joined"
expect_status 0 "$CS" --db "$db" report --lang ru -o "$T/ru.html"
expect_contains "$T/ru.html" "Сила кластеров по регионам"

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
