/*
 * The web observatory's read use cases (service.h, service_read.c): a cluster's members with
 * their organisations, one subject's facts in page order, the regions, read transactions that
 * keep one state of the registry while a writer commits, and WAL mode on a registry opened for
 * writing.
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
    " \"sources\": [{\"key\": \"s1\", \"title\": \"Source one\"}],\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\", \"name_ru\": \"Россия\"},\n"
    "                 {\"code\": \"DE\", \"name_en\": \"Germany\"}],\n"
    " \"regions\": [{\"key\": \"ru-tom\", \"country\": \"RU\", \"name_en\": \"Tomsk Oblast\",\n"
    "               \"name_ru\": \"Томская область\"},\n"
    "              {\"key\": \"de-be\", \"country\": \"DE\", \"name_en\": \"Berlin\"}],\n"
    " \"clusters\": [{\"key\": \"tomsk\", \"name_en\": \"Tomsk pharma\", \"country\": \"RU\",\n"
    "                \"region\": \"ru-tom\"},\n"
    "               {\"key\": \"empty\", \"name_en\": \"Empty\", \"country\": \"DE\"}],\n"
    " \"organisations\": [{\"key\": \"o1\", \"name\": \"Сибирский медицинский университет\",\n"
    "                      \"type\": \"education\", \"note\": \"<b>n</b>\"},\n"
    "                     {\"key\": \"o2\", \"name\": \"Acme Pharma\", \"type\": "
    "\"manufacturer\"}],\n"
    " \"memberships\": [{\"cluster\": \"tomsk\", \"organisation\": \"o1\", \"role\": \"anchor\",\n"
    "                    \"value_chain_stage\": \"research\", \"source\": \"s1\"},\n"
    "                   {\"cluster\": \"tomsk\", \"organisation\": \"o2\", \"left\": \"2020\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"tomsk\", \"fact\": "
    "\"organisation_count\", \"year\": 2019, \"value\": \"40\", \"status\": \"stated\", "
    "\"source\": \"s1\", \"locator\": \"p. 3\", \"quote\": \"40 участников\"},\n"
    "           {\"subject_kind\": \"cluster\", \"subject\": \"tomsk\", \"fact\": "
    "\"organisation_count\", \"year\": 2015, \"value\": \"30\", \"status\": \"stated\", "
    "\"source\": \"s1\"},\n"
    "           {\"subject_kind\": \"cluster\", \"subject\": \"empty\", \"fact\": "
    "\"organisation_count\", \"value\": \"7\", \"status\": \"stated\", \"source\": \"s1\"}]}\n";

typedef struct {
    char *dir, *path;
    cs_service *svc;
} read_fixture;

static int setup(void **state)
{
    read_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    char *json = st_write(f->dir, "reg.json", registry_json);
    const char *paths[] = { json };
    cs_import_stats stats;
    if (cs_service_create(f->path) || cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE) ||
        cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("making the registry: %s", cs_error_last());
    free(json);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    read_fixture *f = *state;
    cs_service_close(f->svc);
    st_dir_remove(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static void test_members(void **state)
{
    read_fixture *f = *state;
    cs_service_member_list *m = NULL;
    assert_int_equal(cs_service_members(&m, f->svc, "tomsk"), 0);
    assert_int_equal(cs_service_members_count(m), 2);
    /* by name: Latin before Cyrillic in byte order */
    const cs_service_member *a = cs_service_members_at(m, 0);
    assert_string_equal(a->organisation, "o2");
    assert_string_equal(a->name_en, "Acme Pharma");
    assert_string_equal(a->name_ru, "");
    assert_string_equal(a->type, "manufacturer");
    assert_string_equal(a->role, "member");
    assert_string_equal(a->stage, "");
    assert_string_equal(a->left_on, "2020");
    const cs_service_member *b = cs_service_members_at(m, 1);
    assert_string_equal(b->organisation, "o1");
    assert_string_equal(b->name_ru, "Сибирский медицинский университет");
    assert_string_equal(b->name_en, b->name_ru);
    assert_string_equal(b->role, "anchor");
    assert_string_equal(b->stage, "research");
    assert_string_equal(b->source, "s1");
    assert_string_equal(b->note, "<b>n</b>");
    assert_string_equal(b->locator, "");
    assert_string_equal(b->left_on, "");
    assert_null(cs_service_members_at(m, 2));
    cs_service_members_free(m);

    assert_int_equal(cs_service_members(&m, f->svc, "empty"), 0);
    assert_int_equal(cs_service_members_count(m), 0);
    cs_service_members_free(m);

    assert_int_equal(cs_service_members(&m, f->svc, "nope"), CS_ENOTFOUND);
    assert_null(m);
    assert_non_null(strstr(cs_error_last(), "no cluster with key 'nope'"));
}

static void test_subject_facts(void **state)
{
    read_fixture *f = *state;
    cs_factset *set = NULL;
    assert_int_equal(cs_service_subject_facts(&set, f->svc, CS_SUBJECT_CLUSTER, "tomsk"), 0);
    /* two stated years, then the fact the one current membership implies and no record states
     * (an education member counts toward member_type.research_education; organisation_count
     * is stated, so not derived) */
    assert_int_equal(cs_factset_count(set), 3);
    const cs_fact *first = cs_factset_at(set, 0);
    assert_string_equal(first->name, "organisation_count");
    assert_int_equal(first->year, 2015);
    assert_string_equal(first->raw, "30");
    const cs_fact *second = cs_factset_at(set, 1);
    assert_int_equal(second->year, 2019);
    assert_string_equal(second->locator, "p. 3");
    assert_string_equal(second->quote, "40 участников");
    for (size_t i = 0; i < cs_factset_count(set); i++)
        assert_string_equal(cs_factset_at(set, i)->subject, "tomsk");
    assert_non_null(
        cs_factset_get(set, CS_SUBJECT_CLUSTER, "tomsk", "member_type.research_education", 0));
    assert_null(cs_factset_at(set, 3));
    cs_factset_free(set);

    assert_int_equal(cs_service_subject_facts(&set, f->svc, CS_SUBJECT_CLUSTER, "empty"), 0);
    assert_int_equal(cs_factset_count(set), 1);
    assert_string_equal(cs_factset_at(set, 0)->raw, "7");
    cs_factset_free(set);

    /* a country of that code holds no facts; a subject that is nowhere: an empty set */
    assert_int_equal(cs_service_subject_facts(&set, f->svc, CS_SUBJECT_COUNTRY, "tomsk"), 0);
    assert_int_equal(cs_factset_count(set), 0);
    cs_factset_free(set);
}

static void test_regions(void **state)
{
    read_fixture *f = *state;
    cs_region_list *r = NULL;
    assert_int_equal(cs_service_regions(&r, f->svc), 0);
    assert_int_equal(cs_region_list_count(r), 2);
    assert_string_equal(cs_region_list_at(r, 0)->key, "de-be");
    assert_string_equal(cs_region_list_at(r, 0)->name_ru, "");
    const cs_region_info *tom = cs_region_list_find(r, "ru-tom");
    assert_non_null(tom);
    assert_string_equal(tom->country, "RU");
    assert_string_equal(tom->name_ru, "Томская область");
    assert_null(cs_region_list_find(r, "ru"));
    cs_region_list_free(r);
}

static long long cluster_count(cs_service *svc)
{
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_service_clusters(&list, svc, NULL), 0);
    long long n = (long long)cs_cluster_list_count(list);
    cs_cluster_list_free(list);
    return n;
}

static void test_read_transaction(void **state)
{
    read_fixture *f = *state;
    /* the writer's registry is in WAL mode, in the file */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);

    cs_service *reader = NULL;
    assert_int_equal(cs_service_open(&reader, f->path, CS_SERVICE_READ), 0);
    assert_int_equal(cs_service_read_begin(reader), 0);
    assert_int_equal(cluster_count(reader), 2);
    /* nested: a usage error, and the open transaction goes on */
    assert_int_equal(cs_service_read_begin(reader), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "already open"));

    /* a writer commits while the reader holds its snapshot: it is not blocked */
    char *more = st_write(f->dir, "more.json",
                          "{\"format\": \"clusterscope-registry\", \"version\": 1, \"clusters\": "
                          "[{\"key\": \"new\", \"name_en\": \"New\", \"country\": \"DE\"}]}");
    const char *paths[] = { more };
    cs_import_stats stats;
    assert_int_equal(cs_service_import(&stats, f->svc, paths, 1, NULL), 0);
    free(more);
    assert_int_equal(cluster_count(f->svc), 3);

    /* the reader still sees the state it began with, then the new one */
    assert_int_equal(cluster_count(reader), 2);
    cs_service_member_list *m = NULL;
    assert_int_equal(cs_service_members(&m, reader, "new"), CS_ENOTFOUND);
    cs_service_read_end(reader);
    assert_int_equal(cluster_count(reader), 3);
    assert_int_equal(cs_service_members(&m, reader, "new"), 0);
    cs_service_members_free(m);
    /* begin again after end */
    assert_int_equal(cs_service_read_begin(reader), 0);
    cs_service_read_end(reader);
    cs_service_close(reader);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_members, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subject_facts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_transaction, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
