/*
 * Regional statistics in the registry (migration 0010; store_statistics.c, service_regional.c):
 * the rows of the measures asked in region, industry, year order; the registry's data read for
 * regional.h equal a CSV file of the same data value for value; refused values store nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/service.h"
#include "clusterscope/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

static const char registry_json[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}],\n"
    " \"regions\": [{\"key\": \"de-by\", \"country\": \"DE\", \"name_en\": \"Bavaria\"},\n"
    "              {\"key\": \"de-be\", \"country\": \"DE\", \"name_en\": \"Berlin\"}],\n"
    " \"statistics\": [\n"
    "  {\"region\": \"de-by\", \"industry\": \"C20\", \"year\": 2020, \"measure\": "
    "\"establishments\", \"value\": 3},\n"
    "  {\"region\": \"de-by\", \"industry\": \"C20\", \"year\": 2020, \"measure\": "
    "\"employment\", \"value\": 30},\n"
    "  {\"region\": \"de-be\", \"industry\": \"C10\", \"year\": 2020, \"measure\": "
    "\"employment\", \"value\": 0.1},\n"
    "  {\"region\": \"de-by\", \"industry\": \"C10\", \"year\": 2020, \"measure\": "
    "\"employment\", \"value\": 100},\n"
    "  {\"region\": \"de-by\", \"industry\": \"C10\", \"year\": 2021, \"measure\": "
    "\"employment\", \"value\": 7},\n"
    "  {\"region\": \"de-by\", \"industry\": \"C10\", \"year\": 2020, \"measure\": "
    "\"wages\", \"value\": 5}]}\n";

static void load(fixture *f)
{
    cs_import_stats s;
    if (cs_import_json_buffer(&s, f->store, registry_json, strlen(registry_json), "r.json", NULL))
        fail_msg("import: %s", cs_error_last());
}

typedef struct {
    char text[1024];
    size_t len;
} seen;

static int collect(void *ctx, const char *region, const char *industry, int year, size_t measure,
                   double value)
{
    seen *s = ctx;
    s->len += (size_t)snprintf(s->text + s->len, sizeof s->text - s->len, "%s %s %d %zu %g;",
                               region, industry, year, measure, value);
    return 0;
}

static void test_rows_in_order(void **state)
{
    fixture *f = *state;
    load(f);
    static const char *const measures[] = { "employment", "establishments" };
    seen s = { "", 0 };
    assert_int_equal(cs_store_statistics_each(f->store, measures, 2, collect, &s), 0);
    /* wages are not asked; within a cell the measures come in the order asked */
    assert_string_equal(s.text, "de-be C10 2020 0 0.1;de-by C10 2020 0 100;de-by C10 2021 0 7;"
                                "de-by C20 2020 0 30;de-by C20 2020 1 3;");
    s.len = 0;
    s.text[0] = 0;
    static const char *const one[] = { "establishments" };
    assert_int_equal(cs_store_statistics_each(f->store, one, 1, collect, &s), 0);
    assert_string_equal(s.text, "de-by C20 2020 0 3;");
}

static void test_same_as_file(void **state)
{
    fixture *f = *state;
    load(f);
    char *path = st_path(f->dir, "reg.db");
    cs_service *svc = NULL;
    assert_int_equal(cs_service_open(&svc, path, CS_SERVICE_READ), 0);
    static const char *const values[] = { "employment", "establishments" };
    int year = 2020;
    cs_regional_read_options o = { "category", values, 2, 2, NULL, 0, &year, 1, 0, 0 };
    cs_regional_data *d = NULL, *e = NULL;
    assert_int_equal(cs_service_read_regional_stored(&d, svc, values, &o), 0);
    char *file = st_write(f->dir, "same.csv",
                          "region,category,year,employment,establishments\n"
                          "de-by,C10,2020,100,0\nde-be,C10,2020,0.1,0\nde-by,C20,2020,30,3\n"
                          "de-by,C10,2021,7,0\n");
    assert_int_equal(cs_service_read_regional(&e, file, &o), 0);
    assert_int_equal(d->nr, 2);
    assert_int_equal(d->ni, 2);
    assert_int_equal(d->nr, e->nr);
    assert_int_equal(d->ni, e->ni);
    assert_string_equal(d->region[0], "de-be");
    assert_string_equal(d->key[1], "C20");
    for (size_t v = 0; v < 2; v++) {
        const double *x = cs_regional_data_values(d, 0, v), *y = cs_regional_data_values(e, 0, v);
        for (size_t k = 0; k < d->nr * d->ni; k++)
            assert_memory_equal(&x[k], &y[k], sizeof x[k]); /* bit for bit: 0.1 stays 0.1 */
    }
    assert_true(cs_regional_data_values(d, 0, 0)[0] == 0.1);
    cs_regional_data_free(d);
    cs_regional_data_free(e);
    /* a measure the registry lacks, a year it lacks */
    static const char *const none[] = { "output" };
    o.n_values = o.n_required = 1;
    assert_int_equal(cs_service_read_regional_stored(&d, svc, none, &o), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "the registry holds no statistics of measure output"));
    year = 2030;
    assert_int_equal(cs_service_read_regional_stored(&d, svc, values, &o), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "the registry's statistics: expected a year"));
    assert_null(d);
    cs_service_close(svc);
    free(file);
    free(path);
}

static void test_refused_values_store_nothing(void **state)
{
    fixture *f = *state;
    load(f);
    static const char *const bad[] = {
        "{\"format\": \"clusterscope-registry\", \"statistics\": [{\"region\": \"de-be\", "
        "\"industry\": \"C30\", \"measure\": \"m\", "
        "\"value\": 1}, {\"region\": \"de-be\", \"industry\": \"C31\", \"measure\": \"m\", "
        "\"value\": -0.5}]}",
        "{\"format\": \"clusterscope-registry\", \"statistics\": [{\"region\": \"de-be\", "
        "\"industry\": \"C30\", \"measure\": \"m\", "
        "\"value\": 1}, {\"region\": \"fr-x\", \"industry\": \"C31\", \"measure\": \"m\", "
        "\"value\": 1}]}",
        "{\"format\": \"clusterscope-registry\", \"statistics\": [{\"region\": \"de-be\", "
        "\"industry\": \"C30\", \"measure\": \"m\", "
        "\"value\": 1}, {\"region\": \"de-be\", \"industry\": \"C30\", \"measure\": \"m\", "
        "\"value\": 2}]}",
    };
    static const char *const why[] = { "expected a value of at least 0",
                                       "expected the key of a known region",
                                       "expected a statistic key not used before" };
    static const char *const m[] = { "m" };
    for (size_t i = 0; i < 3; i++) {
        cs_import_stats s;
        assert_int_equal(
            cs_import_json_buffer(&s, f->store, bad[i], strlen(bad[i]), "b.json", NULL), CS_EDATA);
        if (!strstr(cs_error_last(), why[i]))
            fail_msg("%zu: %s", i, cs_error_last());
        seen got = { "", 0 };
        assert_int_equal(cs_store_statistics_each(f->store, m, 1, collect, &got), 0);
        assert_string_equal(got.text, "");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rows_in_order, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_same_as_file, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_refused_values_store_nothing, st_setup, st_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
