/*
 * Export and the round trip: the bundled data, its reference types, an assessment run and a
 * partition made through the public API, exported as JSON and as CSV and imported into new
 * registries, give the same registry (the exports are byte-identical and every table holds as
 * many rows); runs and partitions keep their ids where they are free, and where one is taken the
 * records that refer to it follow it to its new id.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/classify.h"
#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/method.h"
#include "clusterscope/service.h"
#include "clusterscope/store.h"
#include "store_test_util.h"

#include <glob.h>
#include <string.h>

typedef struct {
    char *dir;
    cs_store *store; /* the bundled data, assessed and classified */
    char *json;      /* its JSON export */
} export_fixture;

static void import_glob(cs_store *store, const char *const *patterns, size_t n_patterns)
{
    glob_t g = { 0 };
    for (size_t i = 0; i < n_patterns; i++)
        assert_int_equal(glob(patterns[i], i ? GLOB_APPEND : 0, NULL, &g), 0);
    cs_import_stats stats;
    if (cs_import_files(&stats, store, (const char *const *)g.gl_pathv, g.gl_pathc, NULL))
        fail_msg("importing %s: %s", patterns[0], cs_error_last());
    globfree(&g);
}

static char *export_json(const export_fixture *f, cs_store *store, const char *name)
{
    char *path = st_path(f->dir, name);
    if (cs_export(store, path, CS_EXPORT_JSON))
        fail_msg("exporting: %s", cs_error_last());
    char *text = st_read(path);
    free(path);
    return text;
}

static int setup(void **state)
{
    export_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->store = st_create(f->dir, "a.db");
    static const char *const data[] = { "data/*.json", "data/reference/reference-groups.json" };
    import_glob(f->store, data, 2);
    /* an assessment run and a partition labelled by the reference types */
    cs_method *m = NULL;
    cs_classify_run *run = NULL;
    cs_reference_set *ref = NULL;
    cs_classification *c = NULL;
    cs_classify_options opts;
    cs_classify_options_init(&opts);
    long long id = 0;
    /* the use case `clusterscope classify` runs, through the service on the same file */
    char *path = st_path(f->dir, "a.db");
    cs_service *svc = NULL;
    if (cs_service_open(&svc, path, CS_SERVICE_WRITE) ||
        cs_method_load_builtin(&m, "hse-biomedical-2019") ||
        cs_service_load_run(&run, svc, m, 0, 1) ||
        cs_service_load_reference(&ref, svc, NULL, cs_method_id(m)) ||
        cs_classify(&c, m, run->objects, run->n, ref, &opts) ||
        cs_service_save_partition(&id, svc, c, run))
        fail_msg("assessing and classifying: %s", cs_error_last());
    cs_service_close(svc);
    free(path);
    assert_true(run->assessed_now);
    assert_int_equal(id, 1);
    cs_classification_free(c);
    cs_reference_free(ref);
    cs_classify_run_free(run);
    cs_method_free(m);
    f->json = export_json(f, f->store, "a.json");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    export_fixture *f = *state;
    cs_store_close(f->store);
    free(f->json);
    st_dir_remove(f->dir);
    free(f);
    return 0;
}

static void assert_same_counts(cs_store *a, cs_store *b)
{
    cs_store_counts na, nb;
    assert_int_equal(cs_store_count(&na, a), 0);
    assert_int_equal(cs_store_count(&nb, b), 0);
    assert_int_equal(nb.sources, na.sources);
    assert_int_equal(nb.countries, na.countries);
    assert_int_equal(nb.regions, na.regions);
    assert_int_equal(nb.clusters, na.clusters);
    assert_int_equal(nb.organisations, na.organisations);
    assert_int_equal(nb.memberships, na.memberships);
    assert_int_equal(nb.facts, na.facts);
    assert_int_equal(nb.fact_definitions, na.fact_definitions);
    assert_int_equal(nb.assessment_runs, na.assessment_runs);
    assert_int_equal(nb.assessment_scores, na.assessment_scores);
    assert_int_equal(nb.reference_sets, na.reference_sets);
    assert_int_equal(nb.reference_types, na.reference_types);
    assert_int_equal(nb.reference_traits, na.reference_traits);
    assert_int_equal(nb.reference_assignments, na.reference_assignments);
    assert_int_equal(nb.partitions, na.partitions);
    assert_int_equal(nb.partition_groups, na.partition_groups);
    assert_int_equal(nb.partition_members, na.partition_members);
    assert_memory_equal(&na, &nb, sizeof na);
}

static void test_export_holds_every_kind(void **state)
{
    export_fixture *f = *state;
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, f->store), 0);
    /* the registry under test has something of every kind */
    assert_true(n.sources > 0 && n.regions > 0 && n.clusters > 0 && n.organisations > 0 &&
                n.memberships > 0 && n.facts > 0 && n.reference_sets == 1 &&
                n.reference_types == 3 && n.reference_traits > 0 &&
                n.reference_assignments == n.clusters && n.assessment_runs == 1 &&
                n.assessment_scores == n.clusters && n.partitions == 1 && n.partition_groups > 1 &&
                n.partition_members == n.clusters);
    static const char *const kinds[] = {
        "\"fact_definitions\": [",  "\"sources\": [",
        "\"countries\": [",         "\"regions\": [",
        "\"clusters\": [",          "\"organisations\": [",
        "\"memberships\": [",       "\"facts\": [",
        "\"reference_sets\": [",    "\"reference_types\": [",
        "\"reference_traits\": [",  "\"reference_assignments\": [",
        "\"assessment_runs\": [",   "\"assessment_scores\": [",
        "\"partitions\": [",        "\"partition_groups\": [",
        "\"partition_members\": [",
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strstr(f->json, kinds[i]))
            fail_msg("the export has no %s", kinds[i]);
    /* ids and times as stored; numbers as numbers */
    assert_non_null(strstr(f->json, "\"assessment_runs\": [\n    {\"id\": 1, \"method_id\": "
                                    "\"hse-biomedical-2019\""));
    assert_non_null(strstr(f->json, "\"partitions\": [\n    {\"id\": 1, \"created\": \""));
    assert_non_null(strstr(f->json, "\"assessment_run\": 1, "));
    /* CSV writes a folder, never standard output: the advice says to name one */
    assert_int_equal(cs_export(f->store, "-", CS_EXPORT_CSV), CS_EUSAGE);
    assert_int_equal(cs_error_advice(), CS_ADVICE_OUTPUT_FOLDER);
    assert_null(strstr(cs_error_last(), "-o"));
}

static void test_round_trip_json(void **state)
{
    export_fixture *f = *state;
    cs_store *b = st_create(f->dir, "b.db");
    char *path = st_path(f->dir, "a.json");
    cs_import_stats s;
    const char *paths[] = { path };
    assert_int_equal(cs_import_files(&s, b, paths, 1, NULL), 0);
    char *again = export_json(f, b, "b.json");
    assert_string_equal(again, f->json);
    assert_same_counts(f->store, b);
    /* and importing it once more changes nothing */
    assert_int_equal(cs_import_files(&s, b, paths, 1, NULL), 0);
    for (int k = 0; k < CS_IMPORT_KINDS; k++) {
        assert_int_equal(s.inserted[k], 0);
        assert_int_equal(s.updated[k], 0);
    }
    free(again);
    free(path);
    cs_store_close(b);
}

static void test_round_trip_csv(void **state)
{
    export_fixture *f = *state;
    char *csv = st_path(f->dir, "csv");
    assert_int_equal(cs_export(f->store, csv, CS_EXPORT_CSV), 0);
    cs_store *c = st_create(f->dir, "c.db");
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/*.csv", csv);
    const char *patterns[] = { pattern };
    import_glob(c, patterns, 1);
    char *again = export_json(f, c, "c.json");
    assert_string_equal(again, f->json);
    assert_same_counts(f->store, c);
    /* the CSV files come out the same too */
    char *csv2 = st_path(f->dir, "csv2");
    assert_int_equal(cs_export(c, csv2, CS_EXPORT_CSV), 0);
    glob_t g = { 0 };
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, CS_IMPORT_KINDS); /* one file per kind */
    for (size_t i = 0; i < g.gl_pathc; i++) {
        char *other = st_path(csv2, strrchr(g.gl_pathv[i], '/') + 1);
        char *x = st_read(g.gl_pathv[i]), *y = st_read(other);
        assert_string_equal(x, y);
        free(x);
        free(y);
        free(other);
    }
    globfree(&g);
    free(again);
    free(csv);
    free(csv2);
    cs_store_close(c);
}

/* A registry whose run 1 is another run: the imported run 1 takes the next id, and the scores
 * and the partition that name it follow; the imported partition keeps id 1, free there. */
static void test_taken_ids_are_mapped(void **state)
{
    export_fixture *f = *state;
    cs_store *d = st_create(f->dir, "d.db");
    static const char other[] =
        "{\"format\": \"clusterscope-registry\",\n"
        " \"sources\": [{\"key\": \"s\", \"title\": \"S\"}],\n"
        " \"countries\": [{\"code\": \"DE\", \"name_en\": \"Germany\"}],\n"
        " \"clusters\": [{\"key\": \"x\", \"name_en\": \"X\", \"country\": \"DE\"}],\n"
        " \"assessment_runs\": [{\"id\": 1, \"method_id\": \"m\", \"method_version\": \"1\", "
        "\"software_version\": \"0.0.1\", \"created\": \"2020-01-02T03:04:05Z\", \"items\": "
        "\"a,b\", \"indicators\": \"a\"}],\n"
        " \"assessment_scores\": [{\"run_id\": 1, \"cluster_key\": \"x\", \"items\": \"1?\", "
        "\"indicators\": \"1\", \"total\": 1, \"known\": 1}]}\n";
    cs_import_stats s;
    assert_int_equal(cs_import_json_buffer(&s, d, other, strlen(other), "other.json", NULL), 0);
    char *path = st_path(f->dir, "a.json");
    const char *paths[] = { path };
    assert_int_equal(cs_import_files(&s, d, paths, 1, NULL), 0);
    assert_int_equal(s.inserted[CS_IMPORT_KINDS - 5], 1); /* assessment_runs */
    char *json = export_json(f, d, "d.json");
    assert_non_null(strstr(json, "\"assessment_runs\": [\n    {\"id\": 1, \"method_id\": \"m\""));
    assert_non_null(strstr(json, "},\n    {\"id\": 2, \"method_id\": \"hse-biomedical-2019\""));
    assert_non_null(strstr(json, "\"partitions\": [\n    {\"id\": 1, "));
    assert_non_null(strstr(json, "\"assessment_run\": 2, "));
    assert_null(strstr(json, "\"assessment_run\": 1, "));
    assert_non_null(strstr(json, "{\"run_id\": 1, \"cluster_key\": \"x\""));
    assert_non_null(strstr(json, "{\"run_id\": 2, \"cluster_key\": \"biocom\""));
    cs_store_counts na, nd;
    assert_int_equal(cs_store_count(&na, f->store), 0);
    assert_int_equal(cs_store_count(&nd, d), 0);
    assert_int_equal(nd.assessment_runs, 2);
    assert_int_equal(nd.assessment_scores, na.assessment_scores + 1);
    /* the same import again finds the run where it went: nothing new */
    assert_int_equal(cs_import_files(&s, d, paths, 1, NULL), 0);
    for (int k = 0; k < CS_IMPORT_KINDS; k++)
        assert_int_equal(s.inserted[k] + s.updated[k], 0);
    free(json);
    free(path);
    cs_store_close(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_holds_every_kind),
        cmocka_unit_test(test_round_trip_json),
        cmocka_unit_test(test_round_trip_csv),
        cmocka_unit_test(test_taken_ids_are_mapped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
