# The method's scope on the bundled data: the HSE method scores only biomedical clusters (study
# lines 2660-2683) and lists the others with the reason in every writer, in explain, in the stored
# run, in classify and after a migration from schema 2; the ECCP method has no scope; a cluster
# known to have no clinic is out; the -text variant reads I13 with two goals and I15 strictly.
. tests/cli/lib.sh
db="$T/reg.db"
"$CS" --db "$db" init >/dev/null || fail "init"
"$CS" --db "$db" import data/*.json >/dev/null || fail "import of data/"

# ---------------------------------------------------------------- table
expect_status 0 "$CS" --db "$db" assess --no-store
expect_contains "$T/out" "; 38 clusters in the method's scope (14 out of it, listed at the end);"
expect_contains "$T/out" "Out of the method's scope: 14 clusters (not scored)"
for line in "kaliningrad-amber: A biomedical cluster: not met (kind is industrial)" \
    "dolina-dona: A biomedical cluster: not met (kind is other)" \
    "krasnoyarsk-organic: A biomedical cluster: not met (kind is other)" \
    "belomorye: A biomedical cluster: not met (kind is tourist)"; do
    expect_contains "$T/out" "  $line"
done
expect_contains "$T/out" "In scope although scope rule clinics is unknown (\"unknown\": \"in\"): 23 clusters"
check
grep -q '^kaliningrad-amber ' "$T/out" && fail "the amber cluster has a row of scores"

# ---------------------------------------------------------------- JSON: no other kind is scored
expect_status 0 "$CS" --db "$db" assess --no-store --format json -o "$T/a.json"
sqlite3 -separator ' ' "$db" "SELECT key, kind FROM cluster" >"$T/kinds"
python3 - "$T/a.json" "$T/kinds" <<'PY' || fail "the HSE assessment scored a cluster out of its scope"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
kind = dict(line.split() for line in open(sys.argv[2]))
scored = [c["key"] for c in d["clusters"]]
assert len(scored) == 38 and all(kind[k] == "biomedical" for k in scored), scored
out = {e["key"]: e for e in d["out_of_scope"]}
assert len(out) == 14 and all(kind[k] != "biomedical" for k in out), sorted(out)
assert len(scored) + len(out) == len(kind)
for key in ("kaliningrad-amber", "dolina-dona", "krasnoyarsk-organic", "belomorye"):
    e = out[key]
    assert e["rule"] == "biomedical" and e["result"] == "not_met" and e["found"] == kind[key], e
    assert e["reason"] == "A biomedical cluster: not met (kind is %s)" % kind[key], e
nord = next(c for c in d["clusters"] if c["key"] == "life-science-nord")
assert nord["scope_unknown"] == ["clinics"], nord["scope_unknown"]
medicon = next(c for c in d["clusters"] if c["key"] == "medicon-valley")
assert medicon["scope_unknown"] == [], medicon["scope_unknown"]
PY
check

# ---------------------------------------------------------------- CSV: rows after the scored
expect_status 0 "$CS" --db "$db" assess --no-store --format csv -o "$T/a.csv"
python3 - "$T/a.csv" <<'PY' || fail "the assessment CSV does not mark the scope"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
status = [r["scope:status"] for r in rows]
assert status == ["in"] * 38 + ["out"] * 14, status
amber = next(r for r in rows if r["cluster"] == "kaliningrad-amber")
assert amber["scope:reason"] == "A biomedical cluster: not met (kind is industrial)", amber
assert amber["total:points"] == "" and amber["size"] == "", amber
nord = next(r for r in rows if r["cluster"] == "life-science-nord")
assert "member_type.clinic not recorded" in nord["scope:reason"], nord["scope:reason"]
PY
check

# ---------------------------------------------------------------- explain
expect_status 0 "$CS" --db "$db" assess --explain kaliningrad-amber
expect_contains "$T/out" "Out of the method's scope, so not scored: A biomedical cluster: not met (kind is industrial)"
expect_contains "$T/out" "scope rule biomedical: kind is one of biomedical; unknown is out"
check
grep -q "^I7 size" "$T/out" && fail "explain scored a cluster out of scope"
expect_status 0 "$CS" --db "$db" assess --explain belomorye --format json
python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["scope"]["in"] is False and d["scope"]["exclusion"]["found"] == "tourist", d["scope"]
assert "indicators" not in d
' <"$T/out" || fail "explain JSON of a cluster out of scope"
check
expect_status 0 "$CS" --db "$db" assess --explain life-science-nord
expect_contains "$T/out" "Scope: in the method's scope, on an unknown: Clinics among the members: unknown (member_type.clinic not recorded)"
expect_status 0 "$CS" --db "$db" assess --explain medicon-valley
expect_contains "$T/out" "Scope: in the method's scope (every scope rule is met)"

# ---------------------------------------------------------------- a cluster known to have no clinic
cp "$db" "$T/noclinic.db"
printf 'subject_kind,subject,fact,year,value,status,source,locator\ncluster,biocom,member_type.clinic,,false,stated,hse-2019,test\n' >"$T/noclinic.csv"
expect_status 0 "$CS" --db "$T/noclinic.db" import "$T/noclinic.csv"
expect_status 0 "$CS" --db "$T/noclinic.db" assess --no-store
expect_contains "$T/out" "Out of the method's scope: 15 clusters"
expect_contains "$T/out" "  biocom: Clinics among the members: not met (member_type.clinic is false)"

# ---------------------------------------------------------------- the stored run and classify
expect_status 0 "$CS" --db "$db" assess
check
[ "$(sqlite3 "$db" 'SELECT count(*) FROM assessment_score WHERE run_id = 1')" -eq 38 ] || fail "38 stored scores"
check
[ "$(sqlite3 "$db" "SELECT count(*) FROM assessment_out_of_scope WHERE run_id = 1 AND rule = 'biomedical' AND result = 'not_met'")" -eq 14 ] ||
    fail "14 stored out of scope: $(sqlite3 "$db" 'SELECT * FROM assessment_out_of_scope')"
check
[ "$(sqlite3 "$db" 'SELECT count(*) FROM assessment_score s JOIN assessment_out_of_scope o USING (run_id, cluster_key)')" -eq 0 ] ||
    fail "a cluster both scored and out of scope"
check
[ "$(sqlite3 "$db" "SELECT found FROM assessment_out_of_scope WHERE cluster_key = 'kaliningrad-amber'")" = industrial ] ||
    fail "the value read is not stored"
expect_status 0 "$CS" --db "$db" classify --no-store --run 1
expect_contains "$T/out" "38 given"
expect_contains "$T/out" "out of the method's scope, not assessed (14; the method's scope, not coverage, leaves them out):"
expect_contains "$T/out" "  kaliningrad-amber: A biomedical cluster: not met (kind is industrial)"
expect_contains "$T/out" "left out ("

# ---------------------------------------------------------------- a schema-2 registry migrates
cp "$db" "$T/v2.db"
sqlite3 "$T/v2.db" "DROP TABLE digest_entry; DROP TABLE digest_text; DROP TABLE digest_issue; DROP TABLE news_link; DROP TABLE news_qa; DROP TABLE news_item; DROP TABLE link; DROP TABLE project_stage; DROP TABLE project_member; DROP TABLE project; DROP TABLE chain_stage; DROP TABLE target; DROP TABLE listing; DROP TABLE application; DROP TABLE round_share; DROP TABLE programme_round; DROP TABLE programme; DROP INDEX region_code; ALTER TABLE region DROP COLUMN code; DROP TABLE concordance; DROP TABLE industry; DROP TABLE classification; DROP INDEX region_parent; ALTER TABLE region DROP COLUMN parent; ALTER TABLE region DROP COLUMN type; DROP TABLE statistic; DROP TABLE session; DROP TABLE registration; DROP TABLE api_token; DROP TABLE account; DROP TABLE revision; DROP TABLE search_index; DROP TABLE reference_case; DROP TABLE reference_factor; DROP TABLE reference_model; DROP TABLE assessment_out_of_scope; ALTER TABLE typology_partition DROP COLUMN min_known; ALTER TABLE typology_partition DROP COLUMN imputed_pairs; PRAGMA user_version = 2;" || fail "downgrade"
expect_status 1 "$CS" --db "$T/v2.db" assess --no-store
expect_contains "$T/err" "schema version 2, expected 13"
expect_status 0 "$CS" --db "$T/v2.db" assess
check
[ "$(sqlite3 "$T/v2.db" 'PRAGMA user_version')" -eq 13 ] || fail "not migrated to schema 13"
check
[ "$(sqlite3 "$T/v2.db" 'SELECT count(*) FROM assessment_out_of_scope')" -eq 14 ] || fail "the migrated registry stores no scope"
# the run stored before the migration has no list: classify says nothing of scope for it
expect_status 0 "$CS" --db "$T/v2.db" classify --no-store --run 1
check
grep -q "out of the method's scope" "$T/out" && fail "an old run invented a list"

# ---------------------------------------------------------------- the ECCP method: no scope
expect_status 0 "$CS" --db "$db" assess --no-store --method eccp-profile-2017 --format json -o "$T/e.json"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["clusters"]) == 52 and d["out_of_scope"] == [], (len(d["clusters"]), d["out_of_scope"])
assert "scope_unknown" not in d["clusters"][0]
' "$T/e.json" || fail "the ECCP method left clusters out"
expect_status 0 "$CS" --db "$db" assess --no-store --method eccp-profile-2017
check
grep -q "scope" "$T/out" && fail "a method without scope speaks of scope"
expect_status 0 "$CS" methods eccp-profile-2017
expect_contains "$T/out" "scope: every cluster"
expect_status 0 "$CS" methods hse-biomedical-2019
expect_contains "$T/out" "  - biomedical                   kind is biomedical (unknown: out)"
expect_contains "$T/out" "  - clinics                      member_type.clinic is true (unknown: in)"

# ---------------------------------------------------------------- the -text variant
expect_status 0 "$CS" methods
expect_contains "$T/out" "hse-biomedical-2019-text     1"
expect_status 0 "$CS" methods hse-biomedical-2019-text
expect_contains "$T/out" "15 indicators, 22 item points, 3 blocks"
expect_contains "$T/out" "composite: met when at least 1 of 2 items are met"
expect_contains "$T/out" "rule: english_website >= full (levels none < start_page < full)"
for method in hse-biomedical-2019 hse-biomedical-2019-text; do
    expect_status 0 "$CS" --db "$db" assess --no-store --method $method --format json -o "$T/$method.json"
done
python3 - "$T/hse-biomedical-2019.json" "$T/hse-biomedical-2019-text.json" <<'PY' || fail "the -text readings"
import json, sys
fig, txt = (json.load(open(p)) for p in sys.argv[1:])
def cl(d, key):
    return next(c for c in d["clusters"] if c["key"] == key)
assert [i for i in txt["items"] if i.startswith("strategic_goals.")] == [
    "strategic_goals.regional_socioeconomic", "strategic_goals.regional_science_technology"]
assert len(fig["items"]) == 23 and len(txt["items"]) == 22
# HealthCapital's English site has its start page only: met by the figure's reading, not the text's
hc_fig, hc_txt = cl(fig, "healthcapital-berlin-brandenburg"), cl(txt, "healthcapital-berlin-brandenburg")
assert hc_fig["indicators"]["international_visibility"] == 1, hc_fig["indicators"]
assert hc_txt["indicators"]["international_visibility"] == 0, hc_txt["indicators"]
# MassBio's strategy names only the development of participants, the goal the text leaves out
assert cl(fig, "massbio")["indicators"]["strategic_goals"] == 1
assert cl(txt, "massbio")["indicators"]["strategic_goals"] is None
# Life Science Nord names both of the text's goals
assert cl(txt, "life-science-nord")["points"]["strategic_goals"] == 2
assert len(txt["out_of_scope"]) == 14
PY
done_checks
