/*
 * typology.h: the data matrix of a cluster analysis, pairwise distances and hierarchical
 * (agglomerative) linkage, with cuts into groups and cophenetic distances.
 *
 * Ownership: a cs_datamatrix belongs to the caller, who frees it with cs_datamatrix_free().
 * Arrays returned through `double **` out-parameters are allocated by the library and freed by
 * the caller with cs_typology_free(). Every other array (linkage matrices, labels, condensed
 * distances passed in) is allocated and owned by the caller; the library never keeps a pointer
 * to it after the call returns.
 *
 * Vocabulary: a "cluster" is the economic cluster of the registry. What cluster analysis
 * returns is a partition into groups; a linkage records merges of nodes.
 *
 * Conventions shared with SciPy, so that arrays can be exchanged with partition.h and with
 * scipy.cluster.hierarchy without conversion:
 * - Condensed distances: the upper triangle of the n x n distance matrix, row by row, as a
 *   `double` array of n(n-1)/2 entries; pair i < j is at cs_condensed_index(n, i, j) =
 *   n*i - i*(i+1)/2 + j - i - 1.
 * - Linkage matrix Z: (n-1) rows of 4 doubles, row-major. Row k merges nodes Z[k][0] < Z[k][1]
 *   at height Z[k][2] into node n+k of size Z[k][3]; nodes 0..n-1 are the objects.
 * The full definitions, the tie rule and the handling of unknown cells are in docs/typology.md.
 *
 * Settings shared with partition.h and classify.h, with one meaning everywhere: `max_memory` is
 * the bytes a call may allocate, checked before it allocates (CS_ENOMEM when over), 0 meaning
 * no limit (a front end passes its own default; the CLI passes half of the physical memory,
 * cs_default_memory_limit()); `n_threads` is the OpenMP threads, 0 meaning the OpenMP default.
 * Reading CSV files into a data matrix is ingest.h's (cs_ingest_read_matrix).
 */
#ifndef CLUSTERSCOPE_TYPOLOGY_H
#define CLUSTERSCOPE_TYPOLOGY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Data matrix: objects (rows) x variables (columns)                                           */

typedef enum {
    CS_VAR_AUTO = 0, /* only as a loader option: infer from the column (0/1 = binary) */
    CS_VAR_NUMERIC,  /* interval scale */
    CS_VAR_BINARY,   /* 0/1, symmetric: 0-0 is agreement (Gower: daisy "symm") */
    CS_VAR_ASYMM,    /* 0/1, asymmetric: 0-0 is no information (Gower: daisy "asymm") */
    CS_VAR_ORDINAL,  /* ordered levels; Gower ranks them (see cs_datamatrix_set_levels) */
    CS_VAR_NOMINAL   /* unordered categories, coded 0, 1, 2, ... */
} cs_var_type;

typedef struct cs_datamatrix cs_datamatrix;

/* "numeric", "binary", "asymm", "ordinal", "nominal" (and "auto"). */
const char *cs_var_type_name(cs_var_type t);
/* Parses those names; also accepts the daisy codes "I", "S", "A", "O", "N". */
int cs_var_type_parse(cs_var_type *out, const char *name);

/*
 * A matrix of n objects and p variables of the given types (not CS_VAR_AUTO), all cells
 * unknown, objects named "1".."n" and variables "V1".."Vp" until set.
 * CS_EUSAGE for n == 0, p == 0 or a bad type.
 */
int cs_datamatrix_new(cs_datamatrix **out, size_t n, size_t p, const cs_var_type *types);
void cs_datamatrix_free(cs_datamatrix *m);

/*
 * Sets a cell. Binary and asymmetric binary take 0 or 1; nominal takes a category code
 * (a whole number >= 0); ordinal takes any number (its order is what counts) or, after
 * cs_datamatrix_set_levels(), a level index 0..nlevels-1. NaN or infinity is CS_EDATA.
 */
int cs_datamatrix_set(cs_datamatrix *m, size_t i, size_t j, double value);
int cs_datamatrix_set_unknown(cs_datamatrix *m, size_t i, size_t j);
/* Object ids must be unique (checked by cs_datamatrix_check). */
int cs_datamatrix_set_id(cs_datamatrix *m, size_t i, const char *id);
int cs_datamatrix_set_name(cs_datamatrix *m, size_t j, const char *name);
/*
 * Declares the levels of an ordinal or nominal column, lowest first for ordinal. For an
 * ordinal column with declared levels Gower uses the level index as it is (daisy on an
 * ordered factor with these levels: an unobserved level between observed ones keeps its place);
 * without declared levels Gower uses the rank among the distinct known values (daisy on
 * ordered(x), equal to type "ordratio"). Existing values must be level indexes.
 */
int cs_datamatrix_set_levels(cs_datamatrix *m, size_t j, const char *const *levels, size_t n);

size_t cs_datamatrix_rows(const cs_datamatrix *m);
size_t cs_datamatrix_cols(const cs_datamatrix *m);
cs_var_type cs_datamatrix_type(const cs_datamatrix *m, size_t j);
const char *cs_datamatrix_id(const cs_datamatrix *m, size_t i);
const char *cs_datamatrix_name(const cs_datamatrix *m, size_t j);
/* Number of declared levels of column j (0 when none). */
size_t cs_datamatrix_nlevels(const cs_datamatrix *m, size_t j);
const char *cs_datamatrix_level(const cs_datamatrix *m, size_t j, size_t level);
/* 1 and *value when the cell is known, 0 when unknown. */
int cs_datamatrix_get(const cs_datamatrix *m, size_t i, size_t j, double *value);
/* Number of unknown cells. */
size_t cs_datamatrix_unknowns(const cs_datamatrix *m);
/*
 * The n x p cells, row-major, NaN where unknown (nominal cells hold their category codes):
 * the matrix's own array, for reading without a copy; valid until the matrix is changed or
 * freed.
 */
const double *cs_datamatrix_values(const cs_datamatrix *m);
/*
 * 1 when no squared Euclidean distance between two objects, times `scale` (>= 1), can overflow:
 * scale times the sum over the variables of their squared ranges is finite. A column with
 * unknown cells has 0 in its range (as --unknown as-zero reads them). For the paths that compute
 * distances as they go and so cannot check each one (Ward on centroids: scale n, the size
 * factor's bound; k-medoids and the silhouette on the data: scale 1).
 */
int cs_datamatrix_euclidean_finite(const cs_datamatrix *m, double scale);

/*
 * Checks what every analysis needs: at least 2 objects, unique ids, and no variable without
 * any known value. CS_EDATA with a message naming the object or variable.
 */
int cs_datamatrix_check(const cs_datamatrix *m);

/* ------------------------------------------------------------------------------------------ */
/* Distances                                                                                   */

typedef enum {
    CS_METRIC_EUCLIDEAN = 0,
    CS_METRIC_SQEUCLIDEAN,
    CS_METRIC_CITYBLOCK,
    CS_METRIC_CHEBYSHEV,
    CS_METRIC_COSINE,
    CS_METRIC_HAMMING, /* binary: share of differing variables (simple matching distance) */
    CS_METRIC_JACCARD, /* binary: differing / (variables where either is 1); 0 when none is */
    CS_METRIC_DICE,
    CS_METRIC_ROGERSTANIMOTO,
    CS_METRIC_GOWER, /* mixed types, as R cluster::daisy(metric = "gower") */
    CS_METRIC_COUNT
} cs_metric;

/* SciPy's names ("euclidean", "cityblock", ...) and "gower"; "manhattan" = cityblock. */
int cs_metric_parse(cs_metric *out, const char *name);
const char *cs_metric_name(cs_metric m);
/* 1 for hamming, jaccard, dice and rogerstanimoto (they need binary variables). */
int cs_metric_is_binary(cs_metric m);

/* What a distance does with unknown cells (the method setting `unknown`). */
typedef enum {
    CS_UNKNOWN_PAIRWISE = 0, /* use the variables known for both objects, rescaled */
    CS_UNKNOWN_ERROR,        /* refuse a matrix with unknown cells */
    CS_UNKNOWN_AS_ZERO       /* read unknown as 0 */
} cs_unknown_policy;

typedef struct {
    cs_unknown_policy unknown;
    /*
     * Gower only: accept a constant variable (range 0). daisy then lets it contribute 0 to
     * every pair while it still counts in the denominator; by default that is refused with a
     * message naming the variable, because it silently shrinks every distance.
     */
    int allow_constant;
    const double *weights; /* Gower only: one weight > 0 per variable; NULL = all 1 */
    size_t max_memory;     /* bytes; 0 = no limit; checked before allocating */
    int n_threads;         /* 0 = OpenMP default */
    /*
     * The condensed-array functions only (cs_distance_condensed, cs_pdist, cs_pdist_bits):
     * 1 = a pair whose distance is undefined (no variable known for both) gets NaN instead of a
     * refusal, for a caller that fills such pairs itself; the linkage functions ignore it.
     */
    int keep_undefined;
} cs_distance_options;

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

/* Bytes of a condensed distance array for n objects (n(n-1)/2 doubles); SIZE_MAX on overflow. */
size_t cs_distance_memory(size_t n);

/*
 * Computes all pairwise distances of the objects of M into a new condensed array (*out, n(n-1)/2
 * entries; free with cs_typology_free). Numeric metrics read binary variables as 0/1 and
 * ordinal variables by their values, and refuse nominal ones; binary metrics need every
 * variable to be binary. CS_ENOMEM when over opts->max_memory (before allocating), CS_EDATA for
 * a pair without any variable known for both, a zero vector under cosine, or (Gower) a
 * constant variable.
 */
int cs_distance_condensed(double **out, const cs_datamatrix *m, cs_metric metric,
                          const cs_distance_options *opts);

/*
 * Plain-array forms. X is n x p row-major; NaN cells are unknown (handled by opts->unknown).
 * OUT has n(n-1)/2 entries. Binary metrics read nonzero as 1, as SciPy does.
 */
int cs_pdist(double *out, const double *x, size_t n, size_t p, cs_metric metric,
             const cs_distance_options *opts);
/*
 * Binary metrics on bit sets: object i has nwords 64-bit words at bits + i*nwords (variable v
 * is bit v%64 of word v/64); KNOWN, if not NULL, has the same layout with 1 = known. Bits at
 * or beyond nvars must be 0 in both.
 */
int cs_pdist_bits(double *out, const uint64_t *bits, const uint64_t *known, size_t n, size_t nwords,
                  size_t nvars, cs_metric metric, const cs_distance_options *opts);

/* ------------------------------------------------------------------------------------------ */
/* Hierarchical linkage                                                                        */

typedef enum {
    CS_LINKAGE_SINGLE = 0,
    CS_LINKAGE_COMPLETE,
    CS_LINKAGE_AVERAGE,
    CS_LINKAGE_WEIGHTED,
    CS_LINKAGE_WARD,
    CS_LINKAGE_CENTROID,
    CS_LINKAGE_MEDIAN,
    CS_LINKAGE_COUNT
} cs_linkage_method;

/* SciPy's names: "single", "complete", "average", "weighted", "ward", "centroid", "median". */
int cs_linkage_method_parse(cs_linkage_method *out, const char *name);
const char *cs_linkage_method_name(cs_linkage_method m);

/* From this many objects, Ward linkage from data works on centroids (see ward_vector). */
#define CS_WARD_VECTOR_MIN 4096
/* From this many objects, the matrix methods merge in rounds (see batch). */
#define CS_BATCH_MIN 4096

typedef struct {
    size_t max_memory; /* bytes of working memory; 0 = no limit; checked before allocating */
    int n_threads;     /* 0 = OpenMP default */
    /*
     * Ward from data (cs_linkage_data): 1 = on centroids in O(n p) memory, as
     * fastcluster.linkage_vector; -1 = on the distance matrix, SciPy's arithmetic bit for bit;
     * 0 = centroids from CS_WARD_VECTOR_MIN objects on. Heights agree within rounding
     * (docs/typology.md).
     */
    int ward_vector;
    /*
     * Complete, average, weighted (and Ward on a matrix): 1 = rounds of reciprocal nearest
     * neighbours over the streamed matrix, much faster for large n; -1 = SciPy's NN-chain,
     * decision for decision and bit for bit; 0 = rounds from CS_BATCH_MIN objects on. Both
     * give the same merges unless distances tie exactly; heights agree within rounding
     * (docs/typology.md, "Ties").
     */
    int batch;
} cs_linkage_options;

/*
 * Working memory in bytes that cs_linkage (from_data = 0) or cs_linkage_data (from_data = 1)
 * allocates for n objects with METHOD (the condensed matrix and per-object bookkeeping; not the
 * data matrix). *minimum (may be NULL) receives the same value. SIZE_MAX on overflow.
 */
size_t cs_linkage_memory(size_t n, cs_linkage_method method, int from_data, size_t *minimum);

/*
 * Hierarchical linkage of n >= 2 objects from condensed distances D (not modified), into Z
 * ((n-1) x 4, caller's). Below CS_BATCH_MIN objects (or with batch = -1) the result is
 * scipy.cluster.hierarchy.linkage(D, method) bit for bit, ties included; above, see `batch`
 * (docs/typology.md, "Ties"). CS_EDATA for a non-finite distance; CS_ENOMEM over max_memory.
 */
int cs_linkage(double *z, const double *d, size_t n, cs_linkage_method method,
               const cs_linkage_options *opts);

/*
 * Linkage straight from the data matrix under METRIC: distances are computed into the working
 * matrix directly (single linkage computes them on the fly, in O(n) memory). Ward, centroid and
 * median need the euclidean metric, as in SciPy. Equal to cs_distance_condensed + cs_linkage.
 */
int cs_linkage_data(double *z, const cs_datamatrix *m, cs_metric metric, cs_linkage_method method,
                    const cs_distance_options *dopts, const cs_linkage_options *lopts);

/* Checks that Z is a valid linkage matrix of n objects (SciPy's is_valid_linkage rules). */
int cs_linkage_check(const double *z, size_t n);

/*
 * Cut into at most k groups (scipy fcluster criterion "maxclust"): the partition at the lowest
 * height h among the nodes' heights such that merging every node whose subtree's highest merge
 * is <= h leaves at most k groups. Ties in height can leave fewer than k groups. LABELS (n,
 * caller's) receives group numbers 1..g in order of first appearance over objects 0..n-1 (the
 * group of object 0 is 1), as R's cutree numbers them. Returns g (>= 1) or a negative code.
 */
int cs_linkage_cut_k(int *labels, const double *z, size_t n, size_t k);

/*
 * Cut at height h (fcluster criterion "distance"): objects are in one group when they are
 * joined by a node whose subtree's highest merge is <= h. Labels as for cs_linkage_cut_k.
 * Returns the number of groups or a negative code.
 */
int cs_linkage_cut_height(int *labels, const double *z, size_t n, double h);

/* Cophenetic distances (condensed, n(n-1)/2, caller's): the height of the node joining i and j. */
int cs_cophenetic(double *out, const double *z, size_t n);

/*
 * Cophenetic correlation: Pearson correlation between D (condensed) and the cophenetic
 * distances of Z, as scipy.cluster.hierarchy.cophenet(Z, D)[0]. COPH (may be NULL) receives
 * the cophenetic distances. CS_EDATA when either side is constant (correlation undefined).
 */
int cs_cophenetic_correlation(double *r, double *coph, const double *z, const double *d, size_t n);

/*
 * The same correlation with D the distances of M under METRIC (options as for
 * cs_distance_condensed), recomputed row by row instead of read from a matrix: O(n^2 p) time
 * but O(n) memory, so a caller that has let the linkage consume its distances (or never had
 * them, cs_linkage_data) needs no second n(n-1)/2 array. The sums run in the order of
 * cs_cophenetic_correlation over cs_distance_condensed's distances: the result is the same,
 * bit for bit.
 */
int cs_cophenetic_correlation_data(double *r, const double *z, const cs_datamatrix *m,
                                   cs_metric metric, const cs_distance_options *dopts);

/* Frees an array the library allocated (cs_distance_condensed). NULL is allowed. */
void cs_typology_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
