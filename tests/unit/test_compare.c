/* Contingency table, adjusted Rand index and normalised mutual information against
 * scikit-learn, plus hand-checked values and errors. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition_test_util.h"

static void test_against_sklearn(void **state)
{
    (void)state;
    const char *dir = pt_ref_dir("sklearn");
    if (!dir)
        fail_msg("%s", pt_error);
    char names[32][64];
    size_t ncase = pt_list(dir, "cmp_list.txt", names, 32);
    assert_true(ncase >= 10);
    for (size_t c = 0; c < ncase; c++) {
        pt_ref *ref = pt_ref_load(dir, names[c]);
        assert_non_null(ref);
        size_t n = 0, ka = 0, kb = 0;
        const double *a = pt_ref_get(ref, "a", NULL, &n);
        const double *b = pt_ref_get(ref, "b", NULL, NULL);
        double ari_ref = pt_ref_get(ref, "ari", NULL, NULL)[0];
        double nmi_ref = pt_ref_get(ref, "nmi", NULL, NULL)[0];
        const double *table = pt_ref_get(ref, "table", &ka, &kb);
        int *la = malloc(n * sizeof *la), *lb = malloc(n * sizeof *lb);
        for (size_t i = 0; i < n; i++) {
            la[i] = (int)a[i];
            lb[i] = (int)b[i];
        }
        double ari, nmi;
        assert_int_equal(cs_adjusted_rand_index(&ari, la, lb, n), 0);
        assert_int_equal(cs_normalized_mutual_info(&nmi, la, lb, n), 0);
        /* exact integers: the adjusted Rand index is scikit-learn's to the last bit */
        if (ari != ari_ref)
            fail_msg("%s: ARI %.17g, scikit-learn %.17g", names[c], ari, ari_ref);
        if (fabs(nmi - nmi_ref) > 1e-12)
            fail_msg("%s: NMI %.17g, scikit-learn %.17g", names[c], nmi, nmi_ref);
        if (table) {
            int64_t *t = malloc(ka * kb * sizeof *t);
            assert_int_equal(cs_contingency_table(t, la, (int)ka, lb, (int)kb, n), 0);
            for (size_t i = 0; i < ka * kb; i++)
                assert_int_equal(t[i], (int64_t)table[i]);
            free(t);
        }
        free(la);
        free(lb);
        pt_ref_free(ref);
    }
}

/* Hubert and Arabie's example values, worked by hand. */
static void test_hand_checked(void **state)
{
    (void)state;
    /* a = {0,0,1,1}, b = {0,0,0,1}: pairs together in both: 1; in a: 2; in b: 3; of 6 pairs.
     * ARI = (1 - 2*3/6) / ((2+3)/2 - 2*3/6) = 0 / 1.5 = 0 */
    int a[] = { 0, 0, 1, 1 }, b[] = { 0, 0, 0, 1 };
    double ari, nmi;
    assert_int_equal(cs_adjusted_rand_index(&ari, a, b, 4), 0);
    assert_true(ari == 0.0);
    /* relabelled identical partitions */
    int c[] = { 5, 5, -2, -2 };
    assert_int_equal(cs_adjusted_rand_index(&ari, a, c, 4), 0);
    assert_true(ari == 1.0);
    assert_int_equal(cs_normalized_mutual_info(&nmi, a, c, 4), 0);
    assert_true(fabs(nmi - 1.0) < 1e-15);
    /* empty input: 1, as scikit-learn */
    assert_int_equal(cs_adjusted_rand_index(&ari, NULL, NULL, 0), 0);
    assert_true(ari == 1.0);
    assert_int_equal(cs_normalized_mutual_info(&nmi, NULL, NULL, 0), 0);
    assert_true(nmi == 1.0);
    int64_t t[4];
    assert_int_equal(cs_contingency_table(t, a, 2, b, 2, 4), 0);
    assert_int_equal(t[0], 2);
    assert_int_equal(t[1], 0);
    assert_int_equal(t[2], 1);
    assert_int_equal(t[3], 1);
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
    int a[] = { 0, 1, 2 }, b[] = { 0, 0, 1 };
    int64_t t[6];
    double v;
    expect_error(cs_contingency_table(t, a, 2, b, 2, 3), CS_EDATA, "object 3");
    expect_error(cs_contingency_table(t, a, 0, b, 2, 3), CS_EUSAGE, ">= 1");
    expect_error(cs_contingency_table(NULL, a, 3, b, 2, 3), CS_EUSAGE, "no labels");
    int neg[] = { 0, -1, 1 };
    expect_error(cs_contingency_table(t, neg, 3, b, 2, 3), CS_EDATA, "found -1");
    expect_error(cs_adjusted_rand_index(NULL, a, b, 3), CS_EUSAGE, "no labels");
    expect_error(cs_adjusted_rand_index(&v, NULL, b, 3), CS_EUSAGE, "no labels");
    expect_error(cs_normalized_mutual_info(NULL, a, b, 3), CS_EUSAGE, "no labels");
    assert_int_equal(cs_contingency_table(t, a, 3, b, 2, 3), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_sklearn),
        cmocka_unit_test(test_hand_checked),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
