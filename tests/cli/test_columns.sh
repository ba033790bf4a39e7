# Import as people have it: a file with its own column names, bare CR line ends and rows
# repeated (the shape of the US Cluster Mapping Project's list of organisations) imports in one
# command with a column mapping and fixed values, and says what it skipped; the memberships
# follow in a second step. On the real list too, when ../shared/data/cmp/ holds it.
. tests/cli/lib.sh
C=tests/data/columns
db="$T/reg.db"
"$CS" --db "$db" init >/dev/null || fail "init"

# refused without a mapping, with the way forward
expect_status 3 "$CS" --db "$db" import --kind organisations "$C/cmp-organisations.csv"
expect_contains "$T/err" "cmp-organisations.csv:1:1: expected a column of organisations"
expect_contains "$T/err" "map the file's columns with --columns FROM=TO,... and give missing ones with --set COLUMN=VALUE"

# one command: the source and the country from a JSON document, the organisations mapped
expect_status 0 "$CS" --db "$db" import --kind organisations \
    --columns org_id=key,org_title=name,cluster_name=- \
    --set type=other --set country=US --set source=cmp-orgs "$C/cmp-source.json" "$C/cmp-organisations.csv"
expect_contains "$T/out" "cmp-organisations.csv: 6 rows repeated exactly, skipped: first at line 2 repeated at lines 3, 7, 9"
expect_contains "$T/out" "organisations            4 new        0 updated        0 unchanged        6 repeated rows skipped"
expect_contains "$T/out" "imported: 6 new, 0 updated, 0 unchanged (already stored); 6 repeated rows skipped"
check
[ "$(sqlite3 "$db" "SELECT key || '|' || name || '|' || type || '|' || country || '|' || source FROM organisation WHERE key = '630'")" = "630|Mele Associates, Inc|other|US|cmp-orgs" ] ||
    fail "organisation 630 was not stored as mapped"

# the same mapping from a file: nothing changes
expect_status 0 "$CS" --db "$db" import --dry-run --kind organisations --columns "@$C/cmp-organisations.columns" \
    --set type=other --set country=US --set source=cmp-orgs "$C/cmp-organisations.csv"
expect_contains "$T/out" "dry run, nothing stored: 0 new, 0 updated, 4 unchanged (already stored); 6 repeated rows skipped"

# the second step: clusters and memberships from the cluster titles
python3 scripts/data/cmp-memberships.py "$C/cmp-organisations.csv" "$T/step2" >/dev/null || fail "cmp-memberships.py"
expect_status 0 "$CS" --db "$db" import "$T/step2/clusters.csv" "$T/step2/memberships.csv"
expect_contains "$T/out" "imported: 9 new, 0 updated, 0 unchanged (already stored)"

# a file without repeated rows says nothing of them, as before
expect_status 0 "$CS" --db "$db" import "$T/step2/clusters.csv"
check
grep -q "repeated" "$T/out" && fail "repeats told for a file without any"

# help and man page name the options
expect_status 0 "$CS" help import
expect_contains "$T/out" "--columns FROM=TO,..."
expect_contains "$T/out" "--set COLUMN=VALUE"
expect_contains man/clusterscope.1 "columns"

# the real list, when it is there (never copied into the repository)
cmp_dir=${CS_CMP_DIR:-../shared/data/cmp}
real="$cmp_dir/CurrentOrganizationsAndClusters.csv"
if [ -f "$real" ]; then
    "$CS" --db "$T/cmp.db" init >/dev/null
    expect_status 0 "$CS" --db "$T/cmp.db" import --kind organisations \
        --columns org_id=key,org_title=name,cluster_name=- \
        --set type=other --set country=US --set source=cmp-orgs "$C/cmp-source.json" "$real"
    expect_contains "$T/out" "CurrentOrganizationsAndClusters.csv: 2092 rows repeated exactly, skipped: first at line 2"
    expect_contains "$T/out" "organisations          145 new"
    python3 scripts/data/cmp-memberships.py "$real" "$T/cmp" >/dev/null || fail "cmp-memberships.py on the real list"
    expect_status 0 "$CS" --db "$T/cmp.db" import "$T/cmp/clusters.csv" "$T/cmp/memberships.csv"
    expect_contains "$T/out" "memberships            237 new"
else
    echo "skipped: the real CMP list ($real) is absent"
fi
done_checks
