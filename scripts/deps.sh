#!/bin/sh
# Installs the Debian packages clusterscope needs, and nothing when they are all present; for
# the test and bench sets also the browser test's npm packages (tests/browser, from its
# package-lock.json) and Node.js itself when the machine has none.
# Usage: scripts/deps.sh [build|test|bench|fuzz]...   (default: build)
set -eu
build="gcc make pkg-config libsqlite3-dev sqlite3 libjansson-dev libcsv-dev libxlsxwriter-dev libmicrohttpd-dev libstemmer-dev libargon2-dev libsodium-dev librsvg2-dev libigraph-dev libxml2-dev libglpk-dev libarpack2-dev libplfit-dev fonts-dejavu-core"
# libxml2-dev: saved RSS and Atom news feeds (src/ingest/news_feed.c); libigraph-dev: the
# network measures; libglpk-dev, libarpack2-dev, libplfit-dev: the libraries
# igraph's pkg-config names for a static link (pkg-config --static clusterscope)
# chromium: the report's and the digest's browser tests, and `digest --format pdf` at run time
# (not installed for a build: only that format needs it); fonts-dejavu-core: Latin and Cyrillic
# glyphs for it; poppler-utils: pdftotext and pdfinfo, which read the digest's PDF in its test
browser_pkgs="chromium fonts-dejavu-core poppler-utils"
# wrk and nginx-light: the web load run (bench/web.sh) and its short form in the suite
load_pkgs="wrk nginx-light curl"
# numpy and pandas: the regional measures' peer (bench/regional.sh; its quick form in the suite)
regional_pkgs="python3-numpy python3-pandas"
# python3-igraph: the network measures' independent peer (tests/cli/test_network.sh)
network_pkgs="python3-igraph"
test_pkgs="libcmocka-dev clang-format tidy curl python3-scipy python3-sklearn python3-fastcluster r-cran-cluster $browser_pkgs $load_pkgs $regional_pkgs $network_pkgs"
bench_pkgs="python3-scipy python3-sklearn python3-fastcluster r-cran-cluster time bc sqlite3 $browser_pkgs $load_pkgs $regional_pkgs"
fuzz_pkgs="clang libclang-rt-14-dev"
want=""
npm_dirs=""
[ $# -eq 0 ] && set -- build
for set_name in "$@"; do
    case "$set_name" in
    build) want="$want $build"; npm_dirs="web" ;;
    test) want="$want $build $test_pkgs"; npm_dirs="web tests/browser" ;;
    bench) want="$want $build $bench_pkgs"; npm_dirs="web tests/browser" ;;
    fuzz) want="$want $build $fuzz_pkgs" ;;
    *) echo "deps.sh: unknown package set '$set_name' (expected build, test, bench or fuzz)" >&2; exit 2 ;;
    esac
done
# Node.js from Debian only when the machine has no node of its own
if [ -n "$npm_dirs" ] && ! command -v node >/dev/null 2>&1; then
    want="$want nodejs npm"
fi
missing=""
for p in $want; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"ok installed"*) ;;
    *) case " $missing " in *" $p "*) ;; *) missing="$missing $p" ;; esac ;;
    esac
done
if [ -n "$missing" ]; then
    echo "deps.sh: installing:$missing"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing
fi
# npm packages exactly as locked; again only when the lock changed since the last install
root=$(cd "$(dirname "$0")/.." && pwd)
for d in $npm_dirs; do
    lock="$root/$d/package-lock.json"
    stamp="$root/$d/node_modules/.package-lock.json"
    if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
        echo "deps.sh: npm ci in $d"
        (cd "$root/$d" && npm ci --no-audit --no-fund --loglevel=error)
    fi
done
