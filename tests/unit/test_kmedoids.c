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

/*
 * Tie-heavy inputs, where equally good medoids abound and a swap's change is zero computed as
 * rounding noise. The old swap tests (change below -16 DBL_EPSILON |objective|, as R's) swapped
 * two equally good medoids forever on "pam4" and "pam3" (`clusterscope kmedoids -k 2` on them
 * hung, as R's pam(variant = "faster") does) and on several of the others (pt_tie_sets).
 */

/* Sum over objects of the distance to the nearest of the medoids in `set` (a bit mask). */
static double tie_cost(const double *d, size_t n, unsigned set)
{
    double t = 0.0;
    for (size_t j = 0; j < n; j++) {
        double a = INFINITY;
        for (size_t i = 0; i < n; i++)
            if (set >> i & 1) {
                double v = i == j ? 0.0 : d[cs_condensed_index(n, i < j ? i : j, i < j ? j : i)];
                if (v < a)
                    a = v;
            }
        t += a;
    }
    return t;
}

/* Every k, both methods, condensed and raw data, every initialisation and every start: each run
 * ends, says it converged, never meets a set of medoids twice (fewer swaps than sets), ends no
 * worse than it started, and labels each object by a nearest medoid. The reported inputs reach
 * the best partition from every start. Runs in a child (pt_run_limited). */
static int tie_child(const void *arg, char *msg, size_t cap)
{
    const pt_tie_set *t = arg;
    size_t n = t->n, p = t->p;
    double d[64];
    cs_run_options run;
    cs_run_options_init(&run);
    run.n_threads = 1;
    PT_CHILD_CHECK(cs_distance_euclidean_condensed(d, t->x, n, p, &run) == 0, "distances: %s",
                   cs_error_last());
    for (int k = 1; k <= (int)n; k++) {
        double sets = 1.0, best = INFINITY;
        for (int i = 0; i < k; i++)
            sets = sets * (double)(n - (size_t)i) / (double)(i + 1);
        for (unsigned set = 0; set < 1u << n; set++)
            if (__builtin_popcount(set) == k) {
                double c = tie_cost(d, n, set);
                best = c < best ? c : best;
            }
        for (int method = 0; method < 2; method++)
            for (unsigned start = 0; start < (1u << n) + 3; start++) {
                int given = start < 1u << n;
                if (given && __builtin_popcount(start) != k)
                    continue;
                int init[16], ni = 0;
                for (size_t i = 0; given && i < n; i++)
                    if (start >> i & 1)
                        init[ni++] = (int)i;
                cs_kmedoids_params kp;
                cs_kmedoids_params_init(&kp, k);
                kp.method = method ? CS_KMEDOIDS_FASTERPAM : CS_KMEDOIDS_PAM;
                kp.init_medoids = given ? init : NULL;
                kp.init = given ? CS_KMEDOIDS_INIT_BUILD : (cs_kmedoids_init)(start - (1u << n));
                kp.n_init = 2;
                kp.seed = start;
                for (int raw = 0; raw < 2; raw++) {
                    int med[16], lab[16];
                    cs_kmedoids_info info;
                    int rc = raw ? cs_kmedoids_euclidean(med, lab, &info, t->x, n, p, &kp, &run)
                                 : cs_kmedoids(med, lab, &info, d, n, &kp, &run);
                    char what[128];
                    snprintf(what, sizeof what, "%s, k = %d, %s, %s, start %s%x", t->name, k,
                             method ? "FasterPAM" : "PAM", raw ? "raw" : "condensed",
                             given ? "0x" : "init ", given ? start : start - (1u << n));
                    PT_CHILD_CHECK(rc == 0, "%s: %s", what, cs_error_last());
                    PT_CHILD_CHECK(info.converged == 1, "%s: not converged", what);
                    PT_CHILD_CHECK((double)info.n_swaps < sets, "%s: %ld swaps, %g sets of medoids",
                                   what, info.n_swaps, sets);
                    PT_CHILD_CHECK(info.objective <= info.build_objective,
                                   "%s: objective %.17g above the start's %.17g", what,
                                   info.objective, info.build_objective);
                    unsigned mset = 0;
                    for (int g = 0; g < k; g++) {
                        PT_CHILD_CHECK(lab[med[g]] == g, "%s: medoid %d not in its group", what,
                                       med[g]);
                        mset |= 1u << med[g];
                    }
                    PT_CHILD_CHECK(info.objective == tie_cost(d, n, mset),
                                   "%s: objective %.17g, its medoids cost %.17g", what,
                                   info.objective, tie_cost(d, n, mset));
                    if (t->name[0] == 'p' && t->name[1] == 'a' && t->name[2] == 'm')
                        PT_CHILD_CHECK(pt_close(info.objective, best, 1e-12),
                                       "%s: objective %.17g, best %.17g", what, info.objective,
                                       best);
                }
            }
    }
    return 0;
}

static void test_ties_end(void **state)
{
    (void)state;
    size_t count;
    const pt_tie_set *sets = pt_tie_sets(&count);
    PT_EACH_LIMITED(tie_child, sets, count);
}

/* The reported case through the default path (FasterPAM from BUILD), and max_swaps: a run
 * stopped by it says so. */
static void test_ties_default(void **state)
{
    (void)state;
    size_t count;
    const pt_tie_set *t = pt_tie_sets(&count); /* pam4 */
    int med[2], lab[8];
    cs_kmedoids_info info;
    cs_kmedoids_params kp;
    cs_kmedoids_params_init(&kp, 2);
    kp.max_swaps = 1000; /* the old code ran into it: a counter, not a hang */
    assert_int_equal(cs_kmedoids_euclidean(med, lab, &info, t->x, t->n, t->p, &kp, NULL), 0);
    assert_int_equal(info.converged, 1);
    assert_true(info.n_swaps == 0);
    assert_true(info.objective == info.build_objective);
    assert_int_equal(lab[0], lab[1]);
    assert_int_equal(lab[2], lab[3]);
    assert_int_not_equal(lab[0], lab[2]);
    /* a real swap cut short */
    double line[] = { 0, 1, 2, 3, 10, 11, 12, 13 };
    int start[] = { 0, 1 };
    kp.init_medoids = start;
    kp.max_swaps = 1;
    assert_int_equal(cs_kmedoids_euclidean(med, lab, &info, line, 8, 1, &kp, NULL), 0);
    assert_int_equal(info.n_swaps, 1);
    assert_int_equal(info.converged, 0);
    kp.max_swaps = 0;
    assert_int_equal(cs_kmedoids_euclidean(med, lab, &info, line, 8, 1, &kp, NULL), 0);
    assert_int_equal(info.converged, 1);
    assert_true(info.objective == 8.0);
    kp.method = CS_KMEDOIDS_PAM; /* from 0 and 10 the best swap leaves another to make */
    start[1] = 4;
    kp.max_swaps = 1;
    assert_int_equal(cs_kmedoids_euclidean(med, lab, &info, line, 8, 1, &kp, NULL), 0);
    assert_int_equal(info.n_swaps, 1);
    assert_int_equal(info.converged, 0);
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
        cmocka_unit_test(test_errors),        cmocka_unit_test(test_ties_end),
        cmocka_unit_test(test_ties_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
