# The text output every writer shares (src/util/textout.h) on hostile names
# (tests/data/output/hostile-names.json): a CSV text cell starting with = + - @ gets a leading
# apostrophe so that spreadsheets show it instead of running it (formula injection); an ESC byte
# is written as \x1B in CSV, \u001b in JSON and a space in a table, never as itself; JSON keeps
# the name exactly. Numbers written as numbers are not guarded.
. tests/cli/lib.sh
db="$T/reg.db"
esc=$(printf '\033')
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import tests/data/output/hostile-names.json

# ---------------------------------------------------------------- assess --format csv
expect_status 0 "$CS" --db "$db" assess --no-store --format csv -o "$T/a.csv"
expect_contains "$T/a.csv" "formula-cmd,'=cmd|' /C calc'!A0,DE,"
expect_contains "$T/a.csv" "at-sign,'@SUM(A1:A9),DE,"
expect_contains "$T/a.csv" "minus,'-2+3,DE,"
expect_contains "$T/a.csv" "plus-comma,\"'+1 Cluster, Inc\",DE,"
expect_contains "$T/a.csv" "quoted,\"The \"\"Best\"\" Cluster\",DE,"
expect_contains "$T/a.csv" "plain,Medicon Valley,DE,"
expect_contains "$T/a.csv" 'escape-byte,Evil\x1B[31mRed,DE,'
check
grep -q "$esc" "$T/a.csv" && fail "an ESC byte reached the CSV"
# every row has the header's number of cells, and no name cell starts with a formula character
python3 - "$T/a.csv" <<'PY' || fail "the assessment CSV does not read back as expected"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 8, len(rows)
assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
for r in rows[1:]:
    assert r[1][0] not in "=+-@\t\r", r[1]
names = {r[0]: r[1] for r in rows[1:]}
assert names["formula-cmd"] == "'=cmd|' /C calc'!A0", names["formula-cmd"]
assert names["plus-comma"] == "'+1 Cluster, Inc", names["plus-comma"]
assert names["quoted"] == 'The "Best" Cluster', names["quoted"]
# the totals are numbers, not text cells: no apostrophe; then the method's scope (HSE has one):
# in, on an unknown clinic fact
assert rows[0][-2:] == ["scope:status", "scope:reason"], rows[0][-2:]
assert rows[1][-6:-2] == ["0", "0", "0", "0.0000"], rows[1][-6:-2]
assert rows[1][-2] == "in" and "member_type.clinic not recorded" in rows[1][-1], rows[1][-2:]
PY
check

# ---------------------------------------------------------------- JSON keeps the name exactly
expect_status 0 "$CS" --db "$db" assess --no-store --format json -o "$T/a.json"
expect_contains "$T/a.json" '"name": "Evil\u001b[31mRed"'
expect_contains "$T/a.json" '"name": "=cmd|'"'"' /C calc'"'"'!A0"'
python3 - "$T/a.json" <<'PY' || fail "the assessment JSON does not keep the names"
import json, sys
names = {c["key"]: c["name"] for c in json.load(open(sys.argv[1], encoding="utf-8"))["clusters"]}
assert names["escape-byte"] == "Evil\x1b[31mRed", names["escape-byte"]
assert names["formula-cmd"] == "=cmd|' /C calc'!A0", names["formula-cmd"]
PY
check

# ---------------------------------------------------------------- a table for a terminal
expect_status 0 "$CS" --db "$db" assess --no-store
expect_contains "$T/out" "Evil [31mRed"
check
grep -q "$esc" "$T/out" && fail "an ESC byte reached the terminal"

# ---------------------------------------------------------------- the report's CSV: the same rule
expect_status 0 "$CS" --db "$db" report --format csv -o "$T/r.csv"
expect_contains "$T/r.csv" "\"formula-cmd\",\"'=cmd|' /C calc'!A0\",\"DE\","
expect_contains "$T/r.csv" '"escape-byte","Evil\x1B[31mRed","DE",'
check
grep -q "$esc" "$T/r.csv" && fail "an ESC byte reached the report's CSV"

# ---------------------------------------------------------------- ids of a data matrix
cat >"$T/num.csv" <<'CSV'
id,x,y
=cmd|' /C calc'!A0,1.0,2.0
b,1.5,1.8
c,8.0,8.0
-d,9.0,9.5
CSV
expect_status 0 "$CS" kmeans -k 2 --format csv -o "$T/km.csv" "$T/num.csv"
expect_contains "$T/km.csv" "'=cmd|' /C calc'!A0,"
expect_contains "$T/km.csv" "'-d,"
expect_status 0 "$CS" kmeans -k 2 --format json -o "$T/km.json" "$T/num.csv"
expect_contains "$T/km.json" '"=cmd|'"'"' /C calc'"'"'!A0"'
done_checks
