#!/bin/sh
# Regenerates src/render/geo_world.h and geo_us.h, the region shapes of the choropleth maps,
# from the npm packages world-atlas, us-atlas and i18n-iso-countries (versions pinned here).
# Needs node and npm, and the network for `npm install`; the generated headers are committed,
# so building does not. The Russian tile grid is data, not generated: maps/ru-grid.csv.
# Usage: scripts/choropleth-geometry.sh [OUT_DIR]   (default src/render)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/src/render}
work=$(mktemp -d "${TMPDIR:-/tmp}/choropleth.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund --no-save world-atlas@2.0.2 \
    us-atlas@3.0.1 i18n-iso-countries@7.14.0 >/dev/null)
node "$root/scripts/choropleth-geometry.js" "$work/node_modules" "$out"
clang-format -i "$out/geo_world.h" "$out/geo_us.h"
