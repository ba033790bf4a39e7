/*
 * The registry's statistics selected and summed (migration 0011; store_statistics.c,
 * service_regional.c, ingest's cs_regional_builder): counties summed into their states,
 * industries into the categories of a concordance (with what is left out counted), the types
 * of categories, only the years asked read, and each refusal with its message. Every expected
 * number is worked by hand in the comments.
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

/* the hierarchy, classifications, concordance and classified statistics, imported as CSV */
static const char regions_csv[] = "key,country,name_en,type,parent\n"
                                  "us-ca,US,California,state,\n"
                                  "us-ny,US,New York,state,\n"
                                  "c1,US,County 1,county,us-ca\n"
                                  "c2,US,County 2,county,us-ca\n"
                                  "c3,US,County 3,county,us-ny\n"
                                  "c9,US,County 9,county,\n";
static const char classifications_csv[] = "key,kind,name_en\n"
                                          "naics,industry,NAICS\n"
                                          "cmp,category,CMP\n";
static const char industries_csv[] = "classification,code,type\n"
                                     "naics,111,\nnaics,112,\nnaics,211,\nnaics,311,\n"
                                     "cmp,A,traded\ncmp,B,local\n";
static const char concordance_csv[] = "classification,industry,scheme,category\n"
                                      "naics,111,cmp,A\nnaics,112,cmp,A\nnaics,211,cmp,B\n";
static const char statistics_csv[] = "region,classification,industry,year,measure,value\n"
                                     "c1,naics,111,2020,employment,10\n"
                                     "c1,naics,112,2020,employment,20\n"
                                     "c1,naics,211,2020,employment,5\n"
                                     "c1,naics,311,2020,employment,5\n"
                                     "c2,naics,111,2020,employment,30\n"
                                     "c2,naics,211,2020,employment,15\n"
                                     "c3,naics,111,2020,employment,5\n"
                                     "c3,naics,112,2020,employment,45\n"
                                     "c3,naics,211,2020,employment,10\n"
                                     "c1,naics,111,2019,employment,8\n"
                                     "c2,naics,111,2019,employment,20\n"
                                     "c1,naics,111,2020,establishments,1\n"
                                     "c3,naics,211,2020,establishments,2\n"
                                     "c9,naics,111,2020,payroll,1\n"
                                     "c1,naics,111,2020,payroll,1\n"
                                     "us-ca,naics,111,2020,sales,4\n"
                                     "c1,naics,111,2020,sales,1\n"
                                     "c1,,111,2020,jobs,1\n"
                                     "c2,naics,111,2020,jobs,1\n";

static cs_service *load(fixture *f)
{
    static const struct {
        const char *name, *text;
    } files[] = { { "countries.csv", "code,name_en\nUS,United States\n" },
                  { "regions.csv", regions_csv },
                  { "classifications.csv", classifications_csv },
                  { "industries.csv", industries_csv },
                  { "concordance.csv", concordance_csv },
                  { "statistics.csv", statistics_csv } };
    enum { N_FILES = sizeof files / sizeof files[0] };
    char *paths[N_FILES];
    for (size_t i = 0; i < N_FILES; i++)
        paths[i] = st_write(f->dir, files[i].name, files[i].text);
    cs_import_stats s;
    if (cs_import_files(&s, f->store, (const char *const *)paths, N_FILES, NULL))
        fail_msg("import: %s", cs_error_last());
    for (size_t i = 0; i < N_FILES; i++)
        free(paths[i]);
    char *path = st_path(f->dir, "reg.db");
    cs_service *svc = NULL;
    assert_int_equal(cs_service_open(&svc, path, CS_SERVICE_READ), 0);
    free(path);
    return svc;
}

static void test_states_and_categories(void **state)
{
    fixture *f = *state;
    cs_service *svc = load(f);
    static const char *const values[] = { "employment", "establishments" };
    int year = 2020;
    cs_regional_read_options o = { "category", values, 2, 2, "type", 0, &year, 1, 0, 0 };
    cs_regional_selection sel = { "naics", "state", "cmp" };
    cs_regional_coverage cov;
    cs_regional_data *d = NULL;
    if (cs_service_read_regional_selected(&d, &cov, svc, values, &o, &sel))
        fail_msg("%s", cs_error_last());
    /* us-ca = c1 + c2: A = 10 + 20 + 30 = 60, B = 5 + 15 = 20; us-ny = c3: A 50, B 10;
     * establishments us-ca A 1, us-ny B 2; 311 (5 employed in c1) has no category */
    assert_int_equal(d->nr, 2);
    assert_int_equal(d->ni, 2);
    assert_string_equal(d->region[0], "us-ca");
    assert_string_equal(d->region[1], "us-ny");
    assert_string_equal(d->key[0], "A");
    assert_string_equal(d->key[1], "B");
    assert_non_null(d->attribute);
    assert_string_equal(d->attribute[0], "traded");
    assert_string_equal(d->attribute[1], "local");
    assert_int_equal(d->ny, 1);
    assert_int_equal(d->year[0], 2020);
    const double *emp = cs_regional_data_values(d, 0, 0), *est = cs_regional_data_values(d, 0, 1);
    assert_true(emp[0] == 60 && emp[1] == 20 && emp[2] == 50 && emp[3] == 10);
    assert_true(est[0] == 1 && est[1] == 0 && est[2] == 0 && est[3] == 2);
    /* rows of 2020: 9 employment + 2 establishments; left out: c1's 311, 5 of 145 employed */
    assert_int_equal(cov.rows, 11);
    assert_int_equal(cov.rows_out, 1);
    assert_true(cov.value[0] == 145 && cov.value_out[0] == 5);
    assert_true(cov.value[1] == 3 && cov.value_out[1] == 0);
    cs_regional_data_free(d);

    /* no attribute asked, no scheme: industries of the states, 311 kept (us-ca 111 = 40) */
    o.attribute = NULL;
    sel.scheme = NULL;
    if (cs_service_read_regional_selected(&d, &cov, svc, values, &o, &sel))
        fail_msg("%s", cs_error_last());
    assert_null(d->attribute);
    assert_int_equal(d->ni, 4);
    assert_string_equal(d->key[3], "311");
    assert_true(cs_regional_data_values(d, 0, 0)[0] == 40);
    assert_true(cs_regional_data_values(d, 0, 0)[3] == 5);
    assert_int_equal(cov.rows, 0); /* no scheme: nothing counted as left out */
    cs_regional_data_free(d);
    cs_service_close(svc);
}

static int count_rows(void *ctx, const char *region, const char *key, const char *type, int year,
                      size_t measure, double value)
{
    (void)region, (void)key, (void)type, (void)measure, (void)value;
    if (year != 2019)
        fail_msg("a row of %d read when 2019 was asked", year);
    ++*(size_t *)ctx;
    return 0;
}

static void test_only_the_years_asked(void **state)
{
    fixture *f = *state;
    cs_service *svc = load(f);
    cs_service_close(svc);
    static const char *const m[] = { "employment" };
    int year = 2019;
    cs_statistics_query q = { m, 1, "naics", &year, 1, NULL, NULL };
    size_t n = 0;
    assert_int_equal(cs_store_statistics_select(f->store, &q, count_rows, &n), 0);
    assert_int_equal(n, 2);
    /* summed into the state: c1 + c2 of 2019 is one cell, 8 + 20 */
    q.level = "state";
    n = 0;
    assert_int_equal(cs_store_statistics_select(f->store, &q, count_rows, &n), 0);
    assert_int_equal(n, 1);
}

static void expect_refused(cs_service *svc, const char *measure, cs_regional_selection sel,
                           const char *message)
{
    const char *m[] = { measure };
    int year = 2020;
    cs_regional_read_options o = { "industry", m, 1, 1, NULL, 0, &year, 1, 0, 0 };
    cs_regional_data *d = NULL;
    int rc = cs_service_read_regional_selected(&d, NULL, svc, m, &o, &sel);
    if (rc != CS_EDATA || !strstr(cs_error_last(), message))
        fail_msg("%s: %d %s (expected: %s)", measure, rc, cs_error_last(), message);
    assert_null(d);
}

static void test_refusals(void **state)
{
    fixture *f = *state;
    cs_service *svc = load(f);
    expect_refused(svc, "employment", (cs_regional_selection){ "nace", NULL, NULL },
                   "expected a classification the registry holds (cmp, naics), found \"nace\"");
    expect_refused(svc, "employment", (cs_regional_selection){ "cmp", NULL, NULL },
                   "the registry holds no statistics of measure employment in classification "
                   "'cmp'");
    expect_refused(svc, "jobs", (cs_regional_selection){ NULL, NULL, NULL },
                   "found 2 classifications ('', 'naics'; '' is none); choose one");
    expect_refused(svc, "employment", (cs_regional_selection){ "naics", "nuts2", NULL },
                   "expected a region type the registry's regions have (county, state), found "
                   "\"nuts2\"");
    expect_refused(svc, "payroll", (cs_regional_selection){ "naics", "state", NULL },
                   "expected region 'c9' (type county) to be of type 'state' or to have an "
                   "ancestor of that type");
    expect_refused(svc, "sales", (cs_regional_selection){ "naics", "state", NULL },
                   "found sales of '111' in 2020 both for 'us-ca' and for its part 'c1'");
    expect_refused(svc, "employment", (cs_regional_selection){ "naics", NULL, "eco" },
                   "expected a concordance scheme from classification 'naics' (cmp), found "
                   "\"eco\"");
    /* the unclassified jobs row cannot be mapped: '' has no concordance */
    expect_refused(svc, "jobs", (cs_regional_selection){ "", NULL, "cmp" },
                   "expected a concordance scheme from classification '' (it has none)");
    cs_service_close(svc);
}

/* The registry named in a year's refusal; a measure a command needs missing in the year asked
 * (establishments for the CMP rule); a measure of only zeros. */
static void test_bad_years_and_measures(void **state)
{
    fixture *f = *state;
    cs_service *svc = load(f);
    static const char *const values[] = { "employment", "establishments" };
    int year = 2030;
    cs_regional_read_options o = { "category", values, 2, 2, "type", 0, &year, 1, 0, 0 };
    cs_regional_selection sel = { "naics", NULL, NULL };
    cs_regional_data *d = NULL;
    assert_int_equal(cs_service_read_regional_selected(&d, NULL, svc, values, &o, &sel), CS_EDATA);
    assert_string_equal(cs_error_last(),
                        "the registry's statistics: expected a year of the registry's employment "
                        "or establishments statistics in classification 'naics' (2019, 2020), "
                        "found \"2030\"");
    /* 2019 holds employment only */
    year = 2019;
    assert_int_equal(cs_service_read_regional_selected(&d, NULL, svc, values, &o, &sel), CS_EDATA);
    assert_string_equal(cs_error_last(),
                        "the registry's statistics: expected values of measure establishments in "
                        "2019 beside employment (the command needs both), found none; the "
                        "registry holds establishments statistics in classification 'naics' for "
                        "the years 2020");
    assert_null(d);
    /* ... which a command that needs employment alone may read */
    o.n_required = 1;
    assert_int_equal(cs_service_read_regional_selected(&d, NULL, svc, values, &o, &sel), 0);
    assert_int_equal(d->nr, 2); /* c1 and c2 */
    assert_true(cs_regional_data_values(d, 0, 1)[0] == 0);
    cs_regional_data_free(d);
    cs_service_close(svc);

    /* a measure whose rows are all 0, and a concordance given twice over two files */
    char *zeros = st_write(f->dir, "zeros.csv",
                           "region,classification,industry,year,measure,value\n"
                           "c1,naics,111,2020,visits,0\nc2,naics,112,2020,visits,0\n");
    char *map1 = st_write(f->dir, "map1.csv",
                          "classification,industry,scheme,category\n"
                          "naics,311,cmp,A\n");
    char *map2 = st_write(f->dir, "map2.csv",
                          "classification,industry,scheme,category\n"
                          "naics,311,cmp,B\n");
    cs_import_stats s;
    assert_int_equal(cs_import_files(&s, f->store, (const char *const *)&zeros, 1, NULL), 0);
    const char *maps[] = { map1, map2 };
    assert_int_equal(cs_import_files(&s, f->store, maps, 2, NULL), CS_EDATA);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "%s:2:2: expected industry 311 mapped once in scheme cmp (%s line 2 maps it to A), "
             "found it again",
             map2, map1);
    assert_string_equal(cs_error_last(), expected);
    free(zeros);
    free(map1);
    free(map2);
    char *path = st_path(f->dir, "reg.db");
    assert_int_equal(cs_service_open(&svc, path, CS_SERVICE_READ), 0);
    free(path);
    const char *m[] = { "visits" };
    year = 2020;
    cs_regional_read_options ov = { "industry", m, 1, 1, NULL, 0, &year, 1, 0, 0 };
    assert_int_equal(cs_service_read_regional_selected(&d, NULL, svc, m, &ov, &sel), CS_EDATA);
    assert_string_equal(cs_error_last(), "the registry's statistics: expected some visits above 0 "
                                         "in 2020 (every share and quotient divides by its "
                                         "total), found only zeros");
    assert_null(d);
    cs_service_close(svc);
}

static void test_builder(void **state)
{
    (void)state;
    int years[] = { 2020, 2021 };
    cs_regional_builder *b = NULL;
    assert_int_equal(cs_regional_builder_new(&b, 2, years, 2), 0);
    /* cells in any order come out sorted by bytes; a cell without a value is 0 */
    assert_int_equal(cs_regional_builder_add(b, "b", "y", NULL, 1, 0, 4), 0);
    assert_int_equal(cs_regional_builder_add(b, "b", "y", NULL, 1, 1, 5), 0);
    assert_int_equal(cs_regional_builder_add(b, "b", "y", NULL, 1, 0, 6), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "z", "local", 0, 1, 2), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "y", "traded", 0, 0, 1), 0);
    cs_regional_data *d = NULL;
    assert_int_equal(cs_regional_builder_finish(&d, b, NULL, "test"), 0);
    assert_int_equal(d->nr, 2);
    assert_int_equal(d->ni, 2);
    assert_string_equal(d->region[0], "a");
    assert_string_equal(d->key[1], "z");
    assert_string_equal(d->attribute[0], "traded");
    assert_string_equal(d->attribute[1], "local");
    assert_int_equal(d->year[1], 2021);
    /* x[((y * nv + v) * nr + r) * ni + i] */
    assert_true(cs_regional_data_values(d, 0, 0)[0] == 1);
    assert_true(cs_regional_data_values(d, 0, 1)[1] == 2);
    assert_true(cs_regional_data_values(d, 1, 0)[2] == 6); /* a value given again: the last */
    assert_true(cs_regional_data_values(d, 1, 1)[2] == 5);
    assert_true(cs_regional_data_values(d, 1, 1)[3] == 0);
    cs_regional_data_free(d);

    /* a cell given twice apart, a negative value, no cell */
    assert_int_equal(cs_regional_builder_new(&b, 1, years, 1), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "y", NULL, 0, 0, 1), 0);
    assert_int_equal(cs_regional_builder_add(b, "b", "y", NULL, 0, 0, 1), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "y", NULL, 0, 0, 1), 0);
    assert_int_equal(cs_regional_builder_finish(&d, b, NULL, "test"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "found two for 'a', 'y', 2020"));
    assert_null(d);
    assert_int_equal(cs_regional_builder_new(&b, 1, years, 1), 0);
    assert_int_equal(cs_regional_builder_add(b, "a", "y", NULL, 0, 0, -1), CS_EDATA);
    assert_int_equal(cs_regional_builder_finish(&d, b, NULL, "test"), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "test: expected at least one value, found none"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_states_and_categories, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_only_the_years_asked, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_refusals, st_setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_bad_years_and_measures, st_setup, st_teardown),
        cmocka_unit_test(test_builder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
