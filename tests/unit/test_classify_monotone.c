/* The selection of the typology only improves with data (classify.h): random fact patterns on
 * the HSE method's 23 items (seeded), classified; then random unknown cells become known (never
 * the other way), classified again: every cluster analysed before is analysed after, and a
 * classification that succeeded still succeeds. Run over both policies that accept unknown
 * cells and several coverage minimums, sparse and dense patterns alike. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "clusterscope/classify.h"
#include "clusterscope/error.h"
#include "clusterscope/method.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N_CLUSTERS = 40, TRIALS = 60 };

static uint64_t rng_state;

static uint64_t next(void)
{
    /* xorshift64*: enough for test patterns, and the same on every platform */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

/* A number in [0, 1). */
static double uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

typedef struct {
    cs_method *m;
    size_t ni;
    cs_result *items; /* N_CLUSTERS x ni */
    char keys[N_CLUSTERS][16];
    cs_classify_object objects[N_CLUSTERS];
} pattern;

static void fill(pattern *p, double known)
{
    for (size_t i = 0; i < N_CLUSTERS; i++) {
        for (size_t v = 0; v < p->ni; v++) {
            cs_result *r = &p->items[i * p->ni + v];
            *r = uniform() < known ? (uniform() < 0.7 ? CS_RESULT_MET : CS_RESULT_NOT_MET)
                                   : CS_RESULT_UNKNOWN;
        }
        snprintf(p->keys[i], sizeof p->keys[i], "c%02zu", i);
        p->objects[i] =
            (cs_classify_object){ p->keys[i], i % 3 ? "DE" : "RU", p->items + i * p->ni };
    }
}

/* Turns unknown cells into known ones, each with probability `share`; never the reverse. */
static size_t add_known(pattern *p, double share)
{
    size_t added = 0;
    for (size_t k = 0; k < N_CLUSTERS * p->ni; k++) {
        if (p->items[k] == CS_RESULT_UNKNOWN && uniform() < share) {
            p->items[k] = uniform() < 0.5 ? CS_RESULT_MET : CS_RESULT_NOT_MET;
            added++;
        }
    }
    return added;
}

static void check_trial(pattern *p, const cs_classify_options *o, double known, double share)
{
    fill(p, known);
    cs_classification *before = NULL, *after = NULL;
    int rc = cs_classify(&before, p->m, p->objects, N_CLUSTERS, NULL, o);
    if (rc) {
        /* too sparse to classify at all: adding data may only help */
        assert_int_equal(rc, CS_EDATA);
        cs_error_clear();
    }
    add_known(p, share);
    int rc2 = cs_classify(&after, p->m, p->objects, N_CLUSTERS, NULL, o);
    if (!rc) {
        if (rc2)
            fail_msg("classified before, refused after adding data: %s", cs_error_last());
        for (size_t i = 0; i < N_CLUSTERS; i++) {
            if (cs_classification_group_of(before, i) && !cs_classification_group_of(after, i))
                fail_msg("%s was analysed, then left out after adding data: %s", p->keys[i],
                         cs_classification_left_out(after, i));
        }
        assert_true(cs_classification_analysed(after) >= cs_classification_analysed(before));
    }
    cs_classification_free(before);
    cs_classification_free(after);
    cs_error_clear();
}

static void test_monotone(void **state)
{
    (void)state;
    pattern p;
    memset(&p, 0, sizeof p);
    assert_int_equal(cs_method_load_builtin(&p.m, "hse-biomedical-2019"), 0);
    p.ni = cs_method_item_count(p.m);
    p.items = calloc(N_CLUSTERS * p.ni, sizeof *p.items);
    assert_non_null(p.items);
    rng_state = 20260303;
    static const int policies[] = { CS_UNKNOWN_PAIRWISE, CS_UNKNOWN_AS_ZERO };
    static const int minimums[] = { 0, 1, 3, 8 }; /* 0: the method's (5) */
    size_t trials = 0;
    for (size_t pi = 0; pi < sizeof policies / sizeof policies[0]; pi++) {
        for (size_t mi = 0; mi < sizeof minimums / sizeof minimums[0]; mi++) {
            cs_classify_options o;
            cs_classify_options_init(&o);
            o.unknown = policies[pi];
            o.min_known = minimums[mi];
            for (int t = 0; t < TRIALS; t++, trials++) {
                /* sparse (as the bundled data are) to dense, a few cells added to many */
                double known = 0.05 + 0.45 * uniform(), share = 0.02 + 0.3 * uniform();
                check_trial(&p, &o, known, share);
            }
        }
    }
    assert_int_equal(trials, 2 * 4 * TRIALS);
    free(p.items);
    cs_method_free(p.m);
}

/*
 * The case the rule is made for: a pair of well-documented clusters and a thin cluster that
 * shares no known item with them. One more known item for the thin cluster (I3 known 0, as a
 * country-level ranking would give it) must not push anyone out; under the old rule over pairs
 * the best-documented clusters could go.
 */
static void test_thin_cluster_gains_a_fact(void **state)
{
    (void)state;
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    size_t ni = cs_method_item_count(m);
    long i3 = cs_method_find_item(m, "bloomberg_efficiency");
    assert_true(i3 >= 0);
    cs_result *items = calloc(5 * ni, sizeof *items);
    assert_non_null(items);
    /* rich 0 and 1 know items 6.. ; thin 2..4 know items 0..4 (and not I3, item 2) */
    for (size_t i = 0; i < 5; i++)
        for (size_t v = 0; v < ni; v++)
            items[i * ni + v] = (i < 2 ? v >= 6 : v < 5 && (long)v != i3)
                                    ? (v % 2 ? CS_RESULT_MET : CS_RESULT_NOT_MET)
                                    : CS_RESULT_UNKNOWN;
    /* the rich ones share the country block with nobody: they differ from the thin ones */
    static const char *keys[] = { "rich-a", "rich-b", "thin-a", "thin-b", "thin-c" };
    cs_classify_object obj[5];
    for (size_t i = 0; i < 5; i++)
        obj[i] = (cs_classify_object){ keys[i], "RU", items + i * ni };
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.min_known = 4;
    o.k = 2;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, m, obj, 5, NULL, &o), 0);
    assert_int_equal(cs_classification_analysed(c), 5);
    assert_int_equal(cs_classification_imputed(c, NULL), 6); /* 2 rich x 3 thin */
    cs_classification_free(c);
    for (size_t i = 2; i < 5; i++)
        items[i * ni + (size_t)i3] = CS_RESULT_NOT_MET;
    assert_int_equal(cs_classify(&c, m, obj, 5, NULL, &o), 0);
    assert_int_equal(cs_classification_analysed(c), 5);
    assert_int_not_equal(cs_classification_group_of(c, 0), 0);
    assert_int_not_equal(cs_classification_group_of(c, 1), 0);
    cs_classification_free(c);
    free(items);
    cs_method_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monotone),
        cmocka_unit_test(test_thin_cluster_gains_a_fact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
