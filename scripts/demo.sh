#!/bin/sh
# The main job on the bundled data: a fresh registry from data/, assessed with the HSE method,
# then the study's cluster-analysis step: the typology of the assessed clusters, compared with
# the three groups the study published (data/reference/reference-groups.json), and the report
# (HTML, Markdown, CSV and JSON) in English and Russian; the target models and success factors
# of one cluster; the news of seeds 001 and 002 and the digest of December 2019 rebuilt from them.
# Usage: scripts/demo.sh PATH/TO/clusterscope
set -eu
cs=$1
out=${DEMO_OUT:-out/demo}
mkdir -p "$out"
db="$out/clusterscope.db"
rm -f "$db"
"$cs" --db "$db" init
"$cs" --db "$db" import data/*.json data/development/development.json data/news/digest-2019-12.json \
    data/reference/reference-groups.json
"$cs" --db "$db" assess --method hse-biomedical-2019 --format csv -o "$out/assessment-hse.csv" >/dev/null
"$cs" --db "$db" assess --method hse-biomedical-2019
echo
echo "== Typology: the study's cluster analysis on the assessment above (docs/classify.md)"
echo
"$cs" --db "$db" classify --compare --format json -o "$out/typology-hse.json" 2>/dev/null
"$cs" --db "$db" classify --compare --no-store
echo
echo "== Target models and success factors of one cluster (docs/factors.md)"
echo
"$cs" --db "$db" factors --cluster medicon-valley | sed -n '1,3p;/^Success factors/,$p' | grep -E '^(Target|The study|Group|F[0-9])'
"$cs" --db "$db" factors --cluster medicon-valley --lang ru --format md -o "$out/factors-medicon-valley-ru.md"
echo
echo "== Report: the study's kind of report on the registry, in English and Russian"
for lang in en ru; do
    for fmt in html md csv json; do
        "$cs" --db "$db" report --lang "$lang" --format "$fmt" -o "$out/report-$lang.$fmt"
    done
    "$cs" --db "$db" report --lang "$lang" --format csv --table groups -o "$out/report-$lang-groups.csv"
    # XLSX only from a build with libxlsxwriter
    rm -f "$out/report-$lang.xlsx"
    "$cs" --db "$db" report --lang "$lang" --format xlsx -o "$out/report-$lang.xlsx" 2>/dev/null || true
done
# the digest issue 12 (December 2019) rebuilt from the bundled news
echo
echo "== Digest: «Территориальные кластеры», issue 12, December 2019, rebuilt from data/news/"
for lang in ru en; do
    "$cs" --db "$db" digest --issue 12 --month 2019-12 --lang "$lang" --format html \
        -o "$out/digest-2019-12-$lang.html"
done
echo
echo "registry: $db"
echo "assessment table (CSV): $out/assessment-hse.csv"
echo "typology (JSON):        $out/typology-hse.json"
for lang in en ru; do
    echo "report ($lang):            $out/report-$lang.html (Markdown: .md; tables: .csv, -groups.csv, .json)"
    if [ -f "$out/report-$lang.xlsx" ]; then echo "workbook ($lang):          $out/report-$lang.xlsx"; fi
done
echo "factors (ru, Markdown): $out/factors-medicon-valley-ru.md"
echo "digest 12 (ru, en):     $out/digest-2019-12-ru.html, $out/digest-2019-12-en.html"
echo "explain one cluster:    $cs --db $db assess --explain medicon-valley"
echo "reproduce the typology: $cs --db $db classify --reproduce 1"
echo "web observatory:        $cs serve --db $db --listen 127.0.0.1:8080   (then open http://127.0.0.1:8080/en/ or /ru/)"
