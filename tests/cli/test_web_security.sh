# The read side of the web observatory under attack (issue 12): `clusterscope serve` on
# 127.0.0.1:0 over the bundled registry, two hostile clusters and tests/data/web/stored-xss.json
# (a payload in every field a page shows: names, city, website, organisation, region, fact
# values, definitions' labels, sources' titles and URLs, quotes, locators), driven with curl.
# Stored XSS on every page that shows those fields; reflected XSS (markup, attribute breaking,
# event handlers, javascript: URLs) and SQL metacharacters in every parameter of every API
# operation (enumerated from the OpenAPI document) and of every page route; path traversal on
# /static/ and /downloads/ (encoded and double-encoded); oversized paths, queries, bodies and
# headers; invalid UTF-8, unknown methods, HEAD, clients that send nothing and a client that
# sends its headers a byte a second: each refused or inert, never a 500, the server answering
# others throughout, and the registry's bytes unchanged. Every HTML answer is also parsed
# (tests/cli/html_inert.py): no event-handler attribute, no script URL, no inline script.
# Then, on a second registry, payloads written through the API (stored XSS by the writers) and
# CSRF on every form (tests/cli/csrf_attack.py).
. tests/cli/lib.sh
command -v curl >/dev/null 2>&1 || {
    echo "skipped: curl is not installed"
    exit 0
}
db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json data/russian-clusters.json \
    data/reference/reference-groups.json tests/data/report/hostile.json tests/data/web/stored-xss.json
before=$(sha256sum <"$db")

"$CS" serve --db "$db" --listen 127.0.0.1:0 --timeout 2 --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT # $pid: the server of the moment
port=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/serve.log" 2>/dev/null)
    [ -n "$port" ] && break
    sleep 0.25
done
[ -n "$port" ] || fail "serve printed no address: $(cat "$T/serve.log")"
U="http://127.0.0.1:$port"

# req OUT METHOD TARGET [curl options]: the status into $status, headers and body into OUT.h/.b
req() {
    out=$1
    m=$2
    target=$3
    shift 3
    status=$(curl -s --path-as-is -X "$m" -D "$out.h" -o "$out.b" -w '%{http_code}' \
        --max-time 20 "$@" "$U$target") || status=000
}
# keep OUT TARGET: an HTML answer is kept for html_inert.py, which parses them all at the end
mkdir "$T/html"
kept=0
keep() {
    if grep -qi '^content-type: text/html' "$1.h"; then
        kept=$((kept + 1))
        cp "$1.b" "$T/html/$kept.html"
        printf '%s\t%s\n' "$T/html/$kept.html" "$2" >>"$T/html/index"
    fi
}
# inert OUT TARGET: no 500, and the payloads' markup never comes back as it was sent
inert() {
    keep "$@"
    check
    case $status in 5?? | 000) fail "$2 answered $status: $(head -c 300 "$1.b")" ;; esac
    for needle in '<script>alert(7)' '<img src=x onerror=alert(7)>' '<svg/onload=alert(7)>' \
        '"><b>7</b>' '" onmouseover="alert(7)' "' onfocus='alert(7)" 'href="javascript:' \
        "href='javascript:"; do
        if grep -qF -- "$needle" "$1.b"; then
            fail "$2 reflects $needle unescaped: $(grep -F -- "$needle" "$1.b" | head -c 300)"
        fi
    done
    grep -qi '^x-content-type-options: nosniff' "$1.h" || fail "$2: no nosniff header"
}

# ---------------------------------------------------------------- every API parameter
# (operation, parameter) pairs of the implemented GET operations, from the OpenAPI document
python3 - web/static/openapi.json >"$T/ops" <<'PY' || fail "cannot read openapi.json"
import json, sys
d = json.load(open(sys.argv[1]))
comp = d["components"]["parameters"]
for path, item in d["paths"].items():
    op = item.get("get")
    if not op or op.get("x-not-implemented"):
        continue
    names = []
    for p in op.get("parameters", []):
        p = comp[p["$ref"].split("/")[-1]] if "$ref" in p else p
        names.append((p["name"], p["in"]))
    print(path, ",".join(n for n, where in names if where == "query") or "-",
          "path" if any(w == "path" for _, w in names) else "-")
PY
[ "$(wc -l <"$T/ops")" -ge 6 ] || fail "openapi.json lists fewer than 6 GET operations"
xss1='%3Cscript%3Ealert(7)%3C%2Fscript%3E'
xss2='%3Cimg%20src%3Dx%20onerror%3Dalert(7)%3E'
xss3='%22%3E%3Cb%3E7%3C%2Fb%3E%3Csvg%2Fonload%3Dalert(7)%3E'
sql1="%27%20OR%201%3D1%20--"
sql2="%22%3B%20DROP%20TABLE%20clusters%3B%20--"
sql3="%25%27%20UNION%20SELECT%20*%20FROM%20sqlite_master%20--"
sql4="%5C%27%29%29%3B--"
n=0
while read -r path params haspath; do
    for payload in $xss1 $xss2 $xss3 $sql1 $sql2 $sql3 $sql4; do
        if [ "$haspath" = path ]; then
            # the payload as the {key}: not found, never reflected
            target=$(echo "$path" | sed "s|{key}|$payload|")
            req "$T/r" GET "/api/v1$target"
            inert "$T/r" "/api/v1$target"
            n=$((n + 1))
            base=$(echo "$path" | sed "s|{key}|medicon-valley|")
        else
            base=$path
        fi
        [ "$params" = - ] && continue
        for p in $(echo "$params" | tr , ' '); do
            req "$T/r" GET "/api/v1$base?$p=$payload"
            inert "$T/r" "/api/v1$base?$p=$payload"
            # as a parameter's name too
            req "$T/r" GET "/api/v1$base?$payload=1"
            inert "$T/r" "/api/v1$base?$payload=1"
            n=$((n + 2))
        done
    done
done <"$T/ops"
[ "$n" -gt 100 ] || fail "only $n API requests were made"
# a payload in a filter is only a filter: nothing matches, the answer is an empty list
req "$T/r" GET "/api/v1/clusters?country=$sql1"
expect_contains "$T/r.b" '"total": 0'
req "$T/r" GET "/api/v1/clusters?q=$sql2"
expect_contains "$T/r.b" '"total": 0'
# the bad parameter's message quotes the request with \u escapes, never as markup
req "$T/r" GET "/api/v1/clusters?limit=$xss1"
[ "$status" = 400 ] || fail "a script as limit answered $status"
expect_contains "$T/r.b" '"bad_parameter"'
expect_contains "$T/r.b" '\u003cscript\u003e'

# ---------------------------------------------------------------- pages
xss4='javascript%3Aalert(7)'
xss5='%22%20onmouseover%3D%22alert(7)'
xss6='%27%20onfocus%3D%27alert(7)%27%20autofocus%3D%27'
# every route of the page table (src/web/page_home.c), with a key that exists: a new route
# fails here until it is added
routes="/ /map.json /clusters/xss-cluster /countries/DE /regions/xss-region /methods
/methods/hse-biomedical-2019 /search /downloads /downloads/report.html /login /register
/register/sent /moderation"
check
[ "$(grep -c '^    { "GET", "/' src/web/page_home.c)" -eq "$(echo $routes | wc -w)" ] ||
    fail "src/web/page_home.c has routes this test does not attack"
# the parameters the pages read, and one they do not
params="q country kind spec stage group start next notice lang"
for lang in en ru; do
    for route in $routes; do
        [ "$lang" = ru ] && [ "$route" = /downloads/report.html ] && continue
        for payload in $xss1 $xss2 $xss3 $xss4 $xss5 $xss6 $sql1 $sql2 $sql3; do
            # every parameter at once: pages that read none must not echo them either
            query=""
            for p in $params; do query="$query&$p=$payload"; done
            req "$T/r" GET "/$lang$route?${query#&}"
            inert "$T/r" "/$lang$route?${query#&}"
        done
    done
done
# the pages that read parameters, one parameter at a time (a refused one must not hide another)
for route in / /map.json /search /login /register/sent; do
    for payload in $xss1 $xss3 $xss4 $xss5 $xss6 $sql1 $sql2 $sql3 $sql4; do
        for p in $params; do
            req "$T/r" GET "/en$route?$p=$payload"
            inert "$T/r" "/en$route?$p=$payload"
        done
    done
done
# payloads as the key of every route that takes one, and as a page name
for route in /clusters/ /countries/ /regions/ /methods/ /downloads/ /; do
    for payload in $xss1 $xss2 $xss3 $xss4 $xss5 $sql1 $sql2; do
        req "$T/r" GET "/en$route$payload"
        inert "$T/r" "/en$route$payload"
        check
        case $status in 4??) ;; *) fail "/en$route$payload answered $status, not 4xx" ;; esac
    done
done

# ---------------------------------------------------------------- stored XSS
# every page that shows the hostile records; each field's payload must be there, escaped
for target in /en/clusters/xss-cluster /ru/clusters/xss-cluster /en/clusters/xss-cluster2 \
    /en/clusters/xss-cluster3 /en/clusters/hostile-script /en/ /ru/ /en/regions/xss-region \
    /ru/regions/xss-region /en/countries/DE /ru/countries/DE "/en/search?q=alert" \
    "/ru/search?q=script" /en/downloads/report.html /ru/downloads/report.html; do
    req "$T/r" GET "$target"
    check
    [ "$status" = 200 ] || fail "$target answered $status"
    inert "$T/r" "$target"
    cat "$T/r.b" >>"$T/stored.html"
done
for field in name-en name-ru city cluster-organisation specialisation cluster-note region-en \
    region-ru org-name value-chain fact-value fact-locator fact-quote count-locator count-quote \
    def-label-en def-label-ru def-unit rdef-label-en region-fact rfact-locator rfact-quote \
    cdef-label-en country-fact cfact-locator cfact-quote src-title src2-title c2-name-en c3-name-en; do
    # shown, and shown as text: the markup escaped, quotes included
    expect_contains "$T/stored.html" "$field&lt;script&gt;alert(9)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(9)&gt;"
done
# javascript: and data: addresses stay text; an http(s) one is a link
expect_contains "$T/stored.html" "javascript:alert(&#39;website&#39;)"
for target in /en/clusters/xss-cluster /en/clusters/xss-cluster2 /en/clusters/xss-cluster3; do
    req "$T/r" GET "$target"
    check
    ! grep -qiE 'href="[[:space:]]*(javascript|data):' "$T/r.b" || fail "$target links a script URL"
done
req "$T/r" GET /en/clusters/healthcapital-berlin-brandenburg
expect_contains "$T/r.b" 'href="https://www.healthcapital.de/"'
# the API gives the same values as JSON, which a browser never runs as a page
req "$T/r" GET /api/v1/clusters/xss-cluster
inert "$T/r" /api/v1/clusters/xss-cluster
expect_contains "$T/r.h" "application/json"

# ---------------------------------------------------------------- path traversal
for target in /static/../README.md /static/%2e%2e/README.md /static/..%2fMakefile \
    /static/%2e%2e%2fMakefile /static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd /static//etc/passwd \
    /static/site.css%00.txt /static/%00 /static/..%5cMakefile /en/../../etc/passwd \
    /api/v1/clusters/..%2f..%2fetc%2fpasswd /api/v1/../../etc/passwd /static/%252e%252e%252fMakefile \
    /en/downloads/../../README.md /en/downloads/..%2f..%2fREADME.md /en/downloads/%2e%2e%2fMakefile \
    /en/downloads/%252e%252e%252fMakefile /en/downloads/..%252f..%252fetc%252fpasswd \
    /en/downloads/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd /en/downloads/report.html%00.txt \
    /en/downloads/..%5c..%5cMakefile /en/downloads//etc/passwd /en/downloads/%2fetc%2fpasswd \
    /ru/downloads/..%c0%af..%c0%afetc%c0%afpasswd /en/downloads/report.html/..%2f..%2fMakefile; do
    req "$T/r" GET "$target"
    check
    case $status in 4??) ;; *) fail "$target answered $status" ;; esac
    if grep -qE 'root:|VERSION :=|^# clusterscope' "$T/r.b"; then
        fail "$target served a file outside web/static"
    fi
done
req "$T/r" GET /static/site.css
[ "$status" = 200 ] || fail "/static/site.css answered $status"
req "$T/r" GET /en/downloads/registry.json
[ "$status" = 200 ] || fail "/en/downloads/registry.json answered $status"

# ---------------------------------------------------------------- sizes and encodings
long=$(head -c 5000 /dev/zero | tr '\0' a)
req "$T/r" GET "/api/v1/clusters?q=$long"
[ "$status" = 414 ] || fail "a 5000-byte query answered $status"
expect_contains "$T/r.b" '"bad_parameter"'
req "$T/r" GET "/en/$long"
[ "$status" = 414 ] || fail "a 5000-byte path answered $status"
head -c 2000000 /dev/zero | tr '\0' x >"$T/big"
req "$T/r" POST /api/v1/clusters --data-binary "@$T/big" -H 'Content-Type: application/json'
[ "$status" = 413 ] || fail "a 2 MB body answered $status"
expect_contains "$T/r.b" '"payload_too_large"'
# headers: one of 100 kB, a 20 kB cookie, 5,000 small ones: 431, and the server goes on
big=$(head -c 100000 /dev/zero | tr '\0' a)
req "$T/r" GET /en/ -H "X-Big: $big"
[ "$status" = 431 ] || fail "a 100 kB header answered $status"
req "$T/r" GET /api/v1/clusters -H "Cookie: s=$(head -c 20000 /dev/zero | tr '\0' a)"
[ "$status" = 431 ] || fail "a 20 kB cookie answered $status"
python3 - "$port" <<'PY' || fail "5,000 headers were not refused with 431"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(10)
s.sendall(b"GET /en/ HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(5000)) + b"\r\n")
head = s.recv(64)
sys.exit(0 if head.startswith(b"HTTP/1.1 431 ") else "answered %r" % head)
PY
check
req "$T/r" GET /en/
[ "$status" = 200 ] || fail "the server stopped answering after oversized headers"
check
for target in "/api/v1/clusters?q=%ff" "/api/v1/clusters?q=%c0%af" "/api/v1/clusters/%ed%a0%80" \
    "/en/?q=%fe" "/api/v1/clusters?q=%"; do
    req "$T/r" GET "$target"
    [ "$status" = 400 ] || fail "$target answered $status, not 400"
    check
done

# ---------------------------------------------------------------- methods
for m in BREW TRACE DELETE PUT OPTIONS; do
    req "$T/r" "$m" /api/v1/clusters
    case $status in 405 | 501) ;; *) fail "$m /api/v1/clusters answered $status" ;; esac
    check
done
req "$T/r" PATCH /api/v1/clusters/medicon-valley -H 'Content-Type: application/json' \
    --data '{"name_en": "x", "source": "hse-2019"}'
[ "$status" = 401 ] || fail "PATCH without a token answered $status, not 401"
expect_contains "$T/r.b" '"unauthorized"'
status=$(curl -s -I -o /dev/null -w '%{http_code}' "$U/api/v1/countries")
[ "$status" = 200 ] || fail "HEAD answered $status"
check
size=$(curl -s -I "$U/api/v1/countries" | wc -c)
[ "$size" -lt 2000 ] || fail "HEAD sent a body"

# ---------------------------------------------------------------- slow clients
# a connection that sends nothing, and one that stops in the middle of its headers, are closed
# after the idle timeout (2 s here)
python3 - "$port" <<'PY' || fail "a silent client was not closed in time"
import socket, sys, time
for first in (b"", b"GET /api/v1/clusters HTTP/1.1\r\nHost: x\r\n"):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.settimeout(12)
    if first:
        s.sendall(first)
    t = time.time()
    try:
        while s.recv(4096):
            pass
    except socket.timeout:
        sys.exit("still open after 12 s")
    took = time.time() - t
    if took > 8:
        sys.exit("closed after %.1f s" % took)
    s.close()
PY
check

# a client that sends its request a byte a second (never idle for the 2 s timeout) is closed
# once the request has not arrived whole within it; others are answered all the while
python3 - "$port" <<'PY' || fail "a client sending a byte a second was not closed in time"
import socket, sys, time, urllib.request
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port))
s.settimeout(0.1)
request = b"GET /api/v1/clusters HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 60
t = time.time()
closed = None
for i in range(len(request)):
    try:
        s.sendall(request[i:i + 1])
        if s.recv(4096) == b"":
            closed = time.time() - t
            break
    except socket.timeout:
        pass
    except OSError:
        closed = time.time() - t
        break
    with urllib.request.urlopen("http://127.0.0.1:%d/api/v1/countries" % port, timeout=5) as r:
        if r.status != 200:
            sys.exit("another client got %d" % r.status)
    time.sleep(0.9)
if closed is None:
    sys.exit("still open after %.0f s" % (time.time() - t))
if not 1.5 <= closed <= 5:
    sys.exit("closed after %.1f s, expected about 2" % closed)
PY
check

# every HTML answer above, parsed as a browser would
check
[ "$kept" -gt 300 ] || fail "only $kept HTML answers were kept"
python3 tests/cli/html_inert.py "$T/html/index" >"$T/inert.out" || {
    head -30 "$T/inert.out" >&2
    fail "an HTML answer is not inert"
}

# the server still answers, and the registry never changed
req "$T/r" GET /api/v1/clusters?limit=1
[ "$status" = 200 ] || fail "the server stopped answering"
kill "$pid"
wait "$pid" 2>/dev/null
after=$(sha256sum <"$db")
check
[ "$before" = "$after" ] || fail "the registry changed"

# ---------------------------------------------------------------- stored XSS through the writes
# A second server over a second registry (this part writes), with an editor and an admin: a
# payload in every field a writer sets through the API (a profile PATCH, a fact, a registration
# approved into a cluster, a revert); every page that shows them has them escaped, and the
# javascript: website stays text.
db="$T/w.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json tests/data/web/stored-xss.json
expect_status 0 "$CS" --db "$db" user add eve --role editor
A_eve="Authorization: Bearer $(grep '^cst_' "$T/out")"
expect_status 0 "$CS" --db "$db" user add ada --role admin
A_ada="Authorization: Bearer $(grep '^cst_' "$T/out")"
J='Content-Type: application/json'
"$CS" serve --db "$db" --listen 127.0.0.1:0 --timeout 5 --quiet 2>"$T/serve2.log" &
pid=$!
port=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/serve2.log" 2>/dev/null)
    [ -n "$port" ] && break
    sleep 0.25
done
[ -n "$port" ] || fail "serve printed no address: $(cat "$T/serve2.log")"
U="http://127.0.0.1:$port"
python3 - "$T" <<'PY' || fail "cannot write the bodies"
import json, sys
def p(field):
    return field + "<script>alert(9)</script>\"'><img src=x onerror=alert(9)><svg/onload=alert(9)> javascript:alert(9)"
def out(name, d):
    json.dump(d, open("%s/%s.json" % (sys.argv[1], name), "w"), ensure_ascii=False)
out("patch", {f: p("w-" + f) for f in ("name_en", "name_ru", "city", "cluster_organisation",
                                       "specialisation", "note")} |
    {"source": "xss-src", "locator": p("w-locator"), "quote": p("w-quote")})
out("website", {"website": "javascript:alert('w-website')", "source": "xss-src"})
out("fact", {"subject_kind": "cluster", "subject": "medicon-valley", "fact": "xss_note",
             "value": p("w-fact-value"), "source": "xss-src", "locator": p("w-fact-locator"),
             "quote": p("w-fact-quote"), "status": "stated"})
out("reg", {"key": "xss-registered", "name_en": p("r-name-en"), "name_ru": p("r-name-ru"),
            "country": "DE", "city": p("r-city"), "website": " javascript:alert('r-website')",
            "cluster_organisation": p("r-organisation"), "specialisation": p("r-specialisation"),
            "source": p("r-source"), "contact": p("r-contact") + " <eve@example.org>"})
PY
req "$T/w" PATCH /api/v1/clusters/medicon-valley -H "$J" -H "$A_eve" --data-binary "@$T/patch.json"
[ "$status" = 200 ] || fail "PATCH answered $status: $(cat "$T/w.b")"
check
req "$T/w" PATCH /api/v1/clusters/medicon-valley -H "$J" -H "$A_eve" --data-binary "@$T/website.json"
check
case $status in 200 | 400) ;; *) fail "PATCH of a javascript: website answered $status" ;; esac
req "$T/w" POST /api/v1/facts -H "$J" -H "$A_eve" --data-binary "@$T/fact.json"
[ "$status" = 201 ] || fail "POST /api/v1/facts answered $status: $(cat "$T/w.b")"
check
req "$T/w" POST /api/v1/registrations -H "$J" --data-binary "@$T/reg.json"
[ "$status" = 202 ] || fail "the registration answered $status: $(cat "$T/w.b")"
reg_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["registration"]["id"])' "$T/w.b")
req "$T/w" GET "/api/v1/registrations?status=pending" -H "$A_eve"
inert "$T/w" "/api/v1/registrations"
req "$T/w" POST "/api/v1/registrations/$reg_id/approve" -H "$A_eve"
[ "$status" = 200 ] || fail "approve answered $status: $(cat "$T/w.b")"
check
# the admin reverts the city: the history shows the payload again, as old and new values
rev=$(curl -s "$U/api/v1/clusters/medicon-valley/history?limit=1000" | python3 -c '
import json, sys
print(next(r["id"] for r in json.load(sys.stdin)["revisions"] if r["field"] == "city" and r["author"] == "eve"))')
req "$T/w" POST "/api/v1/revisions/$rev/revert" -H "$A_ada"
[ "$status" = 200 ] || [ "$status" = 201 ] || fail "revert answered $status: $(cat "$T/w.b")"
check
: >"$T/stored.html"
for target in /en/clusters/medicon-valley /ru/clusters/medicon-valley /en/clusters/xss-registered \
    /ru/clusters/xss-registered /en/ /ru/ /en/countries/DE /en/countries/DK "/en/search?q=alert" \
    /en/downloads/report.html; do
    req "$T/r" GET "$target"
    check
    [ "$status" = 200 ] || fail "$target answered $status"
    inert "$T/r" "$target"
    ! grep -qiE 'href="[[:space:]]*(javascript|data):' "$T/r.b" || fail "$target links a script URL"
    cat "$T/r.b" >>"$T/stored.html"
done
for field in w-name_en w-name_ru w-city w-cluster_organisation w-specialisation w-locator \
    w-fact-value w-fact-locator w-fact-quote r-name-en r-name-ru r-city r-organisation \
    r-specialisation; do
    expect_contains "$T/stored.html" "$field&lt;script&gt;alert(9)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(9)&gt;"
done
python3 tests/cli/html_inert.py "$T/html/index" >"$T/inert.out" || {
    head -30 "$T/inert.out" >&2
    fail "an HTML answer after the writes is not inert"
}
check

# SQL metacharacters in written values: stored as sent, nothing else touched
n_before=$(curl -s "$U/api/v1/clusters?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
for value in "'); DROP TABLE cluster; --" "\" OR 1=1 --" "%' UNION SELECT * FROM account --" '\x27);--'; do
    body=$(python3 -c 'import json,sys; print(json.dumps({"city": sys.argv[1], "source": "xss-src"}))' "$value")
    req "$T/w" PATCH /api/v1/clusters/medicon-valley -H "$J" -H "$A_eve" --data "$body"
    [ "$status" = 200 ] || fail "PATCH of city $value answered $status: $(cat "$T/w.b")"
    got=$(curl -s "$U/api/v1/clusters/medicon-valley" | python3 -c 'import json,sys; print(json.load(sys.stdin)["profile"]["city"])')
    check
    [ "$got" = "$value" ] || fail "city $value came back as $got"
done
n_after=$(curl -s "$U/api/v1/clusters?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
check
[ "$n_before" = "$n_after" ] || fail "the clusters went from $n_before to $n_after"

# ---------------------------------------------------------------- CSRF on every form
# tests/cli/csrf_attack.py collects every POST form (login, registration, the cluster page's
# edit, fact and revert forms, logout, the moderation queue's approve and reject) and forges
# each: no token, a wrong one, another session's, no session, no double-submit cookie; each
# refused with the registry unchanged, and the right token accepted
pw='correct horse battery staple'
for who in eve ada; do
    printf '%s\n' "$pw" | "$CS" --db "$db" user passwd "$who" --password-stdin >/dev/null 2>&1 ||
        fail "cannot set $who's password"
done
req "$T/w" POST /api/v1/registrations -H "$J" \
    --data '{"key": "pending-bio", "name_en": "Pending", "country": "SE", "contact": "Eva <eva@example.org>"}'
[ "$status" = 202 ] || fail "the pending registration answered $status"
python3 tests/cli/csrf_attack.py "$port" "$db" "$pw" >"$T/csrf.out" 2>&1 || {
    cat "$T/csrf.out" >&2
    fail "a forged form was accepted"
}
expect_contains "$T/csrf.out" "6 signed-in and 2 anonymous forms attacked"

# ---------------------------------------------------------------- the moderation queue
# a payload in every field of a registration, its contact and a reject reason, shown escaped in
# the queue of a signed-in editor (a pending one, a rejected one, and the approved one above)
python3 - "$T" <<'PY' || fail "cannot write the bodies"
import json, sys
def p(field):
    return field + "<script>alert(9)</script>\"'><img src=x onerror=alert(9)><svg/onload=alert(9)> javascript:alert(9)"
for name, key in (("reg2", "xss-pending"), ("reg3", "xss-rejected")):
    json.dump({"key": key, "name_en": p(name + "-name-en"), "name_ru": p(name + "-name-ru"),
               "country": "DE", "city": p(name + "-city"), "website": "javascript:alert(9)",
               "cluster_organisation": p(name + "-organisation"),
               "specialisation": p(name + "-specialisation"), "source": p(name + "-source"),
               "contact": p(name + "-contact") + " <eve@example.org>"},
              open("%s/%s.json" % (sys.argv[1], name), "w"), ensure_ascii=False)
json.dump({"reason": p("reg3-reason")}, open("%s/reason.json" % sys.argv[1], "w"), ensure_ascii=False)
PY
req "$T/w" POST /api/v1/registrations -H "$J" --data-binary "@$T/reg2.json"
[ "$status" = 202 ] || fail "the registration answered $status: $(cat "$T/w.b")"
req "$T/w" POST /api/v1/registrations -H "$J" --data-binary "@$T/reg3.json"
[ "$status" = 202 ] || fail "the registration answered $status: $(cat "$T/w.b")"
id3=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["registration"]["id"])' "$T/w.b")
req "$T/w" POST "/api/v1/registrations/$id3/reject" -H "$J" -H "$A_eve" --data-binary "@$T/reason.json"
[ "$status" = 200 ] || fail "reject answered $status: $(cat "$T/w.b")"
python3 - "$port" "$pw" "$T" <<'PY' || fail "cannot read the moderation queue as eve"
import http.client, re, sys, urllib.parse
port, pw, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def get(path, cookie=""):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    r = c.getresponse()
    return r.status, r.read().decode(), r.getheaders()
_, page, headers = get("/en/login")
anon = next(v for k, v in headers if k.lower() == "set-cookie" and v.startswith("cs_csrf=")).split(";")[0]
token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
c.request("POST", "/en/login", urllib.parse.urlencode({"name": "eve", "password": pw, "csrf": token}),
          {"Cookie": anon, "Content-Type": "application/x-www-form-urlencoded"})
r = c.getresponse()
r.read()
session = next(v for k, v in r.getheaders() if k.lower() == "set-cookie" and v.startswith("cs_session="))
for i, path in enumerate(("/en/moderation?status=all", "/ru/moderation?status=all", "/en/moderation")):
    status, page, headers = get(path, session.split(";")[0])
    if status != 200:
        sys.exit("%s answered %d" % (path, status))
    open("%s/mod%d.b" % (out, i), "w").write(page)
    open("%s/mod%d.h" % (out, i), "w").write("".join("%s: %s\n" % kv for kv in headers))
PY
: >"$T/stored.html"
for i in 0 1 2; do
    status=200
    inert "$T/mod$i" "moderation page $i"
    cat "$T/mod$i.b" >>"$T/stored.html"
done
for field in reg2-name-en reg2-name-ru reg2-city reg2-organisation reg2-specialisation reg2-source \
    reg2-contact reg3-name-en reg3-contact reg3-reason r-name-en r-contact; do
    expect_contains "$T/stored.html" "$field&lt;script&gt;alert(9)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(9)&gt;"
done
python3 tests/cli/html_inert.py "$T/html/index" >"$T/inert.out" || {
    head -30 "$T/inert.out" >&2
    fail "the moderation queue is not inert"
}
check
done_checks
