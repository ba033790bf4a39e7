/* Method files: loading, validation errors, rule evaluation with bounds, composites and refs,
 * and the shipped methods. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/method.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

static cs_method *load(const char *json)
{
    cs_method *m = NULL;
    int rc = cs_method_load_string(&m, json, strlen(json), "test.json");
    if (rc)
        fprintf(stderr, "unexpected load error: %s\n", cs_error_last());
    assert_int_equal(rc, 0);
    assert_non_null(m);
    return m;
}

/* Loading must fail with CS_EDATA and a message containing `expect`. */
static void load_fails(const char *json, const char *expect)
{
    cs_method *m = (cs_method *)1;
    int rc = cs_method_load_string(&m, json, strlen(json), "test.json");
    if (rc != CS_EDATA || !strstr(cs_error_last(), expect))
        fprintf(stderr, "expected an error containing [%s], got %d [%s]\n", expect, rc,
                cs_error_last());
    assert_int_equal(rc, CS_EDATA);
    assert_null(m);
    assert_non_null(strstr(cs_error_last(), expect));
}

static void file_fails(const char *path, const char *expect)
{
    cs_method *m = (cs_method *)1;
    int rc = cs_method_load_file(&m, path);
    if (rc != CS_EDATA || !strstr(cs_error_last(), expect))
        fprintf(stderr, "%s: expected an error containing [%s], got %d [%s]\n", path, expect, rc,
                cs_error_last());
    assert_int_equal(rc, CS_EDATA);
    assert_null(m);
    assert_non_null(strstr(cs_error_last(), expect));
}

#define HEAD                                                                                       \
    "{\"format\": \"clusterscope-method\", \"id\": \"t\", \"version\": 1, \"title_en\": \"T\", "   \
    "\"blocks\": [{\"id\": \"b\", \"label_en\": \"B\"}], "

/* One simple indicator over `fact` with `rule` (JSON text). */
static cs_method *one_rule(const char *fact, const char *rule)
{
    char json[1024];
    snprintf(json, sizeof json,
             HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                  "\"fact\": \"%s\", \"rule\": %s}]}",
             fact, rule);
    return load(json);
}

static cs_value num(const char *text, cs_fact_type type)
{
    cs_value v;
    assert_int_equal(cs_value_parse(&v, text, type, NULL), 0);
    return v;
}

/* The result of the single rule of `m` on a value written as `text`. */
static cs_result eval_text(const cs_method *m, const char *text)
{
    const cs_rule *r = &cs_method_item_at(m, 0)->rule;
    cs_value v;
    assert_int_equal(cs_value_parse(&v, text, r->fact_type, r->levels), 0);
    return cs_rule_eval(r, &v);
}

/* ---------------------------------------------------------------- rule kinds */

static void test_threshold_inclusive_and_exclusive(void **state)
{
    (void)state;
    cs_method *ge = one_rule("country:medtourism_revenue_usd",
                             "{\"kind\": \"threshold\", \"op\": \">=\", \"value\": 500}");
    assert_int_equal(eval_text(ge, "499"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(ge, "500"), CS_RESULT_MET);
    assert_int_equal(eval_text(ge, "501"), CS_RESULT_MET);
    cs_method_free(ge);

    cs_method *gt = one_rule("country:medtourism_revenue_usd",
                             "{\"kind\": \"threshold\", \"op\": \">\", \"value\": 500}");
    assert_int_equal(eval_text(gt, "499"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(gt, "500"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(gt, "500.5"), CS_RESULT_MET);
    cs_method_free(gt);

    cs_method *le = one_rule("country:medical_tourism_index",
                             "{\"kind\": \"threshold\", \"op\": \"<=\", \"value\": 65}");
    assert_int_equal(eval_text(le, "64.9"), CS_RESULT_MET);
    assert_int_equal(eval_text(le, "65"), CS_RESULT_MET);
    assert_int_equal(eval_text(le, "65.1"), CS_RESULT_NOT_MET);
    cs_method_free(le);

    cs_method *lt = one_rule("country:medical_tourism_index",
                             "{\"kind\": \"threshold\", \"op\": \"<\", \"value\": 65}");
    assert_int_equal(eval_text(lt, "64.9"), CS_RESULT_MET);
    assert_int_equal(eval_text(lt, "65"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(lt, "-3"), CS_RESULT_MET);
    cs_method_free(lt);
}

static void test_rank_cutoff(void **state)
{
    (void)state;
    cs_method *m = one_rule("country:bloomberg_efficiency_rank",
                            "{\"kind\": \"rank_cutoff\", \"cutoff\": 20}");
    const cs_rule *r = &cs_method_item_at(m, 0)->rule;
    assert_int_equal(r->kind, CS_RULE_RANK_CUTOFF);
    assert_int_equal(r->op, CS_OP_LE);
    assert_int_equal(eval_text(m, "1"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "19"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "20"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "21"), CS_RESULT_NOT_MET);
    /* bounds: "in the top ten" meets top 20; "below 20th" does not; "top 30" cannot tell */
    assert_int_equal(eval_text(m, "<=10"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, ">20"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(m, "<=30"), CS_RESULT_UNKNOWN);
    /* whole ranks: "<21" is "<=20" */
    assert_int_equal(eval_text(m, "<21"), CS_RESULT_MET);
    cs_method_free(m);
}

static void test_presence(void **state)
{
    (void)state;
    cs_method *m = one_rule("cluster:authorities_in_governance", "{\"kind\": \"presence\"}");
    assert_int_equal(eval_text(m, "true"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "да"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "false"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(m, ""), CS_RESULT_UNKNOWN);
    /* a number given for a bool fact cannot be read: unknown, not 0 */
    cs_value v = num("1", CS_FACT_COUNT);
    assert_int_equal(cs_rule_eval(&cs_method_item_at(m, 0)->rule, &v), CS_RESULT_UNKNOWN);
    cs_method_free(m);
}

static void test_count_at_least(void **state)
{
    (void)state;
    cs_method *m = one_rule("cluster:startups", "{\"kind\": \"count_at_least\", \"n\": 2}");
    assert_int_equal(eval_text(m, "1"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(m, "2"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "3"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "0"), CS_RESULT_NOT_MET);
    /* a fact ">60" meets "at least 2" */
    assert_int_equal(eval_text(m, ">60"), CS_RESULT_MET);
    /* whole counts: ">1" is ">=2" */
    assert_int_equal(eval_text(m, ">1"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "<2"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(m, "1..3"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(m, "2..3"), CS_RESULT_MET);
    cs_method_free(m);

    cs_method *big =
        one_rule("cluster:organisation_count", "{\"kind\": \"count_at_least\", \"n\": 100}");
    assert_int_equal(eval_text(big, "99"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(big, "100"), CS_RESULT_MET);
    assert_int_equal(eval_text(big, "101"), CS_RESULT_MET);
    /* "<100" fails "at least 100"; ">50" cannot tell; ">=100" meets it */
    assert_int_equal(eval_text(big, "<100"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(big, ">50"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(big, ">=100"), CS_RESULT_MET);
    assert_int_equal(eval_text(big, ">99"), CS_RESULT_MET);
    cs_method_free(big);
}

static void test_ordinal_at_least(void **state)
{
    (void)state;
    cs_method *m =
        one_rule("cluster:esca_label", "{\"kind\": \"ordinal_at_least\", \"level\": \"bronze\"}");
    const cs_rule *r = &cs_method_item_at(m, 0)->rule;
    assert_string_equal(r->levels, "none|bronze|silver|gold");
    assert_int_equal(r->level_index, 1);
    assert_int_equal(eval_text(m, "none"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(m, "bronze"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "silver"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, "gold"), CS_RESULT_MET);
    assert_int_equal(eval_text(m, ""), CS_RESULT_UNKNOWN);
    /* a level not in the list (data from another definition) is unknown */
    cs_value v = { .kind = CS_VALUE_TEXT, .text = "platinum" };
    assert_int_equal(cs_rule_eval(r, &v), CS_RESULT_UNKNOWN);
    cs_method_free(m);

    cs_method *web = one_rule("cluster:english_website",
                              "{\"kind\": \"ordinal_at_least\", \"level\": \"full\"}");
    assert_int_equal(eval_text(web, "start_page"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(web, "full"), CS_RESULT_MET);
    cs_method_free(web);
}

static void test_bounds_logic(void **state)
{
    (void)state;
    cs_method *ge = one_rule("country:foreign_patients",
                             "{\"kind\": \"threshold\", \"op\": \">=\", \"value\": 100}");
    assert_int_equal(eval_text(ge, ">60"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(ge, "<100"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(ge, ">50"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(ge, "100..200"), CS_RESULT_MET);
    assert_int_equal(eval_text(ge, "50..99"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(ge, "50..100"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(ge, "<=100"), CS_RESULT_UNKNOWN);
    cs_method_free(ge);

    /* amounts are not whole: ">1" does not reach "at least 2" for sure */
    cs_method *amount = one_rule("cluster:management_fte",
                                 "{\"kind\": \"threshold\", \"op\": \">=\", \"value\": 0.5}");
    assert_int_equal(eval_text(amount, ">0.4"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(amount, ">0,5"), CS_RESULT_MET);
    assert_int_equal(eval_text(amount, "<0.5"), CS_RESULT_NOT_MET);
    assert_int_equal(eval_text(amount, ">=0.5"), CS_RESULT_MET);
    cs_method_free(amount);

    cs_method *gt = one_rule("country:medical_tourism_index",
                             "{\"kind\": \"threshold\", \"op\": \">\", \"value\": 60}");
    assert_int_equal(eval_text(gt, ">60"), CS_RESULT_MET);
    assert_int_equal(eval_text(gt, ">=60"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(gt, "<=60"), CS_RESULT_NOT_MET);
    cs_method_free(gt);

    cs_method *lt = one_rule("country:medical_tourism_index",
                             "{\"kind\": \"threshold\", \"op\": \"<\", \"value\": 60}");
    assert_int_equal(eval_text(lt, "<60"), CS_RESULT_MET);
    assert_int_equal(eval_text(lt, "<=60"), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(lt, ">=60"), CS_RESULT_NOT_MET);
    cs_method_free(lt);
}

static void test_unknown_values(void **state)
{
    (void)state;
    cs_method *m = one_rule("cluster:startups", "{\"kind\": \"count_at_least\", \"n\": 0}");
    const cs_rule *r = &cs_method_item_at(m, 0)->rule;
    /* even "at least 0" is unknown when nothing is known */
    assert_int_equal(eval_text(m, ""), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(m, "unknown"), CS_RESULT_UNKNOWN);
    assert_int_equal(cs_rule_eval(r, NULL), CS_RESULT_UNKNOWN);
    cs_value b = { .kind = CS_VALUE_BOOL, .boolean = 1 };
    assert_int_equal(cs_rule_eval(r, &b), CS_RESULT_UNKNOWN);
    cs_value nan_value = { .kind = CS_VALUE_NUMBER, .lo = NAN, .hi = NAN };
    assert_int_equal(cs_rule_eval(r, &nan_value), CS_RESULT_UNKNOWN);
    assert_int_equal(eval_text(m, "0"), CS_RESULT_MET);
    cs_method_free(m);
}

static void test_describe(void **state)
{
    (void)state;
    char out[256];
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    cs_rule_describe(out, sizeof out, m, &cs_method_item_at(m, 1)->rule);
    assert_string_equal(out, "foreign_patients >= 200000");
    cs_rule_describe(out, sizeof out, m, &cs_method_item_at(m, 0)->rule);
    assert_string_equal(out, "medtourism_revenue_usd >= 500000000");
    cs_rule_describe(out, sizeof out, m, &cs_method_item_at(m, 2)->rule);
    assert_string_equal(out, "bloomberg_efficiency_rank <= 20 (a rank, 1 is best)");
    long esca = cs_method_find_item(m, "esca_label");
    cs_rule_describe(out, sizeof out, m, &cs_method_item_at(m, (size_t)esca)->rule);
    assert_string_equal(out, "esca_label >= bronze (levels none < bronze < silver < gold)");
    long clinics = cs_method_find_item(m, "diversity.clinics");
    cs_rule_describe(out, sizeof out, m, &cs_method_item_at(m, (size_t)clinics)->rule);
    assert_string_equal(out, "member_type.clinic is true");
    /* snprintf contract: the full length is returned even when cut */
    int n = cs_rule_describe(out, 5, m, &cs_method_item_at(m, 1)->rule);
    assert_int_equal(n, (int)strlen("foreign_patients >= 200000"));
    assert_string_equal(out, "fore");
    cs_method_free(m);

    cs_method *eccp = NULL;
    assert_int_equal(cs_method_load_builtin(&eccp, "eccp-profile-2017"), 0);
    long ref = cs_method_find_item(eccp, "triple_helix.member_types");
    cs_rule_describe(out, sizeof out, eccp, &cs_method_item_at(eccp, (size_t)ref)->rule);
    assert_string_equal(out, "indicator member_types is met");
    cs_rule_describe(out, sizeof out, eccp, &cs_method_item_at(eccp, 0)->rule);
    assert_string_equal(out, "management_fte >= 0.5");
    /* for a reader: the language's words and number style */
    cs_rule_describe_lang(out, sizeof out, eccp, &cs_method_item_at(eccp, 0)->rule, CS_LANG_RU);
    assert_string_equal(out, "management_fte >= 0,5");
    cs_rule_describe_lang(out, sizeof out, eccp, &cs_method_item_at(eccp, (size_t)ref)->rule,
                          CS_LANG_RU);
    assert_string_equal(out, "показатель member_types выполнен");
    cs_method_free(eccp);

    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    cs_rule_describe_lang(out, sizeof out, m, &cs_method_item_at(m, 0)->rule, CS_LANG_EN);
    assert_string_equal(out, "medtourism_revenue_usd >= 500,000,000");
    cs_rule_describe_lang(out, sizeof out, m, &cs_method_item_at(m, 0)->rule, CS_LANG_RU);
    assert_string_equal(out, "medtourism_revenue_usd >= 500\xC2\xA0"
                             "000\xC2\xA0"
                             "000");
    cs_rule_describe_lang(out, sizeof out, m, &cs_method_item_at(m, 2)->rule, CS_LANG_RU);
    assert_string_equal(out, "bloomberg_efficiency_rank <= 20 (место в рейтинге, 1 — лучшее)");
    cs_rule_describe_lang(out, sizeof out, m, &cs_method_item_at(m, (size_t)esca)->rule,
                          CS_LANG_RU);
    assert_string_equal(out, "esca_label >= bronze (уровни none < bronze < silver < gold)");
    cs_rule_describe_lang(out, sizeof out, m, &cs_method_item_at(m, (size_t)clinics)->rule,
                          CS_LANG_RU);
    assert_string_equal(out, "member_type.clinic: да");
    /* cs_rule_describe() is the machine's form */
    cs_rule_describe(out, sizeof out, m, &cs_method_item_at(m, 0)->rule);
    assert_string_equal(out, "medtourism_revenue_usd >= 500000000");
    cs_method_free(m);
}

/* ---------------------------------------------------------------- composites and refs */

static const char *composite_json =
    HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
         "\"rule\": {\"kind\": \"composite\", \"min_items\": 2, \"items\": ["
         "{\"id\": \"p\", \"label_en\": \"P\", \"fact\": \"cluster:member_type.clinic\", "
         "\"rule\": {\"kind\": \"presence\"}},"
         "{\"id\": \"q\", \"label_en\": \"Q\", \"fact\": \"cluster:member_type.support\", "
         "\"rule\": {\"kind\": \"presence\"}},"
         "{\"id\": \"r\", \"label_en\": \"R\", \"fact\": \"cluster:startups\", "
         "\"rule\": {\"kind\": \"count_at_least\", \"n\": 2}}]}}]}";

static void check_composite(const cs_method *m, cs_result a, cs_result b, cs_result c,
                            cs_result expect, int expect_points)
{
    cs_result items[3] = { a, b, c };
    cs_result ind[1];
    int points[1];
    cs_score blocks[1], total;
    cs_method_derive(m, items, ind, points, blocks, &total);
    assert_int_equal(ind[0], expect);
    assert_int_equal(points[0], expect_points);
    assert_int_equal(total.points, expect_points);
    assert_int_equal(total.indicators, expect == CS_RESULT_MET);
    assert_int_equal(total.indicators_known, expect != CS_RESULT_UNKNOWN);
    assert_int_equal(blocks[0].points, expect_points);
}

static void test_composite_min_items(void **state)
{
    (void)state;
    cs_method *m = load(composite_json);
    const cs_method_indicator *ind = cs_method_indicator_at(m, 0);
    assert_true(ind->composite);
    assert_int_equal(ind->min_items, 2);
    assert_int_equal(ind->n_items, 3);
    assert_string_equal(cs_method_item_at(m, 1)->key, "c.q");
    const int Y = CS_RESULT_MET, N = CS_RESULT_NOT_MET, U = CS_RESULT_UNKNOWN;
    check_composite(m, Y, Y, N, Y, 2);
    check_composite(m, Y, Y, U, Y, 2);
    check_composite(m, Y, Y, Y, Y, 3);
    /* one met, one unknown: the unknown could make it */
    check_composite(m, Y, N, U, U, 1);
    check_composite(m, U, U, U, U, 0);
    /* even with every unknown met it cannot reach two */
    check_composite(m, N, N, U, N, 0);
    check_composite(m, Y, N, N, N, 1);
    check_composite(m, N, N, N, N, 0);

    cs_result items[3] = { Y, N, U };
    cs_result r[1];
    cs_score total;
    cs_method_derive(m, items, r, NULL, NULL, &total);
    assert_int_equal(total.items_known, 2);
    assert_int_equal(cs_method_max_points(m), 3);
    assert_int_equal(cs_method_max_indicators(m), 1);
    cs_method_free(m);
}

static void test_composite_default_min_items(void **state)
{
    (void)state;
    cs_method *m =
        load(HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                  "\"rule\": {\"kind\": \"composite\", \"items\": ["
                  "{\"id\": \"p\", \"label_en\": \"P\", \"fact\": \"cluster:member_type.clinic\", "
                  "\"rule\": {\"kind\": \"presence\"}},"
                  "{\"id\": \"q\", \"label_en\": \"Q\", \"fact\": \"cluster:member_type.support\", "
                  "\"rule\": {\"kind\": \"presence\"}}]}}]}");
    assert_int_equal(cs_method_indicator_at(m, 0)->min_items, 1);
    cs_result items[2] = { CS_RESULT_NOT_MET, CS_RESULT_UNKNOWN };
    cs_result ind[1];
    cs_method_derive(m, items, ind, NULL, NULL, NULL);
    assert_int_equal(ind[0], CS_RESULT_UNKNOWN);
    items[1] = CS_RESULT_NOT_MET;
    cs_method_derive(m, items, ind, NULL, NULL, NULL);
    assert_int_equal(ind[0], CS_RESULT_NOT_MET);
    cs_method_free(m);
}

static void test_refs(void **state)
{
    (void)state;
    /* triple helix as the ECCP states it: two types, or collaboration with public bodies */
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "eccp-profile-2017"), 0);
    long types = cs_method_find_indicator(m, "member_types");
    long helix = cs_method_find_indicator(m, "triple_helix");
    assert_true(types >= 0 && helix >= 0);
    const cs_method_indicator *h = cs_method_indicator_at(m, (size_t)helix);
    const cs_method_item *ref = cs_method_item_at(m, h->first_item);
    assert_int_equal(ref->rule.kind, CS_RULE_REF);
    assert_int_equal(ref->rule.ref, (size_t)types);
    /* a ref item without labels takes the referenced indicator's */
    assert_string_equal(ref->label_en, "Members of at least two types");
    assert_false(cs_method_indicator_at(m, (size_t)types)->scored);

    size_t n_items = cs_method_item_count(m), n_ind = cs_method_indicator_count(m);
    cs_result items[32], ind[32];
    assert_true(n_items <= 32 && n_ind <= 32);
    for (size_t i = 0; i < n_items; i++)
        items[i] = CS_RESULT_UNKNOWN;
    const cs_method_indicator *t = cs_method_indicator_at(m, (size_t)types);
    size_t collab = h->first_item + 1;
    /* clinics and research: two types, so the helix holds whatever collaboration is */
    items[t->first_item] = CS_RESULT_MET;
    items[t->first_item + 2] = CS_RESULT_MET;
    cs_method_derive(m, items, ind, NULL, NULL, NULL);
    assert_int_equal(ind[types], CS_RESULT_MET);
    assert_int_equal(items[h->first_item], CS_RESULT_MET);
    assert_int_equal(ind[helix], CS_RESULT_MET);
    /* one type known, the rest unknown: the helix depends on collaboration */
    items[t->first_item + 2] = CS_RESULT_UNKNOWN;
    cs_method_derive(m, items, ind, NULL, NULL, NULL);
    assert_int_equal(ind[types], CS_RESULT_UNKNOWN);
    assert_int_equal(ind[helix], CS_RESULT_UNKNOWN);
    items[collab] = CS_RESULT_MET;
    cs_method_derive(m, items, ind, NULL, NULL, NULL);
    assert_int_equal(ind[helix], CS_RESULT_MET);
    /* only clinics, no collaboration */
    for (size_t k = 1; k < t->n_items; k++)
        items[t->first_item + k] = CS_RESULT_NOT_MET;
    items[collab] = CS_RESULT_NOT_MET;
    cs_method_derive(m, items, ind, NULL, NULL, NULL);
    assert_int_equal(ind[types], CS_RESULT_NOT_MET);
    assert_int_equal(items[h->first_item], CS_RESULT_NOT_MET);
    assert_int_equal(ind[helix], CS_RESULT_NOT_MET);
    cs_method_free(m);

    /* a ref may point forward, to an indicator defined later */
    cs_method *fwd =
        load(HEAD "\"indicators\": ["
                  "{\"id\": \"a\", \"block\": \"b\", \"label_en\": \"A\", \"rule\": {\"kind\": "
                  "\"composite\", \"items\": [{\"id\": \"x\", \"ref\": \"z\"}]}},"
                  "{\"id\": \"z\", \"block\": \"b\", \"label_en\": \"Z\", "
                  "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", "
                  "\"n\": 2}}]}");
    cs_result fi[2] = { CS_RESULT_UNKNOWN, CS_RESULT_MET }, fr[2];
    cs_method_derive(fwd, fi, fr, NULL, NULL, NULL);
    assert_int_equal(fi[0], CS_RESULT_MET);
    assert_int_equal(fr[0], CS_RESULT_MET);
    cs_method_free(fwd);
}

static void test_cycles(void **state)
{
    (void)state;
    load_fails(HEAD "\"indicators\": [{\"id\": \"a\", \"block\": \"b\", \"label_en\": \"A\", "
                    "\"rule\": {\"kind\": \"composite\", \"items\": [{\"id\": \"x\", "
                    "\"ref\": \"a\"}]}}]}",
               "indicators[0].rule.items[0].ref: cycle of references: a -> a");
    file_fails("tests/data/bad/methods/cycle.json",
               "tests/data/bad/methods/cycle.json:15:68: indicators[2].rule.items[0].ref: cycle "
               "of references: a -> b -> c -> a");
}

/* ---------------------------------------------------------------- loader errors */

static void test_bad_files(void **state)
{
    (void)state;
    file_fails("tests/data/bad/methods/unknown-rule-kind.json",
               "unknown-rule-kind.json:9:51: indicators[0].rule.kind: expected a rule kind: "
               "threshold, rank_cutoff, presence, count_at_least, ordinal_at_least or "
               "composite, found \"at_least\"");
    file_fails("tests/data/bad/methods/truncated.json",
               "truncated.json:6:41: premature end of input");
    file_fails("tests/data/bad/methods/wrong-shape.json",
               "wrong-shape.json:7:17: indicators: expected a non-empty array of indicators, "
               "found an object");
    file_fails("tests/data/bad/methods/unknown-fact.json",
               "unknown-fact.json:9:14: indicators[0].fact: expected a fact defined in the fact "
               "definitions or the method's fact_definitions, found \"cluster:unicorns\"");
    file_fails("tests/data/bad/methods/duplicate-id.json",
               "duplicate-id.json:10:12: indicators[1].id: duplicate indicator id \"startups\"");
    file_fails("tests/data/bad/methods/wrong-subject-kind.json",
               "indicators[0].fact: expected a country fact (startups is a cluster fact), found "
               "\"country:startups\"");
    file_fails("tests/data/bad/methods/threshold-on-bool.json",
               "indicators[0].fact: expected a numeric fact (count, amount, rank or index) for a "
               "threshold, not a bool fact");
    file_fails("tests/data/bad/methods/unknown-ref.json",
               "unknown-ref.json:9:69: indicators[0].rule.items[0].ref: expected the id of an "
               "indicator of this method, found \"member_types\"");
    file_fails("tests/data/bad/methods/duplicate-key.json", "duplicate-key.json:4:6: duplicate");
    file_fails("tests/data/bad/methods/missing-op.json",
               "missing-op.json:9:56: indicators[0].rule.op: expected one of \">=\", \">\", "
               "\"<=\" or \"<\", found nothing");
    file_fails("tests/data/bad/methods/bad-level.json",
               "indicators[0].rule.level: expected one of the levels of esca_label "
               "(none|bronze|silver|gold), found \"platinum\"");
    file_fails("tests/data/bad/methods/not-a-method.json",
               "not-a-method.json:2:13: format: expected \"clusterscope-method\", found "
               "\"clusterscope-registry\"");

    cs_method *m = (cs_method *)1;
    assert_int_equal(cs_method_load_file(&m, "tests/data/bad/methods/no-such-file.json"),
                     CS_ENOTFOUND);
    assert_null(m);
}

static void test_structure_errors(void **state)
{
    (void)state;
    load_fails("", "test.json:1:0: ");
    load_fails("[]", "(top level): expected a method object");
    load_fails("{\"id\": \"x\"}", "format: expected \"clusterscope-method\", found nothing");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_en\": \"T\", \"colour\": 1}",
               "test.json:1:87: colour: unknown member \"colour\" of a method");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"has space\"}",
               "id: expected an id of 1 to 64 letters, digits, '_' or '-'");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": true}",
               "version: expected a version, such as 1 or \"2019.1\", found true");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1}",
               "title_en: expected a title (title_en, title_ru or both), found nothing");
    load_fails("{\"format\": \"clusterscope-method\", \"format_version\": 2, \"id\": \"x\"}",
               "format_version: expected 1");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_ru\": \"Т\", \"assessment_year\": \"2019\"}",
               "assessment_year: expected a year such as 2019, found \"2019\"");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_ru\": \"Т\"}",
               "blocks: expected a non-empty array of blocks, found nothing");
    load_fails(HEAD "\"indicators\": []}", "indicators: expected a non-empty array");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_en\": \"T\", \"blocks\": [{\"id\": \"b\", \"label_en\": \"B\"}, "
               "{\"id\": \"b\", \"label_en\": \"C\"}]}",
               "blocks[1].id: duplicate block id \"b\"");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_en\": \"T\", \"blocks\": [{\"id\": \"b\"}]}",
               "blocks[0].label_en: expected a label (label_en, label_ru or both), found nothing");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_en\": \"T\", \"analysis\": {\"unknown\": \"zero\"}}",
               "analysis.unknown: expected \"pairwise\", \"error\" or \"as-zero\", found \"zero\"");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_en\": \"T\", \"analysis\": {\"min_known\": 0}}",
               "analysis.min_known: expected a whole number of variables from 1");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_en\": \"T\", \"analysis\": {\"min_known\": \"5\"}}",
               "analysis.min_known: expected a whole number of variables from 1");
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1, "
               "\"title_en\": \"T\", \"analysis\": {\"min_know\": 5}}",
               "min_know");
}

/* TEXT with the first FROM replaced by TO (a new string). */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t head = (size_t)(at - text), nf = strlen(from), nt = strlen(to);
    char *out = malloc(strlen(text) - nf + nt + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    memcpy(out + head, to, nt);
    strcpy(out + head + nt, at + nf);
    return out;
}

/* analysis.min_known is checked against the view's scored variables once the method is built:
 * the HSE method has 23 items and 15 indicators. */
static void test_min_known_range(void **state)
{
    (void)state;
    FILE *f = fopen("methods/hse-biomedical-2019.json", "rb");
    assert_non_null(f);
    char *text = calloc(1, 1 << 20);
    assert_non_null(text);
    assert_true(fread(text, 1, (1 << 20) - 1, f) > 0);
    fclose(f);
    char *nine = replaced(text, "\"min_known\": 5", "\"min_known\": 9");
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_string(&m, nine, strlen(nine), "hse.json"), 0);
    assert_int_equal(cs_method_min_known(m), 9);
    cs_method_free(m);
    char *over = replaced(text, "\"min_known\": 5", "\"min_known\": 24");
    load_fails(over, "analysis.min_known: expected at most 23 (the method's scored items), "
                     "found 24");
    char *ind = replaced(over, "\"view\": \"items\"", "\"view\": \"indicators\"");
    char *ind16 = replaced(ind, "\"min_known\": 24", "\"min_known\": 16");
    load_fails(ind16, "at most 15 (the method's scored indicators), found 16");
    char *ind15 = replaced(ind, "\"min_known\": 24", "\"min_known\": 15");
    assert_int_equal(cs_method_load_string(&m, ind15, strlen(ind15), "hse.json"), 0);
    cs_method_free(m);
    free(nine);
    free(over);
    free(ind);
    free(ind16);
    free(ind15);
    free(text);
}

static void test_indicator_errors(void **state)
{
    (void)state;
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"nope\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"presence\"}}]}",
               "indicators[0].block: expected the id of a block of this method, found \"nope\"");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"startups\", \"rule\": {\"kind\": \"presence\"}}]}",
               "indicators[0].fact: expected a subject kind and fact name such as "
               "\"cluster:startups\"");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"rule\": {\"kind\": \"presence\"}}]}",
               "indicators[0].fact: expected a string, found nothing");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\"}]}",
               "indicators[0].rule: expected a rule object");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": 3}}]}",
               "indicators[0].rule.kind: expected a rule kind");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", "
                    "\"n\": \"2\"}}]}",
               "indicators[0].rule.n: expected a whole number of 0 or more, found \"2\"");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", "
                    "\"n\": 2, \"op\": \">=\"}}]}",
               "indicators[0].rule.op: unknown member \"op\" of a count_at_least rule");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"country:medical_tourism_index\", \"rule\": {\"kind\": "
                    "\"threshold\", \"op\": \"=>\", \"value\": 65}}]}",
               "indicators[0].rule.op: expected one of \">=\", \">\", \"<=\" or \"<\", found "
               "\"=>\"");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"country:medical_tourism_index\", \"rule\": {\"kind\": "
                    "\"threshold\", \"op\": \">=\", \"value\": \"65\"}}]}",
               "indicators[0].rule.value: expected a number, found \"65\"");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"rank_cutoff\", "
                    "\"cutoff\": 5}}]}",
               "indicators[0].fact: expected a rank fact for rank_cutoff, not a count fact");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"country:bloomberg_efficiency_rank\", \"rule\": {\"kind\": "
                    "\"rank_cutoff\", \"cutoff\": 0}}]}",
               "indicators[0].rule.cutoff: expected a whole number of 1 or more, found 0");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:management_fte\", \"rule\": {\"kind\": "
                    "\"count_at_least\", \"n\": 1}}]}",
               "expected a count fact for count_at_least, not a amount fact");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"presence\"}}]}",
               "expected a bool or text fact for presence, not a count fact");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"ordinal_at_least\", "
                    "\"level\": \"x\"}}]}",
               "expected a level fact for ordinal_at_least, not a count fact");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"scored\": 0, \"fact\": \"cluster:startups\", \"rule\": {\"kind\": "
                    "\"count_at_least\", \"n\": 1}}]}",
               "indicators[0].scored: expected true or false, found 0");
    load_fails(HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
                    "\"sources\": [\"nowhere\"], \"fact\": \"cluster:startups\", \"rule\": "
                    "{\"kind\": \"count_at_least\", \"n\": 1}}]}",
               "indicators[0].sources[0]: expected the key of one of the method's sources");
}

static void test_composite_errors(void **state)
{
    (void)state;
    const char *item = "{\"id\": \"p\", \"label_en\": \"P\", \"fact\": "
                       "\"cluster:member_type.clinic\", \"rule\": {\"kind\": \"presence\"}}";
    char json[2048];
    snprintf(json, sizeof json,
             HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                  "\"rule\": {\"kind\": \"composite\", \"min_items\": 2, \"items\": [%s]}}]}",
             item);
    load_fails(json, "indicators[0].rule.min_items: expected a whole number from 1 to the number "
                     "of items, found 2");
    snprintf(json, sizeof json,
             HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                  "\"rule\": {\"kind\": \"composite\", \"items\": [%s, %s]}}]}",
             item, item);
    load_fails(json, "indicators[0].rule.items[1].id: duplicate item id \"p\"");
    snprintf(json, sizeof json,
             HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                  "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"composite\", "
                  "\"items\": [%s]}}]}",
             item);
    load_fails(json, "indicators[0].fact: a composite indicator reads its facts in its items");
    load_fails(HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                    "\"rule\": {\"kind\": \"composite\", \"items\": []}}]}",
               "indicators[0].rule.items: expected a non-empty array of items, found an array");
    load_fails(HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                    "\"rule\": {\"kind\": \"composite\", \"items\": [{\"id\": \"n\", "
                    "\"label_en\": \"N\", \"rule\": {\"kind\": \"composite\", \"items\": []}}]}}]}",
               "indicators[0].rule.items[0].rule.kind: an item cannot be composite");
    load_fails(HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                    "\"rule\": {\"kind\": \"composite\", \"items\": [{\"id\": \"n\", \"ref\": "
                    "\"c\", \"fact\": \"cluster:startups\"}]}}]}",
               "indicators[0].rule.items[0].fact: an item has either \"ref\" or \"fact\" and "
               "\"rule\", not both");
    load_fails(HEAD "\"indicators\": [{\"id\": \"c\", \"block\": \"b\", \"label_en\": \"C\", "
                    "\"rule\": {\"kind\": \"composite\", \"items\": [{\"id\": \"n\", "
                    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", "
                    "\"n\": 1}}]}}]}",
               "indicators[0].rule.items[0].label_en: expected a label");
}

static void test_position_with_unicode_and_escapes(void **state)
{
    (void)state;
    /* columns count characters, not bytes; keys written with escapes are still found */
    load_fails("{\"format\": \"clusterscope-method\", \"id\": \"x\", \"version\": 1,\n"
               "\"title_ru\": \"Биомедицина\", \"\\u0062locks\": 7}",
               "test.json:2:43: blocks: expected a non-empty array of blocks, found 7");
}

static void test_fact_definitions_in_method(void **state)
{
    (void)state;
    cs_method *m = load(
        HEAD "\"fact_definitions\": [{\"name\": \"hospital_beds\", \"subject_kind\": \"region\", "
             "\"type\": \"count\", \"label_en\": \"Hospital beds\"}, {\"name\": \"maturity\", "
             "\"subject_kind\": \"cluster\", \"type\": \"level\", \"levels\": "
             "\"low|mid|high\"}], "
             "\"indicators\": [{\"id\": \"beds\", \"block\": \"b\", \"label_en\": \"Beds\", "
             "\"fact\": \"region:hospital_beds\", \"rule\": {\"kind\": \"count_at_least\", "
             "\"n\": 1000}}, {\"id\": \"mature\", \"block\": \"b\", \"label_en\": \"M\", "
             "\"fact\": \"cluster:maturity\", \"rule\": {\"kind\": \"ordinal_at_least\", "
             "\"level\": \"mid\"}}]}");
    assert_int_equal(cs_method_fact_count(m), 2);
    /* sorted by kind (cluster before region), then name */
    assert_int_equal(cs_method_fact_at(m, 0)->subject_kind, CS_SUBJECT_CLUSTER);
    assert_string_equal(cs_method_fact_at(m, 0)->name, "maturity");
    assert_string_equal(cs_method_fact_at(m, 0)->levels, "low|mid|high");
    assert_int_equal(cs_method_fact_at(m, 1)->subject_kind, CS_SUBJECT_REGION);
    assert_int_equal(cs_method_fact_at(m, 1)->type, CS_FACT_COUNT);
    cs_method_free(m);

    load_fails(HEAD "\"fact_definitions\": [{\"name\": \"startups\", \"subject_kind\": "
                    "\"cluster\", \"type\": \"bool\"}], \"indicators\": []}",
               "fact_definitions[0].type: expected the built-in definition of startups (type "
               "count), found \"bool\"");
    load_fails(HEAD "\"fact_definitions\": [{\"name\": \"m\", \"subject_kind\": \"cluster\", "
                    "\"type\": \"level\"}], \"indicators\": []}",
               "fact_definitions[0].levels: expected levels for a level fact");
    load_fails(HEAD "\"fact_definitions\": [{\"name\": \"m\", \"subject_kind\": \"cluster\", "
                    "\"type\": \"level\", \"levels\": \"a||b\"}], \"indicators\": []}",
               "fact_definitions[0].levels: expected distinct non-empty level names");
    load_fails(HEAD "\"fact_definitions\": [{\"name\": \"m\", \"subject_kind\": \"city\", "
                    "\"type\": \"count\"}], \"indicators\": []}",
               "fact_definitions[0].subject_kind: expected cluster, country or region");
}

static void test_ordering_codes_and_comments(void **state)
{
    (void)state;
    /* blocks sorted by order; indicators grouped by block; "_" members are comments */
    cs_method *m = load(
        "{\"format\": \"clusterscope-method\", \"id\": \"t\", \"version\": \"2019.1\", "
        "\"_comment\": \"ignored\", \"title_en\": \"T\", \"assessment_year\": 2018, "
        "\"blocks\": [{\"id\": \"late\", \"label_en\": \"L\", \"order\": 2}, "
        "{\"id\": \"early\", \"label_ru\": \"Р\", \"order\": 1, \"code\": \"E\"}], "
        "\"indicators\": ["
        "{\"id\": \"a\", \"block\": \"late\", \"label_en\": \"A\", \"fact\": \"cluster:startups\", "
        "\"rule\": {\"kind\": \"count_at_least\", \"n\": 1}},"
        "{\"id\": \"b\", \"block\": \"early\", \"label_en\": \"B\", \"code\": \"Bx\", "
        "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 2}},"
        "{\"id\": \"c\", \"block\": \"late\", \"label_en\": \"C\", \"fact\": \"cluster:startups\", "
        "\"rule\": {\"kind\": \"count_at_least\", \"n\": 3}}]}");
    assert_string_equal(cs_method_version(m), "2019.1");
    assert_int_equal(cs_method_assessment_year(m), 2018);
    assert_string_equal(cs_method_block_at(m, 0)->id, "early");
    assert_string_equal(cs_method_block_at(m, 0)->code, "E");
    assert_string_equal(cs_method_block_at(m, 1)->code, "B2");
    assert_string_equal(cs_method_indicator_at(m, 0)->id, "b");
    assert_string_equal(cs_method_indicator_at(m, 0)->code, "Bx");
    assert_string_equal(cs_method_indicator_at(m, 1)->id, "a");
    assert_string_equal(cs_method_indicator_at(m, 1)->code, "I2");
    assert_string_equal(cs_method_indicator_at(m, 2)->id, "c");
    assert_int_equal(cs_method_block_at(m, 1)->first_indicator, 1);
    assert_int_equal(cs_method_block_at(m, 1)->n_indicators, 2);
    assert_int_equal(cs_method_find_indicator(m, "c"), 2);
    assert_int_equal(cs_method_find_indicator(m, "zz"), -1);
    assert_int_equal(cs_method_find_item(m, "a"), 1);
    /* one fact read by three rules is listed once */
    assert_int_equal(cs_method_fact_count(m), 1);
    assert_string_equal(cs_method_analysis_view(m), "items");
    assert_string_equal(cs_method_unknown_policy(m), "pairwise");
    assert_int_equal(cs_method_min_known(m), 1); /* no analysis member: anything known */
    cs_method_free(m);

    load_fails(HEAD "\"indicators\": [{\"id\": \"a\", \"code\": \"I2\", \"block\": \"b\", "
                    "\"label_en\": \"A\", \"fact\": \"cluster:startups\", \"rule\": {\"kind\": "
                    "\"count_at_least\", \"n\": 1}}, {\"id\": \"b\", \"block\": \"b\", "
                    "\"label_en\": \"B\", \"fact\": \"cluster:startups\", \"rule\": {\"kind\": "
                    "\"count_at_least\", \"n\": 1}}]}",
               "indicators[0].code: indicators a and b have the same code \"I2\"");
}

static void test_bom_accepted(void **state)
{
    (void)state;
    const char *text =
        "\xEF\xBB\xBF" HEAD
        "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "
        "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 1}}]}";
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_string(&m, text, strlen(text), NULL), 0);
    assert_string_equal(cs_method_origin(m), "<method>");
    cs_method_free(m);
}

/* ---------------------------------------------------------------- scope */

#define SCOPED_PREFIX                                                                              \
    HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "                \
         "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 2}}], "  \
         "\"scope\": {\"all_of\": ["

#define SCOPED(scope)                                                                              \
    HEAD "\"indicators\": [{\"id\": \"x\", \"block\": \"b\", \"label_en\": \"X\", "                \
         "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 2}}], "  \
         "\"scope\": " scope "}"

static void test_scope_parse(void **state)
{
    (void)state;
    cs_method *m = load(SCOPED(
        "{\"notes\": \"why\", \"study_lines\": \"1-2\", \"all_of\": ["
        "{\"id\": \"kinds\", \"label_en\": \"Kinds\", \"field\": \"kind\", "
        "\"in\": [\"biomedical\", \"tourist\"]},"
        "{\"id\": \"home\", \"label_ru\": \"Страна\", \"field\": \"country\", \"in\": [\"DE\"], "
        "\"unknown\": \"in\", \"notes\": \"n\", \"study_lines\": \"7\"},"
        "{\"id\": \"big\", \"label_en\": \"Big\", \"fact\": \"cluster:organisation_count\", "
        "\"rule\": {\"kind\": \"count_at_least\", \"n\": 50}, \"unknown\": \"out\"},"
        "{\"id\": \"rich\", \"label_en\": \"Rich\", \"fact\": \"country:medical_tourism_index\", "
        "\"rule\": {\"kind\": \"threshold\", \"op\": \">=\", \"value\": 65}}]}"));
    assert_int_equal(cs_method_scope_count(m), 4);
    assert_string_equal(cs_method_scope_notes(m), "why");
    assert_string_equal(cs_method_scope_study_lines(m), "1-2");
    const cs_scope_rule *r = cs_method_scope_at(m, 0);
    assert_string_equal(r->id, "kinds");
    assert_false(r->is_fact);
    assert_int_equal(r->field, CS_CLUSTER_FIELD_KIND);
    assert_int_equal(r->n_values, 2);
    assert_string_equal(r->values[1], "tourist");
    assert_false(r->unknown_in);
    assert_int_equal(cs_scope_field_eval(r, "tourist"), CS_RESULT_MET);
    assert_int_equal(cs_scope_field_eval(r, "industrial"), CS_RESULT_NOT_MET);
    assert_int_equal(cs_scope_field_eval(r, ""), CS_RESULT_UNKNOWN);
    assert_int_equal(cs_scope_field_eval(r, NULL), CS_RESULT_UNKNOWN);
    r = cs_method_scope_at(m, 1);
    assert_int_equal(r->field, CS_CLUSTER_FIELD_COUNTRY);
    assert_true(r->unknown_in);
    assert_string_equal(r->label_ru, "Страна");
    assert_string_equal(r->study_lines, "7");
    r = cs_method_scope_at(m, 2);
    assert_true(r->is_fact);
    assert_int_equal(r->rule.kind, CS_RULE_COUNT_AT_LEAST);
    assert_string_equal(r->rule.fact, "organisation_count");
    assert_true(r->rule.value == 50);
    assert_int_equal(cs_method_scope_at(m, 3)->rule.subject_kind, CS_SUBJECT_COUNTRY);
    assert_null(cs_method_scope_at(m, 4));
    /* the scope's facts are read too, once each: startups, organisation_count and the index */
    assert_int_equal(cs_method_fact_count(m), 3);
    assert_string_equal(cs_method_fact_at(m, 0)->name, "organisation_count");
    assert_string_equal(cs_method_fact_at(m, 1)->name, "startups");
    assert_string_equal(cs_method_fact_at(m, 2)->name, "medical_tourism_index");
    /* the reasons, in both languages; the rule's id when it has no label in either */
    char why[256];
    cs_scope_reason(why, sizeof why, cs_method_scope_at(m, 1), CS_RESULT_NOT_MET, "FR", CS_LANG_EN);
    assert_string_equal(why, "Страна: not met (country is FR)");
    cs_scope_reason(why, sizeof why, cs_method_scope_at(m, 2), CS_RESULT_UNKNOWN, NULL, CS_LANG_RU);
    assert_string_equal(why, "Big: неизвестно (organisation_count: нет данных); при таком "
                             "неизвестном метод исключает кластер из области применения");
    cs_method_free(m);

    /* no scope: every cluster */
    m = one_rule("cluster:startups", "{\"kind\": \"count_at_least\", \"n\": 2}");
    assert_int_equal(cs_method_scope_count(m), 0);
    assert_null(cs_method_scope_at(m, 0));
    assert_string_equal(cs_method_scope_notes(m), "");
    cs_method_free(m);
}

static void test_scope_errors(void **state)
{
    (void)state;
    load_fails(SCOPED("[]"), "scope: expected a scope object {\"all_of\": [rules]}, found an "
                             "array");
    load_fails(SCOPED("{\"all_of\": []}"),
               "scope.all_of: expected a non-empty array of at most 32 rules");
    load_fails(SCOPED("{\"any_of\": []}"), "scope.any_of: unknown member \"any_of\" of the scope");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\"}]}"),
               "scope.all_of[0].field: expected \"field\" (with \"in\") or \"fact\" (with "
               "\"rule\"), found nothing");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"field\": \"kind\", \"in\": "
                      "[\"biomedical\"]}]}"),
               "scope.all_of[0].label_en: expected a label (label_en, label_ru or both)");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"field\": \"kind\", "
                      "\"in\": []}]}"),
               "scope.all_of[0].in: expected a non-empty array of the values that meet the rule, "
               "found an array");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"field\": "
                      "\"country\", \"in\": [\"de\"]}]}"),
               "scope.all_of[0].in[0]: expected a country code of two capital letters, such as "
               "\"DE\", found \"de\"");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"field\": \"kind\", "
                      "\"in\": [\"biomedical\"], \"rule\": {\"kind\": \"presence\"}}]}"),
               "scope.all_of[0].rule: a field rule lists its values in \"in\"");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"fact\": "
                      "\"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 1}, "
                      "\"in\": [\"x\"]}]}"),
               "scope.all_of[0].in: a fact rule states its condition in \"rule\"");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"fact\": "
                      "\"cluster:member_type.clinic\", \"rule\": {\"kind\": \"count_at_least\", "
                      "\"n\": 1}}]}"),
               "scope.all_of[0].fact: expected a count fact for count_at_least, not a bool fact");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"fact\": "
                      "\"cluster:unicorns\", \"rule\": {\"kind\": \"presence\"}}]}"),
               "scope.all_of[0].fact: expected a fact defined in the fact definitions");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"field\": \"kind\", "
                      "\"in\": [\"other\"]}, {\"id\": \"k\", \"label_en\": \"K2\", \"field\": "
                      "\"kind\", \"in\": [\"other\"]}]}"),
               "scope.all_of[1].id: duplicate scope rule id \"k\" (all_of[0] has it too)");
    load_fails(SCOPED("{\"all_of\": [{\"id\": \"k\", \"label_en\": \"K\", \"field\": \"kind\", "
                      "\"in\": [\"other\"], \"unknown\": true}]}"),
               "scope.all_of[0].unknown: expected a string, found true");
    /* 33 rules: one too many */
    char json[8192] = SCOPED_PREFIX;
    for (int i = 0; i < 33; i++) {
        char rule[128];
        snprintf(rule, sizeof rule,
                 "%s{\"id\": \"r%d\", \"label_en\": \"R\", \"field\": \"kind\", \"in\": "
                 "[\"other\"]}",
                 i ? ", " : "", i);
        strcat(json, rule);
    }
    strcat(json, "]}}");
    load_fails(json, "scope.all_of: expected a non-empty array of at most 32 rules");
}

static void test_scope_bad_files(void **state)
{
    (void)state;
    file_fails("tests/data/bad/methods/scope-bad-kind.json",
               "scope-bad-kind.json:12:69: scope.all_of[0].in[0]: expected a cluster kind: "
               "biomedical, industrial, innovative_territorial, tourist or other, found "
               "\"biomed\"");
    file_fails("tests/data/bad/methods/scope-unknown-setting.json",
               "scope-unknown-setting.json:13:47: scope.all_of[0].unknown: expected \"in\" (an "
               "unknown keeps the cluster in scope) or \"out\" (the default), found \"maybe\"");
    file_fails("tests/data/bad/methods/scope-field-and-fact.json",
               "scope-field-and-fact.json:13:14: scope.all_of[0].fact: a scope rule reads either "
               "a \"field\" or a \"fact\", not both");
    file_fails("tests/data/bad/methods/scope-unknown-field.json",
               "scope-unknown-field.json:12:54: scope.all_of[0].field: expected a field of the "
               "cluster's record: \"kind\" or \"country\", found \"city\"");
    file_fails("tests/data/bad/methods/scope-composite.json",
               "scope-composite.json:13:23: scope.all_of[0].rule.kind: a scope rule cannot be "
               "composite");
}

/* The shipped HSE methods apply to biomedical clusters with clinics not known absent; the ECCP
 * method to every cluster; the -text variant reads I13 and I15 as the text does. */
static void test_shipped_scopes(void **state)
{
    (void)state;
    const char *hse[] = { "hse-biomedical-2019", "hse-biomedical-2019-split",
                          "hse-biomedical-2019-text" };
    for (size_t i = 0; i < 3; i++) {
        cs_method *m = NULL;
        assert_int_equal(cs_method_load_builtin(&m, hse[i]), 0);
        assert_int_equal(cs_method_scope_count(m), 2);
        const cs_scope_rule *kind = cs_method_scope_at(m, 0), *clinics = cs_method_scope_at(m, 1);
        assert_string_equal(kind->id, "biomedical");
        assert_int_equal(kind->field, CS_CLUSTER_FIELD_KIND);
        assert_int_equal(kind->n_values, 1);
        assert_string_equal(kind->values[0], "biomedical");
        assert_false(kind->unknown_in);
        assert_string_equal(clinics->id, "clinics");
        assert_true(clinics->is_fact);
        assert_int_equal(clinics->rule.kind, CS_RULE_PRESENCE);
        assert_string_equal(clinics->rule.fact, "member_type.clinic");
        assert_true(clinics->unknown_in);
        assert_non_null(strstr(clinics->study_lines, "2679-2683"));
        cs_method_free(m);
    }
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "eccp-profile-2017"), 0);
    assert_int_equal(cs_method_scope_count(m), 0);
    cs_method_free(m);

    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019-text"), 0);
    assert_string_equal(cs_method_id(m), "hse-biomedical-2019-text");
    assert_int_equal(cs_method_max_indicators(m), 15);
    assert_int_equal(cs_method_max_points(m), 22);
    const cs_method_indicator *goals =
        cs_method_indicator_at(m, (size_t)cs_method_find_indicator(m, "strategic_goals"));
    assert_int_equal(goals->n_items, 2);
    assert_string_equal(cs_method_item_at(m, goals->first_item)->key,
                        "strategic_goals.regional_socioeconomic");
    assert_string_equal(cs_method_item_at(m, goals->first_item + 1)->key,
                        "strategic_goals.regional_science_technology");
    assert_int_equal(cs_method_find_item(m, "strategic_goals.participants_development"), -1);
    const cs_rule *web =
        &cs_method_item_at(m, (size_t)cs_method_find_item(m, "international_visibility"))->rule;
    assert_string_equal(web->level, "full");
    assert_int_equal(web->level_index, 2);
    cs_method_free(m);
    /* the default reads the figure: three goals, the start page counts */
    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    goals = cs_method_indicator_at(m, (size_t)cs_method_find_indicator(m, "strategic_goals"));
    assert_int_equal(goals->n_items, 3);
    web = &cs_method_item_at(m, (size_t)cs_method_find_item(m, "international_visibility"))->rule;
    assert_string_equal(web->level, "start_page");
    cs_method_free(m);
}

/* ---------------------------------------------------------------- shipped methods */

static void expect_leaf(const cs_method *m, const char *key, cs_rule_kind kind,
                        cs_subject_kind subject, const char *fact, cs_rule_op op, double value)
{
    long i = cs_method_find_item(m, key);
    assert_true(i >= 0);
    const cs_rule *r = &cs_method_item_at(m, (size_t)i)->rule;
    assert_int_equal(r->kind, kind);
    assert_int_equal(r->subject_kind, subject);
    assert_string_equal(r->fact, fact);
    assert_int_equal(r->op, op);
    assert_true(r->value == value);
}

static void test_hse_method(void **state)
{
    (void)state;
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "hse-biomedical-2019"), 0);
    assert_string_equal(cs_method_id(m), "hse-biomedical-2019");
    assert_string_equal(cs_method_version(m), "2");
    assert_int_equal(cs_method_block_count(m), 3);
    assert_int_equal(cs_method_indicator_count(m), 15);
    assert_int_equal(cs_method_item_count(m), 23);
    assert_int_equal(cs_method_max_indicators(m), 15);
    assert_int_equal(cs_method_max_points(m), 23);
    const char *blocks[] = { "country", "participants", "management" };
    const size_t sizes[] = { 6, 5, 4 };
    const int points[] = { 6, 11, 6 };
    for (size_t b = 0; b < 3; b++) {
        assert_string_equal(cs_method_block_at(m, b)->id, blocks[b]);
        assert_int_equal(cs_method_block_at(m, b)->n_indicators, sizes[b]);
        assert_int_equal(cs_method_block_at(m, b)->max_points, points[b]);
    }
    /* the study's numbering I1..I15 */
    assert_string_equal(cs_method_indicator_at(m, 0)->code, "I1");
    assert_string_equal(cs_method_indicator_at(m, 14)->code, "I15");
    assert_string_equal(cs_method_indicator_at(m, 14)->id, "international_visibility");
    /* composites: diversity 5, specialisation 3, strategic goals 3 */
    long div = cs_method_find_indicator(m, "diversity");
    long spec = cs_method_find_indicator(m, "specialisation");
    long goals = cs_method_find_indicator(m, "strategic_goals");
    assert_int_equal(cs_method_indicator_at(m, (size_t)div)->n_items, 5);
    assert_int_equal(cs_method_indicator_at(m, (size_t)spec)->n_items, 3);
    assert_int_equal(cs_method_indicator_at(m, (size_t)goals)->n_items, 3);
    assert_int_equal(cs_method_indicator_at(m, (size_t)div)->min_items, 1);

    /* thresholds as method-decisions.md fixes them: all inclusive */
    expect_leaf(m, "medtourism_revenue", CS_RULE_THRESHOLD, CS_SUBJECT_COUNTRY,
                "medtourism_revenue_usd", CS_OP_GE, 500e6);
    expect_leaf(m, "foreign_patients", CS_RULE_THRESHOLD, CS_SUBJECT_COUNTRY, "foreign_patients",
                CS_OP_GE, 200000);
    expect_leaf(m, "bloomberg_efficiency", CS_RULE_RANK_CUTOFF, CS_SUBJECT_COUNTRY,
                "bloomberg_efficiency_rank", CS_OP_LE, 20);
    expect_leaf(m, "medical_tourism_index", CS_RULE_THRESHOLD, CS_SUBJECT_COUNTRY,
                "medical_tourism_index", CS_OP_GE, 65);
    expect_leaf(m, "pwc_top10", CS_RULE_RANK_CUTOFF, CS_SUBJECT_COUNTRY, "pwc_medtourism_rank",
                CS_OP_LE, 10);
    expect_leaf(m, "size", CS_RULE_COUNT_AT_LEAST, CS_SUBJECT_CLUSTER, "organisation_count",
                CS_OP_GE, 100);
    expect_leaf(m, "innovation_infrastructure", CS_RULE_COUNT_AT_LEAST, CS_SUBJECT_CLUSTER,
                "innovation_infrastructure_objects", CS_OP_GE, 2);
    expect_leaf(m, "startups", CS_RULE_COUNT_AT_LEAST, CS_SUBJECT_CLUSTER, "startups", CS_OP_GE, 2);
    long aggr = cs_method_find_item(m, "medtourism_aggregators");
    assert_int_equal(cs_method_item_at(m, (size_t)aggr)->rule.kind, CS_RULE_PRESENCE);
    assert_int_equal(cs_method_item_at(m, (size_t)aggr)->rule.subject_kind, CS_SUBJECT_COUNTRY);
    long ppp = cs_method_find_item(m, "ppp_governance");
    assert_string_equal(cs_method_item_at(m, (size_t)ppp)->rule.fact, "authorities_in_governance");
    long esca = cs_method_find_item(m, "esca_label");
    assert_string_equal(cs_method_item_at(m, (size_t)esca)->rule.level, "bronze");
    long web = cs_method_find_item(m, "international_visibility");
    assert_string_equal(cs_method_item_at(m, (size_t)web)->rule.level, "start_page");

    /* Russian wording as printed in the study's figure 2.2 */
    assert_string_equal(cs_method_indicator_at(m, 0)->label_ru,
                        "Выручка от медицинского туризма в год");
    assert_string_equal(cs_method_indicator_at(m, (size_t)div)->heading_ru,
                        "РАЗНООБРАЗИЕ УЧАСТНИКОВ");
    long sci = cs_method_find_item(m, "diversity.research_education");
    assert_string_equal(cs_method_item_at(m, (size_t)sci)->label_ru,
                        "Научные и образовательные организации");
    assert_string_equal(cs_method_indicator_at(m, 4)->label_ru,
                        "Включение в топ-10 стран — лидеров медицинского туризма PwC");
    for (size_t i = 0; i < 15; i++) {
        assert_true(strlen(cs_method_indicator_at(m, i)->study_lines) > 0);
        assert_true(strlen(cs_method_indicator_at(m, i)->label_ru) > 0);
        assert_true(cs_method_indicator_at(m, i)->n_sources > 0);
    }

    /* the store loads only these: 23 facts, 6 of them about the country */
    assert_int_equal(cs_method_fact_count(m), 23);
    size_t country = 0;
    for (size_t i = 0; i < cs_method_fact_count(m); i++)
        country += cs_method_fact_at(m, i)->subject_kind == CS_SUBJECT_COUNTRY;
    assert_int_equal(country, 6);
    assert_string_equal(cs_method_analysis_view(m), "items");
    assert_string_equal(cs_method_unknown_policy(m), "pairwise");
    assert_int_equal(cs_method_min_known(m), 5); /* docs/classify.md says why */
    cs_method_free(m);

    cs_method *split = NULL;
    assert_int_equal(cs_method_load_builtin(&split, "hse-biomedical-2019-split"), 0);
    assert_int_equal(cs_method_indicator_count(split), 15);
    assert_int_equal(cs_method_item_count(split), 24);
    assert_true(cs_method_find_item(split, "specialisation.pharma") >= 0);
    assert_true(cs_method_find_item(split, "specialisation.medtech") >= 0);
    assert_int_equal(cs_method_find_item(split, "specialisation.manufacturing"), -1);
    cs_method_free(split);

    /* the files on disk are the ones built in */
    assert_int_equal(cs_method_load_file(&m, "methods/hse-biomedical-2019.json"), 0);
    assert_int_equal(cs_method_item_count(m), 23);
    cs_method_free(m);
}

static void test_eccp_method(void **state)
{
    (void)state;
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_builtin(&m, "eccp-profile-2017"), 0);
    assert_int_equal(cs_method_indicator_count(m), 5);
    assert_int_equal(cs_method_max_indicators(m), 4);
    assert_int_equal(cs_method_max_points(m), 6);
    assert_int_equal(cs_method_item_count(m), 11);
    expect_leaf(m, "management_team", CS_RULE_THRESHOLD, CS_SUBJECT_CLUSTER, "management_fte",
                CS_OP_GE, 0.5);
    expect_leaf(m, "committed_members", CS_RULE_COUNT_AT_LEAST, CS_SUBJECT_CLUSTER,
                "committed_members", CS_OP_GE, 15);
    long types = cs_method_find_indicator(m, "member_types");
    assert_int_equal(cs_method_indicator_at(m, (size_t)types)->min_items, 2);
    long site = cs_method_find_indicator(m, "english_website");
    assert_int_equal(cs_method_indicator_at(m, (size_t)site)->min_items, 2);
    assert_string_equal(cs_method_analysis_view(m), "indicators");
    cs_method_free(m);
}

static void test_builtin_list(void **state)
{
    (void)state;
    assert_true(cs_method_builtin_count() >= 3);
    int hse = 0, eccp = 0;
    for (size_t i = 0; i < cs_method_builtin_count(); i++) {
        const char *id = cs_method_builtin_id(i);
        if (i)
            assert_true(strcmp(cs_method_builtin_id(i - 1), id) < 0);
        hse += strcmp(id, "hse-biomedical-2019") == 0;
        eccp += strcmp(id, "eccp-profile-2017") == 0;
        /* every shipped method loads */
        cs_method *m = NULL;
        assert_int_equal(cs_method_load_builtin(&m, id), 0);
        cs_method_free(m);
    }
    assert_int_equal(hse, 1);
    assert_int_equal(eccp, 1);
    assert_null(cs_method_builtin_id(cs_method_builtin_count()));
    cs_method *m = (cs_method *)1;
    assert_int_equal(cs_method_load_builtin(&m, "no-such-method"), CS_ENOTFOUND);
    assert_null(m);
    assert_non_null(strstr(cs_error_last(), "hse-biomedical-2019"));
    assert_int_equal(cs_method_load_builtin(&m, "../etc/passwd"), CS_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threshold_inclusive_and_exclusive),
        cmocka_unit_test(test_rank_cutoff),
        cmocka_unit_test(test_presence),
        cmocka_unit_test(test_count_at_least),
        cmocka_unit_test(test_ordinal_at_least),
        cmocka_unit_test(test_bounds_logic),
        cmocka_unit_test(test_unknown_values),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_composite_min_items),
        cmocka_unit_test(test_composite_default_min_items),
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_cycles),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_structure_errors),
        cmocka_unit_test(test_min_known_range),
        cmocka_unit_test(test_indicator_errors),
        cmocka_unit_test(test_composite_errors),
        cmocka_unit_test(test_position_with_unicode_and_escapes),
        cmocka_unit_test(test_fact_definitions_in_method),
        cmocka_unit_test(test_ordering_codes_and_comments),
        cmocka_unit_test(test_bom_accepted),
        cmocka_unit_test(test_hse_method),
        cmocka_unit_test(test_eccp_method),
        cmocka_unit_test(test_builtin_list),
        cmocka_unit_test(test_scope_parse),
        cmocka_unit_test(test_scope_errors),
        cmocka_unit_test(test_scope_bad_files),
        cmocka_unit_test(test_shipped_scopes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
