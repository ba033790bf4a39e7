/*
 * The typology's storage (store.h) on a registry in a temporary file: an assessment run saved
 * and read back as results (never as text), its method checked; a partition saved, its
 * parameters read back, made again and compared member by member, so that a changed member is
 * found; and the bundled reference set read with its published sizes.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "classify_test_util.h"
#include "clusterscope/assess.h"
#include "clusterscope/classify.h"
#include "clusterscope/error.h"
#include "clusterscope/fact.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char dir[64], path[96];
    cs_store *store;
    cs_method *method;
    cs_factset *facts;
    cs_assessment *assessment;
} fixture;

static void add_fact(cs_factset *set, cs_subject_kind kind, const char *subject, const char *name,
                     const char *text, cs_fact_type type)
{
    cs_fact f = { 0 };
    f.subject_kind = kind;
    f.subject = subject;
    f.name = name;
    f.raw = text;
    f.status = CS_STATUS_STATED;
    f.source = "src";
    f.locator = "";
    f.quote = "";
    assert_int_equal(cs_value_parse(&f.value, text, type, NULL), 0);
    assert_int_equal(cs_factset_add(set, &f), 0);
}

/* Facts that give the hand-worked results of classify_test_util.h (r_a .. r_h). */
static void add_facts(cs_factset *s)
{
    static const char *const ranks[][2] = {
        { "DE", "3" }, { "US", "5" }, { "HR", "40" }, { "MX", "50" }
    };
    for (size_t i = 0; i < 4; i++)
        add_fact(s, CS_SUBJECT_COUNTRY, ranks[i][0], "pwc_medtourism_rank", ranks[i][1],
                 CS_FACT_RANK);
    static const char *const sizes[][2] = {
        { "a", "150" }, { "b", "120" }, { "d", "50" }, { "e", "20" }, { "h", "200" }
    };
    for (size_t i = 0; i < 5; i++)
        add_fact(s, CS_SUBJECT_CLUSTER, sizes[i][0], "organisation_count", sizes[i][1],
                 CS_FACT_COUNT);
    static const char *const services[] = { "a", "c", "d", "f" };
    for (size_t i = 0; i < 4; i++)
        add_fact(s, CS_SUBJECT_CLUSTER, services[i], "activity.medical_services", "true",
                 CS_FACT_BOOL);
    static const char *const rd[][2] = { { "a", "true" },  { "b", "true" },  { "c", "true" },
                                         { "d", "false" }, { "e", "false" }, { "f", "false" } };
    for (size_t i = 0; i < 6; i++)
        add_fact(s, CS_SUBJECT_CLUSTER, rd[i][0], "activity.rd_biomedicine", rd[i][1],
                 CS_FACT_BOOL);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/cs-classify-store-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->path, sizeof fx->path, "%s/registry.db", fx->dir);
    assert_int_equal(cs_store_open(&fx->store, fx->path, CS_STORE_CREATE), 0);
    assert_int_equal(
        cs_method_load_string(&fx->method, method_json, strlen(method_json), "tiny.json"), 0);
    assert_int_equal(cs_factset_new(&fx->facts), 0);
    add_facts(fx->facts);
    cs_assess_subject subjects[N_OBJECTS];
    for (size_t i = 0; i < N_OBJECTS; i++)
        subjects[i] =
            (cs_assess_subject){ objects[i].key, objects[i].key, objects[i].country, NULL, NULL };
    assert_int_equal(
        cs_assess_run(&fx->assessment, fx->method, fx->facts, subjects, N_OBJECTS, NULL), 0);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    cs_assessment_free(fx->assessment);
    cs_factset_free(fx->facts);
    cs_method_free(fx->method);
    cs_store_close(fx->store);
    char p[128];
    static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", fx->path, suffixes[i]);
        unlink(p);
    }
    rmdir(fx->dir);
    free(fx);
    return 0;
}

/* A method like the tiny one, with another id or version. */
static cs_method *variant(const char *from, const char *to)
{
    char json[sizeof method_json + 16];
    const char *at = strstr(method_json, from);
    assert_non_null(at);
    snprintf(json, sizeof json, "%.*s%s%s", (int)(at - method_json), method_json, to,
             at + strlen(from));
    cs_method *m = NULL;
    assert_int_equal(cs_method_load_string(&m, json, strlen(json), "variant.json"), 0);
    return m;
}

static void test_assessment_run(void **state)
{
    fixture *fx = *state;
    /* the assessment gives the hand-worked results */
    for (size_t i = 0; i < N_OBJECTS; i++)
        for (size_t it = 0; it < 4; it++)
            assert_int_equal(cs_assessment_item(fx->assessment, i, it), objects[i].items[it]);
    long long first = 0, second = 0, found = -1;
    assert_int_equal(cs_store_assessment_save(&first, fx->store, fx->assessment), 0);
    assert_int_equal(cs_store_assessment_save(&second, fx->store, fx->assessment), 0);
    assert_true(first > 0 && second > first);
    assert_int_equal(cs_store_assessment_find(&found, fx->store, 0, "tiny"), 0);
    assert_int_equal(found, second);
    assert_int_equal(cs_store_assessment_find(&found, fx->store, first, NULL), 0);
    assert_int_equal(found, first);
    assert_int_equal(cs_store_assessment_find(&found, fx->store, 0, "other"), 0);
    assert_int_equal(found, 0);
    char id[32];
    assert_int_equal(cs_store_assessment_method(id, sizeof id, fx->store, first), 0);
    assert_string_equal(id, "tiny");
    assert_int_equal(cs_store_assessment_method(id, sizeof id, fx->store, 99), CS_ENOTFOUND);

    /* read back as results, in key order, with the countries of the cluster records (none
     * here: this registry has no cluster records) */
    cs_classify_run *run = NULL;
    assert_int_equal(cs_store_assessment_read(&run, fx->store, fx->method, first), 0);
    assert_int_equal(run->run_id, first);
    assert_string_equal(run->method_id, "tiny");
    assert_string_equal(run->method_version, "1");
    assert_int_equal(strlen(run->created), 20);
    assert_int_equal(run->n, N_OBJECTS);
    for (size_t i = 0; i < N_OBJECTS; i++) {
        assert_string_equal(run->objects[i].key, objects[i].key);
        assert_string_equal(run->objects[i].country, "");
        assert_memory_equal(run->objects[i].items, objects[i].items, 4 * sizeof(cs_result));
    }
    cs_classify_run_free(run);

    /* the run's method must be the one asked for */
    cs_method *other = variant("\"id\": \"tiny\"", "\"id\": \"other\"");
    assert_int_equal(cs_store_assessment_read(&run, fx->store, other, first), CS_EUSAGE);
    assert_null(run);
    assert_int_equal(cs_error_advice(), CS_ADVICE_METHOD);
    assert_non_null(strstr(cs_error_last(), "was made with method tiny, not other"));
    cs_method_free(other);
    cs_method *newer = variant("\"version\": \"1\"", "\"version\": \"2\"");
    assert_int_equal(cs_store_assessment_read(&run, fx->store, newer, first), CS_EDATA);
    assert_int_equal(cs_error_advice(), CS_ADVICE_RUN);
    assert_non_null(strstr(cs_error_last(), "version 1; this is version 2"));
    cs_method_free(newer);
    assert_int_equal(cs_store_assessment_read(&run, fx->store, fx->method, 99), CS_ENOTFOUND);
}

/* A run like RUN with cluster `key` given other results, or (items NULL) left out. */
static cs_classify_run *changed_run(const cs_classify_run *run, const char *key,
                                    const cs_result *items)
{
    cs_classify_run *out = NULL;
    assert_int_equal(
        cs_classify_run_new(&out, run->run_id, run->method_id, run->method_version, run->created),
        0);
    for (size_t i = 0; i < run->n; i++) {
        const cs_classify_object *o = &run->objects[i];
        int same = strcmp(o->key, key) != 0;
        if (!same && !items)
            continue;
        assert_int_equal(cs_classify_run_add(out, o->key, o->country, same ? o->items : items, 4),
                         0);
    }
    return out;
}

static void test_partition(void **state)
{
    fixture *fx = *state;
    long long run_id = 0, id = 0;
    cs_classify_run *run = NULL;
    assert_int_equal(cs_store_assessment_save(&run_id, fx->store, fx->assessment), 0);
    assert_int_equal(cs_store_assessment_read(&run, fx->store, fx->method, run_id), 0);
    cs_classify_options o;
    cs_classify_options_init(&o);
    o.k = 2;
    o.seed = 5;
    cs_classification *c = NULL;
    assert_int_equal(cs_classify(&c, fx->method, run->objects, run->n, NULL, &o), 0);
    assert_int_equal(cs_store_partition_save(&id, fx->store, c, run), 0);
    assert_true(id > 0);
    assert_int_equal(cs_store_partition_save(NULL, fx->store, c, NULL), CS_EUSAGE);

    /* the parameters come back as they decided the partition */
    cs_classify_options back;
    long long back_run = 0;
    char method_id[32];
    assert_int_equal(
        cs_store_partition_options(&back, &back_run, method_id, sizeof method_id, fx->store, id),
        0);
    assert_int_equal(back_run, run_id);
    assert_string_equal(method_id, "tiny");
    assert_int_equal(back.view, CS_CLASSIFY_VIEW_ITEMS);
    assert_int_equal(back.unknown, CS_UNKNOWN_PAIRWISE);
    assert_int_equal(back.algorithm, CS_CLASSIFY_AVERAGE);
    assert_int_equal(back.distance, CS_METRIC_HAMMING);
    assert_int_equal(back.k, 2);
    assert_int_equal(back.seed, 5);
    assert_int_equal(back.min_known, 2); /* the method's, stored as resolved */
    assert_int_equal(cs_store_partition_options(&back, &back_run, method_id, sizeof method_id,
                                                fx->store, id + 1),
                     CS_ENOTFOUND);

    /* made again from them: every member in place */
    size_t diff = 99;
    cs_classification *again = NULL;
    assert_int_equal(cs_classify(&again, fx->method, run->objects, run->n, NULL, &back), 0);
    assert_int_equal(cs_store_partition_compare(&diff, fx->store, id, again), 0);
    assert_int_equal(diff, 0);
    cs_classification_free(again);

    /* d now meets everything: it joins a, b and c, and only d is placed otherwise */
    cs_classify_run *moved = changed_run(run, "d", r_a);
    assert_int_equal(cs_classify(&again, fx->method, moved->objects, moved->n, NULL, &back), 0);
    assert_int_equal(cs_classification_group_of(again, 3), 1);
    assert_int_equal(cs_store_partition_compare(&diff, fx->store, id, again), 0);
    assert_int_equal(diff, 1);
    cs_classification_free(again);
    cs_classify_run_free(moved);

    /* e is no longer there: the stored member without a counterpart is a difference */
    cs_classify_run *fewer = changed_run(run, "e", NULL);
    assert_int_equal(cs_classify(&again, fx->method, fewer->objects, fewer->n, NULL, &back), 0);
    assert_int_equal(cs_store_partition_compare(&diff, fx->store, id, again), 0);
    assert_int_equal(diff, 1);
    cs_classification_free(again);
    cs_classify_run_free(fewer);

    /* a partition the registry does not hold: every cluster differs */
    assert_int_equal(cs_store_partition_compare(&diff, fx->store, id + 1, c), 0);
    assert_int_equal(diff, N_OBJECTS);
    cs_classification_free(c);
    cs_classify_run_free(run);
}

/* The bundled registry and reference set: the study's three groups as published. */
static void test_reference_set(void **state)
{
    fixture *fx = *state;
    cs_reference_set *ref = NULL;
    assert_int_equal(cs_store_reference_load(&ref, fx->store, NULL, "tiny"), CS_ENOTFOUND);
    assert_non_null(strstr(cs_error_last(), "reference-groups.json"));
    const char *paths[] = { "data/countries.json", "data/sources.json",
                            "data/hse-biomedical-clusters.json", "data/russian-clusters.json",
                            "data/reference/reference-groups.json" };
    cs_import_stats stats;
    assert_int_equal(cs_import_files(&stats, fx->store, paths, 5, NULL), 0);
    assert_int_equal(cs_store_reference_load(&ref, fx->store, NULL, "hse-biomedical-2019"), 0);
    assert_string_equal(ref->key, "hse-2019");
    assert_string_equal(ref->profile_method, "hse-biomedical-2019");
    assert_int_equal(ref->sample_size, 40);
    assert_int_equal(ref->published_sum, 41);
    assert_non_null(ref->size_note);
    assert_int_equal(ref->n_types, 3);
    static const int sizes[] = { 10, 20, 11 };
    for (size_t t = 0; t < 3; t++) {
        assert_int_equal(ref->types[t].number, (int)t + 1);
        assert_int_equal(ref->types[t].size_published, sizes[t]);
        assert_true(ref->types[t].n_traits > 0);
        assert_non_null(ref->types[t].traits[0].published);
    }
    size_t placed = 0;
    int massbio = -1;
    for (size_t i = 0; i < ref->n_assignments; i++) {
        placed += ref->assignments[i].type != 0;
        if (strcmp(ref->assignments[i].cluster, "massbio") == 0)
            massbio = ref->assignments[i].type;
    }
    assert_int_equal(placed, 24);
    assert_int_equal(massbio, 1);
    cs_reference_free(ref);
    assert_int_equal(cs_store_reference_load(&ref, fx->store, "hse-2019", NULL), 0);
    assert_int_equal(ref->n_types, 3);
    cs_reference_free(ref);
    assert_int_equal(cs_store_reference_load(&ref, fx->store, "no-such-set", NULL), CS_ENOTFOUND);

    /* a run's countries are the cluster records' ("" for a key the registry does not know) */
    cs_assess_subject subjects[] = { { "massbio", "MassBio", "DE", NULL, NULL },
                                     { "zz-gone", "Gone", "DE", NULL, NULL } };
    cs_assessment *a = NULL;
    cs_classify_run *run = NULL;
    long long run_id = 0;
    assert_int_equal(cs_assess_run(&a, fx->method, fx->facts, subjects, 2, NULL), 0);
    assert_int_equal(cs_store_assessment_save(&run_id, fx->store, a), 0);
    assert_int_equal(cs_store_assessment_read(&run, fx->store, fx->method, run_id), 0);
    assert_int_equal(run->n, 2);
    assert_string_equal(run->objects[0].key, "massbio");
    assert_string_equal(run->objects[0].country, "US");
    assert_string_equal(run->objects[1].country, "");
    cs_classify_run_free(run);
    cs_assessment_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_assessment_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partition, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reference_set, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
