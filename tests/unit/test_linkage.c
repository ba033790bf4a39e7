/*
 * Hierarchical linkage against scipy.cluster.hierarchy.linkage and fastcluster (merges, heights,
 * ties), R's hclust on USArrests, cuts against fcluster and R's cutree, cophenetic distances and
 * correlation against scipy's cophenet, and the documented tie rule on a hand-made example.
 * References are produced at test time by Debian's python3-scipy, python3-fastcluster and R
 * (typology_test_util.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/typology.h"
#include "typology_test_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HTOL 1e-9 /* relative, for heights computed along different paths */

static const char *const methods[] = { "single", "complete", "average", "weighted",
                                       "ward",   "centroid", "median" };
#define NMETHODS (sizeof methods / sizeof *methods)

static ty_ref *need(const char *kind, const char *name)
{
    int rc = ty_ensure(kind);
    if (rc == 1) {
        print_message("%s\n", ty_msg);
        skip();
    }
    if (rc != 0)
        fail_msg("%s", ty_msg);
    ty_ref *r = ty_ref_load(kind, name);
    if (!r)
        fail_msg("%s", ty_msg);
    return r;
}

static const ty_block *block(const ty_ref *r, const char *name)
{
    const ty_block *b = ty_ref_get(r, name);
    if (!b)
        fail_msg("reference block %s missing", name);
    return b;
}

/*
 * Same merges (node ids and sizes exactly) and heights: exact when `exact`, else within HTOL
 * relative.
 */
static void expect_linkage(const double *z, const ty_block *ref, size_t n, int exact,
                           const char *what)
{
    assert_int_equal(ref->rows, n - 1);
    for (size_t k = 0; k + 1 < n; k++) {
        const double *a = z + 4 * k, *b = ref->v + 4 * k;
        if (a[0] != b[0] || a[1] != b[1] || a[3] != b[3])
            fail_msg("%s: row %zu: ours (%g, %g, size %g), reference (%g, %g, size %g)", what, k,
                     a[0], a[1], a[3], b[0], b[1], b[3]);
        int ok = exact ? a[2] == b[2] : fabs(a[2] - b[2]) <= HTOL * fabs(b[2]);
        if (!ok)
            fail_msg("%s: row %zu: height %.17g, reference %.17g", what, k, a[2], b[2]);
    }
}

static cs_datamatrix *matrix_from(const ty_block *x, cs_var_type t)
{
    cs_var_type *types = malloc(x->cols * sizeof *types);
    for (size_t j = 0; j < x->cols; j++)
        types[j] = t;
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_datamatrix_new(&m, x->rows, x->cols, types), 0);
    free(types);
    for (size_t i = 0; i < x->rows; i++)
        for (size_t j = 0; j < x->cols; j++)
            assert_int_equal(cs_datamatrix_set(m, i, j, x->v[i * x->cols + j]), 0);
    return m;
}

static cs_linkage_method method_of(const char *name)
{
    cs_linkage_method m;
    assert_int_equal(cs_linkage_method_parse(&m, name), 0);
    return m;
}

/* ------------------------------------------------------------------------------------------ */

/*
 * Numeric data: from SciPy's own condensed distances the result is SciPy's bit for bit; from
 * the data (our distances) the merges are the same and the heights agree within HTOL; fastcluster
 * agrees on these tie-free data too.
 */
static void test_linkage_vs_scipy_numeric(void **state)
{
    (void)state;
    char cases[32][64];
    ty_ref_free(need("scipy", "num_5_2"));
    size_t nc = ty_cases("scipy", cases, 32), checked = 0;
    for (size_t c = 0; c < nc; c++) {
        int iris = strcmp(cases[c], "iris") == 0;
        if (strncmp(cases[c], "num_", 4) != 0 && !iris)
            continue;
        ty_ref *r = need("scipy", cases[c]);
        const ty_block *x = block(r, "X"), *y = block(r, "pdist_euclidean");
        size_t n = x->rows;
        double *z = malloc((n - 1) * 4 * sizeof *z);
        cs_datamatrix *m = matrix_from(x, CS_VAR_NUMERIC);
        for (size_t k = 0; k < NMETHODS; k++) {
            char name[64], what[160];
            cs_linkage_method meth = method_of(methods[k]);
            ty_fmt(name, sizeof name, "Z_%s", methods[k]);
            const ty_block *ref = block(r, name);
            ty_fmt(what, sizeof what, "%s %s from condensed", cases[c], methods[k]);
            assert_int_equal(cs_linkage(z, y->v, n, meth, NULL), 0);
            expect_linkage(z, ref, n, 1, what);
            assert_int_equal(cs_linkage_check(z, n), 0);
            ty_fmt(what, sizeof what, "%s %s from data", cases[c], methods[k]);
            assert_int_equal(cs_linkage_data(z, m, CS_METRIC_EUCLIDEAN, meth, NULL, NULL), 0);
            expect_linkage(z, ref, n, iris, what);
            if (meth == CS_LINKAGE_WARD && !iris) {
                /* the centroid form, forced at this size (iris has duplicate rows: its ties are
                 * decided on the centroid form's own values, so only tie-free data compare) */
                cs_linkage_options o = { .ward_vector = 1 };
                ty_fmt(what, sizeof what, "%s ward on centroids", cases[c]);
                assert_int_equal(cs_linkage_data(z, m, CS_METRIC_EUCLIDEAN, meth, NULL, &o), 0);
                expect_linkage(z, ref, n, 0, what);
            }
            if (!iris && meth != CS_LINKAGE_SINGLE && meth != CS_LINKAGE_CENTROID &&
                meth != CS_LINKAGE_MEDIAN) {
                /* merging in rounds: same merges on tie-free data, heights within rounding */
                cs_linkage_options o = { .batch = 1 };
                ty_fmt(what, sizeof what, "%s %s in rounds", cases[c], methods[k]);
                assert_int_equal(cs_linkage(z, y->v, n, meth, &o), 0);
                expect_linkage(z, ref, n, meth == CS_LINKAGE_COMPLETE, what);
                assert_int_equal(cs_linkage_data(z, m, CS_METRIC_EUCLIDEAN, meth, NULL, &o), 0);
                expect_linkage(z, ref, n, 0, what);
            }
            if (!iris) {
                ty_fmt(name, sizeof name, "F_%s", methods[k]);
                ty_fmt(what, sizeof what, "%s %s vs fastcluster", cases[c], methods[k]);
                assert_int_equal(cs_linkage(z, y->v, n, meth, NULL), 0);
                expect_linkage(z, block(r, name), n, 0, what);
            }
            checked++;
        }
        /* other metrics, straight from the data */
        const char *metrics[] = { "cityblock", "cosine" };
        const char *mm[] = { "single", "complete", "average", "weighted" };
        for (size_t a = 0; a < 2; a++) {
            /* iris: duplicate rows tie at 0; cosine is not SciPy's bit for bit, so skip it */
            if (iris && a == 1)
                continue;
            for (size_t b = 0; b < 4; b++) {
                char name[64], what[160];
                cs_metric metric;
                assert_int_equal(cs_metric_parse(&metric, metrics[a]), 0);
                ty_fmt(name, sizeof name, "Z_%s_%s", metrics[a], mm[b]);
                ty_fmt(what, sizeof what, "%s %s %s", cases[c], metrics[a], mm[b]);
                assert_int_equal(cs_linkage_data(z, m, metric, method_of(mm[b]), NULL, NULL), 0);
                expect_linkage(z, block(r, name), n, iris, what);
            }
        }
        cs_datamatrix_free(m);
        free(z);
        ty_ref_free(r);
    }
    assert_true(checked >= 49);
}

/*
 * Binary data tie a lot. Given SciPy's condensed distances, or our own (bitwise the same), every
 * merge and height equals SciPy's: same tie rule, same arithmetic.
 */
static void test_linkage_ties_vs_scipy(void **state)
{
    (void)state;
    char cases[32][64];
    ty_ref_free(need("scipy", "bin_5_8"));
    size_t nc = ty_cases("scipy", cases, 32), checked = 0;
    const char *mm[] = { "single", "complete", "average", "weighted", "ward" };
    for (size_t c = 0; c < nc; c++) {
        if (strncmp(cases[c], "bin_", 4) != 0 || strcmp(cases[c], "bin_unknown") == 0)
            continue;
        ty_ref *r = need("scipy", cases[c]);
        const ty_block *x = block(r, "X");
        size_t n = x->rows;
        double *z = malloc((n - 1) * 4 * sizeof *z);
        cs_datamatrix *m = matrix_from(x, CS_VAR_BINARY);
        const char *metrics[] = { "jaccard", "hamming" };
        for (size_t a = 0; a < 2; a++) {
            char name[64], what[160];
            cs_metric metric;
            assert_int_equal(cs_metric_parse(&metric, metrics[a]), 0);
            ty_fmt(name, sizeof name, "pdist_%s", metrics[a]);
            const ty_block *y = block(r, name);
            for (size_t b = 0; b < 5; b++) {
                cs_linkage_method meth = method_of(mm[b]);
                ty_fmt(name, sizeof name, "Z_%s_%s", metrics[a], mm[b]);
                ty_fmt(what, sizeof what, "%s %s %s", cases[c], metrics[a], mm[b]);
                assert_int_equal(cs_linkage(z, y->v, n, meth, NULL), 0);
                expect_linkage(z, block(r, name), n, 1, what);
                if (meth != CS_LINKAGE_WARD) {
                    assert_int_equal(cs_linkage_data(z, m, metric, meth, NULL, NULL), 0);
                    expect_linkage(z, block(r, name), n, 1, what);
                }
                checked++;
            }
        }
        cs_datamatrix_free(m);
        free(z);
        ty_ref_free(r);
    }
    assert_true(checked >= 40);
}

/*
 * The tie rule on four corners of a unit square (sides 1, diagonals sqrt 2): the chain starts at
 * object 0; among 1 and 2, equally close, the lower index (1) wins; at 1, object 0 (the previous
 * chain element) and object 3 are equally close and the previous element wins: (0, 1) merge first.
 * The merged node keeps slot 1; from there, equally close 2 and 3 resolve to 2, whose nearest is
 * 3: (2, 3) merge second at the same height, and stays second after the stable sort.
 */
static void test_tie_rule(void **state)
{
    (void)state;
    double x[] = { 0, 0, 1, 0, 0, 1, 1, 1 };
    double d[6], z[12];
    assert_int_equal(cs_pdist(d, x, 4, 2, CS_METRIC_EUCLIDEAN, NULL), 0);
    for (size_t k = 1; k < NMETHODS; k++) {
        cs_linkage_method meth = method_of(methods[k]);
        assert_int_equal(cs_linkage(z, d, 4, meth, NULL), 0);
        assert_true(z[0] == 0 && z[1] == 1 && z[2] == 1 && z[3] == 2);
        assert_true(z[4] == 2 && z[5] == 3 && z[6] == 1 && z[7] == 2);
        assert_true(z[8] == 4 && z[9] == 5 && z[11] == 4);
    }
    /* single linkage (Prim): from 0, the first of the equally near objects joins each time */
    assert_int_equal(cs_linkage(z, d, 4, CS_LINKAGE_SINGLE, NULL), 0);
    double single[] = { 0, 1, 1, 2, 2, 4, 1, 3, 3, 5, 1, 4 };
    assert_memory_equal(z, single, sizeof single);
    /* average: the last height is the mean of the four cross distances */
    assert_int_equal(cs_linkage(z, d, 4, CS_LINKAGE_AVERAGE, NULL), 0);
    assert_true(fabs(z[10] - (2 + 2 * sqrt(2)) / 4) < 1e-15);
}

/*
 * Where the two tie rules part: objects at 4, 0, 4, 2, 3, 3 on a line (cityblock, average).
 * After {0,2} and {4,5} merge at 0, object 3 and node {0,2} are both at 1 from node {4,5}.
 * SciPy's chain reaches {4,5} from 3 and keeps the previous chain element: {4,5} + 3. Rounds
 * take the lowest slot among equally near neighbours: {4,5}'s nearest is {0,2} (slot 2 < 3),
 * whose nearest is {4,5}: they merge. The result must not depend on the number of threads.
 */
static void test_batch_tie_rule(void **state)
{
    (void)state;
    double x[] = { 4, 0, 4, 2, 3, 3 }, d[15], z[20];
    assert_int_equal(cs_pdist(d, x, 6, 1, CS_METRIC_CITYBLOCK, NULL), 0);
    cs_linkage_options exact = { .batch = -1 }, rounds = { .batch = 1 };
    assert_int_equal(cs_linkage(z, d, 6, CS_LINKAGE_AVERAGE, &exact), 0);
    double scipy[] = { 0, 2, 0, 2, 4, 5, 0, 2, 3, 7, 1, 3, 6, 8, 4.0 / 3, 5, 1, 9, 3.2, 6 };
    for (size_t k = 0; k < 20; k++)
        assert_true(fabs(z[k] - scipy[k]) <= 1e-15 * fabs(scipy[k]));
    double ours[] = { 0, 2, 0, 2, 4, 5, 0, 2, 6, 7, 1, 4, 3, 8, 1.5, 5, 1, 9, 3.2, 6 };
    for (int nt = 1; nt <= 2; nt++) {
        rounds.n_threads = nt;
        assert_int_equal(cs_linkage(z, d, 6, CS_LINKAGE_AVERAGE, &rounds), 0);
        for (size_t k = 0; k < 20; k++)
            assert_true(fabs(z[k] - ours[k]) <= 1e-15 * fabs(ours[k]));
    }
    /* tie-heavy binary data: one result whatever the number of threads */
    ty_ref *r = need("scipy", "bin_200_64");
    const ty_block *y = block(r, "pdist_jaccard");
    size_t n = block(r, "X")->rows;
    double *z1 = malloc((n - 1) * 4 * sizeof *z1), *z2 = malloc((n - 1) * 4 * sizeof *z2);
    rounds.n_threads = 1;
    assert_int_equal(cs_linkage(z1, y->v, n, CS_LINKAGE_AVERAGE, &rounds), 0);
    rounds.n_threads = 2;
    assert_int_equal(cs_linkage(z2, y->v, n, CS_LINKAGE_AVERAGE, &rounds), 0);
    assert_memory_equal(z1, z2, (n - 1) * 4 * sizeof *z1);
    assert_int_equal(cs_linkage_check(z1, n), 0);
    free(z1);
    free(z2);
    ty_ref_free(r);
}

static void test_cophenetic_and_cuts(void **state)
{
    (void)state;
    char cases[32][64];
    ty_ref_free(need("scipy", "num_5_2"));
    size_t nc = ty_cases("scipy", cases, 32), checked = 0;
    for (size_t c = 0; c < nc; c++) {
        if (strncmp(cases[c], "num_", 4) != 0 && strcmp(cases[c], "iris") != 0)
            continue;
        ty_ref *r = need("scipy", cases[c]);
        const ty_block *y = block(r, "pdist_euclidean");
        size_t n = block(r, "X")->rows, np = n * (n - 1) / 2;
        double *z = malloc((n - 1) * 4 * sizeof *z), *coph = malloc(np * sizeof *coph);
        int *labels = malloc(n * sizeof *labels);
        for (size_t k = 0; k < NMETHODS; k++) {
            char name[64];
            cs_linkage_method meth = method_of(methods[k]);
            assert_int_equal(cs_linkage(z, y->v, n, meth, NULL), 0);
            double cc = 0;
            assert_int_equal(cs_cophenetic_correlation(&cc, coph, z, y->v, n), 0);
            ty_fmt(name, sizeof name, "coph_%s", methods[k]);
            assert_memory_equal(coph, block(r, name)->v, np * sizeof *coph);
            ty_fmt(name, sizeof name, "cc_%s", methods[k]);
            double ref = block(r, name)->v[0];
            if (!(fabs(cc - ref) <= 1e-12))
                fail_msg("%s %s: cophenetic correlation %.17g, scipy %.17g", cases[c], methods[k],
                         cc, ref);
            /* monotone methods only: fcluster's maxclust search assumes sorted heights */
            int monotone = meth != CS_LINKAGE_CENTROID && meth != CS_LINKAGE_MEDIAN;
            for (size_t kk = 2; kk <= 5 && monotone; kk++) {
                ty_fmt(name, sizeof name, "maxclust_%s_%zu", methods[k], kk);
                const ty_block *fc = ty_ref_get(r, name);
                if (!fc)
                    continue;
                int g = cs_linkage_cut_k(labels, z, n, kk);
                assert_true(g >= 1 && (size_t)g <= kk);
                if (!ty_same_partition(labels, fc->v, n))
                    fail_msg("%s %s: cut into %zu differs from fcluster", cases[c], methods[k], kk);
                assert_int_equal(labels[0], 1);
                checked++;
            }
            ty_fmt(name, sizeof name, "cut_%s", methods[k]);
            const ty_block *cuts = block(r, name);
            for (size_t i = 0; i < cuts->cols; i++) {
                ty_fmt(name, sizeof name, "dist_%s_%zu", methods[k], i);
                int g = cs_linkage_cut_height(labels, z, n, cuts->v[i]);
                assert_true(g >= 1);
                if (!ty_same_partition(labels, block(r, name)->v, n))
                    fail_msg("%s %s: cut at %g differs from fcluster", cases[c], methods[k],
                             cuts->v[i]);
                checked++;
            }
        }
        free(z);
        free(coph);
        free(labels);
        ty_ref_free(r);
    }
    assert_true(checked >= 150);
}

/* Group numbers follow the first appearance of objects: object 0 is in group 1, and so on. */
static void test_cut_labels(void **state)
{
    (void)state;
    /* objects 0 and 3 close, 1 and 2 close, 4 alone and far */
    double x[] = { 0, 10, 10.5, 0.2, 100 };
    double d[10], z[16];
    int labels[5];
    assert_int_equal(cs_pdist(d, x, 5, 1, CS_METRIC_EUCLIDEAN, NULL), 0);
    assert_int_equal(cs_linkage(z, d, 5, CS_LINKAGE_AVERAGE, NULL), 0);
    assert_int_equal(cs_linkage_cut_k(labels, z, 5, 3), 3);
    int want3[] = { 1, 2, 2, 1, 3 };
    assert_memory_equal(labels, want3, sizeof want3);
    assert_int_equal(cs_linkage_cut_k(labels, z, 5, 1), 1);
    assert_int_equal(cs_linkage_cut_k(labels, z, 5, 9), 5);
    int want5[] = { 1, 2, 3, 4, 5 };
    assert_memory_equal(labels, want5, sizeof want5);
    assert_int_equal(cs_linkage_cut_height(labels, z, 5, 1.0), 3);
    assert_memory_equal(labels, want3, sizeof want3);
    assert_int_equal(cs_linkage_cut_height(labels, z, 5, 0.0), 5);
    assert_int_equal(cs_linkage_cut_k(labels, z, 5, 0), CS_EUSAGE);
    /* ties at the cut height leave fewer groups than asked for */
    double sq[] = { 0, 0, 1, 0, 0, 1, 1, 1 }, dsq[6], zsq[12];
    int l4[4];
    assert_int_equal(cs_pdist(dsq, sq, 4, 2, CS_METRIC_EUCLIDEAN, NULL), 0);
    assert_int_equal(cs_linkage(zsq, dsq, 4, CS_LINKAGE_COMPLETE, NULL), 0);
    assert_int_equal(cs_linkage_cut_k(l4, zsq, 4, 3), 2);
}

static void test_usarrests_vs_r(void **state)
{
    (void)state;
    ty_ref *r = need("r", "usarrests");
    const ty_block *x = block(r, "X");
    size_t n = x->rows;
    cs_datamatrix *m = matrix_from(x, CS_VAR_NUMERIC);
    double *z = malloc((n - 1) * 4 * sizeof *z), *h = malloc((n - 1) * sizeof *h);
    int *labels = malloc(n * sizeof *labels);
    for (size_t k = 0; k < NMETHODS; k++) {
        char name[64];
        cs_linkage_method meth = method_of(methods[k]);
        assert_int_equal(cs_linkage_data(z, m, CS_METRIC_EUCLIDEAN, meth, NULL, NULL), 0);
        for (size_t i = 0; i + 1 < n; i++)
            h[i] = z[4 * i + 2];
        /* R reports centroid and median heights unsorted, with inversions: compare sorted */
        for (size_t i = 1; i + 1 < n; i++)
            for (size_t j = i; j > 0 && h[j - 1] > h[j]; j--) {
                double t = h[j];
                h[j] = h[j - 1];
                h[j - 1] = t;
            }
        ty_fmt(name, sizeof name, "height_%s", methods[k]);
        const ty_block *ref = block(r, name);
        for (size_t i = 0; i + 1 < n; i++)
            if (!(fabs(h[i] - ref->v[i]) <= HTOL * ref->v[i]))
                fail_msg("USArrests %s: height %zu is %.17g, hclust %.17g", methods[k], i, h[i],
                         ref->v[i]);
        for (size_t kk = 3; kk <= 5; kk += 2) {
            ty_fmt(name, sizeof name, "cutree%zu_%s", kk, methods[k]);
            const ty_block *ct = ty_ref_get(r, name);
            if (!ct)
                continue;
            assert_int_equal(cs_linkage_cut_k(labels, z, n, kk), (int)kk);
            /* cutree numbers groups by first appearance too: the very same labels */
            for (size_t i = 0; i < n; i++)
                assert_int_equal(labels[i], (int)ct->v[i]);
        }
    }
    free(labels);
    free(h);
    free(z);
    cs_datamatrix_free(m);
    ty_ref_free(r);
}

/* From data with unknown cells, the linkage is that of the distances cs_distance_condensed gives.
 */
static void test_linkage_data_paths_agree(void **state)
{
    (void)state;
    enum { N = 300, P = 8 };
    cs_var_type t[P];
    for (size_t j = 0; j < P; j++)
        t[j] = CS_VAR_NUMERIC;
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_datamatrix_new(&m, N, P, t), 0);
    uint64_t s = 99;
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < P; j++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            if ((s >> 59) == 0)
                continue; /* about 1 cell in 32 unknown */
            assert_int_equal(cs_datamatrix_set(m, i, j, (double)(s >> 11) * 0x1.0p-53), 0);
        }
    double *d = NULL, *z1 = malloc((N - 1) * 4 * sizeof *z1), *z2 = malloc((N - 1) * 4 * 8);
    if (cs_distance_condensed(&d, m, CS_METRIC_EUCLIDEAN, NULL) != 0)
        fail_msg("%s", cs_error_last());
    for (size_t k = 0; k < NMETHODS; k++) {
        cs_linkage_method meth = method_of(methods[k]);
        /* centroid and median may meet non-euclidean distances here: both paths must say so */
        int rc1 = cs_linkage(z1, d, N, meth, NULL);
        int rc2 = cs_linkage_data(z2, m, CS_METRIC_EUCLIDEAN, meth, NULL, NULL);
        assert_int_equal(rc1, rc2);
        if (rc1 == 0)
            assert_memory_equal(z1, z2, (N - 1) * 4 * sizeof *z1);
        else
            assert_true(meth == CS_LINKAGE_CENTROID || meth == CS_LINKAGE_MEDIAN);
    }
    /* ward on centroids cannot take unknown cells: it says so */
    cs_linkage_options o = { .ward_vector = 1 };
    assert_int_equal(cs_linkage_data(z2, m, CS_METRIC_EUCLIDEAN, CS_LINKAGE_WARD, NULL, &o),
                     CS_EUSAGE);
    cs_typology_free(d);
    free(z1);
    free(z2);
    cs_datamatrix_free(m);
}

/*
 * The cophenetic correlation from the data (distances recomputed row by row, no matrix) is that
 * of cs_cophenetic_correlation on cs_distance_condensed's matrix, bit for bit: with unknown
 * cells (pairwise), under euclidean and cityblock, for every method, and for n not a multiple of
 * the block of rows.
 */
static void test_cophenetic_from_data(void **state)
{
    (void)state;
    enum { N = 203, P = 5 };
    cs_var_type t[P];
    for (size_t j = 0; j < P; j++)
        t[j] = CS_VAR_NUMERIC;
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_datamatrix_new(&m, N, P, t), 0);
    uint64_t s = 7;
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < P; j++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            if ((s >> 59) == 0)
                continue;
            assert_int_equal(cs_datamatrix_set(m, i, j, (double)(s >> 11) * 0x1.0p-53), 0);
        }
    double *z = malloc((N - 1) * 4 * sizeof *z);
    const cs_metric metrics[] = { CS_METRIC_EUCLIDEAN, CS_METRIC_CITYBLOCK };
    for (size_t mi = 0; mi < 2; mi++) {
        double *d = NULL;
        if (cs_distance_condensed(&d, m, metrics[mi], NULL) != 0)
            fail_msg("%s", cs_error_last());
        for (size_t k = 0; k < NMETHODS; k++) {
            cs_linkage_method meth = method_of(methods[k]);
            if (cs_linkage(z, d, N, meth, NULL) != 0) {
                cs_error_clear();
                continue; /* centroid and median on non-euclidean distances */
            }
            double r1 = 0, r2 = 1;
            assert_int_equal(cs_cophenetic_correlation(&r1, NULL, z, d, N), 0);
            if (cs_cophenetic_correlation_data(&r2, z, m, metrics[mi], NULL) != 0)
                fail_msg("%s", cs_error_last());
            assert_memory_equal(&r1, &r2, sizeof r1);
        }
        cs_typology_free(d);
    }
    free(z);
    cs_datamatrix_free(m);
}

static void test_linkage_errors(void **state)
{
    (void)state;
    double d[3] = { 1, 2, NAN }, z[8];
    assert_int_equal(cs_linkage(z, d, 3, CS_LINKAGE_AVERAGE, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "must be finite"));
    assert_int_equal(cs_linkage(z, d, 1, CS_LINKAGE_AVERAGE, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "at least 2 objects, found 1"));
    d[2] = 3;
    cs_linkage_options lim = { .max_memory = 64 };
    assert_int_equal(cs_linkage(z, d, 3, CS_LINKAGE_AVERAGE, &lim), CS_ENOMEM);
    assert_non_null(strstr(cs_error_last(), "over the memory limit"));
    size_t need20k = cs_linkage_memory(20000, CS_LINKAGE_AVERAGE, 1, NULL);
    assert_true(need20k > cs_distance_memory(20000) && need20k < cs_distance_memory(20000) * 2);
    assert_true(cs_linkage_memory(20000, CS_LINKAGE_WARD, 1, NULL) < 100u << 20);
    assert_true(cs_linkage_memory(20000, CS_LINKAGE_SINGLE, 0, NULL) < 100u << 20);
    assert_true(cs_linkage_memory((size_t)1 << 40, CS_LINKAGE_AVERAGE, 0, NULL) == SIZE_MAX);

    cs_var_type t[] = { CS_VAR_NUMERIC };
    cs_datamatrix *m = NULL;
    assert_int_equal(cs_datamatrix_new(&m, 3, 1, t), 0);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(cs_datamatrix_set(m, i, 0, (double)i * i), 0);
    assert_int_equal(cs_linkage_data(z, m, CS_METRIC_CITYBLOCK, CS_LINKAGE_WARD, NULL, NULL),
                     CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "needs the euclidean metric"));
    cs_datamatrix_free(m);

    cs_linkage_method meth;
    assert_int_equal(cs_linkage_method_parse(&meth, "mcquitty"), CS_EUSAGE);
    assert_string_equal(cs_linkage_method_name(CS_LINKAGE_WEIGHTED), "weighted");

    /* invalid linkage matrices */
    double bad[] = { 0, 1, 1, 2, 0, 3, 2, 3 };
    assert_int_equal(cs_linkage_check(bad, 3), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "merged twice"));
    double early[] = { 0, 3, 1, 2, 1, 2, 2, 3 };
    assert_int_equal(cs_linkage_check(early, 3), CS_EDATA);
    double size[] = { 0, 1, 1, 3, 2, 3, 2, 3 };
    assert_int_equal(cs_linkage_check(size, 3), CS_EDATA);
    int labels[3];
    assert_int_equal(cs_linkage_cut_k(labels, bad, 3, 2), CS_EDATA);
    double ok[] = { 0, 1, 1, 2, 2, 3, 2, 3 };
    assert_int_equal(cs_linkage_check(ok, 3), 0);
    double c[3], cc;
    assert_int_equal(cs_cophenetic(c, ok, 3), 0);
    assert_true(c[0] == 1 && c[1] == 2 && c[2] == 2);
    double flat[3] = { 1, 1, 1 };
    assert_int_equal(cs_cophenetic_correlation(&cc, NULL, ok, flat, 3), CS_EDATA);
}

/* Larger random data: the NN-chain with its cached neighbours equals SciPy's loop (same input). */
static void test_single_and_chain_larger(void **state)
{
    (void)state;
    ty_ref *r = need("scipy", "bin_200_64");
    const ty_block *x = block(r, "X");
    size_t n = x->rows;
    cs_datamatrix *m = matrix_from(x, CS_VAR_BINARY);
    double *z = malloc((n - 1) * 4 * sizeof *z);
    assert_int_equal(cs_linkage_data(z, m, CS_METRIC_JACCARD, CS_LINKAGE_SINGLE, NULL, NULL), 0);
    double *d = NULL, *z2 = malloc((n - 1) * 4 * sizeof *z2);
    assert_int_equal(cs_distance_condensed(&d, m, CS_METRIC_JACCARD, NULL), 0);
    assert_int_equal(cs_linkage(z2, d, n, CS_LINKAGE_SINGLE, NULL), 0);
    assert_memory_equal(z, z2, (n - 1) * 4 * sizeof *z);
    cs_typology_free(d);
    free(z);
    free(z2);
    cs_datamatrix_free(m);
    ty_ref_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tie_rule),
        cmocka_unit_test(test_batch_tie_rule),
        cmocka_unit_test(test_cut_labels),
        cmocka_unit_test(test_linkage_errors),
        cmocka_unit_test(test_linkage_data_paths_agree),
        cmocka_unit_test(test_cophenetic_from_data),
        cmocka_unit_test(test_linkage_vs_scipy_numeric),
        cmocka_unit_test(test_linkage_ties_vs_scipy),
        cmocka_unit_test(test_cophenetic_and_cuts),
        cmocka_unit_test(test_usarrests_vs_r),
        cmocka_unit_test(test_single_and_chain_larger),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
