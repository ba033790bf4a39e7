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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Four items: I1 (pwc, country block), I2 (size), I3.svc and I3.rd (a composite). Codes are in
 * that order.
 */
static const char method_json[] =
    "{\"format\": \"clusterscope-method\", \"id\": \"tiny\", \"version\": \"1\", "
    "\"title_en\": \"Tiny\", "
    "\"blocks\": [{\"id\": \"country\", \"label_en\": \"Country\"}, "
    "             {\"id\": \"part\", \"label_en\": \"Participants\"}], "
    "\"indicators\": ["
    " {\"id\": \"pwc\", \"block\": \"country\", \"label_en\": \"PwC top 10\", "
    "  \"fact\": \"country:pwc_medtourism_rank\", \"rule\": {\"kind\": \"rank_cutoff\", "
    "  \"cutoff\": 10}},"
    " {\"id\": \"size\", \"block\": \"part\", \"label_en\": \"Size\", "
    "  \"fact\": \"cluster:organisation_count\", \"rule\": {\"kind\": \"count_at_least\", "
    "  \"n\": 100}},"
    " {\"id\": \"spec\", \"block\": \"part\", \"label_en\": \"Specialisation\", "
    "  \"rule\": {\"kind\": \"composite\", \"min_items\": 1, \"items\": ["
    "   {\"id\": \"svc\", \"label_en\": \"Services\", "
    "    \"fact\": \"cluster:activity.medical_services\", \"rule\": {\"kind\": \"presence\"}},"
    "   {\"id\": \"rd\", \"label_en\": \"R&D\", \"fact\": \"cluster:activity.rd_biomedicine\", "
    "    \"rule\": {\"kind\": \"presence\"}}]}}]}";

/* Results in item order, as the assessment gives them: Y met, N not met, U unknown. The
 * comments write them as codes ("11?1"). */
#define Y CS_RESULT_MET
#define N CS_RESULT_NOT_MET
#define U CS_RESULT_UNKNOWN

/*
 * Pairwise simple matching: within {a, b, c} and within {d, e, f} every distance is 0; across,
 * a-d 3/4, a-e 1, a-f 2/3, b-* 1, c-d 2/3, c-e 1, c-f 2/3. g knows nothing; h knows only I2,
 * which c and f do not know.
 */
static const cs_result r_a[] = { Y, Y, Y, Y }, r_b[] = { Y, Y, U, Y }, r_c[] = { Y, U, Y, Y },
                       r_d[] = { N, N, Y, N }, r_e[] = { N, N, U, N }, r_f[] = { N, U, Y, N },
                       r_g[] = { U, U, U, U }, r_h[] = { U, Y, U, U }, r_x[] = { N, N, Y, Y };
static const cs_classify_object objects[] = {
    { "a", "DE", r_a }, { "b", "DE", r_b }, { "c", "US", r_c }, { "d", "HR", r_d },
    { "e", "HR", r_e }, { "f", "MX", r_f }, { "g", "RU", r_g }, { "h", "RU", r_h },
};
#define N_OBJECTS (sizeof objects / sizeof objects[0])

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
    { 1, "Type one", "Тип 1", 10, traits_1, 3 },
    { 2, "Type two", "Тип 2", 11, traits_2, 3 },
};
/* c is placed in type 2 on purpose: the agreement is then not perfect */
static const cs_reference_assignment assignments[] = {
    { "a", 1, "stated" }, { "b", 1, "stated" },       { "c", 2, "reconstructed" },
    { "d", 2, "stated" }, { "f", 0, "not_assigned" },
};
static const cs_reference_set reference = { "tiny-study", "tiny", "sizes as published", 20, 21,
                                            types,        2,      assignments,          5 };
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
    /* g knows nothing; h shares nothing with c and f (2 undefined pairs, the most) */
    assert_int_equal(cs_classification_analysed(c), 6);
    assert_int_equal(cs_classification_group_of(c, (size_t)find("g")), 0);
    assert_int_equal(cs_classification_group_of(c, (size_t)find("h")), 0);
    assert_non_null(strstr(cs_classification_left_out(c, (size_t)find("g")), "no item known"));
    const char *why = cs_classification_left_out(c, (size_t)find("h"));
    assert_non_null(strstr(why, "in common with 2 of the clusters"));
    assert_non_null(strstr(why, "e.g. c"));
    assert_null(cs_classification_left_out(c, (size_t)find("a")));
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
    /* as-zero: h (?1?? -> 0100) joins; g still knows nothing and stays out */
    cs_classify_options_init(&o);
    o.unknown = CS_UNKNOWN_AS_ZERO;
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
    assert_non_null(strstr(table, "unknown:     pairwise"));
    assert_non_null(strstr(table, "group 1: G1 Type one:"));
    assert_non_null(strstr(table, "adjusted Rand index: 0.0000"));
    assert_non_null(strstr(table, "h: no item known in common"));
    assert_non_null(strstr(table, "(sum 21 for a sample of 20)"));
    free(table);
    char *csv = write_to_string(c, CS_FORMAT_CSV, 1);
    assert_non_null(strstr(csv, "cluster,country,group,label,silhouette,left_out,study_group\n"));
    assert_non_null(strstr(csv, "\nc,US,1,G1,1.000000,,G2\n"));
    assert_non_null(strstr(csv, "\ng,RU,,,,no item known: it cannot be placed,\n"));
    free(csv);
    cs_classification_free(c);
    cs_classification_free(again);
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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
