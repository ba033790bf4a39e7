# timeline and counts (issue 14) on tests/data/timeline/: Don Valley's participants 7 (2015) ->
# 28 (2019) of seed 001 (lines 500-506): +300%, CAGR 4^(1/4) - 1 = 41.42%, the three years
# between them a gap; a range left out of the rates; a target's progress (42 / 70 = 60%, from
# the baseline (42 - 35) / (70 - 35) = 20%); the registry counted as of a year with the
# founding year unknown apart and the observatory's 118 / 16 beside the counted figures; every
# format, Russian, the report's sections, and the bad inputs with their status.
. tests/cli/lib.sh

db="$T/t.db"
d=tests/data/timeline
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import $d/countries.csv $d/sources.csv $d/regions.csv \
    $d/clusters.csv $d/facts.csv $d/programmes.csv $d/listings.csv $d/targets.csv
expect_contains "$T/out" "listings                 3 new"
expect_contains "$T/out" "targets                  1 new"

# ---------------------------------------------------------------- timeline
expect_status 0 "$CS" --db "$db" timeline --cluster don-valley
expect_contains "$T/out" "Change over time: Don Valley (don-valley)"
expect_contains "$T/out" "organisation_count — Organisations that confirmed participation (organisations)"
expect_contains "$T/out" "2019  28     +300.00%  3                     stated  digest-2019"
expect_contains "$T/out" "2015–2019: change +300.00%, compound annual growth 41.42% a year."
expect_contains "$T/out" "No targets."
# startups is undated only: no series
grep -q startups "$T/out" && fail "an undated fact made a series"
check
cp "$T/out" "$T/first.txt"
expect_status 0 "$CS" --db "$db" timeline --cluster don-valley
cmp -s "$T/out" "$T/first.txt" || fail "timeline is not byte-identical on a second run"
check

expect_status 0 "$CS" --db "$db" timeline --cluster don-valley --format csv
expect_contains "$T/out" "cluster,fact,row,year,value,exact,growth,gap,from_year,change,cagr,ranges,latest_year,latest,progress,baseline_year,baseline,progress_baseline,years_to_due,status,source,locator"
expect_contains "$T/out" "don-valley,organisation_count,point,2019,28,28,3,3,,,,,,,,,,,,stated,digest-2019,lines 500-506"
expect_contains "$T/out" "don-valley,organisation_count,span,2019,,,,,2015,3,0.41421356237309515,0,"

# a range (>5000, 2018) is shown and left out; the target's progress
expect_status 0 "$CS" --db "$db" timeline --cluster amber --format json -o "$T/amber.json"
python3 - "$T/amber.json" <<'PY' || fail "timeline JSON of amber"
import json, sys
t = json.load(open(sys.argv[1]))
s = {x["fact"]: x for x in t["series"]}
inv = s["investment"]
assert [p["value"] for p in inv["points"]] == [">5000", "100", "121"]
assert inv["points"][0]["range"] is True and inv["points"][0]["exact"] is None
assert inv["points"][1]["growth"] is None                      # against a range: no rate
assert abs(inv["points"][2]["growth"] - 0.21) < 1e-12
assert inv["span"] == {"first_year": 2020, "last_year": 2022, "change": inv["span"]["change"],
                       "cagr": inv["span"]["cagr"], "ranges": 1}
assert abs(inv["span"]["cagr"] - 0.1) < 1e-12                   # 1.21 = 1.1^2
g = t["targets"][0]
assert (g["fact"], g["due"], g["value"], g["baseline_year"]) == ("local_processing_share", 2025, "70", 2019)
assert (g["latest_year"], g["latest"]) == (2021, 42.0)
assert abs(g["progress"] - 0.6) < 1e-12 and abs(g["progress_baseline"] - 0.2) < 1e-12
assert g["years_to_due"] == 4
PY
check
expect_status 0 "$CS" --db "$db" timeline --cluster amber
expect_contains "$T/out" "2020  100    ?        1                     stated     test"
expect_contains "$T/out" "Values written as a range (1) are shown as written and left out of every rate."
expect_contains "$T/out" "local_processing_share  2025  70      2019      42 (2021)     60.00%    20.00%                  4             test"

# Russian: words, decimal commas, the per cent sign after a no-break space
nbsp=$(printf '\302\240')
expect_status 0 "$CS" --db "$db" timeline --cluster don-valley --lang ru
expect_contains "$T/out" "Динамика показателей: Долина Дона (don-valley)"
expect_contains "$T/out" "2015–2019: изменение +300,00${nbsp}%, среднегодовой темп прироста 41,42${nbsp}% в год."
expect_contains "$T/out" "указан"

# SVG: a line chart per fact, the target dashed with a diamond, stacked in one document
expect_status 0 "$CS" --db "$db" timeline --cluster amber --format svg -o "$T/amber.svg"
expect_contains "$T/amber.svg" 'class="cs-chart cs-stack"'
expect_contains "$T/amber.svg" 'class="cs-target"'
expect_contains "$T/amber.svg" 'class="cs-target-point"'
expect_contains "$T/amber.svg" "target 70 by 2025"
expect_contains "$T/amber.svg" "investment (not drawn, a range: &gt;5000 (2018))"
python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$T/amber.svg" ||
    fail "the SVG is not well-formed XML"
check
expect_status 0 "$CS" --db "$db" timeline --cluster don-valley --fact organisation_count \
    --format svg --lang ru -o "$T/don.svg"
expect_contains "$T/don.svg" 'class="cs-chart cs-line"'
expect_contains "$T/don.svg" 'class="cs-gap"'
expect_contains "$T/don.svg" ">2017</text>"
expect_contains "$T/don.svg" "Долина Дона: Число организаций"

# bad input: unknown cluster or fact (bad data, 3), usage (2), nothing to draw (3)
expect_status 3 "$CS" --db "$db" timeline --cluster atlantis
expect_contains "$T/err" 'no cluster with key "atlantis" in the registry'
expect_status 3 "$CS" --db "$db" timeline --cluster amber --fact nonesuch
expect_contains "$T/err" '"nonesuch" is not a fact of clusters'
expect_status 3 "$CS" --db "$db" timeline --cluster amber --fact clusters_total
expect_status 3 "$CS" --db "$db" timeline --cluster medi --format svg
expect_contains "$T/err" 'cluster "medi" has no dated facts or targets to draw'
expect_status 0 "$CS" --db "$db" timeline --cluster medi
expect_contains "$T/out" "The registry holds no dated facts of this cluster."
expect_status 2 "$CS" --db "$db" timeline
expect_contains "$T/err" "--cluster KEY is required"
expect_status 2 "$CS" --db "$db" timeline --cluster amber --format xml
expect_status 2 "$CS" --db "$db" timeline --cluster amber --lang de
expect_status 2 "$CS" --db "$db" timeline --cluster amber extra
expect_status 2 "$CS" --db "$db" timeline --cluster amber -o "$db"
[ -s "$db" ] || fail "the registry was overwritten"
check

# ---------------------------------------------------------------- counts
expect_status 0 "$CS" --db "$db" counts --by kind --year 2019 --country RU
expect_contains "$T/out" "Clusters by kind, as of 2019, RU"
expect_contains "$T/out" "biomedical  0         0.0%   1                      16 (digest-2019, 2019)"
expect_contains "$T/out" "total       2                1                      118 (digest-2019, 2019)"
expect_contains "$T/out" "Clusters founded in or before 2019: 2 counted; founding year unknown, counted apart: 1; founded later: 1."
expect_status 0 "$CS" --db "$db" counts --by stage --format csv
expect_contains "$T/out" "stage,,,value,emerging,,2,0.40000000000000002,0,,,"
expect_contains "$T/out" "stage,,,unknown,,,1,0.20000000000000001,0,,,"
expect_contains "$T/out" "stage,,,total,,,5,,0,,,"
expect_status 0 "$CS" --db "$db" counts --by registry --year 2015 --format json -o "$T/reg.json"
python3 - "$T/reg.json" <<'PY' || fail "counts --by registry JSON"
import json, sys
c = json.load(open(sys.argv[1]))
rows = {r["value"]: r for r in c["rows"]}
# 2015: don-valley (2012-2017) and biomed-a on the list, amber not yet in the registry
assert rows["pilot-itc"]["clusters"] == 2 and rows["minpromtorg-registry"]["clusters"] == 0
assert rows[None]["clusters"] == 3 and abs(rows[None]["share"] - 0.6) < 1e-12
assert c["rows"][-1]["value"] is None          # the unknown row last
PY
check
expect_status 0 "$CS" --db "$db" counts --by region --lang ru
expect_contains "$T/out" "Ростовская область"
expect_contains "$T/out" "неизвестно"
expect_status 0 "$CS" --db "$db" counts --by specialisation
expect_contains "$T/out" "medical devices"
expect_status 2 "$CS" --db "$db" counts
expect_status 2 "$CS" --db "$db" counts --by size
expect_contains "$T/err" "--by takes kind, specialisation, stage, region or registry, not 'size'"
expect_status 2 "$CS" --db "$db" counts --by kind --year soon
expect_status 3 "$CS" --db "$db" counts --by kind --country XX
expect_contains "$T/err" 'no country with code "XX" in the registry'

# ---------------------------------------------------------------- the report's sections
expect_status 0 "$CS" --db "$db" report --format md --year 2019 -o "$T/r.md"
expect_contains "$T/r.md" "## Counts of the registry"
expect_contains "$T/r.md" "The registry holds 3 clusters (as of 2019); 1 of them biomedical"
expect_contains "$T/r.md" "Russia: a source states 118 clusters (digest-2019, 2019); the registry holds 2 of the country"
expect_contains "$T/r.md" "## Change over time"
expect_contains "$T/r.md" "| 2019 | 28 | +300.00% | 3 | stated | digest-2019 |"
expect_contains "$T/r.md" "2015–2019: change +300.00%, compound annual growth 41.42% a year."
expect_status 0 "$CS" --db "$db" report --lang ru -o "$T/r.html"
expect_contains "$T/r.html" '<li><a href="#counts">Численность кластеров реестра</a></li>'
expect_contains "$T/r.html" '<li><a href="#timeline">Динамика показателей</a></li>'
expect_contains "$T/r.html" "В реестре 5 кластеров, из них биомедицинских"
expect_contains "$T/r.html" 'class="cs-target"'
expect_status 0 "$CS" --db "$db" report --format json --year 2019 -o "$T/r.json"
python3 - "$T/r.json" <<'PY' || fail "the report's JSON members counts and timeline"
import json, sys
r = json.load(open(sys.argv[1]))
kind = r["counts"]["tables"][0]
assert (kind["by"], kind["counted"], kind["founding_unknown"], kind["founded_later"]) == ("kind", 3, 1, 1)
ru = r["counts"]["countries"][0]
assert ru["country"] == "RU" and ru["stated"]["value"] == 118
assert [x for x in ru["rows"] if x["value"] == "biomedical"][0]["stated"]["value"] == 16
t = {x["cluster"]: x for x in r["timeline"]}
assert sorted(t) == ["amber", "don-valley"]
s = t["don-valley"]["series"][0]
assert s["fact"] == "organisation_count" and abs(s["cagr"] - 2 ** 0.5 + 1) < 1e-12
assert t["amber"]["targets"][0]["progress"] == 0.6 or abs(t["amber"]["targets"][0]["progress"] - 0.6) < 1e-12
PY
check
expect_status 0 "$CS" --db "$db" report --format md --no-counts --no-timeline -o "$T/none.md"
grep -q "Counts of the registry\|Change over time" "$T/none.md" && fail "--no-counts/--no-timeline left a section"
check

# ---------------------------------------------------------------- the bundled data
# data/russian-clusters.json holds seed 001's Don Valley figures (lines 500-506)
bdb="$T/b.db"
expect_status 0 "$CS" --db "$bdb" init
expect_status 0 "$CS" --db "$bdb" import data/countries.json data/sources.json data/russian-clusters.json
expect_status 0 "$CS" --db "$bdb" timeline --cluster dolina-dona --fact organisation_count --format csv
expect_contains "$T/out" "dolina-dona,organisation_count,point,2019,28,28,3,3,"
expect_contains "$T/out" "dolina-dona,organisation_count,span,2019,,,,,2015,3,0.41421356237309515,0,"

done_checks
