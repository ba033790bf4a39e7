# The read side of the web observatory under attack (issue 12): `clusterscope serve` on
# 127.0.0.1:0 over the bundled registry and two hostile clusters, driven with curl. Reflected
# XSS and SQL metacharacters in every parameter of every API operation (enumerated from the
# OpenAPI document) and of the pages, path traversal, oversized paths, queries and bodies,
# invalid UTF-8, unknown methods, HEAD and clients that send nothing: each refused or inert,
# never a 500, and the registry's bytes unchanged.
. tests/cli/lib.sh
command -v curl >/dev/null 2>&1 || {
    echo "skipped: curl is not installed"
    exit 0
}
db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json data/russian-clusters.json \
    data/reference/reference-groups.json tests/data/report/hostile.json
before=$(sha256sum <"$db")

"$CS" serve --db "$db" --listen 127.0.0.1:0 --timeout 2 --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
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
# inert OUT TARGET: no 500, and the payloads' markup never comes back as it was sent
inert() {
    check
    case $status in 5?? | 000) fail "$2 answered $status: $(head -c 300 "$1.b")" ;; esac
    for needle in '<script>alert(7)' '<img src=x onerror=alert(7)>' '<svg/onload=alert(7)>' \
        '"><b>7</b>'; do
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
for page in /en/ /ru/ /en/no-such-page /ru/clusters/medicon-valley; do
    for payload in $xss1 $xss2 $xss3 $sql1 $sql2; do
        for p in q country kind stage group lang sort limit offset; do
            req "$T/r" GET "$page?$p=$payload"
            inert "$T/r" "$page?$p=$payload"
        done
        req "$T/r" GET "$page$payload"
        inert "$T/r" "$page$payload"
    done
done

# ---------------------------------------------------------------- path traversal
for target in /static/../README.md /static/%2e%2e/README.md /static/..%2fMakefile \
    /static/%2e%2e%2fMakefile /static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd /static//etc/passwd \
    /static/site.css%00.txt /static/%00 /static/..%5cMakefile /en/../../etc/passwd \
    /api/v1/clusters/..%2f..%2fetc%2fpasswd /api/v1/../../etc/passwd /static/%252e%252e%252fMakefile; do
    req "$T/r" GET "$target"
    check
    case $status in 4??) ;; *) fail "$target answered $status" ;; esac
    if grep -qE 'root:|VERSION :=|^# clusterscope' "$T/r.b"; then
        fail "$target served a file outside web/static"
    fi
done
req "$T/r" GET /static/site.css
[ "$status" = 200 ] || fail "/static/site.css answered $status"

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

# the server still answers, and the registry never changed
req "$T/r" GET /api/v1/clusters?limit=1
[ "$status" = 200 ] || fail "the server stopped answering"
kill "$pid"
wait "$pid" 2>/dev/null
after=$(sha256sum <"$db")
check
[ "$before" = "$after" ] || fail "the registry changed"
done_checks
