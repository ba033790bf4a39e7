# Reliability (docs/reliability.md): the rules of output files (-o), opening registries (the
# corpus tests/data/bad/registries/ and a crashed writer's journal), the exit status when
# standard output cannot be written, report --date, and XLSX cells over 32,767 characters.
# Devices are reached only through links in the scratch folder, so that a binary that breaks a
# rule replaces the link, never a file of the system.
. tests/cli/lib.sh
CSA=$(cd "$(dirname "$CS")" && pwd)/$(basename "$CS")
db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/*.json data/reference/reference-groups.json
expect_status 0 "$CS" --db "$db" assess
report() { "$CS" --db "$db" report --format md "$@"; }
printf 'id,x,y\na,1,2\nb,2,3\nc,8,9\nd,9,9\n' >"$T/num.csv"
is_root=0
[ "$(id -u)" -eq 0 ] && is_root=1

# ---------------------------------------------------------------- output files (-o)
# a FIFO is written through: the reader gets the report, the FIFO stays a FIFO
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/from-fifo" &
reader=$!
expect_status 0 timeout 20 "$CS" --db "$db" report --format md -o "$T/fifo"
wait "$reader"
check
[ -p "$T/fifo" ] || fail "-o FIFO replaced the FIFO"
expect_contains "$T/from-fifo" "# Cluster observatory report"

# a link to standard output writes to standard output, and stays a link
ln -s /dev/stdout "$T/stdout-link"
expect_status 0 report -o "$T/stdout-link"
expect_contains "$T/out" "# Cluster observatory report"
check
[ -L "$T/stdout-link" ] || fail "-o LINK replaced the link to /dev/stdout"

# -o - is standard output (no file named '-')
mkdir "$T/cwd"
(cd "$T/cwd" && "$CSA" --db "$db" report --format md -o - >"$T/dash.out") || fail "report -o -"
check
[ -e "$T/cwd/-" ] && fail "-o - made a file named '-'"
expect_contains "$T/dash.out" "# Cluster observatory report"
(cd "$T/cwd" && "$CSA" --db "$db" export -o - >"$T/dash.json") || fail "export -o -"
expect_contains "$T/dash.json" '"format": "clusterscope-registry"'

# a link to /dev/null, and a character device of our own: written through, never replaced
ln -s /dev/null "$T/null-link"
expect_status 0 report -o "$T/null-link"
check
[ -L "$T/null-link" ] && [ -c /dev/null ] || fail "-o LINK-TO-/dev/null replaced something"
if [ "$is_root" -eq 1 ] && mknod "$T/null-dev" c 1 3 2>/dev/null; then
    expect_status 0 report -o "$T/null-dev"
    check
    [ -c "$T/null-dev" ] || fail "-o CHARACTER-DEVICE replaced the device"
else
    echo "skipped: a character device of our own (needs root and mknod)"
fi

# a link to a regular file: the target is replaced, keeping its mode; the link stays
echo old >"$T/target.md"
chmod 0640 "$T/target.md"
ln -s target.md "$T/link.md"
expect_status 0 report -o "$T/link.md"
check
[ -L "$T/link.md" ] || fail "-o LINK replaced the link with a regular file"
expect_contains "$T/target.md" "# Cluster observatory report"
check
[ "$(stat -c %a "$T/target.md")" = 640 ] || fail "the target lost its mode"
# a link to a missing file creates the file it names
ln -s made.md "$T/dangling.md"
expect_status 0 report -o "$T/dangling.md"
check
[ -L "$T/dangling.md" ] && [ -f "$T/made.md" ] || fail "-o DANGLING-LINK did not create the target"

# a read-only file (mode 0444) is not replaced, even by root
echo keep >"$T/ro.md"
chmod 0444 "$T/ro.md"
expect_status 1 report -o "$T/ro.md"
expect_contains "$T/err" "ro.md: the file is read-only (mode 0444); it is not replaced"
check
[ "$(cat "$T/ro.md")" = keep ] || fail "a read-only file was replaced"
for cmd in "assess --no-store" "classify --no-store" "export" "report --format xlsx"; do
    # shellcheck disable=SC2086
    expect_status 1 "$CS" --db "$db" $cmd -o "$T/ro.md"
    expect_contains "$T/err" "ro.md: the file is read-only (mode 0444)"
done
expect_status 1 "$CS" linkage -o "$T/ro.md" "$T/num.csv"
expect_contains "$T/err" "ro.md: the file is read-only (mode 0444)"
check
[ "$(cat "$T/ro.md")" = keep ] || fail "a read-only file was replaced"

# another user's files: not replaced in a shared (sticky) folder, nor when the mode does not let
# us write; replaced keeping owner and mode when it does (needs root to make such files)
if [ "$is_root" -eq 1 ]; then
    mkdir "$T/shared" "$T/plain"
    chmod 1777 "$T/shared"
    echo theirs >"$T/shared/theirs.md"
    echo theirs >"$T/plain/theirs.md"
    echo group >"$T/plain/writable.md"
    chown 65534 "$T/shared/theirs.md" "$T/plain/theirs.md" "$T/plain/writable.md"
    chmod 0666 "$T/shared/theirs.md"
    chmod 0644 "$T/plain/theirs.md"
    chmod 0664 "$T/plain/writable.md"
    expect_status 1 report -o "$T/shared/theirs.md"
    expect_contains "$T/err" "theirs.md: the file belongs to user"
    expect_contains "$T/err" "in a shared folder (one with the sticky bit); it is not replaced"
    expect_status 1 report -o "$T/plain/theirs.md"
    expect_contains "$T/err" "and its mode (0644) lets you read it, not write it; it is not replaced"
    check
    [ "$(cat "$T/shared/theirs.md")" = theirs ] && [ "$(cat "$T/plain/theirs.md")" = theirs ] ||
        fail "another user's file was replaced"
    expect_status 0 report -o "$T/plain/writable.md"
    check
    [ "$(stat -c %u:%a "$T/plain/writable.md")" = 65534:664 ] ||
        fail "a replaced file lost its owner or mode: $(stat -c %u:%a "$T/plain/writable.md")"
else
    echo "skipped: other users' files (needs root to make them)"
fi

# a new file gets the mode open() would give it
(umask 027 && "$CSA" --db "$db" report --format md -o "$T/umask.md") || fail "report -o (umask)"
check
[ "$(stat -c %a "$T/umask.md")" = 640 ] || fail "a new file's mode ignores the umask"

# a name of NAME_MAX (255) bytes still works: the temporary name is shortened
long=$(printf '%0251d' 0 | tr 0 n).md
expect_status 0 report -o "$T/$long"
check
[ -s "$T/$long" ] || fail "a 255-byte output name failed"

# a folder is refused; so is an empty name
expect_status 1 report -o "$T"
expect_contains "$T/err" "a folder, not a file to write"
expect_status 2 "$CS" --db "$db" export --format csv -o ""
echo file >"$T/not-a-folder"
expect_status 1 "$CS" --db "$db" export --format csv -o "$T/not-a-folder"
expect_contains "$T/err" "not-a-folder: not a folder"

# a full device: the write fails with the file and the cause
ln -s /dev/full "$T/full-link"
expect_status 1 report -o "$T/full-link"
expect_contains "$T/err" "full-link: write failed: No space left on device"
expect_status 1 "$CS" --db "$db" report --format xlsx -o "$T/full-link"
expect_contains "$T/err" "full-link: write failed: No space left on device"
check
[ -L "$T/full-link" ] || fail "-o LINK-TO-/dev/full replaced the link"

# a full disk (a 64 KiB tmpfs, where root may mount one): the old file stays, no temporary file
mkdir "$T/small"
if [ "$is_root" -eq 1 ] && mount -t tmpfs -o size=64k tmpfs "$T/small" 2>/dev/null; then
    echo old >"$T/small/r.md"
    report -o "$T/small/r.md" >"$T/out" 2>"$T/err"
    rc=$?
    umount_after=$(cat "$T/small/r.md"; ls -A "$T/small" | wc -l)
    umount "$T/small"
    check
    [ "$rc" -eq 1 ] || fail "a full disk: exit $rc"
    expect_contains "$T/err" "r.md: write failed: No space left on device; the file is unchanged"
    check
    [ "$umount_after" = "old
1" ] || fail "a full disk left: $umount_after"
else
    echo "skipped: a full disk (needs root to mount a small tmpfs)"
fi

# a read-only file system (root may mount one): the cause is named, nothing is left
mkdir "$T/ro-fs"
if [ "$is_root" -eq 1 ] && mount -t tmpfs -o ro,size=64k tmpfs "$T/ro-fs" 2>/dev/null; then
    report -o "$T/ro-fs/r.md" >"$T/out" 2>"$T/err"
    rc=$?
    left=$(ls -A "$T/ro-fs" | wc -l)
    umount "$T/ro-fs"
    check
    [ "$rc" -eq 1 ] && [ "$left" -eq 0 ] || fail "a read-only file system: exit $rc, $left files"
    expect_contains "$T/err" "r.md: cannot create a file in its folder: Read-only file system"
else
    echo "skipped: a read-only file system (needs root to mount one)"
fi

# XLSX through a link to standard output: the workbook's bytes on standard output
expect_status 0 "$CS" --db "$db" report --format xlsx -o "$T/stdout-link"
check
[ "$(head -c 2 "$T/out")" = PK ] || fail "report --format xlsx -o LINK-TO-STDOUT wrote no workbook"

# ---------------------------------------------------------------- standard output that fails
# (run in the scratch folder: a binary that takes '-o -' for a file name makes it there)
for cmd in status facts methods "methods hse-biomedical-2019" help "help report" version \
    "assess --no-store" "assess --explain medicon-valley" "classify --no-store" export \
    "report --format md" "report --format xlsx -o -"; do
    # shellcheck disable=SC2086
    (cd "$T/cwd" && "$CSA" --db "$db" $cmd) >/dev/full 2>"$T/err"
    rc=$?
    check
    [ "$rc" -eq 1 ] || fail "'$cmd >/dev/full' exited $rc"
    expect_contains "$T/err" "standard output: write failed: No space left on device"
    # shellcheck disable=SC2086
    (cd "$T/cwd" && "$CSA" --db "$db" $cmd >&-) 2>"$T/err"
    rc=$?
    check
    [ "$rc" -eq 1 ] || fail "'$cmd' with standard output closed exited $rc"
    expect_contains "$T/err" "standard output: write failed: Bad file descriptor"
done
"$CS" linkage "$T/num.csv" >/dev/full 2>"$T/err"
rc=$?
check
[ "$rc" -eq 1 ] || fail "'linkage >/dev/full' exited $rc"
expect_contains "$T/err" "standard output: write failed: No space left on device"

# ---------------------------------------------------------------- registries
# the corpus: each refused with its message, the file left byte-identical
grep -v '^#' tests/data/bad/registries/EXPECTED | while IFS='|' read -r file command status fragment; do
    cp "tests/data/bad/registries/$file" "$T/$file"
    # shellcheck disable=SC2086
    expect_status "$status" "$CS" --db "$T/$file" $command
    expect_contains "$T/err" "$fragment"
    cmp -s "tests/data/bad/registries/$file" "$T/$file" || fail "'$command' changed $file"
    check
    [ ! -e "$T/$file-journal" ] || fail "'$command' left $file-journal"
done || exit 1

# an empty name is an error, never ./clusterscope.db
(cd "$T/cwd" && "$CSA" init >/dev/null) || fail "init in the scratch folder"
for how in "--db= status" "--db '' status" "status --db ''" "init --db=''" "--db '' init"; do
    eval "(cd \"\$T/cwd\" && \"\$CSA\" $how)" >"$T/out" 2>"$T/err"
    rc=$?
    check
    [ "$rc" -eq 2 ] || fail "'$how' exited $rc"
    expect_contains "$T/err" "--db is empty: it must name the registry file"
done
(cd "$T/cwd" && CLUSTERSCOPE_DB='' "$CSA" status) >"$T/out" 2>"$T/err"
rc=$?
check
[ "$rc" -eq 2 ] || fail "CLUSTERSCOPE_DB='' status exited $rc"
expect_contains "$T/err" "CLUSTERSCOPE_DB is set but empty"
(cd "$T/cwd" && CLUSTERSCOPE_DB='' "$CSA" init) >"$T/out" 2>"$T/err"
expect_contains "$T/err" "CLUSTERSCOPE_DB is set but empty"
check
[ "$(ls "$T/cwd")" = clusterscope.db ] || fail "an empty registry name made a file"

# init may fill an empty file (as mktemp makes one); nothing else creates a registry
: >"$T/made-empty.db"
expect_status 0 "$CS" --db "$T/made-empty.db" init
expect_status 0 "$CS" --db "$T/made-empty.db" status

# a registry opened for writing is in WAL mode: a writer killed in a transaction leaves a WAL
# whose uncommitted frames no reader sees; the next commands read the last committed state
[ "$(sqlite3 "$db" 'PRAGMA journal_mode')" = wal ] || fail "the registry is not in WAL mode"
cp "$db" "$T/walcrash.db"
facts=$(sqlite3 "$T/walcrash.db" 'SELECT count(*) FROM fact')
(
    sqlite3 "$T/walcrash.db" 'PRAGMA cache_size = 2;' 'BEGIN;' 'DELETE FROM fact;' \
        '.shell kill -9 $PPID'
    true
) >/dev/null 2>&1
check
[ -e "$T/walcrash.db-wal" ] || fail "the killed writer left no WAL"
expect_status 0 "$CS" --db "$T/walcrash.db" status
expect_contains "$T/out" "facts             $facts"
expect_status 0 "$CS" --db "$T/walcrash.db" assess
expect_status 0 "$CS" --db "$T/walcrash.db" status
expect_contains "$T/out" "facts             $facts"

# a registry in rollback-journal mode (made before WAL, or switched back by hand): a writer
# killed in a transaction leaves a hot journal: read-only commands roll it back and go on
cp "$db" "$T/hot.db"
[ "$(sqlite3 "$T/hot.db" 'PRAGMA journal_mode = DELETE')" = delete ] || fail "journal mode DELETE"
facts=$(sqlite3 "$T/hot.db" 'SELECT count(*) FROM fact')
# (the subshell's own stderr is silenced too: sh reports the killed child there)
(
    sqlite3 "$T/hot.db" 'PRAGMA cache_size = 2;' 'BEGIN;' 'DELETE FROM fact;' \
        '.shell kill -9 $PPID'
    true
) >/dev/null 2>&1
check
[ -s "$T/hot.db-journal" ] || fail "no hot journal was made"
cp "$T/hot.db" "$T/hot-ro.db"
cp "$T/hot.db-journal" "$T/hot-ro.db-journal"
expect_status 0 "$CS" --db "$T/hot.db" status
expect_contains "$T/out" "facts             $facts"
check
[ ! -e "$T/hot.db-journal" ] || fail "the hot journal is still there"
expect_status 0 "$CS" --db "$T/hot.db" assess --no-store
expect_status 0 "$CS" --db "$T/hot.db" report --format md -o "$T/hot.md"
# a registry the user may not write (mode 0444): said exactly, left alone
chmod 0444 "$T/hot-ro.db"
for cmd in status "assess --no-store" "report --format md"; do
    # shellcheck disable=SC2086
    expect_status 1 "$CS" --db "$T/hot-ro.db" $cmd
    expect_contains "$T/err" "a write to the registry was interrupted (a crash left"
    expect_contains "$T/err" "the data are intact"
    expect_contains "$T/err" "as a user who can write it"
done
check
[ -s "$T/hot-ro.db-journal" ] || fail "the journal of a read-only registry was touched"

# ---------------------------------------------------------------- report --date
for bad in 0000-00-00:1 2023-02-29:9 1900-02-29:9 2024-04-31:9 2024-13-01:6 2024-00-10:6 \
    2024-1-01:7 2024-01-011:11 2024/01/01:5 x:1 2024-01-00:9; do
    value=${bad%:*}
    expect_status 2 "$CS" --db "$db" report --date "$value"
    expect_contains "$T/err" "--date '$value': character ${bad##*:}: expected"
done
expect_status 2 "$CS" --db "$db" report --date ""
expect_contains "$T/err" "expected a date YYYY-MM-DD"
for good in 2024-02-29 2000-02-29 2023-12-31; do
    expect_status 0 "$CS" --db "$db" report --format md --date "$good"
    expect_contains "$T/out" "| Date | $good |"
done

# ---------------------------------------------------------------- XLSX cells over 32,767 characters
# (the long name is in two sheets, the clusters and the factors of the biomedical clusters: both
# cells are cut the same way, and the workbook keeps one shared string for them)
python3 -c "
print('key,name_en,country,kind')
print('long-name,' + 'Я' * 20000 + 'b' * 20000 + ',DE,biomedical')" >"$T/clusters.csv"
expect_status 0 "$CS" --db "$db" import "$T/clusters.csv"
expect_status 0 "$CS" --db "$db" report --format xlsx -o "$T/long.xlsx"
expect_contains "$T/err" "long.xlsx: 2 cells longer than a spreadsheet cell holds (32,767 characters) cut"
python3 - "$T/long.xlsx" <<'PY' || fail "the long name is not cut with its mark"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r"<t[^>]*>(.*?)</t>", z.read("xl/sharedStrings.xml").decode(), re.S)
long = [s for s in strings if s.startswith("ЯЯЯ")]
assert len(long) == 1, len(long)
s = long[0]
assert len(s) <= 32767, len(s)
assert re.search(r"b… \[cut: (\d+) characters\]$", s), s[-60:]
kept = len(s) - len(s[s.index("…"):])
assert int(re.search(r"cut: (\d+)", s).group(1)) == 40000 - kept
assert "2 cells over 32767 characters cut" in z.read("docProps/core.xml").decode()
PY
check
expect_status 0 "$CS" --db "$db" report --lang ru --format xlsx -o "$T/long-ru.xlsx"
python3 - "$T/long-ru.xlsx" <<'PY' || fail "the Russian workbook has no Russian mark"
import sys, zipfile
assert "… [обрезано символов: " in zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
PY
check

# ---------------------------------------------------------------- the registry is no output
# report and export refuse to write over the registry's own file, also through a symbolic or a
# hard link, and the registry is whole afterwards
cp "$db" "$T/own.db"
ln -s "$T/own.db" "$T/own-link.db"
ln "$T/own.db" "$T/own-hard.db"
sum=$(cksum <"$T/own.db")
for out in "$T/own.db" "$T/own-link.db" "$T/own-hard.db"; do
    expect_status 2 "$CS" --db "$T/own.db" report --format md -o "$out"
    expect_contains "$T/err" "is the registry's own file ($T/own.db): writing there would replace the registry"
    expect_status 2 "$CS" --db "$T/own.db" export -o "$out"
    expect_contains "$T/err" "is the registry's own file"
done
expect_status 2 "$CS" --db "$T/own.db" report --format xlsx -o "$T/own.db"
[ "$(cksum <"$T/own.db")" = "$sum" ] || fail "the registry changed"
check
expect_status 0 "$CS" --db "$T/own.db" status
expect_status 0 "$CS" --db "$T/own.db" report --format md -o "$T/own.md"
done_checks
