#!/bin/sh
# Load on the web observatory beside nginx (issue 12). `clusterscope serve` on the registry
# `make demo` builds (127.0.0.1, a free port, its default 2 worker threads) and nginx (its own
# prefix and configuration in a scratch folder, no root needed: 2 workers, access log off,
# sendfile on) serving the very bytes of the cluster JSON as a static file. wrk runs each address
# in turn with the same threads, connections and duration; the table gives requests/s, the
# median and 99th-percentile latency and the errors (answers of status 400 and above, and
# socket errors: connect, read, write, timeout), which must be 0. The ratio to nginx on the
# cluster JSON is the figure to push (target >= 0.5; a miss is printed, not an error).
#
# Then the mixed run: 5% of requests are writes (POST /api/v1/facts with an editor's token, each
# a new value of one fact: the request's number), 95% reads; after it every write the server
# acknowledged (2xx) must be in the registry's history, with its value: none lost, no error.
#
# usage: bench/web.sh [BUILD_DIR]
# Environment (whole numbers): WEB_BENCH_SECONDS (default 30) per address, WEB_BENCH_MIXED_SECONDS
# (the same) for the mixed run; WEB_BENCH_CONNECTIONS (64) and WEB_BENCH_THREADS (2) of wrk;
# WEB_BENCH_MIN_RPS (0): fail when a read address of ours is slower, WEB_BENCH_MIN_MIXED_RPS (0)
# the same for the mixed run (the short form in tests/cli/test_web_load.sh sets both).
# WEB_BENCH_TIMEOUT (2, wrk's own): seconds after which wrk counts a request as a timeout error.
# WEB_BENCH_MIXED: auto (default: when the server takes writes), 1 (required) or 0 (skip).
# Exit status: 0 done; 1 an error, a lost write, a rate under the floor or a server that did not
# stop cleanly; 2 a bad setting or a missing tool (scripts/deps.sh bench).
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cs="$build/clusterscope"
# set but empty is an error below, not the default
secs=${WEB_BENCH_SECONDS-30}
conns=${WEB_BENCH_CONNECTIONS-64}
threads=${WEB_BENCH_THREADS-2}
timeout=${WEB_BENCH_TIMEOUT-2}
min_rps=${WEB_BENCH_MIN_RPS-0}
min_mixed=${WEB_BENCH_MIN_MIXED_RPS-0}
mixed_secs=${WEB_BENCH_MIXED_SECONDS-$secs}
mixed=${WEB_BENCH_MIXED-auto}
die() {
    echo "web.sh: $*" >&2
    exit 1
}
usage() {
    echo "web.sh: $*" >&2
    exit 2
}
[ -x "$cs" ] || { echo "web.sh: $cs not built (make)" >&2; exit 2; }
nginx=$(command -v nginx 2>/dev/null || true)
[ -n "$nginx" ] || { [ -x /usr/sbin/nginx ] && nginx=/usr/sbin/nginx; } || true
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "web.sh: $tool missing (scripts/deps.sh bench)" >&2; exit 2; }
done
[ -n "$nginx" ] || { echo "web.sh: nginx missing (scripts/deps.sh bench: nginx-light)" >&2; exit 2; }
for v in WEB_BENCH_SECONDS="$secs" WEB_BENCH_MIXED_SECONDS="$mixed_secs" \
    WEB_BENCH_CONNECTIONS="$conns" WEB_BENCH_THREADS="$threads" WEB_BENCH_MIN_RPS="$min_rps" \
    WEB_BENCH_MIN_MIXED_RPS="$min_mixed" WEB_BENCH_TIMEOUT="$timeout"; do
    case "${v#*=}" in
    "" | *[!0-9]*) usage "${v%%=*} takes a whole number, not '${v#*=}'" ;;
    esac
done
for v in WEB_BENCH_SECONDS="$secs" WEB_BENCH_MIXED_SECONDS="$mixed_secs" WEB_BENCH_THREADS="$threads" \
    WEB_BENCH_TIMEOUT="$timeout"; do
    [ "${v#*=}" -ge 1 ] || usage "${v%%=*} must be at least 1"
done
[ "$conns" -ge "$threads" ] || usage "WEB_BENCH_CONNECTIONS ($conns) must be at least WEB_BENCH_THREADS ($threads)"
case "$mixed" in auto | 0 | 1) ;; *) usage "WEB_BENCH_MIXED takes auto, 0 or 1, not '$mixed'" ;; esac

work=$(mktemp -d "${BENCH_TMP:-/tmp}/clusterscope-bench-web.XXXXXX")
pid=""
npid=""
stop() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    [ -n "$npid" ] && kill "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
    pid="" npid=""
}
# the status is kept: the trap's own commands (wait on a killed server: 143) must not replace it
trap 'st=$?; stop; rm -rf "$work"; exit $st' EXIT
trap 'exit 1' INT TERM

# ------------------------------------------------------------------ our server
db="$work/registry.db"
"$cs" --db "$db" init >/dev/null || die "init failed"
"$cs" --db "$db" import data/*.json data/reference/reference-groups.json \
    >"$work/import.log" 2>&1 || die "import failed: $(cat "$work/import.log")"
: >"$work/serve.log" # before the server's shell opens it: the loop below reads it at once
"$cs" --db "$db" serve --listen 127.0.0.1:0 --quiet 2>>"$work/serve.log" &
pid=$!
port=""
for _ in $(seq 1 50); do
    port=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$work/serve.log")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$port" ] || die "the server printed no address: $(cat "$work/serve.log")"
U="http://127.0.0.1:$port"

# ------------------------------------------------------------------ nginx beside it
mkdir -p "$work/nginx/html" "$work/nginx/logs"
json=/api/v1/clusters/medicon-valley
curl -sf -o "$work/nginx/html/medicon-valley.json" "$U$json" || die "GET $json failed"
user_line=""
# a master started by root hands its workers to `nobody`, who may not read the scratch folder
[ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
nport=""
for _ in 1 2 3; do
    nport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/client_body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    types { application/json json; }
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$nport;
        root $work/nginx/html;
    }
}
EOF
    "$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e stderr 2>"$work/nginx/stderr" &
    npid=$!
    for _ in $(seq 1 50); do
        curl -sf -o /dev/null "http://127.0.0.1:$nport/medicon-valley.json" && break
        kill -0 "$npid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$npid" 2>/dev/null && break
    wait "$npid" 2>/dev/null || true
    npid=""
done
[ -n "$npid" ] || die "nginx did not start: $(cat "$work/nginx/stderr")"
N="http://127.0.0.1:$nport"
curl -sf "$N/medicon-valley.json" | cmp -s - "$work/nginx/html/medicon-valley.json" ||
    die "nginx does not serve the same bytes as $json"

# ------------------------------------------------------------------ the read runs
# run NAME URL: one wrk run; prints the row and sets $rps (whole requests/s) and $errors
run() {
    name=$1 url=$2
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    [ "$code" = 200 ] || die "$url answered $code before the run, not 200"
    # the server takes 64 connections per address: wrk's 64 must not meet one it has not yet
    # dropped (that curl's, or the previous run's), which it would refuse (a read error)
    sleep 0.5
    wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout "${timeout}s" -s bench/web_stats.lua "$url" >"$work/wrk.out" 2>&1 ||
        die "wrk failed on $url: $(cat "$work/wrk.out")"
    line=$(grep '^WRKSTATS ' "$work/wrk.out") || die "wrk printed no figures: $(cat "$work/wrk.out")"
    set -- $line
    shift
    for kv in "$@"; do eval "w_${kv%%=*}=${kv#*=}"; done
    errors=$((w_status + w_connect + w_read + w_write + w_timeout))
    rps=$((w_requests * 1000000 / w_duration_us))
    printf '%-52s %10s %9s %9s %7s\n' "$name" "$rps" "$(ms "$w_p50_us")" "$(ms "$w_p99_us")" "$errors"
    [ "$errors" -eq 0 ] || {
        echo "  errors: $w_status answers of status 400 and above; socket: connect $w_connect, read $w_read, write $w_write, timeout $w_timeout"
        failed="$failed $name"
    }
}
ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }

failed=""
slow=""
echo "wrk -t$threads -c$conns -d${secs}s --timeout ${timeout}s per address; server: clusterscope serve (2 threads), nginx: 2 workers"
printf '%-52s %10s %9s %9s %7s\n' target requests/s p50 p99 errors
for t in "cluster page|/en/clusters/medicon-valley" "cluster list page (home)|/en/" \
    "cluster list JSON|/api/v1/clusters" "cluster JSON|$json"; do
    run "${t%%|*} ${t#*|}" "$U${t#*|}"
    [ "$rps" -ge "$min_rps" ] || slow="$slow ${t#*|}($rps)"
    [ "${t%%|*}" = "cluster JSON" ] && ours_json=$rps
done
run "nginx: the cluster JSON as a static file" "$N/medicon-valley.json"
nginx_json=$rps
awk -v o="$ours_json" -v n="$nginx_json" 'BEGIN {
    r = n > 0 ? o / n : 0
    printf "ratio to nginx on the cluster JSON: %.2f (target >= 0.5%s)\n", r, (r >= 0.5 ? "" : ", MISSED") }'

# ------------------------------------------------------------------ the mixed run
if [ "$mixed" != 0 ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data '{}' "$U/api/v1/facts")
    if [ "$code" = 405 ] || [ "$code" = 404 ]; then
        [ "$mixed" = 1 ] && die "the server does not take writes: POST /api/v1/facts answered $code"
        echo "mixed run: skipped (POST /api/v1/facts answered $code: this build does not take writes)"
    else
        # the written cluster and the editor come in while the server runs, as they would
        "$cs" --db "$db" import bench/web_subject.json >"$work/import.log" 2>&1 ||
            die "import of bench/web_subject.json failed: $(cat "$work/import.log")"
        token=$("$cs" --db "$db" user add bench --role editor 2>&1 | grep '^cst_') ||
            die "user add failed"
        sleep 0.5
        WEB_BENCH_TOKEN=$token WEB_BENCH_LOG="$work/mixed" wrk -t"$threads" -c"$conns" \
            -d"${mixed_secs}s" --timeout "${timeout}s" -s bench/web_mixed.lua "$U" >"$work/wrk.out" 2>&1 || die "wrk failed: $(cat "$work/wrk.out")"
        line=$(grep '^MIXSTATS ' "$work/wrk.out") || die "wrk printed no figures: $(cat "$work/wrk.out")"
        set -- $line
        shift
        for kv in "$@"; do eval "m_${kv%%=*}=${kv#*=}"; done
        cat "$work"/mixed.* >"$work/mixed.log"
        # every acknowledged revision must be in the cluster's history, by the editor, with a
        # value that was sent; read through the API, as any client would
        python3 - "$U" "$work/mixed.log" >"$work/check.out" 2>&1 <<'PY' || mixed_fail=1
import json, sys, urllib.request
base, logf = sys.argv[1], sys.argv[2]
sent, acked, refused = set(), [], []
for line in open(logf, encoding="utf-8", errors="replace"):
    kind, _, rest = line.rstrip("\n").partition(" ")
    if kind == "S":
        sent.add(rest)
    elif kind == "A":
        acked.append(int(rest))
    elif kind == "E":
        refused.append(rest)
revs, offset = {}, 0
while True:
    with urllib.request.urlopen("%s/api/v1/clusters/bench-subject/history?limit=1000&offset=%d"
                                % (base, offset)) as r:
        page = json.load(r)
    items = page["revisions"]
    for v in items:
        revs[v["id"]] = v
    if len(items) < 1000:
        break
    offset += 1000
mine = {i: v for i, v in revs.items() if v.get("author") == "bench"}
lost = [i for i in acked if i not in mine]
foreign = [i for i, v in mine.items() if str(v.get("new")) not in sent]
print("writes sent %d, acknowledged %d, in the history %d, lost %d, refused %d" %
      (len(sent), len(acked), len(mine), len(lost), len(refused)))
for e in refused[:5]:
    print("refused:", e)
if lost:
    print("lost (acknowledged, not in the history):", lost[:10])
if foreign:
    print("revisions with a value never sent:", foreign[:10])
if len(set(acked)) != len(acked):
    print("one revision acknowledged twice")
sys.exit(1 if lost or foreign or refused or len(set(acked)) != len(acked) else 0)
PY
        m_errors=$((m_status + m_connect + m_read + m_write + m_timeout))
        m_rps=$((m_requests * 1000000 / m_duration_us))
        printf '%-52s %10s %9s %9s %7s\n' "mixed: 95% reads, 5% writes (POST /api/v1/facts), ${mixed_secs}s" \
            "$m_rps" "$(ms "$m_p50_us")" "$(ms "$m_p99_us")" "$m_errors"
        sed 's/^/  /' "$work/check.out"
        [ "$m_errors" -eq 0 ] || {
            echo "  errors: $m_status answers not 2xx; socket: connect $m_connect, read $m_read, write $m_write, timeout $m_timeout"
            failed="$failed mixed"
        }
        [ "${mixed_fail:-0}" = 0 ] || failed="$failed mixed-lost-or-refused"
        [ "$m_acked" -gt 0 ] || failed="$failed mixed-no-write-acknowledged"
        [ "$m_rps" -ge "$min_mixed" ] || slow="$slow mixed($m_rps, floor $min_mixed)"
    fi
fi

hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
echo "server peak memory (VmHWM): $((hwm / 1024)) MB"
# a clean stop after the load (under SANITIZE=1 also: no report from the sanitizers)
kill "$pid"
st=0
wait "$pid" || st=$?
pid=""
[ "$st" -eq 0 ] || failed="$failed server-exit-$st($(tail -5 "$work/serve.log" | tr '\n' ' '))"
[ -z "$failed" ] || die "errors in:$failed"
[ -z "$slow" ] || die "under the floor (reads: $min_rps requests/s):$slow"
exit 0
