#!/bin/sh
# Regenerates the README's pictures, in Debian's headless Chromium: the report's
# (docs/images/report-*.png, from out/demo after `make demo`) and the observatory's
# (docs/images/web-home.png, web-cluster.png, web-moderation.png: the bundled data served by
# `clusterscope serve`, with the browser test of the forms filling the moderation queue) and the
# news digest's (docs/images/digest-*.png: pages of the PDF of issue 12, from data/news/).
# Needs `scripts/deps.sh test`.
set -eu
CS=${CS:-build/clusterscope}
[ -x "$CS" ] || { echo "readme-screenshots.sh: build first (make)" >&2; exit 2; }
mkdir -p docs/images
if [ -f out/demo/report-en.html ]; then
    node tests/browser/screenshot.mjs out/demo/report-en.html docs/images/report-en sample groups
    node tests/browser/screenshot.mjs out/demo/report-ru.html docs/images/report-ru cards
else
    echo "readme-screenshots.sh: no out/demo (make demo): the report's pictures are left as they are" >&2
fi

tmp=$(mktemp -d)
pid=""
# the news digest of December 2019 rebuilt from the bundled news (docs/images/digest-*.png): the
# PDF's cover, contents and first page of events, as pdftotext's poppler draws them
if command -v pdftoppm >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 &&
    [ -f data/news/digest-2019-12.json ]; then
    "$CS" --db "$tmp/news.db" init >/dev/null
    "$CS" --db "$tmp/news.db" import data/*.json data/development/development.json \
        data/news/digest-2019-12.json >/dev/null
    "$CS" --db "$tmp/news.db" digest --issue 12 --lang ru --format pdf -o "$tmp/digest.pdf"
    for page in 1:cover 4:contents 5:events; do
        pdftoppm -r 60 -png -singlefile -f "${page%%:*}" -l "${page%%:*}" "$tmp/digest.pdf" \
            "docs/images/digest-${page#*:}"
    done
    ls docs/images/digest-*.png
else
    echo "readme-screenshots.sh: no pdftoppm, chromium or data/news: the digest's pictures are left as they are" >&2
fi

trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/reg.db"
"$CS" --db "$db" init >/dev/null
"$CS" --db "$db" import data/countries.json data/sources.json data/hse-biomedical-clusters.json \
    data/russian-clusters.json data/reference/reference-groups.json >/dev/null
for who in ed:editor ada:admin; do
    "$CS" --db "$db" user add "${who%%:*}" --role "${who#*:}" >/dev/null
    printf '%s-password-1\n' "${who%%:*}" | "$CS" --db "$db" user passwd "${who%%:*}" --password-stdin >/dev/null
done
"$CS" serve --db "$db" --listen 127.0.0.1:0 --quiet >"$tmp/serve.log" 2>&1 &
pid=$!
base=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.log" | head -1) || true
    [ -n "$base" ] && break
    sleep 0.25
done
[ -n "$base" ] || { cat "$tmp/serve.log" >&2; exit 1; }
mkdir -p "$tmp/shots"
node tests/browser/check-forms.mjs "$base" "$tmp/shots" >/dev/null
cp "$tmp/shots/web-home.png" "$tmp/shots/web-cluster.png" "$tmp/shots/web-moderation.png" docs/images/
ls docs/images/web-*.png
