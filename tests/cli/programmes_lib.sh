# Shared by the CLI tests of programmes and registries: a registry made from
# tests/data/programmes/*.csv, imported as the user would.
load_programmes() { # DB
    "$CS" --db "$1" init >/dev/null || fail "init $1"
    d=tests/data/programmes
    "$CS" --db "$1" import "$d/countries.csv" "$d/sources.csv" "$d/clusters.csv" \
        "$d/programmes.csv" "$d/programme_rounds.csv" "$d/round_shares.csv" \
        "$d/applications.csv" "$d/listings.csv" >/dev/null || fail "importing the programmes"
}
