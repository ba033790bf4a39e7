/* Target models and success factors: the evaluation of a hand-made reference on an assessment by
 * a small evidence method (three-valued evidence, a factor no fact can show, model fit by the
 * study's example, by group and members, Kleene's AND), the errors, and the writers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/assess.h"
#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/factors.h"
#include "clusterscope/method.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *evidence_method =
    "{\"format\": \"clusterscope-method\", \"id\": \"ev\", \"version\": 1, "
    "\"title_en\": \"Evidence\", "
    "\"blocks\": [{\"id\": \"f\", \"label_en\": \"Factors\"}], "
    "\"indicators\": ["
    "{\"id\": \"regional\", \"block\": \"f\", \"label_en\": \"Regional support\", "
    "\"rule\": {\"kind\": \"composite\", \"min_items\": 1, \"items\": ["
    "{\"id\": \"init\", \"label_en\": \"Initiated by authorities\", "
    "\"fact\": \"cluster:initiative.authorities\", \"rule\": {\"kind\": \"presence\"}},"
    "{\"id\": \"auth\", \"label_en\": \"Authorities among members\", "
    "\"fact\": \"cluster:member_type.authority\", \"rule\": {\"kind\": \"presence\"}}]}},"
    "{\"id\": \"clinics\", \"block\": \"f\", \"label_en\": \"Clinics\", "
    "\"fact\": \"cluster:member_type.clinic\", \"rule\": {\"kind\": \"presence\"}},"
    "{\"id\": \"startups\", \"block\": \"f\", \"label_en\": \"Startups\", "
    "\"fact\": \"cluster:startups\", \"rule\": {\"kind\": \"count_at_least\", \"n\": 2}}"
    "]}";

static void add_fact(cs_factset *set, const char *subject, const char *name, const char *text,
                     cs_fact_type type)
{
    cs_fact f = { 0 };
    f.subject_kind = CS_SUBJECT_CLUSTER;
    f.subject = subject;
    f.name = name;
    f.raw = text;
    f.status = CS_STATUS_STATED;
    f.source = "hse-2019";
    f.locator = "lines 1-2";
    f.quote = "";
    assert_int_equal(cs_value_parse(&f.value, text, type, NULL), 0);
    assert_int_equal(cs_factset_add(set, &f), 0);
}

static const cs_target_model models[] = {
    { 1, "Regional", "Региональная", "lines 1-9", "", "", "1,2,3", "", "", "ev", "regional" },
    { 2, "Transfer", "Трансфер", "lines 10-19", "", "", "2", "", "", "ev", "startups" },
    { 3, "Clinics", "Клиники", "lines 20-29", "", "", "3", "", "", "ev", "clinics" },
};
static const cs_success_factor factors[] = {
    { 1, "Communication", "Коммуникация", "lines 30-39", "", "", "", "", "", "", "",
      "No fact records meetings." },
    { 4, "Regional support", "Поддержка", "lines 40-49", "", "", "", "", "", "ev", "regional", "" },
    { 6, "Doctors and patients", "Врачи", "lines 50-59", "", "", "", "", "", "ev", "clinics", "" },
    { 7, "Innovation", "Инновации", "lines 60-69", "", "", "", "", "", "ev", "startups", "" },
};
static const cs_success_case cases[] = {
    { 4, "a", "Проект", "lines 41-45", "A regional project.", "Региональный проект." },
    { 1, "b", "Сеть", "lines 31-33", "A network.", "Сеть." },
    { 4, "b", "Другой", "lines 46-48", "Another.", "Другой." },
};
static const cs_factor_assignment assignments[] = {
    { "b", 3, "stated", "3" }, /* out of order: the copy sorts them */
    { "a", 2, "stated", "" },
};

typedef struct {
    cs_method *m;
    cs_factset *facts;
    cs_assessment *a;
    cs_factor_reference *ref;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_int_equal(
        cs_method_load_string(&f->m, evidence_method, strlen(evidence_method), "ev.json"), 0);
    assert_int_equal(cs_factset_new(&f->facts), 0);
    /* a: initiated by the authorities, no clinics, startups unknown */
    add_fact(f->facts, "a", "initiative.authorities", "true", CS_FACT_BOOL);
    add_fact(f->facts, "a", "member_type.clinic", "false", CS_FACT_BOOL);
    /* b: clinics, no authorities at all, a bound that meets "at least 2" */
    add_fact(f->facts, "b", "initiative.authorities", "false", CS_FACT_BOOL);
    add_fact(f->facts, "b", "member_type.authority", "false", CS_FACT_BOOL);
    add_fact(f->facts, "b", "member_type.clinic", "true", CS_FACT_BOOL);
    add_fact(f->facts, "b", "startups", ">1", CS_FACT_COUNT);
    /* c: nothing recorded, no group */
    cs_assess_subject subjects[] = { { "a", "Cluster A", "DE", "", "biomedical" },
                                     { "b", "Cluster B", "LT", "", "biomedical" },
                                     { "c", "Cluster C", "FR", "", "biomedical" } };
    assert_int_equal(cs_assess_run(&f->a, f->m, f->facts, subjects, 3, NULL), 0);
    cs_factor_reference r = { "hse-2019", models, 3, factors, 4, cases, 3, assignments, 2 };
    assert_int_equal(cs_factor_reference_copy(&f->ref, &r), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    cs_factor_reference_free(f->ref);
    cs_assessment_free(f->a);
    cs_factset_free(f->facts);
    cs_method_free(f->m);
    free(f);
    return 0;
}

static void test_reference_copy(void **state)
{
    fixture *f = *state;
    assert_string_equal(cs_factor_reference_method(f->ref), "ev");
    assert_non_null(cs_factor_reference_assignment(f->ref, "a"));
    assert_int_equal(cs_factor_reference_assignment(f->ref, "b")->group, 3);
    assert_null(cs_factor_reference_assignment(f->ref, "c"));
    assert_int_equal(cs_factor_reference_case_count(f->ref, 4, NULL), 2);
    assert_int_equal(cs_factor_reference_case_count(f->ref, 4, "b"), 1);
    assert_int_equal(cs_factor_reference_case_count(f->ref, 6, NULL), 0);
    /* the copy owns its strings */
    assert_ptr_not_equal(f->ref->cases[0].title_ru, cases[0].title_ru);
    assert_string_equal(f->ref->cases[0].title_ru, "Проект");
}

static void test_factor_evidence(void **state)
{
    fixture *f = *state;
    cs_factor_profile *p = NULL;
    /* a: F1 no fact can show it; F4 evidenced by the initiative; F6 not (no clinics); F7
     * unknown (no startups fact) */
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 0, 0), 0);
    assert_int_equal(cs_factor_profile_factor_count(p), 4);
    assert_int_equal(cs_factor_profile_factor(p, 0)->indicator, -1);
    assert_int_equal(cs_factor_profile_factor(p, 1)->evidence, CS_RESULT_MET);
    assert_int_equal(cs_factor_profile_factor(p, 2)->evidence, CS_RESULT_NOT_MET);
    assert_int_equal(cs_factor_profile_factor(p, 3)->evidence, CS_RESULT_UNKNOWN);
    assert_string_equal(cs_factors_status_word(cs_factor_profile_factor(p, 0), CS_LANG_EN),
                        "no recorded fact can show it");
    assert_string_equal(cs_factors_status_word(cs_factor_profile_factor(p, 1), CS_LANG_RU),
                        "подтвержден фактами реестра");
    assert_string_equal(cs_factors_status_word(cs_factor_profile_factor(p, 3), CS_LANG_EN),
                        "unknown from recorded facts");
    cs_factor_profile_free(p);
    /* b: F4 not evidenced (both items known false), F6 and F7 evidenced (">1" is ">=2") */
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 1, 0), 0);
    assert_int_equal(cs_factor_profile_factor(p, 1)->evidence, CS_RESULT_NOT_MET);
    assert_int_equal(cs_factor_profile_factor(p, 2)->evidence, CS_RESULT_MET);
    assert_int_equal(cs_factor_profile_factor(p, 3)->evidence, CS_RESULT_MET);
    cs_factor_profile_free(p);
}

static void test_model_fit(void **state)
{
    fixture *f = *state;
    cs_factor_profile *p = NULL;
    /* a, group 2: TM1 fits (group among 1,2,3 and the initiative); TM2 group fits but startups
     * unknown: unknown; TM3 group 3 only: does not fit, whatever the members */
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 0, 0), 0);
    assert_int_equal(cs_factor_profile_group(p), 2);
    const cs_model_fit *m1 = cs_factor_profile_model(p, 0), *m2 = cs_factor_profile_model(p, 1),
                       *m3 = cs_factor_profile_model(p, 2);
    assert_int_equal(m1->fit, CS_RESULT_MET);
    assert_int_equal(m1->example, 0);
    assert_int_equal(m2->group_fit, CS_RESULT_MET);
    assert_int_equal(m2->members, CS_RESULT_UNKNOWN);
    assert_int_equal(m2->fit, CS_RESULT_UNKNOWN);
    assert_int_equal(m3->group_fit, CS_RESULT_NOT_MET);
    assert_int_equal(m3->fit, CS_RESULT_NOT_MET);
    cs_factor_profile_free(p);
    /* b, group 3, the study's example of TM3: fits by example; TM1 group fits, members known
     * false: does not fit */
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 1, 0), 0);
    assert_int_equal(cs_factor_profile_model(p, 2)->example, 1);
    assert_int_equal(cs_factor_profile_model(p, 2)->fit, CS_RESULT_MET);
    assert_int_equal(cs_factor_profile_model(p, 0)->members, CS_RESULT_NOT_MET);
    assert_int_equal(cs_factor_profile_model(p, 0)->fit, CS_RESULT_NOT_MET);
    cs_factor_profile_free(p);
    /* c: no group from the study; without a found group the group part is unknown, with found
     * group 2 TM3 (groups 3) does not fit */
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 2, 0), 0);
    assert_int_equal(cs_factor_profile_group(p), 0);
    assert_int_equal(cs_factor_profile_model(p, 2)->group_fit, CS_RESULT_UNKNOWN);
    assert_int_equal(cs_factor_profile_model(p, 2)->fit, CS_RESULT_UNKNOWN);
    cs_factor_profile_free(p);
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 2, 2), 0);
    assert_int_equal(cs_factor_profile_found_group(p), 2);
    assert_int_equal(cs_factor_profile_model(p, 2)->group_fit, CS_RESULT_NOT_MET);
    assert_int_equal(cs_factor_profile_model(p, 2)->fit, CS_RESULT_NOT_MET);
    cs_factor_profile_free(p);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    cs_factor_profile *p = (cs_factor_profile *)1;
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 3, 0), CS_EUSAGE);
    assert_null(p);
    cs_success_factor bad[] = { { 2, "X", "", "", "", "", "", "", "", "ev", "no_such", "" } };
    cs_factor_reference r = { "k", NULL, 0, bad, 1, NULL, 0, NULL, 0 };
    assert_int_equal(cs_factors_evaluate(&p, &r, f->a, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "indicator \"no_such\""));
    bad[0].evidence_method = "other";
    assert_int_equal(cs_factors_evaluate(&p, &r, f->a, 0, 0), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "method other"));
}

static char *written(const cs_factor_profile *p, cs_factors_format fmt, cs_lang lang)
{
    char *data = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&data, &len);
    assert_non_null(out);
    assert_int_equal(cs_factor_profile_write(out, p, fmt, lang), 0);
    fclose(out);
    return data;
}

static void test_writers(void **state)
{
    fixture *f = *state;
    cs_factor_profile *p = NULL;
    assert_int_equal(cs_factors_evaluate(&p, f->ref, f->a, 1, 0), 0);
    char *text = written(p, CS_FACTORS_TABLE, CS_LANG_EN);
    assert_non_null(strstr(text, "«Сеть» (lines 31-33): A network."));
    assert_non_null(strstr(text, "F1 Communication: no recorded fact can show it"));
    assert_non_null(strstr(text, "startups = \">1\" (stated; hse-2019, lines 1-2)"));
    free(text);
    text = written(p, CS_FACTORS_TABLE, CS_LANG_RU);
    assert_non_null(strstr(text, "F4 Поддержка: не подтвержден"));
    assert_non_null(strstr(text, "Сеть."));
    free(text);
    text = written(p, CS_FACTORS_MD, CS_LANG_EN);
    assert_non_null(strstr(text, "### F6 Doctors and patients: evidenced"));
    free(text);
    text = written(p, CS_FACTORS_JSON, CS_LANG_EN);
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "format")), "clusterscope-factors");
    json_t *f4 = json_array_get(json_object_get(doc, "factors"), 1);
    assert_string_equal(json_string_value(json_object_get(f4, "status")), "not_evidenced");
    json_t *case0 = json_array_get(json_object_get(f4, "cases"), 0);
    assert_string_equal(json_string_value(json_object_get(case0, "title_ru")), "Другой");
    json_t *tm3 = json_array_get(json_object_get(doc, "target_models"), 2);
    assert_true(json_is_true(json_object_get(tm3, "study_example")));
    assert_string_equal(json_string_value(json_object_get(tm3, "fit")), "fits");
    json_decref(doc);
    free(text);
    cs_factor_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reference_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factor_evidence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_model_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
