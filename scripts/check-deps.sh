#!/bin/sh
# The house rules that a compiler does not check, read from the source tree:
#  - a folder under src/ includes only the folders docs/architecture.md allows it (the graph in
#    its "Who may include whom" block), its own, and system headers;
#  - only src/store/ speaks SQL: no other file under src/, include/ or examples/ mentions sqlite3;
#  - every public header include/clusterscope/NAME.h belongs to a folder src/NAME/ (the umbrella
#    clusterscope.h aside);
#  - the front ends (src/cli/, src/report/, src/web/) reach the registry only through the service: they
#    call no store, import or export function (cs_store_*, cs_import_files, cs_export, ...);
#  - no C source or header is over 1,200 lines.
# Usage: scripts/check-deps.sh [ROOT]   (default: the repository this script is in)
# Prints each violation as FILE:LINE: what, and exits 1 when there is any.
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
doc=docs/architecture.md
[ -f "$doc" ] || { echo "check-deps: $doc is missing" >&2; exit 2; }

# The graph: lines "folder : dep dep ..." inside the first ``` block after the heading.
graph=$(awk '/^## Who may include whom/ { h = 1 } h && /^```/ { if (b) exit; b = 1; next } b' "$doc")
[ -n "$graph" ] || { echo "check-deps: no include graph found in $doc" >&2; exit 2; }

files=$(find src include examples -name '*.[ch]' 2>/dev/null | sort)
status=0
out=$(printf '%s\n' "$graph" | awk -v files="$files" '
    # graph lines: "folder : a b c"
    NF >= 2 && $2 == ":" {
        known[$1] = 1
        for (i = 3; i <= NF; i++) allow[$1, $i] = 1
        next
    }
    END {
        n = split(files, list, "\n")
        for (f = 1; f <= n; f++) {
            path = list[f]
            if (path == "") continue
            split(path, part, "/")
            top = part[1]
            if (top == "src") {
                mod = part[2]
                if (mod != "util" && mod != "cli" && !(mod in known)) {
                    printf "%s:1: folder src/%s is not in the graph of docs/architecture.md\n", path, mod
                    bad = 1
                }
            } else if (top == "include") {
                name = part[3]; sub(/\.h$/, "", name)
                mod = (name == "clusterscope") ? "" : name
                if (mod != "" && !(mod in known)) {
                    printf "%s:1: public header with no folder src/%s in the graph\n", path, mod
                    bad = 1
                }
            } else {
                mod = "" # examples: public headers only, checked below for SQL
            }
            lines = 0
            while ((getline line < path) > 0) {
                lines++
                if (path !~ /^src\/store\// && tolower(line) ~ /sqlite3/) {
                    printf "%s:%d: mentions sqlite3 outside src/store/\n", path, lines
                    bad = 1
                }
                if ((mod == "cli" || mod == "report" || mod == "web") &&
                    line ~ /(^|[^a-z_])cs_(store_[a-z_]*|import_files|import_json_buffer|export)[ \t]*\(/) {
                    printf "%s:%d: a front end calls the store, import or export directly; go through the service\n", path, lines
                    bad = 1
                }
                if (line !~ /^[ \t]*#[ \t]*include[ \t]*"/) continue
                inc = line
                sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
                if (inc ~ /^clusterscope\//) {
                    dep = inc; sub(/^clusterscope\//, "", dep); sub(/\.h$/, "", dep)
                    if (dep == "clusterscope") {
                        if (top != "examples") {
                            printf "%s:%d: includes the umbrella header; name the modules used\n", path, lines
                            bad = 1
                        }
                        continue
                    }
                } else if (inc ~ /\//) {
                    dep = inc; sub(/\/.*$/, "", dep)
                    if (top != "src") {
                        printf "%s:%d: a public header or example includes internal \"%s\"\n", path, lines, inc
                        bad = 1
                        continue
                    }
                } else {
                    dep = mod # a header beside the file
                }
                if (mod == "" || dep == mod) continue
                if (!((mod, dep) in allow)) {
                    printf "%s:%d: %s may not include \"%s\" (module %s): see docs/architecture.md\n", path, lines, mod, inc, dep
                    bad = 1
                }
            }
            close(path)
            if (lines > 1200) {
                printf "%s:%d: %d lines; split it (the limit is 1,200)\n", path, lines, lines
                bad = 1
            }
        }
        exit bad
    }') || status=1
[ -n "$out" ] && printf '%s\n' "$out"
if [ $status -eq 0 ]; then
    echo "check-deps: $(printf '%s\n' "$files" | wc -l) files follow docs/architecture.md"
fi
exit $status
