/* k-medoids: PAM equal to R's cluster::pam(variant = "original"), FasterPAM equal to
 * pam(variant = "faster") from the same start, Euclidean distances, determinism, and errors. */
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

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Medoids (0-based) as a sorted 1-based list compared with R's. */
static int same_medoids(const int *ours, const double *r, int k)
{
    int a[64], b[64];
    for (int i = 0; i < k; i++) {
        a[i] = ours[i] + 1;
        b[i] = (int)r[i];
    }
    qsort(a, (size_t)k, sizeof *a, cmp_int);
    qsort(b, (size_t)k, sizeof *b, cmp_int);
    return memcmp(a, b, (size_t)k * sizeof *a) == 0;
}

static void test_against_r(void **state)
{
    (void)state;
    const char *dir = pt_ref_dir("pam");
    if (!dir)
        fail_msg("%s", pt_error);
    char names[64][64];
    size_t ncase = pt_list(dir, "pam_list.txt", names, 64);
    assert_true(ncase >= 20);
    size_t better = 0, worse = 0;
    for (size_t c = 0; c < ncase; c++) {
        pt_ref *ref = pt_ref_load(dir, names[c]);
        assert_non_null(ref);
        size_t n = 0, p = 0;
        const double *x = pt_ref_get(ref, "X", &n, &p);
        int k = (int)pt_ref_get(ref, "k", NULL, NULL)[0];
        const double *med = pt_ref_get(ref, "med", NULL, NULL);
        const double *obj = pt_ref_get(ref, "obj", NULL, NULL);
        const double *clu = pt_ref_get(ref, "groups", NULL, NULL);
        const double *start = pt_ref_get(ref, "start", NULL, NULL);
        const double *fmed = pt_ref_get(ref, "fmed", NULL, NULL);
        const double *fobj = pt_ref_get(ref, "fobj", NULL, NULL);
        const double *fclu = pt_ref_get(ref, "fgroups", NULL, NULL);
        const double *frandom = pt_ref_get(ref, "frandom_obj", NULL, NULL);
        assert_non_null(frandom);
        double *d = malloc(n * (n - 1) / 2 * sizeof *d);
        assert_int_equal(cs_distance_euclidean_condensed(d, x, n, p, NULL), 0);
        int medoids[16], *labels = malloc(n * sizeof *labels);
        cs_kmedoids_params kp;
        cs_kmedoids_params_init(&kp, k);
        cs_kmedoids_info info;

        /* PAM, on condensed and on raw data */
        for (int raw = 0; raw < 2; raw++) {
            kp.method = CS_KMEDOIDS_PAM;
            int rc = raw ? cs_kmedoids_euclidean(medoids, labels, &info, x, n, p, &kp, NULL)
                         : cs_kmedoids(medoids, labels, &info, d, n, &kp, NULL);
            if (rc)
                fail_msg("%s: %s", names[c], cs_error_last());
            if (!same_medoids(medoids, med, k))
                fail_msg("%s: PAM medoids differ from R's", names[c]);
            if (!pt_close(info.objective, obj[1], 1e-12) ||
                !pt_close(info.build_objective, obj[0], 1e-12))
                fail_msg("%s: objective %.17g (build %.17g), R %.17g (build %.17g)", names[c],
                         info.objective, info.build_objective, obj[1], obj[0]);
            for (size_t i = 0; i < n; i++)
                if (labels[i] != (int)clu[i] - 1)
                    fail_msg("%s: object %zu in group %d, R %d", names[c], i, labels[i] + 1,
                             (int)clu[i]);
        }

        /* FasterPAM from R's start */
        int st[16];
        for (int i = 0; i < k; i++)
            st[i] = (int)start[i] - 1;
        kp.method = CS_KMEDOIDS_FASTERPAM;
        kp.init_medoids = st;
        if (cs_kmedoids(medoids, labels, &info, d, n, &kp, NULL))
            fail_msg("%s: %s", names[c], cs_error_last());
        if (!same_medoids(medoids, fmed, k))
            fail_msg("%s: FasterPAM medoids differ from R's from the same start", names[c]);
        if (!pt_close(info.objective, fobj[1], 1e-12))
            fail_msg("%s: FasterPAM objective %.17g, R %.17g", names[c], info.objective, fobj[1]);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(labels[i], (int)fclu[i] - 1);
        /* from raw data (distances computed during the scan): the very same bytes */
        int medoids2[16], *labels2 = malloc(n * sizeof *labels2);
        cs_kmedoids_info info2;
        if (cs_kmedoids_euclidean(medoids2, labels2, &info2, x, n, p, &kp, NULL))
            fail_msg("%s: %s", names[c], cs_error_last());
        assert_memory_equal(medoids, medoids2, (size_t)k * sizeof *medoids);
        assert_memory_equal(labels, labels2, n * sizeof *labels);
        assert_memory_equal(&info.objective, &info2.objective, sizeof info.objective);
        assert_int_equal(info.n_swaps, info2.n_swaps);
        free(labels2);

        /* our default start (BUILD) against R's default (random) */
        kp.init_medoids = NULL;
        assert_int_equal(cs_kmedoids(medoids, labels, &info, d, n, &kp, NULL), 0);
        if (info.objective < frandom[0] * (1 - 1e-12))
            better++;
        else if (info.objective > frandom[0] * (1 + 1e-12))
            worse++;
        free(d);
        free(labels);
        pt_ref_free(ref);
    }
    print_message("FasterPAM (BUILD start) vs R faster (random start): %zu better, %zu worse, "
                  "%zu equal of %zu\n",
                  better, worse, ncase - better - worse, ncase);
    assert_true(better >= worse);
}

static double *gen(size_t n, size_t p, uint64_t seed)
{
    double *x = malloc(n * p * sizeof *x);
    uint64_t s = seed;
    for (size_t i = 0; i < n * p; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = (double)(s >> 11) * 0x1.0p-53 * 10.0 + (double)((i / p) % 3) * 4.0;
    }
    return x;
}

/* Every condensed distance is the canonical one, whatever the kernel set. */
static void test_distances(void **state)
{
    (void)state;
    const size_t ns[] = { 1, 2, 3, 5, 8, 9, 17, 130 };
    const size_t ps[] = { 1, 3, 8, 13 };
    const char *isa[] = { "generic", "avx2", "avx512" };
    for (size_t a = 0; a < 8; a++)
        for (size_t b = 0; b < 4; b++) {
            size_t n = ns[a], p = ps[b], m = n * (n - 1) / 2;
            double *x = gen(n, p, n * 31 + p);
            double *d = malloc((m ? m : 1) * sizeof *d);
            for (size_t s = 0; s < 3; s++) {
                if (cs_part_kernels_force(isa[s]) != 0)
                    continue;
                memset(d, 0xff, (m ? m : 1) * sizeof *d);
                assert_int_equal(cs_distance_euclidean_condensed(d, x, n, p, NULL), 0);
                for (size_t i = 0; i < n; i++)
                    for (size_t j = i + 1; j < n; j++) {
                        double want = sqrt(cs_part_sqdist(x + i * p, x + j * p, p));
                        double got = d[cs_condensed_index(n, i, j)];
                        assert_memory_equal(&got, &want, sizeof got);
                    }
            }
            cs_part_kernels_force(NULL);
            free(x);
            free(d);
        }
}

static void test_deterministic(void **state)
{
    (void)state;
    size_t n = 900, p = 5;
    double *x = gen(n, p, 17);
    const cs_kmedoids_init inits[] = { CS_KMEDOIDS_INIT_BUILD, CS_KMEDOIDS_INIT_LAB,
                                       CS_KMEDOIDS_INIT_RANDOM };
    for (size_t a = 0; a < 3; a++) {
        cs_kmedoids_params kp;
        cs_kmedoids_params_init(&kp, 7);
        kp.init = inits[a];
        kp.n_init = 3;
        kp.seed = 1234;
        int m1[7], m2[7], *l1 = malloc(n * sizeof *l1), *l2 = malloc(n * sizeof *l2);
        cs_kmedoids_info i1, i2;
        cs_run_options r1, r2;
        cs_run_options_init(&r1);
        cs_run_options_init(&r2);
        r1.n_threads = 1;
        r2.n_threads = 2;
        assert_int_equal(cs_kmedoids_euclidean(m1, l1, &i1, x, n, p, &kp, &r1), 0);
        assert_int_equal(cs_kmedoids_euclidean(m2, l2, &i2, x, n, p, &kp, &r2), 0);
        assert_memory_equal(m1, m2, sizeof m1);
        assert_memory_equal(l1, l2, n * sizeof *l1);
        assert_memory_equal(&i1.objective, &i2.objective, sizeof i1.objective);
        /* and with every kernel set */
        const char *isa[] = { "generic", "avx2", "avx512" };
        for (size_t s = 0; s < 3; s++) {
            if (cs_part_kernels_force(isa[s]) != 0)
                continue;
            assert_int_equal(cs_kmedoids_euclidean(m2, l2, &i2, x, n, p, &kp, &r2), 0);
            assert_memory_equal(m1, m2, sizeof m1);
            assert_memory_equal(&i1.objective, &i2.objective, sizeof i1.objective);
        }
        cs_part_kernels_force(NULL);
        /* every medoid is in its own group, and labels point at the nearest medoid */
        for (int g = 0; g < 7; g++)
            assert_int_equal(l1[m1[g]], g);
        for (size_t i = 0; i < n; i++) {
            double dl = sqrt(cs_part_sqdist(x + i * p, x + (size_t)m1[l1[i]] * p, p));
            for (int g = 0; g < 7; g++)
                assert_true(dl <= sqrt(cs_part_sqdist(x + i * p, x + (size_t)m1[g] * p, p)));
        }
        /* PAM and FasterPAM reach objectives close to each other on easy data */
        kp.method = CS_KMEDOIDS_PAM;
        kp.n_init = 1;
        cs_kmedoids_info ip;
        assert_int_equal(cs_kmedoids_euclidean(m2, l2, &ip, x, n, p, &kp, NULL), 0);
        assert_true(i1.objective <= ip.objective * 1.05);
        free(l1);
        free(l2);
    }
    free(x);
}

static void test_k_equals_n(void **state)
{
    (void)state;
    double x[] = { 0, 1, 3, 7, 15 };
    int med[5], lab[5];
    cs_kmedoids_info info;
    cs_kmedoids_params kp;
    cs_kmedoids_params_init(&kp, 5);
    assert_int_equal(cs_kmedoids_euclidean(med, lab, &info, x, 5, 1, &kp, NULL), 0);
    assert_true(info.objective == 0.0);
    kp.k = 1;
    kp.method = CS_KMEDOIDS_PAM;
    assert_int_equal(cs_kmedoids_euclidean(med, lab, &info, x, 5, 1, &kp, NULL), 0);
    assert_int_equal(med[0], 2); /* the object with the least total distance */
    assert_true(info.objective == 3.0 + 2.0 + 0.0 + 4.0 + 12.0);
    /* one object: one group, its own medoid */
    kp.method = CS_KMEDOIDS_FASTERPAM;
    assert_int_equal(cs_kmedoids_euclidean(med, lab, &info, x, 1, 1, &kp, NULL), 0);
    assert_int_equal(med[0], 0);
    assert_int_equal(lab[0], 0);
    assert_true(info.objective == 0.0);
    assert_int_equal(cs_kmedoids(med, lab, &info, NULL, 1, &kp, NULL), 0);
    assert_int_equal(med[0], 0);
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
    double d[] = { 1, 2, 3 };
    double x[] = { 0, 1, 2 };
    int med[4], lab[3];
    cs_kmedoids_params kp;
    cs_kmedoids_params_init(&kp, 0);
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, &kp, NULL), CS_EUSAGE, "k must");
    kp.k = 4;
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, &kp, NULL), CS_EUSAGE, "k must");
    kp.k = 2;
    expect_error(cs_kmedoids(med, lab, NULL, d, 0, &kp, NULL), CS_EDATA, "empty");
    expect_error(cs_kmedoids(NULL, lab, NULL, d, 3, &kp, NULL), CS_EUSAGE, "output");
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, NULL, NULL), CS_EUSAGE, "parameters");
    double bad[] = { 1, NAN, 3 };
    expect_error(cs_kmedoids(med, lab, NULL, bad, 3, &kp, NULL), CS_EDATA, "objects 1 and 3");
    bad[1] = -1;
    expect_error(cs_kmedoids(med, lab, NULL, bad, 3, &kp, NULL), CS_EDATA, ">= 0");
    bad[1] = INFINITY;
    expect_error(cs_kmedoids(med, lab, NULL, bad, 3, &kp, NULL), CS_EDATA, "finite");
    int dup[] = { 1, 1 };
    kp.init_medoids = dup;
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, &kp, NULL), CS_EUSAGE, "twice");
    int out[] = { 0, 3 };
    kp.init_medoids = out;
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, &kp, NULL), CS_EUSAGE, "outside");
    kp.init_medoids = NULL;
    kp.n_init = 0;
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, &kp, NULL), CS_EUSAGE, "n_init");
    kp.n_init = 1;
    kp.method = (cs_kmedoids_method)7;
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, &kp, NULL), CS_EUSAGE, "method");
    kp.method = CS_KMEDOIDS_FASTERPAM;
    double xbad[] = { 0, NAN, 2 };
    expect_error(cs_kmedoids_euclidean(med, lab, NULL, xbad, 3, 1, &kp, NULL), CS_EDATA, "NaN");
    expect_error(cs_kmedoids_euclidean(med, lab, NULL, x, 3, 0, &kp, NULL), CS_EDATA,
                 "no variables");
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.max_memory = 64;
    expect_error(cs_kmedoids_euclidean(med, lab, NULL, x, 3, 1, &kp, &ro), CS_ENOMEM,
                 "memory limit");
    expect_error(cs_kmedoids(med, lab, NULL, d, 3, &kp, &ro), CS_ENOMEM, "memory limit");
    double dd[3];
    expect_error(cs_distance_euclidean_condensed(dd, x, 3, 1, &ro), CS_ENOMEM, "memory limit");
    expect_error(cs_distance_euclidean_condensed(dd, xbad, 3, 1, NULL), CS_EDATA, "NaN");
    expect_error(cs_distance_euclidean_condensed(dd, x, 0, 1, NULL), CS_EDATA, "empty");
    assert_int_equal(cs_kmedoids(med, lab, NULL, d, 3, &kp, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_r),     cmocka_unit_test(test_distances),
        cmocka_unit_test(test_deterministic), cmocka_unit_test(test_k_equals_n),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
