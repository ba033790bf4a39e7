/*
 * Search (service.h cs_service_search, store_search.c, search_text.c): Russian word forms, case
 * and ё/е, English stems, every word required, FTS5 syntax in a query read as words, ranking
 * with limit, offset and total, snippets cut at words, the index following an import, a
 * registry of schema 5 given its index when it is migrated, and the refusals.
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
#include "util/buf.h"

static const char registry_json[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"sources\": [{\"key\": \"s1\", \"title\": \"Source one\"}],\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}, {\"code\": \"SE\", "
    "\"name_en\": \"Sweden\"}],\n"
    " \"clusters\": [{\"key\": \"tomsk\", \"name_en\": \"Tomsk pharmaceutical cluster\",\n"
    "                \"name_ru\": \"Фармацевтический кластер «Ёлки»\", \"country\": \"RU\",\n"
    "                \"city\": \"Томск\", \"specialisation\": \"biotechnology\"},\n"
    "               {\"key\": \"lund\", \"name_en\": \"Lund life science\", \"country\": \"SE\",\n"
    "                \"note\": \"one two three four five six seven eight nine ten eleven twelve "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty Biotechnological "
    "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16\"}],\n"
    " \"organisations\": [{\"key\": \"o1\", \"name\": \"Сибирский медицинский университет\", "
    "\"type\": \"education\"}],\n"
    " \"memberships\": [{\"cluster\": \"tomsk\", \"organisation\": \"o1\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"lund\", \"fact\": "
    "\"organisation_count\", \"value\": \">300\", \"status\": \"stated\", \"source\": \"s1\", "
    "\"quote\": \"более 300 участников кластеров\"}]}\n";

typedef struct {
    char *dir, *path;
    cs_service *svc;
} search_fixture;

static void import_text(search_fixture *f, const char *name, const char *json)
{
    char *p = st_write(f->dir, name, json);
    const char *paths[] = { p };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("importing %s: %s", name, cs_error_last());
    free(p);
}

static int setup(void **state)
{
    search_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    if (cs_service_create(f->path) || cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    import_text(f, "reg.json", registry_json);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    search_fixture *f = *state;
    cs_service_close(f->svc);
    st_dir_remove(f->dir);
    free(f->path);
    free(f);
    return 0;
}

/* The hits of QUERY as "kind:key" joined by spaces, in rank order; *total the total. */
static char *hits_of(cs_service *svc, const char *query, size_t limit, size_t offset, size_t *total)
{
    cs_search_hits *h = NULL;
    if (cs_service_search(&h, svc, query, limit, offset))
        fail_msg("searching '%s': %s", query, cs_error_last());
    static char buf[4096];
    buf[0] = '\0';
    for (size_t i = 0; i < cs_search_hits_count(h); i++) {
        const cs_search_hit *x = cs_search_hits_at(h, i);
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s:%s", i ? " " : "", x->kind,
                 x->key);
    }
    if (total)
        *total = cs_search_hits_total(h);
    cs_search_hits_free(h);
    return buf;
}

static void test_word_forms(void **state)
{
    search_fixture *f = *state;
    size_t total = 0;
    /* Russian forms: "кластеры", "кластера", "Кластер" all find «кластер» and «кластеров» */
    assert_string_equal(hits_of(f->svc, "кластеры", 10, 0, &total), "cluster:tomsk fact:lund");
    assert_int_equal(total, 2);
    assert_string_equal(hits_of(f->svc, "КЛАСТЕРА", 10, 0, NULL), "cluster:tomsk fact:lund");
    /* ё and е alike, either way round, any case */
    assert_string_equal(hits_of(f->svc, "елки", 10, 0, NULL), "cluster:tomsk");
    assert_string_equal(hits_of(f->svc, "ЁЛКАМИ", 10, 0, NULL), "cluster:tomsk");
    /* an organisation by its name's word form; English stems */
    assert_string_equal(hits_of(f->svc, "медицинского университета", 10, 0, NULL),
                        "organisation:o1");
    assert_string_equal(hits_of(f->svc, "Biotechnology", 10, 0, NULL),
                        "cluster:tomsk cluster:lund");
    assert_string_equal(hits_of(f->svc, "pharmaceuticals", 10, 0, NULL), "cluster:tomsk");
    /* every word must match */
    assert_string_equal(hits_of(f->svc, "кластер томск", 10, 0, NULL), "cluster:tomsk");
    assert_string_equal(hits_of(f->svc, "кластер sweden", 10, 0, &total), "");
    assert_int_equal(total, 0);
    /* a value as written and a fact's label */
    assert_string_equal(hits_of(f->svc, "300", 10, 0, NULL), "fact:lund");
    assert_string_equal(hits_of(f->svc, "organisations", 10, 0, NULL), "fact:lund");
}

static void test_query_is_words(void **state)
{
    search_fixture *f = *state;
    size_t total = 1;
    /* FTS5 syntax is read as words: no error, and nothing matched through it */
    const char *const attempts[] = { "\"",
                                     "NEAR(томск кластер)",
                                     "томск OR lund",
                                     "lund*",
                                     "-томск",
                                     "head:томск",
                                     "'; DROP TABLE cluster; --",
                                     "^томск",
                                     "томск AND NOT lund" };
    for (size_t i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
        cs_search_hits *h = NULL;
        assert_int_equal(cs_service_search(&h, f->svc, attempts[i], 10, 0), 0);
        cs_search_hits_free(h);
    }
    /* "OR" is a word that must match too: nothing has both томск, lund and "or" */
    assert_string_equal(hits_of(f->svc, "томск OR lund", 10, 0, &total), "");
    assert_int_equal(total, 0);
    assert_string_equal(hits_of(f->svc, "NEAR(томск кластер)", 10, 0, NULL), "");
    assert_string_equal(hits_of(f->svc, "«Томск»!", 10, 0, NULL), "cluster:tomsk");
    /* no words at all: no hits */
    assert_string_equal(hits_of(f->svc, " — ,. ", 10, 0, &total), "");
    assert_int_equal(total, 0);
    assert_string_equal(hits_of(f->svc, "", 10, 0, &total), "");
    /* the registry is untouched */
    size_t n = 0;
    assert_string_equal(hits_of(f->svc, "lund", 10, 0, &n), "cluster:lund fact:lund");
}

static void test_paging_and_snippets(void **state)
{
    search_fixture *f = *state;
    size_t total = 0;
    /* names weigh more: the cluster named so before the fact that quotes it */
    assert_string_equal(hits_of(f->svc, "кластер", 1, 0, &total), "cluster:tomsk");
    assert_int_equal(total, 2);
    assert_string_equal(hits_of(f->svc, "кластер", 1, 1, &total), "fact:lund");
    assert_string_equal(hits_of(f->svc, "кластер", 10, 2, &total), "");
    assert_int_equal(total, 2);
    assert_string_equal(hits_of(f->svc, "кластер", 0, 0, &total), "");
    assert_int_equal(total, 2);

    cs_search_hits *h = NULL;
    assert_int_equal(cs_service_search(&h, f->svc, "biotechnology", 10, 0), 0);
    const cs_search_hit *lund = cs_search_hits_at(h, 1);
    assert_string_equal(lund->title, "Lund life science");
    assert_string_equal(lund->cluster, "lund");
    /* cut at words around the match, as written */
    assert_non_null(strstr(lund->snippet, "Biotechnological"));
    assert_true(strncmp(lund->snippet, "…", strlen("…")) == 0);
    /* six words before the match, fourteen from it */
    assert_true(strncmp(lund->snippet, "…fifteen sixteen", strlen("…fifteen sixteen")) == 0);
    assert_non_null(strstr(lund->snippet, "a12 a13…"));
    assert_null(strstr(lund->snippet, "a14"));
    const char *end = lund->snippet + strlen(lund->snippet) - strlen("…");
    assert_string_equal(end, "…");
    const cs_search_hit *tomsk = cs_search_hits_at(h, 0);
    assert_string_equal(tomsk->title_ru, "Фармацевтический кластер «Ёлки»");
    assert_string_equal(tomsk->kind, "cluster");
    cs_search_hits_free(h);

    assert_int_equal(cs_service_search(&h, f->svc, "участники", 10, 0), 0);
    assert_int_equal(cs_search_hits_count(h), 1);
    const cs_search_hit *fact = cs_search_hits_at(h, 0);
    assert_string_equal(fact->subject_kind, "cluster");
    assert_string_equal(fact->fact, "organisation_count");
    assert_string_equal(fact->cluster, "lund");
    assert_non_null(strstr(fact->snippet, "более 300 участников кластеров"));
    cs_search_hits_free(h);
}

static void test_index_follows_import(void **state)
{
    search_fixture *f = *state;
    import_text(f, "rename.json",
                "{\"format\": \"clusterscope-registry\", \"version\": 1, \"clusters\": [{\"key\": "
                "\"lund\", \"name_en\": \"Medicon Valley\", \"country\": \"SE\"}]}");
    assert_string_equal(hits_of(f->svc, "medicon", 10, 0, NULL), "cluster:lund");
    /* the old note is gone with the update */
    assert_string_equal(hits_of(f->svc, "biotechnology", 10, 0, NULL), "cluster:tomsk");
}

static void test_migration_builds_index(void **state)
{
    search_fixture *f = *state;
    cs_service_close(f->svc);
    f->svc = NULL;
    /* as a registry of schema 5 was: no index */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char sql[1024];
    snprintf(
        sql, sizeof sql,
        "DROP TABLE digest_entry; DROP TABLE digest_text; DROP TABLE digest_issue; DROP TABLE "
        "news_link; DROP TABLE news_qa; DROP TABLE news_item; DROP TABLE link; DROP TABLE "
        "project_stage; DROP TABLE project_member; DROP TABLE project; "
        "DROP TABLE chain_stage; DROP TABLE target; DROP TABLE listing; DROP TABLE application; "
        "DROP TABLE round_share; DROP TABLE programme_round; DROP TABLE programme; "
        "DROP TABLE concordance; DROP TABLE industry; DROP TABLE classification; "
        "DROP INDEX region_parent; ALTER TABLE region DROP COLUMN parent; DROP INDEX region_code; "
        "ALTER TABLE region DROP COLUMN code; "
        "ALTER TABLE region DROP COLUMN type; "
        "DROP TABLE statistic; DROP TABLE session; DROP TABLE registration; DROP TABLE api_token; "
        "DROP TABLE account; "
        "DROP TABLE revision; DROP TABLE "
        "search_index; PRAGMA user_version = 5;");
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* read-only: refused until migrated */
    assert_int_equal(cs_service_open(&f->svc, f->path, CS_SERVICE_READ), CS_EDB);
    assert_int_equal(cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE), 0);
    assert_string_equal(hits_of(f->svc, "ёлки", 10, 0, NULL), "cluster:tomsk");
}

static void test_refusals(void **state)
{
    search_fixture *f = *state;
    char *long_query = malloc(1002);
    memset(long_query, 'a', 1001);
    long_query[1001] = '\0';
    cs_search_hits *h = NULL;
    assert_int_equal(cs_service_search(&h, f->svc, long_query, 10, 0), CS_EUSAGE);
    assert_null(h);
    assert_non_null(strstr(cs_error_last(), "1001 bytes long; at most 1000"));
    free(long_query);
    assert_int_equal(cs_service_search(&h, f->svc, "x", 1001, 0), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "at most 1000 hits"));
    char many[400] = "";
    for (int i = 0; i < 33; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "w%d ", i);
    assert_int_equal(cs_service_search(&h, f->svc, many, 10, 0), CS_EUSAGE);
    assert_non_null(strstr(cs_error_last(), "more than 32 different words"));
    /* invalid UTF-8 separates words; it is no error */
    assert_string_equal(hits_of(f->svc, "\xff\xfeтомск\xc0", 10, 0, NULL), "cluster:tomsk");
}

/* Runs SQL on the registry file beside the service's connection; the count of its one row. */
static long long sql_count(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    int step = sqlite3_step(st);
    long long n = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    assert_true(step == SQLITE_ROW || step == SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

#define MANY 5000

/*
 * A small import into a registry with many organisations replaces the index rows of the records
 * it touched and no others: every row is marked (year 7, a column no hit shows for
 * organisations) by hand, and after the import the rows still marked are counted.
 */
static void test_small_import_touches_its_rows(void **state)
{
    search_fixture *f = *state;
    cs_buf csv = CS_BUF_INIT;
    assert_int_equal(cs_buf_puts(&csv, "key,name,type\n"), 0);
    for (int i = 0; i < MANY; i++)
        assert_int_equal(cs_buf_printf(&csv, "m%05d,Maker number %d,manufacturer\n", i, i), 0);
    char *orgs = st_write(f->dir, "orgs.csv", cs_buf_str(&csv));
    cs_buf_free(&csv);
    const char *paths[] = { orgs };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("importing: %s", cs_error_last());
    free(orgs);
    long long rows = sql_count(f->path, "SELECT count(*) FROM search_index");
    assert_int_equal(rows, 2 + 1 + MANY + 1); /* clusters, o1, the makers, the fact */
    sql_count(f->path, "UPDATE search_index SET year = 7");
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index WHERE year = 7"), rows);

    /* one fact, one new organisation, one maker joining a cluster, one cluster renamed */
    import_text(f, "small.json",
                "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
                " \"clusters\": [{\"key\": \"lund\", \"name_en\": \"Medicon Valley\", "
                "\"country\": \"SE\"}],\n"
                " \"organisations\": [{\"key\": \"n1\", \"name\": \"Newcomer labs\", "
                "\"type\": \"research\"}],\n"
                " \"memberships\": [{\"cluster\": \"lund\", \"organisation\": \"m00042\"}],\n"
                " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"tomsk\", "
                "\"fact\": \"organisation_count\", \"value\": \"17\", \"status\": "
                "\"stated\", \"source\": \"s1\", \"quote\": \"семнадцать\"}]}\n");
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index"), rows + 2);
    /* rewritten: lund's row and m00042's; written: n1's and the fact's */
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index WHERE year = 7"),
                     rows - 2);
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index WHERE year = 7 AND "
                                        "kind <> 'fact' AND key IN ('lund', 'm00042')"),
                     0);
    assert_string_equal(hits_of(f->svc, "medicon", 10, 0, NULL), "cluster:lund");
    assert_string_equal(hits_of(f->svc, "newcomer", 10, 0, NULL), "organisation:n1");
    assert_string_equal(hits_of(f->svc, "семнадцать", 10, 0, NULL), "fact:tomsk");
    assert_string_equal(hits_of(f->svc, "maker 42", 10, 0, NULL), "organisation:m00042");
    /* the organisation's hit names the cluster it joined */
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index WHERE key = "
                                        "'m00042' AND cluster = 'lund'"),
                     1);
    /* the first cluster by key of the one a row named and the ones joined: o1 was tomsk's */
    import_text(f, "more.json",
                "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
                " \"memberships\": [{\"cluster\": \"tomsk\", \"organisation\": \"m00042\"},"
                " {\"cluster\": \"lund\", \"organisation\": \"o1\"}]}\n");
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index WHERE cluster = "
                                        "'lund' AND key IN ('m00042', 'o1')"),
                     2);
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index WHERE year = 7"),
                     rows - 3);
}

/* An index written before row ids were fixed by kind (row ids 1, 2, ... in the order of the old
 * whole rebuild) is rebuilt whole on the next write, so no record keeps a stale second row. */
static void test_old_index_rebuilt_once(void **state)
{
    search_fixture *f = *state;
    long long rows = sql_count(f->path, "SELECT count(*) FROM search_index");
    assert_true(rows > 0);
    sql_count(f->path,
              "CREATE TABLE old_rows AS SELECT head, body, kind, key, subject_kind, title, "
              "title_ru, text, cluster, fact, year FROM search_index ORDER BY kind, key");
    sql_count(f->path, "DELETE FROM search_index");
    sql_count(f->path, "INSERT INTO search_index (head, body, kind, key, subject_kind, title, "
                       "title_ru, text, cluster, fact, year) SELECT * FROM old_rows");
    sql_count(f->path, "DROP TABLE old_rows");
    assert_int_equal(sql_count(f->path, "SELECT max(rowid) FROM search_index"), rows);
    import_text(f, "rename.json",
                "{\"format\": \"clusterscope-registry\", \"version\": 1, \"clusters\": [{\"key\": "
                "\"lund\", \"name_en\": \"Medicon Valley\", \"country\": \"SE\"}]}");
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index"), rows);
    assert_int_equal(sql_count(f->path, "SELECT count(*) FROM search_index WHERE rowid < 1 << 40"),
                     0);
    size_t total = 0;
    assert_string_equal(hits_of(f->svc, "medicon", 10, 0, &total), "cluster:lund");
    assert_int_equal(total, 1);
    assert_string_equal(hits_of(f->svc, "lund", 10, 0, NULL), "cluster:lund fact:lund");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_word_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_is_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paging_and_snippets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_follows_import, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_builds_index, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_import_touches_its_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_old_index_rebuilt_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
