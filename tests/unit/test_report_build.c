/*
 * Building a report from a registry in a temporary file, through the service as the CLI does:
 * the report's tables say what the service's assessment and classification say, a stored
 * partition is reproduced, and a registry changed since that partition is refused with the
 * advice to classify again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/partition.h"
#include "clusterscope/report.h"
#include "clusterscope/service.h"

#include <glob.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

typedef struct {
    char *dir, *path;
    cs_service *svc;
    cs_method *m;
} report_fixture;

static void import_glob(cs_service *svc, const char *const *patterns, size_t n_patterns)
{
    glob_t g = { 0 };
    for (size_t i = 0; i < n_patterns; i++)
        assert_int_equal(glob(patterns[i], i ? GLOB_APPEND : 0, NULL, &g), 0);
    cs_import_stats stats;
    if (cs_service_import(&stats, svc, (const char *const *)g.gl_pathv, g.gl_pathc, NULL))
        fail_msg("importing %s: %s", patterns[0], cs_error_last());
    globfree(&g);
}

static int setup(void **state)
{
    report_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    if (cs_service_create(f->path) || cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE) ||
        cs_service_load_method(&f->m, "hse-biomedical-2019"))
        fail_msg("making the registry: %s", cs_error_last());
    static const char *const data[] = { "data/*.json", "data/reference/reference-groups.json" };
    import_glob(f->svc, data, 2);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    report_fixture *f = *state;
    cs_method_free(f->m);
    cs_service_close(f->svc);
    free(f->path);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

/* The report's JSON document for OPTS, parsed; fails the test when it cannot be built. */
static json_t *report_json(cs_service *svc, cs_report_options opts)
{
    cs_report *r = NULL;
    opts.format = CS_REPORT_JSON;
    if (cs_report_build(&r, svc, &opts))
        fail_msg("building the report: %s", cs_error_last());
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(cs_report_write(f, r), 0);
    fclose(f);
    cs_report_free(r);
    json_error_t err;
    json_t *doc = json_loadb(text, len, 0, &err);
    if (!doc)
        fail_msg("the report's JSON does not parse: %s at %d:%d", err.text, err.line, err.column);
    free(text);
    return doc;
}

static void test_report_says_what_the_service_says(void **state)
{
    report_fixture *f = *state;
    cs_service_assessment *sa = NULL;
    cs_classification *c = NULL;
    cs_reference_set *ref = NULL;
    assert_int_equal(cs_service_assess(&sa, f->svc, f->m, NULL), 0);
    const cs_assessment *a = cs_service_assessment_result(sa);
    assert_int_equal(cs_service_load_reference(&ref, f->svc, NULL, cs_method_id(f->m)), 0);
    cs_service_classify_options co = { CS_LANG_EN, 0, 0 };
    assert_int_equal(cs_service_classify_assessment(&c, NULL, f->svc, f->m, a, ref, &co), 0);

    cs_report_options opts = { 0 };
    json_t *doc = report_json(f->svc, opts);
    json_t *clusters = json_object_get(doc, "clusters");
    assert_int_equal(json_array_size(clusters), cs_assessment_count(a));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "typology"), "k")),
                     cs_classification_k(c));
    assert_int_equal(json_array_size(json_object_get(doc, "groups")),
                     (size_t)cs_classification_k(c));
    /* every cluster's items and group as the assessment and the classification have them */
    size_t met = 0;
    for (size_t i = 0; i < cs_assessment_count(a); i++) {
        json_t *row = json_array_get(clusters, i);
        assert_string_equal(json_string_value(json_object_get(row, "key")),
                            cs_assessment_subject(a, i)->key);
        json_t *group = json_object_get(row, "group");
        int g = cs_classification_group_of(c, i);
        if (g)
            assert_int_equal(json_integer_value(group), g);
        else
            assert_true(json_is_null(group));
        json_t *items = json_object_get(row, "items");
        for (size_t it = 0; it < cs_method_item_count(f->m); it++) {
            json_t *v = json_object_get(items, cs_method_item_at(f->m, it)->key);
            cs_result r = cs_assessment_item(a, i, it);
            if (r == CS_RESULT_UNKNOWN) {
                assert_true(json_is_null(v));
            } else {
                assert_int_equal(json_integer_value(v), r == CS_RESULT_MET);
                met += r == CS_RESULT_MET;
            }
        }
    }
    assert_true(met > 0);
    json_decref(doc);
    cs_classification_free(c);
    cs_reference_free(ref);
    cs_service_assessment_free(sa);
}

static void test_stored_partition(void **state)
{
    report_fixture *f = *state;
    /* what `clusterscope classify` does: a stored run, a partition of it, stored */
    cs_classify_run *run = NULL;
    cs_reference_set *ref = NULL;
    cs_classification *c = NULL;
    cs_classify_options opts;
    cs_classify_options_init(&opts);
    opts.k = 3;
    long long id = 0;
    if (cs_service_load_run(&run, f->svc, f->m, 0, 1) ||
        cs_service_load_reference(&ref, f->svc, NULL, cs_method_id(f->m)) ||
        cs_classify(&c, f->m, run->objects, run->n, ref, &opts) ||
        cs_service_save_partition(&id, f->svc, c, run))
        fail_msg("classifying: %s", cs_error_last());

    cs_report_options ro = { 0 };
    ro.partition = id;
    json_t *doc = report_json(f->svc, ro);
    json_t *typology = json_object_get(doc, "typology");
    assert_int_equal(json_integer_value(json_object_get(typology, "k")), 3);
    assert_int_equal(json_array_size(json_object_get(doc, "groups")), 3);
    json_decref(doc);

    /* a partition that does not exist, and one of another method */
    cs_report *r = NULL;
    ro.partition = id + 1;
    assert_int_equal(cs_report_build(&r, f->svc, &ro), CS_ENOTFOUND);
    assert_null(r);
    ro.partition = id;
    ro.method = "eccp-profile-2017";
    assert_int_equal(cs_report_build(&r, f->svc, &ro), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_METHOD);
    ro.method = NULL;

    /* the registry changes: a new cluster is not in the partition's run */
    char *csv =
        st_write(f->dir, "clusters.csv",
                 "key,name_en,country,kind\nzz-new-cluster,A cluster added later,DE,biomedical\n");
    const char *paths[] = { csv };
    cs_import_stats stats;
    assert_int_equal(cs_service_import(&stats, f->svc, paths, 1, NULL), 0);
    assert_int_equal(cs_report_build(&r, f->svc, &ro), CS_EDATA);
    assert_null(r);
    assert_non_null(strstr(cs_error_last(), "zz-new-cluster"));
    assert_int_equal(cs_error_advice(), CS_ADVICE_CLASSIFY_AGAIN);
    free(csv);
    cs_classification_free(c);
    cs_reference_free(ref);
    cs_classify_run_free(run);
}

/* The regional section (section_regional.c) on tests/data/regional/view.json, whose strong
 * clusters tests/unit/test_regional_view.c works by hand: the report's JSON and CSV carry the
 * view's numbers, with the year, rows and sources; no statistics is null, not an error; a year
 * the statistics lack is refused. */
static void test_regional_section(void **state)
{
    report_fixture *f = *state;
    cs_report_options opts = { 0 };
    json_t *doc = report_json(f->svc, opts);
    assert_true(json_is_null(json_object_get(doc, "regional")));
    json_decref(doc);

    static const char *const view[] = { "tests/data/regional/view.json" };
    import_glob(f->svc, view, 1);
    doc = report_json(f->svc, opts);
    json_t *rv = json_object_get(doc, "regional");
    assert_int_equal(json_integer_value(json_object_get(rv, "year")), 2020);
    assert_int_equal(json_integer_value(json_object_get(rv, "rows")), 19);
    json_t *regions = json_object_get(rv, "regions");
    assert_int_equal(json_array_size(regions), 5);
    /* by rank: at-e (strength 1), at-a and at-b (0.8, a tie in key order), at-c, at-d (0) */
    static const char *const order[5] = { "at-e", "at-a", "at-b", "at-c", "at-d" };
    static const double strength[5] = { 1, 0.8, 0.8, 0, 0 };
    for (size_t i = 0; i < 5; i++) {
        json_t *g = json_array_get(regions, i);
        assert_string_equal(json_string_value(json_object_get(g, "key")), order[i]);
        assert_int_equal(json_integer_value(json_object_get(g, "rank")), (json_int_t)i + 1);
        assert_true(fabs(json_real_value(json_object_get(g, "cluster_strength")) - strength[i]) <
                    1e-12);
        assert_true(fabs(json_real_value(json_object_get(g, "percentile")) - (10.0 + 20.0 * i)) <
                    1e-12);
    }
    json_t *strong = json_object_get(json_array_get(regions, 1), "strong_clusters");
    assert_int_equal(json_array_size(strong), 1);
    assert_true(fabs(json_real_value(json_object_get(json_array_get(strong, 0), "lq")) -
                     0.8 / (105.0 / 180)) < 1e-12);
    json_decref(doc);

    cs_report *r = NULL;
    if (cs_report_build(&r, f->svc, &opts))
        fail_msg("building the report: %s", cs_error_last());
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(cs_report_write_regional_csv(out, r), 0);
    fclose(out);
    cs_report_free(r);
    assert_non_null(strstr(text, "\"at-a\",\"Alpha\",\"2020\",\"50\",\"40\",\"0.8\",\"2\",\"30\","
                                 "\"biopharma:1.3714285714285714\"\r\n"));
    free(text);

    opts.regional_year = 2030;
    assert_int_equal(cs_report_build(&r, f->svc, &opts), CS_EDATA);
    assert_null(r);
    assert_non_null(strstr(cs_error_last(), "(2018, 2020), found \"2030\""));
    /* the section left out: no statistics are read, so no year is checked */
    opts.sections = CS_REPORT_ALL & ~CS_REPORT_REGIONAL;
    assert_int_equal(cs_report_build(&r, f->svc, &opts), 0);
    cs_report_free(r);
}

/* The report as text in FORMAT and LANG; fails the test when it cannot be built. */
static char *report_text(cs_service *svc, cs_report_format format, cs_lang lang)
{
    cs_report *r = NULL;
    cs_report_options opts = { 0 };
    opts.format = format;
    opts.lang = lang;
    if (cs_report_build(&r, svc, &opts))
        fail_msg("building the report: %s", cs_error_last());
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(cs_report_write(f, r), 0);
    fclose(f);
    cs_report_free(r);
    return text;
}

/* The data-class of the map's region CODE in HTML, -1 when the map has no such region. */
static int map_class(const char *html, const char *code)
{
    char key[64];
    snprintf(key, sizeof key, "data-code=\"%s\" data-class=\"", code);
    const char *p = strstr(html, key);
    return p ? atoi(p + strlen(key)) : -1;
}

/* The map of cluster strength: on tests/data/regional/us-states.json (states with ISO 3166-2
 * codes; strengths 100, 80, 0, 0 per cent worked by hand in test_regional_view.c) the US map
 * in both languages, each state's class by the R-7 breaks of 0 0 80 100 (0, 16, 64, 88, 100;
 * the empty class (16, 64] merged: 0 and 0 in class 1, 80 in class 2, 100 in class 3); on
 * view.json (regions without codes) no map and the line that says why. */
static void test_regional_map(void **state)
{
    report_fixture *f = *state;
    static const char *const view[] = { "tests/data/regional/view.json" };
    import_glob(f->svc, view, 1);
    char *html = report_text(f->svc, CS_REPORT_HTML, CS_LANG_EN);
    assert_null(strstr(html, "cs-choropleth"));
    assert_non_null(strstr(html, "No map: region Epsilon has no standard code (import regions "
                                 "with a code column"));
    free(html);
    char *md = report_text(f->svc, CS_REPORT_MARKDOWN, CS_LANG_RU);
    assert_non_null(strstr(md, "Карты нет: у региона Эпсилон нет стандартного кода"));
    free(md);
}

static void test_regional_map_us(void **state)
{
    report_fixture *f = *state;
    static const char *const us[] = { "tests/data/regional/us-states.json" };
    import_glob(f->svc, us, 1);
    for (int ru = 0; ru < 2; ru++) {
        char *html = report_text(f->svc, CS_REPORT_HTML, ru ? CS_LANG_RU : CS_LANG_EN);
        const char *map = strstr(html, "class=\"cs-chart cs-choropleth\"");
        assert_non_null(map);
        /* the us-states geography: its 51 shapes, the states of the statistics in their class */
        size_t paths = 0;
        for (const char *p = strstr(map, "<path class=\"cs-region\""); p;
             p = strstr(p + 1, "<path class=\"cs-region\""))
            paths++;
        assert_int_equal(paths, 51);
        assert_int_equal(map_class(map, "US-WA"), 3);
        assert_int_equal(map_class(map, "US-IL"), 2);
        assert_int_equal(map_class(map, "US-NY"), 1);
        assert_int_equal(map_class(map, "US-TX"), 1);
        assert_int_equal(map_class(map, "US-OH"), 0); /* not in the statistics */
        assert_non_null(strstr(map, ru ? "<title>Иллинойс: 80,0</title>"
                                       : "<title>Illinois: 80.0"
                                         "</title>"));
        assert_non_null(
            strstr(map, ru ? ">Сила кластеров, %</text>" : ">Cluster strength, %</text>"));
        assert_non_null(strstr(map, ru ? "<title>Карта силы кластеров</title>"
                                       : "<title>Map of cluster strength</title>"));
        /* the map before the table of regions */
        assert_non_null(strstr(map, "<table class=\"regional\">"));
        assert_non_null(strstr(html, ru ? "не учтены регионы других типов (county): 1 регион."
                                        : "left out: the regions of the other types (county), 1 "
                                          "region."));
        free(html);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_report_says_what_the_service_says, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stored_partition, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regional_section, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regional_map, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regional_map_us, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
