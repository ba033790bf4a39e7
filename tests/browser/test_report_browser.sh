# The HTML report as a reader sees it, in Debian's headless Chromium (tests/browser/
# check-report.mjs): the bundled data with hostile names, in English and Russian — every chart
# drawn, nothing wider than the page at 1280 px or on A4, one map marker per cluster with
# coordinates, no request leaving the file, no script. And the checker itself fails a page with
# each of those faults (tests/data/report/broken.html). Screenshots and PDFs are kept in
# $CS_BUILD_DIR/browser for people to look at.
. tests/cli/lib.sh
shots="${CS_BUILD_DIR:-build}/browser"
mkdir -p "$shots"
command -v node >/dev/null 2>&1 || fail "node is not installed (make test installs it: scripts/deps.sh test)"
[ -d tests/browser/node_modules/playwright-core ] || fail "tests/browser has no node_modules (scripts/deps.sh test runs npm ci there)"

db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json data/russian-clusters.json \
    data/reference/reference-groups.json tests/data/report/hostile.json
# the clusters that have coordinates, read from the registry, not from the report; the report
# shows the clusters in the HSE method's scope (biomedical; none of them is known to lack clinics)
sqlite3 "$db" "SELECT key FROM cluster WHERE lat IS NOT NULL AND lon IS NOT NULL AND kind = 'biomedical'" >"$T/markers"
check
[ "$(wc -l <"$T/markers")" -gt 10 ] || fail "expected more than 10 clusters with coordinates"

for lang in en ru; do
    expect_status 0 "$CS" --db "$db" report --lang "$lang" -o "$T/report-$lang.html"
    node tests/browser/check-report.mjs "$T/report-$lang.html" "$T/markers" "$shots" >"$T/browser.out" 2>&1
    status=$?
    cat "$T/browser.out"
    check
    [ "$status" -eq 0 ] || fail "the $lang report failed in the browser (exit $status)"
    grep -q "^ok   map has one marker per cluster" "$T/browser.out" || fail "the map check did not run"
    grep -q "^ok   nothing overflows A4 paper" "$T/browser.out" || fail "the print check did not run"
    check
    for shot in top map heatmap dendrogram card; do
        [ -s "$shots/report-$lang-$shot.png" ] || fail "no screenshot $shots/report-$lang-$shot.png"
    done
done

# the checker fails a page with each fault, and says which
printf 'alpha\nbeta\n' >"$T/broken-markers"
node tests/browser/check-report.mjs tests/data/report/broken.html "$T/broken-markers" "$T/broken-shots" >"$T/broken.out" 2>&1
status=$?
cat "$T/broken.out"
check
[ "$status" -eq 1 ] || fail "the checker passed a broken page (exit $status, expected 1)"
for fault in "FAIL chart 2 is drawn (0x0 px)" "FAIL chart 3 has an SVG" "FAIL nothing overflows the page at 1280 px" \
    "FAIL nothing overflows A4 paper" "FAIL map has one marker per cluster with coordinates (2 of 2)" \
    "FAIL no request leaves the file: http://203.0.113.1/pixel.png" "FAIL chart 2 has a legend"; do
    expect_contains "$T/broken.out" "$fault"
done
done_checks
