/*
 * Scenarios of assumed facts through the service (service.h): the bundled registry in a
 * temporary file, a file of facts assumed on an in-memory copy. The assumptions are listed with
 * their file and line, an assumed fact replaces the registry's of the same key in the fresh
 * assessment, the registry file is never written (its bytes compared), a classification of the
 * scenario lists them, and a bad file is refused where it stands.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

typedef struct {
    char *dir, *path, *bytes;
    size_t len;
    cs_service *svc;
    cs_method *m;
} scenario_fixture;

/* The bytes of a file (a registry holds NUL bytes: not read as text). */
static char *file_bytes(const char *path, size_t *len)
{
    FILE *in = fopen(path, "rb");
    assert_non_null(in);
    char *buf = NULL;
    size_t cap = 0;
    FILE *out = open_memstream(&buf, &cap);
    assert_non_null(out);
    int ch;
    while ((ch = fgetc(in)) != EOF)
        fputc(ch, out);
    fclose(in);
    fclose(out);
    *len = cap;
    return buf;
}

static int setup(void **state)
{
    scenario_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    cs_service *w = NULL;
    glob_t g = { 0 };
    assert_int_equal(glob("data/*.json", 0, NULL, &g), 0);
    cs_import_stats stats;
    if (cs_service_create(f->path) || cs_service_open(&w, f->path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, w, (const char *const *)g.gl_pathv, g.gl_pathc, NULL))
        fail_msg("making the registry: %s", cs_error_last());
    globfree(&g);
    cs_service_close(w);
    if (cs_service_open(&f->svc, f->path, CS_SERVICE_READ) ||
        cs_service_load_method(&f->m, "hse-biomedical-2019"))
        fail_msg("opening the registry: %s", cs_error_last());
    f->bytes = file_bytes(f->path, &f->len);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    scenario_fixture *f = *state;
    cs_method_free(f->m);
    cs_service_close(f->svc);
    st_dir_remove(f->dir);
    free(f->path);
    free(f->bytes);
    free(f);
    return 0;
}

/* The registry file holds the bytes it held after the import. */
static void registry_untouched(const scenario_fixture *f)
{
    size_t len = 0;
    char *now = file_bytes(f->path, &len);
    assert_int_equal(len, f->len);
    assert_true(len > 0 && memcmp(now, f->bytes, len) == 0);
    free(now);
}

/* The result of item `key` for cluster `cluster` in a run. */
static cs_result item_of(const cs_classify_run *run, const cs_method *m, const char *cluster,
                         const char *key)
{
    long it = cs_method_find_item(m, key);
    assert_true(it >= 0);
    for (size_t i = 0; i < run->n; i++)
        if (strcmp(run->objects[i].key, cluster) == 0)
            return run->objects[i].items[it];
    fail_msg("no cluster %s in the run", cluster);
    return CS_RESULT_UNKNOWN;
}

static void test_scenario(void **state)
{
    scenario_fixture *f = *state;
    /* Russia 51 and a source to cite; then Denmark placed in the top 20 */
    char *path = st_write(f->dir, "facts.csv",
                          "subject_kind,subject,fact,year,value,status,source\n"
                          "country,RU,bloomberg_efficiency_rank,2014,51,estimated,hse-2019\n"
                          "country,DK,bloomberg_efficiency_rank,2014,<=20,estimated,hse-2019\n");
    cs_service *scen = NULL;
    const char *paths[] = { path };
    assert_int_equal(cs_service_assume(&scen, f->svc, paths, 1, NULL), 0);
    const cs_classify_assumption *as = NULL;
    assert_int_equal(cs_service_assumptions(scen, &as), 2);
    assert_string_equal(as[0].subject_kind, "country");
    assert_string_equal(as[0].subject, "RU");
    assert_string_equal(as[0].fact, "bloomberg_efficiency_rank");
    assert_string_equal(as[0].year, "2014");
    assert_string_equal(as[0].value, "51");
    assert_string_equal(as[0].file, path);
    assert_int_equal(as[0].line, 2);
    assert_int_equal(as[1].line, 3);
    assert_int_equal(cs_service_assumptions(f->svc, NULL), 0);

    /* the fresh assessment reads them: I3 not met in Russia, met in Denmark; the registry's
     * own run (made without them) does not know Denmark's */
    cs_classify_run *run = NULL, *plain = NULL;
    assert_int_equal(cs_service_fresh_run(&run, scen, f->m), 0);
    assert_int_equal(run->run_id, 0);
    assert_int_equal(item_of(run, f->m, "international-medical-cluster", "bloomberg_efficiency"),
                     CS_RESULT_NOT_MET);
    assert_int_equal(item_of(run, f->m, "medicon-valley", "bloomberg_efficiency"), CS_RESULT_MET);
    assert_int_equal(cs_service_fresh_run(&plain, f->svc, f->m), 0);
    assert_int_equal(item_of(plain, f->m, "medicon-valley", "bloomberg_efficiency"),
                     CS_RESULT_UNKNOWN);

    /* a classification of the scenario carries them */
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.n_assumptions = cs_service_assumptions(scen, &o.assumptions);
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, f->m, run->objects, run->n, NULL, &o), 0);
    assert_int_equal(cs_classification_assumptions(c, NULL), 2);
    cs_classification_free(c);
    cs_classify_run_free(run);
    cs_classify_run_free(plain);
    cs_service_close(scen);
    registry_untouched(f);
    free(path);
}

static void test_refused(void **state)
{
    scenario_fixture *f = *state;
    struct {
        const char *name, *text, *message;
    } bad[] = {
        { "facts.year.csv",
          "subject_kind,subject,fact,year,value,status,source\n"
          "country,RU,bloomberg_efficiency_rank,20x4,51,estimated,hse-2019\n",
          "facts.year.csv:2:4: expected a year" },
        { "clusters.csv", "key,name_en,country\nnew-one,New,RU\n",
          "clusters.csv:2: expected facts, and the sources they cite, in a file of assumptions" },
        { "facts.none.csv", "subject_kind,subject,fact,year,value,status,source\n",
          "facts.none.csv" },
        { "none.json", "{\"format\": \"clusterscope-registry\", \"version\": 1, \"facts\": []}",
          "expected at least one fact to assume, found none" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *path = st_write(f->dir, bad[i].name, bad[i].text);
        cs_service *scen = (cs_service *)1;
        const char *paths[] = { path };
        assert_int_equal(cs_service_assume(&scen, f->svc, paths, 1, NULL), CS_EDATA);
        assert_null(scen);
        if (!strstr(cs_error_last(), bad[i].message))
            fail_msg("%s: \"%s\" lacks \"%s\"", bad[i].name, cs_error_last(), bad[i].message);
        free(path);
    }
    registry_untouched(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scenario, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
