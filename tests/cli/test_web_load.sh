# The short form of `make bench`'s load run (bench/web.sh, issue 12): the same script, 1 s per
# address with 8 connections instead of 30 s with 64, so that the suite stays fast. It must report
# no error (no status of 400 or above, no socket error) on any address, ours or nginx's, no lost
# or refused write in the mixed run, and at least WEB_LOAD_FLOOR requests/s on each of our
# addresses. The floor, 300 requests/s, is about 1/200 of what the cached answers reach on the
# 2-core development machine with 3 others building beside it, and 1/10 of the mixed run (whose
# writes make every worker thread build its pages again): a CI machine that is slower still, or
# the suite under AddressSanitizer (about 3 times slower here), meets it; a server that falls
# back to one request at a time, or to a new registry connection per request, does not.
. tests/cli/lib.sh
if ! command -v wrk >/dev/null 2>&1 || { ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; }; then
    # `make test` installs both (scripts/deps.sh test); only a machine where that failed gets here
    echo "skipped: wrk or nginx is not installed and scripts/deps.sh test could not install them"
    exit 0
fi
command -v curl >/dev/null 2>&1 || fail "curl is not installed (scripts/deps.sh test)"
floor=${WEB_LOAD_FLOOR:-300}
export BENCH_TMP="$T"
WEB_BENCH_SECONDS=1 WEB_BENCH_CONNECTIONS=8 WEB_BENCH_MIN_RPS=$floor WEB_BENCH_MIXED=${WEB_LOAD_MIXED:-auto} \
    sh bench/web.sh "$(dirname "$CS")" >"$T/out" 2>"$T/err"
status=$?
cat "$T/out"
check
[ "$status" -eq 0 ] || fail "bench/web.sh exited $status: $(cat "$T/err")"
for row in "cluster page /en/clusters/medicon-valley" "cluster list page (home) /en/" \
    "cluster list JSON /api/v1/clusters" "cluster JSON /api/v1/clusters/medicon-valley" \
    "nginx: the cluster JSON as a static file" "ratio to nginx on the cluster JSON: " \
    "server peak memory (VmHWM): "; do
    expect_contains "$T/out" "$row"
done
# each row's error column is 0 and its rate a number at or over the floor (the script fails
# otherwise; this reads its table again, so that a script that forgot to check is caught)
awk -v floor="$floor" '/^(cluster |nginx:|mixed:)/ {
    n++; e = $NF; p = NF - 5; rps = $p
    if (e != "0") { print "errors on: " $0; bad = 1 }
    if (rps !~ /^[0-9]+$/ || ($0 !~ /^nginx/ && rps + 0 < floor)) { print "rate on: " $0; bad = 1 }
} END { if (n < 5) { print "only " n " rows"; bad = 1 }; exit bad }' "$T/out" || fail "bad row in the table"
check
# no server or nginx left behind, and the scratch folder removed (the script's trap)
[ -z "$(ls "$T" | grep clusterscope-bench-web)" ] || fail "bench/web.sh left its folder"
check
done_checks
