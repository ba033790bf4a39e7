#!/usr/bin/env Rscript
# Reference results from R's cluster::daisy (Gower), stats::dist (with NA) and stats::hclust for
# the typology tests (tests/unit/test_distance.c, tests/unit/test_linkage.c).
#
# Usage: Rscript typology_daisy.R OUTDIR
# Writes OUTDIR/<case>.ref files in the block format of typology_scipy.py ("name rows cols", then
# the numbers, nan for NA) and OUTDIR/cases.txt. Data are generated here (set.seed) and written
# with the results: X holds the values (factor and ordered columns as their integer codes
# 0, 1, ...; NA as nan), types the daisy code of each column (1 A, 2 S, 3 N, 4 O, 5 I), nlevels
# the number of declared levels of each factor/ordered column (0 for the others).
suppressPackageStartupMessages(library(cluster))

args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

fmt <- function(v) {
  s <- ifelse(is.na(v), "nan", sprintf("%.17g", v))
  paste(s, collapse = " ")
}

write_ref <- function(name, blocks) {
  path <- file.path(out, paste0(name, ".ref"))
  tmp <- paste0(path, ".tmp")
  con <- file(tmp, "w")
  for (b in names(blocks)) {
    v <- blocks[[b]]
    if (is.matrix(v)) {
      rows <- nrow(v)
      cols <- ncol(v)
      v <- as.vector(t(v))
    } else {
      rows <- 1
      cols <- length(v)
    }
    writeLines(sprintf("%s %d %d", b, rows, cols), con)
    writeLines(fmt(as.numeric(v)), con)
  }
  close(con)
  file.rename(tmp, path)
}

# A data frame of mixed variables as the C side will build it.
# kinds: "A" asymm binary, "S" symm binary, "N" factor, "O" ordered (levels = observed values),
# "L" ordered with declared levels (some unobserved), "I" numeric.
mixed <- function(n, kinds, na_rate) {
  cols <- list()
  codes <- NULL
  types <- integer(0)
  nlev <- integer(0)
  for (k in seq_along(kinds)) {
    kind <- kinds[k]
    miss <- runif(n) < na_rate
    if (kind == "A" || kind == "S") {
      v <- as.numeric(runif(n) < 0.35)
      types <- c(types, if (kind == "A") 1L else 2L)
      nlev <- c(nlev, 0L)
      code <- v
    } else if (kind == "N") {
      lv <- c("red", "green", "blue", "grey")
      f <- factor(sample(lv, n, replace = TRUE), levels = lv)
      v <- f
      types <- c(types, 3L)
      nlev <- c(nlev, length(lv))
      code <- as.integer(f) - 1
    } else if (kind == "O") {
      x <- sample(c(1, 3, 4, 7, 10), n, replace = TRUE)
      x[miss] <- NA
      v <- ordered(x) # levels: the distinct known values
      types <- c(types, 4L)
      nlev <- c(nlev, 0L)
      code <- x # the C side ranks the observed values itself
    } else if (kind == "L") {
      lv <- c("none", "start", "structure", "full", "extra")
      f <- factor(sample(lv[1:4], n, replace = TRUE), levels = lv, ordered = TRUE)
      v <- f
      types <- c(types, 4L)
      nlev <- c(nlev, length(lv))
      code <- as.integer(f) - 1
    } else {
      v <- round(rnorm(n, 50, 20), 3)
      types <- c(types, 5L)
      nlev <- c(nlev, 0L)
      code <- v
    }
    v[miss] <- NA
    code[miss] <- NA
    cols[[paste0("V", k)]] <- v
    codes <- cbind(codes, code)
  }
  list(df = as.data.frame(cols), X = unname(codes), types = types, nlevels = nlev)
}

gower <- function(m, weights = NULL) {
  asymm <- which(m$types == 1L)
  symm <- which(m$types == 2L)
  type <- list()
  if (length(asymm)) type$asymm <- asymm
  if (length(symm)) type$symm <- symm
  w <- if (is.null(weights)) rep(1, ncol(m$df)) else weights
  suppressWarnings(as.vector(daisy(m$df, metric = "gower", type = type, weights = w)))
}

cases <- character(0)
add <- function(name, blocks) {
  write_ref(name, blocks)
  cases <<- c(cases, name)
}

set.seed(20240613)
# Gower: every kind of variable with unknown cells
m <- mixed(40, c("I", "A", "S", "N", "O", "L", "I", "A", "N", "S"), 0.1)
add("gower_mixed", list(X = m$X, types = m$types, nlevels = m$nlevels, gower = gower(m)))
# the same with weights
w <- c(1, 2, 0.5, 1, 3, 1, 0.25, 1, 2, 1)
add("gower_weights", list(X = m$X, types = m$types, nlevels = m$nlevels, weights = w,
                          gower = gower(m, w)))
# no unknown cells, more objects
m2 <- mixed(120, c("A", "A", "S", "I", "O", "N", "I"), 0)
add("gower_full", list(X = m2$X, types = m2$types, nlevels = m2$nlevels, gower = gower(m2)))
# a constant numeric column: daisy lets it add 0 while counting in the denominator
m3 <- mixed(15, c("I", "S", "A", "I"), 0.05)
m3$df$V4 <- 7
m3$X[, 4] <- 7
add("gower_constant", list(X = m3$X, types = m3$types, nlevels = m3$nlevels, gower = gower(m3)))

# R's dist() with NA: variables known for both, sums scaled by p / count
X <- matrix(round(rnorm(30 * 6), 4), 30, 6)
X[runif(30 * 6) < 0.12] <- NA
B <- matrix(as.numeric(runif(25 * 30) < 0.3), 25, 30)
B[runif(25 * 30) < 0.15] <- NA
add("dist_na", list(X = X, euclidean = as.vector(dist(X, "euclidean")),
                    cityblock = as.vector(dist(X, "manhattan")),
                    chebyshev = as.vector(dist(X, "maximum"))))
add("dist_binary_na", list(X = B, jaccard = as.vector(dist(B, "binary"))))

# USArrests with hclust: heights per method, and cutree groups
U <- as.matrix(USArrests)
d <- dist(U)
blocks <- list(X = U)
for (meth in c("single", "complete", "average", "mcquitty", "ward.D2", "centroid", "median")) {
  # hclust's centroid and median expect squared distances, as its manual says
  h <- if (meth %in% c("centroid", "median")) hclust(d^2, meth) else hclust(d, meth)
  key <- sub("\\.D2", "", sub("mcquitty", "weighted", meth))
  heights <- if (meth %in% c("centroid", "median")) sqrt(h$height) else h$height
  blocks[[paste0("height_", key)]] <- sort(heights)
  if (!(meth %in% c("centroid", "median"))) {
    blocks[[paste0("cutree3_", key)]] <- cutree(h, k = 3)
    blocks[[paste0("cutree5_", key)]] <- cutree(h, k = 5)
  }
}
add("usarrests", blocks)

writeLines(cases, file.path(out, "cases.txt"))
writeLines(sprintf("R %s cluster %s", getRversion(), packageVersion("cluster")),
           file.path(out, "versions.txt"))
