/*
 * partition.h: partitioning methods (k-means, k-medoids, k-modes), checks for choosing k
 * (silhouette, Calinski-Harabasz, Davies-Bouldin, gap statistic, bootstrap stability) and
 * comparison of partitions (contingency table, adjusted Rand index, normalised mutual
 * information).
 *
 * Ownership: every function writes into arrays the caller allocated and owns, with the sizes
 * given next to each parameter; nothing returned here needs freeing. Inputs are borrowed for the
 * duration of the call only.
 *
 * Vocabulary: "cluster" is the economic cluster of the registry. What these functions return are
 * the groups of a partition, described by centres (k-means), medoids (k-medoids) or modes
 * (k-modes). Objects are the rows of the data.
 *
 * Data layout (plain arrays, so this module does not depend on typology.h):
 *   - numeric data: row-major `const double *x`, n objects by p variables;
 *   - categorical or binary data: row-major `const unsigned char *x`, n by p, codes 0..255;
 *   - dissimilarities: SciPy-condensed `const double *d` of length n(n-1)/2, the pair i < j at
 *     index n*i - i*(i+1)/2 + j - i - 1 (see cs_condensed_index);
 *   - labels: `int *`, 0-based group numbers.
 *
 * Determinism: for the same input, parameters and seed, every function returns byte-identical
 * results whatever the number of threads, and whichever SIMD or generic code path runs: sums are
 * formed per fixed chunk and combined in a fixed order, and every squared distance is the fused
 * chain s = fma(a_d - b_d, a_d - b_d, s) over the variables in order (one rounding per step).
 *
 * Errors: functions return 0 or a negative CS_E* code with a message (cs_error_last()):
 * CS_EUSAGE for arguments that do not fit (k < 1, k > n, NULL arrays), CS_EDATA for data that
 * cannot be used (NaN or infinity, empty input, labels out of range), CS_ENOMEM when the memory a
 * call needs is over the limit in cs_run_options.max_memory or cannot be allocated.
 */
#ifndef CLUSTERSCOPE_PARTITION_H
#define CLUSTERSCOPE_PARTITION_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Running: threads, memory limit, progress.
 */

/*
 * Progress of a long run: `fraction` grows from 0 to 1 and is reported at most a few hundred
 * times per call. It is called on the calling thread only, never from worker threads.
 */
typedef void (*cs_progress_fn)(void *ctx, double fraction);

typedef struct {
    /* Refuse (CS_ENOMEM) before allocating when the estimated memory is over this many bytes;
     * 0 means no limit, as in typology.h and classify.h (a front end passes its default, e.g.
     * cs_default_memory_limit()). */
    size_t max_memory;
    /* OpenMP threads; 0 means the OpenMP default. Results do not depend on it. */
    int n_threads;
    cs_progress_fn progress; /* NULL: silent */
    void *progress_ctx;
} cs_run_options;

/* Defaults: no memory limit, default threads, silent. */
void cs_run_options_init(cs_run_options *run);

/* Half of the physical memory, in bytes: the limit the CLI passes as max_memory unless told
 * otherwise (2 GiB when the system does not say). */
size_t cs_default_memory_limit(void);

/* Index of pair i != j in a condensed array of n objects (SciPy's layout). Both typology.h and
 * partition.h define it, so either can be used alone; the guard keeps one definition. */
#ifndef CS_CONDENSED_INDEX_DEFINED
#define CS_CONDENSED_INDEX_DEFINED
static inline size_t cs_condensed_index(size_t n, size_t i, size_t j)
{
    if (i > j) {
        size_t t = i;
        i = j;
        j = t;
    }
    return n * i - i * (i + 1) / 2 + j - i - 1;
}
#endif

/*
 * Euclidean distances between the rows of x (n by p) into the condensed d (n(n-1)/2 values), in
 * parallel. Each distance is the square root of the fused chain above.
 */
int cs_distance_euclidean_condensed(double *d, const double *x, size_t n, size_t p,
                                    const cs_run_options *run);

/* ---------------------------------------------------------------------------------------------
 * k-means.
 *
 * Iterations, tolerance and empty groups follow scikit-learn's KMeans(algorithm="lloyd"):
 *   - one iteration assigns every object to its nearest centre (ties: lowest group number),
 *     then moves each centre to the mean of its group;
 *   - it stops when no label changed (strict convergence), or when the sum over groups of the
 *     squared centre shift is <= tol * (mean over variables of the population variance) or
 *     within rounding (k (16 DBL_EPSILON)^2 sum over variables of max |x|^2), or after max_iter
 *     iterations; unless it converged strictly, labels are recomputed for the final centres;
 *   - a group left empty takes the object farthest from its own (old) centre as its new centre,
 *     without changing that object's label (farthest first, ties to the lower object index);
 *     objects within rounding of their centre are not taken, and an empty group left without
 *     one keeps its centre (with more groups than distinct objects, scikit-learn's choice among
 *     equal distances is unspecified);
 *   - n_iter and inertia mean what they mean in scikit-learn.
 * With the same initial centres, labels equal scikit-learn's and centres agree to rounding.
 */

typedef enum {
    CS_KMEANS_AUTO = 0,    /* the fastest exact method for the shape (see docs) */
    CS_KMEANS_LLOYD = 1,   /* every distance, every iteration */
    CS_KMEANS_HAMERLY = 2, /* one lower bound per object: same results as Lloyd, fewer distances */
    CS_KMEANS_ELKAN = 3    /* k lower bounds per object: same results as Lloyd */
} cs_kmeans_algorithm;

typedef struct {
    int k;
    int max_iter;                  /* default 300 */
    double tol;                    /* default 1e-4, relative to the mean variance; 0 allowed */
    int n_init;                    /* restarts, best inertia kept (first on ties); default 10 */
    cs_kmeans_algorithm algorithm; /* default CS_KMEANS_AUTO */
    const double *init_centres;    /* k by p; NULL = k-means++ (then n_init restarts) */
    uint64_t seed;                 /* for k-means++ */
} cs_kmeans_params;

typedef struct {
    double inertia;  /* sum of squared distances of objects to their centre */
    int n_iter;      /* iterations of the kept run */
    int best_init;   /* which restart was kept (0-based) */
    int converged;   /* 1: labels stopped changing or the shift fell under tol or rounding */
    int n_relocated; /* empty groups relocated during the kept run */
} cs_kmeans_info;

void cs_kmeans_params_init(cs_kmeans_params *params, int k);

/*
 * k-means of x (n by p). Writes labels (n) and centres (k by p). info may be NULL.
 * With init_centres, n_init is taken as 1 (as scikit-learn does).
 */
int cs_kmeans(int *labels, double *centres, cs_kmeans_info *info, const double *x, size_t n,
              size_t p, const cs_kmeans_params *params, const cs_run_options *run);

/*
 * Greedy k-means++ (Arthur and Vassilvitskii 2007, with 2 + floor(ln k) candidates per step as in
 * scikit-learn): writes k initial centres (k by p). `chosen` (k, may be NULL) receives the object
 * indices taken as centres.
 */
int cs_kmeans_plusplus(double *centres, int *chosen, const double *x, size_t n, size_t p, int k,
                       uint64_t seed, const cs_run_options *run);

/* ---------------------------------------------------------------------------------------------
 * k-medoids on dissimilarities.
 *
 * CS_KMEDOIDS_PAM is Kaufman and Rousseeuw's BUILD and SWAP with the tie rules of R's
 * cluster::pam(variant = "original"): BUILD takes the last object with the largest gain; SWAP
 * takes the first best (non-medoid h, medoid i) pair in the order h = 0..n-1, i = 0..n-1 and stops
 * when no change is below the tolerance.
 * CS_KMEDOIDS_FASTERPAM is Schubert and Rousseeuw's FasterPAM (2021): eager swaps, O(k) faster per
 * candidate, with the loop order of cluster::pam(variant = "faster") so that the same initial
 * medoids give the same result.
 * Both swap only on a change below -16 * DBL_EPSILON * max(|objective|, magnitude of the terms
 * summed into the change), and keep a swap only when the objective, recomputed, strictly
 * decreases: so no set of medoids recurs and both end on every input. (R's bound, relative to the
 * objective alone, lets rounding noise swap two equally good medoids forever: R hangs on four
 * points (1,2) (1.1,2) (9,9) (9.5,9) with k = 2.) Results differ from R's only where R swaps
 * on such noise.
 *
 * Output: medoids[g] is the object index of group g's medoid; labels[i] is the group of object i
 * (nearest medoid, ties to the medoid with the lowest object index; each medoid in its own group).
 * Groups are numbered in order of first appearance in the objects, as R numbers them.
 */

typedef enum { CS_KMEDOIDS_PAM = 0, CS_KMEDOIDS_FASTERPAM = 1 } cs_kmedoids_method;

typedef enum {
    CS_KMEDOIDS_INIT_BUILD = 0, /* PAM's BUILD: O(k n^2), deterministic */
    CS_KMEDOIDS_INIT_LAB = 1,   /* linear approximate BUILD on subsamples (seeded), O(k n) */
    CS_KMEDOIDS_INIT_RANDOM = 2 /* k distinct objects drawn uniformly (seeded) */
} cs_kmedoids_init;

typedef struct {
    int k;
    cs_kmedoids_method method; /* default CS_KMEDOIDS_FASTERPAM */
    cs_kmedoids_init init;     /* default CS_KMEDOIDS_INIT_BUILD */
    const int *init_medoids;   /* k distinct object indices; overrides init */
    int max_swaps;             /* 0 = unlimited (default) */
    int n_init;                /* restarts for the seeded inits; best kept; default 1 */
    uint64_t seed;
} cs_kmedoids_params;

typedef struct {
    double objective;       /* total deviation: sum of distances to the nearest medoid */
    double build_objective; /* the same after initialisation (R's objective["build"] * n) */
    long n_swaps;
    int converged; /* 1: no swap lowers the objective; 0: max_swaps stopped the swaps */
} cs_kmedoids_info;

void cs_kmedoids_params_init(cs_kmedoids_params *params, int k);

/* k-medoids on condensed dissimilarities d (n objects). Writes medoids (k) and labels (n). */
int cs_kmedoids(int *medoids, int *labels, cs_kmedoids_info *info, const double *d, size_t n,
                const cs_kmedoids_params *params, const cs_run_options *run);

/*
 * k-medoids with Euclidean distances of x (n by p). FasterPAM from given, LAB or random medoids
 * computes distances as it scans (O(n p) memory); BUILD and PAM first compute a full n by n
 * matrix in parallel (checked against max_memory) so that every row is contiguous. Results equal
 * cs_kmedoids on cs_distance_euclidean_condensed of the same data, byte for byte.
 */
int cs_kmedoids_euclidean(int *medoids, int *labels, cs_kmedoids_info *info, const double *x,
                          size_t n, size_t p, const cs_kmedoids_params *params,
                          const cs_run_options *run);

/* ---------------------------------------------------------------------------------------------
 * k-modes (Huang 1997) on categorical codes with simple-matching dissimilarity (the number of
 * variables on which two objects differ).
 *
 * Tie rules: an object goes to the nearest mode, ties to the lowest group number; a mode's value
 * for a variable is its most frequent code in the group, ties to the smallest code; objects are
 * visited in index order and modes are updated after every move (Huang's algorithm).
 */

typedef enum {
    CS_KMODES_INIT_CAO = 0,   /* Cao, Liang and Bai (2009): density and distance, deterministic */
    CS_KMODES_INIT_HUANG = 1, /* Huang (1997): frequency-based, seeded */
    CS_KMODES_INIT_RANDOM = 2 /* k distinct objects drawn uniformly (seeded) */
} cs_kmodes_init;

typedef struct {
    int k;
    int max_iter;                    /* passes over the objects; default 100 */
    int n_init;                      /* restarts for the seeded inits; best cost kept; default 1 */
    cs_kmodes_init init;             /* default CS_KMODES_INIT_CAO */
    const unsigned char *init_modes; /* k by p; overrides init */
    uint64_t seed;
} cs_kmodes_params;

typedef struct {
    long cost;   /* total simple-matching dissimilarity of objects to their modes */
    int n_iter;  /* passes of the kept run */
    int n_moves; /* objects moved in the kept run */
} cs_kmodes_info;

void cs_kmodes_params_init(cs_kmodes_params *params, int k);

/* k-modes of x (n by p codes). Writes labels (n) and modes (k by p). */
int cs_kmodes(int *labels, unsigned char *modes, cs_kmodes_info *info, const unsigned char *x,
              size_t n, size_t p, const cs_kmodes_params *params, const cs_run_options *run);

/* ---------------------------------------------------------------------------------------------
 * Checking a partition, choosing k. Labels must lie in 0..k-1; groups without objects are left
 * out (as scikit-learn only sees the labels present). At least 2 and at most n-1 groups must be
 * present for silhouette, Calinski-Harabasz and Davies-Bouldin (scikit-learn's rule).
 */

/*
 * Silhouette widths with Euclidean distances of x, exact, in O(n p) extra memory (objects are
 * sorted by group once; each distance is computed on the fly). widths (n, may be NULL) gets each
 * object's width, mean (may be NULL) their mean. Objects alone in their group get 0 (scikit-learn's
 * convention), as do objects whose a and b are both 0.
 */
int cs_silhouette(double *widths, double *mean, const double *x, size_t n, size_t p,
                  const int *labels, int k, const cs_run_options *run);

/* The same from condensed dissimilarities d. */
int cs_silhouette_condensed(double *widths, double *mean, const double *d, size_t n,
                            const int *labels, int k, const cs_run_options *run);

/* Calinski-Harabasz index (between / within dispersion ratio), as scikit-learn computes it. */
int cs_calinski_harabasz(double *score, const double *x, size_t n, size_t p, const int *labels,
                         int k);

/* Davies-Bouldin index, as scikit-learn computes it (0 when all spreads or all centre distances
 * are within 1e-8 of 0). */
int cs_davies_bouldin(double *score, const double *x, size_t n, size_t p, const int *labels, int k);

/*
 * Gap statistic (Tibshirani, Walther and Hastie 2001) for k = 1..k_max with k-means.
 * W_k is the within-group sum of squares; the B reference sets are uniform over the bounding box
 * of the data (R clusGap's spaceH0 = "original"). For k = 1..k_max (arrays of k_max):
 *   log_w[k-1]   = log W_k of the data,
 *   e_log_w[k-1] = mean over reference sets of log W*_k,
 *   gap[k-1]     = e_log_w - log_w,
 *   s[k-1]       = sd * sqrt(1 + 1/B), sd with divisor B as in the paper.
 * *k_best = the smallest k with gap(k) >= gap(k+1) - s(k+1), else k_max.
 * Any of the output arrays may be NULL.
 */
typedef struct {
    int k_max;               /* >= 1 */
    int n_ref;               /* B, reference sets; default 50 */
    cs_kmeans_params kmeans; /* k, init_centres are ignored; seed drives everything */
} cs_gap_params;

void cs_gap_params_init(cs_gap_params *params, int k_max);

int cs_gap_statistic(double *gap, double *s, double *log_w, double *e_log_w, int *k_best,
                     const double *x, size_t n, size_t p, const cs_gap_params *params,
                     const cs_run_options *run);

/*
 * Partitioner for the bootstrap: partition the m objects `rows` (m by p) into labels (m).
 * `seed` differs per resample. Return 0 or a CS_E* code (with a message).
 */
typedef int (*cs_partition_fn)(void *ctx, int *labels, const double *rows, size_t m, size_t p,
                               uint64_t seed);

/*
 * Stability by bootstrap: for b = 1..n_boot, draw n objects with replacement, partition the
 * resampled data with `fn`, and compute the adjusted Rand index between that partition and
 * `labels` (the partition of the full data) on the distinct resampled objects. ari (n_boot, may
 * be NULL) gets each index, mean the mean. Seeded: resample b uses a stream derived from seed.
 */
int cs_stability_bootstrap(double *mean, double *ari, const double *x, size_t n, size_t p,
                           const int *labels, cs_partition_fn fn, void *ctx, int n_boot,
                           uint64_t seed, const cs_run_options *run);

/* The bootstrap with k-means (params) as the partitioner, its full-data partition included. */
int cs_stability_kmeans(double *mean, double *ari, const double *x, size_t n, size_t p,
                        const cs_kmeans_params *params, int n_boot, uint64_t seed,
                        const cs_run_options *run);

/* ---------------------------------------------------------------------------------------------
 * Comparing two partitions of the same n objects.
 */

/* Contingency table (ka by kb, row-major): table[a*kb + b] = objects with label a in `la` and b
 * in `lb`. Labels must be in 0..ka-1 and 0..kb-1. */
int cs_contingency_table(int64_t *table, const int *la, int ka, const int *lb, int kb, size_t n);

/* Adjusted Rand index (Hubert and Arabie 1985); labels may be any ints. Equals scikit-learn's
 * adjusted_rand_score (pair counts are exact integers). n = 0 gives 1. */
int cs_adjusted_rand_index(double *ari, const int *la, const int *lb, size_t n);

/* Normalised mutual information with arithmetic-mean normalisation, as scikit-learn's
 * normalized_mutual_info_score: 1 when both labelings have one group, 0 when MI is 0. */
int cs_normalized_mutual_info(double *nmi, const int *la, const int *lb, size_t n);

#ifdef __cplusplus
}
#endif
#endif
