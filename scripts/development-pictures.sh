#!/bin/sh
# Regenerates the pictures of the cluster-development commands (issue 14) in README.md and
# docs/development.md, in Debian's headless Chromium, from registries this script makes:
#   the bundled data (data/*.json and data/development/development.json, as make demo imports it):
#     docs/images/chain-biomed.png          network --cluster penza-biomed --format svg
#     docs/images/timeline-don-valley.png   timeline --cluster dolina-dona --fact organisation_count
#     docs/images/report-en-programmes.png  the report's sections programmes and registries
#     docs/images/report-en-counts.png      the report's section counts (--year 2019)
#   the tests' fixtures (invented around the seeds, and said to be so where shown):
#     docs/images/chain-fixture.png         tests/data/chain: network --cluster biomed
#     docs/images/timeline-target.png       tests/data/timeline: the amber target
# Needs a build (make) and `scripts/deps.sh test` (Chromium, tests/browser's node_modules).
set -eu
CS=${CS:-build/clusterscope}
[ -x "$CS" ] || { echo "development-pictures.sh: build first (make)" >&2; exit 2; }
mkdir -p docs/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bundled="$tmp/bundled.db"
"$CS" --db "$bundled" init >/dev/null
"$CS" --db "$bundled" import data/*.json data/development/development.json >/dev/null
"$CS" --db "$bundled" network --cluster penza-biomed --format svg -o "$tmp/chain-biomed.svg"
"$CS" --db "$bundled" timeline --cluster dolina-dona --fact organisation_count --format svg \
    -o "$tmp/timeline-don-valley.svg"
# the report with the development sections only, so that each section starts a screen
"$CS" --db "$bundled" report --year 2019 --no-sample --no-indicators --no-assessment \
    --no-typology --no-cards --no-factors --no-regional --no-questions --no-provenance \
    --no-chain --no-timeline -o "$tmp/report-en.html"

chain="$tmp/chain.db"
d=tests/data/chain
"$CS" --db "$chain" init >/dev/null
"$CS" --db "$chain" import "$d/sources.csv" "$d/countries.csv" "$d/clusters.csv" \
    "$d/organisations.csv" "$d/memberships.csv" "$d/chain_stages.csv" "$d/projects.csv" \
    "$d/project_members.csv" "$d/project_stages.csv" "$d/links.csv" >/dev/null
"$CS" --db "$chain" network --cluster biomed --format svg -o "$tmp/chain-fixture.svg"

timeline="$tmp/timeline.db"
d=tests/data/timeline
"$CS" --db "$timeline" init >/dev/null
"$CS" --db "$timeline" import "$d/countries.csv" "$d/sources.csv" "$d/regions.csv" \
    "$d/clusters.csv" "$d/facts.csv" "$d/programmes.csv" "$d/listings.csv" "$d/targets.csv" >/dev/null
"$CS" --db "$timeline" timeline --cluster amber --fact local_processing_share --format svg \
    -o "$tmp/timeline-target.svg"

set --
for name in chain-biomed timeline-don-valley chain-fixture timeline-target; do
    set -- "$@" "$tmp/$name.svg" "docs/images/$name.png"
done
node tests/browser/svg-png.mjs "$@"
node tests/browser/screenshot.mjs "$tmp/report-en.html" docs/images/report-en programmes counts
