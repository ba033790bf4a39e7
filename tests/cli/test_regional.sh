# The regional commands from the CLI: every measure of `specialisation` on a random 40 x 25
# matrix against an independent implementation written here in R from the definitions of
# docs/regional.md (to 1e-9), `strong-clusters` (cmp and eco) and `shift-share` likewise,
# byte-identical output across runs and row orders, the three formats, and bad input with its
# file:line:column and exit status.
. tests/cli/lib.sh

# ---------------------------------------------------------------- bad input first (no R needed)
printf 'region,industry,value\nA,x,10\nA,y,10\nB,x,30\nB,y,10\n' >"$T/small.csv"
expect_status 2 "$CS" specialisation "$T/small.csv"
expect_contains "$T/err" "--measure M is required"
expect_status 2 "$CS" specialisation --measure lqq "$T/small.csv"
expect_contains "$T/err" "--measure takes lq, lq-binary"
expect_status 2 "$CS" specialisation --measure lq --year 20x5 "$T/small.csv"
expect_status 2 "$CS" specialisation --measure lq --format xml "$T/small.csv"
# no FILE: the registry's statistics (tests/cli/test_statistics.sh); here none exists
expect_status 1 "$CS" specialisation --db "$T/none.db" --measure lq
expect_contains "$T/err" "no registry at $T/none.db"
expect_status 2 "$CS" specialisation --measure lq --sector-digits 2 "$T/small.csv"
expect_status 1 "$CS" specialisation --measure lq "$T/missing.csv"

printf 'region,industry,amount\nA,x,1\n' >"$T/b1.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b1.csv"
expect_contains "$T/err" "b1.csv:1:3: expected a column: region, industry, value, year, found \"amount\""
printf 'region,industry,value\nA,x,1\nA,y,abc\n' >"$T/b2.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b2.csv"
expect_contains "$T/err" "b2.csv:3:3: expected a number, found \"abc\""
printf 'region,industry,value\nA,x,1\nA,y,-4\n' >"$T/b3.csv"
expect_status 3 "$CS" specialisation --measure krugman "$T/b3.csv"
expect_contains "$T/err" "b3.csv:3:3: expected a value of at least 0, found \"-4\""
printf 'region,industry,value\nA,x,1\nB,x,2\nA,x,3\n' >"$T/b4.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b4.csv"
expect_contains "$T/err" "b4.csv:4:1: expected one row per region and industry, found a second row for 'A', 'x' (first on line 2)"
printf 'region,industry,year,value\nA,x,2015,1\nA,x,2016,2\nB,x,2017,2\n' >"$T/b5.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b5.csv"
expect_contains "$T/err" "expected the values of one year, found 3 years (2015, 2016, 2017)"
expect_status 3 "$CS" specialisation --measure lq --year 2030 "$T/b5.csv"
expect_contains "$T/err" "b5.csv: expected a year the file holds (2015, 2016, 2017), found \"2030\""
expect_status 0 "$CS" specialisation --measure lq --year 2016 --format csv "$T/b5.csv"
printf '' >"$T/b6.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b6.csv"
expect_contains "$T/err" "b6.csv:1:1: expected a header row, found an empty file"
printf 'region,industry,value\n' >"$T/b7.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b7.csv"
expect_contains "$T/err" "expected at least one data row after the header"
expect_status 3 "$CS" specialisation --measure variety "$T/small.csv"
expect_contains "$T/err" "expected a 'sector' column for related variety"
printf 'region,category,employment\nA,c1,10\n' >"$T/b8.csv"
expect_status 3 "$CS" strong-clusters "$T/b8.csv"
expect_contains "$T/err" "b8.csv:1: expected a column 'establishments' in the header, found \"region,category,employment\""
expect_status 0 "$CS" strong-clusters --rule eco "$T/b8.csv"
printf 'region,category,employment,establishments,type\nA,c1,10,1,tradd\n' >"$T/b9.csv"
expect_status 3 "$CS" strong-clusters "$T/b9.csv"
expect_contains "$T/err" "expected the type of category 'c1' to be traded or local, found 'tradd'"
expect_status 2 "$CS" strong-clusters --rule xyz "$T/b8.csv"
expect_status 2 "$CS" shift-share --from 2016 "$T/b5.csv"
expect_status 2 "$CS" shift-share --from 2016 --to 2015 "$T/b5.csv"
printf 'region,industry,value\nA,x,1\n' >"$T/b10.csv"
expect_status 3 "$CS" shift-share --from 2015 --to 2016 "$T/b10.csv"
expect_contains "$T/err" "b10.csv:1: expected a column 'year' in the header"
expect_status 3 "$CS" shift-share --from 2015 --to 2018 "$T/b5.csv"
expect_contains "$T/err" "found \"2018\""

printf 'region,industry,value,value\nA,x,1,2\n' >"$T/b11.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b11.csv"
expect_contains "$T/err" "b11.csv:1:4: expected each column once: region, industry, value, year (this one is repeated), found \"value\""
printf 'region,industry,value\nA,x,1e400\n' >"$T/b12.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b12.csv"
expect_contains "$T/err" "b12.csv:2:3: expected a finite number, found \"1e400\""
printf 'region,industry,year,value\nA,x,20.5,1\n' >"$T/b13.csv"
expect_status 3 "$CS" specialisation --measure lq "$T/b13.csv"
expect_contains "$T/err" "b13.csv:2:3: expected a year (a whole number), found \"20.5\""
printf 'region,industry,value\nA,x,1\nB,x,1\n' >"$T/b14.csv"
expect_status 3 "$CS" specialisation --measure complexity "$T/b14.csv"
expect_contains "$T/err" "b14.csv: complexity needs at least 3 regions"
# Windows-1251 with semicolons and a decimal comma; a byte-order mark, CRLF and quotes
printf 'region;industry;value\n\314\356\361\352\342\340;x;1,5\n\322\342\345\360\374;x;2\n' >"$T/cp.csv"
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/cp.csv"
expect_contains "$T/out" "Москва,x,1"
printf '\357\273\277region,industry,value\r\n"A, the first",x,1\r\n' >"$T/bom.csv"
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/bom.csv"
expect_contains "$T/out" '"A, the first",x,1'
# a name that a spreadsheet would run as a formula is written as text
printf 'region,industry,value\n=cmd,x,1\n' >"$T/f.csv"
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/f.csv"
expect_contains "$T/out" "'=cmd,x,1"

# ---------------------------------------------------------------- the worked example
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/small.csv"
cat >"$T/want" <<'EOF'
region,industry,lq
A,x,0.75
A,y,1.5
B,x,1.125
B,y,0.75
EOF
check
cmp -s "$T/out" "$T/want" || { cat "$T/out" >&2; fail "lq of the worked example"; }
# the same rows in another order, semicolons and a decimal comma: the same bytes
printf 'industry;value;region\ny;10;B\nx;30;B\ny;10,0;A\nx;10;A\n' >"$T/small2.csv"
expect_status 0 "$CS" specialisation --measure lq --format csv "$T/small2.csv"
check
cmp -s "$T/out" "$T/want" || fail "row order or delimiter changed the output"
expect_status 0 "$CS" specialisation --measure krugman --format json "$T/small.csv"
expect_contains "$T/out" '"krugman": 0.33333333333333331'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["measure"]=="krugman" and len(d["rows"])==2' "$T/out" || fail "json output"
check
expect_status 0 "$CS" specialisation --measure lq --lang ru "$T/small.csv"
expect_contains "$T/out" "регион"
expect_status 0 "$CS" specialisation --measure lq -o "$T/lq.csv" --format csv "$T/small.csv"
check
cmp -s "$T/lq.csv" "$T/want" || fail "-o FILE"

# the Hoover index against a reference: EconGeo's example, industry (0, 10, 10, 30, 50) against
# population (10, 15, 20, 25, 30): 100/2 (.1 + .05 + .1 + .05 + .2) = 25; uniform: 100/2 (.2 +
# .1 + .1 + .1 + .3) = 40
printf 'region,industry,value\nR1,i,0\nR2,i,10\nR3,i,10\nR4,i,30\nR5,i,50\n' >"$T/h.csv"
printf 'region,value\nR1,10\nR2,15\nR3,20\nR4,25\nR5,30\n' >"$T/pop.csv"
expect_status 0 "$CS" specialisation --measure hoover-index --reference "$T/pop.csv" --format csv "$T/h.csv"
expect_contains "$T/out" "i,25"
expect_status 0 "$CS" specialisation --measure hoover-index --format csv "$T/h.csv"
expect_contains "$T/out" "i,40"
printf 'region,value\nR1,10\nR2,15\nR3,20\nR4,25\n' >"$T/pop4.csv"
expect_status 3 "$CS" specialisation --measure hoover-index --reference "$T/pop4.csv" "$T/h.csv"
expect_contains "$T/err" "pop4.csv: expected a value for every region of"
printf 'region,value\nR1,10\nR9,15\n' >"$T/pop9.csv"
expect_status 3 "$CS" specialisation --measure hoover-index --reference "$T/pop9.csv" "$T/h.csv"
expect_contains "$T/err" "pop9.csv:3:1: expected a region of the data file, found \"R9\""
expect_status 2 "$CS" specialisation --measure lq --reference "$T/pop.csv" "$T/h.csv"

if ! command -v Rscript >/dev/null 2>&1; then
    echo "skip: Rscript is not installed; the comparison with R is left out"
    done_checks
    exit 0
fi

# ---------------------------------------------------------------- random data, R's answers
Rscript - "$T" <<'EOF' || fail "R could not write the data"
args <- commandArgs(TRUE); dir <- args[1]
set.seed(13)
nr <- 40; ni <- 25
reg <- sprintf("R%02d", 1:nr)
ind <- paste0(rep(c("A", "B", "C"), length.out = ni), sprintf("%02d", 1:ni))
x <- matrix(sample(0:100, nr * ni, replace = TRUE), nr, ni)
x[x < 30] <- 0
x[nr, ] <- 0       # a region without employment
x[, 7] <- 0        # an industry without employment
rows <- expand.grid(i = 1:ni, r = 1:nr)
keep <- x[cbind(rows$r, rows$i)] > 0 | runif(nrow(rows)) < 0.5  # a zero cell may have no row
rows <- rows[keep, ]
rows <- rows[sample(nrow(rows)), ]  # any order
write.csv(data.frame(region = reg[rows$r], industry = ind[rows$i], value = x[cbind(rows$r, rows$i)]),
          file.path(dir, "spec.csv"), row.names = FALSE, quote = FALSE)
# strong clusters: 40 regions x 12 categories, establishments about emp / 8
nc <- 12
emp <- matrix(sample(0:500, nr * nc, replace = TRUE), nr, nc); emp[emp < 120] <- 0
est <- ifelse(emp > 0, pmax(1, round(emp / 8 + sample(-5:5, nr * nc, replace = TRUE))), 0)
g <- expand.grid(c = 1:nc, r = 1:nr)
write.csv(data.frame(region = reg[g$r], category = sprintf("c%02d", g$c),
                     employment = emp[cbind(g$r, g$c)], establishments = est[cbind(g$r, g$c)]),
          file.path(dir, "cmp.csv"), row.names = FALSE, quote = FALSE)
saveRDS(list(emp = emp, est = est), file.path(dir, "cmp.rds"))
# shift-share: two years (and a third the command must ignore)
y1 <- matrix(sample(0:100, nr * 10, replace = TRUE), nr, 10)
y2 <- round(y1 * runif(nr * 10, 0.5, 1.8))
y3 <- y2 + 1
g <- expand.grid(i = 1:10, r = 1:nr)
d <- rbind(data.frame(region = reg[g$r], industry = sprintf("i%02d", g$i), year = 2015, value = y1[cbind(g$r, g$i)]),
           data.frame(region = reg[g$r], industry = sprintf("i%02d", g$i), year = 2019, value = y2[cbind(g$r, g$i)]),
           data.frame(region = reg[g$r], industry = sprintf("i%02d", g$i), year = 2020, value = y3[cbind(g$r, g$i)]))
write.csv(d, file.path(dir, "ss.csv"), row.names = FALSE, quote = FALSE)
saveRDS(list(x = x, reg = reg, ind = ind, y1 = y1, y2 = y2), file.path(dir, "data.rds"))
EOF

for m in lq lq-binary krugman hoover hoover-index herfindahl entropy gini diversity ubiquity \
    co-occurrence complexity; do
    expect_status 0 "$CS" specialisation --measure "$m" --format csv -o "$T/out-$m.csv" "$T/spec.csv"
done
for n in prob association cosine jaccard; do
    expect_status 0 "$CS" specialisation --measure relatedness --relatedness "$n" --format csv \
        -o "$T/out-relatedness-$n.csv" "$T/spec.csv"
    expect_status 0 "$CS" specialisation --measure density --relatedness "$n" --format csv \
        -o "$T/out-density-$n.csv" "$T/spec.csv"
done
expect_status 0 "$CS" specialisation --measure variety --sector-digits 1 --format csv \
    -o "$T/out-variety.csv" "$T/spec.csv"
expect_status 0 "$CS" strong-clusters --format csv -o "$T/out-cmp.csv" "$T/cmp.csv"
expect_status 0 "$CS" strong-clusters --regions --format csv -o "$T/out-cmp-regions.csv" "$T/cmp.csv"
expect_status 0 "$CS" strong-clusters --rule eco --format csv -o "$T/out-eco.csv" "$T/cmp.csv"
expect_status 0 "$CS" shift-share --from 2015 --to 2019 --format csv -o "$T/out-ss.csv" "$T/ss.csv"
head -1 "$T/out-cmp.csv" | grep -qx 'region,category,lq,qualifying,significant,strong,strong10' ||
    fail "the cmp header"
check
head -1 "$T/out-relatedness-prob.csv" | grep -qx 'industry,industry2,relatedness' || fail "relatedness header"
check

Rscript - "$T" <<'EOF' || fail "the CLI's numbers differ from R's"
args <- commandArgs(TRUE); dir <- args[1]
D <- readRDS(file.path(dir, "data.rds")); x <- D$x; reg <- D$reg; ind <- D$ind
nr <- nrow(x); ni <- ncol(x)
bad <- 0
same <- function(what, got, want) {
  stopifnot(length(got) == length(want))
  na <- is.na(want)
  ok <- all(is.na(got) == na) &&
        all(abs(got[!na] - want[!na]) <= 1e-9 * pmax(1, abs(want[!na])))
  if (!ok) {
    i <- which(is.na(got) != na | abs(got - want) > 1e-9 * pmax(1, abs(want)))[1]
    cat(sprintf("%s differs: row %d, CLI %.17g, R %.17g\n", what, i, got[i], want[i]))
    bad <<- bad + 1
  }
}
rd <- function(name) suppressWarnings(read.csv(file.path(dir, paste0("out-", name, ".csv")),
                              colClasses = c(region = "character", industry = "character",
                                             industry2 = "character", category = "character")))
# regions and industries sorted by bytes, as the CLI writes them
ro <- order(reg, method = "radix"); io <- order(ind, method = "radix")
cellv <- function(m) as.vector(t(m[ro, io]))
regv <- function(v) v[ro]
indv <- function(v) v[io]
pairv <- function(m) { m <- m[io, io]; k <- which(row(m) != col(m), arr.ind = TRUE)
                       k <- k[order(k[, 1], k[, 2]), ]; m[k] }

s <- x / rowSums(x); S <- colSums(x) / sum(x)
lq <- sweep(s, 2, S, "/"); lq[!is.finite(lq)] <- 0
M <- (lq >= 1) * 1
same("lq", rd("lq")$lq, cellv(lq))
same("lq-binary", rd("lq-binary")$lq.binary, cellv(M))
kr <- rowSums(abs(sweep(s, 2, S, "-"))); kr[rowSums(x) == 0] <- NA
same("krugman", rd("krugman")$krugman, regv(kr))
same("hoover", rd("hoover")$hoover, regv(kr / 2))
he <- rowSums(x^2) / rowSums(x)^2; he[rowSums(x) == 0] <- NA
same("herfindahl", rd("herfindahl")$herfindahl, regv(he))
en <- -rowSums(ifelse(s > 0, s * log2(s + 1e-9), 0)); en[rowSums(x) == 0] <- NA
same("entropy", rd("entropy")$entropy, regv(en))
# Gini as the mean absolute difference (the same number as the Lorenz curve's area)
gi <- apply(x, 2, function(v) if (sum(v) == 0) NA else
  sum(abs(outer(v, v, "-"))) / (2 * length(v)^2 * mean(v)))
same("gini", rd("gini")$gini, indv(gi))
hi <- apply(x, 2, function(v) if (sum(v) == 0) NA else 50 * sum(abs(v / sum(v) - 1 / nr)))
same("hoover-index", rd("hoover-index")$hoover.index, indv(hi))
same("diversity", rd("diversity")$diversity, regv(rowSums(M)))
same("ubiquity", rd("ubiquity")$ubiquity, indv(colSums(M)))
C <- t(M) %*% M; diag(C) <- 0
same("co-occurrence", rd("co-occurrence")$co.occurrence, pairv(C))
Sc <- colSums(C); Tt <- sum(C)
Si <- matrix(Sc, ni, ni); Sj <- t(Si)   # Si[i, j] = S_i
rel <- list(
  association = (C / Tt) / ((Si / Tt) * (Sj / Tt)),
  cosine = C / sqrt(Si * Sj),
  jaccard = C / (Si + Sj - C),
  prob = C / (((Si / Tt) * (Sj / (Tt - Si)) + (Sj / Tt) * (Si / (Tt - Sj))) * Tt / 2))
for (n in names(rel)) {
  r <- rel[[n]]; r[is.nan(r)] <- 0; diag(r) <- 0
  same(paste("relatedness", n), rd(paste0("relatedness-", n))$relatedness, pairv(r))
  dens <- 100 * sweep(M %*% r, 2, colSums(r), "/"); dens[, colSums(r) == 0] <- NA
  same(paste("density", n), rd(paste0("density-", n))$density, cellv(dens))
}
# KCI: second eigenvector of D^-1 M U^-1 M^T through its symmetric form, standardised,
# signed to grow with diversity; regions without specialisation NA
keep <- rowSums(M) > 0; Mk <- M[keep, colSums(M) > 0]
d <- rowSums(Mk); u <- colSums(Mk)
Ssym <- diag(1 / sqrt(d)) %*% Mk %*% diag(1 / u) %*% t(Mk) %*% diag(1 / sqrt(d))
e <- eigen(Ssym, symmetric = TRUE)
v <- e$vectors[, 2] / sqrt(d); z <- (v - mean(v)) / sd(v); if (cor(z, d) < 0) z <- -z
kci <- rep(NA, nr); kci[keep] <- z
same("complexity", rd("complexity")$complexity, regv(kci))
# variety: sectors are the first letter of the industry code
sec <- substr(ind, 1, 1)
rv <- uv <- rep(NA, nr)
for (r in which(rowSums(x) > 0)) {
  p <- x[r, ] / sum(x[r, ]); P <- tapply(p, sec, sum)
  uv[r] <- sum(ifelse(P > 0, P * log2(1 / P), 0))
  rv[r] <- sum(sapply(names(P), function(g) { q <- p[sec == g & p > 0]
    if (P[[g]] == 0) 0 else P[[g]] * sum((q / P[[g]]) * log2(P[[g]] / q)) }))
}
va <- rd("variety")
same("related variety", va$related_variety, regv(rv))
same("unrelated variety", va$unrelated_variety, regv(uv))

# CMP and ECO
K <- readRDS(file.path(dir, "cmp.rds")); emp <- K$emp; est <- K$est; nc <- ncol(emp)
tr <- rowSums(emp)
clq <- sweep(emp / tr, 2, colSums(emp) / sum(emp), "/"); clq[!is.finite(clq)] <- 0
fl <- array(0, c(nr, nc, 4))
for (c in 1:nc) {
  i <- emp[, c] > 0
  q <- quantile(clq[i, c], c(.25, .5, .75, .9), type = 7, names = FALSE)
  big <- i & emp[, c] > quantile(emp[i, c], .25, type = 7) & est[, c] > quantile(est[i, c], .25, type = 7)
  fl[, c, 1] <- big & clq[, c] > q[1]
  fl[, c, 2] <- big & clq[, c] > q[2]
  fl[, c, 3] <- big & clq[, c] >= q[3] & clq[, c] >= 1
  fl[, c, 4] <- big & clq[, c] >= q[4] & clq[, c] >= 1
}
cm <- rd("cmp")   # rows: regions sorted, then categories c01..c12
cv <- function(m) as.vector(t(m[ro, ]))
same("cmp lq", cm$lq, cv(clq))
same("qualifying", cm$qualifying, cv(fl[, , 1]))
same("significant", cm$significant, cv(fl[, , 2]))
same("strong", cm$strong, cv(fl[, , 3]))
same("strong10", cm$strong10, cv(fl[, , 4]))
stopifnot(sum(fl[, , 3]) > 0, sum(fl[, , 1]) > sum(fl[, , 3]))
strength <- ifelse(tr > 0, rowSums(emp * fl[, , 3]) / tr, 0)
ord <- order(-strength, seq_len(nr)); ord <- ord[tr[ord] > 0]
rank <- rep(NA, nr); rank[ord] <- seq_along(ord)
pct <- floor(100 / length(ord) * (rank - 0.5) + 0.5)   # JavaScript's Math.round
cr <- rd("cmp-regions")
same("cluster strength", cr$cluster_strength, regv(strength))
same("strong clusters", cr$strong_clusters, regv(rowSums(fl[, , 3])))
same("rank", cr$rank, regv(rank))
same("percentile", cr$percentile, regv(pct))
tlq <- sweep(emp / rowSums(emp), 2, colSums(emp) / sum(emp), "/"); tlq[!is.finite(tlq)] <- 0
foc <- emp / rowSums(emp); foc[!is.finite(foc)] <- 0
st <- matrix(0, nr, nc)
for (c in 1:nc) {
  i <- emp[, c] > 0
  st[, c] <- i * ((emp[, c] >= quantile(emp[i, c], .9, type = 7)) + (tlq[, c] >= 2) +
                  (foc[, c] >= quantile(foc[i, c], .9, type = 7)))
}
ec <- rd("eco")
same("eco lq", ec$lq, cv(tlq))
same("eco stars", ec$stars, cv(st))

# shift-share between 2015 and 2019 (2020 ignored)
y1 <- D$y1; y2 <- D$y2
E1 <- sum(y1); E2 <- sum(y2); gi <- colSums(y2) / colSums(y1)
a <- rowSums(y1); b <- rowSums(y2)
NS <- a * E2 / E1 - a; ex <- as.vector(y1 %*% gi); IM <- ex - a * E2 / E1; RS <- b - ex
ss <- rd("ss")
same("national share", ss$national_share, NS)
same("industry mix", ss$industry_mix, IM)
same("regional share", ss$regional_share, RS)
same("change", ss$national_share + ss$industry_mix + ss$regional_share, b - a)
same("cagr", ss$cagr, ifelse(a > 0, (b / a)^(1 / 4) - 1, NA))
if (bad > 0) quit(status = 1)
cat("R agrees on every measure\n")
EOF
check

# byte-identical across runs
for m in lq complexity relatedness; do
    "$CS" specialisation --measure "$m" --format csv "$T/spec.csv" >"$T/again.csv"
    check
    cmp -s "$T/again.csv" "$T/out-$m.csv" || [ "$m" = relatedness ] || fail "$m is not byte-identical"
done
"$CS" specialisation --measure relatedness --relatedness prob --format csv "$T/spec.csv" >"$T/again.csv"
cmp -s "$T/again.csv" "$T/out-relatedness-prob.csv" || fail "relatedness is not byte-identical"
# -------------------------------------------- one thread or two: the same bytes (large outputs)
# 250 regions x 160 industries = 40,000 rows: more than one block of the parallel CSV writer
awk 'BEGIN { print "region,category,year,employment,establishments";
    for (r = 0; r < 250; r++) for (i = 0; i < 160; i++)
        printf "r%03d,c%03d,2020,%d,%d\n", r, i, (r * 7919 + i * 104729) % 997, 1 + (r + i) % 13 }' \
    >"$T/big-cmp.csv"
sed -e '1s/.*/region,industry,year,value/' -e '2,$s/,[0-9]*$//' "$T/big-cmp.csv" >"$T/big.csv"
for threads in 1 2; do
    OMP_NUM_THREADS=$threads "$CS" specialisation --measure lq --format csv -o "$T/lq-$threads.csv" \
        "$T/big.csv" 2>/dev/null || fail "lq with $threads threads"
    OMP_NUM_THREADS=$threads "$CS" strong-clusters --format csv -o "$T/cmp-$threads.csv" \
        "$T/big-cmp.csv" 2>/dev/null || fail "strong-clusters with $threads threads"
done
[ "$(wc -l <"$T/lq-1.csv")" -eq 40001 ] || fail "lq: expected 40,001 lines"
cmp -s "$T/lq-1.csv" "$T/lq-2.csv" || fail "lq differs between one thread and two"
cmp -s "$T/cmp-1.csv" "$T/cmp-2.csv" || fail "strong-clusters differs between one thread and two"
check
done_checks
