# Target models and success factors: `clusterscope factors` on small fixtures (exact statuses,
# the study's case with its lines, three-valued evidence), on every bundled biomedical cluster in
# both languages and all formats (JSON valid, output stable), the errors (unknown cluster, a
# non-biomedical one, no reference data, bad reference documents with file:line:column), the
# report's section, and export and re-import of the stored factors.
. tests/cli/lib.sh
fx=tests/data/factors
db="$T/fx.db"
"$CS" --db "$db" init >/dev/null || fail "init"
expect_status 0 "$CS" --db "$db" import "$fx/registry.json"
# no reference data yet: a clear error naming the file to import; the report says so
expect_status 1 "$CS" --db "$db" factors --cluster north
expect_contains "$T/err" "holds no success factors (import data/reference/reference-groups.json)"
expect_status 0 "$CS" --db "$db" report --format md --lang ru
expect_contains "$T/out" "В реестре нет целевых моделей и факторов успеха"
expect_status 1 "$CS" --db "$db" report --format csv --table factors
expect_contains "$T/err" "holds no success factors"
expect_status 0 "$CS" --db "$db" import "$fx/reference.json"

# north: the study's group 1, initiated by the authorities, no clinics (estimated)
expect_status 0 "$CS" --db "$db" factors --cluster north
expect_contains "$T/out" "The study's group: 1 (stated by the study)"
expect_contains "$T/out" "TM2 Technology transfer: fits"
expect_contains "$T/out" "TM4 Integrated services: does not fit"
expect_contains "$T/out" "F4 Regional support: evidenced"
expect_contains "$T/out" "«Регион помогает» (lines 6100-6120): The region pays."
expect_contains "$T/out" "initiative.authorities = \"true\" (stated; hse-2019, line 10)"
expect_contains "$T/out" "F5 National recognition: no recorded fact can show it"
expect_contains "$T/out" "F6 Doctors and patients: not evidenced"
expect_contains "$T/out" "member_type.clinic = \"false\" (estimated; hse-2019, line 13)"
# spa: the study's example of TM4; F4 known false on both items; its F6 case
expect_status 0 "$CS" --db "$db" factors --cluster spa --lang ru
expect_contains "$T/out" "TM4 Интегрированные сервисы: соответствует"
expect_contains "$T/out" "пример, названный в исследовании: да"
expect_contains "$T/out" "F4 Поддержка региональных властей: не подтвержден"
expect_contains "$T/out" "F6 Врачи и пациенты: подтвержден"
expect_contains "$T/out" "«Пациенты решают» (lines 7400-7410): Пациенты тестируют."
expect_status 0 "$CS" --db "$db" factors --cluster spa --format json -o "$T/spa.json"
check
python3 - "$T/spa.json" <<'PY' || fail "factors JSON of spa"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "clusterscope-factors" and d["study_group"] == 3
f = {x["number"]: x for x in d["factors"]}
assert f[4]["status"] == "not_evidenced", f[4]
assert f[5]["status"] == "no_fact" and f[5]["evidence"] is None
assert f[6]["status"] == "evidenced" and f[6]["cases"][0]["locator"] == "lines 7400-7410"
m = {x["number"]: x for x in d["target_models"]}
assert m[4]["fit"] == "fits" and m[4]["study_example"] is True
assert m[2]["fit"] == "does_not_fit" and m[2]["group_fit"] == "not_met"
PY
expect_status 0 "$CS" --db "$db" factors --cluster north --format md
expect_contains "$T/out" "### F4 Regional support: evidenced"

# errors: unknown cluster (3), a non-biomedical one (2), usage (2)
expect_status 3 "$CS" --db "$db" factors --cluster no-such-cluster
expect_contains "$T/err" "no cluster \"no-such-cluster\" in the registry"
expect_status 2 "$CS" --db "$db" factors --cluster steel
expect_contains "$T/err" "is outside the scope of hse-success-factors-2019 (A biomedical cluster: not met (kind is industrial))"
expect_status 2 "$CS" --db "$db" factors
expect_contains "$T/err" "--cluster KEY is required"
expect_status 2 "$CS" --db "$db" factors --cluster north --format csv
expect_status 2 "$CS" --db "$db" factors --cluster north --lang de
expect_status 2 "$CS" --db "$db" factors --cluster ""
expect_status 0 "$CS" help factors
expect_contains "$T/out" "usage: clusterscope factors --cluster KEY"

# bad reference documents: each refused with file:line:column, nothing stored
bad() { # NAME PYTHON-EDIT EXPECTED-FRAGMENT
    python3 - "$fx/reference.json" "$T/$1.json" "$2" <<'PY' || fail "making $1"
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
PY
    expect_status 3 "$CS" --db "$db" import "$T/$1.json"
    expect_contains "$T/err" "$3"
}
bad unknown-cluster 'd["cases"][1]["cluster"] = "nowhere"' \
    "unknown-cluster.json:76:15: expected the key of a cluster in the registry (import the clusters first, or in the same import), found \"nowhere\""
bad unknown-factor 'd["cases"][0]["factor"] = 9' "expected the number of a factor of this document, found \"an unknown factor\""
bad both-evidence 'd["factors"][1]["evidence"] = "f4_regional"' "either \"evidence\" (an indicator of the evidence method) or \"no_evidence\""
bad no-title 'del d["cases"][2]["title_ru"]' "expected the case's title as the study prints it"
bad model-group 'd["target_models"][0]["groups"] = [2]' "expected the numbers of groups of this document"
bad repeated-factor 'd["factors"][2]["id"] = 4' "expected a number not used before, found \"a repeated number\""
bad no-method 'del d["evidence_method"]' "a member \"evidence_method\" beside the factors"
bad stray-member 'd["cases"][0]["page"] = 3' "expected a case member factor, cluster, title_ru, locator, summary_en or summary_ru, found \"page\""
bad too-many-factors 'd["factors"] += [dict(d["factors"][0], id=100 + i) for i in range(25 - len(d["factors"]))]' "expected at most 24 success factors, found \"more\""
check
[ "$(sqlite3 "$db" 'SELECT count(*) FROM reference_case')" = 3 ] || fail "a refused import changed the cases"

# the bundled data: every biomedical cluster, both languages, every format, stable output
full="$T/full.db"
"$CS" --db "$full" init >/dev/null || fail "init"
expect_status 0 "$CS" --db "$full" import data/*.json data/reference/reference-groups.json
check
[ "$(sqlite3 "$full" 'SELECT count(*) FROM reference_case')" = 31 ] || fail "31 cases"
check
[ "$(sqlite3 "$full" 'SELECT group_concat(n) FROM (SELECT count(*) n FROM reference_case GROUP BY factor ORDER BY factor)')" = "6,4,5,4,4,3,5" ] ||
    fail "cases per factor"
keys=$(sqlite3 "$full" "SELECT key FROM cluster WHERE kind = 'biomedical' ORDER BY key")
[ -n "$keys" ] || fail "no biomedical cluster"
n=0
for key in $keys; do
    for lang in en ru; do
        expect_status 0 "$CS" --db "$full" factors --cluster "$key" --lang "$lang"
        expect_contains "$T/out" "F7 "
        expect_status 0 "$CS" --db "$full" factors --cluster "$key" --lang "$lang" --format json -o "$T/a.json"
        check
        python3 -m json.tool "$T/a.json" >/dev/null || fail "$key $lang: JSON not valid"
        expect_status 0 "$CS" --db "$full" factors --cluster "$key" --lang "$lang" --format json -o "$T/b.json"
        check
        cmp -s "$T/a.json" "$T/b.json" || fail "$key $lang: output differs between runs"
    done
    expect_status 0 "$CS" --db "$full" factors --cluster "$key" --format md
    n=$((n + 1))
done
[ "$n" -ge 30 ] || fail "only $n biomedical clusters"
# a cluster with cases shows them with their lines, in the study's words
expect_status 0 "$CS" --db "$full" factors --cluster medicon-valley
expect_contains "$T/out" "«В сетях кластера» (lines 4208-4362)"
expect_contains "$T/out" "«Университеты — отцы-основатели кластера» (lines 8338-8425)"
expect_contains "$T/out" "TM2 Conditions for science-business interaction in technology transfer: fits"
expect_contains "$T/out" "the study names it as an example: yes"
expect_status 0 "$CS" --db "$full" factors --cluster litcare --lang ru
expect_contains "$T/out" "«Один кластер — один бренд» (lines 4776-4916)"
expect_contains "$T/out" "Целевые модели и факторы успеха"
expect_status 2 "$CS" --db "$full" factors --cluster penza-biomed
expect_contains "$T/err" "for biomedical clusters"

# the group found by the latest stored partition
expect_status 0 "$CS" --db "$full" classify
found=$(sqlite3 "$full" "SELECT group_number FROM typology_member WHERE cluster_key = 'litcare' AND partition_id = (SELECT max(id) FROM typology_partition)")
[ -n "$found" ] || fail "litcare has no group in the stored partition"
expect_status 0 "$CS" --db "$full" factors --cluster litcare
expect_contains "$T/out" "Group in the stored partition: $found"

# the report's section, and export and re-import of the stored factors
expect_status 0 "$CS" --db "$full" report --format md --lang ru -o "$T/r.md"
expect_contains "$T/r.md" "## Целевые модели и факторы успеха"
expect_contains "$T/r.md" "| F5 |"
expect_status 0 "$CS" --db "$full" report --format csv --table factors -o "$T/f.csv"
expect_contains "$T/f.csv" '"medicon-valley","Medicon Valley","2",'
check
[ "$(wc -l <"$T/f.csv")" -eq $((n + 1)) ] || fail "factor table rows"
expect_status 0 "$CS" --db "$full" report --format json -o "$T/r.json"
check
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); f=d['factors']; assert [x['cases'] for x in f['list']]==[6,4,5,4,4,3,5]; assert len(f['clusters'])==$n" "$T/r.json" ||
    fail "report JSON factors"
expect_status 0 "$CS" --db "$full" report --format md --no-factors -o "$T/r2.md"
check
! grep -q "success factors" "$T/r2.md" || fail "--no-factors left the section in"
expect_status 2 "$CS" --db "$full" report --no-factors --format csv --table factors
expect_status 0 "$CS" --db "$full" export --format csv -o "$T/exp"
back="$T/back.db"
"$CS" --db "$back" init >/dev/null || fail "init"
expect_status 0 "$CS" --db "$back" import "$T"/exp/*.csv
for t in reference_model reference_factor reference_case; do
    check
    [ "$(sqlite3 "$full" "SELECT * FROM $t ORDER BY 1, 2" | md5sum)" = "$(sqlite3 "$back" "SELECT * FROM $t ORDER BY 1, 2" | md5sum)" ] ||
        fail "$t differs after export and re-import"
done
expect_status 0 "$CS" --db "$back" factors --cluster medicon-valley
expect_contains "$T/out" "«В сетях кластера» (lines 4208-4362)"
done_checks
