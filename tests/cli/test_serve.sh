# `clusterscope serve` as a process: it prints the address it chose (port 0), answers over HTTP
# on 127.0.0.1, logs one line per request (a client's control bytes never forge a line), stops
# cleanly on SIGTERM and on SIGINT with status 0, and refuses a bad --listen, a taken port and a
# missing registry with a clear message. The server always stops at the end of the test.
. tests/cli/lib.sh
command -v curl >/dev/null 2>&1 || { echo "skipped: curl is not installed (scripts/deps.sh test)"; exit 0; }
db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json data/hse-biomedical-clusters.json

pid=""
stop_server() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    [ -n "$pid" ] && wait "$pid" 2>/dev/null
    pid=""
}
trap 'stop_server; rm -rf "$T"' EXIT

# start SIGNAL-TEST: a server on a free port; sets $pid and $port
start() {
    # the log of an earlier server must not be read for this one's address: the shell that
    # starts the server may truncate the file after sed has read it
    rm -f "$T/log"
    "$CS" --db "$db" serve --listen 127.0.0.1:0 2>"$T/log" &
    pid=$!
    port=""
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        port=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$T/log" 2>/dev/null)
        [ -n "$port" ] && break
        sleep 0.2
    done
    check
    [ -n "$port" ] || fail "the server printed no address: $(cat "$T/log")"
}

start
expect_contains "$T/log" "clusterscope: serving $db at http://127.0.0.1:$port/ (stop with Ctrl-C)"
check
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/en/")" = 200 ] || fail "GET /en/"
check
[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Accept-Language: ru' "http://127.0.0.1:$port/")" = "303 http://127.0.0.1:$port/ru/" ] ||
    fail "GET / does not send a Russian browser to /ru/"
curl -s "http://127.0.0.1:$port/api/v1/clusters?limit=1" >"$T/api.json"
check
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["total"] == 34 and len(d["clusters"]) == 1, d' "$T/api.json" ||
    fail "GET /api/v1/clusters"
# a body over the limit (1 MiB) is refused with 413, and the server goes on
head -c 1100000 /dev/zero | tr '\0' 'a' >"$T/big"
check
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$T/big" "http://127.0.0.1:$port/api/v1/clusters")" = 413 ] ||
    fail "an oversized body is not refused with 413"
# the same without a declared length (chunked): refused as it arrives; the client may see the
# connection closed while it still sends, and the server goes on
curl -s -o /dev/null -H 'Transfer-Encoding: chunked' -H 'Expect:' -X POST --data-binary @"$T/big" \
    "http://127.0.0.1:$port/api/v1/clusters"
check
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/en/")" = 200 ] || fail "the server stopped answering"
# control bytes in the URI are not written to the log as they are
curl -s -o /dev/null "http://127.0.0.1:$port/en/%0Aforged%20line"
kill -TERM "$pid"
wait "$pid"
status=$?
pid=""
check
[ "$status" -eq 0 ] || fail "serve exited $status on SIGTERM"
expect_contains "$T/log" "clusterscope: stopped (SIGTERM)"
expect_contains "$T/log" "127.0.0.1 GET /en/ 200 "
expect_contains "$T/log" "127.0.0.1 GET /api/v1/clusters?limit=1 200 "
expect_contains "$T/log" "127.0.0.1 POST /api/v1/clusters 413 0 "
check
[ "$(grep -c '^127\.0\.0\.1 POST /api/v1/clusters 413 0 ' "$T/log")" -eq 2 ] || fail "the chunked body was not refused"
check
[ "$(grep -c '^127\.0\.0\.1 ' "$T/log")" -eq 7 ] || fail "not one log line per request: $(cat "$T/log")"
check
! grep -q '^forged' "$T/log" || fail "a request forged a log line"

# SIGINT too
start
kill -INT "$pid"
wait "$pid"
status=$?
pid=""
check
[ "$status" -eq 0 ] || fail "serve exited $status on SIGINT"
expect_contains "$T/log" "clusterscope: stopped (SIGINT)"

# refusals: a bad address, a taken port, no registry, a bad option
for bad in "localhost:8080" "127.0.0.1" "127.0.0.1:70000" "127.0.0.1:x" ":80"; do
    expect_status 2 "$CS" --db "$db" serve --listen "$bad"
    expect_contains "$T/err" "--listen takes ADDR:PORT (an IPv4 address), not '$bad'"
done
start
expect_status 1 timeout 10 "$CS" --db "$db" serve --listen "127.0.0.1:$port"
expect_contains "$T/err" "cannot listen on 127.0.0.1:$port"
stop_server
expect_status 1 "$CS" --db "$T/none.db" serve --listen 127.0.0.1:0
expect_status 2 "$CS" --db "$db" serve --threads 0
expect_contains "$T/err" "--threads takes 1 to 256"
echo "$checks checks passed"
