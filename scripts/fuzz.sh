#!/bin/sh
# Builds every libFuzzer target tests/fuzz/fuzz_*.c against the library (all of src/ but the
# CLI) with clang, ASan and UBSan (undefined behaviour counts as a crash), and runs each for
# SECONDS seconds (default 60), seeded from tests/fuzz/seeds/<target>/. Everything it makes
# goes to build-fuzz/ (the corpus it grows in build-fuzz/corpus/<target>/).
# Usage: scripts/fuzz.sh [SECONDS]   (FUZZ_ONLY="fuzz_csv fuzz_matrix" runs only those targets)
# Exits 1 when a target does not build or finds a crash; the input that crashed is left as
# build-fuzz/<target>-crash-... and replays with: build-fuzz/<target> FILE
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
out=build-fuzz
mkdir -p "$out/gen" "$out/obj"

# The library carries its data files: the Makefile's EMBED_IN (or, failing that, the usual
# places), those that exist.
# shellcheck disable=SC2016
wanted=$(printf 'cs-print-embed:\n\t@echo $(EMBED_IN)\n' |
    make -s --no-print-directory -f Makefile -f - cs-print-embed 2>/dev/null) || wanted=""
if [ -z "$wanted" ]; then
    wanted="methods/*.json src/store/migrations/*.sql src/store/schema.sql"
    wanted="$wanted src/store/fact_definitions.json"
fi
embed_in=""
for f in $wanted; do
    if [ -f "$f" ]; then embed_in="$embed_in $f"; fi
done
# shellcheck disable=SC2086
scripts/embed.sh "$out/gen/embedded.c" $embed_in

lib_src=""
for src in src/*/*.c; do
    case "$src" in src/cli/*) ;; *) lib_src="$lib_src $src" ;; esac
done
common="-g -O1 -std=c11 -D_GNU_SOURCE -Iinclude -Isrc -I$out/gen $(pkg-config --cflags sqlite3 jansson librsvg-2.0 igraph libxml-2.0)"
# as the Makefile defines it: the version as a C string
version_def="-DCS_VERSION_STRING=\"$(sed -n 's/^VERSION := //p' Makefile)\""
libs="$(pkg-config --libs sqlite3 jansson librsvg-2.0 igraph libxml-2.0) -lcsv -lstemmer -largon2 -lsodium -lpthread -lm"
# shellcheck disable=SC2086
if grep -q -e '#pragma omp' -e 'omp_' $lib_src; then
    common="$common -fopenmp"
fi

# Library objects once, instrumented for coverage, in an archive so that each target links
# what it uses; the targets link libFuzzer's main. A source clang cannot compile is left out
# with a warning (a target that needs it then fails to link, and the run fails).
rm -f "$out/libclusterscope-fuzz.a" "$out"/obj/*.o
objs=""
for src in $lib_src "$out/gen/embedded.c"; do
    obj="$out/obj/$(echo "$src" | tr '/' '_' | sed 's/\.c$/.o/')"
    # shellcheck disable=SC2086
    if clang -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined $common "$version_def" -c "$src" -o "$obj"; then
        objs="$objs $obj"
    else
        echo "fuzz.sh: warning: $src does not compile with clang; left out of the fuzz build" >&2
    fi
done
# shellcheck disable=SC2086
ar rcs "$out/libclusterscope-fuzz.a" $objs

status=0
for target in tests/fuzz/fuzz_*.c; do
    [ -f "$target" ] || continue
    name=$(basename "$target" .c)
    if [ -n "${FUZZ_ONLY:-}" ]; then
        case " $FUZZ_ONLY " in *" $name "*) ;; *) continue ;; esac
    fi
    echo "fuzz.sh: building $name"
    # shellcheck disable=SC2086
    if ! clang -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $common "$version_def" -o "$out/$name" "$target" "$out/libclusterscope-fuzz.a" $libs; then
        echo "fuzz.sh: $name does not build" >&2
        status=1
        continue
    fi
    corpus="$out/corpus/$name"
    mkdir -p "$corpus"
    seeds=""
    if [ -d "tests/fuzz/seeds/$name" ]; then seeds="tests/fuzz/seeds/$name"; fi
    echo "fuzz.sh: running $name for ${secs}s"
    # shellcheck disable=SC2086
    if ! "$out/$name" -max_total_time="$secs" -timeout=25 -print_final_stats=1 \
        -artifact_prefix="$out/$name-" "$corpus" $seeds; then
        echo "fuzz.sh: $name FAILED (see $out/$name-crash-* or -timeout-*)" >&2
        status=1
    fi
done
exit $status
