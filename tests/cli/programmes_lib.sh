# Shared by the CLI tests of programmes and registries: a registry made from
# tests/data/programmes/*.csv. The development records are loaded with sqlite3 until the
# development import lands (then: one `import` of the same files, whose columns are the import's).
load_programmes() { # DB
    "$CS" --db "$1" init >/dev/null || fail "init $1"
    d=tests/data/programmes
    "$CS" --db "$1" import "$d/countries.csv" "$d/sources.csv" "$d/clusters.csv" >/dev/null ||
        fail "importing the clusters"
    for kind in programmes:programme programme_rounds:programme_round round_shares:round_share \
        applications:application listings:listing; do
        file="$d/${kind%%:*}.csv"
        table=${kind#*:}
        cols=$(head -n 1 "$file")
        sel=$(printf '%s\n' "$cols" | tr ',' '\n' | sed "s/.*/NULLIF(&, '')/" | paste -sd, -)
        sqlite3 "$1" ".import --csv $file tmp_$table" \
            "INSERT INTO $table ($cols) SELECT $sel FROM tmp_$table" "DROP TABLE tmp_$table" ||
            fail "loading $file"
    done
}
