/*
 * test_questions.c: the seeds' regional questions of regional.h against values worked out by
 * hand (in the comments) and, for the distribution functions, R's values (quoted with the call
 * that gave them): Pearson and Spearman with their intervals and p-values, average ranks, the
 * refusals (n < 4, a constant variable, a bad confidence), and the threshold rule and typology.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/regional.h"

#include <math.h>
#include <string.h>

static void close_to(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

static void test_distributions(void **state)
{
    (void)state;
    close_to(cs_regional_normal_quantile(0.975), 1.9599639845400536, 1e-15); /* qnorm(0.975) */
    close_to(cs_regional_normal_quantile(1e-10), -6.3613409024040557, 1e-13);
    close_to(cs_regional_normal_quantile(0.5), 0, 1e-15);
    close_to(cs_regional_t_p(2.5, 7), 0.040992218585752874, 1e-15); /* 2 * pt(-2.5, 7) */
    close_to(cs_regional_t_p(-2.5, 7), 0.040992218585752874, 1e-15);
    close_to(cs_regional_beta_inc(0.3, 2.5, 0.5), 0.018927124071945644, 1e-15); /* pbeta */
    /* I_x(1, 1) = x; I_x(a, 1) = x^a */
    close_to(cs_regional_beta_inc(0.37, 1, 1), 0.37, 1e-15);
    close_to(cs_regional_beta_inc(0.6, 3, 1), 0.216, 1e-15);
    /* t with 1 df is Cauchy: 2 P(T > 1) = 1/2 */
    close_to(cs_regional_t_p(1, 1), 0.5, 1e-14);
    assert_true(isnan(cs_regional_beta_inc(1.5, 1, 1)));
}

static void test_pearson(void **state)
{
    (void)state;
    /* x - 3 = (-2,-1,0,1,2), y - 3 = (-1,-2,1,0,2): sum of products 8, sums of squares 10 and
     * 10, r = 0.8; z = atanh(0.8) = ln 3, se = 1/sqrt(2), t = 0.8 sqrt(3 / 0.36) */
    const double x[] = { 1, 2, 3, 4, 5, NAN }, y[] = { 2, 1, 4, 3, 5, 7 };
    cs_correlation c;
    assert_int_equal(cs_regional_pearson(&c, x, y, 6, 0.95), 0);
    assert_int_equal(c.n, 5); /* the pair with a NaN is left out */
    close_to(c.r, 0.8, 1e-15);
    double q = 1.9599639845400536 / sqrt(2.0);
    close_to(c.lower, tanh(log(3.0) - q), 1e-15);
    close_to(c.upper, tanh(log(3.0) + q), 1e-15);
    close_to(c.lower, -0.27964004196935505, 1e-14); /* R: cor.test(x, y)$conf.int */
    close_to(c.upper, 0.98619619330127140, 1e-14);
    close_to(c.p, 0.10408803866182798, 1e-14);
    close_to(c.p, cs_regional_t_p(0.8 * sqrt(3 / 0.36), 3), 1e-15);
    /* a perfect line: r = 1, p = 0, the interval [1, 1] */
    const double l[] = { 1, 2, 3, 4 }, l2[] = { 3, 5, 7, 9 };
    assert_int_equal(cs_regional_pearson(&c, l, l2, 4, 0.9), 0);
    close_to(c.r, 1, 0);
    close_to(c.p, 0, 0);
    close_to(c.lower, 1, 0);
}

static void test_spearman(void **state)
{
    (void)state;
    /* ranks of x: 1, 2.5, 2.5, 4, 5, 6, 7; of y: 4, 1, 2.5, 2.5, 7, 5, 6 (means 4): products
     * 0 + 4.5 + 2.25 + 0 + 3 + 2 + 6 = 17.75, sums of squares 27.5 each: rho = 71/110 */
    const double x[] = { 1, 2, 2, 3, 4, 5, 9 }, y[] = { 3, 1, 2, 2, 8, 6, 7 };
    double rk[7];
    assert_int_equal(cs_regional_ranks(rk, x, 7), 0);
    close_to(rk[1], 2.5, 0);
    close_to(rk[2], 2.5, 0);
    close_to(rk[6], 7, 0);
    cs_correlation c;
    assert_int_equal(cs_regional_spearman(&c, x, y, 7, 0.95), 0);
    assert_int_equal(c.n, 7);
    double rho = 71.0 / 110;
    close_to(c.r, rho, 1e-15);
    /* R: cor.test(x, y, method = "spearman", exact = FALSE)$p.value */
    close_to(c.p, 0.11741907772094337, 1e-14);
    double se = sqrt((1 + rho * rho / 2) / 4), q = 1.9599639845400536;
    close_to(c.lower, tanh(atanh(rho) - q * se), 1e-15);
    close_to(c.upper, tanh(atanh(rho) + q * se), 1e-15);
}

static void test_refusals(void **state)
{
    (void)state;
    cs_correlation c;
    const double x[] = { 1, 2, 3, NAN, 5 }, y[] = { 1, 5, 2, 4, NAN };
    assert_int_equal(cs_regional_pearson(&c, x, y, 5, 0.95), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "at least 4 regions"));
    assert_non_null(strstr(cs_error_last(), "found 3"));
    assert_int_equal(c.n, 3);
    const double k[] = { 2, 2, 2, 2, 2 }, z[] = { 1, 2, 3, 4, 5 };
    assert_int_equal(cs_regional_spearman(&c, z, k, 5, 0.95), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "the second constant"));
    assert_int_equal(cs_regional_pearson(&c, k, z, 5, 0.95), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "the first constant"));
    assert_int_equal(cs_regional_pearson(&c, z, z, 5, 1.0), CS_EUSAGE);
    assert_int_equal(cs_regional_pearson(&c, z, z, 5, 0), CS_EUSAGE);
}

static void test_threshold(void **state)
{
    (void)state;
    /* indicator, applications, clusters of seven regions: */
    const double x[] = { 0.20, 0.30, 0.34, 0.40, 0.50, 0.60, NAN };
    const double c[] = { 0, 1, 2, 3, 1, 0, 5 };
    const double k[] = { 0, 1, 3, 4, 1, NAN, 2 };
    cs_threshold_rule rule;
    cs_region_type t[7];
    unsigned char v[7];
    assert_int_equal(cs_regional_threshold(&rule, t, v, x, c, k, 7, 0.35), 0);
    assert_int_equal(rule.n, 6);          /* the last lacks the indicator */
    assert_int_equal(rule.below, 3);      /* 0.20, 0.30, 0.34 */
    assert_int_equal(rule.violations, 1); /* 0.34 with 2 applications */
    close_to(rule.largest, 0.34, 0);      /* the least indicator with more than one */
    const unsigned char want_v[] = { 0, 0, 1, 0, 0, 0, 0 };
    assert_memory_equal(v, want_v, 7);
    assert_int_equal(t[0], CS_REGION_TYPE_NO_APPLICATION);
    assert_int_equal(t[1], CS_REGION_TYPE_ONE_CLUSTER);
    assert_int_equal(t[2], CS_REGION_TYPE_MANY_CLUSTERS);
    assert_int_equal(t[3], CS_REGION_TYPE_MANY_CLUSTERS);
    assert_int_equal(t[4], CS_REGION_TYPE_ONE_CLUSTER);
    assert_int_equal(t[5], CS_REGION_TYPE_NO_APPLICATION); /* c = 0 decides, clusters unknown */
    assert_int_equal(t[6], CS_REGION_TYPE_MANY_CLUSTERS);  /* the type needs no indicator */
    /* at the largest threshold the rule holds; just above it, it fails */
    assert_int_equal(cs_regional_threshold(&rule, NULL, NULL, x, c, k, 7, 0.34), 0);
    assert_int_equal(rule.violations, 0);
    assert_int_equal(cs_regional_threshold(&rule, NULL, NULL, x, c, k, 7, 0.3400001), 0);
    assert_int_equal(rule.violations, 1);
    /* nobody with more than one application: the rule holds for every threshold */
    const double c1[] = { 0, 1, 1, 0, 1, 0, 1 };
    assert_int_equal(cs_regional_threshold(&rule, t, NULL, x, c1, NULL, 7, 0.35), 0);
    assert_true(isinf(rule.largest));
    assert_int_equal(t[1], CS_REGION_TYPE_NONE); /* applications, clusters unknown */
    assert_null(cs_regional_type_name(CS_REGION_TYPE_NONE));
    assert_string_equal(cs_regional_type_name(CS_REGION_TYPE_MANY_CLUSTERS), "many_clusters");
    assert_int_equal(cs_regional_threshold(&rule, t, NULL, x, c1, NULL, 7, NAN), CS_EUSAGE);
}

static const char METHOD[] =
    "{\"format\": \"clusterscope-composite\", \"format_version\": 1, \"id\": \"t\",\n"
    " \"sub_indices\": [{\"id\": \"a\", \"weight\": 3}, {\"id\": \"b\"}],\n"
    " \"indicators\": [{\"id\": \"x\", \"sub_index\": \"a\"},\n"
    "                {\"id\": \"y\", \"sub_index\": \"a\", \"weight\": 3, \"direction\": "
    "\"lower\"},\n"
    "                {\"id\": \"z\", \"sub_index\": \"b\"}]}\n";

static void test_composite(void **state)
{
    (void)state;
    cs_composite *m = NULL;
    assert_int_equal(cs_composite_parse(&m, METHOD, strlen(METHOD), "m.json"), 0);
    assert_int_equal(cs_composite_indicators(m), 3);
    assert_int_equal(cs_composite_sub_indices(m), 2);
    assert_string_equal(cs_composite_indicator(m, 1), "y");
    assert_string_equal(cs_composite_sub_index(m, 1), "b");
    /* three regions: x 0, 5, 10 -> 0, 0.5, 1; y (lower is better) 2, 4, ? -> 1, 0, ?;
     * z 1, 1, 3 -> 0, 0, 1.
     * r0: a = (1*0 + 3*1)/4 = 0.75, b = 0, index = (3*0.75 + 0)/4 = 0.5625
     * r1: a = (1*0.5 + 3*0)/4 = 0.125, b = 0, index = 0.375/4 = 0.09375
     * r2: a = 1 (y unknown: x alone, weights renormalised), b = 1, index = 1 */
    const double x[] = { 0, 2, 1, 5, 4, 1, 10, NAN, 3 };
    double sub[6], index[3], rank[3], known[3];
    assert_int_equal(cs_composite_compute(sub, index, rank, known, m, x, 3), 0);
    close_to(sub[0], 0.75, 1e-15);
    close_to(sub[1], 0, 0);
    close_to(sub[2], 0.125, 1e-15);
    close_to(sub[4], 1, 0);
    close_to(index[0], 0.5625, 1e-15);
    close_to(index[1], 0.09375, 1e-15);
    close_to(index[2], 1, 0);
    close_to(rank[2], 1, 0);
    close_to(rank[0], 2, 0);
    close_to(rank[1], 3, 0);
    close_to(known[2], 2, 0);
    close_to(known[0], 3, 0);
    /* a constant indicator: min-max undefined */
    const double c[] = { 0, 2, 1, 5, 2, 1, 10, 2, 3 };
    assert_int_equal(cs_composite_compute(sub, index, rank, known, m, c, 3), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "expected indicator 'y' to vary"));
    cs_composite_free(m);
}

static void parse_fails(const char *json, const char *want)
{
    cs_composite *m = NULL;
    assert_int_equal(cs_composite_parse(&m, json, strlen(json), "m.json"), CS_EDATA);
    assert_null(m);
    if (!strstr(cs_error_last(), want))
        fail_msg("message \"%s\" lacks \"%s\"", cs_error_last(), want);
}

static void test_composite_errors(void **state)
{
    (void)state;
    parse_fails("{\"format\": \"clusterscope-method\"}",
                "m.json:1:12: expected \"format\": \"clusterscope-composite\"");
    parse_fails("{\"format\": \"clusterscope-composite\", \"format_version\": 1, \"id\": \"t\",\n"
                " \"sub_indices\": [{\"id\": \"a\"}],\n"
                " \"indicators\": [{\"id\": \"x\", \"sub_index\": \"a\", \"weight\": -1}]}",
                "m.json:3:57: expected a weight above 0, found \"-1\"");
    parse_fails("{\"format\": \"clusterscope-composite\", \"format_version\": 1, \"id\": \"t\",\n"
                " \"sub_indices\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n"
                " \"indicators\": [{\"id\": \"x\", \"sub_index\": \"a\"}]}",
                "expected a sub-index some indicator belongs to, found \"b\"");
    parse_fails("{\"format\": \"clusterscope-composite\", \"format_version\": 1, \"id\": \"t\",\n"
                " \"sub_indices\": [{\"id\": \"a\"}],\n"
                " \"indicators\": [{\"id\": \"x\", \"sub_index\": \"a\", \"direction\": \"up\"}]}",
                "expected \"higher\" or \"lower\" (which is better), found \"up\"");
    parse_fails("{\"format\": \"clusterscope-composite\", \"format_version\": 1, \"id\": \"t\",\n"
                " \"sub_indices\": [{\"id\": \"a\"}],\n"
                " \"indicators\": [{\"id\": \"x\", \"sub_index\": \"a\"}, {\"id\": \"x\", "
                "\"sub_index\": \"a\"}]}",
                "expected an id not used before, found \"x\"");
    parse_fails("{\"format\": \"clusterscope-composite\", \"format_version\": 1, \"id\": \"t\"}",
                "m.json:1:1: expected a non-empty array, found \"sub_indices\"");
    parse_fails("{\"format\": \"clusterscope-composite\",\n \"wieghts\": 1}",
                "m.json:2:13: expected one of the members");
    parse_fails("{\"format\": ", "m.json:1:");
    /* the shipped method parses */
    cs_composite *m = NULL;
    assert_int_equal(cs_composite_load_file(&m, "hse-regional-rating"), 0);
    assert_int_equal(cs_composite_sub_indices(m), 4);
    assert_string_equal(cs_composite_indicator(m, 3), "rir_policy_quality");
    cs_composite_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distributions),    cmocka_unit_test(test_pearson),
        cmocka_unit_test(test_spearman),         cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_threshold),        cmocka_unit_test(test_composite),
        cmocka_unit_test(test_composite_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
