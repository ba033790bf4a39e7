# The R side of bench/partition.sh: cluster::pam(variant = "faster") from the same start as
# partition_bench, distances computed inside pam (included in the time, as on our side).
# Usage: Rscript partition_pam.R BASE n p k
# Prints "time=SECONDS objective=TOTAL_DEVIATION threads=1" (pam is single-threaded).
suppressMessages(library(cluster))
a <- commandArgs(trailingOnly = TRUE)
base <- a[1]; n <- as.integer(a[2]); p <- as.integer(a[3]); k <- as.integer(a[4])
x <- matrix(readBin(paste0(base, ".x"), "double", n * p, size = 8, endian = "little"),
            n, p, byrow = TRUE)
start <- readBin(paste0(base, ".start"), "integer", k, size = 4, endian = "little") + 1L
t0 <- proc.time()[["elapsed"]]
r <- pam(x, k, medoids = sort(start), variant = "faster", cluster.only = TRUE)
t1 <- proc.time()[["elapsed"]]
# cluster.only returns the clustering: the objective is recomputed from it and the medoids
med <- pam(x, k, medoids = sort(start), variant = "faster", keep.data = FALSE)
cat(sprintf("time=%.3f objective=%.10g threads=1\n", t1 - t0, med$objective[["swap"]] * n))
