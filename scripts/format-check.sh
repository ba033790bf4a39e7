#!/bin/sh
# Fails when any C file differs from what clang-format makes of it (.clang-format).
set -u
status=0
files=$(ls include/clusterscope/*.h src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c examples/*.c 2>/dev/null)
for f in $files; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
        echo "format-check: $f is not formatted (run 'make format')" >&2
        status=1
    fi
done
[ $status -eq 0 ] && echo "format-check: $(echo "$files" | wc -w) files clean"
exit $status
