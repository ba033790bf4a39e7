#!/bin/sh
# `make bench`: every benchmark of the project against its peers on the same data, in one run.
# Each prints its case, our time, the peer's time, the ratio and peak memory; report.sh, which has
# targets and no peer, prints each time with its target and the share of the budget it used.
set -u
build=${1:-build}
cd "$(dirname "$0")/.." || exit 1
status=0
for b in bench/commands.sh bench/import.sh bench/assess.sh bench/hierarchical.sh bench/partition.sh bench/regional.sh \
    bench/report.sh bench/scaling.sh bench/web.sh; do
    [ -x "$b" ] || continue
    echo "== $b"
    "$b" "$build" || status=1
    echo
done
exit $status
