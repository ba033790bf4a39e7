#!/bin/sh
# Regenerates the README's pictures of the report (docs/images/report-*.png) from the bundled
# data, in Debian's headless Chromium. Run after `make demo`; needs `scripts/deps.sh test`.
set -eu
[ -f out/demo/report-en.html ] || { echo "readme-screenshots.sh: run make demo first" >&2; exit 2; }
mkdir -p docs/images
node tests/browser/screenshot.mjs out/demo/report-en.html docs/images/report-en sample groups
node tests/browser/screenshot.mjs out/demo/report-ru.html docs/images/report-ru cards
