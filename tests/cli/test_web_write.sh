# The writes of the web observatory's API (issue 12; src/web/api_write.c, src/service/
# service_edit.c): `clusterscope serve` on 127.0.0.1:0 over the bundled registry, accounts
# made with `clusterscope user add`, every write driven with curl: 401 without or with a wrong
# token, 403 for a viewer (and an editor's revert), 400 with a stable code for bad bodies and
# values, 404, 409, 413, 429; a PATCH then GET shows the new value and the history its author
# and source; a revert restores; a registration is invisible until approved, then on its page and
# in search. The registry's contents are unchanged by every refused write.
. tests/cli/lib.sh
command -v curl >/dev/null 2>&1 || {
    echo "skipped: curl is not installed"
    exit 0
}
command -v sqlite3 >/dev/null 2>&1 || {
    echo "skipped: sqlite3 is not installed"
    exit 0
}
db="$T/r.db"
expect_status 0 "$CS" --db "$db" init
expect_status 0 "$CS" --db "$db" import data/countries.json data/sources.json \
    data/hse-biomedical-clusters.json
for who in vic:viewer eve:editor ada:admin; do
    expect_status 0 "$CS" --db "$db" user add "${who%%:*}" --role "${who#*:}"
    eval "tok_${who%%:*}=\$(grep '^cst_' \"\$T/out\")"
done
# shellcheck disable=SC2154
[ ${#tok_eve} -eq 47 ] || fail "no editor token"

"$CS" serve --db "$db" --listen 127.0.0.1:0 --timeout 5 --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
port=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/serve.log" 2>/dev/null)
    [ -n "$port" ] && break
    sleep 0.25
done
[ -n "$port" ] || fail "serve printed no address: $(cat "$T/serve.log")"
U="http://127.0.0.1:$port"

# req OUT METHOD TARGET [curl options]: the status into $status, headers and body into OUT.h/.b
req() {
    out=$1
    m=$2
    target=$3
    shift 3
    status=$(curl -s --path-as-is -X "$m" -D "$out.h" -o "$out.b" -w '%{http_code}' \
        --max-time 20 "$@" "$U$target") || status=000
}
# the registry's contents as text (the WAL aside): what a refused write must leave alone
contents() {
    sqlite3 "$db" .dump | sha256sum
}
# refused STATUS CODE METHOD TARGET [curl options]: answered STATUS with error CODE, nothing
# written
refused() {
    want=$1
    code=$2
    shift 2
    before=$(contents)
    req "$T/r" "$@"
    check
    [ "$status" = "$want" ] || fail "$1 $2 answered $status, not $want: $(head -c 400 "$T/r.b")"
    expect_contains "$T/r.b" "\"code\": \"$code\""
    [ "$(contents)" = "$before" ] || fail "$1 $2 ($code) changed the registry"
}
J='Content-Type: application/json'
A_vic="Authorization: Bearer $tok_vic"
A_eve="Authorization: Bearer $tok_eve"
A_ada="Authorization: Bearer $tok_ada"
K=/api/v1/clusters/medicon-valley

# ---------------------------------------------------------------- who may write
refused 401 unauthorized PATCH "$K" -H "$J" --data '{"city": "Lund", "source": "hse-2019"}'
grep -qi '^www-authenticate: Bearer' "$T/r.h" || fail "401 without WWW-Authenticate"
refused 401 unauthorized PATCH "$K" -H "$J" -H "Authorization: Bearer cst_${tok_eve#cst_?}x" \
    --data '{"city": "Lund", "source": "hse-2019"}'
grep -qi 'error="invalid_token"' "$T/r.h" || fail "a wrong token's 401 does not say invalid_token"
refused 401 unauthorized PATCH "$K" -H "$J" -H "Authorization: Basic ZXZlOnNlY3JldA==" \
    --data '{"city": "Lund", "source": "hse-2019"}'
refused 401 unauthorized POST /api/v1/facts -H "$J" -H "Authorization: Bearer ' OR 1=1 --" \
    --data '{}'
refused 403 forbidden PATCH "$K" -H "$J" -H "$A_vic" --data '{"city": "Lund", "source": "hse-2019"}'
refused 403 forbidden POST /api/v1/facts -H "$J" -H "$A_vic" --data '{"subject_kind": "cluster",
    "subject": "medicon-valley", "fact": "organisation_count", "year": 2024, "value": "400",
    "status": "stated", "source": "hse-2019"}'
refused 403 forbidden GET /api/v1/registrations -H "$A_vic"
# a session cookie is no credential for the API
refused 401 unauthorized PATCH "$K" -H "$J" -H "Cookie: cs_session=abc" \
    --data '{"city": "Lund", "source": "hse-2019"}'

# ---------------------------------------------------------------- bad bodies and values
refused 400 bad_json PATCH "$K" -H "$J" -H "$A_eve" --data '{"city": "Lund", '
refused 400 bad_json PATCH "$K" -H "$J" -H "$A_eve" --data '["city"]'
refused 400 bad_json PATCH "$K" -H "$A_eve" -H 'Content-Type: text/plain' \
    --data '{"city": "Lund", "source": "hse-2019"}'
refused 400 bad_json PATCH "$K" -H "$J" -H "$A_eve" \
    --data '{"city": "Lund", "city": "Malmo", "source": "hse-2019"}'
printf '{"city": "L\377und", "source": "hse-2019"}' >"$T/bad-utf8.json"
refused 400 bad_json PATCH "$K" -H "$J" -H "$A_eve" --data-binary "@$T/bad-utf8.json"
refused 400 bad_json PATCH "$K" -H "$J" -H "$A_eve" --data '{"city": "L\u0000und", "source": "hse-2019"}'
refused 400 unknown_field PATCH "$K" -H "$J" -H "$A_eve" --data '{"colour": "red", "source": "hse-2019"}'
refused 400 unknown_field PATCH "$K" -H "$J" -H "$A_eve" --data '{"key": "x", "source": "hse-2019"}'
refused 400 unknown_source PATCH "$K" -H "$J" -H "$A_eve" --data '{"city": "Lund", "source": "nope"}'
refused 400 unknown_source PATCH "$K" -H "$J" -H "$A_eve" --data '{"city": "Lund"}'
refused 400 invalid_value PATCH "$K" -H "$J" -H "$A_eve" --data '{"founded": "soon", "source": "hse-2019"}'
expect_contains "$T/r.b" "founded"
refused 400 invalid_value PATCH "$K" -H "$J" -H "$A_eve" --data '{"lat": 123.5, "source": "hse-2019"}'
refused 400 invalid_value PATCH "$K" -H "$J" -H "$A_eve" --data '{"country": "XX", "source": "hse-2019"}'
refused 400 invalid_value PATCH "$K" -H "$J" -H "$A_eve" --data '{"name_en": null, "source": "hse-2019"}'
refused 400 invalid_value PATCH "$K" -H "$J" -H "$A_eve" --data '{"city": true, "source": "hse-2019"}'
refused 400 invalid_value PATCH "$K" -H "$J" -H "$A_eve" --data '{"stage": "<script>alert(7)</script>", "source": "hse-2019"}'
if grep -qF '<script>' "$T/r.b"; then fail "an error reflects markup unescaped"; fi
refused 400 invalid_value PATCH "$K" -H "$J" -H "$A_eve" --data "{\"note\": \"$(head -c 5000 /dev/zero | tr '\0' a)\", \"source\": \"hse-2019\"}"
refused 400 unknown_field PATCH "$K" -H "$J" -H "$A_eve" --data '{"source": "hse-2019"}'
refused 400 invalid_value POST /api/v1/facts -H "$J" -H "$A_eve" --data '{"subject_kind": "cluster",
    "subject": "medicon-valley", "fact": "organisation_count", "year": 2024, "value": "many",
    "status": "stated", "source": "hse-2019"}'
refused 400 invalid_value POST /api/v1/facts -H "$J" -H "$A_eve" --data '{"subject_kind": "cluster",
    "subject": "medicon-valley", "fact": "no_such_fact", "value": "1", "status": "stated",
    "source": "hse-2019"}'
refused 400 invalid_value POST /api/v1/facts -H "$J" -H "$A_eve" --data '{"subject_kind": "cluster",
    "subject": "medicon-valley", "fact": "organisation_count", "year": "2024", "value": "1",
    "status": "stated", "source": "hse-2019"}'
refused 400 unknown_field POST /api/v1/facts -H "$J" -H "$A_eve" --data '{"subject_kind": "cluster",
    "subject": "medicon-valley", "fact": "organisation_count", "value": "1", "status": "stated",
    "source": "hse-2019", "author": "someone else"}'
refused 400 invalid_value POST /api/v1/facts -H "$J" -H "$A_eve" --data '{"subject_kind": "cluster",
    "subject": "nowhere", "fact": "organisation_count", "value": "1", "status": "stated",
    "source": "hse-2019"}'
head -c 70000 /dev/zero | tr '\0' ' ' >"$T/big.json"
refused 413 too_large PATCH "$K" -H "$J" -H "$A_eve" --data-binary "@$T/big.json"
refused 404 not_found PATCH /api/v1/clusters/nowhere -H "$J" -H "$A_eve" \
    --data '{"city": "Lund", "source": "hse-2019"}'
refused 404 not_found POST /api/v1/revisions/999999/revert -H "$A_ada"
refused 404 not_found POST /api/v1/revisions/abc/revert -H "$A_ada"
refused 404 not_found POST /api/v1/registrations/424242/approve -H "$A_eve"

# ---------------------------------------------------------------- a profile edit, seen at once
req "$T/g0" GET "$K"
[ "$status" = 200 ] || fail "GET $K answered $status"
old_city=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["profile"]["city"])' "$T/g0.b")
req "$T/p" PATCH "$K" -H "$J" -H "$A_eve" \
    --data '{"city": "Lund & Copenhagen", "founded": 1997, "source": "hse-2019", "locator": "line 3888", "quote": "Medicon Valley"}'
[ "$status" = 200 ] || fail "PATCH answered $status: $(cat "$T/p.b")"
expect_contains "$T/p.b" '"changed": '
expect_contains "$T/p.b" '"city": "Lund & Copenhagen"'
req "$T/g1" GET "$K"
expect_contains "$T/g1.b" '"city": "Lund & Copenhagen"'
expect_contains "$T/g1.b" '"founded": 1997'
req "$T/page" GET /en/clusters/medicon-valley
expect_contains "$T/page.b" 'Lund &amp; Copenhagen'
req "$T/h" GET "$K/history"
python3 - "$T/h.b" "$old_city" >"$T/rev" <<'PY' || fail "the history does not show the edit: $(head -c 600 "$T/h.b")"
import json, sys
h = json.load(open(sys.argv[1]))["revisions"]
r = [x for x in h if x["field"] == "city" and x["action"] == "edit"][0]
assert r["author"] == "eve" and r["source"] == "hse-2019" and r["locator"] == "line 3888", r
assert r["new"] == "Lund & Copenhagen" and r["old"] == (sys.argv[2] or None), r
print(r["id"])
PY
city_rev=$(cat "$T/rev")

# ---------------------------------------------------------------- a fact, then reverts
req "$T/f" POST /api/v1/facts -H "$J" -H "$A_eve" --data '{"subject_kind": "cluster",
    "subject": "medicon-valley", "fact": "organisation_count", "year": 2024, "value": 400,
    "status": "estimated", "source": "hse-2019", "locator": "p. 1"}'
[ "$status" = 201 ] || fail "POST /facts answered $status: $(cat "$T/f.b")"
fact_rev=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["revision"])' "$T/f.b")
req "$T/g2" GET "$K"
expect_contains "$T/g2.b" '"value": "400"'
req "$T/f2" POST /api/v1/facts -H "$J" -H "$A_eve" --data '{"subject_kind": "cluster",
    "subject": "medicon-valley", "fact": "organisation_count", "year": 2024, "value": 400,
    "status": "estimated", "source": "hse-2019", "locator": "p. 1"}'
[ "$status" = 200 ] || fail "the same fact again answered $status"
expect_contains "$T/f2.b" '"revision": null'
refused 403 forbidden POST "/api/v1/revisions/$city_rev/revert" -H "$A_eve"
req "$T/rv" POST "/api/v1/revisions/$city_rev/revert" -H "$A_ada"
[ "$status" = 200 ] || fail "revert answered $status: $(cat "$T/rv.b")"
req "$T/g3" GET "$K"
if grep -qF 'Lund & Copenhagen' "$T/g3.b"; then fail "the revert did not restore the city"; fi
refused 409 conflict POST "/api/v1/revisions/$city_rev/revert" -H "$A_ada"
req "$T/rv2" POST "/api/v1/revisions/$fact_rev/revert" -H "$A_ada"
[ "$status" = 200 ] || fail "revert of the fact answered $status: $(cat "$T/rv2.b")"
req "$T/g4" GET "$K"
if grep -qF '"value": "400"' "$T/g4.b"; then fail "the revert did not remove the fact"; fi
req "$T/h2" GET "$K/history"
expect_contains "$T/h2.b" '"action": "revert"'
expect_contains "$T/h2.b" "\"reverts\": $city_rev"

# ---------------------------------------------------------------- self-registration
reg='{"key": "uppsala-bio", "name_en": "Uppsala BIO", "country": "SE", "city": "Uppsala",
      "founded": 2003, "source": "https://example.org/uppsala", "contact": "Eva <eva@example.org>"}'
refused 400 invalid_value POST /api/v1/registrations -H "$J" \
    --data '{"key": "x-bio", "name_en": "X", "country": "SE", "founded": "later", "contact": "a@b"}'
refused 400 unknown_field POST /api/v1/registrations -H "$J" \
    --data '{"key": "x-bio", "name_en": "X", "country": "SE", "colour": "red", "contact": "a@b"}'
refused 400 invalid_value POST /api/v1/registrations -H "$J" \
    --data '{"key": "medicon-valley", "name_en": "X", "country": "SE", "contact": "a@b"}'
refused 400 invalid_value POST /api/v1/registrations -H "$J" \
    --data '{"key": "x-bio", "name_en": "X", "country": "SE"}'
req "$T/rg" POST /api/v1/registrations -H "$J" --data "$reg"
[ "$status" = 202 ] || fail "registration answered $status: $(cat "$T/rg.b")"
reg_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["registration"]["id"])' "$T/rg.b")
# invisible before approval: API, page, search, list
req "$T/x" GET /api/v1/clusters/uppsala-bio
[ "$status" = 404 ] || fail "a pending registration is served at /api/v1/clusters ($status)"
req "$T/x" GET /en/clusters/uppsala-bio
[ "$status" = 404 ] || fail "a pending registration has a page ($status)"
req "$T/x" GET "/api/v1/search?q=Uppsala"
if grep -qF 'uppsala-bio' "$T/x.b"; then fail "search finds a pending registration"; fi
req "$T/x" GET "/api/v1/clusters?limit=1000"
if grep -qF 'uppsala-bio' "$T/x.b"; then fail "the list shows a pending registration"; fi
req "$T/q" GET "/api/v1/registrations?status=pending" -H "$A_eve"
[ "$status" = 200 ] || fail "the queue answered $status"
expect_contains "$T/q.b" '"key": "uppsala-bio"'
expect_contains "$T/q.b" '"contact": "Eva <eva@example.org>"'
refused 400 bad_parameter GET "/api/v1/registrations?colour=red" -H "$A_eve"
refused 400 invalid_value GET "/api/v1/registrations?status=maybe" -H "$A_eve"
refused 400 invalid_value POST "/api/v1/registrations/$reg_id/reject" -H "$J" -H "$A_eve" --data '{}'
refused 403 forbidden POST "/api/v1/registrations/$reg_id/approve" -H "$A_vic"
req "$T/ap" POST "/api/v1/registrations/$reg_id/approve" -H "$A_eve"
[ "$status" = 200 ] || fail "approve answered $status: $(cat "$T/ap.b")"
expect_contains "$T/ap.b" '"status": "approved"'
refused 409 conflict POST "/api/v1/registrations/$reg_id/approve" -H "$A_ada"
req "$T/x" GET /en/clusters/uppsala-bio
[ "$status" = 200 ] || fail "the approved cluster has no page ($status)"
expect_contains "$T/x.b" 'Uppsala BIO'
req "$T/x" GET "/api/v1/search?q=Uppsala"
expect_contains "$T/x.b" 'uppsala-bio'
req "$T/x" GET /api/v1/clusters/uppsala-bio/history
expect_contains "$T/x.b" '"author": "eve"'
expect_contains "$T/x.b" "\"source\": \"registration:$reg_id\""

# a rejected one stays out; the limit per address
req "$T/rg2" POST /api/v1/registrations -H "$J" \
    --data '{"key": "spam-bio", "name_en": "Spam", "country": "SE", "contact": "s@example.org"}'
id2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["registration"]["id"])' "$T/rg2.b")
req "$T/rj" POST "/api/v1/registrations/$id2/reject" -H "$J" -H "$A_eve" --data '{"reason": "not a cluster"}'
[ "$status" = 200 ] || fail "reject answered $status: $(cat "$T/rj.b")"
expect_contains "$T/rj.b" '"reason": "not a cluster"'
req "$T/x" GET /api/v1/clusters/spam-bio
[ "$status" = 404 ] || fail "a rejected registration is served ($status)"
n=2
while [ $n -lt 10 ]; do
    req "$T/x" POST /api/v1/registrations -H "$J" \
        --data "{\"key\": \"flood-$n\", \"name_en\": \"F\", \"country\": \"SE\", \"contact\": \"f@example.org\"}"
    [ "$status" = 202 ] || fail "registration $n answered $status"
    n=$((n + 1))
done
refused 429 rate_limited POST /api/v1/registrations -H "$J" \
    --data '{"key": "flood-11", "name_en": "F", "country": "SE", "contact": "f@example.org"}'
grep -qi '^retry-after:' "$T/r.h" || fail "429 without Retry-After"

kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
done_checks
