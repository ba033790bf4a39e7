# The structure checker (scripts/check-deps.sh): it passes on this tree, and it fails, naming
# file and line, on a small tree that breaks each of its rules; and the command overview of
# `clusterscope help` lines its summaries up past the longest command name.
. tests/cli/lib.sh

expect_status 0 scripts/check-deps.sh
expect_contains "$T/out" "follow docs/architecture.md"

# a tree that keeps the rules
mk() { mkdir -p "$T/tree/$(dirname "$1")" && printf '%s\n' "$2" >"$T/tree/$1"; }
mk docs/architecture.md '# A
## Who may include whom
```
error :
util  : error
store : util error
cli   : error
```'
mk include/clusterscope/store.h '#include "clusterscope/error.h"'
mk include/clusterscope/error.h '/* error */'
mk src/store/store.c '#include <sqlite3.h>
#include "util/buf.h"
#include "store_internal.h"'
mk src/util/buf.c '#include "clusterscope/error.h"'
mk src/cli/main.c '#include "clusterscope/error.h"
#include <stdio.h>'
expect_status 0 scripts/check-deps.sh "$T/tree"

# each rule broken once
mk src/cli/main.c '#include "clusterscope/error.h"
#include "clusterscope/store.h"'
expect_status 1 scripts/check-deps.sh "$T/tree"
expect_contains "$T/out" 'src/cli/main.c:2: cli may not include "clusterscope/store.h"'
mk src/cli/main.c '    rc = cs_store_open(&store, path, CS_STORE_READONLY);'
expect_status 1 scripts/check-deps.sh "$T/tree"
expect_contains "$T/out" 'src/cli/main.c:1: a front end calls the store'
mk src/cli/main.c '    rc = cs_service_open(&svc, path, CS_SERVICE_READ); /* cs_store_open is the service'"'"'s */'
expect_status 0 scripts/check-deps.sh "$T/tree"
mk src/util/buf.c 'sqlite3_exec(db, "x", 0, 0, 0);'
expect_status 1 scripts/check-deps.sh "$T/tree"
expect_contains "$T/out" 'src/util/buf.c:1: mentions sqlite3 outside src/store/'
mk src/util/buf.c '/* util */'
mk include/clusterscope/chart.h '/* no folder */'
expect_status 1 scripts/check-deps.sh "$T/tree"
expect_contains "$T/out" 'include/clusterscope/chart.h:1: public header with no folder src/chart'
rm "$T/tree/include/clusterscope/chart.h"
mk src/render/a.c '/* a folder the graph does not know */'
expect_status 1 scripts/check-deps.sh "$T/tree"
expect_contains "$T/out" 'folder src/render is not in the graph'
rm -r "$T/tree/src/render"
awk 'BEGIN { for (i = 0; i < 1201; i++) print "int x" i ";" }' >"$T/tree/src/util/big.c"
expect_status 1 scripts/check-deps.sh "$T/tree"
expect_contains "$T/out" 'src/util/big.c:1201: 1201 lines'
rm "$T/tree/src/util/big.c"
mk include/clusterscope/store.h '#include "store/store_internal.h"'
expect_status 1 scripts/check-deps.sh "$T/tree"
expect_contains "$T/out" 'includes internal "store/store_internal.h"'
mk include/clusterscope/store.h '/* store */'
expect_status 0 scripts/check-deps.sh "$T/tree"
done_checks

# the command overview: every summary starts in one column, past the longest command's name
expect_status 0 "$CS" help
python3 - "$T/out" <<'PY' || fail "the help overview's summaries do not line up"
import sys
rows = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("  ") and not l.startswith("   ")]
assert len(rows) > 20, rows
starts = set()
for l in rows:
    name = l[2:].split(" ", 1)[0]
    rest = l[2 + len(name):]
    assert rest.startswith("  "), l  # at least two spaces after every name
    starts.add(len(l) - len(rest.lstrip(" ")))
assert len(starts) == 1, starts
PY
