/*
 * The web writes (service_edit.c, service_registration.c, service_session.c): profile edits
 * and facts with their revisions (author, source, old and new values), every refusal (role,
 * unknown field, unknown source, bad values by the import's rules, unknown cluster, texts too
 * long or not UTF-8), reverts and their conflicts, self-registration (checked, rate-limited,
 * invisible until approved, approved once), and sessions (hash stored, expiry, close). After a
 * refused write the registry's rows are as they were.
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
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}, {\"code\": \"DE\", "
    "\"name_en\": \"Germany\"}],\n"
    " \"regions\": [{\"key\": \"ru-tom\", \"country\": \"RU\", \"name_en\": \"Tomsk Oblast\"}],\n"
    " \"clusters\": [{\"key\": \"tomsk\", \"name_en\": \"Tomsk\", \"country\": \"RU\",\n"
    "                \"city\": \"Tomsk\", \"founded\": 2012, \"source\": \"s1\"}],\n"
    " \"organisations\": [{\"key\": \"o1\", \"name\": \"Uni\", \"type\": \"education\"}],\n"
    " \"memberships\": [{\"cluster\": \"tomsk\", \"organisation\": \"o1\", \"source\": \"s1\"}],\n"
    " \"facts\": [{\"subject_kind\": \"cluster\", \"subject\": \"tomsk\", \"fact\": "
    "\"organisation_count\", \"year\": 2019, \"value\": \"40\", \"status\": \"stated\", "
    "\"source\": \"s1\", \"locator\": \"p. 3\", \"quote\": \"40 участников\"}]}\n";

typedef struct {
    char *dir, *path;
    cs_service *svc;
    cs_service_user viewer, editor, admin;
} edit_fixture;

static cs_service_user user(const char *name, const char *role)
{
    cs_service_user u;
    memset(&u, 0, sizeof u);
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.role, sizeof u.role, "%s", role);
    return u;
}

static int setup(void **state)
{
    edit_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    if (cs_service_create(f->path) || cs_service_open(&f->svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    char *p = st_write(f->dir, "in.json", registry_json);
    const char *paths[] = { p };
    cs_import_stats stats;
    if (cs_service_import(&stats, f->svc, paths, 1, NULL))
        fail_msg("importing: %s", cs_error_last());
    free(p);
    const char *names[][2] = { { "vic", "viewer" }, { "eve", "editor" }, { "ada", "admin" } };
    cs_service_user *us[] = { &f->viewer, &f->editor, &f->admin };
    for (int i = 0; i < 3; i++) {
        char *token = NULL;
        if (cs_service_user_add(&token, f->svc, names[i][0], names[i][1]))
            fail_msg("adding %s: %s", names[i][0], cs_error_last());
        free(token);
        *us[i] = user(names[i][0], names[i][1]);
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    edit_fixture *f = *state;
    cs_service_close(f->svc);
    st_dir_remove(f->dir);
    free(f->path);
    free(f);
    return 0;
}

/* The text of the first column of SQL's first row ("" when none or NULL; the caller frees). */
static char *query_text(edit_fixture *f, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    const char *v = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "";
    char *copy = strdup(v ? v : "");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return copy;
}

static void assert_query(edit_fixture *f, const char *sql, const char *want)
{
    char *got = query_text(f, sql);
    if (strcmp(got, want) != 0)
        fail_msg("%s: expected '%s', got '%s'", sql, want, got);
    free(got);
}

/* Everything a write could touch, as one text: what a refused write must leave as it was. */
static char *state_of(edit_fixture *f)
{
    return query_text(f, "SELECT (SELECT group_concat(key || '|' || name_en || '|' || "
                         "coalesce(city, '') || '|' || coalesce(founded, ''), ';') FROM cluster) "
                         "|| '#' || (SELECT group_concat(subject || name || year || value, ';') "
                         "FROM fact) || '#' || (SELECT count(*) FROM revision) || '#' || (SELECT "
                         "count(*) FROM registration) || '#' || (SELECT count(*) FROM source)");
}

static void test_edit_profile(void **state)
{
    edit_fixture *f = *state;
    size_t changed = 99;
    cs_service_field fields[] = { { "city", "Tomsk city" },
                                  { "founded", "2013" },
                                  { "name_ru", "Томск" } };
    assert_int_equal(cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", fields, 3, "s2",
                                             "p. 7", "quoted"),
                     0);
    assert_int_equal(changed, 3);
    long long first = 0, last = 0;
    cs_service_last_revisions(&first, &last, f->svc);
    assert_true(first > 0);
    assert_int_equal(last - first, 2);
    assert_query(f, "SELECT city || '/' || founded || '/' || name_ru FROM cluster",
                 "Tomsk city/2013/Томск");
    assert_query(f,
                 "SELECT author || ',' || action || ',' || old_value || ',' || new_value || ',' || "
                 "source || ',' || locator || ',' || quote FROM revision WHERE field = 'city' AND "
                 "action = 'edit'",
                 "eve,edit,Tomsk,Tomsk city,s2,p. 7,quoted");
    /* the import's revision is still there: nothing overwritten */
    assert_query(f, "SELECT count(*) FROM revision WHERE field = 'city'", "2");
    /* the same values again: nothing changes, nothing is recorded */
    assert_int_equal(
        cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", fields, 3, "s2", NULL, NULL),
        0);
    assert_int_equal(changed, 0);
    /* "" empties a field; a number is stored in its canonical text */
    cs_service_field empty[] = { { "city", "" }, { "lat", " 56.50 " } };
    assert_int_equal(
        cs_service_edit_cluster(&changed, f->svc, &f->admin, "tomsk", empty, 2, "s1", NULL, NULL),
        0);
    assert_int_equal(changed, 2);
    assert_query(f, "SELECT coalesce(city, 'NULL') || '/' || lat FROM cluster", "NULL/56.5");
    /* the search index follows */
    cs_search_hits *hits = NULL;
    assert_int_equal(cs_service_search(&hits, f->svc, "Томск", 10, 0), 0);
    assert_true(cs_search_hits_total(hits) >= 1);
    cs_search_hits_free(hits);
}

static void test_edit_refusals(void **state)
{
    edit_fixture *f = *state;
    char *before = state_of(f);
    size_t changed = 0;
    cs_service_field ok[] = { { "city", "X" } };
    struct {
        const cs_service_user *who;
        const char *key;
        cs_service_field field;
        const char *source;
        int code;
        const char *says;
    } cases[] = {
        { &f->viewer, "tomsk", { "city", "X" }, "s1", CS_EPERM, "role editor|admin" },
        { NULL, "tomsk", { "city", "X" }, "s1", CS_EPERM, "none signed in" },
        { &f->editor, "tomsk", { "colour", "X" }, "s1", CS_EDATA, "unknown field 'colour'" },
        { &f->editor, "tomsk", { "key", "new" }, "s1", CS_EDATA, "unknown field 'key'" },
        { &f->editor, "tomsk", { "source", "s2" }, "s1", CS_EDATA, "unknown field 'source'" },
        { &f->editor, "tomsk", { "city", "X" }, "nope", CS_EDATA, "found 'nope'" },
        { &f->editor, "tomsk", { "city", "X" }, NULL, CS_EDATA, "'source'" },
        { &f->editor,
          "tomsk",
          { "founded", "twenty" },
          "s1",
          CS_EDATA,
          "a year such as 1994 in 'founded'" },
        { &f->editor, "tomsk", { "founded", "999" }, "s1", CS_EDATA, "founded" },
        { &f->editor, "tomsk", { "lat", "91" }, "s1", CS_EDATA, "latitude" },
        { &f->editor, "tomsk", { "country", "XX" }, "s1", CS_EDATA, "country" },
        { &f->editor, "tomsk", { "country", "DE" }, "s1", CS_EDATA, "region" },
        { &f->editor, "tomsk", { "region", "nowhere" }, "s1", CS_EDATA, "region" },
        { &f->editor, "tomsk", { "stage", "old" }, "s1", CS_EDATA, "emerging" },
        { &f->editor, "tomsk", { "name_en", "" }, "s1", CS_EDATA, "required column 'name_en'" },
        { &f->editor, "tomsk", { "city", "a\001b" }, "s1", CS_EDATA, "control" },
        { &f->editor, "tomsk", { "city", "\xff\xfe" }, "s1", CS_EDATA, "UTF-8" },
        { &f->editor, "nowhere", { "city", "X" }, "s1", CS_ENOTFOUND, "nowhere" },
    };
    /* a region of another country than the cluster's: set the region first */
    cs_service_field region[] = { { "region", "ru-tom" } };
    assert_int_equal(
        cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", region, 1, "s1", NULL, NULL),
        0);
    free(before);
    before = state_of(f);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = cs_service_edit_cluster(&changed, f->svc, cases[i].who, cases[i].key,
                                         &cases[i].field, 1, cases[i].source, NULL, NULL);
        if (rc != cases[i].code || !strstr(cs_error_last(), cases[i].says))
            fail_msg("case %zu (%s=%s): expected %d with '%s', got %d: %s", i, cases[i].field.field,
                     cases[i].field.value, cases[i].code, cases[i].says, rc, cs_error_last());
        assert_int_equal(changed, 0);
        /* an edit's message does not speak of importing */
        assert_null(strstr(cs_error_last(), "import"));
    }
    /* unknown field and source carry the advice a front end maps to its error code */
    cs_service_field bad[] = { { "colour", "X" } };
    cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", bad, 1, "s1", NULL, NULL);
    assert_int_equal(cs_error_advice(), CS_ADVICE_FIELD);
    cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", ok, 1, "nope", NULL, NULL);
    assert_int_equal(cs_error_advice(), CS_ADVICE_SOURCE);
    /* a field twice, none at all, a value too long */
    cs_service_field twice[] = { { "city", "A" }, { "city", "B" } };
    assert_int_equal(
        cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", twice, 2, "s1", NULL, NULL),
        CS_EDATA);
    assert_int_equal(
        cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", ok, 0, "s1", NULL, NULL),
        CS_EDATA);
    char *long_text = malloc(CS_SERVICE_VALUE_MAX + 2);
    memset(long_text, 'a', CS_SERVICE_VALUE_MAX + 1);
    long_text[CS_SERVICE_VALUE_MAX + 1] = 0;
    cs_service_field too_long[] = { { "note", long_text } };
    assert_int_equal(cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", too_long, 1,
                                             "s1", NULL, NULL),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "at most 4000 bytes"));
    free(long_text);
    char *after = state_of(f);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_put_fact(void **state)
{
    edit_fixture *f = *state;
    long long rev = 0;
    cs_service_fact_edit e = { "cluster",    "tomsk",  "organisation_count",
                               "45",         "s2",     "p. 9",
                               "45 members", "stated", 2019 };
    assert_int_equal(cs_service_put_fact(&rev, f->svc, &f->editor, &e), 0);
    assert_true(rev > 0);
    assert_query(f, "SELECT value || '/' || source || '/' || locator FROM fact WHERE year = 2019",
                 "45/s2/p. 9");
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT author || ',' || old_value || ',' || new_value || ',' || source FROM "
             "revision WHERE id = %lld",
             rev);
    assert_query(f, sql, "eve,40,45,s2");
    /* the same again: no revision */
    long long again = -1;
    assert_int_equal(cs_service_put_fact(&again, f->svc, &f->editor, &e), 0);
    assert_int_equal(again, 0);
    /* a new fact, undated */
    cs_service_fact_edit n = { "cluster", "tomsk", "organisation_count", "50", "s1",
                               NULL,      NULL,    "estimated",          0 };
    assert_int_equal(cs_service_put_fact(&rev, f->svc, &f->admin, &n), 0);
    snprintf(sql, sizeof sql,
             "SELECT coalesce(old_value, 'NULL') || ',' || new_value FROM revision WHERE id = %lld",
             rev);
    assert_query(f, sql, "NULL,50");

    char *before = state_of(f);
    struct {
        cs_service_fact_edit e;
        const cs_service_user *who;
        int code;
        const char *says;
    } cases[] = {
        { { "cluster", "tomsk", "organisation_count", "46", "s1", NULL, NULL, "stated", 2019 },
          &f->viewer,
          CS_EPERM,
          "viewer" },
        { { "cluster", "tomsk", "no_such_fact", "46", "s1", NULL, NULL, "stated", 2019 },
          &f->editor,
          CS_EDATA,
          "a fact defined for a cluster" },
        { { "cluster", "tomsk", "organisation_count", "many", "s1", NULL, NULL, "stated", 2019 },
          &f->editor,
          CS_EDATA,
          "organisation_count" },
        { { "cluster", "tomsk", "organisation_count", "46", "s1", NULL, NULL, "reported", 2019 },
          &f->editor,
          CS_EDATA,
          "stated|derived|estimated" },
        { { "cluster", "tomsk", "organisation_count", "46", "s1", NULL, NULL, NULL, 2019 },
          &f->editor,
          CS_EDATA,
          "status" },
        { { "cluster", "tomsk", "organisation_count", "46", "nope", NULL, NULL, "stated", 2019 },
          &f->editor,
          CS_EDATA,
          "nope" },
        { { "cluster", "nowhere", "organisation_count", "46", "s1", NULL, NULL, "stated", 2019 },
          &f->editor,
          CS_EDATA,
          "nowhere" },
        { { "planet", "tomsk", "organisation_count", "46", "s1", NULL, NULL, "stated", 2019 },
          &f->editor,
          CS_EDATA,
          "subject_kind" },
        { { "cluster", "tomsk", "organisation_count", "46", "s1", NULL, NULL, "stated", 3000 },
          &f->editor,
          CS_EDATA,
          "year" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rev = 7;
        int rc = cs_service_put_fact(&rev, f->svc, cases[i].who, &cases[i].e);
        if (rc != cases[i].code || !strstr(cs_error_last(), cases[i].says))
            fail_msg("case %zu: expected %d with '%s', got %d: %s", i, cases[i].code, cases[i].says,
                     rc, cs_error_last());
        assert_int_equal(rev, 0);
    }
    char *after = state_of(f);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static long long last_revision(edit_fixture *f)
{
    char *t = query_text(f, "SELECT max(id) FROM revision");
    long long id = atoll(t);
    free(t);
    return id;
}

static void test_revert(void **state)
{
    edit_fixture *f = *state;
    size_t changed = 0;
    cs_service_field city[] = { { "city", "Seversk" } };
    assert_int_equal(
        cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", city, 1, "s2", NULL, NULL),
        0);
    long long edit = last_revision(f), rev = 0;
    /* editors may not revert */
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->editor, edit), CS_EPERM);
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, 999999), CS_ENOTFOUND);
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, edit), 0);
    assert_true(rev > edit);
    assert_query(f, "SELECT city FROM cluster", "Tomsk");
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT action || ',' || reverts || ',' || old_value || ',' || new_value || ',' || "
             "author FROM revision WHERE id = %lld",
             rev);
    char want[100];
    snprintf(want, sizeof want, "revert,%lld,Seversk,Tomsk,ada", edit);
    assert_query(f, sql, want);
    /* again: the value is no longer the revision's new one */
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, edit), CS_ECONFLICT);
    assert_non_null(strstr(cs_error_last(), "has changed since revision"));
    /* the import created the name: reverting it would empty a required field */
    char *first = query_text(f, "SELECT min(id) FROM revision WHERE field = 'name_en'");
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, atoll(first)), CS_EDATA);
    free(first);

    /* a fact: changed then reverted gets its value and source back; created then reverted goes */
    cs_service_fact_edit e = { "cluster", "tomsk", "organisation_count", "41", "s2", "p. 1", NULL,
                               "stated",  2019 };
    long long fact_rev = 0;
    assert_int_equal(cs_service_put_fact(&fact_rev, f->svc, &f->editor, &e), 0);
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, fact_rev), 0);
    assert_query(f, "SELECT value || '/' || source || '/' || locator FROM fact WHERE year = 2019",
                 "40/s1/p. 3");
    cs_service_fact_edit n = { "cluster", "tomsk", "organisation_count", "7", "s2", NULL, NULL,
                               "stated",  2020 };
    assert_int_equal(cs_service_put_fact(&fact_rev, f->svc, &f->editor, &n), 0);
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, fact_rev), 0);
    assert_query(f, "SELECT count(*) FROM fact WHERE year = 2020", "0");
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, fact_rev), CS_ECONFLICT);
    /* a membership's revision is not reverted here */
    char *membership = query_text(f, "SELECT id FROM revision WHERE target = 'membership'");
    assert_true(atoll(membership) > 0);
    assert_int_equal(cs_service_revert(&rev, f->svc, &f->admin, atoll(membership)), CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "membership"));
    free(membership);
}

static void test_registration(void **state)
{
    edit_fixture *f = *state;
    cs_service_field fields[] = { { "key", "novosibirsk-bio" },
                                  { "name_en", "Novosibirsk Biocluster" },
                                  { "country", "RU" },
                                  { "founded", "2015" },
                                  { "source", "https://example.org/about" } };
    long long id = 0;
    assert_int_equal(cs_service_registration_submit(&id, f->svc, fields, 5,
                                                    "Ivan Petrov <ivan@example.org>", "10.0.0.1"),
                     0);
    assert_true(id > 0);
    /* not a cluster, not searchable */
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_service_clusters(&list, f->svc, "novosibirsk-bio"), CS_ENOTFOUND);
    cs_search_hits *hits = NULL;
    assert_int_equal(cs_service_search(&hits, f->svc, "Novosibirsk", 10, 0), 0);
    assert_int_equal(cs_search_hits_total(hits), 0);
    cs_search_hits_free(hits);

    /* the queue: editors only */
    cs_service_registration_list *q = NULL;
    assert_int_equal(cs_service_registrations(&q, f->svc, &f->viewer, NULL), CS_EPERM);
    assert_int_equal(cs_service_registrations(&q, f->svc, NULL, NULL), CS_EPERM);
    assert_int_equal(cs_service_registrations(&q, f->svc, &f->editor, "maybe"), CS_EDATA);
    assert_int_equal(cs_service_registrations(&q, f->svc, &f->editor, "pending"), 0);
    assert_int_equal(cs_service_registrations_count(q), 1);
    const cs_service_registration *r = cs_service_registrations_at(q, 0);
    assert_int_equal(r->id, id);
    assert_string_equal(r->status, "pending");
    assert_string_equal(r->cluster_key, "novosibirsk-bio");
    assert_string_equal(r->country, "RU");
    assert_non_null(strstr(r->fields_json, "\"founded\":\"2015\""));
    assert_non_null(strstr(r->fields_json, "\"source\":\"https://example.org/about\""));
    cs_service_registrations_free(q);

    /* refusals: bad values by the import's rules, a key taken, no contact */
    char *before = state_of(f);
    cs_service_field bad_year[] = {
        { "key", "x1" }, { "name_en", "X" }, { "country", "RU" }, { "founded", "soon" }
    };
    assert_int_equal(cs_service_registration_submit(&id, f->svc, bad_year, 4, "a@b", "10.0.0.2"),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "founded"));
    cs_service_field taken[] = { { "key", "tomsk" }, { "name_en", "X" }, { "country", "RU" } };
    assert_int_equal(cs_service_registration_submit(&id, f->svc, taken, 3, "a@b", "10.0.0.2"),
                     CS_EDATA);
    assert_non_null(strstr(cs_error_last(), "taken"));
    cs_service_field no_country[] = { { "key", "x2" }, { "name_en", "X" } };
    assert_int_equal(cs_service_registration_submit(&id, f->svc, no_country, 2, "a@b", "10.0.0.2"),
                     CS_EDATA);
    cs_service_field unknown[] = {
        { "key", "x3" }, { "name_en", "X" }, { "country", "RU" }, { "password", "x" }
    };
    assert_int_equal(cs_service_registration_submit(&id, f->svc, unknown, 4, "a@b", "10.0.0.2"),
                     CS_EDATA);
    assert_int_equal(cs_error_advice(), CS_ADVICE_FIELD);
    assert_int_equal(cs_service_registration_submit(&id, f->svc, taken + 0, 0, "", "10.0.0.2"),
                     CS_EDATA);
    char *after = state_of(f);
    assert_string_equal(before, after);
    free(before);
    free(after);

    /* decisions: viewers may not; reject needs a reason; approve makes the cluster, once */
    long long first = 1;
    assert_int_equal(cs_service_registration_decide(f->svc, &f->viewer, first, 1, NULL), CS_EPERM);
    assert_int_equal(cs_service_registration_decide(f->svc, &f->editor, first, 0, ""), CS_EDATA);
    assert_int_equal(cs_service_registration_decide(f->svc, &f->editor, 4242, 1, NULL),
                     CS_ENOTFOUND);
    assert_int_equal(cs_service_registration_decide(f->svc, &f->editor, first, 1, NULL), 0);
    assert_int_equal(cs_service_clusters(&list, f->svc, "novosibirsk-bio"), 0);
    assert_string_equal(cs_cluster_list_at(list, 0)->name_en, "Novosibirsk Biocluster");
    cs_cluster_list_free(list);
    assert_query(f, "SELECT source FROM cluster WHERE key = 'novosibirsk-bio'", "registration:1");
    assert_query(f, "SELECT note FROM source WHERE key = 'registration:1'",
                 "https://example.org/about");
    assert_query(f,
                 "SELECT group_concat(DISTINCT author || '/' || action || '/' || source) FROM "
                 "revision WHERE subject = 'novosibirsk-bio'",
                 "eve/edit/registration:1");
    assert_query(f, "SELECT status || ',' || moderator FROM registration WHERE id = 1",
                 "approved,eve");
    assert_int_equal(cs_service_search(&hits, f->svc, "Novosibirsk", 10, 0), 0);
    assert_true(cs_search_hits_total(hits) >= 1);
    cs_search_hits_free(hits);
    assert_int_equal(cs_service_registration_decide(f->svc, &f->admin, first, 0, "late"),
                     CS_ECONFLICT);

    /* a second one, rejected with its reason */
    cs_service_field other[] = { { "key", "omsk" }, { "name_en", "Omsk" }, { "country", "RU" } };
    assert_int_equal(
        cs_service_registration_submit(&id, f->svc, other, 3, "o@example.org", "10.0.0.3"), 0);
    assert_int_equal(cs_service_registration_decide(f->svc, &f->admin, id, 0, "no such cluster"),
                     0);
    assert_int_equal(cs_service_clusters(&list, f->svc, "omsk"), CS_ENOTFOUND);
    assert_int_equal(cs_service_registrations(&q, f->svc, &f->admin, "rejected"), 0);
    assert_int_equal(cs_service_registrations_count(q), 1);
    assert_string_equal(cs_service_registrations_at(q, 0)->reason, "no such cluster");
    cs_service_registrations_free(q);
}

static void test_registration_limit(void **state)
{
    edit_fixture *f = *state;
    long long id = 0;
    for (int i = 0; i < CS_SERVICE_REGISTRATIONS_PER_HOUR; i++) {
        char key[32];
        snprintf(key, sizeof key, "k%d", i);
        cs_service_field fields[] = { { "key", key }, { "name_en", "X" }, { "country", "RU" } };
        assert_int_equal(cs_service_registration_submit(&id, f->svc, fields, 3, "a@b", "10.9.9.9"),
                         0);
    }
    cs_service_field fields[] = { { "key", "k-over" }, { "name_en", "X" }, { "country", "RU" } };
    assert_int_equal(cs_service_registration_submit(&id, f->svc, fields, 3, "a@b", "10.9.9.9"),
                     CS_ELIMIT);
    assert_non_null(strstr(cs_error_last(), "past hour"));
    /* two registrations of one key: the second's approval finds the key taken */
    cs_service_field dup[] = { { "key", "twin" }, { "name_en", "Twin" }, { "country", "RU" } };
    long long first = 0, second = 0;
    assert_int_equal(cs_service_registration_submit(&first, f->svc, dup, 3, "a@b", "10.1.1.1"), 0);
    assert_int_equal(cs_service_registration_submit(&second, f->svc, dup, 3, "a@b", "10.1.1.1"), 0);
    assert_int_equal(cs_service_registration_decide(f->svc, &f->editor, first, 1, NULL), 0);
    assert_int_equal(cs_service_registration_decide(f->svc, &f->editor, second, 1, NULL),
                     CS_ECONFLICT);
    assert_non_null(strstr(cs_error_last(), "taken"));
    assert_query(f, "SELECT status FROM registration WHERE key = 'twin' ORDER BY id DESC",
                 "pending");
    /* another address is not limited by this one */
    assert_int_equal(cs_service_registration_submit(&id, f->svc, fields, 3, "a@b", "10.9.9.8"), 0);
}

static void test_sessions(void **state)
{
    edit_fixture *f = *state;
    char *token = NULL, *csrf = NULL;
    assert_int_equal(cs_service_session_open(&token, &csrf, f->svc, &f->editor), 0);
    assert_int_equal(strlen(token), 43);
    assert_int_equal(strlen(csrf), 43);
    assert_string_not_equal(token, csrf);
    /* stored: the hash only */
    char digest[65];
    cs_service_secret_digest(digest, token);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM session WHERE token_hash = '%s'", digest);
    assert_query(f, sql, "1");
    char *stored = query_text(f, "SELECT group_concat(token_hash) FROM session");
    assert_null(strstr(stored, token));
    free(stored);
    cs_service_user u;
    char c[64];
    char *none = NULL, *none_csrf = NULL;
    assert_int_equal(cs_service_session_open(&none, &none_csrf, f->svc, NULL), CS_EPERM);
    assert_null(none);
    assert_int_equal(cs_service_session_check(&u, c, f->svc, token), 0);
    assert_string_equal(u.name, "eve");
    assert_string_equal(u.role, "editor");
    assert_string_equal(c, csrf);
    /* wrong, malformed, expired, closed */
    char wrong[44];
    memcpy(wrong, token, 44);
    wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
    assert_int_equal(cs_service_session_check(&u, c, f->svc, wrong), CS_ENOTFOUND);
    assert_int_equal(cs_service_session_check(&u, c, f->svc, "x'; DROP TABLE session; --"),
                     CS_ENOTFOUND);
    assert_int_equal(cs_service_session_check(&u, c, f->svc, NULL), CS_ENOTFOUND);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "UPDATE session SET expires = '2000-01-01T00:00:00Z'", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(cs_service_session_check(&u, c, f->svc, token), CS_ENOTFOUND);
    free(token);
    free(csrf);
    assert_int_equal(cs_service_session_open(&token, &csrf, f->svc, &f->admin), 0);
    /* the expired one was dropped when this one opened */
    assert_query(f, "SELECT count(*) FROM session", "1");
    assert_int_equal(cs_service_session_close(f->svc, token), 0);
    assert_int_equal(cs_service_session_check(&u, c, f->svc, token), CS_ENOTFOUND);
    free(token);
    free(csrf);
}

/* A write on one connection is seen by another at once, and changes its data version (what
 * the web's answer cache is keyed by). */
static void test_other_connection_sees_write(void **state)
{
    edit_fixture *f = *state;
    cs_service *reader = NULL;
    assert_int_equal(cs_service_open(&reader, f->path, CS_SERVICE_READ), 0);
    long long v0 = 0, v1 = 0;
    assert_int_equal(cs_service_data_version(&v0, reader), 0);
    size_t changed = 0;
    cs_service_field city[] = { { "city", "Akademgorodok" } };
    assert_int_equal(
        cs_service_edit_cluster(&changed, f->svc, &f->editor, "tomsk", city, 1, "s1", NULL, NULL),
        0);
    assert_int_equal(cs_service_data_version(&v1, reader), 0);
    assert_true(v1 != v0);
    cs_cluster_list *list = NULL;
    assert_int_equal(cs_service_clusters(&list, reader, "tomsk"), 0);
    assert_string_equal(cs_cluster_list_at(list, 0)->city, "Akademgorodok");
    cs_cluster_list_free(list);
    cs_service_close(reader);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_edit_profile, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_fact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revert, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registration_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_connection_sees_write, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
