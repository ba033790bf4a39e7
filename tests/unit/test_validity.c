/* Silhouette, Calinski-Harabasz and Davies-Bouldin against scikit-learn; gap statistic and
 * bootstrap stability; determinism and errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition_test_util.h"
#include "partition/partition_util.h"

static void test_against_sklearn(void **state)
{
    (void)state;
    const char *dir = pt_ref_dir("sklearn");
    if (!dir)
        fail_msg("%s", pt_error);
    char names[32][64];
    size_t ncase = pt_list(dir, "val_list.txt", names, 32);
    assert_true(ncase >= 5);
    for (size_t c = 0; c < ncase; c++) {
        pt_ref *ref = pt_ref_load(dir, names[c]);
        assert_non_null(ref);
        size_t n = 0, p = 0;
        const double *x = pt_ref_get(ref, "X", &n, &p);
        const double *lab = pt_ref_get(ref, "labels", NULL, NULL);
        int k = (int)pt_ref_get(ref, "k", NULL, NULL)[0];
        const double *widths = pt_ref_get(ref, "widths", NULL, NULL);
        double mean_ref = pt_ref_get(ref, "mean", NULL, NULL)[0];
        double ch_ref = pt_ref_get(ref, "ch", NULL, NULL)[0];
        double db_ref = pt_ref_get(ref, "db", NULL, NULL)[0];
        double db_direct = pt_ref_get(ref, "db_direct", NULL, NULL)[0];
        int *labels = malloc(n * sizeof *labels);
        for (size_t i = 0; i < n; i++)
            labels[i] = (int)lab[i];
        double *w = malloc(n * sizeof *w), mean;
        assert_int_equal(cs_silhouette(w, &mean, x, n, p, labels, k, NULL), 0);
        for (size_t i = 0; i < n; i++)
            if (fabs(w[i] - widths[i]) > 1e-12)
                fail_msg("%s: width %zu is %.17g, scikit-learn %.17g", names[c], i, w[i],
                         widths[i]);
        if (fabs(mean - mean_ref) > 1e-12)
            fail_msg("%s: mean width %.17g, scikit-learn %.17g", names[c], mean, mean_ref);
        /* the same from condensed distances */
        double *d = malloc((n * (n - 1) / 2 + 1) * sizeof *d);
        assert_int_equal(cs_distance_euclidean_condensed(d, x, n, p, NULL), 0);
        double mean2;
        assert_int_equal(cs_silhouette_condensed(w, &mean2, d, n, labels, k, NULL), 0);
        for (size_t i = 0; i < n; i++)
            if (fabs(w[i] - widths[i]) > 1e-12)
                fail_msg("%s (condensed): width %zu is %.17g, scikit-learn %.17g", names[c], i,
                         w[i], widths[i]);
        assert_true(fabs(mean2 - mean_ref) <= 1e-12);
        double ch, db;
        assert_int_equal(cs_calinski_harabasz(&ch, x, n, p, labels, k), 0);
        assert_int_equal(cs_davies_bouldin(&db, x, n, p, labels, k), 0);
        if (!pt_close(ch, ch_ref, 1e-12))
            fail_msg("%s: Calinski-Harabasz %.17g, scikit-learn %.17g", names[c], ch, ch_ref);
        /* scikit-learn's distances (|x|^2 - 2 x.c + |c|^2) lose about 1e-12 relative on data
         * far from the origin (val_offset, mean 50): there we match the direct formula to
         * 1e-12 and scikit-learn to 1e-10 */
        double db_tol = strcmp(names[c], "val_offset") == 0 ? 1e-10 : 1e-12;
        if (!pt_close(db, db_ref, db_tol))
            fail_msg("%s: Davies-Bouldin %.17g, scikit-learn %.17g", names[c], db, db_ref);
        if (!pt_close(db, db_direct, 1e-12))
            fail_msg("%s: Davies-Bouldin %.17g, direct formula %.17g", names[c], db, db_direct);
        free(d);
        free(w);
        free(labels);
        pt_ref_free(ref);
    }
}

static double *blobs(size_t n, size_t p, int groups, double spread, uint64_t seed, int *truth)
{
    double *x = malloc(n * p * sizeof *x);
    uint64_t s = seed;
    for (size_t i = 0; i < n; i++) {
        int g = (int)(i % (size_t)groups);
        if (truth)
            truth[i] = g;
        for (size_t d = 0; d < p; d++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            double u = (double)(s >> 11) * 0x1.0p-53 - 0.5;
            x[i * p + d] = (d == (size_t)g % p ? 10.0 * (g + 1) : 0.0) + spread * u;
        }
    }
    return x;
}

/* Widths are byte-identical for any threads and kernel set, and no n by n matrix is needed. */
static void test_silhouette_identical(void **state)
{
    (void)state;
    size_t n = 5003, p = 6;
    int *lab = malloc(n * sizeof *lab);
    double *x = blobs(n, p, 4, 12.0, 9, lab);
    double *w1 = malloc(n * sizeof *w1), *w2 = malloc(n * sizeof *w2), m1, m2;
    cs_run_options r1, r2;
    cs_run_options_init(&r1);
    cs_run_options_init(&r2);
    r1.n_threads = 1;
    r2.n_threads = 2;
    assert_int_equal(cs_silhouette(w1, &m1, x, n, p, lab, 4, &r1), 0);
    const char *isa[] = { "generic", "avx2", "avx512" };
    for (size_t i = 0; i < 3; i++) {
        if (cs_part_kernels_force(isa[i]) != 0)
            continue;
        assert_int_equal(cs_silhouette(w2, &m2, x, n, p, lab, 4, &r2), 0);
        assert_memory_equal(w1, w2, n * sizeof *w1);
        assert_memory_equal(&m1, &m2, sizeof m1);
    }
    cs_part_kernels_force(NULL);
    /* a memory limit below an n by n matrix (200 MB) but above O(n p) is enough */
    r2.max_memory = (size_t)4 << 20;
    assert_int_equal(cs_silhouette(w2, &m2, x, n, p, lab, 4, &r2), 0);
    assert_memory_equal(&m1, &m2, sizeof m1);
    free(w1);
    free(w2);
    free(lab);
    free(x);
}

static void test_gap(void **state)
{
    (void)state;
    size_t n = 300, p = 3;
    double *x = blobs(n, p, 3, 2.0, 4, NULL);
    cs_gap_params gp;
    cs_gap_params_init(&gp, 6);
    gp.n_ref = 20;
    gp.kmeans.seed = 8;
    double gap[6], s[6], lw[6], elw[6], gap2[6];
    int kb, kb2;
    assert_int_equal(cs_gap_statistic(gap, s, lw, elw, &kb, x, n, p, &gp, NULL), 0);
    assert_int_equal(kb, 3);
    for (int k = 0; k < 6; k++) {
        assert_true(s[k] > 0);
        assert_true(fabs(gap[k] - (elw[k] - lw[k])) < 1e-12);
        if (k > 0)
            assert_true(lw[k] < lw[k - 1] + 1e-9);
    }
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.n_threads = 1;
    assert_int_equal(cs_gap_statistic(gap2, NULL, NULL, NULL, &kb2, x, n, p, &gp, &ro), 0);
    assert_memory_equal(gap, gap2, sizeof gap);
    assert_int_equal(kb, kb2);
    free(x);
}

static void test_stability(void **state)
{
    (void)state;
    size_t n = 400, p = 3;
    double *x = blobs(n, p, 3, 2.0, 5, NULL);
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, 3);
    kp.n_init = 3;
    double mean, ari[10], mean2, ari2[10];
    assert_int_equal(cs_stability_kmeans(&mean, ari, x, n, p, &kp, 10, 77, NULL), 0);
    assert_true(mean > 0.99);
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.n_threads = 1;
    assert_int_equal(cs_stability_kmeans(&mean2, ari2, x, n, p, &kp, 10, 77, &ro), 0);
    assert_memory_equal(ari, ari2, sizeof ari);
    /* too many groups for the structure: less stable */
    kp.k = 7;
    assert_int_equal(cs_stability_kmeans(&mean2, NULL, x, n, p, &kp, 10, 77, NULL), 0);
    assert_true(mean2 < mean);
    free(x);
}

static void expect_error(int rc, int code, const char *fragment)
{
    assert_int_equal(rc, code);
    if (!strstr(cs_error_last(), fragment))
        fail_msg("message \"%s\" lacks \"%s\"", cs_error_last(), fragment);
}

static void test_errors(void **state)
{
    (void)state;
    double x[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    int lab[] = { 0, 0, 1, 1 };
    double w[4], m, s;
    expect_error(cs_silhouette(w, &m, x, 0, 2, lab, 2, NULL), CS_EDATA, "empty");
    int one[] = { 0, 0, 0, 0 };
    expect_error(cs_silhouette(w, &m, x, 4, 2, one, 2, NULL), CS_EDATA, "between 2 and");
    int all[] = { 0, 1, 2, 3 };
    expect_error(cs_silhouette(w, &m, x, 4, 2, all, 4, NULL), CS_EDATA, "between 2 and");
    int bad[] = { 0, 1, 5, 1 };
    expect_error(cs_silhouette(w, &m, x, 4, 2, bad, 2, NULL), CS_EDATA, "object 3");
    double xn[] = { 0, 1, 2, NAN, 4, 5, 6, 7 };
    expect_error(cs_silhouette(w, &m, xn, 4, 2, lab, 2, NULL), CS_EDATA, "NaN");
    expect_error(cs_silhouette(w, &m, x, 4, 2, lab, 0, NULL), CS_EUSAGE, "k must");
    expect_error(cs_silhouette(w, &m, x, 4, 2, NULL, 2, NULL), CS_EUSAGE, "no data");
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.max_memory = 16;
    expect_error(cs_silhouette(w, &m, x, 4, 2, lab, 2, &ro), CS_ENOMEM, "memory limit");
    double d[] = { 1, 2, 3, 4, 5, NAN };
    expect_error(cs_silhouette_condensed(w, &m, d, 4, lab, 2, NULL), CS_EDATA, "dissimilarity 6");
    expect_error(cs_silhouette_condensed(w, &m, d, 4, one, 2, NULL), CS_EDATA, "between 2");
    expect_error(cs_calinski_harabasz(&s, x, 4, 2, one, 1), CS_EDATA, "between 2");
    expect_error(cs_calinski_harabasz(&s, xn, 4, 2, lab, 2), CS_EDATA, "NaN");
    expect_error(cs_davies_bouldin(&s, x, 4, 2, bad, 2), CS_EDATA, "expected a label");
    expect_error(cs_davies_bouldin(NULL, x, 4, 2, lab, 2), CS_EUSAGE, "output");
    cs_gap_params gp;
    cs_gap_params_init(&gp, 5);
    expect_error(cs_gap_statistic(NULL, NULL, NULL, NULL, NULL, x, 4, 2, &gp, NULL), CS_EUSAGE,
                 "k_max");
    gp.k_max = 4; /* k = 4 on 4 objects: within sum of squares 0 */
    expect_error(cs_gap_statistic(NULL, NULL, NULL, NULL, NULL, x, 4, 2, &gp, NULL), CS_EDATA,
                 "lower k_max");
    gp.k_max = 2;
    gp.n_ref = 1;
    expect_error(cs_gap_statistic(NULL, NULL, NULL, NULL, NULL, x, 4, 2, &gp, NULL), CS_EUSAGE,
                 "reference sets");
    gp.n_ref = 5;
    expect_error(cs_gap_statistic(NULL, NULL, NULL, NULL, NULL, x, 1, 2, &gp, NULL), CS_EDATA,
                 "at least 2 objects");
    expect_error(cs_gap_statistic(NULL, NULL, NULL, NULL, NULL, xn, 4, 2, &gp, NULL), CS_EDATA,
                 "NaN");
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, 9);
    expect_error(cs_stability_kmeans(&m, NULL, x, 4, 2, &kp, 5, 1, NULL), CS_EUSAGE, "k must");
    kp.k = 2;
    expect_error(cs_stability_kmeans(&m, NULL, x, 4, 2, &kp, 0, 1, NULL), CS_EUSAGE,
                 "at least 1 resample");
    expect_error(cs_stability_kmeans(&m, NULL, xn, 4, 2, &kp, 3, 1, NULL), CS_EDATA, "NaN");
    expect_error(cs_stability_bootstrap(&m, NULL, x, 4, 2, lab, NULL, NULL, 3, 1, NULL), CS_EUSAGE,
                 "partitioner");
    expect_error(cs_stability_bootstrap(&m, NULL, x, 1, 2, lab, NULL, NULL, 3, 1, NULL), CS_EUSAGE,
                 "partitioner");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_sklearn),
        cmocka_unit_test(test_silhouette_identical),
        cmocka_unit_test(test_gap),
        cmocka_unit_test(test_stability),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
