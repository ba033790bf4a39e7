/* k-means: equal to scikit-learn's KMeans(algorithm="lloyd") for the same initial centres,
 * identical across methods, threads and instruction sets, and every error. */
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

static double *gen(size_t n, size_t p, size_t groups, uint64_t seed)
{
    double *x = malloc(n * p * sizeof *x);
    uint64_t s = seed;
    double *c = malloc(groups * p * sizeof *c);
    for (size_t i = 0; i < groups * p; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        c[i] = (double)(s >> 11) * 0x1.0p-53 * 20.0 - 10.0;
    }
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t g = (s >> 33) % groups;
        for (size_t d = 0; d < p; d++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            x[i * p + d] = c[g * p + d] + ((double)(s >> 11) * 0x1.0p-53 - 0.5) * 6.0;
        }
    }
    free(c);
    return x;
}

static void test_against_sklearn(void **state)
{
    (void)state;
    const char *dir = pt_ref_dir("sklearn");
    if (!dir)
        fail_msg("%s", pt_error);
    char names[64][64];
    size_t ncase = pt_list(dir, "km_list.txt", names, 64);
    assert_true(ncase >= 10);
    const cs_kmeans_algorithm algos[] = { CS_KMEANS_LLOYD, CS_KMEANS_HAMERLY, CS_KMEANS_ELKAN,
                                          CS_KMEANS_AUTO };
    size_t checked = 0;
    for (size_t c = 0; c < ncase; c++) {
        pt_ref *ref = pt_ref_load(dir, names[c]);
        assert_non_null(ref);
        size_t n = 0, p = 0, kk = 0, pp = 0;
        const double *x = pt_ref_get(ref, "X", &n, &p);
        const double *init = pt_ref_get(ref, "init", &kk, &pp);
        const double *params = pt_ref_get(ref, "params", NULL, NULL);
        const double *lab = pt_ref_get(ref, "labels", NULL, NULL);
        const double *cen = pt_ref_get(ref, "centres", NULL, NULL);
        const double *inertia = pt_ref_get(ref, "inertia", NULL, NULL);
        const double *n_iter = pt_ref_get(ref, "n_iter", NULL, NULL);
        assert_non_null(x);
        assert_non_null(n_iter);
        int k = (int)params[0];
        for (size_t a = 0; a < sizeof algos / sizeof algos[0]; a++) {
            cs_kmeans_params kp;
            cs_kmeans_params_init(&kp, k);
            kp.init_centres = init;
            kp.max_iter = (int)params[1];
            kp.tol = params[2];
            kp.algorithm = algos[a];
            int *labels = malloc(n * sizeof *labels);
            double *centres = malloc((size_t)k * p * sizeof *centres);
            cs_kmeans_info info;
            int rc = cs_kmeans(labels, centres, &info, x, n, p, &kp, NULL);
            if (rc)
                fail_msg("%s: %s", names[c], cs_error_last());
            size_t diff = 0;
            for (size_t i = 0; i < n; i++)
                diff += labels[i] != (int)lab[i];
            if (diff)
                fail_msg("%s (algorithm %d): %zu labels differ from scikit-learn's", names[c],
                         (int)algos[a], diff);
            if (info.n_iter != (int)n_iter[0])
                fail_msg("%s (algorithm %d): %d iterations, scikit-learn %d", names[c],
                         (int)algos[a], info.n_iter, (int)n_iter[0]);
            for (size_t i = 0; i < (size_t)k * p; i++)
                if (!pt_close(centres[i], cen[i], 1e-9))
                    fail_msg("%s: centre value %zu is %.17g, scikit-learn %.17g", names[c], i,
                             centres[i], cen[i]);
            if (!pt_close(info.inertia, inertia[0], 1e-9))
                fail_msg("%s: inertia %.17g, scikit-learn %.17g", names[c], info.inertia,
                         inertia[0]);
            if (strcmp(names[c], "km_empty") == 0)
                assert_true(info.n_relocated >= 1);
            free(labels);
            free(centres);
            checked++;
        }
        pt_ref_free(ref);
    }
    assert_int_equal(checked, ncase * 4);
}

typedef struct {
    int *labels;
    double *centres;
    cs_kmeans_info info;
} run_out;

static run_out run(const double *x, size_t n, size_t p, cs_kmeans_params *kp, int threads)
{
    run_out r;
    r.labels = malloc(n * sizeof *r.labels);
    r.centres = malloc((size_t)kp->k * p * sizeof *r.centres);
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.n_threads = threads;
    int rc = cs_kmeans(r.labels, r.centres, &r.info, x, n, p, kp, &ro);
    if (rc)
        fail_msg("%s", cs_error_last());
    return r;
}

static void assert_same(const run_out *a, const run_out *b, size_t n, size_t kp_size)
{
    assert_memory_equal(a->labels, b->labels, n * sizeof *a->labels);
    assert_memory_equal(a->centres, b->centres, kp_size * sizeof *a->centres);
    assert_memory_equal(&a->info.inertia, &b->info.inertia, sizeof a->info.inertia);
    assert_int_equal(a->info.n_iter, b->info.n_iter);
}

static void run_free(run_out *r)
{
    free(r->labels);
    free(r->centres);
}

/* Lloyd, Hamerly and Elkan give the same bytes; so do 1, 2 and 3 threads, and every kernel set. */
static void test_identical(void **state)
{
    (void)state;
    size_t n = 8011, p = 7;
    double *x = gen(n, p, 9, 42);
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, 13);
    kp.n_init = 3;
    kp.seed = 99;
    kp.tol = 0;
    kp.max_iter = 40;
    kp.algorithm = CS_KMEANS_LLOYD;
    run_out ref = run(x, n, p, &kp, 1);
    const cs_kmeans_algorithm algos[] = { CS_KMEANS_HAMERLY, CS_KMEANS_ELKAN };
    for (int t = 1; t <= 3; t++) {
        for (size_t a = 0; a < 2; a++) {
            kp.algorithm = algos[a];
            run_out r = run(x, n, p, &kp, t);
            assert_same(&ref, &r, n, 13 * p);
            run_free(&r);
        }
    }
    const char *isa[] = { "generic", "avx2", "avx512" };
    for (size_t i = 0; i < 3; i++) {
        if (cs_part_kernels_force(isa[i]) != 0)
            continue; /* this processor cannot run it */
        kp.algorithm = CS_KMEANS_HAMERLY;
        run_out r = run(x, n, p, &kp, 2);
        assert_same(&ref, &r, n, 13 * p);
        run_free(&r);
    }
    cs_part_kernels_force(NULL);
    run_free(&ref);
    free(x);
}

static void test_plusplus(void **state)
{
    (void)state;
    size_t n = 5000, p = 3;
    double *x = gen(n, p, 6, 7);
    double c1[6 * 3], c2[6 * 3], c3[6 * 3];
    int i1[6], i2[6], i3[6];
    assert_int_equal(cs_kmeans_plusplus(c1, i1, x, n, p, 6, 1, NULL), 0);
    assert_int_equal(cs_kmeans_plusplus(c2, i2, x, n, p, 6, 1, NULL), 0);
    assert_int_equal(cs_kmeans_plusplus(c3, i3, x, n, p, 6, 2, NULL), 0);
    assert_memory_equal(c1, c2, sizeof c1);
    assert_memory_equal(i1, i2, sizeof i1);
    assert_memory_not_equal(i1, i3, sizeof i1);
    for (int a = 0; a < 6; a++) {
        assert_true(i1[a] >= 0 && (size_t)i1[a] < n);
        assert_memory_equal(c1 + a * 3, x + (size_t)i1[a] * p, 3 * sizeof *x);
        for (int b = 0; b < a; b++)
            assert_int_not_equal(i1[a], i1[b]);
    }
    free(x);
}

/* More restarts never do worse: restart 0 is the same in both runs. */
static void test_restarts(void **state)
{
    (void)state;
    size_t n = 3000, p = 4;
    double *x = gen(n, p, 8, 3);
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, 8);
    kp.seed = 5;
    kp.n_init = 1;
    run_out one = run(x, n, p, &kp, 0);
    kp.n_init = 8;
    run_out many = run(x, n, p, &kp, 0);
    assert_true(many.info.inertia <= one.info.inertia);
    assert_true(many.info.best_init >= 0 && many.info.best_init < 8);
    run_free(&one);
    run_free(&many);
    free(x);
}

static void test_k_equals_n(void **state)
{
    (void)state;
    double x[] = { 0, 0, 1, 0, 0, 1, 5, 5, 9, 1 };
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, 5);
    kp.n_init = 2;
    int labels[5];
    double centres[10];
    cs_kmeans_info info;
    assert_int_equal(cs_kmeans(labels, centres, &info, x, 5, 2, &kp, NULL), 0);
    assert_true(info.inertia == 0.0);
    kp.k = 1; /* one object */
    assert_int_equal(cs_kmeans(labels, centres, &info, x, 1, 2, &kp, NULL), 0);
    assert_int_equal(labels[0], 0);
    assert_true(centres[0] == 0.0 && centres[1] == 0.0 && info.inertia == 0.0);
    kp.k = 5;
    assert_int_equal(cs_kmeans(labels, centres, &info, x, 5, 2, &kp, NULL), 0);
    for (int a = 0; a < 5; a++)
        for (int b = 0; b < a; b++)
            assert_int_not_equal(labels[a], labels[b]);
}

/*
 * Tie-heavy inputs. With more groups than distinct objects, the old code relocated objects lying
 * on their centre into the empty groups (emptying others into the data mean), or left group
 * means that should coincide an ulp apart, so objects flipped between centres at every
 * iteration and tol (0 for data of zero variance) never stopped the run: 300 iterations and
 * "not converged" for five equal objects and k = 3.
 * On each of pt_tie_sets, every k, tol 0 and 1e-4, from every set of objects as centres, all
 * centres on object 0, and k-means++: Lloyd, Hamerly and Elkan converge within a few iterations,
 * to the same bytes. Runs in a child (pt_run_limited).
 */
static int tie_child(const void *arg, char *msg, size_t cap)
{
    const pt_tie_set *t = arg;
    size_t n = t->n, p = t->p;
    cs_run_options run;
    cs_run_options_init(&run);
    run.n_threads = 1;
    for (int k = 1; k <= (int)n; k++)
        for (int tol = 0; tol < 2; tol++)
            for (unsigned start = 0; start < (1u << n) + 2; start++) {
                int given = start < 1u << n;
                if (given && __builtin_popcount(start) != k)
                    continue;
                double init[32];
                int ni = 0;
                for (size_t i = 0; i < n; i++)
                    if (given ? start >> i & 1 : start == 1u << n && ni < k)
                        memcpy(init + (size_t)ni++ * p, t->x + (given ? i : 0) * p,
                               p * sizeof *init);
                cs_kmeans_params kp;
                cs_kmeans_params_init(&kp, k);
                kp.tol = tol ? 1e-4 : 0.0;
                kp.init_centres = ni ? init : NULL;
                kp.n_init = 3;
                kp.seed = start;
                int lab0[16];
                double cen0[32];
                for (int algo = CS_KMEANS_LLOYD; algo <= CS_KMEANS_ELKAN; algo++) {
                    kp.algorithm = (cs_kmeans_algorithm)algo;
                    int lab[16];
                    double cen[32];
                    cs_kmeans_info info;
                    char what[128];
                    snprintf(what, sizeof what, "%s, k = %d, tol %g, algorithm %d, start %s%x",
                             t->name, k, kp.tol, algo, given ? "0x" : "", start);
                    PT_CHILD_CHECK(cs_kmeans(lab, cen, &info, t->x, n, p, &kp, &run) == 0, "%s: %s",
                                   what, cs_error_last());
                    PT_CHILD_CHECK(info.converged == 1, "%s: not converged after %d iterations",
                                   what, info.n_iter);
                    PT_CHILD_CHECK(info.n_iter <= 10, "%s: %d iterations", what, info.n_iter);
                    if (algo == CS_KMEANS_LLOYD) {
                        memcpy(lab0, lab, n * sizeof *lab);
                        memcpy(cen0, cen, (size_t)k * p * sizeof *cen);
                    }
                    PT_CHILD_CHECK(memcmp(lab0, lab, n * sizeof *lab) == 0 &&
                                       memcmp(cen0, cen, (size_t)k * p * sizeof *cen) == 0,
                                   "%s: not Lloyd's result", what);
                }
            }
    return 0;
}

static void test_ties_converge(void **state)
{
    (void)state;
    size_t count;
    const pt_tie_set *sets = pt_tie_sets(&count);
    PT_EACH_LIMITED(tie_child, sets, count);
}

static double last_fraction;
static int progress_calls, progress_backwards;
static void on_progress(void *ctx, double f)
{
    (void)ctx;
    if (f < last_fraction)
        progress_backwards++;
    last_fraction = f;
    progress_calls++;
}

static void test_progress(void **state)
{
    (void)state;
    size_t n = 4000, p = 3;
    double *x = gen(n, p, 5, 11);
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, 5);
    kp.n_init = 4;
    int *labels = malloc(n * sizeof *labels);
    double centres[15];
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.progress = on_progress;
    last_fraction = 0;
    progress_calls = progress_backwards = 0;
    assert_int_equal(cs_kmeans(labels, centres, NULL, x, n, p, &kp, &ro), 0);
    assert_true(progress_calls >= 5);
    assert_int_equal(progress_backwards, 0);
    assert_true(last_fraction == 1.0);
    free(labels);
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
    double x[] = { 0, 1, 2, 3, 4, 5 };
    int labels[3];
    double centres[6];
    cs_kmeans_params kp;
    cs_kmeans_params_init(&kp, 2);
    kp.k = 0;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "k must be");
    kp.k = 4;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "k must be");
    kp.k = 2;
    expect_error(cs_kmeans(labels, centres, NULL, x, 0, 2, &kp, NULL), CS_EDATA, "empty");
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 0, &kp, NULL), CS_EDATA, "empty");
    expect_error(cs_kmeans(NULL, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "output");
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, NULL, NULL), CS_EUSAGE, "parameters");
    double bad[] = { 0, 1, 2, NAN, 4, 5 };
    expect_error(cs_kmeans(labels, centres, NULL, bad, 3, 2, &kp, NULL), CS_EDATA,
                 "row 2, column 2");
    bad[3] = INFINITY;
    expect_error(cs_kmeans(labels, centres, NULL, bad, 3, 2, &kp, NULL), CS_EDATA, "infinity");
    /* finite, but their squares overflow: once "inertia inf" with exit 0, now refused */
    double huge[] = { 1e308, 1, -1e308, 2, 1e308, 3 };
    expect_error(cs_kmeans(labels, centres, NULL, huge, 3, 2, &kp, NULL), CS_EDATA,
                 "row 1, column 1: expected a number whose squares can be summed");
    huge[0] = huge[4] = 1e150; /* 3 x 2 values: their squares add up below DBL_MAX */
    huge[2] = -1e150;
    cs_kmeans_info hinfo;
    assert_int_equal(cs_kmeans(labels, centres, &hinfo, huge, 3, 2, &kp, NULL), 0);
    assert_true(isfinite(hinfo.inertia));
    kp.max_iter = 0;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "max_iter");
    kp.max_iter = 10;
    kp.tol = -1;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "tol");
    kp.tol = NAN;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "tol");
    kp.tol = 1e-4;
    kp.n_init = 0;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "n_init");
    kp.n_init = 1;
    kp.algorithm = (cs_kmeans_algorithm)9;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EUSAGE, "algorithm");
    kp.algorithm = CS_KMEANS_AUTO;
    double init_bad[] = { 0, NAN, 1, 1 };
    kp.init_centres = init_bad;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), CS_EDATA, "initial");
    kp.init_centres = NULL;
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.max_memory = 100;
    expect_error(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, &ro), CS_ENOMEM, "memory limit");
    expect_error(cs_kmeans_plusplus(centres, NULL, x, 3, 2, 5, 0, NULL), CS_EUSAGE, "k must");
    assert_int_equal(cs_kmeans(labels, centres, NULL, x, 3, 2, &kp, NULL), 0);
    assert_true(cs_default_memory_limit() > ((size_t)1 << 20));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_sklearn), cmocka_unit_test(test_identical),
        cmocka_unit_test(test_plusplus),        cmocka_unit_test(test_restarts),
        cmocka_unit_test(test_k_equals_n),      cmocka_unit_test(test_progress),
        cmocka_unit_test(test_errors),          cmocka_unit_test(test_ties_converge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
