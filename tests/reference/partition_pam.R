#!/usr/bin/env Rscript
# Reference results from R's cluster::pam for tests/unit/test_kmedoids.c.
#
# Usage: Rscript partition_pam.R OUTDIR
# Writes OUTDIR/<case>.ref in the block format of partition_sklearn.py ("name rows cols" then the
# numbers, 17 significant digits). Data come from fixed seeds (and R's USArrests and iris), so
# the C test reads the very numbers R used. Medoids are written 1-based, as R gives them.
# Ties where equally good medoids abound are not compared with R: pam(variant = "faster") swaps
# them forever on some (cluster 2.1.4 on (1,2) (1.1,2) (9,9) (9.5,9), k = 2); test_kmedoids.c
# checks them on their own (test_ties_end).
suppressMessages(library(cluster))

args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

fmt <- function(v) paste(sprintf("%.17g", as.numeric(v)), collapse = " ")
write_ref <- function(name, blocks) {
  path <- file.path(out, paste0(name, ".ref"))
  con <- file(paste0(path, ".tmp"), "w")
  for (b in names(blocks)) {
    v <- blocks[[b]]
    if (is.matrix(v)) {
      cat(b, nrow(v), ncol(v), "\n", file = con)
      cat(fmt(t(v)), "\n", file = con)
    } else {
      cat(b, 1, length(v), "\n", file = con)
      cat(fmt(v), "\n", file = con)
    }
  }
  close(con)
  file.rename(paste0(path, ".tmp"), path)
}

cases <- character(0)
one_case <- function(name, x, ks) {
  n <- nrow(x)
  for (k in ks) {
    r <- pam(x, k, variant = "original")
    start <- sort(sample.int(n, k))
    f <- pam(x, k, variant = "faster", medoids = start)
    fr <- pam(x, k, variant = "faster")   # R's default: random start
    nm <- sprintf("%s_k%d", name, k)
    write_ref(nm, list(X = unname(as.matrix(x)), k = k,
                       med = r$id.med, obj = r$objective * n, groups = r$clustering,
                       start = start, fmed = f$id.med, fobj = f$objective * n,
                       fgroups = f$clustering, frandom_obj = fr$objective["swap"] * n))
    cases <<- c(cases, nm)
  }
}

set.seed(20240611)
for (n in c(30, 100, 300)) {
  g <- sample(0:3, n, TRUE)
  x <- matrix(rnorm(n * 4), n) + g * 2.5
  one_case(sprintf("pam_n%d", n), x, 2:6)
}
one_case("pam_usarrests", as.matrix(USArrests), 2:6)
one_case("pam_iris", as.matrix(iris[, 1:4]), 2:6)
# ties: integer grid data, many equal distances
x <- matrix(sample(0:3, 60 * 3, TRUE), 60)
one_case("pam_ties", x, 2:5)
writeLines(cases, file.path(out, "pam_list.txt.tmp"))
file.rename(file.path(out, "pam_list.txt.tmp"), file.path(out, "pam_list.txt"))
writeLines(paste("cluster", packageVersion("cluster"), R.version.string),
           file.path(out, "r_version.txt"))
