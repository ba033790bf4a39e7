/*
 * The web app's writes (api_write.c, auth.c) driven through cs_web_app_handle(): a write on the
 * thread's writer connection is seen by the next read at once, though that read's answer was
 * kept in the cache; a token accepted once and kept in the memo stops working as soon as it is
 * revoked; pages take the session cookie (with its CSRF token) and the API does not; bodies of
 * every shape are refused with their codes and leave the registry as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterscope/error.h"
#include "clusterscope/service.h"
#include "clusterscope/web.h"
#include "web/web_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_test_util.h"

static const char registry_json[] =
    "{\"format\": \"clusterscope-registry\", \"version\": 1,\n"
    " \"sources\": [{\"key\": \"s1\", \"title\": \"Source one\"}],\n"
    " \"countries\": [{\"code\": \"RU\", \"name_en\": \"Russia\"}],\n"
    " \"clusters\": [{\"key\": \"tomsk\", \"name_en\": \"Tomsk\", \"country\": \"RU\",\n"
    "                \"city\": \"Tomsk\", \"source\": \"s1\"}]}\n";

typedef struct {
    char *dir, *path;
    cs_web_app *app;
    char *editor, *viewer;
} write_fixture;

static int setup(void **state)
{
    write_fixture *f = calloc(1, sizeof *f);
    f->dir = st_dir();
    f->path = st_path(f->dir, "r.db");
    cs_service *svc = NULL;
    if (cs_service_create(f->path) || cs_service_open(&svc, f->path, CS_SERVICE_WRITE))
        fail_msg("making the registry: %s", cs_error_last());
    char *p = st_write(f->dir, "in.json", registry_json);
    const char *paths[] = { p };
    cs_import_stats stats;
    if (cs_service_import(&stats, svc, paths, 1, NULL) ||
        cs_service_user_add(&f->editor, svc, "eve", "editor") ||
        cs_service_user_add(&f->viewer, svc, "vic", "viewer"))
        fail_msg("filling the registry: %s", cs_error_last());
    free(p);
    cs_service_close(svc);
    if (cs_web_app_new(&f->app, f->path, NULL))
        fail_msg("app: %s", cs_error_last());
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    write_fixture *f = *state;
    cs_web_app_free(f->app);
    st_dir_remove(f->dir);
    free(f->path);
    free(f->editor);
    free(f->viewer);
    free(f);
    return 0;
}

/* One request with an optional token, cookie and JSON body; the response is the caller's. */
static cs_web_response *request(write_fixture *f, const char *method, const char *path,
                                const char *token, const char *cookie, const char *body)
{
    char auth[128] = "";
    if (token)
        snprintf(auth, sizeof auth, "Bearer %s", token);
    cs_web_request req = { method,
                           path,
                           NULL,
                           cookie,
                           token ? auth : NULL,
                           body ? "application/json" : NULL,
                           NULL,
                           body ? body : "",
                           body ? strlen(body) : 0,
                           "127.0.0.1" };
    cs_web_response *res = NULL;
    assert_int_equal(cs_web_app_handle(&res, f->app, &req), 0);
    return res;
}

static void expect(write_fixture *f, const char *method, const char *path, const char *token,
                   const char *body, int status, const char *contains)
{
    cs_web_response *res = request(f, method, path, token, NULL, body);
    size_t len = 0;
    const char *b = cs_web_response_body(res, &len);
    if (cs_web_response_status(res) != status || (contains && !strstr(b, contains)))
        fail_msg("%s %s %s: expected %d with '%s', got %d: %.*s", method, path, body ? body : "",
                 status, contains ? contains : "", cs_web_response_status(res), (int)len, b);
    cs_web_response_free(res);
}

/* The history of tomsk as the API answers it (the caller frees it). */
static char *history_of(write_fixture *f)
{
    cs_web_response *res = request(f, "GET", "/api/v1/clusters/tomsk/history", NULL, NULL, NULL);
    size_t len = 0;
    const char *b = cs_web_response_body(res, &len);
    char *copy = strndup(b, len);
    cs_web_response_free(res);
    return copy;
}

static void test_write_seen_through_cache(void **state)
{
    write_fixture *f = *state;
    /* read twice: the second answer comes from the cache */
    expect(f, "GET", "/api/v1/clusters/tomsk", NULL, NULL, 200, "\"city\": \"Tomsk\"");
    expect(f, "GET", "/api/v1/clusters/tomsk", NULL, NULL, 200, "\"city\": \"Tomsk\"");
    expect(f, "GET", "/en/clusters/tomsk", NULL, NULL, 200, "Tomsk");
    expect(f, "PATCH", "/api/v1/clusters/tomsk", f->editor,
           "{\"city\": \"Seversk\", \"source\": \"s1\", \"locator\": \"p. 2\", \"quote\": "
           "\"<b>moved</b> to Seversk\"}",
           200, "\"changed\": 1");
    expect(f, "GET", "/api/v1/clusters/tomsk", NULL, NULL, 200, "\"city\": \"Seversk\"");
    expect(f, "GET", "/en/clusters/tomsk", NULL, NULL, 200, "Seversk");
    /* the page's history shows the edit's locator and quote, escaped */
    expect(f, "GET", "/en/clusters/tomsk", NULL, NULL, 200,
           "p. 2<br><q>&lt;b&gt;moved&lt;/b&gt; to Seversk</q>");
    expect(f, "GET", "/api/v1/clusters/tomsk/history", NULL, NULL, 200, "\"author\": \"eve\"");
}

/* The pages' typology (assessment and groups) is made once per state of the registry and kept
 * by the thread: a write that puts the cluster into the method's scope shows on its next page,
 * though another URL (not the answer cache) is asked. */
static void test_typology_follows_writes(void **state)
{
    write_fixture *f = *state;
    expect(f, "GET", "/en/clusters/tomsk", NULL, NULL, 200, "Out of the method&#39;s scope:");
    expect(f, "GET", "/en/", NULL, NULL, 200, "Tomsk");
    expect(f, "PATCH", "/api/v1/clusters/tomsk", f->editor,
           "{\"kind\": \"biomedical\", \"source\": \"s1\"}", 200, "\"changed\": 1");
    cs_web_response *res = request(f, "GET", "/ru/clusters/tomsk", NULL, NULL, NULL);
    size_t len = 0;
    const char *b = cs_web_response_body(res, &len);
    assert_int_equal(cs_web_response_status(res), 200);
    assert_null(strstr(b, "Вне области применения методики:"));
    cs_web_response_free(res);
    res = request(f, "GET", "/en/clusters/tomsk", NULL, NULL, NULL);
    b = cs_web_response_body(res, &len);
    assert_null(strstr(b, "Out of the method&#39;s scope:"));
    cs_web_response_free(res);
}

static void test_memo_sees_revocation(void **state)
{
    write_fixture *f = *state;
    expect(f, "PATCH", "/api/v1/clusters/tomsk", f->editor, "{\"city\": \"A\", \"source\": \"s1\"}",
           200, NULL);
    /* the memo answers now; then the token is revoked behind the app's back */
    expect(f, "PATCH", "/api/v1/clusters/tomsk", f->editor, "{\"city\": \"B\", \"source\": \"s1\"}",
           200, NULL);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "DELETE FROM api_token WHERE account_id = (SELECT id FROM "
                                  "account WHERE name = 'eve')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    expect(f, "PATCH", "/api/v1/clusters/tomsk", f->editor, "{\"city\": \"C\", \"source\": \"s1\"}",
           401, "unauthorized");
    expect(f, "GET", "/api/v1/clusters/tomsk", NULL, NULL, 200, "\"city\": \"B\"");
}

static void test_refusals(void **state)
{
    write_fixture *f = *state;
    const char *P = "/api/v1/clusters/tomsk";
    char *before = history_of(f);
    expect(f, "PATCH", P, NULL, "{\"city\": \"X\", \"source\": \"s1\"}", 401, "unauthorized");
    expect(f, "PATCH", P, f->viewer, "{\"city\": \"X\", \"source\": \"s1\"}", 403, "forbidden");
    expect(f, "PATCH", P, "", "{\"city\": \"X\", \"source\": \"s1\"}", 401, "a malformed token");
    expect(f, "PATCH", P, f->editor, "{\"city\": \"X\"", 400, "bad_json");
    expect(f, "PATCH", P, f->editor, "[]", 400, "bad_json");
    expect(f, "PATCH", P, f->editor, "", 400, "bad_json");
    expect(f, "PATCH", P, f->editor, "{\"a\": 1, \"a\": 2}", 400, "bad_json");
    expect(f, "PATCH", P, f->editor, "{\"city\": \"x\\u0000y\", \"source\": \"s1\"}", 400,
           "bad_json");
    expect(f, "PATCH", P, f->editor, "{\"city\": [1], \"source\": \"s1\"}", 400, "invalid_value");
    expect(f, "PATCH", P, f->editor, "{\"city\": \"X\", \"source\": 7}", 400, "invalid_value");
    expect(f, "PATCH", P, f->editor, "{\"town\": \"X\", \"source\": \"s1\"}", 400, "unknown_field");
    expect(f, "PATCH", P, f->editor, "{\"city\": \"X\", \"source\": \"s9\"}", 400,
           "unknown_source");
    expect(f, "PATCH", P, f->editor, "{\"founded\": 99, \"source\": \"s1\"}", 400, "invalid_value");
    expect(f, "PATCH", "/api/v1/clusters/none", f->editor, "{\"city\": \"X\", \"source\": \"s1\"}",
           404, "not_found");
    expect(f, "POST", "/api/v1/revisions/0/revert", f->editor, NULL, 404, "not_found");
    expect(f, "POST", "/api/v1/revisions/1/revert", f->editor, NULL, 403, "forbidden");
    expect(f, "POST", "/api/v1/facts", f->editor, "{\"subject_kind\": \"cluster\"}", 400,
           "unknown_source");
    expect(f, "POST", "/api/v1/facts", f->editor,
           "{\"subject_kind\": \"cluster\", \"subject\": \"tomsk\", \"fact\": \"x\", \"source\": "
           "\"s1\"}",
           400, "invalid_value");
    expect(f, "POST", "/api/v1/registrations", NULL, "{\"key\": \"k\"}", 400, NULL);
    expect(f, "GET", "/api/v1/registrations", f->viewer, NULL, 403, "forbidden");
    char *big = malloc(70000);
    memset(big, ' ', 69999);
    big[69999] = 0;
    expect(f, "PATCH", P, f->editor, big, 413, "too_large");
    free(big);
    /* nothing refused was written */
    char *after = history_of(f);
    assert_non_null(
        strstr(after, "\"total\": 4")); /* the import's: name_en, country, city, source */
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_auth_by_session(void **state)
{
    write_fixture *f = *state;
    cs_service *svc = NULL;
    assert_int_equal(cs_service_open(&svc, f->path, CS_SERVICE_WRITE), 0);
    cs_service_user eve;
    memset(&eve, 0, sizeof eve);
    snprintf(eve.name, sizeof eve.name, "eve");
    snprintf(eve.role, sizeof eve.role, "editor");
    char *session = NULL, *csrf = NULL;
    assert_int_equal(cs_service_session_open(&session, &csrf, svc, &eve), 0);
    char cookie[200];
    snprintf(cookie, sizeof cookie, "lang=en; %s=%s", CS_WEB_SESSION_COOKIE, session);

    cs_service *reader = NULL;
    assert_int_equal(cs_service_open(&reader, f->path, CS_SERVICE_READ), 0);
    cs_web_request page = { "GET", "/en/", NULL, cookie, NULL, NULL, NULL, "", 0, "127.0.0.1" };
    cs_web_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.app = f->app;
    ctx.req = &page;
    ctx.svc = reader;
    cs_service_user who;
    assert_int_equal(cs_web_auth(&who, &ctx), 0);
    assert_string_equal(who.name, "eve");
    assert_string_equal(ctx.csrf, csrf);
    /* the API does not take the cookie */
    cs_web_request api = {
        "PATCH", "/api/v1/clusters/tomsk", NULL, cookie, NULL, NULL, NULL, "", 0, "127.0.0.1"
    };
    ctx.req = &api;
    assert_int_equal(cs_web_auth(&who, &ctx), CS_ENOTFOUND);
    /* anonymous page, closed session */
    cs_web_request anon = { "GET", "/en/", NULL, NULL, NULL, NULL, NULL, "", 0, "127.0.0.1" };
    ctx.req = &anon;
    assert_int_equal(cs_web_auth(&who, &ctx), CS_ENOTFOUND);
    assert_int_equal(cs_service_session_close(svc, session), 0);
    ctx.req = &page;
    assert_int_equal(cs_web_auth(&who, &ctx), CS_ENOTFOUND);
    free(session);
    free(csrf);
    cs_service_close(reader);
    cs_service_close(svc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_seen_through_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typology_follows_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memo_sees_revocation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_auth_by_session, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
