/* k-modes: a hand-checked run with Cao's initialisation, binary data, given modes, empty groups,
 * seeded initialisations, and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "partition_test_util.h"

/*
 * Eight objects, four variables. Worked by hand:
 *   code frequencies: v0 {0:3, 1:3, 2:2}, v1 the same, v2 {0:3, 1:3, 2:2}, v3 {0:3, 1:4, 2:1};
 *   densities (sums of the frequencies of an object's codes): 12 13 12 13 12 13 7 10.
 *   Cao: first mode object 1 (0001, density 13, lowest index); scores density * distance to it:
 *   12 - 24 39 48 26 28 30 -> object 4 (1110); then density * min distance: 12 - 24 13 - 26 28 30
 *   -> object 7 (2221).
 *   Allocation (ties to the lower group): {0,1,2,5} {3,4} {6,7}; modes 0000 (v3 tie 0/1 -> 0),
 *   1110 (v3 tie -> 0), 2221 (v3 tie 1/2 -> 1).
 *   Pass 1: object 5 (1101) is 3 from 0000 and 2 from 1110: it moves; modes become 0000 and
 *   1111. Pass 2: no move.
 *   Result: labels 0 0 0 1 1 1 2 2, modes 0000 1111 2221, cost 0+1+1+0+1+1+1+0 = 5.
 */
static const unsigned char hand[] = { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1,
                                      1, 1, 1, 0, 1, 1, 0, 1, 2, 2, 2, 2, 2, 2, 2, 1 };

static void test_hand_checked(void **state)
{
    (void)state;
    cs_kmodes_params kp;
    cs_kmodes_params_init(&kp, 3);
    int labels[8];
    unsigned char modes[12];
    cs_kmodes_info info;
    assert_int_equal(cs_kmodes(labels, modes, &info, hand, 8, 4, &kp, NULL), 0);
    const int want_labels[] = { 0, 0, 0, 1, 1, 1, 2, 2 };
    const unsigned char want_modes[] = { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 1 };
    assert_memory_equal(labels, want_labels, sizeof labels);
    assert_memory_equal(modes, want_modes, sizeof modes);
    assert_int_equal(info.cost, 5);
    assert_int_equal(info.n_iter, 2);
    assert_int_equal(info.n_moves, 1);
}

static void test_binary(void **state)
{
    (void)state;
    /* 15 binary indicators; two profiles with one flipped indicator each */
    size_t n = 40, p = 15;
    unsigned char *x = malloc(n * p);
    for (size_t i = 0; i < n; i++)
        for (size_t d = 0; d < p; d++) {
            unsigned char base = i < 20 ? (d < 7) : (d >= 7);
            x[i * p + d] = d == i % p ? (unsigned char)!base : base;
        }
    cs_kmodes_params kp;
    cs_kmodes_params_init(&kp, 2);
    int labels[40];
    unsigned char modes[30];
    cs_kmodes_info info;
    assert_int_equal(cs_kmodes(labels, modes, &info, x, n, p, &kp, NULL), 0);
    for (size_t i = 1; i < n; i++)
        assert_int_equal(labels[i] == labels[0], i < 20);
    assert_int_equal(info.cost, 40); /* one flipped indicator per object */
    free(x);
}

static void test_given_and_empty(void **state)
{
    (void)state;
    /* the third mode (9999) is nearest to nobody: its group starts empty and is filled by the
     * object farthest from its mode */
    const unsigned char init[] = { 0, 0, 0, 0, 1, 1, 1, 1, 9, 9, 9, 9 };
    cs_kmodes_params kp;
    cs_kmodes_params_init(&kp, 3);
    kp.init_modes = init;
    int labels[8], counts[3] = { 0, 0, 0 };
    unsigned char modes[12];
    cs_kmodes_info info;
    assert_int_equal(cs_kmodes(labels, modes, &info, hand, 8, 4, &kp, NULL), 0);
    for (int i = 0; i < 8; i++)
        counts[labels[i]]++;
    for (int g = 0; g < 3; g++)
        assert_true(counts[g] > 0);
    long cost = 0;
    for (int i = 0; i < 8; i++)
        for (int d = 0; d < 4; d++)
            cost += hand[i * 4 + d] != modes[labels[i] * 4 + d];
    assert_int_equal(cost, info.cost);
}

static void test_seeded(void **state)
{
    (void)state;
    size_t n = 500, p = 10;
    unsigned char *x = malloc(n * p);
    uint64_t s = 3;
    for (size_t i = 0; i < n * p; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = (unsigned char)((s >> 40) % 4);
    }
    const cs_kmodes_init inits[] = { CS_KMODES_INIT_HUANG, CS_KMODES_INIT_RANDOM };
    for (size_t a = 0; a < 2; a++) {
        cs_kmodes_params kp;
        cs_kmodes_params_init(&kp, 5);
        kp.init = inits[a];
        kp.seed = 42;
        kp.n_init = 4;
        int *l1 = malloc(n * sizeof *l1), *l2 = malloc(n * sizeof *l2);
        unsigned char m1[50], m2[50];
        cs_kmodes_info i1, i2, i3;
        assert_int_equal(cs_kmodes(l1, m1, &i1, x, n, p, &kp, NULL), 0);
        assert_int_equal(cs_kmodes(l2, m2, &i2, x, n, p, &kp, NULL), 0);
        assert_memory_equal(l1, l2, n * sizeof *l1);
        assert_memory_equal(m1, m2, sizeof m1);
        kp.n_init = 1; /* restart 0 of the run above */
        assert_int_equal(cs_kmodes(l2, m2, &i3, x, n, p, &kp, NULL), 0);
        assert_true(i1.cost <= i3.cost);
        free(l1);
        free(l2);
    }
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
    int labels[8];
    unsigned char modes[40];
    cs_kmodes_params kp;
    cs_kmodes_params_init(&kp, 0);
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 4, &kp, NULL), CS_EUSAGE, "k must");
    kp.k = 9;
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 4, &kp, NULL), CS_EUSAGE, "k must");
    kp.k = 2;
    expect_error(cs_kmodes(labels, modes, NULL, hand, 0, 4, &kp, NULL), CS_EDATA, "empty");
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 0, &kp, NULL), CS_EDATA, "empty");
    expect_error(cs_kmodes(NULL, modes, NULL, hand, 8, 4, &kp, NULL), CS_EUSAGE, "output");
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 4, NULL, NULL), CS_EUSAGE, "parameters");
    kp.max_iter = 0;
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 4, &kp, NULL), CS_EUSAGE, "max_iter");
    kp.max_iter = 10;
    kp.n_init = 0;
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 4, &kp, NULL), CS_EUSAGE, "n_init");
    kp.n_init = 1;
    kp.init = (cs_kmodes_init)5;
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 4, &kp, NULL), CS_EUSAGE,
                 "initialisation");
    kp.init = CS_KMODES_INIT_CAO;
    const unsigned char dup[] = { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 };
    kp.k = 3;
    expect_error(cs_kmodes(labels, modes, NULL, dup, 3, 4, &kp, NULL), CS_EDATA, "distinct");
    cs_run_options ro;
    cs_run_options_init(&ro);
    ro.max_memory = 32;
    expect_error(cs_kmodes(labels, modes, NULL, hand, 8, 4, &kp, &ro), CS_ENOMEM, "memory limit");
    assert_int_equal(cs_kmodes(labels, modes, NULL, hand, 8, 4, &kp, NULL), 0);
}

/*
 * Tie-heavy inputs (no bug found here: a move needs a strictly nearer mode, each mode update
 * cannot raise the integer cost, and a relocation fills an empty group, so every pass that
 * changes something lowers the cost or the number of empty groups). Each run ends by a pass
 * without moves, well before max_iter, with every object at a nearest mode.
 */
typedef struct {
    const char *name;
    size_t n, p;
    unsigned char x[32];
} tie_set;

static const tie_set tie_sets[] = {
    { "all equal", 5, 3, { 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 } },
    { "duplicated", 6, 2, { 0, 0, 0, 0, 1, 1, 1, 1, 2, 0, 2, 0 } },
    { "two objects", 2, 2, { 0, 1, 1, 0 } },
    { "two equal objects", 2, 2, { 1, 1, 1, 1 } },
    { "all at distance 1", 6, 1, { 0, 1, 2, 3, 4, 5 } },
    { "binary", 8, 3, { 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0 } },
    { "alternating", 4, 2, { 0, 1, 1, 0, 0, 1, 1, 0 } },
    { "xor", 4, 2, { 0, 0, 0, 1, 1, 0, 1, 1 } },
};

static long tie_mismatch(const unsigned char *a, const unsigned char *b, size_t p)
{
    long m = 0;
    for (size_t d = 0; d < p; d++)
        m += a[d] != b[d];
    return m;
}

/* Every k, from every set of objects as modes, all modes equal, modes that are no object, and
 * the three initialisations. Runs in a child (pt_run_limited). */
static int tie_child(const void *arg, char *msg, size_t cap)
{
    const tie_set *t = arg;
    size_t n = t->n, p = t->p;
    for (int k = 1; k <= (int)n; k++)
        for (unsigned start = 0; start < (1u << n) + 5; start++) {
            int given = start < 1u << n;
            if (given && __builtin_popcount(start) != k)
                continue;
            unsigned extra = given ? 0 : start - (1u << n);
            unsigned char modes0[32];
            size_t ni = 0;
            for (size_t i = 0; given && i < n; i++)
                if (start >> i & 1)
                    memcpy(modes0 + ni++ * p, t->x + i * p, p);
            if (extra == 3)
                memset(modes0, 0, sizeof modes0);
            for (size_t i = 0; extra == 4 && i < sizeof modes0; i++)
                modes0[i] = (unsigned char)(i % 3);
            cs_kmodes_params kp;
            cs_kmodes_params_init(&kp, k);
            kp.init_modes = given || extra >= 3 ? modes0 : NULL;
            kp.init = extra < 3 ? (cs_kmodes_init)extra : CS_KMODES_INIT_CAO;
            kp.n_init = 2;
            kp.seed = start;
            int lab[16];
            unsigned char modes[32];
            cs_kmodes_info info;
            char what[128];
            snprintf(what, sizeof what, "%s, k = %d, start %s%x", t->name, k, given ? "0x" : "",
                     start);
            int rc = cs_kmodes(lab, modes, &info, t->x, n, p, &kp, NULL);
            if (rc == CS_EDATA && kp.init == CS_KMODES_INIT_CAO && !kp.init_modes)
                continue; /* fewer distinct objects than k */
            PT_CHILD_CHECK(rc == 0, "%s: %s", what, cs_error_last());
            PT_CHILD_CHECK(info.n_iter < kp.max_iter, "%s: %d passes", what, info.n_iter);
            long cost = 0;
            for (size_t i = 0; i < n; i++) {
                long own = tie_mismatch(t->x + i * p, modes + (size_t)lab[i] * p, p);
                for (int g = 0; g < k; g++)
                    PT_CHILD_CHECK(own <= tie_mismatch(t->x + i * p, modes + (size_t)g * p, p),
                                   "%s: object %zu is not at a nearest mode", what, i);
                cost += own;
            }
            PT_CHILD_CHECK(cost == info.cost, "%s: cost %ld, reported %ld", what, cost, info.cost);
        }
    return 0;
}

static void test_ties_end(void **state)
{
    (void)state;
    PT_EACH_LIMITED(tie_child, tie_sets, sizeof tie_sets / sizeof *tie_sets);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_checked),    cmocka_unit_test(test_binary),
        cmocka_unit_test(test_given_and_empty), cmocka_unit_test(test_seeded),
        cmocka_unit_test(test_errors),          cmocka_unit_test(test_ties_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
