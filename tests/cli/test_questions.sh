# correlate and region-typology (the seeds' regional questions): a random 40-region file with
# unknown cells and ties, against R's cor.test (Pearson; Spearman with exact = FALSE; Spearman's
# Bonett-Wright interval computed in R from the same rho) to 1e-9, skipped without R; the
# threshold rule and typology against an awk implementation; the same data from the registry
# (region facts, clusters counted) give the same bytes; every bad input with its status.
. tests/cli/lib.sh

# ---------------------------------------------------------------- the data
awk 'BEGIN {
    srand(7)
    print "region,ikip,applications,clusters,patents,const"
    for (r = 1; r <= 40; r++) {
        ikip = int(rand() * 100) / 100           # ties in two decimals
        app = int(rand() * 4 * ikip + 0.3)
        cl = app == 0 ? int(rand() * 2) : int(rand() * 4)
        pat = sprintf("%.3f", ikip * 5 + rand() * 2)
        if (r % 9 == 0) pat = ""                 # unknown: left out
        if (r % 13 == 0) ikip = ""
        printf "R%02d,%s,%d,%d,%s,1\n", r, ikip, app, cl, pat
    }
}' >"$T/q.csv"

expect_status 0 "$CS" correlate --x ikip --y patents --format csv "$T/q.csv"
cp "$T/out" "$T/cor.csv"
expect_contains "$T/cor.csv" "method,n,r,lower,upper,p"
if command -v Rscript >/dev/null 2>&1; then
    Rscript -e '
        d <- read.csv(commandArgs(TRUE)[1]); g <- read.csv(commandArgs(TRUE)[2])
        ok <- !is.na(d$ikip) & !is.na(d$patents); x <- d$ikip[ok]; y <- d$patents[ok]; n <- sum(ok)
        a <- cor.test(x, y)
        b <- suppressWarnings(cor.test(x, y, method = "spearman", exact = FALSE))
        rho <- unname(b$estimate); se <- sqrt((1 + rho^2 / 2) / (n - 3)); q <- qnorm(0.975)
        want <- rbind(c(n, a$estimate, a$conf.int, a$p.value),
                      c(n, rho, tanh(atanh(rho) - q * se), tanh(atanh(rho) + q * se), b$p.value))
        got <- as.matrix(g[, 2:6])
        if (max(abs(got - want)) > 1e-9) { print(want - got); quit(status = 1) }
        # an independent Spearman: R on average ranks
        if (abs(cor(rank(x), rank(y)) - rho) > 1e-12) quit(status = 1)
    ' "$T/q.csv" "$T/cor.csv" >"$T/r.log" 2>&1 || { cat "$T/r.log" >&2; fail "correlate differs from R's cor.test"; }
    check
    # another confidence level
    expect_status 0 "$CS" correlate --x applications --y ikip --confidence 0.8 --format csv "$T/q.csv"
    Rscript -e '
        d <- read.csv(commandArgs(TRUE)[1]); g <- read.csv(commandArgs(TRUE)[2])
        a <- cor.test(d$applications, d$ikip, conf.level = 0.8)
        if (max(abs(unlist(g[1, 3:6]) - c(a$estimate, a$conf.int, a$p.value))) > 1e-9) quit(status = 1)
    ' "$T/q.csv" "$T/out" || fail "correlate --confidence 0.8 differs from R"
    check
else
    echo "Rscript not found: the comparison with R's cor.test is skipped"
fi

# ---------------------------------------------------------------- threshold rule and typology
expect_status 0 "$CS" region-typology --indicator ikip --count applications --format csv "$T/q.csv"
cp "$T/out" "$T/typ.csv"
awk -F, 'NR == 1 { print "region,ikip,applications,clusters,below,violation,type"; next }
    { known = $2 != ""; below = known ? ($2 + 0 < 0.35) : ""; v = known ? (below && $3 > 1) : ""
      t = $3 == 0 ? "no_application" : $4 == 1 ? "one_cluster" : $4 >= 2 ? "many_clusters" : ""
      print $1 "," $2 "," $3 "," $4 "," below "," v "," t }' "$T/q.csv" >"$T/want.csv"
# numbers as the program writes them (0.5, not 0.50)
awk -F, 'BEGIN { OFS = "," } NR > 1 && $2 != "" { $2 = $2 + 0 } { print }' "$T/want.csv" >"$T/want2.csv"
check
cmp -s "$T/typ.csv" "$T/want2.csv" || { diff "$T/want2.csv" "$T/typ.csv" >&2; fail "region-typology rows"; }
expect_status 0 "$CS" region-typology --indicator ikip --count applications --summary --format csv "$T/q.csv"
awk -F, 'NR > 1 && $2 != "" { n++; b += $2 + 0 < 0.35; if ($2 + 0 < 0.35 && $3 > 1) v++
        if ($3 > 1 && (m == "" || $2 + 0 < m)) m = $2 + 0 }
    END { printf "rule,threshold,regions,below,violations,largest_threshold\nrule,0.35,%d,%d,%d,%s\n", n, b, v, m }' \
    "$T/q.csv" >"$T/want_sum.csv"
check
cmp -s "$T/out" "$T/want_sum.csv" || { diff "$T/want_sum.csv" "$T/out" >&2; fail "region-typology --summary"; }
# at the largest threshold the rule holds, just above it it fails
largest=$(tail -1 "$T/out" | cut -d, -f6)
expect_status 0 "$CS" region-typology --indicator ikip --count applications --summary --threshold "$largest" --format csv "$T/q.csv"
check
[ "$(tail -1 "$T/out" | cut -d, -f5)" = 0 ] || fail "violations at the largest threshold"
expect_status 0 "$CS" region-typology --indicator ikip --count applications --format json "$T/q.csv"
python3 - "$T/out" <<'PY' || fail "region-typology json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["measure"] == "region-typology"
r = {x["region"]: x for x in d["rows"]}
assert r["R13"]["ikip"] is None and r["R13"]["below"] is None, r["R13"]
assert all(x["type"] in ("no_application", "one_cluster", "many_clusters", None) for x in d["rows"])
PY
expect_status 0 "$CS" region-typology --indicator ikip --count applications --lang ru "$T/q.csv"
expect_contains "$T/out" "регион  ikip  applications  кластеры  ниже порога  нарушение  тип"
# same input, same bytes, whatever the row order
(head -1 "$T/q.csv"; tail -n +2 "$T/q.csv" | sort -r) >"$T/q_rev.csv"
"$CS" correlate --x ikip --y patents "$T/q_rev.csv" >"$T/a.txt"
"$CS" correlate --x ikip --y patents "$T/q.csv" >"$T/b.txt"
check
cmp -s "$T/a.txt" "$T/b.txt" || fail "correlate depends on the row order"

# ---------------------------------------------------------------- the same from the registry
DB="$T/r.db"
expect_status 0 "$CS" init --db "$DB"
printf 'key,title\nsrc,Test data\n' >"$T/sources.csv"
printf 'code,name_en\nRU,Russia\n' >"$T/countries.csv"
awk -F, 'NR == 1 { print "key,country,name_en"; next } { print $1 ",RU," $1 }' "$T/q.csv" >"$T/regions.csv"
awk -F, 'NR == 1 { print "key,name_en,country,region"; next }
    { for (k = 1; k <= $4; k++) print $1 "-c" k ",C,RU," $1 }' "$T/q.csv" >"$T/clusters.csv"
awk -F, 'NR == 1 { print "subject_kind,subject,fact,year,value,source,status"; next }
    { if ($2 != "") print "region," $1 ",rir_policy_quality,2015," $2 ",src,stated"
      print "region," $1 ",cluster_support_applications,2015," $3 ",src,stated"
      if ($5 != "") print "region," $1 ",patents_per_10k_employees,2015," $5 ",src,stated"
      print "region," $1 ",rir_policy_quality,2016,0.99,src,stated" }' "$T/q.csv" >"$T/facts.csv"
expect_status 0 "$CS" import --db "$DB" "$T/sources.csv" "$T/countries.csv" "$T/regions.csv" "$T/clusters.csv" "$T/facts.csv"
expect_status 0 "$CS" region-typology --db "$DB" --year 2015 --indicator rir_policy_quality --count cluster_support_applications --format csv
sed '1s/.*/region,ikip,applications,clusters,below,violation,type/' "$T/out" >"$T/reg_typ.csv"
check
cmp -s "$T/reg_typ.csv" "$T/typ.csv" || { diff "$T/typ.csv" "$T/reg_typ.csv" >&2; fail "registry typology differs from the file's"; }
expect_status 0 "$CS" correlate --db "$DB" --year 2015 --x rir_policy_quality --y patents_per_10k_employees --format csv
check
cmp -s "$T/out" "$T/cor.csv" || { diff "$T/cor.csv" "$T/out" >&2; fail "registry correlation differs from the file's"; }
# 2016 holds one constant indicator: refused
expect_status 3 "$CS" correlate --db "$DB" --year 2016 --x rir_policy_quality --y clusters
expect_contains "$T/err" "constant"

# ---------------------------------------------------------------- bad input
expect_status 3 "$CS" correlate --x ikip --y nope "$T/q.csv"
expect_contains "$T/err" "q.csv:1:1: expected a column 'nope' in the header, found \"region,ikip,applications,clusters,patents,const\""
expect_status 3 "$CS" correlate --x ikip --y const "$T/q.csv"
expect_contains "$T/err" "expected two variables that vary, found the second constant over the 37 regions"
head -4 "$T/q.csv" >"$T/small.csv"
expect_status 3 "$CS" correlate --x ikip --y patents "$T/small.csv"
expect_contains "$T/err" "expected at least 4 regions with both values for a correlation and its confidence interval, found 3"
expect_status 3 "$CS" correlate --db "$DB" --x rir_nonesuch --y clusters
expect_contains "$T/err" "expected a region fact the registry defines (fact_definitions of subject kind region) or 'clusters', found 'rir_nonesuch'"
printf 'region,a,b\nX,1,2\nY,zwei,3\n' >"$T/bad.csv"
expect_status 3 "$CS" correlate --x a --y b "$T/bad.csv"
expect_contains "$T/err" "bad.csv:3:2: expected a number (or an empty cell: unknown), found \"zwei\""
printf 'region,a,b\nX,1,2\nY,2,3\nX,3,4\n' >"$T/rep.csv"
expect_status 3 "$CS" correlate --x a --y b "$T/rep.csv"
expect_contains "$T/err" "rep.csv:4:1: expected each region once, found \"X\""
printf 'region,year,a,b\nX,2015,1,2\nX,2016,2,3\n' >"$T/years.csv"
expect_status 3 "$CS" correlate --x a --y b "$T/years.csv"
expect_contains "$T/err" "give --year"
expect_status 3 "$CS" correlate --x a --y b --year 2020 "$T/years.csv"
expect_contains "$T/err" "expected rows of year 2020, found none"
printf 'region,a,b\n,1,2\n' >"$T/empty_name.csv"
expect_status 3 "$CS" correlate --x a --y b "$T/empty_name.csv"
expect_contains "$T/err" "empty_name.csv:2:1: expected a region name"
expect_status 3 "$CS" region-typology --indicator ikip --count applications --clusters nope "$T/q.csv"
expect_contains "$T/err" "expected a column 'nope' in the header"
expect_status 2 "$CS" correlate --x ikip "$T/q.csv"
expect_contains "$T/err" "--x A and --y B"
expect_status 2 "$CS" correlate --x ikip --y patents --confidence 1.5 "$T/q.csv"
expect_contains "$T/err" "--confidence takes a number between 0 and 1"
expect_status 2 "$CS" correlate --x ikip --y patents --year 2015 "$T/q.csv"
expect_contains "$T/err" "no 'year' column"
expect_status 2 "$CS" region-typology --indicator ikip --count applications --threshold abc "$T/q.csv"
expect_contains "$T/err" "--threshold takes a number"
expect_status 2 "$CS" region-typology --count applications "$T/q.csv"
expect_status 2 "$CS" correlate --x a --y b --db "$DB" "$T/q.csv"
# ---------------------------------------------------------------- composite index
cat >"$T/m.json" <<'JSON'
{"format": "clusterscope-composite", "format_version": 1, "id": "test-index",
 "sub_indices": [{"id": "a", "weight": 3}, {"id": "b"}],
 "indicators": [{"id": "ikip", "sub_index": "a"},
                {"id": "applications", "sub_index": "a", "weight": 2, "direction": "lower"},
                {"id": "patents", "sub_index": "b"}]}
JSON
expect_status 0 "$CS" composite-index --method "$T/m.json" --format csv "$T/q.csv"
cp "$T/out" "$T/ci.csv"
expect_contains "$T/ci.csv" "region,a,b,index,rank,known"
if command -v Rscript >/dev/null 2>&1; then
    Rscript -e '
        d <- read.csv(commandArgs(TRUE)[1]); g <- read.csv(commandArgs(TRUE)[2])
        mm <- function(v) (v - min(v, na.rm = TRUE)) / (max(v, na.rm = TRUE) - min(v, na.rm = TRUE))
        n1 <- mm(d$ikip); n2 <- 1 - mm(d$applications); n3 <- mm(d$patents)
        wmean <- function(v, w) { k <- !is.na(v); if (!any(k)) NA else sum(v[k] * w[k]) / sum(w[k]) }
        a <- mapply(function(p, q) wmean(c(p, q), c(1, 2)), n1, n2)
        b <- n3
        idx <- mapply(function(p, q) wmean(c(p, q), c(3, 1)), a, b)
        rk <- rank(-idx, ties.method = "min", na.last = "keep")
        kn <- (!is.na(n1)) + (!is.na(n2)) + (!is.na(n3))
        ok <- isTRUE(all.equal(g$a, a, tolerance = 1e-12)) && isTRUE(all.equal(g$b, b, tolerance = 1e-12)) &&
              isTRUE(all.equal(g$index, idx, tolerance = 1e-12)) && identical(as.numeric(g$rank), as.numeric(rk)) &&
              identical(as.numeric(g$known), as.numeric(kn)) && identical(as.character(g$region), as.character(d$region))
        if (!ok) { print(cbind(g, idx, rk, kn)); quit(status = 1) }
    ' "$T/q.csv" "$T/ci.csv" >"$T/r.log" 2>&1 || { cat "$T/r.log" >&2; fail "composite-index differs from R"; }
    check
fi
expect_status 0 "$CS" composite-index --method hse-regional-rating --db "$DB" --year 2015 --format json
expect_status 3 "$CS" composite-index --method "$T/m.json" --db "$DB" --year 2015
expect_contains "$T/err" "expected a region fact the registry defines (fact_definitions of subject kind region) or 'clusters', found 'ikip'"
expect_status 0 "$CS" composite-index --method "$T/m.json" --lang ru "$T/q.csv"
expect_contains "$T/out" "регион"
expect_contains "$T/out" "место"
# bad method files: positioned, exit 3
sed 's/"weight": 2,/"weight": 0,/' "$T/m.json" >"$T/m0.json"
expect_status 3 "$CS" composite-index --method "$T/m0.json" "$T/q.csv"
expect_contains "$T/err" "m0.json:4:68: expected a weight above 0, found \"0\""
sed 's/"sub_index": "b"/"sub_index": "c"/' "$T/m.json" >"$T/mc.json"
expect_status 3 "$CS" composite-index --method "$T/mc.json" "$T/q.csv"
expect_contains "$T/err" "mc.json:5:48: expected the id of a sub-index of the file, found \"c\""
head -c 60 "$T/m.json" >"$T/mt.json"
expect_status 3 "$CS" composite-index --method "$T/mt.json" "$T/q.csv"
expect_contains "$T/err" "mt.json:1:"
sed 's/"ikip"/"const"/' "$T/m.json" >"$T/mk.json"
expect_status 3 "$CS" composite-index --method "$T/mk.json" "$T/q.csv"
expect_contains "$T/err" "expected indicator 'const' to vary over the regions"
sed 's/"ikip"/"nope"/' "$T/m.json" >"$T/mn.json"
expect_status 3 "$CS" composite-index --method "$T/mn.json" "$T/q.csv"
expect_contains "$T/err" "expected a column 'nope' in the header"
expect_status 1 "$CS" composite-index --method "$T/none.json" "$T/q.csv"
expect_contains "$T/err" "none.json: cannot open"
expect_status 2 "$CS" composite-index "$T/q.csv"
expect_contains "$T/err" "--method FILE is required"
# the assessment methods do not list the composite one
expect_status 0 "$CS" methods
check
! grep -q hse-regional-rating "$T/out" || fail "methods lists the composite-index method"
# ---------------------------------------------------------------- the report's section
expect_status 0 "$CS" report --db "$DB" --year 2015 --format md -o "$T/rep.md"
expect_contains "$T/rep.md" "## Regional questions of the seeds"
# the rule's line holds the numbers the summary gave
expect_status 0 "$CS" region-typology --db "$DB" --year 2015 --indicator rir_policy_quality --count cluster_support_applications --summary --format csv
n=$(tail -1 "$T/out" | cut -d, -f3); below=$(tail -1 "$T/out" | cut -d, -f4); viol=$(tail -1 "$T/out" | cut -d, -f5)
expect_contains "$T/rep.md" "at most one application: $n regions with both values, $below below the threshold, $viol violations"
# one typology row per region, the type in words
rows=$(grep -c '^| R[0-9][0-9] |' "$T/rep.md")
check
[ "$rows" -eq 40 ] || fail "report typology rows: $rows, expected 40"
grep '^| R02 |' "$T/rep.md" >"$T/r02.txt"
want=$(grep '^R02,' "$T/typ.csv" | cut -d, -f7 | sed 's/no_application/no application/; s/one_cluster/one strong cluster/; s/many_clusters/many clusters/')
expect_contains "$T/r02.txt" "| ${want:-undecided} |"
# the correlation of patents with cluster strength: no cluster_strength facts, said so
expect_contains "$T/rep.md" "patents per 10,000 employees and cluster strength: not computed, fewer than 4 regions with both values (0)"
# Pearson of ИКИП and applications: the same r as correlate
expect_status 0 "$CS" correlate --db "$DB" --year 2015 --x rir_policy_quality --y cluster_support_applications --format csv
r=$(awk -F, '$1 == "pearson" { printf "%.3f", $3 }' "$T/out")
expect_contains "$T/rep.md" "| ИКИП and applications | Pearson r |"
expect_contains "$T/rep.md" "| $r |"
expect_status 0 "$CS" report --db "$DB" --year 2015 --lang ru -o "$T/rep.html"
expect_contains "$T/rep.html" "Региональные вопросы исходных материалов"
expect_contains "$T/rep.html" "cs-threshold"
expect_contains "$T/rep.html" "один сильный кластер"
# ИКИП on a map: the regions have no standard code, so a line says why instead
expect_contains "$T/rep.md" "No map: region R01 has no standard code"
check
! grep -q "ИКИП по регионам" "$T/rep.html" || fail "an ИКИП map for regions without codes"
# with codes of the Russian grid (the first 40 tiles of maps/ru-grid.csv): the map on the grid,
# each region in its tile with its value (two decimals, a decimal comma), no value hatched
tail -n +2 maps/ru-grid.csv | head -40 | cut -d, -f1 >"$T/grid.codes"
tail -n +2 "$T/q.csv" | cut -d, -f1 >"$T/grid.keys"
{ echo "key,country,name_en,code"; paste -d, "$T/grid.keys" "$T/grid.codes" |
    awk -F, '{ print $1 ",RU," $1 "," $2 }'; } >"$T/coded.csv"
expect_status 0 "$CS" import --db "$DB" "$T/coded.csv"
expect_status 0 "$CS" report --db "$DB" --year 2015 --lang ru -o "$T/map.html"
expect_contains "$T/map.html" "<title>ИКИП по регионам</title>"
r02=$(sed -n 2p "$T/grid.codes"); r13=$(sed -n 13p "$T/grid.codes")
v02=$(awk -F, '$1 == "R02" { printf "%.2f", $2 }' "$T/q.csv" | tr . ,)
expect_contains "$T/map.html" "data-code=\"$r02\" data-class=\""
expect_contains "$T/map.html" "<title>R02: $v02</title>"
expect_contains "$T/map.html" "<title>R13: неизвестно</title>"
check
[ "$(grep -o '<g class="cs-region"' "$T/map.html" | wc -l)" -eq 85 ] || fail "not 85 tiles"
grep -o "data-code=\"$r13\" data-class=\"0\"" "$T/map.html" >/dev/null || fail "R13 (no ИКИП) not hatched"
# a registry without region facts: the section names what it needs
expect_status 0 "$CS" init --db "$T/empty.db"
expect_status 0 "$CS" report --db "$T/empty.db" --format md -o "$T/empty.md"
expect_contains "$T/empty.md" "The registry holds none of the region facts this section needs"
expect_status 0 "$CS" report --db "$T/empty.db" --format md --no-questions -o "$T/noq.md"
check
! grep -q "Regional questions" "$T/noq.md" || fail "--no-questions left the section in"
expect_status 0 "$CS" help correlate
expect_contains "$T/out" "usage: clusterscope correlate --x A --y B"
expect_status 0 "$CS" help region-typology
expect_contains "$T/out" "many_clusters"
done_checks
