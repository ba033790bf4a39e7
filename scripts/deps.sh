#!/bin/sh
# Installs the Debian packages clusterscope needs, and nothing when they are all present.
# Usage: scripts/deps.sh [build|test|bench|fuzz]...   (default: build)
set -eu
build="gcc make pkg-config libsqlite3-dev sqlite3 libjansson-dev libcsv-dev libxlsxwriter-dev"
test_pkgs="libcmocka-dev clang-format tidy python3-scipy python3-sklearn python3-fastcluster r-cran-cluster"
bench_pkgs="python3-scipy python3-sklearn python3-fastcluster r-cran-cluster time bc sqlite3"
fuzz_pkgs="clang libclang-rt-14-dev"
want=""
[ $# -eq 0 ] && set -- build
for set_name in "$@"; do
    case "$set_name" in
    build) want="$want $build" ;;
    test) want="$want $build $test_pkgs" ;;
    bench) want="$want $build $bench_pkgs" ;;
    fuzz) want="$want $build $fuzz_pkgs" ;;
    *) echo "deps.sh: unknown package set '$set_name' (expected build, test, bench or fuzz)" >&2; exit 2 ;;
    esac
done
missing=""
for p in $want; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"ok installed"*) ;;
    *) case " $missing " in *" $p "*) ;; *) missing="$missing $p" ;; esac ;;
    esac
done
[ -z "$missing" ] && exit 0
echo "deps.sh: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
# shellcheck disable=SC2086
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing
