# News in the web observatory (issue 15), against a server this test starts on 127.0.0.1: the
# search page and GET /api/v1/search find a news item by a Russian word form other than its
# text's and show its title, date and link with the matched words marked; the cluster's page
# lists its news (English and Russian), and the home page's list counts them. A news address that
# is not http(s) is never a link. The server always stops at the end of the test.
. tests/cli/lib.sh
command -v curl >/dev/null 2>&1 || { echo "skipped: curl is not installed (scripts/deps.sh test)"; exit 0; }
D=tests/data/news
db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/sources.json data/countries.json data/russian-clusters.json
expect_status 0 "$CS" --db "$db" import "$D/amber.md" "$D/interview.md"
# an item whose address is a script: shown, never linked
cat >"$T/evil.md" <<'MD'
---
key: evil-link
kind: announcement
date: 2020-01-15
lang: en
title: Amber <script>alert(1)</script> fair
summary_en: An English summary of the fair
summary_ru: Краткое содержание ярмарки
title_ru: Янтарная ярмарка
outlet: Somewhere
url: javascript:alert(1)
source: rko-digest-2019-12
clusters: kaliningrad-amber
MD
printf -- '---\n' >>"$T/evil.md"
expect_status 0 "$CS" --db "$db" import "$T/evil.md"

pid=""
stop_server() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    [ -n "$pid" ] && wait "$pid" 2>/dev/null
    pid=""
}
trap 'stop_server; rm -rf "$T"' EXIT
"$CS" --db "$db" serve --listen 127.0.0.1:0 2>"$T/log" &
pid=$!
port=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
    port=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$T/log" 2>/dev/null)
    [ -n "$port" ] && break
    sleep 0.2
done
check
[ -n "$port" ] || fail "the server printed no address: $(cat "$T/log")"
base="http://127.0.0.1:$port"
get() { # PATH FILE: 200 expected
    check
    code=$(curl -s -o "$2" -w '%{http_code}' "$base$1")
    [ "$code" = 200 ] || fail "GET $1: $code"
}

# the API: «янтарный кластер» finds the item that says «янтарного кластера»
q="%D1%8F%D0%BD%D1%82%D0%B0%D1%80%D0%BD%D1%8B%D0%B9%20%D0%BA%D0%BB%D0%B0%D1%81%D1%82%D0%B5%D1%80"
get "/api/v1/search?q=$q" "$T/api.json"
check
python3 - "$T/api.json" <<'PY' || fail "GET /api/v1/search does not give the news hit"
import json, sys
d = json.load(open(sys.argv[1]))
news = [h for h in d["hits"] if h["kind"] == "news"]
hit = {h["key"]: h for h in news}["test-amber-2019"]
assert hit["date"] == "2019-12" and hit["url"] == "https://example.org/amber", hit
assert hit["cluster"] == "kaliningrad-amber", hit
s = hit["snippet"].encode()
marked = [s[a:b].decode() for a, b in hit["marks"]]
assert "янтарного" in marked and "кластера" in marked, marked
for h in d["hits"]:
    if h["kind"] != "news":
        assert h["date"] is None and h["url"] is None, h
PY
# the search page, English and Russian: kind, title linked to the item, date, marks
for lang in en ru; do
    get "/$lang/search?q=$q" "$T/search-$lang.html"
    expect_contains "$T/search-$lang.html" '<a href="https://example.org/amber" rel="noopener noreferrer">Итоги года янтарного кластера</a> <time datetime="2019-12">2019-12</time>'
    expect_contains "$T/search-$lang.html" "<mark>янтарного</mark> <mark>кластера</mark>"
done
expect_contains "$T/search-en.html" '<span class="kind">news</span>'
expect_contains "$T/search-ru.html" '<span class="kind">новость</span>'
# the script's address is no link: the hit goes to its cluster's news instead
get "/en/search?q=fair" "$T/fair.html"
expect_contains "$T/fair.html" "/en/clusters/kaliningrad-amber#news\">Amber &lt;script&gt;alert(1)&lt;/script&gt; fair</a>"
check
! grep -q 'href="javascript' "$T/fair.html" || fail "a javascript: address became a link"

# the cluster's page: its news, newest first, in the page's language
get "/en/clusters/kaliningrad-amber" "$T/c-en.html"
get "/ru/clusters/kaliningrad-amber" "$T/c-ru.html"
expect_contains "$T/c-en.html" '<h2 id="news">News</h2>'
expect_contains "$T/c-ru.html" '<h2 id="news">Новости</h2>'
expect_contains "$T/c-en.html" "An English summary of the fair"
expect_contains "$T/c-ru.html" "Краткое содержание ярмарки"
expect_contains "$T/c-ru.html" "<strong>Янтарная ярмарка</strong>"
expect_contains "$T/c-en.html" 'Source: <a href="https://example.org/amber" rel="noopener noreferrer">Ювелир.INFO</a>'
expect_contains "$T/c-ru.html" "Источник: "
expect_contains "$T/c-en.html" '<span class="kind">event</span>'
expect_contains "$T/c-ru.html" '<span class="kind">событие</span>'
check
python3 - "$T/c-en.html" <<'PY' || fail "the cluster's news are not newest first"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
a, b = t.index('datetime="2020-01-15"'), t.index('datetime="2019-12"')
assert a < b
assert 'href="javascript' not in t
PY
# a cluster without news has no news part
get "/en/clusters/penza-biomed" "$T/c-penza.html"
check
! grep -q 'id="news"' "$T/c-penza.html" || fail "a cluster without news has a news part"
# the home page's list: the news column counts the cluster's items, the latest's date beside
get "/en/" "$T/home.html"
expect_contains "$T/home.html" "/en/clusters/kaliningrad-amber#news\">2</a> <time datetime=\"2020-01-15\""
stop_server
done_checks
