# The web observatory in Debian's headless Chromium (tests/browser/check-web.mjs): the bundled
# data with hostile names served by `clusterscope serve` on 127.0.0.1:0; every page in English
# and Russian (status, one h1, labelled fields, no console error, no request to another host, no
# horizontal scroll at 360 px), one map marker per cluster with coordinates, and a filter that
# changes the list, the counts and the markers; the cluster pages' development parts (listings,
# timeline charts, the stage diagram) of the bundled records visible. Then the forms (tests/browser/check-forms.mjs):
# an editor's login, profile edit and fact, registration -> moderation -> approval (public only
# after it) and a rejection with its reason, an admin's revert; the README's screenshots
# (web-home.png, web-cluster.png, web-moderation.png) land in $shots. The server is always
# stopped (trap).
. tests/cli/lib.sh
shots="${CS_BUILD_DIR:-build}/browser"
mkdir -p "$shots"
command -v node >/dev/null 2>&1 || fail "node is not installed (make test installs it: scripts/deps.sh test)"
[ -d tests/browser/node_modules/playwright-core ] || fail "tests/browser has no node_modules (scripts/deps.sh test runs npm ci there)"

db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json data/russian-clusters.json \
    data/reference/reference-groups.json data/development/development.json \
    tests/data/report/hostile.json tests/data/regional/view.json
# US states with codes (the country page's map); the file names the country US again, so it
# comes in an import of its own
expect_status 0 "$CS" --db "$db" import tests/data/regional/us-states.json
# the clusters with coordinates, read from the registry, not from the page
sqlite3 "$db" "SELECT key FROM cluster WHERE lat IS NOT NULL AND lon IS NOT NULL" >"$T/markers"
check
[ "$(wc -l <"$T/markers")" -gt 10 ] || fail "expected more than 10 clusters with coordinates"

"$CS" serve --db "$db" --listen 127.0.0.1:0 >"$T/serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$T"' EXIT
base=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$T/serve.log" | head -1)
    [ -n "$base" ] && break
    sleep 0.25
done
[ -n "$base" ] || { cat "$T/serve.log" >&2; fail "the server did not print its address"; }
check

node tests/browser/check-web.mjs "$base" "$T/markers" "$shots" >"$T/browser.out" 2>&1
status=$?
cat "$T/browser.out"
check
[ "$status" -eq 0 ] || fail "the observatory failed in the browser (exit $status)"
for lang in en ru; do
    expect_contains "$T/browser.out" "ok   $lang: the map has one marker per cluster with coordinates"
    expect_contains "$T/browser.out" "ok   $lang: the kind filter shortens the list"
    expect_contains "$T/browser.out" "ok   $lang/clusters/hostile-script: no console errors"
    # the region's profile (bar chart, table) and the country's regions by cluster strength
    for p in regions/at-a countries/AT; do
        expect_contains "$T/browser.out" "ok   $lang/$p: no console errors"
        expect_contains "$T/browser.out" "ok   $lang/$p: no horizontal scroll at 360 px"
    done
    [ -s "$shots/web-$lang-home.png" ] || fail "no screenshot $shots/web-$lang-home.png"
done
expect_contains "$T/browser.out" "ok   ru: search finds clusters by a Russian word form"
# the development parts of the bundled records (issue 14), in both languages
for lang in en ru; do
    for p in kaliningrad-amber penza-biomed troitsk; do
        expect_contains "$T/browser.out" "ok   $lang/clusters/$p: no console errors"
        expect_contains "$T/browser.out" "ok   $lang/clusters/$p: no request leaves the page"
    done
    expect_contains "$T/browser.out" "ok   $lang/clusters/kaliningrad-amber: the listings table is visible"
    expect_contains "$T/browser.out" "ok   $lang/clusters/kaliningrad-amber: the listings table names rko-digest-2019-12"
    expect_contains "$T/browser.out" "ok   $lang/clusters/kaliningrad-amber: a timeline chart is visible"
    expect_contains "$T/browser.out" "ok   $lang/clusters/kaliningrad-amber: the targets table names 70"
    expect_contains "$T/browser.out" "ok   $lang/clusters/penza-biomed: the stage diagram is visible"
    expect_contains "$T/browser.out" "ok   $lang/clusters/troitsk: the listings table names hse-news-medtech-cluster"
done

# the forms: an editor and an admin with passwords
for who in ed:editor ada:admin; do
    name=${who%%:*}
    expect_status 0 "$CS" --db "$db" user add "$name" --role "${who#*:}"
    printf '%s-password-1\n' "$name" >"$T/pw"
    expect_status 0 sh -c "\"$CS\" --db \"$db\" user passwd $name --password-stdin <\"$T/pw\""
done
node tests/browser/check-forms.mjs "$base" "$shots" >"$T/forms.out" 2>&1
status=$?
cat "$T/forms.out"
[ "$status" -eq 0 ] || fail "the forms failed in the browser (exit $status)"
expect_contains "$T/forms.out" "ok   edit: the history's newest revision is the editor's"
expect_contains "$T/forms.out" "ok   register browser-cluster: not public before approval (404)"
expect_contains "$T/forms.out" "ok   moderation: the approved cluster is public (200)"
expect_contains "$T/forms.out" "ok   moderation: the rejection keeps its reason"
expect_contains "$T/forms.out" "ok   revert: the newest revision is the admin's revert"
expect_contains "$T/forms.out" "ok   en/moderation: Tab reaches every form control"
for shot in web-home web-cluster web-moderation; do
    [ -s "$shots/$shot.png" ] || fail "no screenshot $shots/$shot.png"
done
# the edits went through the registry: the approved cluster and the revisions are there
[ "$(sqlite3 "$db" "SELECT count(*) FROM cluster WHERE key = 'browser-cluster'")" = 1 ] ||
    fail "the approved registration is not a cluster"
[ "$(sqlite3 "$db" "SELECT count(*) FROM cluster WHERE key = 'browser-spam'")" = 0 ] ||
    fail "the rejected registration became a cluster"
# the hostile name reached the page as text, never as markup
curl -s "$base/en/clusters/hostile-script" >"$T/hostile.html"
expect_contains "$T/hostile.html" "&lt;script&gt;alert(1)&lt;/script&gt;"
check
! grep -q "<script>alert" "$T/hostile.html" || fail "the hostile name was written as markup"
done_checks
