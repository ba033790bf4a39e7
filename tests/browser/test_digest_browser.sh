# The HTML news digest as a reader sees it, in Debian's headless Chromium (tests/browser/
# check-digest.mjs), in English and Russian, on tests/data/news/digest.json: no console errors,
# no request leaving the file, no script, every contents link jumping to its item, each section
# on a new page, nothing wider than the page or A4, the page printing on A4. And the checker
# itself fails a page with each of those faults (tests/data/news/broken-digest.html).
# Screenshots and PDFs are kept in $CS_BUILD_DIR/browser for people to look at.
. tests/cli/lib.sh
shots="${CS_BUILD_DIR:-build}/browser"
mkdir -p "$shots"
command -v node >/dev/null 2>&1 || fail "node is not installed (make test installs it: scripts/deps.sh test)"
[ -d tests/browser/node_modules/playwright-core ] || fail "tests/browser has no node_modules (scripts/deps.sh test runs npm ci there)"

db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import tests/data/news/digest.json
for lang in en ru; do
    expect_status 0 "$CS" --db "$db" digest --issue 12 --lang "$lang" -o "$T/digest-$lang.html"
    node tests/browser/check-digest.mjs "$T/digest-$lang.html" 7 "$shots" >"$T/browser.out" 2>&1
    status=$?
    cat "$T/browser.out"
    check
    [ "$status" -eq 0 ] || fail "the $lang digest failed in the browser (exit $status)"
    for line in "ok   every contents link jumps to its item (7)" "ok   no request leaves the file" \
        "ok   no console errors" "ok   prints on A4"; do
        expect_contains "$T/browser.out" "$line"
    done
    [ -s "$shots/digest-$lang-cover.png" ] || fail "no screenshot $shots/digest-$lang-cover.png"
    check
done

node tests/browser/check-digest.mjs tests/data/news/broken-digest.html 3 "$T/broken-shots" >"$T/broken.out" 2>&1
status=$?
cat "$T/broken.out"
check
[ "$status" -eq 1 ] || fail "the checker passed a broken digest (exit $status, expected 1)"
for fault in "FAIL the contents follow the items in the page's order" \
    "FAIL every contents link jumps to its item (3): item-9" "FAIL every section starts a page" \
    "FAIL nothing overflows the page at 1280 px" "FAIL nothing overflows A4 paper" \
    "FAIL prints on A4" "FAIL no script in the page (1)" \
    "FAIL no request leaves the file: http://203.0.113.1/pixel.png" "FAIL no console errors"; do
    expect_contains "$T/broken.out" "$fault"
done
done_checks
