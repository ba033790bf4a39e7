/*
 * partition_util.h: helpers shared by the partitioning files (kmeans.c, kmedoids.c, kmodes.c,
 * validity.c, compare.c, stability.c): argument and data checks, the memory limit, threads,
 * progress, and the squared-distance kernels.
 *
 * Ownership: nothing here allocates except cs_part_alloc, whose memory the caller frees with
 * free().
 *
 * Invariant of the kernels: every squared distance is formed as ((0 + t_0^2) + t_1^2) + ... in
 * variable order, with t = a - b, without fused multiply-add, whichever SIMD path runs. Code
 * that must agree bit for bit (Lloyd versus Hamerly and Elkan, threads versus none) relies on it.
 */
#ifndef CS_PARTITION_UTIL_H
#define CS_PARTITION_UTIL_H

#include "clusterscope/partition.h"

#include <stddef.h>
#include <stdint.h>

/* run or, when run is NULL, the defaults. */
const cs_run_options *cs_part_run(const cs_run_options *run, cs_run_options *storage);

/* Threads to use for parallel regions (>= 1). */
int cs_part_threads(const cs_run_options *run);

/* The limit in bytes: run->max_memory, or SIZE_MAX (no limit) when it is 0. */
size_t cs_part_memory_limit(const cs_run_options *run);

/*
 * Refuses (CS_ENOMEM with a message naming `what`) when `bytes` is over the limit; `bytes` of
 * SIZE_MAX stands for an overflowing estimate.
 */
int cs_part_memory_check(const cs_run_options *run, size_t bytes, const char *what);

/* a * b, or SIZE_MAX when it overflows; likewise a + b. */
size_t cs_part_mul(size_t a, size_t b);
size_t cs_part_add(size_t a, size_t b);

/* malloc(count * size) aligned to 64 bytes; NULL with CS_ENOMEM set on failure or overflow. */
void *cs_part_alloc(size_t count, size_t size, const char *what);

/* CS_EDATA naming the first row and column holding NaN or infinity (1-based), else 0. */
int cs_part_check_finite(const double *x, size_t n, size_t p, const char *what);

/*
 * For algorithms that sum squared differences (k-means, its indices): CS_EDATA naming the first
 * value so large that a sum of 4 n p of its squares would overflow (|x| > sqrt(DBL_MAX / 4np),
 * about 1e153 for small data), else 0. Call after cs_part_check_finite().
 */
int cs_part_check_squares(const double *x, size_t n, size_t p, const char *what);

/*
 * Checks labels (n) are in 0..k-1 and counts objects per group into counts (k, may be NULL);
 * *present (may be NULL) gets the number of non-empty groups.
 */
int cs_part_check_labels(const int *labels, size_t n, int k, size_t *counts, int *present,
                         const char *what);

/* Calls run->progress when set. */
void cs_part_progress(const cs_run_options *run, double fraction);

/*
 * The distance kernels (partition_kernels.h), one set per instruction set; all give the same bits.
 * `scratch` is 8 * p doubles (16 * p for sqdist_own), 64-byte aligned, per calling thread.
 */
typedef struct {
    const char *name; /* "generic", "avx2" or "avx512" */
    /* lab[i], best[i] (and second[i] when not NULL): the nearest of the k centres c (k by p) to
     * row i of x (nb rows), or to row idx[i] when idx is not NULL; ties to the lowest index;
     * squared distances; second is INFINITY when k = 1. */
    void (*nearest)(int *lab, double *best, double *second, const double *x, const size_t *idx,
                    size_t nb, size_t p, const double *c, size_t k, double *scratch);
    /* out[i*k + j] = squared distance between row i of x and centre j. */
    void (*sqdist_all)(double *out, const double *x, size_t nb, size_t p, const double *c, size_t k,
                       double *scratch);
    /* Distances from up to 4 rows xr[r] to objects j0..j1-1 stored transposed (xt[d*ld + j]):
     * sums[r] (fixed summation order) and/or out[r*ldo + j - j0]; either may be NULL. */
    void (*dist_rows)(double *sums, double *out, size_t ldo, const double *const *xr, size_t nr,
                      const double *xt, size_t ld, size_t j0, size_t j1, size_t p);
    /* out[i] = squared distance between row idx[i] of x and centre c[lab[idx[i]]] (k by p);
     * scratch is 16 p doubles here. */
    void (*sqdist_own)(double *out, const double *x, const size_t *idx, size_t nb, size_t p,
                       const double *c, const int *lab, double *scratch);
    /* FasterPAM's scan of candidate h (coordinates xh) over the n objects stored transposed
     * (xt, stride ld): R's additions to *acc and beter[slot[j]] for each j != h, in index order,
     * with d(h, j) < second[j]; lim[j] >= second[j]^2 only filters (kmedoids.c). */
    void (*fp_scan)(double *beter, double *acc, const double *xh, const double *xt, size_t ld,
                    size_t n, size_t p, const double *nearest, const double *second,
                    const double *lim, const int *slot, size_t h);
    /* The canonical squared distance of two points (see the invariant above). */
    double (*sqdist1)(const double *a, const double *b, size_t p);
    /* psum[labels[i]*p + d] += x[i*p + d] and pcnt[labels[i]] += 1 for i in i0..i1-1, in order. */
    void (*accumulate)(double *psum, double *pcnt, const double *x, const int *labels, size_t i0,
                       size_t i1, size_t p);
} cs_part_kernels;

/* The kernels for this processor, or those named by the environment variable CS_PARTITION_ISA
 * (generic, avx2, avx512) when the processor can run them. */
const cs_part_kernels *cs_part_kernels_get(void);

/* Squared Euclidean distance of two points, canonical (see the invariant above). */
static inline double cs_part_sqdist(const double *a, const double *b, size_t p)
{
    return cs_part_kernels_get()->sqdist1(a, b, p);
}

/* Forces a kernel set by name (for tests comparing them); -1 when unknown or not runnable. */
int cs_part_kernels_force(const char *name);

#endif
