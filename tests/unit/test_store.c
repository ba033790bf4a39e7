/*
 * The store on registries in temporary files: creating (with the built-in fact definitions),
 * opening, refusing what is not a registry, migrating an older schema, counting, and the readers
 * (clusters, sources, countries, fact definitions, facts with those the memberships imply).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/ingest.h"
#include "clusterscope/store.h"
#include "store_test_util.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

static const char registry_json[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"sources\": [{\"key\": \"s1\", \"title\": \"Source one\", \"date\": \"2019-05\"},\n"
    "               {\"key\": \"a-src\", \"title\": \"A source\"}],\n"
    " \"countries\": [{\"code\": \"FR\", \"name_en\": \"France\"},\n"
    "                 {\"code\": \"DE\", \"name_en\": \"Germany\", \"name_ru\": \"Германия\"}],\n"
    " \"clusters\": [{\"key\": \"zeta\", \"name_en\": \"Zeta\", \"country\": \"DE\", \"lat\": "
    "52.5,\n"
    "                \"lon\": 13.25, \"founded\": 2001, \"source\": \"s1\"},\n"
    "               {\"key\": \"alpha\", \"name_en\": \"Alpha\", \"country\": \"FR\"}],\n"
    " \"organisations\": [{\"key\": \"o1\", \"name\": \"Clinic\", \"type\": \"clinic\"},\n"
    "                     {\"key\": \"o2\", \"name\": \"Start\", \"type\": \"startup\"},\n"
    "                     {\"key\": \"o3\", \"name\": \"Works\", \"type\": \"manufacturer\"}],\n"
    " \"memberships\": [{\"cluster\": \"zeta\", \"organisation\": \"o1\"},\n"
    "                   {\"cluster\": \"zeta\", \"organisation\": \"o2\"},\n"
    "                   {\"cluster\": \"zeta\", \"organisation\": \"o3\", \"left\": \"2020\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"alpha\", \"fact\": "
    "\"organisation_count\",\n"
    "             \"value\": \"12\", \"status\": \"stated\", \"source\": \"s1\"},\n"
    "           {\"subject_kind\": \"country\", \"subject\": \"DE\", \"fact\": "
    "\"foreign_patients\",\n"
    "            \"year\": 2018, \"value\": \">250000\", \"status\": \"stated\", \"source\": "
    "\"s1\"}]}\n";

/* A registry with the data above. */
static int setup(void **state)
{
    st_setup(state);
    fixture *f = *state;
    cs_import_stats stats;
    if (cs_import_json_buffer(&stats, f->store, registry_json, strlen(registry_json), "reg.json",
                              NULL))
        fail_msg("importing the fixture: %s", cs_error_last());
    return 0;
}

static void test_create_and_open(void **state)
{
    (void)state;
    /* an in-memory registry (scenarios, fuzz targets) is created without a WAL, which needs a
     * file: this failed once every registry opened for writing was switched to WAL */
    cs_store *mem = NULL;
    assert_int_equal(cs_store_open(&mem, ":memory:", CS_STORE_CREATE), 0);
    cs_store_close(mem);
    char *dir = st_dir();
    char *path = st_path(dir, "new.db");
    cs_store *store = NULL;

    /* opening what does not exist: not found, with the advice to create or name a registry */
    assert_int_equal(cs_store_open(&store, path, CS_STORE_OPEN), CS_ENOTFOUND);
    assert_null(store);
    assert_int_equal(cs_error_advice(), CS_ADVICE_REGISTRY);
    char expected[4200];
    snprintf(expected, sizeof expected, "no registry at %s", path);
    assert_string_equal(cs_error_last(), expected);

    assert_int_equal(cs_store_open(&store, path, CS_STORE_CREATE), 0);
    assert_string_equal(cs_store_path(store), path);
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, store), 0);
    /* a new registry holds the built-in definitions and nothing else */
    const cs_fact_definitions *builtin = NULL;
    assert_int_equal(cs_fact_definitions_builtin(&builtin), 0);
    assert_true(cs_fact_definitions_count(builtin) > 30);
    assert_int_equal(n.fact_definitions, (long long)cs_fact_definitions_count(builtin));
    assert_int_equal(n.sources + n.countries + n.regions + n.clusters + n.organisations +
                         n.memberships + n.facts + n.assessment_runs + n.assessment_scores +
                         n.reference_sets + n.reference_types + n.reference_traits +
                         n.reference_assignments + n.partitions + n.partition_groups +
                         n.partition_members,
                     0);
    cs_store_close(store);

    /* creating over an existing file is refused, and leaves it alone */
    assert_int_equal(cs_store_open(&store, path, CS_STORE_CREATE), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "already exists"));
    assert_int_equal(cs_store_open(&store, path, CS_STORE_READONLY), 0);
    assert_int_equal(cs_store_schema_version(), 13);
    cs_store_close(store);
    free(path);
    st_dir_remove(dir);
}

/* Makes an SQLite file with the given SQL, outside the library. */
static void raw_db(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s", msg);
    sqlite3_close(db);
}

static void test_refuses_other_databases(void **state)
{
    (void)state;
    char *dir = st_dir();
    char *foreign = st_path(dir, "foreign.db"), *newer = st_path(dir, "newer.db");
    cs_store *store = NULL;
    raw_db(foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    assert_int_equal(cs_store_open(&store, foreign, CS_STORE_OPEN), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "not a clusterscope registry"));
    assert_null(strstr(cs_error_last(), "clusterscope init"));
    assert_int_equal(cs_error_advice(), CS_ADVICE_REGISTRY);
    assert_int_equal(cs_store_open(&store, foreign, CS_STORE_READONLY), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "not a clusterscope registry"));
    assert_int_equal(cs_error_advice(), CS_ADVICE_REGISTRY);
    /* another program's database with a user_version of its own is not "newer" */
    raw_db(newer, "CREATE TABLE t (x); PRAGMA user_version = 99;");
    assert_int_equal(cs_store_open(&store, newer, CS_STORE_READONLY), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "not a clusterscope registry"));
    assert_null(strstr(cs_error_last(), "newer than"));
    remove(newer);
    raw_db(newer, "CREATE TABLE fact_definition (x); CREATE TABLE cluster (x); "
                  "PRAGMA user_version = 99;");
    for (int mode = CS_STORE_OPEN; mode <= CS_STORE_READONLY; mode += 2) {
        assert_int_equal(cs_store_open(&store, newer, (cs_store_mode)mode), CS_EDB);
        assert_non_null(strstr(cs_error_last(), "schema version 99, newer than"));
        assert_int_equal(cs_error_advice(), CS_ADVICE_NEWER_SOFTWARE);
        assert_null(strstr(cs_error_last(), "migrate"));
    }
    assert_null(store);
    free(foreign);
    free(newer);
    st_dir_remove(dir);
}

/* Only creating makes a registry: an empty file, a folder, a text file or an empty name is
 * refused by every opening, and left as it was. */
static void test_refuses_what_is_not_a_registry(void **state)
{
    (void)state;
    char *dir = st_dir();
    char *empty = st_path(dir, "empty.db"), *text = st_path(dir, "text.db");
    cs_store *store = NULL;
    FILE *f = fopen(empty, "w");
    assert_non_null(f);
    fclose(f);
    for (int mode = CS_STORE_OPEN; mode <= CS_STORE_READONLY; mode += 2) {
        assert_int_equal(cs_store_open(&store, empty, (cs_store_mode)mode), CS_EDATA);
        assert_non_null(strstr(cs_error_last(), "an empty file, not a clusterscope registry"));
        assert_int_equal(cs_error_advice(), CS_ADVICE_REGISTRY);
        assert_null(store);
        struct stat sb;
        assert_int_equal(stat(empty, &sb), 0);
        assert_int_equal(sb.st_size, 0); /* not turned into a registry */
        assert_int_equal(cs_store_open(&store, dir, (cs_store_mode)mode), CS_EDATA);
        assert_non_null(strstr(cs_error_last(), "(a folder)"));
        assert_int_equal(cs_store_open(&store, "", (cs_store_mode)mode), CS_EUSAGE);
        assert_non_null(strstr(cs_error_last(), "empty"));
    }
    f = fopen(text, "w");
    assert_non_null(f);
    fputs("key,name_en\nx,y\n", f);
    fclose(f);
    assert_int_equal(cs_store_open(&store, text, CS_STORE_READONLY), CS_EDATA);
    assert_non_null(
        strstr(cs_error_last(), "not a clusterscope registry (not an SQLite database)"));
    /* creating may fill an empty file (as mktemp makes one), never one with contents */
    assert_int_equal(cs_store_open(&store, text, CS_STORE_CREATE), CS_EUSAGE);
    assert_int_equal(cs_store_open(&store, empty, CS_STORE_CREATE), 0);
    cs_store_close(store);
    assert_int_equal(cs_store_open(&store, empty, CS_STORE_READONLY), 0);
    cs_store_close(store);
    free(empty);
    free(text);
    st_dir_remove(dir);
}

/* A registry of schema 1 (before the typology) opens read-only only once migrated. */
static void test_migrates_schema_1(void **state)
{
    (void)state;
    char *dir = st_dir();
    char *path = st_path(dir, "old.db");
    char *schema = st_read("src/store/migrations/0001_registry.sql");
    raw_db(path, schema);
    raw_db(path, "PRAGMA user_version = 1; INSERT INTO country VALUES ('DE', 'Germany', NULL);");
    free(schema);
    cs_store *store = NULL;
    assert_int_equal(cs_store_open(&store, path, CS_STORE_READONLY), CS_EDB);
    assert_non_null(strstr(cs_error_last(), "schema version 1, expected 13"));
    assert_int_equal(cs_error_advice(), CS_ADVICE_MIGRATE);
    assert_int_equal(cs_store_open(&store, path, CS_STORE_OPEN), 0);
    cs_store_close(store);
    assert_int_equal(cs_store_open(&store, path, CS_STORE_READONLY), 0);
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, store), 0);
    assert_int_equal(n.countries, 1);
    assert_int_equal(n.partitions, 0); /* the table exists now */
    assert_int_equal(n.fact_definitions, 0);
    cs_store_close(store);
    free(path);
    st_dir_remove(dir);
}

static void test_counts(void **state)
{
    fixture *f = *state;
    cs_store_counts n;
    assert_int_equal(cs_store_count(&n, f->store), 0);
    assert_int_equal(n.sources, 2);
    assert_int_equal(n.countries, 2);
    assert_int_equal(n.regions, 0);
    assert_int_equal(n.clusters, 2);
    assert_int_equal(n.organisations, 3);
    assert_int_equal(n.memberships, 3);
    assert_int_equal(n.facts, 2);
}

static void test_clusters(void **state)
{
    fixture *f = *state;
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_store_clusters(&list, f->store, NULL), 0);
    assert_int_equal(cs_cluster_list_count(list), 2);
    const cs_cluster_info *a = cs_cluster_list_at(list, 0), *z = cs_cluster_list_at(list, 1);
    assert_string_equal(a->key, "alpha"); /* sorted by key, not by import order */
    assert_string_equal(a->name_ru, "");  /* unknown is "", not NULL */
    assert_false(a->has_coordinates);
    assert_int_equal(a->founded, 0);
    assert_string_equal(z->key, "zeta");
    assert_string_equal(z->country, "DE");
    assert_string_equal(z->source, "s1");
    assert_true(z->has_coordinates);
    assert_true(z->lat == 52.5 && z->lon == 13.25);
    assert_int_equal(z->founded, 2001);
    assert_null(cs_cluster_list_at(list, 2));
    cs_cluster_list_free(list);

    assert_int_equal(cs_store_clusters(&list, f->store, "zeta"), 0);
    assert_int_equal(cs_cluster_list_count(list), 1);
    cs_cluster_list_free(list);
    assert_int_equal(cs_store_clusters(&list, f->store, "nowhere"), CS_ENOTFOUND);
    assert_null(list);
    assert_non_null(strstr(cs_error_last(), "no cluster with key 'nowhere'"));
}

static void test_sources_and_countries(void **state)
{
    fixture *f = *state;
    cs_source_list *sources = NULL;
    assert_int_equal(cs_store_sources(&sources, f->store), 0);
    assert_int_equal(cs_source_list_count(sources), 2);
    assert_string_equal(cs_source_list_at(sources, 0)->key, "a-src");
    const cs_source_record *s1 = cs_source_list_find(sources, "s1");
    assert_non_null(s1);
    assert_string_equal(s1->title, "Source one");
    assert_string_equal(s1->date, "2019-05");
    assert_string_equal(s1->url, "");
    assert_null(cs_source_list_find(sources, "s2"));
    cs_source_list_free(sources);

    cs_country_list *countries = NULL;
    assert_int_equal(cs_store_countries(&countries, f->store), 0);
    assert_int_equal(cs_country_list_count(countries), 2);
    assert_string_equal(cs_country_list_at(countries, 0)->code, "DE");
    assert_string_equal(cs_country_list_find(countries, "DE")->name_ru, "Германия");
    assert_string_equal(cs_country_list_find(countries, "FR")->name_ru, "");
    assert_null(cs_country_list_find(countries, "RU"));
    cs_country_list_free(countries);
}

static void test_fact_definitions(void **state)
{
    fixture *f = *state;
    cs_fact_definitions *defs = NULL;
    assert_int_equal(cs_store_fact_definitions(&defs, f->store), 0);
    const cs_fact_definitions *builtin = NULL;
    assert_int_equal(cs_fact_definitions_builtin(&builtin), 0);
    assert_int_equal(cs_fact_definitions_count(defs), cs_fact_definitions_count(builtin));
    /* sorted by subject kind, then name; every built-in one stored as it is */
    for (size_t i = 1; i < cs_fact_definitions_count(defs); i++) {
        const cs_fact_definition *p = cs_fact_definitions_at(defs, i - 1);
        const cs_fact_definition *d = cs_fact_definitions_at(defs, i);
        int order =
            strcmp(cs_subject_kind_name(p->subject_kind), cs_subject_kind_name(d->subject_kind));
        assert_true(order < 0 || (order == 0 && strcmp(p->name, d->name) < 0));
    }
    for (size_t i = 0; i < cs_fact_definitions_count(builtin); i++) {
        const cs_fact_definition *b = cs_fact_definitions_at(builtin, i);
        const cs_fact_definition *d = cs_fact_definitions_find(defs, b->subject_kind, b->name);
        assert_non_null(d);
        assert_int_equal(d->type, b->type);
        assert_string_equal(d->levels, b->levels);
        assert_string_equal(d->unit, b->unit);
        assert_string_equal(d->label_ru, b->label_ru);
    }
    const cs_fact_definition *esca =
        cs_fact_definitions_find(defs, CS_SUBJECT_CLUSTER, "esca_label");
    assert_non_null(esca);
    assert_int_equal(esca->type, CS_FACT_LEVEL);
    assert_true(strchr(esca->levels, '|') != NULL);
    cs_fact_definitions_free(defs);
}

static void test_load_facts(void **state)
{
    fixture *f = *state;
    cs_factset *set = NULL;
    assert_int_equal(cs_factset_new(&set), 0);
    assert_int_equal(cs_store_load_facts(set, f->store, NULL, NULL, 0), 0);
    /* stated facts, parsed by their definitions */
    const cs_fact *stated =
        cs_factset_get(set, CS_SUBJECT_CLUSTER, "alpha", "organisation_count", 0);
    assert_non_null(stated);
    assert_int_equal(stated->status, CS_STATUS_STATED);
    assert_true(stated->value.lo == 12 && stated->value.hi == 12);
    assert_true(stated->id > 0);
    const cs_fact *patients = cs_factset_get(set, CS_SUBJECT_COUNTRY, "DE", "foreign_patients", 0);
    assert_non_null(patients);
    assert_int_equal(patients->year, 2018);
    assert_string_equal(patients->raw, ">250000");
    assert_true(patients->value.lo == 250000 && patients->value.lo_open &&
                isinf(patients->value.hi));
    /* derived from zeta's current memberships (o3 left): two members, one a startup, a clinic */
    const cs_fact *count = cs_factset_get(set, CS_SUBJECT_CLUSTER, "zeta", "organisation_count", 0);
    assert_non_null(count);
    assert_int_equal(count->status, CS_STATUS_DERIVED);
    assert_string_equal(count->source, CS_SOURCE_MEMBERSHIPS);
    assert_string_equal(count->raw, ">=2");
    assert_string_equal(count->locator, "2 current memberships");
    const cs_fact *startups = cs_factset_get(set, CS_SUBJECT_CLUSTER, "zeta", "startups", 0);
    assert_non_null(startups);
    assert_string_equal(startups->raw, ">=1");
    const cs_fact *clinic =
        cs_factset_get(set, CS_SUBJECT_CLUSTER, "zeta", "member_type.clinic", 0);
    assert_non_null(clinic);
    assert_int_equal(clinic->value.kind, CS_VALUE_BOOL);
    assert_int_equal(clinic->value.boolean, 1);
    assert_null(cs_factset_get(set, CS_SUBJECT_CLUSTER, "zeta", "member_type.manufacturer", 0));
    assert_int_equal(cs_factset_count(set), 5);
    cs_factset_free(set);

    /* only the facts asked for, derived ones included */
    cs_subject_kind kinds[] = { CS_SUBJECT_CLUSTER };
    const char *names[] = { "organisation_count" };
    assert_int_equal(cs_factset_new(&set), 0);
    assert_int_equal(cs_store_load_facts(set, f->store, kinds, names, 1), 0);
    assert_int_equal(cs_factset_count(set), 2);
    assert_non_null(cs_factset_get(set, CS_SUBJECT_CLUSTER, "zeta", "organisation_count", 0));
    assert_null(cs_factset_get(set, CS_SUBJECT_CLUSTER, "zeta", "member_type.clinic", 0));
    assert_null(cs_factset_get(set, CS_SUBJECT_COUNTRY, "DE", "foreign_patients", 0));
    cs_factset_free(set);
}

/* The development schema (migration 0012) holds its invariants itself, whatever writes to it:
 * an award above its request, a listing that ends before it starts, a link from an
 * organisation to itself and two stages at one position are refused by the registry. */
static void test_development_invariants(void **state)
{
    fixture *f = *state;
    char *path = st_path(f->dir, "reg.db");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    free(path);
    const char *setup =
        "PRAGMA foreign_keys = ON;"
        "INSERT INTO source (key, title) VALUES ('s', 'S');"
        "INSERT INTO country (code, name_en) VALUES ('RU', 'Russia');"
        "INSERT INTO cluster (key, name_en, country) VALUES ('c', 'C', 'RU');"
        "INSERT INTO organisation (key, name, type) VALUES ('a', 'A', 'firm'), ('b', 'B', 'firm');"
        "INSERT INTO programme (key, kind, name_en) VALUES ('p', 'support', 'P');"
        "INSERT INTO programme_round (programme, round, year) VALUES ('p', '2013', 2013);"
        "INSERT INTO application (programme, round, cluster, requested, awarded)"
        " VALUES ('p', '2013', 'c', 100, 100);"
        "INSERT INTO listing (programme, cluster, entered, left_on) VALUES ('p', 'c', '2019-03-26',"
        " '2019-03-26');"
        "INSERT INTO chain_stage (cluster, stage, position) VALUES ('c', 's1', 1);"
        "INSERT INTO link (cluster, source_org, target_org, kind, source)"
        " VALUES ('c', 'a', 'b', 'supply', 's');";
    char *msg = NULL;
    if (sqlite3_exec(db, setup, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("the schema refused valid rows: %s", msg);
    static const char *const refused[] = {
        "UPDATE application SET awarded = 101",
        "INSERT INTO application (programme, round, cluster) VALUES ('p', '2014', 'c')",
        "UPDATE listing SET left_on = '2019-03-25'",
        "INSERT INTO link (cluster, source_org, target_org, kind, source)"
        " VALUES ('c', 'a', 'a', 'other', 's')",
        "INSERT INTO link (cluster, source_org, target_org, kind, source)"
        " VALUES ('c', 'a', 'z', 'other', 's')",
        "INSERT INTO chain_stage (cluster, stage, position) VALUES ('c', 's2', 1)",
        "INSERT INTO programme (key, kind, name_en) VALUES ('q', 'fund', 'Q')",
        "INSERT INTO programme_round (programme, round, year, applications, awards)"
        " VALUES ('p', '2014', 2014, 2, 3)",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (sqlite3_exec(db, refused[i], NULL, NULL, NULL) == SQLITE_OK)
            fail_msg("the schema accepted: %s", refused[i]);
    }
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_and_open),
        cmocka_unit_test(test_refuses_other_databases),
        cmocka_unit_test(test_refuses_what_is_not_a_registry),
        cmocka_unit_test(test_migrates_schema_1),
        cmocka_unit_test_setup_teardown(test_counts, setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_clusters, setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_sources_and_countries, setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_fact_definitions, setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_load_facts, setup, st_teardown),
        cmocka_unit_test_setup_teardown(test_development_invariants, st_setup, st_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
