/* The typology (classify.h) on a tiny case worked by hand: the unknown-value policies and the
 * clusters they leave out, the partition and k, group profiles, labels by the nearest reference
 * type with their reasons, and the agreement with the reference assignment. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "clusterscope/classify.h"
#include "clusterscope/error.h"
#include "clusterscope/method.h"
#include "classify_test_util.h"
#include "i18n/i18n_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cs_reference_trait traits_1[] = {
    { NULL, "DE,US,KR", 1, 1, "Germany, USA, Korea", "t1" },
    { "pwc", NULL, 1, 1, "top 10 countries", "t2" },
    { "spec.rd", NULL, 1, 1, "100%", "t3" },
};
static const cs_reference_trait traits_2[] = {
    { "spec.svc", NULL, 0.9, 0.9, "90%", "t4" },
    { "spec.rd", NULL, 0.3, 0.3, "30%", "t5" },
    { "size", NULL, 0, 0.5, "fewer than 100", "t6" },
};
static const cs_reference_type types[] = {
    { 1, "Type one", "Тип 1", 10, traits_1, 3, NULL, 0 },
    { 2, "Type two", "Тип 2", 11, traits_2, 3, NULL, 0 },
};
/* c is placed in type 2 on purpose: the agreement is then not perfect */
static const cs_reference_assignment assignments[] = {
    { "a", 1, "stated" }, { "b", 1, "stated" },       { "c", 2, "reconstructed" },
    { "d", 2, "stated" }, { "f", 0, "not_assigned" },
};
static const cs_reference_set reference = { "tiny-study", "tiny", "sizes as published", 20, 21,
                                            types,        2,      assignments,          5 };
/* every member placed in type 1: both groups are nearest to it */
static const cs_reference_assignment all_in_one[] = {
    { "a", 1, "stated" },
    { "b", 1, "stated" },
    { "c", 1, "stated" },
    { "d", 1, "stated" },
};
static const cs_reference_set reference_one = { "tiny-study", "tiny", NULL,       -1, -1,
                                                types,        2,      all_in_one, 4 };
static const cs_reference_set reference_unplaced = { "tiny-study", "tiny", NULL, -1, -1,
                                                     types,        2,      NULL, 0 };

static cs_method *method;

static int setup(void **state)
{
    (void)state;
    return cs_method_load_string(&method, method_json, strlen(method_json), "tiny.json");
}

static int teardown(void **state)
{
    (void)state;
    cs_method_free(method);
    return 0;
}

static long find(const char *key)
{
    for (size_t i = 0; i < N_OBJECTS; i++)
        if (strcmp(objects[i].key, key) == 0)
            return (long)i;
    return -1;
}

static void test_pairwise_partition(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, NULL), 0);
    assert_int_equal(cs_classification_unknown(c), CS_UNKNOWN_PAIRWISE);
    assert_int_equal(cs_classification_variable_count(c), 4);
    /* the method asks for 2 items known: g knows none, h one; each is told its own coverage */
    assert_int_equal(cs_classification_min_known(c), 2);
    assert_int_equal(cs_classification_analysed(c), 6);
    assert_int_equal(cs_classification_group_of(c, (size_t)find("g")), 0);
    assert_int_equal(cs_classification_group_of(c, (size_t)find("h")), 0);
    assert_string_equal(cs_classification_left_out(c, (size_t)find("g")),
                        "0 of 4 items known, the minimum is 2");
    assert_string_equal(cs_classification_left_out(c, (size_t)find("h")),
                        "1 of 4 items known, the minimum is 2");
    assert_null(cs_classification_left_out(c, (size_t)find("a")));
    /* every pair of a..f shares an item: nothing imputed */
    double imputed = 0;
    assert_int_equal(cs_classification_imputed(c, &imputed), 0);
    assert_true(isnan(imputed));
    /* two groups, numbered by first appearance */
    assert_int_equal(cs_classification_k(c), 2);
    const char *first[] = { "a", "b", "c" }, *second[] = { "d", "e", "f" };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(cs_classification_group_of(c, (size_t)find(first[i])), 1);
        assert_int_equal(cs_classification_group_of(c, (size_t)find(second[i])), 2);
    }
    /* within-group distances are 0, so every width is 1 */
    assert_true(fabs(cs_classification_silhouette(c) - 1.0) < 1e-12);
    assert_true(fabs(cs_classification_width(c, 0) - 1.0) < 1e-12);
    assert_true(isnan(cs_classification_width(c, (size_t)find("g"))));
    /* k = 3 cannot be cut from the tree (ties at height 0): only k = 2 counts */
    assert_true(fabs(cs_classification_k_scan(c, 2) - 1.0) < 1e-12);
    assert_non_null(strstr(cs_classification_k_rule(c), "2..5"));
    cs_classification_free(c);
}

static void test_profiles(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, NULL), 0);
    const cs_classify_group *g1 = cs_classification_group(c, 1);
    const cs_classify_group *g2 = cs_classification_group(c, 2);
    assert_non_null(g1);
    assert_non_null(g2);
    assert_null(cs_classification_group(c, 3));
    assert_int_equal(g1->size, 3);
    assert_int_equal(g2->size, 3);
    long pwc = cs_method_find_item(method, "pwc"), size = cs_method_find_item(method, "size");
    long svc = cs_method_find_item(method, "spec.svc"), rd = cs_method_find_item(method, "spec.rd");
    assert_true(pwc >= 0 && size >= 0 && svc >= 0 && rd >= 0);
    /* group 1 = a 1111, b 11?1, c 1?11 */
    assert_int_equal(g1->item_met[pwc], 3);
    assert_int_equal(g1->item_known[pwc], 3);
    assert_int_equal(g1->item_met[size], 2);
    assert_int_equal(g1->item_known[size], 2);
    assert_int_equal(g1->item_met[svc], 2);
    assert_int_equal(g1->item_known[svc], 2);
    assert_int_equal(g1->item_met[rd], 3);
    /* group 2 = d 0010, e 00?0, f 0?10 */
    assert_int_equal(g2->item_met[pwc], 0);
    assert_int_equal(g2->item_known[pwc], 3);
    assert_int_equal(g2->item_met[svc], 2);
    assert_int_equal(g2->item_known[svc], 2);
    assert_int_equal(g2->item_met[rd], 0);
    assert_int_equal(g2->item_known[rd], 3);
    /* the composite's binary view: known met for all of group 1 (one item suffices) */
    long spec = cs_method_find_indicator(method, "spec");
    assert_int_equal(g1->indicator_met[spec], 3);
    assert_int_equal(g1->indicator_known[spec], 3);
    /* block means, unknown counting as not met: B1 = pwc; B2 indicators: a 2, b 2, c 1;
     * B2 points: a 3, b 2, c 2 */
    assert_true(fabs(g1->block_indicators[0] - 1.0) < 1e-12);
    assert_true(fabs(g1->block_indicators[1] - 5.0 / 3.0) < 1e-12);
    assert_true(fabs(g1->block_points[1] - 7.0 / 3.0) < 1e-12);
    assert_true(fabs(g2->block_indicators[0]) < 1e-12);
    /* countries, most frequent first */
    assert_int_equal(g1->n_countries, 2);
    assert_string_equal(g1->countries[0], "DE");
    assert_int_equal(g1->country_count[0], 2);
    assert_string_equal(g1->countries[1], "US");
    assert_string_equal(g2->countries[0], "HR");
    assert_int_equal(g2->country_count[0], 2);
    cs_classification_free(c);
}

static void test_labels_and_reasons(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, NULL), 0);
    const cs_classify_group *g1 = cs_classification_group(c, 1);
    const cs_classify_group *g2 = cs_classification_group(c, 2);
    /* group 1: a, b placed in type 1, c in type 2 */
    assert_int_equal(g1->study_count[0], 2);
    assert_int_equal(g1->study_count[1], 1);
    assert_int_equal(g1->label, 1);
    assert_non_null(strstr(g1->reason, "2 of 3 members the study places are in G1 (G2 1)"));
    assert_non_null(strstr(g1->reason, "shares of country, I1, I3.rd match G1"));
    /* group 2: d placed in type 2; svc 100% of 2 is within half a member of 90%, size 0% is in
     * 0-50%, rd 0% of 3 is 30% away, more than half a member (1/6) */
    assert_int_equal(g2->label, 2);
    assert_non_null(strstr(g2->reason, "1 of 1 members the study places are in G2"));
    assert_non_null(strstr(g2->reason, "shares of I3.svc, I2 match G2"));
    assert_non_null(strstr(g2->reason, "not matching: I3.rd (0% of 3 known; G2 30%)"));
    cs_classification_free(c);

    /* no member placed: the nearest by shares (3 matches of 3 for type 1; 2 of 3 for type 2) */
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference_unplaced, NULL), 0);
    assert_int_equal(cs_classification_group(c, 1)->label, 1);
    assert_int_equal(cs_classification_group(c, 2)->label, 2);
    assert_non_null(strstr(cs_classification_group(c, 1)->reason, "places none of its members"));
    assert_non_null(strstr(cs_classification_group(c, 1)->reason, "3 of 3 compared match"));
    assert_int_equal(cs_classification_compared(c), 0);
    assert_true(isnan(cs_classification_ari(c)));
    cs_classification_free(c);

    /* both groups nearest to type 1: the nearer (3 members placed there against 1) keeps the
     * name; the other keeps `nearest` and says plainly why it has no label */
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference_one, NULL), 0);
    g1 = cs_classification_group(c, 1);
    g2 = cs_classification_group(c, 2);
    assert_int_equal(g1->nearest, 1);
    assert_int_equal(g1->label, 1);
    assert_int_equal(g2->nearest, 1);
    assert_int_equal(g2->label, 0);
    assert_non_null(strstr(g2->reason, "1 of 1 members the study places are in G1"));
    assert_non_null(strstr(g2->reason, "group 1 is nearer to G1, so this group, also nearest to "
                                       "G1, is left without the type's name"));
    assert_null(strstr(g1->reason, "left without"));
    cs_classification_free(c);

    /* no reference set: no label */
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, NULL), 0);
    assert_int_equal(cs_classification_group(c, 1)->label, 0);
    cs_classification_free(c);
}

static void test_agreement(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, NULL), 0);
    /* a, b, c, d are placed and analysed; f is not placed, e and the left-out g, h have none */
    assert_int_equal(cs_classification_compared(c), 4);
    const int64_t *t = cs_classification_contingency(c);
    assert_non_null(t);
    assert_int_equal(t[0], 2); /* group 1, G1: a, b */
    assert_int_equal(t[1], 1); /* group 1, G2: c */
    assert_int_equal(t[2], 0);
    assert_int_equal(t[3], 1); /* group 2, G2: d */
    /* [[2,1],[0,1]]: index 1, expected 3 * 2 / 6 = 1, max 2.5: (1 - 1) / 1.5 = 0 */
    assert_true(fabs(cs_classification_ari(c)) < 1e-12);
    cs_classification_free(c);
}

static void test_policies(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    cs_classify_options o;
    /* as-zero with min_known 1: h (?1?? -> 0100) joins; g still knows nothing and stays out */
    cs_classify_options_init(&o);
    o.unknown = CS_UNKNOWN_AS_ZERO;
    o.min_known = 1;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, &o), 0);
    assert_int_equal(cs_classification_unknown(c), CS_UNKNOWN_AS_ZERO);
    assert_int_equal(cs_classification_analysed(c), 7);
    assert_int_not_equal(cs_classification_group_of(c, (size_t)find("h")), 0);
    assert_int_equal(cs_classification_group_of(c, (size_t)find("g")), 0);
    /* the distances read b (11?1) as 1101, but profiles keep unknown apart whatever the policy:
     * svc is still known for 2 of group 1's members */
    const cs_classify_group *g = cs_classification_group(c, cs_classification_group_of(c, 1));
    long svc = cs_method_find_item(method, "spec.svc");
    assert_int_equal(g->item_known[svc], 2);
    cs_classification_free(c);

    /* error: b has an unknown item */
    o.unknown = CS_UNKNOWN_ERROR;
    o.min_known = 0;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EDATA);
    assert_null(c);
    assert_non_null(strstr(cs_error_last(), "\"b\""));
    assert_non_null(strstr(cs_error_last(), "\"error\""));
    /* error with complete data works */
    static const cs_classify_object complete[] = { { "a", "DE", r_a },
                                                   { "d", "HR", r_d },
                                                   { "x", "HR", r_x } };
    assert_int_equal(cs_classify(&c, method, complete, 3, NULL, &o), 0);
    assert_int_equal(cs_classification_analysed(c), 3);
    cs_classification_free(c);
}

static void test_options(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    cs_classify_options o;
    cs_classify_options_init(&o);
    /* k given: the tree cannot give 3 groups (ties), so 2 are found */
    o.k = 3;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    assert_int_equal(cs_classification_k(c), 2);
    assert_non_null(strstr(cs_classification_k_rule(c), "given"));
    cs_classification_free(c);
    /* k more than the clusters analysed */
    o.k = 7;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EUSAGE);
    /* ward on pairwise distances with unknowns */
    o.k = 2;
    o.algorithm = CS_CLASSIFY_WARD;
    o.distance = CS_METRIC_EUCLIDEAN;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EUSAGE);
    o.unknown = CS_UNKNOWN_AS_ZERO;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    cs_classification_free(c);
    /* k-medoids on the same distances finds the same two groups */
    cs_classify_options_init(&o);
    o.algorithm = CS_CLASSIFY_PAM;
    o.k = 2;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    assert_int_equal(cs_classification_group_of(c, (size_t)find("b")),
                     cs_classification_group_of(c, (size_t)find("c")));
    assert_int_not_equal(cs_classification_group_of(c, (size_t)find("a")),
                         cs_classification_group_of(c, (size_t)find("e")));
    cs_classification_free(c);
    /* the indicators view: 3 variables */
    cs_classify_options_init(&o);
    o.view = CS_CLASSIFY_VIEW_INDICATORS;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    assert_int_equal(cs_classification_variable_count(c), 3);
    assert_string_equal(cs_classification_variable_key(c, 2), "spec");
    cs_classification_free(c);
    /* too few clusters to choose k */
    assert_int_equal(cs_classify(&c, method, objects, 2, NULL, NULL), CS_EDATA);
    /* a result that is not 1, 0 or unknown */
    static const cs_result r_bad[] = { Y, 2, Y, Y };
    static const cs_classify_object bad[] = { { "a", "DE", r_bad }, { "b", "DE", r_a } };
    assert_int_equal(cs_classify(&c, method, bad, 2, NULL, NULL), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "\"a\""));
}

static char *write_to_string(const cs_classification *c, cs_format fmt, int compare)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(cs_classification_write(f, c, NULL, fmt, compare), 0);
    fclose(f);
    return buf;
}

static void test_writers(void **state)
{
    (void)state;
    cs_classification *c = NULL, *again = NULL;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, NULL), 0);
    assert_int_equal(cs_classify(&again, method, objects, N_OBJECTS, &reference, NULL), 0);
    for (int fmt = 0; fmt < 3; fmt++) {
        char *a = write_to_string(c, (cs_format)fmt, 1), *b = write_to_string(again, fmt, 1);
        assert_string_equal(a, b); /* byte-identical */
        free(a);
        free(b);
    }
    char *table = write_to_string(c, CS_FORMAT_TABLE, 1);
    assert_non_null(strstr(table, "average linkage on hamming distances"));
    assert_non_null(strstr(table, "unknown:     pairwise — unknown kept apart (each distance"));
    assert_non_null(strstr(table, "coverage:    a cluster is analysed with at least 2 of its 4 "
                                  "items known (min_known)\n"));
    assert_non_null(strstr(table, "imputed:     0 pairs"));
    assert_null(strstr(table, "ASSUMED"));
    assert_non_null(strstr(table, "group 1: G1 Type one:"));
    assert_non_null(strstr(table, "adjusted Rand index: 0.0000"));
    assert_non_null(strstr(table, "h: 1 of 4 items known, the minimum is 2"));
    assert_non_null(strstr(table, "(sum 21 for a sample of 20)"));
    free(table);
    char *csv = write_to_string(c, CS_FORMAT_CSV, 1);
    assert_non_null(strstr(csv, "cluster,country,group,label,silhouette,left_out,study_group,"
                                "known,unknown,unknown_means,min_known,imputed_pairs,"
                                "assumptions\n"));
    assert_non_null(strstr(csv, "\nc,US,1,G1,1.000000,,G2,3,pairwise,unknown kept apart,2,0,\n"));
    assert_non_null(strstr(csv, "\ng,RU,,,,\"0 of 4 items known, the minimum is 2\",,0,pairwise,"
                                "unknown kept apart,2,0,\n"));
    free(csv);
    cs_classification_free(c);
    cs_classification_free(again);
}

/* Texts from the registry and the reference set that hold control bytes: the table shows them
 * as spaces, CSV cells as \xNN, JSON strings as \u00NN (util/textout.h); no writer passes an
 * escape sequence to a terminal. */
/* min_known 1: h (one item known) is analysed; it shares no item with c and f, so those two
 * pairs get the mean of the 19 defined distances: 7.75 across a..f plus h-d and h-e at 1 each,
 * 9.75 / 19. Nobody is left out for it. */
static void test_imputed_distance(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.min_known = 1;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, &o), 0);
    assert_int_equal(cs_classification_min_known(c), 1);
    assert_int_equal(cs_classification_analysed(c), 7);
    assert_int_not_equal(cs_classification_group_of(c, (size_t)find("h")), 0);
    assert_string_equal(cs_classification_left_out(c, (size_t)find("g")),
                        "0 of 4 items known, the minimum is 1");
    double v = 0;
    assert_int_equal(cs_classification_imputed(c, &v), 2);
    assert_true(fabs(v - 9.75 / 19.0) < 1e-12);
    char *table = write_to_string(c, CS_FORMAT_TABLE, 0);
    assert_non_null(strstr(table, "imputed:     2 pairs with no variable known for both: "
                                  "distance 0.5132, the mean of the defined distances\n"));
    free(table);
    char *json = write_to_string(c, CS_FORMAT_JSON, 0);
    assert_non_null(strstr(json, "\"min_known\": 1,"));
    assert_non_null(strstr(json, "\"imputed_pairs\": 2,"));
    free(json);
    cs_classification_free(c);

    /* no two analysed clusters share an item: nothing to impute from */
    static const cs_result only1[] = { Y, U, U, U }, only2[] = { U, N, U, U };
    static const cs_classify_object apart[] = { { "p", "DE", only1 }, { "q", "DE", only2 } };
    assert_int_equal(cs_classify(&c, method, apart, 2, NULL, &o), CS_EDATA);
    assert_null(c);
    assert_non_null(strstr(cs_error_last(), "no two of the 2 clusters analysed"));

    /* a minimum over the variables there are is a usage error, with advice */
    o.min_known = 5;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_MIN_KNOWN);
    assert_non_null(strstr(cs_error_last(), "cannot have 5 items known"));
    /* a minimum only d reaches (a is not given): too few to analyse */
    o.min_known = 4;
    assert_int_equal(cs_classify(&c, method, objects + 1, N_OBJECTS - 1, NULL, &o), CS_EDATA);
    assert_int_equal(cs_error_advice(), CS_ADVICE_MIN_KNOWN);
    assert_non_null(strstr(cs_error_last(), "1 of 7 clusters can be analysed (the others have "
                                            "fewer than 4 items known)"));
    o.min_known = -1;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EUSAGE);
}

/* The study's scoring is named as such in every writer; assumptions are listed and mark the
 * results, and the classification keeps its own copy of them. */
static void test_scenario_and_assumptions(void **state)
{
    (void)state;
    char file[32] = "assumed.csv", subject[32] = "de";
    cs_classify_assumption as[2] = {
        { "country", subject, "bloomberg_efficiency_rank", "2014", "19", file, 3 },
        { "cluster", "a", "organisation_count", "", ">=120", file, 4 },
    };
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.unknown = CS_UNKNOWN_AS_ZERO;
    o.assumptions = as;
    o.n_assumptions = 2;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, &o), 0);
    strcpy(file, "gone");
    strcpy(subject, "xx");
    const cs_classify_assumption *list = NULL;
    assert_int_equal(cs_classification_assumptions(c, &list), 2);
    assert_string_equal(list[0].file, "assumed.csv");
    assert_string_equal(list[0].subject, "de");
    char *table = write_to_string(c, CS_FORMAT_TABLE, 0);
    assert_non_null(strstr(table, "unknown:     as-zero — the study's scoring: unknown counted "
                                  "as not met\n"));
    assert_non_null(strstr(table, "ASSUMED:     these results are built on assumed facts (2, "
                                  "from assumed.csv)"));
    assert_non_null(strstr(table, "\n  country de: bloomberg_efficiency_rank = 19 in 2014 "
                                  "(assumed.csv:3)\n"));
    assert_non_null(strstr(table, "\n  cluster a: organisation_count = >=120 (assumed.csv:4)\n"));
    free(table);
    char *csv = write_to_string(c, CS_FORMAT_CSV, 0);
    assert_non_null(strstr(csv, ",as-zero,the study's scoring: unknown counted as not met,2,0,"
                                "country:de bloomberg_efficiency_rank=19@2014 (assumed.csv:3); "
                                "cluster:a organisation_count=>=120 (assumed.csv:4)\n"));
    free(csv);
    char *json = write_to_string(c, CS_FORMAT_JSON, 0);
    assert_non_null(strstr(json, "\"built_on_assumptions\": true,"));
    assert_non_null(strstr(json, "\"unknown_means\": \"the study's scoring: unknown counted as "
                                 "not met\""));
    assert_non_null(strstr(json, "\"file\": \"assumed.csv\",\n   \"line\": 3"));
    free(json);
    cs_classification_free(c);
}

static void test_writers_control_bytes(void **state)
{
    (void)state;
    cs_classify_object evil[N_OBJECTS];
    for (size_t i = 0; i < N_OBJECTS; i++) {
        evil[i] = objects[i];
        evil[i].country = "D\033[2JE";
    }
    cs_reference_type evil_types[2] = { types[0], types[1] };
    evil_types[0].name_en = "Type\033]0;pwned\007 one";
    cs_reference_set ref = reference;
    ref.key = "tiny\033[31m-study";
    ref.size_note = "sizes\033[31m as\tpublished\001";
    ref.types = evil_types;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, method, evil, N_OBJECTS, &ref, NULL), 0);
    char *table = write_to_string(c, CS_FORMAT_TABLE, 1);
    assert_null(strpbrk(table, "\033\007\001\t"));
    assert_non_null(strstr(table, "G1 Type ]0;pwned  one:"));
    assert_non_null(strstr(table, "D [2JE 3"));
    assert_non_null(strstr(table, "tiny [31m-study"));
    assert_non_null(strstr(table, "sizes [31m as published"));
    free(table);
    char *csv = write_to_string(c, CS_FORMAT_CSV, 1);
    assert_null(strchr(csv, '\033'));
    assert_non_null(strstr(csv, "\na,D\\x1B[2JE,1,G1,"));
    free(csv);
    char *json = write_to_string(c, CS_FORMAT_JSON, 1);
    assert_null(strpbrk(json, "\033\001"));
    assert_non_null(strstr(json, "\"country\": \"D\\u001b[2JE\""));
    assert_non_null(strstr(json, "\"reference_set\": \"tiny\\u001b[31m-study\""));
    assert_non_null(strstr(json, "\"size_note\": \"sizes\\u001b[31m as\\tpublished\\u0001\""));
    assert_non_null(strstr(json, "\"D\\u001b[2JE\": 3"));
    free(json);
    cs_classification_free(c);
}

/* The partition's own tree: kept by the linkage methods, over the analysed clusters in input
 * order, and cut into exactly the groups found; none for the other algorithms. */
static void expect_own_linkage(const cs_classification *c)
{
    const double *z = NULL;
    size_t n = 0;
    assert_int_equal(cs_classification_linkage(&z, &n, c), 1);
    assert_non_null(z);
    assert_int_equal(n, cs_classification_analysed(c));
    assert_int_equal(cs_linkage_check(z, n), 0);
    int labels[16];
    assert_true(n <= 16);
    assert_int_equal(cs_linkage_cut_k(labels, z, n, (size_t)cs_classification_k(c)),
                     cs_classification_k(c));
    size_t a = 0;
    for (size_t i = 0; i < cs_classification_object_count(c); i++)
        if (cs_classification_group_of(c, i))
            assert_int_equal(labels[a++], cs_classification_group_of(c, i));
    assert_int_equal(a, n);
}

static void test_linkage(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    cs_classify_options o;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, NULL), 0);
    expect_own_linkage(c);
    cs_classification_free(c);
    /* Gower with an item constant over the clusters analysed (I3.svc: every known one is 1):
     * the classification accepts it, and its tree is there for a dendrogram */
    cs_classify_options_init(&o);
    o.distance = CS_METRIC_GOWER;
    o.algorithm = CS_CLASSIFY_COMPLETE;
    o.k = 2;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    expect_own_linkage(c);
    cs_classification_free(c);
    /* k-medoids cuts no tree */
    cs_classify_options_init(&o);
    o.algorithm = CS_CLASSIFY_PAM;
    o.k = 2;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    const double *z = (const double *)&o;
    size_t n = 99;
    assert_int_equal(cs_classification_linkage(&z, &n, c), 0);
    assert_null(z);
    assert_int_equal(n, 0);
    cs_classification_free(c);
}

/* Failures a setting could avoid say so through advice, never through a front end's flag. */
static void test_advice(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.k = 7;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_K);
    assert_null(strstr(cs_error_last(), "-k"));
    o.k = 2;
    o.algorithm = CS_CLASSIFY_WARD;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_DISTANCE);
    o.distance = CS_METRIC_EUCLIDEAN;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_UNKNOWN_POLICY);
    assert_non_null(strstr(cs_error_last(), "not Euclidean"));
    assert_null(strstr(cs_error_last(), "--"));
    cs_classify_options_init(&o);
    o.unknown = CS_UNKNOWN_ERROR;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_EDATA);
    assert_int_equal(cs_error_advice(), CS_ADVICE_UNKNOWN_POLICY);
    assert_null(strstr(cs_error_last(), "--"));
    /* a memory limit refuses before allocating; 0 is no limit */
    cs_classify_options_init(&o);
    o.max_memory = 64;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), CS_ENOMEM);
    assert_int_equal(cs_error_advice(), CS_ADVICE_MAX_MEMORY);
    assert_non_null(strstr(cs_error_last(), "over the memory limit"));
    o.max_memory = 0;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    cs_classification_free(c);
}

/*
 * The estimate before any distance: exactly what cs_classify() checks, since whether a cluster
 * is analysed depends on its own coverage alone (g and h, under 2 items known, count for
 * nothing).
 */
static void test_memory_estimate(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    cs_classify_options o;
    cs_classify_options_init(&o);
    size_t six = 0, all = 0;
    assert_int_equal(cs_classify_memory(&six, method, objects, 6, &o), 0);
    assert_int_equal(cs_classify_memory(&all, method, objects, N_OBJECTS, &o), 0);
    assert_true(six > 0);
    assert_true(all == six);
    o.max_memory = six - 1;
    assert_int_equal(cs_classify(&c, method, objects, 6, NULL, &o), CS_ENOMEM);
    assert_null(c);
    o.max_memory = six;
    assert_int_equal(cs_classify(&c, method, objects, 6, NULL, &o), 0);
    cs_classification_free(c);
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, NULL, &o), 0);
    assert_int_equal(cs_classification_analysed(c), 6);
    cs_classification_free(c);
    /* with min_known 1, h counts too */
    o.min_known = 1;
    o.max_memory = 0;
    assert_int_equal(cs_classify_memory(&all, method, objects, N_OBJECTS, &o), 0);
    assert_true(all > six);
    o.min_known = 0;
    /* it fails as cs_classify() does on options it refuses */
    o.unknown = 99;
    assert_int_equal(cs_classify_memory(&all, method, objects, N_OBJECTS, &o), CS_EUSAGE);
}

/* A key given twice is named at its second object in input order, however many there are. */
static void test_repeated_key(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    static const cs_classify_object twice[] = { { "a", "DE", r_a },
                                                { "d", "HR", r_d },
                                                { "x", "HR", r_x },
                                                { "d", "HR", r_d },
                                                { "a", "DE", r_a } };
    assert_int_equal(cs_classify(&c, method, twice, 5, NULL, NULL), CS_EDATA);
    assert_null(c);
    assert_non_null(strstr(cs_error_last(), "cluster \"d\" is given twice"));
    /* a missing key before the repeat is named first */
    static const cs_classify_object nokey[] = { { "a", "DE", r_a },
                                                { "", "HR", r_d },
                                                { "a", "DE", r_a } };
    assert_int_equal(cs_classify(&c, method, nokey, 3, NULL, NULL), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "object 2 has no cluster key"));
    /* many distinct keys: none repeated */
    enum { MANY = 3000 };
    cs_classify_object *many = calloc(MANY, sizeof *many);
    char(*keys)[16] = calloc(MANY, sizeof *keys);
    assert_non_null(many);
    assert_non_null(keys);
    for (size_t i = 0; i < MANY; i++) {
        snprintf(keys[i], sizeof keys[i], "k-%05zu", (i * 7919) % MANY);
        many[i] = (cs_classify_object){ keys[i], "DE", i % 2 ? r_a : r_d };
    }
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.k = 2;
    assert_int_equal(cs_classify(&c, method, many, MANY, NULL, &o), 0);
    cs_classification_free(c);
    many[MANY - 1].key = keys[17];
    assert_int_equal(cs_classify(&c, method, many, MANY, NULL, &o), CS_EDATA);
    char want[64];
    snprintf(want, sizeof want, "cluster \"%s\" is given twice", keys[17]);
    assert_non_null(strstr(cs_error_last(), want));
    free(keys);
    free(many);
}

/* The typology's words are a catalogue of the one lookup (sortedness and matching conversions
 * are checked for every catalogue by test_i18n.c). */
static void test_catalogue(void **state)
{
    (void)state;
    const cs_i18n_catalog *cat = &cs_i18n_catalog_classify;
    int registered = 0;
    for (size_t c = 0; c < cs_i18n_catalog_count; c++)
        registered += cs_i18n_catalogs[c] == cat;
    assert_int_equal(registered, 1);
    assert_true(cat->n > 20);
    for (size_t i = 0; i < cat->n; i++) {
        const cs_i18n_entry *e = &cat->entries[i];
        assert_int_equal(strncmp(e->key, "classify.", 9), 0);
        assert_ptr_equal(cs_i18n_text(CS_LANG_EN, e->key), e->en);
        assert_ptr_equal(cs_i18n_text(CS_LANG_RU, e->key), e->ru);
    }
    assert_string_equal(cs_i18n_text(CS_LANG_RU, "classify.k_rule.given"), "задано (-k %d)");
}

static void test_language(void **state)
{
    (void)state;
    cs_classification *c = NULL;
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.lang = CS_LANG_RU;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, &reference, &o), 0);
    assert_string_equal(cs_classification_left_out(c, (size_t)find("g")),
                        "известно 0 из 4 пунктов, минимум — 2");
    assert_string_equal(cs_classification_left_out(c, (size_t)find("h")),
                        "известно 1 из 4 пунктов, минимум — 2");
    assert_string_equal(cs_classification_unknown_words(c), "неизвестное учитывается отдельно");
    assert_non_null(strstr(cs_classification_k_rule(c), "наибольшая средняя ширина силуэта"));
    assert_non_null(strstr(cs_classification_group(c, 1)->reason, "2 из 3 участников"));
    /* the same partition whatever the language */
    assert_int_equal(cs_classification_k(c), 2);
    assert_int_equal(cs_classification_group_of(c, (size_t)find("d")), 2);
    char *table = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&table, &len);
    assert_non_null(f);
    assert_int_equal(cs_classification_write(f, c, NULL, CS_FORMAT_TABLE, 1), 0);
    fclose(f);
    assert_non_null(strstr(table, "группа 1: G1 Тип 1:"));
    assert_non_null(strstr(table, "согласие с группами исследования"));
    assert_null(strstr(table, "members:"));
    free(table);
    cs_classification_free(c);
}

/* A run built object by object owns copies of what it was given. */
static void test_run_values(void **state)
{
    (void)state;
    cs_classify_run *run = NULL;
    assert_int_equal(cs_classify_run_new(&run, 7, "tiny", "1", NULL), 0);
    char key[8] = "a";
    cs_result items[4] = { Y, N, U, Y };
    assert_int_equal(cs_classify_run_add(run, key, "DE", items, 4), 0);
    for (int i = 0; i < 100; i++) { /* several reallocations of the object array */
        snprintf(key, sizeof key, "k%03d", i);
        assert_int_equal(cs_classify_run_add(run, key, NULL, items, 4), 0);
    }
    strcpy(key, "zz");
    items[0] = N;
    assert_int_equal(run->n, 101);
    assert_int_equal(run->run_id, 7);
    assert_string_equal(run->method_id, "tiny");
    assert_string_equal(run->created, "");
    assert_string_equal(run->objects[0].key, "a");
    assert_string_equal(run->objects[0].country, "DE");
    assert_int_equal(run->objects[0].items[0], Y);
    assert_int_equal(run->objects[0].items[2], U);
    assert_string_equal(run->objects[100].key, "k099");
    assert_string_equal(run->objects[100].country, "");
    cs_classify_run_free(run);

    cs_reference_set *copy = NULL;
    assert_int_equal(cs_reference_copy(&copy, &reference), 0);
    assert_ptr_not_equal(copy->key, reference.key);
    assert_string_equal(copy->key, "tiny-study");
    assert_string_equal(copy->size_note, "sizes as published");
    assert_int_equal(copy->n_types, 2);
    assert_int_equal(copy->types[1].n_traits, 3);
    assert_string_equal(copy->types[1].traits[2].item, "size");
    assert_null(copy->types[0].traits[0].item);
    assert_string_equal(copy->types[0].traits[0].countries, "DE,US,KR");
    assert_true(copy->types[1].traits[0].share_min == 0.9);
    assert_int_equal(copy->n_assignments, 5);
    assert_string_equal(copy->assignments[2].cluster, "c");
    assert_int_equal(copy->assignments[2].type, 2);
    /* a classification labels by the copy as by the original */
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, method, objects, N_OBJECTS, copy, NULL), 0);
    assert_int_equal(cs_classification_group(c, 1)->label, 1);
    assert_int_equal(cs_classification_compared(c), 4);
    cs_classification_free(c);
    cs_reference_free(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairwise_partition),
        cmocka_unit_test(test_profiles),
        cmocka_unit_test(test_labels_and_reasons),
        cmocka_unit_test(test_agreement),
        cmocka_unit_test(test_policies),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_writers),
        cmocka_unit_test(test_writers_control_bytes),
        cmocka_unit_test(test_imputed_distance),
        cmocka_unit_test(test_scenario_and_assumptions),
        cmocka_unit_test(test_linkage),
        cmocka_unit_test(test_advice),
        cmocka_unit_test(test_memory_estimate),
        cmocka_unit_test(test_repeated_key),
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_run_values),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
