# What the program reads whole has a limit it states, and reads no more than the limit and one
# byte to find a file too long (a device that never ends included); what it walks, it walks
# without the stack growing with the input.
. tests/cli/lib.sh
db="$T/reg.db"
"$CS" --db "$db" init >/dev/null || fail "init"

# method files: 16 MiB, even from a device that never ends
expect_status 3 "$CS" methods /dev/zero
expect_contains "$T/err" "/dev/zero: expected a method file of at most 16 MiB, found a larger one"
expect_status 3 "$CS" --db "$db" assess --method /dev/zero
expect_contains "$T/err" "/dev/zero: expected a method file of at most 16 MiB, found a larger one"

# JSON documents for import: 1 GiB (a sparse file: refused by its size, nothing read)
truncate -s 1073741825 "$T/big.json" || fail "truncate"
expect_status 3 "$CS" --db "$db" import "$T/big.json"
expect_contains "$T/err" "big.json: expected a JSON document of at most 1 GiB, found a larger one"
rm -f "$T/big.json"

# column mapping files: 1 MiB
printf 'key,title\ns,S\n' >"$T/sources.csv"
expect_status 3 "$CS" --db "$db" import --columns @/dev/zero "$T/sources.csv"
expect_contains "$T/err" "/dev/zero: expected a column mapping file of at most 1 MiB, found a larger one"

# a chain of 100,000 references, checked with 1 MiB of stack (it took 3 MiB a 30,000 chain)
awk 'BEGIN {
    n = 100000
    printf "{\"format\": \"clusterscope-method\", \"id\": \"chain\", \"version\": 1, \"title_en\": \"Chain\", "
    printf "\"blocks\": [{\"id\": \"b\", \"label_en\": \"B\"}], \"indicators\": ["
    for (i = 0; i < n; i++) {
        printf "%s{\"id\": \"i%d\", \"block\": \"b\", \"label_en\": \"x\", ", i ? "," : "", i
        if (i < n - 1)
            printf "\"rule\": {\"kind\": \"composite\", \"items\": [{\"id\": \"r\", \"ref\": \"i%d\"}]}}", i + 1
        else
            printf "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 1}}"
    }
    printf "]}\n"
}' >"$T/chain.json"
(
    ulimit -s 1024
    "$CS" methods "$T/chain.json" >"$T/out" 2>"$T/err"
    echo $? >"$T/status"
)
check
[ "$(cat "$T/status")" = 0 ] || { cat "$T/err" >&2; fail "a chain of 100,000 references exited $(cat "$T/status")"; }
expect_contains "$T/out" "i99999"

# nesting: refused before the parser, at the bracket that goes too deep
awk 'BEGIN { printf "{\"_c\": "; for (i = 0; i < 5000; i++) printf "["; for (i = 0; i < 5000; i++) printf "]"; print "}" }' >"$T/deep.json"
expect_status 3 "$CS" methods "$T/deep.json"
expect_contains "$T/err" "deep.json:1:71: expected arrays and objects nested at most 64 deep, found deeper nesting"
done_checks
