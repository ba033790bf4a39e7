/*
 * typology_impl.h: internals shared by the data matrix, distance and linkage files of the
 * typology module (src/typology/{matrix,distance,linkage,nnchain,rnn,ward}.c). Nothing here is
 * public; everything allocated through these functions is freed by the same module.
 */
#ifndef CS_TYPOLOGY_IMPL_H
#define CS_TYPOLOGY_IMPL_H

#include "clusterscope/typology.h"
#include "util/strpool.h"

#include <stddef.h>
#include <stdint.h>

typedef struct cs_typ_nnacc cs_typ_nnacc;

struct cs_datamatrix {
    size_t n, p;
    cs_var_type *type;
    double *x; /* n x p row-major; NaN = unknown (the only place NaN is allowed) */
    /*
     * Binary and asymmetric binary columns also live as bit sets: column j is bit bitpos[j]
     * of a row of nw words (bitpos[j] == SIZE_MAX for other columns). `known` has a 1 for every
     * known binary cell. When every column is binary, bitpos[j] == j.
     */
    size_t *bitpos;
    size_t nbin, nw;
    uint64_t *bits, *known;
    /* id[i] points into id_pool when it is not NULL (a matrix read from a file: one pool rather
     * than n allocations); then every id lives there, also one set later */
    char **id, **name;
    cs_strpool *id_pool;
    char ***levels;
    size_t *nlevels;
    size_t unknowns;
};

/* Largest allocation we attempt for one array: refuse rather than overflow size_t. */
#define CS_TYP_HUGE ((size_t)1 << 60)

/* Allocations for distance matrices (2 MiB aligned when large); free with cs_typ_big_free. */
void *cs_typ_big_alloc(size_t bytes);
void cs_typ_big_free(void *p);

/*
 * A prepared distance computation over n objects: what the kernels read. Built by
 * cs_typ_dist_prepare from a data matrix or plain arrays; freed by cs_typ_dist_release.
 */
typedef struct cs_typ_dist cs_typ_dist;

int cs_typ_dist_prepare_matrix(cs_typ_dist **out, const cs_datamatrix *m, cs_metric metric,
                               const cs_distance_options *opts);
int cs_typ_dist_prepare_dense(cs_typ_dist **out, const double *x, size_t n, size_t p,
                              cs_metric metric, const cs_distance_options *opts);
int cs_typ_dist_prepare_bits(cs_typ_dist **out, const uint64_t *bits, const uint64_t *known,
                             size_t n, size_t nwords, size_t nvars, cs_metric metric,
                             const cs_distance_options *opts);
void cs_typ_dist_release(cs_typ_dist *c);
size_t cs_typ_dist_n(const cs_typ_dist *c);
/* 1 and the n x p rows when the computation reads dense numeric data without unknown cells. */
int cs_typ_dist_dense(const cs_typ_dist *c, const double **x, size_t *p);

/*
 * Distances of object i to objects j0..j1-1 (j0 > i) into out[0 .. j1-j0). Returns the number
 * of undefined pairs met (written as NaN; the caller reports them with cs_typ_dist_undefined).
 */
size_t cs_typ_dist_row(const cs_typ_dist *c, size_t i, size_t j0, size_t j1, double *out);
/* Sets the error for an undefined distance between i and j. */
int cs_typ_dist_undefined(const cs_typ_dist *c, size_t i, size_t j);
/* Sets the error for an infinite distance between i and j (values too large: squares overflow). */
int cs_typ_dist_infinite(const cs_typ_dist *c, size_t i, size_t j);

/* Fills the condensed array (n(n-1)/2) in parallel; feeds ACC (may be NULL) the rows. */
int cs_typ_dist_condensed(const cs_typ_dist *c, double *out, int n_threads, cs_typ_nnacc *acc);
/* Single linkage by Prim's algorithm on the fly from a prepared computation (O(n) memory). */
int cs_typ_single_from_dist(double *z, const cs_typ_dist *c);

/*
 * The NN-chain for complete, average, weighted and ward on the condensed matrix D (n slots,
 * SciPy layout; modified). Writes the unsorted merge records into Z exactly as SciPy's nn_chain
 * does before sorting (slot indices, height, size). NNV/NNI (may be NULL) give every slot's
 * nearest neighbour (least distance, lowest slot among equals) as cs_typ_condensed_nn finds it.
 */
int cs_typ_nnchain_condensed(double *z, double *d, size_t n, cs_linkage_method method,
                             const double *nnv, const uint32_t *nni);

/*
 * Nearest neighbours gathered while a condensed matrix is written row by row: each thread feeds
 * the rows it wrote (segment = D(i, i+1 .. n-1)); finish combines the threads' column minima
 * into NNV/NNI (caller's arrays of n) and frees the accumulator.
 */
int cs_typ_nnacc_new(cs_typ_nnacc **out, size_t n, int n_threads, double *nnv, uint32_t *nni);
void cs_typ_nnacc_row(cs_typ_nnacc *a, int thread, size_t i, const double *seg);
void cs_typ_nnacc_finish(cs_typ_nnacc *a);

/* Copies a condensed matrix (in parallel) and gathers the nearest neighbours on the way. */
int cs_typ_condensed_copy_nn(double *dst, const double *src, size_t n, double *nnv, uint32_t *nni,
                             int n_threads);

/*
 * Ward linkage from the euclidean data of C by the NN-chain on centroids (O(n p) memory).
 * Falls back to the matrix when the data have unknown cells. Writes the final (sorted,
 * relabelled) linkage.
 */
int cs_typ_ward_vector(double *z, const cs_typ_dist *c, int n_threads);

/*
 * The same methods by rounds of reciprocal nearest neighbours (rnn.c): D is modified; NNV/NNI
 * (required) hold every slot's nearest neighbour on entry and are overwritten. Writes unsorted
 * merge records (slot indices) for cs_typ_sort_and_label.
 */
int cs_typ_rnn_condensed(double *z, double *d, size_t n, cs_linkage_method method, double *nnv,
                         uint32_t *nni, int n_threads);

/* Stable sort of the merge records by height, then SciPy's relabelling (label()). */
int cs_typ_sort_and_label(double *z, size_t n);

#endif
