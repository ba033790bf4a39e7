/*
 * The history (store_history.c, service.h cs_service_history): an import records one revision
 * per profile field and fact it changes and none for what it leaves as it was; old and new
 * values, source, locator and quote; newest first; the memberships it adds as one revision per
 * cluster (count, files, source) on the bulk path and the ordinary one, a changed membership as
 * its own; a cluster that is not there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

static const char registry_json[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"sources\": [{\"key\": \"s1\", \"title\": \"Source one\"}, {\"key\": \"s2\", \"title\": "
    "\"Two\"}],\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}],\n"
    " \"clusters\": [{\"key\": \"tomsk\", \"name_en\": \"Tomsk\", \"country\": \"RU\",\n"
    "                \"city\": \"Tomsk\", \"source\": \"s1\"},\n"
    "               {\"key\": \"other\", \"name_en\": \"Other\", \"country\": \"RU\"}],\n"
    " \"organisations\": [{\"key\": \"o1\", \"name\": \"Uni\", \"type\": \"education\"},\n"
    "                     {\"key\": \"o2\", \"name\": \"Works\", \"type\": \"manufacturer\"}],\n"
    " \"memberships\": [{\"cluster\": \"tomsk\", \"organisation\": \"o1\", \"role\": "
    "\"anchor\", \"source\": \"s1\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"tomsk\", \"fact\": "
    "\"organisation_count\", \"year\": 2019, \"value\": \"40\", \"status\": \"stated\", "
    "\"source\": \"s1\", \"locator\": \"p. 3\", \"quote\": \"40 участников\"},\n"
    "           {\"subject_kind\": \"country\", \"subject\": \"RU\", \"fact\": "
    "\"foreign_patients\", \"value\": \"10\", \"status\": \"stated\", \"source\": \"s1\"}]}\n";

typedef struct {
    char *dir, *path;
    cs_service *svc;
    int n_files;
} history_fixture;

static void import_text(history_fixture *f, const char *json)
{
    char name[32];
    snprintf(name, sizeof name, "in%d.json", f->n_files++);
    char *p = st_write(f->dir, name, json);
    const char *paths[] = { p };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("importing %s: %s", name, cs_error_last());
    free(p);
}

static long long revisions_in_file(history_fixture *f)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM revision", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static int setup(void **state)
{
    history_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    if (cs_service_create(f->path) || cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    import_text(f, registry_json);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    history_fixture *f = *state;
    cs_service_close(f->svc);
    st_dir_remove(f->dir);
    free(f->path);
    free(f);
    return 0;
}

/* The revision of TARGET/FIELD in R, newest first; NULL when none. */
static const cs_service_revision *find(const cs_service_revisions *r, const char *target,
                                       const char *field)
{
    for (size_t i = 0; i < cs_service_revisions_count(r); i++) {
        const cs_service_revision *x = cs_service_revisions_at(r, i);
        if (strcmp(x->target, target) == 0 && strcmp(x->field, field) == 0)
            return x;
    }
    return NULL;
}

static void test_fresh_import(void **state)
{
    history_fixture *f = *state;
    /* tomsk: name_en, country, city, source; other: name_en, country; 2 facts; tomsk's one
     * membership */
    assert_int_equal(revisions_in_file(f), 4 + 2 + 2 + 1);
    cs_service_revisions *r = NULL;
    assert_int_equal(cs_service_history(&r, f->svc, "tomsk"), 0);
    assert_int_equal(cs_service_revisions_count(r), 4 + 1 + 1);
    for (size_t i = 1; i < cs_service_revisions_count(r); i++)
        assert_true(cs_service_revisions_at(r, i - 1)->id > cs_service_revisions_at(r, i)->id);
    const cs_service_revision *city = find(r, "profile", "city");
    assert_non_null(city);
    assert_int_equal(city->has_old, 0);
    assert_int_equal(city->has_new, 1);
    assert_string_equal(city->new_value, "Tomsk");
    assert_string_equal(city->author, "import");
    assert_string_equal(city->action, "import");
    assert_string_equal(city->source, "s1");
    assert_int_equal(strlen(city->time), 20);
    assert_true(city->time[4] == '-' && city->time[10] == 'T' && city->time[19] == 'Z');
    assert_null(find(r, "profile", "region")); /* empty: nothing changed */
    const cs_service_revision *fact = find(r, "fact", "organisation_count");
    assert_non_null(fact);
    assert_int_equal(fact->year, 2019);
    assert_string_equal(fact->new_value, "40");
    assert_string_equal(fact->locator, "p. 3");
    assert_string_equal(fact->quote, "40 участников");
    /* memberships of a fresh registry are bulk-loaded and counted per cluster */
    assert_null(find(r, "membership", "o1"));
    const cs_service_revision *member = find(r, "membership", "*");
    assert_non_null(member);
    assert_int_equal(member->has_old, 0);
    assert_string_equal(member->new_value, "1");
    assert_string_equal(member->source, "s1");
    assert_string_equal(member->locator, "in0.json");
    assert_null(find(r, "fact", "foreign_patients")); /* Russia's, not the cluster's */
    cs_service_revisions_free(r);
}

static void test_changes_only(void **state)
{
    history_fixture *f = *state;
    long long before = revisions_in_file(f);
    import_text(f, registry_json);
    assert_int_equal(revisions_in_file(f), before); /* nothing changed, nothing recorded */

    /* the city and the fact's value change; a membership is added on the ordinary path */
    import_text(f, "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
                   " \"clusters\": [{\"key\": \"tomsk\", \"name_en\": \"Tomsk\", \"country\": "
                   "\"RU\", \"city\": \"Томск\", \"source\": \"s1\"}],\n"
                   " \"memberships\": [{\"cluster\": \"tomsk\", \"organisation\": \"o2\"}],\n"
                   " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"tomsk\", "
                   "\"fact\": \"organisation_count\", \"year\": 2019, \"value\": \">45\", "
                   "\"status\": \"stated\", \"source\": \"s2\", \"locator\": \"p. 9\"}]}\n");
    assert_int_equal(revisions_in_file(f), before + 3);
    cs_service_revisions *r = NULL;
    assert_int_equal(cs_service_history(&r, f->svc, "tomsk"), 0);
    /* newest first: the three of the last import lead, the memberships' count last written */
    const cs_service_revision *fact = cs_service_revisions_at(r, 1);
    assert_string_equal(fact->target, "fact");
    assert_int_equal(fact->has_old, 1);
    assert_string_equal(fact->old_value, "40");
    assert_string_equal(fact->new_value, ">45");
    assert_string_equal(fact->source, "s2");
    assert_string_equal(fact->quote, "");
    const cs_service_revision *member = cs_service_revisions_at(r, 0);
    assert_string_equal(member->target, "membership");
    assert_string_equal(member->field, "*");
    assert_string_equal(member->new_value, "1");
    assert_string_equal(member->source, ""); /* none given */
    assert_string_equal(member->locator, "in2.json");
    const cs_service_revision *city = cs_service_revisions_at(r, 2);
    assert_string_equal(city->field, "city");
    assert_string_equal(city->old_value, "Tomsk");
    assert_string_equal(city->new_value, "Томск");
    /* the earlier value stays in the history */
    assert_int_equal(cs_service_revisions_count(r), 6 + 3);
    cs_service_revisions_free(r);

    /* emptying a field is a revision with no new value */
    import_text(f, "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
                   " \"clusters\": [{\"key\": \"tomsk\", \"name_en\": \"Tomsk\", \"country\": "
                   "\"RU\", \"source\": \"s1\"}]}\n");
    assert_int_equal(cs_service_history(&r, f->svc, "tomsk"), 0);
    const cs_service_revision *emptied = cs_service_revisions_at(r, 0);
    assert_string_equal(emptied->field, "city");
    assert_string_equal(emptied->old_value, "Томск");
    assert_int_equal(emptied->has_new, 0);
    cs_service_revisions_free(r);
}

/* Memberships added: one revision per cluster and import, with the count, the files (each once,
 * in order) and the source when they share one; a changed membership keeps its own revision. */
static void test_membership_summaries(void **state)
{
    history_fixture *f = *state;
    long long before = revisions_in_file(f);
    char *a = st_write(f->dir, "a.csv",
                       "cluster,organisation,role,source\ntomsk,o2,member,s1\nother,o1,member,s1\n"
                       "other,o2,partner,s2\n");
    char *b = st_write(f->dir, "b.json",
                       "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
                       " \"organisations\": [{\"key\": \"o3\", \"name\": \"Lab\", "
                       "\"type\": \"research\"}],\n"
                       " \"memberships\": [{\"cluster\": \"other\", \"organisation\": "
                       "\"o3\", \"source\": \"s1\"}, {\"cluster\": \"tomsk\", \"organisation\": "
                       "\"o1\", \"role\": \"partner\", \"source\": \"s1\"}]}\n");
    const char *paths[] = { a, b };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 2, NULL))
        fail_msg("importing: %s", cs_error_last());
    free(a);
    free(b);
    /* tomsk: o2 added, o1 changed (anchor to partner); other: o1, o2, o3 added */
    assert_int_equal(revisions_in_file(f), before + 3);
    cs_service_revisions *r = NULL;
    assert_int_equal(cs_service_history(&r, f->svc, "other"), 0);
    const cs_service_revision *sum = cs_service_revisions_at(r, 0);
    assert_string_equal(sum->field, "*");
    assert_string_equal(sum->new_value, "3");
    assert_string_equal(sum->source, ""); /* s1 and s2 */
    assert_string_equal(sum->locator, "a.csv, b.json");
    assert_string_equal(sum->author, "import");
    cs_service_revisions_free(r);
    assert_int_equal(cs_service_history(&r, f->svc, "tomsk"), 0);
    const cs_service_revision *changed = find(r, "membership", "o1");
    assert_non_null(changed);
    assert_string_equal(changed->new_value, "partner");
    sum = find(r, "membership", "*"); /* newest first: this import's */
    assert_string_equal(sum->new_value, "1");
    assert_string_equal(sum->source, "s1");
    assert_string_equal(sum->locator, "a.csv");
    cs_service_revisions_free(r);
}

static void test_unknown_cluster(void **state)
{
    history_fixture *f = *state;
    cs_service_revisions *r = NULL;
    assert_int_equal(cs_service_history(&r, f->svc, "nope"), CS_ENOTFOUND);
    assert_null(r);
    assert_non_null(strstr(cs_error_last(), "no cluster with key 'nope'"));
    assert_int_equal(cs_service_history(&r, f->svc, "other"), 0);
    assert_int_equal(cs_service_revisions_count(r), 2);
    cs_service_revisions_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh_import, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_membership_summaries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_cluster, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
