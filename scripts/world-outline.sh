#!/bin/sh
# Regenerates src/render/world_outline.h, the coastline of the report's map, from the npm
# package world-atlas (Natural Earth 1:110m land, public domain). Needs node and npm, and the
# network for `npm install`; the generated header is committed, so building does not.
# Usage: scripts/world-outline.sh [OUT.h]   (default src/render/world_outline.h)
set -eu
out=${1:-src/render/world_outline.h}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/world-atlas.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund --no-save world-atlas@2.0.2 >/dev/null)
node "$root/scripts/world-outline.js" "$work/node_modules/world-atlas/land-110m.json" "$out"
clang-format -i "$out"
