# The cluster-development kinds of schema 12 (issue 14) from the command line: each kind from CSV
# (named by its file, by --kind, or recognised by its header) and from a JSON registry document
# give the same registry; the import summary counts every kind; export and import back give the
# same bytes (CSV and JSON); every refusal exits 3 with file:line:column and stores nothing.
. tests/cli/lib.sh

db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
mkdir "$T/in"
cd "$T/in" || fail "no scratch folder"
printf 'key,title\ns001,Digest 12\ns002,HSE news\ns003,BioMed\n' >sources.csv
printf 'code,name_en\nRU,Russia\n' >countries.csv
printf 'key,name_en,country\npenza-biomed,BioMed Penza,RU\nkaliningrad-amber,Amber,RU\n' >clusters.csv
printf 'key,name,type\nmedinzh,MedInzh,manufacturer\nsupplier-a,Supplier A,manufacturer\nlab-b,Lab B,research\namber-plant,Amber plant,manufacturer\n' >organisations.csv
printf 'cluster,organisation,role,value_chain_stage\npenza-biomed,medinzh,anchor,assembly\npenza-biomed,supplier-a,member,parts\npenza-biomed,lab-b,partner,\nkaliningrad-amber,amber-plant,member,processing\n' >memberships.csv
printf 'name,subject_kind,type\namber_processed_share,cluster,amount\n' >fact_definitions.csv
printf 'key,kind,name_en,name_ru,operator,country,started,ended,budget,currency,levels,source\npilot-itc,support,Pilot innovative territorial clusters,Пилотные инновационные территориальные кластеры,Ministry of Economic Development,RU,2012,,5000000000,RUB,,s002\nminprom-registry,registry,Registry of industrial clusters,,Ministry of Industry and Trade,RU,2015,,,,,s001\nesca,label,ESCA label,,ESCA,,2012,2020,,,bronze|silver|gold,\n' >programmes.csv
printf 'programme,round,year,requested,awarded,applications,awards,status,source,locator\npilot-itc,2013,2013,2700000000,2500000000,25,25,stated,s002,l. 7\n' >programme_rounds.csv
printf 'programme,round,specialisation,clusters,awarded,status,source\npilot-itc,2013,biomedical,6,680000000,stated,s002\n' >round_shares.csv
printf 'programme,round,cluster,requested,awarded,decision,status,source\npilot-itc,2013,penza-biomed,150000000,120000000,awarded,estimated,s002\npilot-itc,2013,kaliningrad-amber,10.5,0,refused,estimated,s002\n' >applications.csv
printf 'programme,cluster,entered,left_on,level,decision,status,source\nminprom-registry,kaliningrad-amber,2019-03-26,,,"Order No 1, 26.03.2019",stated,s001\nesca,penza-biomed,2018,2020-06,bronze,,estimated,\n' >listings.csv
printf 'cluster,name,year,value,baseline_year,status,source\nkaliningrad-amber,amber_processed_share,2025,0.7,2017,stated,s001\npenza-biomed,organisation_count,,>10,,,s003\n' >targets.csv
printf 'cluster,stage,position,name_en\npenza-biomed,parts,1,Parts\npenza-biomed,assembly,2,Assembly\npenza-biomed,s3,3,\n' >chain_stages.csv
printf 'key,cluster,name_en,started,ended,participants,stages\nbiomed-project,penza-biomed,BioMed product line,2015,2018,11,5\n' >projects.csv
printf 'project,organisation,role,stage\nbiomed-project,medinzh,finisher,assembly\nbiomed-project,supplier-a,supplier,parts\n' >project_members.csv
printf 'project,stage,source\nbiomed-project,parts,s003\nbiomed-project,assembly,s003\n' >project_stages.csv
printf 'cluster,source_org,target_org,kind,project,year,weight,status,source\npenza-biomed,supplier-a,medinzh,supply,biomed-project,2016,1.5,stated,s003\npenza-biomed,lab-b,medinzh,research,,,,,s003\n' >links.csv
cd - >/dev/null || fail "no way back"
expect_status 0 "$CS" --db "$db" import "$T"/in/*.csv
# the summary counts every kind
expect_contains "$T/out" "programmes               3 new"
expect_contains "$T/out" "programme_rounds         1 new"
expect_contains "$T/out" "round_shares             1 new"
expect_contains "$T/out" "applications             2 new"
expect_contains "$T/out" "listings                 2 new"
expect_contains "$T/out" "targets                  2 new"
expect_contains "$T/out" "chain_stages             3 new"
expect_contains "$T/out" "projects                 1 new"
expect_contains "$T/out" "project_members          2 new"
expect_contains "$T/out" "project_stages           2 new"
expect_contains "$T/out" "links                    2 new"
expect_contains "$T/out" "imported: 36 new, 0 updated, 0 unchanged"
check
[ "$(sqlite3 "$db" "SELECT awarded || '/' || requested FROM application WHERE cluster = 'penza-biomed'")" = 120000000.0/150000000.0 ] ||
    fail "application amounts not stored as numbers"
check
[ "$(sqlite3 "$db" "SELECT year FROM target WHERE cluster = 'penza-biomed'")" = 0 ] ||
    fail "an undated target is not year 0"

# the same records as one JSON registry document: the same registry
cat >"$T/dev.json" <<'EOF'
{"format": "clusterscope-registry", "version": 1,
 "fact_definitions": [{"name": "amber_processed_share", "subject_kind": "cluster", "type": "amount"}],
 "sources": [{"key": "s001", "title": "Digest 12"}, {"key": "s002", "title": "HSE news"}, {"key": "s003", "title": "BioMed"}],
 "countries": [{"code": "RU", "name_en": "Russia"}],
 "clusters": [{"key": "penza-biomed", "name_en": "BioMed Penza", "country": "RU"},
              {"key": "kaliningrad-amber", "name_en": "Amber", "country": "RU"}],
 "organisations": [{"key": "medinzh", "name": "MedInzh", "type": "manufacturer"},
                   {"key": "supplier-a", "name": "Supplier A", "type": "manufacturer"},
                   {"key": "lab-b", "name": "Lab B", "type": "research"},
                   {"key": "amber-plant", "name": "Amber plant", "type": "manufacturer"}],
 "memberships": [{"cluster": "penza-biomed", "organisation": "medinzh", "role": "anchor", "value_chain_stage": "assembly"},
                 {"cluster": "penza-biomed", "organisation": "supplier-a", "value_chain_stage": "parts"},
                 {"cluster": "penza-biomed", "organisation": "lab-b", "role": "partner"},
                 {"cluster": "kaliningrad-amber", "organisation": "amber-plant", "value_chain_stage": "processing"}],
 "links": [{"cluster": "penza-biomed", "source_org": "supplier-a", "target_org": "medinzh", "kind": "supply", "project": "biomed-project", "year": 2016, "weight": 1.5, "status": "stated", "source": "s003"},
           {"cluster": "penza-biomed", "source_org": "lab-b", "target_org": "medinzh", "kind": "research", "source": "s003"}],
 "project_stages": [{"project": "biomed-project", "stage": "parts", "source": "s003"}, {"project": "biomed-project", "stage": "assembly", "source": "s003"}],
 "project_members": [{"project": "biomed-project", "organisation": "medinzh", "role": "finisher", "stage": "assembly"},
                     {"project": "biomed-project", "organisation": "supplier-a", "role": "supplier", "stage": "parts"}],
 "projects": [{"key": "biomed-project", "cluster": "penza-biomed", "name_en": "BioMed product line", "started": 2015, "ended": 2018, "participants": 11, "stages": 5}],
 "chain_stages": [{"cluster": "penza-biomed", "stage": "parts", "position": 1, "name_en": "Parts"},
                  {"cluster": "penza-biomed", "stage": "assembly", "position": 2, "name_en": "Assembly"},
                  {"cluster": "penza-biomed", "stage": "s3", "position": 3}],
 "targets": [{"cluster": "kaliningrad-amber", "name": "amber_processed_share", "year": 2025, "value": "0.7", "baseline_year": 2017, "status": "stated", "source": "s001"},
             {"cluster": "penza-biomed", "name": "organisation_count", "value": ">10", "source": "s003"}],
 "listings": [{"programme": "minprom-registry", "cluster": "kaliningrad-amber", "entered": "2019-03-26", "decision": "Order No 1, 26.03.2019", "status": "stated", "source": "s001"},
              {"programme": "esca", "cluster": "penza-biomed", "entered": "2018", "left_on": "2020-06", "level": "bronze", "status": "estimated"}],
 "applications": [{"programme": "pilot-itc", "round": "2013", "cluster": "penza-biomed", "requested": 150000000, "awarded": 120000000, "decision": "awarded", "status": "estimated", "source": "s002"},
                  {"programme": "pilot-itc", "round": "2013", "cluster": "kaliningrad-amber", "requested": 10.5, "awarded": 0, "decision": "refused", "status": "estimated", "source": "s002"}],
 "round_shares": [{"programme": "pilot-itc", "round": "2013", "specialisation": "biomedical", "clusters": 6, "awarded": 680000000, "status": "stated", "source": "s002"}],
 "programme_rounds": [{"programme": "pilot-itc", "round": "2013", "year": 2013, "requested": 2700000000, "awarded": 2500000000, "applications": 25, "awards": 25, "status": "stated", "source": "s002", "locator": "l. 7"}],
 "programmes": [{"key": "pilot-itc", "kind": "support", "name_en": "Pilot innovative territorial clusters", "name_ru": "Пилотные инновационные территориальные кластеры", "operator": "Ministry of Economic Development", "country": "RU", "started": 2012, "budget": 5000000000, "currency": "RUB", "source": "s002"},
                {"key": "minprom-registry", "kind": "registry", "name_en": "Registry of industrial clusters", "operator": "Ministry of Industry and Trade", "country": "RU", "started": 2015, "source": "s001"},
                {"key": "esca", "kind": "label", "name_en": "ESCA label", "operator": "ESCA", "started": 2012, "ended": 2020, "levels": "bronze|silver|gold"}]}
EOF
expect_status 0 "$CS" --db "$T/j.db" init
expect_status 0 "$CS" --db "$T/j.db" import "$T/dev.json"
expect_contains "$T/out" "links                    2 new"
expect_contains "$T/out" "imported: 36 new, 0 updated, 0 unchanged"
expect_status 0 "$CS" --db "$db" export --format csv -o "$T/out1"
expect_status 0 "$CS" --db "$T/j.db" export --format csv -o "$T/outj"
check
diff -r "$T/out1" "$T/outj" >&2 || fail "the JSON document and the CSV files give different registries"
expect_contains "$T/out1/listings.csv" 'minprom-registry,kaliningrad-amber,2019-03-26,,,"Order No 1, 26.03.2019",stated,s001,,,'
expect_contains "$T/out1/applications.csv" 'pilot-itc,2013,kaliningrad-amber,10.5,0,refused,estimated,s002,,,'

# every kind comes back: the export holds each kind's records, counted from the files given
# (one record a line after the header), so that the round trips below compare something
kinds="programmes programme_rounds round_shares applications listings targets chain_stages projects project_members project_stages links"
expect_status 0 "$CS" --db "$db" export -o "$T/kinds.json"
for k in $kinds; do
    want=$(($(wc -l <"$T/in/$k.csv") - 1))
    got=$(($(wc -l <"$T/out1/$k.csv") - 1))
    check
    [ "$want" -gt 0 ] && [ "$got" -eq "$want" ] || fail "$k: $got records exported as CSV, $want imported"
    got=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1])).get(sys.argv[2], [])))' "$T/kinds.json" "$k")
    check
    [ "$got" -eq "$want" ] || fail "$k: $got records exported as JSON, $want imported"
done

# export and back: the same bytes, through CSV and through JSON
expect_status 0 "$CS" --db "$T/r2.db" init
expect_status 0 "$CS" --db "$T/r2.db" import "$T"/out1/*.csv
expect_status 0 "$CS" --db "$T/r2.db" export --format csv -o "$T/out2"
check
diff -r "$T/out1" "$T/out2" >&2 || fail "development records do not round-trip through CSV"
expect_status 0 "$CS" --db "$db" export -o "$T/all.json"
expect_status 0 "$CS" --db "$T/r3.db" init
expect_status 0 "$CS" --db "$T/r3.db" import "$T/all.json"
expect_status 0 "$CS" --db "$T/r3.db" export -o "$T/all3.json"
check
cmp "$T/all.json" "$T/all3.json" >&2 || fail "development records do not round-trip through JSON"
expect_status 0 "$CS" --db "$T/r3.db" import "$T/all.json"
expect_contains "$T/out" "imported: 0 new, 0 updated"

# a file recognised by its header alone
printf 'programme,round,year,applications,awards\npilot-itc,2014,2014,30,12\n' >"$T/rounds-2014.csv"
expect_status 0 "$CS" --db "$db" import --dry-run "$T/rounds-2014.csv"
expect_contains "$T/out" "programme_rounds         1 new"

# refusals: exit 3, file:line:column, nothing stored
sqlite3 "$db" .dump >"$T/before.sql"
bad() { # bad KIND FILE TEXT MESSAGE
    printf '%s' "$3" >"$T/$2"
    expect_status 3 "$CS" --db "$db" import --kind "$1" "$T/$2"
    expect_contains "$T/err" "$4"
    sqlite3 "$db" .dump >"$T/after.sql"
    cmp -s "$T/before.sql" "$T/after.sql" || fail "$2: a refused import stored something"
    check
}
nl='
'
bad applications award.csv "programme,round,cluster,requested,awarded${nl}pilot-itc,2013,penza-biomed,100,101${nl}" \
    'award.csv:2:5: expected an amount awarded of at most the requested 100, found "101"'
bad applications refused.csv "programme,round,cluster,awarded,decision${nl}pilot-itc,2013,kaliningrad-amber,5,refused${nl}" \
    'refused.csv:2:4: expected an amount awarded of 0 or none for a refused application, found "5"'
bad applications withdrawn.csv "programme,round,cluster,awarded,decision${nl}pilot-itc,2013,kaliningrad-amber,1,withdrawn${nl}" \
    'withdrawn.csv:2:4: expected an amount awarded of 0 or none for a withdrawn application, found "1"'
bad applications programme.csv "programme,round,cluster${nl}pilot-2,2013,penza-biomed${nl}" \
    'programme.csv:2:1: expected the key of a known programme (import it first or in the same import), found "pilot-2"'
bad applications round.csv "programme,round,cluster${nl}pilot-itc,2012,penza-biomed${nl}" \
    'round.csv:2:2: expected a round of programme pilot-itc (import it first or in the same import), found "2012"'
bad applications cluster.csv "programme,round,cluster${nl}pilot-itc,2013,don-valley${nl}" \
    'cluster.csv:2:3: expected the key of a known cluster (import it first or in the same import), found "don-valley"'
bad project_members organisation.csv "project,organisation${nl}biomed-project,medinzh-2${nl}" \
    'organisation.csv:2:2: expected the key of a known organisation (import it first or in the same import), found "medinzh-2"'
bad project_stages project.csv "project,stage${nl}biomed-2,parts${nl}" \
    'project.csv:2:1: expected the key of a known project (import it first or in the same import), found "biomed-2"'
bad links source.csv "cluster,source_org,target_org,kind,source${nl}penza-biomed,lab-b,supplier-a,research,s009${nl}" \
    'source.csv:2:5: expected the key of a known source (import it first or in the same import), found "s009"'
bad listings level.csv "programme,cluster,entered,level${nl}esca,kaliningrad-amber,2019,platinum${nl}" \
    'level.csv:2:4: expected a level of programme esca (bronze|silver|gold), found "platinum"'
bad listings nolevels.csv "programme,cluster,entered,level${nl}minprom-registry,penza-biomed,2019,gold${nl}" \
    'nolevels.csv:2:4: expected no level (programme minprom-registry defines no levels), found "gold"'
bad project_members stage.csv "project,organisation,stage${nl}biomed-project,lab-b,testing${nl}" \
    'stage.csv:2:3: expected a stage of the value chain of cluster penza-biomed (parts, assembly, s3), found "testing"'
bad project_stages pstage.csv "project,stage${nl}biomed-project,testing${nl}" \
    'pstage.csv:2:2: expected a stage of the value chain of cluster penza-biomed (parts, assembly, s3), found "testing"'
bad memberships mstage.csv "cluster,organisation,value_chain_stage${nl}penza-biomed,lab-b,testing${nl}" \
    'mstage.csv:2:3: expected a stage of the value chain of cluster penza-biomed (parts, assembly, s3), found "testing"'
bad chain_stages newstages.csv "cluster,stage,position${nl}kaliningrad-amber,mining,1${nl}" \
    'newstages.csv:2:2: expected stages of cluster kaliningrad-amber that include processing, the value_chain_stage of its member amber-plant, found "mining"'
bad chain_stages position.csv "cluster,stage,position${nl}penza-biomed,s4,3${nl}" \
    'position.csv:2:3: expected a position no other stage of cluster penza-biomed has (stage s3 is at 3), found "3"'
bad links member.csv "cluster,source_org,target_org,kind,source${nl}penza-biomed,supplier-a,amber-plant,supply,s003${nl}" \
    'member.csv:2:3: expected a member of cluster penza-biomed (a membership stored or in the same import), found "amber-plant"'
bad project_members pmember.csv "project,organisation${nl}biomed-project,amber-plant${nl}" \
    'pmember.csv:2:2: expected a member of cluster penza-biomed (a membership stored or in the same import), found "amber-plant"'
bad listings left.csv "programme,cluster,entered,left_on${nl}minprom-registry,penza-biomed,2019-03-26,2019-03-01${nl}" \
    'left.csv:2:4: expected a left_on date not before entered 2019-03-26, found "2019-03-01"'
bad programmes ended.csv "key,kind,name_en,started,ended${nl}p2,list,P2,2019,2018${nl}" \
    'ended.csv:2:5: expected an ended year not before started 2019, found "2018"'
bad projects pended.csv "key,cluster,name_en,started,ended${nl}p2,penza-biomed,P2,2019,2017${nl}" \
    'pended.csv:2:5: expected an ended year not before started 2019, found "2017"'
bad listings date.csv "programme,cluster,entered${nl}minprom-registry,penza-biomed,2021-02-29${nl}" \
    "date.csv:2:3: expected a date YYYY, YYYY-MM or YYYY-MM-DD in 'entered' (a day that exists: 29 February only in a leap year), found \"2021-02-29\""
bad programme_rounds awards.csv "programme,round,year,applications,awards${nl}pilot-itc,2014,2014,5,6${nl}" \
    'awards.csv:2:5: expected a number of awards of at most the applications 5, found "6"'
bad programme_rounds number.csv "programme,round,year,budget${nl}pilot-itc,2014,2014,12 mn${nl}" \
    "number.csv:2:4: expected a number of at least 0 in 'budget', found \"12 mn\""
bad targets fact.csv "cluster,name,value,source${nl}kaliningrad-amber,amber_share,0.7,s001${nl}" \
    'fact.csv:2:2: expected a fact defined for a cluster (a built-in definition or an imported one), found "amber_share"'
bad targets value.csv "cluster,name,value,source${nl}kaliningrad-amber,amber_processed_share,70%,s001${nl}" \
    "value.csv:2:3: expected a number of 0 or more, or a bound such as \">1e9\" or \"10..20\" for fact 'amber_processed_share' (amount), found \"70%\""
bad programmes twice.csv "key,kind,name_en${nl}p2,list,P2${nl}p2,list,P3${nl}" \
    'twice.csv:3:1: expected a programme key not used before in this import (first at line 2), found "p2"'
# a JSON document: the position of the member at fault
printf '{"format": "clusterscope-registry",\n "links": [{"cluster": "penza-biomed", "source_org": "lab-b",\n   "target_org": "amber-plant", "kind": "other", "source": "s003"}]}\n' >"$T/bad.json"
expect_status 3 "$CS" --db "$db" import "$T/bad.json"
expect_contains "$T/err" 'bad.json:3:18: expected a member of cluster penza-biomed (a membership stored or in the same import), found "amber-plant"'
sqlite3 "$db" .dump >"$T/after.sql"
check
cmp -s "$T/before.sql" "$T/after.sql" || fail "bad.json: a refused import stored something"
done_checks
