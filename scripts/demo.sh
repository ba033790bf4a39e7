#!/bin/sh
# The main job on the bundled data: a fresh registry from data/, assessed with the HSE method.
# Usage: scripts/demo.sh PATH/TO/clusterscope
set -eu
cs=$1
out=${DEMO_OUT:-out/demo}
mkdir -p "$out"
db="$out/clusterscope.db"
rm -f "$db"
"$cs" --db "$db" init
"$cs" --db "$db" import data/*.json
"$cs" --db "$db" assess --method hse-biomedical-2019 --format csv -o "$out/assessment-hse.csv" >/dev/null
"$cs" --db "$db" assess --method hse-biomedical-2019
echo
echo "registry: $db"
echo "assessment table (CSV): $out/assessment-hse.csv"
echo "explain one cluster:    $cs --db $db assess --explain medicon-valley"
