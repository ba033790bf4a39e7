# Import: good data in several CSV dialects, re-import, dry run, the bad-input corpus (each
# rejected with its message and the registry unchanged), round trip through export.
. tests/cli/lib.sh
db="$T/reg.db"
G=tests/data/good

expect_status 1 "$CS" --db "$db" import "$G/sources.csv"
expect_contains "$T/err" "no registry at $db; create one with 'clusterscope init'"

expect_status 0 "$CS" --db "$db" init
expect_status 2 "$CS" --db "$db" init
expect_contains "$T/err" "already exists"

# semicolon+CRLF, tab+LF, comma+bare CR, quoted commas and newlines: one transaction
expect_status 0 "$CS" --db "$db" import "$G/facts.csv" "$G/memberships.csv" "$G/organisations.csv" \
    "$G/clusters.csv" "$G/countries.csv" "$G/sources.csv"
expect_contains "$T/out" "imported: 19 new, 0 updated, 0 unchanged"

# Windows-1251 as Russian Excel saves it, detected
printf 'key;name_en;name_ru;country\r\nkazan-med;Kazan medical cluster;\312\340\347\340\355\374;RU\r\n' >"$T/clusters.csv"
expect_status 0 "$CS" --db "$db" import "$T/clusters.csv"
"$CS" --db "$db" export -o "$T/check.json"
expect_contains "$T/check.json" '"name_ru": "Казань"'

# UTF-8 with a byte-order mark
printf '\357\273\277code,name_en\nSE,Sweden\n' >"$T/countries.csv"
expect_status 0 "$CS" --db "$db" import "$T/countries.csv"
expect_contains "$T/out" "1 new"
# ... in a registry document too, as in a method file
printf '\357\273\277{"format": "clusterscope-registry", "countries": [{"code": "FI", "name_en": "Finland"}]}\n' >"$T/bom.json"
expect_status 0 "$CS" --db "$db" import "$T/bom.json"
expect_contains "$T/out" "1 new"

# Russian Excel's own forms in a ';'-delimited file: read, and the import says how
printf 'key;name;type\r\nmsk-clinic;Moscow clinic;clinic\r\n' >"$T/organisations.csv"
printf 'key;name_en;country;lat;lon\r\nmsk-med;Moscow medical;RU;55,75;37,62\r\n' >"$T/clusters.csv"
printf 'cluster;organisation;joined\r\nmsk-med;msk-clinic;31.12.2019\r\n' >"$T/memberships.csv"
expect_status 0 "$CS" --db "$db" import "$T/clusters.csv" "$T/organisations.csv" "$T/memberships.csv"
expect_contains "$T/err" "clusterscope: note: $T/clusters.csv:2:4: read \"55,75\" as 55.75 (a decimal comma)"
expect_contains "$T/err" "clusterscope: note: $T/memberships.csv:2:3: read \"31.12.2019\" as 2019-12-31 (day.month.year)"
"$CS" --db "$db" export -o "$T/forms.json"
expect_contains "$T/forms.json" '"lat": 55.75, "lon": 37.62'
expect_contains "$T/forms.json" '"joined": "2019-12-31"'
rm -f "$T/organisations.csv" "$T/memberships.csv"

# re-importing the same data changes nothing and says so
expect_status 0 "$CS" --db "$db" import "$G"/*.csv
expect_contains "$T/out" "imported: 0 new, 0 updated, 19 unchanged (already stored)"

# an update is counted as such
sed 's/Charité/Charité Berlin/' "$G/organisations.csv" >"$T/organisations.csv"
expect_status 0 "$CS" --db "$db" import --dry-run "$T/organisations.csv"
expect_contains "$T/out" "dry run, nothing stored: 0 new, 1 updated, 2 unchanged"
"$CS" --db "$db" export -o "$T/after-dry.json"
check
grep -q 'Charité Berlin' "$T/after-dry.json" && fail "--dry-run stored a change"

# the bad-input corpus: each file rejected with its message, nothing stored
"$CS" --db "$db" export -o "$T/before.json" || fail "export failed"
cp "$db" "$T/before.db"
grep -v '^#' tests/data/bad/EXPECTED | while IFS='|' read -r file status options fragment; do
    # shellcheck disable=SC2086
    expect_status "$status" "$CS" --db "$db" import $options "tests/data/bad/$file"
    expect_contains "$T/err" "$fragment"
    cmp -s "$db" "$T/before.db" || fail "$file changed the registry file"
done || exit 1

# a line of 100 MB is refused quickly, with bounded memory
{ printf 'key,name_en,country\nx,'; head -c 104857600 /dev/zero | tr '\0' 'a'; printf ',DE\n'; } >"$T/clusters.long.csv"
expect_status 3 "$CS" --db "$db" import "$T/clusters.long.csv"
expect_contains "$T/err" "clusters.long.csv:2:2:"
rm -f "$T/clusters.long.csv"

"$CS" --db "$db" export -o "$T/after.json"
cmp -s "$T/before.json" "$T/after.json" || fail "a rejected import changed the export"

# a failure in the last of several files stores nothing from the first
expect_status 3 "$CS" --db "$db" import "$T/organisations.csv" tests/data/bad/clusters.text-in-number.csv
cmp -s "$db" "$T/before.db" || fail "a failed multi-file import stored part of its data"

# round trip: export JSON -> import into a new registry -> export again: identical
db2="$T/reg2.db"
expect_status 0 "$CS" --db "$db2" init
expect_status 0 "$CS" --db "$db2" import "$T/before.json"
"$CS" --db "$db2" export -o "$T/round.json"
cmp "$T/before.json" "$T/round.json" || fail "JSON round trip differs"
# and through CSV
expect_status 0 "$CS" --db "$db" export --format csv -o "$T/csv"
db3="$T/reg3.db"
expect_status 0 "$CS" --db "$db3" init
expect_status 0 "$CS" --db "$db3" import "$T"/csv/*.csv
"$CS" --db "$db3" export -o "$T/round3.json"
cmp "$T/before.json" "$T/round3.json" || fail "CSV round trip differs"

# unknown stays unknown through the round trip: the esca_label fact has no value
expect_contains "$T/round3.json" '"fact": "esca_label", "source": "hse-2019", "quote": "no label stated"'

# The bulk path (tables empty at the start: organisations written by a second thread,
# memberships sorted before writing) keeps every guarantee of the ordinary path.
bulk="$T/bulk"
mkdir -p "$bulk"
python3 bench/gen_registry.py "$bulk" 5000 12000 50 >/dev/null || fail "generator"
new_registry() {
    rm -f "$T/bulk.db"
    "$CS" --db "$T/bulk.db" init >/dev/null
    "$CS" --db "$T/bulk.db" import "$bulk/sources.csv" "$bulk/countries.csv" "$bulk/clusters.csv" >/dev/null
}
new_registry
expect_status 0 "$CS" --db "$T/bulk.db" import "$bulk/organisations.csv" "$bulk/memberships.csv"
expect_contains "$T/out" "imported: 17000 new"
check
[ "$(sqlite3 "$T/bulk.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity check after a bulk import"
check
[ "$(sqlite3 "$T/bulk.db" "SELECT count(*) FROM sqlite_master WHERE name = 'organisation_key'")" = 1 ] ||
    fail "the organisation key index was not rebuilt"
# every membership points at the organisation its key names
sed -n 2p "$bulk/memberships.csv" >"$T/first"
IFS=, read -r c o _ <"$T/first"
check
[ "$(sqlite3 "$T/bulk.db" "SELECT count(*) FROM membership m JOIN organisation o ON o.id = m.organisation_id JOIN cluster c ON c.id = m.cluster_id WHERE o.key = '$o' AND c.key = '$c'")" = 1 ] ||
    fail "membership $c/$o does not resolve to its organisation"
# re-import: all unchanged, through the ordinary path
expect_status 0 "$CS" --db "$T/bulk.db" import "$bulk/organisations.csv" "$bulk/memberships.csv"
expect_contains "$T/out" "imported: 0 new, 0 updated, 17000 unchanged"

# a duplicate pair within one file (with another role: a row repeated exactly is imported once,
# and told), and across two files
new_registry
cp "$T/bulk.db" "$T/bulk-before.db"
{ cat "$bulk/memberships.csv"; sed -n 2p "$bulk/memberships.csv"; } >"$T/memberships.csv"
expect_status 0 "$CS" --db "$T/bulk.db" import --dry-run "$bulk/organisations.csv" "$T/memberships.csv"
expect_contains "$T/out" "memberships.csv: 1 row repeated exactly, skipped: first at line 2 repeated at line 12002"
expect_contains "$T/out" "dry run, nothing stored: 17000 new, 0 updated, 0 unchanged (already stored); 1 repeated row skipped"
{ cat "$bulk/memberships.csv"; sed -n 2p "$bulk/memberships.csv" | sed 's/,member,/,partner,/'; } >"$T/memberships.csv"
expect_status 3 "$CS" --db "$T/bulk.db" import "$bulk/organisations.csv" "$T/memberships.csv"
expect_contains "$T/err" "memberships.csv:12002:2: expected a cluster and organisation pair not listed before in this import (first at line 2: cluster $c, organisation $o), found \"$o\""
{ head -1 "$bulk/memberships.csv"; sed -n 2p "$bulk/memberships.csv"; } >"$T/memberships.again.csv"
expect_status 3 "$CS" --db "$T/bulk.db" import "$bulk/organisations.csv" "$bulk/memberships.csv" "$T/memberships.again.csv"
expect_contains "$T/err" "memberships.again.csv:2:2: expected a cluster and organisation pair not listed before in this import (also in"
# a bad organisation in the middle of the threaded write, and an unknown organisation
sed '2500s/,research;services,/,research;services,zz/' "$bulk/organisations.csv" >"$T/organisations.csv"
expect_status 3 "$CS" --db "$T/bulk.db" import "$T/organisations.csv" "$bulk/memberships.csv"
expect_contains "$T/err" "organisations.csv:2500:5: expected a two-letter country code"
sed '3s/,org-[0-9]*,/,org-none,/' "$bulk/memberships.csv" >"$T/memberships.csv"
expect_status 3 "$CS" --db "$T/bulk.db" import "$bulk/organisations.csv" "$T/memberships.csv"
expect_contains "$T/err" "memberships.csv:3:2: expected the key of a known organisation"
{ cat "$bulk/organisations.csv"; sed -n 2p "$bulk/organisations.csv" | sed 's/, Ltd/, GmbH/'; } >"$T/organisations.csv"
expect_status 3 "$CS" --db "$T/bulk.db" import "$T/organisations.csv"
expect_contains "$T/err" "organisations.csv:5002:1: expected an organisation key not used before in this import (first at line 2)"
cmp -s "$T/bulk.db" "$T/bulk-before.db" || fail "a failed bulk import changed the registry"
# more distinct sources than the sorted membership path codes in a byte (255): each membership
# keeps its own source
python3 - "$T/many" <<'PY' || fail "writing the many-sources data"
import os, sys
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, "sources.csv"), "w") as f:
    f.write("key,title\n" + "".join(f"s{i},Source {i}\n" for i in range(300)))
with open(os.path.join(d, "countries.csv"), "w") as f:
    f.write("code,name_en\nDE,Germany\n")
with open(os.path.join(d, "clusters.csv"), "w") as f:
    f.write("key,name_en,country\n" + "".join(f"c{i},C{i},DE\n" for i in range(4)))
with open(os.path.join(d, "organisations.csv"), "w") as f:
    f.write("key,name,type\n" + "".join(f"o{i},O{i},clinic\n" for i in range(600)))
with open(os.path.join(d, "memberships.csv"), "w") as f:
    f.write("cluster,organisation,source\n" + "".join(f"c{i % 4},o{i},s{i % 300}\n" for i in range(600)))
PY
rm -f "$T/many.db"
"$CS" --db "$T/many.db" init >/dev/null
expect_status 0 "$CS" --db "$T/many.db" import "$T"/many/*.csv
check
[ "$(sqlite3 "$T/many.db" "SELECT count(*) FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.source <> 's' || (CAST(substr(o.key, 2) AS INTEGER) % 300)")" = 0 ] ||
    fail "a membership lost its source"

# a dry run of a bulk import stores nothing
expect_status 0 "$CS" --db "$T/bulk.db" import --dry-run "$bulk/organisations.csv" "$bulk/memberships.csv"
cmp -s "$T/bulk.db" "$T/bulk-before.db" || fail "a dry run changed the registry"
# Everything a registry holds goes out and comes back: the bundled data with its reference types,
# an assessment run and a stored partition. The JSON and the CSV export each import into a new
# registry that exports the same bytes and holds as many rows in every table; a second import
# changes nothing, and the partition reproduces there.
full="$T/full.db"
"$CS" --db "$full" init >/dev/null
expect_status 0 "$CS" --db "$full" import data/*.json data/reference/reference-groups.json
expect_status 0 "$CS" --db "$full" assess --method hse-biomedical-2019
expect_status 0 "$CS" --db "$full" classify
expect_status 0 "$CS" --db "$full" export -o "$T/full.json"
for kind in reference_sets reference_types reference_traits reference_assignments \
    assessment_runs assessment_scores partitions partition_groups partition_members; do
    expect_contains "$T/full.json" "\"$kind\": ["
done
"$CS" --db "$T/full2.db" init >/dev/null
expect_status 0 "$CS" --db "$T/full2.db" import "$T/full.json"
expect_status 0 "$CS" --db "$T/full2.db" export -o "$T/full2.json"
check
cmp "$T/full.json" "$T/full2.json" || fail "the JSON round trip of a whole registry differs"
expect_status 0 "$CS" --db "$T/full2.db" import "$T/full.json"
expect_contains "$T/out" "imported: 0 new, 0 updated,"
expect_status 0 "$CS" --db "$full" export --format csv -o "$T/fullcsv"
"$CS" --db "$T/full3.db" init >/dev/null
expect_status 0 "$CS" --db "$T/full3.db" import "$T"/fullcsv/*.csv
expect_status 0 "$CS" --db "$T/full3.db" export -o "$T/full3.json"
check
cmp "$T/full.json" "$T/full3.json" || fail "the CSV round trip of a whole registry differs"
for table in $(sqlite3 "$full" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
    check
    [ "$(sqlite3 "$full" "SELECT count(*) FROM $table")" = "$(sqlite3 "$T/full3.db" "SELECT count(*) FROM $table")" ] ||
        fail "table $table holds another number of rows after the round trip"
done
expect_status 0 "$CS" --db "$T/full3.db" classify --reproduce 1
expect_contains "$T/out" "partition 1 reproduced from its stored parameters"

# Texts come back byte for byte through both exports: tabs and spaces around them, an ESC byte,
# quotes, line breaks, and what a spreadsheet would run as a formula (export, an interchange
# format, writes no guard). The stored bytes are compared, as hex.
printf '%s\n' '{"format": "clusterscope-registry", "version": 1,' \
    ' "sources": [{"key": "s", "title": "\t title \t"}],' \
    ' "countries": [{"code": "DE", "name_en": "Germany"}],' \
    ' "clusters": [' \
    '  {"key": "a", "name_en": "\t lead and trail \t", "country": "DE", "note": " x "},' \
    '  {"key": "b", "name_en": "Evil\u001b[31mRed", "country": "DE", "note": "say \"hi\"\nbye\r\n"},' \
    '  {"key": "c", "name_en": "=cmd|'"'"' /C calc'"'"'!A0", "country": "DE", "note": "'"'"'quoted"},' \
    '  {"key": "d", "name_en": "-1+2", "country": "DE", "note": "tab\tinside;semi,comma \u007f"}]}' \
    >"$T/hostile.json"
expect_status 0 "$CS" --db "$T/h.db" init
expect_status 0 "$CS" --db "$T/h.db" import "$T/hostile.json"
stored() {
    sqlite3 "$1" "SELECT key, hex(name_en), hex(note) FROM cluster ORDER BY key; SELECT hex(title) FROM source"
}
stored "$T/h.db" >"$T/h.stored"
expect_contains "$T/h.stored" "a|0920" # the tab and space before "lead" are stored
expect_status 0 "$CS" --db "$T/h.db" export -o "$T/h.json"
expect_status 0 "$CS" --db "$T/h.db" export --format csv -o "$T/hcsv"
expect_contains "$T/hcsv/clusters.csv" "c,=cmd|' /C calc'!A0,"
expect_contains "$T/hcsv/clusters.csv" "$(printf 'b,Evil\033[31mRed,')"
expect_contains "$T/hcsv/clusters.csv" "$(printf 'a,"\t lead and trail \t",')"
for how in json csv; do
    expect_status 0 "$CS" --db "$T/h-$how.db" init
    if [ $how = json ]; then
        expect_status 0 "$CS" --db "$T/h-$how.db" import "$T/h.json"
    else
        expect_status 0 "$CS" --db "$T/h-$how.db" import "$T"/hcsv/*.csv
    fi
    stored "$T/h-$how.db" >"$T/h-$how.stored"
    check
    cmp -s "$T/h.stored" "$T/h-$how.stored" || {
        diff "$T/h.stored" "$T/h-$how.stored" >&2
        fail "the $how round trip changed a text"
    }
done
done_checks
