# The report from the CLI: the bundled data in both languages and every format, byte-identical
# on a second run, sections turned off by flag, usage errors; clusters with hostile names (a
# script tag, a spreadsheet formula) come out inert in HTML, Markdown, CSV and JSON; the HTML
# passes `tidy -errors` (Debian tidy) without errors.
. tests/cli/lib.sh
db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json data/russian-clusters.json \
    data/reference/reference-groups.json tests/data/report/hostile.json

# ---------------------------------------------------------------- every format, both languages
for lang in en ru; do
    for fmt in html md csv json; do
        expect_status 0 "$CS" --db "$db" report --lang "$lang" --format "$fmt" -o "$T/r-$lang.$fmt"
        check
        [ -s "$T/r-$lang.$fmt" ] || fail "report --lang $lang --format $fmt is empty"
        # byte-deterministic: a second run gives the same bytes
        expect_status 0 "$CS" --db "$db" report --lang "$lang" --format "$fmt" -o "$T/again.$fmt"
        check
        cmp -s "$T/r-$lang.$fmt" "$T/again.$fmt" || fail "report --lang $lang --format $fmt differs between runs"
    done
done

# the sections and charts are there
for id in sample indicators assessment typology cards provenance; do
    expect_contains "$T/r-en.html" "<h2 id=\"$id\">"
done
expect_contains "$T/r-en.html" "<h2 id=\"typology\">Typology</h2>"
expect_contains "$T/r-ru.html" "<h2 id=\"typology\">Типология</h2>"
expect_contains "$T/r-ru.html" "<html lang=\"ru\">"
check
n=$(grep -c "<svg xmlns" "$T/r-en.html")
[ "$n" -ge 6 ] || fail "expected at least 6 charts (map, heatmap, dendrogram, silhouette, bars), found $n"
expect_contains "$T/r-en.html" "url(#cs-hatch-"
expect_contains "$T/r-en.html" "class=\"legend\""
check
dups=$(grep -o ' id="[^"]*"' "$T/r-en.html" | sort | uniq -d)
[ -z "$dups" ] || fail "element ids repeated in the HTML report: $dups"
expect_contains "$T/r-en.html" "clip-path=\"url(#cs-map-"
expect_contains "$T/r-en.html" "@page{size:A4"
# the group table as the study prints it: beside each group found, its nearest type's column of
# Table 2.1 (published shares and the text rows), in both languages
for s in "Table 2.1: G2 as published" "| 100% |" "more than 55%" "more than 60%" "more than 45%" \
    "Strong university clinics and knowledge centres" "Putting R&amp;D results into clinical practice" \
    "Mainly private" "| Formation initiative (clusters with the fact: yes/known) |"; do
    expect_contains "$T/r-en.md" "$s"
done
for s in "Табл. 2.1: G2, как опубликовано" "медицинские услуги: реабилитация и лечение (более 55%)" \
    "Сильные университетские клиники и центры знаний" "Преимущественно частная"; do
    expect_contains "$T/r-ru.md" "$s"
done
# the text rows count the members' facts: initiative.authorities is recorded for clusters of the
# typology, so some group shows "initiative.authorities N/M" with M > 0
check
grep -qE 'initiative\\?\.authorities [0-9]+/[1-9]' "$T/r-en.md" || fail "no member's initiative counted in the group table"
# Russian: words, decimal comma, plural forms
expect_contains "$T/r-ru.md" "## Выборка"
expect_contains "$T/r-ru.md" "40 кластеров"
expect_contains "$T/r-en.md" "40 clusters"
# the clusters out of the HSE method's scope: listed with their reasons, in the assessment only
expect_contains "$T/r-en.md" "### Out of the method&#39;s scope"
expect_contains "$T/r-en.md" "14 clusters the method&#39;s scope leaves out"
expect_contains "$T/r-en.md" "| Amber industrial cluster of Kaliningrad Oblast | Russia | A biomedical cluster: not met (kind is industrial) |"
expect_contains "$T/r-ru.md" "### Вне области применения метода"
expect_contains "$T/r-ru.md" "14 кластеров вне области применения метода"
expect_contains "$T/r-en.md" "Out of the method&#39;s scope, so not in the sample: 14 clusters (listed under Assessment)."
expect_contains "$T/r-ru.md" "Вне области применения метода и потому не в выборке: 14 кластеров"
expect_contains "$T/r-ru.md" "Биомедицинский кластер: не выполнено (kind: industrial)"
python3 - "$T/r-en.json" <<'PY' || fail "the report JSON does not list the clusters out of scope"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
out = {c["key"]: c for c in d["out_of_scope"]}
assert len(out) == 14 and len(d["clusters"]) == 40, (len(out), len(d["clusters"]))
assert out["kaliningrad-amber"]["rule"] == "biomedical", out["kaliningrad-amber"]
assert not set(out) & {c["key"] for c in d["clusters"]}, "a cluster both scored and out of scope"
assert all(c["kind"] == "biomedical" for c in d["clusters"]), "a cluster of another kind scored"
PY
expect_contains "$T/r-ru.html" "средний силуэт 0,"
expect_contains "$T/r-en.html" "mean silhouette 0."
# self-contained: no script, no external resource
check
if grep -qiE "<script|<link |src=\"http|@import" "$T/r-en.html" "$T/r-ru.html"; then
    fail "the HTML report has a script or an external resource"
fi
# no date unless asked
check
if grep -q "<td>Date</td>" "$T/r-en.html"; then fail "a date was printed without --date"; fi
expect_status 0 "$CS" --db "$db" report --date 2026-01-31 -o "$T/dated.html"
expect_contains "$T/dated.html" "<td>Date</td><td>2026-01-31</td>"

# ---------------------------------------------------------------- hostile names are inert
check
if grep -q "<script>alert" "$T/r-en.html" "$T/r-ru.html" "$T/r-en.md" "$T/r-ru.md"; then
    fail "a script tag from the data reached the report unescaped"
fi
check
if grep -qE "<img|<b>Berlin|<i>line" "$T/r-en.html" "$T/r-en.md"; then
    fail "markup from the data reached the report unescaped"
fi
expect_contains "$T/r-en.html" "&lt;script&gt;alert(1)&lt;/script&gt;"
expect_contains "$T/r-en.md" "&lt;script&gt;alert(1)&lt;/script&gt;"
expect_contains "$T/r-en.csv" "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""
check
if grep -qE '(^|,)"?[=+@-]' "$T/r-en.csv" "$T/r-ru.csv"; then
    fail "a CSV cell starts with a formula character"
fi
check
# the clusters table accounts for every cluster: those out of the method's scope are rows with
# no scores and the scope's reason in the last column
python3 - "$T/r-en.csv" "$T/r-ru.csv" <<'PY' || fail "the report's clusters CSV does not list every cluster with its scope"
import csv, sys
for path, reason in ((sys.argv[1], "A biomedical cluster: not met (kind is industrial)"),
                     (sys.argv[2], "Биомедицинский кластер: не выполнено (kind: industrial)")):
    rows = list(csv.reader(open(path, encoding="utf-8")))
    head, body = rows[0], rows[1:]
    assert head[-1] == "scope" and len({len(r) for r in rows}) == 1, head
    keys = [r[0] for r in body]
    assert len(keys) == len(set(keys)), "a cluster listed twice"
    amber = [r for r in body if r[0] == "kaliningrad-amber"]
    assert amber and amber[0][-1] == reason and not any(amber[0][4:-1]), amber
    medicon = [r for r in body if r[0] == "medicon-valley"][0]
    assert medicon[-1] == "in" and medicon[head.index("points")] != "", medicon
    assert sum(r[-1] == "in" for r in body) < len(body), "no cluster out of scope"
PY
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert any(c['name']=='<script>alert(1)</script>' for c in d['clusters'])" "$T/r-en.json" ||
    fail "the JSON report is not valid JSON or lost the cluster's name"

# ---------------------------------------------------------------- tidy
check
command -v tidy >/dev/null 2>&1 || fail "tidy is not installed (scripts/deps.sh test installs it)"
for lang in en ru; do
    tidy -errors -q "$T/r-$lang.html" >"$T/tidy.out" 2>&1
    rc=$?
    check
    [ "$rc" -le 1 ] || { cat "$T/tidy.out" >&2; fail "tidy found errors in the $lang report"; }
    check
    if grep -q "Error:" "$T/tidy.out"; then cat "$T/tidy.out" >&2; fail "tidy: errors in $lang"; fi
done

# ---------------------------------------------------------------- sections off, tables
expect_status 0 "$CS" --db "$db" report --no-cards --no-typology --format md -o "$T/short.md"
check
if grep -q "^## Cluster cards\|^## Typology" "$T/short.md"; then fail "--no-cards/--no-typology ignored"; fi
expect_contains "$T/short.md" "## Assessment"
expect_status 0 "$CS" --db "$db" report --format csv --table groups -o "$T/groups.csv"
expect_contains "$T/groups.csv" "\"group\",\"group_name\",\"size\",\"indicator\""
expect_status 0 "$CS" --db "$db" report --format md
expect_contains "$T/out" "# Cluster observatory report"

# ---------------------------------------------------------------- XLSX (builds with libxlsxwriter)
expect_status 2 "$CS" --db "$db" report --format xlsx
expect_contains "$T/err" "--format xlsx needs -o FILE"
"$CS" --db "$db" report --lang ru --format xlsx -o "$T/r.xlsx" >"$T/out" 2>"$T/err"
rc=$?
check
if [ "$rc" -eq 0 ]; then
    "$CS" --db "$db" report --lang ru --format xlsx -o "$T/again.xlsx" >/dev/null 2>&1
    check
    cmp -s "$T/r.xlsx" "$T/again.xlsx" || fail "the XLSX workbook differs between runs"
    check
    python3 - "$T/r.xlsx" <<'PY' || fail "the XLSX workbook lacks its sheets or the clusters"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert all("xl/worksheets/sheet%d.xml" % i in names for i in (1, 2, 3)), names
strings = z.read("xl/sharedStrings.xml").decode()
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in strings
assert "Medicon Valley" in strings
assert "Биомедицинский кластер: не выполнено (kind: industrial)" in strings
PY
else
    check
    [ "$rc" -eq 2 ] || fail "report --format xlsx exited $rc in a build without XLSX"
    expect_contains "$T/err" "writes no XLSX"
fi

# ---------------------------------------------------------------- an empty registry
expect_status 0 "$CS" --db "$T/empty.db" init
expect_status 0 "$CS" --db "$T/empty.db" report -o "$T/empty.html"
expect_contains "$T/empty.html" "0 clusters"
tidy -errors -q "$T/empty.html" >"$T/tidy.out" 2>&1
rc=$?
check
[ "$rc" -le 1 ] || fail "tidy found errors in the empty report"
expect_status 0 "$CS" --db "$T/empty.db" report --format json -o "$T/empty.json"
check
python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['clusters'] == []" "$T/empty.json" ||
    fail "the empty JSON report is wrong"

# ---------------------------------------------------------------- a stored partition
pdb="$T/partition.db"
cp "$db" "$pdb"
expect_status 0 "$CS" --db "$pdb" classify --algorithm complete -k 4
part=$(sed -n 's/^stored as partition \([0-9][0-9]*\).*/\1/p' "$T/err")
check
[ -n "$part" ] || fail "classify did not say which partition it stored"
expect_status 0 "$CS" --db "$pdb" report --partition "$part" -o "$T/p.html"
expect_contains "$T/p.html" "as stored partition $part was made: complete on hamming distances"
expect_contains "$T/p.html" "cut, k = 4"
expect_contains "$T/p.html" "<td>Stored partition</td><td>$part (assessment run"
expect_status 0 "$CS" --db "$pdb" report --partition "$part" --lang ru -o "$T/p-ru.html"
expect_contains "$T/p-ru.html" "как было построено сохранённое разбиение $part"
# a partition by k-medoids has no dendrogram; the rest of the report is there
expect_status 0 "$CS" --db "$pdb" classify --algorithm fasterpam -k 2
pam=$(sed -n 's/^stored as partition \([0-9][0-9]*\).*/\1/p' "$T/err")
expect_status 0 "$CS" --db "$pdb" report --partition "$pam" -o "$T/pam.html"
check
if grep -q 'cs-dendrogram' "$T/pam.html"; then fail "a k-medoids partition got a dendrogram"; fi
expect_contains "$T/pam.html" "fasterpam on hamming distances"
# bad partitions: absent, another method's, a registry changed since
expect_status 1 "$CS" --db "$pdb" report --partition 999
expect_contains "$T/err" "no stored partition 999"
expect_status 2 "$CS" --db "$pdb" report --partition 0
expect_status 2 "$CS" --db "$pdb" report --partition x1
expect_status 2 "$CS" --db "$pdb" report --partition "$part" --method eccp-profile-2017
expect_contains "$T/err" "was made with method hse-biomedical-2019"
cat >"$T/one-more.json" <<'JSON'
{"format": "clusterscope-registry", "version": 1, "clusters": [
 {"key": "zz-new-cluster", "name_en": "A cluster added after the partition", "country": "DE",
  "kind": "biomedical", "source": "hse-2019"}]}
JSON
expect_status 0 "$CS" --db "$pdb" import "$T/one-more.json"
expect_status 3 "$CS" --db "$pdb" report --partition "$part" -o "$T/stale.html"
expect_contains "$T/err" "the registry has changed since its assessment run"
expect_contains "$T/err" "zz-new-cluster"
check
[ ! -e "$T/stale.html" ] || fail "a failed report left a file behind"

# ---------------------------------------------------------------- the file is readable by others
(umask 022 && "$CS" --db "$db" report -o "$T/mode.html") || fail "report -o failed"
check
[ "$(stat -c %a "$T/mode.html")" = 644 ] || fail "report -o wrote mode $(stat -c %a "$T/mode.html"), expected 644 under umask 022"

# ---------------------------------------------------------------- usage errors
expect_status 2 "$CS" --db "$db" report --lang de
expect_contains "$T/err" "--lang takes ru or en"
expect_status 2 "$CS" --db "$db" report --format pdf
expect_status 2 "$CS" --db "$db" report --table groups
expect_status 2 "$CS" --db "$db" report --no-sample --no-indicators --no-assessment \
    --no-typology --no-cards --no-factors --no-regional --no-questions --no-provenance \
    --no-programmes --no-registries --no-chain --no-counts --no-timeline
expect_status 2 "$CS" --db "$db" report extra
expect_status 1 "$CS" --db "$db" report --method no-such-method
expect_contains "$T/err" "no built-in method"
expect_status 0 "$CS" help report
expect_contains "$T/out" "--no-SECTION"
done_checks
