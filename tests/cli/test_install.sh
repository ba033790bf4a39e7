# make install puts the CLI, library, headers, pkg-config file, man page and methods under a
# prefix; the example program builds against the installed headers only, through pkg-config.
. tests/cli/lib.sh
prefix="$T/prefix"
build=${CS_BUILD_DIR:-build}
make -s install PREFIX="$prefix" BUILD="$build" SANITIZE="${CS_SANITIZE:-0}" >"$T/make.log" 2>&1 ||
    { cat "$T/make.log" >&2; fail "make install"; }
for f in bin/clusterscope lib/libclusterscope.a lib/libclusterscope.so lib/pkgconfig/clusterscope.pc \
    include/clusterscope/clusterscope.h share/man/man1/clusterscope.1 \
    share/clusterscope/methods/hse-biomedical-2019.json; do
    check
    [ -e "$prefix/$f" ] || fail "make install did not install $f"
done
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs --static clusterscope) || fail "pkg-config does not know clusterscope"
san=""
[ "${CS_SANITIZE:-0}" = 1 ] && san="-fsanitize=address,undefined"
# -I only to the prefix: the source tree's headers are not visible here
cc -std=c11 -Wall -Wextra -Werror $san -o "$T/top_clusters" examples/top_clusters.c $flags ||
    fail "the example does not build against the installed library"
"$prefix/bin/clusterscope" --db "$T/reg.db" init >/dev/null
"$prefix/bin/clusterscope" --db "$T/reg.db" import data/*.json >/dev/null
LD_LIBRARY_PATH="$prefix/lib" expect_status 0 "$T/top_clusters" "$T/reg.db" 3
expect_contains "$T/out" "top 3 of 38 clusters in the method's scope by HSE item points (14 out of it)"
expect_contains "$T/out" " 1. HealthCapital Berlin-Brandenburg"
check
[ "$(grep -c '^ *[0-9]\.' "$T/out")" -eq 3 ] || fail "expected 3 ranked lines"
done_checks
