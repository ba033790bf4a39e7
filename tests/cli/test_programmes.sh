# `clusterscope programmes` and `clusterscope registries` on tests/data/programmes (the figures
# are worked by hand in tests/unit/test_programmes.c): the three formats, --lang ru, -o, the
# filters, and bad options and keys.
. tests/cli/lib.sh
. tests/cli/programmes_lib.sh

db="$T/r.db"
load_programmes "$db"

# table: stated totals beside the applications' sums, rates with their basis, shares and change
expect_status 0 "$CS" --db "$db" programmes
expect_contains "$T/out" "Pilot clusters (pilot; support programme, RUB)"
expect_contains "$T/out" "r2013  2013       ?      2,000    1,500                     10                6                    0              ?            ?            75.0  stated                 60.0  stated"
expect_contains "$T/out" "r2014  2014       ?      2,700    2,500                      ?                ?                    3            190            ?            92.6  stated                    ?  -"
expect_contains "$T/out" "r2015  2015       ?          ?        ?                      ?                ?                    3            250          100            40.0  applications           66.7  applications"
expect_contains "$T/out" "r2014  biomedical      stated               6      680             27.2          +7.2                ?             ?"
expect_contains "$T/out" "r2015  d        refused          50        ?"
check
! grep -q ' $' "$T/out" || fail "a table line ends in a space"

# Russian: the words and the decimal comma
expect_status 0 "$CS" --db "$db" programmes --lang ru
expect_contains "$T/out" "Пилотные кластеры (pilot; программа поддержки, RUB)"
expect_contains "$T/out" "Доли по специализации"
expect_contains "$T/out" "27,2             +7,2"
expect_contains "$T/out" "на рассмотрении"

# CSV: four tables with header rows; unknown is an empty cell, never 0
expect_status 0 "$CS" --db "$db" programmes --format csv -o "$T/p.csv"
check
[ ! -s "$T/out" ] || fail "-o wrote to standard output too"
expect_contains "$T/p.csv" "programme,round,year,stated_budget,stated_requested,stated_awarded,stated_applications,stated_awards,applications,awards,undecided,sum_requested,sum_awarded,rate_amount,rate_amount_basis,rate_count,rate_count_basis,status,source,locator,quote"
expect_contains "$T/p.csv" "pilot,r2013,2013,,2000,1500,10,6,0,0,0,,,0.75,stated,0.6,stated,,,,"
expect_contains "$T/p.csv" "pilot,r2014,2014,,2700,2500,,,3,1,1,190,,0.92592592592592593,stated,,none,stated,s002,line 30,"
expect_contains "$T/p.csv" "pilot,r2015,2015,,,,,,3,2,0,250,100,0.4,applications,0.66666666666666663,applications,,,,"
expect_contains "$T/p.csv" "pilot,r2014,2014,biomedical,stated,6,,680,27.2,7.1999999999999993,,,stated,s002,line 30,"
expect_contains "$T/p.csv" "pilot,r2015,2015,biomedical,applications,1,150,60,60,,50,,,,,"
expect_contains "$T/p.csv" "pilot,r2014,2014,c,Cluster C,,pending,40,,,,,"
check
[ "$(grep -c '^$' "$T/p.csv")" -eq 3 ] || fail "expected 4 tables, 3 blank lines between"

# JSON: stable, the same bytes twice; null for unknown
expect_status 0 "$CS" --db "$db" programmes --format json --programme pilot -o "$T/p1.json"
expect_status 0 "$CS" --db "$db" programmes --format json --programme pilot -o "$T/p2.json"
check
cmp -s "$T/p1.json" "$T/p2.json" || fail "JSON differs between two runs"
python3 - "$T/p1.json" <<'PY' || fail "JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "clusterscope-programmes"
p, = d["programmes"]
assert p["key"] == "pilot" and p["ended"] is None
r13, r14, r15 = p["rounds"]
assert r13["award_rate"] == {"by_amount": 0.75, "by_amount_basis": "stated", "by_count": 0.6, "by_count_basis": "stated"}
assert r14["award_rate"]["by_count"] is None and r14["award_rate"]["by_count_basis"] == "none"
assert r14["from_applications"] == {"applications": 3, "awards": 1, "undecided": 1, "requested": 190, "awarded": None}
bio = r14["shares"][0]
assert bio["specialisation"] == "biomedical" and bio["share_amount_pct"] == 27.2
assert abs(bio["change_amount_pp"] - 7.2) < 1e-9 and bio["share_count_pct"] is None
assert r15["award_rate"]["by_amount_basis"] == "applications"
assert [a["cluster"] for a in r15["applications"]] == ["a", "b", "d"]
PY

# registries: every listing, a year, a cluster, a programme; three formats and Russian
expect_status 0 "$CS" --db "$db" registries
expect_contains "$T/out" "reg        registry  a        2019-03-26                   order of 26.03.2019  s001"
expect_status 0 "$CS" --db "$db" registries --lang ru
expect_contains "$T/out" "Программа  Вид            Кластер  Включён"
expect_contains "$T/out" "знак качества"
expect_status 0 "$CS" --db "$db" registries --year 2018 --format csv
expect_contains "$T/out" "programme,kind,programme_name,cluster,cluster_name,entered,left_on,level,decision,status,source,locator,quote,note"
expect_contains "$T/out" "esca,label,ESCA label,a,Cluster A,2017,2019,silver,,,,,,"
expect_contains "$T/out" "reg,registry,Industrial cluster registry,b,Cluster B,2016,2018-05,,,,,,,"
check
[ "$(wc -l <"$T/out")" -eq 3 ] || fail "--year 2018: expected 2 listings"
expect_status 0 "$CS" --db "$db" registries --year 2020 --format json
python3 -c "
import json, sys
d = json.load(open('$T/out'))
assert d['year'] == 2020
assert [(l['programme'], l['cluster']) for l in d['listings']] == [('reg', 'a')]
assert d['listings'][0]['decision'] == 'order of 26.03.2019'
" || fail "registries --year 2020 JSON"
expect_status 0 "$CS" --db "$db" registries --cluster a --programme esca --format csv
check
[ "$(wc -l <"$T/out")" -eq 2 ] || fail "--cluster a --programme esca: expected 1 listing"

# bad keys are bad data (exit 3) with a clear message; bad options are usage errors (exit 2)
expect_status 3 "$CS" --db "$db" programmes --programme nope
expect_contains "$T/err" "no programme with key 'nope'"
expect_contains "$T/err" "expected one of: esca, pilot, reg"
expect_status 3 "$CS" --db "$db" registries --programme nope
expect_contains "$T/err" "no programme with key 'nope'"
expect_status 3 "$CS" --db "$db" registries --cluster nope
expect_contains "$T/err" "no cluster with key 'nope'"
expect_status 2 "$CS" --db "$db" programmes --format xml
expect_status 2 "$CS" --db "$db" programmes --year 2018
expect_contains "$T/err" "--year is an option of 'clusterscope registries'"
expect_status 2 "$CS" --db "$db" registries --year 20x8
expect_status 2 "$CS" --db "$db" registries --year 0
expect_status 2 "$CS" --db "$db" registries --lang de
expect_status 2 "$CS" --db "$db" registries --programme ""
expect_status 2 "$CS" --db "$db" programmes extra
expect_status 1 "$CS" --db "$T/missing.db" programmes

# a registry without programmes says so; an empty CSV still has its header rows
expect_status 0 "$CS" --db "$T/e.db" init
expect_status 0 "$CS" --db "$T/e.db" programmes
expect_contains "$T/out" "No programmes: the registry holds none"
expect_status 0 "$CS" --db "$T/e.db" registries --lang ru
expect_contains "$T/out" "Нет записей"
expect_status 0 "$CS" --db "$T/e.db" registries --format json
expect_contains "$T/out" '"listings": []'

# the report's sections (programmes 1<<9, registries 1<<10), both languages, with sources
only="--no-sample --no-indicators --no-assessment --no-typology --no-cards --no-factors --no-regional --no-questions --no-provenance"
# shellcheck disable=SC2086
expect_status 0 "$CS" --db "$db" report --format md $only -o "$T/r.md"
expect_contains "$T/r.md" "## Support programmes"
expect_contains "$T/r.md" "### Pilot clusters (pilot, RUB)"
expect_contains "$T/r.md" "Source: s002, line 30."
expect_contains "$T/r.md" "| r2014 | 2014 | 2,700 | 2,500 | ? | ? | 3 | 190 | ? | 92.6 % (stated) | ? (-) | s002, line 30 |"
expect_contains "$T/r.md" "| r2014 | biomedical | stated | 6 | 680 | 27.2 % | +7.2 | ? | ? | s002, line 30 |"
expect_contains "$T/r.md" "## Official registries, labels and lists"
expect_contains "$T/r.md" "| Industrial cluster registry | registry | Cluster A | 2019-03-26 |  |  | order of 26.03.2019 | s001, line 236 |"
# shellcheck disable=SC2086
expect_status 0 "$CS" --db "$db" report --lang ru --format html $only -o "$T/r.html"
expect_contains "$T/r.html" '<a href="#programmes">Программы поддержки</a>'
expect_contains "$T/r.html" '<table class="programmes">'
expect_contains "$T/r.html" '<table class="registries">'
expect_contains "$T/r.html" "<td>92,6 % (по источнику)</td>"
expect_contains "$T/r.html" "<svg"
# shellcheck disable=SC2086
expect_status 0 "$CS" --db "$db" report --lang ru --format html $only -o "$T/r2.html"
check
cmp -s "$T/r.html" "$T/r2.html" || fail "the report differs between two runs"
# shellcheck disable=SC2086
expect_status 0 "$CS" --db "$db" report --format json $only
python3 -c "
import json
d = json.load(open('$T/out'))
r14 = d['programmes'][1]['rounds'][1]
assert r14['rate_amount_basis'] == 'stated' and r14['rate_count'] is None, r14
assert r14['shares'][0]['share_amount_pct'] == 27.2
assert [l['cluster'] for l in d['registries']] == ['a', 'a', 'b']
" || fail "report JSON programmes and registries"
expect_status 0 "$CS" --db "$db" report --format json --no-programmes --no-registries
python3 -c "
import json
d = json.load(open('$T/out'))
assert 'programmes' not in d and 'registries' not in d and 'clusters' in d
" || fail "--no-programmes --no-registries left their JSON members in"
# shellcheck disable=SC2086
expect_status 0 "$CS" --db "$db" report --format md $only --no-registries
check
! grep -q "Official registries" "$T/out" || fail "--no-registries left the section in"
expect_contains "$T/out" "## Support programmes"

# eligibility for the industrial cluster registry as a method file (Decree 779): it loads, is
# built in, and assesses a small registry three-valued. amber states every fact (all met);
# wine has no contracts (R1 0), 7 participants (R3 0: fewer than 10), a functional dependence
# ">60" (R4 1: every value it allows is >= 50) and no fact for R2 and R5 (unknown); biomed's
# ">5" participants decide nothing against 10 (unknown); munich is German: out of scope.
e=tests/data/programmes/eligibility
expect_status 0 "$CS" --db "$T/m.db" init
expect_status 0 "$CS" --db "$T/m.db" import "$e/countries.csv" "$e/sources.csv" \
    "$e/fact_definitions.csv" "$e/clusters.csv" "$e/facts.csv"
m=methods/minpromtorg-industrial-cluster-registry.json
expect_status 0 "$CS" --db "$T/m.db" assess --method "$m" --no-store --format csv
expect_contains "$T/out" "amber,Amber cluster,RU,,1,1,1,1,1,5,5,5,5,5,1.0000,in,"
expect_contains "$T/out" "biomed,BioMed cluster,RU,,,,,,,0,0,0,0,0,0.0000,in,"
expect_contains "$T/out" "wine,Wine cluster,RU,,0,,0,1,,1,1,1,1,3,0.6000,in,"
expect_contains "$T/out" "munich,Munich cluster,DE,,,,,,,,,,,,,out,A cluster in the Russian Federation: not met (country is DE)"
expect_status 0 "$CS" --db "$T/m.db" assess --method minpromtorg-industrial-cluster-registry \
    --no-store --explain wine
expect_contains "$T/out" "At least 10 participants that are industrial entities (NOT SOURCED)"
# on a registry without these facts every criterion is unknown, never 0
expect_status 0 "$CS" --db "$T/e.db" import "$e/countries.csv" "$e/sources.csv" "$e/clusters.csv"
expect_status 0 "$CS" --db "$T/e.db" assess --method "$m" --no-store --format csv
expect_contains "$T/out" "amber,Amber cluster,RU,,,,,,,0,0,0,0,0,0.0000,in,"
done_checks
